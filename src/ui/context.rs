//! The read-only view of the app that every part of the window draws from. Parts read through
//! [`UiCtx`] and send [`crate::ui::action::Action`]s; none of them holds the app itself.

use crate::io::recovery::Recovered;
use crate::model::{Board, Document, analysis};
use crate::ui::action::Status;
use crate::ui::canvas::Canvas;
use crate::ui::commands::{Command, Mode};
use crate::ui::room::RoomLink;
use crate::ui::settings::{Settings, Theme};
use crate::ui::style::Palette;
use crate::ui::workshop::Workshop;

/// What the window's parts may read this frame.
pub struct UiCtx<'a> {
    pub doc: &'a Document,
    /// The board file's name as the title bar shows it.
    pub file_name: String,
    pub canvas: &'a Canvas,
    pub workshop: &'a Workshop,
    pub settings: &'a Settings,
    pub status: Option<&'a Status>,
    pub side_panel: bool,
    /// Notes were copied in this window, so the menus' Paste has something to paste.
    pub has_copy: bool,
    /// Boards a crash left behind, offered for restoring.
    pub offered: &'a [Recovered],
    /// The room, while it is open.
    pub room: Option<&'a RoomLink>,
}

impl UiCtx<'_> {
    pub fn board(&self) -> &Board {
        self.doc.board()
    }

    pub fn palette(&self) -> Palette {
        Palette::for_theme(self.settings.theme)
    }

    /// Whether a command can run now (menus grey out the rest).
    pub fn enabled(&self, cmd: Command) -> bool {
        let has_selection = !self.canvas.selection.is_empty();
        let flow_selected = self.canvas.flow_selection.is_some();
        let presenting = self.workshop.present.is_some();
        let in_mode = match cmd.mode() {
            Mode::Always => true,
            Mode::Presenting => presenting,
            Mode::NotPresenting => !presenting,
        };
        in_mode
            && match cmd {
                Command::Undo => self.doc.undo_label().is_some(),
                Command::Redo => self.doc.redo_label().is_some(),
                Command::Cut | Command::Copy | Command::Duplicate | Command::ZoomToSelection => {
                    has_selection
                }
                Command::Delete => has_selection || flow_selected,
                Command::Nudge(_) | Command::NudgeFine(_) => has_selection,
                Command::Paste => self.has_copy,
                Command::EditNote => {
                    (self.canvas.focus_note().is_some() || flow_selected) && !self.workshop.voting
                }
                Command::NewFlow => self.canvas.selection.len() == 2 && !self.workshop.voting,
                Command::NextNoteRight | Command::NextNoteLeft | Command::NextNoteBelow => {
                    self.canvas.focus_note().is_some() && !self.workshop.voting
                }
                Command::GoToBlock(n) => usize::from(n) < self.board().blocks().len(),
                Command::PartnerLens => !self.board().partners().is_empty(),
                Command::ResetVotes | Command::ArrangeByVotes => {
                    analysis::dots_used(self.board()) > 0
                }
                Command::OpenRoom => self.room.is_none(),
                Command::CloseRoom => self.room.is_some(),
                Command::Reveal => self.board().notes().iter().any(|n| n.face_down),
                _ => true,
            }
    }

    /// Whether a toggle command is on, for check marks in menus.
    pub fn is_on(&self, cmd: Command) -> bool {
        match cmd {
            Command::Present => self.workshop.present.is_some(),
            Command::Spotlight => self.workshop.present.as_ref().is_some_and(|p| p.spotlight),
            Command::VotingRound => self.workshop.voting,
            Command::PartnerLens => self.workshop.lens.is_some(),
            Command::DarkTheme => self.settings.theme == Theme::Dark,
            Command::LargeText => self.settings.large_text,
            Command::ToggleSidePanel => self.side_panel,
            Command::SilentWriting => self.workshop.silent,
            _ => false,
        }
    }
}
