//! The canvas camera: where the board is on screen and how large. Text is laid out at the zoomed
//! size (never scaled as a picture), so it stays crisp at every zoom.

use eframe::egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::model;

/// Pan and zoom of the canvas. `screen = canvas.min + offset + world * zoom`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub offset: Vec2,
    pub zoom: f32,
}

impl Default for View {
    fn default() -> Self {
        Self {
            offset: Vec2::ZERO,
            zoom: 1.0,
        }
    }
}

/// Small enough to fit the default board into a canvas 100 pixels high.
pub const MIN_ZOOM: f32 = 0.02;
pub const MAX_ZOOM: f32 = 8.0;

impl View {
    pub fn to_screen(&self, canvas: Rect, p: model::Point) -> Pos2 {
        canvas.min + self.offset + vec2(p.x, p.y) * self.zoom
    }

    pub fn to_world(&self, canvas: Rect, p: Pos2) -> model::Point {
        let v = (p - canvas.min - self.offset) / self.zoom;
        model::Point::new(v.x, v.y)
    }

    pub fn rect_to_screen(&self, canvas: Rect, r: &model::Rect) -> Rect {
        let min = self.to_screen(canvas, model::Point::new(r.x, r.y));
        Rect::from_min_size(min, vec2(r.w, r.h) * self.zoom)
    }

    pub fn rect_to_world(&self, canvas: Rect, r: Rect) -> model::Rect {
        let min = self.to_world(canvas, r.min);
        model::Rect::new(min.x, min.y, r.width() / self.zoom, r.height() / self.zoom)
    }

    /// Multiplies the zoom by `factor`, keeping the world point under `anchor` (a screen point) still.
    pub fn zoom_around(&mut self, canvas: Rect, anchor: Pos2, factor: f32) {
        let before = self.to_world(canvas, anchor);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let after = self.to_screen(canvas, before);
        self.offset += anchor - after;
    }

    /// The view that shows `area` whole, centred, with `margin` screen pixels around it.
    pub fn fitting(canvas: Rect, area: &model::Rect, margin: f32) -> View {
        let avail = (canvas.size() - Vec2::splat(2.0 * margin)).max(Vec2::splat(1.0));
        let zoom = (avail.x / area.w.max(1.0))
            .min(avail.y / area.h.max(1.0))
            .clamp(MIN_ZOOM, MAX_ZOOM);
        let center = area.center();
        let offset = canvas.size() / 2.0 - vec2(center.x, center.y) * zoom;
        View { offset, zoom }
    }

    /// The world area visible in `canvas`.
    pub fn visible(&self, canvas: Rect) -> model::Rect {
        self.rect_to_world(canvas, canvas)
    }

    /// The view `t` of the way from `self` to `to` (0 ≤ t ≤ 1), moving smoothly in zoom: the zoom is
    /// interpolated geometrically and the visible centre linearly, as map viewers do.
    pub fn lerp(&self, canvas: Rect, to: &View, t: f32) -> View {
        let zoom = self.zoom * (to.zoom / self.zoom).powf(t);
        let a = self.visible(canvas).center();
        let b = to.visible(canvas).center();
        let c = pos2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
        let offset = canvas.size() / 2.0 - c.to_vec2() * zoom;
        View { offset, zoom }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canvas() -> Rect {
        Rect::from_min_size(pos2(10.0, 20.0), vec2(800.0, 600.0))
    }

    #[test]
    fn world_and_screen_round_trip() {
        let v = View {
            offset: vec2(30.0, -40.0),
            zoom: 2.5,
        };
        let p = model::Point::new(12.0, -7.0);
        let back = v.to_world(canvas(), v.to_screen(canvas(), p));
        assert!((back.x - p.x).abs() < 1e-4 && (back.y - p.y).abs() < 1e-4);
    }

    #[test]
    fn zoom_keeps_the_anchor_still() {
        let mut v = View::default();
        let anchor = pos2(300.0, 200.0);
        let before = v.to_world(canvas(), anchor);
        v.zoom_around(canvas(), anchor, 3.0);
        let after = v.to_world(canvas(), anchor);
        assert!((before.x - after.x).abs() < 1e-3 && (before.y - after.y).abs() < 1e-3);
        assert_eq!(v.zoom, 3.0);
        v.zoom_around(canvas(), anchor, 1000.0);
        assert_eq!(v.zoom, MAX_ZOOM);
    }

    #[test]
    fn fitting_shows_the_whole_area_centred() {
        let area = model::Rect::new(0.0, 0.0, 2000.0, 1000.0);
        let v = View::fitting(canvas(), &area, 20.0);
        assert!((v.zoom - 0.38).abs() < 1e-4);
        let shown = v.rect_to_screen(canvas(), &area);
        assert!(canvas().contains_rect(shown));
        assert!((shown.center() - canvas().center()).length() < 1e-3);
    }

    #[test]
    fn lerp_ends_where_it_should() {
        let a = View::default();
        let b = View::fitting(canvas(), &model::Rect::new(500.0, 500.0, 100.0, 100.0), 0.0);
        let end = a.lerp(canvas(), &b, 1.0);
        assert!((end.zoom - b.zoom).abs() < 1e-4);
        assert!((end.offset - b.offset).length() < 1e-2);
        assert_eq!(a.lerp(canvas(), &b, 0.0).zoom, a.zoom);
    }
}
