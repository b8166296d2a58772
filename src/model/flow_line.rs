//! Where a flow is drawn: a straight line from the edge of one note to the edge of the other, along
//! the line between their centres. The window, the SVG export and JSON Canvas (`fromSide`,
//! `toSide`) all take it from here, so an arrow is in the same place everywhere.

use super::geom::{Point, Rect};

/// A side of a note, as JSON Canvas names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Top,
    Right,
    Bottom,
    Left,
}

impl Side {
    pub const ALL: [Side; 4] = [Side::Top, Side::Right, Side::Bottom, Side::Left];

    pub fn name(self) -> &'static str {
        match self {
            Side::Top => "top",
            Side::Right => "right",
            Side::Bottom => "bottom",
            Side::Left => "left",
        }
    }

    pub fn from_name(name: &str) -> Option<Side> {
        Side::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// A flow's line: its two ends and the sides of the notes they leave and reach.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FlowLine {
    pub from: Point,
    pub to: Point,
    pub from_side: Side,
    pub to_side: Side,
}

impl FlowLine {
    pub fn middle(&self) -> Point {
        Point::new(
            (self.from.x + self.to.x) / 2.0,
            (self.from.y + self.to.y) / 2.0,
        )
    }
}

/// How far `p` is from the segment from `a` to `b`.
pub fn distance_to_segment(p: Point, a: Point, b: Point) -> f32 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (a.x + t * dx, a.y + t * dy);
    ((p.x - cx).powi(2) + (p.y - cy).powi(2)).sqrt()
}

/// An arrow's parts: its line, which ends under its heads rather than through their tips, and
/// each head's corners (tip first).
#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    pub start: Point,
    pub end: Point,
    pub heads: Vec<[Point; 3]>,
}

/// The arrow from `from` to `to` with heads `length` long and `half` as wide on each side, at the
/// end only or (`both_ways`) at both ends. Heads are left out of an arrow too short to carry them.
pub fn arrow(from: Point, to: Point, both_ways: bool, length: f32, half: f32) -> Arrow {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let len = (dx * dx + dy * dy).sqrt();
    if len < 2.5 * length || len == 0.0 {
        return Arrow {
            start: from,
            end: to,
            heads: Vec::new(),
        };
    }
    let (ux, uy) = (dx / len, dy / len);
    let head = |tip: Point, sx: f32, sy: f32| {
        let base = Point::new(tip.x - sx * length, tip.y - sy * length);
        let (px, py) = (-sy * half, sx * half);
        [
            tip,
            Point::new(base.x + px, base.y + py),
            Point::new(base.x - px, base.y - py),
        ]
    };
    let back = 0.8 * length;
    let mut heads = vec![head(to, ux, uy)];
    let mut start = from;
    if both_ways {
        heads.push(head(from, -ux, -uy));
        start = Point::new(from.x + ux * back, from.y + uy * back);
    }
    Arrow {
        start,
        end: Point::new(to.x - ux * back, to.y - uy * back),
        heads,
    }
}

/// Space between a note's edge and the end of an arrow, in canvas units.
pub const END_GAP: f32 = 6.0;
/// Sideways distance between flows that join the same two notes.
pub const PARALLEL_GAP: f32 = 16.0;

/// The sideways shift of flow `k` of `n` joining the same two notes, so each shows: centred on
/// the line between the notes, on the same side whichever way a flow points (`forward`: the flow
/// goes from the note with the smaller id).
pub fn parallel_offset(k: usize, n: usize, forward: bool) -> f32 {
    let offset = (k as f32 - (n.saturating_sub(1)) as f32 / 2.0) * PARALLEL_GAP;
    if forward { offset } else { -offset }
}

/// The line of a flow from the note at `from` to the note at `to`, shifted sideways by `offset`
/// (see [`parallel_offset`]). Notes that overlap are joined centre to centre; notes with the same
/// centre have no line.
pub fn flow_line(from: &Rect, to: &Rect, offset: f32) -> Option<FlowLine> {
    let (a, b) = (from.center(), to.center());
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt();
    if !len.is_finite() || len < 1e-3 {
        return None;
    }
    // Never shifted out of the notes, however many flows join them.
    let limit = 0.4 * from.w.min(from.h).min(to.w).min(to.h);
    let offset = offset.clamp(-limit, limit);
    let (nx, ny) = (-dy / len * offset, dx / len * offset);
    let a = Point::new(a.x + nx, a.y + ny);
    let b = Point::new(b.x + nx, b.y + ny);
    let (t, from_side) = exit(from, a, dx, dy);
    let (s, to_side) = exit(to, b, -dx, -dy);
    let (from_pt, to_pt) = if t + s < 1.0 {
        (
            Point::new(a.x + t * dx, a.y + t * dy),
            Point::new(b.x - s * dx, b.y - s * dy),
        )
    } else {
        (a, b)
    };
    Some(FlowLine {
        from: from_pt,
        to: to_pt,
        from_side,
        to_side,
    })
}

/// Where a ray from `p` (inside `r`) in direction `(dx, dy)` leaves `r` grown by [`END_GAP`], as a
/// multiple of the direction, and through which side.
fn exit(r: &Rect, p: Point, dx: f32, dy: f32) -> (f32, Side) {
    let g = END_GAP;
    let along = |d: f32, lo: f32, hi: f32, v: f32| {
        if d > 0.0 {
            (hi + g - v) / d
        } else if d < 0.0 {
            (lo - g - v) / d
        } else {
            f32::INFINITY
        }
    };
    let tx = along(dx, r.x, r.right(), p.x);
    let ty = along(dy, r.y, r.bottom(), p.y);
    if tx < ty {
        (tx.max(0.0), if dx > 0.0 { Side::Right } else { Side::Left })
    } else {
        (ty.max(0.0), if dy > 0.0 { Side::Bottom } else { Side::Top })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Point, b: Point) -> bool {
        (a.x - b.x).abs() < 1e-3 && (a.y - b.y).abs() < 1e-3
    }

    #[test]
    fn side_by_side_notes_are_joined_edge_to_edge() {
        let a = Rect::new(0.0, 0.0, 200.0, 100.0);
        let b = Rect::new(400.0, 0.0, 200.0, 100.0);
        let l = flow_line(&a, &b, 0.0).unwrap();
        assert!(close(l.from, Point::new(200.0 + END_GAP, 50.0)), "{l:?}");
        assert!(close(l.to, Point::new(400.0 - END_GAP, 50.0)), "{l:?}");
        assert_eq!((l.from_side, l.to_side), (Side::Right, Side::Left));
        let up = flow_line(&b.translated(-400.0, 500.0), &a, 0.0).unwrap();
        assert_eq!((up.from_side, up.to_side), (Side::Top, Side::Bottom));
    }

    #[test]
    fn parallel_flows_sit_side_by_side_whichever_way_they_point() {
        let a = Rect::new(0.0, 0.0, 200.0, 100.0);
        let b = Rect::new(400.0, 0.0, 200.0, 100.0);
        let there = flow_line(&a, &b, parallel_offset(0, 2, true)).unwrap();
        let back = flow_line(&b, &a, parallel_offset(1, 2, false)).unwrap();
        assert_eq!(parallel_offset(0, 1, true), 0.0);
        assert!((there.from.y - back.to.y).abs() > PARALLEL_GAP - 1e-3);
        let again = flow_line(&b, &a, parallel_offset(0, 2, false)).unwrap();
        assert!(
            (again.to.y - there.from.y).abs() < 1e-3,
            "same slot, same place"
        );
        // Many flows stay within the notes.
        let far = flow_line(&a, &b, parallel_offset(0, 40, true)).unwrap();
        assert!(far.from.y >= 0.0 && far.from.y <= 100.0, "{far:?}");
    }

    #[test]
    fn overlapping_and_coincident_notes() {
        let a = Rect::new(0.0, 0.0, 200.0, 100.0);
        let b = Rect::new(50.0, 10.0, 200.0, 100.0);
        let l = flow_line(&a, &b, 0.0).unwrap();
        assert!(close(l.from, a.center()) && close(l.to, b.center()));
        assert_eq!(flow_line(&a, &a, 0.0), None);
    }

    #[test]
    fn arrows_end_under_their_heads() {
        let (a, b) = (Point::new(0.0, 0.0), Point::new(100.0, 0.0));
        let one = arrow(a, b, false, 10.0, 4.0);
        assert_eq!(one.start, a);
        assert_eq!(one.end, Point::new(92.0, 0.0));
        assert_eq!(
            one.heads,
            [[b, Point::new(90.0, 4.0), Point::new(90.0, -4.0)]]
        );
        let both = arrow(a, b, true, 10.0, 4.0);
        assert_eq!(both.start, Point::new(8.0, 0.0));
        assert_eq!(both.heads[1][0], a);
        assert!(
            arrow(a, Point::new(20.0, 0.0), true, 10.0, 4.0)
                .heads
                .is_empty()
        );
    }

    #[test]
    fn distance_to_the_line() {
        let (a, b) = (Point::new(0.0, 0.0), Point::new(100.0, 0.0));
        assert_eq!(distance_to_segment(Point::new(50.0, 5.0), a, b), 5.0);
        assert_eq!(distance_to_segment(Point::new(-3.0, 4.0), a, b), 5.0);
        let l = FlowLine {
            from: a,
            to: b,
            from_side: Side::Right,
            to_side: Side::Left,
        };
        assert_eq!(l.middle(), Point::new(50.0, 0.0));
        assert_eq!(Side::from_name("left"), Some(Side::Left));
        assert_eq!(Side::from_name("middle"), None);
    }
}
