//! UI style tokens: every colour and size the canvas is drawn with, in one place.

use eframe::egui::{Color32, Stroke};

use crate::model::{NoteColor, Rgb, note::NOTE_TEXT_RGB};

/// Sizes in canvas units (logical pixels at 100 % zoom); they scale with the zoom.
pub mod canvas_size {
    pub const NOTE_FONT: f32 = 20.0;
    pub const NOTE_PADDING: f32 = 12.0;
    pub const NOTE_CORNER: f32 = 6.0;
    pub const TAG_FONT: f32 = 15.0;
    pub const TAG_HEIGHT: f32 = 26.0;
    pub const BLOCK_TITLE_FONT: f32 = 30.0;
    pub const BLOCK_PROMPT_FONT: f32 = 19.0;
    pub const BLOCK_PADDING: f32 = 20.0;
    pub const LANE_TITLE_FONT: f32 = 28.0;
    pub const LANE_HEADER_FONT: f32 = 24.0;
    /// Below this on-screen font size, note text is drawn as grey bars instead of glyphs: nobody can
    /// read it, and laying it out is most of a frame's cost on a big board.
    pub const MIN_READABLE_PX: f32 = 5.0;
}

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
    pub selection: Color32,
    pub drop_target: Color32,
    pub rubber_band_fill: Color32,
    pub shadow: Color32,
}

impl Palette {
    pub const LIGHT: Palette = Palette {
        background: Color32::from_rgb(0xEE, 0xEF, 0xF2),
        block_fill: Color32::from_rgb(0xFF, 0xFF, 0xFF),
        block_border: Stroke {
            width: 2.0,
            color: Color32::from_rgb(0xB8, 0xBC, 0xC6),
        },
        title: Color32::from_rgb(0x1E, 0x22, 0x2B),
        prompt: Color32::from_rgb(0x5A, 0x60, 0x6E),
        lane_header_fill: Color32::from_rgb(0xE2, 0xE6, 0xEE),
        lane_grid: Stroke {
            width: 1.5,
            color: Color32::from_rgb(0xB8, 0xBC, 0xC6),
        },
        selection: Color32::from_rgb(0x1F, 0x6F, 0xEB),
        drop_target: Color32::from_rgba_premultiplied(0x1F, 0x6F, 0xEB, 0x28),
        rubber_band_fill: Color32::from_rgba_premultiplied(0x1F, 0x6F, 0xEB, 0x20),
        shadow: Color32::from_black_alpha(40),
    };
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
    let l = 0.299 * f32::from(bg.r()) + 0.587 * f32::from(bg.g()) + 0.114 * f32::from(bg.b());
    if l > 150.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}
