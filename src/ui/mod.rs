//! The egui view of a board: the window, the canvas and the panels around it.

pub mod action;
pub mod app;
pub mod canvas;
pub mod commands;
pub mod context;
pub mod dialogs;
pub mod export;
pub mod flow_cards;
pub mod fonts;
pub mod modals;
pub mod overlays;
pub mod panels;
pub mod present;
pub mod recovery;
pub mod room;
pub mod settings;
pub mod style;
pub mod timer;
pub mod view;
pub mod workshop;

pub use app::TandemApp;

/// "1 note", "3 notes": a count with its noun, for messages and labels.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// "1 person", "3 people": English does not add an s here.
pub fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_owned()
    } else {
        format!("{n} people")
    }
}

/// An undo label such as "Move note" or "Move 3 notes".
pub fn notes_label(verb: &str, n: usize) -> String {
    if n == 1 {
        format!("{verb} note")
    } else {
        format!("{verb} {n} notes")
    }
}

/// Names a widget for screen readers (and for tests, which find widgets the same way).
pub fn accessible_name(resp: &eframe::egui::Response, name: &str) {
    resp.ctx
        .accesskit_node_builder(resp.id, |b| b.set_label(name));
}

/// Gives a text field focus with all its text selected, so what is typed next replaces it (as a
/// rename dialog or a just-added name field should).
pub fn focus_selecting_all(resp: &eframe::egui::Response, text: &str) {
    use eframe::egui::{TextEdit, text_selection::CCursorRange};
    resp.request_focus();
    let mut state = TextEdit::load_state(&resp.ctx, resp.id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(CCursorRange::select_all_str(text)));
    state.store(&resp.ctx, resp.id);
}

#[cfg(test)]
mod tests {
    use super::{count, people};

    #[test]
    fn counts_read_as_english() {
        assert_eq!(count(1, "note"), "1 note");
        assert_eq!(count(0, "note"), "0 notes");
        assert_eq!(people(1), "1 person");
        assert_eq!(people(3), "3 people");
    }
}
