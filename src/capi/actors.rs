//! CZMQ's actor functions, for `zactor_new`: `zgossip`, `zproxy`, `zauth`,
//! `zmonitor` and `zbeacon`, each a thin `zactor_fn` over the Rust actor
//! body of the same class.
//!
//! `zactor_new` lends the task its pipe (a boxed `Sock`); the Rust bodies own
//! their pipe, so each function moves the real pipe out of the box (leaving
//! an unconnected placeholder there) and hands it over. The pipe's final
//! signal goes with it, so `zactor_destroy` waits as usual.

use std::ffi::{c_char, c_void};

use czmq::{Result, Sock, SocketType};

use super::ffi::{self, guard};
use super::zsock::ZsockT;

/// Moves the pipe out of C's box and runs `body` with it.
///
/// # Safety
/// `pipe` is the live zsock_t* that zactor_new gave the task.
unsafe fn run_with_pipe(pipe: *mut ZsockT, what: &str, body: impl FnOnce(Sock) -> Result<()>) {
    guard((), || {
        // SAFETY: `pipe` is the zsock_t zactor_new boxed and handed to this task (the
        // requirement above): live for the whole task and used by no one else (the actor's own
        // end is the other socket of the pair), so as_sock may read its tag and the &mut is
        // exclusive; we only swap its contents.
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
    // SAFETY: `args` is NULL or a NUL-terminated string that C keeps alive until this call
    // returns (as documented above), and the borrow opt_str gives is dropped or copied before
    // then; args is NULL or a C string.
    let name = unsafe { ffi::opt_str(args as *const c_char) }
        .unwrap_or("zgossip")
        .to_string();
    // SAFETY: the arguments go to run_with_pipe unchanged, and run_with_pipe relies on them for
    // no more than this function's doc requires of C.
    unsafe { run_with_pipe(pipe, "zgossip", |p| gossip::zgossip_actor(p, &name)) }
}

/// `void zproxy (zsock_t *pipe, void *unused)`: `zactor_new (zproxy, NULL)`.
///
/// # Safety
/// Called by zactor_new.
#[no_mangle]
pub unsafe extern "C" fn zproxy(pipe: *mut ZsockT, _unused: *mut c_void) {
    // SAFETY: the arguments go to run_with_pipe unchanged, and run_with_pipe relies on them for
    // no more than this function's doc requires of C.
    unsafe { run_with_pipe(pipe, "zproxy", czmq::zproxy_actor) }
}

/// `void zbeacon (zsock_t *pipe, void *unused)`: `zactor_new (zbeacon, NULL)`.
///
/// # Safety
/// Called by zactor_new.
#[no_mangle]
pub unsafe extern "C" fn zbeacon(pipe: *mut ZsockT, _unused: *mut c_void) {
    // SAFETY: the arguments go to run_with_pipe unchanged, and run_with_pipe relies on them for
    // no more than this function's doc requires of C.
    unsafe { run_with_pipe(pipe, "zbeacon", czmq::zbeacon) }
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
    // SAFETY: `sock` is NULL, a live zsock_t/zactor_t or a live libzmq socket (CZMQ's
    // polymorphic socket argument, as documented above), which is what resolve requires; C uses
    // a socket from one thread at a time.
    let Some(target) = (unsafe { ffi::resolve(sock) }) else {
        log::error!("zmonitor: not a socket");
        return;
    };
    let body = move |p| {
        // SAFETY: `target` is the libzmq handle of `sock`, which the caller keeps alive for the
        // actor's whole life and does not use while waiting for the actor's answers (the
        // requirement above), which is what zmonitor_actor requires.
        unsafe { czmq::zmonitor_actor(p, target) }
    };
    // SAFETY: the arguments go to run_with_pipe unchanged, and run_with_pipe relies on them for
    // no more than this function's doc requires of C.
    unsafe { run_with_pipe(pipe, "zmonitor", body) }
}

/// `void zauth (zsock_t *pipe, void *certstore)`: `zactor_new (zauth,
/// certstore)` runs the ZAP handler (CZMQ's ALLOW/DENY/PLAIN/CURVE/GSSAPI/
/// VERBOSE commands). A certstore given here is the CURVE policy from the
/// start and belongs to the actor, which destroys it, as CZMQ's does.
///
/// # Safety
/// Called by zactor_new; `certstore` is NULL or a zcertstore_t from this
/// library that the caller no longer uses.
#[no_mangle]
pub unsafe extern "C" fn zauth(pipe: *mut ZsockT, certstore: *mut c_void) {
    // SAFETY: `certstore` is NULL or a zcertstore_t from this library that the caller no longer
    // uses (the requirement above), which is what OwnedStore::new requires: the store is the
    // actor's from now on.
    let store = unsafe { super::zcertstore::OwnedStore::new(certstore.cast()) }
        .map(|s| Box::new(s) as Box<dyn czmq::CertSource>);
    // SAFETY: the arguments go to run_with_pipe unchanged, and run_with_pipe relies on them for
    // no more than this function's doc requires of C.
    unsafe { run_with_pipe(pipe, "zauth", |p| czmq::zauth_actor(p, store)) }
}
