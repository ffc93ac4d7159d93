//! zframe: `zframe_t *` is a boxed [`Frame`]; frames lent by a zmsg_t
//! (zmsg_first ...) point into the message and are not destroyed by C.

use std::ffi::{c_char, c_int, c_void};

use czmq::{Flags, Frame};
use zmq_sys_vendored as sys;

use super::ffi::{self, boxed, guard, malloc_bytes, malloc_str, opt_bytes, socket_of};

/// A C zframe_t.
pub type ZframeT = Frame;

/// CZMQ's ZFRAME_MORE.
const ZFRAME_MORE: c_int = 1;
/// CZMQ's ZFRAME_REUSE: send a copy and keep the frame.
const ZFRAME_REUSE: c_int = 2;
/// CZMQ's ZFRAME_DONTWAIT.
const ZFRAME_DONTWAIT: c_int = 4;

/// The frame behind a zframe_t pointer (tag checked).
///
/// The tag, not ffi's live-object registry, is checked: frames lent by a
/// zmsg_t (zmsg_first/next/last) are live but not listed (they are not
/// C's to destroy), and a stale pointer is already undefined behaviour in
/// the C caller, as with CZMQ, whose methods read through it too. Only
/// destructors, where stale pointers are common, consult the registry.
///
/// # Safety
/// `p` is NULL or a live zframe_t.
pub(crate) unsafe fn frame_ref<'a>(p: *const ZframeT) -> Option<&'a mut Frame> {
    // SAFETY: `p` is NULL or a live zframe_t (the requirement above), whose first 4 bytes are
    // its tag (Frame is repr(C), tag first); tag_of reads only those, and the cast below
    // happens only on Frame's tag.
    match unsafe { ffi::tag_of(p as *const c_void) } {
        // SAFETY: the tag says this is a live Frame (repr(C), tag first).
        Some(Frame::TAG) => Some(unsafe { &mut *(p as *mut Frame) }),
        _ => None,
    }
}

/// The frame behind a zframe_t pointer, shared (for reads: two arguments
/// may be the same frame).
///
/// # Safety
/// As [`frame_ref`].
pub(crate) unsafe fn frame_of<'a>(p: *const ZframeT) -> Option<&'a Frame> {
    // SAFETY: `p` is NULL or a live zframe_t (the requirement above), whose first 4 bytes are
    // its tag (Frame is repr(C), tag first); tag_of reads only those, and the cast below
    // happens only on Frame's tag.
    match unsafe { ffi::tag_of(p as *const c_void) } {
        // SAFETY: the tag says this is a live Frame (repr(C), tag first).
        Some(Frame::TAG) => Some(unsafe { &*p }),
        _ => None,
    }
}

/// `zframe_t *zframe_new (const void *data, size_t size)`: a copy of
/// `data`, or `size` zero bytes when `data` is NULL.
///
/// # Safety
/// `data` is NULL or points to `size` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn zframe_new(data: *const c_void, size: usize) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        if data.is_null() {
            return boxed(Frame::from(vec![0u8; size]));
        }
        // SAFETY: `data` is non-NULL here and C promises `size` readable bytes at it, valid
        // until this call returns (as documented above); the bytes are copied before then.
        boxed(Frame::new(unsafe {
            std::slice::from_raw_parts(data.cast(), size)
        }))
    })
}

/// `zframe_t *zframe_new_empty (void)`.
#[no_mangle]
pub extern "C" fn zframe_new_empty() -> *mut ZframeT {
    guard(std::ptr::null_mut(), || boxed(Frame::empty()))
}

/// `zframe_t *zframe_from (const char *string)`: a frame holding the
/// string without its NUL.
///
/// # Safety
/// `string` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zframe_from(string: *const c_char) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `string` is NULL or a NUL-terminated string that C keeps alive until this
        // call returns (as documented above), and the borrow opt_bytes gives is dropped or
        // copied before then.
        unsafe { opt_bytes(string) }.map_or(std::ptr::null_mut(), |b| boxed(Frame::new(b)))
    })
}

/// `void zframe_destroy (zframe_t **self_p)`.
///
/// # Safety
/// `self_p` is NULL, or points to NULL or a zframe_t this library gave out
/// (not one lent by a zmsg_t).
#[no_mangle]
pub unsafe extern "C" fn zframe_destroy(self_p: *mut *mut ZframeT) {
    // SAFETY: `self_p` is NULL or C's readable, writable `T **` (as documented above), all
    // destroy_tagged requires: it frees only an object ffi's registry lists as given to C and
    // not yet taken back, so a stale, lent or foreign `*self_p` is refused without being read.
    guard((), || unsafe {
        ffi::destroy_tagged(self_p, Frame::TAG, "zframe")
    })
}

/// `size_t zframe_size (zframe_t *self)` (0 for NULL).
///
/// # Safety
/// `self_` is NULL or a live zframe_t.
#[no_mangle]
pub unsafe extern "C" fn zframe_size(self_: *mut ZframeT) -> usize {
    // SAFETY: `self_` is NULL or a live zframe_t (given out by zframe_new & co. or lent by a
    // live zmsg_t, as documented above), so frame_of may read its 4-byte tag, and it casts only
    // on Frame's tag.
    guard(0, || unsafe { frame_of(self_) }.map_or(0, |f| f.size()))
}

/// `byte *zframe_data (zframe_t *self)`: the frame's bytes, writable,
/// owned by the frame.
///
/// # Safety
/// `self_` is NULL or a live zframe_t.
#[no_mangle]
pub unsafe extern "C" fn zframe_data(self_: *mut ZframeT) -> *mut u8 {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live zframe_t (given out by zframe_new & co. or lent by
        // a live zmsg_t, as documented above), so frame_ref may read its 4-byte tag, and it
        // casts only on Frame's tag; the &mut ends with this call, and C drives a frame from
        // one thread (CZMQ's rule), so no other reference to it exists meanwhile.
        unsafe { frame_ref(self_) }.map_or(std::ptr::null_mut(), |f| f.data_mut().as_mut_ptr())
    })
}

/// `int zframe_more (zframe_t *self)`: 1 if more frames followed it.
///
/// # Safety
/// `self_` is NULL or a live zframe_t.
#[no_mangle]
pub unsafe extern "C" fn zframe_more(self_: *mut ZframeT) -> c_int {
    guard(0, || {
        // SAFETY: `self_` is NULL or a live zframe_t (given out by zframe_new & co. or lent by
        // a live zmsg_t, as documented above), so frame_of may read its 4-byte tag, and it
        // casts only on Frame's tag.
        unsafe { frame_of(self_) }.map_or(0, |f| c_int::from(f.more()))
    })
}

/// `void zframe_set_more (zframe_t *self, int more)`.
///
/// # Safety
/// `self_` is NULL or a live zframe_t.
#[no_mangle]
pub unsafe extern "C" fn zframe_set_more(self_: *mut ZframeT, more: c_int) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zframe_t (given out by zframe_new & co. or lent by
        // a live zmsg_t, as documented above), so frame_ref may read its 4-byte tag, and it
        // casts only on Frame's tag; the &mut ends with this call, and C drives a frame from
        // one thread (CZMQ's rule), so no other reference to it exists meanwhile.
        if let Some(f) = unsafe { frame_ref(self_) } {
            f.set_more(more != 0);
        }
    })
}

/// `zframe_t *zframe_dup (zframe_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zframe_t.
#[no_mangle]
pub unsafe extern "C" fn zframe_dup(self_: *mut ZframeT) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live zframe_t (given out by zframe_new & co. or lent by
        // a live zmsg_t, as documented above), so frame_of may read its 4-byte tag, and it
        // casts only on Frame's tag.
        unsafe { frame_of(self_) }.map_or(std::ptr::null_mut(), |f| boxed(f.clone()))
    })
}

/// `bool zframe_eq (zframe_t *self, zframe_t *other)`: same bytes.
///
/// # Safety
/// Both are NULL or live zframe_t.
#[no_mangle]
pub unsafe extern "C" fn zframe_eq(self_: *mut ZframeT, other: *mut ZframeT) -> bool {
    guard(false, || {
        // SAFETY: `self_` and `other` are each NULL or a live zframe_t (given out by zframe_new
        // & co. or lent by a live zmsg_t, as documented above), so frame_of may read its 4-byte
        // tag, and it casts only on Frame's tag.
        match unsafe { (frame_of(self_), frame_of(other)) } {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    })
}

/// `bool zframe_streq (zframe_t *self, const char *string)`.
///
/// # Safety
/// `self_` is NULL or a live zframe_t; `string` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zframe_streq(self_: *mut ZframeT, string: *const c_char) -> bool {
    guard(false, || {
        // SAFETY: `self_` is NULL or a live zframe_t (given out by zframe_new & co. or lent by
        // a live zmsg_t, as documented above), so frame_of may read its 4-byte tag, and it
        // casts only on Frame's tag; `string` is NULL or a NUL-terminated string that C keeps
        // alive until this call returns (as documented above), and the borrow opt_bytes gives
        // is dropped or copied before then.
        match unsafe { (frame_of(self_), opt_bytes(string)) } {
            (Some(f), Some(s)) => f.data() == s,
            _ => false,
        }
    })
}

/// `char *zframe_strhex (zframe_t *self)`: upper-case hex, freed by the
/// caller.
///
/// # Safety
/// `self_` is NULL or a live zframe_t.
#[no_mangle]
pub unsafe extern "C" fn zframe_strhex(self_: *mut ZframeT) -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live zframe_t (given out by zframe_new & co. or lent by
        // a live zmsg_t, as documented above), so frame_of may read its 4-byte tag, and it
        // casts only on Frame's tag.
        unsafe { frame_of(self_) }.map_or(std::ptr::null_mut(), |f| malloc_str(&f.strhex()))
    })
}

/// `char *zframe_strdup (zframe_t *self)`: the bytes as a fresh string,
/// freed by the caller.
///
/// # Safety
/// `self_` is NULL or a live zframe_t.
#[no_mangle]
pub unsafe extern "C" fn zframe_strdup(self_: *mut ZframeT) -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live zframe_t (given out by zframe_new & co. or lent by
        // a live zmsg_t, as documented above), so frame_of may read its 4-byte tag, and it
        // casts only on Frame's tag.
        unsafe { frame_of(self_) }.map_or(std::ptr::null_mut(), |f| malloc_bytes(f.data()))
    })
}

/// `int zframe_send (zframe_t **self_p, void *dest, int flags)`: sends and
/// destroys the frame (kept with ZFRAME_REUSE); 0 or -1 (the frame is kept
/// on failure).
///
/// # Safety
/// `self_p` points to a zframe_t this library gave out; `dest` is a
/// zsock_t, zactor_t, libzmq socket or NULL.
#[no_mangle]
pub unsafe extern "C" fn zframe_send(
    self_p: *mut *mut ZframeT,
    dest: *mut c_void,
    flags: c_int,
) -> c_int {
    guard(-1, || {
        if self_p.is_null() {
            return -1;
        }
        // SAFETY: `self_p` is non-NULL (checked above) and points to C's readable pointer, and
        // that pointer is NULL or a live zframe_t (given out by zframe_new & co. or lent by a
        // live zmsg_t, as documented above), so frame_ref may read its 4-byte tag, and it casts
        // only on Frame's tag; the &mut ends with this call, and C drives a frame from one
        // thread (CZMQ's rule), so no other reference to it exists meanwhile; `dest` is NULL, a
        // live zsock_t/zactor_t or a live libzmq socket (CZMQ's polymorphic socket argument, as
        // documented above), which is what socket_of requires; C uses a socket from one thread
        // at a time.
        let (Some(frame), Some(s)) = (unsafe { frame_ref(*self_p) }, unsafe { socket_of(dest) })
        else {
            return -1;
        };
        let mut send_flags = Flags::empty();
        send_flags.set(Flags::MORE, flags & ZFRAME_MORE != 0);
        send_flags.set(Flags::DONTWAIT, flags & ZFRAME_DONTWAIT != 0);
        #[cfg(not(feature = "draft"))]
        if flags & ZFRAME_REUSE == 0 {
            // SAFETY: `self_p` is C's readable, writable `T **` (checked non-NULL above); take
            // hands over only a frame ffi's registry lists as given to C (a frame lent by a
            // zmsg_t stays with its message and takes the path below). `frame` is not used
            // after this point.
            if let Some(owned) = unsafe { ffi::take(self_p) } {
                // SAFETY: self_p is non-NULL and writable, as above.
                return unsafe { send_owned(owned, self_p, &s, send_flags) };
            }
        }
        // send_ref sends a zero-copy clone, so a failure leaves the frame whole.
        if frame.send_ref_with(&s, send_flags).is_err() {
            return -1;
        }
        if flags & ZFRAME_REUSE == 0 {
            // SAFETY: `self_p` is NULL or C's readable, writable `T **` (as documented above),
            // all destroy_tagged requires: it frees only an object ffi's registry lists as
            // given to C and not yet taken back, so a stale, lent or foreign `*self_p` is
            // refused without being read; only a frame C owns is destroyed (a frame lent by a
            // zmsg_t stays with its message).
            unsafe { ffi::destroy_tagged(self_p, Frame::TAG, "zframe") };
        }
        0
    })
}

/// zframe_send of a frame C owns, without ZFRAME_REUSE: its message itself
/// goes to libzmq (no clone to send and then destroy, as CZMQ does). On
/// failure the frame gets its content back, in the same allocation, and
/// C's pointer is restored, so the caller keeps it as CZMQ's does. (With
/// the `draft` feature a frame also carries a routing id and group, which
/// `Frame::send_ref` applies; that build keeps the clone path.)
///
/// # Safety
/// `self_p` is non-NULL and writable; `owned` was just taken from it.
#[cfg(not(feature = "draft"))]
unsafe fn send_owned(
    mut owned: Box<Frame>,
    self_p: *mut *mut ZframeT,
    socket: &czmq::Socket,
    flags: Flags,
) -> c_int {
    let more = owned.more();
    let mut msg = std::mem::replace(&mut *owned, Frame::empty()).into_message();
    match socket.send_msg_with(&mut msg, flags) {
        Ok(()) => 0,
        Err(_) => {
            let mut restored = Frame::from(msg);
            restored.set_more(more);
            *owned = restored;
            // SAFETY: self_p is non-NULL and writable (this function's contract); give lists
            // the frame again at its old address.
            unsafe { *self_p = ffi::give(owned) };
            -1
        }
    }
}

/// `zframe_t *zframe_recv (void *source)`: the next frame (NULL on error,
/// timeout or interrupt).
///
/// # Safety
/// `source` is a zsock_t, zactor_t, libzmq socket or NULL.
#[no_mangle]
pub unsafe extern "C" fn zframe_recv(source: *mut c_void) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `source` is NULL, a live zsock_t/zactor_t or a live libzmq socket (CZMQ's
        // polymorphic socket argument, as documented above), which is what socket_of requires;
        // C uses a socket from one thread at a time.
        match unsafe { socket_of(source) }.map(|s| Frame::recv(&s)) {
            Some(Ok(f)) => boxed(f),
            _ => std::ptr::null_mut(),
        }
    })
}

/// `bool zframe_is (void *self)`.
///
/// # Safety
/// `self_` is NULL or points to at least 4 readable bytes.
#[no_mangle]
pub unsafe extern "C" fn zframe_is(self_: *mut c_void) -> bool {
    // SAFETY: `self_` is NULL or a live object at least 4 bytes long (a CZMQ object or libzmq
    // socket, as documented above), and tag_of reads only those 4 bytes.
    guard(false, || unsafe { ffi::tag_of(self_) } == Some(Frame::TAG))
}

/// `void zframe_reset (zframe_t *self, const void *data, size_t size)`:
/// replaces the frame's bytes with a copy of `data`.
///
/// # Safety
/// `self_` is NULL or a live zframe_t; `data` points to `size` readable
/// bytes (or is NULL with `size` 0).
#[no_mangle]
pub unsafe extern "C" fn zframe_reset(self_: *mut ZframeT, data: *const c_void, size: usize) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zframe_t (given out by zframe_new & co. or lent by
        // a live zmsg_t, as documented above), so frame_ref may read its 4-byte tag, and it
        // casts only on Frame's tag; the &mut ends with this call, and C drives a frame from
        // one thread (CZMQ's rule), so no other reference to it exists meanwhile.
        let Some(frame) = (unsafe { frame_ref(self_) }) else {
            return;
        };
        if size == 0 {
            frame.reset(&[]);
        } else if !data.is_null() {
            // SAFETY: `data` is non-NULL here and C promises `size` readable bytes at it, valid
            // until this call returns (as documented above); the bytes are copied before then.
            frame.reset(unsafe { std::slice::from_raw_parts(data.cast(), size) });
        }
    })
}

/// `zframe_t *zframe_recv_nowait (void *source)`: a frame if one is
/// waiting, else NULL at once.
///
/// # Safety
/// `source` is a zsock_t, zactor_t, libzmq socket or NULL.
#[no_mangle]
pub unsafe extern "C" fn zframe_recv_nowait(source: *mut c_void) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `source` is NULL, a live zsock_t/zactor_t or a live libzmq socket (CZMQ's
        // polymorphic socket argument, as documented above), which is what socket_of requires;
        // C uses a socket from one thread at a time.
        match unsafe { socket_of(source) }.map(|s| Frame::try_recv(&s)) {
            Some(Ok(f)) => boxed(f),
            _ => std::ptr::null_mut(),
        }
    })
}

/// `const char *zframe_meta (zframe_t *self, const char *property)`: a
/// metadata property of a received frame, owned by the frame; NULL if unset.
///
/// # Safety
/// `self_` is NULL or a live zframe_t; `property` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zframe_meta(
    self_: *mut ZframeT,
    property: *const c_char,
) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: `self_` is NULL or a live zframe_t (given out by zframe_new & co. or lent by
        // a live zmsg_t, as documented above), so frame_of may read its 4-byte tag, and it
        // casts only on Frame's tag.
        let Some(frame) = (unsafe { frame_of(self_) }) else {
            return std::ptr::null();
        };
        if property.is_null() {
            return std::ptr::null();
        }
        // The same call as Frame::meta, made here because C needs libzmq's
        // own NUL-terminated string, which lives as long as the frame.
        // SAFETY: `frame` is a live Frame (tag checked above), so its zmq_msg_t is
        // initialised; `property` is non-NULL (checked above) and NUL-terminated (the
        // requirement above); libzmq only reads both.
        unsafe { sys::zmq_msg_gets(frame.message().as_raw(), property) }
    })
}

/// `void zframe_print (zframe_t *self, const char *prefix)`: logs the frame
/// at debug level ([`Frame::print_lines`] with length 0).
///
/// # Safety
/// `self_` is NULL or a live zframe_t; `prefix` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zframe_print(self_: *mut ZframeT, prefix: *const c_char) {
    // SAFETY: the arguments go to zframe_print_n unchanged, and zframe_print_n relies on them
    // for no more than this function's doc requires of C.
    unsafe { zframe_print_n(self_, prefix, 0) }
}

/// `void zframe_print_n (zframe_t *self, const char *prefix, size_t
/// length)` (CZMQ DRAFT, used by its selftest): logs up to `length` bytes
/// ([`Frame::print_lines`]).
///
/// # Safety
/// As [`zframe_print`].
#[no_mangle]
pub unsafe extern "C" fn zframe_print_n(self_: *mut ZframeT, prefix: *const c_char, length: usize) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zframe_t (given out by zframe_new & co. or lent by
        // a live zmsg_t, as documented above), so frame_of may read its 4-byte tag, and it
        // casts only on Frame's tag.
        if let Some(frame) = unsafe { frame_of(self_) } {
            // SAFETY: `prefix` is NULL or a NUL-terminated string that C keeps alive until this
            // call returns (as documented above), and the borrow opt_str gives is dropped or
            // copied before then.
            let prefix = unsafe { ffi::opt_str(prefix) };
            for line in frame.print_lines(prefix, length) {
                czmq::zsys::debug(line);
            }
        }
    })
}

/// CZMQ's `zframe_destructor_fn`: gets a pointer to the hint.
pub type ZframeDestructorFn = unsafe extern "C" fn(hint: *mut *mut c_void);

/// Memory C lends to a frame (zframe_frommem): its bytes, and the C
/// destructor called once when the last message sharing them is closed.
struct CBuffer {
    data: *const u8,
    size: usize,
    destructor: Option<ZframeDestructorFn>,
    hint: *mut c_void,
}

// SAFETY: libzmq may release the last reference on its I/O thread, so the
// destructor may run there; CZMQ calls it from whichever thread frees the
// message too, and zframe_frommem's callers accept that. The bytes are
// only read, never written, through this value.
unsafe impl Send for CBuffer {}

impl AsRef<[u8]> for CBuffer {
    fn as_ref(&self) -> &[u8] {
        if self.data.is_null() || self.size == 0 {
            return &[];
        }
        // SAFETY: zframe_frommem's caller lends `size` readable bytes at
        // `data` until the destructor runs, which is only in Drop below.
        unsafe { std::slice::from_raw_parts(self.data, self.size) }
    }
}

impl Drop for CBuffer {
    fn drop(&mut self) {
        if let Some(destructor) = self.destructor {
            // SAFETY: the C destructor given with the memory, called once,
            // with a pointer to its hint, as CZMQ does.
            unsafe { destructor(&mut self.hint) };
        }
    }
}

/// `zframe_t *zframe_frommem (void *data, size_t size, zframe_destructor_fn
/// destructor, void *hint)` (CZMQ DRAFT, used by its selftest): a frame over
/// C's memory without copying; `destructor (&hint)` runs once the frame and
/// every message sharing it are gone. NULL if `data` is NULL.
///
/// # Safety
/// `data` points to `size` bytes that stay readable and unchanged until the
/// destructor runs; `destructor` is NULL or safe to call from any thread.
#[no_mangle]
pub unsafe extern "C" fn zframe_frommem(
    data: *mut c_void,
    size: usize,
    destructor: Option<ZframeDestructorFn>,
    hint: *mut c_void,
) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        if data.is_null() {
            return std::ptr::null_mut();
        }
        let buffer = CBuffer {
            data: data as *const u8,
            size,
            destructor,
            hint,
        };
        boxed(Frame::from(czmq::Message::from_owned(buffer)))
    })
}

/// `int zframe_set_group (zframe_t *self, const char *group)` (CZMQ DRAFT,
/// used by its selftest): the group a RADIO socket sends the frame to; -1
/// with errno ENOTSUP without the `draft` feature (as CZMQ over a libzmq
/// without RADIO/DISH), EINVAL for a bad group.
///
/// # Safety
/// `self_` is NULL or a live zframe_t; `group` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zframe_set_group(self_: *mut ZframeT, group: *const c_char) -> c_int {
    guard(-1, || {
        // SAFETY: `self_` is NULL or a live zframe_t (given out by zframe_new & co. or lent by
        // a live zmsg_t, as documented above), so frame_ref may read its 4-byte tag, and it
        // casts only on Frame's tag; the &mut ends with this call, and C drives a frame from
        // one thread (CZMQ's rule), so no other reference to it exists meanwhile; `group` is
        // NULL or a NUL-terminated string that C keeps alive until this call returns (as
        // documented above), and the borrow opt_str gives is dropped or copied before then.
        let (Some(_frame), Some(_group)) =
            (unsafe { frame_ref(self_) }, unsafe { ffi::opt_str(group) })
        else {
            ffi::set_errno(libc::EINVAL);
            return -1;
        };
        #[cfg(feature = "draft")]
        {
            if _frame.set_group(_group).is_ok() {
                0
            } else {
                ffi::set_errno(libc::EINVAL);
                -1
            }
        }
        #[cfg(not(feature = "draft"))]
        {
            ffi::set_errno(libc::ENOTSUP);
            -1
        }
    })
}

/// Writes `text` to a C stream (CZMQ's fprint functions); false on error.
///
/// # Safety
/// `file` is NULL or an open, writable C stream.
pub(crate) unsafe fn write_to_file(file: *mut libc::FILE, text: &str) -> bool {
    if file.is_null() {
        return false;
    }
    if text.is_empty() {
        return true;
    }
    // SAFETY: `file` is non-NULL (checked above) and an open, writable C stream (the
    // requirement above); `text` is a live str readable for text.len() bytes, which fwrite only
    // reads.
    unsafe { libc::fwrite(text.as_ptr().cast(), text.len(), 1, file) == 1 }
}

/// `void zframe_fprint (zframe_t *self, const char *prefix, FILE *file)`:
/// writes the frame as [`Frame::dump`] does.
///
/// # Safety
/// `self_` is NULL or a live zframe_t; `prefix` NULL or NUL-terminated;
/// `file` NULL or an open, writable stream.
#[no_mangle]
pub unsafe extern "C" fn zframe_fprint(
    self_: *mut ZframeT,
    prefix: *const c_char,
    file: *mut libc::FILE,
) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zframe_t (given out by zframe_new & co. or lent by
        // a live zmsg_t, as documented above), so frame_of may read its 4-byte tag, and it
        // casts only on Frame's tag.
        if let Some(frame) = unsafe { frame_of(self_) } {
            // SAFETY: `prefix` is NULL or a NUL-terminated string that C keeps alive until this
            // call returns (as documented above), and the borrow opt_str gives is dropped or
            // copied before then.
            let prefix = unsafe { ffi::opt_str(prefix) };
            // SAFETY: the arguments go to write_to_file unchanged, and write_to_file relies on
            // them for no more than this function's doc requires of C.
            unsafe { write_to_file(file, &frame.dump(prefix)) };
        }
    })
}
