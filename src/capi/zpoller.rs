//! zpoller: `zpoller_t *` is a boxed [`Poller`] over the readers C gave
//! it (zsock_t, zactor_t or raw libzmq sockets); zpoller_wait hands back
//! the pointer C registered. zpoller_new is variadic: shim.c adds each
//! reader of its NULL-terminated list.

use std::ffi::{c_int, c_void};
use std::time::Duration;

use czmq::{PollId, Poller};

use super::ffi::{self, boxed, guard, SockRef};

/// A C zpoller_t.
pub struct ZpollerT {
    /// Declared first so that it is dropped before the sockets it borrows.
    poller: Poller<'static>,
    /// Each registration: its id, the pointer C passed, and the borrowed
    /// socket the poller points into (boxed so that its address is stable).
    /// None for a file descriptor (C passed a `SOCKET *`).
    readers: Vec<(PollId, *mut c_void, Option<Box<SockRef<'static>>>)>,
}

/// A zpoller with no readers (zpoller_new's first step in shim.c).
#[no_mangle]
pub extern "C" fn czmq_rs_zpoller_new() -> *mut ZpollerT {
    guard(std::ptr::null_mut(), || {
        boxed(ZpollerT {
            poller: Poller::new(),
            readers: Vec::new(),
        })
    })
}

/// `void zpoller_destroy (zpoller_t **self_p)`.
///
/// # Safety
/// `self_p` is NULL, or points to NULL or a zpoller_t from this library.
#[no_mangle]
pub unsafe extern "C" fn zpoller_destroy(self_p: *mut *mut ZpollerT) {
    // SAFETY: `self_p` is NULL or points to NULL or to a pointer from `boxed` of this type not
    // destroyed yet (as documented above; these objects are never lent, so C only holds ones it
    // owns); destroy NULLs `*self_p`, so destroying through the same pointer twice is harmless.
    guard((), || unsafe { ffi::destroy(self_p) })
}

/// `int zpoller_add (zpoller_t *self, void *reader)`: 0, or -1 for NULL.
/// A reader that is not a socket is taken, as by CZMQ, for a pointer to a
/// file descriptor (`SOCKET *`), polled for input; zpoller_wait returns
/// that pointer.
///
/// # Safety
/// `self_` is NULL or a live zpoller_t; `reader` a zsock_t, zactor_t,
/// libzmq socket or `SOCKET *` that stays valid (and the socket or file
/// descriptor open) while registered (CZMQ's rule).
#[no_mangle]
pub unsafe extern "C" fn zpoller_add(self_: *mut ZpollerT, reader: *mut c_void) -> c_int {
    guard(-1, || {
        if self_.is_null() {
            return -1;
        }
        // SAFETY: `self_` is non-NULL (checked above) and a live zpoller_t from zpoller_new
        // (the requirement above); C uses a poller from one thread, so this &mut is the only
        // reference for the call.
        let this = unsafe { &mut *self_ };
        // Always a raw borrow of the libzmq handle: nothing here points into
        // the zsock_t itself.
        if reader.is_null() {
            return -1;
        }
        // SAFETY: `reader` is non-NULL (checked above) and a live zsock_t, zactor_t, libzmq
        // socket or `SOCKET *` (the requirement above), exactly what resolve accepts: it
        // recognises ours by their 4-byte tag and a `SOCKET *` to an open descriptor by its
        // int, before asking libzmq (whose probe reads further in).
        let Some(handle) = (unsafe { ffi::resolve(reader) }) else {
            // As CZMQ: anything that is not a socket is a pointer to a file
            // descriptor (`SOCKET *`), polled for input.
            // SAFETY: zpoller_add's contract: a reader that is not a socket
            // points to a readable SOCKET (an int on POSIX).
            let fd = unsafe { *(reader as *const c_int) };
            let id = this.poller.add_raw_fd(fd);
            this.readers.push((id, reader, None));
            return 0;
        };
        // SAFETY: `handle` is a live libzmq socket (resolve checked it).
        let Some(sock) = (unsafe { ffi::socket_of(handle) }) else {
            return -1;
        };
        let sock = Box::new(sock);
        // SAFETY: the box lives in `readers` until removed, and the poller,
        // dropped first, forgets it before that (remove, drop order).
        let lent: &'static SockRef<'static> = unsafe { &*(&*sock as *const SockRef<'static>) };
        let id = this.poller.add(lent);
        this.readers.push((id, reader, Some(sock)));
        0
    })
}

/// `int zpoller_remove (zpoller_t *self, void *reader)`: 0, or -1 when it
/// was not registered.
///
/// # Safety
/// `self_` is NULL or a live zpoller_t.
#[no_mangle]
pub unsafe extern "C" fn zpoller_remove(self_: *mut ZpollerT, reader: *mut c_void) -> c_int {
    guard(-1, || {
        if self_.is_null() {
            return -1;
        }
        // SAFETY: `self_` is non-NULL (checked above) and a live zpoller_t from zpoller_new
        // (the requirement above); C uses a poller from one thread, so this &mut is the only
        // reference for the call.
        let this = unsafe { &mut *self_ };
        // CZMQ: EINVAL for a reader that was never added (or is gone).
        let Some(i) = this.readers.iter().position(|r| r.1 == reader) else {
            ffi::set_errno(libc::EINVAL);
            return -1;
        };
        let (id, _, sock) = this.readers.remove(i);
        this.poller.remove(id);
        drop(sock);
        0
    })
}

/// `void *zpoller_wait (zpoller_t *self, int timeout)`: the first reader
/// with input, or NULL on timeout (zpoller_expired), interrupt or context
/// termination (zpoller_terminated). `timeout` in ms, -1 for ever.
///
/// # Safety
/// `self_` is NULL or a live zpoller_t.
#[no_mangle]
pub unsafe extern "C" fn zpoller_wait(self_: *mut ZpollerT, timeout: c_int) -> *mut c_void {
    guard(std::ptr::null_mut(), || {
        if self_.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: `self_` is non-NULL (checked above) and a live zpoller_t from zpoller_new
        // (the requirement above); C uses a poller from one thread, so this &mut is the only
        // reference for the call.
        let this = unsafe { &mut *self_ };
        let timeout = u64::try_from(timeout).ok().map(Duration::from_millis);
        match this.poller.wait(timeout) {
            Some(id) => this
                .readers
                .iter()
                .find(|r| r.0 == id)
                .map_or(std::ptr::null_mut(), |r| r.1),
            None => std::ptr::null_mut(),
        }
    })
}

/// `bool zpoller_expired (zpoller_t *self)`: the last wait timed out.
///
/// # Safety
/// `self_` is NULL or a live zpoller_t.
#[no_mangle]
pub unsafe extern "C" fn zpoller_expired(self_: *mut ZpollerT) -> bool {
    guard(false, || {
        // SAFETY: `self_` is non-NULL (the `is_null` test short-circuits first) and a
        // live zpoller_t from zpoller_new (the requirement above), read only for this call.
        !self_.is_null() && unsafe { &*self_ }.poller.expired()
    })
}

/// `bool zpoller_terminated (zpoller_t *self)`: the last wait was
/// interrupted or the context terminated.
///
/// # Safety
/// `self_` is NULL or a live zpoller_t.
#[no_mangle]
pub unsafe extern "C" fn zpoller_terminated(self_: *mut ZpollerT) -> bool {
    guard(false, || {
        // SAFETY: `self_` is non-NULL (the `is_null` test short-circuits first) and a
        // live zpoller_t from zpoller_new (the requirement above), read only for this call.
        !self_.is_null() && unsafe { &*self_ }.poller.terminated()
    })
}

/// `void zpoller_set_nonstop (zpoller_t *self, bool nonstop)`.
///
/// # Safety
/// `self_` is NULL or a live zpoller_t.
#[no_mangle]
pub unsafe extern "C" fn zpoller_set_nonstop(self_: *mut ZpollerT, nonstop: bool) {
    guard((), || {
        if !self_.is_null() {
            // SAFETY: `self_` is non-NULL (checked above) and a live zpoller_t from zpoller_new
            // (the requirement above); C uses a poller from one thread, so this &mut is the
            // only reference for the call.
            unsafe { &mut *self_ }.poller.set_nonstop(nonstop);
        }
    })
}
