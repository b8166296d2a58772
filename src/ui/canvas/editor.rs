//! Typing into a note: the one real text widget on the canvas, laid over the note being edited.

use std::collections::BTreeSet;

use eframe::egui::{self, Align2, Color32, Frame, Margin, Rect, TextEdit, UiBuilder, pos2, vec2};

use super::Canvas;
use super::paint::zoomed_font;
use crate::design::fit::note_text_box;
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
    /// Starts typing into a note, selecting only it.
    pub fn edit(&mut self, board: &Board, id: NoteId) {
        let Some(note) = board.note(id) else { return };
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

    /// The text field over the note being edited, at the size the note's text is fitted to. Text
    /// is sent to the board as it is typed (one undo step per editing session). Text cut short on
    /// the note is shown whole here: the field reaches below the note as far as the text needs.
    pub(super) fn show_editor(&mut self, ui: &mut egui::Ui, board: &Board, out: &mut Actions) {
        let Some(note) = self.editor.as_ref().and_then(|ed| board.note(ed.id)) else {
            self.editor = None;
            return;
        };
        let fitted = self.texts.get(ui.ctx(), board, note, self.look.text_scale);
        let z = self.view_of(note.rect.center()).zoom;
        let starting = self.editor.as_ref().is_some_and(|ed| !ed.focus_requested);
        if starting && fitted.size * z < cs::MIN_TYPING_PX {
            // Too small to read what is typed: show the note at the size it was made for.
            let c = note.rect.center();
            let margin = 2.0 * crate::ui::style::screen_size::FIT_MARGIN;
            let (w, h) = (self.area.width() - margin, self.area.height() - margin);
            self.zoom_to(&crate::model::Rect::new(c.x - w / 2.0, c.y - h / 2.0, w, h));
        }
        let rect = self.rect_to_screen(&note.rect);
        let Some(ed) = &mut self.editor else { return };
        let tagged = note.partner.and_then(|id| board.partner(id)).is_some();
        let (box_w, box_h) = note_text_box((note.rect.w, note.rect.h), tagged);
        let (box_w, box_h) = (box_w * z, box_h * z);
        let font = zoomed_font(fitted.size, z);
        let text_h = ui
            .painter()
            .layout(ed.text.clone(), font.clone(), Color32::PLACEHOLDER, box_w)
            .size()
            .y;
        let bottom = (rect.top() + text_h + rect.height() - box_h)
            .min(self.area.bottom())
            .max(rect.bottom());
        let field = Rect::from_min_max(rect.min, pos2(rect.right(), bottom));
        if field.height() > rect.height() {
            ui.painter()
                .rect_filled(field, cs::NOTE_CORNER * z, style::note_fill(note.color));
        }
        let pad = cs::NOTE_PADDING * z;
        let mut child = ui.new_child(UiBuilder::new().max_rect(field));
        let output = egui::ScrollArea::vertical()
            .id_salt(("note-editor-scroll", ed.id.0))
            .max_height(field.height())
            .show(&mut child, |ui| {
                TextEdit::multiline(&mut ed.text)
                    .id(egui::Id::unique(("note-editor", ed.id.0)))
                    // The note's own padding (a frame given to a TextEdit replaces its margin
                    // and background), centred like the fitted text, so it does not jump.
                    .frame(
                        Frame::NONE.inner_margin(Margin::same(pad.round().clamp(0.0, 127.0) as i8)),
                    )
                    .font(font)
                    .text_color(style::note_text())
                    .desired_width(box_w)
                    .min_size(vec2(field.width(), box_h + 2.0 * pad))
                    .align(Align2::CENTER_CENTER)
                    .desired_rows(1)
                    .show(ui)
            })
            .inner;
        let resp = output.response.response;
        crate::ui::accessible_name(&resp, "Note text");
        if !ed.focus_requested {
            resp.request_focus();
            ed.focus_requested = true;
        }
        if ed.text != note.text {
            let mut n = note.clone();
            n.text = ed.text.clone();
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
