//! The chrome around the canvas: menu bar, toolbar, side panel, status bar and the error banner.
//! Each reads the app through [`UiCtx`] and sends actions; the side panel and the timer field keep
//! their own scratch state here.

mod flows_panel;
mod menu_bar;
mod side_panel;
mod status_bar;
mod toolbar;

use eframe::egui::{self, Button, RichText};

use crate::ui::action::{Action, Actions};
use crate::ui::commands::Command;
use crate::ui::context::UiCtx;
use crate::ui::style::Palette;

pub use side_panel::SidePanel;

/// The panels' own state between frames.
#[derive(Default)]
pub struct Panels {
    side: SidePanel,
    /// What is being typed into the timer's length field.
    timer_input: String,
}

impl Panels {
    /// Draws the menu bar, toolbar, status bar and (when shown) the side panel.
    pub fn show(&mut self, ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
        menu_bar::show(ui, cx, &mut self.timer_input, out);
        // Everything on the toolbar is in the menus too: a very low window keeps the board.
        if ui.available_height() >= toolbar::MIN_WINDOW_HEIGHT {
            toolbar::show(ui, cx, &mut self.timer_input, out);
        }
        status_bar::show(ui, cx, out);
        // In a narrow window the panel would leave the board no room: it folds away.
        if cx.side_panel && ui.available_width() >= side_panel::MIN_WINDOW_WIDTH {
            self.side.show(ui, cx, out);
        }
    }
}

/// A menu entry for a command, with its shortcut, greyed out when it cannot run.
fn command_item(ui: &mut egui::Ui, cx: &UiCtx<'_>, cmd: Command, out: &mut Actions) {
    let mut button = Button::new(cmd.label()).selected(cx.is_on(cmd));
    if let Some(text) = cmd.shortcut_text(ui.ctx()) {
        button = button.shortcut_text(text);
    }
    if ui.add_enabled(cx.enabled(cmd), button).clicked() {
        out.push(Action::Command(cmd));
        ui.close();
    }
}

fn command_items(ui: &mut egui::Ui, cx: &UiCtx<'_>, cmds: &[Command], out: &mut Actions) {
    for &cmd in cmds {
        command_item(ui, cx, cmd, out);
    }
}

/// A button for a command, lit while the command's mode is on, with its key in the tooltip.
fn tool_button(ui: &mut egui::Ui, cx: &UiCtx<'_>, cmd: Command, text: &str, out: &mut Actions) {
    let tip = match cmd.shortcut_text(ui.ctx()) {
        Some(s) => format!("{} ({s})", cmd.label()),
        None => cmd.label().to_owned(),
    };
    let button = Button::new(text).selected(cx.is_on(cmd));
    if ui
        .add_enabled(cx.enabled(cmd), button)
        .on_hover_text(tip)
        .clicked()
    {
        out.push(Action::Command(cmd));
    }
}

/// A file that could not be opened, in red across the top of the board, until dismissed.
pub fn error_banner(ui: &mut egui::Ui, message: &str, palette: &Palette, out: &mut Actions) {
    let frame = egui::Frame::new()
        .fill(palette.error_fill)
        .stroke(egui::Stroke::new(1.0, palette.error))
        .inner_margin(10.0);
    egui::Panel::top("open-error").frame(frame).show(ui, |ui| {
        // The message wraps in the width the button at the right end leaves it.
        egui::Sides::new().shrink_left().wrap().show(
            ui,
            |ui| ui.label(RichText::new(message).color(palette.error_text).size(17.0)),
            |ui| {
                if ui.button("Dismiss").clicked() {
                    out.push(Action::DismissOpenError);
                }
            },
        );
    });
}
