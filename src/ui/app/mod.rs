//! The Tandem window: its state in named parts, and the frame loop. Each frame first applies the
//! actions gathered since the last one (the one door through which anything changes, see
//! `apply.rs`), then lets every part of the window draw from a read-only [`UiCtx`] and queue
//! what it wants done.

mod apply;
mod commands;
mod files;
mod flows;
mod keys;
mod room;

use std::path::PathBuf;

use eframe::egui::{self, ViewportCommand};

use crate::io::Template;
use crate::io::files::{self as disk, DiskStamp};
use crate::model::{Board, Document, MergeKey};
use crate::ui::action::{Actions, Purpose, Status};
use crate::ui::canvas::{Canvas, Look};
use crate::ui::context::UiCtx;
use crate::ui::dialogs::{FileDialogs, NativeDialogs};
use crate::ui::export::Exports;
use crate::ui::modals::Modal;
use crate::ui::panels::Panels;
use crate::ui::present;
use crate::ui::recovery::Autosave;
use crate::ui::settings::{Settings, SettingsStore, Theme};
use crate::ui::workshop::Workshop;

pub use crate::ui::action::Then;

/// The board being edited and where it lives on disk.
pub struct OpenFile {
    pub doc: Document,
    /// Where the board is saved; `None` for a board never saved.
    pub path: Option<PathBuf>,
    /// What `path` held when last opened or saved here, to notice another program writing it.
    pub disk: Option<DiskStamp>,
}

impl OpenFile {
    pub fn name(&self) -> String {
        self.path
            .as_deref()
            .map_or_else(|| "Untitled".to_owned(), disk::display_name)
    }
}

/// What surrounds the canvas: panels and their scratch state, the status line, banners, dialogs.
pub struct Chrome {
    pub side_panel: bool,
    pub panels: Panels,
    pub status: Option<Status>,
    /// A file that could not be opened: shown until dismissed, above the untouched board.
    pub open_error: Option<String>,
    pub modal: Option<Modal>,
    fullscreen: bool,
    /// The title last handed to the window.
    window_title: String,
    /// Unsaved changes were dealt with: the next close request closes.
    close_confirmed: bool,
}

/// What works behind the window: settings, file dialogs, exports, autosave, the clipboard.
pub struct Services {
    pub settings: Settings,
    settings_store: SettingsStore,
    /// The theme last handed to egui, to set it again only when it changes.
    applied_theme: Option<Theme>,
    dialogs: Box<dyn FileDialogs>,
    /// What the open file dialog is for.
    awaiting: Option<Purpose>,
    exports: Exports,
    /// Recovery copies: this session's, and those a crash left to restore.
    pub autosave: Autosave,
    /// The last notes copied, for the menus' Paste (the system clipboard only arrives with Ctrl+V).
    last_copy: Option<String>,
    /// The room, while it is open; dropping it (closing Tandem) closes it.
    room: Option<crate::ui::room::RoomLink>,
}

/// The whole window. Its parts are private to `ui/app/`: the window's parts read them through
/// [`UiCtx`] and change them only by sending actions; tests and benchmarks read them through the
/// accessors below.
pub struct TandemApp {
    file: OpenFile,
    canvas: Canvas,
    workshop: Workshop,
    chrome: Chrome,
    services: Services,
    /// Actions sent since they were last applied.
    queue: Actions,
    /// Consecutive arrow-key nudges are one undo step.
    nudge_merge: Option<MergeKey>,
    /// Tells typing on the board from letter commands.
    typing: keys::TypingGuard,
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
        self.services.settings = settings;
        self.services.settings_store = store;
        if let Some(problem) = problem {
            self.error(problem);
        }
        self
    }

    pub fn with_dialogs(
        board: Board,
        path: Option<PathBuf>,
        dialogs: Box<dyn FileDialogs>,
    ) -> Self {
        Self {
            file: OpenFile {
                doc: Document::new(board),
                path,
                disk: None,
            },
            canvas: Canvas::default(),
            workshop: Workshop::default(),
            chrome: Chrome {
                side_panel: true,
                panels: Panels::default(),
                status: None,
                open_error: None,
                modal: None,
                fullscreen: false,
                window_title: String::new(),
                close_confirmed: false,
            },
            services: Services {
                settings: Settings::default(),
                settings_store: SettingsStore::default(),
                applied_theme: None,
                dialogs,
                awaiting: None,
                exports: Exports::default(),
                autosave: Autosave::off(),
                last_copy: None,
                room: None,
            },
            queue: Vec::new(),
            nudge_merge: None,
            typing: keys::TypingGuard::default(),
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
                disk::display_name(&path)
            ));
            return app;
        }
        let mut app = Self::new(Template::Partnership.board(), None);
        app.open_file(
            &path,
            "A new board is open instead; the file is left as it is.",
        );
        app
    }

    /// Turns on autosave into `dir` (the data folder's `recovery` folder in the app; tests pass their
    /// own) and offers to restore what a crash left there.
    pub fn start_autosave(&mut self, dir: Option<PathBuf>) {
        let Some(dir) = dir else {
            self.error("Autosave is off: there is no folder for Tandem's data (set TANDEM_HOME)");
            return;
        };
        self.services.autosave = Autosave::start(dir);
        if !self.services.autosave.offered.is_empty() {
            self.chrome.modal = Some(Modal::Recover);
        }
    }

    fn info(&mut self, text: impl Into<String>) {
        self.chrome.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.chrome.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    /// The window title: file name, with `*` while there are unsaved changes.
    pub fn title(&self) -> String {
        let dirty = if self.file.doc.is_dirty() { "*" } else { "" };
        format!("{dirty}{} — Tandem", self.file.name())
    }

    /// The document: the board, its undo history, its saved marker.
    pub fn doc(&self) -> &Document {
        &self.file.doc
    }

    /// Where the board is saved; `None` for a board never saved.
    pub fn path(&self) -> Option<&std::path::Path> {
        self.file.path.as_deref()
    }

    pub fn canvas(&self) -> &Canvas {
        &self.canvas
    }

    pub fn workshop(&self) -> &Workshop {
        &self.workshop
    }

    pub fn settings(&self) -> &Settings {
        &self.services.settings
    }

    pub fn autosave(&self) -> &Autosave {
        &self.services.autosave
    }

    /// The dialog on screen, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.chrome.modal.as_ref()
    }

    pub fn status(&self) -> Option<&Status> {
        self.chrome.status.as_ref()
    }

    /// Why the last file could not be opened, while its banner shows.
    pub fn open_error(&self) -> Option<&str> {
        self.chrome.open_error.as_deref()
    }

    /// The size note `id`'s text is drawn at on screen now, in pixels (readability tests).
    pub fn text_px(&mut self, ctx: &egui::Context, id: crate::model::NoteId) -> Option<f32> {
        self.canvas.text_px(ctx, self.file.doc.board(), id)
    }

    /// Uses `clock` for the timer (tests give a clock they move by hand).
    pub fn with_clock(mut self, clock: std::sync::Arc<dyn crate::ui::timer::Clock>) -> Self {
        self.workshop.clock = clock;
        self
    }

    /// Starts with these settings, not the ones saved last time (tests, benchmarks).
    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.services.settings = settings;
        self
    }

    /// What the window's parts read this frame.
    pub fn ctx(&self) -> UiCtx<'_> {
        UiCtx {
            doc: &self.file.doc,
            file_name: self.file.name(),
            canvas: &self.canvas,
            workshop: &self.workshop,
            settings: &self.services.settings,
            status: self.chrome.status.as_ref(),
            side_panel: self.chrome.side_panel,
            has_copy: self.services.last_copy.is_some(),
            offered: &self.services.autosave.offered,
            room: self.services.room.as_ref(),
        }
    }

    /// One frame of the whole window.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.intercept_close(&ctx);
        self.poll_background();
        self.read_keys(&ctx);
        self.apply_queued(&ctx);
        self.apply_theme(&ctx);
        self.draw(ui);
        if !self.queue.is_empty() {
            ctx.request_repaint();
        }
        let file = &self.file;
        if let Some(problem) =
            self.services
                .autosave
                .tick(&ctx, &file.doc, file.path.as_deref(), file.disk.as_ref())
        {
            self.error(problem);
        }
        self.update_title(&ctx);
        self.schedule_repaint(&ctx);
        self.probe(&ctx);
    }

    /// Every part of the window, drawing from the same read-only view and queuing actions.
    fn draw(&mut self, ui: &mut egui::Ui) {
        let mut out = std::mem::take(&mut self.queue);
        let look = self.look();
        let presenting = self.workshop.present.is_some();
        // Presenting, the room sees the board and nothing else.
        if !presenting {
            let mut panels = std::mem::take(&mut self.chrome.panels);
            panels.show(ui, &self.ctx(), &mut out);
            self.chrome.panels = panels;
        }
        if let Some(message) = &self.chrome.open_error {
            crate::ui::panels::error_banner(ui, message, &look.palette, &mut out);
        }
        crate::ui::overlays::show(ui, &self.ctx(), &mut out);
        egui::CentralPanel::no_frame().show(ui, |ui| {
            self.canvas.show(ui, self.file.doc.board(), look, &mut out);
        });
        if let Some(mut modal) = self.chrome.modal.take() {
            let keep = crate::ui::modals::show(ui.ctx(), &mut modal, &self.ctx(), &mut out);
            if keep {
                self.chrome.modal = Some(modal);
            }
        }
        self.queue = out;
    }

    /// How the canvas looks in the current modes.
    pub fn look(&self) -> Look {
        let board = self.file.doc.board();
        let present = self.workshop.present.as_ref();
        let stop = present.and_then(|p| p.current(board));
        let block = match stop {
            Some(present::Stop::Block(i)) => Some(i),
            _ => None,
        };
        // A presented stage is unfolded across the screen: there is nothing around it to dim.
        let spotlight = present
            .filter(|p| p.spotlight)
            .and(block)
            .and_then(|i| board.blocks().get(i))
            .map(|b| b.rect);
        Look {
            palette: self.ctx().palette(),
            text_scale: self.services.settings.text_scale(),
            lens: self.workshop.lens,
            spotlight,
            hidden_heading: block,
            unfolded: match stop {
                Some(present::Stop::Stage(i)) => Some(i),
                _ => None,
            },
            chrome: present.is_none(),
            voting: self.workshop.voting,
        }
    }

    /// Keeps the window title in step with the file name and the unsaved marker.
    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.chrome.window_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.chrome.window_title = title;
        }
    }

    /// Closing the window with unsaved changes asks first.
    fn intercept_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && self.file.doc.is_dirty()
            && !self.chrome.close_confirmed
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.chrome.modal = Some(Modal::Unsaved { then: Then::Close });
        }
    }

    /// Asks for the next frame when something on screen changes with time alone: the timer, the
    /// fading key hint. An idle Tandem otherwise draws nothing.
    fn schedule_repaint(&self, ctx: &egui::Context) {
        if let Some(d) = self.workshop.timer.next_change(self.workshop.clock.now()) {
            ctx.request_repaint_after(d);
        }
        if let Some(p) = &self.workshop.present {
            let left = present::HINT_SECONDS - (ctx.input(|i| i.time) - p.since);
            if left > 0.0 {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(left));
            }
        }
    }

    /// Hands the theme to egui's widgets when it changes.
    fn apply_theme(&mut self, ctx: &egui::Context) {
        let theme = self.services.settings.theme;
        if self.services.applied_theme != Some(theme) {
            ctx.set_theme(match theme {
                Theme::Light => egui::Theme::Light,
                Theme::Dark => egui::Theme::Dark,
            });
            self.services.applied_theme = Some(theme);
        }
    }

    /// With the start-up probe on, reports when the first frame had been drawn and closes.
    fn probe(&mut self, ctx: &egui::Context) {
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
                self.chrome.close_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            None => {}
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

/// The longest gap between the two clicks of a double click.
pub const DOUBLE_CLICK_SECONDS: f64 = 0.5;

/// Look and behaviour settings applied once to a new window's context.
pub fn setup_context(ctx: &egui::Context) {
    ctx.options_mut(|o| {
        // Ctrl+Plus/Minus/0 zoom the board, not the whole interface.
        o.zoom_with_keyboard = false;
        // egui times a double click by the frames that carry its clicks. On a busy machine a
        // frame can take 300 ms: two clicks 90 ms apart landed in frames 330-360 ms apart and
        // egui's 0.3 s missed them (2 and 5 of 16 double-clicks with two and four CPU hogs).
        // Half a second is the desktops' own usual double-click time.
        o.input_options.max_double_click_delay = DOUBLE_CLICK_SECONDS;
    });
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

/// Opens the Tandem window on `path` (or a new board), with the room open on `room` if given
/// (its link printed as `room: URL` on standard output, for scripts), and runs until it is closed.
pub fn run(path: Option<PathBuf>, room: Option<std::net::SocketAddr>) -> eframe::Result {
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
            if let Some(addr) = room {
                let link = app.open_room(addr, &cc.egui_ctx)?;
                use std::io::Write;
                let mut out = std::io::stdout();
                writeln!(out, "room: {link}").and_then(|()| out.flush())?;
            }
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
        assert_eq!(app.file.path.as_deref(), Some(path.as_path()));
        assert!(app.file.doc.board().lane().is_some());
        assert!(app.chrome.open_error.is_none());
    }

    #[test]
    fn a_broken_file_on_the_command_line_is_reported_and_not_touched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("broken.tandem.json");
        std::fs::write(&path, "{ nope").unwrap();
        let app = TandemApp::open_at_start(Some(path.clone()));
        let message = app.chrome.open_error.as_deref().unwrap();
        assert!(message.contains("broken.tandem.json"), "{message}");
        assert!(message.contains("line 1, column 3"), "{message}");
        assert!(
            message.ends_with("A new board is open instead; the file is left as it is."),
            "no board was open to keep: {message}"
        );
        assert_eq!(
            app.file.path, None,
            "the broken file is not adopted as the save target"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ nope");
    }
}
