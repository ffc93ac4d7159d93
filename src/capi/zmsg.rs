//! zmsg: `zmsg_t *` is a boxed [`Msg`]. Frames lent by zmsg_first,
//! zmsg_next and zmsg_last point into the message: valid until it changes.

use std::ffi::{c_char, c_int, c_void};

use czmq_core::{Frame, Msg};

use super::ffi::{self, boxed, guard, socket_of};
use super::zframe::{frame_of, frame_ref, ZframeT};

/// A C zmsg_t.
pub type ZmsgT = Msg;

/// The message behind a zmsg_t pointer (tag checked).
///
/// # Safety
/// `p` is NULL or a live zmsg_t.
pub(crate) unsafe fn msg_ref<'a>(p: *const ZmsgT) -> Option<&'a mut Msg> {
    // SAFETY: per the contract; the tag is checked before use.
    match unsafe { ffi::tag_of(p as *const c_void) } {
        // SAFETY: the tag says this is a live Msg (repr(C), tag first).
        Some(Msg::TAG) => Some(unsafe { &mut *(p as *mut Msg) }),
        _ => None,
    }
}

/// The message behind a zmsg_t pointer, shared (for reads: two arguments
/// may be the same message).
///
/// # Safety
/// As [`msg_ref`].
pub(crate) unsafe fn msg_of<'a>(p: *const ZmsgT) -> Option<&'a Msg> {
    // SAFETY: per the contract; the tag is checked before use.
    match unsafe { ffi::tag_of(p as *const c_void) } {
        // SAFETY: the tag says this is a live Msg (repr(C), tag first).
        Some(Msg::TAG) => Some(unsafe { &*p }),
        _ => None,
    }
}

/// Takes a boxed value out of a C `T **` (setting it to NULL).
///
/// # Safety
/// `pp` is NULL or points to NULL or a `Box::into_raw` pointer of a T whose
/// tag `check` accepts.
unsafe fn take<T>(pp: *mut *mut T, check: impl FnOnce(*mut T) -> bool) -> Option<T> {
    if pp.is_null() {
        return None;
    }
    // SAFETY: non-null per the contract.
    let p = unsafe { *pp };
    if p.is_null() || !check(p) {
        return None;
    }
    // SAFETY: p came from Box::into_raw; it is nulled in C and taken once.
    unsafe {
        *pp = std::ptr::null_mut();
        Some(*Box::from_raw(p))
    }
}

/// `zmsg_t *zmsg_new (void)`.
#[no_mangle]
pub extern "C" fn zmsg_new() -> *mut ZmsgT {
    guard(std::ptr::null_mut(), || boxed(Msg::new()))
}

/// `void zmsg_destroy (zmsg_t **self_p)`.
///
/// # Safety
/// `self_p` is NULL, or points to NULL or a zmsg_t this library gave out.
#[no_mangle]
pub unsafe extern "C" fn zmsg_destroy(self_p: *mut *mut ZmsgT) {
    // SAFETY: per the contract.
    guard((), || unsafe {
        ffi::destroy_tagged(self_p, Msg::TAG, "zmsg")
    })
}

/// `zmsg_t *zmsg_recv (void *source)`: one whole message (NULL on error,
/// timeout or interrupt).
///
/// # Safety
/// `source` is a zsock_t, zactor_t, libzmq socket or NULL.
#[no_mangle]
pub unsafe extern "C" fn zmsg_recv(source: *mut c_void) -> *mut ZmsgT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
        match unsafe { socket_of(source) }.map(|s| Msg::recv(&s)) {
            Some(Ok(m)) => boxed(m),
            _ => std::ptr::null_mut(),
        }
    })
}

unsafe fn send_with(self_p: *mut *mut ZmsgT, dest: *mut c_void, more: bool) -> c_int {
    guard(-1, || {
        if self_p.is_null() {
            return -1;
        }
        // SAFETY: the callers' contract.
        let (Some(msg), Some(s)) = (unsafe { msg_ref(*self_p) }, unsafe { socket_of(dest) }) else {
            return -1;
        };
        // Frames share their data (copy-on-write), so the clone is cheap and
        // leaves the message whole if sending fails, as CZMQ does.
        let copy = msg.clone();
        let sent = if more { copy.sendm(&s) } else { copy.send(&s) };
        if sent.is_err() {
            return -1;
        }
        // SAFETY: the message is the caller's to give up on success.
        unsafe { ffi::destroy(self_p) };
        0
    })
}

/// `int zmsg_send (zmsg_t **self_p, void *dest)`: sends and destroys the
/// message; 0, or -1 leaving it to the caller.
///
/// # Safety
/// `self_p` points to a zmsg_t this library gave out (or NULL); `dest` is a
/// zsock_t, zactor_t, libzmq socket or NULL.
#[no_mangle]
pub unsafe extern "C" fn zmsg_send(self_p: *mut *mut ZmsgT, dest: *mut c_void) -> c_int {
    // SAFETY: per the contract.
    unsafe { send_with(self_p, dest, false) }
}

/// `int zmsg_sendm (zmsg_t **self_p, void *dest)`: as zmsg_send, with more
/// to follow.
///
/// # Safety
/// As [`zmsg_send`].
#[no_mangle]
pub unsafe extern "C" fn zmsg_sendm(self_p: *mut *mut ZmsgT, dest: *mut c_void) -> c_int {
    // SAFETY: per the contract.
    unsafe { send_with(self_p, dest, true) }
}

/// `size_t zmsg_size (zmsg_t *self)`: the number of frames.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_size(self_: *mut ZmsgT) -> usize {
    // SAFETY: per the contract.
    guard(0, || unsafe { msg_of(self_) }.map_or(0, |m| m.len()))
}

/// `size_t zmsg_content_size (zmsg_t *self)`: the bytes in all frames.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_content_size(self_: *mut ZmsgT) -> usize {
    // SAFETY: per the contract.
    guard(0, || {
        unsafe { msg_of(self_) }.map_or(0, |m| m.content_size())
    })
}

unsafe fn insert_frame(self_: *mut ZmsgT, frame_p: *mut *mut ZframeT, front: bool) -> c_int {
    guard(-1, || {
        // SAFETY: the callers' contract.
        let Some(msg) = (unsafe { msg_ref(self_) }) else {
            return -1;
        };
        // SAFETY: the callers' contract; the frame's tag is checked.
        let Some(frame) = (unsafe { take(frame_p, |p| frame_ref(p).is_some()) }) else {
            return -1;
        };
        if front {
            msg.push(frame);
        } else {
            msg.append(frame);
        }
        0
    })
}

/// `int zmsg_prepend (zmsg_t *self, zframe_t **frame_p)`: takes the frame
/// (setting `*frame_p` to NULL) and puts it first.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t; `frame_p` NULL or pointing to NULL or
/// a zframe_t this library gave out.
#[no_mangle]
pub unsafe extern "C" fn zmsg_prepend(self_: *mut ZmsgT, frame_p: *mut *mut ZframeT) -> c_int {
    // SAFETY: per the contract.
    unsafe { insert_frame(self_, frame_p, true) }
}

/// `int zmsg_append (zmsg_t *self, zframe_t **frame_p)`: as zmsg_prepend,
/// at the end.
///
/// # Safety
/// As [`zmsg_prepend`].
#[no_mangle]
pub unsafe extern "C" fn zmsg_append(self_: *mut ZmsgT, frame_p: *mut *mut ZframeT) -> c_int {
    // SAFETY: per the contract.
    unsafe { insert_frame(self_, frame_p, false) }
}

/// `int zmsg_push (zmsg_t *self, zframe_t *frame)` (deprecated in CZMQ):
/// takes the frame and puts it first.
///
/// # Safety
/// As [`zmsg_prepend`], the frame is not used by the caller afterwards.
#[no_mangle]
pub unsafe extern "C" fn zmsg_push(self_: *mut ZmsgT, frame: *mut ZframeT) -> c_int {
    let mut frame = frame;
    // SAFETY: per the contract.
    unsafe { insert_frame(self_, &mut frame, true) }
}

/// `int zmsg_add (zmsg_t *self, zframe_t *frame)` (deprecated in CZMQ):
/// takes the frame and puts it last.
///
/// # Safety
/// As [`zmsg_push`].
#[no_mangle]
pub unsafe extern "C" fn zmsg_add(self_: *mut ZmsgT, frame: *mut ZframeT) -> c_int {
    let mut frame = frame;
    // SAFETY: per the contract.
    unsafe { insert_frame(self_, &mut frame, false) }
}

/// `zframe_t *zmsg_pop (zmsg_t *self)`: the first frame, now the caller's.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_pop(self_: *mut ZmsgT) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
        match unsafe { msg_ref(self_) }.and_then(Msg::pop) {
            Some(f) => boxed(f),
            None => std::ptr::null_mut(),
        }
    })
}

/// Lends a frame of a message to C. From a `&mut`, so that C may write
/// through the pointer (zframe_data, zframe_set_more).
fn lend(frame: Option<&mut Frame>) -> *mut ZframeT {
    frame.map_or(std::ptr::null_mut(), |f| f as *mut Frame)
}

/// `zframe_t *zmsg_first (zmsg_t *self)`: lends the first frame and starts
/// the cursor.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_first(self_: *mut ZmsgT) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
        lend(unsafe { msg_ref(self_) }.and_then(|m| m.cursor_first()))
    })
}

/// `zframe_t *zmsg_next (zmsg_t *self)`: lends the frame after the cursor.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_next(self_: *mut ZmsgT) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
        lend(unsafe { msg_ref(self_) }.and_then(|m| m.cursor_next()))
    })
}

/// `zframe_t *zmsg_last (zmsg_t *self)`: lends the last frame.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_last(self_: *mut ZmsgT) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
        lend(unsafe { msg_ref(self_) }.and_then(|m| m.iter_mut().next_back()))
    })
}

unsafe fn add_mem(self_: *mut ZmsgT, data: *const c_void, size: usize, front: bool) -> c_int {
    guard(-1, || {
        // SAFETY: the callers' contract.
        let Some(msg) = (unsafe { msg_ref(self_) }) else {
            return -1;
        };
        let bytes: &[u8] = if size == 0 {
            &[]
        } else if data.is_null() {
            return -1;
        } else {
            // SAFETY: `size` readable bytes per the callers' contract.
            unsafe { std::slice::from_raw_parts(data.cast(), size) }
        };
        if front {
            msg.pushmem(bytes);
        } else {
            msg.addmem(bytes);
        }
        0
    })
}

/// `int zmsg_pushmem (zmsg_t *self, const void *data, size_t size)`.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t; `data` points to `size` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn zmsg_pushmem(
    self_: *mut ZmsgT,
    data: *const c_void,
    size: usize,
) -> c_int {
    // SAFETY: per the contract.
    unsafe { add_mem(self_, data, size, true) }
}

/// `int zmsg_addmem (zmsg_t *self, const void *data, size_t size)`.
///
/// # Safety
/// As [`zmsg_pushmem`].
#[no_mangle]
pub unsafe extern "C" fn zmsg_addmem(self_: *mut ZmsgT, data: *const c_void, size: usize) -> c_int {
    // SAFETY: per the contract.
    unsafe { add_mem(self_, data, size, false) }
}

/// `int zmsg_pushstr (zmsg_t *self, const char *string)`.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t; `string` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zmsg_pushstr(self_: *mut ZmsgT, string: *const c_char) -> c_int {
    // SAFETY: per the contract; a C string's bytes without its NUL.
    let Some(bytes) = (unsafe { ffi::opt_bytes(string) }) else {
        return -1;
    };
    // SAFETY: per the contract.
    unsafe { add_mem(self_, bytes.as_ptr().cast(), bytes.len(), true) }
}

/// `int zmsg_addstr (zmsg_t *self, const char *string)`.
///
/// # Safety
/// As [`zmsg_pushstr`].
#[no_mangle]
pub unsafe extern "C" fn zmsg_addstr(self_: *mut ZmsgT, string: *const c_char) -> c_int {
    // SAFETY: per the contract.
    let Some(bytes) = (unsafe { ffi::opt_bytes(string) }) else {
        return -1;
    };
    // SAFETY: per the contract.
    unsafe { add_mem(self_, bytes.as_ptr().cast(), bytes.len(), false) }
}

/// `char *zmsg_popstr (zmsg_t *self)`: the first frame as a fresh string
/// (freed by the caller), NULL when empty.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_popstr(self_: *mut ZmsgT) -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
        match unsafe { msg_ref(self_) }.and_then(Msg::pop) {
            Some(f) => ffi::malloc_bytes(f.data()),
            None => std::ptr::null_mut(),
        }
    })
}

/// `int zmsg_addmsg (zmsg_t *self, zmsg_t **msg_p)`: appends `*msg_p`
/// encoded as one frame and destroys it.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t; `msg_p` NULL or pointing to NULL or a
/// zmsg_t this library gave out.
#[no_mangle]
pub unsafe extern "C" fn zmsg_addmsg(self_: *mut ZmsgT, msg_p: *mut *mut ZmsgT) -> c_int {
    guard(-1, || {
        // SAFETY: per the contract.
        let Some(msg) = (unsafe { msg_ref(self_) }) else {
            return -1;
        };
        // SAFETY: per the contract; the tag is checked.
        let Some(inner) = (unsafe { take(msg_p, |p| msg_ref(p).is_some()) }) else {
            return -1;
        };
        if msg.addmsg(&inner).is_ok() {
            0
        } else {
            -1
        }
    })
}

/// `zmsg_t *zmsg_popmsg (zmsg_t *self)`: decodes the first frame as a
/// message (NULL if empty or malformed).
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_popmsg(self_: *mut ZmsgT) -> *mut ZmsgT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
        match unsafe { msg_ref(self_) }.map(Msg::popmsg) {
            Some(Ok(Some(m))) => boxed(m),
            _ => std::ptr::null_mut(),
        }
    })
}

/// `zframe_t *zmsg_encode (zmsg_t *self)`: CZMQ's serialisation.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_encode(self_: *mut ZmsgT) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
        match unsafe { msg_of(self_) }.map(|m| m.encode()) {
            Some(Ok(f)) => boxed(f),
            _ => std::ptr::null_mut(),
        }
    })
}

/// `zmsg_t *zmsg_decode (zframe_t *frame)`: NULL if malformed.
///
/// # Safety
/// `frame` is NULL or a live zframe_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_decode(frame: *mut ZframeT) -> *mut ZmsgT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
        match unsafe { frame_of(frame) }.map(|f| Msg::decode(f.data())) {
            Some(Ok(m)) => boxed(m),
            _ => std::ptr::null_mut(),
        }
    })
}

/// `zmsg_t *zmsg_dup (zmsg_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_dup(self_: *mut ZmsgT) -> *mut ZmsgT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
        unsafe { msg_of(self_) }.map_or(std::ptr::null_mut(), |m| boxed(m.clone()))
    })
}

/// `bool zmsg_eq (zmsg_t *self, zmsg_t *other)`: same frames.
///
/// # Safety
/// Both are NULL or live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_eq(self_: *mut ZmsgT, other: *mut ZmsgT) -> bool {
    guard(false, || {
        // SAFETY: per the contract.
        match unsafe { (msg_of(self_), msg_of(other)) } {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    })
}

/// `zmsg_t *zmsg_new_signal (byte status)`.
#[no_mangle]
pub extern "C" fn zmsg_new_signal(status: u8) -> *mut ZmsgT {
    guard(std::ptr::null_mut(), || boxed(Msg::new_signal(status)))
}

/// `int zmsg_signal (zmsg_t *self)`: the status of a signal, else -1.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_signal(self_: *mut ZmsgT) -> c_int {
    guard(-1, || {
        // SAFETY: per the contract.
        unsafe { msg_of(self_) }
            .and_then(|m| m.signal())
            .map_or(-1, c_int::from)
    })
}

/// `bool zmsg_is (void *self)`.
///
/// # Safety
/// `self_` is NULL or points to at least 4 readable bytes.
#[no_mangle]
pub unsafe extern "C" fn zmsg_is(self_: *mut c_void) -> bool {
    // SAFETY: per the contract.
    guard(false, || unsafe { ffi::tag_of(self_) } == Some(Msg::TAG))
}

/// `void zmsg_wrap (zmsg_t *self, zframe_t *frame)` (deprecated in CZMQ):
/// pushes an empty delimiter, then `frame` (taken), in front.
///
/// # Safety
/// As [`zmsg_push`].
#[no_mangle]
pub unsafe extern "C" fn zmsg_wrap(self_: *mut ZmsgT, frame: *mut ZframeT) {
    guard((), || {
        // SAFETY: per the contract.
        if unsafe { msg_ref(self_) }.is_none() || unsafe { frame_ref(frame) }.is_none() {
            return;
        }
        // SAFETY: per the contract; both checked above.
        unsafe {
            if zmsg_pushmem(self_, std::ptr::null(), 0) == 0 {
                zmsg_push(self_, frame);
            }
        }
    })
}

/// `zframe_t *zmsg_unwrap (zmsg_t *self)` (deprecated in CZMQ): pops the
/// first frame (now the caller's) and, if the next one is empty, drops it.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_unwrap(self_: *mut ZmsgT) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
        let Some(msg) = (unsafe { msg_ref(self_) }) else {
            return std::ptr::null_mut();
        };
        let Some(frame) = msg.pop() else {
            return std::ptr::null_mut();
        };
        if msg.first().is_some_and(|f| f.size() == 0) {
            drop(msg.pop());
        }
        boxed(frame)
    })
}
