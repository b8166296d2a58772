//! The board as an SVG picture with real text: the shapes of `export::picture` (the canvas's
//! drawing at 100 % zoom) written out as SVG elements, one group per block, note and flow.

use std::fmt::Write;

use super::picture::{self, Paint, Picture, Shape};
use super::text::Weight;
use crate::design::layout::{Across, At};
use crate::model::{Board, Point, Rect};

pub use super::picture::{MARGIN, frame};

/// The SVG document of `board`; `None` when the board has nothing to draw.
pub fn to_svg(board: &Board) -> Option<String> {
    picture::draw(board).map(|p| write(&p))
}

/// A picture as an SVG document.
pub fn write(picture: &Picture) -> String {
    let frame = picture.frame;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="{x} {y} {w} {h}" font-family="Inter, sans-serif" xml:space="preserve">
<title>{title}</title>
"#,
        x = num(frame.x),
        y = num(frame.y),
        w = num(frame.w),
        h = num(frame.h),
        title = escape(&picture.title),
    );
    for shape in &picture.shapes {
        element(&mut out, shape);
    }
    out.push_str("</svg>\n");
    out
}

fn element(out: &mut String, shape: &Shape) {
    match shape {
        Shape::Rect {
            rect,
            corner,
            paint,
        } => rect_element(out, rect, *corner, &paint_attrs(paint)),
        Shape::Circle {
            center,
            radius,
            paint,
        } => {
            let _ = writeln!(
                out,
                r#"<circle cx="{}" cy="{}" r="{}" {}/>"#,
                num(center.x),
                num(center.y),
                num(*radius),
                paint_attrs(paint)
            );
        }
        Shape::Line {
            from,
            to,
            color,
            width,
        } => {
            let _ = writeln!(
                out,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>"#,
                num(from.x),
                num(from.y),
                num(to.x),
                num(to.y),
                hex(*color),
                num(*width)
            );
        }
        Shape::Polygon { points, color } => {
            let points: Vec<String> = points
                .iter()
                .map(|p| format!("{},{}", num(p.x), num(p.y)))
                .collect();
            let _ = writeln!(
                out,
                r#"<polygon points="{}" {}/>"#,
                points.join(" "),
                fill(*color)
            );
        }
        Shape::Text {
            lines,
            at,
            size,
            weight,
            color,
        } => text_element(out, lines, *at, *size, *weight, *color),
        Shape::Group(id) => {
            let _ = writeln!(out, r#"<g id="{}">"#, escape(id));
        }
        Shape::Clip { id, rect, corner } => {
            let _ = writeln!(
                out,
                r#"<clipPath id="{id}"><rect x="{}" y="{}" width="{}" height="{}" rx="{}"/></clipPath>"#,
                num(rect.x),
                num(rect.y),
                num(rect.w),
                num(rect.h),
                num(*corner),
                id = escape(id),
            );
            let _ = writeln!(out, r#"<g clip-path="url(#{})">"#, escape(id));
        }
        Shape::End => out.push_str("</g>\n"),
    }
}

fn rect_element(out: &mut String, r: &Rect, corner: f32, paint: &str) {
    let _ = writeln!(
        out,
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

/// `fill="…"` (with its opacity below 1), or `fill="none"`, then the stroke if any.
fn paint_attrs(paint: &Paint) -> String {
    let mut out = match paint.fill {
        Some((color, opacity)) if opacity < 1.0 => {
            format!(r#"{} fill-opacity="{}""#, fill(color), opacity_num(opacity))
        }
        Some((color, _)) => fill(color),
        None => r#"fill="none""#.to_owned(),
    };
    if let Some((color, width)) = paint.stroke {
        let _ = write!(
            out,
            r#" stroke="{}" stroke-width="{}""#,
            hex(color),
            num(width)
        );
    }
    out
}

/// Lines of text at their place, each line a `tspan` on its baseline.
fn text_element(
    out: &mut String,
    lines: &[String],
    at: At,
    size: f32,
    weight: Weight,
    color: [u8; 3],
) {
    let (x, anchor) = match at.across {
        Across::Left(x) => (x, ""),
        Across::Center(x) => (x, r#" text-anchor="middle""#),
    };
    let weight_attr = match weight {
        Weight::Regular => String::new(),
        w => format!(r#" font-weight="{}""#, w.css()),
    };
    let _ = writeln!(
        out,
        r#"<text font-size="{}"{weight_attr}{anchor} fill="{}">"#,
        num(size),
        hex(color),
    );
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        let baseline = baseline(at, i, size, weight);
        let _ = writeln!(
            out,
            r#"<tspan x="{}" y="{}">{}</tspan>"#,
            num(x),
            num(baseline.y),
            escape(line)
        );
    }
    out.push_str("</text>\n");
}

/// Where line `i` of text set from `at` sits: its anchor's x and its baseline.
pub fn baseline(at: At, i: usize, size: f32, weight: Weight) -> Point {
    let face = weight.face();
    let x = match at.across {
        Across::Left(x) | Across::Center(x) => x,
    };
    Point::new(
        x,
        at.top + face.ascent(size) + i as f32 * face.line_height(size),
    )
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

/// An opacity with at most three decimals.
fn opacity_num(v: f32) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests;
