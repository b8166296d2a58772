//! The document model: plain data with no UI types, changed only through [`Edit`] values.

pub mod analysis;
pub mod arrange;
pub mod board;
pub mod edit;
pub mod flow;
pub mod flow_line;
pub mod geom;
pub mod history;
mod keyed;
pub mod note;
pub mod ops;
pub mod partner;
pub mod region;
pub mod room;
pub mod text;

pub use board::{Board, BoardParts, Voting};
pub use edit::Edit;
pub use flow::{Flow, FlowDirection, FlowId, FlowKind, FlowKindId};
pub use flow_line::{FlowLine, Side};
pub use geom::{Point, Rect};
pub use history::{Document, MergeKey};
pub use note::{Note, NoteColor, NoteId};
pub use partner::{Partner, PartnerId, Rgb};
pub use region::{Axis, Block, Lane, Region, Track};
