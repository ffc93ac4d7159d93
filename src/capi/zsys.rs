//! zsys: process-wide settings, the default context, CZMQ's SIGINT/SIGTERM
//! handling with an exported `zsys_interrupted`, and logging to stderr.
//!
//! As in CZMQ, the C face installs its signal handler when the library
//! initialises (zsys_init, implicitly on the first socket or actor) unless
//! ZSYS_SIGHANDLER=false or zsys_handler_set (NULL) said otherwise. The
//! Rust API keeps signals opt-in (`czmq::zsys::catch_interrupts`); the
//! handler here also sets the Rust flag, so zloop and zpoller stop on it.

mod files;
mod logstream;
mod net;
mod settings;
mod sockets;
mod zprintf;

use std::ffi::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::Mutex;

use czmq::zsys;

use super::ffi::guard;

/// CZMQ's `volatile int zsys_interrupted`: 1 once SIGINT or SIGTERM came.
#[no_mangle]
pub static zsys_interrupted: AtomicI32 = AtomicI32::new(0);

/// CZMQ's older name for [`zsys_interrupted`], kept for old code.
#[no_mangle]
pub static zctx_interrupted: AtomicI32 = AtomicI32::new(0);

/// Registers [`zsys_interrupted`] with czmq's zsys, so that a C
/// program's `zsys_interrupted = 1` stops every Loop and Poller (they read
/// `czmq::zsys::interrupted`). Runs from the ELF constructor below, before
/// any C code, and again from [`ensure_init`] in case a static link left
/// the constructor's object file out.
extern "C" fn register_interrupt_flag() {
    zsys::watch_interrupt_flag(&zsys_interrupted);
}

/// The load-time constructor: the dynamic loader (or the C runtime of a
/// static program) calls every function in `.init_array` before main.
#[used]
#[link_section = ".init_array"]
static REGISTER_INTERRUPT_FLAG: extern "C" fn() = register_interrupt_flag;

/// CZMQ's `zsys_handler_fn`.
pub type ZsysHandlerFn = unsafe extern "C" fn(signal_value: c_int);

const SIGNALS: [c_int; 2] = [libc::SIGINT, libc::SIGTERM];

/// The dispositions replaced by our handler, to restore on reset.
static SAVED: Mutex<Option<[libc::sigaction; 2]>> = Mutex::new(None);
/// zsys_handler_set (NULL) turns the default handler off.
static HANDLER_DISABLED: AtomicBool = AtomicBool::new(false);
static INITIALISED: AtomicBool = AtomicBool::new(false);

extern "C" fn default_handler(_signal: c_int) {
    // Async-signal-safe: lock-free atomic stores only. The Rust side reads
    // zsys_interrupted itself (registered above), so a C program that
    // writes 0 to it after handling the signal clears it for Rust too.
    zsys_interrupted.store(1, Ordering::SeqCst);
    zctx_interrupted.store(1, Ordering::SeqCst);
}

/// Installs `handler` for SIGINT and SIGTERM, saving the old dispositions
/// the first time.
fn install(handler: libc::sighandler_t) {
    let mut saved = SAVED.lock().unwrap_or_else(|p| p.into_inner());
    // SAFETY: an all-zero sigaction is a valid value of this C struct.
    let mut action: libc::sigaction = unsafe { std::mem::zeroed() };
    action.sa_sigaction = handler;
    // No SA_RESTART, as CZMQ: blocking calls return EINTR and see the flag.
    action.sa_flags = 0;
    // SAFETY: sa_mask belongs to `action`.
    unsafe { libc::sigemptyset(&mut action.sa_mask) };
    // SAFETY: all-zero sigactions are valid out-parameters.
    let mut old: [libc::sigaction; 2] = unsafe { std::mem::zeroed() };
    for (i, signal) in SIGNALS.iter().enumerate() {
        // SAFETY: valid signal, valid pointers; the handlers we install are
        // async-signal-safe (default_handler) or the C caller's choice.
        unsafe { libc::sigaction(*signal, &action, &mut old[i]) };
    }
    if saved.is_none() {
        *saved = Some(old);
    }
}

/// Initialises the C face once: logger, default signal handler.
pub(crate) fn ensure_init() {
    if INITIALISED.swap(true, Ordering::SeqCst) {
        return;
    }
    register_interrupt_flag();
    logstream::init_from_env();
    // As CZMQ: shut down at exit, so that the context's termination
    // flushes what sockets still have to send (their linger). Sockets the
    // program leaked hold the context, so this never blocks on them.
    // SAFETY: registers a plain extern "C" fn that cannot unwind.
    unsafe { libc::atexit(shutdown_at_exit) };
    logstream::install_logger();
    zsys_catch_interrupts();
}

/// `void zsys_catch_interrupts (void)`: installs CZMQ's default
/// SIGINT/SIGTERM handler (it sets `zsys_interrupted`), unless
/// ZSYS_SIGHANDLER=false or `zsys_handler_set (NULL)` turned it off.
#[no_mangle]
pub extern "C" fn zsys_catch_interrupts() {
    guard((), || {
        register_interrupt_flag();
        let off = std::env::var("ZSYS_SIGHANDLER").is_ok_and(|v| v.eq_ignore_ascii_case("false"));
        if !off && !HANDLER_DISABLED.load(Ordering::SeqCst) {
            install(default_handler as extern "C" fn(c_int) as libc::sighandler_t);
        }
    })
}

extern "C" fn shutdown_at_exit() {
    guard((), zsys::shutdown);
}

/// `void *zsys_init (void)`: initialises the library and returns the
/// process-wide libzmq context (NULL on failure).
#[no_mangle]
pub extern "C" fn zsys_init() -> *mut c_void {
    guard(std::ptr::null_mut(), || {
        ensure_init();
        match zsys::context() {
            // The context is also held by zsys until zsys_shutdown, so the
            // pointer stays valid after this clone is dropped.
            Ok(ctx) => ctx.as_ptr(),
            Err(_) => std::ptr::null_mut(),
        }
    })
}

/// `void zsys_shutdown (void)`: drops the process-wide context (once every
/// socket is destroyed) and restores the signal handlers.
#[no_mangle]
pub extern "C" fn zsys_shutdown() {
    guard((), || {
        zsys::shutdown();
        zsys_handler_reset();
        INITIALISED.store(false, Ordering::SeqCst);
    })
}

/// `void zsys_handler_set (zsys_handler_fn *handler)`: installs `handler`
/// for SIGINT/SIGTERM; NULL turns CZMQ's default handling off.
#[no_mangle]
pub extern "C" fn zsys_handler_set(handler: Option<ZsysHandlerFn>) {
    guard((), || match handler {
        Some(f) => install(f as libc::sighandler_t),
        None => {
            HANDLER_DISABLED.store(true, Ordering::SeqCst);
            zsys_handler_reset();
        }
    })
}

/// `void zsys_handler_reset (void)`: restores the dispositions in place
/// before the first zsys_handler_set or zsys_init.
#[no_mangle]
pub extern "C" fn zsys_handler_reset() {
    guard((), || {
        let mut saved = SAVED.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(old) = saved.take() {
            for (signal, action) in SIGNALS.iter().zip(old.iter()) {
                // SAFETY: restores a disposition sigaction gave us.
                unsafe { libc::sigaction(*signal, action, std::ptr::null_mut()) };
            }
        }
    })
}

/// `bool zsys_is_interrupted (void)` (CZMQ 4.2 DRAFT): the C flag or
/// the Rust one.
#[no_mangle]
pub extern "C" fn zsys_is_interrupted() -> bool {
    guard(false, || {
        zsys_interrupted.load(Ordering::SeqCst) != 0 || zsys::interrupted()
    })
}

/// `void zsys_set_interrupted (void)` (CZMQ 4.2 DRAFT): as if SIGINT came.
#[no_mangle]
pub extern "C" fn zsys_set_interrupted() {
    guard((), || {
        zctx_interrupted.store(1, Ordering::SeqCst);
        zsys::set_interrupted(true);
    })
}

/// The body of zsys_error ... zsys_debug (shim.c formats the message):
/// level 0 error, 1 warning, 2 notice, 3 info, 4 debug.
///
/// # Safety
/// `message` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn czmq_rs_zsys_log(level: c_int, message: *const c_char) {
    guard((), || {
        ensure_init();
        // SAFETY: the shim passes NULL or the C string it formatted.
        let Some(text) = (unsafe { super::ffi::opt_bytes(message) }) else {
            return;
        };
        let text = String::from_utf8_lossy(text);
        match level {
            0 => zsys::error(text),
            1 => zsys::warning(text),
            2 => zsys::notice(text),
            3 => zsys::info(text),
            _ => zsys::debug(text),
        }
    })
}
