//! The board as CSV for spreadsheets: one file with a row per note, another with a row per flow.
//! RFC 4180 quoting and line ends, and a UTF-8 byte-order mark, without which Excel misreads every
//! non-ASCII letter.

use super::report::groups;
use crate::model::{Board, FlowDirection, NoteId, Region};

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
    push_row(&mut out, FLOW_HEADER.map(str::to_owned));
    let end = |id: NoteId| {
        let note = board.note(id)?;
        let partner = note.partner.and_then(|p| board.partner(p));
        Some([
            id.0.to_string(),
            note.text.clone(),
            partner.map_or_else(String::new, |p| p.name.clone()),
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
                f.id.0.to_string(),
                from_id,
                from,
                from_partner,
                to_id,
                to,
                to_partner,
                direction.to_owned(),
                kind.map_or_else(String::new, |k| k.name.clone()),
                f.label.clone(),
            ],
        );
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
}
