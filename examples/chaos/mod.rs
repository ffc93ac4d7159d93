//! Simulated failures for the Pirate servers and workers of the Guide's
//! chapter 4: after a few normal cycles, now and then a crash (the process
//! stops) or a CPU overload (a late answer).
//!
//! A `crash-after` count makes the chaos deterministic for tests: that many
//! normal cycles, then a crash, and no overloads.

use czmq::zclock;

/// What happens to the request at hand.
#[derive(Debug, PartialEq, Eq)]
pub enum Fate {
    Normal,
    Overload,
    Crash,
}

pub struct Chaos {
    crash_after: Option<u64>,
    one_in: u64,
    cycles: u64,
    state: u64,
}

impl Chaos {
    /// Random chaos hitting one request in `one_in` (each kind), or a
    /// crash after exactly `crash_after` requests.
    pub fn new(crash_after: Option<u64>, one_in: u64) -> Chaos {
        Chaos {
            crash_after,
            one_in: one_in.max(1),
            cycles: 0,
            state: zclock::usecs().unsigned_abs() | 1,
        }
    }

    /// A tiny xorshift: the chaos only needs to be unpredictable-ish.
    fn roll(&mut self) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state % self.one_in
    }

    /// The fate of the next request.
    pub fn next(&mut self) -> Fate {
        self.cycles += 1;
        if let Some(limit) = self.crash_after {
            return if self.cycles > limit {
                Fate::Crash
            } else {
                Fate::Normal
            };
        }
        // Only once the client has seen the server work.
        if self.cycles <= 3 {
            Fate::Normal
        } else if self.roll() == 0 {
            Fate::Crash
        } else if self.roll() == 0 {
            Fate::Overload
        } else {
            Fate::Normal
        }
    }
}

/// Milliseconds from an environment variable, or a default.
pub fn env_ms(name: &str, default: u64) -> std::time::Duration {
    std::time::Duration::from_millis(
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default),
    )
}
