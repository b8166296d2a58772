//! The board's look as plain numbers: sizes in canvas units and colours as sRGB. The window
//! (`ui::style`) and the exporters draw from the same values, so a picture looks like the screen.

/// Sizes in canvas units (logical pixels at 100 % zoom); on screen they scale with the zoom.
pub mod size {
    pub const NOTE_FONT: f32 = 20.0;
    pub const NOTE_PADDING: f32 = 12.0;
    pub const NOTE_CORNER: f32 = 6.0;
    pub const TAG_FONT: f32 = 15.0;
    pub const TAG_HEIGHT: f32 = 26.0;
    pub const BLOCK_TITLE_FONT: f32 = 30.0;
    pub const BLOCK_PROMPT_FONT: f32 = 19.0;
    pub const BLOCK_PADDING: f32 = 20.0;
    pub const BLOCK_CORNER: f32 = 8.0;
    pub const LANE_TITLE_FONT: f32 = 28.0;
    pub const LANE_HEADER_FONT: f32 = 24.0;
    /// Vote dots sit in a row at a note's top-right corner.
    pub const VOTE_DOT_RADIUS: f32 = 9.0;
    pub const VOTE_DOT_GAP: f32 = 4.0;
    /// Below this on-screen font size, note text is drawn as grey bars instead of glyphs: nobody can
    /// read it, and laying it out is most of a frame's cost on a big board.
    pub const MIN_READABLE_PX: f32 = 5.0;
}

/// How a note's votes are shown: a dot each, or for many votes one dot with the count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VoteMarks {
    None,
    Dots(u32),
    Count(u32),
}

/// More votes than this show as a count.
pub const MAX_VOTE_DOTS: u32 = 5;

pub fn vote_marks(votes: u32) -> VoteMarks {
    match votes {
        0 => VoteMarks::None,
        n if n <= MAX_VOTE_DOTS => VoteMarks::Dots(n),
        n => VoteMarks::Count(n),
    }
}

/// Colours of the board around the notes (notes have their own palette, `NoteColor`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BoardColors {
    pub background: [u8; 3],
    pub block_fill: [u8; 3],
    pub block_border: [u8; 3],
    pub title: [u8; 3],
    pub prompt: [u8; 3],
    pub lane_header_fill: [u8; 3],
    pub lane_grid: [u8; 3],
    pub vote_dot: [u8; 3],
}

impl BoardColors {
    pub const LIGHT: BoardColors = BoardColors {
        background: [0xEE, 0xEF, 0xF2],
        block_fill: [0xFF, 0xFF, 0xFF],
        block_border: [0xB8, 0xBC, 0xC6],
        title: [0x1E, 0x22, 0x2B],
        prompt: [0x5A, 0x60, 0x6E],
        lane_header_fill: [0xE2, 0xE6, 0xEE],
        lane_grid: [0xB8, 0xBC, 0xC6],
        vote_dot: [0xC6, 0x1A, 0x4E],
    };
}

/// Black or white, whichever reads better on `bg` (text on partner tags).
pub fn text_on(bg: [u8; 3]) -> [u8; 3] {
    let [r, g, b] = bg.map(f32::from);
    if 0.299 * r + 0.587 * g + 0.114 * b > 150.0 {
        [0, 0, 0]
    } else {
        [0xFF, 0xFF, 0xFF]
    }
}

/// The bundled Inter faces: the window and the exporters draw with the same font, so text wraps
/// alike and a picture is the same on every machine.
pub mod font {
    pub const REGULAR: &[u8] = include_bytes!("../assets/fonts/Inter-Regular.otf");
    /// Titles (block titles).
    pub const SEMIBOLD: &[u8] = include_bytes!("../assets/fonts/Inter-SemiBold.otf");
}

/// Stroke widths in canvas units.
pub const BLOCK_BORDER_WIDTH: f32 = 2.0;
pub const LANE_GRID_WIDTH: f32 = 1.5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_votes_become_a_count() {
        assert_eq!(vote_marks(0), VoteMarks::None);
        assert_eq!(vote_marks(5), VoteMarks::Dots(5));
        assert_eq!(vote_marks(6), VoteMarks::Count(6));
    }
}
