//! The status bar: the last message, the note and selection counts, and the zoom controls.

use eframe::egui::{self, RichText};

use crate::ui::action::{Action, Actions};
use crate::ui::commands::Command;
use crate::ui::context::UiCtx;

pub(super) fn show(ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            if let Some(status) = cx.status {
                let color = if status.error {
                    cx.palette().error
                } else {
                    ui.visuals().text_color()
                };
                ui.label(RichText::new(&status.text).color(color));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
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
            });
        });
    });
}

/// A small zoom button whose tooltip names the command and its key, e.g. "Zoom in (Ctrl++)".
fn zoom_button(ui: &mut egui::Ui, text: &str, cmd: Command) -> bool {
    let key = cmd.shortcut_text(ui.ctx()).unwrap_or_default();
    ui.button(text)
        .on_hover_text(format!("{} ({key})", cmd.label()))
        .clicked()
}
