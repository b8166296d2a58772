//! The side panel's flows: what each partner gives and gets, and the board's flow kinds (rename,
//! recolour, remove, add).

use eframe::egui::{self, RichText};

use super::side_panel::{CONTENT_WIDTH, SidePanel, color_picker, remove_button};
use crate::model::flow::KIND_COLORS;
use crate::model::{analysis, ops};
use crate::ui::action::{Action, Actions};
use crate::ui::context::UiCtx;
use crate::ui::flow_cards;

/// A kind's row also holds its colour, flow count and remove button.
const KIND_FIELD_WIDTH: f32 = 150.0;

impl SidePanel {
    pub(super) fn flows(&mut self, ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
        let board = cx.board();
        let palette = cx.palette();
        ui.heading("What flows where");
        if board.flows().is_empty() {
            ui.label(
                RichText::new(
                    "Select a note and drag its arrow handle onto another note to draw a flow.",
                )
                .italics(),
            );
        } else {
            // Counted once per change of the board, not every frame.
            let revision = cx.doc.revision();
            if self.flows.as_ref().is_none_or(|(r, _)| *r != revision) {
                self.flows = Some((revision, analysis::flows_by_partner(board)));
            }
            let flows = self.flows.as_ref().map_or(&[][..], |(_, f)| f);
            ui.scope(|ui| {
                ui.set_max_width(CONTENT_WIDTH);
                flow_cards::what_flows_where(ui, board, flows, &palette, 15.0);
            });
        }
        ui.add_space(6.0);
        // Kinds are set up once per board, so they stay folded until asked for.
        egui::CollapsingHeader::new(RichText::new("Flow kinds").strong())
            .id_salt("flow-kinds")
            .show(ui, |ui| self.kinds(ui, cx, out));
    }

    /// Each kind's colour, name and flow count, with remove; then add.
    fn kinds(&mut self, ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) {
        let board = cx.board();
        let palette = cx.palette();
        for k in board.flow_kinds() {
            ui.horizontal(|ui| {
                ui.push_id(("kind", k.id.0), |ui| {
                    let name = format!("Colour of {}", k.name);
                    if let Some(c) = color_picker(ui, &name, k.color, &KIND_COLORS, &palette) {
                        out.extend(
                            ops::update_flow_kind(board, k.id, &k.name, c)
                                .map(|e| Action::edit("Flow kind colour", e)),
                        );
                    }
                    if let Some((name, merge)) = self.name_field(
                        ui,
                        &k.name,
                        (KIND_FIELD_WIDTH, "Flow kind name"),
                        false,
                        out,
                    ) && let Some(edit) = ops::update_flow_kind(board, k.id, &name, k.color)
                    {
                        out.push(Action::Edit {
                            label: "Rename flow kind".to_owned(),
                            edit,
                            merge: Some(merge),
                        });
                    }
                    let used = board
                        .flows()
                        .iter()
                        .filter(|f| f.kind == Some(k.id))
                        .count();
                    ui.label(RichText::new(used.to_string()).weak())
                        .on_hover_text("Flows of this kind");
                    let tip = "Remove kind (its flows stay, without a kind)";
                    if let Some(edit) =
                        remove_button(ui, tip, || ops::remove_flow_kind(board, k.id))
                    {
                        out.push(Action::edit("Remove flow kind", edit));
                    }
                });
            });
        }
        if ui.button("+ Add kind").clicked() {
            out.push(Action::AddFlowKind);
        }
    }
}
