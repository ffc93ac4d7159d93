//! zuuid: `zuuid_t *` is a boxed [`Uuid`], whose two printed forms are kept
//! NUL-terminated inside it, so `zuuid_str` and `zuuid_str_canonical` lend
//! them (valid until the next change), as CZMQ does.

use std::ffi::c_char;

use czmq::{Uuid, UUID_LEN};

use super::ffi::{self, boxed, guard, opt_str};

/// `zuuid_t`: the Rust [`Uuid`].
pub type ZuuidT = Uuid;

/// The UUID behind `p`.
///
/// # Safety
/// `p` is NULL or a live zuuid_t from this library, not borrowed elsewhere.
unsafe fn uuid_mut<'a>(p: *mut ZuuidT) -> Option<&'a mut Uuid> {
    // SAFETY: uuid_mut's caller guarantees `p` is NULL or a zuuid_t boxed by this library and
    // not destroyed, borrowed by no one else meanwhile (C uses it from one thread at a time);
    // as_mut yields None for NULL.
    unsafe { p.as_mut() }
}

/// 16 bytes from C, or `None` for NULL.
///
/// # Safety
/// `p` is NULL or points to 16 readable bytes.
unsafe fn sixteen(p: *const u8) -> Option<[u8; UUID_LEN]> {
    if p.is_null() {
        return None;
    }
    let mut bytes = [0u8; UUID_LEN];
    // SAFETY: `p` is non-null here, and sixteen's caller guarantees 16 readable bytes; they are
    // copied into a local array, which cannot overlap them.
    unsafe { std::ptr::copy_nonoverlapping(p, bytes.as_mut_ptr(), UUID_LEN) };
    Some(bytes)
}

/// `zuuid_t *zuuid_new (void)`: a random (version 4) UUID.
#[no_mangle]
pub extern "C" fn zuuid_new() -> *mut ZuuidT {
    guard(std::ptr::null_mut(), || boxed(Uuid::new()))
}

/// `zuuid_t *zuuid_new_from (const byte *source)`: the UUID of 16 bytes;
/// NULL for NULL.
///
/// # Safety
/// `source` is NULL or points to 16 readable bytes.
#[no_mangle]
pub unsafe extern "C" fn zuuid_new_from(source: *const u8) -> *mut ZuuidT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `source` is
        // NULL or points to 16 readable bytes (ZUUID_LEN), which is what sixteen reads; it
        // checks NULL first.
        unsafe { sixteen(source) }.map_or(std::ptr::null_mut(), |b| boxed(Uuid::from_bytes(b)))
    })
}

/// `void zuuid_destroy (zuuid_t **self_p)`.
///
/// # Safety
/// `self_p` is NULL or points to NULL or a zuuid_t from this library.
#[no_mangle]
pub unsafe extern "C" fn zuuid_destroy(self_p: *mut *mut ZuuidT) {
    // SAFETY: `self_p` is NULL or the address of C's zuuid_t pointer, which is NULL or a
    // zuuid_t boxed by zuuid_new/zuuid_new_from/zuuid_dup and not destroyed yet (C's caller
    // guarantees); destroy checks both NULLs, sets *self_p to NULL and drops the Box exactly
    // once.
    guard((), || unsafe { ffi::destroy(self_p) })
}

/// `void zuuid_set (zuuid_t *self, const byte *source)`.
///
/// # Safety
/// `self_` is NULL or a live zuuid_t; `source` NULL or 16 readable bytes.
#[no_mangle]
pub unsafe extern "C" fn zuuid_set(self_: *mut ZuuidT, source: *const u8) {
    guard((), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for zuuid_set) that `self_` is NULL or
        // a live zuuid_t, and `source` NULL or 16 readable bytes; uuid_mut and sixteen check
        // NULL, and the &mut borrow ends with this call.
        if let (Some(uuid), Some(bytes)) = unsafe { (uuid_mut(self_), sixteen(source)) } {
            uuid.set(bytes);
        }
    })
}

/// `int zuuid_set_str (zuuid_t *self, const char *source)`: 32 hex digits,
/// dashes and braces allowed; 0, or -1 (UUID unchanged) if malformed.
///
/// # Safety
/// `self_` is NULL or a live zuuid_t; `source` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zuuid_set_str(self_: *mut ZuuidT, source: *const c_char) -> i32 {
    guard(-1, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for zuuid_set_str) that `self_` is
        // NULL or a live zuuid_t, and `source` NULL or a NUL-terminated string; uuid_mut and
        // opt_str check NULL, and both borrows end with this call.
        match unsafe { (uuid_mut(self_), opt_str(source)) } {
            (Some(uuid), Some(text)) => match uuid.set_str(text) {
                Ok(()) => 0,
                Err(_) => -1,
            },
            _ => -1,
        }
    })
}

/// `const byte *zuuid_data (zuuid_t *self)`: the 16 bytes, lent.
///
/// # Safety
/// `self_` is NULL or a live zuuid_t.
#[no_mangle]
pub unsafe extern "C" fn zuuid_data(self_: *mut ZuuidT) -> *const u8 {
    guard(std::ptr::null(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zuuid_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); uuid_mut checks
        // NULL (and the class tag where there is one) before the cast.
        unsafe { uuid_mut(self_) }.map_or(std::ptr::null(), |u| u.data().as_ptr())
    })
}

/// `size_t zuuid_size (zuuid_t *self)`: 16 (0 for NULL).
///
/// # Safety
/// `self_` is NULL or a live zuuid_t.
#[no_mangle]
pub unsafe extern "C" fn zuuid_size(self_: *mut ZuuidT) -> usize {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zuuid_t not borrowed elsewhere during this call (C uses a CZMQ object from one
    // thread at a time, so nothing else aliases it meanwhile); uuid_mut checks NULL (and the
    // class tag where there is one) before the cast.
    guard(0, || unsafe { uuid_mut(self_) }.map_or(0, |u| u.size()))
}

/// `const char *zuuid_str (zuuid_t *self)`: 32 upper-case hex digits, lent.
///
/// # Safety
/// `self_` is NULL or a live zuuid_t.
#[no_mangle]
pub unsafe extern "C" fn zuuid_str(self_: *mut ZuuidT) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zuuid_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); uuid_mut checks
        // NULL (and the class tag where there is one) before the cast.
        unsafe { uuid_mut(self_) }.map_or(std::ptr::null(), |u| u.c_str().as_ptr())
    })
}

/// `const char *zuuid_str_canonical (zuuid_t *self)`: lower-case 8-4-4-4-12
/// form, lent.
///
/// # Safety
/// `self_` is NULL or a live zuuid_t.
#[no_mangle]
pub unsafe extern "C" fn zuuid_str_canonical(self_: *mut ZuuidT) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zuuid_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); uuid_mut checks
        // NULL (and the class tag where there is one) before the cast.
        unsafe { uuid_mut(self_) }.map_or(std::ptr::null(), |u| u.c_str_canonical().as_ptr())
    })
}

/// `void zuuid_export (zuuid_t *self, byte *target)`: copies the 16 bytes.
///
/// # Safety
/// `self_` is NULL or a live zuuid_t; `target` NULL or 16 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn zuuid_export(self_: *mut ZuuidT, target: *mut u8) {
    guard((), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zuuid_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); uuid_mut checks
        // NULL (and the class tag where there is one) before the cast.
        if let Some(uuid) = unsafe { uuid_mut(self_) } {
            if !target.is_null() {
                // SAFETY: `target` is non-null here, and C's caller guarantees (CZMQ's contract
                // for zuuid_export) it points to 16 writable bytes; the source is the uuid's
                // own 16 bytes. `copy` (not the nonoverlapping kind) stays sound even if C
                // passes zuuid_data's own pointer back.
                unsafe { std::ptr::copy(uuid.data().as_ptr(), target, UUID_LEN) };
            }
        }
    })
}

/// `bool zuuid_eq (zuuid_t *self, const byte *compare)`; false for NULL.
///
/// # Safety
/// `self_` is NULL or a live zuuid_t; `compare` NULL or 16 readable bytes.
#[no_mangle]
pub unsafe extern "C" fn zuuid_eq(self_: *mut ZuuidT, compare: *const u8) -> bool {
    guard(false, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for zuuid_eq) that `self_` is NULL or
        // a live zuuid_t and `compare` NULL or 16 readable bytes; uuid_mut and sixteen check
        // NULL, and the borrow ends with this call.
        match unsafe { (uuid_mut(self_), sixteen(compare)) } {
            (Some(uuid), Some(bytes)) => uuid.eq_bytes(&bytes),
            _ => false,
        }
    })
}

/// `bool zuuid_neq (zuuid_t *self, const byte *compare)`; false for NULL.
///
/// # Safety
/// As [`zuuid_eq`].
#[no_mangle]
pub unsafe extern "C" fn zuuid_neq(self_: *mut ZuuidT, compare: *const u8) -> bool {
    guard(false, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for zuuid_neq) that `self_` is NULL or
        // a live zuuid_t and `compare` NULL or 16 readable bytes; uuid_mut and sixteen check
        // NULL, and the borrow ends with this call.
        match unsafe { (uuid_mut(self_), sixteen(compare)) } {
            (Some(uuid), Some(bytes)) => !uuid.eq_bytes(&bytes),
            _ => false,
        }
    })
}

/// `zuuid_t *zuuid_dup (zuuid_t *self)`: a copy; NULL for NULL.
///
/// # Safety
/// `self_` is NULL or a live zuuid_t.
#[no_mangle]
pub unsafe extern "C" fn zuuid_dup(self_: *mut ZuuidT) -> *mut ZuuidT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zuuid_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); uuid_mut checks
        // NULL (and the class tag where there is one) before the cast.
        unsafe { uuid_mut(self_) }.map_or(std::ptr::null_mut(), |u| boxed(*u))
    })
}
