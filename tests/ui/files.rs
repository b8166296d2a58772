//! Files: closing and replacing boards with unsaved changes, open, save, failed saves, files
//! changed on disk, typed paths, export and import.

use eframe::egui::{self, Event, Key, Modifiers, ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::ui_support::*;
use tandem::io::{Template, read_board};
use tandem::model::Point;
use tandem::ui::TandemApp;
use tandem::ui::dialogs::{FileAnswer, FileRequest, ScriptedDialogs};

/// Runs a few frames and returns the window commands the app sent in them.
fn window_commands(h: &mut Harness<'_, TandemApp>) -> Vec<ViewportCommand> {
    let mut commands = Vec::new();
    for _ in 0..5 {
        h.step();
        if let Some(v) = h.output().viewport_output.get(&ViewportId::ROOT) {
            commands.extend(v.commands.iter().cloned());
        }
    }
    h.run();
    commands
}

/// Pushes the window's close button.
fn close_window(h: &mut Harness<'_, TandemApp>) -> Vec<ViewportCommand> {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    window_commands(h)
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let dialogs = ScriptedDialogs::default();
    let mut h = harness_for(example_app(&dialogs));
    // Nothing to lose: the window just closes.
    assert!(!close_window(&mut h).contains(&ViewportCommand::CancelClose));

    h.press(CMD, Key::A);
    h.press(Modifiers::NONE, Key::Delete);
    assert!(
        h.state().title().starts_with('*'),
        "the title marks unsaved changes"
    );
    let commands = close_window(&mut h);
    assert!(commands.contains(&ViewportCommand::CancelClose));
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().modal().is_none());
    assert!(
        h.state().doc().board().notes().is_empty(),
        "cancel keeps the board as it is"
    );

    // Save: no file yet, so the dialog asks where; then the window closes.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workshop");
    dialogs.push_answer(FileAnswer::Chosen(path.clone()));
    close_window(&mut h);
    h.get_by_label("Save").click();
    let commands = window_commands(&mut h);
    assert!(matches!(
        dialogs.requests().last(),
        Some(FileRequest::SaveAs { .. })
    ));
    let saved = dir.path().join("workshop.tandem.json");
    assert_eq!(
        read_board(&std::fs::read(&saved).unwrap())
            .unwrap()
            .board
            .notes()
            .len(),
        0
    );
    assert!(commands.contains(&ViewportCommand::Close), "{commands:?}");
    assert_eq!(h.state().title(), "workshop.tandem.json — Tandem");
}

#[test]
fn new_board_with_unsaved_changes_can_discard() {
    let mut h = example();
    h.press(CMD, Key::A);
    h.press(Modifiers::NONE, Key::Delete);
    h.press(CMD, Key::N);
    h.get_by_label_contains("Business Model Canvas").click();
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    let board = h.state().doc().board();
    assert_eq!(board.blocks().len(), 9);
    assert!(board.lane().is_none());
    assert!(!h.state().doc().is_dirty());
}

#[test]
fn opening_a_broken_file_reports_it_and_keeps_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.tandem.json");
    std::fs::write(
        &broken,
        "{\n  \"format\": \"tandem-board\",\n  \"version\": 1,\n  \"title\": 5\n}",
    )
    .unwrap();
    let dialogs = ScriptedDialogs::new([FileAnswer::Chosen(broken.clone())]);
    let mut h = harness_for(example_app(&dialogs));
    let before = h.state().doc().board().clone();
    h.press(CMD, Key::O);
    let message = h.state().open_error().expect("an error is shown");
    assert!(message.contains("broken.tandem.json"), "{message}");
    assert!(message.contains("line 4"), "{message}");
    assert!(
        message.contains("invalid type: integer `5`, expected a string"),
        "{message}"
    );
    assert_eq!(*h.state().doc().board(), before);
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(h.state().open_error().is_none());
}

#[test]
fn save_writes_the_file_and_clears_the_marker() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.tandem.json");
    let dialogs = ScriptedDialogs::default();
    let board = read_board(EXAMPLE).unwrap().board;
    let mut h = harness_for(TandemApp::with_dialogs(
        board,
        Some(path.clone()),
        Box::new(dialogs.clone()),
    ));
    let id = note_with_text(&h, "Personal playlists");
    h.click_at(note_center(&h, id), Modifiers::NONE);
    h.press(Modifiers::NONE, Key::Delete);
    assert!(h.state().title().starts_with("*w.tandem.json"));
    h.press(CMD, Key::S);
    assert!(
        dialogs.requests().is_empty(),
        "a board with a file saves without asking"
    );
    assert_eq!(h.state().title(), "w.tandem.json — Tandem");
    let saved = read_board(&std::fs::read(&path).unwrap()).unwrap().board;
    assert_eq!(saved, *h.state().doc().board());
}

#[test]
fn when_no_dialog_can_be_shown_a_path_can_be_typed() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::new([FileAnswer::Unavailable(
        "No file dialog could be shown".into(),
    )]);
    let mut h = harness_for(example_app(&dialogs));
    h.press(CMD_SHIFT, Key::S);
    assert!(matches!(
        h.state().modal(),
        Some(tandem::ui::modals::Modal::TypePath { .. })
    ));
    let path = dir.path().join("typed.tandem.json");
    h.press(CMD, Key::A);
    h.type_text(&path.display().to_string());
    h.press(Modifiers::NONE, Key::Enter);
    assert!(h.state().modal().is_none());
    assert!(path.exists());
}

/// Runs frames until the background export reports back (bounded: a few seconds at most).
fn wait_for_export(h: &mut Harness<'_, TandemApp>) -> String {
    let start = std::time::Instant::now();
    loop {
        h.step();
        if let Some(s) = &h.state().status()
            && !s.text.starts_with("Exporting")
        {
            return s.text.clone();
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "the export finishes"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn file_menu_exports_the_board_and_context_menus_export_one_block() {
    use tandem::export::{Format, Scope, export};
    let dir = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::new([
        FileAnswer::Chosen(dir.path().join("picture")),
        FileAnswer::Chosen(dir.path().join("desired.md")),
    ]);
    let mut h = harness_for(example_app(&dialogs));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    h.get_by_label("SVG…").click();
    h.run();
    assert_eq!(
        dialogs.requests()[0],
        FileRequest::Export {
            format: Format::Svg,
            suggested: "spotify-uber.svg".into()
        }
    );
    let status = wait_for_export(&mut h);
    let written = dir.path().join("picture.svg");
    assert_eq!(
        status,
        format!("Exported SVG to {}", written.display()),
        "the extension is added to a name typed without it"
    );
    let board = h.state().doc().board().clone();
    assert_eq!(
        std::fs::read(&written).unwrap(),
        export(&board, &Scope::Board, Format::Svg).unwrap()
    );

    // Right-click in the empty part of a block: export just that block.
    let block = board
        .blocks()
        .iter()
        .find(|b| b.key == "desired-value")
        .unwrap()
        .rect;
    let spot = Point::new(block.right() - 30.0, block.bottom() - 30.0);
    assert!(board.notes().iter().all(|n| !n.rect.contains(spot)));
    let empty_spot = screen(&h, spot);
    h.hover_at(empty_spot);
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: empty_spot,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
    h.get_by_label("Export \u{201c}Desired value\u{201d}")
        .click();
    h.run();
    h.get_by_label("Markdown…").click();
    h.run();
    wait_for_export(&mut h);
    let md = std::fs::read_to_string(dir.path().join("desired.md")).unwrap();
    assert!(md.starts_with("# Spotify × Uber — Desired value\n"), "{md}");
    assert!(md.contains("Daily moments of listening outside the home"));
    assert!(!md.contains("Personal playlists"));
    assert!(!h.state().doc().is_dirty(), "exporting changes nothing");
}

#[test]
fn import_opens_a_new_unsaved_board_and_lists_what_was_not_kept() {
    let canvas =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other-app.canvas");
    let dialogs = ScriptedDialogs::new([FileAnswer::Chosen(canvas)]);
    let mut h = harness_for(example_app(&dialogs));
    // Unsaved changes first: importing asks about them like opening does.
    h.press(CMD, Key::A);
    h.press(Modifiers::NONE, Key::Delete);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import JSON Canvas…").click();
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    assert_eq!(dialogs.requests(), [FileRequest::Import]);
    let board = h.state().doc().board();
    assert_eq!(board.title(), "other-app");
    assert_eq!(board.notes().len(), 5);
    assert_eq!(board.flows().len(), 2, "its edges between notes");
    assert_eq!(h.state().title(), "*Untitled — Tandem", "new and unsaved");
    let Some(tandem::ui::modals::Modal::Report { lines, .. }) = h.state().modal() else {
        panic!("the report is shown: {:?}", h.state().modal());
    };
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[2].contains("edge \"e3\""), "{lines:?}");
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().modal().is_none());
    assert!(close_window(&mut h).contains(&ViewportCommand::CancelClose));
}

#[test]
fn importing_a_broken_canvas_keeps_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.canvas");
    std::fs::write(
        &bad,
        "{\"nodes\": [\n  {\"id\": \"a\", \"type\": \"text\"}\n]}",
    )
    .unwrap();
    let dialogs = ScriptedDialogs::new([FileAnswer::Chosen(bad)]);
    let mut h = harness_for(example_app(&dialogs));
    let before = h.state().doc().board().clone();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import JSON Canvas…").click();
    h.run();
    let message = h.state().open_error().expect("an error is shown");
    assert!(
        message.contains("line 2, column 3: text node \"a\": missing field \"x\""),
        "{message}"
    );
    assert_eq!(*h.state().doc().board(), before);
}

pub(crate) fn app_on_file(
    path: &std::path::Path,
    dialogs: &ScriptedDialogs,
) -> Harness<'static, TandemApp> {
    let mut app = TandemApp::with_dialogs(Template::Blank.board(), None, Box::new(dialogs.clone()));
    app.open_path(path);
    harness_for(app)
}

/// Adds a note with text on empty canvas, left to right in the order of the calls.
pub(crate) fn add_note(h: &mut Harness<'_, TandemApp>, text: &str) {
    let n = h.state().doc().board().notes().len() as f32;
    let spot = h.state().canvas().area.left_center() + egui::vec2(150.0 + 300.0 * n, 0.0);
    h.double_click_at(spot);
    h.type_text(text);
    h.press(Modifiers::NONE, Key::Escape);
}

#[test]
fn a_failed_save_says_why_and_keeps_the_board_open_and_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let in_a_file = dir.path().join("a-file");
    std::fs::write(&in_a_file, "not a folder").unwrap();
    for (path, reason) in [
        (
            dir.path().join("gone").join("b.tandem.json"),
            "gone does not exist",
        ),
        (
            in_a_file.join("b.tandem.json"),
            "a folder on the path is a file",
        ),
    ] {
        let dialogs = ScriptedDialogs::default();
        let mut h = harness_for(TandemApp::with_dialogs(
            Template::Blank.board(),
            Some(path.clone()),
            Box::new(dialogs.clone()),
        ));
        add_note(&mut h, "keep me");
        h.press(CMD, Key::S);
        let status = h.state().status().unwrap();
        assert!(status.error && status.text.contains(reason), "{status:?}");
        assert!(status.text.contains("still open with its changes"));
        assert!(h.state().doc().is_dirty());
        assert!(h.state().title().starts_with('*'));
        assert!(
            matches!(&h.state().modal(), Some(tandem::ui::modals::Modal::SaveFailed { message, .. }) if message.contains(reason))
        );
        // The dialog offers another place.
        h.get_by_label("Save as…").click();
        h.run();
        assert!(matches!(
            dialogs.requests().last(),
            Some(FileRequest::SaveAs { .. })
        ));
        assert_eq!(h.state().doc().board().notes()[0].text, "keep me");
        assert!(!path.exists());
    }
}

#[test]
fn save_asks_before_overwriting_a_file_another_program_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.tandem.json");
    tandem::io::save_file(&path, &Template::Blank.board()).unwrap();
    let dialogs = ScriptedDialogs::default();
    let mut h = app_on_file(&path, &dialogs);
    add_note(&mut h, "mine");
    h.press(CMD, Key::S);
    assert!(
        h.state().modal().is_none(),
        "unchanged on disk: saved at once"
    );
    add_note(&mut h, "mine too");

    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"mine\"", "\"theirs\"");
    std::fs::write(&path, &theirs).unwrap();
    h.press(CMD, Key::S);
    h.get_by_label_contains("changed on disk");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs, "untouched");
    assert!(h.state().doc().is_dirty());

    h.press(CMD, Key::S);
    h.get_by_label("Save as…").click();
    h.run();
    assert!(matches!(
        dialogs.requests().last(),
        Some(FileRequest::SaveAs { .. })
    ));

    h.press(CMD, Key::S);
    h.get_by_label("Overwrite").click();
    h.run();
    assert!(!h.state().doc().is_dirty());
    let texts = |p: &std::path::Path| -> Vec<String> {
        read_board(&std::fs::read(p).unwrap())
            .unwrap()
            .board
            .notes()
            .iter()
            .map(|n| n.text.clone())
            .collect()
    };
    assert_eq!(texts(&path), ["mine", "mine too"]);
    assert_eq!(
        texts(&tandem::io::files::backup_path(&path)),
        ["theirs"],
        "their version is kept as the backup"
    );

    // A file that appeared where Tandem was to create one is someone else's too.
    let fresh = dir.path().join("fresh.tandem.json");
    let mut h = harness_for(TandemApp::with_dialogs(
        Template::Blank.board(),
        Some(fresh.clone()),
        Box::new(ScriptedDialogs::default()),
    ));
    add_note(&mut h, "mine");
    std::fs::write(&fresh, "made by another program").unwrap();
    h.press(CMD, Key::S);
    h.get_by_label_contains("changed on disk");
    h.press(Modifiers::NONE, Key::Escape);
    assert_eq!(
        std::fs::read_to_string(&fresh).unwrap(),
        "made by another program"
    );
}
