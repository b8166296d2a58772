//! JSON Canvas 1.0 (`.canvas`, the open format of Obsidian Canvas and others), both ways.
//!
//! Notes are text nodes, blocks and the journey lane (with one group per cell) are group nodes, note
//! colours are the six presets (white: no colour), flows are edges. What JSON Canvas has no field
//! for — prompts, the lane's stages and rows, partners, votes, flow kinds, the title — travels in a
//! `"tandem"` object on the node, the edge or the top level, which other apps ignore; without it an
//! import still gives a usable board. Reading never drops anything silently: what a board cannot
//! hold (file and link nodes, edges between other nodes than notes, unknown fields) is reported
//! with its place in the file. `docs/FORMAT.md` documents the mapping.

mod edges;
mod read;
mod write;

use serde::{Deserialize, Serialize};

use super::diagnostic::Diagnostic;
use super::format::{FlowKindJson, PartnerJson};
use crate::model::{Board, NoteColor, Track};

pub use read::read_canvas;
pub use write::write_canvas;

/// A board read from a `.canvas` file, with everything it could not hold, each with its place.
#[derive(Debug)]
pub struct Imported {
    pub board: Board,
    pub not_kept: Vec<Diagnostic>,
}

/// What a board holds, in words, e.g. "34 notes, 8 blocks and the journey".
pub fn summary(board: &Board) -> String {
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = vec![
        count(board.notes().len(), "note", "notes"),
        count(board.blocks().len(), "block", "blocks"),
    ];
    if !board.flows().is_empty() {
        parts.insert(1, count(board.flows().len(), "flow", "flows"));
    }
    if board.lane().is_some() {
        parts.push("the journey".to_owned());
    }
    let last = parts.pop().unwrap_or_default();
    format!("{} and {last}", parts.join(", "))
}

/// The preset colour ("1" red … "6" purple) standing for each sticky colour; white notes have none.
fn preset(c: NoteColor) -> Option<&'static str> {
    match c {
        NoteColor::Pink => Some("1"),
        NoteColor::Orange => Some("2"),
        NoteColor::Yellow => Some("3"),
        NoteColor::Green => Some("4"),
        NoteColor::Blue => Some("5"),
        NoteColor::Purple => Some("6"),
        NoteColor::White => None,
    }
}

/// Board-level data JSON Canvas has no field for.
#[derive(Serialize, Deserialize, Default)]
#[serde(default)]
struct BoardExt {
    title: Option<String>,
    partners: Vec<PartnerJson>,
    voting: Option<VotingExt>,
    /// The board's flow kinds; absent, a canvas gets the default kinds.
    #[serde(skip_serializing_if = "Option::is_none")]
    flow_kinds: Option<Vec<FlowKindJson>>,
}

#[derive(Serialize, Deserialize)]
struct VotingExt {
    dots_per_person: u32,
    people: u32,
}

/// Node-level data JSON Canvas has no field for; each node uses the part that fits its kind.
#[derive(Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct NodeExt {
    /// Block group: the block's key and prompt.
    #[serde(skip_serializing_if = "Option::is_none")]
    block: Option<BlockExt>,
    /// The journey's group: its header sizes, stages and rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    journey: Option<LaneExt>,
    /// A journey cell's group, `[stage, row]`: drawn for other apps, rebuilt from the lane here.
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<[usize; 2]>,
    /// Text node: the partner's id, the note's votes and, for a note from the room, its author.
    #[serde(skip_serializing_if = "Option::is_none")]
    partner: Option<u64>,
    #[serde(skip_serializing_if = "is_zero")]
    votes: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<String>,
}

fn is_zero(v: &u32) -> bool {
    *v == 0
}

impl NodeExt {
    fn is_empty(&self) -> bool {
        self.block.is_none()
            && self.journey.is_none()
            && self.cell.is_none()
            && self.partner.is_none()
            && self.votes == 0
            && self.author.is_none()
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BlockExt {
    key: String,
    prompt: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LaneExt {
    label_width: f32,
    header_height: f32,
    stages: Vec<TrackExt>,
    rows: Vec<TrackExt>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TrackExt {
    name: String,
    size: f32,
}

#[cfg(test)]
mod tests;
