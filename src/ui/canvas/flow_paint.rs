//! Drawing flows in screen space from the view, so lines and arrowheads are crisp at every zoom:
//! flows whose notes are off screen are skipped, and too small to read a flow is a plain line.

use std::sync::Arc;

use eframe::egui::{Color32, FontFamily, Mesh, Pos2, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

use super::Canvas;
use super::cull::Occlusion;
use super::draw::OCCLUSION_CELL;
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

/// A label waiting to be drawn over the lines: which drawn flow it belongs to.
pub(super) struct PendingLabel {
    drawn: usize,
    label: Arc<FlowLabel>,
    center: Point,
    color: Color32,
    /// Not wholly under the labels over it.
    shows: bool,
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
    /// thousands of shapes would cost more to hand to egui than to draw. Labels go over every
    /// line, the last flow's on top; one hidden under the labels drawn over it is skipped, as a
    /// note under notes is (zoomed out on a big board, most labels lie under others).
    pub(super) fn paint_flows(&mut self, bp: &BoardPainter<'_>, board: &Board, space: &FlowSpace) {
        let mut drawn = std::mem::take(&mut self.drawn_flows);
        let mut labels = std::mem::take(&mut self.label_buffer);
        labels.clear();
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
            if look.selected {
                bp.flow(from, to, &look);
            } else if detailed {
                plain.arrow(from, to, &look, z);
            } else {
                plain.add(from, to, line_width(z), look.color);
            }
            if detailed && !flow.label.is_empty() {
                let live = board.flows().len();
                let label = self.labels.get(flow.id, &flow.label, live, || {
                    FlowLabel::new(&flow.label, &bp.measure(FontFamily::Proportional))
                });
                labels.push(PendingLabel {
                    drawn: drawn.len(),
                    label,
                    center: line.middle(),
                    color: look.color,
                    shows: false,
                });
            }
            drawn.push(DrawnFlow {
                id: flow.id,
                from,
                to,
                label: None,
            });
        }
        self.flow_mesh = plain.paint(bp.painter);
        let mut occlusion = Occlusion::new(
            clip,
            OCCLUSION_CELL,
            std::mem::take(&mut self.occlusion_buffer),
        );
        // From the top down, which labels show; then draw those bottom up.
        for l in labels.iter_mut().rev() {
            let pill = bp.view.rect_to_screen(bp.area, &l.label.place(l.center).0);
            l.shows = occlusion.offer(pill, true);
        }
        self.occlusion_buffer = occlusion.into_buffer();
        for l in labels.iter().filter(|l| l.shows) {
            drawn[l.drawn].label = Some(bp.flow_label(&l.label, l.center, l.color));
        }
        self.drawn_flows = drawn;
        self.label_buffer = labels;
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
            bp.flow(from, pos, &look);
        }
    }
}

/// The arrowheads of a flow at zoom `z`, `(length, half width)`: only where they can be seen
/// (an infinite length leaves them out).
fn heads(look: &FlowStyle, z: f32) -> (f32, f32) {
    let length = if look.detailed && cs::FLOW_ARROW * z >= 4.0 {
        cs::FLOW_ARROW * z
    } else {
        f32::INFINITY
    };
    (length, cs::FLOW_ARROW_HALF * z)
}

/// A flow's line width on screen at zoom `z`.
fn line_width(z: f32) -> f32 {
    (cs::FLOW_WIDTH * z).clamp(1.0, 8.0)
}

/// Lines and arrowheads in one mesh, each with a one-pixel fringe fading out, as egui smooths its own
/// shapes.
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

    /// A flow's arrow, as [`BoardPainter::flow`] draws it for one that is not selected.
    fn arrow(&mut self, from: Pos2, to: Pos2, look: &FlowStyle, z: f32) {
        let (length, half) = heads(look, z);
        let a = arrow(point(from), point(to), look.both_ways, length, half);
        self.add(pos(a.start), pos(a.end), line_width(z), look.color);
        for corners in &a.heads {
            self.triangle(corners.map(pos), look.color);
        }
    }

    /// A filled triangle with a fringe fading out around it, as egui smooths a convex polygon:
    /// each corner is moved half the fringe in (the solid part) and half out (transparent).
    fn triangle(&mut self, corners: [Pos2; 3], color: Color32) {
        let center = (corners[0].to_vec2() + corners[1].to_vec2() + corners[2].to_vec2()) / 3.0;
        // The outward normal of the edge from corner `i` to the next.
        let normal = |i: usize| {
            let (a, b) = (corners[i], corners[(i + 1) % 3]);
            let n = (b - a).rot90().normalized();
            if n.dot(a.to_vec2() - center) < 0.0 {
                -n
            } else {
                n
            }
        };
        let f = self.feather / 2.0;
        let mesh = Arc::make_mut(&mut self.mesh);
        let base = mesh.vertices.len() as u32;
        for (i, &corner) in corners.iter().enumerate() {
            let (before, after) = (normal((i + 2) % 3), normal(i));
            let mid = before + after;
            // Mitred: as far out as both edges' fringes reach, within 2.8 fringes at a sharp corner.
            let miter = mid / mid.dot(before).max(0.25);
            mesh.colored_vertex(corner - miter * f, color);
            mesh.colored_vertex(corner + miter * f, Color32::TRANSPARENT);
        }
        mesh.add_triangle(base, base + 2, base + 4);
        for i in 0..3 {
            let (inner, outer) = (base + 2 * i, base + 2 * i + 1);
            let (next_inner, next_outer) = (base + 2 * ((i + 1) % 3), base + 2 * ((i + 1) % 3) + 1);
            mesh.add_triangle(inner, outer, next_outer);
            mesh.add_triangle(inner, next_outer, next_inner);
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
    /// One flow from `from` to `to` (screen points) with its arrowheads.
    fn flow(&self, from: Pos2, to: Pos2, look: &FlowStyle) {
        let z = self.view.zoom;
        let width = line_width(z);
        if look.selected {
            let halo = Stroke::new(width + 8.0, self.palette.selection.gamma_multiply(0.45));
            self.painter.line_segment([from, to], halo);
        }
        self.arrow(from, to, look.both_ways, heads(look, z), width, look.color);
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
