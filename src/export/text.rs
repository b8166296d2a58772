//! Measuring text with the bundled Inter, so exported text is fitted and broken into lines where
//! the window does (`design::fit`). Widths are the font's advances without kerning, which only ever
//! narrows Inter's text: a line measured to fit still fits once shaped.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
