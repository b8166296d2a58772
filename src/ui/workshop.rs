//! The workshop modes a facilitator switches between: presenting, a dot-voting round, the partner
//! lens, and the timer. They change how the board is shown, never the board.

use std::sync::Arc;

use crate::model::PartnerId;
use crate::ui::present::Presentation;
use crate::ui::timer::{Clock, SystemClock, Timer};

pub struct Workshop {
    /// Presentation mode, when on.
    pub present: Option<Presentation>,
    /// A dot-voting round is on: clicks on notes add and take back dots.
    pub voting: bool,
    /// The partner whose notes stand out on the canvas.
    pub lens: Option<PartnerId>,
    pub timer: Timer,
    pub clock: Arc<dyn Clock>,
}

impl Default for Workshop {
    fn default() -> Self {
        Self {
            present: None,
            voting: false,
            lens: None,
            timer: Timer::default(),
            clock: Arc::new(SystemClock),
        }
    }
}
