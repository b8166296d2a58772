//! Value flows: arrows between two notes that say what passes between the partners (value, money,
//! data, access to customers, know-how), and the board's list of flow kinds.

use serde::{Deserialize, Serialize};

use super::note::NoteId;
use super::partner::Rgb;

/// Stable identity of a flow within a board; never reused while the board is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FlowId(pub u64);

/// Stable identity of a flow kind within a board, so renaming a kind keeps its flows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FlowKindId(pub u64);

/// Which way a flow goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlowDirection {
    /// From `from` to `to`.
    #[default]
    OneWay,
    /// Both notes give and get.
    BothWays,
}

/// An arrow from one note to another. It has no place of its own: it is drawn between its notes
/// wherever they are, so it follows them when they move.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    pub id: FlowId,
    pub from: NoteId,
    pub to: NoteId,
    pub direction: FlowDirection,
    /// What passes, in words ("listening data"); empty for none.
    pub label: String,
    /// One of the board's kinds; `None` when its kind was removed (drawn in a neutral colour).
    pub kind: Option<FlowKindId>,
}

/// A kind of flow, with the colour its arrows are drawn in.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowKind {
    pub id: FlowKindId,
    pub name: String,
    pub color: Rgb,
}

/// The colour of a flow whose kind was removed.
pub const NO_KIND_COLOR: Rgb = Rgb([0x80, 0x86, 0x92]);

/// The kinds a new board starts with, named by the partnership canvas's question "how does value
/// flow between us?". Each colour reads as a line on both themes' backgrounds and blocks (a test
/// holds them to 3:1), and they differ from one another at a glance.
pub const DEFAULT_KINDS: [(&str, Rgb); 5] = [
    ("value", Rgb([0x2E, 0x8B, 0x3E])),
    ("money", Rgb([0xB2, 0x6B, 0x00])),
    ("data", Rgb([0x2A, 0x6F, 0xC4])),
    ("access to customers", Rgb([0xC2, 0x3B, 0x78])),
    ("know-how", Rgb([0x7E, 0x57, 0xC2])),
];

/// The default kinds with ids 1 to 5.
pub fn default_kinds() -> Vec<FlowKind> {
    DEFAULT_KINDS
        .iter()
        .zip(1..)
        .map(|((name, color), id)| FlowKind {
            id: FlowKindId(id),
            name: (*name).to_owned(),
            color: *color,
        })
        .collect()
}

/// Colours offered for new kinds, after the defaults': as readable on both themes.
pub const KIND_COLORS: [Rgb; 8] = [
    DEFAULT_KINDS[0].1,
    DEFAULT_KINDS[1].1,
    DEFAULT_KINDS[2].1,
    DEFAULT_KINDS[3].1,
    DEFAULT_KINDS[4].1,
    Rgb([0x00, 0x83, 0x8F]),
    Rgb([0xC8, 0x4B, 0x1E]),
    Rgb([0x6B, 0x72, 0x80]),
];

/// The lowest contrast of a line in colour `c` with both themes' backgrounds and blocks: 3 or
/// more reads (WCAG's measure for graphics).
#[cfg(test)]
pub(crate) fn line_contrast(c: Rgb) -> f64 {
    use crate::design::{BoardColors, contrast};
    [BoardColors::LIGHT, BoardColors::DARK]
        .iter()
        .flat_map(|t| [t.background, t.block_fill])
        .map(|bg| contrast(c.0, bg))
        .fold(f64::INFINITY, f64::min)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_colours_read_as_lines_on_both_themes() {
        for c in KIND_COLORS.iter().chain([&NO_KIND_COLOR]) {
            let ratio = line_contrast(*c);
            assert!(ratio >= 3.0, "{}: {ratio:.2}", c.to_hex());
        }
    }

    #[test]
    fn directions_are_written_in_words() {
        assert_eq!(
            serde_json::to_string(&FlowDirection::BothWays).unwrap(),
            "\"both-ways\""
        );
        assert_eq!(
            serde_json::from_str::<FlowDirection>("\"one-way\"").unwrap(),
            FlowDirection::OneWay
        );
    }
}
