//! The workshop countdown. Time comes from a `Clock`, so the timer is right however rarely the
//! window repaints, and tests drive it without sleeping.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where the time comes from.
pub trait Clock: Send + Sync {
    fn now(&self) -> Instant;
}

/// The system's monotonic clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that only moves when told to, for tests. Clones share the same time.
#[derive(Clone)]
pub struct ManualClock(Arc<Mutex<Instant>>);

impl Default for ManualClock {
    fn default() -> Self {
        Self(Arc::new(Mutex::new(Instant::now())))
    }
}

impl ManualClock {
    pub fn advance(&self, by: Duration) {
        let mut t = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *t += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Round lengths offered as one click.
pub const PRESETS: [u64; 4] = [1, 3, 5, 10];

/// Longest countdown accepted (a whole workshop day).
const MAX: Duration = Duration::from_secs(12 * 3600);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Run {
    /// Set but not started, or reset.
    Ready,
    Running {
        ends: Instant,
    },
    Paused {
        left: Duration,
    },
}

/// A countdown for a workshop round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timer {
    length: Duration,
    run: Run,
}

/// What the timer shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Ready,
    Running,
    Paused,
    /// Time is up: by how much it has run over.
    Up {
        over: Duration,
    },
}

impl Default for Timer {
    fn default() -> Self {
        Self::new(Duration::from_secs(5 * 60))
    }
}

impl Timer {
    pub fn new(length: Duration) -> Self {
        Self {
            length: length.min(MAX),
            run: Run::Ready,
        }
    }

    pub fn length(&self) -> Duration {
        self.length
    }

    /// Sets a new length and resets.
    pub fn set(&mut self, length: Duration) {
        *self = Self::new(length);
    }

    /// Starts, pauses, or resumes. Starting after time is up starts over.
    pub fn toggle(&mut self, now: Instant) {
        self.run = match self.run {
            Run::Ready => Run::Running {
                ends: now + self.length,
            },
            Run::Paused { left } => Run::Running { ends: now + left },
            Run::Running { ends } if ends <= now => Run::Running {
                ends: now + self.length,
            },
            Run::Running { ends } => Run::Paused { left: ends - now },
        };
    }

    pub fn reset(&mut self) {
        self.run = Run::Ready;
    }

    /// Time left (zero once up).
    pub fn left(&self, now: Instant) -> Duration {
        match self.run {
            Run::Ready => self.length,
            Run::Running { ends } => ends.saturating_duration_since(now),
            Run::Paused { left } => left,
        }
    }

    pub fn phase(&self, now: Instant) -> Phase {
        match self.run {
            Run::Ready => Phase::Ready,
            Run::Paused { .. } => Phase::Paused,
            Run::Running { ends } if ends <= now => Phase::Up { over: now - ends },
            Run::Running { .. } => Phase::Running,
        }
    }

    /// How long until what is shown changes (the next whole second, or the next flash), so the
    /// window repaints then and not in between.
    pub fn next_change(&self, now: Instant) -> Option<Duration> {
        match self.phase(now) {
            Phase::Ready | Phase::Paused => None,
            Phase::Running => {
                let left = self.left(now);
                let sub = Duration::from_nanos((left.as_nanos() % 1_000_000_000) as u64);
                Some(if sub.is_zero() {
                    Duration::from_secs(1)
                } else {
                    sub
                })
            }
            Phase::Up { over } if over < FLASH_FOR => Some(Duration::from_millis(250)),
            Phase::Up { .. } => None,
        }
    }
}

/// How long the display flashes when time is up; it then stays red.
pub const FLASH_FOR: Duration = Duration::from_secs(10);

/// `m:ss` (or `h:mm:ss`), rounding up so a running timer shows 0:00 only when time is up.
pub fn format(d: Duration) -> String {
    let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Reads a typed length: minutes (`5`, `2.5`), `m:ss`, or `h:mm:ss`.
pub fn parse(text: &str) -> Option<Duration> {
    let text = text.trim();
    let d = if text.contains(':') {
        let parts: Vec<u64> = text
            .split(':')
            .map(|p| p.trim().parse().ok())
            .collect::<Option<_>>()?;
        match parts[..] {
            [m, s] if s < 60 => Duration::from_secs(m * 60 + s),
            [h, m, s] if m < 60 && s < 60 => Duration::from_secs(h * 3600 + m * 60 + s),
            _ => return None,
        }
    } else {
        let minutes: f64 = text.parse().ok()?;
        if !minutes.is_finite() || minutes <= 0.0 {
            return None;
        }
        Duration::from_secs_f64(minutes * 60.0)
    };
    (!d.is_zero() && d <= MAX).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_down_pauses_and_resumes_by_the_clock() {
        let clock = ManualClock::default();
        let mut t = Timer::new(Duration::from_secs(60));
        assert_eq!(t.phase(clock.now()), Phase::Ready);
        t.toggle(clock.now());
        clock.advance(Duration::from_millis(20_500));
        assert_eq!(format(t.left(clock.now())), "0:40");
        t.toggle(clock.now());
        assert_eq!(t.phase(clock.now()), Phase::Paused);
        clock.advance(Duration::from_secs(600));
        assert_eq!(
            format(t.left(clock.now())),
            "0:40",
            "paused time does not run"
        );
        t.toggle(clock.now());
        clock.advance(Duration::from_millis(39_000));
        assert_eq!(t.phase(clock.now()), Phase::Running);
        clock.advance(Duration::from_millis(2_500));
        assert_eq!(
            t.phase(clock.now()),
            Phase::Up {
                over: Duration::from_secs(2)
            }
        );
        assert_eq!(format(t.left(clock.now())), "0:00");
        t.reset();
        assert_eq!(t.left(clock.now()), Duration::from_secs(60));
    }

    #[test]
    fn repaints_are_asked_for_only_when_the_display_changes() {
        let clock = ManualClock::default();
        let mut t = Timer::new(Duration::from_secs(10));
        assert_eq!(t.next_change(clock.now()), None);
        t.toggle(clock.now());
        clock.advance(Duration::from_millis(300));
        assert_eq!(t.next_change(clock.now()), Some(Duration::from_millis(700)));
        clock.advance(Duration::from_secs(11));
        assert_eq!(
            t.next_change(clock.now()),
            Some(Duration::from_millis(250)),
            "flashing"
        );
        clock.advance(FLASH_FOR);
        assert_eq!(t.next_change(clock.now()), None, "then still");
    }

    #[test]
    fn typed_lengths() {
        assert_eq!(parse("5"), Some(Duration::from_secs(300)));
        assert_eq!(parse("2.5"), Some(Duration::from_secs(150)));
        assert_eq!(parse("1:30"), Some(Duration::from_secs(90)));
        assert_eq!(parse("1:00:00"), Some(Duration::from_secs(3600)));
        for bad in ["", "0", "-1", "abc", "1:75", "nan", "inf", "99999"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(format(Duration::from_secs(3725)), "1:02:05");
    }
}
