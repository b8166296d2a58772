//! The board's look as plain numbers: sizes in canvas units and colours as sRGB. The window
//! (`ui::style`) and the exporters draw from the same values, so a picture looks like the screen.

pub mod fit;
pub mod layout;

/// Sizes in canvas units (logical pixels at 100 % zoom); on screen they scale with the zoom.
pub mod size {
    use super::fit::SizeRange;

    /// Note text is set as large as fits its note within this range ([`super::fit`]). The
    /// minimum keeps every note of a board laid out for the old fixed 20 units whole.
    pub const NOTE_TEXT: SizeRange = SizeRange {
        min: 16.0,
        max: 40.0,
    };
    pub const NOTE_PADDING: f32 = 8.0;
    pub const NOTE_CORNER: f32 = 6.0;
    pub const TAG_FONT: f32 = 19.0;
    pub const TAG_HEIGHT: f32 = 30.0;
    pub const BLOCK_TITLE_FONT: f32 = 30.0;
    pub const BLOCK_PADDING: f32 = 20.0;
    pub const BLOCK_CORNER: f32 = 8.0;
    /// Notes are laid out this far below a block's top edge, under its one-line title (the
    /// question shows in the notes' space while no note covers it, see `layout`).
    pub const BLOCK_HEADER: f32 = 76.0;
    pub const LANE_TITLE_FONT: f32 = 28.0;
    pub const LANE_HEADER_FONT: f32 = 24.0;
    /// The smallest a count badge (notes held face down) is drawn on screen, in pixels.
    pub const MIN_BADGE_PX: f32 = 20.0;
    /// Vote dots sit in a row at a note's top-right corner.
    pub const VOTE_DOT_RADIUS: f32 = 9.0;
    pub const VOTE_DOT_GAP: f32 = 4.0;
    /// Below this on-screen font size, note text is drawn as grey bars instead of glyphs: nobody can
    /// read it, and laying it out is most of a frame's cost on a big board.
    pub const MIN_READABLE_PX: f32 = 7.0;
    /// Block titles and journey headers are few, so they are drawn down to this size: even too
    /// small to read, they show the board's structure in an overview.
    pub const MIN_TITLE_PX: f32 = 3.0;
    /// Typing into a note shown smaller than this zooms in to it first.
    pub const MIN_TYPING_PX: f32 = 14.0;
    /// A flow's line, its arrowheads (length, and half their width) and its label.
    pub const FLOW_WIDTH: f32 = 3.0;
    pub const FLOW_ARROW: f32 = 16.0;
    pub const FLOW_ARROW_HALF: f32 = 7.0;
    pub const FLOW_LABEL_FONT: f32 = 20.0;
    /// Labels wrap at this width, on a pill this far from their text; a label longer than
    /// this many lines ends in `…` (the whole of it is in the label editor and the reports).
    pub const FLOW_LABEL_WRAP: f32 = 260.0;
    pub const FLOW_LABEL_PADDING: f32 = 6.0;
    pub const FLOW_LABEL_LINES: f32 = 3.0;
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
        block_border: [0x9A, 0xA0, 0xAC],
        title: [0x1E, 0x22, 0x2B],
        prompt: [0x46, 0x4C, 0x58],
        lane_header_fill: [0xE2, 0xE6, 0xEE],
        lane_grid: [0xB8, 0xBC, 0xC6],
        vote_dot: [0xC6, 0x1A, 0x4E],
    };

    /// For dark rooms: light text on deep grey; the sticky colours stay as they are.
    pub const DARK: BoardColors = BoardColors {
        background: [0x12, 0x14, 0x18],
        block_fill: [0x20, 0x23, 0x2A],
        block_border: [0x55, 0x5C, 0x6A],
        title: [0xF4, 0xF6, 0xFA],
        prompt: [0xB9, 0xC0, 0xCC],
        lane_header_fill: [0x2B, 0x2F, 0x38],
        lane_grid: [0x55, 0x5C, 0x6A],
        vote_dot: [0xFF, 0x4F, 0x86],
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

/// WCAG contrast ratio of two sRGB colours (1 to 21); the tests hold every text colour to it.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let lum = |[r, g, b]: [u8; 3]| {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    };
    let (la, lb) = (lum(a), lum(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_themes_are_high_contrast() {
        for c in [BoardColors::LIGHT, BoardColors::DARK] {
            assert!(contrast(c.title, c.block_fill) >= 7.0);
            assert!(
                contrast(c.prompt, c.block_fill) >= 7.0,
                "prompt {:.1}",
                contrast(c.prompt, c.block_fill)
            );
            assert!(contrast(c.title, c.lane_header_fill) >= 7.0);
            assert!(contrast(c.title, c.background) >= 7.0);
        }
    }

    #[test]
    fn many_votes_become_a_count() {
        assert_eq!(vote_marks(0), VoteMarks::None);
        assert_eq!(vote_marks(5), VoteMarks::Dots(5));
        assert_eq!(vote_marks(6), VoteMarks::Count(6));
    }
}
