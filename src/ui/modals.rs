//! Questions that need an answer before anything else: unsaved changes, which template, a new
//! name, a typed path when no file dialog can be shown, a file changed by another program, a failed
//! save, boards to restore after a crash.

use std::path::PathBuf;

use eframe::egui::{self, Key, Modifiers, RichText};

use crate::io::Template;
use crate::model::{Axis, ops};
use crate::ui::action::{Action, Actions, Purpose, Then};
use crate::ui::context::UiCtx;

#[derive(Clone, Debug, PartialEq)]
pub enum Modal {
    /// Save, discard or cancel before doing `then`.
    Unsaved {
        then: Then,
    },
    ChooseTemplate,
    Rename {
        axis: Axis,
        index: usize,
        text: String,
    },
    TypePath {
        purpose: Purpose,
        text: String,
        reason: String,
    },
    /// Something to read and acknowledge, e.g. what an import could not keep.
    Report {
        title: String,
        intro: String,
        lines: Vec<String>,
    },
    /// Another program wrote the board's file since it was opened or saved here.
    ChangedOnDisk {
        then: Option<Then>,
    },
    /// Saving failed; the board is still open and unsaved.
    SaveFailed {
        message: String,
        then: Option<Then>,
    },
    /// Restore or discard the boards a crash left behind.
    Recover,
    /// A typed path names a file that exists: replace it?
    ConfirmReplace {
        purpose: Purpose,
        path: PathBuf,
    },
    /// Open the room on one of this machine's addresses.
    OpenRoom {
        choices: Vec<(String, std::net::IpAddr)>,
        chosen: usize,
    },
}

/// How a modal was answered this frame.
pub(crate) enum Answer {
    Pending,
    Cancel,
    Done,
}

/// Shows `modal` over the window; returns whether it stays open. Its answers go to `out`.
pub fn show(ctx: &egui::Context, modal: &mut Modal, cx: &UiCtx<'_>, out: &mut Actions) -> bool {
    let answer = egui::Modal::new(egui::Id::unique("tandem-modal"))
        .show(ctx, |ui| {
            ui.set_max_width(520.0);
            match modal {
                Modal::Unsaved { then } => unsaved(ui, cx, *then, out),
                Modal::ChooseTemplate => choose_template(ui, out),
                Modal::Rename { axis, index, text } => rename(ui, cx, *axis, *index, text, out),
                Modal::TypePath {
                    purpose,
                    text,
                    reason,
                } => type_path(ui, purpose, text, reason, out),
                Modal::Report {
                    title,
                    intro,
                    lines,
                } => report(ui, title, intro, lines),
                Modal::ChangedOnDisk { then } => changed_on_disk(ui, cx, *then, out),
                Modal::SaveFailed { message, then } => save_failed(ui, message, *then, out),
                Modal::Recover => crate::ui::recovery::recover_modal(ui, cx, out),
                Modal::ConfirmReplace { purpose, path } => confirm_replace(ui, purpose, path, out),
                Modal::OpenRoom { choices, chosen } => open_room(ui, choices, chosen, out),
            }
        })
        .inner;
    let escape = ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
    match answer {
        Answer::Pending if !escape => true,
        Answer::Cancel | Answer::Pending => {
            if matches!(modal, Modal::Recover) {
                out.push(Action::DecideLater);
            }
            false
        }
        Answer::Done => false,
    }
}

pub(crate) fn enter_pressed(ui: &egui::Ui) -> bool {
    ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter))
}

fn unsaved(ui: &mut egui::Ui, cx: &UiCtx<'_>, then: Then, out: &mut Actions) -> Answer {
    let action = match then {
        Then::NewBoard(_) => "starting a new board",
        Then::Open => "opening another board",
        Then::Close => "closing",
        Then::Import => "importing a canvas",
        Then::Restore(_) => "restoring another board",
    };
    ui.heading(format!("Save changes to {}?", cx.file_name));
    ui.label(format!(
        "The board has changes that are not saved. Save them before {action}?"
    ));
    ui.add_space(10.0);
    let mut answer = Answer::Pending;
    ui.horizontal(|ui| {
        let save = ui
            .button(RichText::new("Save").strong())
            .on_hover_text("Enter");
        if save.clicked() || enter_pressed(ui) {
            out.push(Action::Save(Some(then)));
            answer = Answer::Done;
        }
        if ui.button("Don't save").clicked() {
            out.push(Action::Proceed(then));
            answer = Answer::Done;
        }
        if ui.button("Cancel").on_hover_text("Esc").clicked() {
            answer = Answer::Cancel;
        }
    });
    answer
}

fn changed_on_disk(
    ui: &mut egui::Ui,
    cx: &UiCtx<'_>,
    then: Option<Then>,
    out: &mut Actions,
) -> Answer {
    ui.heading(format!("{} changed on disk", cx.file_name));
    ui.label(
        "Another program has written this file since Tandem last read or saved it. Saving now \
         replaces that version with this board (it is kept as a .bak file beside it).",
    );
    ui.add_space(10.0);
    let mut answer = Answer::Pending;
    ui.horizontal(|ui| {
        if ui.button("Overwrite").clicked() {
            out.push(Action::Overwrite(then));
            answer = Answer::Done;
        }
        if ui
            .button(RichText::new("Save as…").strong())
            .on_hover_text("Enter")
            .clicked()
            || enter_pressed(ui)
        {
            out.push(Action::ChooseFile(Purpose::SaveAs(then)));
            answer = Answer::Done;
        }
        if ui.button("Cancel").on_hover_text("Esc").clicked() {
            answer = Answer::Cancel;
        }
    });
    answer
}

fn save_failed(ui: &mut egui::Ui, message: &str, then: Option<Then>, out: &mut Actions) -> Answer {
    ui.heading("Could not save");
    ui.label(message);
    ui.add_space(10.0);
    let mut answer = Answer::Pending;
    ui.horizontal(|ui| {
        if ui.button("Save as…").clicked() {
            out.push(Action::ChooseFile(Purpose::SaveAs(then)));
            answer = Answer::Done;
        }
        let ok = ui
            .button(RichText::new("OK").strong())
            .on_hover_text("Enter");
        if ok.clicked() || enter_pressed(ui) {
            answer = Answer::Done;
        }
    });
    answer
}

fn choose_template(ui: &mut egui::Ui, out: &mut Actions) -> Answer {
    ui.heading("New board");
    ui.label("Start from:");
    ui.add_space(6.0);
    let mut chosen = None;
    for (i, t) in Template::ALL.into_iter().enumerate() {
        let key = [Key::Num1, Key::Num2, Key::Num3, Key::Num4][i];
        let button =
            egui::Button::new(RichText::new(format!("{}  {}", i + 1, t.label())).size(18.0))
                .min_size(egui::vec2(440.0, 34.0));
        if ui.add(button).clicked() || ui.input_mut(|inp| inp.consume_key(Modifiers::NONE, key)) {
            chosen = Some(t);
        }
    }
    if chosen.is_none() && enter_pressed(ui) {
        chosen = Some(Template::Partnership);
    }
    ui.add_space(6.0);
    let cancel = ui.button("Cancel").clicked();
    match chosen {
        Some(t) => {
            out.push(Action::Request(Then::NewBoard(t)));
            Answer::Done
        }
        None if cancel => Answer::Cancel,
        None => Answer::Pending,
    }
}

fn rename(
    ui: &mut egui::Ui,
    cx: &UiCtx<'_>,
    axis: Axis,
    index: usize,
    text: &mut String,
    out: &mut Actions,
) -> Answer {
    ui.heading(format!("Rename {}", axis.noun()));
    let resp = ui.add(
        egui::TextEdit::singleline(text)
            .desired_width(400.0)
            .font(egui::TextStyle::Heading),
    );
    crate::ui::accessible_name(&resp, &format!("New {} name", axis.noun()));
    if !resp.has_focus() && !resp.lost_focus() {
        // The old name selected: typing replaces it, an arrow key keeps it to edit.
        crate::ui::focus_selecting_all(&resp, text);
    }
    let mut ok = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    let mut cancel = false;
    ui.horizontal(|ui| {
        ok |= ui.button(RichText::new("Rename").strong()).clicked();
        cancel = ui.button("Cancel").clicked();
    });
    if ok {
        let name = text.trim();
        if !name.is_empty()
            && let Some(edit) = ops::rename_track(cx.board(), axis, index, name)
        {
            out.push(Action::edit(format!("Rename {}", axis.noun()), edit));
        }
        return Answer::Done;
    }
    if cancel {
        Answer::Cancel
    } else {
        Answer::Pending
    }
}

fn type_path(
    ui: &mut egui::Ui,
    purpose: &Purpose,
    text: &mut String,
    reason: &str,
    out: &mut Actions,
) -> Answer {
    let (title, verb) = match purpose {
        Purpose::Open => ("Open board".to_owned(), "Open"),
        Purpose::SaveAs(_) => ("Save board as".to_owned(), "Save"),
        Purpose::Export(job) => (format!("Export as {}", job.format.label()), "Export"),
        Purpose::Import => ("Import JSON Canvas".to_owned(), "Import"),
    };
    ui.heading(title);
    ui.label(format!("{reason}. Type the file's path instead:"));
    let resp = ui.add(egui::TextEdit::singleline(text).desired_width(500.0));
    crate::ui::accessible_name(&resp, "File path");
    if !resp.has_focus() && !resp.lost_focus() {
        resp.request_focus();
    }
    let mut ok = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    let mut cancel = false;
    ui.horizontal(|ui| {
        ok |= ui.button(RichText::new(verb).strong()).clicked();
        cancel = ui.button("Cancel").clicked();
    });
    if ok && !text.trim().is_empty() {
        out.push(Action::PathTyped(
            purpose.clone(),
            PathBuf::from(text.trim()),
        ));
        return Answer::Done;
    }
    if cancel {
        Answer::Cancel
    } else {
        Answer::Pending
    }
}

fn confirm_replace(
    ui: &mut egui::Ui,
    purpose: &Purpose,
    path: &std::path::Path,
    out: &mut Actions,
) -> Answer {
    let name = crate::io::files::display_name(path);
    let folder = path
        .parent()
        .map_or_else(String::new, |p| p.display().to_string());
    ui.heading(format!("Replace {name}?"));
    ui.label(format!("A file with this name already exists in {folder}."));
    if matches!(purpose, Purpose::SaveAs(_)) {
        ui.label("Replacing it keeps its current content beside it as a .bak file.");
    } else {
        ui.label("Replacing it overwrites what is in it.");
    }
    ui.add_space(10.0);
    let mut answer = Answer::Pending;
    ui.horizontal(|ui| {
        if ui.button("Replace").clicked() {
            out.push(Action::PathChosen(purpose.clone(), path.to_path_buf()));
            answer = Answer::Done;
        }
        if ui
            .button(RichText::new("Cancel").strong())
            .on_hover_text("Esc")
            .clicked()
        {
            answer = Answer::Cancel;
        }
    });
    answer
}

fn open_room(
    ui: &mut egui::Ui,
    choices: &[(String, std::net::IpAddr)],
    chosen: &mut usize,
    out: &mut Actions,
) -> Answer {
    ui.heading("Open the room");
    ui.label(
        "Participants add notes and vote from their phones' browsers: no app, no account, no \
         internet. Phones must be on the same network as this computer.",
    );
    ui.add_space(6.0);
    ui.label(RichText::new("Address phones reach this computer at:").strong());
    for (i, (label, _)) in choices.iter().enumerate() {
        ui.radio_value(chosen, i, label);
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new(
            "The page is plain HTTP on your local network (no certificate can be had for a local \
             address); it carries only the workshop's notes. Guest Wi-Fi often keeps devices \
             apart: if phones cannot reach the page, share this computer's or a phone's hotspot.",
        )
        .weak(),
    );
    ui.add_space(10.0);
    let mut answer = Answer::Pending;
    ui.horizontal(|ui| {
        let open = ui
            .button(RichText::new("Open").strong())
            .on_hover_text("Enter");
        if (open.clicked() || enter_pressed(ui))
            && let Some((_, ip)) = choices.get(*chosen)
        {
            let addr = std::net::SocketAddr::new(*ip, crate::ui::room::DEFAULT_PORT);
            out.push(Action::OpenRoom(addr));
            answer = Answer::Done;
        }
        if ui.button("Cancel").on_hover_text("Esc").clicked() {
            answer = Answer::Cancel;
        }
    });
    answer
}

fn report(ui: &mut egui::Ui, title: &str, intro: &str, lines: &[String]) -> Answer {
    ui.heading(title);
    ui.label(intro);
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .show(ui, |ui| {
            for line in lines {
                ui.label(format!("• {line}"));
            }
        });
    ui.add_space(6.0);
    if ui.button(RichText::new("OK").strong()).clicked() || enter_pressed(ui) {
        Answer::Done
    } else {
        Answer::Pending
    }
}
