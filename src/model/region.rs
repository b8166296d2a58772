//! The template's regions: canvas blocks and the customer-journey lane.

use super::geom::{Point, Rect};

/// A named block of the canvas, e.g. "Desired value", with the question it asks.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Short stable name used by the command line and exports, e.g. `desired-value`.
    pub key: String,
    pub title: String,
    pub prompt: String,
    pub rect: Rect,
}

/// One column (stage) or row (swimlane) of the journey lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Track {
    pub name: String,
    /// Width of a stage, height of a row.
    pub size: f32,
}

impl Track {
    pub fn new(name: impl Into<String>, size: f32) -> Self {
        Self {
            name: name.into(),
            size,
        }
    }
}

/// The customer-journey lane: a grid of stages (columns, left to right) by rows (swimlanes).
///
/// Its left column holds the row names and its top row the stage names; cells fill the rest.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    pub title: String,
    pub origin: Point,
    /// Width of the row-name column.
    pub label_width: f32,
    /// Height of the stage-name row.
    pub header_height: f32,
    pub stages: Vec<Track>,
    pub rows: Vec<Track>,
}

/// Which axis of the lane an operation is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    Stage,
    Row,
}

impl Axis {
    pub fn noun(self) -> &'static str {
        match self {
            Axis::Stage => "stage",
            Axis::Row => "row",
        }
    }
}

impl Lane {
    pub fn tracks(&self, axis: Axis) -> &[Track] {
        match axis {
            Axis::Stage => &self.stages,
            Axis::Row => &self.rows,
        }
    }

    pub fn tracks_mut(&mut self, axis: Axis) -> &mut Vec<Track> {
        match axis {
            Axis::Stage => &mut self.stages,
            Axis::Row => &mut self.rows,
        }
    }

    /// The whole lane, headers included.
    pub fn rect(&self) -> Rect {
        Rect::new(
            self.origin.x,
            self.origin.y,
            self.label_width + self.stages.iter().map(|t| t.size).sum::<f32>(),
            self.header_height + self.rows.iter().map(|t| t.size).sum::<f32>(),
        )
    }

    /// Start coordinate (x for stages, y for rows) of track `i`; `i == len` gives the far edge.
    pub fn track_start(&self, axis: Axis, i: usize) -> f32 {
        let (base, tracks) = match axis {
            Axis::Stage => (self.origin.x + self.label_width, &self.stages),
            Axis::Row => (self.origin.y + self.header_height, &self.rows),
        };
        base + tracks.iter().take(i).map(|t| t.size).sum::<f32>()
    }

    /// The cell of stage `stage` and row `row`.
    pub fn cell_rect(&self, stage: usize, row: usize) -> Rect {
        Rect::new(
            self.track_start(Axis::Stage, stage),
            self.track_start(Axis::Row, row),
            self.stages[stage].size,
            self.rows[row].size,
        )
    }

    /// The name cell at the top of stage `i`.
    pub fn stage_header_rect(&self, i: usize) -> Rect {
        Rect::new(
            self.track_start(Axis::Stage, i),
            self.origin.y,
            self.stages[i].size,
            self.header_height,
        )
    }

    /// The name cell at the left of row `i`.
    pub fn row_header_rect(&self, i: usize) -> Rect {
        Rect::new(
            self.origin.x,
            self.track_start(Axis::Row, i),
            self.label_width,
            self.rows[i].size,
        )
    }

    /// A whole stage column (header and cells), or a whole row (header and cells).
    pub fn track_rect(&self, axis: Axis, i: usize) -> Rect {
        let lane = self.rect();
        match axis {
            Axis::Stage => Rect::new(
                self.track_start(axis, i),
                lane.y,
                self.stages[i].size,
                lane.h,
            ),
            Axis::Row => Rect::new(lane.x, self.track_start(axis, i), lane.w, self.rows[i].size),
        }
    }

    /// Index of the track whose span holds coordinate `v` (x for stages, y for rows).
    pub fn track_at(&self, axis: Axis, v: f32) -> Option<usize> {
        let mut start = self.track_start(axis, 0);
        for (i, t) in self.tracks(axis).iter().enumerate() {
            if v >= start && v < start + t.size {
                return Some(i);
            }
            start += t.size;
        }
        None
    }

    /// The (stage, row) cell holding `p`, if any (headers are not cells).
    pub fn cell_at(&self, p: Point) -> Option<(usize, usize)> {
        Some((
            self.track_at(Axis::Stage, p.x)?,
            self.track_at(Axis::Row, p.y)?,
        ))
    }
}

/// Where a note sits, derived from its centre.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Region {
    /// Index into the board's blocks.
    Block(usize),
    /// A journey cell.
    Cell { stage: usize, row: usize },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lane() -> Lane {
        Lane {
            title: "Journey".into(),
            origin: Point::new(100.0, 1000.0),
            label_width: 50.0,
            header_height: 20.0,
            stages: vec![Track::new("A", 100.0), Track::new("B", 200.0)],
            rows: vec![Track::new("r1", 80.0), Track::new("r2", 40.0)],
        }
    }

    #[test]
    fn geometry() {
        let l = lane();
        assert_eq!(l.rect(), Rect::new(100.0, 1000.0, 350.0, 140.0));
        assert_eq!(l.cell_rect(1, 1), Rect::new(250.0, 1100.0, 200.0, 40.0));
        assert_eq!(
            l.stage_header_rect(1),
            Rect::new(250.0, 1000.0, 200.0, 20.0)
        );
        assert_eq!(l.row_header_rect(0), Rect::new(100.0, 1020.0, 50.0, 80.0));
        assert_eq!(
            l.track_rect(Axis::Stage, 0),
            Rect::new(150.0, 1000.0, 100.0, 140.0)
        );
    }

    #[test]
    fn cells_by_point() {
        let l = lane();
        assert_eq!(l.cell_at(Point::new(160.0, 1030.0)), Some((0, 0)));
        assert_eq!(l.cell_at(Point::new(449.0, 1139.0)), Some((1, 1)));
        // Headers and the outside are not cells.
        assert_eq!(l.cell_at(Point::new(120.0, 1030.0)), None);
        assert_eq!(l.cell_at(Point::new(160.0, 1010.0)), None);
        assert_eq!(l.cell_at(Point::new(460.0, 1030.0)), None);
    }
}
