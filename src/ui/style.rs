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
    /// Space left around an area zoomed to: on a projector every pixel counts.
    pub const FIT_MARGIN: f32 = 16.0;
    /// The handle a flow is dragged out of, beside a selected note's right edge.
    pub const FLOW_HANDLE_RADIUS: f32 = 9.0;
    pub const FLOW_HANDLE_GAP: f32 = 8.0;
    /// A click this close to a flow's line selects it.
    pub const FLOW_HIT: f32 = 6.0;
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
    /// Error text in the status line, and the border of error banners.
    pub error: Color32,
    pub error_fill: Color32,
    pub error_text: Color32,
    /// Outline of colour swatches and partner chips, so a colour close to the panel's own (a
    /// near-black partner on the dark theme, white on the light one) still shows its edge.
    pub swatch_border: Color32,
}

/// Colours of the window around the board, per theme.
struct ChromeColors {
    error: [u8; 3],
    error_fill: [u8; 3],
    error_text: [u8; 3],
    swatch_border: [u8; 3],
}

const LIGHT_CHROME: ChromeColors = ChromeColors {
    error: [0xB0, 0x1E, 0x1E],
    error_fill: [0xFD, 0xE8, 0xE8],
    error_text: [0x80, 0x10, 0x10],
    swatch_border: [0x78, 0x78, 0x78],
};

const DARK_CHROME: ChromeColors = ChromeColors {
    error: [0xFF, 0x7B, 0x7B],
    error_fill: [0x3D, 0x1B, 0x1F],
    error_text: [0xFF, 0xD9, 0xD9],
    swatch_border: [0xC8, 0xCC, 0xD4],
};

impl Palette {
    /// The window's palette for a set of board colours and the chrome around them.
    fn new(c: &BoardColors, chrome: &ChromeColors) -> Palette {
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
            error: rgb(chrome.error),
            error_fill: rgb(chrome.error_fill),
            error_text: rgb(chrome.error_text),
            swatch_border: rgb(chrome.swatch_border),
        }
    }

    pub fn light() -> Palette {
        Palette::for_theme(Theme::Light)
    }

    pub fn for_theme(theme: Theme) -> Palette {
        match theme {
            Theme::Light => Palette::new(&BoardColors::LIGHT, &LIGHT_CHROME),
            Theme::Dark => Palette::new(&BoardColors::DARK, &DARK_CHROME),
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

/// The outline a partner's colour gets where it is shown on `background`: a ring in the palette's
/// swatch edge colour when the two are too close to tell apart (Uber's near-black on the dark
/// theme, white on a white note), none otherwise.
pub fn partner_ring(color: Color32, background: Color32, palette: &Palette) -> Stroke {
    let c = |x: Color32| [x.r(), x.g(), x.b()];
    if crate::design::contrast(c(color), c(background)) < 2.0 {
        Stroke::new(1.5, palette.swatch_border)
    } else {
        Stroke::NONE
    }
}

/// Black or white, whichever reads better on `bg` (for text on partner tags).
pub fn text_on(bg: Color32) -> Color32 {
    rgb(crate::design::text_on([bg.r(), bg.g(), bg.b()]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::Visuals;

    fn contrast(a: Color32, b: Color32) -> f64 {
        crate::design::contrast([a.r(), a.g(), a.b()], [b.r(), b.g(), b.b()])
    }

    #[test]
    fn a_near_black_partner_gets_a_ring_on_the_dark_theme_only() {
        let uber = Color32::from_rgb(0x22, 0x22, 0x22);
        let dark = Palette::for_theme(Theme::Dark);
        let light = Palette::light();
        let ring = partner_ring(uber, Visuals::dark().panel_fill, &dark);
        assert!(ring.width > 0.0);
        assert!(contrast(ring.color, Visuals::dark().panel_fill) >= 3.0);
        assert_eq!(
            partner_ring(uber, Visuals::light().panel_fill, &light),
            Stroke::NONE
        );
    }

    #[test]
    fn messages_read_on_both_themes() {
        for (theme, visuals) in [
            (Theme::Light, Visuals::light()),
            (Theme::Dark, Visuals::dark()),
        ] {
            let p = Palette::for_theme(theme);
            let panel = visuals.panel_fill;
            assert!(contrast(p.error, panel) >= 4.5, "{theme:?}: status error");
            assert!(
                contrast(p.error_text, p.error_fill) >= 7.0,
                "{theme:?}: banner"
            );
            assert!(
                contrast(p.swatch_border, panel) >= 3.0,
                "{theme:?}: swatch edge"
            );
        }
    }
}
