//! Flows on the canvas: the handle a new flow is dragged out of, hitting a flow with a click, and
//! typing a flow's label in place.

use eframe::egui::{self, Pos2, TextEdit, UiBuilder, vec2};

use super::Canvas;
use super::flow_paint::point;
use super::paint::zoomed_font;
use crate::model::flow::NO_KIND_COLOR;
use crate::model::flow_line::{distance_to_segment, flow_line};
use crate::model::{Board, FlowId, MergeKey, NoteId, Rgb, ops};
use crate::ui::action::{Action, Actions};
use crate::ui::style::{canvas_size as cs, screen_size};

/// The flow whose label is being typed.
#[derive(Debug)]
pub struct LabelEditor {
    pub id: FlowId,
    text: String,
    merge: MergeKey,
    focus_requested: bool,
}

impl Canvas {
    /// Where the flow handle of the one selected note is on screen, when it is shown.
    pub fn flow_handle(&self, board: &Board) -> Option<Pos2> {
        let shown = self.look.chrome && !self.look.voting && !self.is_typing();
        let id = self.focus_note().filter(|_| shown)?;
        let r = self.rect_to_screen(&board.note(id)?.rect);
        let offset = screen_size::FLOW_HANDLE_GAP + screen_size::FLOW_HANDLE_RADIUS;
        Some(Pos2::new(r.right() + offset, r.center().y))
    }

    pub(super) fn flow_handle_at(&self, board: &Board, pos: Pos2) -> Option<NoteId> {
        let handle = self.flow_handle(board)?;
        let near = (pos - handle).length() <= screen_size::FLOW_HANDLE_RADIUS + 3.0;
        near.then(|| self.focus_note()).flatten()
    }

    /// The flow drawn under screen point `pos` in the last frame: its label, or else its line.
    pub(super) fn flow_at(&self, pos: Pos2) -> Option<FlowId> {
        // Labels are drawn over every line.
        let p = point(pos);
        let flows = || self.drawn_flows.iter().rev();
        flows()
            .find(|f| f.label.is_some_and(|r| r.contains(pos)))
            .or_else(|| {
                flows().find(|f| {
                    distance_to_segment(p, point(f.from), point(f.to)) <= screen_size::FLOW_HIT
                })
            })
            .map(|f| f.id)
    }

    /// Where a flow is on screen now, from one end to the other (for tests and popups).
    pub fn flow_screen_line(&self, board: &Board, id: FlowId) -> Option<(Pos2, Pos2)> {
        let i = board.flow_position(id)?;
        let flow = &board.flows()[i];
        let (a, b) = (board.note(flow.from)?, board.note(flow.to)?);
        let space = self.flow_space();
        let (a, b) = (space.place(&a.rect)?, space.place(&b.rect)?);
        let line = flow_line(&a, &b, board.flow_offset(i))?;
        let at = |p| space.view.to_screen(self.area, p);
        Some((at(line.from), at(line.to)))
    }

    /// The topmost note under screen point `pos`, as drawn.
    pub(super) fn note_at(&self, board: &Board, pos: Pos2) -> Option<NoteId> {
        let p = self.to_world(pos);
        board
            .notes()
            .iter()
            .rev()
            .find(|n| n.rect.contains(p))
            .map(|n| n.id)
    }

    /// The colour of the next new flow: its kind's.
    pub(super) fn kind_color(&self, board: &Board) -> Rgb {
        self.new_kind
            .and_then(|k| board.flow_kind(k))
            .or_else(|| board.flow_kinds().first())
            .map_or(NO_KIND_COLOR, |k| k.color)
    }

    /// A flow dragged out of note `from` was dropped at `pos`: onto another note, it is drawn.
    pub(super) fn finish_connect(&self, board: &Board, from: NoteId, pos: Option<Pos2>) -> Action {
        match pos.and_then(|p| self.note_at(board, p)) {
            Some(to) if to != from => Action::NewFlow { from, to },
            _ => Action::Info("Drop the arrow on another note to draw a flow".to_owned()),
        }
    }

    /// Starts typing a flow's label, selecting only it.
    pub fn edit_label(&mut self, board: &Board, id: FlowId) {
        let Some(flow) = board.flow(id) else { return };
        self.select_flow(id);
        self.label_editor = Some(LabelEditor {
            id,
            text: flow.label.clone(),
            merge: MergeKey::fresh(),
            focus_requested: false,
        });
    }

    /// The text field over the label being typed; each change is sent as it is typed (one undo
    /// step per typing session). Enter, Esc or a click elsewhere ends it.
    pub(super) fn show_label_editor(
        &mut self,
        ui: &mut egui::Ui,
        board: &Board,
        out: &mut Actions,
    ) {
        let Some(id) = self.label_editor.as_ref().map(|e| e.id) else {
            return;
        };
        let (Some(flow), Some((from, to))) = (board.flow(id), self.flow_screen_line(board, id))
        else {
            self.label_editor = None;
            return;
        };
        let z = self.view.zoom;
        let font = zoomed_font(cs::FLOW_LABEL_FONT, z.max(0.75));
        let width = (cs::FLOW_LABEL_WRAP * z).max(160.0);
        let center = from + (to - from) / 2.0;
        let rect = egui::Rect::from_center_size(center, vec2(width, font.size * 1.6 + 8.0));
        let Some(ed) = &mut self.label_editor else {
            return;
        };
        let mut child = ui.new_child(UiBuilder::new().max_rect(rect));
        let resp = child.add(
            TextEdit::singleline(&mut ed.text)
                .id(egui::Id::unique(("flow-label-editor", id.0)))
                .font(font)
                .hint_text("What flows?")
                .desired_width(width),
        );
        crate::ui::accessible_name(&resp, "Flow label");
        if !ed.focus_requested {
            resp.request_focus();
            ed.focus_requested = true;
        }
        if ed.text != flow.label
            && let Some(edit) = ops::set_flow_label(board, id, &ed.text)
        {
            out.push(Action::Edit {
                label: "Edit flow label".to_owned(),
                edit,
                merge: Some(ed.merge),
            });
        }
        if resp.lost_focus() {
            out.push(Action::StopEditingLabel(id));
        }
    }
}
