//! The side panel: the board's title, its partners, what flows between them and the flow kinds
//! (`flows_panel.rs`), dot-voting settings and ranking, a list of places to fly to, and the
//! journey's stages and rows.

use eframe::egui::{self, Button, RichText, Sense};

use super::tool_button;
use crate::model::partner::PARTNER_COLORS;
use crate::model::{Axis, Edit, MergeKey, Rgb, ops};
use crate::ui::accessible_name;
use crate::ui::action::{Action, Actions};
use crate::ui::commands::Command;
use crate::ui::context::UiCtx;
use crate::ui::style::{self, Palette};

/// Fixed, so text fields cannot push the panel wider than the canvas can spare.
const SIDE_PANEL_WIDTH: f32 = 300.0;
/// The narrowest window that shows the panel: below it the board would get less than twice the
/// panel's width.
pub(super) const MIN_WINDOW_WIDTH: f32 = 3.0 * SIDE_PANEL_WIDTH;
/// Text fields have fixed widths that fit the panel: a width taken from the space available
/// would feed back into the panel's size and grow it every frame.
const TITLE_FIELD_WIDTH: f32 = 250.0;
/// Wrapped text and rows (what flows where) are held to the title field's width, for the same
/// reason.
pub(super) const CONTENT_WIDTH: f32 = TITLE_FIELD_WIDTH;
/// A name field in a row that also holds a few small buttons.
const ROW_FIELD_WIDTH: f32 = 150.0;
/// A partner row also holds its colour, note count and lens button.
const PARTNER_FIELD_WIDTH: f32 = 110.0;

/// The side panel's scratch state.
#[derive(Default)]
pub struct SidePanel {
    /// The field being typed into and its merge key, so one typing session is one undo step.
    field_merge: Option<(egui::Id, MergeKey)>,
    /// What each partner gives and gets, for the board revision it was counted at.
    pub(super) flows: Option<(u64, Vec<crate::model::analysis::PartnerFlows>)>,
    /// A stage or row just added (axis, index, when): its name field takes the keyboard, old name
    /// selected, as soon as it shows.
    focus_new: Option<(Axis, usize, f64)>,
    /// A stage or row just removed: an Undo stands in its place for a while, so the next row's
    /// buttons do not slide under the pointer that clicked ×.
    removed: Option<Removed>,
}

/// A stage or row just removed, for the Undo that stands in its place.
struct Removed {
    axis: Axis,
    index: usize,
    name: String,
    /// The number of tracks after the removal: any other count means it no longer applies.
    left: usize,
    until: f64,
}

/// How long the Undo stands where a stage or row was removed.
const REMOVED_SECONDS: f64 = 8.0;

impl SidePanel {
    pub fn show(&mut self, ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
        egui::Panel::right("board-panel")
            .exact_size(SIDE_PANEL_WIDTH)
            .resizable(false)
            .frame(
                egui::Frame::side_top_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(12, 6)),
            )
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.add_space(6.0);
                    if let Some(link) = cx.room {
                        crate::ui::room::panel(ui, cx, link, out);
                        ui.add_space(10.0);
                    }
                    ui.heading("Board");
                    let title = cx.board().title();
                    if let Some((t, merge)) =
                        self.name_field(ui, title, (TITLE_FIELD_WIDTH, "Board title"), false, out)
                    {
                        out.push(Action::Edit {
                            label: "Rename board".to_owned(),
                            edit: Edit::SetTitle(t),
                            merge: Some(merge),
                        });
                    }
                    ui.add_space(10.0);
                    self.partners(ui, cx, out);
                    ui.add_space(10.0);
                    self.flows(ui, cx, out);
                    ui.add_space(10.0);
                    self.voting(ui, cx, out);
                    ui.add_space(10.0);
                    ui.heading("Go to");
                    go_to_list(ui, cx, out);
                    if cx.board().lane().is_some() {
                        ui.add_space(10.0);
                        self.lane(ui, cx, Axis::Stage, out);
                        ui.add_space(6.0);
                        self.lane(ui, cx, Axis::Row, out);
                    }
                });
            });
    }

    /// The merge key for typing into field `id`: the same for one focus session of that field.
    fn field_key(&mut self, id: egui::Id) -> MergeKey {
        match self.field_merge {
            Some((field, key)) if field == id => key,
            _ => {
                let key = MergeKey::fresh();
                self.field_merge = Some((id, key));
                key
            }
        }
    }

    /// Ends the typing session of a field that lost focus or finished a drag.
    fn end_session(&mut self, out: &mut Actions) {
        out.push(Action::Seal);
        self.field_merge = None;
    }

    /// A text field whose every change is an edit; one focus session is one undo step.
    /// `take_focus` gives it the keyboard with its text selected.
    pub(super) fn name_field(
        &mut self,
        ui: &mut egui::Ui,
        value: &str,
        (width, name): (f32, &str),
        take_focus: bool,
        out: &mut Actions,
    ) -> Option<(String, MergeKey)> {
        let mut text = value.to_owned();
        let resp = ui.add(egui::TextEdit::singleline(&mut text).desired_width(width));
        accessible_name(&resp, name);
        if take_focus {
            crate::ui::focus_selecting_all(&resp, value);
        }
        if resp.lost_focus() {
            self.end_session(out);
        }
        resp.changed().then(|| (text, self.field_key(resp.id)))
    }

    fn partners(&mut self, ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
        ui.heading("Partners");
        let board = cx.board();
        if board.partners().is_empty() {
            ui.label(RichText::new("Who do you partner with? Add them to tag notes.").italics());
        }
        let palette = cx.palette();
        for p in board.partners() {
            ui.horizontal(|ui| {
                ui.push_id(p.id.0, |ui| {
                    let name = format!("Colour of {}", p.name);
                    if let Some(c) = color_picker(ui, &name, p.color, &PARTNER_COLORS, &palette) {
                        out.extend(
                            ops::update_partner(board, p.id, &p.name, c)
                                .map(|e| Action::edit("Partner colour", e)),
                        );
                    }
                    let tagged = board
                        .notes()
                        .iter()
                        .filter(|n| n.partner == Some(p.id))
                        .count();
                    if let Some((name, merge)) = self.name_field(
                        ui,
                        &p.name,
                        (PARTNER_FIELD_WIDTH, "Partner name"),
                        false,
                        out,
                    ) && let Some(edit) = ops::update_partner(board, p.id, &name, p.color)
                    {
                        out.push(Action::Edit {
                            label: "Rename partner".to_owned(),
                            edit,
                            merge: Some(merge),
                        });
                    }
                    ui.label(RichText::new(tagged.to_string()).weak())
                        .on_hover_text("Notes tagged with this partner");
                    let lens_on = cx.workshop.lens == Some(p.id);
                    if ui
                        .add(Button::new("Lens").small().selected(lens_on))
                        .on_hover_text(
                            "Highlight this partner's notes and show the journey stages it touches",
                        )
                        .clicked()
                    {
                        out.push(Action::SetLens((!lens_on).then_some(p.id)));
                    }
                    let tip = "Remove partner (its notes stay, untagged)";
                    if let Some(edit) = remove_button(ui, tip, || ops::remove_partner(board, p.id))
                    {
                        out.push(Action::edit("Remove partner", edit));
                    }
                });
            });
        }
        if ui.button("+ Add partner").clicked() {
            out.push(Action::AddPartner);
        }
    }

    /// The voting round's settings, its controls, and the notes with the most dots.
    fn voting(&mut self, ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
        ui.heading("Dot voting");
        let mut changed = cx.board().voting();
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
                let merge = self.field_key(r.id);
                out.push(Action::Edit {
                    label: "Voting settings".to_owned(),
                    edit: Edit::SetVoting(changed),
                    merge: Some(merge),
                });
            }
            if r.drag_stopped() || r.lost_focus() {
                self.end_session(out);
            }
        }
        ui.horizontal(|ui| {
            let label = if cx.workshop.voting {
                "Finish voting"
            } else {
                "Start voting"
            };
            tool_button(ui, cx, Command::VotingRound, label, out);
            tool_button(ui, cx, Command::ArrangeByVotes, "Arrange by votes", out);
        });
        tool_button(ui, cx, Command::ResetVotes, "Reset votes", out);
        let ranked = crate::model::analysis::ranked_notes(cx.board());
        if !ranked.is_empty() {
            ui.label(RichText::new("Most votes").strong());
        }
        for n in ranked.into_iter().take(10) {
            let text = n.text.lines().next().unwrap_or("");
            let short: String = text.chars().take(34).collect();
            let more = if short.len() < text.len() { "…" } else { "" };
            if ui
                .add(Button::new(format!("{} · {short}{more}", n.votes)).frame(false))
                .on_hover_text("Zoom to this note")
                .clicked()
            {
                out.push(Action::ZoomTo(n.rect));
            }
        }
    }

    /// Stages or rows of the journey: rename in place, reorder, remove, add.
    fn lane(&mut self, ui: &mut egui::Ui, cx: &UiCtx<'_>, axis: Axis, out: &mut Actions) {
        let board = cx.board();
        let Some(lane) = board.lane() else {
            return;
        };
        let tracks = lane.tracks(axis);
        let (heading, back, forward) = match axis {
            Axis::Stage => ("Journey stages", "◀", "▶"),
            Axis::Row => ("Journey rows", "▲", "▼"),
        };
        ui.heading(heading);
        let n = tracks.len();
        let noun = axis.noun();
        let now = ui.input(|i| i.time);
        if self
            .removed
            .as_ref()
            .is_some_and(|r| r.axis == axis && (r.left != n || now > r.until))
        {
            self.removed = None;
        }
        if let Some(r) = &self.removed {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(r.until - now));
        }
        for (i, t) in tracks.iter().enumerate() {
            self.removed_row(ui, axis, i, out);
            let focus = self
                .focus_new
                .take_if(|(a, at, _)| *a == axis && *at == i)
                .is_some();
            ui.horizontal(|ui| {
                ui.push_id((noun, i), |ui| {
                    let field = format!("{noun} name");
                    if let Some((name, merge)) =
                        self.name_field(ui, &t.name, (ROW_FIELD_WIDTH, &field), focus, out)
                        && let Some(edit) = ops::rename_track(board, axis, i, &name)
                    {
                        out.push(Action::Edit {
                            label: format!("Rename {noun}"),
                            edit,
                            merge: Some(merge),
                        });
                    }
                    // Named for screen readers (and tests): the glyphs alone say nothing.
                    let name = &t.name;
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
                        out.extend(
                            ops::move_track(board, axis, i, i - 1)
                                .map(|e| Action::edit(format!("Move {noun}"), e)),
                        );
                    }
                    if named(
                        ui.add_enabled(i + 1 < n, Button::new(forward).small())
                            .on_hover_text(format!("Move {noun} later")),
                        format!("Move {noun} {name} later"),
                    )
                    .clicked()
                    {
                        out.extend(
                            ops::move_track(board, axis, i, i + 1)
                                .map(|e| Action::edit(format!("Move {noun}"), e)),
                        );
                    }
                    if named(
                        ui.add_enabled(n > 1, Button::new("×").small())
                            .on_hover_text(format!("Remove {noun} (its notes stay on the board)")),
                        format!("Remove {noun} {name}"),
                    )
                    .clicked()
                    {
                        out.push(Action::RemoveTrack(axis, i));
                        self.removed = Some(Removed {
                            axis,
                            index: i,
                            name: name.clone(),
                            left: n - 1,
                            until: now + REMOVED_SECONDS,
                        });
                    }
                });
            });
        }
        self.removed_row(ui, axis, n, out);
        if self.focus_new.is_some_and(|(_, _, at)| now - at > 1.0) {
            // The stage asked for never came (the lane is full).
            self.focus_new = None;
        }
        if ui.button(format!("+ Add {noun}")).clicked() {
            let name = format!("New {noun}");
            if let Some(edit) = ops::add_track(board, axis, n, &name) {
                out.push(Action::edit(format!("Add {noun}"), edit));
                self.focus_new = Some((axis, n, now));
            }
        }
    }

    /// Where a stage or row was just removed (position `i` of `axis`): its name and an Undo
    /// spanning the row, where the × was.
    fn removed_row(&self, ui: &mut egui::Ui, axis: Axis, i: usize, out: &mut Actions) {
        let Some(r) = self
            .removed
            .as_ref()
            .filter(|r| r.axis == axis && r.index == i)
        else {
            return;
        };
        ui.horizontal(|ui| {
            let height = ui.spacing().interact_size.y;
            ui.add_sized(
                [ROW_FIELD_WIDTH, height],
                egui::Label::new(
                    RichText::new(format!("\u{201c}{}\u{201d} removed", r.name)).italics(),
                )
                .truncate(),
            );
            let undo = Button::new("Undo").min_size(egui::vec2(ui.available_width(), height));
            if ui
                .add(undo)
                .on_hover_text("Put it back, with its notes (Ctrl+Z)")
                .clicked()
            {
                out.push(Action::Command(Command::Undo));
            }
        });
    }
}

/// A small × button with its tooltip; the edit `remove` makes when it is clicked.
pub(super) fn remove_button(
    ui: &mut egui::Ui,
    tip: &str,
    remove: impl FnOnce() -> Option<Edit>,
) -> Option<Edit> {
    let clicked = ui.small_button("×").on_hover_text(tip).clicked();
    clicked.then(remove).flatten()
}

/// A round swatch of `current` that opens a choice of `colors`; returns the colour chosen. Each
/// swatch is ringed when its colour is close to what it sits on.
pub(super) fn color_picker(
    ui: &mut egui::Ui,
    name: &str,
    current: Rgb,
    colors: &[Rgb],
    palette: &Palette,
) -> Option<Rgb> {
    let swatch = |ui: &mut egui::Ui, c: Rgb, name: &str, background: egui::Color32| {
        let (rect, resp) = ui.allocate_exact_size(egui::vec2(22.0, 22.0), Sense::click());
        accessible_name(&resp, name);
        let c = style::partner_color(c);
        let ring = style::partner_ring(c, background, palette);
        ui.painter().circle(rect.center(), 10.0, c, ring);
        resp
    };
    let resp = swatch(ui, current, name, ui.visuals().panel_fill);
    let mut chosen = None;
    egui::Popup::menu(&resp).show(|ui| {
        ui.horizontal(|ui| {
            for &c in colors {
                if swatch(ui, c, &c.to_hex(), ui.visuals().window_fill).clicked() {
                    chosen = Some(c);
                    ui.close();
                }
            }
        });
    });
    chosen
}

/// A button for each block, the journey, and the whole board, flying there; returns whether one
/// was clicked.
pub(super) fn go_to_list(ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) -> bool {
    let board = cx.board();
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
            out.push(Action::ZoomTo(rect));
            clicked = true;
        }
    }
    clicked
}
