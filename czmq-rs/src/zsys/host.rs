//! The host's name, as CZMQ's `zsys_hostname` reports it.

use std::ffi::{CStr, CString};

/// The host's canonical name (the resolver's name for `gethostname`,
/// usually the fully qualified one), or the bare host name when the
/// resolver does not know it; None if even that fails.
///
/// ```
/// let name = czmq::zsys::hostname().unwrap();
/// assert!(!name.is_empty());
/// ```
pub fn hostname() -> Option<String> {
    let mut buffer = [0 as libc::c_char; 1025];
    // SAFETY: the buffer is writable for its whole length, which we pass;
    // the last byte is never written, so the result stays NUL-terminated.
    let rc = unsafe { libc::gethostname(buffer.as_mut_ptr(), buffer.len() - 1) };
    if rc != 0 {
        return None;
    }
    // SAFETY: gethostname wrote a NUL-terminated name (see above).
    let short = unsafe { CStr::from_ptr(buffer.as_ptr()) }.to_owned();
    Some(canonical_name(&short).unwrap_or_else(|| short.to_string_lossy().into_owned()))
}

/// The resolver's canonical name for `host`.
fn canonical_name(host: &CStr) -> Option<String> {
    // SAFETY: an all-zero addrinfo is a valid "no hints" value.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_flags = libc::AI_CANONNAME;
    let mut list: *mut libc::addrinfo = std::ptr::null_mut();
    let host = CString::from(host);
    // SAFETY: valid NUL-terminated host, valid hints, and an out-pointer
    // that getaddrinfo fills only on success.
    let rc = unsafe { libc::getaddrinfo(host.as_ptr(), std::ptr::null(), &hints, &mut list) };
    if rc != 0 || list.is_null() {
        return None;
    }
    // SAFETY: on success `list` is a valid addrinfo list; with
    // AI_CANONNAME its first entry's ai_canonname is NULL or a string.
    let canon = unsafe {
        let name = (*list).ai_canonname;
        (!name.is_null()).then(|| CStr::from_ptr(name).to_string_lossy().into_owned())
    };
    // SAFETY: `list` came from getaddrinfo and is freed once.
    unsafe { libc::freeaddrinfo(list) };
    canon.filter(|name| !name.is_empty())
}
