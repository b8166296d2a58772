//! The strips around the canvas for the workshop modes: the presentation's heading band (with
//! the key hint), the voting round's bar, the partner lens's journey summary, and what flows where
//! at the flow stop. They are panels,
//! not overlays: the canvas gets the rest of the screen, so none of them covers a note (or the dots
//! just placed), and the camera keeps what it framed in view as they come and go. The bar and the
//! lens show in presentation mode too, so the room sees them.

use eframe::egui::{self, Color32, RichText};

use crate::model::analysis;
use crate::ui::action::{Action, Actions};
use crate::ui::commands::Command;
use crate::ui::context::UiCtx;
use crate::ui::present;
use crate::ui::style;

/// The strips of the modes that are on; call before the canvas takes the rest.
pub fn show(ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
    let palette = cx.palette();
    let workshop = cx.workshop;
    let now = workshop.clock.now();
    let time = ui.input(|i| i.time);
    if let Some(p) = &workshop.present {
        let board = cx.board();
        let timer = (workshop.timer.phase(now) != crate::ui::timer::Phase::Ready)
            .then(|| present::timer_display(&workshop.timer, now, time, palette.title));
        let hint = time - p.since < present::HINT_SECONDS;
        present::band(ui, board, p.current(board), &palette, timer, hint);
    }
    if workshop.voting {
        voting_bar(ui, cx, out);
    }
    if workshop.lens.is_some() {
        lens_card(ui, cx, out);
    }
    crate::ui::flow_cards::flow_stop_strip(ui, cx);
    if let Some(link) = cx.room {
        crate::ui::room::card(ui, cx, link, out);
    }
}

/// The look of a card over the canvas (the room's QR card).
pub(crate) fn card(palette: &style::Palette) -> egui::Frame {
    egui::Frame::new()
        .fill(palette.block_fill)
        .stroke(palette.block_border)
        .corner_radius(10)
        .inner_margin(egui::Margin::symmetric(16, 10))
        .shadow(egui::Shadow {
            offset: [0, 4],
            blur: 12,
            spread: 0,
            color: Color32::from_black_alpha(50),
        })
}

/// Text size of the strips: 24 px on a 1080p screen, in proportion on others.
pub(crate) fn text_size(ctx: &egui::Context) -> f32 {
    24.0 * present::screen_scale(ctx)
}

/// A strip across the screen, its contents in a row that wraps, `gap` pixels apart.
fn strip(
    ui: &mut egui::Ui,
    panel: egui::Panel,
    palette: &style::Palette,
    gap: f32,
    contents: impl FnOnce(&mut egui::Ui),
) {
    let frame = egui::Frame::new()
        .fill(palette.block_fill)
        .stroke(palette.block_border)
        .inner_margin(egui::Margin::symmetric(20, 8));
    panel
        .resizable(false)
        .show_separator_line(false)
        .frame(frame)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                // Whole pixels: egui lays widgets out on them.
                ui.spacing_mut().item_spacing.x = gap.round();
                contents(ui);
            });
        });
}

/// "Dot voting: click a note to add a dot …", the dots placed against the budget, and Finish.
fn voting_bar(ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
    let palette = cx.palette();
    let board = cx.board();
    let used = analysis::dots_used(board);
    let v = board.voting();
    let budget = v.budget();
    let count = if budget > 0 {
        format!(
            "{used} of {budget} dots placed ({} each for {})",
            v.dots_per_person,
            super::people(v.people as usize)
        )
    } else {
        format!("{used} dots placed · {} per person", v.dots_per_person)
    };
    let size = text_size(ui.ctx());
    let panel = egui::Panel::top("voting-bar");
    strip(ui, panel, &palette, size * 0.6, |ui| {
        ui.label(
            RichText::new("Dot voting")
                .size(size)
                .strong()
                .color(palette.vote_dot),
        );
        ui.label(
            RichText::new("click a note to add a dot · right-click takes one back")
                .size(size)
                .color(palette.title),
        );
        ui.label(RichText::new(count).size(size).color(palette.title));
        if ui
            .button(RichText::new("Finish voting").size(size))
            .clicked()
        {
            out.push(Action::Command(Command::VotingRound));
        }
    });
}

/// A partner's name on a pill of its colour, ringed when the colour is close to the card's;
/// `label` names it for screen readers (and tests).
pub(crate) fn partner_chip(
    ui: &mut egui::Ui,
    name: &str,
    label: &str,
    color: Color32,
    size: f32,
    palette: &style::Palette,
) {
    let text_color = style::text_on(color);
    let galley = ui.painter().layout_no_wrap(
        name.to_owned(),
        egui::FontId::proportional(size),
        text_color,
    );
    let pad = egui::vec2(size * 0.5, size * 0.2);
    let size = (galley.size() + 2.0 * pad).ceil();
    let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::hover());
    crate::ui::accessible_name(&resp, label);
    ui.painter().rect(
        rect,
        rect.height() / 2.0,
        color,
        style::partner_ring(color, palette.block_fill, palette),
        egui::StrokeKind::Inside,
    );
    ui.painter().galley(rect.min + pad, galley, text_color);
}

/// For each journey stage, the partners that touch it; stages no partner touches stand out.
fn lens_card(ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
    let palette = cx.palette();
    let board = cx.board();
    let Some(lens) = cx.workshop.lens.and_then(|id| board.partner(id)) else {
        return;
    };
    let lens_name = lens.name.clone();
    let lens_color = style::partner_color(lens.color);
    let rows: Vec<(String, Vec<(String, Color32)>)> = board
        .lane()
        .map(|lane| {
            lane.stages
                .iter()
                .zip(analysis::partners_by_stage(board))
                .map(|(stage, ids)| {
                    let partners = ids
                        .iter()
                        .filter_map(|id| board.partner(*id))
                        .map(|p| (p.name.clone(), style::partner_color(p.color)))
                        .collect();
                    (stage.name.clone(), partners)
                })
                .collect()
        })
        .unwrap_or_default();
    let size = text_size(ui.ctx());
    let mut close = false;
    let panel = egui::Panel::bottom("lens-card");
    strip(ui, panel, &palette, size * 0.4, |ui| {
        ui.label(
            RichText::new("Partner lens:")
                .size(size)
                .color(palette.title),
        );
        partner_chip(ui, &lens_name, &lens_name, lens_color, size, &palette);
        if ui
            .button(RichText::new("×").size(size))
            .on_hover_text("Turn the lens off")
            .clicked()
        {
            close = true;
        }
        ui.separator();
        if rows.is_empty() {
            ui.label(
                RichText::new("This board has no customer journey.")
                    .size(size)
                    .color(palette.prompt),
            );
            return;
        }
        ui.label(
            RichText::new("Who adds to each stage:")
                .size(size)
                .color(palette.prompt),
        );
        for (stage, partners) in &rows {
            ui.label(
                RichText::new(format!("{stage}:"))
                    .size(size)
                    .strong()
                    .color(palette.title),
            );
            if partners.is_empty() {
                ui.label(
                    RichText::new("no partner yet, an opening?")
                        .size(size)
                        .italics()
                        .color(palette.vote_dot),
                );
            }
            for (name, color) in partners {
                partner_chip(ui, name, name, *color, size, &palette);
            }
            ui.add_space((size * 0.6).round());
        }
    });
    if close {
        out.push(Action::SetLens(None));
    }
}
