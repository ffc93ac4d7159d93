//! SIGINT/SIGTERM handling, as CZMQ's `zsys_handler_set` and
//! `zsys_interrupted`, but opt-in: a library must not take over the
//! application's signals behind its back.
//!
//! The handler only stores `true` into an atomic (the one thing that is
//! async-signal-safe to do). It is installed without `SA_RESTART`, so a
//! thread blocked in libzmq when the signal arrives wakes up with EINTR:
//! receives return [`Error::Interrupted`](crate::Error::Interrupted), and
//! [`Loop`](crate::Loop) and [`Poller`](crate::Poller) end cleanly.

use std::io;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicPtr, Ordering};

use crate::error::{Error, Result};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// An interrupt flag owned by someone else (the C face's exported
/// `zsys_interrupted`, which C programs write directly), read by
/// [`interrupted`] and written by [`set_interrupted`] and the signal
/// handler. Null while none is registered. It only ever holds a
/// `&'static AtomicI32`, so it is valid whenever it is non-null.
static WATCHED: AtomicPtr<AtomicI32> = AtomicPtr::new(std::ptr::null_mut());

/// The registered external flag, if any.
fn watched() -> Option<&'static AtomicI32> {
    let p = WATCHED.load(Ordering::SeqCst);
    // SAFETY: WATCHED is only ever set from a `&'static AtomicI32` (see
    // watch_interrupt_flag), so a non-null value points to a flag that
    // lives for the rest of the program and is only accessed atomically.
    unsafe { p.as_ref() }
}

/// Makes [`interrupted`] also report `flag` (non-zero means interrupted),
/// and [`set_interrupted`] and the signal handler write it too. This is how
/// CZMQ's `volatile int zsys_interrupted`, which C code sets by plain
/// assignment, stops Rust [`Loop`](crate::Loop)s and
/// [`Poller`](crate::Poller)s. One flag is watched at a time; registering
/// another replaces it.
///
/// ```
/// use std::sync::atomic::{AtomicI32, Ordering};
/// static FLAG: AtomicI32 = AtomicI32::new(0);
/// czmq::zsys::watch_interrupt_flag(&FLAG);
/// FLAG.store(1, Ordering::SeqCst);
/// assert!(czmq::zsys::interrupted());
/// czmq::zsys::set_interrupted(false);
/// assert_eq!(FLAG.load(Ordering::SeqCst), 0);
/// ```
pub fn watch_interrupt_flag(flag: &'static AtomicI32) {
    WATCHED.store(flag as *const AtomicI32 as *mut AtomicI32, Ordering::SeqCst);
}

/// The dispositions that were in place before [`catch_interrupts`], restored
/// by [`reset_interrupts`]; None while ours are not installed.
static PREVIOUS: Mutex<Option<[libc::sigaction; 2]>> = Mutex::new(None);

const SIGNALS: [libc::c_int; 2] = [libc::SIGINT, libc::SIGTERM];

extern "C" fn on_signal(_signal: libc::c_int) {
    // Async-signal-safe: lock-free atomic loads and stores, nothing else.
    INTERRUPTED.store(true, Ordering::SeqCst);
    if let Some(flag) = watched() {
        flag.store(1, Ordering::SeqCst);
    }
}

fn last_os_error() -> Error {
    Error::from_errno(
        io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EINVAL),
    )
}

/// True once SIGINT or SIGTERM arrived after [`catch_interrupts`] (or after
/// [`set_interrupted`]`(true)`, or a non-zero write to the flag registered
/// with [`watch_interrupt_flag`]): CZMQ's `zsys_interrupted`.
///
/// ```
/// assert!(!czmq::zsys::interrupted());
/// ```
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst) || watched().is_some_and(|f| f.load(Ordering::SeqCst) != 0)
}

/// Sets or clears the interrupted flag by hand: to stop every `Loop` and
/// `Poller` of the process as a signal would, or to clear it after handling
/// one.
///
/// ```
/// czmq::zsys::set_interrupted(true);
/// assert!(czmq::zsys::interrupted());
/// czmq::zsys::set_interrupted(false);
/// ```
pub fn set_interrupted(value: bool) {
    INTERRUPTED.store(value, Ordering::SeqCst);
    if let Some(flag) = watched() {
        flag.store(i32::from(value), Ordering::SeqCst);
    }
}

/// Installs the SIGINT/SIGTERM handler that sets [`interrupted`], saving the
/// handlers it replaces. Calling it again while installed does nothing. As in
/// CZMQ, setting the environment variable `ZSYS_SIGHANDLER=false` turns this
/// into a no-op, for applications that do their own signal handling.
///
/// ```
/// czmq::zsys::catch_interrupts()?;
/// czmq::zsys::reset_interrupts()?;
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn catch_interrupts() -> Result<()> {
    if std::env::var("ZSYS_SIGHANDLER").is_ok_and(|v| v.eq_ignore_ascii_case("false")) {
        return Ok(());
    }
    let mut previous = PREVIOUS.lock().unwrap_or_else(|p| p.into_inner());
    if previous.is_some() {
        return Ok(());
    }
    // SAFETY: an all-zero sigaction is a valid value of this plain C struct.
    let mut action: libc::sigaction = unsafe { std::mem::zeroed() };
    action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
    // No SA_RESTART: blocking calls must see EINTR so that they return.
    action.sa_flags = 0;
    // SAFETY: sa_mask is a valid sigset_t owned by `action`.
    unsafe { libc::sigemptyset(&mut action.sa_mask) };
    // SAFETY: all-zero sigactions are valid out-parameters.
    let mut saved: [libc::sigaction; 2] = unsafe { std::mem::zeroed() };
    for (i, signal) in SIGNALS.iter().enumerate() {
        // SAFETY: valid signal number, valid pointers; on_signal is
        // async-signal-safe (it only stores to an atomic).
        if unsafe { libc::sigaction(*signal, &action, &mut saved[i]) } != 0 {
            let err = last_os_error();
            // Undo what was installed so far, so nothing is left half-done.
            for (j, done) in SIGNALS.iter().enumerate().take(i) {
                // SAFETY: restores a disposition sigaction gave us.
                unsafe { libc::sigaction(*done, &saved[j], std::ptr::null_mut()) };
            }
            return Err(err);
        }
    }
    *previous = Some(saved);
    Ok(())
}

/// Restores the SIGINT/SIGTERM handlers that were in place before
/// [`catch_interrupts`] (`zsys_handler_reset`). Does nothing when ours are
/// not installed. The [`interrupted`] flag is left as it is.
///
/// ```
/// czmq::zsys::reset_interrupts()?;
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn reset_interrupts() -> Result<()> {
    let mut previous = PREVIOUS.lock().unwrap_or_else(|p| p.into_inner());
    let Some(saved) = previous.take() else {
        return Ok(());
    };
    let mut result = Ok(());
    for (signal, old) in SIGNALS.iter().zip(saved.iter()) {
        // SAFETY: valid signal number; `old` is a disposition sigaction
        // returned to us earlier.
        if unsafe { libc::sigaction(*signal, old, std::ptr::null_mut()) } != 0 {
            result = Err(last_os_error());
        }
    }
    result
}
