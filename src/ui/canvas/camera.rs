//! Where the canvas looks: panning and zooming by hand, smooth flights to an area, and the
//! conversions between board and screen points.

use eframe::egui::{self, PointerButton, Pos2, Rect};

use super::Canvas;
use crate::model::{Board, NoteId, Point};
use crate::ui::style::screen_size;
use crate::ui::view::View;

/// A smooth zoom to an area. The target view is worked out each frame from the canvas as it is
/// then, so it lands right even when panels appear or vanish on the way.
#[derive(Clone, Copy, Debug)]
pub(super) struct Flight {
    from: View,
    to: crate::model::Rect,
    start: f64,
}

/// How long a smooth zoom takes, in seconds.
const FLIGHT_SECONDS: f64 = 0.45;

impl Canvas {
    /// Screen rectangle of a note (for tests and for placing popups).
    pub fn note_screen_rect(&self, board: &Board, id: NoteId) -> Option<Rect> {
        board
            .note(id)
            .map(|n| self.view.rect_to_screen(self.area, &n.rect))
    }

    pub fn to_screen(&self, p: Point) -> Pos2 {
        self.view.to_screen(self.area, p)
    }

    /// The board point under the pointer, if the pointer is over the canvas.
    pub fn pointer_point(&self, ctx: &egui::Context) -> Option<Point> {
        let pos = ctx.input(|i| i.pointer.hover_pos())?;
        self.area
            .contains(pos)
            .then(|| self.view.to_world(self.area, pos))
    }

    /// The middle of what is on screen.
    pub fn view_center(&self) -> Point {
        self.view.visible(self.area).center()
    }

    pub fn zoom_to_fit(&mut self, board: &Board) {
        if let Some(bounds) = board.bounds() {
            self.zoom_to(&bounds);
        }
    }

    /// Flies smoothly to show `area` whole.
    pub fn zoom_to(&mut self, area: &crate::model::Rect) {
        self.flight = Some(Flight {
            from: self.view,
            to: *area,
            start: f64::NAN,
        });
    }

    /// The view showing `area` whole in the part of the canvas no overlay covers.
    pub(super) fn fitting(&self, area: &crate::model::Rect) -> View {
        let inset = self.look.inset_top.min(self.area.height() / 2.0);
        let free = Rect::from_min_max(self.area.min + egui::vec2(0.0, inset), self.area.max);
        // A small canvas keeps a margin in proportion, so the area still fits.
        let margin = self.look.fit_margin.min(free.size().min_elem() * 0.05);
        let mut view = View::fitting(free, area, margin);
        // `View` offsets are relative to the canvas's corner, not the free part's.
        view.offset.y += inset;
        view
    }

    /// Moves the camera along a flight; returns whether it is still flying.
    pub(super) fn fly(&mut self, now: f64) -> bool {
        let Some(flight) = &mut self.flight else {
            return false;
        };
        if flight.start.is_nan() {
            flight.start = now;
        }
        let (from, to, start) = (flight.from, flight.to, flight.start);
        let t = ((now - start) / FLIGHT_SECONDS).clamp(0.0, 1.0) as f32;
        // Ease in and out.
        let eased = t * t * (3.0 - 2.0 * t);
        let target = self.fitting(&to);
        self.view = from.lerp(self.area, &target, eased);
        if t >= 1.0 {
            self.view = target;
            self.flight = None;
        }
        self.flight.is_some()
    }

    /// Puts the camera back where it was (a view kept from before), ending any flight.
    pub fn set_view(&mut self, view: View) {
        self.flight = None;
        self.auto_fit = false;
        self.view = view;
    }

    /// Zooms around the middle of the canvas.
    pub fn zoom_by(&mut self, factor: f32) {
        self.flight = None;
        let c = self.area.center();
        self.view.zoom_around(self.area, c, factor);
    }

    /// Pans just enough to bring a note on screen.
    pub fn keep_visible(&mut self, board: &Board, id: NoteId) {
        let Some(r) = self.note_screen_rect(board, id) else {
            return;
        };
        let inner = self.area.shrink(screen_size::FIT_MARGIN);
        let mut shift = egui::Vec2::ZERO;
        if r.right() > inner.right() {
            shift.x = inner.right() - r.right();
        }
        if r.left() < inner.left() {
            shift.x = inner.left() - r.left();
        }
        if r.bottom() > inner.bottom() {
            shift.y = inner.bottom() - r.bottom();
        }
        if r.top() < inner.top() {
            shift.y = inner.top() - r.top();
        }
        self.view.offset += shift;
    }

    /// Scrolling pans; Ctrl+wheel and pinch zoom around the pointer.
    pub(super) fn navigate(&mut self, ui: &egui::Ui, resp: &egui::Response) {
        if !resp.contains_pointer() {
            return;
        }
        let (scroll, zoom, pointer) =
            ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
        if zoom != 1.0
            && let Some(p) = pointer
        {
            self.flight = None;
            self.view.zoom_around(self.area, p, zoom);
        }
        self.view.offset += scroll;
        if resp.dragged_by(PointerButton::Middle) {
            self.view.offset += resp.drag_delta();
        }
    }
}
