//! The room's link as a QR code: a matrix of dark and light modules for the app to draw as
//! rectangles (no image is made; the projector draws it at whatever size it needs).

/// A square QR code. Readers want a light margin of 4 modules around it, which the drawer adds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrMatrix {
    width: usize,
    dark: Vec<bool>,
}

impl QrMatrix {
    /// `text` as a QR code with medium error correction (a projector photographed from the back
    /// of a room is not sharp); `None` for text too long for any QR code (about 2 KB).
    pub fn encode(text: &str) -> Option<QrMatrix> {
        let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
        Some(QrMatrix {
            width: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect(),
        })
    }

    /// Modules per side.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module in column `x`, row `y` is dark (false outside the code).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Draws the matrix as a greyscale picture (3 pixels a module, 4 modules of margin) and reads
    /// it back with a QR decoder.
    fn decode(m: &QrMatrix) -> String {
        let (scale, margin) = (3, 4);
        let side = (m.width() + 2 * margin) * scale;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = (
                (x / scale).wrapping_sub(margin),
                (y / scale).wrapping_sub(margin),
            );
            if m.is_dark(mx, my) { 0 } else { 255 }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1);
        grids[0].decode().expect("a readable code").1
    }

    #[test]
    fn the_link_reads_back_from_the_matrix() {
        let url = "http://192.168.178.23:49152/#k=0123456789abcdef0123456789abcdef";
        let m = QrMatrix::encode(url).unwrap();
        assert_eq!((m.width() - 17) % 4, 0, "a QR size");
        assert_eq!(decode(&m), url);
        assert!(!m.is_dark(m.width(), 0), "nothing outside");
        assert!(QrMatrix::encode(&"x".repeat(5_000)).is_none());
    }
}
