//! zactor: `zactor_t *` is a boxed [`Actor`] running a C function
//! `void fn (zsock_t *pipe, void *args)` on its own thread, with CZMQ's
//! handshake (the function signals once ready; destroy sends `$TERM`).

use std::ffi::{c_int, c_void};

use czmq::{Actor, Msg, Sock};

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
            // SAFETY: `task` is C's zactor_fn and `args.0` what it expects (zactor_new's
            // documented requirement); `&mut *pipe` is a live Box<Sock> owned by this
            // thread, not listed in ffi's registry (so the task cannot destroy it), and
            // dropped only after the task returns.
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
    // SAFETY: `self_p` is NULL or C's readable, writable `T **` (as documented above), all
    // destroy_tagged requires: it frees only an object ffi's registry lists as given to C and
    // not yet taken back, so a stale, lent or foreign `*self_p` is refused without being read.
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
    // SAFETY: `msg_p` is what zmsg_send requires (NULL or C's readable, writable `zmsg_t **`),
    // and `self_`, NULL or a live zactor_t (the requirement above), is one of the destinations
    // zmsg_send's socket_of accepts (its tag says Actor).
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
        // SAFETY: `self_` is NULL or a live zactor_t from zactor_new (as documented above),
        // which is what actor_ref requires; as_actor casts only on Actor's tag.
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
    // SAFETY: `self_` is NULL or a live object at least 4 bytes long (a CZMQ object or libzmq
    // socket, as documented above), and tag_of reads only those 4 bytes.
    guard(false, || unsafe { ffi::tag_of(self_) } == Some(Actor::TAG))
}

/// `void *zactor_resolve (void *self)`: the libzmq handle of the actor's
/// pipe; other objects resolve as in zsock_resolve.
///
/// # Safety
/// As zsock_resolve.
#[no_mangle]
pub unsafe extern "C" fn zactor_resolve(self_: *mut c_void) -> *mut c_void {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `self_` is NULL, a live zsock_t/zactor_t or a live libzmq socket (CZMQ's
        // polymorphic socket argument, as documented above), which is what resolve requires; C
        // uses a socket from one thread at a time.
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
        // SAFETY: `self_` is NULL or a live zactor_t from zactor_new (as documented above),
        // which is what actor_ref requires; as_actor casts only on Actor's tag.
        unsafe { actor_ref(self_) }.map_or(std::ptr::null_mut(), |a| {
            // Only the address comes from the shared borrow; the pointer is
            // derived from C's (the Box's) so that zsock calls that write,
            // like zsock_bind, write through a pointer allowed to.
            let offset = (a.sock() as *const Sock as usize).wrapping_sub(self_ as usize);
            self_.cast::<u8>().wrapping_add(offset).cast::<Sock>()
        })
    })
}

/// CZMQ's `zactor_destructor_fn`.
pub type ZactorDestructorFn = unsafe extern "C" fn(self_: *mut ZactorT);

/// `void zactor_set_destructor (zactor_t *self, zactor_destructor_fn
/// destructor)` (CZMQ DRAFT, used by its selftest): zactor_destroy calls
/// `destructor (self)` instead of sending `$TERM` and waiting.
///
/// # Safety
/// `self_` is NULL or a live zactor_t; `destructor` is safe to call with
/// it from the thread that destroys the actor.
#[no_mangle]
pub unsafe extern "C" fn zactor_set_destructor(
    self_: *mut ZactorT,
    destructor: Option<ZactorDestructorFn>,
) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zactor_t from zactor_new (as documented above),
        // which is what actor_ref requires; as_actor casts only on Actor's tag; the tag says it
        // is an Actor, and C passes zactor_t pointers only to one thread at a time.
        let (Some(_), Some(destructor)) = (unsafe { actor_ref(self_) }, destructor) else {
            return;
        };
        // SAFETY: actor_ref just found `self_` non-NULL and tagged as an Actor (a live
        // zactor_t, as documented above); its shared borrow has ended, and C uses an actor
        // from one thread, so this &mut is the only reference for the call.
        let actor = unsafe { &mut *self_ };
        actor.set_destructor(move |actor: &Actor| {
            // The Actor lives in the box C knows it by, so this is the very
            // zactor_t pointer C holds (still tagged while it is dropped).
            let p = actor as *const Actor as *mut ZactorT;
            // SAFETY: C's destructor, called as CZMQ calls it, with the
            // actor being destroyed.
            unsafe { destructor(p) };
        });
    })
}
