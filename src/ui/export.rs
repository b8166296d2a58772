//! Export and import in the window: the File > Export menu, the "Export this block" menus on the
//! canvas, exports written on a worker thread (a 4× PNG takes a moment), and JSON Canvas import.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

use eframe::egui;

use crate::export::{self, Format, Scope};
use crate::io::{files, json_canvas};
use crate::model::Board;

/// One export: what part of the board, in which format.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportJob {
    pub scope: Scope,
    pub format: Format,
}

/// Exports in progress on worker threads; each reports back once, with a line for the status bar.
pub struct Exports {
    tx: Sender<Result<String, String>>,
    rx: Receiver<Result<String, String>>,
}

impl Default for Exports {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self { tx, rx }
    }
}

impl Exports {
    /// Writes `job` of `board` (a copy: the user may go on editing) to `path`, atomically.
    pub fn start(&mut self, board: Board, job: ExportJob, path: PathBuf, ctx: &egui::Context) {
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let result = export::export(&board, &job.scope, job.format)
                .and_then(|bytes| {
                    files::write_atomically(&path, &bytes, None).map_err(|e| files::io_reason(&e))
                })
                .map(|()| format!("Exported {} to {}", job.format.label(), path.display()))
                .map_err(|reason| format!("Could not export to {}: {reason}", path.display()));
            let _ = tx.send(result);
            ctx.request_repaint();
        });
    }

    /// The outcome of a finished export, if one finished.
    pub fn poll(&mut self) -> Option<Result<String, String>> {
        self.rx.try_recv().ok()
    }
}

/// `path` with the format's extension, added when the user typed a name without it.
pub fn with_extension(path: &Path, format: Format) -> PathBuf {
    let ext = format.extension();
    let has = path
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext));
    if has {
        path.to_path_buf()
    } else {
        PathBuf::from(format!("{}.{ext}", path.display()))
    }
}

/// The file name offered for an export: the board file's name (or the title) with the region and
/// the format's extension.
pub fn suggested_name(board_path: Option<&Path>, board: &Board, job: &ExportJob) -> String {
    let stem = match board_path {
        Some(p) => {
            let name = files::display_name(p);
            name.strip_suffix(files::EXTENSION)
                .or_else(|| name.strip_suffix(".json"))
                .unwrap_or(&name)
                .to_owned()
        }
        None => files::slug(board.title()),
    };
    export::file_name(&stem, &job.scope, job.format)
}

/// Buttons for each format; the one clicked, if any (the menu then closes).
pub fn format_items(ui: &mut egui::Ui) -> Option<Format> {
    let mut chosen = None;
    let formats = Format::menu();
    for (i, &f) in formats.iter().enumerate() {
        // Pictures, then lists and files for other apps.
        if i > 0 && !f.is_picture() && formats[i - 1].is_picture() {
            ui.separator();
        }
        if ui.button(format!("{}…", f.label())).clicked() {
            chosen = Some(f);
            ui.close();
        }
    }
    chosen
}

/// The File > Export submenu: the whole board in each format, or one region of it.
pub fn menu(ui: &mut egui::Ui, board: &Board) -> Option<ExportJob> {
    let mut job = format_items(ui).map(|format| ExportJob {
        scope: Scope::Board,
        format,
    });
    let regions = Scope::all(board);
    ui.separator();
    ui.add_enabled_ui(!regions.is_empty(), |ui| {
        ui.menu_button("One block or stage", |ui| {
            for scope in regions {
                ui.menu_button(scope.label(board), |ui| {
                    if let Some(format) = format_items(ui) {
                        job = Some(ExportJob {
                            scope: scope.clone(),
                            format,
                        });
                    }
                });
            }
        });
    });
    job
}

/// A submenu exporting one region, for the canvas's context menus.
pub fn region_menu(ui: &mut egui::Ui, board: &Board, scope: Scope) -> Option<ExportJob> {
    let mut job = None;
    ui.menu_button(
        format!("Export \u{201c}{}\u{201d}", scope.label(board)),
        |ui| {
            job = format_items(ui).map(|format| ExportJob {
                scope: scope.clone(),
                format,
            });
        },
    );
    job
}

/// A JSON Canvas file read as a board, with the list of what it could not keep; or why not.
pub fn import(path: &Path) -> Result<json_canvas::Imported, String> {
    let title = files::display_name(path);
    let title = title.strip_suffix(".canvas").unwrap_or(&title);
    files::read_file(path)
        .and_then(|bytes| json_canvas::read_canvas(&bytes, title))
        .map_err(|d| {
            format!(
                "Could not import {}: {d}. The board you had open is unchanged.",
                path.display()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_names_get_the_extension_once() {
        let png = Format::Png { scale: 2.0 };
        assert_eq!(with_extension(Path::new("a"), png), Path::new("a.png"));
        assert_eq!(with_extension(Path::new("a.PNG"), png), Path::new("a.PNG"));
        assert_eq!(
            with_extension(Path::new("a.b"), Format::Csv),
            Path::new("a.b.csv")
        );
    }

    #[test]
    fn suggestions_follow_the_file_or_the_title() {
        let board = crate::io::Template::Partnership.board();
        let job = ExportJob {
            scope: Scope::Stage("Use".into()),
            format: Format::Markdown,
        };
        assert_eq!(
            suggested_name(None, &board, &job),
            "partnership-canvas-stage-use.md"
        );
        assert_eq!(
            suggested_name(Some(Path::new("/x/plan.tandem.json")), &board, &job),
            "plan-stage-use.md"
        );
    }
}
