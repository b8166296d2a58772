//! The status bar: the last message, the legend of flow kinds, the note and selection counts, and
//! the zoom controls.

use eframe::egui::{self, RichText};

use crate::ui::action::{Action, Actions};
use crate::ui::commands::Command;
use crate::ui::context::UiCtx;
use crate::ui::flow_cards;

/// Below this width the message gets a line of its own above the counts and zoom controls.
const ONE_LINE_WIDTH: f32 = 640.0;

pub(super) fn show(ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
    egui::Panel::bottom("status").show(ui, |ui| {
        if ui.available_width() >= ONE_LINE_WIDTH {
            // The message gives way (cut with an ellipsis, whole on hover) to the controls.
            egui::Sides::new().shrink_left().truncate().show(
                ui,
                |ui| message(ui, cx),
                |ui| {
                    controls(ui, cx, out);
                    // Only on a wide bar: the board keeps every row of a small window.
                    if let Some(legend) = flow_cards::legend_line(cx.board(), &cx.palette()) {
                        ui.separator();
                        ui.label(legend);
                    }
                },
            );
        } else {
            egui::Sides::new()
                .shrink_left()
                .truncate()
                .show(ui, |ui| message(ui, cx), |_| {});
            egui::Sides::new().show(ui, |_| {}, |ui| controls(ui, cx, out));
        }
    });
}

/// The last message, red when it is an error.
fn message(ui: &mut egui::Ui, cx: &UiCtx<'_>) {
    if let Some(status) = cx.status {
        let color = if status.error {
            cx.palette().error
        } else {
            ui.visuals().text_color()
        };
        ui.label(RichText::new(&status.text).color(color))
            .on_hover_text(&status.text);
    }
}

/// The note and selection counts and the zoom controls, laid out from the right.
fn controls(ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
    for (text, cmd) in [("Fit", Command::ZoomToFit), ("+", Command::ZoomIn)] {
        if zoom_button(ui, text, cmd) {
            out.push(Action::Command(cmd));
        }
    }
    ui.label(format!("{:.0} %", cx.canvas.view.zoom * 100.0));
    if zoom_button(ui, "−", Command::ZoomOut) {
        out.push(Action::Command(Command::ZoomOut));
    }
    ui.separator();
    let notes = cx.board().notes().len();
    let selected = cx.canvas.selection.len();
    ui.label(format!(
        "{} · {selected} selected",
        crate::ui::count(notes, "note")
    ));
}

/// A small zoom button whose tooltip names the command and its key, e.g. "Zoom in (Ctrl++)".
fn zoom_button(ui: &mut egui::Ui, text: &str, cmd: Command) -> bool {
    let key = cmd.shortcut_text(ui.ctx()).unwrap_or_default();
    ui.button(text)
        .on_hover_text(format!("{} ({key})", cmd.label()))
        .clicked()
}
