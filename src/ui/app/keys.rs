//! Key presses become actions: each press of a key the command table binds, in the order pressed,
//! and the platform's clipboard events. Which command a key serves is decided when it is applied,
//! so a press that follows F5 in the same frame already steps through the presentation.
//!
//! Letters are commands too (N, V, T, S, L), and letters are what typing presses. A sentence typed
//! on the board with no note open (a double-click that missed) must not start a voting round or
//! the timer. Letters pressed one after another within half a second are a word as soon as one of
//! them is a letter no command takes (the `e` of "very"): from then on a command letter does
//! nothing, and the modes the word's first letters switched are switched back. Either way the
//! status line says why. Command letters alone in quick succession (V then L, L L L through the
//! partners, T T to start and pause) are no word: each counts.

use eframe::egui::{self, Event, KeyboardShortcut};

use super::TandemApp;
use crate::ui::action::Action;
use crate::ui::commands::{Command, KeyFocus, is_letter};
use crate::ui::workshop::Modes;

/// Letters pressed on the board closer together than this (seconds) are typing.
pub const TYPING_GAP: f64 = 0.5;

/// What tells typing from letter commands.
#[derive(Default)]
pub(super) struct TypingGuard {
    /// When the last plain letter was pressed on the board.
    last_letter: Option<f64>,
    /// The letters of the current burst include one no command takes: they are a word.
    word: bool,
    /// Modes letter keys just switched: when last, by which command, and the modes before the
    /// first of them.
    switched: Option<(f64, Command, Modes)>,
}

/// What the status line says when letters were taken for typing.
const TYPING_HINT: &str = "to write a note, double-click the board or press N first";

impl TandemApp {
    /// Where the keyboard goes this frame.
    pub(super) fn key_focus(&self, ctx: &egui::Context) -> KeyFocus {
        // The open editor, not egui's focus: egui drops focus on Esc before the frame's widgets
        // run, and that Esc must end typing, not reach the board (or leave presenting).
        if self.canvas.is_typing() {
            KeyFocus::NoteText
        } else if ctx.egui_wants_keyboard_input() {
            KeyFocus::OtherField
        } else {
            KeyFocus::Canvas
        }
    }

    /// Queues this frame's key presses that the command table binds (and that can apply where the
    /// keyboard is), taking them out of egui's input so no widget also acts on them.
    pub(super) fn read_keys(&mut self, ctx: &egui::Context) {
        if self.chrome.modal.is_some() {
            return;
        }
        let focus = self.key_focus(ctx);
        let order = Command::dispatch_order();
        let bound = |modifiers: egui::Modifiers, key: egui::Key| -> Option<KeyboardShortcut> {
            order
                .iter()
                .find(|(cmd, s)| {
                    s.logical_key == key
                        && modifiers.matches_logically(s.modifiers)
                        && cmd.applies_to(focus)
                })
                .map(|(_, s)| *s)
        };
        let paste_at = self.canvas.pointer_point(ctx);
        let (mut restart_nudge, now) = ctx.input(|i| (i.pointer.any_pressed(), i.time));
        let (mut last_letter, mut word) = (self.typing.last_letter, self.typing.word);
        let mut actions = Vec::new();
        ctx.input_mut(|i| {
            i.events.retain(|event| {
                let action = match event {
                    Event::Key {
                        key,
                        pressed: true,
                        modifiers,
                        ..
                    } => {
                        let shortcut = bound(*modifiers, *key);
                        // Arrow nudges in a row are one undo step; any other key starts a new one.
                        restart_nudge |= !shortcut
                            .iter()
                            .flat_map(|s| Command::bound_to(*s))
                            .any(|c| matches!(c, Command::Nudge(_) | Command::NudgeFine(_)));
                        let letter = focus == KeyFocus::Canvas
                            && is_letter(&KeyboardShortcut::new(*modifiers, *key));
                        let mut typing = false;
                        if letter {
                            let in_burst = last_letter.is_some_and(|t| now - t < TYPING_GAP);
                            word = (in_burst && word) || shortcut.is_none();
                            typing = in_burst && word;
                            last_letter = Some(now);
                        }
                        if typing {
                            actions.push(Action::TypingGoesOn);
                        }
                        shortcut.map(|shortcut| Action::Key { shortcut, typing })
                    }
                    Event::Copy | Event::Cut if focus == KeyFocus::Canvas => {
                        let cmd = if matches!(event, Event::Copy) {
                            Command::Copy
                        } else {
                            Command::Cut
                        };
                        let shortcut = cmd.shortcuts().first().copied();
                        shortcut.map(|shortcut| Action::Key {
                            shortcut,
                            typing: false,
                        })
                    }
                    Event::Paste(text) if focus == KeyFocus::Canvas => Some(Action::Paste {
                        text: Some(text.clone()),
                        at: paste_at.unwrap_or_else(|| self.canvas.view_center()),
                    }),
                    _ => None,
                };
                let keep = action.is_none();
                actions.extend(action);
                keep
            });
        });
        (self.typing.last_letter, self.typing.word) = (last_letter, word);
        if restart_nudge {
            self.nudge_merge = None;
        }
        if focus == KeyFocus::Canvas && !actions.is_empty() {
            // egui read Tab and the arrows before this frame's widgets ran and would hand focus to
            // the first field of the menus or side panel: keys the board takes stay on the board.
            ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        }
        self.queue.extend(actions);
    }

    /// A key press from the queue: the command it serves now, if the keyboard still belongs to it.
    /// A letter pressed mid-word switches nothing; a mode a lone letter switches is remembered, to
    /// be switched back if typing goes on.
    pub(super) fn key(&mut self, ctx: &egui::Context, shortcut: KeyboardShortcut, typing: bool) {
        if self.chrome.modal.is_some() {
            return;
        }
        let focus = self.key_focus(ctx);
        let cx = self.ctx();
        let Some(cmd) = Command::bound_to(shortcut).find(|c| c.applies_to(focus) && cx.enabled(*c))
        else {
            return;
        };
        if !cmd.by_letter() {
            self.run(ctx, cmd);
            return;
        }
        if typing {
            self.info(format!(
                "That looked like typing, so {} did nothing: {TYPING_HINT}",
                crate::ui::commands::key_text(&shortcut, false)
            ));
            return;
        }
        let now = ctx.input(|i| i.time);
        let before = match self.typing.switched.take() {
            // Another switch in the same burst: going back goes back before the first.
            Some((at, _, first)) if now - at < TYPING_GAP => first,
            _ => self.workshop.modes(),
        };
        self.run(ctx, cmd);
        if self.workshop.modes() != before {
            self.typing.switched = Some((now, cmd, before));
        }
    }

    /// A word is being typed: the modes its first letters switched go back as they were.
    pub(super) fn typing_goes_on(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if let Some((at, cmd, before)) = self.typing.switched.take()
            && now - at < TYPING_GAP
        {
            self.workshop.restore(before);
            self.info(format!(
                "That looked like typing, so \u{201c}{}\u{201d} is undone: {TYPING_HINT}",
                cmd.label()
            ));
        }
    }
}
