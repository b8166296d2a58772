//! Exports: the board (or one region of it) as a picture (SVG, PNG), a report (Markdown, CSV) or a
//! JSON Canvas file. Plain functions from a board to bytes, shared by the command line and the app.

pub mod csv;
pub mod markdown;
pub mod picture;
pub mod png;
pub mod report;
pub mod scope;
pub mod svg;
pub mod text;

pub use scope::Scope;

use crate::model::Board;

/// What to export to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Format {
    /// `scale` pixels per canvas unit.
    Png {
        scale: f32,
    },
    Svg,
    Markdown,
    Csv,
    /// The flows as CSV, one row per flow (a file of its own: a spreadsheet reads one table).
    FlowsCsv,
    JsonCanvas,
}

impl Format {
    /// Every format as the menus offer it.
    pub fn menu() -> Vec<Format> {
        let mut all: Vec<Format> = png::SCALES
            .iter()
            .map(|&scale| Format::Png { scale })
            .collect();
        all.extend([
            Format::Svg,
            Format::Markdown,
            Format::Csv,
            Format::FlowsCsv,
            Format::JsonCanvas,
        ]);
        all
    }

    /// The names the command line takes after `--to`.
    pub const NAMES: &str = "png, svg, md, csv, flows-csv, canvas";

    /// A format by its command-line name (PNG at 1×).
    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name.to_lowercase().as_str() {
            "png" => Format::Png { scale: 1.0 },
            "svg" => Format::Svg,
            "md" | "markdown" => Format::Markdown,
            "csv" => Format::Csv,
            "flows-csv" => Format::FlowsCsv,
            "canvas" | "json-canvas" => Format::JsonCanvas,
            _ => return None,
        })
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Png { .. } => "png",
            Format::Svg => "svg",
            Format::Markdown => "md",
            Format::Csv | Format::FlowsCsv => "csv",
            Format::JsonCanvas => "canvas",
        }
    }

    /// E.g. "PNG 2×", "Markdown".
    pub fn label(self) -> String {
        match self {
            Format::Png { scale } => format!("PNG {scale}×"),
            Format::Svg => "SVG".to_owned(),
            Format::Markdown => "Markdown".to_owned(),
            Format::Csv => "CSV".to_owned(),
            Format::FlowsCsv => "CSV of flows".to_owned(),
            Format::JsonCanvas => "JSON Canvas".to_owned(),
        }
    }

    /// What a file dialog calls files of this format.
    pub fn kind(self) -> &'static str {
        match self {
            Format::Png { .. } => "PNG image",
            Format::Svg => "SVG image",
            Format::Markdown => "Markdown",
            Format::Csv | Format::FlowsCsv => "CSV table",
            Format::JsonCanvas => "JSON Canvas",
        }
    }

    /// Whether the format is a picture (which only makes sense of a board with something on it).
    pub fn is_picture(self) -> bool {
        matches!(self, Format::Png { .. } | Format::Svg)
    }
}

/// The file contents of `scope` of `board` in `format`.
pub fn export(board: &Board, scope: &Scope, format: Format) -> Result<Vec<u8>, String> {
    let board = scope.extract(board)?;
    let picture = || {
        svg::to_svg(&board).ok_or_else(|| {
            format!(
                "{} is empty: there is nothing to draw",
                scope.label(&board).trim()
            )
        })
    };
    Ok(match format {
        Format::Png { scale } => png::render(&picture()?, scale)?,
        Format::Svg => picture()?.into_bytes(),
        Format::Markdown => markdown::to_markdown(&board).into_bytes(),
        Format::Csv => csv::to_csv(&board).into_bytes(),
        Format::FlowsCsv => csv::flows_to_csv(&board).into_bytes(),
        Format::JsonCanvas => crate::io::json_canvas::write_canvas(&board).into_bytes(),
    })
}

/// A file name for an export, from the board file's name without its extension (`stem`), e.g.
/// `spotify-uber-desired-value.png`; PNGs other than 1× say their scale.
pub fn file_name(stem: &str, scope: &Scope, format: Format) -> String {
    let mut name = if stem.trim().is_empty() {
        "board".to_owned()
    } else {
        stem.to_owned()
    };
    let region = scope.slug();
    if !region.is_empty() {
        name = format!("{name}-{region}");
    }
    if format == Format::FlowsCsv {
        name.push_str("-flows");
    }
    if let Format::Png { scale } = format
        && scale != 1.0
    {
        name = format!("{name}@{scale}x");
    }
    format!("{name}.{}", format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_region_and_scale() {
        assert_eq!(
            file_name("Spotify × Uber", &Scope::Board, Format::Svg),
            "Spotify × Uber.svg"
        );
        assert_eq!(
            file_name(
                "spotify-uber",
                &Scope::Block("desired-value".into()),
                Format::Png { scale: 2.0 }
            ),
            "spotify-uber-desired-value@2x.png"
        );
        assert_eq!(
            file_name("", &Scope::Journey, Format::JsonCanvas),
            "board-journey.canvas"
        );
        assert_eq!(
            file_name("plan", &Scope::Board, Format::FlowsCsv),
            "plan-flows.csv"
        );
    }

    #[test]
    fn names_and_labels() {
        for f in Format::menu() {
            assert!(!f.label().is_empty());
            let name = match f {
                Format::Markdown => "md",
                Format::FlowsCsv => "flows-csv",
                other => other.extension(),
            };
            assert_eq!(
                Format::from_name(name).map(Format::extension),
                Some(f.extension())
            );
        }
        assert_eq!(Format::from_name("pdf"), None);
    }

    #[test]
    fn an_empty_board_has_a_report_but_no_picture() {
        let blank = crate::io::Template::Blank.board();
        let err = export(&blank, &Scope::Board, Format::Svg).unwrap_err();
        assert!(err.contains("nothing to draw"), "{err}");
        assert!(export(&blank, &Scope::Board, Format::Markdown).is_ok());
        assert!(export(&blank, &Scope::Board, Format::Csv).is_ok());
    }
}
