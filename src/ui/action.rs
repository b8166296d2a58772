//! What the window's parts ask for. The canvas, panels, menus, modals, overlays and keys read the
//! app's state through [`crate::ui::context::UiCtx`] and push [`Action`]s; the app applies them in
//! one place, at the start of the next frame, then reconciles what depends on the board (the
//! selection, the note being typed into, the partner lens, the status line). A network source (the
//! room) will send the same values.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use eframe::egui::KeyboardShortcut;

use crate::io::Template;
use crate::model::{
    Axis, Edit, FlowId, FlowKindId, MergeKey, NoteColor, NoteId, PartnerId, Point, Rect,
};
use crate::room::ParticipantId;
use crate::ui::commands::Command;
use crate::ui::export::ExportJob;
use crate::ui::modals::Modal;

/// What to do once unsaved changes have been dealt with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Then {
    NewBoard(Template),
    Open,
    Close,
    /// Import a JSON Canvas file as a new board.
    Import,
    /// Restore the board of offered recovery copy `i`.
    Restore(usize),
}

/// What a file dialog is for.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    Open,
    SaveAs(Option<Then>),
    Export(ExportJob),
    Import,
}

/// A line in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// One thing the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A command from a menu or a button.
    Command(Command),
    /// A key press bound in the command table. It runs the command the key serves when it is
    /// applied, if the keyboard still belongs to the board then (an earlier press may have opened
    /// a dialog or a note's text), so every press counts and none goes astray. `typing`: a letter
    /// pressed hard on the heels of another, mid-word, which does not switch a mode.
    Key {
        shortcut: KeyboardShortcut,
        typing: bool,
    },
    /// More letters followed a letter key at typing speed: a mode that key just switched is
    /// switched back (a sentence typed on the board is not a string of commands).
    TypingGoesOn,
    /// A change to the board: one undo step, or part of the last one when `merge` matches.
    Edit {
        label: String,
        edit: Edit,
        merge: Option<MergeKey>,
    },
    /// Ends the undo step being merged into (a text field lost focus, a drag ended).
    Seal,
    /// A new note centred near this board point, opened for typing.
    NewNoteAt(Point),
    /// Starts typing into a note.
    EditNote(NoteId),
    /// Ends typing into this note (if it is still the one being edited).
    StopEditing(NoteId),
    /// Draws a flow from one note to another, of the kind chosen last, and selects it.
    NewFlow {
        from: NoteId,
        to: NoteId,
    },
    /// Starts typing a flow's label.
    EditFlowLabel(FlowId),
    /// Ends typing this flow's label (if it is still the one being edited).
    StopEditingLabel(FlowId),
    /// Gives the selected flow a kind (or none), and the flows drawn next.
    SetFlowKind(Option<FlowKindId>),
    AddFlowKind,
    /// Pastes notes at a board point: `text` from the system clipboard, or the last notes copied.
    Paste {
        text: Option<String>,
        at: Point,
    },
    /// Colours the selection, and the notes made next.
    SetColor(NoteColor),
    /// Tags the selection with a partner, or none.
    TagSelection(Option<PartnerId>),
    AddPartner,
    /// Removes a journey stage or row; its notes move below the lane, and the view shows them.
    RemoveTrack(Axis, usize),
    /// A dot added (`+1`) or taken back (`-1`) in a voting round.
    Vote {
        note: NoteId,
        delta: i32,
    },
    /// Tidies the block or journey cell at this board point.
    Tidy(Point),
    /// Flies to show this board area.
    ZoomTo(Rect),
    /// Selects these notes in place of the selection.
    SelectNotes(std::collections::BTreeSet<NoteId>),
    SetLens(Option<PartnerId>),
    /// Turns the selected notes face down (hidden from the projector and the room) or up.
    FaceDown(bool),
    /// Opens the room on this address.
    OpenRoom(SocketAddr),
    LockRoom(bool),
    RemoveParticipant(ParticipantId),
    /// Shows the room's card large (QR code and join code) or only as a count.
    RoomCard(bool),
    SetTimer(Duration),
    /// Does `then`, asking about unsaved changes first.
    Request(Then),
    /// Does `then`; unsaved changes were dealt with (discarded, or saved first).
    Proceed(Then),
    /// Saves, then does `then`.
    Save(Option<Then>),
    /// Saves over a file another program changed.
    Overwrite(Option<Then>),
    /// Shows a file dialog.
    ChooseFile(Purpose),
    /// A path chosen in a dialog (which asked before replacing a file), or confirmed.
    PathChosen(Purpose, PathBuf),
    /// A path typed when no dialog could be shown: replacing a file there is asked about first.
    PathTyped(Purpose, PathBuf),
    /// Asks where to write an export, then writes it in the background.
    Export(ExportJob),
    ShowModal(Modal),
    Info(String),
    Error(String),
    /// Closes the banner of a file that could not be opened.
    DismissOpenError,
    /// Deletes offered recovery copy `i`.
    DiscardRecovery(usize),
    /// Keeps the offered recovery copies for the next start.
    DecideLater,
}

impl Action {
    /// An edit with its undo label, outside any merged step.
    pub fn edit(label: impl Into<String>, edit: Edit) -> Self {
        Action::Edit {
            label: label.into(),
            edit,
            merge: None,
        }
    }
}

/// Where the window's parts send their actions this frame.
pub type Actions = Vec<Action>;
