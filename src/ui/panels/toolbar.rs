//! The toolbar: new note, colours, partner tag, undo/redo/delete, present, vote, the timer and
//! the room.

use eframe::egui::{self, RichText};

use super::tool_button;
use crate::model::{NoteColor, PartnerId};
use crate::ui::accessible_name;
use crate::ui::action::{Action, Actions};
use crate::ui::canvas::color_swatch;
use crate::ui::commands::Command;
use crate::ui::context::UiCtx;
use crate::ui::style;
use crate::ui::timer;

/// The lowest window that shows the toolbar.
pub(super) const MIN_WINDOW_HEIGHT: f32 = 360.0;

pub(super) fn show(ui: &mut egui::Ui, cx: &UiCtx<'_>, timer_input: &mut String, out: &mut Actions) {
    egui::Panel::top("toolbar").show(ui, |ui| {
        // Wraps onto a second line rather than running off a narrow window.
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(RichText::new("+ Note").strong())
                .on_hover_text("New note (N, or double-click the canvas)")
                .clicked()
            {
                out.push(Action::Command(Command::NewNote));
            }
            ui.separator();
            let current = selection_color(cx).unwrap_or(cx.canvas.new_color);
            let palette = cx.palette();
            for c in NoteColor::ALL {
                if color_swatch(ui, c, c == current, &palette)
                    .on_hover_text(format!(
                        "{} (applies to the selected notes and new notes)",
                        c.name()
                    ))
                    .clicked()
                {
                    out.push(Action::SetColor(c));
                }
            }
            ui.separator();
            partner_picker(ui, cx, out);
            ui.separator();
            for cmd in [Command::Undo, Command::Redo, Command::Delete] {
                tool_button(ui, cx, cmd, cmd.label(), out);
            }
            ui.separator();
            tool_button(ui, cx, Command::Present, "Present", out);
            tool_button(ui, cx, Command::VotingRound, "Vote", out);
            let now = cx.workshop.clock.now();
            let (text, color) = crate::ui::present::timer_display(
                &cx.workshop.timer,
                now,
                ui.input(|i| i.time),
                ui.visuals().text_color(),
            );
            ui.menu_button(RichText::new(format!("Timer {text}")).color(color), |ui| {
                timer_menu(ui, cx, timer_input, out)
            });
            room_button(ui, cx, out);
        });
    });
}

/// "Room": opens the room (the address dialog) while it is closed; while it is open, shows or
/// folds the card with the QR code, for someone who comes in late. Closing the room stays in the
/// Workshop menu and the side panel, out of reach of a stray click.
fn room_button(ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
    let Some(link) = cx.room else {
        tool_button(ui, cx, Command::OpenRoom, "Room", out);
        return;
    };
    let tip = if link.expanded {
        "Fold the card with the room's QR code"
    } else {
        "Show the room's QR code and join code"
    };
    if ui
        .add(egui::Button::new("Room").selected(true))
        .on_hover_text(tip)
        .clicked()
    {
        out.push(Action::RoomCard(!link.expanded));
    }
}

/// The colour all selected notes share, if they share one.
fn selection_color(cx: &UiCtx<'_>) -> Option<NoteColor> {
    let mut colors = cx.canvas.selected_notes(cx.board()).map(|n| n.color);
    let first = colors.next()?;
    colors.all(|c| c == first).then_some(first)
}

/// Tags the selected notes with a partner.
fn partner_picker(ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
    let board = cx.board();
    let tags: Vec<Option<PartnerId>> = cx.canvas.selected_notes(board).map(|n| n.partner).collect();
    let shown = match tags.first() {
        None => "Partner…".to_owned(),
        Some(first) if tags.iter().all(|t| t == first) => first
            .and_then(|id| board.partner(id))
            .map_or("No partner".to_owned(), |p| p.name.clone()),
        Some(_) => "Several partners".to_owned(),
    };
    ui.add_enabled_ui(!tags.is_empty(), |ui| {
        egui::ComboBox::from_id_salt("partner-tag")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                if ui.selectable_label(false, "No partner").clicked() {
                    out.push(Action::TagSelection(None));
                }
                let palette = cx.palette();
                for p in board.partners() {
                    // The name in the text colour (a partner's own may not read on the popup),
                    // after a dot of its colour, ringed when that is close to the popup's.
                    let clicked = ui
                        .horizontal(|ui| {
                            let color = style::partner_color(p.color);
                            let (dot, _) = ui
                                .allocate_exact_size(egui::vec2(16.0, 16.0), egui::Sense::hover());
                            let ring =
                                style::partner_ring(color, ui.visuals().window_fill, &palette);
                            ui.painter().circle(dot.center(), 7.0, color, ring);
                            ui.selectable_label(false, &p.name).clicked()
                        })
                        .inner;
                    if clicked {
                        out.push(Action::TagSelection(Some(p.id)));
                    }
                }
            })
            .response
            .on_hover_text("Tag the selected notes with a partner");
    });
}

/// Presets, a typed length, start/pause and reset: in the Workshop menu and the toolbar.
pub(super) fn timer_menu(ui: &mut egui::Ui, cx: &UiCtx<'_>, input: &mut String, out: &mut Actions) {
    let now = cx.workshop.clock.now();
    let timer = &cx.workshop.timer;
    ui.label(RichText::new(format!("Timer {}", timer::format(timer.left(now)))).strong());
    ui.horizontal(|ui| {
        for minutes in timer::PRESETS {
            if ui.button(format!("{minutes} min")).clicked() {
                out.push(Action::SetTimer(std::time::Duration::from_secs(
                    minutes * 60,
                )));
            }
        }
    });
    ui.horizontal(|ui| {
        let field = egui::TextEdit::singleline(input)
            .desired_width(70.0)
            .hint_text("mm:ss");
        let resp = ui.add(field);
        accessible_name(&resp, "Timer length");
        let typed = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Set").clicked() || typed) && !input.trim().is_empty() {
            match timer::parse(input) {
                Some(d) => {
                    out.push(Action::SetTimer(d));
                    input.clear();
                }
                None => out.push(Action::Error(format!(
                    "\u{201c}{}\u{201d} is not a length: type minutes (5), m:ss (2:30) or h:mm:ss",
                    input.trim()
                ))),
            }
        }
    });
    let running = timer.phase(now) == timer::Phase::Running;
    ui.horizontal(|ui| {
        let start = if running { "Pause" } else { "Start" };
        for (text, cmd) in [
            (start, Command::TimerStartPause),
            ("Reset", Command::TimerReset),
        ] {
            let tip = cmd.shortcut_text(ui.ctx()).unwrap_or_default();
            if ui.button(text).on_hover_text(tip).clicked() {
                out.push(Action::Command(cmd));
            }
        }
    });
}
