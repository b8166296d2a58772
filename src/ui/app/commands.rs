//! What each command of the command table does.

use eframe::egui::{self, ViewportCommand};

use super::TandemApp;
use crate::model::{Rect, analysis, arrange, ops, ops::Direction};
use crate::ui::action::Then;
use crate::ui::commands::Command;
use crate::ui::modals::Modal;
use crate::ui::present::{self, Presentation};
use crate::ui::settings::Theme;
use crate::ui::style::{canvas_size, screen_size};

impl TandemApp {
    pub(super) fn run(&mut self, ctx: &egui::Context, cmd: Command) {
        let board_cmd = !matches!(
            cmd,
            Command::NewBoard | Command::Open | Command::Save | Command::SaveAs | Command::Quit
        );
        if board_cmd {
            self.chrome.status = None;
        }
        match cmd {
            Command::NewBoard => self.chrome.modal = Some(Modal::ChooseTemplate),
            Command::Open => self.request(ctx, Then::Open),
            Command::Save => self.save(ctx, None),
            Command::SaveAs => self.start_dialog(ctx, crate::ui::action::Purpose::SaveAs(None)),
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::Undo | Command::Redo => {
                self.stop_editing();
                let done = if cmd == Command::Undo {
                    self.file.doc.undo()
                } else {
                    self.file.doc.redo()
                };
                match done {
                    Some(label) => self.info(format!("{}: {label}", cmd.label())),
                    None => self.info(format!("Nothing to {}", cmd.label().to_lowercase())),
                }
            }
            Command::Cut => {
                self.copy(ctx);
                self.delete_selection();
            }
            Command::Copy => self.copy(ctx),
            Command::Paste => {
                if let Some(text) = self.services.last_copy.clone() {
                    let at = self.paste_point(ctx);
                    self.paste(&text, at);
                }
            }
            Command::Duplicate => self.duplicate_selection(),
            Command::Delete => self.delete_selection(),
            Command::SelectAll => self.canvas.select_all(self.file.doc.board()),
            Command::NewNote => {
                let at = self.paste_point(ctx);
                self.new_note(at);
            }
            Command::EditNote => {
                if let Some(id) = self.canvas.focus_note() {
                    self.edit_note(id);
                } else if let Some(id) = self.canvas.flow_selection {
                    self.canvas.edit_label(self.file.doc.board(), id);
                }
            }
            Command::NewFlow => self.flow_from_selection(),
            Command::NextNoteRight => self.next_note(Direction::Right),
            Command::NextNoteLeft => self.next_note(Direction::Left),
            Command::NextNoteBelow => self.next_note(Direction::Down),
            Command::Escape => {
                if self.workshop.present.is_some() {
                    self.toggle_presentation(ctx);
                } else if self.workshop.voting {
                    self.run(ctx, Command::VotingRound);
                } else {
                    self.canvas.clear_selection();
                }
            }
            Command::Nudge(d) | Command::NudgeFine(d) => {
                let step = if matches!(cmd, Command::NudgeFine(_)) {
                    screen_size::NUDGE_FINE
                } else {
                    screen_size::NUDGE
                };
                let (dx, dy) = d.vector();
                self.nudge(dx * step, dy * step);
            }
            Command::ZoomIn => self.canvas.zoom_by(1.25),
            Command::ZoomOut => self.canvas.zoom_by(0.8),
            Command::ZoomToFit => self.canvas.zoom_to_fit(),
            Command::ZoomToSelection => {
                let board = self.file.doc.board();
                let rects: Vec<Rect> = self.canvas.selected_notes(board).map(|n| n.rect).collect();
                if let Some(r) = Rect::bounding(rects.iter()) {
                    self.canvas.zoom_to(&r);
                }
            }
            Command::ToggleSidePanel => self.chrome.side_panel = !self.chrome.side_panel,
            Command::Present => self.toggle_presentation(ctx),
            Command::Fullscreen => {
                let chrome = &mut self.chrome;
                chrome.fullscreen =
                    !ctx.input(|i| i.viewport().fullscreen.unwrap_or(chrome.fullscreen));
                ctx.send_viewport_cmd(ViewportCommand::Fullscreen(chrome.fullscreen));
            }
            Command::NextStop | Command::PreviousStop => {
                let by = if cmd == Command::NextStop { 1 } else { -1 };
                if let Some(p) = &mut self.workshop.present {
                    let stop = p.step(self.file.doc.board(), by);
                    self.go_to_stop(stop);
                }
            }
            Command::FirstStop | Command::LastStop => {
                if let Some(p) = &mut self.workshop.present {
                    let stop = p.go_to_end(self.file.doc.board(), cmd == Command::LastStop);
                    self.go_to_stop(stop);
                }
            }
            Command::GoToBlock(n) => {
                if let Some(p) = &mut self.workshop.present {
                    let stop = p.jump_to_block(self.file.doc.board(), usize::from(n));
                    self.go_to_stop(stop);
                }
            }
            Command::Spotlight => {
                if let Some(p) = &mut self.workshop.present {
                    p.spotlight = !p.spotlight;
                }
            }
            Command::TimerStartPause => {
                let now = self.workshop.clock.now();
                self.workshop.timer.toggle(now);
            }
            Command::TimerReset => self.workshop.timer.reset(),
            Command::VotingRound => self.toggle_voting(),
            Command::PartnerLens => {
                let partners = self.file.doc.board().partners();
                let next = match self
                    .workshop
                    .lens
                    .and_then(|l| partners.iter().position(|p| p.id == l))
                {
                    None => partners.first(),
                    Some(i) => partners.get(i + 1),
                };
                self.workshop.lens = next.map(|p| p.id);
            }
            Command::Tidy => self.tidy(ctx),
            Command::ArrangeByVotes => {
                let arranged =
                    arrange::arrange_by_votes(self.file.doc.board(), canvas_size::BLOCK_HEADER);
                self.apply_arranged("Arrange by votes", arranged);
            }
            Command::ResetVotes => {
                let n = analysis::dots_used(self.file.doc.board());
                if let Some(edit) = ops::reset_votes(self.file.doc.board()) {
                    self.edit("Reset votes", edit, None);
                    self.info(format!(
                        "Took {n} dots off the board (Ctrl+Z puts them back)"
                    ));
                }
            }
            Command::DarkTheme => self.change_settings(|s| {
                s.theme = if s.theme == Theme::Dark {
                    Theme::Light
                } else {
                    Theme::Dark
                };
            }),
            Command::LargeText => self.change_settings(|s| s.large_text = !s.large_text),
            Command::OpenRoom => {
                self.chrome.modal = Some(Modal::OpenRoom {
                    choices: crate::ui::room::address_choices(),
                    chosen: 0,
                });
            }
            Command::CloseRoom => self.close_room(),
            Command::SilentWriting => {
                self.workshop.silent = !self.workshop.silent;
                self.info(if self.workshop.silent {
                    "Silent writing: notes from the room arrive face down until Reveal"
                } else {
                    "Notes from the room now arrive face up"
                });
            }
            Command::Reveal => {
                if let Some(edit) = crate::model::room::reveal_all(self.file.doc.board()) {
                    self.edit("Reveal held notes", edit, None);
                }
            }
        }
    }

    /// Changes a setting and remembers it for the next run.
    fn change_settings(&mut self, change: impl FnOnce(&mut crate::ui::settings::Settings)) {
        change(&mut self.services.settings);
        if let Err(e) = self.services.settings_store.save(&self.services.settings) {
            self.error(e);
        }
    }

    fn toggle_voting(&mut self) {
        let workshop = &mut self.workshop;
        workshop.voting = !workshop.voting;
        if workshop.voting {
            self.stop_editing();
            // Everyone watches the dots now, and those who came have joined: the QR card folds to
            // its one line, off the notes.
            if let Some(link) = &mut self.services.room {
                link.expanded = false;
            }
            self.info("Dot voting: click a note to add a dot, right-click to take one back");
        } else {
            self.info(format!(
                "Voting round finished: {} dots placed",
                analysis::dots_used(self.file.doc.board())
            ));
        }
    }

    /// Tidies the selection, or the block under the pointer (or being presented).
    fn tidy(&mut self, ctx: &egui::Context) {
        let ids = self.canvas.selected();
        let board = self.file.doc.board();
        if ids.len() >= 2 {
            let arranged = arrange::tidy_notes(board, &ids);
            self.apply_arranged("Tidy selection", arranged);
        } else {
            let at = self
                .workshop
                .present
                .as_ref()
                .and_then(|p| p.current(board))
                .and_then(|s| s.area(board))
                .map(|a| a.center())
                .unwrap_or_else(|| self.paste_point(ctx));
            self.tidy_at(at);
        }
    }

    /// Presenting starts on the whole board; leaving comes back to the view there was before.
    fn toggle_presentation(&mut self, ctx: &egui::Context) {
        if let Some(p) = self.workshop.present.take() {
            self.canvas.set_view(p.return_to);
            self.info("Left presentation mode");
        } else {
            self.stop_editing();
            let now = ctx.input(|i| i.time);
            self.workshop.present = Some(Presentation::new(now, self.canvas.view));
            self.canvas.zoom_to_fit();
        }
    }

    /// Flies to a presentation stop.
    fn go_to_stop(&mut self, stop: Option<present::Stop>) {
        if let Some(area) = stop.and_then(|s| s.view_area(self.file.doc.board())) {
            self.canvas.zoom_to(&area);
        }
    }

    /// Where pasted or new notes go: under the pointer if it is on the canvas, else mid-screen.
    pub(super) fn paste_point(&self, ctx: &egui::Context) -> crate::model::Point {
        self.canvas
            .pointer_point(ctx)
            .unwrap_or_else(|| self.canvas.view_center())
    }
}
