//! The board as an SVG picture with real text, laid out like the canvas draws it at 100 % zoom
//! (`ui/canvas/paint.rs`): the same sizes and colours from `design`, the same places for titles,
//! prompts, journey headers, partner tags, vote dots and flows (`flows.rs`). Lines are wrapped
//! here, with the bundled font's measures, because SVG text does not wrap by itself.

use std::fmt::Write;

use super::text::Weight;
use crate::design::fit::fit_note;
use crate::design::layout::{self, Across, At, Placed};
use crate::design::{self, BoardColors, VoteMarks, size};
use crate::model::note::NOTE_TEXT_RGB;
use crate::model::{Axis, Block, Board, Lane, Note, Rect};

/// Space around the board's content, in canvas units.
pub const MARGIN: f32 = 40.0;

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

/// The SVG document of `board`; `None` when the board has nothing to draw.
pub fn to_svg(board: &Board) -> Option<String> {
    let frame = frame(board)?;
    let colors = BoardColors::LIGHT;
    let mut s = Svg::default();
    let _ = write!(
        s.out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="{x} {y} {w} {h}" font-family="Inter, sans-serif" xml:space="preserve">
<title>{title}</title>
"#,
        x = num(frame.x),
        y = num(frame.y),
        w = num(frame.w),
        h = num(frame.h),
        title = escape(board.title()),
    );
    s.rect(&frame, 0.0, &fill(colors.background));
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
    s.out.push_str("</svg>\n");
    Some(s.out)
}

#[derive(Default)]
struct Svg {
    out: String,
}

impl Svg {
    fn rect(&mut self, r: &Rect, corner: f32, paint: &str) {
        let _ = writeln!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}"{} {paint}/>"#,
            num(r.x),
            num(r.y),
            num(r.w),
            num(r.h),
            if corner > 0.0 {
                format!(r#" rx="{}""#, num(corner))
            } else {
                String::new()
            },
        );
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, stroke: [u8; 3], width: f32) {
        let _ = writeln!(
            self.out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>"#,
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            hex(stroke),
            num(width)
        );
    }

    /// Lines of text at their place.
    fn text(&mut self, lines: &[String], at: At, size: f32, weight: Weight, color: [u8; 3]) {
        if lines.iter().all(|l| l.is_empty()) {
            return;
        }
        let face = weight.face();
        let (x, anchor) = match at.across {
            Across::Left(x) => (x, ""),
            Across::Center(x) => (x, r#" text-anchor="middle""#),
        };
        let weight_attr = match weight {
            Weight::Regular => String::new(),
            w => format!(r#" font-weight="{}""#, w.css()),
        };
        let _ = writeln!(
            self.out,
            r#"<text font-size="{}"{weight_attr}{anchor} fill="{}">"#,
            num(size),
            hex(color),
        );
        for (i, line) in lines.iter().enumerate() {
            if line.is_empty() {
                continue;
            }
            let baseline = at.top + face.ascent(size) + i as f32 * face.line_height(size);
            let _ = writeln!(
                self.out,
                r#"<tspan x="{}" y="{}">{}</tspan>"#,
                num(x),
                num(baseline),
                escape(line)
            );
        }
        self.out.push_str("</text>\n");
    }

    /// A frame with the given stroke drawn inside its edge, as the canvas draws block borders.
    fn inner_stroke(&mut self, r: &Rect, corner: f32, color: [u8; 3], width: f32) {
        let half = width / 2.0;
        let inset = Rect::new(r.x + half, r.y + half, r.w - width, r.h - width);
        let paint = format!(
            r#"fill="none" stroke="{}" stroke-width="{}""#,
            hex(color),
            num(width)
        );
        self.rect(&inset, (corner - half).max(0.0), &paint);
    }

    fn block(&mut self, board: &Board, block: &Block, c: &BoardColors) {
        let r = block.rect;
        let _ = writeln!(self.out, r#"<g id="block-{}">"#, escape(&block.key));
        self.rect(&r, size::BLOCK_CORNER, &fill(c.block_fill));
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
        self.out.push_str("</g>\n");
    }

    fn placed(&mut self, p: &Placed, weight: Weight, color: [u8; 3]) {
        self.text(&p.text.lines, p.at, p.text.size, weight, color);
    }

    fn lane(&mut self, lane: &Lane, c: &BoardColors) {
        let outer = lane.rect();
        let corner = size::BLOCK_CORNER;
        self.out.push_str("<g id=\"journey\">\n");
        // Header fills and grid lines stay inside the lane's rounded corners.
        let _ = writeln!(
            self.out,
            r#"<clipPath id="journey-inside"><rect x="{}" y="{}" width="{}" height="{}" rx="{}"/></clipPath>"#,
            num(outer.x),
            num(outer.y),
            num(outer.w),
            num(outer.h),
            num(corner)
        );
        self.out
            .push_str("<g clip-path=\"url(#journey-inside)\">\n");
        self.rect(&outer, 0.0, &fill(c.block_fill));
        let header = Rect::new(outer.x, outer.y, outer.w, lane.header_height);
        let labels = Rect::new(outer.x, outer.y, lane.label_width, outer.h);
        self.rect(&header, 0.0, &fill(c.lane_header_fill));
        self.rect(&labels, 0.0, &fill(c.lane_header_fill));
        for i in 0..=lane.stages.len() {
            let x = lane.track_start(Axis::Stage, i);
            self.line(
                x,
                outer.y,
                x,
                outer.bottom(),
                c.lane_grid,
                design::LANE_GRID_WIDTH,
            );
        }
        for i in 0..=lane.rows.len() {
            let y = lane.track_start(Axis::Row, i);
            self.line(
                outer.x,
                y,
                outer.right(),
                y,
                c.lane_grid,
                design::LANE_GRID_WIDTH,
            );
        }
        self.out.push_str("</g>\n");
        self.inner_stroke(&outer, corner, c.block_border, design::BLOCK_BORDER_WIDTH);
        for header in layout::lane_headers(lane, Weight::Regular.face()) {
            self.placed(&header, Weight::Regular, c.title);
        }
        self.out.push_str("</g>\n");
    }

    fn note(&mut self, board: &Board, note: &Note, c: &BoardColors) {
        let r = note.rect;
        let partner = note.partner.and_then(|id| board.partner(id));
        let face = Weight::Regular.face();
        let text = fit_note(&note.text, (r.w, r.h), partner.is_some(), 1.0, face);
        let _ = writeln!(self.out, r#"<g id="note-{}">"#, note.id.0);
        self.rect(
            &r.translated(3.0, 4.0),
            size::NOTE_CORNER,
            r##"fill="#000000" fill-opacity="0.157""##,
        );
        self.rect(&r, size::NOTE_CORNER, &fill(note.color.rgb()));
        let at = layout::note_text_at(&r, partner.is_some(), &text, face);
        self.text(&text.lines, at, text.size, Weight::Regular, NOTE_TEXT_RGB);
        if let Some(p) = partner {
            self.partner_tag(&r, &p.name, p.color.0);
        }
        self.votes(&r, note.votes, c.vote_dot);
        self.out.push_str("</g>\n");
    }

    /// The partner's name on a chip in its colour at the bottom left of a note.
    fn partner_tag(&mut self, note: &Rect, name: &str, color: [u8; 3]) {
        let pad = size::NOTE_PADDING;
        let h = size::TAG_HEIGHT;
        let face = Weight::Regular.face();
        let room = (note.w - 2.0 * pad - h).max(0.0);
        let name = crate::design::fit::ellipsize(name, size::TAG_FONT, room, face);
        let w = face.width(&name, size::TAG_FONT) + h;
        let chip = Rect::new(note.x + pad, note.bottom() - pad / 2.0 - h, w, h);
        self.rect(&chip, h / 2.0, &fill(color));
        let top = chip.center().y - face.line_height(size::TAG_FONT) / 2.0;
        let at = At {
            across: Across::Left(chip.x + h / 2.0),
            top,
        };
        self.text(
            &[name],
            at,
            size::TAG_FONT,
            Weight::Regular,
            design::text_on(color),
        );
    }

    /// Vote dots in a row centred on the note's top edge, from the right; many votes as a count.
    fn votes(&mut self, note: &Rect, votes: u32, color: [u8; 3]) {
        let radius = size::VOTE_DOT_RADIUS;
        let step = 2.0 * radius + size::VOTE_DOT_GAP;
        let right = note.right() - size::NOTE_PADDING;
        let outline = r##"stroke="#FFFFFF" stroke-width="1.5""##;
        match design::vote_marks(votes) {
            VoteMarks::None => {}
            VoteMarks::Dots(n) => {
                for k in 0..n {
                    let cx = right - radius - k as f32 * step;
                    let _ = writeln!(
                        self.out,
                        r#"<circle cx="{}" cy="{}" r="{}" fill="{}" {outline}/>"#,
                        num(cx),
                        num(note.y),
                        num(radius),
                        hex(color)
                    );
                }
            }
            VoteMarks::Count(n) => {
                let face = Weight::Regular.face();
                let label = n.to_string();
                let w = face.width(&label, size::TAG_FONT) + 2.0 * radius;
                let pill = Rect::new(right - w, note.y - radius, w, 2.0 * radius);
                // The window draws this outline outside the pill.
                let outer = Rect::new(pill.x - 0.75, pill.y - 0.75, pill.w + 1.5, pill.h + 1.5);
                self.rect(&outer, radius + 0.75, &format!("{} {outline}", fill(color)));
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

fn fill(c: [u8; 3]) -> String {
    format!(r#"fill="{}""#, hex(c))
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// A coordinate with at most two decimals and no trailing zeros, so output is stable and small.
fn num(v: f32) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// Text made safe for XML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 forbids most control characters even escaped; they carry no meaning here.
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

mod flows;
#[cfg(test)]
mod tests;
