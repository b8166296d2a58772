//! The board as CSV, one row per note, for spreadsheets: RFC 4180 quoting and line ends, and a
//! UTF-8 byte-order mark, without which Excel misreads every non-ASCII letter.

use super::report::groups;
use crate::model::{Board, Region};

pub const HEADER: [&str; 10] = [
    "id", "text", "region", "stage", "row", "partner", "colour", "votes", "x", "y",
];

/// Rows in the Markdown report's order: region by region, most votes first, then by position.
pub fn to_csv(board: &Board) -> String {
    let mut out = String::from("\u{feff}");
    push_row(&mut out, HEADER.map(str::to_owned));
    for g in groups(board) {
        let (region, stage, row) = match g.region {
            Some(Region::Block(i)) => (board.blocks()[i].title.clone(), "", ""),
            Some(Region::Cell { stage, row }) => match board.lane() {
                Some(l) => (
                    l.title.clone(),
                    l.stages[stage].name.as_str(),
                    l.rows[row].name.as_str(),
                ),
                None => continue,
            },
            None => (String::new(), "", ""),
        };
        for n in g.notes {
            let partner = n
                .partner
                .and_then(|id| board.partner(id))
                .map_or("", |p| p.name.as_str());
            push_row(
                &mut out,
                [
                    n.id.0.to_string(),
                    n.text.clone(),
                    region.clone(),
                    stage.to_owned(),
                    row.to_owned(),
                    partner.to_owned(),
                    n.color.name().to_owned(),
                    n.votes.to_string(),
                    n.rect.x.to_string(),
                    n.rect.y.to_string(),
                ],
            );
        }
    }
    out
}

fn push_row(out: &mut String, fields: [String; 10]) {
    let quoted: Vec<String> = fields.iter().map(|f| field(f)).collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

/// A field, quoted when it holds a separator, a quote, a line break or edge spaces.
fn field(value: &str) -> String {
    let needs_quotes =
        value.contains([',', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field(" pad"), "\" pad\"");
        assert_eq!(field(""), "");
    }
}
