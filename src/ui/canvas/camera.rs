//! Where the canvas looks: panning and zooming by hand, smooth flights to an area, and the
//! conversions between board and screen points.

use eframe::egui::{self, PointerButton, Rect};

use super::Canvas;
use crate::model::{Board, NoteId, Point};
use crate::ui::style::screen_size;
use crate::ui::view::View;

/// What the camera keeps in view until the user pans or zooms: the whole board as it is when the
/// camera gets there (notes added later do not move the camera), or an area. The view is worked
/// out each frame from the canvas as it is then, so it stays right when the window settles its
/// size or a strip (the voting bar, the partner lens) takes part of the screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Framing {
    Board,
    Area(crate::model::Rect),
}

impl Framing {
    fn area(self, board: &Board) -> Option<crate::model::Rect> {
        match self {
            Framing::Board => board.bounds(),
            Framing::Area(r) => Some(r),
        }
    }
}

/// A smooth zoom to what is framed next.
#[derive(Clone, Copy, Debug)]
pub(super) struct Flight {
    from: View,
    to: Framing,
    start: f64,
}

/// How long a smooth zoom takes, in seconds.
const FLIGHT_SECONDS: f64 = 0.45;

impl Canvas {
    /// Screen rectangle of a note (for tests and for placing popups).
    pub fn note_screen_rect(&self, board: &Board, id: NoteId) -> Option<Rect> {
        board.note(id).map(|n| self.rect_to_screen(&n.rect))
    }

    /// The board point under the pointer, if the pointer is over the canvas.
    pub fn pointer_point(&self, ctx: &egui::Context) -> Option<Point> {
        let pos = ctx.input(|i| i.pointer.hover_pos())?;
        self.area.contains(pos).then(|| self.to_world(pos))
    }

    /// The middle of what is on screen.
    pub fn view_center(&self) -> Point {
        self.view.visible(self.area).center()
    }

    /// Flies smoothly to show the whole board, and keeps it in view.
    pub fn zoom_to_fit(&mut self) {
        self.fly_to(Framing::Board);
    }

    /// Flies smoothly to show `area` whole, and keeps it in view.
    pub fn zoom_to(&mut self, area: &crate::model::Rect) {
        self.fly_to(Framing::Area(*area));
    }

    fn fly_to(&mut self, to: Framing) {
        self.flight = Some(Flight {
            from: self.view,
            to,
            start: f64::NAN,
        });
    }

    /// The user moves the camera: it stops flying and keeps nothing in view any more.
    pub(super) fn release(&mut self) {
        self.flight = None;
        self.framing = None;
    }

    /// The view showing `area` whole on the canvas. A small canvas keeps a margin in proportion,
    /// so the area still fits.
    pub(super) fn fitting(&self, area: &crate::model::Rect) -> View {
        let margin = screen_size::FIT_MARGIN.min(self.area.size().min_elem() * 0.05);
        View::fitting(self.area, area, margin)
    }

    /// Moves the camera along a flight, or keeps what is framed in view; returns whether it is
    /// still flying.
    pub(super) fn follow(&mut self, board: &Board, now: f64) -> bool {
        if self.framing == Some(Framing::Board) {
            self.framing = board.bounds().map(Framing::Area);
        }
        let Some(flight) = &mut self.flight else {
            if let Some(area) = self.framing.and_then(|f| f.area(board)) {
                self.view = self.fitting(&area);
            }
            return false;
        };
        if flight.start.is_nan() {
            flight.start = now;
        }
        let (from, to, start) = (flight.from, flight.to, flight.start);
        let t = ((now - start) / FLIGHT_SECONDS).clamp(0.0, 1.0) as f32;
        // Ease in and out.
        let eased = t * t * (3.0 - 2.0 * t);
        let Some(target) = to.area(board).map(|a| self.fitting(&a)) else {
            self.flight = None;
            return false;
        };
        self.view = from.lerp(self.area, &target, eased);
        if t >= 1.0 {
            self.view = target;
            self.flight = None;
            self.framing = to.area(board).map(Framing::Area);
        }
        self.flight.is_some()
    }

    /// Puts the camera back where it was (a view kept from before), ending any flight.
    pub fn set_view(&mut self, view: View) {
        self.release();
        self.view = view;
    }

    /// Zooms around the middle of the canvas.
    pub fn zoom_by(&mut self, factor: f32) {
        self.release();
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
        if shift != egui::Vec2::ZERO {
            self.release();
            self.view.offset += shift;
        }
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
            self.release();
            self.view.zoom_around(self.area, p, zoom);
        }
        if scroll != egui::Vec2::ZERO {
            self.release();
            self.view.offset += scroll;
        }
        if resp.dragged_by(PointerButton::Middle) {
            self.release();
            self.view.offset += resp.drag_delta();
        }
    }
}
