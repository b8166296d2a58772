//! Every command a user can give, with its label and keyboard shortcuts, in one table. Menus,
//! tooltips, the shortcut dispatcher and the README's shortcut list all read from here.

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

/// Where keyboard input goes this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyFocus {
    /// No text field has focus: keys act on the board.
    Canvas,
    /// The user is typing into a note.
    NoteText,
    /// The user is typing into another field (a partner's name, a dialog).
    OtherField,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    NewBoard,
    Open,
    Save,
    SaveAs,
    Quit,
    Undo,
    Redo,
    Cut,
    Copy,
    Paste,
    Duplicate,
    Delete,
    SelectAll,
    NewNote,
    EditNote,
    NextNoteRight,
    NextNoteLeft,
    NextNoteBelow,
    ZoomIn,
    ZoomOut,
    ZoomToFit,
    ZoomToSelection,
    ToggleSidePanel,
    Present,
    Fullscreen,
    NextStop,
    PreviousStop,
    Spotlight,
    TimerStartPause,
    TimerReset,
    VotingRound,
    PartnerLens,
    Tidy,
    ArrangeByVotes,
    ResetVotes,
    DarkTheme,
    LargeText,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const CMD_ALT: Modifiers = Modifiers {
    alt: true,
    ..Modifiers::COMMAND
};
const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;

fn key(modifiers: Modifiers, logical_key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, logical_key)
}

impl Command {
    pub const ALL: [Command; 37] = [
        Command::NewBoard,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::Cut,
        Command::Copy,
        Command::Paste,
        Command::Duplicate,
        Command::Delete,
        Command::SelectAll,
        Command::NewNote,
        Command::EditNote,
        Command::NextNoteRight,
        Command::NextNoteLeft,
        Command::NextNoteBelow,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomToFit,
        Command::ZoomToSelection,
        Command::ToggleSidePanel,
        Command::Present,
        Command::Fullscreen,
        Command::NextStop,
        Command::PreviousStop,
        Command::Spotlight,
        Command::TimerStartPause,
        Command::TimerReset,
        Command::VotingRound,
        Command::PartnerLens,
        Command::Tidy,
        Command::ArrangeByVotes,
        Command::ResetVotes,
        Command::DarkTheme,
        Command::LargeText,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Command::NewBoard => "New board…",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::Cut => "Cut",
            Command::Copy => "Copy",
            Command::Paste => "Paste",
            Command::Duplicate => "Duplicate",
            Command::Delete => "Delete",
            Command::SelectAll => "Select all",
            Command::NewNote => "New note",
            Command::EditNote => "Edit note text",
            Command::NextNoteRight => "Next note to the right",
            Command::NextNoteLeft => "Next note to the left",
            Command::NextNoteBelow => "Next note below",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomToFit => "Zoom to fit",
            Command::ZoomToSelection => "Zoom to selection",
            Command::ToggleSidePanel => "Show or hide the side panel",
            Command::Present => "Present",
            Command::Fullscreen => "Full screen",
            Command::NextStop => "Next block or stage (presenting)",
            Command::PreviousStop => "Previous block or stage (presenting)",
            Command::Spotlight => "Spotlight the current block (presenting)",
            Command::TimerStartPause => "Start or pause the timer",
            Command::TimerReset => "Reset the timer",
            Command::VotingRound => "Dot voting round",
            Command::PartnerLens => "Partner lens: next partner",
            Command::Tidy => "Tidy block or selection",
            Command::ArrangeByVotes => "Arrange every block by votes",
            Command::ResetVotes => "Reset votes",
            Command::DarkTheme => "Dark theme",
            Command::LargeText => "Large text",
        }
    }

    /// Shortcuts, the one shown in menus first. Cut, copy and paste arrive from the platform as
    /// clipboard events rather than keys, so they are listed for display only.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        match self {
            Command::NewBoard => vec![key(CMD, Key::N)],
            Command::Open => vec![key(CMD, Key::O)],
            Command::Save => vec![key(CMD, Key::S)],
            Command::SaveAs => vec![key(CMD_SHIFT, Key::S)],
            Command::Quit => vec![key(CMD, Key::Q)],
            Command::Undo => vec![key(CMD, Key::Z)],
            Command::Redo => vec![key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)],
            Command::Cut => vec![key(CMD, Key::X)],
            Command::Copy => vec![key(CMD, Key::C)],
            Command::Paste => vec![key(CMD, Key::V)],
            Command::Duplicate => vec![key(CMD, Key::D)],
            Command::Delete => vec![key(NONE, Key::Delete), key(NONE, Key::Backspace)],
            Command::SelectAll => vec![key(CMD, Key::A)],
            Command::NewNote => vec![key(NONE, Key::N)],
            Command::EditNote => vec![key(NONE, Key::Enter), key(NONE, Key::F2)],
            Command::NextNoteRight => vec![key(NONE, Key::Tab)],
            Command::NextNoteLeft => vec![key(SHIFT, Key::Tab)],
            Command::NextNoteBelow => vec![key(CMD, Key::Enter)],
            Command::ZoomIn => vec![key(CMD, Key::Plus), key(CMD, Key::Equals)],
            Command::ZoomOut => vec![key(CMD, Key::Minus)],
            Command::ZoomToFit => vec![key(CMD, Key::Num0)],
            Command::ZoomToSelection => vec![],
            Command::ToggleSidePanel => vec![key(CMD, Key::Backslash)],
            Command::Present => vec![key(NONE, Key::F5)],
            Command::Fullscreen => vec![key(NONE, Key::F11)],
            Command::NextStop => vec![key(NONE, Key::ArrowRight), key(NONE, Key::PageDown)],
            Command::PreviousStop => vec![key(NONE, Key::ArrowLeft), key(NONE, Key::PageUp)],
            Command::Spotlight => vec![key(NONE, Key::S)],
            Command::TimerStartPause => vec![key(NONE, Key::T)],
            Command::TimerReset => vec![key(SHIFT, Key::T)],
            Command::VotingRound => vec![key(NONE, Key::V)],
            Command::PartnerLens => vec![key(NONE, Key::L)],
            Command::Tidy => vec![key(CMD_ALT, Key::T)],
            Command::ArrangeByVotes
            | Command::ResetVotes
            | Command::DarkTheme
            | Command::LargeText => vec![],
        }
    }

    /// Whether the command applies where the keyboard is: plain keys like `N` or `Delete` belong to
    /// the text while the user types, but Tab moves on to the next note from a note's text.
    pub fn applies_to(self, focus: KeyFocus) -> bool {
        let anywhere = matches!(
            self,
            Command::NewBoard
                | Command::Open
                | Command::Save
                | Command::SaveAs
                | Command::Quit
                | Command::ZoomIn
                | Command::ZoomOut
                | Command::ZoomToFit
                | Command::ToggleSidePanel
                | Command::Present
                | Command::Fullscreen
        );
        let next_note = matches!(
            self,
            Command::NextNoteRight | Command::NextNoteLeft | Command::NextNoteBelow
        );
        match focus {
            KeyFocus::Canvas => true,
            KeyFocus::NoteText => anywhere || next_note,
            KeyFocus::OtherField => anywhere,
        }
    }

    /// Whether the command arrives as a clipboard event instead of a key press.
    pub fn is_clipboard(self) -> bool {
        matches!(self, Command::Cut | Command::Copy | Command::Paste)
    }

    /// The main shortcut as text for menus, e.g. "Ctrl+Shift+S".
    pub fn shortcut_text(self, ctx: &eframe::egui::Context) -> Option<String> {
        self.shortcuts().first().map(|s| ctx.format_shortcut(s))
    }

    /// The order to test shortcuts in: more modifiers first, because egui matches a shortcut even
    /// when Shift is held in addition (Ctrl+Z would otherwise swallow Ctrl+Shift+Z).
    pub fn dispatch_order() -> Vec<(Command, KeyboardShortcut)> {
        let mut all: Vec<(Command, KeyboardShortcut)> = Command::ALL
            .iter()
            .filter(|c| !c.is_clipboard())
            .flat_map(|&c| c.shortcuts().into_iter().map(move |s| (c, s)))
            .collect();
        all.sort_by_key(|(_, s)| {
            let m = s.modifiers;
            std::cmp::Reverse(u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl))
        });
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_shortcut_is_bound_twice() {
        let all = Command::dispatch_order();
        for (i, (a, sa)) in all.iter().enumerate() {
            for (b, sb) in &all[i + 1..] {
                assert!(sa != sb, "{a:?} and {b:?} share a shortcut");
            }
        }
    }

    #[test]
    fn shifted_shortcuts_are_tried_first() {
        let order = Command::dispatch_order();
        let pos =
            |c: Command, s: KeyboardShortcut| order.iter().position(|x| *x == (c, s)).unwrap();
        assert!(pos(Command::Redo, key(CMD_SHIFT, Key::Z)) < pos(Command::Undo, key(CMD, Key::Z)));
        assert!(
            pos(Command::SaveAs, key(CMD_SHIFT, Key::S)) < pos(Command::Save, key(CMD, Key::S))
        );
        assert!(
            pos(Command::NextNoteLeft, key(SHIFT, Key::Tab))
                < pos(Command::NextNoteRight, key(NONE, Key::Tab))
        );
    }
}
