//! zactor: `zactor_t *` is a boxed [`Actor`] running a C function
//! `void fn (zsock_t *pipe, void *args)` on its own thread, with CZMQ's
//! handshake (the function signals once ready; destroy sends `$TERM`).

use std::ffi::{c_int, c_void};

use czmq_core::{Actor, Msg, Sock};

use super::ffi::{self, boxed, guard};
use super::zmsg::ZmsgT;
use super::zsock::ZsockT;

// TODO(zgossip): export `void zgossip (zsock_t *pipe, void *args)`, a
// ZactorFn over `gossip::zgossip_actor(pipe, name)` with `args` as the node
// name, so that C can run `zactor_new (zgossip, "name")`; waiting for the
// lead's gossip merge (the function does not exist on this branch yet).

/// A C zactor_t.
pub type ZactorT = Actor;

/// CZMQ's `zactor_fn`.
pub type ZactorFn = unsafe extern "C" fn(pipe: *mut ZsockT, args: *mut c_void);

/// The C actor's argument, moved to its thread.
struct Args(*mut c_void);

// SAFETY: CZMQ hands `args` to the actor thread the same way; whether the
// pointee may be used from that thread is the C caller's contract, as in CZMQ.
unsafe impl Send for Args {}

/// `zactor_t *zactor_new (zactor_fn task, void *args)`: returns once the
/// task has signalled (zsock_signal (pipe, 0)); NULL if it could not start.
///
/// # Safety
/// `task` is a valid function that signals once ready and returns on
/// `$TERM`; `args` is whatever it expects.
#[no_mangle]
pub unsafe extern "C" fn zactor_new(task: Option<ZactorFn>, args: *mut c_void) -> *mut ZactorT {
    guard(std::ptr::null_mut(), || {
        let Some(task) = task else {
            return std::ptr::null_mut();
        };
        super::zsys::ensure_init();
        let args = Args(args);
        let started = Actor::new(move |pipe: Sock| {
            let args = args;
            // The C task borrows the pipe; dropping it afterwards sends the
            // final signal the parent's destroy waits for.
            let mut pipe = Box::new(pipe);
            // SAFETY: per zactor_new's contract; the pipe outlives the call.
            unsafe { task(&mut *pipe, args.0) };
            drop(pipe);
            Ok(())
        });
        match started {
            Ok(actor) => boxed(actor),
            Err(e) => {
                log::error!("zactor_new: {e}");
                std::ptr::null_mut()
            }
        }
    })
}

/// `void zactor_destroy (zactor_t **self_p)`: sends `$TERM`, waits for the
/// task to end, sets `*self_p` to NULL.
///
/// # Safety
/// `self_p` is NULL, or points to NULL or a zactor_t from this library.
#[no_mangle]
pub unsafe extern "C" fn zactor_destroy(self_p: *mut *mut ZactorT) {
    // SAFETY: per the contract.
    guard((), || unsafe {
        ffi::destroy_tagged(self_p, Actor::TAG, "zactor")
    })
}

/// The actor behind a zactor_t pointer (tag checked).
unsafe fn actor_ref<'a>(p: *mut ZactorT) -> Option<&'a Actor> {
    // SAFETY: the callers pass NULL or a live zactor_t.
    unsafe { ffi::as_actor(p as *mut c_void) }
}

/// `int zactor_send (zactor_t *self, zmsg_t **msg_p)`: sends and destroys
/// the message; -1 leaves it to the caller.
///
/// # Safety
/// `self_` is NULL or a live zactor_t; `msg_p` as for zmsg_send.
#[no_mangle]
pub unsafe extern "C" fn zactor_send(self_: *mut ZactorT, msg_p: *mut *mut ZmsgT) -> c_int {
    // SAFETY: per the contract: a zactor_t is a valid destination.
    guard(-1, || unsafe {
        super::zmsg::zmsg_send(msg_p, self_ as *mut c_void)
    })
}

/// `zmsg_t *zactor_recv (zactor_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zactor_t.
#[no_mangle]
pub unsafe extern "C" fn zactor_recv(self_: *mut ZactorT) -> *mut ZmsgT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
        match unsafe { actor_ref(self_) }.map(Msg::recv) {
            Some(Ok(m)) => boxed(m),
            _ => std::ptr::null_mut(),
        }
    })
}

/// `bool zactor_is (void *self)`.
///
/// # Safety
/// `self_` is NULL or points to at least 4 readable bytes.
#[no_mangle]
pub unsafe extern "C" fn zactor_is(self_: *mut c_void) -> bool {
    // SAFETY: per the contract.
    guard(false, || unsafe { ffi::tag_of(self_) } == Some(Actor::TAG))
}

/// `void *zactor_resolve (void *self)`: the libzmq handle of the actor's
/// pipe; other objects resolve as in zsock_resolve.
///
/// # Safety
/// As zsock_resolve.
#[no_mangle]
pub unsafe extern "C" fn zactor_resolve(self_: *mut c_void) -> *mut c_void {
    // SAFETY: per the contract.
    guard(std::ptr::null_mut(), || {
        unsafe { ffi::resolve(self_) }.unwrap_or(std::ptr::null_mut())
    })
}

/// `zsock_t *zactor_sock (zactor_t *self)`: the parent's end of the pipe,
/// owned by the actor.
///
/// # Safety
/// `self_` is NULL or a live zactor_t.
#[no_mangle]
pub unsafe extern "C" fn zactor_sock(self_: *mut ZactorT) -> *mut ZsockT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
        unsafe { actor_ref(self_) }.map_or(std::ptr::null_mut(), |a| {
            // Only the address comes from the shared borrow; the pointer is
            // derived from C's (the Box's) so that zsock calls that write,
            // like zsock_bind, write through a pointer allowed to.
            let offset = (a.sock() as *const Sock as usize).wrapping_sub(self_ as usize);
            self_.cast::<u8>().wrapping_add(offset).cast::<Sock>()
        })
    })
}
