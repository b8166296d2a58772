//! Reading and writing boards: the file format, embedded templates, and files on disk.

pub mod clipboard;
pub mod diagnostic;
pub mod files;
pub mod format;
pub mod paths;
pub mod recovery;
pub mod templates;

pub use diagnostic::{Diagnostic, TextPos};
pub use files::{load_file, save_file};
pub use format::{Loaded, read_board, write_board};
pub use templates::Template;
