//! The chrome around the canvas: menu bar, toolbar, side panel, status bar and the error banner.

use eframe::egui::{self, Button, Color32, RichText, Sense};

use crate::io::Template;
use crate::model::ops;
use crate::model::partner::PARTNER_COLORS;
use crate::model::{Axis, MergeKey, NoteColor, PartnerId};
use crate::ui::accessible_name;
use crate::ui::app::{TandemApp, Then};
use crate::ui::canvas::color_swatch;
use crate::ui::commands::Command;
use crate::ui::export;
use crate::ui::style;
use crate::ui::timer;

fn command_items(app: &mut TandemApp, ui: &mut egui::Ui, cmds: &[Command]) {
    for &cmd in cmds {
        command_item(app, ui, cmd);
    }
}

/// A menu entry for a command, with its shortcut, greyed out when it cannot run.
fn command_item(app: &mut TandemApp, ui: &mut egui::Ui, cmd: Command) {
    let mut button = Button::new(cmd.label()).selected(app.is_on(cmd));
    if let Some(text) = cmd.shortcut_text(ui.ctx()) {
        button = button.shortcut_text(text);
    }
    if ui.add_enabled(app.enabled(cmd), button).clicked() {
        let ctx = ui.ctx().clone();
        app.run(&ctx, cmd);
        ui.close();
    }
}

pub fn menu_bar(app: &mut TandemApp, ui: &mut egui::Ui) {
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                ui.menu_button("New board", |ui| {
                    for t in Template::ALL {
                        if ui.button(t.label()).clicked() {
                            let ctx = ui.ctx().clone();
                            app.request(&ctx, Then::NewBoard(t));
                            ui.close();
                        }
                    }
                });
                command_items(app, ui, &[Command::Open, Command::Save, Command::SaveAs]);
                ui.separator();
                let ctx = ui.ctx().clone();
                if ui.button("Import JSON Canvas…").clicked() {
                    app.request(&ctx, Then::Import);
                    ui.close();
                }
                let job = ui
                    .menu_button("Export", |ui| export::menu(ui, app.doc.board()))
                    .inner
                    .flatten();
                if let Some(job) = job {
                    app.export(&ctx, job);
                }
                ui.separator();
                command_item(app, ui, Command::Quit);
            });
            ui.menu_button("Edit", |ui| {
                command_items(app, ui, &[Command::Undo, Command::Redo]);
                ui.separator();
                command_items(
                    app,
                    ui,
                    &[
                        Command::Cut,
                        Command::Copy,
                        Command::Paste,
                        Command::Duplicate,
                        Command::Delete,
                    ],
                );
                ui.separator();
                command_items(
                    app,
                    ui,
                    &[Command::SelectAll, Command::NewNote, Command::EditNote],
                );
            });
            ui.menu_button("View", |ui| {
                command_items(
                    app,
                    ui,
                    &[
                        Command::ZoomIn,
                        Command::ZoomOut,
                        Command::ZoomToFit,
                        Command::ZoomToSelection,
                        Command::ToggleSidePanel,
                    ],
                );
                ui.separator();
                command_items(
                    app,
                    ui,
                    &[
                        Command::Present,
                        Command::Fullscreen,
                        Command::DarkTheme,
                        Command::LargeText,
                    ],
                );
                ui.menu_button("Partner lens", |ui| {
                    if ui
                        .add(Button::new("Off").selected(app.lens.is_none()))
                        .clicked()
                    {
                        app.lens = None;
                        ui.close();
                    }
                    let partners = app.doc.board().partners().to_vec();
                    for p in partners {
                        if ui
                            .add(Button::new(&p.name).selected(app.lens == Some(p.id)))
                            .clicked()
                        {
                            app.lens = Some(p.id);
                            ui.close();
                        }
                    }
                });
                ui.separator();
                ui.menu_button("Go to", |ui| {
                    if go_to_list(app, ui) {
                        ui.close();
                    }
                });
            });
            ui.menu_button("Workshop", |ui| {
                command_item(app, ui, Command::Present);
                ui.separator();
                timer_menu(app, ui);
                ui.separator();
                command_items(
                    app,
                    ui,
                    &[
                        Command::VotingRound,
                        Command::ArrangeByVotes,
                        Command::ResetVotes,
                    ],
                );
                ui.separator();
                command_item(app, ui, Command::Tidy);
            });
            ui.menu_button("Help", |ui| {
                ui.label(RichText::new("Keyboard shortcuts").strong());
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for cmd in Command::ALL {
                        if let Some(text) = cmd.shortcut_text(ui.ctx()) {
                            ui.label(cmd.label());
                            ui.label(text);
                            ui.end_row();
                        }
                    }
                    for (what, keys) in [
                        ("Move selected notes", "Arrow keys (Shift: fine)"),
                        ("Pan", "Scroll, middle-drag, or Space+drag"),
                        ("Zoom", "Ctrl+scroll or pinch"),
                        ("Stop typing", "Esc, or click outside"),
                        ("Go to block (presenting)", "1 … 9"),
                        ("Leave presentation", "Esc"),
                    ] {
                        ui.label(what);
                        ui.label(keys);
                        ui.end_row();
                    }
                });
            });
        });
    });
}

pub fn toolbar(app: &mut TandemApp, ui: &mut egui::Ui) {
    egui::Panel::top("toolbar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let ctx = ui.ctx().clone();
            if ui
                .button(RichText::new("+ Note").strong())
                .on_hover_text("New note (N, or double-click the canvas)")
                .clicked()
            {
                app.run(&ctx, Command::NewNote);
            }
            ui.separator();
            let current = selection_color(app).unwrap_or(app.canvas.new_color);
            for c in NoteColor::ALL {
                if color_swatch(ui, c, c == current)
                    .on_hover_text(format!(
                        "{} (applies to the selected notes and new notes)",
                        c.name()
                    ))
                    .clicked()
                {
                    app.canvas.set_color(&mut app.doc, c);
                }
            }
            ui.separator();
            partner_picker(app, ui);
            ui.separator();
            for cmd in [Command::Undo, Command::Redo, Command::Delete] {
                tool_button(app, ui, cmd, cmd.label());
            }
            ui.separator();
            tool_button(app, ui, Command::Present, "Present");
            tool_button(app, ui, Command::VotingRound, "Vote");
            let now = app.clock.now();
            let (text, color) = crate::ui::present::timer_display(
                &app.timer,
                now,
                ui.input(|i| i.time),
                ui.visuals().text_color(),
            );
            ui.menu_button(RichText::new(format!("Timer {text}")).color(color), |ui| {
                timer_menu(app, ui)
            });
        });
    });
}

/// A toolbar button for a command, lit while the command's mode is on, with its key in the tooltip.
fn tool_button(app: &mut TandemApp, ui: &mut egui::Ui, cmd: Command, text: &str) {
    let ctx = ui.ctx().clone();
    let tip = match cmd.shortcut_text(&ctx) {
        Some(s) => format!("{} ({s})", cmd.label()),
        None => cmd.label().to_owned(),
    };
    let button = Button::new(text).selected(app.is_on(cmd));
    if ui
        .add_enabled(app.enabled(cmd), button)
        .on_hover_text(tip)
        .clicked()
    {
        app.run(&ctx, cmd);
    }
}

/// The colour all selected notes share, if they share one.
fn selection_color(app: &TandemApp) -> Option<NoteColor> {
    let mut colors = app
        .canvas
        .selection
        .iter()
        .filter_map(|id| app.doc.board().note(*id))
        .map(|n| n.color);
    let first = colors.next()?;
    colors.all(|c| c == first).then_some(first)
}

/// Tags the selected notes with a partner.
fn partner_picker(app: &mut TandemApp, ui: &mut egui::Ui) {
    let board = app.doc.board();
    let tags: Vec<Option<PartnerId>> = app
        .canvas
        .selection
        .iter()
        .filter_map(|id| board.note(*id))
        .map(|n| n.partner)
        .collect();
    let shown = match tags.first() {
        None => "Partner…".to_owned(),
        Some(first) if tags.iter().all(|t| t == first) => first
            .and_then(|id| board.partner(id))
            .map_or("No partner".to_owned(), |p| p.name.clone()),
        Some(_) => "Several partners".to_owned(),
    };
    let partners = board.partners().to_vec();
    ui.add_enabled_ui(!tags.is_empty(), |ui| {
        egui::ComboBox::from_id_salt("partner-tag")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                let mut choice = None;
                if ui.selectable_label(false, "No partner").clicked() {
                    choice = Some(None);
                }
                for p in &partners {
                    if ui
                        .selectable_label(
                            false,
                            RichText::new(&p.name).color(style::partner_color(p.color)),
                        )
                        .clicked()
                    {
                        choice = Some(Some(p.id));
                    }
                }
                if let Some(partner) = choice {
                    let edit = ops::set_partner(app.doc.board(), &app.canvas.selected(), partner);
                    app.doc.apply("Partner", edit, None);
                }
            })
            .response
            .on_hover_text("Tag the selected notes with a partner");
    });
}

/// The merge key for typing into field `id`: the same for one focus session of that field.
fn field_key(app: &mut TandemApp, id: egui::Id) -> MergeKey {
    match app.field_merge {
        Some((field, key)) if field == id => key,
        _ => {
            let key = MergeKey::fresh();
            app.field_merge = Some((id, key));
            key
        }
    }
}

/// A text field whose every change is an edit; one focus session is one undo step.
fn name_field(
    app: &mut TandemApp,
    ui: &mut egui::Ui,
    value: &str,
    width: f32,
    name: &str,
) -> Option<(String, MergeKey)> {
    let mut text = value.to_owned();
    let resp = ui.add(egui::TextEdit::singleline(&mut text).desired_width(width));
    accessible_name(&resp, name);
    if resp.lost_focus() {
        app.doc.seal();
        app.field_merge = None;
    }
    resp.changed().then(|| (text, field_key(app, resp.id)))
}

/// Fixed, so text fields cannot push the panel wider than the canvas can spare.
const SIDE_PANEL_WIDTH: f32 = 300.0;
/// Text fields have fixed widths that fit the panel: a width taken from the space available
/// would feed back into the panel's size and grow it every frame.
const TITLE_FIELD_WIDTH: f32 = 250.0;
/// A name field in a row that also holds a few small buttons.
const ROW_FIELD_WIDTH: f32 = 150.0;
/// A partner row also holds its colour, note count and lens button.
const PARTNER_FIELD_WIDTH: f32 = 110.0;

pub fn side_panel(app: &mut TandemApp, ui: &mut egui::Ui) {
    egui::Panel::right("board-panel")
        .exact_size(SIDE_PANEL_WIDTH)
        .resizable(false)
        .frame(egui::Frame::side_top_panel(ui.style()).inner_margin(egui::Margin::symmetric(12, 6)))
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.add_space(6.0);
                ui.heading("Board");
                let title = app.doc.board().title().to_owned();
                if let Some((t, key)) =
                    name_field(app, ui, &title, TITLE_FIELD_WIDTH, "Board title")
                {
                    app.doc
                        .apply("Rename board", crate::model::Edit::SetTitle(t), Some(key));
                }
                ui.add_space(10.0);
                partners_section(app, ui);
                ui.add_space(10.0);
                voting_section(app, ui);
                ui.add_space(10.0);
                blocks_section(app, ui);
                if app.doc.board().lane().is_some() {
                    ui.add_space(10.0);
                    lane_section(app, ui, Axis::Stage);
                    ui.add_space(6.0);
                    lane_section(app, ui, Axis::Row);
                }
            });
        });
}

fn partners_section(app: &mut TandemApp, ui: &mut egui::Ui) {
    ui.heading("Partners");
    let partners = app.doc.board().partners().to_vec();
    if partners.is_empty() {
        ui.label(RichText::new("Who do you partner with? Add them to tag notes.").italics());
    }
    for p in partners {
        ui.horizontal(|ui| {
            ui.push_id(p.id.0, |ui| {
                let (rect, resp) = ui.allocate_exact_size(egui::vec2(22.0, 22.0), Sense::click());
                accessible_name(&resp, &format!("Colour of {}", p.name));
                ui.painter()
                    .circle_filled(rect.center(), 10.0, style::partner_color(p.color));
                egui::Popup::menu(&resp).show(|ui| {
                    ui.horizontal(|ui| {
                        for c in PARTNER_COLORS {
                            let (r, swatch) =
                                ui.allocate_exact_size(egui::vec2(22.0, 22.0), Sense::click());
                            accessible_name(&swatch, &c.to_hex());
                            ui.painter()
                                .circle_filled(r.center(), 10.0, style::partner_color(c));
                            if swatch.clicked() {
                                if let Some(e) =
                                    ops::update_partner(app.doc.board(), p.id, &p.name, c)
                                {
                                    app.doc.apply("Partner colour", e, None);
                                }
                                ui.close();
                            }
                        }
                    });
                });
                let tagged = app
                    .doc
                    .board()
                    .notes()
                    .iter()
                    .filter(|n| n.partner == Some(p.id))
                    .count();
                if let Some((name, key)) =
                    name_field(app, ui, &p.name, PARTNER_FIELD_WIDTH, "Partner name")
                    && let Some(e) = ops::update_partner(app.doc.board(), p.id, &name, p.color)
                {
                    app.doc.apply("Rename partner", e, Some(key));
                }
                ui.label(RichText::new(tagged.to_string()).weak())
                    .on_hover_text("Notes tagged with this partner");
                let lens_on = app.lens == Some(p.id);
                if ui
                    .add(Button::new("Lens").small().selected(lens_on))
                    .on_hover_text(
                        "Highlight this partner's notes and show the journey stages it touches",
                    )
                    .clicked()
                {
                    app.lens = if lens_on { None } else { Some(p.id) };
                }
                if ui
                    .small_button("×")
                    .on_hover_text("Remove partner (its notes stay, untagged)")
                    .clicked()
                {
                    app.doc.apply(
                        "Remove partner",
                        ops::remove_partner(app.doc.board(), p.id),
                        None,
                    );
                }
            });
        });
    }
    if ui.button("+ Add partner").clicked() {
        let (edit, _) = ops::add_partner(app.doc.board_mut_for_ids(), "New partner");
        app.doc.apply("Add partner", edit, None);
    }
}

/// The voting round's settings, its controls, and the notes with the most dots.
fn voting_section(app: &mut TandemApp, ui: &mut egui::Ui) {
    ui.heading("Dot voting");
    let voting = app.doc.board().voting();
    let mut changed = voting;
    let responses = ui
        .horizontal(|ui| {
            ui.label("Dots per person");
            let dots = ui.add(egui::DragValue::new(&mut changed.dots_per_person).range(1..=50));
            accessible_name(&dots, "Dots per person");
            ui.label("People");
            let people = ui
                .add(egui::DragValue::new(&mut changed.people).range(0..=500))
                .on_hover_text("0: no limit on dots");
            accessible_name(&people, "People");
            [dots, people]
        })
        .inner;
    for r in &responses {
        // One drag or one typing session on a number is one undo step.
        if r.changed() {
            let key = field_key(app, r.id);
            app.doc.apply(
                "Voting settings",
                crate::model::Edit::SetVoting(changed),
                Some(key),
            );
        }
        if r.drag_stopped() || r.lost_focus() {
            app.doc.seal();
        }
    }
    ui.horizontal(|ui| {
        let label = if app.voting {
            "Finish voting"
        } else {
            "Start voting"
        };
        tool_button(app, ui, Command::VotingRound, label);
        tool_button(app, ui, Command::ArrangeByVotes, "Arrange by votes");
    });
    tool_button(app, ui, Command::ResetVotes, "Reset votes");
    let board = app.doc.board();
    let ranked: Vec<(u32, String, crate::model::Rect)> =
        crate::model::analysis::ranked_notes(board)
            .into_iter()
            .take(10)
            .map(|n| {
                (
                    n.votes,
                    n.text.lines().next().unwrap_or("").to_owned(),
                    n.rect,
                )
            })
            .collect();
    if !ranked.is_empty() {
        ui.label(RichText::new("Most votes").strong());
        for (votes, text, rect) in ranked {
            let short: String = text.chars().take(34).collect();
            let label = format!(
                "{votes} · {short}{}",
                if short.len() < text.len() { "…" } else { "" }
            );
            if ui
                .add(Button::new(label).frame(false))
                .on_hover_text("Zoom to this note")
                .clicked()
            {
                app.canvas.zoom_to(&rect);
            }
        }
    }
}

fn blocks_section(app: &mut TandemApp, ui: &mut egui::Ui) {
    ui.heading("Go to");
    go_to_list(app, ui);
}

/// A button for each block, the journey, and the whole board, flying there; returns whether one
/// was clicked.
fn go_to_list(app: &mut TandemApp, ui: &mut egui::Ui) -> bool {
    let board = app.doc.board();
    let mut places: Vec<(RichText, crate::model::Rect)> = board
        .blocks()
        .iter()
        .map(|b| (RichText::new(&b.title), b.rect))
        .collect();
    if let Some(lane) = board.lane() {
        places.push((RichText::new(&lane.title), lane.rect()));
    }
    if let Some(all) = board.bounds() {
        places.push((RichText::new("Whole board").italics(), all));
    }
    let mut clicked = false;
    for (text, rect) in places {
        if ui.add(Button::new(text).frame(false)).clicked() {
            app.canvas.zoom_to(&rect);
            clicked = true;
        }
    }
    clicked
}

/// Stages or rows of the journey: rename in place, reorder, remove, add.
fn lane_section(app: &mut TandemApp, ui: &mut egui::Ui, axis: Axis) {
    let Some(lane) = app.doc.board().lane().cloned() else {
        return;
    };
    let tracks = lane.tracks(axis);
    let (heading, back, forward) = match axis {
        Axis::Stage => ("Journey stages", "◀", "▶"),
        Axis::Row => ("Journey rows", "▲", "▼"),
    };
    ui.heading(heading);
    let n = tracks.len();
    let mut edit = None;
    for (i, t) in tracks.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.push_id((axis.noun(), i), |ui| {
                if let Some((name, key)) = name_field(
                    app,
                    ui,
                    &t.name,
                    ROW_FIELD_WIDTH,
                    &format!("{} name", axis.noun()),
                ) && let Some(e) = ops::rename_track(app.doc.board(), axis, i, &name)
                {
                    app.doc
                        .apply(&format!("Rename {}", axis.noun()), e, Some(key));
                }
                // Named for screen readers (and tests): the glyphs alone say nothing.
                let (noun, name) = (axis.noun(), &t.name);
                let named = |resp: egui::Response, label: String| {
                    accessible_name(&resp, &label);
                    resp
                };
                if named(
                    ui.add_enabled(i > 0, Button::new(back).small())
                        .on_hover_text(format!("Move {noun} earlier")),
                    format!("Move {noun} {name} earlier"),
                )
                .clicked()
                {
                    edit = ops::move_track(app.doc.board(), axis, i, i - 1)
                        .map(|e| (format!("Move {}", axis.noun()), e, 0));
                }
                if named(
                    ui.add_enabled(i + 1 < n, Button::new(forward).small())
                        .on_hover_text(format!("Move {noun} later")),
                    format!("Move {noun} {name} later"),
                )
                .clicked()
                {
                    edit = ops::move_track(app.doc.board(), axis, i, i + 1)
                        .map(|e| (format!("Move {}", axis.noun()), e, 0));
                }
                if named(
                    ui.add_enabled(n > 1, Button::new("×").small())
                        .on_hover_text(format!("Remove {noun} (its notes stay on the board)")),
                    format!("Remove {noun} {name}"),
                )
                .clicked()
                {
                    edit = ops::remove_track(app.doc.board(), axis, i)
                        .map(|(e, moved)| (format!("Remove {}", axis.noun()), e, moved));
                }
            });
        });
    }
    if ui.button(format!("+ Add {}", axis.noun())).clicked() {
        let name = format!("New {}", axis.noun());
        edit = ops::add_track(app.doc.board(), axis, n, &name)
            .map(|e| (format!("Add {}", axis.noun()), e, 0));
    }
    if let Some((label, e, moved)) = edit {
        app.doc.apply(&label, e, None);
        if moved > 0 {
            app.status = Some(crate::ui::app::Status {
                text: format!(
                    "{} moved below the journey; Ctrl+Z undoes",
                    crate::ui::count(moved, "note")
                ),
                error: false,
            });
        }
    }
}

pub fn status_bar(app: &mut TandemApp, ui: &mut egui::Ui) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            if let Some(status) = &app.status {
                let color = if status.error {
                    Color32::from_rgb(0xB0, 0x1E, 0x1E)
                } else {
                    ui.visuals().text_color()
                };
                ui.label(RichText::new(&status.text).color(color));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let ctx = ui.ctx().clone();
                if ui
                    .button("Fit")
                    .on_hover_text("Zoom to fit (Ctrl+0)")
                    .clicked()
                {
                    app.run(&ctx, Command::ZoomToFit);
                }
                if ui.button("+").on_hover_text("Zoom in (Ctrl++)").clicked() {
                    app.run(&ctx, Command::ZoomIn);
                }
                ui.label(format!("{:.0} %", app.canvas.view.zoom * 100.0));
                if ui.button("−").on_hover_text("Zoom out (Ctrl+-)").clicked() {
                    app.run(&ctx, Command::ZoomOut);
                }
                ui.separator();
                let notes = app.doc.board().notes().len();
                let selected = app.canvas.selection.len();
                ui.label(format!(
                    "{} · {selected} selected",
                    crate::ui::count(notes, "note")
                ));
            });
        });
    });
}

/// A file that could not be opened, in red above the board, until dismissed.
pub fn error_banner(app: &mut TandemApp, ui: &mut egui::Ui, message: &str) {
    egui::Frame::new()
        .fill(Color32::from_rgb(0xFD, 0xE8, 0xE8))
        .stroke(egui::Stroke::new(1.0, Color32::from_rgb(0xB0, 0x1E, 0x1E)))
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(message)
                        .color(Color32::from_rgb(0x80, 0x10, 0x10))
                        .size(17.0),
                );
                if ui.button("Dismiss").clicked() {
                    app.open_error = None;
                }
            });
        });
}

/// Presets, a typed length, start/pause and reset: in the Workshop menu and the status bar.
pub fn timer_menu(app: &mut TandemApp, ui: &mut egui::Ui) {
    let ctx = ui.ctx().clone();
    let now = app.clock.now();
    ui.label(RichText::new(format!("Timer {}", timer::format(app.timer.left(now)))).strong());
    ui.horizontal(|ui| {
        for minutes in timer::PRESETS {
            if ui.button(format!("{minutes} min")).clicked() {
                app.timer.set(std::time::Duration::from_secs(minutes * 60));
            }
        }
    });
    ui.horizontal(|ui| {
        let resp = ui.add(egui::TextEdit::singleline(&mut app.timer_input).desired_width(70.0).hint_text("mm:ss"));
        accessible_name(&resp, "Timer length");
        let typed = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Set").clicked() || typed) && !app.timer_input.trim().is_empty() {
            match timer::parse(&app.timer_input) {
                Some(d) => {
                    app.timer.set(d);
                    app.timer_input.clear();
                }
                None => app.status = Some(crate::ui::app::Status {
                    text: format!("\u{201c}{}\u{201d} is not a length: type minutes (5), m:ss (2:30) or h:mm:ss", app.timer_input.trim()),
                    error: true,
                }),
            }
        }
    });
    let running = app.timer.phase(now) == timer::Phase::Running;
    ui.horizontal(|ui| {
        let start = if running { "Pause" } else { "Start" };
        let tip = |c: Command| c.shortcut_text(&ctx).unwrap_or_default();
        if ui
            .button(start)
            .on_hover_text(tip(Command::TimerStartPause))
            .clicked()
        {
            app.run(&ctx, Command::TimerStartPause);
        }
        if ui
            .button("Reset")
            .on_hover_text(tip(Command::TimerReset))
            .clicked()
        {
            app.run(&ctx, Command::TimerReset);
        }
    });
}
