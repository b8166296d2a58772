//! Drawing the canvas each frame: the template, then only the notes that show (occlusion
//! culling from the top down), then selection, spotlight and rubber band on top.

use std::collections::HashMap;

use eframe::egui::Rect;

use super::Canvas;
use super::cull::Occlusion;
use super::gestures::Gesture;
use super::paint::BoardPainter;
use crate::model::Board;
use crate::model::room::Target;

/// Side of the occlusion grid's cells, in screen pixels.
const OCCLUSION_CELL: f32 = 8.0;

/// The most selected notes outlined one by one; past it one frame goes around them all, so
/// selecting a whole big board never asks the GPU for more than it accepts.
const MAX_OUTLINES: usize = 2_000;

impl Canvas {
    pub(super) fn paint(&mut self, bp: &BoardPainter<'_>, board: &Board) {
        let mut grown = std::mem::take(&mut self.grown);
        bp.background();
        for block in board.blocks() {
            bp.block(block);
        }
        if let Some(lane) = board.lane() {
            bp.lane(lane);
        }
        for (target, n) in crate::model::room::held_counts(board) {
            let area = match target {
                Target::Block(key) => board.blocks().iter().find(|b| b.key == key).map(|b| b.rect),
                Target::Stage(i) => board.lane().map(|l| l.stage_header_rect(i)),
            };
            if let Some(area) = area {
                bp.held_badge(&area, n);
            }
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
            let mut drawn = note.rect;
            if !grown.is_empty()
                && let Some(h) = grown.get(&note.id)
            {
                drawn.h = *h;
            }
            let on_screen = self.view.rect_to_screen(self.area, &drawn);
            if !clip.intersects(on_screen) {
                continue;
            }
            let opaque = self.look.lens.is_none_or(|lens| note.partner == Some(lens));
            if occlusion.offer(on_screen, opaque) || Some(note.id) == editing {
                shown.push(i);
            }
        }
        self.occlusion_buffer = occlusion.into_buffer();
        let mut drawn_heights = HashMap::with_capacity(grown.len());
        for &i in shown.iter().rev() {
            let note = &board.notes()[i];
            if let Some(h) = bp.note(board, note, Some(note.id) != editing) {
                drawn_heights.insert(note.id, h);
            }
        }
        self.shown_buffer = shown;
        // Notes hidden this frame keep the height they were last drawn at.
        for (id, h) in grown.drain() {
            drawn_heights.entry(id).or_insert(h);
        }
        grown = drawn_heights;
        if let Some(area) = &self.look.spotlight {
            bp.spotlight(area);
        }
        if self.look.chrome && !self.selection.is_empty() {
            self.paint_selection(bp, board, editing.is_none());
        }
        if let Some(Gesture::Select { origin, .. }) = &self.gesture
            && let Some(pos) = bp.painter.ctx().input(|i| i.pointer.latest_pos())
        {
            bp.rubber_band(Rect::from_two_pos(self.to_screen(*origin), pos));
        }
        if board.notes().is_empty() && board.blocks().is_empty() && board.lane().is_none() {
            bp.hint("Double-click or press N to add a note");
        }
        self.grown = grown;
    }

    /// Outlines the selected notes that showed this frame (those hidden or off screen need none),
    /// with the resize grip on a single selected note.
    fn paint_selection(&self, bp: &BoardPainter<'_>, board: &Board, grip_allowed: bool) {
        let notes = board.notes();
        let mut outlined = self
            .shown_buffer
            .iter()
            .map(|&i| &notes[i])
            .filter(|n| self.selection.contains(&n.id));
        let grip = grip_allowed && self.selection.len() == 1;
        if self.selection.len() <= MAX_OUTLINES {
            for note in outlined {
                bp.selection(&self.drawn_rect(note), grip);
            }
        } else if let Some(first) = outlined.next() {
            let all = outlined.fold(self.drawn_rect(first), |r, n| r.union(&self.drawn_rect(n)));
            bp.selection(&all, false);
        }
    }
}
