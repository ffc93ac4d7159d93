//! zdigest: `zdigest_t *` is a boxed [`Digest`]; the hash and its hex
//! string live inside it and are lent to C until the next update.

use std::ffi::c_char;

use czmq::Digest;

use super::ffi::{self, boxed, guard};

/// `zdigest_t`: the Rust [`Digest`].
pub type ZdigestT = Digest;

/// `zdigest_t *zdigest_new (void)`.
#[no_mangle]
pub extern "C" fn zdigest_new() -> *mut ZdigestT {
    guard(std::ptr::null_mut(), || boxed(Digest::new()))
}

/// `void zdigest_destroy (zdigest_t **self_p)`.
///
/// # Safety
/// `self_p` is NULL or points to NULL or a zdigest_t from this library.
#[no_mangle]
pub unsafe extern "C" fn zdigest_destroy(self_p: *mut *mut ZdigestT) {
    // SAFETY: `self_p` is NULL or the address of C's zdigest_t pointer, which is NULL or a
    // zdigest_t boxed by zdigest_new and not destroyed yet (C's caller guarantees); destroy
    // checks both NULLs, sets *self_p to NULL and drops the Box exactly once.
    guard((), || unsafe { ffi::destroy(self_p) })
}

/// `void zdigest_update (zdigest_t *self, const byte *buffer, size_t length)`.
/// Updates after a read are allowed (CZMQ asserts): the next read covers
/// everything.
///
/// # Safety
/// `self_` is NULL or a live zdigest_t; `buffer` NULL or `length` readable
/// bytes.
#[no_mangle]
pub unsafe extern "C" fn zdigest_update(self_: *mut ZdigestT, buffer: *const u8, length: usize) {
    guard((), || {
        if self_.is_null() || buffer.is_null() {
            return;
        }
        // C may feed the digest its own hash or hex string (zdigest_data,
        // zdigest_string), which live inside the Digest: such input is
        // copied out first, so that the slice never aliases the &mut
        // Digest below. Decided on addresses alone, before any borrow.
        let inside = self_ as usize..(self_ as usize).saturating_add(std::mem::size_of::<Digest>());
        let input = buffer as usize..(buffer as usize).saturating_add(length);
        let overlaps = input.start < inside.end && inside.start < input.end;
        // SAFETY: `buffer` is non-null here, and C's caller guarantees it points to `length`
        // readable bytes live for this call. If they overlap the digest they are copied into
        // a Vec before the &mut Digest exists, so the borrow is gone by then.
        let copied =
            overlaps.then(|| unsafe { std::slice::from_raw_parts(buffer, length) }.to_vec());
        // SAFETY: C's caller guarantees (CZMQ's contract for zdigest_update) that `self_` is
        // a zdigest_t boxed by zdigest_new and not destroyed (non-null, checked above), used
        // from one thread at a time; the input either was copied above or does not overlap
        // it, so this &mut is unaliased.
        let digest = unsafe { &mut *self_ };
        match &copied {
            Some(bytes) => digest.update(bytes),
            // SAFETY: as for the copy above; these bytes lie outside the digest, so the
            // shared slice and the &mut Digest cover disjoint memory.
            None => digest.update(unsafe { std::slice::from_raw_parts(buffer, length) }),
        }
    })
}

/// `const byte *zdigest_data (zdigest_t *self)`: the 20-byte hash, lent.
///
/// # Safety
/// `self_` is NULL or a live zdigest_t.
#[no_mangle]
pub unsafe extern "C" fn zdigest_data(self_: *mut ZdigestT) -> *const u8 {
    guard(std::ptr::null(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a zdigest_t boxed by zdigest_new and not destroyed; as_mut yields None for
        // NULL, and the &mut borrow ends with this call (C uses a CZMQ object from one thread
        // at a time, so nothing else aliases it meanwhile).
        unsafe { self_.as_mut() }.map_or(std::ptr::null(), |d| d.data().as_ptr())
    })
}

/// `size_t zdigest_size (zdigest_t *self)`: 20 (0 for NULL).
///
/// # Safety
/// `self_` is NULL or a live zdigest_t.
#[no_mangle]
pub unsafe extern "C" fn zdigest_size(self_: *mut ZdigestT) -> usize {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a zdigest_t boxed by zdigest_new and not destroyed; as_ref yields None for NULL, and the
    // borrow ends with this call (C uses a CZMQ object from one thread at a time, so nothing
    // else aliases it meanwhile).
    guard(0, || unsafe { self_.as_ref() }.map_or(0, |d| d.size()))
}

/// `char *zdigest_string (zdigest_t *self)`: 40 upper-case hex digits,
/// lent (not to be freed), as CZMQ.
///
/// # Safety
/// `self_` is NULL or a live zdigest_t.
#[no_mangle]
pub unsafe extern "C" fn zdigest_string(self_: *mut ZdigestT) -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a zdigest_t boxed by zdigest_new and not destroyed; as_mut yields None for
        // NULL, and the &mut borrow ends with this call (C uses a CZMQ object from one thread
        // at a time, so nothing else aliases it meanwhile).
        unsafe { self_.as_mut() }.map_or(std::ptr::null_mut(), |d| d.c_string().as_ptr().cast_mut())
    })
}
