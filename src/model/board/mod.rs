//! The board: the whole document, and the one place where it changes (`Board::apply`, in
//! `apply.rs`).

mod apply;

pub use apply::clip_chars;

use std::collections::{HashMap, HashSet};

use super::flow::{Flow, FlowId, FlowKind, FlowKindId, NO_KIND_COLOR, default_kinds};
use super::flow_line::{FlowLine, flow_line, parallel_offset};
use super::geom::{Point, Rect};
use super::keyed::Index;
use super::note::{Note, NoteId};
use super::partner::{Partner, PartnerId, Rgb};
use super::region::{Block, Lane, Region};

/// Coordinates are kept within ±this many units, so no arithmetic on them can overflow to infinity.
pub const COORD_LIMIT: f32 = 1_000_000.0;

// Every board keeps these limits, so any board Tandem builds is one it can open again: the file
// format refuses or repairs files beyond them, and they keep drawing and counting cheap and safe.
/// Characters in one text: a note, the title, a name, a flow's label (longer text is cut).
pub const MAX_TEXT_CHARS: usize = 100_000;
/// Characters in a note's author name (a participant's name from the room).
pub const MAX_AUTHOR_CHARS: usize = 100;
/// Stages, and rows, of the journey lane (the cells grow with their product).
pub const MAX_TRACKS: usize = 100;
/// Votes on one note.
pub const MAX_VOTES: u32 = 10_000;
pub const MAX_DOTS_PER_PERSON: u32 = 1_000;
pub const MAX_PEOPLE: u32 = 10_000;
/// Flow kinds of one board: a legend longer than this is no longer read at a glance.
pub const MAX_FLOW_KINDS: usize = 50;

/// Everything a board holds, as plain values; `Board::from_parts` checks it.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardParts {
    pub title: String,
    pub blocks: Vec<Block>,
    pub lane: Option<Lane>,
    pub partners: Vec<Partner>,
    pub voting: Voting,
    pub notes: Vec<Note>,
    /// The kinds flows can have, in legend order.
    pub flow_kinds: Vec<FlowKind>,
    /// Flows in drawing order (last on top).
    pub flows: Vec<Flow>,
}

impl Default for BoardParts {
    /// An empty board with the default flow kinds.
    fn default() -> Self {
        Self {
            title: String::new(),
            blocks: Vec::new(),
            lane: None,
            partners: Vec::new(),
            voting: Voting::default(),
            notes: Vec::new(),
            flow_kinds: default_kinds(),
            flows: Vec::new(),
        }
    }
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
/// keeps the indexes consistent and hands back the edit that undoes it.
#[derive(Clone, Debug)]
pub struct Board {
    parts: BoardParts,
    /// Position of each note in `parts.notes` (which is also the drawing order, last on top).
    notes: Index<NoteId>,
    flows: Index<FlowId>,
    /// For each flow, its place among the flows joining the same two notes and how many there are,
    /// so parallel flows are drawn side by side.
    lanes: Vec<(usize, usize)>,
    /// Ids are handed out from here and never reused while the board is open, so undo/redo cannot
    /// bring back a note that clashes with a newer one.
    next_note: u64,
    next_partner: u64,
    next_flow: u64,
    next_kind: u64,
}

impl PartialEq for Board {
    fn eq(&self, other: &Self) -> bool {
        self.parts == other.parts
    }
}

/// One past the largest id, saturating: the file format keeps ids far below the top, but a board
/// is plain data.
fn after(ids: impl Iterator<Item = u64>) -> u64 {
    ids.map(|id| id.saturating_add(1)).max().unwrap_or(1)
}

impl Board {
    /// Builds a board from checked parts: notes, flows and kinds with duplicate ids are dropped,
    /// flows that do not join two notes are dropped, flows of unknown kinds lose their kind, and
    /// geometry is clamped (the file loader reports such repairs before it gets here).
    pub fn from_parts(mut parts: BoardParts) -> Self {
        let mut seen = HashSet::new();
        parts.notes.retain(|n| seen.insert(n.id));
        let mut kinds = HashSet::new();
        parts.flow_kinds.retain(|k| kinds.insert(k.id));
        parts.flow_kinds.truncate(MAX_FLOW_KINDS);
        let mut flow_ids = HashSet::new();
        parts.flows.retain(|f| {
            f.from != f.to
                && seen.contains(&f.from)
                && seen.contains(&f.to)
                && flow_ids.insert(f.id)
        });
        for flow in &mut parts.flows {
            if flow
                .kind
                .is_some_and(|k| !parts.flow_kinds.iter().any(|x| x.id == k))
            {
                flow.kind = None;
            }
        }
        apply::sanitize_parts(&mut parts);
        let mut board = Self {
            next_note: after(parts.notes.iter().map(|n| n.id.0)),
            next_partner: after(parts.partners.iter().map(|p| p.id.0)),
            next_flow: after(parts.flows.iter().map(|f| f.id.0)),
            next_kind: after(parts.flow_kinds.iter().map(|k| k.id.0)),
            parts,
            notes: Index::default(),
            flows: Index::default(),
            lanes: Vec::new(),
        };
        board.notes.rebuild(&board.parts.notes);
        board.reindex_flows();
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
        self.notes.get(id).map(|i| &self.parts.notes[i])
    }

    /// Drawing position of a note (higher is on top).
    pub fn z_of(&self, id: NoteId) -> Option<usize> {
        self.notes.get(id)
    }

    /// Flows in drawing order.
    pub fn flows(&self) -> &[Flow] {
        &self.parts.flows
    }

    pub fn flow(&self, id: FlowId) -> Option<&Flow> {
        self.flows.get(id).map(|i| &self.parts.flows[i])
    }

    /// A flow's place in [`Board::flows`].
    pub fn flow_position(&self, id: FlowId) -> Option<usize> {
        self.flows.get(id)
    }

    pub fn flow_kinds(&self) -> &[FlowKind] {
        &self.parts.flow_kinds
    }

    pub fn flow_kind(&self, id: FlowKindId) -> Option<&FlowKind> {
        self.parts.flow_kinds.iter().find(|k| k.id == id)
    }

    /// The colour a flow is drawn in: its kind's, or a neutral grey when it has none.
    pub fn flow_color(&self, flow: &Flow) -> Rgb {
        flow.kind
            .and_then(|k| self.flow_kind(k))
            .map_or(NO_KIND_COLOR, |k| k.color)
    }

    /// How far flow `i` is drawn to the side of the line between its notes' centres, so flows
    /// joining the same two notes sit side by side (see [`parallel_offset`]).
    pub fn flow_offset(&self, i: usize) -> f32 {
        let Some(flow) = self.parts.flows.get(i) else {
            return 0.0;
        };
        let (k, n) = self.lanes.get(i).copied().unwrap_or((0, 1));
        parallel_offset(k, n, flow.from < flow.to)
    }

    /// Where flow `i` (its position in [`Board::flows`]) is drawn between its notes (as the
    /// exports draw it); `None` when one of its notes is missing or both have the same centre.
    pub fn flow_line(&self, i: usize) -> Option<FlowLine> {
        let flow = self.parts.flows.get(i)?;
        let (from, to) = (self.note(flow.from)?, self.note(flow.to)?);
        flow_line(&from.rect, &to.rect, self.flow_offset(i))
    }

    /// `n` fresh note ids.
    pub fn new_note_ids(&mut self, n: usize) -> Vec<NoteId> {
        take_ids(&mut self.next_note, n).map(NoteId).collect()
    }

    pub fn new_partner_id(&mut self) -> PartnerId {
        PartnerId(take_ids(&mut self.next_partner, 1).start)
    }

    /// `n` fresh flow ids.
    pub fn new_flow_ids(&mut self, n: usize) -> Vec<FlowId> {
        take_ids(&mut self.next_flow, n).map(FlowId).collect()
    }

    pub fn new_flow_kind_id(&mut self) -> FlowKindId {
        FlowKindId(take_ids(&mut self.next_kind, 1).start)
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

    /// Everything on the board: template regions and notes (flows run between notes).
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

    /// Rebuilds the flow index and which flows run side by side.
    fn reindex_flows(&mut self) {
        self.flows.rebuild(&self.parts.flows);
        let mut pairs: HashMap<(NoteId, NoteId), usize> = HashMap::new();
        let slots: Vec<((NoteId, NoteId), usize)> = self
            .parts
            .flows
            .iter()
            .map(|f| {
                let pair = (f.from.min(f.to), f.from.max(f.to));
                let count = pairs.entry(pair).or_insert(0);
                *count += 1;
                (pair, *count - 1)
            })
            .collect();
        self.lanes = slots
            .into_iter()
            .map(|(pair, k)| (k, pairs[&pair]))
            .collect();
    }
}

/// Hands out `n` ids from a counter.
fn take_ids(next: &mut u64, n: usize) -> std::ops::Range<u64> {
    let start = *next;
    *next = next.saturating_add(n as u64);
    start..*next
}

#[cfg(test)]
mod tests;
