//! The `.tandem.json` file format: reading (with checks, repairs and precise errors) and writing.
//!
//! `docs/FORMAT.md` documents every field. Output is pretty-printed with a fixed key and element
//! order, so saving twice gives the same bytes and one edited note changes a few lines of a diff.

mod flows;
mod json;
mod locate;
mod migrate;
mod read;
#[cfg(test)]
mod tests;
mod write;

use super::diagnostic::{Diagnostic, TextPos};
use crate::model::Board;
use json::FileJson;
use locate::{Seg, locate};

pub(crate) use flows::{FlowJson, FlowKindJson, kind};
pub(crate) use json::{NoteJson, PartnerJson};
pub(crate) use read::{check_area, check_lane, partner};
pub use write::write_board;

/// The value of the `"format"` field.
pub const FORMAT_NAME: &str = "tandem-board";
/// The newest format version this build reads, and the one it writes.
pub const CURRENT_VERSION: u64 = 3;
/// Larger files are refused before parsing (a 10,000-note board is about 3 MB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The model's limits, which files are held to on load: beyond them a file is refused (text, lane
/// size) or repaired (votes), as docs/FORMAT.md says.
pub use crate::model::board::{
    MAX_DOTS_PER_PERSON, MAX_PEOPLE, MAX_TEXT_CHARS, MAX_TRACKS, MAX_VOTES,
};
/// Ids stay integers that every JSON tool reads exactly (2^53 - 1).
pub const MAX_ID: u64 = (1 << 53) - 1;

/// A board read from a file, with what was repaired on the way (each repair says where and what).
#[derive(Debug)]
pub struct Loaded {
    pub board: Board,
    pub repairs: Vec<Diagnostic>,
}

/// Just enough of any file to decide how to read the rest.
#[derive(serde::Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// The refusal of a file over `MAX_FILE_BYTES`.
pub(crate) fn too_big(len: u64) -> Diagnostic {
    Diagnostic::new(
        None,
        format!(
            "the file is {} MB; Tandem opens boards of up to {} MB",
            len / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// Reads a board from a file's bytes. Never panics; every refusal says where and why.
pub fn read_board(bytes: &[u8]) -> Result<Loaded, Diagnostic> {
    let text = json_text(bytes)?;
    // serde would also fill the header from an array, so insist on an object first.
    let start = text.len() - text.trim_start().len();
    if !text[start..].starts_with('{') {
        return Err(Diagnostic::new(
            Some(TextPos::of_offset(text, start)),
            "not a Tandem board: expected a JSON object at the top",
        ));
    }
    let header: Header = serde_json::from_str(text).map_err(|e| Diagnostic::from(&e))?;
    let at = |key: &str| locate(text, &[Seg::Key(key)]);
    match header.format {
        Some(serde_json::Value::String(f)) if f == FORMAT_NAME => {}
        Some(other) => {
            return Err(Diagnostic::new(
                at("format"),
                format!("not a Tandem board: \"format\" is {other}, expected \"{FORMAT_NAME}\""),
            ));
        }
        None => {
            return Err(Diagnostic::new(
                Some(TextPos { line: 1, column: 1 }),
                format!("not a Tandem board: no \"format\": \"{FORMAT_NAME}\" field"),
            ));
        }
    }
    let version = match header.version {
        Some(serde_json::Value::Number(n)) if n.as_u64().is_some() => n.as_u64().unwrap_or(0),
        Some(other) => {
            return Err(Diagnostic::new(
                at("version"),
                format!("\"version\" must be a whole number, found {other}"),
            ));
        }
        None => {
            return Err(Diagnostic::new(
                Some(TextPos { line: 1, column: 1 }),
                "missing field `version`",
            ));
        }
    };
    match version {
        1..=CURRENT_VERSION => {
            let file: FileJson = serde_json::from_str(text).map_err(|e| Diagnostic::from(&e))?;
            let file = migrate::migrate(text, file)?;
            read::from_current(text, file)
        }
        v if v > CURRENT_VERSION => Err(Diagnostic::new(
            at("version"),
            format!(
                "written by a newer Tandem (format version {v}); this Tandem reads versions 1 to \
                 {CURRENT_VERSION}: update Tandem to open it"
            ),
        )),
        v => Err(Diagnostic::new(
            at("version"),
            format!("unknown format version {v}"),
        )),
    }
}

/// The text of a JSON file Tandem reads (a board or a canvas): not too large, UTF-8 (a leading
/// byte-order mark dropped), not empty.
pub(crate) fn json_text(bytes: &[u8]) -> Result<&str, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        Diagnostic::new(
            Some(TextPos::of_offset(valid, valid.len())),
            format!("not UTF-8 text (byte 0x{:02X})", bytes[e.valid_up_to()]),
        )
    })?;
    // Editors on some systems add a byte-order mark; it carries no meaning in JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::new(None, "the file is empty"));
    }
    Ok(text)
}
