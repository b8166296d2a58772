//! Sticky notes and their colours.

use serde::{Deserialize, Serialize};

use super::geom::Rect;
use super::partner::PartnerId;

/// Stable identity of a note within a board; never reused while the board is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NoteId(pub u64);

/// A sticky note. Which block or journey cell it is in is not stored: it follows from `rect`'s centre.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub id: NoteId,
    pub text: String,
    pub rect: Rect,
    pub color: NoteColor,
    pub partner: Option<PartnerId>,
    /// Dots given in dot voting.
    pub votes: u32,
    /// Who wrote it from the room: a participant's name, or "anonymous"; `None` for notes made in
    /// the app.
    pub author: Option<String>,
    /// Held face down: on the board, but its text is shown to nobody until it is revealed (silent
    /// writing, or hidden by the facilitator).
    pub face_down: bool,
}

impl Note {
    /// Nearly square, like a sticky note, and large enough that fourteen words still read at
    /// 18 px when the whole default board fills a 1080p screen.
    pub const DEFAULT_WIDTH: f32 = 260.0;
    pub const DEFAULT_HEIGHT: f32 = 230.0;
    pub const MIN_SIZE: f32 = 40.0;
    pub const MAX_SIZE: f32 = 4000.0;

    /// A new empty note of the default size centred on nothing in particular.
    pub fn new(id: NoteId, x: f32, y: f32) -> Self {
        Self {
            id,
            text: String::new(),
            rect: Rect::new(x, y, Self::DEFAULT_WIDTH, Self::DEFAULT_HEIGHT),
            color: NoteColor::default(),
            partner: None,
            votes: 0,
            author: None,
            face_down: false,
        }
    }
}

/// Colour of note text on every sticky colour.
pub const NOTE_TEXT_RGB: [u8; 3] = [0x1E, 0x1E, 0x24];

/// The sticky palette: strong enough to tell apart on a projector, light enough for dark text
/// (each passes WCAG AAA, 7:1, against the note text colour).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteColor {
    #[default]
    Yellow,
    Orange,
    Pink,
    Purple,
    Blue,
    Green,
    White,
}

impl NoteColor {
    pub const ALL: [NoteColor; 7] = [
        NoteColor::Yellow,
        NoteColor::Orange,
        NoteColor::Pink,
        NoteColor::Purple,
        NoteColor::Blue,
        NoteColor::Green,
        NoteColor::White,
    ];

    /// sRGB fill of the note.
    pub fn rgb(self) -> [u8; 3] {
        match self {
            NoteColor::Yellow => [0xFF, 0xE0, 0x66],
            NoteColor::Orange => [0xFF, 0xB5, 0x70],
            NoteColor::Pink => [0xFF, 0xA8, 0xCB],
            NoteColor::Purple => [0xCF, 0xB4, 0xFF],
            NoteColor::Blue => [0x9A, 0xCF, 0xFF],
            NoteColor::Green => [0xAE, 0xE5, 0x8F],
            NoteColor::White => [0xF7, 0xF7, 0xF2],
        }
    }

    /// The word used in files and menus.
    pub fn name(self) -> &'static str {
        match self {
            NoteColor::Yellow => "yellow",
            NoteColor::Orange => "orange",
            NoteColor::Pink => "pink",
            NoteColor::Purple => "purple",
            NoteColor::Blue => "blue",
            NoteColor::Green => "green",
            NoteColor::White => "white",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sticky_colour_has_strong_contrast_with_dark_text() {
        for c in NoteColor::ALL {
            let ratio = crate::design::contrast(c.rgb(), NOTE_TEXT_RGB);
            assert!(ratio >= 7.0, "{} has contrast {ratio:.1}", c.name());
        }
    }

    #[test]
    fn colour_names_match_serde() {
        for c in NoteColor::ALL {
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.name())
            );
        }
    }
}
