//! Which notes need drawing: those on screen and not wholly hidden under opaque notes drawn over
//! them. A stack of a hundred notes then costs one note's drawing, not a hundred; and a note whose
//! inside is hidden, only its edge peeking out, is drawn without its text.

use eframe::egui::{Pos2, Rect};

/// A coarse screen grid of cells known to be covered by an opaque note. Notes are offered from the
/// top of the drawing order down.
pub struct Occlusion {
    origin: Pos2,
    cell: f32,
    cols: usize,
    rows: usize,
    covered: Vec<bool>,
}

impl Occlusion {
    /// A grid over `area`; `buffer` is reused between frames to spare an allocation.
    pub fn new(area: Rect, cell: f32, mut buffer: Vec<bool>) -> Self {
        let cols = (area.width() / cell).ceil().max(1.0) as usize;
        let rows = (area.height() / cell).ceil().max(1.0) as usize;
        buffer.clear();
        buffer.resize(cols * rows, false);
        Self {
            origin: area.min,
            cell,
            cols,
            rows,
            covered: buffer,
        }
    }

    pub fn into_buffer(self) -> Vec<bool> {
        self.covered
    }

    /// Cell ranges of `r`: cells it touches (`outer`) and cells wholly inside it (`inner`).
    fn cells(&self, r: Rect, inner: bool) -> Option<(usize, usize, usize, usize)> {
        let to = |v: f32, o: f32| (v - o) / self.cell;
        let (x0, x1) = (to(r.min.x, self.origin.x), to(r.max.x, self.origin.x));
        let (y0, y1) = (to(r.min.y, self.origin.y), to(r.max.y, self.origin.y));
        let (x0, y0, x1, y1) = if inner {
            (x0.ceil(), y0.ceil(), x1.floor(), y1.floor())
        } else {
            (x0.floor(), y0.floor(), x1.ceil(), y1.ceil())
        };
        let clamp = |v: f32, n: usize| v.clamp(0.0, n as f32) as usize;
        let (x0, x1) = (clamp(x0, self.cols), clamp(x1, self.cols));
        let (y0, y1) = (clamp(y0, self.rows), clamp(y1, self.rows));
        (x0 < x1 && y0 < y1).then_some((x0, y0, x1, y1))
    }

    /// Whether anything at `r` (screen) would show through what has been offered so far. Only
    /// the cells wholly inside `r` count (all it touches, when it is smaller than a cell): the
    /// edge cells of a stack of notes in one place are never wholly covered by any of them, and
    /// an edge peeking out by less than a cell is no loss.
    pub fn shows(&self, r: Rect) -> bool {
        let Some((x0, y0, x1, y1)) = self.cells(r, true).or_else(|| self.cells(r, false)) else {
            return false;
        };
        (y0..y1).any(|y| {
            self.covered[y * self.cols + x0..y * self.cols + x1]
                .iter()
                .any(|c| !c)
        })
    }

    /// Whether a note at `r` (screen) would show through what has been offered so far; an opaque
    /// note then hides what lies under it from the notes offered after.
    pub fn offer(&mut self, r: Rect, opaque: bool) -> bool {
        let shows = self.shows(r);
        if shows
            && opaque
            && let Some((x0, y0, x1, y1)) = self.cells(r, true)
        {
            for y in y0..y1 {
                self.covered[y * self.cols + x0..y * self.cols + x1].fill(true);
            }
        }
        shows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::pos2;

    fn rect(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect::from_min_size(pos2(x, y), eframe::egui::vec2(w, h))
    }

    #[test]
    fn hidden_notes_are_skipped_and_peeking_ones_are_not() {
        let mut occ = Occlusion::new(rect(0.0, 0.0, 400.0, 300.0), 8.0, Vec::new());
        assert!(
            occ.offer(rect(100.0, 100.0, 100.0, 80.0), true),
            "the top note"
        );
        assert!(
            !occ.offer(rect(110.0, 110.0, 50.0, 40.0), true),
            "wholly under it"
        );
        assert!(
            !occ.shows(rect(150.0, 150.0, 40.0, 20.0)),
            "its inside is hidden"
        );
        assert!(
            occ.offer(rect(150.0, 150.0, 100.0, 80.0), true),
            "peeking out"
        );
        assert!(
            !occ.offer(rect(500.0, 10.0, 50.0, 50.0), true),
            "off screen"
        );
    }

    #[test]
    fn a_stack_of_notes_in_one_place_costs_one() {
        let mut occ = Occlusion::new(rect(0.0, 0.0, 400.0, 300.0), 8.0, Vec::new());
        let note = rect(13.5, 21.3, 110.0, 97.0);
        assert!(occ.offer(note, true));
        assert!((0..100).all(|_| !occ.offer(note, true)));
    }

    #[test]
    fn see_through_notes_hide_nothing() {
        let mut occ = Occlusion::new(rect(0.0, 0.0, 400.0, 300.0), 8.0, Vec::new());
        assert!(occ.offer(rect(100.0, 100.0, 100.0, 80.0), false));
        assert!(occ.offer(rect(110.0, 110.0, 50.0, 40.0), true));
    }

    #[test]
    fn a_note_smaller_than_a_cell_is_drawn_unless_its_cells_are_covered() {
        let mut occ = Occlusion::new(rect(0.0, 0.0, 400.0, 300.0), 8.0, Vec::new());
        assert!(occ.offer(rect(3.0, 3.0, 2.0, 2.0), true));
        assert!(
            occ.offer(rect(3.0, 3.0, 2.0, 2.0), true),
            "too small to cover a whole cell"
        );
    }
}
