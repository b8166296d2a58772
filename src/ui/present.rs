//! Presentation mode: the board alone on the screen, stepped through block by block and stage by
//! stage, with the current block's question in large type and an optional spotlight.

use eframe::egui::{self, Color32, FontId, pos2};

use crate::model::{self, Board};
use crate::ui::fonts;
use crate::ui::style::{Palette, canvas_size};
use crate::ui::timer::{self, Phase, Timer};

/// A place the presentation stops at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    Block(usize),
    Stage(usize),
    /// The notes joined by flows, with what each partner gives and gets beside them.
    Flows,
    Whole,
}

/// The tour: every block in order, then each journey stage, then what flows where (when the board
/// has flows), then the whole board.
pub fn stops(board: &Board) -> Vec<Stop> {
    let stages = board.lane().map_or(0, |l| l.stages.len());
    let flows = (!board.flows().is_empty()).then_some(Stop::Flows);
    (0..board.blocks().len())
        .map(Stop::Block)
        .chain((0..stages).map(Stop::Stage))
        .chain(flows)
        .chain(std::iter::once(Stop::Whole))
        .collect()
}

/// The notes that flows join.
fn flows_area(board: &Board) -> Option<model::Rect> {
    let ends = board.flows().iter().flat_map(|f| [f.from, f.to]);
    let rects: Vec<model::Rect> = ends
        .filter_map(|id| board.note(id))
        .map(|n| n.rect)
        .collect();
    model::Rect::bounding(&rects)
}

impl Stop {
    /// The board area shown at this stop.
    pub fn area(self, board: &Board) -> Option<model::Rect> {
        match self {
            Stop::Block(i) => board.blocks().get(i).map(|b| b.rect),
            Stop::Stage(i) => board
                .lane()
                .filter(|l| i < l.stages.len())
                .map(|l| l.track_rect(model::Axis::Stage, i)),
            Stop::Flows => flows_area(board),
            Stop::Whole => board.bounds(),
        }
    }

    /// What the camera frames at this stop: for a block, the part under its title where the notes
    /// are (the heading band shows the title and question larger), so notes come out as large as
    /// the screen allows.
    pub fn view_area(self, board: &Board) -> Option<model::Rect> {
        let area = self.area(board)?;
        Some(match self {
            Stop::Block(_) => {
                let heading = model::arrange::heading_band(area, canvas_size::BLOCK_HEADER);
                let cut = heading.h.min(area.h / 2.0);
                model::Rect::new(area.x, area.y + cut, area.w, area.h - cut)
            }
            _ => area,
        })
    }

    /// Title and question shown large at this stop.
    pub fn heading(self, board: &Board) -> (String, String) {
        match self {
            Stop::Block(i) => board
                .blocks()
                .get(i)
                .map(|b| (b.title.clone(), b.prompt.clone()))
                .unwrap_or_default(),
            Stop::Stage(i) => {
                let name = board
                    .lane()
                    .and_then(|l| l.stages.get(i))
                    .map(|s| s.name.clone())
                    .unwrap_or_default();
                (
                    format!("{name}: customer journey"),
                    "Where can a partner add to or deepen our customers' experience here?"
                        .to_owned(),
                )
            }
            Stop::Flows => (
                "What flows where".to_owned(),
                "How does value flow between us? What does each partner give, and what does it get?"
                    .to_owned(),
            ),
            Stop::Whole => (board.title().to_owned(), String::new()),
        }
    }
}

/// Presentation state.
#[derive(Clone, Debug, PartialEq)]
pub struct Presentation {
    /// Index into `stops`, once the presenter has stepped.
    pub at: Option<usize>,
    pub spotlight: bool,
    /// When presenting began (egui time), for the key hint that fades after a few seconds.
    pub since: f64,
    /// The view before presenting, to come back to.
    pub return_to: crate::ui::view::View,
}

/// How long the key hint stays after entering presentation mode.
pub const HINT_SECONDS: f64 = 6.0;

impl Presentation {
    pub fn new(now: f64, return_to: crate::ui::view::View) -> Self {
        Self {
            at: None,
            spotlight: false,
            since: now,
            return_to,
        }
    }

    pub fn current(&self, board: &Board) -> Option<Stop> {
        self.at.and_then(|i| stops(board).get(i).copied())
    }

    /// Steps forward (`+1`) or back (`-1`); from the start, forward goes to the first stop and back
    /// to the last. Returns the new stop.
    pub fn step(&mut self, board: &Board, by: i32) -> Option<Stop> {
        let n = stops(board).len() as i32;
        let next = match self.at {
            None if by > 0 => 0,
            None => n - 1,
            Some(i) => (i as i32 + by).clamp(0, n - 1),
        };
        self.at = Some(next as usize);
        self.current(board)
    }

    /// Goes to the first stop, or to the `last` (the whole board).
    pub fn go_to_end(&mut self, board: &Board, last: bool) -> Option<Stop> {
        let n = stops(board).len();
        self.at = Some(if last { n.saturating_sub(1) } else { 0 });
        self.current(board)
    }

    /// Keeps the current stop on the tour after the board changed (a stage removed, say).
    pub fn keep_within(&mut self, board: &Board) {
        let n = stops(board).len();
        if let Some(at) = &mut self.at
            && *at >= n
        {
            *at = n.saturating_sub(1);
        }
    }

    /// Jumps to block `i` (0-based), if there is one.
    pub fn jump_to_block(&mut self, board: &Board, i: usize) -> Option<Stop> {
        let at = stops(board).iter().position(|s| *s == Stop::Block(i))?;
        self.at = Some(at);
        self.current(board)
    }
}

/// How large the presentation's text is on this screen, as a factor of its size on a 1080p one: a
/// projector shows a 720p and a 1080p picture at the same size on the wall, so text scales with
/// the screen's height.
pub fn screen_scale(ctx: &egui::Context) -> f32 {
    (ctx.content_rect().height() / 1080.0).clamp(0.5, 2.0)
}

const KEYS: &str = "→ / ← next and previous   ·   1–9 go to block   ·   S spotlight   ·   T timer   ·   V vote   ·   L partner lens   ·   Esc leave";
const KEYS_SHORT: &str = "→ next   ·   ← back   ·   Esc leave";

/// The heading band across the top of the screen, as tall as its text: the current stop's title
/// and question large, the timer when it runs, and for a few seconds after presenting starts
/// (`hint`) the keys, beside the title where they cover nothing.
pub fn band(
    ui: &mut egui::Ui,
    board: &Board,
    stop: Option<Stop>,
    palette: &Palette,
    timer_text: Option<(String, Color32)>,
    hint: bool,
) {
    let k = screen_scale(ui.ctx());
    let (pad, side) = (14.0 * k, 28.0 * k);
    let width = ui.ctx().content_rect().width();
    let painter = ui.painter().clone();
    let timer = timer_text
        .map(|(text, color)| painter.layout_no_wrap(text, FontId::monospace(48.0 * k), color));
    let timer_w = timer.as_ref().map_or(0.0, |g| g.size().x + side);
    let wrap = (width - 2.0 * side - timer_w).max(100.0);
    let (title, prompt) = stop.unwrap_or(Stop::Whole).heading(board);
    let title = painter.layout(title, fonts::title(44.0 * k), palette.title, wrap);
    let prompt = (!prompt.is_empty())
        .then(|| painter.layout(prompt, FontId::proportional(26.0 * k), palette.prompt, wrap));
    let text_h = title.size().y + prompt.as_ref().map_or(0.0, |g| 4.0 * k + g.size().y);
    // Whole pixels: egui lays panels out on them.
    let height = (2.0 * pad + text_h).round();
    egui::Panel::top("present-band")
        .exact_size(height)
        .resizable(false)
        .show_separator_line(false)
        .frame(egui::Frame::NONE.fill(palette.background))
        .show(ui, |ui| {
            let band = ui.max_rect();
            let painter = ui.painter();
            painter.line_segment(
                [band.left_bottom(), band.right_bottom()],
                palette.block_border,
            );
            let title_pos = pos2(band.left() + side, band.top() + pad);
            let title_end = title_pos.x + title.size().x;
            let title_mid = title_pos.y + title.size().y / 2.0;
            painter.galley(title_pos, title, palette.title);
            if let Some(g) = prompt {
                painter.galley(
                    pos2(band.left() + side, band.bottom() - pad - g.size().y),
                    g,
                    palette.prompt,
                );
            }
            let right = band.right() - side;
            if let Some(g) = timer {
                let pos = pos2(right - g.size().x, band.center().y - g.size().y / 2.0);
                painter.galley(pos, g, palette.title);
            }
            if hint {
                let room = right - timer_w - title_end - side;
                let font = FontId::proportional(18.0 * k);
                let fits = [KEYS, KEYS_SHORT]
                    .map(|t| painter.layout_no_wrap(t.to_owned(), font.clone(), palette.prompt))
                    .into_iter()
                    .find(|g| g.size().x <= room);
                if let Some(g) = fits {
                    let pos = pos2(right - timer_w - g.size().x, title_mid - g.size().y / 2.0);
                    painter.galley(pos, g, palette.prompt);
                }
            }
        });
}

/// The timer's text and colour: red once time is up, flashing for a while.
pub fn timer_display(
    t: &Timer,
    now: std::time::Instant,
    time: f64,
    normal: Color32,
) -> (String, Color32) {
    const ALARM: Color32 = Color32::from_rgb(0xE0, 0x1B, 0x24);
    let text = timer::format(t.left(now));
    match t.phase(now) {
        Phase::Up { over } if over < timer::FLASH_FOR => {
            // Alternate every quarter second between alarm red and a pale red.
            let on = (time * 4.0) as i64 % 2 == 0;
            (
                format!("{text} Time's up"),
                if on {
                    ALARM
                } else {
                    ALARM.gamma_multiply(0.35)
                },
            )
        }
        Phase::Up { .. } => (format!("{text} Time's up"), ALARM),
        Phase::Paused => (format!("{text} paused"), normal.gamma_multiply(0.7)),
        _ => (text, normal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::example_board as example;

    #[test]
    fn the_tour_goes_through_blocks_then_stages_then_flows_then_the_whole_board() {
        let mut board = example();
        let s = stops(&board);
        assert_eq!(s.len(), 8 + 4 + 1 + 1);
        assert_eq!(s[0], Stop::Block(0));
        assert_eq!(s[8], Stop::Stage(0));
        assert_eq!(s[12], Stop::Flows);
        assert_eq!(*s.last().unwrap(), Stop::Whole);
        let flows_area = Stop::Flows.area(&board).unwrap();
        for f in board.flows() {
            for id in [f.from, f.to] {
                let r = board.note(id).unwrap().rect;
                assert!(
                    flows_area.union(&r) == flows_area,
                    "the stop shows every flow"
                );
            }
        }
        let all: Vec<_> = board.flows().iter().map(|f| f.id).collect();
        board.apply(crate::model::Edit::RemoveFlows(all));
        assert!(!stops(&board).contains(&Stop::Flows), "no flows, no stop");
        let board = example();
        let mut p = Presentation::new(0.0, crate::ui::view::View::default());
        assert_eq!(p.step(&board, 1), Some(Stop::Block(0)));
        assert_eq!(
            p.step(&board, -1),
            Some(Stop::Block(0)),
            "no step before the first"
        );
        for _ in 0..20 {
            p.step(&board, 1);
        }
        assert_eq!(
            p.current(&board),
            Some(Stop::Whole),
            "no step past the last"
        );
        assert_eq!(p.jump_to_block(&board, 3), Some(Stop::Block(3)));
        assert_eq!(p.jump_to_block(&board, 8), None);
        assert_eq!(Stop::Block(2).heading(&board).0, "Desired value");
        assert!(Stop::Stage(0).heading(&board).0.starts_with("Discover"));
    }
}
