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
    /// Silent writing: notes from the room arrive face down, until Reveal.
    pub silent: bool,
    /// The partner whose notes stand out on the canvas.
    pub lens: Option<PartnerId>,
    pub timer: Timer,
    pub clock: Arc<dyn Clock>,
}

/// What a letter key can switch: kept before it does, to switch it back.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Modes {
    voting: bool,
    lens: Option<PartnerId>,
    timer: Timer,
    spotlight: Option<bool>,
}

impl Workshop {
    pub fn modes(&self) -> Modes {
        Modes {
            voting: self.voting,
            lens: self.lens,
            timer: self.timer,
            spotlight: self.present.as_ref().map(|p| p.spotlight),
        }
    }

    pub fn restore(&mut self, modes: Modes) {
        self.voting = modes.voting;
        self.lens = modes.lens;
        self.timer = modes.timer;
        if let (Some(p), Some(on)) = (&mut self.present, modes.spotlight) {
            p.spotlight = on;
        }
    }
}

impl Default for Workshop {
    fn default() -> Self {
        Self {
            present: None,
            voting: false,
            silent: false,
            lens: None,
            timer: Timer::default(),
            clock: Arc::new(SystemClock),
        }
    }
}
