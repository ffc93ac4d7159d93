//! Process-wide defaults for the high-level layer, as CZMQ's zsys: the shared
//! default context and the socket defaults new `Sock`s pick up.
//!
//! Each setting starts from the `ZSYS_*` environment variable CZMQ reads
//! (ZSYS_LINGER, ZSYS_SNDHWM, ZSYS_RCVHWM, ZSYS_IO_THREADS, ...) and can be
//! changed from code.
//!
//! ```
//! czmq::zsys::set_linger(100);
//! assert_eq!(czmq::zsys::linger(), 100);
//! czmq::zsys::set_linger(0);
//! ```

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Mutex;

use once_cell::sync::Lazy;

use crate::context::{Context, ContextOption};
use crate::error::Result;

fn env_int(name: &str, default: i32) -> i32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

struct Settings {
    linger: AtomicI32,
    sndhwm: AtomicI32,
    rcvhwm: AtomicI32,
    io_threads: AtomicI32,
}

static SETTINGS: Lazy<Settings> = Lazy::new(|| Settings {
    linger: AtomicI32::new(env_int("ZSYS_LINGER", 0)),
    sndhwm: AtomicI32::new(env_int("ZSYS_SNDHWM", 1000)),
    rcvhwm: AtomicI32::new(env_int("ZSYS_RCVHWM", 1000)),
    io_threads: AtomicI32::new(env_int("ZSYS_IO_THREADS", 1)),
});

static CONTEXT: Lazy<Mutex<Option<Context>>> = Lazy::new(|| Mutex::new(None));

/// The process-wide context of the high-level layer, created on first use
/// (like `zsys_init`). Every call returns a handle to the same context until
/// [`shutdown`].
pub fn context() -> Result<Context> {
    let mut slot = CONTEXT.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(ctx) = slot.as_ref() {
        return Ok(ctx.clone());
    }
    let ctx = Context::new()?;
    ctx.set(ContextOption::IoThreads, io_threads())?;
    *slot = Some(ctx.clone());
    Ok(ctx)
}

/// Drops the process-wide context handle. Sockets still open keep it alive; it
/// is terminated when the last of them closes. A later [`context`] call creates
/// a fresh one.
pub fn shutdown() {
    let mut slot = CONTEXT.lock().unwrap_or_else(|p| p.into_inner());
    slot.take();
}

/// Default linger of new high-level sockets, in milliseconds (CZMQ: 0).
pub fn linger() -> i32 {
    SETTINGS.linger.load(Ordering::Relaxed)
}

/// Sets the default linger of new high-level sockets, in milliseconds.
pub fn set_linger(ms: i32) {
    SETTINGS.linger.store(ms, Ordering::Relaxed);
}

/// Default send high-water mark of new high-level sockets (CZMQ: 1000).
pub fn sndhwm() -> i32 {
    SETTINGS.sndhwm.load(Ordering::Relaxed)
}

/// Sets the default send high-water mark.
pub fn set_sndhwm(hwm: i32) {
    SETTINGS.sndhwm.store(hwm, Ordering::Relaxed);
}

/// Default receive high-water mark of new high-level sockets (CZMQ: 1000).
pub fn rcvhwm() -> i32 {
    SETTINGS.rcvhwm.load(Ordering::Relaxed)
}

/// Sets the default receive high-water mark.
pub fn set_rcvhwm(hwm: i32) {
    SETTINGS.rcvhwm.store(hwm, Ordering::Relaxed);
}

/// I/O threads of the process-wide context (CZMQ: 1); takes effect when the
/// context is next created.
pub fn io_threads() -> i32 {
    SETTINGS.io_threads.load(Ordering::Relaxed)
}

/// Sets the I/O threads of the process-wide context.
pub fn set_io_threads(n: i32) {
    SETTINGS.io_threads.store(n, Ordering::Relaxed);
}
