//! The room in the window (docs/ROOM.md): an open room and what participants were last shown, the
//! projector's card (QR code, address, join code, who joined), and the dialog that opens it.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use eframe::egui::{self, Align2, Color32, RichText, Sense};

use crate::model::{Board, Document};
use crate::room::{Heading, HostModes, Limits, QrMatrix, Room};
use crate::ui::action::{Action, Actions};
use crate::ui::commands::Command;
use crate::ui::context::UiCtx;
use crate::ui::present;
use crate::ui::workshop::Workshop;

/// The port a room asks for first, so the address stays the same from one workshop to the next
/// (a free one is taken when it is in use).
pub const DEFAULT_PORT: u16 = 7878;

/// An open room and what its participants were last shown.
pub struct RoomLink {
    room: Room,
    qr: Option<QrMatrix>,
    /// The board revision and the modes the last published snapshot was made of.
    published: Option<(u64, HostModes)>,
    /// The card shows the QR code and join code large (while people join), or only the count.
    pub expanded: bool,
}

impl RoomLink {
    /// Opens a room on `addr`; with port [`DEFAULT_PORT`] taken, on a free port of the same
    /// address. Requests wake the window, which answers them in its next frame.
    pub fn open(addr: SocketAddr, ctx: &egui::Context) -> std::io::Result<RoomLink> {
        let wake = |ctx: egui::Context| move || ctx.request_repaint();
        let room = match Room::open(addr, Limits::default(), wake(ctx.clone())) {
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && addr.port() == DEFAULT_PORT => {
                Room::open(
                    SocketAddr::new(addr.ip(), 0),
                    Limits::default(),
                    wake(ctx.clone()),
                )?
            }
            other => other?,
        };
        Ok(RoomLink {
            qr: room.qr(),
            room,
            published: None,
            expanded: true,
        })
    }

    pub fn room(&self) -> &Room {
        &self.room
    }

    pub fn qr(&self) -> Option<&QrMatrix> {
        self.qr.as_ref()
    }

    /// Shows participants the board as it is now, if it or the modes changed since last time
    /// (building a view of a big board is not free).
    pub fn publish(&mut self, doc: &Document, modes: HostModes) {
        let now = (doc.revision(), modes);
        if self.published.as_ref() != Some(&now) {
            self.room
                .host()
                .publish(crate::room::snapshot(doc.board(), &now.1));
            self.published = Some(now);
        }
    }

    /// Closes the room: every phone's connection ends.
    pub fn close(self) {
        self.room.close();
    }
}

/// What participants should know of the facilitator's modes: silent writing, a voting round, and
/// the stop being presented.
pub fn host_modes(workshop: &Workshop, board: &Board) -> HostModes {
    HostModes {
        silent: workshop.silent,
        voting: workshop.voting,
        presenting: workshop.present.as_ref().map(|p| {
            let (title, question) = p
                .current(board)
                .unwrap_or(present::Stop::Whole)
                .heading(board);
            Heading { title, question }
        }),
    }
}

/// The address a room opens on unless the facilitator picks another: the machine's first LAN
/// address (loopback when it has none, so the room still opens for a phone-less trial).
pub fn default_address() -> SocketAddr {
    let ip = crate::room::default_address().unwrap_or(Ipv4Addr::LOCALHOST);
    SocketAddr::new(IpAddr::V4(ip), DEFAULT_PORT)
}

/// The choices the open-room dialog offers: each LAN address with its interface's name.
pub fn address_choices() -> Vec<(String, IpAddr)> {
    let mut choices: Vec<(String, IpAddr)> = crate::room::lan_addresses()
        .into_iter()
        .map(|a| (format!("{} ({})", a.ip, a.interface), IpAddr::V4(a.ip)))
        .collect();
    choices.push((
        "127.0.0.1 (this computer only, to try it out)".to_owned(),
        IpAddr::V4(Ipv4Addr::LOCALHOST),
    ));
    choices
}

/// The card over the canvas while the room is open: large with the QR code, the address and the
/// join code while people join; a small line with the count once they have.
pub fn card(ui: &mut egui::Ui, cx: &UiCtx<'_>, link: &RoomLink, out: &mut Actions) {
    let palette = cx.palette();
    let room = link.room();
    let host = room.host();
    let people = super::people(host.participant_count());
    let area = cx.canvas.area;
    let ctx = ui.ctx().clone();
    egui::Area::new(egui::Id::unique("room-card"))
        .order(egui::Order::Foreground)
        .fixed_pos(area.right_bottom() + egui::vec2(-16.0, -16.0))
        .pivot(Align2::RIGHT_BOTTOM)
        .show(&ctx, |ui| {
            crate::ui::overlays::card(&palette).show(ui, |ui| {
                if !link.expanded {
                    ui.horizontal(|ui| {
                        ui.label(
                            RichText::new(format!("Room: {people} · code {}", room.join_code()))
                                .size(24.0)
                                .color(palette.title),
                        );
                        if ui
                            .button(RichText::new("Show QR code").size(18.0))
                            .clicked()
                        {
                            out.push(Action::RoomCard(true));
                        }
                    });
                    return;
                }
                ui.vertical_centered(|ui| {
                    ui.label(
                        RichText::new("Join from your phone")
                            .size(30.0)
                            .strong()
                            .color(palette.title),
                    );
                    if let Some(qr) = link.qr() {
                        let side = (area.height() * 0.42).clamp(160.0, 420.0);
                        qr_code(ui, qr, side);
                    }
                    ui.label(
                        RichText::new(room.address())
                            .size(26.0)
                            .monospace()
                            .color(palette.title),
                    );
                    ui.label(
                        RichText::new(format!("code {}", room.join_code()))
                            .size(40.0)
                            .strong()
                            .monospace()
                            .color(palette.title),
                    );
                    let locked = if host.is_locked() { " · locked" } else { "" };
                    ui.label(
                        RichText::new(format!("{people} joined{locked}"))
                            .size(24.0)
                            .color(palette.prompt),
                    );
                    if ui.button(RichText::new("Hide").size(18.0)).clicked() {
                        out.push(Action::RoomCard(false));
                    }
                });
            });
        });
}

/// The QR code as dark squares on white, with the light margin readers need.
fn qr_code(ui: &mut egui::Ui, qr: &QrMatrix, side: f32) {
    const MARGIN: usize = 4;
    let modules = qr.width() + 2 * MARGIN;
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(side, side), Sense::hover());
    crate::ui::accessible_name(&resp, "QR code of the room's link");
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    let m = side / modules as f32;
    for y in 0..qr.width() {
        for x in 0..qr.width() {
            if qr.is_dark(x, y) {
                let min = rect.min + egui::vec2((x + MARGIN) as f32 * m, (y + MARGIN) as f32 * m);
                // A hair over a module, so neighbours join without seams at any scale.
                let r = egui::Rect::from_min_size(min, egui::vec2(m + 0.5, m + 0.5));
                painter.rect_filled(r, 0.0, Color32::BLACK);
            }
        }
    }
}

/// The side panel's room section: who joined (with a way to remove someone), lock, silent
/// writing, reveal, close.
pub fn panel(ui: &mut egui::Ui, cx: &UiCtx<'_>, link: &RoomLink, out: &mut Actions) {
    let host = link.room().host();
    ui.heading("Room");
    ui.label(format!(
        "{} · code {}",
        link.room().address(),
        link.room().join_code()
    ));
    let mut locked = host.is_locked();
    if ui
        .checkbox(&mut locked, "Locked (no one new can join)")
        .changed()
    {
        out.push(Action::LockRoom(locked));
    }
    for cmd in [Command::SilentWriting, Command::Reveal] {
        let mut button = egui::Button::new(cmd.label()).selected(cx.is_on(cmd));
        if cmd == Command::Reveal {
            let held = cx.board().notes().iter().filter(|n| n.face_down).count();
            button = egui::Button::new(format!("Reveal {}", crate::ui::count(held, "held note")));
        }
        if ui.add_enabled(cx.enabled(cmd), button).clicked() {
            out.push(Action::Command(cmd));
        }
    }
    for p in host.participants() {
        ui.horizontal(|ui| {
            ui.label(format!(
                "{} · {}",
                p.name,
                crate::ui::count(p.notes, "note")
            ));
            let remove = ui
                .small_button("×")
                .on_hover_text("Remove from the room (their notes stay)");
            crate::ui::accessible_name(&remove, &format!("Remove {} from the room", p.name));
            if remove.clicked() {
                out.push(Action::RemoveParticipant(p.id));
            }
        });
    }
    if ui.button("Close the room").clicked() {
        out.push(Action::Command(Command::CloseRoom));
    }
}
