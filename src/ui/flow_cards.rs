//! How flows are explained beside the canvas: the legend of kinds, and "What flows where", each
//! partner's gives and gets by kind with the one-sided ones flagged. The side panel and the
//! presentation's flow stop show the same summary, at their own sizes; the status bar shows the
//! legend on one line.

use eframe::egui::text::{LayoutJob, TextFormat};
use eframe::egui::{self, RichText, Sense, Stroke, vec2};
use foldhash::HashSet;

use crate::model::analysis::{self, Balance, Exchange, PartnerFlows};
use crate::model::flow::NO_KIND_COLOR;
use crate::model::{Board, FlowKindId, Rgb};
use crate::ui::context::UiCtx;
use crate::ui::overlays::{self, partner_chip};
use crate::ui::present::Stop;
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

/// The kinds the board's flows use, each with its colour, in the board's order ("no kind" last).
fn kinds_in_use(board: &Board) -> Vec<(&str, Rgb)> {
    let used: HashSet<Option<FlowKindId>> = board.flows().iter().map(|f| f.kind).collect();
    let kinds = board
        .flow_kinds()
        .iter()
        .map(|k| (Some(k.id), k.name.as_str(), k.color));
    kinds
        .chain([(None, "no kind", NO_KIND_COLOR)])
        .filter(|(kind, ..)| used.contains(kind))
        .map(|(_, name, color)| (name, color))
        .collect()
}

/// The legend: the kinds in use, one under the other, each after a swatch.
pub fn legend(ui: &mut egui::Ui, board: &Board, palette: &Palette, size: f32) {
    for (name, color) in kinds_in_use(board) {
        ui.horizontal(|ui| {
            kind_swatch(ui, color);
            ui.label(RichText::new(name).size(size).color(palette.title));
        });
    }
}

/// The legend on one line, "Flows → value → data", each arrow in its kind's colour: the status
/// bar's, so it takes no room from the board. `None` when the board has no flows.
pub fn legend_line(board: &Board, palette: &Palette) -> Option<LayoutJob> {
    if board.flows().is_empty() {
        return None;
    }
    let font = egui::FontId::proportional(14.0);
    let mut job = LayoutJob::default();
    job.append(
        "Flows",
        0.0,
        TextFormat::simple(font.clone(), palette.prompt),
    );
    for (name, color) in kinds_in_use(board) {
        let arrow = TextFormat::simple(font.clone(), style::rgb(color.0));
        job.append("  →\u{a0}", 0.0, arrow);
        job.append(name, 0.0, TextFormat::simple(font.clone(), palette.title));
    }
    Some(job)
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

/// Share of the screen's width "What flows where" takes at the presentation's flow stop.
const FLOW_STOP_SHARE: f32 = 0.34;

/// At the presentation's flow stop, "What flows where" and the legend in a strip on the right,
/// in the strips' large text: a strip, not a card, so it covers no note. (While editing, the
/// legend is in the status bar.)
pub fn flow_stop_strip(ui: &mut egui::Ui, cx: &UiCtx<'_>) {
    let board = cx.board();
    let stop = cx.workshop.present.as_ref().and_then(|p| p.current(board));
    if stop != Some(Stop::Flows) {
        return;
    }
    let palette = cx.palette();
    let size = overlays::text_size(ui.ctx());
    let width = ui.ctx().content_rect().width() * FLOW_STOP_SHARE;
    egui::Panel::right("flow-stop")
        .exact_size(width)
        .resizable(false)
        .show_separator_line(false)
        .frame(
            egui::Frame::new()
                .fill(palette.block_fill)
                .stroke(palette.block_border)
                .inner_margin(egui::Margin::same(20)),
        )
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                let flows = analysis::flows_by_partner(board);
                what_flows_where(ui, board, &flows, &palette, size);
                ui.separator();
                legend(ui, board, &palette, size);
            });
        });
}
