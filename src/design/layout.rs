//! Where the board's own texts go: block titles and questions, and the journey lane's headers.
//! Each is fitted to its place like note text ([`super::fit`]), so a long name is set smaller
//! instead of being broken inside a word or running over a line. The window and the exporters draw
//! from these, each with its own measure of Inter.

use super::fit::{Fitted, Measure, SizeRange, fit};
use super::size;
use crate::model::{Block, Board, Lane, Point, Rect};

/// How a run of lines is placed across.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Across {
    /// From this left edge.
    Left(f32),
    /// Each line centred on this x.
    Center(f32),
}

/// Where a run of lines goes: `top` is the first line's top, in canvas units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct At {
    pub across: Across,
    pub top: f32,
}

/// Fitted lines and where they go.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub text: Fitted,
    pub at: At,
}

/// Where a note's fitted text goes: centred in the space [`fit_note`](super::fit::fit_note)
/// fitted it to, each line centred, as on a sticky note.
pub fn note_text_at(note: &Rect, tagged: bool, text: &Fitted, m: &dyn Measure) -> At {
    let (w, h) = super::fit::note_text_box((note.w, note.h), tagged);
    let pad = size::NOTE_PADDING;
    let height = text.lines.len() as f32 * m.line_height(text.size);
    At {
        across: Across::Center(note.x + pad + w / 2.0),
        top: note.y + pad + (h - height).max(0.0) / 2.0,
    }
}

/// A flow's label set for its pill: one size, at most [`size::FLOW_LABEL_LINES`] lines broken
/// between words like note text (a word too wide for a line sets the label smaller, a longer
/// label ends in `…`). Where the flow runs does not change it, so the window keeps it between
/// frames; the window and the SVG both set labels with this.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowLabel {
    pub text: Fitted,
    /// The pill's size, padding included, in canvas units.
    pub w: f32,
    pub h: f32,
}

impl FlowLabel {
    pub fn new(label: &str, m: &dyn Measure) -> FlowLabel {
        let font = size::FLOW_LABEL_FONT;
        let range = SizeRange {
            min: font,
            max: font,
        };
        let height = size::FLOW_LABEL_LINES * m.line_height(font);
        let text = fit(label, size::FLOW_LABEL_WRAP, height, range, m);
        let (w, h) = text.extent(m);
        let pad = size::FLOW_LABEL_PADDING;
        FlowLabel {
            text,
            w: w + 4.0 * pad,
            h: h + 2.0 * pad,
        }
    }

    /// The pill centred on `center`, and where its lines go.
    pub fn place(&self, center: Point) -> (Rect, At) {
        let pill = Rect::new(
            center.x - self.w / 2.0,
            center.y - self.h / 2.0,
            self.w,
            self.h,
        );
        let at = At {
            across: Across::Center(center.x),
            top: pill.y + size::FLOW_LABEL_PADDING,
        };
        (pill, at)
    }
}

const BLOCK_TITLE: SizeRange = SizeRange {
    min: 16.0,
    max: size::BLOCK_TITLE_FONT,
};
/// An empty block shows its question larger than its title's second line would be: it is what
/// the block asks the room.
const BLOCK_PROMPT: SizeRange = SizeRange {
    min: 14.0,
    max: 22.0,
};
const LANE_TITLE: SizeRange = SizeRange {
    min: 12.0,
    max: size::LANE_TITLE_FONT,
};
const LANE_HEADER: SizeRange = SizeRange {
    min: 12.0,
    max: size::LANE_HEADER_FONT,
};

/// A block's title on one line at the top left, in the title face (`m` measures it).
pub fn block_title(block: &Block, m: &dyn Measure) -> Placed {
    let r = block.rect;
    let pad = size::BLOCK_PADDING;
    let line = m.line_height(size::BLOCK_TITLE_FONT);
    Placed {
        text: fit(&block.title, r.w - 2.0 * pad, line, BLOCK_TITLE, m),
        at: At {
            across: Across::Left(r.x + pad),
            top: r.y + pad,
        },
    }
}

/// A block's question under its title, where the notes go, so an empty block asks it and notes
/// may cover it: `None` once any note lies over it (or it is empty).
pub fn block_prompt(board: &Board, block: &Block, m: &dyn Measure) -> Option<Placed> {
    if block.prompt.trim().is_empty() {
        return None;
    }
    let r = block.rect;
    let pad = size::BLOCK_PADDING;
    let top = r.y + size::BLOCK_HEADER - crate::model::ops::NOTE_GAP + 4.0;
    let (w, h) = (r.w - 2.0 * pad, r.bottom() - pad - top);
    let text = fit(&block.prompt, w, h, BLOCK_PROMPT, m);
    let (widest, height) = text.extent(m);
    let area = Rect::new(r.x + pad, top, widest, height);
    if board.notes().iter().any(|n| n.rect.intersects(&area)) {
        return None;
    }
    Some(Placed {
        text,
        at: At {
            across: Across::Left(r.x + pad),
            top,
        },
    })
}

/// The lane's title, stage names and row names, each fitted to its header cell: centred in the
/// corner and above the stages, from the left beside the rows.
pub fn lane_headers(lane: &Lane, m: &dyn Measure) -> Vec<Placed> {
    let corner = Rect::new(
        lane.origin.x,
        lane.origin.y,
        lane.label_width,
        lane.header_height,
    );
    let mut out = vec![header(&lane.title, corner, true, LANE_TITLE, m)];
    for (i, stage) in lane.stages.iter().enumerate() {
        out.push(header(
            &stage.name,
            lane.stage_header_rect(i),
            true,
            LANE_HEADER,
            m,
        ));
    }
    for (i, row) in lane.rows.iter().enumerate() {
        out.push(header(
            &row.name,
            lane.row_header_rect(i),
            false,
            LANE_HEADER,
            m,
        ));
    }
    out
}

/// `text` fitted inside `cell` less its padding, centred top to bottom.
fn header(text: &str, cell: Rect, centred: bool, range: SizeRange, m: &dyn Measure) -> Placed {
    let pad = size::BLOCK_PADDING;
    let (w, h) = (cell.w - 2.0 * pad, cell.h - pad);
    let text = fit(text, w, h, range, m);
    let height = text.lines.len() as f32 * m.line_height(text.size);
    let across = if centred {
        Across::Center(cell.center().x)
    } else {
        Across::Left(cell.x + pad)
    };
    Placed {
        at: At {
            across,
            top: cell.center().y - height / 2.0,
        },
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Template;
    use crate::model::{Note, NoteId};

    use crate::design::fit::Mono;

    #[test]
    fn an_empty_block_asks_its_question_until_a_note_covers_it() {
        let mut board = Template::Partnership.board();
        let block = board.blocks()[0].clone();
        let title = block_title(&block, &Mono);
        assert_eq!(title.text.lines, std::slice::from_ref(&block.title));
        let prompt = block_prompt(&board, &block, &Mono).expect("an empty block asks");
        assert!(prompt.at.top >= title.at.top + Mono.line_height(title.text.size));
        assert!(!prompt.text.clipped);
        let mut parts = board.parts().clone();
        let spot = Rect::new(block.rect.x + 20.0, prompt.at.top, 100.0, 100.0);
        let mut note = Note::new(NoteId(1), spot.x, spot.y);
        note.rect = spot;
        parts.notes.push(note);
        board = Board::from_parts(parts);
        assert_eq!(block_prompt(&board, &block, &Mono), None);
    }

    #[test]
    fn a_long_name_is_set_smaller_not_broken() {
        let mut lane = Template::Partnership.board().lane().unwrap().clone();
        let name = "Extraordinarily".repeat(2);
        lane.stages[0].name = name.clone();
        let placed = lane_headers(&lane, &Mono);
        let stage = &placed[1];
        assert_eq!(stage.text.lines, [name]);
        assert!(stage.text.size < size::LANE_HEADER_FONT);
        let cell = lane.stage_header_rect(0);
        assert!(Mono.width(&stage.text.lines[0], stage.text.size) <= cell.w);
    }

    #[test]
    fn a_flow_label_is_centred_on_its_pill_and_a_long_one_ends_in_an_ellipsis() {
        // Mono sets a character half as wide as the font is high.
        let short = FlowLabel::new("in-car API", &Mono);
        assert_eq!(short.text.lines, ["in-car API"]);
        assert_eq!(short.text.size, size::FLOW_LABEL_FONT);
        let text_width = Mono.width("in-car API", size::FLOW_LABEL_FONT);
        assert_eq!(text_width, 10.0 * size::FLOW_LABEL_FONT / 2.0);
        assert_eq!(short.w, text_width + 4.0 * size::FLOW_LABEL_PADDING);
        let (pill, at) = short.place(Point::new(100.0, 50.0));
        let c = pill.center();
        assert!((c.x - 100.0).abs() < 0.01 && (c.y - 50.0).abs() < 0.01);
        assert_eq!(at.across, Across::Center(100.0));
        assert_eq!(at.top, pill.y + size::FLOW_LABEL_PADDING);
        let long = FlowLabel::new(&"listening data ".repeat(40), &Mono);
        let lines = &long.text.lines;
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(long.text.clipped && lines[2].ends_with('…'));
        assert!(long.w <= size::FLOW_LABEL_WRAP + 4.0 * size::FLOW_LABEL_PADDING);
    }
}
