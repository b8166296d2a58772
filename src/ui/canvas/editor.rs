//! Typing into a note: the one real text widget on the canvas, laid over the note being edited.

use std::collections::BTreeSet;

use eframe::egui::{self, Frame, Margin, TextEdit, UiBuilder};

use super::Canvas;
use super::paint::{note_min_height, zoomed_font};
use crate::model::{Board, Edit, MergeKey, NoteId};
use crate::ui::action::{Action, Actions};
use crate::ui::style::{self, canvas_size as cs};

/// The note whose text is being typed.
#[derive(Debug)]
pub struct NoteEditor {
    pub id: NoteId,
    text: String,
    merge: MergeKey,
    /// Focus is requested on the first frame only, so a click elsewhere can take it away.
    focus_requested: bool,
}

impl Canvas {
    /// Starts typing into a note, selecting only it. A note too small on screen to type into is
    /// zoomed to first, so what is typed can be read.
    pub fn edit(&mut self, board: &Board, id: NoteId) {
        let Some(note) = board.note(id) else { return };
        if cs::NOTE_FONT * self.look.text_scale * self.view.zoom < cs::MIN_TYPING_PX {
            let c = note.rect.center();
            // The area that, fitted, shows the note at 100 %.
            let margin = 2.0 * self.look.fit_margin;
            let (w, h) = (
                self.area.width() - margin,
                self.area.height() - self.look.inset_top - margin,
            );
            self.zoom_to(&crate::model::Rect::new(c.x - w / 2.0, c.y - h / 2.0, w, h));
        }
        self.select_notes(BTreeSet::from([id]));
        self.editor = Some(NoteEditor {
            id,
            text: note.text.clone(),
            merge: MergeKey::fresh(),
            focus_requested: false,
        });
    }

    /// Closes the note or label editor; returns whether one was open (its typing session then
    /// ends).
    pub fn stop_editing(&mut self) -> bool {
        let note = self.editor.take().is_some();
        let label = self.label_editor.take().is_some();
        note || label
    }

    /// Asks the app to end typing into the note or flow label being edited, if any.
    pub(super) fn send_stop_editing(&self, out: &mut Actions) {
        if let Some(ed) = &self.editor {
            out.push(Action::StopEditing(ed.id));
        }
        if let Some(ed) = &self.label_editor {
            out.push(Action::StopEditingLabel(ed.id));
        }
    }

    /// The text field over the note being edited. Text is sent to the board as it is typed (one
    /// undo step per editing session), and the note grows to fit it.
    pub(super) fn show_editor(&mut self, ui: &mut egui::Ui, board: &Board, out: &mut Actions) {
        let Some(ed) = &mut self.editor else { return };
        let Some(note) = board.note(ed.id) else {
            self.editor = None;
            return;
        };
        let z = self.view.zoom;
        let rect = self.view.rect_to_screen(self.area, &note.rect);
        let pad = cs::NOTE_PADDING * z;
        let mut child = ui.new_child(UiBuilder::new().max_rect(rect));
        let output = TextEdit::multiline(&mut ed.text)
            .id(egui::Id::unique(("note-editor", ed.id.0)))
            // The note's own padding, so text does not move when typing starts (a frame given to
            // a TextEdit replaces its margin and background).
            .frame(Frame::NONE.inner_margin(Margin::same(pad.round().clamp(0.0, 127.0) as i8)))
            .font(zoomed_font(cs::NOTE_FONT * self.look.text_scale, z))
            .text_color(style::note_text())
            .desired_width(rect.width())
            .desired_rows(1)
            .show(&mut child);
        let resp = output.response.response;
        crate::ui::accessible_name(&resp, "Note text");
        if !ed.focus_requested {
            resp.request_focus();
            ed.focus_requested = true;
        }
        if ed.text != note.text {
            let mut n = note.clone();
            n.text = ed.text.clone();
            n.rect.h = n
                .rect
                .h
                .max(note_min_height(ui.painter(), &n, self.look.text_scale));
            out.push(Action::Edit {
                label: "Edit text".to_owned(),
                edit: Edit::UpdateNotes(vec![n]),
                merge: Some(ed.merge),
            });
        }
        if resp.lost_focus() {
            out.push(Action::StopEditing(ed.id));
        }
    }
}
