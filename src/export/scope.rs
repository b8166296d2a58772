//! What part of a board an export covers: all of it, one block, the journey, or one stage.
//!
//! A part is exported as a board of its own holding only that region and its notes, so every format
//! handles "one block" the same way it handles a whole board.

use crate::io::files::slug;
use crate::model::{Board, BoardParts, Lane, Point, Region};

/// The part of the board to export. Blocks and stages are named, not numbered, so a choice made
/// before a dialog still means the same region after the board changed meanwhile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Board,
    /// A block, by key.
    Block(String),
    /// The whole journey lane.
    Journey,
    /// One journey stage (column), by name.
    Stage(String),
}

impl Scope {
    /// Every region of `board` one can export on its own, in board order.
    pub fn all(board: &Board) -> Vec<Scope> {
        let mut out: Vec<Scope> = board
            .blocks()
            .iter()
            .map(|b| Scope::Block(b.key.clone()))
            .collect();
        if let Some(lane) = board.lane() {
            out.push(Scope::Journey);
            out.extend(lane.stages.iter().map(|s| Scope::Stage(s.name.clone())));
        }
        out
    }

    /// The region called `name`: a block's key or title, a journey stage's name, or the journey's
    /// title (all case-insensitive). The error lists the names there are.
    pub fn find(board: &Board, name: &str) -> Result<Scope, String> {
        let wanted = name.trim().to_lowercase();
        let same = |s: &str| s.to_lowercase() == wanted;
        if let Some(b) = board
            .blocks()
            .iter()
            .find(|b| same(&b.key) || same(&b.title))
        {
            return Ok(Scope::Block(b.key.clone()));
        }
        if let Some(lane) = board.lane() {
            if let Some(s) = lane.stages.iter().find(|s| same(&s.name)) {
                return Ok(Scope::Stage(s.name.clone()));
            }
            if same(&lane.title) || wanted == "journey" {
                return Ok(Scope::Journey);
            }
        }
        let mut known: Vec<String> = board
            .blocks()
            .iter()
            .map(|b| format!("{} ({})", b.key, b.title))
            .collect();
        if let Some(lane) = board.lane() {
            known.push(format!("journey ({})", lane.title));
            known.extend(lane.stages.iter().map(|s| format!("stage {}", s.name)));
        }
        let known = if known.is_empty() {
            "this board has no blocks and no journey".to_owned()
        } else {
            format!("regions: {}", known.join(", "))
        };
        Err(format!("no region is called \"{name}\"; {known}"))
    }

    /// The region under point `p`: a block, a journey stage (its cells), or the journey (its
    /// headers).
    pub fn at(board: &Board, p: Point) -> Option<Scope> {
        match board.region_at(p) {
            Some(Region::Block(i)) => Some(Scope::Block(board.blocks()[i].key.clone())),
            Some(Region::Cell { stage, .. }) => {
                Some(Scope::Stage(board.lane()?.stages[stage].name.clone()))
            }
            None => board
                .lane()
                .filter(|l| l.rect().contains(p))
                .map(|_| Scope::Journey),
        }
    }

    /// A human name, e.g. "Desired value" or "Customer journey: Use".
    pub fn label(&self, board: &Board) -> String {
        let lane_title = || board.lane().map_or("Journey", |l| l.title.as_str());
        match self {
            Scope::Board => board.title().to_owned(),
            Scope::Block(key) => board
                .blocks()
                .iter()
                .find(|b| &b.key == key)
                .map_or_else(|| key.clone(), |b| b.title.clone()),
            Scope::Journey => lane_title().to_owned(),
            Scope::Stage(name) => format!("{}: {name}", lane_title()),
        }
    }

    /// A short name for file names, e.g. `desired-value` or `stage-use`; empty for the whole board.
    pub fn slug(&self) -> String {
        match self {
            Scope::Board => String::new(),
            Scope::Block(key) => slug(key),
            Scope::Journey => "journey".to_owned(),
            Scope::Stage(name) => format!("stage-{}", slug(name)),
        }
    }

    /// The board holding only this part: its region (with the journey's row names for a stage),
    /// the notes whose centre is in it, where they are on the full board, and the flows between
    /// those notes. Every export goes through here, so face-down notes are left out here: nobody
    /// may read them until they are revealed, and a blank note in a picture or a report would
    /// only raise questions. Their flows go with them.
    pub fn extract(&self, board: &Board) -> Result<Board, String> {
        let gone = || format!("the board no longer has {}", self.label(board));
        let parts = board.parts();
        let mut sub = BoardParts {
            title: format!("{} — {}", parts.title, self.label(board)),
            partners: parts.partners.clone(),
            voting: parts.voting,
            flow_kinds: parts.flow_kinds.clone(),
            ..BoardParts::default()
        };
        let keep: Box<dyn Fn(Option<Region>) -> bool> = match self {
            Scope::Board => {
                sub = parts.clone();
                Box::new(|_| true)
            }
            Scope::Block(key) => {
                let i = parts
                    .blocks
                    .iter()
                    .position(|b| &b.key == key)
                    .ok_or_else(gone)?;
                sub.blocks.push(parts.blocks[i].clone());
                Box::new(move |r| r == Some(Region::Block(i)))
            }
            Scope::Journey => {
                sub.lane = Some(board.lane().ok_or_else(gone)?.clone());
                Box::new(|r| matches!(r, Some(Region::Cell { .. })))
            }
            Scope::Stage(name) => {
                let lane = board.lane().ok_or_else(gone)?;
                let i = lane
                    .stages
                    .iter()
                    .position(|s| &s.name == name)
                    .ok_or_else(gone)?;
                // The stage stays where it is; the row-name column moves up against it.
                let x = lane.track_start(crate::model::Axis::Stage, i) - lane.label_width;
                sub.lane = Some(Lane {
                    origin: Point::new(x, lane.origin.y),
                    stages: vec![lane.stages[i].clone()],
                    ..lane.clone()
                });
                Box::new(move |r| matches!(r, Some(Region::Cell { stage, .. }) if stage == i))
            }
        };
        sub.notes = board
            .notes()
            .iter()
            .filter(|n| !n.face_down && keep(board.region_of(n)))
            .cloned()
            .collect();
        let kept: std::collections::HashSet<_> = sub.notes.iter().map(|n| n.id).collect();
        sub.flows = board
            .flows()
            .iter()
            .filter(|f| kept.contains(&f.from) && kept.contains(&f.to))
            .cloned()
            .collect();
        Ok(Board::from_parts(sub))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Template;

    use crate::io::example_board as example;

    #[test]
    fn regions_are_found_by_key_title_or_stage_in_any_case() {
        let b = example();
        assert_eq!(
            Scope::find(&b, "desired-value"),
            Ok(Scope::Block("desired-value".into()))
        );
        assert_eq!(
            Scope::find(&b, "DESIRED value"),
            Ok(Scope::Block("desired-value".into()))
        );
        assert_eq!(Scope::find(&b, "use"), Ok(Scope::Stage("Use".into())));
        assert_eq!(Scope::find(&b, "customer journey"), Ok(Scope::Journey));
        let err = Scope::find(&b, "nope").unwrap_err();
        assert!(err.contains("\"nope\""), "{err}");
        assert!(err.contains("desired-value (Desired value)"), "{err}");
        assert!(err.contains("stage Finish"), "{err}");
        let blank = Template::Blank.board();
        assert!(Scope::find(&blank, "x").unwrap_err().contains("no blocks"));
    }

    #[test]
    fn the_region_under_a_point() {
        let b = example();
        let desired = b.blocks().iter().find(|x| x.key == "desired-value");
        let lane = b.lane().unwrap();
        let at = |p: Point| Scope::at(&b, p);
        assert_eq!(
            at(desired.unwrap().rect.center()),
            Some(Scope::Block("desired-value".into()))
        );
        assert_eq!(
            at(lane.cell_rect(1, 2).center()),
            Some(Scope::Stage("Choose".into()))
        );
        let corner = Point::new(lane.origin.x + 5.0, lane.origin.y + 5.0);
        assert_eq!(at(corner), Some(Scope::Journey), "the lane's headers");
        let below = Point::new(lane.origin.x, b.bounds().unwrap().bottom() + 50.0);
        assert_eq!(at(below), None);
    }

    #[test]
    fn a_block_keeps_only_its_notes_and_the_flows_between_them() {
        let mut b = example();
        // Notes 5 and 6 are in the block, note 7 is not.
        let ids = b.new_flow_ids(2);
        for (id, (from, to)) in ids.iter().zip([(5, 6), (5, 7)]) {
            let (from, to) = (crate::model::NoteId(from), crate::model::NoteId(to));
            b.apply(crate::model::ops::new_flow(&b, *id, from, to, None).unwrap());
        }
        let sub = Scope::Block("desired-value".into()).extract(&b).unwrap();
        assert!(sub.flow(ids[0]).is_some() && sub.flow(ids[1]).is_none());
        assert_eq!(sub.blocks().len(), 1);
        assert!(sub.lane().is_none());
        assert_eq!(sub.title(), "Spotify × Uber — Desired value");
        let expected: Vec<_> = b
            .notes()
            .iter()
            .filter(|n| b.region_of(n) == Some(Region::Block(2)))
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(sub.notes().iter().collect::<Vec<_>>(), expected);
        let kept = |id| sub.note(id).is_some();
        assert!(sub.flows().iter().all(|f| kept(f.from) && kept(f.to)));
        let inside = b.flows().iter().filter(|f| {
            let region = |id| b.note(id).and_then(|n| b.region_of(n));
            region(f.from) == Some(Region::Block(2)) && region(f.to) == Some(Region::Block(2))
        });
        assert_eq!(
            sub.flows().len(),
            inside.count(),
            "the flows within the block"
        );
    }

    #[test]
    fn a_stage_keeps_its_column_next_to_the_row_names() {
        let b = example();
        let lane = b.lane().unwrap();
        let sub = Scope::Stage("Use".into()).extract(&b).unwrap();
        let sub_lane = sub.lane().unwrap();
        assert_eq!(sub_lane.stages.len(), 1);
        assert_eq!(sub_lane.rows, lane.rows);
        assert_eq!(
            sub_lane.cell_rect(0, 1),
            lane.cell_rect(2, 1),
            "the stage does not move"
        );
        assert!(!sub.notes().is_empty());
        for n in sub.notes() {
            assert!(matches!(
                sub.region_of(n),
                Some(Region::Cell { stage: 0, .. })
            ));
        }
    }

    #[test]
    fn a_region_that_is_gone_is_an_error() {
        let b = Template::Blank.board();
        assert!(Scope::Journey.extract(&b).is_err());
        assert!(Scope::Block("x".into()).extract(&b).is_err());
        assert_eq!(Scope::Board.extract(&b).unwrap(), b);
        assert_eq!(Scope::all(&example()).len(), 8 + 1 + 4);
    }

    #[test]
    fn slugs_are_file_name_safe() {
        assert_eq!(slug("Risks & big questions"), "risks-big-questions");
        assert_eq!(Scope::Stage("Use".into()).slug(), "stage-use");
    }
}
