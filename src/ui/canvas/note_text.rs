//! Note text as the window sets it: [`design::fit`](crate::design::fit) with egui's measures of
//! Inter, kept per note between frames. A fit depends only on the text, the note's size and the
//! text size setting, never on the zoom, so panning and zooming reuse it.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use eframe::egui::{self, FontFamily, FontId};

use super::Canvas;
use super::paint::zoomed_size;
use crate::design::fit::{self, Fitted, Measure};
use crate::model::{Board, Note, NoteId};
use crate::ui::style::canvas_size as cs;

/// Widths and line heights from egui's fonts of one family, as the canvas will draw them.
pub struct EguiMeasure<'a> {
    pub ctx: &'a egui::Context,
    pub family: FontFamily,
}

impl Measure for EguiMeasure<'_> {
    fn width(&self, text: &str, size: f32) -> f32 {
        let font = FontId::new(size, self.family.clone());
        self.ctx
            .fonts_mut(|f| text.chars().map(|c| f.glyph_width(&font, c)).sum())
    }

    fn line_height(&self, size: f32) -> f32 {
        let font = FontId::new(size, self.family.clone());
        self.ctx.fonts_mut(|f| f.row_height(&font))
    }
}

/// The fitted text of the notes drawn lately.
#[derive(Default)]
pub struct NoteTexts {
    fits: HashMap<NoteId, (u64, Arc<Fitted>)>,
}

impl NoteTexts {
    /// `note`'s text as fitted to it at text size factor `scale`.
    pub fn get(
        &mut self,
        ctx: &egui::Context,
        board: &Board,
        note: &Note,
        scale: f32,
    ) -> Arc<Fitted> {
        let tagged = note.partner.and_then(|id| board.partner(id)).is_some();
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&note.text, note.rect.w.to_bits(), note.rect.h.to_bits()).hash(&mut h);
        (tagged, scale.to_bits()).hash(&mut h);
        let key = h.finish();
        if let Some((k, fitted)) = self.fits.get(&note.id)
            && *k == key
        {
            return fitted.clone();
        }
        let fitted = Arc::new(fit::fit_note(
            &note.text,
            (note.rect.w, note.rect.h),
            tagged,
            scale,
            &EguiMeasure {
                ctx,
                family: FontFamily::Proportional,
            },
        ));
        // Deleted notes would otherwise stay: start afresh once the map outgrows the board.
        if self.fits.len() > 2 * board.notes().len() + 64 {
            self.fits.clear();
        }
        self.fits.insert(note.id, (key, fitted.clone()));
        fitted
    }
}

/// The on-screen size text fitted at `size` units is drawn at with `zoom`, or `None` when that is
/// too small to read: the note then shows grey bars (and its text is not laid out at all).
pub fn drawn_px(size: f32, zoom: f32) -> Option<f32> {
    (size * zoom >= cs::MIN_READABLE_PX).then(|| zoomed_size(size, zoom))
}

impl Canvas {
    /// The size in screen pixels note `id`'s text is drawn at, wherever it is (even under other
    /// notes): what a room reads.
    pub fn text_px(&mut self, ctx: &egui::Context, board: &Board, id: NoteId) -> Option<f32> {
        let note = board.note(id)?;
        let zoom = self.view_of(note.rect.center()).zoom;
        let fitted = self.texts.get(ctx, board, note, self.look.text_scale);
        drawn_px(fitted.size, zoom)
    }
}
