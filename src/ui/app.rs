//! The Tandem window: the document, its file, and the frame loop that ties panels, canvas, dialogs
//! and shortcuts together.

use std::path::{Path, PathBuf};

use eframe::egui::{self, Event, Key, Modifiers, ViewportCommand};

use std::sync::Arc;

use crate::io::files::{self, DiskStamp};
use crate::io::{Template, clipboard};
use crate::model::ops::{self, Direction};
use crate::model::{Board, Document, MergeKey, PartnerId, analysis, arrange};
use crate::ui::canvas::{Canvas, CanvasRequest, Look};
use crate::ui::commands::{Command, KeyFocus};
use crate::ui::dialogs::{FileAnswer, FileDialogs, FileRequest, NativeDialogs};
use crate::ui::export::{self, ExportJob, Exports};
use crate::ui::modals::Modal;
use crate::ui::present::{self, Presentation};
use crate::ui::recovery::Autosave;
use crate::ui::settings::{Settings, SettingsStore, Theme};
use crate::ui::style::{Palette, canvas_size, screen_size};
use crate::ui::timer::{Clock, SystemClock, Timer};

/// What to do once unsaved changes have been dealt with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Then {
    NewBoard(Template),
    Open,
    Close,
    /// Import a JSON Canvas file as a new board.
    Import,
    /// Restore the board of offered recovery copy `i`.
    Restore(usize),
}

/// What the file dialog that is open is for.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    Open,
    SaveAs(Option<Then>),
    Export(ExportJob),
    Import,
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
    pub settings: Settings,
    settings_store: SettingsStore,
    /// The theme last handed to egui, to set it again only when it changes.
    applied_theme: Option<Theme>,
    /// Presentation mode, when on.
    pub present: Option<Presentation>,
    pub timer: Timer,
    pub clock: Arc<dyn Clock>,
    /// A dot-voting round is on: clicks on notes add and take back dots.
    pub voting: bool,
    /// The partner whose notes stand out on the canvas.
    pub lens: Option<PartnerId>,
    fullscreen: bool,
    dialogs: Box<dyn FileDialogs>,
    exports: Exports,
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
    /// What is being typed into the timer's length field.
    pub(crate) timer_input: String,
    /// Frames seen by the start-up probe (see `FIRST_FRAME_PROBE`), when it is on.
    probe_frames: Option<u8>,
}

impl TandemApp {
    /// The app on a board, with the desktop's file dialogs and the settings saved last time.
    pub fn new(board: Board, path: Option<PathBuf>) -> Self {
        Self::with_dialogs(board, path, Box::new(NativeDialogs::default()))
            .with_settings_store(SettingsStore::standard())
    }

    /// Reads settings from `store`, and saves changes there.
    pub fn with_settings_store(mut self, store: SettingsStore) -> Self {
        let (settings, problem) = store.load();
        self.settings = settings;
        self.settings_store = store;
        if let Some(problem) = problem {
            self.error(problem);
        }
        self
    }

    /// Changes a setting and remembers it for the next run.
    pub fn change_settings(&mut self, change: impl FnOnce(&mut Settings)) {
        change(&mut self.settings);
        if let Err(e) = self.settings_store.save(&self.settings) {
            self.error(e);
        }
    }

    pub fn palette(&self) -> Palette {
        Palette::for_theme(self.settings.theme)
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
            settings: Settings::default(),
            settings_store: SettingsStore::default(),
            applied_theme: None,
            present: None,
            timer: Timer::default(),
            clock: Arc::new(SystemClock),
            voting: false,
            lens: None,
            fullscreen: false,
            dialogs,
            exports: Exports::default(),
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
            timer_input: String::new(),
            probe_frames: None,
        }
    }

    /// Starts on `path` as the command line gives it: the file if it exists, or a new board that
    /// will be saved there. A file that cannot be read leaves a new board open and says why.
    pub fn open_at_start(path: Option<PathBuf>) -> Self {
        let mut app = Self::open_path_at_start(path);
        if std::env::var_os(FIRST_FRAME_PROBE).is_some() {
            app.probe_frames = Some(0);
        }
        app
    }

    fn open_path_at_start(path: Option<PathBuf>) -> Self {
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
        let request = match &purpose {
            Purpose::Open => FileRequest::Open,
            Purpose::Import => FileRequest::Import,
            Purpose::SaveAs(_) => FileRequest::SaveAs {
                suggested: self.suggested_name(),
            },
            Purpose::Export(job) => FileRequest::Export {
                format: job.format,
                suggested: export::suggested_name(self.path.as_deref(), self.doc.board(), job),
            },
        };
        self.awaiting = Some(purpose);
        self.dialogs.start(request, ctx);
    }

    /// Asks where to write an export, then writes it in the background.
    pub fn export(&mut self, ctx: &egui::Context, job: ExportJob) {
        self.start_dialog(ctx, Purpose::Export(job));
    }

    /// Opens a JSON Canvas file as a new, unsaved board and lists what it could not keep. On
    /// failure the open board stays as it was and the reason is shown.
    pub fn import_path(&mut self, path: &Path) {
        match export::import(path) {
            Ok(imported) => {
                let summary = crate::io::json_canvas::summary(&imported.board);
                self.replace_board(Document::new_unsaved(imported.board), None, None);
                let name = files::display_name(path);
                if imported.not_kept.is_empty() {
                    self.info(format!("Imported {name}: {summary}"));
                } else {
                    self.info(format!(
                        "Imported {name}: {summary}; see what could not be kept as it was"
                    ));
                    self.modal = Some(Modal::Report {
                        title: format!("Imported {name}"),
                        intro: format!(
                            "{summary}. This board is new and not saved yet. What Tandem \
                             could not keep as it was in the file:"
                        ),
                        lines: imported.not_kept.iter().map(|d| d.to_string()).collect(),
                    });
                }
            }
            Err(message) => self.open_error = Some(message),
        }
    }

    pub fn suggested_name(&self) -> String {
        match &self.path {
            Some(p) => files::display_name(p),
            None => {
                let title = crate::export::scope::slug(self.doc.board().title());
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
            Purpose::Export(job) => {
                let path = export::with_extension(&path, job.format);
                self.info(format!("Exporting to {}…", path.display()));
                self.exports.start(self.doc.board().clone(), job, path, ctx);
            }
            Purpose::Import => self.import_path(&path),
        }
    }

    fn poll_dialog(&mut self, ctx: &egui::Context) {
        // Exports started from a dialog's answer report back here when written.
        if let Some(done) = self.exports.poll() {
            match done {
                Ok(text) => self.info(text),
                Err(text) => self.error(text),
            }
        }
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
                let suggested = match &purpose {
                    Purpose::Open | Purpose::Import => String::new(),
                    Purpose::SaveAs(_) => self.suggested_name(),
                    Purpose::Export(job) => {
                        export::suggested_name(self.path.as_deref(), self.doc.board(), job)
                    }
                };
                let text = std::env::current_dir()
                    .map(|d| format!("{}/{suggested}", d.display()))
                    .unwrap_or(suggested);
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
            Then::Import => self.start_dialog(ctx, Purpose::Import),
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
            Command::Present => self.toggle_presentation(ctx),
            Command::Fullscreen => {
                self.fullscreen =
                    !ctx.input(|i| i.viewport().fullscreen.unwrap_or(self.fullscreen));
                ctx.send_viewport_cmd(ViewportCommand::Fullscreen(self.fullscreen));
            }
            Command::NextStop | Command::PreviousStop => {
                let by = if cmd == Command::NextStop { 1 } else { -1 };
                if let Some(p) = &mut self.present {
                    let stop = p.step(self.doc.board(), by);
                    self.go_to_stop(stop);
                }
            }
            Command::Spotlight => {
                if let Some(p) = &mut self.present {
                    p.spotlight = !p.spotlight;
                }
            }
            Command::TimerStartPause => self.timer.toggle(self.clock.now()),
            Command::TimerReset => self.timer.reset(),
            Command::VotingRound => {
                self.voting = !self.voting;
                if self.voting {
                    self.canvas.stop_editing(&mut self.doc);
                    self.info(
                        "Dot voting: click a note to add a dot, right-click to take one back",
                    );
                } else {
                    self.info(format!(
                        "Voting round finished: {} dots placed",
                        analysis::dots_used(self.doc.board())
                    ));
                }
            }
            Command::PartnerLens => {
                let partners = self.doc.board().partners();
                let next = match self
                    .lens
                    .and_then(|l| partners.iter().position(|p| p.id == l))
                {
                    None => partners.first(),
                    Some(i) => partners.get(i + 1),
                };
                self.lens = next.map(|p| p.id);
            }
            Command::Tidy => {
                let ids = self.canvas.selected();
                if ids.len() >= 2 {
                    let arranged = arrange::tidy_notes(self.doc.board(), &ids);
                    self.apply_arranged("Tidy selection", arranged);
                } else {
                    let at = self
                        .present
                        .as_ref()
                        .and_then(|p| p.current(self.doc.board()))
                        .and_then(|s| s.area(self.doc.board()))
                        .map(|a| a.center())
                        .unwrap_or_else(|| self.paste_point(ctx));
                    self.tidy_at(at);
                }
            }
            Command::ArrangeByVotes => {
                let arranged =
                    arrange::arrange_by_votes(self.doc.board(), canvas_size::BLOCK_HEADER);
                self.apply_arranged("Arrange by votes", arranged);
            }
            Command::ResetVotes => {
                let n = analysis::dots_used(self.doc.board());
                self.doc
                    .apply("Reset votes", ops::reset_votes(self.doc.board()), None);
                self.info(format!(
                    "Took {n} dots off the board (Ctrl+Z puts them back)"
                ));
            }
            Command::DarkTheme => self.change_settings(|s| {
                s.theme = if s.theme == Theme::Dark {
                    Theme::Light
                } else {
                    Theme::Dark
                };
            }),
            Command::LargeText => self.change_settings(|s| s.large_text = !s.large_text),
        }
    }

    /// Whether a toggle command is on, for check marks in menus.
    pub fn is_on(&self, cmd: Command) -> bool {
        match cmd {
            Command::Present => self.present.is_some(),
            Command::Spotlight => self.present.as_ref().is_some_and(|p| p.spotlight),
            Command::VotingRound => self.voting,
            Command::PartnerLens => self.lens.is_some(),
            Command::DarkTheme => self.settings.theme == Theme::Dark,
            Command::LargeText => self.settings.large_text,
            Command::ToggleSidePanel => self.side_panel,
            _ => false,
        }
    }

    fn toggle_presentation(&mut self, ctx: &egui::Context) {
        if self.present.take().is_some() {
            self.info("Left presentation mode");
        } else {
            self.canvas.stop_editing(&mut self.doc);
            self.present = Some(Presentation::new(ctx.input(|i| i.time)));
            self.canvas.zoom_to_fit(self.doc.board());
        }
    }

    /// Flies to a presentation stop.
    pub(crate) fn go_to_stop(&mut self, stop: Option<present::Stop>) {
        if let Some(area) = stop.and_then(|s| s.view_area(self.doc.board())) {
            self.canvas.zoom_to(&area);
        }
    }

    /// Tidies the block or journey cell at a board point.
    fn tidy_at(&mut self, at: crate::model::Point) {
        match self.doc.board().region_at(at) {
            Some(region) => {
                let name = self.doc.board().region_name(region);
                let arranged =
                    arrange::tidy_region(self.doc.board(), region, canvas_size::BLOCK_HEADER);
                self.apply_arranged(&format!("Tidy {name}"), arranged);
            }
            None => self.info("Point at a block or journey cell to tidy it, or select notes"),
        }
    }

    fn apply_arranged(&mut self, label: &str, arranged: arrange::Arranged) {
        self.canvas.stop_editing(&mut self.doc);
        self.doc.apply(label, arranged.edit, None);
        if arranged.overflow > 0 {
            self.error(format!(
                "{label}: {} did not fit without overlapping; the block is full",
                crate::ui::count(arranged.overflow, "note")
            ));
        } else {
            self.info(format!("{label} (Ctrl+Z undoes)"));
        }
    }

    /// A dot added (`+1`) or taken back (`-1`) in a voting round, within the round's budget.
    fn vote(&mut self, id: crate::model::NoteId, by: i32) {
        let board = self.doc.board();
        if by > 0 {
            let v = board.voting();
            let budget = v.budget();
            if budget > 0 && analysis::dots_used(board) >= budget {
                self.error(format!("All {budget} dots are placed: take one back with a right-click, or raise the number of people"));
                return;
            }
            self.doc.apply("Add a dot", ops::add_vote(board, id), None);
        } else {
            self.doc
                .apply("Take back a dot", ops::remove_vote(board, id), None);
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
            | Command::NextNoteBelow => self.canvas.focus_note().is_some() && !self.voting,
            Command::NextStop | Command::PreviousStop | Command::Spotlight => {
                self.present.is_some()
            }
            Command::PartnerLens => !self.doc.board().partners().is_empty(),
            Command::ResetVotes | Command::ArrangeByVotes => {
                analysis::dots_used(self.doc.board()) > 0
            }
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
        self.info(format!("Copied {}", crate::ui::count(ids.len(), "note")));
    }

    pub(crate) fn paste(&mut self, text: &str, at: crate::model::Point) {
        let notes = clipboard::notes_from_clipboard(self.doc.board(), text);
        if notes.is_empty() {
            return;
        }
        self.canvas.stop_editing(&mut self.doc);
        // A single pasted note looks for free room, like a new one.
        let at = match &notes[..] {
            [one] => {
                let r = one.rect;
                arrange::free_spot(
                    self.doc.board(),
                    r.translated(at.x - r.center().x, at.y - r.center().y),
                    canvas_size::BLOCK_HEADER,
                )
                .center()
            }
            _ => at,
        };
        let (edit, ids) = ops::place_copies(self.doc.board_mut_for_ids(), &notes, at);
        self.doc.apply("Paste", edit, None);
        self.canvas.selection = ids.into_iter().collect();
    }

    /// Where the keyboard goes this frame.
    fn key_focus(&self, ctx: &egui::Context) -> KeyFocus {
        // The open editor, not egui's focus: egui drops focus on Esc before the frame's widgets
        // run, and that Esc must end typing, not reach the board (or leave presenting).
        if self.canvas.editor.is_some() {
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
            if !cmd.applies_to(focus) || !self.enabled(cmd) {
                continue;
            }
            // Every press counts: two presses within one frame (a presenter's clicker, key repeat
            // on a slow frame) run the command twice, as long as it still applies.
            let presses = ctx
                .input_mut(|i| i.count_and_consume_key(shortcut.modifiers, shortcut.logical_key));
            for _ in 0..presses {
                self.run(ctx, cmd);
                if self.modal.is_some()
                    || !cmd.applies_to(self.key_focus(ctx))
                    || !self.enabled(cmd)
                {
                    break;
                }
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
            if self.present.is_some() {
                self.toggle_presentation(ctx);
            } else if self.voting {
                self.run(ctx, Command::VotingRound);
            } else {
                self.canvas.selection.clear();
            }
        }
        if self.present.is_some() {
            const DIGITS: [Key; 9] = [
                Key::Num1,
                Key::Num2,
                Key::Num3,
                Key::Num4,
                Key::Num5,
                Key::Num6,
                Key::Num7,
                Key::Num8,
                Key::Num9,
            ];
            for (i, key) in DIGITS.into_iter().enumerate() {
                if ctx.input_mut(|inp| inp.consume_key(Modifiers::NONE, key))
                    && let Some(p) = &mut self.present
                {
                    let stop = p.jump_to_block(self.doc.board(), i);
                    self.go_to_stop(stop);
                }
            }
        }
        let mut nudged = false;
        for (key, dx, dy) in [
            (Key::ArrowLeft, -1.0, 0.0),
            (Key::ArrowRight, 1.0, 0.0),
            (Key::ArrowUp, 0.0, -1.0),
            (Key::ArrowDown, 0.0, 1.0),
        ] {
            // Shift first: a plain match would take Shift presses too. Counted, so key repeat
            // on a slow frame still moves the notes as far as the presses say.
            let fine = ctx.input_mut(|i| i.count_and_consume_key(Modifiers::SHIFT, key));
            let coarse = ctx.input_mut(|i| i.count_and_consume_key(Modifiers::NONE, key));
            if fine + coarse > 0 && !self.canvas.selection.is_empty() {
                let step =
                    fine as f32 * screen_size::NUDGE_FINE + coarse as f32 * screen_size::NUDGE;
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
                CanvasRequest::Export(job) => self.export(ctx, job),
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
                CanvasRequest::Vote(id, by) => self.vote(id, by),
                CanvasRequest::Tidy(at) => self.tidy_at(at),
            }
        }
    }

    /// One frame of the whole window.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.intercept_close(&ctx);
        self.poll_dialog(&ctx);
        self.apply_theme(&ctx);
        self.handle_keys(&ctx);
        // Presenting, the room sees the board and nothing else.
        if self.present.is_none() {
            crate::ui::panels::menu_bar(self, ui);
            crate::ui::panels::toolbar(self, ui);
            crate::ui::panels::status_bar(self, ui);
            if self.side_panel {
                crate::ui::panels::side_panel(self, ui);
            }
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            if let Some(message) = self.open_error.clone() {
                crate::ui::panels::error_banner(self, ui, &message);
            }
            let look = self.look();
            let requests = self.canvas.show(ui, &mut self.doc, look);
            self.handle_canvas_requests(&ctx, requests);
            self.overlays(ui);
        });
        crate::ui::modals::show(self, &ctx);
        let (path, disk) = (self.path.as_deref(), self.disk.as_ref());
        if let Some(problem) = self.autosave.tick(&ctx, &self.doc, path, disk) {
            self.error(problem);
        }
        self.update_title(&ctx);
        self.schedule_repaint(&ctx);
        match self.probe_frames {
            // The first frame is drawn after this call; report at the start of the second.
            Some(0) => {
                self.probe_frames = Some(1);
                ctx.request_repaint();
            }
            Some(_) => {
                self.probe_frames = None;
                let started = PROCESS_START.get_or_init(std::time::Instant::now);
                eprintln!(
                    "first_frame_ms={:.1}",
                    started.elapsed().as_secs_f64() * 1000.0
                );
                self.close_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            None => {}
        }
    }

    /// How the canvas looks in the current modes.
    pub fn look(&self) -> Look {
        let board = self.doc.board();
        let spotlight = self
            .present
            .as_ref()
            .filter(|p| p.spotlight)
            .and_then(|p| p.current(board))
            .filter(|s| *s != present::Stop::Whole)
            .and_then(|s| s.area(board));
        Look {
            palette: self.palette(),
            text_scale: self.settings.text_scale(),
            lens: self.lens,
            spotlight,
            chrome: self.present.is_none(),
            voting: self.voting,
            inset_top: if self.present.is_some() {
                present::BANNER_HEIGHT
            } else {
                0.0
            },
            // On a projector every pixel counts.
            fit_margin: if self.present.is_some() {
                16.0
            } else {
                screen_size::FIT_MARGIN
            },
        }
    }

    /// Things drawn over the canvas: the presentation heading, the voting bar, the partner lens.
    fn overlays(&mut self, ui: &mut egui::Ui) {
        let area = self.canvas.area;
        let palette = self.palette();
        let now = self.clock.now();
        let time = ui.input(|i| i.time);
        let mut top = area.top();
        if let Some(p) = &self.present {
            let board = self.doc.board();
            let timer = (self.timer.phase(now) != crate::ui::timer::Phase::Ready)
                .then(|| present::timer_display(&self.timer, now, time, palette.title));
            present::banner(ui, area, board, p.current(board), &palette, timer);
            if time - p.since < present::HINT_SECONDS {
                present::key_hint(ui, area, &palette);
            }
            top += present::BANNER_HEIGHT;
        }
        if self.voting {
            crate::ui::overlays::voting_bar(self, ui, top);
        }
        if self.lens.is_some() {
            crate::ui::overlays::lens_card(self, ui);
        }
    }

    /// Asks for the next frame when something on screen changes with time alone: the timer, the
    /// fading key hint. An idle Tandem otherwise draws nothing.
    fn schedule_repaint(&self, ctx: &egui::Context) {
        if let Some(d) = self.timer.next_change(self.clock.now()) {
            ctx.request_repaint_after(d);
        }
        if let Some(p) = &self.present {
            let left = present::HINT_SECONDS - (ctx.input(|i| i.time) - p.since);
            if left > 0.0 {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(left));
            }
        }
    }

    /// Hands the theme to egui's widgets when it changes.
    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.settings.theme) {
            ctx.set_theme(match self.settings.theme {
                Theme::Light => egui::Theme::Light,
                Theme::Dark => egui::Theme::Dark,
            });
            self.applied_theme = Some(self.settings.theme);
        }
    }
}

impl eframe::App for TandemApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }
}

static PROCESS_START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Notes when the process began, for the start-up probe; call first thing in `main`.
pub fn mark_process_start() {
    PROCESS_START.get_or_init(std::time::Instant::now);
}

/// With `TANDEM_FIRST_FRAME_PROBE` set, the app prints how long after start its first frame had
/// been drawn and closes: `benches/startup.sh` times start-up this way against a bare eframe window.
const FIRST_FRAME_PROBE: &str = "TANDEM_FIRST_FRAME_PROBE";

/// Look and behaviour settings applied once to a new window's context.
pub fn setup_context(ctx: &egui::Context) {
    // Ctrl+Plus/Minus/0 zoom the board, not the whole interface.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
    crate::ui::fonts::install(ctx);
    ctx.global_style_mut(|style| {
        use egui::{FontId, TextStyle};
        // Larger than egui's defaults: the interface is read from across a room too.
        for (text_style, size) in [
            (TextStyle::Body, 16.0),
            (TextStyle::Button, 16.0),
            (TextStyle::Heading, 21.0),
            (TextStyle::Small, 13.0),
        ] {
            style
                .text_styles
                .insert(text_style, FontId::proportional(size));
        }
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
