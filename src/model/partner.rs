//! Partners: the organisations a board's notes can be tagged with.

use serde::{Deserialize, Serialize};

/// Stable identity of a partner within a board.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PartnerId(pub u64);

/// A partner with the colour its tag shows everywhere on the board.
#[derive(Clone, Debug, PartialEq)]
pub struct Partner {
    pub id: PartnerId,
    pub name: String,
    pub color: Rgb,
}

/// An sRGB colour, written as `#RRGGBB` in files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    /// Parses `#RRGGBB` (the leading `#` is required).
    pub fn parse_hex(s: &str) -> Option<Rgb> {
        let hex = s.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb([byte(0)?, byte(2)?, byte(4)?]))
    }

    /// The first colour of `palette` that is not `used`; once all are, they come round again.
    pub fn first_unused(palette: &[Rgb], used: &[Rgb]) -> Rgb {
        palette
            .iter()
            .copied()
            .find(|c| !used.contains(c))
            .unwrap_or(palette[used.len() % palette.len()])
    }

    pub fn to_hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02X}{g:02X}{b:02X}")
    }
}

/// Tag colours offered for new partners, in the order they are handed out: saturated, so a small tag
/// reads at a distance, and distinct from the sticky palette.
pub const PARTNER_COLORS: [Rgb; 8] = [
    Rgb([0x1F, 0x77, 0xB4]),
    Rgb([0xD6, 0x27, 0x28]),
    Rgb([0x2C, 0xA0, 0x2C]),
    Rgb([0x94, 0x67, 0xBD]),
    Rgb([0xE6, 0x7E, 0x00]),
    Rgb([0x17, 0xA2, 0xB8]),
    Rgb([0x8C, 0x56, 0x4B]),
    Rgb([0x33, 0x33, 0x33]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip() {
        let c = Rgb::parse_hex("#1db954").unwrap();
        assert_eq!(c, Rgb([0x1D, 0xB9, 0x54]));
        assert_eq!(c.to_hex(), "#1DB954");
    }

    #[test]
    fn bad_hex_is_refused() {
        for s in ["1DB954", "#1DB95", "#1DB9544", "#GGGGGG", "", "#", "#ééé"] {
            assert_eq!(Rgb::parse_hex(s), None, "{s}");
        }
    }
}
