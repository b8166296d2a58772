//! The board as a Markdown report: the title, each block and each journey stage × row with its
//! notes (text, partner, votes) in report order, which journey stages each partner touches, and
//! the value flows with what each partner gives and gets.

use std::fmt::Write;

use super::report::{Group, groups};
use crate::model::analysis::{Balance, Exchange};
use crate::model::{Board, FlowDirection, Note, Region, analysis};

pub fn to_markdown(board: &Board) -> String {
    let mut out = format!("# {}\n", inline(board.title()));
    let groups = groups(board);
    for g in &groups {
        match g.region {
            Some(Region::Block(i)) => {
                let b = &board.blocks()[i];
                let _ = write!(out, "\n## {}\n\n", inline(&b.title));
                if !b.prompt.trim().is_empty() {
                    let _ = write!(out, "*{}*\n\n", inline(&b.prompt));
                }
                notes(&mut out, board, g);
            }
            Some(Region::Cell { stage, row }) => {
                let Some(lane) = board.lane() else { continue };
                if row == 0 {
                    if stage == 0 {
                        let _ = write!(out, "\n## {}\n", inline(&lane.title));
                    }
                    let _ = write!(out, "\n### {}\n", inline(&lane.stages[stage].name));
                }
                let _ = write!(out, "\n#### {}\n\n", inline(&lane.rows[row].name));
                notes(&mut out, board, g);
            }
            None if !g.notes.is_empty() => {
                out.push_str("\n## Elsewhere on the board\n\n");
                notes(&mut out, board, g);
            }
            None => {}
        }
    }
    partner_summary(&mut out, board);
    value_flows(&mut out, board);
    out
}

fn notes(out: &mut String, board: &Board, g: &Group) {
    if g.notes.is_empty() {
        out.push_str("*No notes.*\n");
    }
    for n in &g.notes {
        out.push_str(&item(board, n));
    }
}

/// One note as a list item: its text (lines kept as hard breaks), then partner and votes.
fn item(board: &Board, n: &Note) -> String {
    let lines: Vec<String> = n
        .text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| literal_line_start(&inline(l)))
        .collect();
    let mut text = if lines.is_empty() {
        "*(empty note)*".to_owned()
    } else {
        lines.join("\\\n  ")
    };
    let mut meta = Vec::new();
    if let Some(p) = n.partner.and_then(|id| board.partner(id)) {
        meta.push(inline(&p.name));
    }
    match n.votes {
        0 => {}
        1 => meta.push("1 vote".to_owned()),
        v => meta.push(format!("{v} votes")),
    }
    if !meta.is_empty() {
        let _ = write!(text, " — *{}*", meta.join(", "));
    }
    format!("- {text}\n")
}

/// For each partner, the journey stages its notes are in; then the stages no partner touches.
fn partner_summary(out: &mut String, board: &Board) {
    out.push_str("\n## Partners across the journey\n\n");
    if board.partners().is_empty() {
        out.push_str("*No partners on this board.*\n");
        return;
    }
    let lane = board.lane();
    // The same answer the partner lens shows in the window.
    let by_stage = analysis::partners_by_stage(board);
    let stages_of = |partner| -> Vec<usize> {
        (0..by_stage.len())
            .filter(|&s| by_stage[s].contains(&partner))
            .collect()
    };
    let stage_names = |stages: &[usize]| -> String {
        let names: Vec<String> = stages
            .iter()
            .filter_map(|&s| lane.map(|l| cell(&l.stages[s].name)))
            .collect();
        if names.is_empty() {
            "—".to_owned()
        } else {
            names.join(", ")
        }
    };
    out.push_str("| Partner | Notes | Journey stages |\n| --- | ---: | --- |\n");
    for p in board.partners() {
        let count = board
            .notes()
            .iter()
            .filter(|n| n.partner == Some(p.id))
            .count();
        let stages = stages_of(p.id);
        let _ = writeln!(
            out,
            "| {} | {count} | {} |",
            cell(&p.name),
            stage_names(&stages)
        );
    }
    if lane.is_some() {
        let untouched: Vec<usize> = (0..by_stage.len())
            .filter(|&s| by_stage[s].is_empty())
            .collect();
        if untouched.is_empty() {
            out.push_str("\nEvery journey stage has a partner.\n");
        } else {
            let _ = writeln!(
                out,
                "\nStages no partner touches yet: {}.",
                stage_names(&untouched)
            );
        }
    }
}

/// Every flow (from, to, kind, label) in drawing order, then what each partner gives and gets by
/// kind, with the partners that only give or only take named.
fn value_flows(out: &mut String, board: &Board) {
    out.push_str("\n## Value flows\n\n");
    if board.flows().is_empty() {
        out.push_str("*No flows on this board.*\n");
        return;
    }
    let end = |id| {
        let note = board.note(id)?;
        let mut text = inline(note.text.trim());
        if text.is_empty() {
            text = "*(empty note)*".to_owned();
        }
        match note.partner.and_then(|p| board.partner(p)) {
            Some(p) => Some(format!("{text} *({})*", inline(&p.name))),
            None => Some(text),
        }
    };
    for f in board.flows() {
        let (Some(from), Some(to)) = (end(f.from), end(f.to)) else {
            continue;
        };
        let arrow = match f.direction {
            FlowDirection::OneWay => "→",
            FlowDirection::BothWays => "↔",
        };
        let _ = write!(out, "- {from} {arrow} {to} — {}", kind_name(board, f.kind));
        if !f.label.trim().is_empty() {
            let _ = write!(out, ": {}", inline(f.label.trim()));
        }
        out.push('\n');
    }
    if board.partners().is_empty() {
        return;
    }
    out.push_str("\n| Partner | Gives | Gets | |\n| --- | --- | --- | --- |\n");
    for pf in analysis::flows_by_partner(board) {
        let Some(p) = board.partner(pf.partner) else {
            continue;
        };
        let flag = match pf.balance() {
            Balance::OnlyGives => "**only gives**",
            Balance::OnlyTakes => "**only takes**",
            Balance::NoFlows => "no flows",
            Balance::GivesAndTakes => "",
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {flag} |",
            cell(&p.name),
            by_kind(board, &pf.gives),
            by_kind(board, &pf.gets)
        );
    }
}

/// A kind's name as the report shows it.
fn kind_name(board: &Board, kind: Option<crate::model::FlowKindId>) -> String {
    kind.and_then(|k| board.flow_kind(k))
        .map_or_else(|| "no kind".to_owned(), |k| inline(&k.name))
}

/// "value ×2, data": exchanges counted by kind; "—" for none.
fn by_kind(board: &Board, list: &[Exchange]) -> String {
    let parts: Vec<String> = analysis::count_by_kind(board, list)
        .into_iter()
        .map(|(kind, n)| match n {
            1 => kind_name(board, kind),
            n => format!("{} ×{n}", kind_name(board, kind)),
        })
        .collect();
    if parts.is_empty() {
        "—".to_owned()
    } else {
        parts.join(", ")
    }
}

/// Text made literal in Markdown: characters that would start emphasis, links, code, HTML or a
/// heading are escaped.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// A line that would otherwise start a nested list ("- x", "+ x", "1. x") starts literally.
fn literal_line_start(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let marker = line[digits..].chars().next();
    if (digits == 0 && matches!(marker, Some('-' | '+')))
        || (digits > 0 && matches!(marker, Some('.' | ')')))
    {
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else {
        line.to_owned()
    }
}

/// Text for a table cell.
fn cell(text: &str) -> String {
    inline(text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BoardParts, FlowDirection, NoteId, Partner, PartnerId, Rgb};

    #[test]
    fn markdown_syntax_in_notes_is_literal() {
        assert_eq!(inline("*a* [b](c) #1 | x"), r"\*a\* \[b\](c) \#1 \| x");
        assert_eq!(literal_line_start("12. x"), r"12\. x");
        assert_eq!(literal_line_start("- x"), r"\- x");
        assert_eq!(literal_line_start("-1 x"), r"\-1 x");
        assert_eq!(literal_line_start("2024 plan"), "2024 plan");
    }

    #[test]
    fn flows_are_listed_and_one_sided_partners_named() {
        use crate::model::{Flow, FlowId, NoteId};
        let mut b = crate::io::example_board();
        let all: Vec<FlowId> = b.flows().iter().map(|f| f.id).collect();
        b.apply(crate::model::Edit::RemoveFlows(all));
        let spotify = b
            .notes()
            .iter()
            .find(|n| n.partner.is_some_and(|p| p.0 == 2));
        let uber = b
            .notes()
            .iter()
            .find(|n| n.partner.is_some_and(|p| p.0 == 1));
        let (s, u) = (spotify.unwrap().id, uber.unwrap().id);
        let data = b.flow_kinds()[2].id;
        let flow = Flow {
            id: FlowId(900),
            from: s,
            to: u,
            direction: FlowDirection::BothWays,
            label: "ride *and* listening data".into(),
            kind: Some(data),
        };
        let to_us = Flow {
            id: FlowId(901),
            to: NoteId(1),
            direction: FlowDirection::OneWay,
            label: String::new(),
            ..flow.clone()
        };
        b.apply(crate::model::Edit::InsertFlows(vec![(0, flow), (1, to_us)]));
        let md = to_markdown(&b);
        let flows = &md[md.find("## Value flows").unwrap()..];
        let line = "- Spotify: music streaming, 100M+ listeners *(Spotify)* ↔ Uber: rides in 600+ \
                    cities *(Uber)* — data: ride \\*and\\* listening data\n";
        assert!(flows.contains(line), "{flows}");
        assert!(
            flows.contains("listeners *(Spotify)* → Be the soundtrack"),
            "{flows}"
        );
        assert!(flows.contains("| Spotify | data ×2 | data |  |"), "{flows}");
        assert!(flows.contains("| Uber | data | data |  |"), "{flows}");
    }

    #[test]
    fn notes_outside_regions_and_multiline_text_are_listed() {
        let mut n = Note::new(NoteId(1), 0.0, 0.0);
        n.text = "first\n\nsecond".into();
        n.partner = Some(PartnerId(1));
        n.votes = 1;
        let b = Board::from_parts(BoardParts {
            title: "T".into(),
            partners: vec![Partner {
                id: PartnerId(1),
                name: "Uber".into(),
                color: Rgb([0, 0, 0]),
            }],
            notes: vec![n],
            ..BoardParts::default()
        });
        let md = to_markdown(&b);
        assert!(md.contains("## Elsewhere on the board\n\n- first\\\n  second — *Uber, 1 vote*\n"));
        assert!(md.contains("| Uber | 1 | — |"), "{md}");
        assert!(
            md.ends_with("## Value flows\n\n*No flows on this board.*\n"),
            "{md}"
        );
    }
}
