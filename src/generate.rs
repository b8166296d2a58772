//! Large boards for benchmarks and stress tests: `tandem new --fill N` spreads N notes with
//! workshop-like text over a template's blocks and journey cells, `--flows M` joins them with M
//! flows. The same numbers always give the same board.

use crate::design::size::BLOCK_HEADER;
use crate::model::arrange::content_area;
use crate::model::ops::NOTE_GAP;
use crate::model::partner::PARTNER_COLORS;
use crate::model::{
    Board, BoardParts, Flow, FlowDirection, FlowId, Note, NoteColor, NoteId, Partner, PartnerId,
    Rect, Region,
};

/// A small, fixed pseudo-random sequence (xorshift64*), so generated boards are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

const WORDS: &[&str] = &[
    "riders",
    "music",
    "playlist",
    "account",
    "linking",
    "in-app",
    "controls",
    "drivers",
    "launch",
    "campaign",
    "listening",
    "hours",
    "sign-ups",
    "recipes",
    "delivery",
    "within",
    "the",
    "hour",
    "ingredients",
    "customers",
    "discover",
    "choose",
    "use",
    "finish",
    "partner",
    "channel",
    "marketing",
    "appliance",
    "coffee",
    "capsules",
    "joint",
    "experiment",
    "pilot",
    "city",
    "weeks",
    "data",
    "sharing",
    "revenue",
    "split",
    "loyalty",
    "points",
    "onboarding",
    "trial",
    "offer",
    "premium",
    "bundle",
    "API",
    "integration",
    "support",
    "feedback",
    "survey",
    "retention",
    "a",
    "for",
    "with",
    "our",
    "their",
    "every",
    "new",
    "shared",
    "faster",
    "better",
];

const PARTNER_NAMES: [&str; 4] = ["Uber", "Spotify", "Instacart", "Yummly"];

/// `board` with `n` notes added in its blocks and journey cells, in turn, each note inside the
/// part of its region notes are laid out in (its centre, where that is smaller than a note). Texts run from 2 to 14 words; about a third of the notes are tagged with one of
/// four partners (added to the board if it has none) and about a tenth carry votes.
pub fn fill(board: &Board, n: usize) -> Board {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ n as u64);
    let mut parts: BoardParts = board.parts().clone();
    if parts.partners.is_empty() {
        parts.partners = PARTNER_NAMES
            .iter()
            .enumerate()
            .map(|(i, name)| Partner {
                id: PartnerId(i as u64 + 1),
                name: (*name).to_owned(),
                color: PARTNER_COLORS[i],
            })
            .collect();
    }
    // Where notes go in each block and journey cell: under a block's title, as people put them.
    let template = Board::from_parts(parts.clone());
    let mut regions: Vec<Rect> = (0..parts.blocks.len())
        .map(|i| content_area(&template, Region::Block(i), BLOCK_HEADER))
        .collect();
    if let Some(lane) = &parts.lane {
        for stage in 0..lane.stages.len() {
            for row in 0..lane.rows.len() {
                regions.push(content_area(
                    &template,
                    Region::Cell { stage, row },
                    BLOCK_HEADER,
                ));
            }
        }
    }
    if regions.is_empty() {
        // A blank board: one region around the origin, large enough to spread the notes.
        let side = (n as f32).sqrt().ceil() * (Note::DEFAULT_WIDTH + NOTE_GAP);
        regions.push(Rect::new(0.0, 0.0, side.max(1.0), side.max(1.0)));
    }
    let first_id = parts.notes.iter().map(|n| n.id.0).max().unwrap_or(0) + 1;
    for k in 0..n {
        let area = regions[k % regions.len()];
        let words = 2 + rng.below(13);
        let text: Vec<&str> = (0..words).map(|_| WORDS[rng.below(WORDS.len())]).collect();
        let mut text = text.join(" ");
        if let Some(first) = text.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        let (w, h) = (Note::DEFAULT_WIDTH, Note::DEFAULT_HEIGHT);
        // Anywhere the whole note stays inside the area; in an area smaller than a note, centred
        // anywhere inside it, so it still belongs to its region.
        let place = |start: f32, len: f32, size: f32, u: f32| {
            if len >= size {
                start + size / 2.0 + (len - size) * u
            } else {
                start + len * (0.05 + 0.9 * u)
            }
        };
        let cx = place(area.x, area.w, w, rng.unit());
        let cy = place(area.y, area.h, h, rng.unit());
        let tagged = rng.below(3) == 0;
        parts.notes.push(Note {
            id: NoteId(first_id + k as u64),
            text,
            rect: Rect::new(cx - w / 2.0, cy - h / 2.0, w, h),
            color: NoteColor::ALL[rng.below(NoteColor::ALL.len())],
            partner: tagged.then(|| parts.partners[rng.below(parts.partners.len())].id),
            votes: if rng.below(10) == 0 {
                1 + rng.below(5) as u32
            } else {
                0
            },
            author: None,
            face_down: false,
        });
    }
    Board::from_parts(parts)
}

const FLOW_LABELS: [&str; 6] = [
    "playlists",
    "ride data",
    "revenue share",
    "riders",
    "in-car API",
    "listening hours",
];

/// `board` with `m` flows added between its notes, as in a busy workshop: most join two notes of
/// the same region (`fill` puts note `i` and note `i + regions` in one), one in five reaches the
/// next region; kinds take turns, a quarter go both ways, a third are labelled. A board with fewer
/// than two notes gets none.
pub fn add_flows(board: &Board, m: usize) -> Board {
    let mut parts: BoardParts = board.parts().clone();
    let n = parts.notes.len();
    if n < 2 {
        return Board::from_parts(parts);
    }
    let regions = parts.blocks.len()
        + parts
            .lane
            .as_ref()
            .map_or(0, |l| l.stages.len() * l.rows.len());
    let first_id = parts.flows.iter().map(|f| f.id.0).max().unwrap_or(0) + 1;
    let kinds: Vec<_> = parts.flow_kinds.iter().map(|k| k.id).collect();
    for k in 0..m {
        let from = (k * 2) % n;
        let step = if k % 5 == 4 { 1 } else { regions.max(1) };
        let to = match (from + step) % n {
            t if t == from => (from + 1) % n,
            t => t,
        };
        parts.flows.push(Flow {
            id: FlowId(first_id + k as u64),
            from: parts.notes[from].id,
            to: parts.notes[to].id,
            direction: if k % 4 == 3 {
                FlowDirection::BothWays
            } else {
                FlowDirection::OneWay
            },
            label: if k % 3 == 0 {
                FLOW_LABELS[k % FLOW_LABELS.len()].to_owned()
            } else {
                String::new()
            },
            kind: (!kinds.is_empty()).then(|| kinds[k % kinds.len()]),
        });
    }
    Board::from_parts(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Template;

    #[test]
    fn add_flows_joins_notes_of_the_same_region_mostly() {
        let base = fill(&Template::Partnership.board(), 1000);
        let b = add_flows(&base, 500);
        assert_eq!(b, add_flows(&base, 500));
        assert_eq!(b.flows().len(), 500, "every flow joins two notes");
        let region = |id| b.note(id).and_then(|n| b.region_of(n));
        let same = b
            .flows()
            .iter()
            .filter(|f| region(f.from) == region(f.to))
            .count();
        assert_eq!(same, 400);
        assert!(
            b.flows()
                .iter()
                .any(|f| f.direction == FlowDirection::BothWays)
        );
        assert!(b.flows().iter().any(|f| !f.label.is_empty()));
        assert!(add_flows(&Template::Blank.board(), 10).flows().is_empty());
    }

    #[test]
    fn fill_is_deterministic_and_puts_every_note_in_a_region() {
        let base = Template::Partnership.board();
        let a = fill(&base, 500);
        assert_eq!(a, fill(&base, 500));
        assert_eq!(a.notes().len(), 500);
        assert!(a.notes().iter().all(|n| a.region_of(n).is_some()));
        assert!(a.notes().iter().any(|n| n.partner.is_some()));
        assert!(a.notes().iter().any(|n| n.votes > 0));
        let words: Vec<usize> = a
            .notes()
            .iter()
            .map(|n| n.text.split(' ').count())
            .collect();
        assert!(words.iter().all(|w| (2..=14).contains(w)));
        assert_ne!(
            fill(&base, 501).notes()[0].text,
            "",
            "texts are never empty"
        );
    }

    #[test]
    fn a_blank_board_gets_one_area() {
        let b = fill(&Template::Blank.board(), 100);
        assert_eq!(b.notes().len(), 100);
    }
}
