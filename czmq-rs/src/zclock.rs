//! Clocks and delays, as CZMQ's zclock: wall-clock time in milliseconds, a
//! monotonic clock for measuring intervals, and a local timestamp string.
//!
//! Use [`time`] for "when" (it can jump when the system clock is set) and
//! [`mono`] / [`usecs`] for "how long" (they never go backwards).
//!
//! ```
//! use std::time::Duration;
//! use czmq::zclock;
//! let start = zclock::mono();
//! zclock::sleep(Duration::from_millis(5));
//! assert!(zclock::mono() - start >= 5);
//! assert_eq!(zclock::timestr().len(), "2026-01-01 12:00:00".len());
//! ```

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Wall-clock time in milliseconds since the Unix epoch (`zclock_time`).
///
/// ```
/// // Some time after 2020-01-01.
/// assert!(czmq::zclock::time() > 1_577_836_800_000);
/// ```
pub fn time() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        // A clock set before 1970: report it as negative, as CZMQ would.
        Err(e) => -i64::try_from(e.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

/// Reads CLOCK_MONOTONIC as a Duration since an arbitrary fixed point (boot).
fn monotonic() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: ts is a valid, writable timespec; CLOCK_MONOTONIC is supported
    // on every platform this crate builds for, and on failure ts stays zero.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    Duration::new(
        ts.tv_sec.max(0) as u64,
        ts.tv_nsec.clamp(0, 999_999_999) as u32,
    )
}

/// Monotonic time in milliseconds (`zclock_mono`): only differences are
/// meaningful; it never goes backwards.
///
/// ```
/// let a = czmq::zclock::mono();
/// assert!(czmq::zclock::mono() >= a);
/// ```
pub fn mono() -> i64 {
    i64::try_from(monotonic().as_millis()).unwrap_or(i64::MAX)
}

/// Monotonic time in microseconds (`zclock_usecs`).
///
/// ```
/// let a = czmq::zclock::usecs();
/// assert!(czmq::zclock::usecs() >= a);
/// ```
pub fn usecs() -> i64 {
    i64::try_from(monotonic().as_micros()).unwrap_or(i64::MAX)
}

/// Sleeps for `d` (`zclock_sleep`), resuming after signals until the whole
/// time has passed.
///
/// ```
/// czmq::zclock::sleep(std::time::Duration::from_millis(1));
/// ```
pub fn sleep(d: Duration) {
    // std's sleep already restarts after EINTR.
    std::thread::sleep(d);
}

/// The current local time as "YYYY-MM-DD HH:MM:SS" (`zclock_timestr`).
///
/// ```
/// let s = czmq::zclock::timestr();
/// assert_eq!(s.as_bytes()[4], b'-');
/// assert_eq!(s.as_bytes()[10], b' ');
/// ```
pub fn timestr() -> String {
    let secs = time().div_euclid(1000) as libc::time_t;
    // SAFETY: an all-zero tm is a valid value of this plain C struct.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are valid for the duration of the call; the _r
    // variants write only into our tm and are thread-safe.
    let local = unsafe { libc::localtime_r(&secs, &mut tm) };
    if local.is_null() {
        // No usable time zone data: UTC is the honest fallback.
        // SAFETY: `secs` and `tm` are live locals, valid for the call; gmtime_r
        // writes only into our tm and, like localtime_r, is thread-safe.
        unsafe { libc::gmtime_r(&secs, &mut tm) };
    }
    format_tm(&tm)
}

/// Formats a broken-down time the way CZMQ prints it ("%Y-%m-%d %H:%M:%S").
fn format_tm(tm: &libc::tm) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        i64::from(tm.tm_year) + 1900,
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_tm_pads_every_field() {
        // SAFETY: an all-zero tm is a valid value of this plain C struct.
        let mut tm: libc::tm = unsafe { std::mem::zeroed() };
        tm.tm_year = 126;
        tm.tm_mon = 0;
        tm.tm_mday = 2;
        tm.tm_hour = 3;
        tm.tm_min = 4;
        tm.tm_sec = 5;
        assert_eq!(format_tm(&tm), "2026-01-02 03:04:05");
    }

    #[test]
    fn timestr_matches_localtime_of_now() {
        let before = time() / 1000;
        let s = timestr();
        let after = time() / 1000;
        // Rebuild the expected strings for the seconds around the call.
        let expect = |secs: i64| {
            // SAFETY: as in timestr.
            let mut tm: libc::tm = unsafe { std::mem::zeroed() };
            let t = secs as libc::time_t;
            // SAFETY: valid pointers for the call.
            unsafe { libc::localtime_r(&t, &mut tm) };
            format_tm(&tm)
        };
        assert!((before..=after).any(|t| expect(t) == s), "{s}");
    }
}
