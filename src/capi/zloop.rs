//! zloop: `zloop_t *` is a boxed [`ZloopT`] around a [`Loop`]; C handlers
//! run inside it and get the same `zloop_t *` back, so they may add or end
//! readers and timers. A handler returning -1 ends zloop_start with -1, as
//! in CZMQ.
//!
//! Re-entrancy: while zloop_start runs, the running loop holds the only
//! `&mut Loop`, and each handler is lent a reborrow of it. C may call back
//! with any copy of its `zloop_t *` (the handler's argument, a global, its
//! `arg`): they are all the same address, so no entry point may build a
//! fresh `&mut Loop` from it. Instead [`ZloopT`] records the loop lent to
//! the running handler, and every entry point works on that one.

use std::cell::Cell;
use std::ffi::{c_int, c_void};
use std::time::Duration;

use std::os::fd::RawFd;

use czmq::{Error, FdEvents, Loop, TicketId, TimerId};
use zmq_sys_vendored as sys;

use super::ffi::{self, boxed, guard};
use super::zsock::ZsockT;

/// A C zloop_t: the loop, and the loop lent to the handler running now.
pub struct ZloopT {
    /// The loop; reached through a raw place (never through a reference to
    /// the whole ZloopT) and only while no handler runs.
    lp: Loop,
    /// While a C handler runs: the `&mut Loop` it was lent, as a pointer;
    /// NULL otherwise. A separate field, so reading it never overlaps the
    /// running loop's borrow of `lp`.
    active: Cell<*mut Loop>,
}

/// Runs a C handler of the loop `zl` with `lp`, the loop lent to it, recorded
/// as the one its re-entrant calls work on (restored after, so nesting is
/// safe).
///
/// # Safety
/// `zl` is the live zloop_t whose loop is running and lent `lp`.
unsafe fn lend(zl: *mut ZloopT, lp: &mut Loop, handler: impl FnOnce() -> c_int) -> c_int {
    // SAFETY: `zl` is live (the requirement above); this shares only the
    // `active` field, which no &mut ever covers.
    let active = unsafe { &(*zl).active };
    let previous = active.replace(lp as *mut Loop);
    let rc = handler();
    active.set(previous);
    rc
}

/// CZMQ's `zloop_reader_fn`.
pub type ZloopReaderFn =
    unsafe extern "C" fn(loop_: *mut ZloopT, reader: *mut ZsockT, arg: *mut c_void) -> c_int;

/// CZMQ's `zloop_timer_fn`.
pub type ZloopTimerFn =
    unsafe extern "C" fn(loop_: *mut ZloopT, timer_id: c_int, arg: *mut c_void) -> c_int;

/// What a C handler's -1 becomes inside the Rust loop.
fn cancelled() -> Error {
    Error::from_errno(libc::ECANCELED)
}

fn outcome(rc: c_int) -> czmq::Result<()> {
    if rc == -1 {
        Err(cancelled())
    } else {
        Ok(())
    }
}

/// `zloop_t *zloop_new (void)`.
#[no_mangle]
pub extern "C" fn zloop_new() -> *mut ZloopT {
    guard(std::ptr::null_mut(), || {
        boxed(ZloopT {
            lp: Loop::new(),
            active: Cell::new(std::ptr::null_mut()),
        })
    })
}

/// `void zloop_destroy (zloop_t **self_p)`. A loop whose handler is
/// running (destroyed from inside it) is left alone, with an error logged.
///
/// # Safety
/// `self_p` is NULL, or points to NULL or a zloop_t from this library.
#[no_mangle]
pub unsafe extern "C" fn zloop_destroy(self_p: *mut *mut ZloopT) {
    guard((), || {
        // SAFETY: `self_p` is NULL or points to NULL or a live zloop_t (as documented above);
        // only the `active` field is read, through a shared borrow of that field alone.
        let running = !self_p.is_null()
            && !unsafe { *self_p }.is_null()
            && !unsafe { (**self_p).active.get() }.is_null();
        if running {
            log::error!("zloop_destroy: called from one of the loop's own handlers; not destroyed");
            return;
        }
        // SAFETY: `self_p` is NULL or points to NULL or to a pointer from `boxed` of this type
        // not destroyed yet (as documented above; these objects are never lent, so C only holds
        // ones it owns), and no handler of it runs, so nothing borrows it; destroy NULLs
        // `*self_p`, so destroying through the same pointer twice is harmless.
        unsafe { ffi::destroy(self_p) }
    })
}

/// The loop behind a zloop_t (NULL-checked): while one of its handlers
/// runs, the loop lent to that handler; otherwise the loop itself.
///
/// # Safety
/// `p` is NULL or a live zloop_t, used by this thread only, and the result
/// is dropped before the entry point returns.
unsafe fn loop_mut<'a>(p: *mut ZloopT) -> Option<&'a mut Loop> {
    if p.is_null() {
        return None;
    }
    // SAFETY: `p` is live (the requirement above); this reads the `active`
    // field alone, which no &mut ever covers.
    let active = unsafe { (*p).active.get() };
    if !active.is_null() {
        // SAFETY: `active` is the `&mut Loop` lent to the handler running
        // now (set by lend), which does not touch it until this call
        // returns: the reborrow derives from that handler's own borrow.
        return Some(unsafe { &mut *active });
    }
    // SAFETY: no handler runs, so the loop is not running and nothing
    // borrows `lp`; the place is reached without a reference to the whole
    // ZloopT.
    Some(unsafe { &mut *std::ptr::addr_of_mut!((*p).lp) })
}

/// `int zloop_reader (zloop_t *self, zsock_t *sock, zloop_reader_fn
/// handler, void *arg)`: calls `handler (loop, sock, arg)` when `sock`
/// has input; 0, or -1 if `sock` is not a socket.
///
/// # Safety
/// `self_` is NULL or a live zloop_t; `sock` a zsock_t, zactor_t or libzmq
/// socket that stays open, on this thread, until zloop_reader_end or the
/// loop's destruction.
#[no_mangle]
pub unsafe extern "C" fn zloop_reader(
    self_: *mut ZloopT,
    sock: *mut ZsockT,
    handler: Option<ZloopReaderFn>,
    arg: *mut c_void,
) -> c_int {
    guard(-1, || {
        // SAFETY: `self_` is NULL or a live zloop_t from zloop_new (as documented above),
        // used by this thread; loop_mut hands out the loop lent to a running handler (if
        // any) and the &mut ends with this call.
        let (Some(lp), Some(handler)) = (unsafe { loop_mut(self_) }, handler) else {
            return -1;
        };
        // SAFETY: `sock` is NULL, a live zsock_t/zactor_t or a live libzmq socket (CZMQ's
        // polymorphic socket argument, as documented above), which is what resolve requires; C
        // uses a socket from one thread at a time.
        let Some(handle) = (unsafe { ffi::resolve(sock as *mut c_void) }) else {
            return -1;
        };
        let call = move |lp: &mut Loop, _: *mut c_void| {
            // SAFETY: `self_` is this live, running loop; the handler is C's,
            // called as CZMQ calls it, with the loop and the reader C
            // registered.
            outcome(unsafe { lend(self_, lp, || handler(self_, sock, arg)) })
        };
        // SAFETY: the handle stays open and single-threaded while registered
        // (zloop_reader's contract).
        match unsafe { lp.add_reader_raw(handle, call) } {
            Ok(_) => 0,
            Err(_) => -1,
        }
    })
}

/// The registration of `sock`, if any.
unsafe fn find_reader(lp: &Loop, sock: *mut ZsockT) -> Option<czmq::ReaderId<*mut c_void>> {
    // SAFETY: the callers pass NULL or a live socket-like.
    let handle = unsafe { ffi::resolve(sock as *mut c_void) }?;
    lp.find_raw_reader(handle)
}

/// `void zloop_reader_end (zloop_t *self, zsock_t *sock)`.
///
/// # Safety
/// `self_` is NULL or a live zloop_t; `sock` NULL or a live socket-like.
#[no_mangle]
pub unsafe extern "C" fn zloop_reader_end(self_: *mut ZloopT, sock: *mut ZsockT) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zloop_t from zloop_new (as documented above),
        // used by this thread; loop_mut hands out the loop lent to a running handler (if
        // any) and the &mut ends with this call.
        if let Some(lp) = unsafe { loop_mut(self_) } {
            // SAFETY: `sock` is NULL or a live zsock_t/zactor_t/libzmq socket (as documented
            // above), which is what find_reader's resolve requires.
            if let Some(id) = unsafe { find_reader(lp, sock) } {
                lp.remove_reader(id);
            }
        }
    })
}

/// `void zloop_reader_set_tolerant (zloop_t *self, zsock_t *sock)`.
///
/// # Safety
/// As [`zloop_reader_end`].
#[no_mangle]
pub unsafe extern "C" fn zloop_reader_set_tolerant(self_: *mut ZloopT, sock: *mut ZsockT) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zloop_t from zloop_new (as documented above),
        // used by this thread; loop_mut hands out the loop lent to a running handler (if
        // any) and the &mut ends with this call.
        if let Some(lp) = unsafe { loop_mut(self_) } {
            // SAFETY: `sock` is NULL or a live zsock_t/zactor_t/libzmq socket (as documented
            // above), which is what find_reader's resolve requires.
            if let Some(id) = unsafe { find_reader(lp, sock) } {
                lp.set_tolerant(id);
            }
        }
    })
}

/// `int zloop_timer (zloop_t *self, size_t delay, size_t times,
/// zloop_timer_fn handler, void *arg)`: the timer's id, or -1.
///
/// # Safety
/// `self_` is NULL or a live zloop_t; `arg` is whatever `handler` expects.
#[no_mangle]
pub unsafe extern "C" fn zloop_timer(
    self_: *mut ZloopT,
    delay: usize,
    times: usize,
    handler: Option<ZloopTimerFn>,
    arg: *mut c_void,
) -> c_int {
    guard(-1, || {
        // SAFETY: `self_` is NULL or a live zloop_t from zloop_new (as documented above),
        // used by this thread; loop_mut hands out the loop lent to a running handler (if
        // any) and the &mut ends with this call.
        let (Some(lp), Some(handler)) = (unsafe { loop_mut(self_) }, handler) else {
            return -1;
        };
        let call = move |lp: &mut Loop, id: TimerId| {
            let id = c_int::try_from(id.raw()).unwrap_or(-1);
            // SAFETY: `self_` is this live, running loop; C's handler,
            // called as CZMQ calls it.
            outcome(unsafe { lend(self_, lp, || handler(self_, id, arg)) })
        };
        let delay = Duration::from_millis(u64::try_from(delay).unwrap_or(u64::MAX));
        match lp.add_timer(delay, times, call) {
            Ok(id) => c_int::try_from(id.raw()).unwrap_or(-1),
            Err(_) => -1,
        }
    })
}

/// `int zloop_timer_end (zloop_t *self, int timer_id)`: 0 (also for an id
/// that is not, or no longer, registered, as in CZMQ); -1 without a loop.
///
/// # Safety
/// `self_` is NULL or a live zloop_t.
#[no_mangle]
pub unsafe extern "C" fn zloop_timer_end(self_: *mut ZloopT, timer_id: c_int) -> c_int {
    guard(-1, || {
        // SAFETY: `self_` is NULL or a live zloop_t from zloop_new (as documented above),
        // used by this thread; loop_mut hands out the loop lent to a running handler (if
        // any) and the &mut ends with this call.
        let Some(lp) = (unsafe { loop_mut(self_) }) else {
            return -1;
        };
        if let Ok(raw) = u64::try_from(timer_id) {
            lp.cancel_timer(TimerId::from_raw(raw));
        }
        0
    })
}

/// CZMQ's `zloop_fn`, the handler of a low-level poll item.
pub type ZloopFn = unsafe extern "C" fn(
    loop_: *mut ZloopT,
    item: *mut sys::zmq_pollitem_t,
    arg: *mut c_void,
) -> c_int;

/// `int zloop_poller (zloop_t *self, zmq_pollitem_t *item, zloop_fn
/// handler, void *arg)`: watches a socket (`item->socket`, any socket-like)
/// or a file descriptor (`item->fd` when `socket` is NULL) for
/// `item->events`. As in CZMQ the item is copied; the handler gets the copy
/// with `revents` set. 0, or -1 on a bad item.
///
/// # Safety
/// `self_` is NULL or a live zloop_t; `item` NULL or a valid poll item
/// whose socket or fd stays open while registered.
#[no_mangle]
pub unsafe extern "C" fn zloop_poller(
    self_: *mut ZloopT,
    item: *mut sys::zmq_pollitem_t,
    handler: Option<ZloopFn>,
    arg: *mut c_void,
) -> c_int {
    guard(-1, || {
        // SAFETY: `self_` is NULL or a live zloop_t from zloop_new (as documented above),
        // used by this thread; loop_mut hands out the loop lent to a running handler (if
        // any) and the &mut ends with this call.
        let (Some(lp), Some(handler), Some(item)) = (unsafe { loop_mut(self_) }, handler, unsafe {
            item.as_ref()
        }) else {
            return -1;
        };
        // The copy the handler sees, boxed so that its address is stable.
        let mut copy = Box::new(*item);
        if copy.socket.is_null() {
            let events = FdEvents::from_bits_retain(copy.events);
            let call = move |lp: &mut Loop, _: RawFd, revents: FdEvents| {
                copy.revents = revents.bits();
                let item: *mut sys::zmq_pollitem_t = &mut *copy;
                // SAFETY: `self_` is this live, running loop; C's handler,
                // called as CZMQ calls it.
                outcome(unsafe { lend(self_, lp, || handler(self_, item, arg)) })
            };
            return match lp.add_fd_reader(item.fd, events, call) {
                Ok(_) => 0,
                Err(_) => -1,
            };
        }
        // SAFETY: `item.socket` is non-NULL (checked above) and, per this function's
        // documented requirement, a live zsock_t, zactor_t or libzmq socket, which is what
        // resolve requires; C uses a socket from one thread at a time.
        let Some(handle) = (unsafe { ffi::resolve(item.socket) }) else {
            return -1;
        };
        let call = move |lp: &mut Loop, _: *mut c_void| {
            copy.revents = sys::ZMQ_POLLIN as i16;
            let item: *mut sys::zmq_pollitem_t = &mut *copy;
            // SAFETY: `self_` is this live, running loop; C's handler,
            // called as CZMQ calls it.
            outcome(unsafe { lend(self_, lp, || handler(self_, item, arg)) })
        };
        // SAFETY: the handle stays open and single-threaded while
        // registered (zloop_poller's contract).
        match unsafe { lp.add_reader_raw(handle, call) } {
            Ok(_) => 0,
            Err(_) => -1,
        }
    })
}

/// Ends or configures the registration of a poll item's socket or fd.
unsafe fn with_item_reader(
    self_: *mut ZloopT,
    item: *mut sys::zmq_pollitem_t,
    act: impl FnOnce(&mut Loop, ItemReader),
) {
    guard((), || {
        // SAFETY: zloop_poller_end and zloop_poller_set_tolerant pass on C's `self_`, NULL
        // or a live zloop_t (loop_mut hands out the loop lent to a running handler, if any,
        // and the &mut ends with this call), and C's `item`, NULL or a readable
        // zmq_pollitem_t, read only here.
        let (Some(lp), Some(item)) = (unsafe { loop_mut(self_) }, unsafe { item.as_ref() }) else {
            return;
        };
        let found = if item.socket.is_null() {
            lp.find_fd_reader(item.fd).map(ItemReader::Fd)
        } else {
            // SAFETY: `item.socket` is non-NULL (checked above) and, as the extern callers
            // document, a live zsock_t, zactor_t or libzmq socket, which is what resolve
            // requires.
            unsafe { ffi::resolve(item.socket) }
                .and_then(|h| lp.find_raw_reader(h))
                .map(ItemReader::Socket)
        };
        if let Some(found) = found {
            act(lp, found);
        }
    })
}

/// A poll item's registration, by kind.
enum ItemReader {
    Socket(czmq::ReaderId<*mut c_void>),
    Fd(czmq::ReaderId<RawFd>),
}

/// `void zloop_poller_end (zloop_t *self, zmq_pollitem_t *item)`.
///
/// # Safety
/// `self_` is NULL or a live zloop_t; `item` NULL or a valid poll item.
#[no_mangle]
pub unsafe extern "C" fn zloop_poller_end(self_: *mut ZloopT, item: *mut sys::zmq_pollitem_t) {
    // SAFETY: the arguments go to with_item_reader unchanged, and with_item_reader relies on
    // them for no more than this function's doc requires of C.
    unsafe {
        with_item_reader(self_, item, |lp, found| match found {
            ItemReader::Socket(id) => drop(lp.remove_reader(id)),
            ItemReader::Fd(id) => drop(lp.remove_reader(id)),
        })
    }
}

/// `void zloop_poller_set_tolerant (zloop_t *self, zmq_pollitem_t *item)`.
///
/// # Safety
/// As [`zloop_poller_end`].
#[no_mangle]
pub unsafe extern "C" fn zloop_poller_set_tolerant(
    self_: *mut ZloopT,
    item: *mut sys::zmq_pollitem_t,
) {
    // SAFETY: the arguments go to with_item_reader unchanged, and with_item_reader relies on
    // them for no more than this function's doc requires of C.
    unsafe {
        with_item_reader(self_, item, |lp, found| {
            match found {
                ItemReader::Socket(id) => lp.set_tolerant(id),
                ItemReader::Fd(id) => lp.set_tolerant(id),
            };
        })
    }
}

/// Ticket handles given to C: the id plus one, so that none is NULL.
fn ticket_handle(id: TicketId) -> *mut c_void {
    usize::try_from(id.raw())
        .ok()
        .and_then(|raw| raw.checked_add(1))
        .map_or(std::ptr::null_mut(), |h| h as *mut c_void)
}

fn ticket_id(handle: *mut c_void) -> Option<TicketId> {
    let raw = (handle as usize).checked_sub(1)?;
    Some(TicketId::from_raw(u64::try_from(raw).ok()?))
}

/// `void *zloop_ticket (zloop_t *self, zloop_timer_fn handler, void *arg)`:
/// a ticket (one-shot timer of the loop's ticket delay), or NULL.
///
/// # Safety
/// As [`zloop_timer`].
#[no_mangle]
pub unsafe extern "C" fn zloop_ticket(
    self_: *mut ZloopT,
    handler: Option<ZloopTimerFn>,
    arg: *mut c_void,
) -> *mut c_void {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live zloop_t from zloop_new (as documented above),
        // used by this thread; loop_mut hands out the loop lent to a running handler (if
        // any) and the &mut ends with this call.
        let (Some(lp), Some(handler)) = (unsafe { loop_mut(self_) }, handler) else {
            return std::ptr::null_mut();
        };
        let call = move |lp: &mut Loop, _: TicketId| {
            // SAFETY: `self_` is this live, running loop; C's handler;
            // CZMQ passes 0 as the id of a ticket.
            outcome(unsafe { lend(self_, lp, || handler(self_, 0, arg)) })
        };
        lp.ticket(call).map_or(std::ptr::null_mut(), ticket_handle)
    })
}

/// `void zloop_ticket_reset (zloop_t *self, void *handle)`.
///
/// # Safety
/// `self_` is NULL or a live zloop_t.
#[no_mangle]
pub unsafe extern "C" fn zloop_ticket_reset(self_: *mut ZloopT, handle: *mut c_void) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zloop_t from zloop_new (as documented above),
        // used by this thread; loop_mut hands out the loop lent to a running handler (if
        // any) and the &mut ends with this call.
        if let (Some(lp), Some(id)) = (unsafe { loop_mut(self_) }, ticket_id(handle)) {
            lp.ticket_reset(id);
        }
    })
}

/// `void zloop_ticket_delete (zloop_t *self, void *handle)`.
///
/// # Safety
/// `self_` is NULL or a live zloop_t.
#[no_mangle]
pub unsafe extern "C" fn zloop_ticket_delete(self_: *mut ZloopT, handle: *mut c_void) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zloop_t from zloop_new (as documented above),
        // used by this thread; loop_mut hands out the loop lent to a running handler (if
        // any) and the &mut ends with this call.
        if let (Some(lp), Some(id)) = (unsafe { loop_mut(self_) }, ticket_id(handle)) {
            lp.ticket_delete(id);
        }
    })
}

/// `void zloop_set_ticket_delay (zloop_t *self, size_t ticket_delay)`.
///
/// # Safety
/// `self_` is NULL or a live zloop_t.
#[no_mangle]
pub unsafe extern "C" fn zloop_set_ticket_delay(self_: *mut ZloopT, ticket_delay: usize) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zloop_t from zloop_new (as documented above),
        // used by this thread; loop_mut hands out the loop lent to a running handler (if
        // any) and the &mut ends with this call.
        if let Some(lp) = unsafe { loop_mut(self_) } {
            let delay = Duration::from_millis(u64::try_from(ticket_delay).unwrap_or(u64::MAX));
            if let Err(e) = lp.set_ticket_delay(delay) {
                log::error!("zloop_set_ticket_delay: {e}");
            }
        }
    })
}

/// `void zloop_set_max_timers (zloop_t *self, size_t max_timers)`.
///
/// # Safety
/// `self_` is NULL or a live zloop_t.
#[no_mangle]
pub unsafe extern "C" fn zloop_set_max_timers(self_: *mut ZloopT, max_timers: usize) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zloop_t from zloop_new (as documented above),
        // used by this thread; loop_mut hands out the loop lent to a running handler (if
        // any) and the &mut ends with this call.
        if let Some(lp) = unsafe { loop_mut(self_) } {
            lp.set_max_timers(max_timers);
        }
    })
}

/// `void zloop_set_verbose (zloop_t *self, bool verbose)`.
///
/// # Safety
/// `self_` is NULL or a live zloop_t.
#[no_mangle]
pub unsafe extern "C" fn zloop_set_verbose(self_: *mut ZloopT, verbose: bool) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zloop_t from zloop_new (as documented above),
        // used by this thread; loop_mut hands out the loop lent to a running handler (if
        // any) and the &mut ends with this call.
        if let Some(lp) = unsafe { loop_mut(self_) } {
            lp.set_verbose(verbose);
        }
    })
}

/// `void zloop_set_nonstop (zloop_t *self, bool nonstop)`.
///
/// # Safety
/// `self_` is NULL or a live zloop_t.
#[no_mangle]
pub unsafe extern "C" fn zloop_set_nonstop(self_: *mut ZloopT, nonstop: bool) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zloop_t from zloop_new (as documented above),
        // used by this thread; loop_mut hands out the loop lent to a running handler (if
        // any) and the &mut ends with this call.
        if let Some(lp) = unsafe { loop_mut(self_) } {
            lp.set_nonstop(nonstop);
        }
    })
}

/// `int zloop_start (zloop_t *self)`: runs until interrupted or nothing is
/// left (0), or until a handler returns -1 or fails (-1).
///
/// # Safety
/// `self_` is NULL or a live zloop_t, not already running.
#[no_mangle]
pub unsafe extern "C" fn zloop_start(self_: *mut ZloopT) -> c_int {
    guard(-1, || {
        // SAFETY: `self_` is NULL or a live zloop_t from zloop_new (as documented above),
        // used by this thread; loop_mut hands out the loop lent to a running handler (if
        // any) and the &mut ends with this call.
        let Some(lp) = (unsafe { loop_mut(self_) }) else {
            return -1;
        };
        match lp.start() {
            Ok(()) => 0,
            Err(e) => {
                if e != cancelled() {
                    log::debug!("zloop_start: {e}");
                }
                -1
            }
        }
    })
}
