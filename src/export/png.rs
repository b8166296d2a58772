//! The board as a PNG: its SVG rasterised on the CPU by resvg, with only the bundled Inter in the
//! font database (never the system's fonts), so the picture is the same on every machine and needs
//! no window or GPU.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::design::font;

/// The largest picture written, in pixels per side and in all (a 4× picture of a big board is
/// about 100 megapixels; past this, memory for the image itself runs to gigabytes).
pub const MAX_SIDE: u32 = 20_000;
pub const MAX_PIXELS: u64 = 200_000_000;

/// Scales offered in menus.
pub const SCALES: [f32; 3] = [1.0, 2.0, 4.0];
/// The range the command line accepts.
pub const MIN_SCALE: f32 = 0.25;
pub const MAX_SCALE: f32 = 8.0;

fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for data in [font::REGULAR, font::SEMIBOLD] {
            db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(data)));
        }
        db.set_sans_serif_family("Inter");
        Arc::new(db)
    })
    .clone()
}

/// Rasterises an SVG at `scale` pixels per canvas unit and encodes it as PNG.
pub fn render(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    let options = usvg::Options {
        font_family: "Inter".to_owned(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| format!("bad SVG: {e}"))?;
    let (w, h) = pixel_size(tree.size().width(), tree.size().height(), scale)?;
    let mut pixmap =
        tiny_skia::Pixmap::new(w, h).ok_or_else(|| format!("cannot make a {w}×{h} picture"))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the PNG: {e}"))
}

/// The picture's size in pixels, refused when too large to make.
pub fn pixel_size(width: f32, height: f32, scale: f32) -> Result<(u32, u32), String> {
    let side = |v: f32| (v * scale).ceil().max(1.0);
    let (w, h) = (side(width), side(height));
    if w > MAX_SIDE as f32 || h > MAX_SIDE as f32 || (w as u64) * (h as u64) > MAX_PIXELS {
        return Err(format!(
            "a {w}×{h} pixel picture is too large (at most {MAX_SIDE} pixels a side and {} \
             megapixels): choose a smaller scale, or export one region",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok((w as u32, h as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_pictures_are_refused_with_advice() {
        assert_eq!(pixel_size(100.0, 50.0, 2.0), Ok((200, 100)));
        assert_eq!(pixel_size(100.2, 50.0, 1.0), Ok((101, 50)));
        let err = pixel_size(15_000.0, 15_000.0, 1.0).unwrap_err();
        assert!(err.contains("smaller scale"), "{err}");
        assert!(pixel_size(30_000.0, 10.0, 1.0).is_err());
    }

    #[test]
    fn text_is_drawn_with_the_bundled_font() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">
<rect width="200" height="60" fill="#FFFFFF"/>
<text x="10" y="40" font-size="30" font-family="Inter" fill="#000000">Tandem</text></svg>"##;
        let png = render(svg, 1.0).unwrap();
        let pixmap = tiny_skia::Pixmap::decode_png(&png).unwrap();
        assert_eq!((pixmap.width(), pixmap.height()), (200, 60));
        let dark = pixmap
            .pixels()
            .iter()
            .filter(|p| p.red() < 100 && p.alpha() == 255)
            .count();
        assert!(dark > 200, "glyphs were drawn ({dark} dark pixels)");
    }
}
