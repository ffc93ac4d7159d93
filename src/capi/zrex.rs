//! zrex: `zrex_t *` is a boxed [`Rex`] (CZMQ's regex dialect, see
//! `czmq::Rex`). Hits are lent to C until the next match; the variadic
//! `zrex_fetch` is in src/shim/zrex.c, over `zrex_hit`.

use std::ffi::{c_char, c_int, c_uint};

use czmq::Rex;

use super::ffi::{self, boxed, guard, opt_bytes};

/// `zrex_t`: the Rust [`Rex`].
pub type ZrexT = Rex;

/// `zrex_t *zrex_new (const char *expression)`: compiles the expression
/// (check `zrex_valid`); with NULL, a zrex for `zrex_eq` to fill.
///
/// # Safety
/// `expression` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zrex_new(expression: *const c_char) -> *mut ZrexT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `expression`
        // is NULL or a NUL-terminated C string that stays alive for this call; opt_bytes checks
        // NULL, and the borrow is not kept past the call.
        match unsafe { opt_bytes(expression) } {
            Some(pattern) => boxed(Rex::new(pattern)),
            None => boxed(Rex::default()),
        }
    })
}

/// `void zrex_destroy (zrex_t **self_p)`.
///
/// # Safety
/// `self_p` is NULL or points to NULL or a zrex_t from this library.
#[no_mangle]
pub unsafe extern "C" fn zrex_destroy(self_p: *mut *mut ZrexT) {
    // SAFETY: `self_p` is NULL or the address of C's zrex_t pointer, which is NULL or a zrex_t
    // boxed by zrex_new and not destroyed yet (C's caller guarantees); destroy checks both
    // NULLs, sets *self_p to NULL and drops the Box exactly once.
    guard((), || unsafe { ffi::destroy(self_p) })
}

/// `bool zrex_valid (zrex_t *self)`; false for NULL.
///
/// # Safety
/// `self_` is NULL or a live zrex_t.
#[no_mangle]
pub unsafe extern "C" fn zrex_valid(self_: *mut ZrexT) -> bool {
    guard(false, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a zrex_t boxed by zrex_new and not destroyed; as_ref yields None for NULL,
        // and the borrow ends with this call (C uses a CZMQ object from one thread at a time,
        // so nothing else aliases it meanwhile).
        unsafe { self_.as_ref() }.is_some_and(|r| r.valid())
    })
}

/// `const char *zrex_strerror (zrex_t *self)`: why the expression is
/// invalid, or "No error"; lent. NULL for NULL.
///
/// # Safety
/// `self_` is NULL or a live zrex_t.
#[no_mangle]
pub unsafe extern "C" fn zrex_strerror(self_: *mut ZrexT) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a zrex_t boxed by zrex_new and not destroyed; as_ref yields None for NULL,
        // and the borrow ends with this call (C uses a CZMQ object from one thread at a time,
        // so nothing else aliases it meanwhile).
        unsafe { self_.as_ref() }.map_or(std::ptr::null(), |r| r.strerror_c().as_ptr())
    })
}

/// `bool zrex_matches (zrex_t *self, const char *text)`; false for NULL.
///
/// # Safety
/// `self_` is NULL or a live zrex_t; `text` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zrex_matches(self_: *mut ZrexT, text: *const c_char) -> bool {
    guard(false, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for zrex_matches) that `text` is NULL
        // or a NUL-terminated string live for this call; opt_bytes checks NULL. It is copied
        // before the zrex is borrowed, since C may pass back a hit this zrex lent (matching
        // drops them).
        let Some(text) = (unsafe { opt_bytes(text) }).map(<[u8]>::to_vec) else {
            return false;
        };
        // SAFETY: C's caller guarantees `self_` is NULL or a zrex_t boxed by zrex_new and not
        // destroyed, used from one thread at a time, so this &mut is unaliased (`text` was
        // copied above); as_mut yields None for NULL.
        unsafe { self_.as_mut() }.is_some_and(|rex| rex.matches(text))
    })
}

/// `bool zrex_eq (zrex_t *self, const char *text, const char *expression)`:
/// compiles `expression` into this zrex, then matches `text`.
///
/// # Safety
/// `self_` is NULL or a live zrex_t; the strings NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zrex_eq(
    self_: *mut ZrexT,
    text: *const c_char,
    expression: *const c_char,
) -> bool {
    guard(false, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for zrex_eq) that both strings are
        // NULL or NUL-terminated and live for this call; opt_bytes checks NULL. Both are copied
        // before the zrex changes, since C may pass back a hit it lent.
        let (text, expression) = match unsafe { (opt_bytes(text), opt_bytes(expression)) } {
            (Some(t), Some(e)) => (t.to_vec(), e.to_vec()),
            _ => return false,
        };
        // SAFETY: C's caller guarantees `self_` is NULL or a zrex_t boxed by zrex_new and not
        // destroyed, used from one thread at a time, so this &mut is unaliased (the strings
        // were copied above); as_mut yields None for NULL.
        unsafe { self_.as_mut() }.is_some_and(|rex| rex.eq(text, expression))
    })
}

/// `int zrex_hits (zrex_t *self)`: hits of the last match; 0 for NULL.
///
/// # Safety
/// `self_` is NULL or a live zrex_t.
#[no_mangle]
pub unsafe extern "C" fn zrex_hits(self_: *mut ZrexT) -> c_int {
    guard(0, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a zrex_t boxed by zrex_new and not destroyed; as_ref yields None for NULL,
        // and the borrow ends with this call (C uses a CZMQ object from one thread at a time,
        // so nothing else aliases it meanwhile).
        unsafe { self_.as_ref() }.map_or(0, |r| c_int::try_from(r.hits()).unwrap_or(c_int::MAX))
    })
}

/// `const char *zrex_hit (zrex_t *self, uint index)`: hit `index` (0 is
/// the whole match), lent until the next match; NULL past the last.
///
/// # Safety
/// `self_` is NULL or a live zrex_t.
#[no_mangle]
pub unsafe extern "C" fn zrex_hit(self_: *mut ZrexT, index: c_uint) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a zrex_t boxed by zrex_new and not destroyed; as_ref yields None for NULL,
        // and the borrow ends with this call (C uses a CZMQ object from one thread at a time,
        // so nothing else aliases it meanwhile).
        unsafe { self_.as_ref() }
            .and_then(|r| r.hit_c(usize::try_from(index).ok()?))
            .map_or(std::ptr::null(), |hit| hit.as_ptr())
    })
}
