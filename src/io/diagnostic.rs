//! Messages about a file, with the place in it they are about.

use std::fmt;

/// A 1-based line and column in a file's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextPos {
    pub line: usize,
    pub column: usize,
}

impl TextPos {
    /// The line and column of byte `offset` in `text` (columns count characters).
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let before = &text.as_bytes()[..offset.min(text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        Self { line, column }
    }
}

/// Why a file could not be read, or what was repaired while reading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where in the file, when the problem is at one place.
    pub pos: Option<TextPos>,
    pub message: String,
}

impl Diagnostic {
    pub fn new(pos: Option<TextPos>, message: impl Into<String>) -> Self {
        Self {
            pos,
            message: readable(message.into()),
        }
    }

    /// `FILE:LINE:COL: message`, or `FILE: message` without a position.
    pub fn with_file(&self, file: &str) -> String {
        match self.pos {
            Some(p) => format!("{file}:{}:{}: {}", p.line, p.column, self.message),
            None => format!("{file}: {}", self.message),
        }
    }
}

/// Repairs for a one-line status: the first few, then how many more (`tandem check` lists all).
pub fn summary(repairs: &[Diagnostic]) -> String {
    const SHOWN: usize = 3;
    let mut list: Vec<String> = repairs.iter().take(SHOWN).map(|r| r.to_string()).collect();
    if repairs.len() > SHOWN {
        list.push(format!("and {} more", repairs.len() - SHOWN));
    }
    list.join("; ")
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pos {
            Some(p) => write!(f, "line {}, column {}: {}", p.line, p.column, self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl From<&serde_json::Error> for Diagnostic {
    /// serde_json's own position, and its message without the " at line L column C" it appends.
    fn from(e: &serde_json::Error) -> Self {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
        let pos = (e.line() > 0).then_some(TextPos {
            line: e.line(),
            column: e.column(),
        });
        Self::new(pos, message)
    }
}

/// Words longer than this in a message are shortened; so is the whole message.
const LONGEST_WORD: usize = 60;
const LONGEST_MESSAGE: usize = 400;

/// Messages quote what they found (a field name, a colour, a title), and a hostile file can make
/// that a megabyte: long words and long messages are cut, with `…` where they were.
fn readable(message: String) -> String {
    let long = |w: &str| w.chars().count() > LONGEST_WORD;
    if message.chars().count() <= LONGEST_MESSAGE && !message.split_whitespace().any(long) {
        return message;
    }
    let mut out = String::new();
    for (i, word) in message.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if long(word) {
            out.extend(word.chars().take(LONGEST_WORD / 2));
            out.push('…');
            // Keep a closing quote or backtick, so the message still reads as a quotation.
            let closing: Vec<char> = word
                .chars()
                .rev()
                .take_while(|c| !c.is_alphanumeric())
                .take(3)
                .collect();
            out.extend(closing.into_iter().rev());
        } else {
            out.push_str(word);
        }
    }
    if out.chars().count() > LONGEST_MESSAGE {
        out = out.chars().take(LONGEST_MESSAGE).collect();
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_to_lines_and_columns() {
        let t = "ab\ncdé\nf";
        assert_eq!(TextPos::of_offset(t, 0), TextPos { line: 1, column: 1 });
        assert_eq!(TextPos::of_offset(t, 3), TextPos { line: 2, column: 1 });
        assert_eq!(TextPos::of_offset(t, 7), TextPos { line: 2, column: 4 });
        assert_eq!(TextPos::of_offset(t, 100), TextPos { line: 3, column: 2 });
    }

    #[test]
    fn serde_errors_keep_their_place() {
        let e = serde_json::from_str::<Vec<u32>>("[1,\n x]").unwrap_err();
        let d = Diagnostic::from(&e);
        assert_eq!(d.pos, Some(TextPos { line: 2, column: 2 }));
        assert_eq!(d.message, "expected value");
        assert_eq!(d.with_file("b.json"), "b.json:2:2: expected value");
    }

    #[test]
    fn huge_quotations_are_cut_to_a_readable_message() {
        let key = "k".repeat(5_000);
        let d = Diagnostic::new(None, format!("unknown field `{key}`, expected one of `a`"));
        assert_eq!(
            d.message,
            format!("unknown field `{}…`, expected one of `a`", "k".repeat(29))
        );
        let d = Diagnostic::new(None, "word ".repeat(1_000));
        assert_eq!(d.message.chars().count(), LONGEST_MESSAGE + 1);
        assert!(d.message.ends_with('…'));
        let short = "missing field `text`";
        assert_eq!(Diagnostic::new(None, short).message, short);
    }
}
