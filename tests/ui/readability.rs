//! The board read from the back of a room: note text sizes on screen at the whole-board views and
//! at every presentation stop, on 1080p and 720p screens, words never broken, and nothing over the
//! notes. Sizes are those painted in the last frame.

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;

use crate::ui_support::*;
use tandem::io::{Template, read_board};
use tandem::model::arrange::notes_in;
use tandem::model::{Board, Region};
use tandem::ui::TandemApp;
use tandem::ui::action::Action;
use tandem::ui::dialogs::ScriptedDialogs;
use tandem::ui::present::Stop;

const FULL_HD: egui::Vec2 = egui::vec2(1920.0, 1080.0);
const HD: egui::Vec2 = egui::vec2(1280.0, 720.0);

fn example_board() -> Board {
    read_board(EXAMPLE).unwrap().board
}

/// What `tandem new --fill 50` writes.
fn fifty_notes() -> Board {
    tandem::generate::fill(&Template::Partnership.board(), 50)
}

fn on_screen(board: Board, size: egui::Vec2) -> Harness<'static, TandemApp> {
    let app = TandemApp::with_dialogs(board, None, Box::new(ScriptedDialogs::default()));
    harness_sized(app, size)
}

/// Lets the camera's flight end.
fn settle(h: &mut Harness<'_, TandemApp>) {
    h.run_steps(40);
}

/// The whole board as a facilitator shows it: presenting (F5), or Ctrl+0 with the side panel
/// hidden.
fn whole_board(board: Board, size: egui::Vec2, presenting: bool) -> Harness<'static, TandemApp> {
    let mut h = on_screen(board, size);
    if presenting {
        h.press(Modifiers::NONE, Key::F5);
    } else {
        h.press(CMD, Key::Backslash);
        h.press(CMD, Key::Num0);
    }
    settle(&mut h);
    h
}

/// The size note text is drawn at, for every note (under other notes too), checked against what
/// was painted for the notes that show.
fn text_sizes(h: &mut Harness<'_, TandemApp>) -> Vec<(String, f32)> {
    let board = h.state().doc().board().clone();
    let ctx = h.ctx.clone();
    board
        .notes()
        .iter()
        .map(|n| {
            let px = h.state_mut().text_px(&ctx, n.id).unwrap_or(0.0);
            if let Some(painted) = painted_text_of(h, n.id) {
                assert_eq!(painted.px, px, "{:?} is painted as measured", n.text);
            }
            (n.text.clone(), px)
        })
        .collect()
}

fn assert_all_at_least(h: &mut Harness<'_, TandemApp>, px: f32, what: &str) {
    let sizes = text_sizes(h);
    let smallest = sizes.iter().map(|s| s.1).fold(f32::MAX, f32::min);
    let small: Vec<_> = sizes.iter().filter(|s| s.1 < px).collect();
    assert!(small.is_empty(), "{what}: under {px} px: {small:?}");
    eprintln!("{what}: smallest note text {smallest} px");
}

/// The board's outline on screen covers at least 90 % of the screen's width or height.
fn assert_fills_the_screen(h: &Harness<'_, TandemApp>, size: egui::Vec2, what: &str) {
    let c = h.state().canvas();
    let bounds = c.rect_to_screen(&h.state().doc().board().bounds().unwrap());
    let used = (bounds.width() / size.x).max(bounds.height() / size.y);
    assert!(used >= 0.9, "{what}: the board uses {:.0} %", used * 100.0);
    assert!(
        c.area.expand(0.5).contains_rect(bounds),
        "{what}: all of it in view"
    );
}

#[test]
fn the_example_reads_at_18_px_on_1080p_and_14_px_on_720p_whole() {
    for (size, px) in [(FULL_HD, 18.0), (HD, 14.0)] {
        for presenting in [true, false] {
            let what = format!("example, {size:?}, presenting: {presenting}");
            let mut h = whole_board(example_board(), size, presenting);
            assert_fills_the_screen(&h, size, &what);
            assert_all_at_least(&mut h, px, &what);
        }
    }
}

#[test]
fn fifty_notes_read_at_18_px_on_1080p_whole() {
    for presenting in [true, false] {
        let what = format!("50 notes, presenting: {presenting}");
        let mut h = whole_board(fifty_notes(), FULL_HD, presenting);
        assert_fills_the_screen(&h, FULL_HD, &what);
        assert_all_at_least(&mut h, 18.0, &what);
    }
}

/// Every row of text painted on a note is made of whole words of its text; only a row cut short
/// may end in `…`. Returns how many notes were checked.
fn assert_no_word_broken(h: &Harness<'_, TandemApp>, what: &str) -> usize {
    let board = h.state().doc().board();
    let mut seen = 0;
    for note in board.notes() {
        let Some(painted) = painted_text_of(h, note.id) else {
            continue;
        };
        seen += 1;
        let words: Vec<&str> = note.text.split_whitespace().collect();
        for row in &painted.rows {
            for word in row.split_whitespace() {
                let whole = words.contains(&word);
                let cut = word
                    .strip_suffix('…')
                    .is_some_and(|w| words.iter().any(|full| full.starts_with(w)));
                assert!(whole || cut, "{what}: {word:?} of {:?}", note.text);
            }
        }
    }
    seen
}

#[test]
fn no_word_is_broken_inside() {
    for (board, size) in [
        (example_board(), FULL_HD),
        (example_board(), HD),
        (fifty_notes(), FULL_HD),
    ] {
        let what = format!("{} notes on {size:?}", board.notes().len());
        let h = whole_board(board, size, true);
        let seen = assert_no_word_broken(&h, &what);
        assert!(
            seen > h.state().doc().board().notes().len() / 2,
            "{what}: {seen} seen"
        );
    }
    // A word too long for its note at the smallest size is set smaller, still whole.
    let mut board = example_board();
    let mut parts = board.parts().clone();
    parts.notes[0].text = "Connectivity differentiates partnerships".into();
    parts.notes[0].rect.w = 140.0;
    board = Board::from_parts(parts);
    let id = board.notes()[0].id;
    let mut h = on_screen(board, HD);
    let area = h.state().doc().board().note(id).unwrap().rect;
    h.state_mut().send(Action::ZoomTo(area));
    settle(&mut h);
    let painted = painted_text_of(&h, id).unwrap();
    assert!(
        painted.rows.contains(&"differentiates".to_owned()),
        "{painted:?}"
    );
    assert_eq!(assert_no_word_broken(&h, "a narrow note"), 1);
}

/// Steps the presentation to `stop` from its start.
fn present_at(h: &mut Harness<'_, TandemApp>, stop: Stop) {
    let stops = tandem::ui::present::stops(h.state().doc().board());
    let at = stops.iter().position(|s| *s == stop).unwrap();
    h.press(Modifiers::NONE, Key::F5);
    for _ in 0..=at {
        h.press(Modifiers::NONE, Key::ArrowRight);
    }
    settle(h);
}

/// Returns the smallest size found.
fn assert_notes_at_least(h: &Harness<'_, TandemApp>, region: Region, px: f32) -> f32 {
    let mut smallest = f32::MAX;
    for note in notes_in(h.state().doc().board(), region) {
        let shown = painted_text_of(h, note.id).map_or(0.0, |t| t.px);
        assert!(shown >= px, "{region:?}: {:?} at {shown} px", note.text);
        smallest = smallest.min(shown);
    }
    smallest
}

#[test]
fn every_block_stop_reads_at_28_px_on_720p_and_shows_its_title_once() {
    let blocks = example_board().blocks().len();
    for i in 0..blocks {
        let mut h = on_screen(example_board(), HD);
        present_at(&mut h, Stop::Block(i));
        let smallest = assert_notes_at_least(&h, Region::Block(i), 28.0);
        eprintln!("block stop {i} on 720p: smallest note text {smallest} px");
        let title = h.state().doc().board().blocks()[i].title.clone();
        let shown = painted_texts(&h)
            .iter()
            .filter(|t| t.rows.concat() == title)
            .count();
        assert_eq!(shown, 1, "{title:?} once, in the heading band");
    }
}

#[test]
fn journey_stage_stops_use_the_screen_width_and_read_at_28_px_on_720p() {
    let lane = example_board().lane().unwrap().clone();
    for stage in 0..lane.stages.len() {
        let mut h = on_screen(example_board(), HD);
        present_at(&mut h, Stop::Stage(stage));
        let cells: Vec<egui::Rect> = (0..lane.rows.len())
            .map(|row| {
                h.state()
                    .canvas()
                    .rect_to_screen(&lane.cell_rect(stage, row))
            })
            .collect();
        let spread = cells.last().unwrap().right() - cells[0].left();
        assert!(spread >= 0.9 * HD.x, "stage {stage} spans {spread} px");
        let smallest = (0..lane.rows.len())
            .map(|row| assert_notes_at_least(&h, Region::Cell { stage, row }, 28.0))
            .fold(f32::MAX, f32::min);
        eprintln!("stage stop {stage} on 720p: smallest note text {smallest} px");
    }
}

#[test]
fn the_hint_voting_bar_and_lens_cover_no_note_and_read_at_24_px() {
    let mut h = whole_board(example_board(), FULL_HD, true);
    let area = h.state().canvas().area;
    let hint = painted_texts(&h)
        .into_iter()
        .find(|t| t.rows.concat().contains("Esc leave"))
        .expect("the keys are shown on starting");
    assert!(
        hint.rect.bottom() <= area.top(),
        "in the heading band: {hint:?}"
    );
    // The hint fades; then a voting round starts with the partner lens on.
    h.run_steps(7 * 60);
    assert!(
        painted_texts(&h)
            .iter()
            .all(|t| !t.rows.concat().contains("Esc leave"))
    );
    h.press(Modifiers::NONE, Key::V);
    h.press(Modifiers::NONE, Key::L);
    settle(&mut h);
    assert!(h.state().workshop().voting && h.state().workshop().lens.is_some());
    let area = h.state().canvas().area;
    for note in h.state().doc().board().notes() {
        let r = h.state().canvas().rect_to_screen(&note.rect);
        assert!(
            area.contains_rect(r),
            "{:?} is in view, under no strip",
            note.text
        );
    }
    let strips: Vec<_> = painted_texts(&h)
        .into_iter()
        .filter(|t| !area.intersects(t.rect))
        .collect();
    for label in ["Dot voting", "Partner lens:", "Finish voting"] {
        assert!(strips.iter().any(|t| t.rows.concat() == label), "{label}");
    }
    for t in &strips {
        assert!(t.px >= 24.0, "{:?} at {} px at {:?}", t.rows, t.px, t.rect);
    }
    let smallest = strips.iter().map(|t| t.px).fold(f32::MAX, f32::min);
    eprintln!("band, voting bar and lens on 1080p: smallest text {smallest} px");
    // The dots placed go on notes under no strip.
    let top = h
        .state()
        .doc()
        .board()
        .notes()
        .iter()
        .min_by(|a, b| a.rect.y.total_cmp(&b.rect.y))
        .unwrap()
        .id;
    let votes = h.state().doc().board().note(top).unwrap().votes;
    h.click_at(note_center(&h, top), Modifiers::NONE);
    assert_eq!(h.state().doc().board().note(top).unwrap().votes, votes + 1);
    let r = h
        .state()
        .canvas()
        .note_screen_rect(h.state().doc().board(), top)
        .unwrap();
    assert!(r.top() > area.top(), "its dots show below the voting bar");
}

#[test]
fn a_board_saved_with_the_old_layout_opens_as_it_was() {
    let file = include_bytes!("../fixtures/v2.tandem.json");
    let raw: serde_json::Value = serde_json::from_slice(file).unwrap();
    let board = read_board(file).unwrap().board;
    let h = whole_board(board.clone(), FULL_HD, true);
    let shown = h.state().doc().board();
    assert_eq!(*shown, board, "nothing moved");
    assert!(!h.state().doc().is_dirty());
    let at = |v: &serde_json::Value| ["x", "y", "w", "h"].map(|k| v[k].as_f64().unwrap() as f32);
    for (note, raw) in shown.notes().iter().zip(raw["notes"].as_array().unwrap()) {
        let r = note.rect;
        assert_eq!(
            [r.x, r.y, r.w, r.h],
            at(raw),
            "{:?} where the file has it",
            note.text
        );
    }
    for (block, raw) in shown.blocks().iter().zip(raw["blocks"].as_array().unwrap()) {
        let r = block.rect;
        assert_eq!([r.x, r.y, r.w, r.h], at(raw), "{}", block.title);
    }
}

#[test]
fn notes_break_their_lines_on_screen_where_pictures_do() {
    let h = whole_board(example_board(), FULL_HD, true);
    let board = h.state().doc().board();
    let face = tandem::export::text::Weight::Regular.face();
    for note in board.notes() {
        let tagged = note.partner.is_some();
        let picture = tandem::design::fit::fit_note(
            &note.text,
            (note.rect.w, note.rect.h),
            tagged,
            1.0,
            face,
        );
        let screen = painted_text_of(&h, note.id).expect("every note of the example shows");
        assert_eq!(screen.rows, picture.lines, "{:?}", note.text);
        let units = screen.px / h.state().canvas().view.zoom;
        assert!(
            (units - picture.size).abs() < 0.5,
            "{:?}: {units} vs {}",
            note.text,
            picture.size
        );
    }
}
