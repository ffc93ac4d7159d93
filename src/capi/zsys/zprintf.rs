//! zsys_zprintf and friends (CZMQ DRAFT, used by CZMQ's own selftest):
//! `czmq::zsys::zprintf` with a zhash_t or a zconfig_t tree as the lookup.
//! The container functions are called through their C symbols, so this
//! file depends only on their C API.

use std::borrow::Cow;
use std::ffi::{c_char, c_void, CStr};

use czmq::zsys;

use super::super::ffi::{guard, malloc_str, opt_str};

extern "C" {
    fn zhash_lookup(hash: *mut c_void, key: *const c_char) -> *mut c_void;
    fn zconfig_locate(config: *mut c_void, path: *const c_char) -> *mut c_void;
    fn zconfig_value(config: *mut c_void) -> *mut c_char;
}

/// A value a C container handed back, as text (NULL: not found).
///
/// # Safety
/// `value` is NULL or a NUL-terminated string that outlives the format.
unsafe fn text<'a>(value: *const c_char) -> Option<Cow<'a, str>> {
    if value.is_null() {
        return None;
    }
    // SAFETY: non-null and NUL-terminated by this function's contract.
    Some(unsafe { CStr::from_ptr(value) }.to_string_lossy())
}

/// Runs the formatter; `validate` picks CZMQ's two results: the text (or
/// NULL on error), or the error message (or NULL when it formats).
///
/// # Safety
/// `format` is NULL or NUL-terminated; `lookup` only returns pointers to
/// strings that live until this call returns.
unsafe fn run(
    format: *const c_char,
    validate: bool,
    lookup: impl Fn(&str) -> *const c_char,
) -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        // SAFETY: NULL or a C string, which opt_str accepts.
        let Some(format) = (unsafe { opt_str(format) }) else {
            return std::ptr::null_mut();
        };
        let lookup = |key: &str| {
            let found = lookup(key);
            // SAFETY: lookup's contract (strings owned by the container,
            // unchanged during the call).
            unsafe { text(found) }
        };
        match (zsys::zprintf(format, lookup), validate) {
            (Ok(out), false) => malloc_str(&out),
            (Err(message), true) => malloc_str(&message),
            _ => std::ptr::null_mut(),
        }
    })
}

/// A key as a C string for the container's lookup (None if it holds NUL).
fn c_key(key: &str) -> Option<std::ffi::CString> {
    std::ffi::CString::new(key).ok()
}

fn hash_lookup(args: *mut c_void) -> impl Fn(&str) -> *const c_char {
    move |key| match c_key(key) {
        // SAFETY: args is a live zhash_t (the callers' contract) and the
        // key a valid C string; zhash_lookup returns the stored item or NULL.
        Some(key) if !args.is_null() => unsafe { zhash_lookup(args, key.as_ptr()) }.cast(),
        _ => std::ptr::null(),
    }
}

fn config_lookup(args: *mut c_void) -> impl Fn(&str) -> *const c_char {
    move |key| match c_key(key) {
        Some(key) if !args.is_null() => {
            // SAFETY: args is a live zconfig_t (the callers' contract); the
            // located node and its value belong to the tree.
            unsafe {
                let node = zconfig_locate(args, key.as_ptr());
                if node.is_null() {
                    std::ptr::null()
                } else {
                    zconfig_value(node).cast_const()
                }
            }
        }
        _ => std::ptr::null(),
    }
}

/// `char *zsys_zprintf (const char *format, zhash_t *args)`: `%(key)s`
/// replaced by the hash's string items; NULL if a key is missing.
///
/// # Safety
/// `format` is NULL or NUL-terminated; `args` is NULL or a live zhash_t
/// whose items are strings.
#[no_mangle]
pub unsafe extern "C" fn zsys_zprintf(format: *const c_char, args: *mut c_void) -> *mut c_char {
    // SAFETY: the lookup returns the hash's own strings, alive for the call.
    unsafe { run(format, false, hash_lookup(args)) }
}

/// `char *zsys_zprintf_error (const char *format, zhash_t *args)`: the
/// error zsys_zprintf would meet, as text; NULL if none.
///
/// # Safety
/// As [`zsys_zprintf`].
#[no_mangle]
pub unsafe extern "C" fn zsys_zprintf_error(
    format: *const c_char,
    args: *mut c_void,
) -> *mut c_char {
    // SAFETY: as in zsys_zprintf.
    unsafe { run(format, true, hash_lookup(args)) }
}

/// `char *zsys_zplprintf (const char *format, zconfig_t *args)`: keys are
/// paths in the config tree ("server/port").
///
/// # Safety
/// `format` is NULL or NUL-terminated; `args` is NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zsys_zplprintf(format: *const c_char, args: *mut c_void) -> *mut c_char {
    // SAFETY: the lookup returns the tree's own values, alive for the call.
    unsafe { run(format, false, config_lookup(args)) }
}

/// `char *zsys_zplprintf_error (const char *format, zconfig_t *args)`.
///
/// # Safety
/// As [`zsys_zplprintf`].
#[no_mangle]
pub unsafe extern "C" fn zsys_zplprintf_error(
    format: *const c_char,
    args: *mut c_void,
) -> *mut c_char {
    // SAFETY: as in zsys_zplprintf.
    unsafe { run(format, true, config_lookup(args)) }
}
