//! What is drawn over the canvas for the workshop modes: the presentation's heading band and key
//! hint, the voting round's bar, and the partner lens's journey summary. The bar and the card show
//! in presentation mode too, so the room sees them.

use eframe::egui::{self, Align2, Color32, RichText};

use crate::model::analysis;
use crate::ui::action::{Action, Actions};
use crate::ui::commands::Command;
use crate::ui::context::UiCtx;
use crate::ui::present;
use crate::ui::style;

/// Everything over the canvas, for the modes that are on.
pub fn show(ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
    let area = cx.canvas.area;
    let palette = cx.palette();
    let workshop = cx.workshop;
    let now = workshop.clock.now();
    let time = ui.input(|i| i.time);
    let mut top = area.top();
    if let Some(p) = &workshop.present {
        let board = cx.board();
        let timer = (workshop.timer.phase(now) != crate::ui::timer::Phase::Ready)
            .then(|| present::timer_display(&workshop.timer, now, time, palette.title));
        present::banner(ui, area, board, p.current(board), &palette, timer);
        if time - p.since < present::HINT_SECONDS {
            present::key_hint(ui, area, &palette);
        }
        top += present::BANNER_HEIGHT;
    }
    if workshop.voting {
        voting_bar(ui, cx, top, out);
    }
    if workshop.lens.is_some() {
        lens_card(ui, cx, out);
    }
    if let Some(link) = cx.room {
        crate::ui::room::card(ui, cx, link, out);
    }
}

/// The look of a card over the canvas.
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

/// The voting bar's area (egui remembers where each area was drawn).
pub fn voting_bar_id() -> egui::Id {
    egui::Id::unique("voting-bar")
}

/// "Dot voting: click a note to add a dot …", the dots placed against the budget, and Finish.
fn voting_bar(ui: &mut egui::Ui, cx: &UiCtx<'_>, top: f32, out: &mut Actions) {
    let palette = cx.palette();
    let board = cx.board();
    let used = analysis::dots_used(board);
    let v = board.voting();
    let budget = v.budget();
    let count = if budget > 0 {
        format!(
            "{used} of {budget} dots placed ({} each for {} people)",
            v.dots_per_person, v.people
        )
    } else {
        format!("{used} dots placed · {} per person", v.dots_per_person)
    };
    let ctx = ui.ctx().clone();
    // Centred over the canvas, not the window, so the side panel's top (the room's address and
    // its lock) stays in view and in reach.
    egui::Area::new(voting_bar_id())
        .order(egui::Order::Foreground)
        .fixed_pos(egui::pos2(cx.canvas.area.center().x, top + 12.0))
        .pivot(Align2::CENTER_TOP)
        .show(&ctx, |ui| {
            card(&palette).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new("Dot voting")
                            .size(22.0)
                            .strong()
                            .color(palette.vote_dot),
                    );
                    ui.label(
                        RichText::new("click a note to add a dot · right-click takes one back")
                            .size(18.0)
                            .color(palette.title),
                    );
                    ui.separator();
                    ui.label(RichText::new(count).size(18.0).color(palette.title));
                    if ui
                        .button(RichText::new("Finish voting").size(18.0))
                        .clicked()
                    {
                        out.push(Action::Command(Command::VotingRound));
                    }
                });
            });
        });
}

/// A partner's name on a pill of its colour, ringed when the colour is close to the card's.
fn partner_chip(
    ui: &mut egui::Ui,
    name: &str,
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
    let (rect, resp) = ui.allocate_exact_size(galley.size() + 2.0 * pad, egui::Sense::hover());
    crate::ui::accessible_name(&resp, name);
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
    let ctx = ui.ctx().clone();
    let area = cx.canvas.area;
    let mut close = false;
    egui::Area::new(egui::Id::unique("lens-card"))
        .order(egui::Order::Foreground)
        .fixed_pos(area.left_bottom() + egui::vec2(16.0, -16.0))
        .pivot(Align2::LEFT_BOTTOM)
        .show(&ctx, |ui| {
            card(&palette).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new("Partner lens:")
                            .size(20.0)
                            .color(palette.title),
                    );
                    partner_chip(ui, &lens_name, lens_color, 20.0, &palette);
                    if ui
                        .small_button("×")
                        .on_hover_text("Turn the lens off")
                        .clicked()
                    {
                        close = true;
                    }
                });
                if rows.is_empty() {
                    ui.label(
                        RichText::new("This board has no customer journey.").color(palette.prompt),
                    );
                    return;
                }
                ui.label(
                    RichText::new("Who adds to each stage of the customer journey")
                        .color(palette.prompt),
                );
                egui::Grid::new("lens-grid")
                    .spacing([14.0, 6.0])
                    .show(ui, |ui| {
                        for (stage, partners) in &rows {
                            ui.label(
                                RichText::new(stage)
                                    .size(18.0)
                                    .strong()
                                    .color(palette.title),
                            );
                            ui.horizontal(|ui| {
                                if partners.is_empty() {
                                    ui.label(
                                        RichText::new("no partner yet: an opening?")
                                            .size(18.0)
                                            .italics()
                                            .color(palette.vote_dot),
                                    );
                                }
                                for (name, color) in partners {
                                    partner_chip(ui, name, *color, 17.0, &palette);
                                }
                            });
                            ui.end_row();
                        }
                    });
            });
        });
    if close {
        out.push(Action::SetLens(None));
    }
}
