//! The Tandem window: the document, its file, and the frame loop that ties panels, canvas, dialogs
//! and shortcuts together.

use std::path::{Path, PathBuf};

use eframe::egui::{self, Event, Key, Modifiers, ViewportCommand};

use crate::io::files::{self, DiskStamp};
use crate::io::{Template, clipboard};
use crate::model::ops::{self, Direction};
use crate::model::{Board, Document, MergeKey};
use crate::ui::canvas::{Canvas, CanvasRequest};
use crate::ui::commands::{Command, KeyFocus};
use crate::ui::dialogs::{FileAnswer, FileDialogs, FileRequest, NativeDialogs};
use crate::ui::modals::Modal;
use crate::ui::recovery::Autosave;
use crate::ui::style::{Palette, screen_size};

/// What to do once unsaved changes have been dealt with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Then {
    NewBoard(Template),
    Open,
    Close,
    /// Restore the board of offered recovery copy `i`.
    Restore(usize),
}

/// What the file dialog that is open is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    SaveAs(Option<Then>),
}

/// A line in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct TandemApp {
    pub doc: Document,
    /// Where the board is saved; `None` for a board never saved.
    pub path: Option<PathBuf>,
    /// What `path` held when last opened or saved here, to notice another program writing it.
    pub disk: Option<DiskStamp>,
    /// Recovery copies: this session's, and those a crash left to restore.
    pub autosave: Autosave,
    pub canvas: Canvas,
    pub palette: Palette,
    dialogs: Box<dyn FileDialogs>,
    awaiting: Option<Purpose>,
    pub modal: Option<Modal>,
    pub status: Option<Status>,
    /// A file that could not be opened: shown until dismissed, above the untouched board.
    pub open_error: Option<String>,
    pub side_panel: bool,
    window_title: String,
    close_confirmed: bool,
    /// The last notes copied, for the menus' Paste (the system clipboard only arrives with Ctrl+V).
    last_copy: Option<String>,
    /// Consecutive arrow-key nudges are one undo step.
    nudge_merge: Option<MergeKey>,
    /// Merge key of the side-panel field being typed into, so each typing session is one step.
    pub(crate) field_merge: Option<(egui::Id, MergeKey)>,
}

impl TandemApp {
    /// The app on a board, with the desktop's file dialogs.
    pub fn new(board: Board, path: Option<PathBuf>) -> Self {
        Self::with_dialogs(board, path, Box::new(NativeDialogs::default()))
    }

    pub fn with_dialogs(
        board: Board,
        path: Option<PathBuf>,
        dialogs: Box<dyn FileDialogs>,
    ) -> Self {
        Self {
            doc: Document::new(board),
            path,
            disk: None,
            autosave: Autosave::off(),
            canvas: Canvas::default(),
            palette: Palette::light(),
            dialogs,
            awaiting: None,
            modal: None,
            status: None,
            open_error: None,
            side_panel: true,
            window_title: String::new(),
            close_confirmed: false,
            last_copy: None,
            nudge_merge: None,
            field_merge: None,
        }
    }

    /// Starts on `path` as the command line gives it: the file if it exists, or a new board that
    /// will be saved there. A file that cannot be read leaves a new board open and says why.
    pub fn open_at_start(path: Option<PathBuf>) -> Self {
        let Some(path) = path else {
            return Self::new(Template::Partnership.board(), None);
        };
        if !path.exists() {
            let mut app = Self::new(Template::Partnership.board(), Some(path.clone()));
            app.info(format!(
                "New board: {} will be created when you save",
                files::display_name(&path)
            ));
            return app;
        }
        let mut app = Self::new(Template::Partnership.board(), None);
        app.open_path(&path);
        app
    }

    /// Turns on autosave into `dir` (the data folder's `recovery` folder in the app; tests pass their
    /// own) and offers to restore what a crash left there.
    pub fn start_autosave(&mut self, dir: Option<PathBuf>) {
        let Some(dir) = dir else {
            self.error("Autosave is off: there is no folder for Tandem's data (set TANDEM_HOME)");
            return;
        };
        self.autosave = Autosave::start(dir);
        if !self.autosave.offered.is_empty() {
            self.modal = Some(Modal::Recover);
        }
    }

    fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    pub fn file_name(&self) -> String {
        self.path
            .as_deref()
            .map_or_else(|| "Untitled".to_owned(), files::display_name)
    }

    /// The window title: file name, with `*` while there are unsaved changes.
    pub fn title(&self) -> String {
        let dirty = if self.doc.is_dirty() { "*" } else { "" };
        format!("{dirty}{} — Tandem", self.file_name())
    }

    /// Replaces the open document (after any unsaved-changes question was answered).
    fn replace_board(&mut self, doc: Document, path: Option<PathBuf>, disk: Option<DiskStamp>) {
        self.doc = doc;
        self.path = path;
        self.disk = disk;
        self.canvas.reset();
        self.open_error = None;
    }

    /// Opens a board restored from a recovery copy: unsaved, and saved to `path` if it has one.
    pub(crate) fn restore_board(
        &mut self,
        board: Board,
        path: Option<PathBuf>,
        disk: Option<DiskStamp>,
    ) {
        self.replace_board(Document::new_unsaved(board), path, disk);
    }

    /// Opens a board file. On failure the open board stays as it was and the reason is shown.
    pub fn open_path(&mut self, path: &Path) {
        let name = path.display().to_string();
        match files::load_file_stamped(path) {
            Ok((loaded, stamp)) => {
                let n = loaded.board.notes().len();
                self.replace_board(
                    Document::new(loaded.board),
                    Some(path.to_path_buf()),
                    Some(stamp),
                );
                if loaded.repairs.is_empty() {
                    self.info(format!("Opened {} ({n} notes)", files::display_name(path)));
                } else {
                    self.error(format!(
                        "Opened {} with repairs (the file is unchanged until you save): {}",
                        files::display_name(path),
                        crate::io::diagnostic::summary(&loaded.repairs)
                    ));
                }
            }
            Err(d) => {
                self.open_error = Some(format!(
                    "Could not open {name}: {d}. The board you had open is unchanged."
                ));
            }
        }
    }

    /// Saves to the board's file, or asks where first; asks before overwriting a file another
    /// program changed since it was opened or saved here.
    fn save(&mut self, ctx: &egui::Context, then: Option<Then>) {
        let Some(path) = self.path.clone() else {
            self.start_dialog(ctx, Purpose::SaveAs(then));
            return;
        };
        // Without a stamp Tandem never saw this file: one there now was made by someone else.
        let changed = match &self.disk {
            Some(stamp) => files::changed_on_disk(&path, stamp),
            None => path.exists(),
        };
        if changed {
            self.modal = Some(Modal::ChangedOnDisk { then });
            return;
        }
        self.save_to(ctx, &path, then);
    }

    /// Saves over the board's file although another program changed it.
    pub(crate) fn overwrite(&mut self, ctx: &egui::Context, then: Option<Then>) {
        if let Some(path) = self.path.clone() {
            self.save_to(ctx, &path, then);
        }
    }

    fn save_to(&mut self, ctx: &egui::Context, path: &Path, then: Option<Then>) {
        self.canvas.stop_editing(&mut self.doc);
        match files::save_file(path, self.doc.board()) {
            Ok(stamp) => {
                self.doc.mark_saved();
                self.path = Some(path.to_path_buf());
                self.disk = Some(stamp);
                self.info(format!("Saved {}", path.display()));
                if let Some(then) = then {
                    self.proceed(ctx, then);
                }
            }
            Err(reason) => {
                let message = format!(
                    "Could not save {}: {reason}. Your board is still open with its changes.",
                    path.display()
                );
                self.error(message.clone());
                self.modal = Some(Modal::SaveFailed { message, then });
            }
        }
    }

    pub(crate) fn start_dialog(&mut self, ctx: &egui::Context, purpose: Purpose) {
        self.awaiting = Some(purpose);
        let request = match purpose {
            Purpose::Open => FileRequest::Open,
            Purpose::SaveAs(_) => FileRequest::SaveAs {
                suggested: self.suggested_name(),
            },
        };
        self.dialogs.start(request, ctx);
    }

    pub fn suggested_name(&self) -> String {
        match &self.path {
            Some(p) => files::display_name(p),
            None => {
                let title: String = self
                    .doc
                    .board()
                    .title()
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() {
                            c.to_ascii_lowercase()
                        } else {
                            '-'
                        }
                    })
                    .collect();
                let title = title
                    .split('-')
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("-");
                format!(
                    "{}{}",
                    if title.is_empty() { "board" } else { &title },
                    files::EXTENSION
                )
            }
        }
    }

    /// Handles a path chosen in a dialog (or typed when no dialog could be shown).
    pub(crate) fn path_chosen(&mut self, ctx: &egui::Context, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open => self.open_path(&path),
            Purpose::SaveAs(then) => {
                let path = files::with_extension(&path);
                self.save_to(ctx, &path, then);
            }
        }
    }

    fn poll_dialog(&mut self, ctx: &egui::Context) {
        let Some(answer) = self.dialogs.poll() else {
            return;
        };
        let Some(purpose) = self.awaiting.take() else {
            return;
        };
        match answer {
            FileAnswer::Chosen(path) => self.path_chosen(ctx, purpose, path),
            FileAnswer::Cancelled => {}
            FileAnswer::Unavailable(reason) => {
                let text = match purpose {
                    Purpose::Open => std::env::current_dir()
                        .map(|d| format!("{}/", d.display()))
                        .unwrap_or_default(),
                    Purpose::SaveAs(_) => std::env::current_dir()
                        .map(|d| d.join(self.suggested_name()).display().to_string())
                        .unwrap_or_else(|_| self.suggested_name()),
                };
                self.modal = Some(Modal::TypePath {
                    purpose,
                    text,
                    reason,
                });
            }
        }
    }

    /// Does `then` now, or first asks what to do with unsaved changes.
    pub(crate) fn request(&mut self, ctx: &egui::Context, then: Then) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved { then });
        } else {
            self.proceed(ctx, then);
        }
    }

    /// Does `then`, unsaved changes having been saved or discarded.
    pub(crate) fn proceed(&mut self, ctx: &egui::Context, then: Then) {
        match then {
            Then::NewBoard(t) => {
                self.replace_board(Document::new(t.board()), None, None);
                self.info(format!("New board: {}", t.label()));
            }
            Then::Open => self.start_dialog(ctx, Purpose::Open),
            Then::Close => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Then::Restore(i) => {
                crate::ui::recovery::restore(self, i);
                if !self.autosave.offered.is_empty() {
                    self.modal = Some(Modal::Recover);
                }
            }
        }
    }

    /// Answer to the unsaved-changes question.
    pub(crate) fn unsaved_answer(&mut self, ctx: &egui::Context, then: Then, save: Option<bool>) {
        match save {
            Some(true) => self.save(ctx, Some(then)),
            Some(false) => self.proceed(ctx, then),
            None => {}
        }
    }

    pub fn run(&mut self, ctx: &egui::Context, cmd: Command) {
        let board_cmd = !matches!(
            cmd,
            Command::NewBoard | Command::Open | Command::Save | Command::SaveAs | Command::Quit
        );
        if board_cmd {
            self.status = None;
        }
        match cmd {
            Command::NewBoard => self.modal = Some(Modal::ChooseTemplate),
            Command::Open => self.request(ctx, Then::Open),
            Command::Save => {
                self.save(ctx, None);
            }
            Command::SaveAs => self.start_dialog(ctx, Purpose::SaveAs(None)),
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::Undo | Command::Redo => {
                self.canvas.stop_editing(&mut self.doc);
                let done = if cmd == Command::Undo {
                    self.doc.undo()
                } else {
                    self.doc.redo()
                };
                self.canvas.forget_missing(self.doc.board());
                match done {
                    Some(label) => self.info(format!("{}: {label}", cmd.label())),
                    None => self.info(format!("Nothing to {}", cmd.label().to_lowercase())),
                }
            }
            Command::Cut => {
                self.copy(ctx);
                self.canvas.delete_selection(&mut self.doc);
            }
            Command::Copy => self.copy(ctx),
            Command::Paste => {
                if let Some(text) = self.last_copy.clone() {
                    let at = self.paste_point(ctx);
                    self.paste(&text, at);
                }
            }
            Command::Duplicate => self.canvas.duplicate_selection(&mut self.doc),
            Command::Delete => self.canvas.delete_selection(&mut self.doc),
            Command::SelectAll => self.canvas.select_all(self.doc.board()),
            Command::NewNote => {
                let at = self.paste_point(ctx);
                self.canvas.new_note(&mut self.doc, at);
            }
            Command::EditNote => {
                if let Some(id) = self.canvas.focus_note() {
                    self.canvas.edit(self.doc.board(), id);
                }
            }
            Command::NextNoteRight => self.canvas.next_note(&mut self.doc, Direction::Right),
            Command::NextNoteLeft => self.canvas.next_note(&mut self.doc, Direction::Left),
            Command::NextNoteBelow => self.canvas.next_note(&mut self.doc, Direction::Down),
            Command::ZoomIn => self.canvas.zoom_by(1.25),
            Command::ZoomOut => self.canvas.zoom_by(0.8),
            Command::ZoomToFit => self.canvas.zoom_to_fit(self.doc.board()),
            Command::ZoomToSelection => {
                let rects: Vec<_> = self
                    .canvas
                    .selection
                    .iter()
                    .filter_map(|id| self.doc.board().note(*id))
                    .map(|n| n.rect)
                    .collect();
                if let Some(r) = crate::model::Rect::bounding(rects.iter()) {
                    self.canvas.zoom_to(&r);
                }
            }
            Command::ToggleSidePanel => self.side_panel = !self.side_panel,
        }
    }

    /// Whether a command can run now (menus grey out the rest).
    pub fn enabled(&self, cmd: Command) -> bool {
        let has_selection = !self.canvas.selection.is_empty();
        match cmd {
            Command::Undo => self.doc.undo_label().is_some(),
            Command::Redo => self.doc.redo_label().is_some(),
            Command::Cut
            | Command::Copy
            | Command::Duplicate
            | Command::Delete
            | Command::ZoomToSelection => has_selection,
            Command::Paste => self.last_copy.is_some(),
            Command::EditNote
            | Command::NextNoteRight
            | Command::NextNoteLeft
            | Command::NextNoteBelow => self.canvas.focus_note().is_some(),
            _ => true,
        }
    }

    /// Where pasted or new notes go: under the pointer if it is on the canvas, else mid-screen.
    fn paste_point(&self, ctx: &egui::Context) -> crate::model::Point {
        self.canvas
            .pointer_point(ctx)
            .unwrap_or_else(|| self.canvas.view_center())
    }

    fn copy(&mut self, ctx: &egui::Context) {
        let ids = self.canvas.selected();
        if ids.is_empty() {
            return;
        }
        let text = clipboard::copy_notes(self.doc.board(), &ids);
        ctx.copy_text(text.clone());
        self.last_copy = Some(text);
        self.info(format!(
            "Copied {} note{}",
            ids.len(),
            if ids.len() == 1 { "" } else { "s" }
        ));
    }

    pub(crate) fn paste(&mut self, text: &str, at: crate::model::Point) {
        let notes = clipboard::notes_from_clipboard(self.doc.board(), text);
        if notes.is_empty() {
            return;
        }
        self.canvas.stop_editing(&mut self.doc);
        let (edit, ids) = ops::place_copies(self.doc.board_mut_for_ids(), &notes, at);
        self.doc.apply("Paste", edit, None);
        self.canvas.selection = ids.into_iter().collect();
    }

    /// Where the keyboard goes this frame.
    fn key_focus(&self, ctx: &egui::Context) -> KeyFocus {
        let editor_focused = self.canvas.editor.as_ref().is_some_and(|e| {
            ctx.memory(|m| m.has_focus(egui::Id::unique(("note-editor", e.id.0))))
        });
        if editor_focused {
            KeyFocus::NoteText
        } else if ctx.egui_wants_keyboard_input() {
            KeyFocus::OtherField
        } else {
            KeyFocus::Canvas
        }
    }

    /// Runs the commands whose shortcuts were pressed, and the canvas keys (arrows, Escape,
    /// clipboard).
    fn handle_keys(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() {
            return;
        }
        let focus = self.key_focus(ctx);
        for (cmd, shortcut) in Command::dispatch_order() {
            if cmd.applies_to(focus)
                && self.enabled(cmd)
                && ctx.input_mut(|i| i.consume_shortcut(&shortcut))
            {
                self.run(ctx, cmd);
            }
        }
        if focus != KeyFocus::Canvas {
            return;
        }
        let events = ctx.input(|i| i.events.clone());
        for event in &events {
            match event {
                Event::Copy => self.run(ctx, Command::Copy),
                Event::Cut => self.run(ctx, Command::Cut),
                Event::Paste(text) => {
                    let at = self.paste_point(ctx);
                    self.paste(text, at);
                }
                _ => {}
            }
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.canvas.selection.clear();
        }
        let mut nudged = false;
        for (key, dx, dy) in [
            (Key::ArrowLeft, -1.0, 0.0),
            (Key::ArrowRight, 1.0, 0.0),
            (Key::ArrowUp, 0.0, -1.0),
            (Key::ArrowDown, 0.0, 1.0),
        ] {
            let fine = ctx.input_mut(|i| i.consume_key(Modifiers::SHIFT, key));
            let coarse = !fine && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
            if (fine || coarse) && !self.canvas.selection.is_empty() {
                let step = if fine {
                    screen_size::NUDGE_FINE
                } else {
                    screen_size::NUDGE
                };
                let merge = *self.nudge_merge.get_or_insert_with(MergeKey::fresh);
                self.canvas
                    .nudge(&mut self.doc, dx * step, dy * step, merge);
                nudged = true;
            }
        }
        // Arrow presses were consumed above: any other key or a click starts a new undo step.
        let other_input = ctx.input(|i| {
            i.pointer.any_pressed()
                || i.events
                    .iter()
                    .any(|e| matches!(e, Event::Key { pressed: true, .. }))
        });
        if !nudged && other_input {
            self.nudge_merge = None;
        }
    }

    /// Keeps the window title in step with the file name and the unsaved marker.
    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.window_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// Closing the window with unsaved changes asks first.
    fn intercept_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && self.doc.is_dirty()
            && !self.close_confirmed
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved { then: Then::Close });
        }
    }

    pub(crate) fn handle_canvas_requests(
        &mut self,
        ctx: &egui::Context,
        requests: Vec<CanvasRequest>,
    ) {
        for r in requests {
            match r {
                CanvasRequest::Rename(axis, index) => {
                    if let Some(lane) = self.doc.board().lane() {
                        let text = lane.tracks(axis)[index].name.clone();
                        self.modal = Some(Modal::Rename { axis, index, text });
                    }
                }
                CanvasRequest::Status(text) => self.info(text),
                CanvasRequest::Paste(at) => {
                    if let Some(text) = self.last_copy.clone() {
                        self.paste(&text, at);
                    }
                }
                CanvasRequest::Copy => self.copy(ctx),
            }
        }
    }

    /// One frame of the whole window.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.intercept_close(&ctx);
        self.poll_dialog(&ctx);
        self.handle_keys(&ctx);
        crate::ui::panels::menu_bar(self, ui);
        crate::ui::panels::toolbar(self, ui);
        crate::ui::panels::status_bar(self, ui);
        if self.side_panel {
            crate::ui::panels::side_panel(self, ui);
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            if let Some(message) = self.open_error.clone() {
                crate::ui::panels::error_banner(self, ui, &message);
            }
            let requests = self.canvas.show(ui, &mut self.doc, self.palette);
            self.handle_canvas_requests(&ctx, requests);
        });
        crate::ui::modals::show(self, &ctx);
        let (path, disk) = (self.path.as_deref(), self.disk.as_ref());
        if let Some(problem) = self.autosave.tick(&ctx, &self.doc, path, disk) {
            self.error(problem);
        }
        self.update_title(&ctx);
    }
}

impl eframe::App for TandemApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }
}

/// Look and behaviour settings applied once to a new window's context.
pub fn setup_context(ctx: &egui::Context) {
    // Ctrl+Plus/Minus/0 zoom the board, not the whole interface.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
    crate::ui::fonts::install(ctx);
    ctx.set_theme(egui::Theme::Light);
    ctx.global_style_mut(|style| {
        use egui::{FontId, TextStyle};
        // Larger than egui's defaults: the interface is read from across a room too.
        style
            .text_styles
            .insert(TextStyle::Body, FontId::proportional(16.0));
        style
            .text_styles
            .insert(TextStyle::Button, FontId::proportional(16.0));
        style
            .text_styles
            .insert(TextStyle::Heading, FontId::proportional(21.0));
        style
            .text_styles
            .insert(TextStyle::Small, FontId::proportional(13.0));
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
        style.spacing.interact_size.y = 26.0;
    });
}

/// Opens the Tandem window on `path` (or a new board) and runs until it is closed.
pub fn run(path: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Tandem")
            .with_app_id("tandem")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([640.0, 420.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Tandem",
        options,
        Box::new(move |cc| {
            setup_context(&cc.egui_ctx);
            let mut app = TandemApp::open_at_start(path);
            app.start_autosave(crate::io::recovery::recovery_dir());
            Ok(Box::new(app))
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggested_names_come_from_the_title() {
        let app = TandemApp::with_dialogs(
            Template::Partnership.board(),
            None,
            Box::new(crate::ui::dialogs::ScriptedDialogs::default()),
        );
        assert_eq!(app.suggested_name(), "partnership-canvas.tandem.json");
        assert_eq!(app.title(), "Untitled — Tandem");
    }

    #[test]
    fn a_missing_file_on_the_command_line_is_a_new_board_saved_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.tandem.json");
        let app = TandemApp::open_at_start(Some(path.clone()));
        assert_eq!(app.path.as_deref(), Some(path.as_path()));
        assert!(app.doc.board().lane().is_some());
        assert!(app.open_error.is_none());
    }

    #[test]
    fn a_broken_file_on_the_command_line_is_reported_and_not_touched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("broken.tandem.json");
        std::fs::write(&path, "{ nope").unwrap();
        let app = TandemApp::open_at_start(Some(path.clone()));
        let message = app.open_error.as_deref().unwrap();
        assert!(message.contains("broken.tandem.json"), "{message}");
        assert!(message.contains("line 1, column 3"), "{message}");
        assert_eq!(
            app.path, None,
            "the broken file is not adopted as the save target"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ nope");
    }
}
