//! Measuring and wrapping text with the bundled Inter, so exported notes break their lines where the
//! window does and text never runs out of a note. Widths are the font's advances without kerning,
//! which only ever narrows Inter's text: a line measured to fit still fits once shaped.

use std::sync::OnceLock;

use crate::design::font;

/// One bundled face with the metrics the exporters need.
pub struct Face {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
}

/// Which bundled face: body text, or titles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    Regular,
    SemiBold,
}

impl Weight {
    pub fn face(self) -> &'static Face {
        static REGULAR: OnceLock<Face> = OnceLock::new();
        static SEMIBOLD: OnceLock<Face> = OnceLock::new();
        match self {
            Weight::Regular => REGULAR.get_or_init(|| Face::parse(font::REGULAR)),
            Weight::SemiBold => SEMIBOLD.get_or_init(|| Face::parse(font::SEMIBOLD)),
        }
    }

    /// The CSS `font-weight` of the face.
    pub fn css(self) -> u16 {
        match self {
            Weight::Regular => 400,
            Weight::SemiBold => 600,
        }
    }
}

impl Face {
    fn parse(data: &'static [u8]) -> Face {
        // The fonts are compiled in and checked by the tests below: failing here is a build defect.
        let face = ttf_parser::Face::parse(data, 0).expect("the bundled Inter font parses");
        let units_per_em = f32::from(face.units_per_em());
        Face { face, units_per_em }
    }

    fn units(&self, v: impl Into<f32>, size: f32) -> f32 {
        v.into() * size / self.units_per_em
    }

    /// Distance from the top of a line to its baseline.
    pub fn ascent(&self, size: f32) -> f32 {
        self.units(self.face.ascender(), size)
    }

    /// Distance from one line's top to the next.
    pub fn line_height(&self, size: f32) -> f32 {
        let h = self.face.ascender() - self.face.descender() + self.face.line_gap();
        self.units(h, size)
    }

    fn advance(&self, c: char, size: f32) -> f32 {
        if c == '\t' {
            return 4.0 * self.advance(' ', size);
        }
        // Characters Inter lacks are measured as its "missing glyph" box, which is what is drawn.
        let glyph = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        self.units(self.face.glyph_hor_advance(glyph).unwrap_or(0), size)
    }

    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size)).sum()
    }

    /// Breaks `text` into lines no wider than `max_width`: at spaces where possible, inside a word
    /// only when the word alone is too wide. Each `\n` starts a new line; blank lines are kept.
    pub fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let paragraph = paragraph.strip_suffix('\r').unwrap_or(paragraph);
            let mut line = String::new();
            for word in words(paragraph) {
                let candidate = format!("{line}{word}");
                if self.width(candidate.trim_end(), size) <= max_width {
                    line = candidate;
                    continue;
                }
                if !line.trim().is_empty() {
                    lines.push(line.trim_end().to_owned());
                    line = String::new();
                }
                // The word starts a line; break it where it overflows.
                for c in word.chars() {
                    let mut next = line.clone();
                    next.push(c);
                    if !line.is_empty() && self.width(next.trim_end(), size) > max_width {
                        lines.push(line.trim_end().to_owned());
                        line = c.to_string();
                    } else {
                        line = next;
                    }
                }
            }
            lines.push(line.trim_end().to_owned());
        }
        lines
    }

    /// Shortens `text` with a trailing ellipsis until it is no wider than `max_width`.
    pub fn ellipsize(&self, text: &str, size: f32, max_width: f32) -> String {
        if self.width(text, size) <= max_width {
            return text.to_owned();
        }
        let mut chars: Vec<char> = text.chars().collect();
        while !chars.is_empty() {
            chars.pop();
            let candidate: String = chars.iter().collect::<String>().trim_end().to_owned() + "…";
            if self.width(&candidate, size) <= max_width {
                return candidate;
            }
        }
        String::new()
    }
}

/// The exporters fit note text with the font's own advances; the window uses egui's, which agree.
impl crate::design::fit::Measure for Face {
    fn width(&self, text: &str, size: f32) -> f32 {
        Face::width(self, text, size)
    }

    fn line_height(&self, size: f32) -> f32 {
        Face::line_height(self, size)
    }
}

/// Words with the spaces that follow them, so joining them gives the text back.
fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        let space = c == ' ' || c == '\t';
        if !space && in_space {
            out.push(&text[start..i]);
            start = i;
        }
        in_space = space;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regular() -> &'static Face {
        Weight::Regular.face()
    }

    #[test]
    fn both_faces_load_with_sensible_metrics() {
        for w in [Weight::Regular, Weight::SemiBold] {
            let f = w.face();
            let lh = f.line_height(20.0);
            assert!((20.0..30.0).contains(&lh), "{lh}");
            assert!(f.ascent(20.0) > 15.0 && f.ascent(20.0) < lh);
            assert!(f.width("Spotify", 20.0) > 50.0);
        }
        assert!(
            Weight::SemiBold.face().width("Wide", 30.0)
                > Weight::Regular.face().width("Wide", 30.0)
        );
    }

    #[test]
    fn words_keep_their_spaces() {
        assert_eq!(words("a  bc d"), ["a  ", "bc ", "d"]);
        assert_eq!(words(""), Vec::<&str>::new());
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_keeps_lines_inside() {
        let f = regular();
        let text = "Be the soundtrack of every moment, not only at home";
        let lines = f.wrap(text, 20.0, 176.0);
        assert!(lines.len() >= 3, "{lines:?}");
        for l in &lines {
            assert!(f.width(l, 20.0) <= 176.0, "{l}");
            assert_eq!(l.trim(), l);
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn long_words_are_broken_and_newlines_kept() {
        let f = regular();
        let lines = f.wrap("https://example.com/a/very/long/path\n\nend", 20.0, 100.0);
        assert!(lines.len() >= 5, "{lines:?}");
        assert!(lines.iter().all(|l| f.width(l, 20.0) <= 100.0));
        assert_eq!(&lines[lines.len() - 2..], ["", "end"]);
        assert_eq!(f.wrap("", 20.0, 100.0), [""]);
    }

    #[test]
    fn ellipsis_when_a_line_is_too_wide() {
        let f = regular();
        let cut = f.ellipsize("Spotify Technology S.A.", 15.0, 60.0);
        assert!(cut.ends_with('…') && f.width(&cut, 15.0) <= 60.0, "{cut}");
        assert_eq!(f.ellipsize("Uber", 15.0, 60.0), "Uber");
        assert_eq!(f.ellipsize("Uber", 15.0, 1.0), "");
    }
}
