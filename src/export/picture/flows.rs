//! Flows in the picture: drawn over the notes between their edges as the window draws them at
//! 100 %, in their kind's colour, with arrowheads and a label on a pill.

use super::{Paint, Shape, Shapes};
use crate::design::layout::FlowLabel;
use crate::design::{BoardColors, size};
use crate::export::text::Weight;
use crate::model::flow_line::arrow;
use crate::model::{Board, FlowDirection, Point, Rect};

impl Shapes {
    /// Every flow of the board, in drawing order, each in a group `flow-ID`.
    pub(super) fn flows(&mut self, board: &Board, c: &BoardColors) {
        if board.flows().is_empty() {
            return;
        }
        for (i, flow) in board.flows().iter().enumerate() {
            let Some(line) = board.flow_line(i) else {
                continue;
            };
            let color = board.flow_color(flow).0;
            let both = flow.direction == FlowDirection::BothWays;
            let a = arrow(
                line.from,
                line.to,
                both,
                size::FLOW_ARROW,
                size::FLOW_ARROW_HALF,
            );
            self.group(format!("flow-{}", flow.id.0));
            self.line(a.start, a.end, color, size::FLOW_WIDTH);
            for head in &a.heads {
                self.0.push(Shape::Polygon {
                    points: head.to_vec(),
                    color,
                });
            }
            if !flow.label.is_empty() {
                self.flow_label(line.middle(), &flow.label, color, c);
            }
            self.end();
        }
    }

    /// A label on a pill centred on `center`, outlined in the flow's colour.
    fn flow_label(&mut self, center: Point, label: &str, color: [u8; 3], c: &BoardColors) {
        let label = FlowLabel::new(label, Weight::Regular.face());
        let (pill, at) = label.place(center);
        // The window draws the outline outside the pill.
        let outer = Rect::new(pill.x - 0.75, pill.y - 0.75, pill.w + 1.5, pill.h + 1.5);
        let corner = (pill.h / 2.0).min(12.0) + 0.75;
        self.rect(
            &outer,
            corner,
            Paint::fill(c.block_fill).outlined(color, 1.5),
        );
        let text = &label.text;
        self.text(&text.lines, at, text.size, Weight::Regular, c.title);
    }
}
