//! zclock: wall and monotonic clocks, sleeping, timestamps.

use std::ffi::{c_char, c_int};
use std::time::Duration;

use czmq::zclock;

use super::ffi::{guard, malloc_str};

/// `int64_t zclock_time (void)`: wall-clock milliseconds since the epoch.
#[no_mangle]
pub extern "C" fn zclock_time() -> i64 {
    guard(0, zclock::time)
}

/// `int64_t zclock_mono (void)`: monotonic milliseconds.
#[no_mangle]
pub extern "C" fn zclock_mono() -> i64 {
    guard(0, zclock::mono)
}

/// `int64_t zclock_usecs (void)`: monotonic microseconds.
#[no_mangle]
pub extern "C" fn zclock_usecs() -> i64 {
    guard(0, zclock::usecs)
}

/// `void zclock_sleep (int msecs)`: negative sleeps not at all.
#[no_mangle]
pub extern "C" fn zclock_sleep(msecs: c_int) {
    guard((), || {
        zclock::sleep(Duration::from_millis(u64::try_from(msecs).unwrap_or(0)))
    })
}

/// `char *zclock_timestr (void)`: local time as "yyyy-mm-dd hh:mm:ss",
/// freed by the caller.
#[no_mangle]
pub extern "C" fn zclock_timestr() -> *mut c_char {
    guard(std::ptr::null_mut(), || malloc_str(&zclock::timestr()))
}
