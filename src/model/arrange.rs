//! Laying notes out: tidy grids, arranging by votes, and finding room for a new note.

use super::board::Board;
use super::edit::Edit;
use super::geom::{Point, Rect};
use super::note::{Note, NoteId};
use super::ops::NOTE_GAP;
use super::region::Region;

/// The result of an arrangement: the edit (`None` when every note is already in place), and how
/// many notes did not fit without overlapping.
#[derive(Debug, PartialEq)]
pub struct Arranged {
    pub edit: Option<Edit>,
    pub overflow: usize,
}

impl Arranged {
    /// The notes that `placed` moves, as an edit of `board`.
    fn new(board: &Board, placed: Vec<Note>, overflow: usize) -> Self {
        let moved: Vec<Note> = placed
            .into_iter()
            .filter(|n| board.note(n.id) != Some(n))
            .collect();
        Arranged {
            edit: (!moved.is_empty()).then_some(Edit::UpdateNotes(moved)),
            overflow,
        }
    }
}

/// Places `notes` (in this order, keeping their sizes) left to right in rows inside `area`, from
/// its top-left corner. Notes that do not fit below the last row are stacked with a small offset
/// in the last row's space, so they stay inside `area` (and so in the same block).
fn flow(notes: &[&Note], area: Rect) -> (Vec<Note>, usize) {
    let mut out = Vec::with_capacity(notes.len());
    let (mut x, mut y, mut row_h) = (area.x, area.y, 0.0f32);
    let mut overflow = 0;
    for note in notes {
        let mut n = (*note).clone();
        let (w, h) = (n.rect.w, n.rect.h);
        if x + w > area.right() && x > area.x {
            x = area.x;
            y += row_h + NOTE_GAP;
            row_h = 0.0;
        }
        if y + h > area.bottom() && !out.is_empty() {
            // Full: stack what is left, fanned out from the bottom-left, centres inside the area.
            let k = overflow as f32;
            n.rect.x = (area.x + k * 24.0).min(area.right() - w / 2.0 - 1.0);
            n.rect.y = (area.bottom() - h + k * 12.0)
                .min(area.bottom() - h / 2.0 - 1.0)
                .max(area.y);
            overflow += 1;
        } else {
            n.rect.x = x;
            n.rect.y = y;
            x += w + NOTE_GAP;
            row_h = row_h.max(h);
        }
        out.push(n);
    }
    (out, overflow)
}

/// Notes whose centre is in `region`, in reading order (top to bottom, then left to right).
pub fn notes_in(board: &Board, region: Region) -> Vec<&Note> {
    let mut notes: Vec<&Note> = board
        .notes()
        .iter()
        .filter(|n| board.region_of(n) == Some(region))
        .collect();
    sort_reading_order(&mut notes);
    notes
}

/// Sorts notes in reading order: top to bottom by row, then left to right. A note joins the row
/// of the notes above it when its top is within half a note of the row's first one. Rows are found
/// first, in one pass down the page, so the order is a true order (comparing "is this in the same
/// row" pairwise is not transitive, and the standard sort may panic on such a comparison).
fn sort_reading_order(notes: &mut [&Note]) {
    notes.sort_by(|a, b| a.rect.y.total_cmp(&b.rect.y).then(a.id.cmp(&b.id)));
    let mut rows: Vec<(usize, &Note)> = Vec::with_capacity(notes.len());
    let mut row = 0;
    let mut first: Option<Rect> = None;
    for note in notes.iter() {
        let r = note.rect;
        match first {
            Some(f) if (r.y - f.y).abs() < f.h.min(r.h) / 2.0 => {}
            _ => {
                if first.is_some() {
                    row += 1;
                }
                first = Some(r);
            }
        }
        rows.push((row, note));
    }
    rows.sort_by(|(ra, a), (rb, b)| {
        ra.cmp(rb)
            .then(a.rect.x.total_cmp(&b.rect.x))
            .then(a.id.cmp(&b.id))
    });
    for (slot, (_, note)) in notes.iter_mut().zip(rows) {
        *slot = note;
    }
}

/// The part of a region notes are laid out in: inside a margin, below the title for blocks. A
/// journey cell's margin is half a gap: cells are sized to hold a note each with little around it.
pub fn content_area(board: &Board, region: Region, block_header: f32) -> Rect {
    let r = board.region_rect(region);
    let (top, margin) = match region {
        Region::Block(_) => (block_header, NOTE_GAP),
        Region::Cell { .. } => (NOTE_GAP / 2.0, NOTE_GAP / 2.0),
    };
    Rect::new(
        r.x + margin,
        r.y + top,
        (r.w - 2.0 * margin).max(1.0),
        (r.h - top - margin).max(1.0),
    )
}

/// The top of a block, where its title and question are: notes start a gap below it (see
/// [`content_area`]).
pub fn heading_band(block: Rect, block_header: f32) -> Rect {
    Rect::new(block.x, block.y, block.w, block_header - NOTE_GAP)
}

/// The part of a region a note may cover: all of a journey cell, a block below its heading band.
fn below_heading(board: &Board, region: Region, block_header: f32) -> Rect {
    let r = board.region_rect(region);
    match region {
        Region::Block(_) => {
            let band = heading_band(r, block_header).h.min(r.h);
            Rect::new(r.x, r.y + band, r.w, r.h - band)
        }
        Region::Cell { .. } => r,
    }
}

/// Tidies the notes of one region into a grid, in reading order.
pub fn tidy_region(board: &Board, region: Region, block_header: f32) -> Arranged {
    let notes = notes_in(board, region);
    let (placed, overflow) = flow(&notes, content_area(board, region, block_header));
    Arranged::new(board, placed, overflow)
}

/// Tidies some notes into a grid starting at their bounding box's top-left corner, about as wide
/// as the box (but at least one note wide).
pub fn tidy_notes(board: &Board, ids: &[NoteId]) -> Arranged {
    let mut notes: Vec<&Note> = ids.iter().filter_map(|id| board.note(*id)).collect();
    let Some(bounds) = Rect::bounding(notes.iter().map(|n| &n.rect)) else {
        return Arranged {
            edit: None,
            overflow: 0,
        };
    };
    sort_reading_order(&mut notes);
    let widest = notes.iter().map(|n| n.rect.w).fold(0.0, f32::max);
    let area = Rect::new(bounds.x, bounds.y, bounds.w.max(widest), f32::MAX / 4.0);
    let (placed, overflow) = flow(&notes, area);
    Arranged::new(board, placed, overflow)
}

/// Every block and journey cell.
fn all_regions(board: &Board) -> Vec<Region> {
    let mut regions: Vec<Region> = (0..board.blocks().len()).map(Region::Block).collect();
    if let Some(lane) = board.lane() {
        for stage in 0..lane.stages.len() {
            for row in 0..lane.rows.len() {
                regions.push(Region::Cell { stage, row });
            }
        }
    }
    regions
}

/// Sorts the notes of every block and journey cell by votes (most first, ties in reading order)
/// and lays each region out as a grid: one step for the whole board.
pub fn arrange_by_votes(board: &Board, block_header: f32) -> Arranged {
    let mut updates = Vec::new();
    let mut overflow = 0;
    for region in all_regions(board) {
        let mut notes = notes_in(board, region);
        if notes.is_empty() {
            continue;
        }
        // Stable sort: equal votes keep reading order.
        notes.sort_by_key(|n| std::cmp::Reverse(n.votes));
        let (placed, over) = flow(&notes, content_area(board, region, block_header));
        updates.extend(placed);
        overflow += over;
    }
    Arranged::new(board, updates, overflow)
}

/// Where a new note of `rect`'s size should go near `rect`: wholly inside the block or journey cell
/// its centre is in (below a block's title and question, [`heading_band`], which a room reads off
/// the projector), on top of no other note. That is `rect` moved into its region if it is free
/// there, else the nearest free spot on a grid around it inside the same region; in a full region
/// the nearest free spot with its centre inside; else the spot nudged off the note it covers.
pub fn free_spot(board: &Board, rect: Rect, block_header: f32) -> Rect {
    if let Some(free) = free_near(board, rect, block_header) {
        return free;
    }
    let rect = inside_region(board, rect, block_header);
    let c = rect.center();
    let covered = board
        .notes()
        .iter()
        .rev()
        .find(|n| n.rect.contains(Point::new(c.x, c.y)));
    let nudged = match covered {
        Some(n) => Rect::new(n.rect.x + 24.0, n.rect.y + 24.0, rect.w, rect.h),
        None => rect.translated(24.0, 24.0),
    };
    // A full block: on top of a note then, but still wholly in the block.
    match board.region_at(c) {
        Some(r) => nudged.moved_into(&below_heading(board, r, block_header)),
        None => nudged,
    }
}

/// `rect` moved wholly inside the region its centre is in (below a block's heading).
fn inside_region(board: &Board, rect: Rect, block_header: f32) -> Rect {
    match board.region_at(rect.center()) {
        Some(r) => rect.moved_into(&below_heading(board, r, block_header)),
        None => rect,
    }
}

/// [`free_spot`] without its last resort: `None` when the neighbourhood is full, so a caller can
/// try elsewhere (a journey stage tries its next row).
pub fn free_near(board: &Board, rect: Rect, block_header: f32) -> Option<Rect> {
    // Wholly inside the region if there is room; in a full one, rather over its edge than over
    // the notes in it (a hidden note is lost from sight, a note over an edge is not).
    search(board, rect, block_header, true).or_else(|| search(board, rect, block_header, false))
}

/// The free spot nearest `rect` on a grid of note-sized steps around it, in the same region:
/// wholly inside it when `whole` (steps that would cross its edge stop at it), else with the
/// centre inside.
fn search(board: &Board, rect: Rect, block_header: f32, whole: bool) -> Option<Rect> {
    let region = board.region_at(rect.center());
    let allowed = region.map(|r| below_heading(board, r, block_header));
    let fit = |r: Rect| match allowed {
        Some(area) if whole => r.moved_into(&area),
        _ => r,
    };
    let overlaps = |r: &Rect| {
        board.notes().iter().any(|n| n.rect.intersects(r))
            || board
                .blocks()
                .iter()
                .any(|b| heading_band(b.rect, block_header).intersects(r))
    };
    let fits = |r: &Rect| {
        board.region_at(r.center()) == region
            && (!whole || allowed.is_none_or(|area| area.contains_rect(r)))
            && !overlaps(r)
    };
    let rect = fit(rect);
    if fits(&rect) {
        return Some(rect);
    }
    let (sx, sy) = (rect.w + NOTE_GAP, rect.h + NOTE_GAP);
    for ring in 1..=6i32 {
        let mut best: Option<(i32, Rect)> = None;
        for dy in -ring..=ring {
            for dx in -ring..=ring {
                if dx.abs().max(dy.abs()) != ring {
                    continue;
                }
                let cand = fit(rect.translated(dx as f32 * sx, dy as f32 * sy));
                let d = dx * dx + dy * dy;
                if fits(&cand) && best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, cand));
                }
            }
        }
        if let Some((_, r)) = best {
            return Some(r);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::board::BoardParts;
    use crate::model::region::Block;

    const HEADER: f32 = 100.0;

    /// One 700×620 block at the origin with `n` notes piled at its centre.
    fn piled(n: u64) -> Board {
        let notes = (1..=n)
            .map(|i| {
                let mut note = Note::new(NoteId(i), 250.0 + i as f32, 250.0 + i as f32);
                (note.rect.w, note.rect.h) = (200.0, 120.0);
                note.votes = (i % 4) as u32;
                note
            })
            .collect();
        Board::from_parts(BoardParts {
            blocks: vec![Block {
                key: "b".into(),
                title: "B".into(),
                prompt: "?".into(),
                rect: Rect::new(0.0, 0.0, 700.0, 620.0),
            }],
            notes,
            ..Default::default()
        })
    }

    fn no_overlaps(b: &Board) -> bool {
        let n = b.notes();
        (0..n.len()).all(|i| (i + 1..n.len()).all(|j| !n[i].rect.intersects(&n[j].rect)))
    }

    #[test]
    fn tidy_lays_a_pile_out_in_a_grid_inside_the_block() {
        let mut b = piled(9);
        let arranged = tidy_region(&b, Region::Block(0), HEADER);
        assert_eq!(arranged.overflow, 0);
        b.apply(arranged.edit.unwrap());
        assert!(no_overlaps(&b));
        assert!(
            b.notes()
                .iter()
                .all(|n| b.region_of(n) == Some(Region::Block(0)))
        );
        let first = b.note(NoteId(1)).unwrap().rect;
        assert_eq!((first.x, first.y), (NOTE_GAP, HEADER));
    }

    #[test]
    fn a_full_block_keeps_every_note_inside() {
        let mut b = piled(30);
        let arranged = tidy_region(&b, Region::Block(0), HEADER);
        assert!(arranged.overflow > 0);
        b.apply(arranged.edit.unwrap());
        assert!(
            b.notes()
                .iter()
                .all(|n| b.region_of(n) == Some(Region::Block(0)))
        );
    }

    #[test]
    fn arrange_by_votes_puts_the_most_voted_first() {
        let mut b = piled(8);
        b.apply(arrange_by_votes(&b, HEADER).edit.unwrap());
        let order: Vec<u32> = notes_in(&b, Region::Block(0))
            .iter()
            .map(|n| n.votes)
            .collect();
        assert_eq!(order, [3, 3, 2, 2, 1, 1, 0, 0]);
        assert!(no_overlaps(&b));
    }

    #[test]
    fn reading_order_is_a_true_order_on_any_layout() {
        // Staggered tops that chain "same row" pairwise across the whole block made the old
        // pairwise comparison inconsistent; the sort panicked on a big block.
        let notes: Vec<Note> = (0..5_000u64)
            .map(|i| {
                let jitter = ((i * 7919) % 97) as f32;
                Note::new(
                    NoteId(i + 1),
                    (i % 50) as f32 * 13.0,
                    i as f32 * 1.5 + jitter,
                )
            })
            .collect();
        let mut refs: Vec<&Note> = notes.iter().collect();
        sort_reading_order(&mut refs);
        let mut ids: Vec<u64> = refs.iter().map(|n| n.id.0).collect();
        let first = ids[0];
        ids.sort_unstable();
        assert_eq!(ids, (1..=5_000).collect::<Vec<_>>(), "a permutation");
        assert_eq!(first, 1, "the top note comes first");
    }

    #[test]
    fn tidy_selection_stays_where_it_was() {
        let mut b = piled(4);
        let ids: Vec<NoteId> = (1..=4).map(NoteId).collect();
        b.apply(tidy_notes(&b, &ids).edit.unwrap());
        assert!(no_overlaps(&b));
        assert_eq!(tidy_notes(&b, &ids).edit, None, "already tidy");
        let first = b.note(NoteId(1)).unwrap().rect;
        assert_eq!((first.x, first.y), (251.0, 251.0));
    }

    #[test]
    fn a_new_note_asked_for_across_a_block_edge_lands_inside_the_block() {
        let b = piled(0);
        let block = b.blocks()[0].rect;
        for (x, y) in [
            (block.right() - 150.0, 300.0),
            (-70.0, 400.0),
            (300.0, block.bottom() - 100.0),
        ] {
            let wanted = Rect::new(x, y, 200.0, 120.0);
            let spot = free_spot(&b, wanted, HEADER);
            assert!(block.contains_rect(&spot), "{wanted:?} → {spot:?}");
        }
    }

    #[test]
    fn a_new_note_finds_room_next_to_others() {
        let b = piled(1);
        let occupied = b.note(NoteId(1)).unwrap().rect;
        let spot = free_spot(&b, occupied, HEADER);
        assert!(!spot.intersects(&occupied));
        assert_eq!(b.region_at(spot.center()), Some(Region::Block(0)));
        let free = Rect::new(10.0, HEADER, 100.0, 100.0);
        assert_eq!(free_spot(&b, free, HEADER), free);
    }

    #[test]
    fn a_new_note_leaves_the_block_title_and_question_readable() {
        let b = piled(0);
        let on_title = Rect::new(300.0, 10.0, 200.0, 120.0);
        let spot = free_spot(&b, on_title, HEADER);
        assert_eq!(b.region_at(spot.center()), Some(Region::Block(0)));
        assert!(spot.y >= HEADER - NOTE_GAP, "below the heading: {spot:?}");
        assert_eq!(spot.x, on_title.x, "straight below where it was wanted");
    }
}
