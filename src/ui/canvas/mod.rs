//! The board canvas: one interactive area that draws the board and turns pointer gestures into
//! edits. Hit-testing is done here in board coordinates rather than with a widget per note, which
//! keeps a 10,000-note board cheap; only the note being typed into is a real text widget.

mod cull;
pub mod paint;

use std::collections::BTreeSet;

use eframe::egui::{
    self, Color32, CursorIcon, Frame, Key, Margin, PointerButton, Pos2, Rect, Sense, TextEdit,
    UiBuilder,
};

use crate::model::ops::{self, Direction};
use std::collections::HashMap;

use crate::model::arrange;
use crate::model::{Axis, Board, Document, MergeKey, Note, NoteColor, NoteId, PartnerId, Point};
use crate::ui::style::{self, Palette, canvas_size as cs, screen_size};
use crate::ui::view::View;
use cull::Occlusion;
use paint::{BoardPainter, grip_rect, note_min_height, zoomed_font};

/// What lies under a point of the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    Grip(NoteId),
    Note(NoteId),
    StageHeader(usize),
    RowHeader(usize),
    Empty,
}

/// A pointer gesture in progress.
#[derive(Debug)]
enum Gesture {
    /// Moving notes; `starts` are their rectangles when the drag began.
    Move {
        lead: NoteId,
        starts: Vec<(NoteId, crate::model::Rect)>,
        origin: Point,
        merge: MergeKey,
    },
    Resize {
        id: NoteId,
        start: crate::model::Rect,
        origin: Point,
        merge: MergeKey,
    },
    /// Rubber-band selection from `origin`, added to `base`.
    Select {
        origin: Point,
        base: BTreeSet<NoteId>,
    },
    Pan,
}

/// The note whose text is being typed.
#[derive(Debug)]
pub struct NoteEditor {
    pub id: NoteId,
    text: String,
    merge: MergeKey,
    /// Focus is requested on the first frame only, so a click elsewhere can take it away.
    focus_requested: bool,
}

/// Something the canvas asks the app to do.
#[derive(Debug, PartialEq)]
pub enum CanvasRequest {
    Export(crate::ui::export::ExportJob),
    Rename(Axis, usize),
    Status(String),
    Paste(Point),
    Copy,
    /// Voting: add (+1) or take back (-1) a dot on a note.
    Vote(NoteId, i32),
    /// Tidy the block or journey cell at this point.
    Tidy(Point),
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
    /// Selection outlines and grips (hidden while presenting).
    pub chrome: bool,
    /// Clicks add and take back dots instead of selecting.
    pub voting: bool,
    /// Screen height covered by an overlay at the top; zooming to an area keeps clear of it.
    pub inset_top: f32,
    /// Space left around an area zoomed to, in screen pixels.
    pub fit_margin: f32,
}

impl Default for Look {
    fn default() -> Self {
        Self {
            palette: Palette::light(),
            text_scale: 1.0,
            lens: None,
            spotlight: None,
            chrome: true,
            voting: false,
            inset_top: 0.0,
            fit_margin: screen_size::FIT_MARGIN,
        }
    }
}

/// A smooth zoom to an area. The target view is worked out each frame from the canvas as it is
/// then, so it lands right even when panels appear or vanish on the way.
#[derive(Clone, Copy, Debug)]
struct Flight {
    from: View,
    to: crate::model::Rect,
    start: f64,
}

/// How long a smooth zoom takes, in seconds.
const FLIGHT_SECONDS: f64 = 0.45;

/// Canvas state that is not part of the document: camera, selection, gesture, editor.
pub struct Canvas {
    pub view: View,
    pub selection: BTreeSet<NoteId>,
    pub editor: Option<NoteEditor>,
    gesture: Option<Gesture>,
    /// Where the canvas was on screen in the last frame.
    pub area: Rect,
    /// Keep the whole board in view (on start and after opening a board) until the user first
    /// touches the canvas or the keyboard: the window may still be settling its size.
    auto_fit: bool,
    menu_target: Hit,
    menu_point: Point,
    /// Colour of the next new note.
    pub new_color: NoteColor,
    flight: Option<Flight>,
    /// This frame's look, kept for hit-testing and fitting between frames.
    pub look: Look,
    /// Notes drawn taller than stored because their text needs it at the current text size; hits
    /// use the drawn size, so what you see is what you click.
    grown: HashMap<NoteId, f32>,
    /// Buffers kept between frames so drawing a big board allocates nothing.
    occlusion_buffer: Vec<bool>,
    shown_buffer: Vec<usize>,
}

/// Side of the occlusion grid's cells, in screen pixels.
const OCCLUSION_CELL: f32 = 8.0;

impl Default for Canvas {
    fn default() -> Self {
        Self {
            view: View::default(),
            selection: BTreeSet::new(),
            editor: None,
            gesture: None,
            area: Rect::from_min_size(Pos2::ZERO, egui::vec2(800.0, 600.0)),
            auto_fit: true,
            menu_target: Hit::Empty,
            menu_point: Point::default(),
            new_color: NoteColor::default(),
            flight: None,
            look: Look::default(),
            grown: HashMap::new(),
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
            area: self.area,
            look: self.look,
            ..Self::default()
        };
    }

    pub fn selected(&self) -> Vec<NoteId> {
        self.selection.iter().copied().collect()
    }

    /// The one note keyboard actions start from: the note being edited, or a single selected note.
    pub fn focus_note(&self) -> Option<NoteId> {
        if let Some(ed) = &self.editor {
            return Some(ed.id);
        }
        (self.selection.len() == 1).then(|| *self.selection.first().expect("one element"))
    }

    /// Screen rectangle of a note (for tests and for placing popups).
    pub fn note_screen_rect(&self, board: &Board, id: NoteId) -> Option<Rect> {
        board
            .note(id)
            .map(|n| self.view.rect_to_screen(self.area, &n.rect))
    }

    pub fn to_screen(&self, p: Point) -> Pos2 {
        self.view.to_screen(self.area, p)
    }

    /// The board point under the pointer, if the pointer is over the canvas.
    pub fn pointer_point(&self, ctx: &egui::Context) -> Option<Point> {
        let pos = ctx.input(|i| i.pointer.hover_pos())?;
        self.area
            .contains(pos)
            .then(|| self.view.to_world(self.area, pos))
    }

    /// The middle of what is on screen.
    pub fn view_center(&self) -> Point {
        self.view.visible(self.area).center()
    }

    pub fn zoom_to_fit(&mut self, board: &Board) {
        if let Some(bounds) = board.bounds() {
            self.zoom_to(&bounds);
        }
    }

    /// Flies smoothly to show `area` whole.
    pub fn zoom_to(&mut self, area: &crate::model::Rect) {
        self.flight = Some(Flight {
            from: self.view,
            to: *area,
            start: f64::NAN,
        });
    }

    /// The view showing `area` whole in the part of the canvas no overlay covers.
    fn fitting(&self, area: &crate::model::Rect) -> View {
        let inset = self.look.inset_top.min(self.area.height() / 2.0);
        let free = Rect::from_min_max(self.area.min + egui::vec2(0.0, inset), self.area.max);
        let mut view = View::fitting(free, area, self.look.fit_margin);
        // `View` offsets are relative to the canvas's corner, not the free part's.
        view.offset.y += inset;
        view
    }

    /// Moves the camera along a flight; returns whether it is still flying.
    fn fly(&mut self, now: f64) -> bool {
        let Some(flight) = &mut self.flight else {
            return false;
        };
        if flight.start.is_nan() {
            flight.start = now;
        }
        let (from, to, start) = (flight.from, flight.to, flight.start);
        let t = ((now - start) / FLIGHT_SECONDS).clamp(0.0, 1.0) as f32;
        // Ease in and out.
        let eased = t * t * (3.0 - 2.0 * t);
        let target = self.fitting(&to);
        self.view = from.lerp(self.area, &target, eased);
        if t >= 1.0 {
            self.view = target;
            self.flight = None;
        }
        self.flight.is_some()
    }

    /// Zooms around the middle of the canvas.
    pub fn zoom_by(&mut self, factor: f32) {
        self.flight = None;
        let c = self.area.center();
        self.view.zoom_around(self.area, c, factor);
    }

    /// Drops selected or edited notes that no longer exist (after undo, redo or delete).
    pub fn forget_missing(&mut self, board: &Board) {
        self.selection.retain(|id| board.note(*id).is_some());
        if self
            .editor
            .as_ref()
            .is_some_and(|e| board.note(e.id).is_none())
        {
            self.editor = None;
        }
    }

    /// Starts typing into a note, selecting only it. A note too small on screen to type into is
    /// zoomed to first, so what is typed can be read.
    pub fn edit(&mut self, board: &Board, id: NoteId) {
        let Some(note) = board.note(id) else { return };
        if cs::NOTE_FONT * self.look.text_scale * self.view.zoom < cs::MIN_TYPING_PX {
            let c = note.rect.center();
            // The area that, fitted, shows the note at 100 %.
            let margin = 2.0 * self.look.fit_margin;
            let (w, h) = (
                self.area.width() - margin,
                self.area.height() - self.look.inset_top - margin,
            );
            self.zoom_to(&crate::model::Rect::new(c.x - w / 2.0, c.y - h / 2.0, w, h));
        }
        self.selection = BTreeSet::from([id]);
        self.editor = Some(NoteEditor {
            id,
            text: note.text.clone(),
            merge: MergeKey::fresh(),
            focus_requested: false,
        });
    }

    /// Ends typing; the text was applied as it was typed, so this only closes the undo step.
    pub fn stop_editing(&mut self, doc: &mut Document) {
        if self.editor.take().is_some() {
            doc.seal();
        }
    }

    /// Creates a note centred on `at` in the current colour and opens it for typing.
    pub fn new_note(&mut self, doc: &mut Document, at: Point) {
        self.stop_editing(doc);
        let like = Note {
            color: self.new_color,
            ..Note::new(NoteId(0), 0.0, 0.0)
        };
        let size = crate::model::Rect::new(0.0, 0.0, like.rect.w, like.rect.h);
        let wanted = size.translated(at.x - size.w / 2.0, at.y - size.h / 2.0);
        // Never on top of another note: a crowded block keeps every note visible.
        let spot = arrange::free_spot(doc.board(), wanted, cs::BLOCK_HEADER).center();
        let (edit, id) = ops::new_note(doc.board_mut_for_ids(), spot, Some(&like));
        doc.apply("New note", edit, None);
        self.edit(doc.board(), id);
    }

    /// Tab, Shift+Tab, Ctrl+Enter: moves to (or creates) the note beside the focus note and opens it.
    pub fn next_note(&mut self, doc: &mut Document, dir: Direction) {
        let Some(from) = self.focus_note() else {
            return;
        };
        self.stop_editing(doc);
        let Some((edit, id)) = ops::next_note(doc.board_mut_for_ids(), from, dir) else {
            return;
        };
        doc.apply("New note", edit, None);
        self.edit(doc.board(), id);
        self.keep_visible(doc.board(), id);
    }

    /// Pans just enough to bring a note on screen.
    fn keep_visible(&mut self, board: &Board, id: NoteId) {
        let Some(r) = self.note_screen_rect(board, id) else {
            return;
        };
        let inner = self.area.shrink(screen_size::FIT_MARGIN);
        let mut shift = egui::Vec2::ZERO;
        if r.right() > inner.right() {
            shift.x = inner.right() - r.right();
        }
        if r.left() < inner.left() {
            shift.x = inner.left() - r.left();
        }
        if r.bottom() > inner.bottom() {
            shift.y = inner.bottom() - r.bottom();
        }
        if r.top() < inner.top() {
            shift.y = inner.top() - r.top();
        }
        self.view.offset += shift;
    }

    pub fn select_all(&mut self, board: &Board) {
        self.selection = board.notes().iter().map(|n| n.id).collect();
    }

    pub fn delete_selection(&mut self, doc: &mut Document) {
        if self.selection.is_empty() {
            return;
        }
        self.stop_editing(doc);
        let label = notes_label("Delete", self.selection.len());
        doc.apply(&label, ops::delete_notes(&self.selected()), None);
        self.selection.clear();
    }

    pub fn duplicate_selection(&mut self, doc: &mut Document) {
        self.stop_editing(doc);
        let (edit, ids) = ops::duplicate(doc.board_mut_for_ids(), &self.selected(), 30.0);
        doc.apply("Duplicate", edit, None);
        if !ids.is_empty() {
            self.selection = ids.into_iter().collect();
        }
    }

    /// Moves the selection by screen pixels; repeated presses are one undo step.
    pub fn nudge(&mut self, doc: &mut Document, dx: f32, dy: f32, merge: MergeKey) {
        let z = self.view.zoom;
        let starts: Vec<_> = self
            .selection
            .iter()
            .filter_map(|id| doc.board().note(*id).map(|n| (*id, n.rect)))
            .collect();
        doc.apply(
            "Move",
            ops::move_notes(doc.board(), &starts, dx / z, dy / z),
            Some(merge),
        );
    }

    pub fn set_color(&mut self, doc: &mut Document, color: NoteColor) {
        self.new_color = color;
        doc.apply(
            "Colour",
            ops::set_color(doc.board(), &self.selected(), color),
            None,
        );
    }

    /// A note's rectangle as drawn (taller than stored when large text needs more room).
    pub fn drawn_rect(&self, note: &Note) -> crate::model::Rect {
        let mut r = note.rect;
        if let Some(h) = self.grown.get(&note.id) {
            r.h = *h;
        }
        r
    }

    /// What is under screen point `pos`.
    pub fn hit(&self, board: &Board, pos: Pos2) -> Hit {
        let p = self.view.to_world(self.area, pos);
        for note in board.notes().iter().rev() {
            let drawn = self.drawn_rect(note);
            if drawn.contains(p) {
                let screen = self.view.rect_to_screen(self.area, &drawn);
                let grip_shown = self.selection.contains(&note.id) && self.selection.len() == 1;
                if grip_shown && grip_rect(screen).contains(pos) {
                    return Hit::Grip(note.id);
                }
                return Hit::Note(note.id);
            }
        }
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

    /// Draws the canvas in all of `ui`'s space and handles its pointer input.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut Document,
        look: Look,
    ) -> Vec<CanvasRequest> {
        let mut requests = Vec::new();
        let (area, resp) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        self.area = area;
        self.look = look;
        let touched = ui.input(|i| {
            // The raw events: shortcuts have been consumed from `events` by now.
            i.pointer.any_pressed()
                || i.raw
                    .events
                    .iter()
                    .any(|e| matches!(e, egui::Event::Key { .. } | egui::Event::MouseWheel { .. }))
                || i.zoom_delta() != 1.0
        });
        if touched || self.flight.is_some() {
            self.auto_fit = false;
        }
        if self.auto_fit
            && let Some(bounds) = doc.board().bounds()
        {
            self.view = self.fitting(&bounds);
        }
        self.navigate(ui, &resp);
        if self.fly(ui.input(|i| i.time)) {
            ui.ctx().request_repaint();
        }
        if look.voting {
            self.vote_clicks(&resp, doc, &mut requests);
        } else {
            self.pointer(ui, &resp, doc, &mut requests);
            self.context_menu(&resp, doc, &mut requests);
        }

        let painter = ui.painter_at(area);
        let bp = BoardPainter {
            painter: &painter,
            view: self.view,
            area,
            palette: look.palette,
            text_scale: look.text_scale,
            lens: look.lens,
        };
        self.paint(&bp, doc.board());
        self.show_editor(ui, doc);
        requests
    }

    /// Scrolling pans; Ctrl+wheel and pinch zoom around the pointer.
    fn navigate(&mut self, ui: &egui::Ui, resp: &egui::Response) {
        if !resp.contains_pointer() {
            return;
        }
        let (scroll, zoom, pointer) =
            ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
        if zoom != 1.0
            && let Some(p) = pointer
        {
            self.flight = None;
            self.view.zoom_around(self.area, p, zoom);
        }
        self.view.offset += scroll;
        if resp.dragged_by(PointerButton::Middle) {
            self.view.offset += resp.drag_delta();
        }
    }

    fn pointer(
        &mut self,
        ui: &egui::Ui,
        resp: &egui::Response,
        doc: &mut Document,
        requests: &mut Vec<CanvasRequest>,
    ) {
        let ctx = ui.ctx().clone();
        let (mods, space) = ctx.input(|i| (i.modifiers, i.key_down(Key::Space)));
        let additive = mods.shift || mods.command;

        // Hover feedback.
        if let Some(pos) = resp.hover_pos()
            && self.gesture.is_none()
        {
            match self.hit(doc.board(), pos) {
                Hit::Grip(_) => ctx.set_cursor_icon(CursorIcon::ResizeNwSe),
                Hit::Note(_) if !space => ctx.set_cursor_icon(CursorIcon::Grab),
                _ if space => ctx.set_cursor_icon(CursorIcon::Grab),
                _ => {}
            }
        }

        if resp.drag_started_by(PointerButton::Primary)
            && let Some(origin_screen) = ctx.input(|i| i.pointer.press_origin())
        {
            let origin = self.view.to_world(self.area, origin_screen);
            self.gesture = Some(match (self.hit(doc.board(), origin_screen), space) {
                (_, true) => Gesture::Pan,
                (Hit::Grip(id), _) => Gesture::Resize {
                    id,
                    start: doc.board().note(id).map(|n| n.rect).unwrap_or_default(),
                    origin,
                    merge: MergeKey::fresh(),
                },
                (Hit::Note(id), _) => {
                    if self.editor.as_ref().is_some_and(|e| e.id != id) {
                        self.stop_editing(doc);
                    }
                    if !self.selection.contains(&id) {
                        if !additive {
                            self.selection.clear();
                        }
                        self.selection.insert(id);
                    }
                    let merge = MergeKey::fresh();
                    let ids = self.selected();
                    doc.apply(
                        &move_label(ids.len()),
                        ops::bring_to_front(doc.board(), &ids),
                        Some(merge),
                    );
                    let starts = ids
                        .iter()
                        .filter_map(|id| doc.board().note(*id).map(|n| (*id, n.rect)))
                        .collect();
                    Gesture::Move {
                        lead: id,
                        starts,
                        origin,
                        merge,
                    }
                }
                _ => {
                    self.stop_editing(doc);
                    let base = if additive {
                        self.selection.clone()
                    } else {
                        BTreeSet::new()
                    };
                    Gesture::Select { origin, base }
                }
            });
        }

        if let Some(gesture) = &self.gesture
            && let Some(pos) = ctx.input(|i| i.pointer.latest_pos())
        {
            let now = self.view.to_world(self.area, pos);
            match gesture {
                Gesture::Move {
                    starts,
                    origin,
                    merge,
                    ..
                } => {
                    let edit =
                        ops::move_notes(doc.board(), starts, now.x - origin.x, now.y - origin.y);
                    doc.apply(&move_label(starts.len()), edit, Some(*merge));
                    ctx.set_cursor_icon(CursorIcon::Grabbing);
                }
                Gesture::Resize {
                    id,
                    start,
                    origin,
                    merge,
                } => {
                    if let Some(note) = doc.board().note(*id) {
                        let mut n = note.clone();
                        n.rect.w = (start.w + now.x - origin.x).max(Note::MIN_SIZE);
                        // Never shorter than its text needs.
                        let min_h = note_min_height(ui.painter(), &n, self.look.text_scale);
                        n.rect.h = (start.h + now.y - origin.y).max(min_h);
                        doc.apply(
                            "Resize note",
                            crate::model::Edit::UpdateNotes(vec![n]),
                            Some(*merge),
                        );
                    }
                    ctx.set_cursor_icon(CursorIcon::ResizeNwSe);
                }
                Gesture::Select { origin, base } => {
                    let band = crate::model::Rect::from_corners(*origin, now);
                    let mut sel = base.clone();
                    sel.extend(
                        doc.board()
                            .notes()
                            .iter()
                            .filter(|n| n.rect.intersects(&band))
                            .map(|n| n.id),
                    );
                    self.selection = sel;
                }
                Gesture::Pan => {
                    self.view.offset += resp.drag_delta();
                    ctx.set_cursor_icon(CursorIcon::Grabbing);
                }
            }
        }

        if resp.drag_stopped() || (self.gesture.is_some() && !ctx.input(|i| i.pointer.any_down())) {
            if matches!(
                self.gesture,
                Some(Gesture::Move { .. } | Gesture::Resize { .. })
            ) {
                doc.seal();
            }
            self.gesture = None;
        }

        if resp.double_clicked()
            && let Some(pos) = resp.interact_pointer_pos()
        {
            match self.hit(doc.board(), pos) {
                Hit::Note(id) | Hit::Grip(id) => self.edit(doc.board(), id),
                Hit::StageHeader(i) => requests.push(CanvasRequest::Rename(Axis::Stage, i)),
                Hit::RowHeader(i) => requests.push(CanvasRequest::Rename(Axis::Row, i)),
                Hit::Empty => self.new_note(doc, self.view.to_world(self.area, pos)),
            }
        } else if resp.clicked()
            && let Some(pos) = resp.interact_pointer_pos()
        {
            match self.hit(doc.board(), pos) {
                Hit::Note(id) | Hit::Grip(id) => {
                    if self.editor.as_ref().is_some_and(|e| e.id != id) {
                        self.stop_editing(doc);
                    }
                    if additive {
                        if !self.selection.remove(&id) {
                            self.selection.insert(id);
                        }
                    } else {
                        self.selection = BTreeSet::from([id]);
                    }
                }
                _ => {
                    self.stop_editing(doc);
                    if !additive {
                        self.selection.clear();
                    }
                }
            }
        }

        if resp.secondary_clicked()
            && let Some(pos) = resp.interact_pointer_pos()
        {
            self.stop_editing(doc);
            self.menu_point = self.view.to_world(self.area, pos);
            self.menu_target = self.hit(doc.board(), pos);
            if let Hit::Note(id) | Hit::Grip(id) = self.menu_target
                && !self.selection.contains(&id)
            {
                self.selection = BTreeSet::from([id]);
            }
        }
    }

    fn context_menu(
        &mut self,
        resp: &egui::Response,
        doc: &mut Document,
        requests: &mut Vec<CanvasRequest>,
    ) {
        resp.context_menu(|ui| {
            ui.set_min_width(220.0);
            match self.menu_target {
                Hit::Note(_) | Hit::Grip(_) => self.note_menu(ui, doc, requests),
                Hit::StageHeader(i) => track_menu(ui, doc, Axis::Stage, i, requests),
                Hit::RowHeader(i) => track_menu(ui, doc, Axis::Row, i, requests),
                Hit::Empty => {
                    if ui.button("New note here").clicked() {
                        self.new_note(doc, self.menu_point);
                        ui.close();
                    }
                    if ui.button("Paste here").clicked() {
                        requests.push(CanvasRequest::Paste(self.menu_point));
                        ui.close();
                    }
                    let region = doc.board().region_at(self.menu_point);
                    if let Some(region) = region {
                        let what = match region {
                            crate::model::Region::Block(_) => "block",
                            crate::model::Region::Cell { .. } => "cell",
                        };
                        if ui.button(format!("Tidy this {what}")).clicked() {
                            requests.push(CanvasRequest::Tidy(self.menu_point));
                            ui.close();
                        }
                    }
                }
            }
            // On empty canvas inside a block or the journey: export that region on its own.
            let board = doc.board();
            if self.menu_target == Hit::Empty
                && let Some(scope) = crate::export::Scope::at(board, self.menu_point)
            {
                ui.separator();
                requests.extend(
                    crate::ui::export::region_menu(ui, board, scope).map(CanvasRequest::Export),
                );
            }
        });
    }

    fn note_menu(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut Document,
        requests: &mut Vec<CanvasRequest>,
    ) {
        ui.horizontal(|ui| {
            for c in NoteColor::ALL {
                if color_swatch(ui, c, false).on_hover_text(c.name()).clicked() {
                    self.set_color(doc, c);
                }
            }
        });
        ui.menu_button("Partner", |ui| {
            let partners = doc.board().partners().to_vec();
            if ui.button("No partner").clicked() {
                doc.apply(
                    "Partner",
                    ops::set_partner(doc.board(), &self.selected(), None),
                    None,
                );
                ui.close();
            }
            for p in partners {
                if ui.button(&p.name).clicked() {
                    doc.apply(
                        "Partner",
                        ops::set_partner(doc.board(), &self.selected(), Some(p.id)),
                        None,
                    );
                    ui.close();
                }
            }
        });
        ui.separator();
        if ui.button("Edit text").clicked()
            && let Some(id) = self.focus_note()
        {
            self.edit(doc.board(), id);
            ui.close();
        }
        if ui.button("Copy").clicked() {
            requests.push(CanvasRequest::Copy);
            ui.close();
        }
        if ui.button("Duplicate").clicked() {
            self.duplicate_selection(doc);
            ui.close();
        }
        if ui.button("Delete").clicked() {
            self.delete_selection(doc);
            ui.close();
        }
    }

    fn paint(&mut self, bp: &BoardPainter<'_>, board: &Board) {
        let mut grown = std::mem::take(&mut self.grown);
        bp.background();
        for block in board.blocks() {
            bp.block(block);
        }
        if let Some(lane) = board.lane() {
            bp.lane(lane);
        }
        if let Some(Gesture::Move { lead, .. }) = &self.gesture
            && let Some(note) = board.note(*lead)
            && let Some(region) = board.region_of(note)
        {
            bp.drop_target(&board.region_rect(region));
        }
        let editing = self.editor.as_ref().map(|e| e.id);
        // From the top down, find the notes that show; then draw those bottom up.
        let mut occlusion = Occlusion::new(
            bp.painter.clip_rect(),
            OCCLUSION_CELL,
            std::mem::take(&mut self.occlusion_buffer),
        );
        let mut shown = std::mem::take(&mut self.shown_buffer);
        shown.clear();
        let clip = bp.painter.clip_rect();
        for (i, note) in board.notes().iter().enumerate().rev() {
            let mut drawn = note.rect;
            if !grown.is_empty()
                && let Some(h) = grown.get(&note.id)
            {
                drawn.h = *h;
            }
            let on_screen = self.view.rect_to_screen(self.area, &drawn);
            if !clip.intersects(on_screen) {
                continue;
            }
            let opaque = self.look.lens.is_none_or(|lens| note.partner == Some(lens));
            if occlusion.offer(on_screen, opaque) || Some(note.id) == editing {
                shown.push(i);
            }
        }
        self.occlusion_buffer = occlusion.into_buffer();
        let mut drawn_heights = HashMap::with_capacity(grown.len());
        for &i in shown.iter().rev() {
            let note = &board.notes()[i];
            if let Some(h) = bp.note(board, note, Some(note.id) != editing) {
                drawn_heights.insert(note.id, h);
            }
        }
        self.shown_buffer = shown;
        // Notes hidden this frame keep the height they were last drawn at.
        for (id, h) in grown.drain() {
            drawn_heights.entry(id).or_insert(h);
        }
        grown = drawn_heights;
        if let Some(area) = &self.look.spotlight {
            bp.spotlight(area);
        }
        if self.look.chrome {
            let grip = self.selection.len() == 1 && editing.is_none();
            for id in &self.selection {
                if let Some(note) = board.note(*id) {
                    bp.selection(&self.drawn_rect(note), grip);
                }
            }
        }
        if let Some(Gesture::Select { origin, .. }) = &self.gesture
            && let Some(pos) = bp.painter.ctx().input(|i| i.pointer.latest_pos())
        {
            bp.rubber_band(Rect::from_two_pos(self.to_screen(*origin), pos));
        }
        if board.notes().is_empty() && board.blocks().is_empty() && board.lane().is_none() {
            bp.hint("Double-click or press N to add a note");
        }
        self.grown = grown;
    }

    /// Voting round: a click adds a dot to the note under it, a right-click takes one back. Dragging
    /// pans, so a slip of the hand moves nothing.
    fn vote_clicks(
        &mut self,
        resp: &egui::Response,
        doc: &Document,
        requests: &mut Vec<CanvasRequest>,
    ) {
        if resp.dragged_by(PointerButton::Primary) {
            self.view.offset += resp.drag_delta();
        }
        let vote = |pos: Option<Pos2>| match pos.map(|p| self.hit(doc.board(), p)) {
            Some(Hit::Note(id) | Hit::Grip(id)) => Some(id),
            _ => None,
        };
        if resp.clicked()
            && let Some(id) = vote(resp.interact_pointer_pos())
        {
            requests.push(CanvasRequest::Vote(id, 1));
        }
        if resp.secondary_clicked()
            && let Some(id) = vote(resp.interact_pointer_pos())
        {
            requests.push(CanvasRequest::Vote(id, -1));
        }
        if resp.hovered() && vote(resp.hover_pos()).is_some() {
            resp.ctx.set_cursor_icon(CursorIcon::PointingHand);
        }
    }

    /// The text field over the note being edited. Text is applied to the board as it is typed (one
    /// undo step per editing session), and the note grows to fit it.
    fn show_editor(&mut self, ui: &mut egui::Ui, doc: &mut Document) {
        let Some(ed) = &mut self.editor else { return };
        let Some(note) = doc.board().note(ed.id).cloned() else {
            self.editor = None;
            return;
        };
        let z = self.view.zoom;
        let rect = self.view.rect_to_screen(self.area, &note.rect);
        let pad = cs::NOTE_PADDING * z;
        let mut child = ui.new_child(UiBuilder::new().max_rect(rect));
        let output = TextEdit::multiline(&mut ed.text)
            .id(egui::Id::unique(("note-editor", ed.id.0)))
            // The note's own padding, so text does not move when typing starts (a frame given to
            // a TextEdit replaces its margin and background).
            .frame(Frame::NONE.inner_margin(Margin::same(pad.round().clamp(0.0, 127.0) as i8)))
            .font(zoomed_font(cs::NOTE_FONT * self.look.text_scale, z))
            .text_color(style::note_text())
            .desired_width(rect.width())
            .desired_rows(1)
            .show(&mut child);
        let resp = output.response.response;
        crate::ui::accessible_name(&resp, "Note text");
        if !ed.focus_requested {
            resp.request_focus();
            ed.focus_requested = true;
        }
        if ed.text != note.text {
            let mut n = note.clone();
            n.text = ed.text.clone();
            n.rect.h = n
                .rect
                .h
                .max(note_min_height(ui.painter(), &n, self.look.text_scale));
            doc.apply(
                "Edit text",
                crate::model::Edit::UpdateNotes(vec![n]),
                Some(ed.merge),
            );
        }
        if resp.lost_focus() {
            self.stop_editing(doc);
        }
    }
}

/// An undo label such as "Move note" or "Move 3 notes".
fn notes_label(verb: &str, n: usize) -> String {
    if n == 1 {
        format!("{verb} note")
    } else {
        format!("{verb} {n} notes")
    }
}

/// The undo label of a move: bringing to the front and every drag frame share it, being one step.
fn move_label(n: usize) -> String {
    notes_label("Move", n)
}

/// A sticky colour button.
pub fn color_swatch(ui: &mut egui::Ui, c: NoteColor, selected: bool) -> egui::Response {
    let size = egui::vec2(26.0, 26.0);
    let (rect, resp) = ui.allocate_exact_size(size, Sense::click());
    crate::ui::accessible_name(&resp, c.name());
    let stroke = if selected || resp.hovered() {
        egui::Stroke::new(3.0, Palette::light().selection)
    } else {
        egui::Stroke::new(1.0, Color32::from_gray(120))
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
fn track_menu(
    ui: &mut egui::Ui,
    doc: &mut Document,
    axis: Axis,
    i: usize,
    requests: &mut Vec<CanvasRequest>,
) {
    let Some(lane) = doc.board().lane() else {
        return;
    };
    let n = lane.tracks(axis).len();
    let name = lane.tracks(axis)[i].name.clone();
    let noun = axis.noun();
    let (before, after) = match axis {
        Axis::Stage => ("left", "right"),
        Axis::Row => ("above", "below"),
    };
    ui.label(egui::RichText::new(&name).strong());
    if axis == Axis::Stage {
        let scope = crate::export::Scope::Stage(name.clone());
        requests.extend(
            crate::ui::export::region_menu(ui, doc.board(), scope).map(CanvasRequest::Export),
        );
    }
    if ui.button(format!("Rename {noun}…")).clicked() {
        requests.push(CanvasRequest::Rename(axis, i));
        ui.close();
    }
    let board = doc.board();
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
        doc.apply(&label, edit, None);
        ui.close();
    }
    ui.separator();
    if ui
        .add_enabled(n > 1, egui::Button::new(format!("Remove {noun}")))
        .clicked()
    {
        if let Some((edit, moved)) = ops::remove_track(doc.board(), axis, i) {
            doc.apply(&format!("Remove {noun}"), edit, None);
            if moved > 0 {
                requests.push(CanvasRequest::Status(format!(
                    "Removed the {noun} \u{201c}{name}\u{201d}; its {} moved below the journey (undo with Ctrl+Z)",
                    crate::ui::count(moved, "note")
                )));
            }
        }
        ui.close();
    }
}
