//! Drawing the canvas each frame: the template, then only the notes that show (occlusion
//! culling from the top down), the flows between them, then spotlight, selection, the flow handle
//! and rubber band on top. An unfolded stage is drawn pane by pane, each through its own view and
//! cut to its own rectangle; its flows then go over the panes, from note to note as shown.

use eframe::egui::{Align2, FontId, Painter, Rect};

use super::Canvas;
use super::cull::Occlusion;
use super::gestures::Gesture;
use super::note_text::drawn_px;
use super::paint::{BoardPainter, Face};
use crate::model::Board;
use crate::model::room::Target;
use crate::ui::style::canvas_size as cs;

/// Side of the occlusion grid's cells, in screen pixels.
pub(super) const OCCLUSION_CELL: f32 = 8.0;

/// The most selected notes outlined one by one; past it one frame goes around them all, so
/// selecting a whole big board never asks the GPU for more than it accepts.
const MAX_OUTLINES: usize = 2_000;

impl Canvas {
    /// Draws the board with `painter`, which covers the whole canvas.
    pub(super) fn paint(&mut self, painter: &Painter, board: &Board) {
        let (look, area) = (self.look, self.area);
        BoardPainter::new(painter, self.view, area, &look).background();
        let views: Vec<_> = if self.panes.is_empty() {
            vec![(self.view, self.area)]
        } else {
            self.panes.iter().map(|p| (p.view, p.screen)).collect()
        };
        self.drawn_flows.clear();
        for (view, clip) in views {
            let clipped = painter.with_clip_rect(clip.intersect(self.area));
            self.paint_view(&BoardPainter::new(&clipped, view, area, &look), board);
        }
        if !self.panes.is_empty() {
            // Flows cross from one pane to another, so they go over all of them at once.
            let space = self.flow_space();
            let bp = BoardPainter::new(painter, space.view, area, &look);
            self.paint_flows(&bp, board, &space);
        }
        for pane in &self.panes {
            painter.text(
                pane.screen.left_top() - eframe::egui::vec2(0.0, 6.0),
                Align2::LEFT_BOTTOM,
                &pane.name,
                FontId::proportional(super::unfold::name_height(self.area.height()) * 0.6),
                look.palette.title,
            );
        }
        let bp = BoardPainter::new(painter, self.view, area, &look);
        if look.chrome
            && let Some(handle) = self.flow_handle(board)
        {
            bp.flow_handle(handle, crate::ui::style::rgb(self.kind_color(board).0));
        }
        match &self.gesture {
            Some(Gesture::Select { origin, .. }) => {
                if let Some(pos) = painter.ctx().input(|i| i.pointer.latest_pos()) {
                    bp.rubber_band(Rect::from_two_pos(self.to_screen(*origin), pos));
                }
            }
            Some(Gesture::Connect { from }) => self.paint_connect(&bp, board, *from),
            _ => {}
        }
        if board.notes().is_empty() && board.blocks().is_empty() && board.lane().is_none() {
            bp.hint("Double-click or press N to add a note");
        }
    }

    /// The board through one view: the camera's, or a pane's.
    fn paint_view(&mut self, bp: &BoardPainter<'_>, board: &Board) {
        for (i, block) in board.blocks().iter().enumerate() {
            bp.block(board, block, self.look.hidden_heading != Some(i));
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
        let clip = bp.painter.clip_rect();
        // From the top down, find the notes that show; then draw those bottom up.
        let mut occlusion = Occlusion::new(
            clip,
            OCCLUSION_CELL,
            std::mem::take(&mut self.occlusion_buffer),
        );
        let mut shown = std::mem::take(&mut self.shown_buffer);
        shown.clear();
        for (i, note) in board.notes().iter().enumerate().rev() {
            let on_screen = bp.view.rect_to_screen(self.area, &note.rect);
            if !clip.intersects(on_screen) {
                continue;
            }
            let inside = on_screen.shrink(cs::NOTE_PADDING * bp.view.zoom);
            let inside_shows = occlusion.shows(inside) || Some(note.id) == editing;
            let opaque = self.look.lens.is_none_or(|lens| note.partner == Some(lens));
            if occlusion.offer(on_screen, opaque) || Some(note.id) == editing {
                shown.push((i, inside_shows));
            }
        }
        self.occlusion_buffer = occlusion.into_buffer();
        // Text is fitted only where some size in the range could be read at this zoom.
        let (scale, zoom) = (self.look.text_scale, bp.view.zoom);
        let may_read = drawn_px(cs::NOTE_TEXT.max * scale, zoom).is_some();
        let ctx = bp.painter.ctx();
        for &(i, inside_shows) in shown.iter().rev() {
            let note = &board.notes()[i];
            let text = (may_read && inside_shows)
                .then(|| self.texts.get(ctx, board, note, scale))
                .filter(|t| drawn_px(t.size, zoom).is_some());
            let face = match &text {
                _ if !inside_shows => Face::Covered,
                Some(text) => Face::Text(text),
                None => Face::Bars,
            };
            bp.note(board, note, face, Some(note.id) != editing);
        }
        self.shown_buffer = shown;
        if self.panes.is_empty() {
            self.paint_flows(bp, board, &self.flow_space());
        }
        if let Some(area) = &self.look.spotlight {
            bp.spotlight(area);
        }
        if self.look.chrome && !self.selection.is_empty() {
            self.paint_selection(bp, board, editing.is_none());
        }
    }

    /// Outlines the selected notes that showed this frame (those hidden or off screen need none),
    /// with the resize grip on a single selected note.
    fn paint_selection(&self, bp: &BoardPainter<'_>, board: &Board, grip_allowed: bool) {
        let notes = board.notes();
        let mut outlined = self
            .shown_buffer
            .iter()
            .map(|&(i, _)| &notes[i])
            .filter(|n| self.selection.contains(&n.id));
        let grip = grip_allowed && self.selection.len() == 1;
        if self.selection.len() <= MAX_OUTLINES {
            for note in outlined {
                bp.selection(&note.rect, grip);
            }
        } else if let Some(first) = outlined.next() {
            let all = outlined.fold(first.rect, |r, n| r.union(&n.rect));
            bp.selection(&all, false);
        }
    }
}
