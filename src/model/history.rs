//! Undo/redo history and the saved-state marker.

use super::board::Board;
use super::edit::Edit;
use super::flow::{FlowId, FlowKindId};
use super::note::NoteId;
use super::partner::PartnerId;

/// Consecutive edits with the same key become one undo step (one drag, one typing session).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MergeKey(pub u64);

impl MergeKey {
    /// A key no other gesture has used.
    pub fn fresh() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        MergeKey(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

#[derive(Debug)]
struct Step {
    /// Identifies the board state this step leads to, for the saved marker.
    serial: u64,
    label: String,
    undo: Edit,
    merge: Option<MergeKey>,
}

/// A board with its undo and redo stacks. All changes go through [`Document::apply`].
#[derive(Debug)]
pub struct Document {
    board: Board,
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_serial: u64,
    /// The serial of the top undo step when the board was last saved (`Some(None)`: saved with an
    /// empty undo stack); `None` once that state can no longer be reached.
    saved: Option<Option<u64>>,
    /// Names the current state, new with every change (typing merged into one step included) and
    /// unique across documents, so autosave sees edits even when the open document is replaced.
    revision: u64,
}

fn fresh_revision() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// How many steps undo keeps; older ones are forgotten.
pub const UNDO_LIMIT: usize = 500;

impl Document {
    /// A document whose current state counts as saved.
    pub fn new(board: Board) -> Self {
        Self {
            board,
            undo: Vec::new(),
            redo: Vec::new(),
            next_serial: 1,
            saved: Some(None),
            revision: fresh_revision(),
        }
    }

    /// A document whose state is not on disk (a board restored from a recovery copy, or imported),
    /// so closing or opening another board asks to save it first.
    pub fn new_unsaved(board: Board) -> Self {
        Self {
            saved: None,
            ..Self::new(board)
        }
    }

    /// Changes with every change to the board, including undo and redo.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn board(&self) -> &Board {
        &self.board
    }

    /// `n` note ids no note of this board has had, for the notes an edit is about to add. Ids are
    /// not part of the document's state: handing them out is no change.
    pub fn new_note_ids(&mut self, n: usize) -> Vec<NoteId> {
        self.board.new_note_ids(n)
    }

    /// A fresh note id (see [`Document::new_note_ids`]).
    pub fn new_note_id(&mut self) -> NoteId {
        self.board.new_note_ids(1)[0]
    }

    pub fn new_partner_id(&mut self) -> PartnerId {
        self.board.new_partner_id()
    }

    /// `n` flow ids no flow of this board has had (see [`Document::new_note_ids`]).
    pub fn new_flow_ids(&mut self, n: usize) -> Vec<FlowId> {
        self.board.new_flow_ids(n)
    }

    pub fn new_flow_kind_id(&mut self) -> FlowKindId {
        self.board.new_flow_kind_id()
    }

    /// Applies `edit` as a new undo step labelled `label`, or folds it into the previous step when
    /// both carry the same merge key and the previous step is not the saved state. Returns whether
    /// the board changed: an edit that changes nothing (the colour a note already has) is no step,
    /// no new revision and no unsaved marker.
    pub fn apply(&mut self, label: &str, edit: Edit, merge: Option<MergeKey>) -> bool {
        let undo = self.board.apply(edit);
        if undo.is_noop() {
            return false;
        }
        self.revision = fresh_revision();
        self.redo.clear();
        // Serials grow along the undo stack, so a saved serial above the top was on the redo stack.
        if self
            .saved
            .flatten()
            .is_some_and(|s| s > self.top_serial().unwrap_or(0))
        {
            self.saved = None;
        }
        if let Some(top) = self.undo.last_mut()
            && merge.is_some()
            && top.merge == merge
            && self.saved != Some(Some(top.serial))
        {
            let earlier = std::mem::replace(&mut top.undo, Edit::Batch(Vec::new()));
            top.undo = Edit::merge_undo(earlier, undo);
            return true;
        }
        let serial = self.next_serial;
        self.next_serial += 1;
        self.undo.push(Step {
            serial,
            label: label.to_owned(),
            undo,
            merge,
        });
        if self.undo.len() > UNDO_LIMIT {
            let dropped = self.undo.remove(0);
            if self.saved == Some(None) {
                // The saved state is now older than anything undo can reach.
                self.saved = None;
            } else if self.saved == Some(Some(dropped.serial)) {
                // The state after the forgotten step is now the bottom of the stack.
                self.saved = Some(None);
            }
        }
        true
    }

    fn top_serial(&self) -> Option<u64> {
        self.undo.last().map(|s| s.serial)
    }

    /// Label of the step undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Reverts the last step; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        let mut step = self.undo.pop()?;
        step.undo = self.board.apply(step.undo);
        self.revision = fresh_revision();
        step.merge = None;
        let label = step.label.clone();
        self.redo.push(step);
        Some(label)
    }

    /// Re-applies the last undone step; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let mut step = self.redo.pop()?;
        step.undo = self.board.apply(step.undo);
        self.revision = fresh_revision();
        let label = step.label.clone();
        self.undo.push(step);
        Some(label)
    }

    /// Ends merging: the next edit starts a new step even if it carries the same key.
    pub fn seal(&mut self) {
        if let Some(top) = self.undo.last_mut() {
            top.merge = None;
        }
    }

    /// Records that the current state is what is on disk.
    pub fn mark_saved(&mut self) {
        self.seal();
        self.saved = Some(self.top_serial());
    }

    /// Whether the board differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.top_serial())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::board::{Board, BoardParts};

    fn doc() -> Document {
        Document::new(Board::from_parts(BoardParts::default()))
    }

    fn title(d: &Document) -> &str {
        d.board().title()
    }

    #[test]
    fn undo_redo_and_dirty_marker() {
        let mut d = doc();
        assert!(!d.is_dirty());
        d.apply("Rename", Edit::SetTitle("a".into()), None);
        d.apply("Rename", Edit::SetTitle("b".into()), None);
        assert!(d.is_dirty());
        d.mark_saved();
        assert!(!d.is_dirty());
        assert_eq!(d.undo().as_deref(), Some("Rename"));
        assert_eq!(title(&d), "a");
        assert!(d.is_dirty());
        d.redo();
        assert_eq!(title(&d), "b");
        assert!(!d.is_dirty());
        d.undo();
        d.undo();
        assert_eq!(title(&d), "");
        assert!(d.undo().is_none());
        // A new edit after undo drops the redo stack, and the saved state is gone for good.
        d.apply("Rename", Edit::SetTitle("c".into()), None);
        assert!(d.redo().is_none());
        assert!(d.is_dirty());
        d.undo();
        assert!(d.is_dirty());
    }

    #[test]
    fn merged_edits_are_one_step() {
        let mut d = doc();
        let key = Some(MergeKey(7));
        for t in ["t", "ty", "typ"] {
            d.apply("Edit text", Edit::SetTitle(t.into()), key);
        }
        assert_eq!(title(&d), "typ");
        d.undo();
        assert_eq!(title(&d), "");
        d.redo();
        assert_eq!(title(&d), "typ");
    }

    #[test]
    fn no_merge_across_a_save_or_a_seal() {
        let mut d = doc();
        let key = Some(MergeKey(1));
        d.apply("Edit", Edit::SetTitle("a".into()), key);
        d.mark_saved();
        d.apply("Edit", Edit::SetTitle("ab".into()), key);
        assert!(d.is_dirty());
        d.undo();
        assert_eq!(title(&d), "a");
        assert!(!d.is_dirty());
        d.redo();
        d.seal();
        d.apply("Edit", Edit::SetTitle("abc".into()), key);
        d.undo();
        assert_eq!(title(&d), "ab");
    }

    #[test]
    fn saved_marker_survives_undo_to_the_empty_stack() {
        let mut d = doc();
        d.apply("Edit", Edit::SetTitle("a".into()), None);
        d.undo();
        assert!(!d.is_dirty());
    }

    #[test]
    fn every_change_moves_the_revision_and_restored_boards_start_unsaved() {
        let mut d = doc();
        let mut seen = vec![d.revision()];
        let key = Some(MergeKey(3));
        d.apply("Edit", Edit::SetTitle("a".into()), key);
        seen.push(d.revision());
        d.apply("Edit", Edit::SetTitle("ab".into()), key);
        seen.push(d.revision());
        d.undo();
        seen.push(d.revision());
        d.redo();
        seen.push(d.revision());
        d.apply("Nothing", Edit::RemoveNotes(vec![]), None);
        assert_eq!(d.revision(), seen[4], "no change, same revision");
        let restored = Document::new_unsaved(d.board().clone());
        seen.push(restored.revision());
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(
            seen.len(),
            6,
            "merged typing, undo, redo and a new document each count"
        );
        assert!(restored.is_dirty());
        assert!(restored.undo_label().is_none());
    }

    #[test]
    fn noop_edits_are_not_steps() {
        let mut d = doc();
        assert!(!d.apply("Nothing", Edit::RemoveNotes(vec![]), None));
        // Setting what is already there changes nothing either.
        let rev = d.revision();
        assert!(!d.apply("Same", Edit::SetTitle(String::new()), None));
        assert!(!d.apply("Same", Edit::SetVoting(d.board().voting()), None));
        assert!(!d.apply("Same", Edit::SetPartners(vec![]), None));
        assert!(!d.apply("Same", Edit::SetLane(None), None));
        assert!(d.undo_label().is_none());
        assert!(!d.is_dirty());
        assert_eq!(d.revision(), rev);
    }

    #[test]
    fn an_update_to_the_same_values_is_no_step() {
        use crate::model::{Note, NoteId};
        let mut d = doc();
        let id = d.new_note_id();
        d.apply(
            "New",
            Edit::InsertNotes(vec![(0, Note::new(id, 0.0, 0.0))]),
            None,
        );
        d.mark_saved();
        let same = d.board().note(id).cloned().unwrap();
        assert!(!d.apply("Colour", Edit::UpdateNotes(vec![same]), None));
        assert!(!d.is_dirty());
        assert_eq!(d.undo_label(), Some("New"));
        assert_ne!(d.new_note_id(), id, "ids are never handed out twice");
        assert!(d.board().note(NoteId(id.0 + 1)).is_none());
    }
}
