//! The egui view of a board: the window, the canvas and the panels around it.

pub mod app;
pub mod canvas;
pub mod commands;
pub mod dialogs;
pub mod modals;
pub mod panels;
pub mod style;
pub mod view;

pub use app::TandemApp;
