//! Pointer gestures on the canvas: select, move, resize, rubber-band, pan, double-click to add or
//! edit, and the voting round's clicks.

use std::collections::BTreeSet;

use eframe::egui::{self, CursorIcon, PointerButton, Pos2};

use super::{Canvas, Hit};
use crate::model::{Axis, Board, Edit, MergeKey, NoteId, Point, ops};
use crate::ui::action::{Action, Actions};
use crate::ui::commands::PAN_KEY;
use crate::ui::modals::Modal;

/// A pointer gesture in progress.
#[derive(Debug)]
pub(super) enum Gesture {
    /// Moving notes; `starts` are their rectangles when the drag began.
    Move {
        lead: NoteId,
        starts: Vec<(NoteId, crate::model::Rect)>,
        origin: Point,
        merge: MergeKey,
    },
    Resize {
        id: NoteId,
        start: crate::model::Rect,
        origin: Point,
        merge: MergeKey,
    },
    /// Rubber-band selection from `origin`, added to `base`.
    Select {
        origin: Point,
        base: BTreeSet<NoteId>,
    },
    /// Drawing a new flow out of note `from`'s handle.
    Connect {
        from: NoteId,
    },
    Pan,
}

impl Gesture {
    /// The note being dragged, whose drop target is highlighted.
    pub(super) fn moving(&self) -> Option<NoteId> {
        match self {
            Gesture::Move { lead, .. } => Some(*lead),
            _ => None,
        }
    }
}

/// An undo label such as "Move note" or "Move 3 notes"; every frame of one drag shares it.
fn move_label(n: usize) -> String {
    crate::ui::notes_label("Move", n)
}

/// The rename dialog for a journey stage or row.
pub(super) fn rename_dialog(board: &Board, axis: Axis, index: usize) -> Option<Action> {
    let text = board.lane()?.tracks(axis).get(index)?.name.clone();
    Some(Action::ShowModal(Modal::Rename { axis, index, text }))
}

impl Canvas {
    pub(super) fn pointer(
        &mut self,
        ui: &egui::Ui,
        resp: &egui::Response,
        board: &Board,
        out: &mut Actions,
    ) {
        let ctx = ui.ctx().clone();
        let (mods, space) = ctx.input(|i| (i.modifiers, i.key_down(PAN_KEY)));
        let additive = mods.shift || mods.command;

        // Hover feedback.
        if let Some(pos) = resp.hover_pos()
            && self.gesture.is_none()
        {
            match self.hit(board, pos) {
                Hit::Grip(_) => ctx.set_cursor_icon(CursorIcon::ResizeNwSe),
                Hit::FlowHandle(_) => ctx.set_cursor_icon(CursorIcon::Crosshair),
                Hit::Flow(_) if !space => ctx.set_cursor_icon(CursorIcon::PointingHand),
                Hit::Note(_) if !space => ctx.set_cursor_icon(CursorIcon::Grab),
                _ if space => ctx.set_cursor_icon(CursorIcon::Grab),
                _ => {}
            }
        }

        if resp.drag_started_by(PointerButton::Primary)
            && let Some(origin_screen) = ctx.input(|i| i.pointer.press_origin())
        {
            let origin = self.to_world(origin_screen);
            let gesture = match (self.hit(board, origin_screen), space) {
                (_, true) => Gesture::Pan,
                (Hit::Grip(id), _) => Gesture::Resize {
                    id,
                    start: board.note(id).map(|n| n.rect).unwrap_or_default(),
                    origin,
                    merge: MergeKey::fresh(),
                },
                (Hit::FlowHandle(from), _) => Gesture::Connect { from },
                (Hit::Note(id), _) => self.start_move(board, id, origin, additive, out),
                _ => {
                    self.send_stop_editing(out);
                    let base = if additive {
                        self.selection.clone()
                    } else {
                        BTreeSet::new()
                    };
                    Gesture::Select { origin, base }
                }
            };
            self.gesture = Some(gesture);
        }

        if let Some(pos) = ctx.input(|i| i.pointer.latest_pos()) {
            self.drag(ui, resp, board, pos, out);
        }

        if resp.drag_stopped() || (self.gesture.is_some() && !ctx.input(|i| i.pointer.any_down())) {
            match self.gesture {
                Some(Gesture::Move { .. } | Gesture::Resize { .. }) => out.push(Action::Seal),
                Some(Gesture::Connect { from }) => {
                    let pos = ctx.input(|i| i.pointer.latest_pos());
                    out.push(self.finish_connect(board, from, pos));
                }
                _ => {}
            }
            self.gesture = None;
        }

        // egui counts a third quick click as a triple click even when the first was elsewhere:
        // two clicks here right after a double-click there are a double-click all the same.
        if (resp.double_clicked() || resp.triple_clicked())
            && let Some(pos) = resp.interact_pointer_pos()
        {
            match self.hit(board, pos) {
                Hit::Note(id) | Hit::Grip(id) => out.push(Action::EditNote(id)),
                Hit::Flow(id) => out.push(Action::EditFlowLabel(id)),
                Hit::FlowHandle(_) => {}
                Hit::StageHeader(i) => out.extend(rename_dialog(board, Axis::Stage, i)),
                Hit::RowHeader(i) => out.extend(rename_dialog(board, Axis::Row, i)),
                Hit::Empty => out.push(Action::NewNoteAt(self.to_world(pos))),
            }
        } else if resp.clicked()
            && let Some(pos) = resp.interact_pointer_pos()
        {
            self.click(board, pos, additive, out);
        }

        if resp.secondary_clicked()
            && let Some(pos) = resp.interact_pointer_pos()
        {
            self.send_stop_editing(out);
            self.menu_point = self.to_world(pos);
            self.menu_target = self.hit(board, pos);
            match self.menu_target {
                Hit::Note(id) | Hit::Grip(id) if !self.selection.contains(&id) => {
                    self.select_notes(BTreeSet::from([id]));
                }
                Hit::Flow(id) => self.select_flow(id),
                _ => {}
            }
        }
    }

    /// A drag begins on note `id`: it joins the selection (or becomes it), and the selection comes
    /// to the front, in the same undo step as the move.
    fn start_move(
        &mut self,
        board: &Board,
        id: NoteId,
        origin: Point,
        additive: bool,
        out: &mut Actions,
    ) -> Gesture {
        if self.editor.as_ref().is_some_and(|e| e.id != id) {
            self.send_stop_editing(out);
        }
        if !self.selection.contains(&id) {
            let mut ids = if additive {
                self.selection.clone()
            } else {
                BTreeSet::new()
            };
            ids.insert(id);
            self.select_notes(ids);
        }
        let merge = MergeKey::fresh();
        let ids = self.selected();
        if let Some(edit) = ops::bring_to_front(board, &ids) {
            out.push(Action::Edit {
                label: move_label(ids.len()),
                edit,
                merge: Some(merge),
            });
        }
        let starts = ids
            .iter()
            .filter_map(|id| board.note(*id).map(|n| (*id, n.rect)))
            .collect();
        Gesture::Move {
            lead: id,
            starts,
            origin,
            merge,
        }
    }

    /// The gesture in progress follows the pointer at screen position `pos`.
    fn drag(
        &mut self,
        ui: &egui::Ui,
        resp: &egui::Response,
        board: &Board,
        pos: Pos2,
        out: &mut Actions,
    ) {
        let Some(gesture) = &self.gesture else {
            return;
        };
        let ctx = ui.ctx();
        let now = self.to_world(pos);
        match gesture {
            Gesture::Move {
                starts,
                origin,
                merge,
                ..
            } => {
                let (dx, dy) = (now.x - origin.x, now.y - origin.y);
                if let Some(edit) = ops::move_notes(board, starts, dx, dy) {
                    out.push(Action::Edit {
                        label: move_label(starts.len()),
                        edit,
                        merge: Some(*merge),
                    });
                }
                ctx.set_cursor_icon(CursorIcon::Grabbing);
            }
            Gesture::Resize {
                id,
                start,
                origin,
                merge,
            } => {
                if let Some(note) = board.note(*id) {
                    let mut n = note.clone();
                    // The text is fitted to whatever size the note is given.
                    let min = crate::model::Note::MIN_SIZE;
                    n.rect.w = (start.w + now.x - origin.x).max(min);
                    n.rect.h = (start.h + now.y - origin.y).max(min);
                    out.push(Action::Edit {
                        label: "Resize note".to_owned(),
                        edit: Edit::UpdateNotes(vec![n]),
                        merge: Some(*merge),
                    });
                }
                ctx.set_cursor_icon(CursorIcon::ResizeNwSe);
            }
            Gesture::Select { origin, base } => {
                let band = crate::model::Rect::from_corners(*origin, now);
                let mut sel = base.clone();
                sel.extend(
                    board
                        .notes()
                        .iter()
                        .filter(|n| n.rect.intersects(&band))
                        .map(|n| n.id),
                );
                self.select_notes(sel);
            }
            Gesture::Connect { .. } => ctx.set_cursor_icon(CursorIcon::Crosshair),
            Gesture::Pan => {
                self.release();
                self.view.offset += resp.drag_delta();
                ctx.set_cursor_icon(CursorIcon::Grabbing);
            }
        }
    }

    /// A click selects the note or flow under it (Shift or Ctrl adds or removes a note), or clears
    /// the selection on empty canvas; either way typing into another note ends.
    fn click(&mut self, board: &Board, pos: Pos2, additive: bool, out: &mut Actions) {
        match self.hit(board, pos) {
            Hit::Note(id) | Hit::Grip(id) => {
                if self.editor.as_ref().is_some_and(|e| e.id != id) {
                    self.send_stop_editing(out);
                }
                let mut ids = if additive {
                    self.selection.clone()
                } else {
                    BTreeSet::new()
                };
                if !ids.remove(&id) {
                    ids.insert(id);
                }
                self.select_notes(ids);
            }
            Hit::Flow(id) => {
                self.send_stop_editing(out);
                self.select_flow(id);
            }
            Hit::FlowHandle(_) => {}
            _ => {
                self.send_stop_editing(out);
                if !additive {
                    self.clear_selection();
                }
            }
        }
    }

    /// Voting round: a click adds a dot to the note under it, a right-click takes one back. Dragging
    /// pans, so a slip of the hand moves nothing.
    pub(super) fn vote_clicks(&mut self, resp: &egui::Response, board: &Board, out: &mut Actions) {
        if resp.dragged_by(PointerButton::Primary) {
            self.release();
            self.view.offset += resp.drag_delta();
        }
        let vote = |pos: Option<Pos2>| match pos.map(|p| self.hit(board, p)) {
            Some(Hit::Note(id) | Hit::Grip(id)) => Some(id),
            _ => None,
        };
        if resp.clicked()
            && let Some(note) = vote(resp.interact_pointer_pos())
        {
            out.push(Action::Vote { note, delta: 1 });
        }
        if resp.secondary_clicked()
            && let Some(note) = vote(resp.interact_pointer_pos())
        {
            out.push(Action::Vote { note, delta: -1 });
        }
        if resp.hovered() && vote(resp.hover_pos()).is_some() {
            resp.ctx.set_cursor_icon(CursorIcon::PointingHand);
        }
    }
}
