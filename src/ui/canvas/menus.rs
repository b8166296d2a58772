//! The canvas's right-click menus: on a note, on a flow, on a journey stage or row header, and on
//! empty canvas (new note, paste, tidy, export the region).

use eframe::egui::{self, Sense};

use super::{Canvas, Hit};
use crate::model::{Axis, Board, FlowDirection, FlowId, NoteColor, Region, ops};
use crate::ui::action::{Action, Actions};
use crate::ui::commands::Command;
use crate::ui::style::{self, Palette};

impl Canvas {
    pub(super) fn context_menu(&mut self, resp: &egui::Response, board: &Board, out: &mut Actions) {
        resp.context_menu(|ui| {
            ui.set_min_width(220.0);
            match self.menu_target {
                Hit::Note(_) | Hit::Grip(_) | Hit::FlowHandle(_) => self.note_menu(ui, board, out),
                Hit::Flow(id) => flow_menu(ui, board, id, out),
                Hit::StageHeader(i) => track_menu(ui, board, Axis::Stage, i, out),
                Hit::RowHeader(i) => track_menu(ui, board, Axis::Row, i, out),
                Hit::Empty => self.empty_menu(ui, board, out),
            }
        });
    }

    /// On empty canvas: a new note or the clipboard here, tidying and exporting the region here.
    fn empty_menu(&self, ui: &mut egui::Ui, board: &Board, out: &mut Actions) {
        let at = self.menu_point;
        if ui.button("New note here").clicked() {
            out.push(Action::NewNoteAt(at));
            ui.close();
        }
        if ui.button("Paste here").clicked() {
            out.push(Action::Paste { text: None, at });
            ui.close();
        }
        if let Some(region) = board.region_at(at) {
            let what = match region {
                Region::Block(_) => "block",
                Region::Cell { .. } => "cell",
            };
            if ui.button(format!("Tidy this {what}")).clicked() {
                out.push(Action::Tidy(at));
                ui.close();
            }
        }
        // Inside a block or the journey: export that region on its own.
        if let Some(scope) = crate::export::Scope::at(board, at) {
            ui.separator();
            out.extend(crate::ui::export::region_menu(ui, board, scope).map(Action::Export));
        }
    }

    fn note_menu(&self, ui: &mut egui::Ui, board: &Board, out: &mut Actions) {
        ui.horizontal(|ui| {
            for c in NoteColor::ALL {
                if color_swatch(ui, c, false, &self.look.palette)
                    .on_hover_text(c.name())
                    .clicked()
                {
                    out.push(Action::SetColor(c));
                }
            }
        });
        ui.menu_button("Partner", |ui| {
            if ui.button("No partner").clicked() {
                out.push(Action::TagSelection(None));
                ui.close();
            }
            for p in board.partners() {
                if ui.button(&p.name).clicked() {
                    out.push(Action::TagSelection(Some(p.id)));
                    ui.close();
                }
            }
        });
        ui.separator();
        if ui.button("Edit text").clicked()
            && let Some(id) = self.focus_note()
        {
            out.push(Action::EditNote(id));
            ui.close();
        }
        // Hiding a note from the projector and the room (and showing it again) is undoable.
        let down = self
            .focus_note()
            .and_then(|id| board.note(id))
            .is_some_and(|n| n.face_down);
        let (label, face_down) = if down {
            ("Turn face up", false)
        } else {
            ("Hide (turn face down)", true)
        };
        if ui.button(label).clicked() {
            out.push(Action::FaceDown(face_down));
            ui.close();
        }
        for cmd in [Command::Copy, Command::Duplicate, Command::Delete] {
            if ui.button(cmd.label()).clicked() {
                out.push(Action::Command(cmd));
                ui.close();
            }
        }
    }
}

/// A flow's menu: its kind, its direction, reverse it, label it, delete it.
fn flow_menu(ui: &mut egui::Ui, board: &Board, id: FlowId, out: &mut Actions) {
    let Some(flow) = board.flow(id) else { return };
    ui.label(egui::RichText::new("Flow").strong());
    let mut kinds: Vec<_> = board
        .flow_kinds()
        .iter()
        .map(|k| (Some(k.id), k.name.as_str(), k.color))
        .collect();
    kinds.push((None, "No kind", crate::model::flow::NO_KIND_COLOR));
    for (kind, name, color) in kinds {
        ui.horizontal(|ui| {
            crate::ui::flow_cards::kind_swatch(ui, color);
            if ui.selectable_label(flow.kind == kind, name).clicked() {
                out.push(Action::SetFlowKind(kind));
                ui.close();
            }
        });
    }
    ui.separator();
    let mut edit = None;
    for (direction, text) in [
        (FlowDirection::OneWay, "One way"),
        (FlowDirection::BothWays, "Both ways"),
    ] {
        if ui
            .selectable_label(flow.direction == direction, text)
            .clicked()
        {
            edit = ops::set_flow_direction(board, id, direction).map(|e| ("Flow direction", e));
        }
    }
    if ui.button("Reverse").clicked() {
        edit = ops::reverse_flow(board, id).map(|e| ("Reverse flow", e));
    }
    if let Some((label, edit)) = edit {
        out.push(Action::edit(label, edit));
        ui.close();
    }
    ui.separator();
    if ui.button("Edit label").clicked() {
        out.push(Action::EditFlowLabel(id));
        ui.close();
    }
    if ui.button("Delete flow").clicked() {
        out.push(Action::Command(Command::Delete));
        ui.close();
    }
}

/// A sticky colour button, edged in the theme's colours (white shows on a light panel too).
pub fn color_swatch(
    ui: &mut egui::Ui,
    c: NoteColor,
    selected: bool,
    palette: &Palette,
) -> egui::Response {
    let size = egui::vec2(26.0, 26.0);
    let (rect, resp) = ui.allocate_exact_size(size, Sense::click());
    crate::ui::accessible_name(&resp, c.name());
    let stroke = if selected || resp.hovered() {
        egui::Stroke::new(3.0, palette.selection)
    } else {
        egui::Stroke::new(1.0, palette.swatch_border)
    };
    ui.painter().rect(
        rect,
        4.0,
        style::note_fill(c),
        stroke,
        egui::StrokeKind::Inside,
    );
    resp
}

/// The menu of a journey stage or row header.
fn track_menu(ui: &mut egui::Ui, board: &Board, axis: Axis, i: usize, out: &mut Actions) {
    let Some(lane) = board.lane() else {
        return;
    };
    let n = lane.tracks(axis).len();
    let Some(name) = lane.tracks(axis).get(i).map(|t| t.name.clone()) else {
        return;
    };
    let noun = axis.noun();
    let (before, after) = match axis {
        Axis::Stage => ("left", "right"),
        Axis::Row => ("above", "below"),
    };
    ui.label(egui::RichText::new(&name).strong());
    if axis == Axis::Stage {
        let scope = crate::export::Scope::Stage(name.clone());
        out.extend(crate::ui::export::region_menu(ui, board, scope).map(Action::Export));
    }
    if ui.button(format!("Rename {noun}…")).clicked() {
        out.extend(super::gestures::rename_dialog(board, axis, i));
        ui.close();
    }
    let mut edit = None;
    if ui.button(format!("Add {noun} {before}")).clicked() {
        edit = ops::add_track(board, axis, i, &format!("New {noun}"))
            .map(|e| (format!("Add {noun}"), e));
    }
    if ui.button(format!("Add {noun} {after}")).clicked() {
        edit = ops::add_track(board, axis, i + 1, &format!("New {noun}"))
            .map(|e| (format!("Add {noun}"), e));
    }
    if ui
        .add_enabled(i > 0, egui::Button::new(format!("Move {before}")))
        .clicked()
    {
        edit = ops::move_track(board, axis, i, i - 1).map(|e| (format!("Move {noun}"), e));
    }
    if ui
        .add_enabled(i + 1 < n, egui::Button::new(format!("Move {after}")))
        .clicked()
    {
        edit = ops::move_track(board, axis, i, i + 1).map(|e| (format!("Move {noun}"), e));
    }
    if let Some((label, edit)) = edit {
        out.push(Action::edit(label, edit));
        ui.close();
    }
    ui.separator();
    if ui
        .add_enabled(n > 1, egui::Button::new(format!("Remove {noun}")))
        .clicked()
    {
        out.push(Action::RemoveTrack(axis, i));
        ui.close();
    }
}
