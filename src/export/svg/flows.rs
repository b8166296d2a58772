//! Flows in the SVG picture: drawn over the notes between their edges as the window draws them at
//! 100 %, in their kind's colour, with arrowheads and a label on a pill.

use std::collections::HashMap;
use std::fmt::Write;

use super::{Align, Svg, fill, hex, note_layout, num};
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
        // Notes as drawn (grown to fit their text), so arrows end at their edges.
        let drawn: HashMap<_, Rect> = board
            .notes()
            .iter()
            .map(|n| (n.id, note_layout(board, n).0))
            .collect();
        for (i, flow) in board.flows().iter().enumerate() {
            let Some(line) = board.flow_line_with(i, |n| drawn[&n.id]) else {
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
        let face = Weight::Regular.face();
        let font = size::FLOW_LABEL_FONT;
        let lines = face.wrap(label, font, size::FLOW_LABEL_WRAP);
        let w = lines
            .iter()
            .map(|l| face.width(l, font))
            .fold(0.0, f32::max);
        let h = lines.len() as f32 * face.line_height(font);
        let (px, py) = (2.0 * size::FLOW_LABEL_PADDING, size::FLOW_LABEL_PADDING);
        let pill = Rect::new(
            center.x - w / 2.0 - px,
            center.y - h / 2.0 - py,
            w + 2.0 * px,
            h + 2.0 * py,
        );
        // The window draws the outline outside the pill.
        let outer = Rect::new(pill.x - 0.75, pill.y - 0.75, pill.w + 1.5, pill.h + 1.5);
        let corner = (pill.h / 2.0).min(12.0) + 0.75;
        let paint = format!(
            r#"{} stroke="{}" stroke-width="1.5""#,
            fill(c.block_fill),
            hex(color)
        );
        self.rect(&outer, corner, &paint);
        self.text(
            &lines,
            Align::Left(pill.x + px),
            pill.y + py,
            font,
            Weight::Regular,
            c.title,
        );
    }
}
