//! zarmour: `zarmour_t *` is a boxed [`Armour`]. Encoded text comes back
//! in a malloc'd string; decoded bytes in a zchunk_t holding the bytes and
//! a NUL after them (its size counts the NUL, as CZMQ's does, so the
//! result can be read as a C string).

use std::ffi::{c_char, c_int, CStr};

use czmq::{Armour, ArmourMode, Chunk};

use super::ffi::{self, boxed, guard, malloc_str, opt_str};
use super::zchunk::ZchunkT;

/// `zarmour_t`: the Rust [`Armour`].
pub type ZarmourT = Armour;

/// `zarmour_t *zarmour_new (void)`: Base64, padded, no line breaks.
#[no_mangle]
pub extern "C" fn zarmour_new() -> *mut ZarmourT {
    guard(std::ptr::null_mut(), || boxed(Armour::new()))
}

/// `void zarmour_destroy (zarmour_t **self_p)`.
///
/// # Safety
/// `self_p` is NULL or points to NULL or a zarmour_t from this library.
#[no_mangle]
pub unsafe extern "C" fn zarmour_destroy(self_p: *mut *mut ZarmourT) {
    // SAFETY: `self_p` is NULL or the address of C's zarmour_t pointer, which is NULL or a
    // zarmour_t boxed by zarmour_new and not destroyed yet (C's caller guarantees); destroy
    // checks both NULLs, sets *self_p to NULL and drops the Box exactly once.
    guard((), || unsafe { ffi::destroy(self_p) })
}

/// `char *zarmour_encode (zarmour_t *self, const byte *data, size_t size)`:
/// freed by the caller; NULL for NULL arguments or data Z85 cannot take
/// (a length not a multiple of 4).
///
/// # Safety
/// `self_` is NULL or a live zarmour_t; `data` NULL or `size` readable
/// bytes.
#[no_mangle]
pub unsafe extern "C" fn zarmour_encode(
    self_: *mut ZarmourT,
    data: *const u8,
    size: usize,
) -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for zarmour_encode) that `self_` is
        // NULL or a zarmour_t boxed by zarmour_new and not destroyed; as_ref yields None for
        // NULL, and the shared borrow ends with this call (C uses the object from one thread at
        // a time).
        let Some(armour) = (unsafe { self_.as_ref() }) else {
            return std::ptr::null_mut();
        };
        if data.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: `data` is non-null here, and C's caller guarantees (CZMQ's contract) it
        // points to `size` readable bytes that stay valid for this call; encode only reads them
        // before we return.
        let data = unsafe { std::slice::from_raw_parts(data, size) };
        armour
            .encode(data)
            .map_or(std::ptr::null_mut(), |text| malloc_str(&text))
    })
}

/// `zchunk_t *zarmour_decode (zarmour_t *self, const char *data)`: the
/// bytes and a NUL; NULL for NULL arguments or malformed text.
///
/// # Safety
/// `self_` is NULL or a live zarmour_t; `data` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zarmour_decode(self_: *mut ZarmourT, data: *const c_char) -> *mut ZchunkT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for zarmour_decode) that `self_` is
        // NULL or a live zarmour_t from zarmour_new and `data` NULL or a NUL-terminated string;
        // as_ref and opt_str check NULL, and both borrows end with this call.
        match unsafe { (self_.as_ref(), opt_str(data)) } {
            (Some(armour), Some(text)) => match armour.decode(text) {
                Ok(mut bytes) => {
                    bytes.push(0);
                    boxed(Chunk::new(&bytes))
                }
                Err(e) => {
                    log::debug!("zarmour_decode: {e}");
                    std::ptr::null_mut()
                }
            },
            _ => std::ptr::null_mut(),
        }
    })
}

/// `int zarmour_mode (zarmour_t *self)`: a `ZARMOUR_MODE_*`; -1 for NULL.
///
/// # Safety
/// `self_` is NULL or a live zarmour_t.
#[no_mangle]
pub unsafe extern "C" fn zarmour_mode(self_: *mut ZarmourT) -> c_int {
    guard(-1, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a zarmour_t boxed by zarmour_new and not destroyed; as_ref yields None for
        // NULL, and the borrow ends with this call (C uses a CZMQ object from one thread at a
        // time, so nothing else aliases it meanwhile).
        unsafe { self_.as_ref() }.map_or(-1, |a| a.mode().raw())
    })
}

/// The mode's name as a static C string.
fn mode_name(mode: ArmourMode) -> &'static CStr {
    match mode {
        ArmourMode::Base64Std => c"base64",
        ArmourMode::Base64Url => c"base64url",
        ArmourMode::Base32Std => c"base32",
        ArmourMode::Base32Hex => c"base32hex",
        ArmourMode::Base16 => c"base16",
        ArmourMode::Z85 => c"z85",
    }
}

/// `const char *zarmour_mode_str (zarmour_t *self)`: "base64", ...,
/// "z85"; NULL for NULL.
///
/// # Safety
/// `self_` is NULL or a live zarmour_t.
#[no_mangle]
pub unsafe extern "C" fn zarmour_mode_str(self_: *mut ZarmourT) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a zarmour_t boxed by zarmour_new and not destroyed; as_ref yields None for
        // NULL, and the borrow ends with this call (C uses a CZMQ object from one thread at a
        // time, so nothing else aliases it meanwhile).
        unsafe { self_.as_ref() }.map_or(std::ptr::null(), |a| mode_name(a.mode()).as_ptr())
    })
}

/// `void zarmour_set_mode (zarmour_t *self, int mode)`: an unknown mode is
/// logged and ignored (CZMQ stores it and misbehaves later).
///
/// # Safety
/// `self_` is NULL or a live zarmour_t.
#[no_mangle]
pub unsafe extern "C" fn zarmour_set_mode(self_: *mut ZarmourT, mode: c_int) {
    guard((), || {
        // SAFETY: C's caller guarantees (CZMQ's contract) that `self_` is NULL or a zarmour_t
        // boxed by zarmour_new and not destroyed, used from one thread at a time, so this &mut
        // is unaliased; as_mut yields None for NULL, and the borrow ends with this call.
        let Some(armour) = (unsafe { self_.as_mut() }) else {
            return;
        };
        match ArmourMode::from_raw(mode) {
            Some(mode) => armour.set_mode(mode),
            None => log::error!("zarmour_set_mode: unknown mode {mode}"),
        }
    })
}

/// `bool zarmour_pad (zarmour_t *self)`; false for NULL.
///
/// # Safety
/// `self_` is NULL or a live zarmour_t.
#[no_mangle]
pub unsafe extern "C" fn zarmour_pad(self_: *mut ZarmourT) -> bool {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a zarmour_t boxed by zarmour_new and not destroyed; as_ref yields None for NULL, and the
    // borrow ends with this call (C uses a CZMQ object from one thread at a time, so nothing
    // else aliases it meanwhile).
    guard(false, || unsafe { self_.as_ref() }.is_some_and(|a| a.pad()))
}

/// `void zarmour_set_pad (zarmour_t *self, bool pad)`.
///
/// # Safety
/// `self_` is NULL or a live zarmour_t.
#[no_mangle]
pub unsafe extern "C" fn zarmour_set_pad(self_: *mut ZarmourT, pad: bool) {
    guard((), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a zarmour_t boxed by zarmour_new and not destroyed; as_mut yields None for
        // NULL, and the &mut borrow ends with this call (C uses a CZMQ object from one thread
        // at a time, so nothing else aliases it meanwhile).
        if let Some(armour) = unsafe { self_.as_mut() } {
            armour.set_pad(pad);
        }
    })
}

/// `char zarmour_pad_char (zarmour_t *self)`; 0 for NULL.
///
/// # Safety
/// `self_` is NULL or a live zarmour_t.
#[no_mangle]
pub unsafe extern "C" fn zarmour_pad_char(self_: *mut ZarmourT) -> c_char {
    guard(0, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a zarmour_t boxed by zarmour_new and not destroyed; as_ref yields None for
        // NULL, and the borrow ends with this call (C uses a CZMQ object from one thread at a
        // time, so nothing else aliases it meanwhile).
        unsafe { self_.as_ref() }.map_or(0, |a| a.pad_char() as c_char)
    })
}

/// `void zarmour_set_pad_char (zarmour_t *self, char pad_char)`: a
/// non-ASCII or NUL pad character is logged and ignored.
///
/// # Safety
/// `self_` is NULL or a live zarmour_t.
#[no_mangle]
pub unsafe extern "C" fn zarmour_set_pad_char(self_: *mut ZarmourT, pad_char: c_char) {
    guard((), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a zarmour_t boxed by zarmour_new and not destroyed; as_mut yields None for
        // NULL, and the &mut borrow ends with this call (C uses a CZMQ object from one thread
        // at a time, so nothing else aliases it meanwhile).
        if let Some(armour) = unsafe { self_.as_mut() } {
            if let Err(e) = armour.set_pad_char(pad_char as u8) {
                log::error!("zarmour_set_pad_char: {e}");
            }
        }
    })
}

/// `bool zarmour_line_breaks (zarmour_t *self)`; false for NULL.
///
/// # Safety
/// `self_` is NULL or a live zarmour_t.
#[no_mangle]
pub unsafe extern "C" fn zarmour_line_breaks(self_: *mut ZarmourT) -> bool {
    guard(false, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a zarmour_t boxed by zarmour_new and not destroyed; as_ref yields None for
        // NULL, and the borrow ends with this call (C uses a CZMQ object from one thread at a
        // time, so nothing else aliases it meanwhile).
        unsafe { self_.as_ref() }.is_some_and(|a| a.line_breaks())
    })
}

/// `void zarmour_set_line_breaks (zarmour_t *self, bool line_breaks)`.
///
/// # Safety
/// `self_` is NULL or a live zarmour_t.
#[no_mangle]
pub unsafe extern "C" fn zarmour_set_line_breaks(self_: *mut ZarmourT, line_breaks: bool) {
    guard((), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a zarmour_t boxed by zarmour_new and not destroyed; as_mut yields None for
        // NULL, and the &mut borrow ends with this call (C uses a CZMQ object from one thread
        // at a time, so nothing else aliases it meanwhile).
        if let Some(armour) = unsafe { self_.as_mut() } {
            armour.set_line_breaks(line_breaks);
        }
    })
}

/// `size_t zarmour_line_length (zarmour_t *self)`; 0 for NULL.
///
/// # Safety
/// `self_` is NULL or a live zarmour_t.
#[no_mangle]
pub unsafe extern "C" fn zarmour_line_length(self_: *mut ZarmourT) -> usize {
    guard(0, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a zarmour_t boxed by zarmour_new and not destroyed; as_ref yields None for
        // NULL, and the borrow ends with this call (C uses a CZMQ object from one thread at a
        // time, so nothing else aliases it meanwhile).
        unsafe { self_.as_ref() }.map_or(0, |a| a.line_length())
    })
}

/// `void zarmour_set_line_length (zarmour_t *self, size_t line_length)`.
///
/// # Safety
/// `self_` is NULL or a live zarmour_t.
#[no_mangle]
pub unsafe extern "C" fn zarmour_set_line_length(self_: *mut ZarmourT, line_length: usize) {
    guard((), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a zarmour_t boxed by zarmour_new and not destroyed; as_mut yields None for
        // NULL, and the &mut borrow ends with this call (C uses a CZMQ object from one thread
        // at a time, so nothing else aliases it meanwhile).
        if let Some(armour) = unsafe { self_.as_mut() } {
            armour.set_line_length(line_length);
        }
    })
}

/// `void zarmour_print (zarmour_t *self)`: the settings, as CZMQ's debug
/// log lines.
///
/// # Safety
/// `self_` is NULL or a live zarmour_t.
#[no_mangle]
pub unsafe extern "C" fn zarmour_print(self_: *mut ZarmourT) {
    guard((), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a zarmour_t boxed by zarmour_new and not destroyed; as_ref yields None for
        // NULL, and the borrow ends with this call (C uses a CZMQ object from one thread at a
        // time, so nothing else aliases it meanwhile).
        let Some(armour) = (unsafe { self_.as_ref() }) else {
            return;
        };
        czmq::zsys::debug("zarmour:");
        czmq::zsys::debug(format!("    mode:        {}", armour.mode().name()));
        czmq::zsys::debug(format!("    pad:         {}", armour.pad()));
        czmq::zsys::debug(format!(
            "    pad_char:    '{}'",
            char::from(armour.pad_char())
        ));
        czmq::zsys::debug(format!("    line_breaks: {}", armour.line_breaks()));
        czmq::zsys::debug(format!("    line_length: {}", armour.line_length()));
    })
}
