//! The room's caps and timeouts, as docs/ROOM.md documents them. What a participant may send is
//! fixed; caps, rates and timeouts are fields, so tests can run with small ones.

use std::time::{Duration, Instant};

/// Characters in a note written from a phone: short enough to read off the projector.
pub const MAX_NOTE_CHARS: usize = 280;
/// Characters in a participant's name (it becomes the note's author).
pub const MAX_NAME_CHARS: usize = crate::model::board::MAX_AUTHOR_CHARS;
/// Bytes in a request body; anything longer is refused unread (413).
pub const MAX_BODY_BYTES: usize = 4 * 1024;
/// Characters in a note's nonce (the page sends 32).
pub const MAX_NONCE_CHARS: usize = 64;

/// How often something may happen: `burst` at once, then `per_second` more each second.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rate {
    pub burst: u32,
    pub per_second: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// People in the room at once.
    pub participants: usize,
    /// Notes written from the room (withdrawn ones give their place back).
    pub notes: usize,
    pub notes_per_participant: usize,
    /// Each participant's requests to the API.
    pub requests: Rate,
    /// Joins with a wrong key or code, per network address: guessing a join code takes too long.
    pub failed_joins: Rate,
    /// Open connections; more wait until one closes.
    pub connections: usize,
    /// Open connections from one network address; more from it are closed at once. A phone's
    /// page needs two or three (its live updates, a request, a stream left over from sleep).
    pub connections_per_address: usize,
    /// Live-update streams per participant; a new one ends the oldest (a phone that slept left
    /// one behind).
    pub streams_per_participant: usize,
    /// A client must send a request's headers within this (also how long an idle connection
    /// stays open).
    pub header_read_timeout: Duration,
    /// A client must send a request's body within this once its headers are in; a body that
    /// stalls is answered 408 and its connection closed.
    pub body_timeout: Duration,
    /// A connection whose writes make no progress for this long is dropped (a client that stopped
    /// reading).
    pub write_timeout: Duration,
    /// How long a request waits for the host (the app) before the answer is 503, try again.
    pub host_timeout: Duration,
    /// A live-update stream sends a ping this often, so a page notices a dead connection.
    pub ping: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            participants: 200,
            notes: 2_000,
            notes_per_participant: 50,
            requests: Rate {
                burst: 20,
                per_second: 2.0,
            },
            failed_joins: Rate {
                burst: 10,
                per_second: 0.2,
            },
            connections: 512,
            connections_per_address: 32,
            streams_per_participant: 3,
            header_read_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(10),
            host_timeout: Duration::from_secs(5),
            ping: Duration::from_secs(15),
        }
    }
}

/// A token bucket for one [`Rate`].
#[derive(Clone, Debug)]
pub(crate) struct Bucket {
    tokens: f64,
    last: Instant,
}

impl Bucket {
    pub(crate) fn full(rate: Rate) -> Self {
        Bucket {
            tokens: f64::from(rate.burst),
            last: Instant::now(),
        }
    }

    /// Takes one token, or says how long until one is back.
    pub(crate) fn take(&mut self, rate: Rate, now: Instant) -> Result<(), Duration> {
        self.check(rate, now)?;
        self.tokens -= 1.0;
        Ok(())
    }

    /// Whether the bucket is back to its burst (so forgetting it loses nothing).
    pub(crate) fn is_full(&mut self, rate: Rate, now: Instant) -> bool {
        let _ = self.check(rate, now);
        self.tokens >= f64::from(rate.burst)
    }

    /// Whether a token is there, without taking it; if not, how long until one is back.
    pub(crate) fn check(&mut self, rate: Rate, now: Instant) -> Result<(), Duration> {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.tokens = (self.tokens + elapsed * rate.per_second).min(f64::from(rate.burst));
        self.last = now;
        if self.tokens >= 1.0 {
            return Ok(());
        }
        let wait = if rate.per_second > 0.0 {
            (1.0 - self.tokens) / rate.per_second
        } else {
            f64::from(u32::MAX)
        };
        Err(Duration::from_secs_f64(wait))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_room_md_states_these_limits() {
        let doc = include_str!("../../docs/ROOM.md");
        let l = Limits::default();
        let secs = |d: Duration| d.as_secs();
        let rows = [
            format!("| participants in the room | {} |", l.participants),
            format!(
                "| notes written from the room | {},{:03} in all, {} per participant",
                l.notes / 1000,
                l.notes % 1000,
                l.notes_per_participant
            ),
            format!("| a note's text | {MAX_NOTE_CHARS} characters |"),
            format!("| a name (the note's `author`) | {MAX_NAME_CHARS} characters |"),
            format!("| a request body | {} KB |", MAX_BODY_BYTES / 1024),
            format!("| a nonce | {MAX_NONCE_CHARS} characters |"),
            format!(
                "| requests per participant | {} at once, then {} per second |",
                l.requests.burst, l.requests.per_second
            ),
            format!(
                "| joins with a wrong key or code | {} per address, then one every {} seconds |",
                l.failed_joins.burst,
                1.0 / l.failed_joins.per_second
            ),
            format!("| open connections | {}; more wait", l.connections),
            format!(
                "| open connections from one address | {}; more from it are closed at once |",
                l.connections_per_address
            ),
            format!(
                "| live-update streams per participant | {} |",
                l.streams_per_participant
            ),
            format!(
                "| sending a request's headers | {} seconds",
                secs(l.header_read_timeout)
            ),
            format!(
                "| sending a request's body, once its headers are in | {} seconds, then `408` and the connection is closed |",
                secs(l.body_timeout)
            ),
            format!(
                "| a connection whose writes make no progress | dropped after {} seconds |",
                secs(l.write_timeout)
            ),
            format!(
                "| waiting for the facilitator's Tandem | {} seconds, then `503` |",
                secs(l.host_timeout)
            ),
            format!("`ping`: every {} seconds", secs(l.ping)),
        ];
        for row in rows {
            assert!(doc.contains(&row), "docs/ROOM.md should say: {row}");
        }
    }

    #[test]
    fn a_bucket_allows_a_burst_then_its_rate() {
        let rate = Rate {
            burst: 3,
            per_second: 2.0,
        };
        let t0 = Instant::now();
        let mut b = Bucket::full(rate);
        for _ in 0..3 {
            assert_eq!(b.take(rate, t0), Ok(()));
        }
        let wait = b.check(rate, t0).unwrap_err();
        assert_eq!(b.take(rate, t0), Err(wait), "checking takes nothing");
        assert!((wait.as_secs_f64() - 0.5).abs() < 1e-6, "{wait:?}");
        assert_eq!(b.take(rate, t0 + Duration::from_millis(500)), Ok(()));
        assert!(b.take(rate, t0 + Duration::from_millis(500)).is_err());
        // Idle time refills up to the burst, no further.
        let later = t0 + Duration::from_secs(60);
        for _ in 0..3 {
            assert_eq!(b.take(rate, later), Ok(()));
        }
        assert!(b.take(rate, later).is_err());
    }
}
