//! zframe: `zframe_t *` is a boxed [`Frame`]; frames lent by a zmsg_t
//! (zmsg_first ...) point into the message and are not destroyed by C.

use std::ffi::{c_char, c_int, c_void};

use czmq_core::{Frame, SendFlags};

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
/// # Safety
/// `p` is NULL or a live zframe_t.
pub(crate) unsafe fn frame_ref<'a>(p: *const ZframeT) -> Option<&'a mut Frame> {
    // SAFETY: per the contract; the tag is checked before use.
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
    // SAFETY: per the contract; the tag is checked before use.
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
        // SAFETY: `size` readable bytes per the contract.
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
        // SAFETY: per the contract.
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
    // SAFETY: per the contract.
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
    // SAFETY: per the contract.
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
        // SAFETY: per the contract.
        unsafe { frame_ref(self_) }.map_or(std::ptr::null_mut(), |f| f.data_mut().as_mut_ptr())
    })
}

/// `int zframe_more (zframe_t *self)`: 1 if more frames followed it.
///
/// # Safety
/// `self_` is NULL or a live zframe_t.
#[no_mangle]
pub unsafe extern "C" fn zframe_more(self_: *mut ZframeT) -> c_int {
    // SAFETY: per the contract.
    guard(0, || {
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
        // SAFETY: per the contract.
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
        // SAFETY: per the contract.
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
        // SAFETY: per the contract.
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
        // SAFETY: per the contract.
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
        // SAFETY: per the contract.
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
        // SAFETY: per the contract.
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
        // SAFETY: per the contract.
        let (Some(frame), Some(s)) = (unsafe { frame_ref(*self_p) }, unsafe { socket_of(dest) })
        else {
            return -1;
        };
        let mut send_flags = SendFlags::NONE;
        if flags & ZFRAME_MORE != 0 {
            send_flags |= SendFlags::MORE;
        }
        if flags & ZFRAME_DONTWAIT != 0 {
            send_flags |= SendFlags::DONTWAIT;
        }
        // send_ref sends a zero-copy clone, so a failure leaves the frame whole.
        if frame.send_ref(&s, send_flags).is_err() {
            return -1;
        }
        if flags & ZFRAME_REUSE == 0 {
            // SAFETY: per the contract the frame is ours to destroy.
            unsafe { ffi::destroy(self_p) };
        }
        0
    })
}

/// `zframe_t *zframe_recv (void *source)`: the next frame (NULL on error,
/// timeout or interrupt).
///
/// # Safety
/// `source` is a zsock_t, zactor_t, libzmq socket or NULL.
#[no_mangle]
pub unsafe extern "C" fn zframe_recv(source: *mut c_void) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
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
    // SAFETY: per the contract.
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
        // SAFETY: per the contract.
        let Some(frame) = (unsafe { frame_ref(self_) }) else {
            return;
        };
        if size == 0 {
            frame.reset(&[]);
        } else if !data.is_null() {
            // SAFETY: `size` readable bytes per the contract.
            frame.reset(unsafe { std::slice::from_raw_parts(data.cast(), size) });
        }
    })
}
