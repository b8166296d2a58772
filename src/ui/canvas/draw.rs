//! Drawing the canvas each frame: the template, then only the notes that show (occlusion
//! culling from the top down), then selection, spotlight and rubber band on top.

use eframe::egui::Rect;

use super::Canvas;
use super::cull::Occlusion;
use super::gestures::Gesture;
use super::paint::{BoardPainter, Face};
use crate::model::Board;
use crate::ui::style::canvas_size as cs;

/// Side of the occlusion grid's cells, in screen pixels.
const OCCLUSION_CELL: f32 = 8.0;

impl Canvas {
    pub(super) fn paint(&mut self, bp: &BoardPainter<'_>, board: &Board) {
        bp.background();
        for (i, block) in board.blocks().iter().enumerate() {
            bp.block(board, block, self.look.hidden_heading != Some(i));
        }
        if let Some(lane) = board.lane() {
            bp.lane(lane);
        }
        if let Some(lead) = self.gesture.as_ref().and_then(Gesture::moving)
            && let Some(note) = board.note(lead)
            && let Some(region) = board.region_of(note)
        {
            bp.drop_target(&board.region_rect(region));
        }
        let editing = self.editor.as_ref().map(|e| e.id);
        // From the top down, find the notes that show; then draw those bottom up.
        let mut occlusion = Occlusion::new(
            bp.painter.clip_rect(),
            OCCLUSION_CELL,
            std::mem::take(&mut self.occlusion_buffer),
        );
        let mut shown = std::mem::take(&mut self.shown_buffer);
        shown.clear();
        let clip = bp.painter.clip_rect();
        for (i, note) in board.notes().iter().enumerate().rev() {
            let on_screen = self.view.rect_to_screen(self.area, &note.rect);
            if !clip.intersects(on_screen) {
                continue;
            }
            let inside = on_screen.shrink(cs::NOTE_PADDING * self.view.zoom);
            let inside_shows = occlusion.shows(inside) || Some(note.id) == editing;
            let opaque = self.look.lens.is_none_or(|lens| note.partner == Some(lens));
            if occlusion.offer(on_screen, opaque) || Some(note.id) == editing {
                shown.push((i, inside_shows));
            }
        }
        self.occlusion_buffer = occlusion.into_buffer();
        // Text is fitted only where some size in the range could be read at this zoom.
        let scale = self.look.text_scale;
        let may_read = cs::NOTE_TEXT.max * scale * self.view.zoom >= cs::MIN_READABLE_PX;
        let ctx = bp.painter.ctx();
        for &(i, inside_shows) in shown.iter().rev() {
            let note = &board.notes()[i];
            let text = (may_read && inside_shows)
                .then(|| self.texts.get(ctx, board, note, scale))
                .filter(|t| t.size * self.view.zoom >= cs::MIN_READABLE_PX);
            let face = match &text {
                _ if !inside_shows => Face::Covered,
                Some(text) => Face::Text(text),
                None => Face::Bars,
            };
            bp.note(board, note, face, Some(note.id) != editing);
        }
        self.shown_buffer = shown;
        if let Some(area) = &self.look.spotlight {
            bp.spotlight(area);
        }
        if self.look.chrome {
            let grip = self.selection.len() == 1 && editing.is_none();
            for id in &self.selection {
                if let Some(note) = board.note(*id) {
                    bp.selection(&note.rect, grip);
                }
            }
        }
        if let Some(Gesture::Select { origin, .. }) = &self.gesture
            && let Some(pos) = bp.painter.ctx().input(|i| i.pointer.latest_pos())
        {
            bp.rubber_band(Rect::from_two_pos(self.to_screen(*origin), pos));
        }
        if board.notes().is_empty() && board.blocks().is_empty() && board.lane().is_none() {
            bp.hint("Double-click or press N to add a note");
        }
    }
}
