//! Shared by the UI test files: harnesses on the real app, and gestures as a user makes them.
#![allow(dead_code)] // each test file uses its own part of this

use eframe::egui::{self, Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use tandem::io::{Template, read_board};
use tandem::model::{NoteId, Point};
use tandem::ui::TandemApp;
use tandem::ui::app::setup_context;
use tandem::ui::dialogs::ScriptedDialogs;

pub const EXAMPLE: &[u8] = include_bytes!("../../assets/examples/spotify-uber.tandem.json");

pub fn harness_for(app: TandemApp) -> Harness<'static, TandemApp> {
    harness_sized(app, egui::vec2(1400.0, 900.0))
}

pub fn harness_sized(app: TandemApp, size: egui::Vec2) -> Harness<'static, TandemApp> {
    let mut h = Harness::builder()
        .with_size(size)
        // Real frame times, so two clicks a few frames apart make a double click.
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(120)
        .with_context_setup(setup_context)
        .build_eframe(move |_| app);
    h.run();
    h
}

pub fn example_app(dialogs: &ScriptedDialogs) -> TandemApp {
    let board = read_board(EXAMPLE).unwrap().board;
    TandemApp::with_dialogs(board, None, Box::new(dialogs.clone()))
}

pub fn example() -> Harness<'static, TandemApp> {
    harness_for(example_app(&ScriptedDialogs::default()))
}

pub fn blank() -> Harness<'static, TandemApp> {
    harness_for(TandemApp::with_dialogs(
        Template::Blank.board(),
        None,
        Box::new(ScriptedDialogs::default()),
    ))
}

/// Screen position of a board point.
pub fn screen(h: &Harness<'_, TandemApp>, p: Point) -> Pos2 {
    h.state().canvas().to_screen(p)
}

pub fn note_center(h: &Harness<'_, TandemApp>, id: NoteId) -> Pos2 {
    h.state()
        .canvas()
        .note_screen_rect(h.state().doc().board(), id)
        .unwrap()
        .center()
}

pub fn note_with_text(h: &Harness<'_, TandemApp>, text: &str) -> NoteId {
    h.state()
        .doc()
        .board()
        .notes()
        .iter()
        .find(|n| n.text == text)
        .unwrap_or_else(|| panic!("no note {text:?}"))
        .id
}

/// Pointer and keyboard gestures, as a user makes them.
pub trait Drive {
    fn click_at(&mut self, pos: Pos2, modifiers: Modifiers);
    fn double_click_at(&mut self, pos: Pos2);
    fn drag_from_to(&mut self, from: Pos2, to: Pos2);
    fn press(&mut self, modifiers: Modifiers, key: Key);
    fn type_text(&mut self, text: &str);
    fn secondary_click_at(&mut self, pos: Pos2);
}

impl Drive for Harness<'_, TandemApp> {
    fn click_at(&mut self, pos: Pos2, modifiers: Modifiers) {
        self.hover_at(pos);
        self.event(Event::ModifiersChanged(modifiers));
        self.step();
        for pressed in [true, false] {
            self.event(Event::PointerButton {
                pos,
                button: PointerButton::Primary,
                pressed,
                modifiers,
            });
            self.step();
        }
        self.event(Event::ModifiersChanged(Modifiers::NONE));
        self.run();
    }

    fn double_click_at(&mut self, pos: Pos2) {
        // Half a second first: egui counts clicks less than 0.3 s apart, so a double click right
        // after other clicks of the test would be a triple click.
        self.run_steps(30);
        self.hover_at(pos);
        self.step();
        for _ in 0..2 {
            for pressed in [true, false] {
                self.event(Event::PointerButton {
                    pos,
                    button: PointerButton::Primary,
                    pressed,
                    modifiers: Modifiers::NONE,
                });
                self.step();
            }
        }
        self.run();
    }

    fn drag_from_to(&mut self, from: Pos2, to: Pos2) {
        self.hover_at(from);
        self.step();
        self.drag_at(from);
        self.run_steps(2);
        self.hover_at(from + (to - from) * 0.5);
        self.run_steps(2);
        self.hover_at(to);
        self.run_steps(2);
        self.drop_at(to);
        self.run();
    }

    fn press(&mut self, modifiers: Modifiers, key: Key) {
        self.key_press_modifiers(modifiers, key);
        self.run();
    }

    fn secondary_click_at(&mut self, pos: Pos2) {
        self.hover_at(pos);
        self.step();
        for pressed in [true, false] {
            self.event(Event::PointerButton {
                pos,
                button: PointerButton::Secondary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            self.step();
        }
        self.run();
    }

    fn type_text(&mut self, text: &str) {
        self.event(Event::Text(text.to_owned()));
        self.run();
    }
}

pub const CMD: Modifiers = Modifiers::COMMAND;
pub const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// Index of the block with this key.
pub fn block_index(board: &tandem::model::Board, key: &str) -> usize {
    board
        .blocks()
        .iter()
        .position(|b| b.key == key)
        .unwrap_or_else(|| panic!("no block {key}"))
}

/// Clicks the widget called `label`, scrolling the side panel to it first as a user would.
pub fn click_label(h: &mut Harness<'_, TandemApp>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

/// The status bar's text, empty when there is none.
pub fn status_text(h: &Harness<'_, TandemApp>) -> String {
    h.state()
        .status()
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// `n` presses of `key` delivered in a single frame, as when keys come faster than frames
/// (kittest's own helpers give each event a frame of its own).
pub fn presses_in_one_frame(h: &mut Harness<'_, TandemApp>, key: Key, n: usize) {
    for pressed in [true, false].repeat(n) {
        h.input_mut().events.push(Event::Key {
            key,
            pressed,
            repeat: false,
            modifiers: Modifiers::NONE,
            physical_key: None,
        });
    }
    h.run();
}

/// A run of text as painted in the last frame: its font size in screen pixels, its colour, its
/// rows, and where it lies on screen.
#[derive(Debug)]
pub struct PaintedText {
    pub px: f32,
    pub color: egui::Color32,
    pub rows: Vec<String>,
    pub rect: egui::Rect,
}

/// Every run of text painted in the last frame.
pub fn painted_texts(h: &Harness<'_, TandemApp>) -> Vec<PaintedText> {
    fn collect(shape: &egui::Shape, out: &mut Vec<PaintedText>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, out)),
            egui::Shape::Text(t) => {
                if let Some(section) = t.galley.job.sections.first() {
                    out.push(PaintedText {
                        px: section.format.font_id.size,
                        color: section.format.color,
                        rows: t.galley.rows.iter().map(|r| r.text()).collect(),
                        rect: t.galley.rect.translate(t.pos.to_vec2()),
                    });
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        collect(&clipped.shape, &mut out);
    }
    out
}

/// The text painted over note `id` in the last frame, if any: in the colour of note text, at the
/// note, and its own words (overlapping notes paint over one another).
pub fn painted_text_of(h: &Harness<'_, TandemApp>, id: NoteId) -> Option<PaintedText> {
    let note = h
        .state()
        .canvas()
        .note_screen_rect(h.state().doc().board(), id)?;
    let text = &h.state().doc().board().note(id)?.text;
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    painted_texts(h).into_iter().find(|t| {
        let shown = t.rows.join(" ");
        let its_own = shown == words
            || t.rows.concat() == *text
            || shown
                .strip_suffix('…')
                .is_some_and(|s| words.starts_with(s.trim_end()));
        t.color == tandem::ui::style::note_text()
            && its_own
            && note.expand(1.0).contains(t.rect.min)
    })
}
