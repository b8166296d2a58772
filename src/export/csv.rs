//! The board as CSV for spreadsheets: one file with a row per note, another with a row per flow.
//! RFC 4180 quoting and line ends, and a UTF-8 byte-order mark, without which Excel misreads every
//! non-ASCII letter. Text that a spreadsheet would run as a formula is written as text (see
//! [`Cell::Text`]): notes come from the room too, and the room assumes someone hostile.

use super::report::groups;
use crate::model::{Board, FlowDirection, NoteId, Region};

pub const HEADER: [&str; 10] = [
    "id", "text", "region", "stage", "row", "partner", "colour", "votes", "x", "y",
];

/// Rows in the Markdown report's order: region by region, most votes first, then by position.
pub fn to_csv(board: &Board) -> String {
    let mut out = String::from("\u{feff}");
    push_row(&mut out, HEADER.map(Cell::text));
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
                    Cell::number(n.id.0),
                    Cell::text(&n.text),
                    Cell::text(&region),
                    Cell::text(stage),
                    Cell::text(row),
                    Cell::text(partner),
                    Cell::text(n.color.name()),
                    Cell::number(n.votes),
                    Cell::number(n.rect.x),
                    Cell::number(n.rect.y),
                ],
            );
        }
    }
    out
}

/// The flows file's columns: each end's note id, text and partner.
pub const FLOW_HEADER: [&str; 10] = [
    "id",
    "from_id",
    "from",
    "from_partner",
    "to_id",
    "to",
    "to_partner",
    "direction",
    "kind",
    "label",
];

/// One row per flow, in drawing order; `direction` is `one-way` or `both-ways`.
pub fn flows_to_csv(board: &Board) -> String {
    let mut out = String::from("\u{feff}");
    push_row(&mut out, FLOW_HEADER.map(Cell::text));
    let end = |id: NoteId| {
        let note = board.note(id)?;
        let partner = note.partner.and_then(|p| board.partner(p));
        Some([
            Cell::number(id.0),
            Cell::text(&note.text),
            Cell::text(partner.map_or("", |p| p.name.as_str())),
        ])
    };
    for f in board.flows() {
        let (Some([from_id, from, from_partner]), Some([to_id, to, to_partner])) =
            (end(f.from), end(f.to))
        else {
            continue;
        };
        let direction = match f.direction {
            FlowDirection::OneWay => "one-way",
            FlowDirection::BothWays => "both-ways",
        };
        let kind = f.kind.and_then(|k| board.flow_kind(k));
        push_row(
            &mut out,
            [
                Cell::number(f.id.0),
                from_id,
                from,
                from_partner,
                to_id,
                to,
                to_partner,
                Cell::text(direction),
                Cell::text(kind.map_or("", |k| k.name.as_str())),
                Cell::text(&f.label),
            ],
        );
    }
    out
}

/// One cell of a row: a number is written as it is; text is quoted as RFC 4180 needs, and made
/// plain text when a spreadsheet would take it for a formula.
enum Cell {
    Number(String),
    Text(String),
}

impl Cell {
    fn number(n: impl ToString) -> Cell {
        Cell::Number(n.to_string())
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn write(&self) -> String {
        match self {
            Cell::Number(n) => n.clone(),
            Cell::Text(t) => field(t),
        }
    }
}

fn push_row(out: &mut String, cells: [Cell; 10]) {
    let written: Vec<String> = cells.iter().map(Cell::write).collect();
    out.push_str(&written.join(","));
    out.push_str("\r\n");
}

/// What a spreadsheet runs as a formula when a cell starts with it (OWASP's CSV injection list).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text field, quoted when it holds a separator, a quote, a line break or edge spaces. Text a
/// spreadsheet would run (`=HYPERLINK(…)`, `+1`, `@SUM(…)`) gets a leading `'` inside quotes, as
/// OWASP advises: Excel, LibreOffice and Google Sheets then show it as the text it is.
fn field(value: &str) -> String {
    if value.starts_with(FORMULA_STARTS) {
        return format!("\"'{}\"", value.replace('"', "\"\""));
    }
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
    fn a_row_per_flow_with_both_ends() {
        let mut b = crate::io::example_board();
        let (a, c) = (b.notes()[2].id, b.notes()[3].id);
        let id = b.new_flow_ids(1)[0];
        let money = b.flow_kinds()[1].id;
        b.apply(crate::model::ops::new_flow(&b, id, a, c, Some(money)).unwrap());
        b.apply(crate::model::ops::set_flow_label(&b, id, "fees, \"per ride\"").unwrap());
        let csv = flows_to_csv(&b);
        let last = csv.lines().last().unwrap();
        assert_eq!(
            last,
            format!(
                "{},3,Uber: rides in 600+ cities,Uber,4,\"Spotify: music streaming, 100M+ \
                 listeners\",Spotify,one-way,money,\"fees, \"\"per ride\"\"\"",
                id.0
            )
        );
        assert!(csv.starts_with("\u{feff}id,from_id,from,"));
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field(" pad"), "\" pad\"");
        assert_eq!(field(""), "");
    }

    #[test]
    fn text_a_spreadsheet_would_run_is_written_as_text_in_both_files() {
        for (text, cell) in [
            (
                "=HYPERLINK(\"http://example.invalid\",\"x\")",
                "\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\"",
            ),
            ("+1 555", "\"'+1 555\""),
            ("-2+3", "\"'-2+3\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\tcmd", "\"'\tcmd\""),
            ("\rcmd", "\"'\rcmd\""),
            ("a=b", "a=b"),
        ] {
            assert_eq!(field(text), cell, "{text:?}");
        }
        let mut b = crate::io::example_board();
        let (a, c) = (b.notes()[0].id, b.notes()[1].id);
        let mut evil = b.note(a).unwrap().clone();
        evil.text = "=1+1".into();
        evil.rect.x = -120.5;
        b.apply(crate::model::Edit::UpdateNotes(vec![evil]));
        let id = b.new_flow_ids(1)[0];
        b.apply(crate::model::ops::new_flow(&b, id, a, c, None).unwrap());
        b.apply(crate::model::ops::set_flow_label(&b, id, "@cmd").unwrap());
        let notes = to_csv(&b);
        let row = notes
            .lines()
            .find(|l| l.starts_with(&format!("{},", a.0)))
            .unwrap();
        assert!(row.contains(",\"'=1+1\","), "{row}");
        assert!(row.contains(",-120.5,"), "numbers stay numbers: {row}");
        let flows = flows_to_csv(&b);
        let row = flows.lines().last().unwrap();
        assert!(row.contains(",\"'=1+1\","), "{row}");
        assert!(row.ends_with(",\"'@cmd\""), "{row}");
    }
}
