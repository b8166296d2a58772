//! Key presses become actions: each press of a key the command table binds, in the order pressed,
//! and the platform's clipboard events. Which command a key serves is decided when it is applied,
//! so a press that follows F5 in the same frame already steps through the presentation.

use eframe::egui::{self, Event, KeyboardShortcut};

use super::TandemApp;
use crate::ui::action::Action;
use crate::ui::commands::{Command, KeyFocus};

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
        let mut restart_nudge = ctx.input(|i| i.pointer.any_pressed());
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
                        shortcut.map(Action::Key)
                    }
                    Event::Copy | Event::Cut if focus == KeyFocus::Canvas => {
                        let cmd = if matches!(event, Event::Copy) {
                            Command::Copy
                        } else {
                            Command::Cut
                        };
                        cmd.shortcuts().first().copied().map(Action::Key)
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
}
