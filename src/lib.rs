//! Tandem: a desktop canvas for designing partnerships around the customer journey.

pub mod cli;
pub mod design;
pub mod export;
pub mod generate;
pub mod io;
pub mod model;
pub mod room;
pub mod ui;
