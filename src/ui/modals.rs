//! Questions that need an answer before anything else: unsaved changes, which template, a new
//! name, a typed path when no file dialog can be shown, a file changed by another program, a failed
//! save, boards to restore after a crash.

use std::path::PathBuf;

use eframe::egui::{self, Key, Modifiers, RichText};

use crate::io::Template;
use crate::model::{Axis, ops};
use crate::ui::app::{Purpose, TandemApp, Then};

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
}

/// How a modal was answered this frame.
pub(crate) enum Answer {
    Pending,
    Cancel,
    Done,
}

pub fn show(app: &mut TandemApp, ctx: &egui::Context) {
    let Some(mut modal) = app.modal.take() else {
        return;
    };
    let answer = egui::Modal::new(egui::Id::unique("tandem-modal"))
        .show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &mut modal {
                Modal::Unsaved { then } => unsaved(app, ui, *then),
                Modal::ChooseTemplate => choose_template(app, ui),
                Modal::Rename { axis, index, text } => rename(app, ui, *axis, *index, text),
                Modal::TypePath {
                    purpose,
                    text,
                    reason,
                } => type_path(app, ui, purpose.clone(), text, reason),
                Modal::Report {
                    title,
                    intro,
                    lines,
                } => report(ui, title, intro, lines),
                Modal::ChangedOnDisk { then } => changed_on_disk(app, ui, *then),
                Modal::SaveFailed { message, then } => save_failed(app, ui, message, *then),
                Modal::Recover => crate::ui::recovery::recover_modal(app, ui),
            }
        })
        .inner;
    let escape = ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
    match answer {
        Answer::Pending if !escape => {
            // A modal answered by starting another (e.g. Save opening "type a path") keeps the new one.
            if app.modal.is_none() {
                app.modal = Some(modal);
            }
        }
        Answer::Cancel | Answer::Pending if matches!(modal, Modal::Recover) => {
            app.autosave.decide_later();
        }
        Answer::Pending | Answer::Cancel | Answer::Done => {}
    }
}

pub(crate) fn enter_pressed(ui: &egui::Ui) -> bool {
    ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter))
}

fn unsaved(app: &mut TandemApp, ui: &mut egui::Ui, then: Then) -> Answer {
    let ctx = ui.ctx().clone();
    let action = match then {
        Then::NewBoard(_) => "starting a new board",
        Then::Open => "opening another board",
        Then::Close => "closing",
        Then::Import => "importing a canvas",
        Then::Restore(_) => "restoring another board",
    };
    ui.heading(format!("Save changes to {}?", app.file_name()));
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
            app.unsaved_answer(&ctx, then, Some(true));
            answer = Answer::Done;
        }
        if ui.button("Don't save").clicked() {
            app.unsaved_answer(&ctx, then, Some(false));
            answer = Answer::Done;
        }
        if ui.button("Cancel").on_hover_text("Esc").clicked() {
            answer = Answer::Cancel;
        }
    });
    answer
}

fn changed_on_disk(app: &mut TandemApp, ui: &mut egui::Ui, then: Option<Then>) -> Answer {
    let ctx = ui.ctx().clone();
    ui.heading(format!("{} changed on disk", app.file_name()));
    ui.label(
        "Another program has written this file since Tandem last read or saved it. Saving now \
         replaces that version with this board (it is kept as a .bak file beside it).",
    );
    ui.add_space(10.0);
    let mut answer = Answer::Pending;
    ui.horizontal(|ui| {
        if ui.button("Overwrite").clicked() {
            app.overwrite(&ctx, then);
            answer = Answer::Done;
        }
        if ui
            .button(RichText::new("Save as…").strong())
            .on_hover_text("Enter")
            .clicked()
            || enter_pressed(ui)
        {
            app.start_dialog(&ctx, Purpose::SaveAs(then));
            answer = Answer::Done;
        }
        if ui.button("Cancel").on_hover_text("Esc").clicked() {
            answer = Answer::Cancel;
        }
    });
    answer
}

fn save_failed(
    app: &mut TandemApp,
    ui: &mut egui::Ui,
    message: &str,
    then: Option<Then>,
) -> Answer {
    let ctx = ui.ctx().clone();
    ui.heading("Could not save");
    ui.label(message);
    ui.add_space(10.0);
    let mut answer = Answer::Pending;
    ui.horizontal(|ui| {
        if ui.button("Save as…").clicked() {
            app.start_dialog(&ctx, Purpose::SaveAs(then));
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

fn choose_template(app: &mut TandemApp, ui: &mut egui::Ui) -> Answer {
    let ctx = ui.ctx().clone();
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
            app.request(&ctx, Then::NewBoard(t));
            Answer::Done
        }
        None if cancel => Answer::Cancel,
        None => Answer::Pending,
    }
}

fn rename(
    app: &mut TandemApp,
    ui: &mut egui::Ui,
    axis: Axis,
    index: usize,
    text: &mut String,
) -> Answer {
    ui.heading(format!("Rename {}", axis.noun()));
    let resp = ui.add(
        egui::TextEdit::singleline(text)
            .desired_width(400.0)
            .font(egui::TextStyle::Heading),
    );
    crate::ui::accessible_name(&resp, &format!("New {} name", axis.noun()));
    if !resp.has_focus() && !resp.lost_focus() {
        resp.request_focus();
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
            && let Some(edit) = ops::rename_track(app.doc.board(), axis, index, name)
        {
            app.doc
                .apply(&format!("Rename {}", axis.noun()), edit, None);
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
    app: &mut TandemApp,
    ui: &mut egui::Ui,
    purpose: Purpose,
    text: &mut String,
    reason: &str,
) -> Answer {
    let ctx = ui.ctx().clone();
    let (title, verb) = match &purpose {
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
        app.path_chosen(&ctx, purpose, PathBuf::from(text.trim()));
        return Answer::Done;
    }
    if cancel {
        Answer::Cancel
    } else {
        Answer::Pending
    }
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
