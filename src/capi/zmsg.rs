//! zmsg: `zmsg_t *` is a boxed [`Msg`]. Its frames are heap objects of
//! their own (a Msg holds `Box<Frame>`), so a frame lent by zmsg_first,
//! zmsg_next or zmsg_last stays valid while the message grows, until it is
//! removed; zmsg_pop and zmsg_remove hand C that very object, and
//! zmsg_append takes a zframe_t in without moving it.

use std::ffi::{c_char, c_int, c_void};

use czmq::{Frame, Msg};

use super::ffi::{self, boxed, guard, socket_of};
use super::zframe::{frame_of, write_to_file, ZframeT};

/// A C zmsg_t.
pub type ZmsgT = Msg;

/// The message behind a zmsg_t pointer (tag checked).
///
/// # Safety
/// `p` is NULL or a live zmsg_t.
pub(crate) unsafe fn msg_ref<'a>(p: *const ZmsgT) -> Option<&'a mut Msg> {
    // SAFETY: `p` is NULL or a live zmsg_t (the requirement above), whose first 4 bytes are its
    // tag (Msg is repr(C), tag first); tag_of reads only those, and the cast below happens only
    // on Msg's tag.
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
    // SAFETY: `p` is NULL or a live zmsg_t (the requirement above), whose first 4 bytes are its
    // tag (Msg is repr(C), tag first); tag_of reads only those, and the cast below happens only
    // on Msg's tag.
    match unsafe { ffi::tag_of(p as *const c_void) } {
        // SAFETY: the tag says this is a live Msg (repr(C), tag first).
        Some(Msg::TAG) => Some(unsafe { &*p }),
        _ => None,
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
    // SAFETY: `self_p` is NULL or C's readable, writable `T **` (as documented above), all
    // destroy_tagged requires: it frees only an object ffi's registry lists as given to C and
    // not yet taken back, so a stale, lent or foreign `*self_p` is refused without being read.
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
        // SAFETY: `source` is NULL, a live zsock_t/zactor_t or a live libzmq socket (CZMQ's
        // polymorphic socket argument, as documented above), which is what socket_of requires;
        // C uses a socket from one thread at a time.
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
        // SAFETY: `self_p` is non-NULL (checked above) and points to C's readable pointer, and
        // that pointer is NULL or a live zmsg_t given out by zmsg_new & co. (guaranteed by the
        // extern fns that call this, as documented there), so msg_ref may read its 4-byte tag,
        // and it casts only on Msg's tag; the &mut ends with this call, and C drives a message
        // from one thread (CZMQ's rule), so no other reference to it exists meanwhile; `dest`
        // is NULL, a live zsock_t/zactor_t or a live libzmq socket (CZMQ's polymorphic socket
        // argument, guaranteed by the extern fns that call this, as documented there), which is
        // what socket_of requires; C uses a socket from one thread at a time.
        let (Some(msg), Some(s)) = (unsafe { msg_ref(*self_p) }, unsafe { socket_of(dest) }) else {
            return -1;
        };
        // As CZMQ: the frames sent leave the message; on failure the rest
        // stay with the caller.
        if msg.send_draining(&s, more).is_err() {
            return -1;
        }
        // SAFETY: the message is the caller's to give up on success.
        unsafe { ffi::destroy_tagged(self_p, Msg::TAG, "zmsg") };
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
    // SAFETY: the arguments go to send_with unchanged, and send_with relies on them for no more
    // than this function's doc requires of C.
    unsafe { send_with(self_p, dest, false) }
}

/// `int zmsg_sendm (zmsg_t **self_p, void *dest)`: as zmsg_send, with more
/// to follow.
///
/// # Safety
/// As [`zmsg_send`].
#[no_mangle]
pub unsafe extern "C" fn zmsg_sendm(self_p: *mut *mut ZmsgT, dest: *mut c_void) -> c_int {
    // SAFETY: the arguments go to send_with unchanged, and send_with relies on them for no more
    // than this function's doc requires of C.
    unsafe { send_with(self_p, dest, true) }
}

/// `size_t zmsg_size (zmsg_t *self)`: the number of frames.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_size(self_: *mut ZmsgT) -> usize {
    // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
    // above), so msg_of may read its 4-byte tag, and it casts only on Msg's tag.
    guard(0, || unsafe { msg_of(self_) }.map_or(0, |m| m.len()))
}

/// `size_t zmsg_content_size (zmsg_t *self)`: the bytes in all frames.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_content_size(self_: *mut ZmsgT) -> usize {
    guard(0, || {
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_of may read its 4-byte tag, and it casts only on Msg's tag.
        unsafe { msg_of(self_) }.map_or(0, |m| m.content_size())
    })
}

unsafe fn insert_frame(self_: *mut ZmsgT, frame_p: *mut *mut ZframeT, front: bool) -> c_int {
    guard(-1, || {
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (guaranteed by
        // the extern fns that call this, as documented there), so msg_ref may read its 4-byte
        // tag, and it casts only on Msg's tag; the &mut ends with this call, and C drives a
        // message from one thread (CZMQ's rule), so no other reference to it exists meanwhile.
        let Some(msg) = (unsafe { msg_ref(self_) }) else {
            return -1;
        };
        // SAFETY: `frame_p` is NULL or C's readable, writable `T **` (guaranteed by the extern
        // fns that call this, as documented there), all take requires; it moves out only an
        // object ffi's registry lists as given to C, so a lent or stale pointer is refused
        // without being read; only a frame C owns is taken (the registry of live objects says
        // so, without reading *frame_p).
        let Some(frame) = (unsafe { ffi::take::<Frame>(frame_p) }) else {
            return -1;
        };
        if front {
            msg.push_boxed(frame);
        } else {
            msg.append_boxed(frame);
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
    // SAFETY: the arguments go to insert_frame unchanged, and insert_frame relies on them for
    // no more than this function's doc requires of C.
    unsafe { insert_frame(self_, frame_p, true) }
}

/// `int zmsg_append (zmsg_t *self, zframe_t **frame_p)`: as zmsg_prepend,
/// at the end.
///
/// # Safety
/// As [`zmsg_prepend`].
#[no_mangle]
pub unsafe extern "C" fn zmsg_append(self_: *mut ZmsgT, frame_p: *mut *mut ZframeT) -> c_int {
    // SAFETY: the arguments go to insert_frame unchanged, and insert_frame relies on them for
    // no more than this function's doc requires of C.
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
    // SAFETY: the arguments go to insert_frame unchanged, and insert_frame relies on them for
    // no more than this function's doc requires of C; `&mut frame` points to a local `zframe_t
    // *`, readable and writable, holding the new frame.
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
    // SAFETY: the arguments go to insert_frame unchanged, and insert_frame relies on them for
    // no more than this function's doc requires of C; `&mut frame` points to a local `zframe_t
    // *`, readable and writable, holding the new frame.
    unsafe { insert_frame(self_, &mut frame, false) }
}

/// `zframe_t *zmsg_pop (zmsg_t *self)`: the first frame, now the caller's.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_pop(self_: *mut ZmsgT) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_ref may read its 4-byte tag, and it casts only on Msg's tag; the &mut
        // ends with this call, and C drives a message from one thread (CZMQ's rule), so no
        // other reference to it exists meanwhile.
        match unsafe { msg_ref(self_) }.and_then(Msg::pop_boxed) {
            Some(f) => ffi::give(f),
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
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_ref may read its 4-byte tag, and it casts only on Msg's tag; the &mut
        // ends with this call, and C drives a message from one thread (CZMQ's rule), so no
        // other reference to it exists meanwhile.
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
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_ref may read its 4-byte tag, and it casts only on Msg's tag; the &mut
        // ends with this call, and C drives a message from one thread (CZMQ's rule), so no
        // other reference to it exists meanwhile.
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
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_ref may read its 4-byte tag, and it casts only on Msg's tag; the &mut
        // ends with this call, and C drives a message from one thread (CZMQ's rule), so no
        // other reference to it exists meanwhile.
        lend(unsafe { msg_ref(self_) }.and_then(Msg::last_mut))
    })
}

unsafe fn add_mem(self_: *mut ZmsgT, data: *const c_void, size: usize, front: bool) -> c_int {
    guard(-1, || {
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (guaranteed by
        // the extern fns that call this, as documented there), so msg_ref may read its 4-byte
        // tag, and it casts only on Msg's tag; the &mut ends with this call, and C drives a
        // message from one thread (CZMQ's rule), so no other reference to it exists meanwhile.
        let Some(msg) = (unsafe { msg_ref(self_) }) else {
            return -1;
        };
        let bytes: &[u8] = if size == 0 {
            &[]
        } else if data.is_null() {
            return -1;
        } else {
            // SAFETY: `data` is non-NULL here and C promises `size` readable bytes at it, valid
            // until this call returns (guaranteed by the extern fns that call this, as
            // documented there); the bytes are copied before then.
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
    // SAFETY: the arguments go to add_mem unchanged, and add_mem relies on them for no more
    // than this function's doc requires of C.
    unsafe { add_mem(self_, data, size, true) }
}

/// `int zmsg_addmem (zmsg_t *self, const void *data, size_t size)`.
///
/// # Safety
/// As [`zmsg_pushmem`].
#[no_mangle]
pub unsafe extern "C" fn zmsg_addmem(self_: *mut ZmsgT, data: *const c_void, size: usize) -> c_int {
    // SAFETY: the arguments go to add_mem unchanged, and add_mem relies on them for no more
    // than this function's doc requires of C.
    unsafe { add_mem(self_, data, size, false) }
}

/// `int zmsg_pushstr (zmsg_t *self, const char *string)`.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t; `string` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zmsg_pushstr(self_: *mut ZmsgT, string: *const c_char) -> c_int {
    // SAFETY: `string` is NULL or a NUL-terminated string that C keeps alive until this call
    // returns (as documented above), and the borrow opt_bytes gives is dropped or copied before
    // then (the bytes are a C string's, without its NUL).
    let Some(bytes) = (unsafe { ffi::opt_bytes(string) }) else {
        return -1;
    };
    // SAFETY: the arguments go to add_mem unchanged, and add_mem relies on them for no more
    // than this function's doc requires of C; `bytes` (borrowed from `string` above) is
    // readable for `bytes.len()` bytes until we return.
    unsafe { add_mem(self_, bytes.as_ptr().cast(), bytes.len(), true) }
}

/// `int zmsg_addstr (zmsg_t *self, const char *string)`.
///
/// # Safety
/// As [`zmsg_pushstr`].
#[no_mangle]
pub unsafe extern "C" fn zmsg_addstr(self_: *mut ZmsgT, string: *const c_char) -> c_int {
    // SAFETY: `string` is NULL or a NUL-terminated string that C keeps alive until this call
    // returns (as documented above), and the borrow opt_bytes gives is dropped or copied before
    // then.
    let Some(bytes) = (unsafe { ffi::opt_bytes(string) }) else {
        return -1;
    };
    // SAFETY: the arguments go to add_mem unchanged, and add_mem relies on them for no more
    // than this function's doc requires of C; `bytes` (borrowed from `string` above) is
    // readable for `bytes.len()` bytes until we return.
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
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_ref may read its 4-byte tag, and it casts only on Msg's tag; the &mut
        // ends with this call, and C drives a message from one thread (CZMQ's rule), so no
        // other reference to it exists meanwhile.
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
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_ref may read its 4-byte tag, and it casts only on Msg's tag; the &mut
        // ends with this call, and C drives a message from one thread (CZMQ's rule), so no
        // other reference to it exists meanwhile.
        let Some(msg) = (unsafe { msg_ref(self_) }) else {
            return -1;
        };
        // SAFETY: `msg_p` is NULL or C's readable, writable `T **` (as documented above), all
        // take requires; it moves out only an object ffi's registry lists as given to C, so a
        // lent or stale pointer is refused without being read; only a message C owns is taken.
        let Some(inner) = (unsafe { ffi::take::<Msg>(msg_p) }) else {
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
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_ref may read its 4-byte tag, and it casts only on Msg's tag; the &mut
        // ends with this call, and C drives a message from one thread (CZMQ's rule), so no
        // other reference to it exists meanwhile.
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
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_of may read its 4-byte tag, and it casts only on Msg's tag.
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
        // SAFETY: `frame` is NULL or a live zframe_t (given out by zframe_new & co. or lent by
        // a live zmsg_t, as documented above), so frame_of may read its 4-byte tag, and it
        // casts only on Frame's tag.
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
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_of may read its 4-byte tag, and it casts only on Msg's tag.
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
        // SAFETY: `self_` and `other` are each NULL or a live zmsg_t given out by zmsg_new &
        // co. (as documented above), so msg_of may read its 4-byte tag, and it casts only on
        // Msg's tag.
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
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_of may read its 4-byte tag, and it casts only on Msg's tag.
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
    // SAFETY: `self_` is NULL or a live object at least 4 bytes long (a CZMQ object or libzmq
    // socket, as documented above), and tag_of reads only those 4 bytes.
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
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_ref may read its 4-byte tag, and it casts only on Msg's tag; the &mut
        // ends with this call, and C drives a message from one thread (CZMQ's rule), so no
        // other reference to it exists meanwhile.
        if unsafe { msg_ref(self_) }.is_none() || !ffi::is_live(frame) {
            return;
        }
        // SAFETY: `self_` was just found to be a live zmsg_t by its tag and `frame` listed in
        // ffi's registry as a zframe_t owned by C, which is what zmsg_pushmem (NULL data with
        // size 0 is allowed) and zmsg_push require; C's `frame` pointer is handed over to the
        // message, as CZMQ's zmsg_wrap does.
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
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_ref may read its 4-byte tag, and it casts only on Msg's tag; the &mut
        // ends with this call, and C drives a message from one thread (CZMQ's rule), so no
        // other reference to it exists meanwhile.
        let Some(msg) = (unsafe { msg_ref(self_) }) else {
            return std::ptr::null_mut();
        };
        let Some(frame) = msg.pop_boxed() else {
            return std::ptr::null_mut();
        };
        if msg.first().is_some_and(|f| f.size() == 0) {
            drop(msg.pop());
        }
        ffi::give(frame)
    })
}

/// `zmsg_t *zmsg_recv_nowait (void *source)`: a whole message if one is
/// waiting, else NULL at once.
///
/// # Safety
/// `source` is a zsock_t, zactor_t, libzmq socket or NULL.
#[no_mangle]
pub unsafe extern "C" fn zmsg_recv_nowait(source: *mut c_void) -> *mut ZmsgT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `source` is NULL, a live zsock_t/zactor_t or a live libzmq socket (CZMQ's
        // polymorphic socket argument, as documented above), which is what socket_of requires;
        // C uses a socket from one thread at a time.
        match unsafe { socket_of(source) }.map(|s| Msg::try_recv(&s)) {
            Some(Ok(m)) => boxed(m),
            _ => std::ptr::null_mut(),
        }
    })
}

/// `void zmsg_remove (zmsg_t *self, zframe_t *frame)`: takes `frame` out of
/// the message if it is one of its frames (found by identity, never read);
/// it is then the caller's to destroy, as in CZMQ.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_remove(self_: *mut ZmsgT, frame: *mut ZframeT) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_ref may read its 4-byte tag, and it casts only on Msg's tag; the &mut
        // ends with this call, and C drives a message from one thread (CZMQ's rule), so no
        // other reference to it exists meanwhile.
        let Some(msg) = (unsafe { msg_ref(self_) }) else {
            return;
        };
        if let Some(removed) = msg.position_of(frame).and_then(|i| msg.remove_boxed(i)) {
            // Same object, same address: C's pointer now owns it.
            let _ = ffi::give(removed);
        }
    })
}

/// A C stream as `std::io` reader and writer (fread/fwrite).
struct CFile(*mut libc::FILE);

impl std::io::Write for CFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // SAFETY: self.0 is an open stream: CFile is built only in zmsg_save and
        // zmsg_load, from a `file` they checked non-NULL and whose callers promise an
        // open stream; buf is readable for its length and fwrite only reads it.
        let n = unsafe { libc::fwrite(buf.as_ptr().cast(), 1, buf.len(), self.0) };
        if n == 0 && !buf.is_empty() {
            return Err(std::io::Error::last_os_error());
        }
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl std::io::Read for CFile {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // SAFETY: self.0 is an open stream; buf is writable for its length.
        Ok(unsafe { libc::fread(buf.as_mut_ptr().cast(), 1, buf.len(), self.0) })
    }
}

/// `int zmsg_save (zmsg_t *self, FILE *file)`: CZMQ's format (see
/// [`Msg::save`]); 0, or -1 on error or an empty frame.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t; `file` NULL or an open, writable stream.
#[no_mangle]
pub unsafe extern "C" fn zmsg_save(self_: *mut ZmsgT, file: *mut libc::FILE) -> c_int {
    guard(-1, || {
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_of may read its 4-byte tag, and it casts only on Msg's tag.
        match unsafe { msg_of(self_) } {
            Some(msg) if !file.is_null() && msg.save(&mut CFile(file)).is_ok() => 0,
            _ => -1,
        }
    })
}

/// `zmsg_t *zmsg_load (FILE *file)`: a message saved by zmsg_save (see
/// [`Msg::load`]); NULL on a malformed file.
///
/// # Safety
/// `file` is NULL or an open, readable stream.
#[no_mangle]
pub unsafe extern "C" fn zmsg_load(file: *mut libc::FILE) -> *mut ZmsgT {
    guard(std::ptr::null_mut(), || {
        if file.is_null() {
            return std::ptr::null_mut();
        }
        match Msg::load(&mut CFile(file)) {
            Ok(Some(msg)) => boxed(msg),
            _ => std::ptr::null_mut(),
        }
    })
}

/// `void zmsg_print (zmsg_t *self)`: logs each frame at debug level.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_print(self_: *mut ZmsgT) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_of may read its 4-byte tag, and it casts only on Msg's tag.
        match unsafe { msg_of(self_) } {
            Some(msg) => msg.print(0),
            None => czmq::zsys::debug("(NULL)"),
        }
    })
}

/// `void zmsg_print_n (zmsg_t *self, size_t size)` (CZMQ DRAFT): logs up
/// to `size` bytes of each frame ([`Msg::print`]).
///
/// # Safety
/// `self_` is NULL or a live zmsg_t.
#[no_mangle]
pub unsafe extern "C" fn zmsg_print_n(self_: *mut ZmsgT, size: usize) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_of may read its 4-byte tag, and it casts only on Msg's tag.
        match unsafe { msg_of(self_) } {
            Some(msg) => msg.print(size),
            None => czmq::zsys::debug("(NULL)"),
        }
    })
}

/// `void zmsg_fprint (zmsg_t *self, FILE *file)`: writes the message as
/// [`Msg::dump`] does.
///
/// # Safety
/// `self_` is NULL or a live zmsg_t; `file` NULL or an open, writable stream.
#[no_mangle]
pub unsafe extern "C" fn zmsg_fprint(self_: *mut ZmsgT, file: *mut libc::FILE) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zmsg_t given out by zmsg_new & co. (as documented
        // above), so msg_of may read its 4-byte tag, and it casts only on Msg's tag.
        if let Some(msg) = unsafe { msg_of(self_) } {
            // SAFETY: the arguments go to write_to_file unchanged, and write_to_file relies on
            // them for no more than this function's doc requires of C.
            unsafe { write_to_file(file, &msg.dump()) };
        }
    })
}
