//! A journey stage presented across the screen. On the board a stage is a tall column (its cells
//! stacked, one per row), which on a wide screen fills a third of it; presented, its cells stand
//! side by side, each under its row's name, all at one zoom. Each cell is a pane with a view of its
//! own, and the canvas maps points through the pane they fall in, so notes can still be added,
//! typed into and dragged from one row to another.

use eframe::egui::{Pos2, Rect, Vec2, pos2, vec2};

use super::Canvas;
use crate::model::{self, Lane, Point};
use crate::ui::style::screen_size::FIT_MARGIN;
use crate::ui::view::{MAX_ZOOM, MIN_ZOOM, View};

/// One cell of the unfolded stage: where it is on the board and on screen.
#[derive(Clone, Debug)]
pub struct Pane {
    pub cell: model::Rect,
    pub view: View,
    pub screen: Rect,
    /// The row's name, shown above the pane.
    pub name: String,
}

/// Height of the row names above the panes, in screen pixels, for a canvas `height` tall.
pub fn name_height(height: f32) -> f32 {
    (height * 0.06).clamp(24.0, 72.0)
}

/// The panes of `stage` laid out side by side in `area`, the cells all at the largest zoom at
/// which every one fits its column, centred as a group.
pub fn panes(lane: &Lane, stage: usize, area: Rect) -> Vec<Pane> {
    let n = lane.rows.len();
    if stage >= lane.stages.len() || n == 0 {
        return Vec::new();
    }
    let names = name_height(area.height());
    let col_w = (area.width() - 2.0 * FIT_MARGIN - (n - 1) as f32 * FIT_MARGIN) / n as f32;
    let avail_h = area.height() - 2.0 * FIT_MARGIN - names;
    let cells: Vec<model::Rect> = (0..n).map(|r| lane.cell_rect(stage, r)).collect();
    let zoom = cells
        .iter()
        .map(|c| (col_w / c.w).min(avail_h / c.h))
        .fold(MAX_ZOOM, f32::min)
        .max(MIN_ZOOM);
    let tallest = cells.iter().map(|c| c.h * zoom).fold(0.0, f32::max);
    let top = area.center().y - (names + tallest) / 2.0 + names;
    cells
        .into_iter()
        .enumerate()
        .map(|(r, cell)| {
            let size = vec2(cell.w, cell.h) * zoom;
            let left = area.left() + FIT_MARGIN + r as f32 * (col_w + FIT_MARGIN);
            let screen = Rect::from_min_size(pos2(left + (col_w - size.x) / 2.0, top), size);
            let offset = screen.min - area.min - vec2(cell.x, cell.y) * zoom;
            Pane {
                cell,
                view: View { offset, zoom },
                screen,
                name: lane.rows[r].name.clone(),
            }
        })
        .collect()
}

/// Where flows find their notes: on the board through the camera, or, while a stage is unfolded,
/// each note moved by as much as its pane is moved from the first, all through the first pane's
/// view. Flows then run from note to note as the panes show them, across the gaps between.
pub(super) struct FlowSpace {
    pub view: View,
    /// Each pane's cell, and how far its notes move (board units); `None` on the plain board.
    shifts: Option<Vec<(model::Rect, Vec2)>>,
}

impl FlowSpace {
    /// Where note rectangle `r` is in this space; `None` for a note outside the unfolded stage,
    /// whose flows are left out of it.
    pub fn place(&self, r: &model::Rect) -> Option<model::Rect> {
        let Some(shifts) = &self.shifts else {
            return Some(*r);
        };
        let (_, d) = shifts.iter().find(|(cell, _)| cell.contains(r.center()))?;
        Some(r.translated(d.x, d.y))
    }
}

impl Canvas {
    /// Where flows find their notes now (see [`FlowSpace`]).
    pub(super) fn flow_space(&self) -> FlowSpace {
        let Some(first) = self.panes.first() else {
            return FlowSpace {
                view: self.view,
                shifts: None,
            };
        };
        let z = first.view.zoom;
        let shifts = self
            .panes
            .iter()
            .map(|p| (p.cell, (p.view.offset - first.view.offset) / z))
            .collect();
        FlowSpace {
            view: first.view,
            shifts: Some(shifts),
        }
    }

    /// The view that shows board point `p`: its pane's while a stage is unfolded, else the camera.
    pub fn view_of(&self, p: Point) -> View {
        self.panes
            .iter()
            .find(|pane| pane.cell.contains(p))
            .map_or(self.view, |pane| pane.view)
    }

    /// The view under screen point `pos`: the nearest pane's while a stage is unfolded (so a drag
    /// across the gap between two rows goes on smoothly), else the camera.
    fn view_under(&self, pos: Pos2) -> View {
        self.panes
            .iter()
            .min_by(|a, b| {
                let d = |p: &Pane| p.screen.distance_sq_to_pos(pos);
                d(a).total_cmp(&d(b))
            })
            .map_or(self.view, |pane| pane.view)
    }

    pub fn to_world(&self, pos: Pos2) -> Point {
        self.view_under(pos).to_world(self.area, pos)
    }

    pub fn to_screen(&self, p: Point) -> Pos2 {
        self.view_of(p).to_screen(self.area, p)
    }

    /// Where board rectangle `r` is on screen, through the view that shows its centre.
    pub fn rect_to_screen(&self, r: &model::Rect) -> Rect {
        self.view_of(r.center()).rect_to_screen(self.area, r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Template;

    #[test]
    fn a_stage_unfolds_across_the_screen_with_its_rows_side_by_side() {
        let lane = Template::Partnership.board().lane().unwrap().clone();
        let area = Rect::from_min_size(pos2(0.0, 100.0), vec2(1280.0, 600.0));
        let panes = panes(&lane, 1, area);
        assert_eq!(panes.len(), lane.rows.len());
        let spread = panes.last().unwrap().screen.right() - panes[0].screen.left();
        assert!(spread >= 0.9 * area.width(), "{spread}");
        for (r, pane) in panes.iter().enumerate() {
            assert_eq!(pane.cell, lane.cell_rect(1, r));
            assert!(area.contains_rect(pane.screen));
            let corner = pane
                .view
                .to_screen(area, Point::new(pane.cell.x, pane.cell.y));
            assert!((corner - pane.screen.min).length() < 0.01);
        }
        assert!(
            panes
                .windows(2)
                .all(|w| w[0].screen.right() < w[1].screen.left())
        );
        assert!(panes.iter().all(|p| p.view.zoom == panes[0].view.zoom));
        assert!(super::panes(&lane, 9, area).is_empty());
    }
}
