//! Every command a user can give, with its label and keyboard shortcuts, in one table: the only
//! place a key is bound. Menus, tooltips, the key dispatcher, the Help menu and README's shortcut
//! table all read from here (a test keeps README in step).

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

/// A direction to nudge the selection in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    Left,
    Right,
    Up,
    Down,
}

impl Dir {
    pub const ALL: [Dir; 4] = [Dir::Left, Dir::Right, Dir::Up, Dir::Down];

    /// The unit step on screen.
    pub fn vector(self) -> (f32, f32) {
        match self {
            Dir::Left => (-1.0, 0.0),
            Dir::Right => (1.0, 0.0),
            Dir::Up => (0.0, -1.0),
            Dir::Down => (0.0, 1.0),
        }
    }

    fn key(self) -> Key {
        match self {
            Dir::Left => Key::ArrowLeft,
            Dir::Right => Key::ArrowRight,
            Dir::Up => Key::ArrowUp,
            Dir::Down => Key::ArrowDown,
        }
    }
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
    /// A flow between the two selected notes.
    NewFlow,
    /// Leave presenting, else finish voting, else clear the selection.
    Escape,
    Nudge(Dir),
    NudgeFine(Dir),
    ZoomIn,
    ZoomOut,
    ZoomToFit,
    ZoomToSelection,
    ToggleSidePanel,
    Present,
    Fullscreen,
    NextStop,
    PreviousStop,
    /// Presenting: the first block, or the last stop (the whole board), as Home and End do in
    /// slide shows.
    FirstStop,
    LastStop,
    /// Presenting: fly to block `n` (0-based), keys 1–9.
    GoToBlock(u8),
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
    OpenRoom,
    CloseRoom,
    SilentWriting,
    Reveal,
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

/// The keys 1–9, for [`Command::GoToBlock`].
const DIGITS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// Held down while dragging, it pans the canvas instead of moving notes (a pointer gesture, so it
/// is no command; listed in [`GESTURES`]).
pub const PAN_KEY: Key = Key::Space;

/// Pointer gestures, for the Help menu and README beside the commands' keys.
pub const GESTURES: [(&str, &str); 7] = [
    ("Add a note", "Double-click empty canvas"),
    (
        "Draw a flow",
        "Drag the arrow handle of a selected note onto another note",
    ),
    ("Label a flow", "Double-click it"),
    ("Pan", "Scroll, middle-drag, or Space+drag"),
    ("Zoom at the pointer", "Ctrl+scroll or pinch"),
    (
        "Select several notes",
        "Shift+click, Ctrl+click or drag a band",
    ),
    ("Stop typing", "Esc, or click outside the note"),
];

/// When a command can be given: some only while presenting, some never then. Two commands that are
/// never available at the same time may share a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Always,
    Presenting,
    NotPresenting,
}

impl Command {
    pub const ALL: [Command; 62] = [
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
        Command::NewFlow,
        Command::Escape,
        Command::Nudge(Dir::Left),
        Command::Nudge(Dir::Right),
        Command::Nudge(Dir::Up),
        Command::Nudge(Dir::Down),
        Command::NudgeFine(Dir::Left),
        Command::NudgeFine(Dir::Right),
        Command::NudgeFine(Dir::Up),
        Command::NudgeFine(Dir::Down),
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomToFit,
        Command::ZoomToSelection,
        Command::ToggleSidePanel,
        Command::Present,
        Command::Fullscreen,
        Command::NextStop,
        Command::PreviousStop,
        Command::FirstStop,
        Command::LastStop,
        Command::GoToBlock(0),
        Command::GoToBlock(1),
        Command::GoToBlock(2),
        Command::GoToBlock(3),
        Command::GoToBlock(4),
        Command::GoToBlock(5),
        Command::GoToBlock(6),
        Command::GoToBlock(7),
        Command::GoToBlock(8),
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
        Command::OpenRoom,
        Command::CloseRoom,
        Command::SilentWriting,
        Command::Reveal,
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
            Command::EditNote => "Edit the note's text or the flow's label",
            Command::NextNoteRight => "Next note to the right",
            Command::NextNoteLeft => "Next note to the left",
            Command::NextNoteBelow => "Next note below",
            Command::NewFlow => "Draw a flow between the two selected notes",
            Command::Escape => "Leave presenting or voting, clear the selection",
            Command::Nudge(_) => "Nudge the selection",
            Command::NudgeFine(_) => "Nudge the selection by 1 pixel",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomToFit => "Zoom to fit",
            Command::ZoomToSelection => "Zoom to selection",
            Command::ToggleSidePanel => "Show or hide the side panel",
            Command::Present => "Present",
            Command::Fullscreen => "Full screen",
            Command::NextStop => "Next block or stage (presenting)",
            Command::PreviousStop => "Previous block or stage (presenting)",
            Command::FirstStop => "First block (presenting)",
            Command::LastStop => "Last stop, the whole board (presenting)",
            Command::GoToBlock(_) => "Go to block 1–9 (presenting)",
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
            Command::OpenRoom => "Open the room…",
            Command::CloseRoom => "Close the room",
            Command::SilentWriting => "Silent writing",
            Command::Reveal => "Reveal the held notes",
        }
    }

    /// Shortcuts, the one shown in menus first. Cut, copy and paste arrive from the platform as
    /// clipboard events rather than keys; the dispatcher maps those events to these shortcuts.
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
            Command::NewFlow => vec![key(NONE, Key::F)],
            Command::Escape => vec![key(NONE, Key::Escape)],
            Command::Nudge(d) => vec![key(NONE, d.key())],
            Command::NudgeFine(d) => vec![key(SHIFT, d.key())],
            Command::ZoomIn => vec![key(CMD, Key::Plus), key(CMD, Key::Equals)],
            Command::ZoomOut => vec![key(CMD, Key::Minus)],
            Command::ZoomToFit => vec![key(CMD, Key::Num0)],
            Command::ToggleSidePanel => vec![key(CMD, Key::Backslash)],
            Command::Present => vec![key(NONE, Key::F5)],
            Command::Fullscreen => vec![key(NONE, Key::F11)],
            Command::NextStop => vec![key(NONE, Key::ArrowRight), key(NONE, Key::PageDown)],
            Command::PreviousStop => vec![key(NONE, Key::ArrowLeft), key(NONE, Key::PageUp)],
            Command::FirstStop => vec![key(NONE, Key::Home)],
            Command::LastStop => vec![key(NONE, Key::End)],
            Command::GoToBlock(n) => DIGITS
                .get(usize::from(n))
                .map(|&d| vec![key(NONE, d)])
                .unwrap_or_default(),
            Command::Spotlight => vec![key(NONE, Key::S)],
            Command::TimerStartPause => vec![key(NONE, Key::T)],
            Command::TimerReset => vec![key(SHIFT, Key::T)],
            Command::VotingRound => vec![key(NONE, Key::V)],
            Command::PartnerLens => vec![key(NONE, Key::L)],
            Command::Tidy => vec![key(CMD_ALT, Key::T)],
            Command::ZoomToSelection
            | Command::ArrangeByVotes
            | Command::ResetVotes
            | Command::DarkTheme
            | Command::LargeText
            | Command::OpenRoom
            | Command::CloseRoom
            | Command::SilentWriting
            | Command::Reveal => vec![],
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
        // The side panel's fields change the board as they are typed into, so undo there undoes
        // the board (a field that was just given focus has nothing of its own to undo).
        let history = matches!(self, Command::Undo | Command::Redo);
        match focus {
            KeyFocus::Canvas => true,
            KeyFocus::NoteText => anywhere || next_note,
            KeyFocus::OtherField => anywhere || history,
        }
    }

    /// Arrow keys nudge notes while editing and step through the tour while presenting.
    pub fn mode(self) -> Mode {
        match self {
            Command::NextStop
            | Command::PreviousStop
            | Command::FirstStop
            | Command::LastStop
            | Command::GoToBlock(_)
            | Command::Spotlight => Mode::Presenting,
            Command::Nudge(_) | Command::NudgeFine(_) => Mode::NotPresenting,
            _ => Mode::Always,
        }
    }

    /// Whether a plain letter (Shift at most) gives this command: those keys are also what
    /// typing presses, so typing on the board must not set them off (see `ui/app/keys.rs`).
    pub fn by_letter(self) -> bool {
        self.shortcuts().iter().any(is_letter)
    }

    /// The main shortcut as text for menus, e.g. "Ctrl+Shift+S".
    pub fn shortcut_text(self, ctx: &eframe::egui::Context) -> Option<String> {
        self.shortcuts().first().map(|s| ctx.format_shortcut(s))
    }

    /// Every shortcut in the order to match key presses against: more modifiers first, because
    /// egui matches a shortcut even when Shift is held in addition (Ctrl+Z would otherwise
    /// swallow Ctrl+Shift+Z).
    pub fn dispatch_order() -> Vec<(Command, KeyboardShortcut)> {
        let mut all: Vec<(Command, KeyboardShortcut)> = Command::ALL
            .iter()
            .flat_map(|&c| c.shortcuts().into_iter().map(move |s| (c, s)))
            .collect();
        all.dedup();
        all.sort_by_key(|(_, s)| {
            let m = s.modifiers;
            std::cmp::Reverse(u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl))
        });
        all
    }

    /// The commands a shortcut is bound to, in table order (at most one of them is available at
    /// a time; see `mode`).
    pub fn bound_to(shortcut: KeyboardShortcut) -> impl Iterator<Item = Command> {
        Command::ALL
            .into_iter()
            .filter(move |c| c.shortcuts().contains(&shortcut))
    }
}

/// A letter key with no modifier but Shift: what typing text presses.
pub fn is_letter(s: &KeyboardShortcut) -> bool {
    let m = s.modifiers;
    !(m.ctrl || m.command || m.alt || m.mac_cmd)
        && s.logical_key.name().len() == 1
        && s.logical_key
            .name()
            .chars()
            .all(|c| c.is_ascii_alphabetic())
}

/// A key as people write it: "→", "PageDown", "F5", "Ctrl+Shift+S" (`Cmd` on macOS).
pub fn key_text(s: &KeyboardShortcut, mac: bool) -> String {
    let key = match s.logical_key {
        Key::ArrowLeft => "←",
        Key::ArrowRight => "→",
        Key::ArrowUp => "↑",
        Key::ArrowDown => "↓",
        Key::Plus => "+",
        Key::Minus => "-",
        Key::Equals => "=",
        Key::Backslash => "\\",
        Key::Escape => "Esc",
        other => other.name(),
    };
    let mut parts = Vec::new();
    let m = s.modifiers;
    if m.command || m.ctrl {
        parts.push(if mac { "Cmd" } else { "Ctrl" });
    }
    if m.alt {
        parts.push(if mac { "Option" } else { "Alt" });
    }
    if m.shift {
        parts.push("Shift");
    }
    parts.push(key);
    parts.join("+")
}

/// One row of the shortcut list.
pub struct HelpRow {
    pub action: String,
    pub keys: HelpKeys,
}

/// What a row of the shortcut list says to press.
pub enum HelpKeys {
    /// Alternatives, each a group of keys: a family of commands (the four nudges, the nine block
    /// keys) is one group.
    Keys(Vec<Vec<String>>),
    /// A pointer gesture, in words.
    Gesture(&'static str),
}

impl HelpKeys {
    /// The keys as text, `code` wrapping each key (backticks for Markdown, nothing in the app).
    pub fn text(&self, code: impl Fn(&str) -> String) -> String {
        match self {
            HelpKeys::Gesture(words) => (*words).to_owned(),
            HelpKeys::Keys(alternatives) => alternatives
                .iter()
                .map(|group| match &group[..] {
                    // A long run of keys reads as its ends: "1 … 9".
                    [first, .., last] if group.len() > 4 => {
                        format!("{} … {}", code(first), code(last))
                    }
                    _ => group.iter().map(|k| code(k)).collect::<Vec<_>>().join(" "),
                })
                .collect::<Vec<_>>()
                .join(" or "),
        }
    }
}

/// The rows of the shortcut list: each command with keys, families of commands on one row, then
/// the pointer gestures.
pub fn help_rows(mac: bool) -> Vec<HelpRow> {
    let mut rows: Vec<HelpRow> = Vec::new();
    for cmd in Command::ALL {
        let keys: Vec<String> = cmd.shortcuts().iter().map(|s| key_text(s, mac)).collect();
        if keys.is_empty() {
            continue;
        }
        match rows.last_mut() {
            // A family shares its label: its keys join the row's one group.
            Some(HelpRow {
                action,
                keys: HelpKeys::Keys(groups),
            }) if action == cmd.label() => {
                if let Some(group) = groups.first_mut() {
                    group.extend(keys);
                }
            }
            _ => rows.push(HelpRow {
                action: cmd.label().to_owned(),
                keys: HelpKeys::Keys(keys.into_iter().map(|k| vec![k]).collect()),
            }),
        }
    }
    rows.extend(GESTURES.iter().map(|(action, words)| HelpRow {
        action: (*action).to_owned(),
        keys: HelpKeys::Gesture(words),
    }));
    rows
}

/// README's shortcut table, as Markdown.
pub fn markdown_table() -> String {
    let mut out = String::from("| Action | Keys |\n|---|---|\n");
    for row in help_rows(false) {
        let keys = row.keys.text(|k| format!("`{k}`"));
        out.push_str(&format!("| {} | {keys} |\n", row.action));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_serves_two_commands_at_once() {
        let all = Command::dispatch_order();
        for (i, (a, sa)) in all.iter().enumerate() {
            for (b, sb) in &all[i + 1..] {
                let apart = matches!(
                    (a.mode(), b.mode()),
                    (Mode::Presenting, Mode::NotPresenting)
                        | (Mode::NotPresenting, Mode::Presenting)
                );
                assert!(sa != sb || apart, "{a:?} and {b:?} share a shortcut");
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

    #[test]
    fn families_share_a_row() {
        let rows = help_rows(false);
        let row = |label: &str| {
            let row = rows.iter().find(|r| r.action == label).unwrap();
            row.keys.text(|k| k.to_owned())
        };
        assert_eq!(row("Go to block 1–9 (presenting)"), "1 … 9");
        assert_eq!(row("Nudge the selection"), "← → ↑ ↓");
        assert_eq!(row("Redo"), "Ctrl+Shift+Z or Ctrl+Y");
        assert_eq!(row("Save as…"), "Ctrl+Shift+S");
        assert_eq!(key_text(&key(CMD, Key::S), true), "Cmd+S");
    }

    #[test]
    fn readme_lists_the_command_table() {
        let readme = include_str!("../../README.md");
        let table = markdown_table();
        assert!(
            readme.contains(&table),
            "README's shortcut table differs from the command table; it should read:\n\n{table}"
        );
    }
}
