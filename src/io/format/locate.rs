//! Finding where in a file's text a value is, for messages that say line and column.

use std::collections::HashMap;

use serde_json::value::RawValue;

use crate::io::TextPos;

/// One step of a path into a JSON document.
pub(super) enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// The position of the value at `path` in `text`, found by a second, borrowing parse. Only called
/// when there is something to report, so the common path parses once.
pub(super) fn locate(text: &str, path: &[Seg]) -> Option<TextPos> {
    let mut raw: &RawValue = serde_json::from_str(text).ok()?;
    for seg in path {
        raw = match seg {
            Seg::Key(k) => {
                let map: HashMap<String, &RawValue> = serde_json::from_str(raw.get()).ok()?;
                *map.get(*k)?
            }
            Seg::Index(i) => {
                let items: Vec<&RawValue> = serde_json::from_str(raw.get()).ok()?;
                *items.get(*i)?
            }
        };
    }
    let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
    Some(TextPos::of_offset(text, offset))
}
