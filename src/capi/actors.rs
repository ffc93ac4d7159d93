//! CZMQ's actor functions, for `zactor_new`: `zgossip`, `zproxy`,
//! `zmonitor` and `zbeacon`, each a thin `zactor_fn` over the Rust actor
//! body of the same class.
//!
//! `zactor_new` lends the task its pipe (a boxed `Sock`); the Rust bodies own
//! their pipe, so each function moves the real pipe out of the box (leaving
//! an unconnected placeholder there) and hands it over. The pipe's final
//! signal goes with it, so `zactor_destroy` waits as usual.

use std::ffi::{c_char, c_void};

use czmq_core::{Result, Sock, SocketType};

use super::ffi::{self, guard};
use super::zsock::ZsockT;

/// Moves the pipe out of C's box and runs `body` with it.
///
/// # Safety
/// `pipe` is the live zsock_t* that zactor_new gave the task.
unsafe fn run_with_pipe(pipe: *mut ZsockT, what: &str, body: impl FnOnce(Sock) -> Result<()>) {
    guard((), || {
        // SAFETY: per the contract, pipe is zactor_new's live, exclusively
        // lent Box<Sock>; we only swap its contents.
        let Some(slot) = (unsafe { ffi::as_sock(pipe as *mut c_void) }) else {
            log::error!("{what}: not a pipe");
            return;
        };
        let placeholder = match Sock::new(SocketType::Pair) {
            Ok(s) => s,
            Err(e) => {
                log::error!("{what}: {e}");
                return;
            }
        };
        let real = std::mem::replace(slot, placeholder);
        if let Err(e) = body(real) {
            log::error!("{what}: {e}");
        }
    })
}

/// `void zgossip (zsock_t *pipe, void *args)`: `zactor_new (zgossip, "name")`
/// runs a gossip node speaking CZMQ's zgossip commands.
///
/// # Safety
/// Called by zactor_new; `args` is NULL or a NUL-terminated node name.
#[no_mangle]
pub unsafe extern "C" fn zgossip(pipe: *mut ZsockT, args: *mut c_void) {
    // SAFETY: args is NULL or a C string, per the contract.
    let name = unsafe { ffi::opt_str(args as *const c_char) }
        .unwrap_or("zgossip")
        .to_string();
    // SAFETY: per the contract.
    unsafe { run_with_pipe(pipe, "zgossip", |p| gossip::zgossip_actor(p, &name)) }
}

/// `void zproxy (zsock_t *pipe, void *unused)`: `zactor_new (zproxy, NULL)`.
///
/// # Safety
/// Called by zactor_new.
#[no_mangle]
pub unsafe extern "C" fn zproxy(pipe: *mut ZsockT, _unused: *mut c_void) {
    // SAFETY: per the contract.
    unsafe { run_with_pipe(pipe, "zproxy", czmq_core::zproxy_actor) }
}

/// `void zbeacon (zsock_t *pipe, void *unused)`: `zactor_new (zbeacon, NULL)`.
///
/// # Safety
/// Called by zactor_new.
#[no_mangle]
pub unsafe extern "C" fn zbeacon(pipe: *mut ZsockT, _unused: *mut c_void) {
    // SAFETY: per the contract.
    unsafe { run_with_pipe(pipe, "zbeacon", czmq_core::zbeacon) }
}

/// `void zmonitor (zsock_t *pipe, void *sock)`: `zactor_new (zmonitor, sock)`
/// monitors a zsock_t, a zactor_t or a raw libzmq socket.
///
/// # Safety
/// Called by zactor_new; `sock` is a live socket (of any of those kinds)
/// that outlives the actor, and the caller does not use it while waiting
/// for the actor's answers to START and $TERM (CZMQ's contract too).
#[no_mangle]
pub unsafe extern "C" fn zmonitor(pipe: *mut ZsockT, sock: *mut c_void) {
    // SAFETY: per the contract.
    let Some(target) = (unsafe { ffi::resolve(sock) }) else {
        log::error!("zmonitor: not a socket");
        return;
    };
    let body = move |p| {
        // SAFETY: per the contract (see zmonitor_actor's safety section).
        unsafe { czmq_core::zmonitor_actor(p, target) }
    };
    // SAFETY: per the contract.
    unsafe { run_with_pipe(pipe, "zmonitor", body) }
}
