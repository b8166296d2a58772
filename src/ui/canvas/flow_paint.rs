//! Drawing flows in screen space from the view, so lines and arrowheads are crisp at every zoom:
//! flows whose notes are off screen are skipped, and too small to read a flow is a plain line.

use std::sync::Arc;

use eframe::egui::{Color32, FontFamily, Mesh, Pos2, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

use super::Canvas;
use super::note_text::drawn_px;
use super::paint::BoardPainter;
use super::unfold::FlowSpace;
use crate::design::layout::FlowLabel;
use crate::model::flow_line::{arrow, flow_line};
use crate::model::{Board, FlowDirection, FlowId, NoteId, Point};
use crate::ui::style::{self, canvas_size as cs};

/// A flow as it was drawn on screen, for hit-testing the next clicks.
#[derive(Clone, Copy, Debug)]
pub(super) struct DrawnFlow {
    pub id: FlowId,
    pub from: Pos2,
    pub to: Pos2,
    pub label: Option<Rect>,
}

/// How one flow is drawn this frame.
struct FlowStyle {
    color: Color32,
    both_ways: bool,
    selected: bool,
    /// Readable zoom: arrowheads and label.
    detailed: bool,
}

impl Canvas {
    /// Draws every flow whose notes' span is on screen through `bp`'s view, and remembers where
    /// for hit-testing. `space` says where the notes are for `bp`'s view (an unfolded stage
    /// moves its cells apart). Too small to read, flows are plain lines gathered in one mesh:
    /// thousands of shapes would cost more to hand to egui than to draw.
    pub(super) fn paint_flows(&mut self, bp: &BoardPainter<'_>, board: &Board, space: &FlowSpace) {
        let mut drawn = std::mem::take(&mut self.drawn_flows);
        let z = bp.view.zoom;
        let detailed = drawn_px(cs::FLOW_LABEL_FONT, z).is_some();
        let mut plain = LineBatch::new(
            std::mem::take(&mut self.flow_mesh),
            1.0 / bp.painter.ctx().pixels_per_point(),
        );
        // Labels stick out of the span between the notes by up to half their width.
        let margin = cs::FLOW_LABEL_WRAP * z / 2.0;
        let clip = bp.painter.clip_rect();
        for (i, flow) in board.flows().iter().enumerate() {
            let (Some(a), Some(b)) = (board.note(flow.from), board.note(flow.to)) else {
                continue;
            };
            let (Some(ra), Some(rb)) = (space.place(&a.rect), space.place(&b.rect)) else {
                continue;
            };
            let span = bp.view.rect_to_screen(bp.area, &ra.union(&rb));
            if !clip.intersects(span.expand(margin)) {
                continue;
            }
            let Some(line) = flow_line(&ra, &rb, board.flow_offset(i)) else {
                continue;
            };
            let faded = bp
                .lens
                .is_some_and(|lens| a.partner != Some(lens) && b.partner != Some(lens));
            let color = style::rgb(board.flow_color(flow).0);
            let look = FlowStyle {
                color: if faded {
                    color.gamma_multiply(0.22)
                } else {
                    color
                },
                both_ways: flow.direction == FlowDirection::BothWays,
                selected: self.look.chrome && self.flow_selection == Some(flow.id),
                detailed,
            };
            let (from, to) = (
                bp.view.to_screen(bp.area, line.from),
                bp.view.to_screen(bp.area, line.to),
            );
            let label = if detailed || look.selected {
                let label = (detailed && !flow.label.is_empty()).then(|| {
                    let live = board.flows().len();
                    let label = self.labels.get(flow.id, &flow.label, live, || {
                        FlowLabel::new(&flow.label, &bp.measure(FontFamily::Proportional))
                    });
                    (label, line.middle())
                });
                bp.flow(from, to, &look, label.as_ref().map(|(l, c)| (&**l, *c)))
            } else {
                plain.add(from, to, line_width(z), look.color);
                None
            };
            drawn.push(DrawnFlow {
                id: flow.id,
                from,
                to,
                label,
            });
        }
        self.flow_mesh = plain.paint(bp.painter);
        self.drawn_flows = drawn;
    }

    /// While a flow is being drawn: a line from its note to the pointer, and the note it would
    /// join outlined.
    pub(super) fn paint_connect(&self, bp: &BoardPainter<'_>, board: &Board, from: NoteId) {
        let Some(pos) = bp.painter.ctx().input(|i| i.pointer.latest_pos()) else {
            return;
        };
        let Some(note) = board.note(from) else { return };
        let start = self.rect_to_screen(&note.rect);
        let color = style::rgb(self.kind_color(board).0);
        let look = FlowStyle {
            color,
            both_ways: false,
            selected: false,
            detailed: true,
        };
        let target = self.note_at(board, pos).filter(|t| *t != from);
        if let Some(t) = target.and_then(|t| board.note(t)) {
            bp.selection(&t.rect, false);
        }
        if !start.contains(pos) {
            let from = start.center() + (pos - start.center()) * exit_fraction(start, pos);
            bp.flow(from, pos, &look, None);
        }
    }
}

/// A flow's line width on screen at zoom `z`.
fn line_width(z: f32) -> f32 {
    (cs::FLOW_WIDTH * z).clamp(1.0, 8.0)
}

/// Plain lines in one mesh, each with a one-pixel fringe fading out, as egui smooths its own lines.
struct LineBatch {
    mesh: Arc<Mesh>,
    feather: f32,
}

impl LineBatch {
    /// A batch filling `mesh`, last frame's: once the renderer has let go of it, its buffers are
    /// reused, so a frame of thousands of lines allocates nothing.
    fn new(mut mesh: Arc<Mesh>, feather: f32) -> Self {
        Arc::make_mut(&mut mesh).clear();
        Self { mesh, feather }
    }

    fn add(&mut self, a: Pos2, b: Pos2, width: f32, color: Color32) {
        let d = b - a;
        let len = d.length();
        if len < 0.01 {
            return;
        }
        let normal = d.rot90() / len;
        let (h, f) = (width / 2.0, self.feather);
        let mesh = Arc::make_mut(&mut self.mesh);
        let base = mesh.vertices.len() as u32;
        let across = [
            (-(h + f), Color32::TRANSPARENT),
            (-h, color),
            (h, color),
            (h + f, Color32::TRANSPARENT),
        ];
        for end in [a, b] {
            for (offset, c) in across {
                mesh.colored_vertex(end + normal * offset, c);
            }
        }
        // Three strips across the line (fringe, body, fringe), two triangles each.
        for k in 0..3 {
            mesh.add_triangle(base + k, base + k + 1, base + 5 + k);
            mesh.add_triangle(base + k, base + 5 + k, base + 4 + k);
        }
    }

    /// Paints the lines as one shape. A clip rectangle of its own (a hair smaller) makes it a
    /// mesh of its own for the renderer, rather than one appended to the notes', which would
    /// have to grow to hold it.
    /// Returns the mesh, to be filled again next frame.
    fn paint(self, painter: &eframe::egui::Painter) -> Arc<Mesh> {
        if !self.mesh.is_empty() {
            let own = painter.with_clip_rect(painter.clip_rect().shrink(0.01));
            own.add(Shape::Mesh(Arc::clone(&self.mesh)));
        }
        self.mesh
    }
}

/// How far along from `r`'s centre towards `p` (outside `r`) the edge of `r` is.
fn exit_fraction(r: Rect, p: Pos2) -> f32 {
    let d = p - r.center();
    let fx = if d.x != 0.0 {
        (r.width() / 2.0 / d.x.abs()).min(1.0)
    } else {
        1.0
    };
    let fy = if d.y != 0.0 {
        (r.height() / 2.0 / d.y.abs()).min(1.0)
    } else {
        1.0
    };
    fx.min(fy)
}

impl BoardPainter<'_> {
    /// One flow from `from` to `to` (screen points) with its arrowheads and label; returns where
    /// the label (text, and its centre on the board) was drawn.
    fn flow(
        &self,
        from: Pos2,
        to: Pos2,
        look: &FlowStyle,
        label: Option<(&FlowLabel, Point)>,
    ) -> Option<Rect> {
        let z = self.view.zoom;
        let width = line_width(z);
        if look.selected {
            let halo = Stroke::new(width + 8.0, self.palette.selection.gamma_multiply(0.45));
            self.painter.line_segment([from, to], halo);
        }
        // Arrowheads only where they can be seen.
        let length = if look.detailed && cs::FLOW_ARROW * z >= 4.0 {
            cs::FLOW_ARROW * z
        } else {
            f32::INFINITY
        };
        let half = cs::FLOW_ARROW_HALF * z;
        self.arrow(from, to, look.both_ways, (length, half), width, look.color);
        label.map(|(label, center)| self.flow_label(label, center, look.color))
    }

    /// An arrow between screen points, heads `(length, half width)`.
    fn arrow(&self, from: Pos2, to: Pos2, both: bool, head: (f32, f32), width: f32, c: Color32) {
        let a = arrow(point(from), point(to), both, head.0, head.1);
        self.painter
            .line_segment([pos(a.start), pos(a.end)], Stroke::new(width, c));
        for corners in &a.heads {
            let corners = corners.iter().map(|p| pos(*p)).collect();
            self.painter
                .add(Shape::convex_polygon(corners, c, Stroke::NONE));
        }
    }

    /// A flow's label on a pill at `center` (on the board), outlined in the flow's colour,
    /// placed as the SVG places it.
    fn flow_label(&self, label: &FlowLabel, center: Point, color: Color32) -> Rect {
        let (pill, at) = label.place(center);
        let z = self.view.zoom;
        let pill = self.view.rect_to_screen(self.area, &pill);
        let corner = (pill.height() / 2.0).min(12.0 * z);
        let stroke = Stroke::new((1.5 * z).max(1.0), color);
        let fill = self.palette.block_fill;
        self.painter
            .rect(pill, corner, fill, stroke, StrokeKind::Outside);
        let family = FontFamily::Proportional;
        self.lines(&label.text, at, family, self.palette.title, pill);
        pill
    }

    /// The handle a new flow is dragged out of, beside a selected note: a small arrow in the
    /// colour of the kind it will draw.
    pub(super) fn flow_handle(&self, center: Pos2, color: Color32) {
        let r = style::screen_size::FLOW_HANDLE_RADIUS;
        self.painter.circle(
            center,
            r,
            Color32::WHITE,
            Stroke::new(2.5, self.palette.selection),
        );
        let (from, to) = (center - vec2(r * 0.6, 0.0), center + vec2(r * 0.65, 0.0));
        self.arrow(from, to, false, (r * 0.45, r * 0.4), 2.0, color);
    }
}

/// A screen position as a plain point, for the model's geometry.
pub(super) fn point(p: Pos2) -> Point {
    Point::new(p.x, p.y)
}

fn pos(p: Point) -> Pos2 {
    pos2(p.x, p.y)
}
