//! C strings the containers own or borrow: allocated with libc's malloc
//! (C callers free them with free or zstr_free, and C's strdup'd strings
//! come back to us to free), plus CZMQ's default callbacks as C functions.

use std::ffi::{c_char, c_int, c_void, CStr};

/// The bytes of the C string at `p` (empty for NULL).
///
/// # Safety
/// `p` is NULL or NUL-terminated and outlives the borrow.
pub(crate) unsafe fn bytes_of<'a>(p: *const c_void) -> &'a [u8] {
    if p.is_null() {
        return &[];
    }
    // SAFETY: `p` is non-null here, and bytes_of's caller guarantees it is NUL-terminated and
    // outlives the borrow, which is what CStr::from_ptr requires.
    unsafe { CStr::from_ptr(p as *const c_char) }.to_bytes()
}

/// A malloc'd copy of the C string at `p` (NULL for NULL or no memory).
///
/// # Safety
/// As [`bytes_of`].
pub(crate) unsafe fn strdup(p: *const c_void) -> *mut c_void {
    if p.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: `p` is non-null, and strdup's caller guarantees (as bytes_of's contract) that it
    // is NUL-terminated and live for this call; the bytes are copied before we return.
    crate::capi::ffi::malloc_bytes(unsafe { bytes_of(p) }) as *mut c_void
}

/// Frees what libc's malloc gave (NULL is fine).
///
/// # Safety
/// `p` is NULL or from malloc/strdup and not used afterwards.
pub(crate) unsafe fn free(p: *mut c_void) {
    // SAFETY: free's caller guarantees `p` is NULL or from libc's malloc (malloc_bytes/strdup
    // or C's strdup) and not used afterwards, which is what libc::free requires.
    unsafe { libc::free(p) }
}

/// CZMQ's default key (and zhashx_load's item) duplicator, `strdup`.
///
/// # Safety
/// `item` is NULL or a NUL-terminated string.
pub(crate) unsafe extern "C" fn dup_string(item: *const c_void) -> *mut c_void {
    // SAFETY: C calls this as a duplicator, whose contract is that `item` is NULL or a
    // NUL-terminated string live for the call; that is strdup's requirement.
    unsafe { strdup(item) }
}

/// CZMQ's default key destructor, `zstr_free`: frees `*item`, NULLs it.
///
/// # Safety
/// `item` is NULL or points to NULL or to a string from malloc.
pub(crate) unsafe extern "C" fn free_string(item: *mut *mut c_void) {
    if item.is_null() {
        return;
    }
    // SAFETY: item is a valid pointer to a malloc'd pointer (or NULL).
    unsafe {
        free(*item);
        *item = std::ptr::null_mut();
    }
}

/// `strcmp` on two C strings.
///
/// # Safety
/// Both are NUL-terminated.
pub(crate) unsafe extern "C" fn compare_strings(a: *const c_void, b: *const c_void) -> c_int {
    // SAFETY: compare_strings' caller (a container using it as its comparator) guarantees both
    // are NUL-terminated strings live for the call, which is what bytes_of needs.
    let (a, b) = unsafe { (bytes_of(a), bytes_of(b)) };
    a.cmp(b) as c_int
}
