//! Autosave while a board has unsaved changes, and the offer to restore boards a crash left behind:
//! the window's side of [`crate::io::recovery`].

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use eframe::egui::{self, RichText};

use crate::io::files::DiskStamp;
use crate::io::recovery::{self, CopyContent, Recovered, Session, Snapshot};
use crate::model::Document;
use crate::ui::action::{Action, Actions, Then};
use crate::ui::context::UiCtx;
use crate::ui::modals::Answer;

/// Seconds after the last edit before a recovery copy is written.
pub const AUTOSAVE_DELAY: f64 = 2.0;
/// Nonstop editing still gets a copy this often.
pub const AUTOSAVE_MAX_DELAY: f64 = 30.0;

/// What autosave does this frame.
#[derive(Debug, PartialEq)]
enum Step {
    Nothing,
    Write,
    Remove,
    /// Ask for a frame this many seconds from now (egui only repaints on input otherwise).
    WakeIn(f64),
}

/// The autosave timer and this session's recovery copy, plus the copies offered for restoring.
pub struct Autosave {
    session: Option<Session>,
    /// The document revision seen last, and when it was first seen.
    seen: Option<u64>,
    last_edit: f64,
    /// When the oldest change not yet in a copy was made.
    pending_since: Option<f64>,
    /// The revision in the copy on disk, if there is a copy.
    written: Option<u64>,
    /// Boards left by sessions that did not end cleanly, newest first.
    pub offered: Vec<Recovered>,
}

impl Autosave {
    /// No autosave: for tests, and when there is no data folder.
    pub fn off() -> Self {
        Self {
            session: None,
            seen: None,
            last_edit: 0.0,
            pending_since: None,
            written: None,
            offered: Vec::new(),
        }
    }

    /// Autosave into `dir`, offering the copies found there that no running Tandem owns.
    pub fn start(dir: PathBuf) -> Self {
        Self {
            offered: recovery::scan(&dir),
            session: Some(Session::start(dir)),
            ..Self::off()
        }
    }

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    fn step(&mut self, now: f64, doc: &Document) -> Step {
        let rev = doc.revision();
        if self.seen != Some(rev) {
            self.seen = Some(rev);
            self.last_edit = now;
            self.pending_since.get_or_insert(now);
        }
        if !doc.is_dirty() {
            self.pending_since = None;
            return if self.written.take().is_some() {
                Step::Remove
            } else {
                Step::Nothing
            };
        }
        if self.written == Some(rev) {
            self.pending_since = None;
            return Step::Nothing;
        }
        let since = self.pending_since.unwrap_or(now);
        let due = (self.last_edit + AUTOSAVE_DELAY).min(since + AUTOSAVE_MAX_DELAY);
        if now >= due {
            self.written = Some(rev);
            self.pending_since = None;
            Step::Write
        } else {
            Step::WakeIn(due - now)
        }
    }

    /// Once a frame: writes or removes the recovery copy as the document requires, and keeps a
    /// frame coming for the next write. Returns a message when a background write failed.
    pub fn tick(
        &mut self,
        ctx: &egui::Context,
        doc: &Document,
        path: Option<&Path>,
        stamp: Option<&DiskStamp>,
    ) -> Option<String> {
        self.session.as_ref()?;
        let now = ctx.input(|i| i.time);
        match self.step(now, doc) {
            Step::Nothing => {}
            Step::Write => self.write(doc, path, stamp),
            Step::Remove => {
                if let Some(s) = &self.session {
                    s.remove();
                }
            }
            Step::WakeIn(secs) => ctx.request_repaint_after(Duration::from_secs_f64(secs)),
        }
        let error = self.session.as_ref()?.take_error()?;
        Some(format!(
            "Autosave failed: {error}. Save the board to keep your changes."
        ))
    }

    fn write(&self, doc: &Document, path: Option<&Path>, stamp: Option<&DiskStamp>) {
        if let Some(s) = &self.session {
            s.write(Snapshot {
                board: doc.board().clone(),
                original: path.map(Path::to_path_buf),
                stamp: stamp.cloned(),
                saved_at: SystemTime::now(),
            });
        }
    }

    /// The board of offered copy `i`, taken out to be opened; the copy stays on offer until
    /// [`Autosave::adopt`] takes it over.
    pub fn take_offered(&mut self, i: usize) -> Option<CopyContent> {
        let r = self.offered.get_mut(i)?;
        std::mem::replace(&mut r.content, Err("restored".to_owned())).ok()
    }

    /// Takes offered copy `i` over for `doc`, which now holds its board: this session's copy is
    /// written at once, and only then is the old copy deleted.
    pub fn adopt(
        &mut self,
        i: usize,
        doc: &Document,
        path: Option<&Path>,
        stamp: Option<&DiskStamp>,
    ) {
        if i >= self.offered.len() {
            return;
        }
        let old = self.offered.remove(i);
        self.seen = Some(doc.revision());
        self.written = Some(doc.revision());
        self.pending_since = None;
        self.write(doc, path, stamp);
        if let Some(s) = &self.session {
            s.forget(vec![old]);
        }
    }

    /// Deletes offered copy `i`.
    pub fn discard(&mut self, i: usize) {
        if i < self.offered.len() {
            let old = self.offered.remove(i);
            if let Some(s) = &self.session {
                s.forget(vec![old]);
            }
        }
    }

    /// Keeps the offered copies on disk, unclaimed, for the next start (or another window).
    pub fn decide_later(&mut self) {
        self.offered.clear();
    }
}

/// "3 minutes ago", for when a copy was written.
pub fn ago(then: SystemTime, now: SystemTime) -> String {
    let secs = now.duration_since(then).map_or(0, |d| d.as_secs());
    let (n, unit) = match secs {
        0..60 => return "just now".to_owned(),
        60..3600 => (secs / 60, "minute"),
        3600..86_400 => (secs / 3600, "hour"),
        _ => (secs / 86_400, "day"),
    };
    format!("{} ago", crate::ui::count(n as usize, unit))
}

/// `2026-05-20 14:32 UTC`. Tandem has no time-zone database; the relative time next to it is what
/// people read, the UTC time pins it down.
pub fn utc(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60
    )
}

/// The offer to restore: one row per left-behind board, newest first.
pub(crate) fn recover_modal(ui: &mut egui::Ui, cx: &UiCtx<'_>, out: &mut Actions) -> Answer {
    if cx.offered.is_empty() {
        return Answer::Done;
    }
    ui.heading("Restore unsaved work?");
    ui.label(
        "Tandem did not close normally last time. It kept copies of boards with unsaved changes:",
    );
    ui.add_space(8.0);
    let now = SystemTime::now();
    let mut action = None;
    for (i, r) in cx.offered.iter().enumerate() {
        ui.separator();
        match &r.content {
            Ok(c) => {
                let board = &c.loaded.board;
                ui.label(RichText::new(board.title()).strong().size(18.0));
                let from = c.original.as_deref().map_or_else(
                    || "never saved".to_owned(),
                    |p| format!("from {}", p.display()),
                );
                ui.label(format!(
                    "{} notes · {from} · autosaved {} ({})",
                    board.notes().len(),
                    ago(c.saved_at, now),
                    utc(c.saved_at)
                ));
            }
            Err(reason) => {
                ui.label(RichText::new("A copy that cannot be read").strong());
                ui.label(format!("{}: {reason}", r.file.display()));
            }
        }
        ui.horizontal(|ui| {
            if r.content.is_ok() {
                let restore = ui.button(RichText::new("Restore").strong());
                let restore = if i == 0 {
                    restore.on_hover_text("Enter")
                } else {
                    restore
                };
                if restore.clicked() || (i == 0 && crate::ui::modals::enter_pressed(ui)) {
                    action = Some(Action::Request(Then::Restore(i)));
                }
            }
            if ui.button("Discard").clicked() {
                action = Some(Action::DiscardRecovery(i));
            }
        });
    }
    ui.separator();
    let later = ui
        .button("Decide later")
        .on_hover_text("Keep the copies and ask again next time (Esc)")
        .clicked();
    match action {
        // The app shows the offer again while copies are left.
        Some(action) => {
            out.push(action);
            Answer::Done
        }
        None if later => Answer::Cancel,
        None => Answer::Pending,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Template;
    use crate::model::Edit;

    fn edit(doc: &mut Document, title: &str) {
        doc.apply("Title", Edit::SetTitle(title.into()), None);
    }

    #[test]
    fn a_copy_is_written_two_seconds_after_the_last_edit() {
        let mut a = Autosave::off();
        let mut doc = Document::new(Template::Blank.board());
        assert_eq!(a.step(0.0, &doc), Step::Nothing);
        edit(&mut doc, "a");
        assert_eq!(a.step(10.0, &doc), Step::WakeIn(2.0));
        edit(&mut doc, "ab");
        assert_eq!(a.step(11.5, &doc), Step::WakeIn(2.0));
        assert_eq!(a.step(13.0, &doc), Step::WakeIn(0.5));
        assert_eq!(a.step(13.5, &doc), Step::Write);
        assert_eq!(a.step(20.0, &doc), Step::Nothing, "nothing new");
        doc.mark_saved();
        assert_eq!(a.step(21.0, &doc), Step::Remove, "saved: the copy goes");
        assert_eq!(a.step(22.0, &doc), Step::Nothing);
    }

    #[test]
    fn nonstop_editing_still_gets_a_copy_every_thirty_seconds() {
        let mut a = Autosave::off();
        let mut doc = Document::new(Template::Blank.board());
        let mut writes = Vec::new();
        for k in 0..=70 {
            edit(&mut doc, &k.to_string());
            if a.step(f64::from(k), &doc) == Step::Write {
                writes.push(k);
            }
        }
        // An edit every second: 30 s after the first unwritten one, each time.
        assert_eq!(writes, [30, 61]);
    }

    #[test]
    fn undoing_back_to_the_saved_state_removes_the_copy() {
        let mut a = Autosave::off();
        let mut doc = Document::new(Template::Blank.board());
        edit(&mut doc, "a");
        a.step(0.0, &doc);
        assert_eq!(a.step(2.0, &doc), Step::Write);
        doc.undo();
        assert_eq!(a.step(2.1, &doc), Step::Remove);
        // A new document (e.g. opened) with as many edits is still written.
        let mut other = Document::new(Template::Blank.board());
        edit(&mut other, "b");
        a.step(3.0, &other);
        assert_eq!(a.step(5.0, &other), Step::Write);
    }

    #[test]
    fn times_read_as_people_say_them() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_779_287_520);
        assert_eq!(utc(t), "2026-05-20 14:32 UTC");
        assert_eq!(utc(SystemTime::UNIX_EPOCH), "1970-01-01 00:00 UTC");
        let leap = SystemTime::UNIX_EPOCH + Duration::from_secs(951_782_400);
        assert_eq!(utc(leap), "2000-02-29 00:00 UTC");
        let s = |n| t + Duration::from_secs(n);
        assert_eq!(ago(t, s(5)), "just now");
        assert_eq!(ago(t, s(60)), "1 minute ago");
        assert_eq!(ago(t, s(7200)), "2 hours ago");
        assert_eq!(ago(t, s(3 * 86_400)), "3 days ago");
        assert_eq!(ago(s(10), t), "just now", "a clock that went back");
    }
}
