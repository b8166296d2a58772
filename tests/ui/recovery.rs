//! Autosave and the offer to restore what a crash left behind.

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::files::add_note;
use crate::ui_support::*;
use tandem::io::{Template, read_board};
use tandem::ui::TandemApp;
use tandem::ui::dialogs::ScriptedDialogs;

fn recovery_files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().into_string().unwrap())
                .filter(|n| n.ends_with(".tandem-recovery.json"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A blank board saved to `path`, autosaving into `rec` (and offering what is there).
fn blank_with_autosave(
    rec: &std::path::Path,
    path: Option<std::path::PathBuf>,
) -> Harness<'static, TandemApp> {
    let mut app = TandemApp::with_dialogs(
        Template::Blank.board(),
        path,
        Box::new(ScriptedDialogs::default()),
    );
    app.start_autosave(Some(rec.to_path_buf()));
    harness_for(app)
}

fn flush_autosave(h: &Harness<'_, TandemApp>) {
    h.state().autosave().session().unwrap().flush();
}

#[test]
fn autosave_writes_a_copy_two_seconds_after_the_last_edit_and_saving_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let path = dir.path().join("b.tandem.json");
    let mut h = blank_with_autosave(&rec, Some(path.clone()));
    assert!(h.state().modal().is_none(), "nothing to restore");
    add_note(&mut h, "unsaved idea");
    // Each step is 1/60 s of the app's clock.
    h.run_steps(60);
    flush_autosave(&h);
    assert!(
        recovery_files(&rec).is_empty(),
        "not yet: 1 s after the edit"
    );
    h.run_steps(90);
    flush_autosave(&h);
    let names = recovery_files(&rec);
    assert_eq!(names.len(), 1, "{names:?}");
    let copy =
        tandem::io::recovery::read_copy(&std::fs::read(rec.join(&names[0])).unwrap()).unwrap();
    assert_eq!(copy.loaded.board.notes()[0].text, "unsaved idea");
    assert_eq!(copy.original.as_deref(), Some(path.as_path()));

    h.press(CMD, Key::S);
    h.run();
    flush_autosave(&h);
    assert!(recovery_files(&rec).is_empty(), "saved: the copy is gone");

    add_note(&mut h, "another");
    h.run_steps(150);
    flush_autosave(&h);
    assert_eq!(recovery_files(&rec).len(), 1);
    drop(h);
    assert!(
        std::fs::read_dir(&rec).unwrap().next().is_none(),
        "a clean exit leaves nothing behind"
    );
}

/// What a crashed session leaves: a copy and a lock file nobody holds, autosaved `age_s` seconds
/// ago (ages set apart, so which copy is newest does not hang on the clock turning a second
/// between two calls).
fn leave_copy(
    rec: &std::path::Path,
    (name, age_s): (&str, u64),
    title: &str,
    original: Option<&std::path::Path>,
) {
    let mut board = read_board(EXAMPLE).unwrap().board;
    board.apply(tandem::model::Edit::SetTitle(title.into()));
    let text = tandem::io::recovery::copy_text(&tandem::io::recovery::Snapshot {
        board,
        original: original.map(std::path::Path::to_path_buf),
        stamp: None,
        saved_at: std::time::SystemTime::now() - std::time::Duration::from_secs(age_s),
    });
    std::fs::create_dir_all(rec).unwrap();
    std::fs::write(rec.join(format!("{name}.tandem-recovery.json")), text).unwrap();
    std::fs::write(rec.join(format!("{name}.lock")), "").unwrap();
}

#[test]
fn boards_left_by_a_crash_are_offered_restored_or_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let original = dir.path().join("workshop.tandem.json");
    leave_copy(&rec, ("100-1", 180), "Crashed workshop", Some(&original));
    leave_copy(&rec, ("100-2", 200), "Older sketch", None);
    let mut h = blank_with_autosave(&rec, None);
    assert!(matches!(
        h.state().modal(),
        Some(tandem::ui::modals::Modal::Recover)
    ));
    h.get_by_label("Crashed workshop");
    h.get_by_label_contains(&format!("34 notes · from {}", original.display()));
    h.get_by_label_contains("34 notes · never saved · autosaved 3 minutes ago (");

    // Enter restores the first (newest) board.
    h.press(Modifiers::NONE, Key::Enter);
    let app = h.state();
    assert_eq!(app.doc().board().title(), "Crashed workshop");
    assert_eq!(app.doc().board().notes().len(), 34);
    assert!(app.doc().is_dirty(), "restored work is not saved yet");
    assert_eq!(app.path(), Some(original.as_path()));
    assert!(
        app.status()
            .as_ref()
            .unwrap()
            .text
            .starts_with("Restored workshop.tandem.json")
    );
    flush_autosave(&h);
    let names = recovery_files(&rec);
    assert_eq!(
        names.len(),
        2,
        "this session's copy, and the one still offered: {names:?}"
    );
    assert!(!names.contains(&"100-1.tandem-recovery.json".to_owned()));

    // The other board is still offered; discarding deletes it.
    assert!(matches!(
        h.state().modal(),
        Some(tandem::ui::modals::Modal::Recover)
    ));
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().modal().is_none());
    flush_autosave(&h);
    assert_eq!(recovery_files(&rec).len(), 1, "only this session's copy");

    h.press(CMD, Key::S);
    h.run();
    assert_eq!(
        read_board(&std::fs::read(&original).unwrap())
            .unwrap()
            .board
            .title(),
        "Crashed workshop"
    );
    drop(h);
    assert!(std::fs::read_dir(&rec).unwrap().next().is_none());
}

#[test]
fn restoring_a_second_board_asks_about_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    leave_copy(&rec, ("100-1", 180), "First", None);
    leave_copy(&rec, ("100-2", 200), "Second", None);
    let mut h = blank_with_autosave(&rec, None);
    h.get_by_label_contains("First");
    h.press(Modifiers::NONE, Key::Enter);
    let first = h.state().doc().board().title().to_owned();
    // The remaining one: restoring it would replace unsaved work, so Tandem asks.
    h.press(Modifiers::NONE, Key::Enter);
    h.get_by_label_contains("Save them before restoring another board?");
    h.get_by_label("Don't save").click();
    h.run();
    assert_ne!(h.state().doc().board().title(), first);
    assert!(h.state().modal().is_none());
    // Esc on the offer keeps copies for later (none are left here).
    flush_autosave(&h);
    assert_eq!(recovery_files(&rec).len(), 1, "only this session's copy");
}

#[test]
fn picking_the_colour_or_partner_a_note_already_has_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let mut app = example_app(&ScriptedDialogs::default());
    app.start_autosave(Some(rec.clone()));
    let mut h = harness_for(app);
    let id = note_with_text(&h, "Personal playlists");
    let before = h.state().doc().board().note(id).cloned().unwrap();
    h.click_at(note_center(&h, id), Modifiers::NONE);
    // Green and Spotify are what it has already.
    h.get_by_label("green").click();
    h.run();
    h.get_by_role(egui::accesskit::Role::ComboBox).click();
    h.run();
    h.get_by_label("Spotify").click();
    h.run();
    h.run_steps(180);
    flush_autosave(&h);
    let app = h.state();
    assert_eq!(app.doc().board().note(id), Some(&before));
    assert_eq!(app.doc().undo_label(), None, "no undo step");
    assert!(!app.title().starts_with('*'), "no unsaved marker");
    assert!(recovery_files(&rec).is_empty(), "no autosave");
}
