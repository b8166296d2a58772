//! The open file: opening, saving (asking first when another program changed it), file dialogs,
//! import, export, and what to do once unsaved changes are dealt with.

use std::path::{Path, PathBuf};

use eframe::egui::{self, ViewportCommand};

use super::TandemApp;
use crate::io::files::{self, DiskStamp};
use crate::model::{Board, Document};
use crate::ui::action::{Action, Purpose, Then};
use crate::ui::dialogs::{FileAnswer, FileRequest};
use crate::ui::export;
use crate::ui::modals::Modal;

impl TandemApp {
    /// Replaces the open document (after any unsaved-changes question was answered).
    fn replace_board(&mut self, doc: Document, path: Option<PathBuf>, disk: Option<DiskStamp>) {
        self.file.doc = doc;
        self.file.path = path;
        self.file.disk = disk;
        self.canvas.reset();
        self.chrome.open_error = None;
    }

    /// Opens a board file. On failure the open board stays as it was and the reason is shown.
    pub fn open_path(&mut self, path: &Path) {
        self.open_file(path, "The board you had open is unchanged.");
    }

    /// Opens a board file; on failure shows why, then `kept`: what the user has open instead.
    pub(super) fn open_file(&mut self, path: &Path, kept: &str) {
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
                self.chrome.open_error = Some(format!("Could not open {name}: {d}. {kept}"));
            }
        }
    }

    /// Saves to the board's file, or asks where first; asks before overwriting a file another
    /// program changed since it was opened or saved here.
    pub(super) fn save(&mut self, ctx: &egui::Context, then: Option<Then>) {
        let Some(path) = self.file.path.clone() else {
            self.start_dialog(ctx, Purpose::SaveAs(then));
            return;
        };
        // Without a stamp Tandem never saw this file: one there now was made by someone else.
        let changed = match &self.file.disk {
            Some(stamp) => files::changed_on_disk(&path, stamp),
            None => path.exists(),
        };
        if changed {
            self.chrome.modal = Some(Modal::ChangedOnDisk { then });
            return;
        }
        self.save_to(ctx, &path, then);
    }

    /// Saves over the board's file although another program changed it.
    pub(super) fn overwrite(&mut self, ctx: &egui::Context, then: Option<Then>) {
        if let Some(path) = self.file.path.clone() {
            self.save_to(ctx, &path, then);
        }
    }

    fn save_to(&mut self, ctx: &egui::Context, path: &Path, then: Option<Then>) {
        self.stop_editing();
        match files::save_file(path, self.file.doc.board()) {
            Ok(stamp) => {
                // The board on screen is now a file of its own: a failed open is old news.
                self.chrome.open_error = None;
                self.file.doc.mark_saved();
                self.file.path = Some(path.to_path_buf());
                self.file.disk = Some(stamp);
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
                self.chrome.modal = Some(Modal::SaveFailed { message, then });
            }
        }
    }

    /// Does `then` now, or first asks what to do with unsaved changes.
    pub(super) fn request(&mut self, ctx: &egui::Context, then: Then) {
        if self.file.doc.is_dirty() {
            self.chrome.modal = Some(Modal::Unsaved { then });
        } else {
            self.proceed(ctx, then);
        }
    }

    /// Does `then`, unsaved changes having been saved or discarded.
    pub(super) fn proceed(&mut self, ctx: &egui::Context, then: Then) {
        match then {
            Then::NewBoard(t) => {
                self.replace_board(Document::new(t.board()), None, None);
                self.info(format!("New board: {}", t.label()));
            }
            Then::Open => self.start_dialog(ctx, Purpose::Open),
            Then::Import => self.start_dialog(ctx, Purpose::Import),
            Then::Close => {
                self.chrome.close_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Then::Restore(i) => {
                self.restore(i);
                if !self.services.autosave.offered.is_empty() {
                    self.chrome.modal = Some(Modal::Recover);
                }
            }
        }
    }

    /// Restores offered board `i` (unsaved changes having been dealt with): it opens unsaved, to be
    /// saved to its original file, and becomes this session's recovery copy.
    fn restore(&mut self, i: usize) {
        let Some(content) = self.services.autosave.take_offered(i) else {
            return;
        };
        let name = content
            .original
            .as_deref()
            .map_or_else(|| "an unsaved board".to_owned(), files::display_name);
        self.restore_board(content.loaded.board, content.original, content.stamp);
        let file = &self.file;
        self.services
            .autosave
            .adopt(i, &file.doc, file.path.as_deref(), file.disk.as_ref());
        let mut text = format!("Restored {name}: save it to keep it");
        if !content.loaded.repairs.is_empty() {
            let repairs = crate::io::diagnostic::summary(&content.loaded.repairs);
            text.push_str(&format!(" (repaired on load: {repairs})"));
        }
        self.info(text);
    }

    fn restore_board(&mut self, board: Board, path: Option<PathBuf>, disk: Option<DiskStamp>) {
        self.replace_board(Document::new_unsaved(board), path, disk);
    }

    pub(super) fn start_dialog(&mut self, ctx: &egui::Context, purpose: Purpose) {
        let request = match &purpose {
            Purpose::Open => FileRequest::Open,
            Purpose::Import => FileRequest::Import,
            Purpose::SaveAs(_) => FileRequest::SaveAs {
                suggested: self.suggested_name(),
            },
            Purpose::Export(job) => FileRequest::Export {
                format: job.format,
                suggested: export::suggested_name(
                    self.file.path.as_deref(),
                    self.file.doc.board(),
                    job,
                ),
            },
        };
        self.services.awaiting = Some(purpose);
        self.services.dialogs.start(request, ctx);
    }

    /// Opens a JSON Canvas file as a new, unsaved board and lists what it could not keep. On
    /// failure the open board stays as it was and the reason is shown.
    fn import_path(&mut self, path: &Path) {
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
                    self.chrome.modal = Some(Modal::Report {
                        title: format!("Imported {name}"),
                        intro: format!(
                            "{summary}. This board is new and not saved yet. What Tandem \
                             could not keep as it was in the file:"
                        ),
                        lines: imported.not_kept.iter().map(|d| d.to_string()).collect(),
                    });
                }
            }
            Err(message) => self.chrome.open_error = Some(message),
        }
    }

    pub fn suggested_name(&self) -> String {
        match &self.file.path {
            Some(p) => files::display_name(p),
            None => {
                let title = files::slug(self.file.doc.board().title());
                format!(
                    "{}{}",
                    if title.is_empty() { "board" } else { &title },
                    files::EXTENSION
                )
            }
        }
    }

    /// The file a path names for `purpose`: saved boards and exports get their extension when the
    /// name was typed without it.
    fn target(purpose: &Purpose, path: PathBuf) -> PathBuf {
        match purpose {
            Purpose::SaveAs(_) => files::with_extension(&path),
            Purpose::Export(job) => export::with_extension(&path, job.format),
            Purpose::Open | Purpose::Import => path,
        }
    }

    /// A typed path: writing over a file that is there is asked about first, as a native save
    /// dialog does.
    pub(super) fn path_typed(&mut self, ctx: &egui::Context, purpose: Purpose, path: PathBuf) {
        let path = Self::target(&purpose, path);
        let writes = matches!(purpose, Purpose::SaveAs(_) | Purpose::Export(_));
        if writes && path.exists() {
            self.chrome.modal = Some(Modal::ConfirmReplace { purpose, path });
        } else {
            self.path_chosen(ctx, purpose, path);
        }
    }

    /// Handles a path chosen in a dialog, or typed and confirmed.
    pub(super) fn path_chosen(&mut self, ctx: &egui::Context, purpose: Purpose, path: PathBuf) {
        let path = Self::target(&purpose, path);
        match purpose {
            Purpose::Open => self.open_path(&path),
            Purpose::SaveAs(then) => self.save_to(ctx, &path, then),
            Purpose::Export(job) => {
                self.info(format!("Exporting to {}…", path.display()));
                let board = self.file.doc.board().clone();
                self.services.exports.start(board, job, path, ctx);
            }
            Purpose::Import => self.import_path(&path),
        }
    }

    /// Queues what background work finished since the last frame: exports written, file dialogs
    /// answered.
    pub(super) fn poll_background(&mut self) {
        if let Some(done) = self.services.exports.poll() {
            self.queue.push(match done {
                Ok(text) => Action::Info(text),
                Err(text) => Action::Error(text),
            });
        }
        let Some(answer) = self.services.dialogs.poll() else {
            return;
        };
        let Some(purpose) = self.services.awaiting.take() else {
            return;
        };
        match answer {
            FileAnswer::Chosen(path) => self.queue.push(Action::PathChosen(purpose, path)),
            FileAnswer::Cancelled => {}
            FileAnswer::Unavailable(reason) => {
                let suggested = match &purpose {
                    Purpose::Open | Purpose::Import => String::new(),
                    Purpose::SaveAs(_) => self.suggested_name(),
                    Purpose::Export(job) => export::suggested_name(
                        self.file.path.as_deref(),
                        self.file.doc.board(),
                        job,
                    ),
                };
                let text = std::env::current_dir()
                    .map(|d| format!("{}/{suggested}", d.display()))
                    .unwrap_or(suggested);
                self.queue.push(Action::ShowModal(Modal::TypePath {
                    purpose,
                    text,
                    reason,
                }));
            }
        }
    }
}
