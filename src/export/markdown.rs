//! The board as a Markdown report: the title, each block and each journey stage × row with its
//! notes (text, partner, votes) in report order, and which journey stages each partner touches.

use std::fmt::Write;

use super::report::{Group, groups};
use crate::model::{Board, Note, Region, analysis};

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
    use crate::model::{BoardParts, NoteId, Partner, PartnerId, Rgb};

    #[test]
    fn markdown_syntax_in_notes_is_literal() {
        assert_eq!(inline("*a* [b](c) #1 | x"), r"\*a\* \[b\](c) \#1 \| x");
        assert_eq!(literal_line_start("12. x"), r"12\. x");
        assert_eq!(literal_line_start("- x"), r"\- x");
        assert_eq!(literal_line_start("-1 x"), r"\-1 x");
        assert_eq!(literal_line_start("2024 plan"), "2024 plan");
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
    }
}
