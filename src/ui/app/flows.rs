//! What the app does for flows: draw one (by dragging or from two selected notes), choose the kind
//! of the selected flow and the next ones, add a kind to the board.

use super::TandemApp;
use crate::model::{FlowKindId, NoteId, ops};

impl TandemApp {
    /// Draws a flow from `from` to `to` in the kind chosen last, and selects it for labelling.
    pub(super) fn new_flow(&mut self, from: NoteId, to: NoteId) {
        self.stop_editing();
        let id = self.file.doc.new_flow_ids(1)[0];
        let board = self.file.doc.board();
        if let Some(edit) = ops::new_flow(board, id, from, to, self.canvas.new_kind) {
            self.edit("Draw flow", edit, None);
            self.canvas.select_flow(id);
            self.info("Flow drawn: Enter or a double-click labels it, right-click for its kind");
        }
    }

    /// A flow between the two selected notes, from the one selected first.
    pub(super) fn flow_from_selection(&mut self) {
        match self.canvas.flow_ends(self.file.doc.board()) {
            Some((from, to)) => self.new_flow(from, to),
            None => self.info("Select two notes to draw a flow between them"),
        }
    }

    /// Gives the selected flow a kind, and the flows drawn next.
    pub(super) fn set_flow_kind(&mut self, kind: Option<FlowKindId>) {
        self.canvas.new_kind = kind;
        let board = self.file.doc.board();
        if let Some(edit) = self
            .canvas
            .flow_selection
            .and_then(|id| ops::set_flow_kind(board, id, kind))
        {
            self.edit("Flow kind", edit, None);
        }
    }

    pub(super) fn add_flow_kind(&mut self) {
        let id = self.file.doc.new_flow_kind_id();
        match ops::add_flow_kind(self.file.doc.board(), id, "New kind") {
            Some(edit) => {
                self.edit("Add flow kind", edit, None);
            }
            None => self.error(format!(
                "A board has up to {} flow kinds",
                crate::model::board::MAX_FLOW_KINDS
            )),
        }
    }
}
