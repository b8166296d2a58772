//! UI tests: drive the real widgets of the Tandem window through egui_kittest (pointer, keys,
//! clipboard and window events) and check the document they produce. One test binary, one module
//! per area of the window.

#[path = "../ui_support/mod.rs"]
mod ui_support;

mod files;
mod journey;
mod navigation;
mod notes;
mod readability;
mod recovery;
