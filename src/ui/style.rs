//! UI style tokens: every colour and size the canvas is drawn with, in one place.

use eframe::egui::{Color32, Stroke};

use crate::design::{BLOCK_BORDER_WIDTH, BoardColors, LANE_GRID_WIDTH};
use crate::model::{NoteColor, Rgb, note::NOTE_TEXT_RGB};
use crate::ui::settings::Theme;

/// Sizes in canvas units, shared with the exporters.
pub use crate::design::size as canvas_size;

/// Sizes in screen pixels, independent of zoom.
pub mod screen_size {
    /// Side of the square grip at a note's bottom-right corner.
    pub const RESIZE_GRIP: f32 = 14.0;
    pub const SELECTION_WIDTH: f32 = 3.0;
    /// Distance before a press becomes a drag is egui's; this is how far arrow keys move notes.
    pub const NUDGE: f32 = 10.0;
    pub const NUDGE_FINE: f32 = 1.0;
    pub const FIT_MARGIN: f32 = 40.0;
}

/// The colours of the board around the notes.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub background: Color32,
    pub block_fill: Color32,
    pub block_border: Stroke,
    pub title: Color32,
    pub prompt: Color32,
    pub lane_header_fill: Color32,
    pub lane_grid: Stroke,
    pub vote_dot: Color32,
    pub selection: Color32,
    pub drop_target: Color32,
    pub rubber_band_fill: Color32,
    pub shadow: Color32,
}

impl Palette {
    /// The window's palette for a set of board colours.
    pub fn new(c: &BoardColors) -> Palette {
        let selection = Color32::from_rgb(0x1F, 0x6F, 0xEB);
        Palette {
            background: rgb(c.background),
            block_fill: rgb(c.block_fill),
            block_border: Stroke::new(BLOCK_BORDER_WIDTH, rgb(c.block_border)),
            title: rgb(c.title),
            prompt: rgb(c.prompt),
            lane_header_fill: rgb(c.lane_header_fill),
            lane_grid: Stroke::new(LANE_GRID_WIDTH, rgb(c.lane_grid)),
            vote_dot: rgb(c.vote_dot),
            selection,
            drop_target: selection.gamma_multiply(0.16),
            rubber_band_fill: selection.gamma_multiply(0.12),
            shadow: Color32::from_black_alpha(40),
        }
    }

    pub fn light() -> Palette {
        Palette::new(&BoardColors::LIGHT)
    }

    pub fn for_theme(theme: Theme) -> Palette {
        match theme {
            Theme::Light => Palette::light(),
            Theme::Dark => Palette::new(&BoardColors::DARK),
        }
    }
}

pub fn rgb(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

pub fn note_fill(c: NoteColor) -> Color32 {
    rgb(c.rgb())
}

pub fn note_text() -> Color32 {
    rgb(NOTE_TEXT_RGB)
}

pub fn partner_color(c: Rgb) -> Color32 {
    rgb(c.0)
}

/// Black or white, whichever reads better on `bg` (for text on partner tags).
pub fn text_on(bg: Color32) -> Color32 {
    rgb(crate::design::text_on([bg.r(), bg.g(), bg.b()]))
}
