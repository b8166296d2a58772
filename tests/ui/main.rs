//! UI tests: drive the real widgets of the Tandem window through egui_kittest (pointer, keys,
//! clipboard and window events) and check the document they produce. One test binary, one module
//! per area of the window.

// Test and benchmark code: a failed setup step should stop the run where it happened.
#![allow(clippy::unwrap_used)]

#[path = "../ui_support/mod.rs"]
mod ui_support;

#[path = "../room_support/mod.rs"]
mod room_support;

mod files;
mod flows;
mod journey;
mod navigation;
mod notes;
mod readability;
mod recovery;
mod room;
mod trips;
