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

/// Text set lately (a note's, a flow label's), by the id of what it belongs to, kept while what it
/// was set from stays the same: fitting measures every word, too slow to repeat each frame.
pub struct Kept<K, V> {
    set: HashMap<K, (u64, Arc<V>)>,
}

impl<K, V> Default for Kept<K, V> {
    fn default() -> Self {
        Self {
            set: HashMap::new(),
        }
    }
}

impl<K: Hash + Eq, V> Kept<K, V> {
    /// What was set for `id` from `from`, or `set()` when `from` changed. `live` is how many
    /// ids are still about: past twice that the store starts afresh, so deleted ones go.
    pub fn get(&mut self, id: K, from: impl Hash, live: usize, set: impl FnOnce() -> V) -> Arc<V> {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        from.hash(&mut h);
        let key = h.finish();
        if let Some((k, kept)) = self.set.get(&id)
            && *k == key
        {
            return kept.clone();
        }
        let value = Arc::new(set());
        if self.set.len() > 2 * live + 64 {
            self.set.clear();
        }
        self.set.insert(id, (key, value.clone()));
        value
    }
}

/// The fitted text of the notes drawn lately.
#[derive(Default)]
pub struct NoteTexts {
    fits: Kept<NoteId, Fitted>,
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
        let from = (&note.text, note.rect.w.to_bits(), note.rect.h.to_bits());
        let from = (from, tagged, scale.to_bits());
        self.fits.get(note.id, from, board.notes().len(), || {
            fit::fit_note(
                &note.text,
                (note.rect.w, note.rect.h),
                tagged,
                scale,
                &EguiMeasure {
                    ctx,
                    family: FontFamily::Proportional,
                },
            )
        })
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
