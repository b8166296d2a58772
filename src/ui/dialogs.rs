//! Native file dialogs, behind a trait so tests never open one. The rfd dialogs run on their own
//! thread: a synchronous dialog on the UI thread would freeze the window.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use eframe::egui;

/// Which dialog to show.
#[derive(Clone, Debug, PartialEq)]
pub enum FileRequest {
    Open,
    /// Save under a new name; `suggested` is the file name to start with.
    SaveAs {
        suggested: String,
    },
    /// Where to write an export in `format`.
    Export {
        format: crate::export::Format,
        suggested: String,
    },
    /// A JSON Canvas file to import.
    Import,
}

impl FileRequest {
    /// The dialog's title, its file-type filter, and the name to start with when saving.
    fn parts(&self) -> (String, &'static str, &'static str, Option<&str>) {
        match self {
            FileRequest::Open => ("Open board".into(), "Tandem board", "json", None),
            FileRequest::SaveAs { suggested } => (
                "Save board as".into(),
                "Tandem board",
                "json",
                Some(suggested),
            ),
            FileRequest::Export { format, suggested } => (
                format!("Export as {}", format.label()),
                format.kind(),
                format.extension(),
                Some(suggested),
            ),
            FileRequest::Import => ("Import JSON Canvas".into(), "JSON Canvas", "canvas", None),
        }
    }
}

/// What came back from a dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileAnswer {
    Chosen(PathBuf),
    Cancelled,
    /// No dialog could be shown on this desktop; the reason says why.
    Unavailable(String),
}

/// Shows file dialogs and hands back their answers later, without blocking.
pub trait FileDialogs {
    fn start(&mut self, request: FileRequest, ctx: &egui::Context);
    /// The answer to the last request, once there is one.
    fn poll(&mut self) -> Option<FileAnswer>;
}

/// The desktop's dialogs through rfd (the XDG portal, or zenity as a fallback).
pub struct NativeDialogs {
    tx: Sender<FileAnswer>,
    rx: Receiver<FileAnswer>,
}

impl Default for NativeDialogs {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self { tx, rx }
    }
}

/// A dialog that returns sooner than this was not seen by anyone: no person cancels that fast.
const TOO_FAST: Duration = Duration::from_millis(150);

impl NativeDialogs {
    /// Whether rfd has any way to show a dialog here: a session bus for the portal, or zenity.
    fn backend_available() -> bool {
        let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
        let zenity = std::env::var_os("PATH").is_some_and(|paths| {
            std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file())
        });
        bus || zenity
    }
}

const NO_DIALOG: &str =
    "No file dialog could be shown on this desktop (it needs the XDG desktop portal or zenity)";

impl FileDialogs for NativeDialogs {
    fn start(&mut self, request: FileRequest, ctx: &egui::Context) {
        if !Self::backend_available() {
            let _ = self.tx.send(FileAnswer::Unavailable(NO_DIALOG.to_owned()));
            return;
        }
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let (title, kind, extension, suggested) = request.parts();
            let dialog = rfd::FileDialog::new()
                .set_title(title)
                .add_filter(kind, &[extension])
                .set_directory(std::env::current_dir().unwrap_or_default());
            let started = Instant::now();
            let picked = match suggested {
                Some(name) => dialog.set_file_name(name).save_file(),
                None => dialog.pick_file(),
            };
            let answer = match picked {
                Some(path) => FileAnswer::Chosen(path),
                None if started.elapsed() < TOO_FAST => {
                    FileAnswer::Unavailable(NO_DIALOG.to_owned())
                }
                None => FileAnswer::Cancelled,
            };
            let _ = tx.send(answer);
            ctx.request_repaint();
        });
    }

    fn poll(&mut self) -> Option<FileAnswer> {
        self.rx.try_recv().ok()
    }
}

/// Scripted answers, for tests: each request takes the next answer. Clones share one script, so a
/// test keeps a handle to check what was asked after giving the app its copy.
#[derive(Clone, Default)]
pub struct ScriptedDialogs(Arc<Mutex<Script>>);

#[derive(Default)]
struct Script {
    answers: VecDeque<FileAnswer>,
    requests: Vec<FileRequest>,
    ready: Option<FileAnswer>,
}

impl ScriptedDialogs {
    pub fn new(answers: impl IntoIterator<Item = FileAnswer>) -> Self {
        let s = Self::default();
        s.lock().answers = answers.into_iter().collect();
        s
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Script> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn push_answer(&self, answer: FileAnswer) {
        self.lock().answers.push_back(answer);
    }

    /// Every dialog the app asked for, in order.
    pub fn requests(&self) -> Vec<FileRequest> {
        self.lock().requests.clone()
    }
}

impl FileDialogs for ScriptedDialogs {
    fn start(&mut self, request: FileRequest, _ctx: &egui::Context) {
        let mut s = self.lock();
        s.requests.push(request);
        s.ready = Some(s.answers.pop_front().unwrap_or(FileAnswer::Cancelled));
    }

    fn poll(&mut self) -> Option<FileAnswer> {
        self.lock().ready.take()
    }
}
