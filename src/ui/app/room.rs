//! The room from the app's side: opening and closing it, and once a frame answering what
//! participants asked, each through the same door as a local edit, then showing them the board.

use std::net::SocketAddr;

use eframe::egui;

use super::TandemApp;
use crate::room;
use crate::ui::room::{RoomLink, host_modes};

impl TandemApp {
    /// Opens the room on `addr` (with [`crate::ui::room::DEFAULT_PORT`] taken, on a free port)
    /// and returns the link phones join with.
    pub fn open_room(&mut self, addr: SocketAddr, ctx: &egui::Context) -> Result<String, String> {
        let mut link = RoomLink::open(addr, ctx)
            .map_err(|e| format!("Could not open the room on {addr}: {e}"))?;
        // Until the first view, phones would see no blocks or stages.
        let modes = host_modes(&self.workshop, self.file.doc.board());
        link.publish(&self.file.doc, modes);
        let joined = link.room().link();
        self.info(format!(
            "The room is open at {}: phones on this network join with the QR code or code {}",
            link.room().address(),
            link.room().join_code()
        ));
        if let Some(old) = self.services.room.replace(link) {
            old.close();
        }
        Ok(joined)
    }

    pub(super) fn close_room(&mut self) {
        if let Some(link) = self.services.room.take() {
            link.close();
            self.info("The room is closed: phones can no longer write or vote");
        }
    }

    /// Answers what participants asked since the last frame: each request becomes the edit
    /// `room::plan` makes of it, applied like any edit (undoable, autosaved), and only then
    /// answered. Then participants are shown the board as it is now.
    pub(super) fn serve_room(&mut self) -> bool {
        let Some(link) = &self.services.room else {
            return false;
        };
        let modes = host_modes(&self.workshop, self.file.doc.board());
        let requests: Vec<room::HostRequest> = link.room().host().requests().collect();
        let served = !requests.is_empty();
        for request in requests {
            let ids = self.file.doc.new_note_ids(request.request().ids_needed());
            match room::plan(self.file.doc.board(), &modes, request.request(), &ids) {
                Ok(planned) => {
                    // Not `edit`: a note arriving from a phone leaves the status line alone.
                    self.file.doc.apply(&planned.label, planned.edit, None);
                    request.reply(Ok(planned.outcome));
                }
                Err(refusal) => request.reply(Err(refusal)),
            }
        }
        if let Some(link) = &mut self.services.room {
            link.publish(&self.file.doc, modes);
        }
        served
    }
}
