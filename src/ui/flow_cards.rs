//! How flows are explained beside the canvas: the legend of kinds, and "What flows where", each
//! partner's gives and gets by kind with the one-sided ones flagged. The side panel and the
//! presentation's flow stop show the same summary, at their own sizes.

use eframe::egui::text::{LayoutJob, TextFormat};
use eframe::egui::{self, RichText, Sense, Stroke, vec2};

use crate::model::analysis::{self, Balance, Exchange, PartnerFlows};
use crate::model::flow::NO_KIND_COLOR;
use crate::model::{Board, FlowKindId, Rgb};
use crate::ui::overlays::partner_chip;
use crate::ui::style::{self, Palette};

/// A short arrow in a kind's colour, as the flows of that kind are drawn.
pub fn kind_swatch(ui: &mut egui::Ui, color: Rgb) -> egui::Response {
    let (rect, resp) = ui.allocate_exact_size(vec2(28.0, 14.0), Sense::hover());
    let c = style::rgb(color.0);
    let (y, tip) = (rect.center().y, rect.right() - 2.0);
    ui.painter().line_segment(
        [egui::pos2(rect.left() + 2.0, y), egui::pos2(tip - 6.0, y)],
        Stroke::new(3.0, c),
    );
    ui.painter().add(egui::Shape::convex_polygon(
        vec![
            egui::pos2(tip, y),
            egui::pos2(tip - 9.0, y - 5.0),
            egui::pos2(tip - 9.0, y + 5.0),
        ],
        c,
        Stroke::NONE,
    ));
    resp
}

/// The kinds the board's flows use, each with its colour, in the board's order.
pub fn legend(ui: &mut egui::Ui, board: &Board, palette: &Palette, size: f32) {
    let used = |kind: Option<FlowKindId>| board.flows().iter().any(|f| f.kind == kind);
    let kinds = board
        .flow_kinds()
        .iter()
        .map(|k| (Some(k.id), k.name.as_str(), k.color));
    for (_, name, color) in kinds
        .chain([(None, "no kind", NO_KIND_COLOR)])
        .filter(|(kind, ..)| used(*kind))
    {
        ui.horizontal(|ui| {
            kind_swatch(ui, color);
            ui.label(RichText::new(name).size(size).color(palette.title));
        });
    }
}

/// For each partner: what it gives and what it gets, by kind (`flows`, from
/// [`analysis::flows_by_partner`]); a partner that only takes or only gives is flagged.
pub fn what_flows_where(
    ui: &mut egui::Ui,
    board: &Board,
    flows: &[PartnerFlows],
    palette: &Palette,
    size: f32,
) {
    if flows.is_empty() {
        ui.label(
            RichText::new("Tag notes with partners to see what each gives and gets.")
                .size(size)
                .italics()
                .color(palette.prompt),
        );
        return;
    }
    for pf in flows {
        let Some(p) = board.partner(pf.partner) else {
            continue;
        };
        ui.horizontal(|ui| {
            let label = format!("What {} gives and gets", p.name);
            let color = style::partner_color(p.color);
            partner_chip(ui, &p.name, &label, color, size, palette);
            let flag = match pf.balance() {
                Balance::NoFlows => Some(("no flows yet", palette.prompt)),
                Balance::OnlyTakes => Some(("⚠ only takes", palette.error)),
                Balance::OnlyGives => Some(("⚠ only gives", palette.error)),
                Balance::GivesAndTakes => None,
            };
            if let Some((text, color)) = flag {
                ui.label(RichText::new(text).size(size).strong().color(color));
            }
        });
        for (verb, list) in [("gives", &pf.gives), ("gets", &pf.gets)] {
            if !list.is_empty() {
                ui.label(kinds_text(board, palette, size, verb, list));
            }
        }
        ui.add_space(size * 0.4);
    }
}

/// "gives → value ×2 → data": one side's flows counted by kind, each arrow in its kind's colour.
/// One label, so it wraps within whatever holds it (a side panel must not be pushed wider).
fn kinds_text(
    board: &Board,
    palette: &Palette,
    size: f32,
    verb: &str,
    list: &[Exchange],
) -> LayoutJob {
    let font = egui::FontId::proportional(size);
    let mut job = LayoutJob::default();
    let mut add = |text: &str, color| {
        job.append(text, 0.0, TextFormat::simple(font.clone(), color));
    };
    add(verb, palette.prompt);
    for (kind, n) in analysis::count_by_kind(board, list) {
        let (name, color) = kind
            .and_then(|k| board.flow_kind(k))
            .map_or(("no kind", NO_KIND_COLOR), |k| (k.name.as_str(), k.color));
        // No-break spaces keep each arrow with its kind's name when the line wraps.
        add("   →\u{a0}", style::rgb(color.0));
        let name = name.replace(' ', "\u{a0}");
        match n {
            1 => add(&name, palette.title),
            n => add(&format!("{name}\u{a0}×{n}"), palette.title),
        }
    }
    job
}

/// The legend as a low card over the canvas's bottom-right corner, when the board has flows.
pub fn legend_card(ui: &egui::Ui, board: &Board, area: egui::Rect, palette: &Palette) {
    if board.flows().is_empty() {
        return;
    }
    let ctx = ui.ctx().clone();
    egui::Area::new(egui::Id::unique("flow-legend"))
        .order(egui::Order::Foreground)
        .fixed_pos(area.right_bottom() - vec2(16.0, 16.0))
        .pivot(egui::Align2::RIGHT_BOTTOM)
        .interactable(false)
        .show(&ctx, |ui| {
            // One low row, so it hides as little of the board as it can.
            ui.set_max_width(area.width() * 0.6);
            crate::ui::overlays::card(palette)
                .inner_margin(egui::Margin::symmetric(12, 6))
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        let title = RichText::new("Flows").strong().size(15.0);
                        ui.label(title.color(palette.title));
                        legend(ui, board, palette, 14.0);
                    });
                });
        });
}
