//! The board: the whole document, and the one place where it changes (`Board::apply`).

use std::collections::HashMap;

use super::edit::Edit;
use super::geom::{Point, Rect};
use super::note::{Note, NoteId};
use super::partner::{Partner, PartnerId};
use super::region::{Block, Lane, Region};

/// Coordinates are kept within ±this many units, so no arithmetic on them can overflow to infinity.
pub const COORD_LIMIT: f32 = 1_000_000.0;

// Every board keeps these limits, so any board Tandem builds is one it can open again: the file
// format refuses or repairs files beyond them, and they keep drawing and counting cheap and safe.
/// Characters in one text: a note, the title, a name (longer text is cut).
pub const MAX_TEXT_CHARS: usize = 100_000;
/// Characters in a note's author name (a participant's name from the room).
pub const MAX_AUTHOR_CHARS: usize = 100;
/// Stages, and rows, of the journey lane (the cells grow with their product).
pub const MAX_TRACKS: usize = 100;
/// Votes on one note.
pub const MAX_VOTES: u32 = 10_000;
pub const MAX_DOTS_PER_PERSON: u32 = 1_000;
pub const MAX_PEOPLE: u32 = 10_000;

/// Everything a board holds, as plain values; `Board::from_parts` checks it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BoardParts {
    pub title: String,
    pub blocks: Vec<Block>,
    pub lane: Option<Lane>,
    pub partners: Vec<Partner>,
    pub voting: Voting,
    pub notes: Vec<Note>,
}

/// Dot-voting settings of a board: each of `people` participants has `dots_per_person` dots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Voting {
    pub dots_per_person: u32,
    /// How many people vote; 0 when not set (then no budget is shown).
    pub people: u32,
}

impl Voting {
    /// All the dots the room may place; 0 when the head count is not set (no limit).
    pub fn budget(&self) -> u32 {
        self.people.saturating_mul(self.dots_per_person)
    }
}

impl Default for Voting {
    fn default() -> Self {
        Self {
            dots_per_person: 3,
            people: 0,
        }
    }
}

/// A partnership board. Its fields are private so every change goes through [`Board::apply`], which
/// keeps the note index consistent and hands back the edit that undoes it.
#[derive(Clone, Debug)]
pub struct Board {
    parts: BoardParts,
    /// Position of each note in `parts.notes` (which is also the drawing order, last on top).
    index: HashMap<NoteId, usize>,
    /// Ids are handed out from here and never reused while the board is open, so undo/redo cannot
    /// bring back a note that clashes with a newer one.
    next_note: u64,
    next_partner: u64,
}

impl PartialEq for Board {
    fn eq(&self, other: &Self) -> bool {
        self.parts == other.parts
    }
}

impl Board {
    /// Builds a board from checked parts: notes with duplicate ids are dropped and geometry is clamped
    /// (the file loader reports such repairs before it gets here).
    pub fn from_parts(mut parts: BoardParts) -> Self {
        let mut seen = std::collections::HashSet::new();
        parts.notes.retain(|n| seen.insert(n.id));
        for note in &mut parts.notes {
            sanitize(note);
        }
        clip_text(&mut parts.title);
        if let Some(lane) = &mut parts.lane {
            clip_lane(lane);
        }
        parts
            .partners
            .iter_mut()
            .for_each(|p| clip_text(&mut p.name));
        parts.voting = limit_voting(parts.voting);
        // Saturating: the file format keeps ids far below the top, but a board is plain data.
        let after = |id: u64| id.saturating_add(1);
        let next_note = parts.notes.iter().map(|n| after(n.id.0)).max().unwrap_or(1);
        let next_partner = parts
            .partners
            .iter()
            .map(|p| after(p.id.0))
            .max()
            .unwrap_or(1);
        let mut board = Self {
            parts,
            index: HashMap::new(),
            next_note,
            next_partner,
        };
        board.reindex();
        board
    }

    pub fn parts(&self) -> &BoardParts {
        &self.parts
    }

    pub fn title(&self) -> &str {
        &self.parts.title
    }

    pub fn blocks(&self) -> &[Block] {
        &self.parts.blocks
    }

    pub fn lane(&self) -> Option<&Lane> {
        self.parts.lane.as_ref()
    }

    pub fn voting(&self) -> Voting {
        self.parts.voting
    }

    pub fn partners(&self) -> &[Partner] {
        &self.parts.partners
    }

    pub fn partner(&self, id: PartnerId) -> Option<&Partner> {
        self.parts.partners.iter().find(|p| p.id == id)
    }

    /// Notes in drawing order (last on top).
    pub fn notes(&self) -> &[Note] {
        &self.parts.notes
    }

    pub fn note(&self, id: NoteId) -> Option<&Note> {
        self.index.get(&id).map(|&i| &self.parts.notes[i])
    }

    /// Drawing position of a note (higher is on top).
    pub fn z_of(&self, id: NoteId) -> Option<usize> {
        self.index.get(&id).copied()
    }

    /// `n` fresh note ids.
    pub fn new_note_ids(&mut self, n: usize) -> Vec<NoteId> {
        let start = self.next_note;
        self.next_note = self.next_note.saturating_add(n as u64);
        (start..self.next_note).map(NoteId).collect()
    }

    pub fn new_partner_id(&mut self) -> PartnerId {
        let id = PartnerId(self.next_partner);
        self.next_partner = self.next_partner.saturating_add(1);
        id
    }

    /// The block or journey cell that holds point `p`.
    pub fn region_at(&self, p: Point) -> Option<Region> {
        if let Some(i) = self.parts.blocks.iter().rposition(|b| b.rect.contains(p)) {
            return Some(Region::Block(i));
        }
        let (stage, row) = self.lane()?.cell_at(p)?;
        Some(Region::Cell { stage, row })
    }

    /// The region a note belongs to: the one its centre sits in.
    pub fn region_of(&self, note: &Note) -> Option<Region> {
        self.region_at(note.rect.center())
    }

    /// A human name for a region, e.g. "Desired value" or "Use · Partner adds".
    pub fn region_name(&self, region: Region) -> String {
        match region {
            Region::Block(i) => self.parts.blocks[i].title.clone(),
            Region::Cell { stage, row } => {
                let lane = self.lane().expect("a cell region implies a lane");
                format!("{} · {}", lane.stages[stage].name, lane.rows[row].name)
            }
        }
    }

    /// The area of a region on the canvas.
    pub fn region_rect(&self, region: Region) -> Rect {
        match region {
            Region::Block(i) => self.parts.blocks[i].rect,
            Region::Cell { stage, row } => self
                .lane()
                .expect("a cell region implies a lane")
                .cell_rect(stage, row),
        }
    }

    /// Everything on the board: template regions and notes.
    pub fn bounds(&self) -> Option<Rect> {
        let lane = self.lane().map(Lane::rect);
        Rect::bounding(
            self.parts
                .blocks
                .iter()
                .map(|b| &b.rect)
                .chain(lane.as_ref())
                .chain(self.parts.notes.iter().map(|n| &n.rect)),
        )
    }

    /// Applies an edit and returns the edit that undoes it. Edits naming notes that do not exist (or,
    /// for inserts, that already exist) skip those notes rather than fail. Whatever would not change
    /// is skipped too, so the inverse of an edit that changed nothing [`Edit::is_noop`].
    pub fn apply(&mut self, edit: Edit) -> Edit {
        match edit {
            Edit::InsertNotes(mut items) => {
                items.sort_by_key(|(i, _)| *i);
                let mut ids = Vec::with_capacity(items.len());
                for (i, mut note) in items {
                    if self.index.contains_key(&note.id) || ids.contains(&note.id) {
                        continue;
                    }
                    sanitize(&mut note);
                    self.next_note = self.next_note.max(note.id.0.saturating_add(1));
                    ids.push(note.id);
                    let at = i.min(self.parts.notes.len());
                    self.parts.notes.insert(at, note);
                }
                self.reindex();
                Edit::RemoveNotes(ids)
            }
            Edit::RemoveNotes(ids) => {
                let mut positions: Vec<usize> = ids
                    .iter()
                    .filter_map(|id| self.index.get(id).copied())
                    .collect();
                positions.sort_unstable();
                positions.dedup();
                let mut removed = Vec::with_capacity(positions.len());
                for &i in positions.iter().rev() {
                    removed.push((i, self.parts.notes.remove(i)));
                }
                removed.reverse();
                self.reindex();
                Edit::InsertNotes(removed)
            }
            Edit::UpdateNotes(notes) => {
                let mut old = Vec::with_capacity(notes.len());
                for mut note in notes {
                    if let Some(&i) = self.index.get(&note.id) {
                        sanitize(&mut note);
                        if self.parts.notes[i] != note {
                            old.push(std::mem::replace(&mut self.parts.notes[i], note));
                        }
                    }
                }
                Edit::UpdateNotes(old)
            }
            Edit::SetTitle(mut title) => {
                clip_text(&mut title);
                replace_changed(&mut self.parts.title, title, Edit::SetTitle)
            }
            Edit::SetLane(mut lane) => {
                if let Some(lane) = &mut lane {
                    clip_lane(lane);
                }
                replace_changed(&mut self.parts.lane, lane, Edit::SetLane)
            }
            Edit::SetVoting(voting) => replace_changed(
                &mut self.parts.voting,
                limit_voting(voting),
                Edit::SetVoting,
            ),
            Edit::SetPartners(mut partners) => {
                partners.iter_mut().for_each(|p| clip_text(&mut p.name));
                if let Some(max) = partners.iter().map(|p| p.id.0.saturating_add(1)).max() {
                    self.next_partner = self.next_partner.max(max);
                }
                replace_changed(&mut self.parts.partners, partners, Edit::SetPartners)
            }
            Edit::Batch(edits) => {
                let mut inverses: Vec<Edit> = edits.into_iter().map(|e| self.apply(e)).collect();
                inverses.reverse();
                Edit::Batch(inverses)
            }
        }
    }

    fn reindex(&mut self) {
        self.index.clear();
        self.index
            .extend(self.parts.notes.iter().enumerate().map(|(i, n)| (n.id, i)));
    }
}

/// Puts `new` in `slot` and returns the edit that puts the old value back; an empty batch when the
/// value is the same, so setting what is already there is no change.
fn replace_changed<T: PartialEq>(slot: &mut T, new: T, edit: fn(T) -> Edit) -> Edit {
    if *slot == new {
        Edit::Batch(Vec::new())
    } else {
        edit(std::mem::replace(slot, new))
    }
}

/// Cuts a text to [`MAX_TEXT_CHARS`] characters.
fn clip_text(s: &mut String) {
    clip_chars(s, MAX_TEXT_CHARS);
}

/// Cuts a text to `max` characters (not bytes, so never inside a character).
pub fn clip_chars(s: &mut String, max: usize) {
    if let Some((end, _)) = s.char_indices().nth(max) {
        s.truncate(end);
    }
}

fn clip_lane(lane: &mut Lane) {
    clip_text(&mut lane.title);
    for t in lane.stages.iter_mut().chain(lane.rows.iter_mut()) {
        clip_text(&mut t.name);
    }
}

fn limit_voting(v: Voting) -> Voting {
    Voting {
        dots_per_person: v.dots_per_person.min(MAX_DOTS_PER_PERSON),
        people: v.people.min(MAX_PEOPLE),
    }
}

/// Keeps a note's geometry finite and its texts and votes within the documented limits.
fn sanitize(note: &mut Note) {
    clip_text(&mut note.text);
    if let Some(author) = &mut note.author {
        clip_chars(author, MAX_AUTHOR_CHARS);
    }
    note.votes = note.votes.min(MAX_VOTES);
    let clamp = |v: f32, lo: f32, hi: f32| {
        if v.is_finite() {
            v.clamp(lo, hi)
        } else {
            lo.max(0.0)
        }
    };
    let r = &mut note.rect;
    r.w = clamp(r.w, Note::MIN_SIZE, Note::MAX_SIZE);
    r.h = clamp(r.h, Note::MIN_SIZE, Note::MAX_SIZE);
    r.x = clamp(r.x, -COORD_LIMIT, COORD_LIMIT);
    r.y = clamp(r.y, -COORD_LIMIT, COORD_LIMIT);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::region::Track;

    pub(crate) fn sample() -> Board {
        let mut notes = Vec::new();
        for i in 1..=3 {
            let mut n = Note::new(NoteId(i), i as f32 * 300.0, 0.0);
            n.text = format!("note {i}");
            notes.push(n);
        }
        Board::from_parts(BoardParts {
            title: "Test".into(),
            blocks: vec![Block {
                key: "a".into(),
                title: "A".into(),
                prompt: "?".into(),
                rect: Rect::new(0.0, 0.0, 500.0, 500.0),
            }],
            lane: Some(Lane {
                title: "Journey".into(),
                origin: Point::new(0.0, 600.0),
                label_width: 100.0,
                header_height: 50.0,
                stages: vec![Track::new("Discover", 300.0), Track::new("Use", 300.0)],
                rows: vec![Track::new("Does", 200.0)],
            }),
            partners: vec![],
            notes,
            ..Default::default()
        })
    }

    #[test]
    fn insert_remove_update_and_their_inverses() {
        let mut b = sample();
        let before = b.clone();
        let mut n = Note::new(NoteId(10), 5.0, 5.0);
        n.text = "new".into();
        let undo_insert = b.apply(Edit::InsertNotes(vec![(1, n.clone())]));
        assert_eq!(b.notes()[1].id, NoteId(10));
        assert_eq!(b.note(NoteId(10)), Some(&n));
        let mut moved = n.clone();
        moved.rect.x = 900.0;
        let undo_update = b.apply(Edit::UpdateNotes(vec![moved.clone()]));
        assert_eq!(b.note(NoteId(10)).unwrap().rect.x, 900.0);
        let undo_remove = b.apply(Edit::RemoveNotes(vec![NoteId(1), NoteId(10)]));
        assert_eq!(b.notes().len(), 2);
        b.apply(undo_remove);
        assert_eq!(b.note(NoteId(10)), Some(&moved));
        assert_eq!(b.notes()[0].id, NoteId(1));
        b.apply(undo_update);
        b.apply(undo_insert);
        assert_eq!(b, before);
    }

    #[test]
    fn batch_inverse_runs_backwards() {
        let mut b = sample();
        let before = b.clone();
        let mut n = b.note(NoteId(2)).unwrap().clone();
        n.text = "changed".into();
        let undo = b.apply(Edit::Batch(vec![
            Edit::UpdateNotes(vec![n]),
            Edit::RemoveNotes(vec![NoteId(2)]),
            Edit::SetTitle("Other".into()),
        ]));
        assert_eq!(b.notes().len(), 2);
        b.apply(undo);
        assert_eq!(b, before);
    }

    #[test]
    fn ids_are_never_reused() {
        let mut b = sample();
        let ids = b.new_note_ids(2);
        assert_eq!(ids, vec![NoteId(4), NoteId(5)]);
        b.apply(Edit::RemoveNotes(vec![NoteId(3)]));
        assert_eq!(b.new_note_ids(1), vec![NoteId(6)]);
    }

    #[test]
    fn inserting_an_existing_id_is_skipped() {
        let mut b = sample();
        let dup = Note::new(NoteId(1), 0.0, 0.0);
        let undo = b.apply(Edit::InsertNotes(vec![(0, dup)]));
        assert_eq!(b.notes().len(), 3);
        assert_eq!(undo, Edit::RemoveNotes(vec![]));
    }

    #[test]
    fn geometry_is_sanitised() {
        let mut b = sample();
        let mut n = b.note(NoteId(1)).unwrap().clone();
        n.rect = Rect::new(f32::NAN, f32::INFINITY, -5.0, 1e9);
        b.apply(Edit::UpdateNotes(vec![n]));
        let r = b.note(NoteId(1)).unwrap().rect;
        assert_eq!(r, Rect::new(0.0, 0.0, Note::MIN_SIZE, Note::MAX_SIZE));
    }

    #[test]
    fn texts_votes_and_voting_stay_within_the_limits() {
        let mut b = sample();
        let mut n = b.note(NoteId(1)).unwrap().clone();
        n.text = "é".repeat(MAX_TEXT_CHARS + 10);
        n.author = Some("ü".repeat(MAX_AUTHOR_CHARS + 1));
        n.votes = u32::MAX;
        b.apply(Edit::UpdateNotes(vec![n]));
        let n = b.note(NoteId(1)).unwrap();
        assert_eq!(n.text.chars().count(), MAX_TEXT_CHARS);
        assert_eq!(
            n.author.as_deref().map(|a| a.chars().count()),
            Some(MAX_AUTHOR_CHARS)
        );
        assert_eq!(n.votes, MAX_VOTES);
        b.apply(Edit::SetTitle("t".repeat(MAX_TEXT_CHARS + 1)));
        assert_eq!(b.title().len(), MAX_TEXT_CHARS);
        b.apply(Edit::SetVoting(Voting {
            dots_per_person: u32::MAX,
            people: u32::MAX,
        }));
        assert_eq!(
            b.voting(),
            Voting {
                dots_per_person: MAX_DOTS_PER_PERSON,
                people: MAX_PEOPLE
            }
        );
    }

    #[test]
    fn regions_follow_the_centre() {
        let b = sample();
        assert_eq!(b.region_at(Point::new(10.0, 10.0)), Some(Region::Block(0)));
        assert_eq!(
            b.region_at(Point::new(450.0, 700.0)),
            Some(Region::Cell { stage: 1, row: 0 })
        );
        assert_eq!(b.region_at(Point::new(50.0, 700.0)), None);
        assert_eq!(
            b.region_name(Region::Cell { stage: 1, row: 0 }),
            "Use · Does"
        );
        // Note 1 spans x 300..500: centre 400 is inside block A.
        assert_eq!(
            b.region_of(b.note(NoteId(1)).unwrap()),
            Some(Region::Block(0))
        );
        // Note 2 spans x 600..800: outside everything.
        assert_eq!(b.region_of(b.note(NoteId(2)).unwrap()), None);
    }
}
