//! The menu bar: File, Edit, View, Workshop and Help, every entry a command of the command table.

use eframe::egui::{self, Button, RichText};

use super::{command_item, command_items, toolbar::timer_menu};
use crate::io::Template;
use crate::ui::action::{Action, Actions, Then};
use crate::ui::commands::{self, Command};
use crate::ui::context::UiCtx;
use crate::ui::export;

pub(super) fn show(ui: &mut egui::Ui, cx: &UiCtx<'_>, timer_input: &mut String, out: &mut Actions) {
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu(ui, cx, out));
            ui.menu_button("Edit", |ui| {
                command_items(ui, cx, &[Command::Undo, Command::Redo], out);
                ui.separator();
                command_items(
                    ui,
                    cx,
                    &[
                        Command::Cut,
                        Command::Copy,
                        Command::Paste,
                        Command::Duplicate,
                        Command::Delete,
                    ],
                    out,
                );
                ui.separator();
                command_items(
                    ui,
                    cx,
                    &[Command::SelectAll, Command::NewNote, Command::EditNote],
                    out,
                );
            });
            ui.menu_button("View", |ui| view_menu(ui, cx, out));
            ui.menu_button("Workshop", |ui| {
                command_item(ui, cx, Command::Present, out);
                ui.separator();
                timer_menu(ui, cx, timer_input, out);
                ui.separator();
                command_items(
                    ui,
                    cx,
                    &[
                        Command::VotingRound,
                        Command::ArrangeByVotes,
                        Command::ResetVotes,
                    ],
                    out,
                );
                ui.separator();
                command_item(ui, cx, Command::Tidy, out);
                ui.separator();
                command_items(
                    ui,
                    cx,
                    &[
                        Command::OpenRoom,
                        Command::SilentWriting,
                        Command::Reveal,
                        Command::CloseRoom,
                    ],
                    out,
                );
            });
            ui.menu_button("Help", |ui| {
                ui.label(RichText::new("Keyboard shortcuts").strong());
                let mac = ui.ctx().os() == egui::os::OperatingSystem::Mac;
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for row in commands::help_rows(mac) {
                        ui.label(row.action);
                        ui.label(row.keys.text(str::to_owned));
                        ui.end_row();
                    }
                });
            });
        });
    });
}

fn file_menu(ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
    ui.menu_button("New board", |ui| {
        for t in Template::ALL {
            if ui.button(t.label()).clicked() {
                out.push(Action::Request(Then::NewBoard(t)));
                ui.close();
            }
        }
    });
    command_items(
        ui,
        cx,
        &[Command::Open, Command::Save, Command::SaveAs],
        out,
    );
    ui.separator();
    if ui.button("Import JSON Canvas…").clicked() {
        out.push(Action::Request(Then::Import));
        ui.close();
    }
    let job = ui
        .menu_button("Export", |ui| export::menu(ui, cx.board()))
        .inner
        .flatten();
    out.extend(job.map(Action::Export));
    ui.separator();
    command_item(ui, cx, Command::Quit, out);
}

fn view_menu(ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
    command_items(
        ui,
        cx,
        &[
            Command::ZoomIn,
            Command::ZoomOut,
            Command::ZoomToFit,
            Command::ZoomToSelection,
            Command::ToggleSidePanel,
        ],
        out,
    );
    ui.separator();
    command_items(
        ui,
        cx,
        &[
            Command::Present,
            Command::Fullscreen,
            Command::DarkTheme,
            Command::LargeText,
        ],
        out,
    );
    ui.menu_button("Partner lens", |ui| {
        let lens = cx.workshop.lens;
        if ui
            .add(Button::new("Off").selected(lens.is_none()))
            .clicked()
        {
            out.push(Action::SetLens(None));
            ui.close();
        }
        for p in cx.board().partners() {
            if ui
                .add(Button::new(&p.name).selected(lens == Some(p.id)))
                .clicked()
            {
                out.push(Action::SetLens(Some(p.id)));
                ui.close();
            }
        }
    });
    ui.separator();
    ui.menu_button("Go to", |ui| {
        if super::side_panel::go_to_list(ui, cx, out) {
            ui.close();
        }
    });
}
