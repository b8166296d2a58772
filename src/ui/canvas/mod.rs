//! The board canvas: one interactive area that draws the board and turns pointer gestures into
//! actions. Hit-testing is done here in board coordinates rather than with a widget per note, which
//! keeps a 10,000-note board cheap; only the note being typed into is a real text widget.
//!
//! The canvas owns what is not the document (camera, selection, gesture, editor) and changes it
//! itself; changes to the board it sends to the app as actions.

mod camera;
mod cull;
mod draw;
mod editor;
mod flow_paint;
mod flows;
mod gestures;
mod menus;
pub(crate) mod note_text;
pub mod paint;
mod unfold;

use std::collections::BTreeSet;

use eframe::egui::{self, Pos2, Rect, Sense};

use crate::design::layout::FlowLabel;
use crate::model::{Board, FlowId, FlowKindId, Note, NoteColor, NoteId, PartnerId, Point};
use crate::ui::action::Actions;
use crate::ui::style::Palette;
use crate::ui::view::View;
use camera::{Flight, Framing};
use gestures::Gesture;
use note_text::{Kept, NoteTexts};
use paint::grip_rect;

pub use editor::NoteEditor;
pub use flows::LabelEditor;
pub use menus::color_swatch;

/// What lies under a point of the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    Grip(NoteId),
    /// The handle on a selected note that a new flow is dragged out of.
    FlowHandle(NoteId),
    /// A flow's line or label.
    Flow(FlowId),
    Note(NoteId),
    StageHeader(usize),
    RowHeader(usize),
    Empty,
}

/// How the canvas is drawn and behaves this frame, as the app's modes decide.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    pub palette: Palette,
    /// Note text size factor ("large text").
    pub text_scale: f32,
    /// The partner whose notes stand out; the others fade.
    pub lens: Option<PartnerId>,
    /// Everything but this area is dimmed.
    pub spotlight: Option<crate::model::Rect>,
    /// The block whose title and question are shown elsewhere (the presentation's heading band),
    /// so the room does not read them twice.
    pub hidden_heading: Option<usize>,
    /// The journey stage presented across the screen, its rows side by side.
    pub unfolded: Option<usize>,
    /// Selection outlines and grips (hidden while presenting).
    pub chrome: bool,
    /// Clicks add and take back dots instead of selecting.
    pub voting: bool,
}

impl Default for Look {
    fn default() -> Self {
        Self {
            palette: Palette::light(),
            text_scale: 1.0,
            lens: None,
            spotlight: None,
            hidden_heading: None,
            unfolded: None,
            chrome: true,
            voting: false,
        }
    }
}

/// Canvas state that is not part of the document: camera, selection, gesture, editors.
pub struct Canvas {
    pub view: View,
    pub selection: BTreeSet<NoteId>,
    /// The note a flow drawn from the keyboard starts at: the one clicked before Shift+clicking
    /// the second.
    anchor: Option<NoteId>,
    /// A selected flow; never at the same time as selected notes.
    pub flow_selection: Option<FlowId>,
    pub editor: Option<NoteEditor>,
    /// Typing into a flow's label.
    pub label_editor: Option<LabelEditor>,
    /// Kind of the next new flow (the kind last chosen); the board's first kind when unset.
    pub new_kind: Option<FlowKindId>,
    gesture: Option<Gesture>,
    /// Where the canvas was on screen in the last frame.
    pub area: Rect,
    /// What the camera keeps in view until the user pans or zooms: on start and after opening a
    /// board, the whole board.
    framing: Option<Framing>,
    menu_target: Hit,
    menu_point: Point,
    /// Colour of the next new note.
    pub new_color: NoteColor,
    flight: Option<Flight>,
    /// This frame's look, kept for hit-testing and fitting between frames.
    pub look: Look,
    /// Note text fitted to its note, kept between frames.
    texts: NoteTexts,
    /// Flow labels as set for their pills, kept between frames like note text.
    labels: Kept<FlowId, FlowLabel>,
    /// The cells of the unfolded stage, each shown through a view of its own; empty otherwise.
    panes: Vec<unfold::Pane>,
    /// The flows drawn in the last frame, where they were on screen: what a click hits.
    drawn_flows: Vec<flow_paint::DrawnFlow>,
    /// The labels of the flows being drawn, kept so drawing allocates nothing.
    label_buffer: Vec<flow_paint::PendingLabel>,
    /// The lines and arrowheads of the flows not selected, kept to fill again next frame.
    flow_mesh: std::sync::Arc<eframe::egui::Mesh>,
    /// Buffers kept between frames so drawing a big board allocates nothing.
    occlusion_buffer: Vec<bool>,
    /// The notes that show, and whether their inside does.
    shown_buffer: Vec<(usize, bool)>,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            view: View::default(),
            selection: BTreeSet::new(),
            anchor: None,
            flow_selection: None,
            editor: None,
            label_editor: None,
            new_kind: None,
            gesture: None,
            area: Rect::from_min_size(Pos2::ZERO, egui::vec2(800.0, 600.0)),
            framing: Some(Framing::Board),
            menu_target: Hit::Empty,
            menu_point: Point::default(),
            new_color: NoteColor::default(),
            flight: None,
            look: Look::default(),
            texts: NoteTexts::default(),
            labels: Kept::default(),
            panes: Vec::new(),
            drawn_flows: Vec::new(),
            label_buffer: Vec::new(),
            flow_mesh: std::sync::Arc::default(),
            occlusion_buffer: Vec::new(),
            shown_buffer: Vec::new(),
        }
    }
}

impl Canvas {
    /// Fresh canvas state for a newly opened board.
    pub fn reset(&mut self) {
        *self = Self {
            new_color: self.new_color,
            new_kind: self.new_kind,
            area: self.area,
            look: self.look,
            ..Self::default()
        };
    }

    pub fn selected(&self) -> Vec<NoteId> {
        self.selection.iter().copied().collect()
    }

    /// The selected notes that are on `board` (a selection may name notes just removed).
    pub fn selected_notes<'b>(&'b self, board: &'b Board) -> impl Iterator<Item = &'b Note> + 'b {
        self.selection.iter().filter_map(|id| board.note(*id))
    }

    /// The one note keyboard actions start from: the note being edited, or a single selected note.
    pub fn focus_note(&self) -> Option<NoteId> {
        if let Some(ed) = &self.editor {
            return Some(ed.id);
        }
        match (self.selection.first(), self.selection.len()) {
            (Some(id), 1) => Some(*id),
            _ => None,
        }
    }

    pub fn select_all(&mut self, board: &Board) {
        self.select_notes(board.notes().iter().map(|n| n.id).collect());
    }

    /// Selects these notes (and no flow).
    pub fn select_notes(&mut self, ids: BTreeSet<NoteId>) {
        self.anchor = match ids.len() {
            1 => ids.first().copied(),
            _ => self.anchor.filter(|a| ids.contains(a)),
        };
        self.selection = ids;
        self.flow_selection = None;
    }

    /// Selects one flow (and no note).
    pub fn select_flow(&mut self, id: FlowId) {
        self.selection.clear();
        self.flow_selection = Some(id);
    }

    /// Selects nothing.
    pub fn clear_selection(&mut self) {
        self.select_notes(BTreeSet::new());
    }

    /// Whether the user is typing on the canvas: a note's text or a flow's label.
    pub fn is_typing(&self) -> bool {
        self.editor.is_some() || self.label_editor.is_some()
    }

    /// The two selected notes a flow drawn from the keyboard joins: from the note selected first
    /// to the other, or left to right when they were selected together.
    pub fn flow_ends(&self, board: &Board) -> Option<(NoteId, NoteId)> {
        let [a, b]: [NoteId; 2] = self.selected().try_into().ok()?;
        if self.anchor == Some(b) {
            return Some((b, a));
        }
        if self.anchor == Some(a) {
            return Some((a, b));
        }
        let x = |id| board.note(id).map_or(0.0, |n| n.rect.center().x);
        Some(if x(b) < x(a) { (b, a) } else { (a, b) })
    }

    /// Drops selected or edited notes and flows that no longer exist (after undo, redo or delete).
    pub fn forget_missing(&mut self, board: &Board) {
        self.selection.retain(|id| board.note(*id).is_some());
        if self
            .editor
            .as_ref()
            .is_some_and(|e| board.note(e.id).is_none())
        {
            self.editor = None;
        }
        if self.flow_selection.is_some_and(|f| board.flow(f).is_none()) {
            self.flow_selection = None;
        }
        if self
            .label_editor
            .as_ref()
            .is_some_and(|e| board.flow(e.id).is_none())
        {
            self.label_editor = None;
        }
    }

    /// What is under screen point `pos`: a selected note's handles, then flows (drawn over
    /// notes), notes from the top down, journey headers.
    pub fn hit(&self, board: &Board, pos: Pos2) -> Hit {
        if let Some(id) = self.flow_handle_at(board, pos) {
            return Hit::FlowHandle(id);
        }
        if let Some(id) = self.flow_at(pos) {
            return Hit::Flow(id);
        }
        if let Some(id) = self.note_at(board, pos) {
            let grip_shown = self.selection.contains(&id) && self.selection.len() == 1;
            let on_grip = board
                .note(id)
                .map(|n| self.rect_to_screen(&n.rect))
                .is_some_and(|r| grip_rect(r).contains(pos));
            return if grip_shown && on_grip {
                Hit::Grip(id)
            } else {
                Hit::Note(id)
            };
        }
        let p = self.to_world(pos);
        if let Some(lane) = board.lane() {
            for i in 0..lane.stages.len() {
                if lane.stage_header_rect(i).contains(p) {
                    return Hit::StageHeader(i);
                }
            }
            for i in 0..lane.rows.len() {
                if lane.row_header_rect(i).contains(p) {
                    return Hit::RowHeader(i);
                }
            }
        }
        Hit::Empty
    }

    /// Draws the canvas in all of `ui`'s space and handles its pointer input; what should change
    /// on the board goes to `out`.
    pub fn show(&mut self, ui: &mut egui::Ui, board: &Board, look: Look, out: &mut Actions) {
        let (area, resp) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        self.area = area;
        self.look = look;
        self.panes = look
            .unfolded
            .zip(board.lane())
            .map(|(stage, lane)| unfold::panes(lane, stage, area))
            .unwrap_or_default();
        self.navigate(ui, &resp);
        if self.follow(board, ui.input(|i| i.time)) {
            ui.ctx().request_repaint();
        }
        if look.voting {
            self.vote_clicks(&resp, board, out);
        } else {
            self.pointer(ui, &resp, board, out);
            self.context_menu(&resp, board, out);
        }

        self.paint(&ui.painter_at(area), board);
        self.show_editor(ui, board, out);
        self.show_label_editor(ui, board, out);
    }
}
