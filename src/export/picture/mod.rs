//! The board drawn as a list of shapes, laid out like the canvas draws it at 100 % zoom
//! (`ui/canvas/paint.rs`): the same sizes and colours from `design`, the same places for titles,
//! prompts, journey headers, partner tags, vote dots and flows (`flows.rs`). The SVG export writes
//! these shapes out as elements and the PDF handout draws them on its pages, so a picture of the
//! board and the board in the handout are one drawing. Lines of text are wrapped here, with the
//! bundled font's measures, because neither SVG nor PDF wraps text by itself.

use super::text::Weight;
use crate::design::fit::fit_note;
use crate::design::layout::{self, Across, At, Placed};
use crate::design::{self, BoardColors, VoteMarks, size};
use crate::model::note::NOTE_TEXT_RGB;
use crate::model::{Axis, Block, Board, Lane, Note, Point, Rect};

mod flows;

/// Space around the board's content, in canvas units.
pub const MARGIN: f32 = 40.0;

/// How a shape is filled and outlined.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paint {
    /// Colour and opacity (0 to 1).
    pub fill: Option<([u8; 3], f32)>,
    /// Colour and width.
    pub stroke: Option<([u8; 3], f32)>,
}

impl Paint {
    pub fn fill(color: [u8; 3]) -> Paint {
        Paint {
            fill: Some((color, 1.0)),
            stroke: None,
        }
    }

    pub fn stroke(color: [u8; 3], width: f32) -> Paint {
        Paint {
            fill: None,
            stroke: Some((color, width)),
        }
    }

    pub fn outlined(self, color: [u8; 3], width: f32) -> Paint {
        Paint {
            stroke: Some((color, width)),
            ..self
        }
    }
}

/// One thing drawn, in board units; shapes are drawn in order, later ones over earlier ones.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Rect {
        rect: Rect,
        corner: f32,
        paint: Paint,
    },
    Circle {
        center: Point,
        radius: f32,
        paint: Paint,
    },
    Line {
        from: Point,
        to: Point,
        color: [u8; 3],
        width: f32,
    },
    Polygon {
        points: Vec<Point>,
        color: [u8; 3],
    },
    /// Lines of text from `at`'s top, one line height apart.
    Text {
        lines: Vec<String>,
        at: At,
        size: f32,
        weight: Weight,
        color: [u8; 3],
    },
    /// The shapes up to the matching [`Shape::End`] are one thing: a block, a note, a flow (an
    /// SVG group with this id).
    Group(String),
    /// The shapes up to the matching [`Shape::End`] are cut to this rounded rectangle.
    Clip {
        id: String,
        rect: Rect,
        corner: f32,
    },
    End,
}

/// A drawing of a board: what it shows and the shapes that show it.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    /// The board area drawn, margin included.
    pub frame: Rect,
    pub title: String,
    pub shapes: Vec<Shape>,
}

/// The area a picture of `board` shows: its content plus the margin, on whole units. `None` for
/// a board with nothing on it.
pub fn frame(board: &Board) -> Option<Rect> {
    let lane = board.lane().map(Lane::rect);
    let b = Rect::bounding(
        board
            .blocks()
            .iter()
            .map(|b| &b.rect)
            .chain(lane.as_ref())
            .chain(board.notes().iter().map(|n| &n.rect)),
    )?;
    let x = (b.x - MARGIN).floor();
    let y = (b.y - MARGIN).floor();
    Some(Rect::new(
        x,
        y,
        (b.right() + MARGIN).ceil() - x,
        (b.bottom() + MARGIN).ceil() - y,
    ))
}

/// The whole of `board` as the canvas shows it; `None` when the board has nothing to draw.
pub fn draw(board: &Board) -> Option<Picture> {
    let frame = frame(board)?;
    let colors = BoardColors::LIGHT;
    let mut s = Shapes::default();
    s.rect(&frame, 0.0, Paint::fill(colors.background));
    for block in board.blocks() {
        s.block(board, block, &colors);
    }
    if let Some(lane) = board.lane() {
        s.lane(lane, &colors);
    }
    for note in board.notes() {
        s.note(board, note, &colors);
    }
    s.flows(board, &colors);
    Some(Picture {
        frame,
        title: board.title().to_owned(),
        shapes: s.0,
    })
}

/// Shapes being drawn, with the helpers every drawing of a board uses.
#[derive(Default)]
pub struct Shapes(pub Vec<Shape>);

impl Shapes {
    pub fn rect(&mut self, r: &Rect, corner: f32, paint: Paint) {
        self.0.push(Shape::Rect {
            rect: *r,
            corner,
            paint,
        });
    }

    pub fn line(&mut self, from: Point, to: Point, color: [u8; 3], width: f32) {
        self.0.push(Shape::Line {
            from,
            to,
            color,
            width,
        });
    }

    /// Lines of text at their place (nothing for text with no visible line).
    pub fn text(&mut self, lines: &[String], at: At, size: f32, weight: Weight, color: [u8; 3]) {
        if lines.iter().all(|l| l.is_empty()) {
            return;
        }
        self.0.push(Shape::Text {
            lines: lines.to_vec(),
            at,
            size,
            weight,
            color,
        });
    }

    fn group(&mut self, id: String) {
        self.0.push(Shape::Group(id));
    }

    fn end(&mut self) {
        self.0.push(Shape::End);
    }

    /// A frame with the given stroke drawn inside its edge, as the canvas draws block borders.
    fn inner_stroke(&mut self, r: &Rect, corner: f32, color: [u8; 3], width: f32) {
        let half = width / 2.0;
        let inset = Rect::new(r.x + half, r.y + half, r.w - width, r.h - width);
        self.rect(
            &inset,
            (corner - half).max(0.0),
            Paint::stroke(color, width),
        );
    }

    fn block(&mut self, board: &Board, block: &Block, c: &BoardColors) {
        let r = block.rect;
        self.group(format!("block-{}", block.key));
        self.rect(&r, size::BLOCK_CORNER, Paint::fill(c.block_fill));
        self.inner_stroke(
            &r,
            size::BLOCK_CORNER,
            c.block_border,
            design::BLOCK_BORDER_WIDTH,
        );
        let title = layout::block_title(block, Weight::SemiBold.face());
        self.placed(&title, Weight::SemiBold, c.title);
        if let Some(prompt) = layout::block_prompt(board, block, Weight::Regular.face()) {
            self.placed(&prompt, Weight::Regular, c.prompt);
        }
        self.end();
    }

    fn placed(&mut self, p: &Placed, weight: Weight, color: [u8; 3]) {
        self.text(&p.text.lines, p.at, p.text.size, weight, color);
    }

    fn lane(&mut self, lane: &Lane, c: &BoardColors) {
        let outer = lane.rect();
        let corner = size::BLOCK_CORNER;
        self.group("journey".to_owned());
        // Header fills and grid lines stay inside the lane's rounded corners.
        self.0.push(Shape::Clip {
            id: "journey-inside".to_owned(),
            rect: outer,
            corner,
        });
        self.rect(&outer, 0.0, Paint::fill(c.block_fill));
        let header = Rect::new(outer.x, outer.y, outer.w, lane.header_height);
        let labels = Rect::new(outer.x, outer.y, lane.label_width, outer.h);
        self.rect(&header, 0.0, Paint::fill(c.lane_header_fill));
        self.rect(&labels, 0.0, Paint::fill(c.lane_header_fill));
        for i in 0..=lane.stages.len() {
            let x = lane.track_start(Axis::Stage, i);
            self.line(
                Point::new(x, outer.y),
                Point::new(x, outer.bottom()),
                c.lane_grid,
                design::LANE_GRID_WIDTH,
            );
        }
        for i in 0..=lane.rows.len() {
            let y = lane.track_start(Axis::Row, i);
            self.line(
                Point::new(outer.x, y),
                Point::new(outer.right(), y),
                c.lane_grid,
                design::LANE_GRID_WIDTH,
            );
        }
        self.end();
        self.inner_stroke(&outer, corner, c.block_border, design::BLOCK_BORDER_WIDTH);
        for header in layout::lane_headers(lane, Weight::Regular.face()) {
            self.placed(&header, Weight::Regular, c.title);
        }
        self.end();
    }

    fn note(&mut self, board: &Board, note: &Note, c: &BoardColors) {
        let r = note.rect;
        let partner = note.partner.and_then(|id| board.partner(id));
        let face = Weight::Regular.face();
        let text = fit_note(&note.text, (r.w, r.h), partner.is_some(), 1.0, face);
        self.group(format!("note-{}", note.id.0));
        self.rect(
            &r.translated(3.0, 4.0),
            size::NOTE_CORNER,
            Paint {
                fill: Some(([0, 0, 0], SHADOW_OPACITY)),
                stroke: None,
            },
        );
        self.rect(&r, size::NOTE_CORNER, Paint::fill(note.color.rgb()));
        let at = layout::note_text_at(&r, partner.is_some(), &text, face);
        self.text(&text.lines, at, text.size, Weight::Regular, NOTE_TEXT_RGB);
        if let Some(p) = partner {
            self.partner_tag(&r, &p.name, p.color.0);
        }
        self.votes(&r, note.votes, c.vote_dot);
        self.end();
    }

    /// The partner's name on a chip in its colour at the bottom left of a note.
    fn partner_tag(&mut self, note: &Rect, name: &str, color: [u8; 3]) {
        let pad = size::NOTE_PADDING;
        let room = (note.w - 2.0 * pad - size::TAG_HEIGHT).max(0.0);
        let at = Point::new(note.x + pad, note.bottom() - pad / 2.0 - size::TAG_HEIGHT);
        self.chip(at, name, room, size::TAG_FONT, color);
    }

    /// A name on a pill of `color` with its top left at `at`, the name cut to `room`; returns
    /// the pill.
    pub fn chip(&mut self, at: Point, name: &str, room: f32, font: f32, color: [u8; 3]) -> Rect {
        let face = Weight::Regular.face();
        let h = font * size::TAG_HEIGHT / size::TAG_FONT;
        let name = crate::design::fit::ellipsize(name, font, room, face);
        let w = face.width(&name, font) + h;
        let chip = Rect::new(at.x, at.y, w, h);
        self.rect(&chip, h / 2.0, Paint::fill(color));
        let top = chip.center().y - face.line_height(font) / 2.0;
        let at = At {
            across: Across::Left(chip.x + h / 2.0),
            top,
        };
        self.text(&[name], at, font, Weight::Regular, design::text_on(color));
        chip
    }

    /// Vote dots in a row centred on the note's top edge, from the right; many votes as a count.
    fn votes(&mut self, note: &Rect, votes: u32, color: [u8; 3]) {
        let radius = size::VOTE_DOT_RADIUS;
        let step = 2.0 * radius + size::VOTE_DOT_GAP;
        let right = note.right() - size::NOTE_PADDING;
        let paint = Paint::fill(color).outlined([0xFF; 3], 1.5);
        match design::vote_marks(votes) {
            VoteMarks::None => {}
            VoteMarks::Dots(n) => {
                for k in 0..n {
                    self.0.push(Shape::Circle {
                        center: Point::new(right - radius - k as f32 * step, note.y),
                        radius,
                        paint,
                    });
                }
            }
            VoteMarks::Count(n) => {
                let face = Weight::Regular.face();
                let label = n.to_string();
                let w = face.width(&label, size::TAG_FONT) + 2.0 * radius;
                let pill = Rect::new(right - w, note.y - radius, w, 2.0 * radius);
                // The window draws this outline outside the pill.
                let outer = Rect::new(pill.x - 0.75, pill.y - 0.75, pill.w + 1.5, pill.h + 1.5);
                self.rect(&outer, radius + 0.75, paint);
                let top = pill.center().y - face.line_height(size::TAG_FONT) / 2.0;
                let at = At {
                    across: Across::Center(pill.center().x),
                    top,
                };
                self.text(
                    &[label],
                    at,
                    size::TAG_FONT,
                    Weight::Regular,
                    [0xFF, 0xFF, 0xFF],
                );
            }
        }
    }
}

/// How dark a note's shadow is.
const SHADOW_OPACITY: f32 = 0.157;
