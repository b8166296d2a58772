//! Plain geometry in canvas units (1 unit = 1 logical pixel at 100 % zoom).

use serde::{Deserialize, Serialize};

/// A point on the canvas.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

/// An axis-aligned rectangle given by its top-left corner and size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self { x, y, w, h }
    }

    /// The smallest rectangle holding both corners, in any order.
    pub fn from_corners(a: Point, b: Point) -> Self {
        Self::new(
            a.x.min(b.x),
            a.y.min(b.y),
            (a.x - b.x).abs(),
            (a.y - b.y).abs(),
        )
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    pub fn center(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Half-open containment, so a point on a shared edge belongs to exactly one of two neighbours.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x < self.right() && p.y >= self.y && p.y < self.bottom()
    }

    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// Whether `other` lies wholly inside this rectangle.
    pub fn contains_rect(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.right() <= self.right()
            && other.y >= self.y
            && other.bottom() <= self.bottom()
    }

    /// This rectangle moved the least distance that puts it inside `area`, where it fits; along an
    /// axis where it does not, it stays as it is.
    pub fn moved_into(&self, area: &Rect) -> Self {
        let along = |v: f32, size: f32, lo: f32, hi: f32| {
            if size <= hi - lo {
                v.clamp(lo, hi - size)
            } else {
                v
            }
        };
        Self::new(
            along(self.x, self.w, area.x, area.right()),
            along(self.y, self.h, area.y, area.bottom()),
            self.w,
            self.h,
        )
    }

    pub fn translated(&self, dx: f32, dy: f32) -> Self {
        Self::new(self.x + dx, self.y + dy, self.w, self.h)
    }

    pub fn union(&self, other: &Rect) -> Self {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Self::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }

    /// Bounding box of many rectangles; `None` for none.
    pub fn bounding<'a>(rects: impl IntoIterator<Item = &'a Rect>) -> Option<Rect> {
        rects.into_iter().fold(None, |acc, r| match acc {
            None => Some(*r),
            Some(a) => Some(a.union(r)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containment_is_half_open() {
        let r = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(r.contains(Point::new(0.0, 0.0)));
        assert!(r.contains(Point::new(9.9, 9.9)));
        assert!(!r.contains(Point::new(10.0, 5.0)));
        assert!(!r.contains(Point::new(5.0, 10.0)));
    }

    #[test]
    fn corners_in_any_order() {
        let r = Rect::from_corners(Point::new(10.0, 2.0), Point::new(4.0, 8.0));
        assert_eq!(r, Rect::new(4.0, 2.0, 6.0, 6.0));
    }

    #[test]
    fn bounding_box() {
        let a = Rect::new(0.0, 0.0, 1.0, 1.0);
        let b = Rect::new(5.0, -2.0, 1.0, 1.0);
        assert_eq!(
            Rect::bounding([&a, &b]),
            Some(Rect::new(0.0, -2.0, 6.0, 3.0))
        );
        assert_eq!(Rect::bounding([]), None);
    }
}
