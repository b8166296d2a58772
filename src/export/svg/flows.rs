//! Flows in the SVG picture: drawn over the notes between their edges as the window draws them at
//! 100 %, in their kind's colour, with arrowheads and a label on a pill.

use std::fmt::Write;

use super::{Svg, fill, hex, num};
use crate::design::layout::FlowLabel;
use crate::design::{BoardColors, size};
use crate::export::text::Weight;
use crate::model::flow_line::arrow;
use crate::model::{Board, FlowDirection, Point, Rect};

impl Svg {
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
            let _ = writeln!(self.out, r#"<g id="flow-{}">"#, flow.id.0);
            self.line(
                a.start.x,
                a.start.y,
                a.end.x,
                a.end.y,
                color,
                size::FLOW_WIDTH,
            );
            for head in &a.heads {
                let points: Vec<String> = head
                    .iter()
                    .map(|p| format!("{},{}", num(p.x), num(p.y)))
                    .collect();
                let _ = writeln!(
                    self.out,
                    r#"<polygon points="{}" {}/>"#,
                    points.join(" "),
                    fill(color)
                );
            }
            if !flow.label.is_empty() {
                self.flow_label(line.middle(), &flow.label, color, c);
            }
            self.out.push_str("</g>\n");
        }
    }

    /// A label on a pill centred on `center`, outlined in the flow's colour.
    fn flow_label(&mut self, center: Point, label: &str, color: [u8; 3], c: &BoardColors) {
        let label = FlowLabel::new(label, Weight::Regular.face());
        let (pill, at) = label.place(center);
        // The window draws the outline outside the pill.
        let outer = Rect::new(pill.x - 0.75, pill.y - 0.75, pill.w + 1.5, pill.h + 1.5);
        let corner = (pill.h / 2.0).min(12.0) + 0.75;
        let paint = format!(
            r#"{} stroke="{}" stroke-width="1.5""#,
            fill(c.block_fill),
            hex(color)
        );
        self.rect(&outer, corner, &paint);
        let text = &label.text;
        self.text(&text.lines, at, text.size, Weight::Regular, c.title);
    }
}
