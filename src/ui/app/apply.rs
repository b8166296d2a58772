//! The one door: every action the window's parts sent is applied here, in order, and only here
//! does the document change. After the actions, one reconcile step brings what depends on the
//! board in line with it.

use eframe::egui;

use super::TandemApp;
use crate::io::clipboard;
use crate::model::room as model_room;
use crate::model::{Edit, MergeKey, Note, NoteId, Point, Rect, analysis, arrange, ops};
use crate::ui::action::Action;
use crate::ui::style::canvas_size;

impl TandemApp {
    /// Applies the queued actions and what the room asked for, then reconciles.
    pub(super) fn apply_queued(&mut self, ctx: &egui::Context) {
        let actions = std::mem::take(&mut self.queue);
        let acted = !actions.is_empty();
        for action in actions {
            self.apply(ctx, action);
        }
        let served = self.serve_room();
        if acted || served {
            self.reconcile();
            ctx.request_repaint();
        }
    }

    /// Sends an action from outside the window's parts (tests, and later the room), to be
    /// applied at the start of the next frame like every other.
    pub fn send(&mut self, action: Action) {
        self.queue.push(action);
    }

    fn apply(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Command(cmd) => {
                if self.ctx().enabled(cmd) {
                    self.run(ctx, cmd);
                }
            }
            Action::Key { shortcut, typing } => self.key(ctx, shortcut, typing),
            Action::TypingGoesOn => self.typing_goes_on(ctx),
            Action::Edit { label, edit, merge } => {
                self.edit(&label, edit, merge);
            }
            Action::Seal => self.file.doc.seal(),
            Action::NewNoteAt(at) => self.new_note(at),
            Action::EditNote(id) => {
                self.stop_editing();
                self.edit_note(id);
            }
            Action::StopEditing(id) => {
                if self.canvas.editor.as_ref().is_some_and(|e| e.id == id) {
                    self.stop_editing();
                }
            }
            Action::NewFlow { from, to } => self.new_flow(from, to),
            Action::EditFlowLabel(id) => {
                self.stop_editing();
                self.canvas.edit_label(self.file.doc.board(), id);
            }
            Action::StopEditingLabel(id) => {
                if self
                    .canvas
                    .label_editor
                    .as_ref()
                    .is_some_and(|e| e.id == id)
                {
                    self.stop_editing();
                }
            }
            Action::SetFlowKind(kind) => self.set_flow_kind(kind),
            Action::AddFlowKind => self.add_flow_kind(),
            Action::Paste { text, at } => {
                if let Some(text) = text.or_else(|| self.services.last_copy.clone()) {
                    self.paste(&text, at);
                }
            }
            Action::SetColor(color) => {
                self.canvas.new_color = color;
                let ids = self.canvas.selected();
                if let Some(edit) = ops::set_color(self.file.doc.board(), &ids, color) {
                    self.edit("Colour", edit, None);
                }
            }
            Action::TagSelection(partner) => {
                let ids = self.canvas.selected();
                if let Some(edit) = ops::set_partner(self.file.doc.board(), &ids, partner) {
                    self.edit("Partner", edit, None);
                }
            }
            Action::AddPartner => {
                let id = self.file.doc.new_partner_id();
                let edit = ops::add_partner(self.file.doc.board(), id, "New partner");
                self.edit("Add partner", edit, None);
            }
            Action::RemoveTrack(axis, i) => self.remove_track(axis, i),
            Action::Vote { note, delta } => self.vote(note, delta),
            Action::Tidy(at) => self.tidy_at(at),
            Action::ZoomTo(area) => self.canvas.zoom_to(&area),
            Action::SelectNotes(ids) => self.canvas.select_notes(ids),
            Action::SetLens(lens) => self.workshop.lens = lens,
            Action::FaceDown(down) => {
                let ids = self.canvas.selected();
                if let Some(edit) = model_room::set_face_down(self.file.doc.board(), &ids, down) {
                    let label = if down {
                        "Hide from the room"
                    } else {
                        "Turn face up"
                    };
                    self.edit(label, edit, None);
                }
            }
            Action::OpenRoom(addr) => {
                if let Err(e) = self.open_room(addr, ctx) {
                    self.error(e);
                }
            }
            Action::LockRoom(locked) => {
                if let Some(link) = &self.services.room {
                    link.room().host().set_locked(locked);
                }
            }
            Action::RemoveParticipant(id) => {
                if let Some(link) = &self.services.room {
                    link.room().host().remove(id);
                }
            }
            Action::RoomCard(expanded) => {
                if let Some(link) = &mut self.services.room {
                    link.expanded = expanded;
                }
            }
            Action::SetTimer(length) => self.workshop.timer.set(length),
            Action::Request(then) => self.request(ctx, then),
            Action::Proceed(then) => self.proceed(ctx, then),
            Action::Save(then) => self.save(ctx, then),
            Action::Overwrite(then) => self.overwrite(ctx, then),
            Action::ChooseFile(purpose) => self.start_dialog(ctx, purpose),
            Action::PathChosen(purpose, path) => self.path_chosen(ctx, purpose, path),
            Action::PathTyped(purpose, path) => self.path_typed(ctx, purpose, path),
            Action::Export(job) => self.start_dialog(ctx, crate::ui::action::Purpose::Export(job)),
            Action::ShowModal(modal) => self.chrome.modal = Some(modal),
            Action::Info(text) => self.info(text),
            Action::Error(text) => self.error(text),
            Action::DismissOpenError => self.chrome.open_error = None,
            Action::DiscardRecovery(i) => {
                self.services.autosave.discard(i);
                if !self.services.autosave.offered.is_empty() {
                    self.chrome.modal = Some(crate::ui::modals::Modal::Recover);
                }
            }
            Action::DecideLater => self.services.autosave.decide_later(),
        }
    }

    /// The only place the document changes. The status line describes the last thing done, so a
    /// change that says nothing of its own clears it.
    pub(super) fn edit(&mut self, label: &str, edit: Edit, merge: Option<MergeKey>) -> bool {
        let changed = self.file.doc.apply(label, edit, merge);
        if changed {
            self.chrome.status = None;
        }
        changed
    }

    /// Brings what depends on the board in line with it: the selection and the note being typed
    /// into lose notes that are gone, the lens a partner that is gone, the presentation a stop
    /// that is gone.
    fn reconcile(&mut self) {
        let board = self.file.doc.board();
        self.canvas.forget_missing(board);
        if let Some(lens) = self.workshop.lens
            && board.partner(lens).is_none()
        {
            self.workshop.lens = None;
        }
        if let Some(p) = &mut self.workshop.present {
            p.keep_within(board);
        }
    }

    /// Opens a note for typing, unless it lies face down: its text stays hidden until Reveal.
    pub(super) fn edit_note(&mut self, id: NoteId) {
        if self.file.doc.board().note(id).is_some_and(|n| n.face_down) {
            self.info("This note is held face down: Reveal (Workshop menu) turns it up");
        } else {
            self.canvas.edit(self.file.doc.board(), id);
        }
    }

    /// Ends typing into a note; its text was applied as it was typed, so this closes the step.
    pub(super) fn stop_editing(&mut self) {
        if self.canvas.stop_editing() {
            self.file.doc.seal();
        }
    }

    /// Creates a note centred near `at` in the current colour and opens it for typing.
    pub(super) fn new_note(&mut self, at: Point) {
        self.stop_editing();
        let like = Note {
            color: self.canvas.new_color,
            ..Note::new(NoteId(0), 0.0, 0.0)
        };
        let size = crate::model::Rect::new(0.0, 0.0, like.rect.w, like.rect.h);
        let wanted = size.translated(at.x - size.w / 2.0, at.y - size.h / 2.0);
        // Never on top of another note: a crowded block keeps every note visible.
        let board = self.file.doc.board();
        let spot = arrange::free_spot(board, wanted, canvas_size::BLOCK_HEADER).center();
        let id = self.file.doc.new_note_id();
        let edit = ops::new_note(self.file.doc.board(), id, spot, Some(&like));
        self.edit("New note", edit, None);
        self.canvas.edit(self.file.doc.board(), id);
        // A note made at the window's edge is typed into where it can be seen.
        self.canvas.keep_visible(self.file.doc.board(), id);
    }

    /// Tab, Shift+Tab, Ctrl+Enter: moves to (or creates) the note beside the focus note and opens it.
    pub(super) fn next_note(&mut self, dir: ops::Direction) {
        let Some(from) = self.canvas.focus_note() else {
            return;
        };
        self.stop_editing();
        let new_id = self.file.doc.new_note_id();
        let Some((edit, id)) = ops::next_note(self.file.doc.board(), from, dir, new_id) else {
            return;
        };
        if let Some(edit) = edit {
            self.edit("New note", edit, None);
        }
        self.canvas.edit(self.file.doc.board(), id);
        self.canvas.keep_visible(self.file.doc.board(), id);
    }

    /// Deletes the selected notes (with their flows) or the selected flow.
    pub(super) fn delete_selection(&mut self) {
        let ids = self.canvas.selected();
        self.stop_editing();
        let board = self.file.doc.board();
        if let Some(flow) = self.canvas.flow_selection {
            if let Some(edit) = ops::delete_flows(board, &[flow]) {
                self.edit("Delete flow", edit, None);
            }
        } else if let Some(edit) = ops::delete_notes(board, &ids) {
            self.edit(&crate::ui::notes_label("Delete", ids.len()), edit, None);
        }
        self.canvas.clear_selection();
    }

    /// Copies of the selected notes and the flows between them, selected.
    pub(super) fn duplicate_selection(&mut self) {
        self.stop_editing();
        let copies = ops::Copies::of(self.file.doc.board(), &self.canvas.selected());
        self.place(&copies, None, "Duplicate");
    }

    /// Moves the selection by screen pixels; presses in a row are one undo step.
    pub(super) fn nudge(&mut self, dx: f32, dy: f32) {
        let board = self.file.doc.board();
        let starts: Vec<_> = self
            .canvas
            .selected_notes(board)
            .map(|n| (n.id, n.rect))
            .collect();
        // Screen pixels at the zoom the notes are shown at (a presented stage has its own).
        let z = starts.first().map_or(self.canvas.view.zoom, |(_, r)| {
            self.canvas.view_of(r.center()).zoom
        });
        if let Some(edit) = ops::move_notes(board, &starts, dx / z, dy / z) {
            let merge = *self.nudge_merge.get_or_insert_with(MergeKey::fresh);
            self.edit(
                &crate::ui::notes_label("Move", starts.len()),
                edit,
                Some(merge),
            );
        }
    }

    pub(super) fn copy(&mut self, ctx: &egui::Context) {
        let board = self.file.doc.board();
        // A note held face down keeps its text to itself, on the clipboard too.
        let ids: Vec<NoteId> = self
            .canvas
            .selected()
            .into_iter()
            .filter(|id| board.note(*id).is_some_and(|n| !n.face_down))
            .collect();
        if ids.is_empty() {
            return;
        }
        let text = clipboard::copy_notes(board, &ids);
        ctx.copy_text(text.clone());
        self.services.last_copy = Some(text);
        self.info(format!("Copied {}", crate::ui::count(ids.len(), "note")));
    }

    pub(super) fn paste(&mut self, text: &str, at: Point) {
        let copies = clipboard::notes_from_clipboard(self.file.doc.board(), text);
        if copies.notes.is_empty() {
            return;
        }
        self.stop_editing();
        let board = self.file.doc.board();
        // A single pasted note looks for free room, like a new one.
        let at = match &copies.notes[..] {
            [one] => {
                let r = one.rect;
                let wanted = r.translated(at.x - r.center().x, at.y - r.center().y);
                arrange::free_spot(board, wanted, canvas_size::BLOCK_HEADER).center()
            }
            _ => at,
        };
        self.place(&copies, Some(at), "Paste");
    }

    /// Places copies with fresh ids, centred on `at` or beside the originals, and selects them.
    fn place(&mut self, copies: &ops::Copies, at: Option<Point>, label: &str) {
        let ids = self.file.doc.new_note_ids(copies.notes.len());
        let flow_ids = self.file.doc.new_flow_ids(copies.flows.len());
        let board = self.file.doc.board();
        let edit = match at {
            Some(at) => ops::place_copies(board, copies, at, &ids, &flow_ids),
            None => ops::duplicate(board, copies, 30.0, &ids, &flow_ids),
        };
        if let Some(edit) = edit {
            self.edit(label, edit, None);
            self.canvas.select_notes(ids.into_iter().collect());
        }
    }

    /// Removes a stage or row. Its notes are kept below the lane; if they are not on screen, the
    /// view flies to show the lane and them, so nothing seems lost.
    fn remove_track(&mut self, axis: crate::model::Axis, i: usize) {
        let board = self.file.doc.board();
        let Some(name) = board
            .lane()
            .and_then(|l| l.tracks(axis).get(i))
            .map(|t| t.name.clone())
        else {
            return;
        };
        let Some((edit, parked)) = ops::remove_track(board, axis, i) else {
            return;
        };
        let noun = axis.noun();
        self.edit(&format!("Remove {noun}"), edit, None);
        if parked.is_empty() {
            return;
        }
        self.info(format!(
            "Removed the {noun} \u{201c}{name}\u{201d}; its {} moved below the journey (Ctrl+Z undoes)",
            crate::ui::count(parked.len(), "note")
        ));
        let board = self.file.doc.board();
        let rects: Vec<Rect> = parked
            .iter()
            .filter_map(|id| board.note(*id))
            .map(|n| n.rect)
            .collect();
        let visible = self.canvas.view.visible(self.canvas.area);
        if rects.iter().any(|r| !visible.contains_rect(r))
            && let Some(lane) = board.lane()
            && let Some(area) = Rect::bounding(rects.iter().chain([&lane.rect()]))
        {
            self.canvas.zoom_to(&area);
        }
    }

    /// Tidies the block or journey cell at a board point.
    pub(super) fn tidy_at(&mut self, at: Point) {
        let board = self.file.doc.board();
        match board.region_at(at) {
            Some(region) => {
                let name = board.region_name(region);
                let arranged = arrange::tidy_region(board, region, canvas_size::BLOCK_HEADER);
                self.apply_arranged(&format!("Tidy {name}"), arranged);
            }
            None => self.info("Point at a block or journey cell to tidy it, or select notes"),
        }
    }

    pub(super) fn apply_arranged(&mut self, label: &str, arranged: arrange::Arranged) {
        self.stop_editing();
        if let Some(edit) = arranged.edit {
            self.edit(label, edit, None);
        }
        if arranged.overflow > 0 {
            self.error(format!(
                "{label}: {} did not fit without overlapping; the block is full",
                crate::ui::count(arranged.overflow, "note")
            ));
        } else {
            self.info(format!("{label} (Ctrl+Z undoes)"));
        }
    }

    /// A dot added (`+1`) or taken back (`-1`) in a voting round, within the round's budget.
    fn vote(&mut self, id: NoteId, delta: i32) {
        let board = self.file.doc.board();
        if delta > 0 {
            let budget = board.voting().budget();
            if budget > 0 && analysis::dots_used(board) >= budget {
                self.error(format!("All {budget} dots are placed: take one back with a right-click, or raise the number of people"));
                return;
            }
            if let Some(edit) = ops::add_vote(board, id) {
                self.edit("Add a dot", edit, None);
            }
        } else if let Some(edit) = ops::remove_vote(board, id) {
            self.edit("Take back a dot", edit, None);
        }
    }
}
