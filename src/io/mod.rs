//! Reading and writing boards: the file format, embedded templates, and files on disk.

pub mod clipboard;
pub mod diagnostic;
pub mod files;
pub mod format;
pub mod json_canvas;
pub mod paths;
pub mod recovery;
pub mod templates;

pub use diagnostic::{Diagnostic, TextPos};
pub use files::{load_file, save_file};
pub use format::{Loaded, read_board, write_board};
pub use templates::Template;

/// The worked Spotify × Uber example, for tests across the crate.
#[cfg(test)]
pub(crate) fn example_board() -> crate::model::Board {
    read_board(include_bytes!(
        "../../assets/examples/spotify-uber.tandem.json"
    ))
    .expect("the example is valid")
    .board
}
