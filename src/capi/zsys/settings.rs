//! zsys's process-wide settings: thin C wrappers over `czmq::zsys`'s
//! getters and setters. Text getters return pointers CZMQ says stay owned
//! by the library; see [`interned`].

use std::ffi::{c_char, c_int, CString};
use std::sync::Mutex;
use std::time::Duration;

use czmq::zsys;

use super::super::ffi::{guard, opt_str};

/// A C string for `text` that stays valid for the rest of the process, as
/// CZMQ's `const char *zsys_interface (void)` and friends promise for as
/// long as the setting is unchanged (we keep every value ever returned,
/// so a pointer held across a later change stays valid too; settings
/// change rarely, so this stays small).
pub(crate) fn interned(text: &str) -> *const c_char {
    // A Vec, not a hash set: a handful of values, and its buffer points
    // at each string's start, so leak checkers see them as reachable.
    static STRINGS: Mutex<Vec<CString>> = Mutex::new(Vec::new());
    let Ok(owned) = CString::new(text) else {
        return c"".as_ptr();
    };
    let mut strings = STRINGS.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(existing) = strings.iter().find(|s| **s == owned) {
        return existing.as_ptr();
    }
    let ptr = owned.as_ptr();
    // The CString's heap buffer does not move when the CString itself is
    // moved into the Vec, so `ptr` stays valid while the Vec holds it
    // (forever: entries are never removed).
    strings.push(owned);
    ptr
}

fn to_i32(value: usize) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

macro_rules! size_setter {
    ($($c:ident => $rust:path),* $(,)?) => {$(
        /// CZMQ's process-wide default (applies to sockets created later).
        #[no_mangle]
        pub extern "C" fn $c(value: usize) {
            guard((), || $rust(to_i32(value)))
        }
    )*};
}

size_setter! {
    zsys_set_linger => zsys::set_linger,
    zsys_set_sndhwm => zsys::set_sndhwm,
    zsys_set_rcvhwm => zsys::set_rcvhwm,
    zsys_set_io_threads => zsys::set_io_threads,
    zsys_set_pipehwm => zsys::set_pipehwm,
}

/// `size_t zsys_pipehwm (void)`.
#[no_mangle]
pub extern "C" fn zsys_pipehwm() -> usize {
    guard(0, || usize::try_from(zsys::pipehwm()).unwrap_or(0))
}

/// `void zsys_set_max_sockets (size_t max_sockets)`: 0 means the most
/// libzmq allows (`zsys_socket_limit`), as in CZMQ.
#[no_mangle]
pub extern "C" fn zsys_set_max_sockets(max_sockets: usize) {
    guard((), || {
        let value = if max_sockets == 0 {
            zsys::socket_limit()
        } else {
            max_sockets
        };
        zsys::set_max_sockets(to_i32(value))
    })
}

/// `size_t zsys_socket_limit (void)`.
#[no_mangle]
pub extern "C" fn zsys_socket_limit() -> usize {
    guard(1024, zsys::socket_limit)
}

/// `void zsys_set_max_msgsz (int max_msgsz)`: negative values are
/// ignored, as in CZMQ.
#[no_mangle]
pub extern "C" fn zsys_set_max_msgsz(max_msgsz: c_int) {
    guard((), || {
        if max_msgsz >= 0 {
            zsys::set_max_msgsz(max_msgsz)
        }
    })
}

/// `int zsys_max_msgsz (void)`.
#[no_mangle]
pub extern "C" fn zsys_max_msgsz() -> c_int {
    guard(i32::MAX, zsys::max_msgsz)
}

/// `void zsys_set_thread_priority (int priority)`: negative ignored.
#[no_mangle]
pub extern "C" fn zsys_set_thread_priority(priority: c_int) {
    guard((), || {
        if priority >= 0 {
            zsys::set_thread_priority(priority)
        }
    })
}

/// `void zsys_set_thread_sched_policy (int policy)`: negative ignored.
#[no_mangle]
pub extern "C" fn zsys_set_thread_sched_policy(policy: c_int) {
    guard((), || {
        if policy >= 0 {
            zsys::set_thread_sched_policy(policy)
        }
    })
}

/// `void zsys_set_thread_name_prefix (int prefix)`.
#[no_mangle]
pub extern "C" fn zsys_set_thread_name_prefix(prefix: c_int) {
    guard((), || zsys::set_thread_name_prefix(prefix))
}

/// `int zsys_thread_name_prefix (void)`.
#[no_mangle]
pub extern "C" fn zsys_thread_name_prefix() -> c_int {
    guard(-1, zsys::thread_name_prefix)
}

/// `void zsys_set_thread_name_prefix_str (const char *prefix)` (DRAFT).
///
/// # Safety
/// `prefix` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn zsys_set_thread_name_prefix_str(prefix: *const c_char) {
    guard((), || {
        // SAFETY: the caller passes NULL or a C string, which opt_str accepts.
        if let Some(text) = unsafe { opt_str(prefix) } {
            zsys::set_thread_name_prefix_str(text)
        }
    })
}

/// `const char *zsys_thread_name_prefix_str (void)` (DRAFT).
#[no_mangle]
pub extern "C" fn zsys_thread_name_prefix_str() -> *const c_char {
    guard(c"0".as_ptr(), || interned(&zsys::thread_name_prefix_str()))
}

/// `void zsys_thread_affinity_cpu_add (int cpu)`.
#[no_mangle]
pub extern "C" fn zsys_thread_affinity_cpu_add(cpu: c_int) {
    guard((), || zsys::thread_affinity_cpu_add(cpu))
}

/// `void zsys_thread_affinity_cpu_remove (int cpu)`.
#[no_mangle]
pub extern "C" fn zsys_thread_affinity_cpu_remove(cpu: c_int) {
    guard((), || zsys::thread_affinity_cpu_remove(cpu))
}

/// `void zsys_set_zero_copy_recv (int zero_copy)` (DRAFT).
#[no_mangle]
pub extern "C" fn zsys_set_zero_copy_recv(zero_copy: c_int) {
    guard((), || zsys::set_zero_copy_recv(zero_copy != 0))
}

/// `int zsys_zero_copy_recv (void)` (DRAFT).
#[no_mangle]
pub extern "C" fn zsys_zero_copy_recv() -> c_int {
    guard(1, || c_int::from(zsys::zero_copy_recv()))
}

/// `void zsys_set_file_stable_age_msec (int64_t msecs)` (DRAFT): values
/// below 1 are ignored, as in CZMQ.
#[no_mangle]
pub extern "C" fn zsys_set_file_stable_age_msec(msecs: i64) {
    guard((), || {
        if let Ok(ms) = u64::try_from(msecs) {
            if ms > 0 {
                zsys::set_file_stable_age(Duration::from_millis(ms))
            }
        }
    })
}

/// `int64_t zsys_file_stable_age_msec (void)` (DRAFT).
#[no_mangle]
pub extern "C" fn zsys_file_stable_age_msec() -> i64 {
    guard(0, || {
        i64::try_from(zsys::file_stable_age().as_millis()).unwrap_or(i64::MAX)
    })
}

/// `void zsys_set_ipv6 (int ipv6)`.
#[no_mangle]
pub extern "C" fn zsys_set_ipv6(ipv6: c_int) {
    guard((), || zsys::set_ipv6(ipv6 != 0))
}

/// `int zsys_ipv6 (void)`.
#[no_mangle]
pub extern "C" fn zsys_ipv6() -> c_int {
    guard(0, || c_int::from(zsys::ipv6()))
}

/// `bool zsys_ipv6_available (void)` (DRAFT).
#[no_mangle]
pub extern "C" fn zsys_ipv6_available() -> bool {
    guard(false, zsys::ipv6_available)
}

/// `void zsys_set_auto_use_fd (int auto_use_fd)`.
#[no_mangle]
pub extern "C" fn zsys_set_auto_use_fd(auto_use_fd: c_int) {
    guard((), || zsys::set_auto_use_fd(auto_use_fd != 0))
}

/// `int zsys_auto_use_fd (void)`.
#[no_mangle]
pub extern "C" fn zsys_auto_use_fd() -> c_int {
    guard(0, || c_int::from(zsys::auto_use_fd()))
}

/// `void zsys_set_mcast_ttl (byte value)` (DRAFT).
#[no_mangle]
pub extern "C" fn zsys_set_mcast_ttl(value: u8) {
    guard((), || zsys::set_mcast_ttl(i32::from(value)))
}

/// `byte zsys_mcast_ttl (void)` (DRAFT).
#[no_mangle]
pub extern "C" fn zsys_mcast_ttl() -> u8 {
    guard(1, || u8::try_from(zsys::mcast_ttl()).unwrap_or(u8::MAX))
}

/// Defines a C setter and getter pair over a text setting of czmq's zsys.
macro_rules! text_setting {
    ($($set:ident => $rust_set:path, $get:ident => $rust_get:path;)*) => {$(
        /// CZMQ's text setter; NULL is ignored.
        ///
        /// # Safety
        /// `value` is NULL or a NUL-terminated string.
        #[no_mangle]
        pub unsafe extern "C" fn $set(value: *const c_char) {
            guard((), || {
                // SAFETY: the caller passes NULL or a C string, which
                // opt_str accepts; the borrow ends within this call.
                if let Some(v) = unsafe { opt_str(value) } {
                    $rust_set(v);
                }
            })
        }

        /// CZMQ's text getter: a string the library keeps ("" if unset).
        #[no_mangle]
        pub extern "C" fn $get() -> *const c_char {
            guard(c"".as_ptr(), || interned(&$rust_get()))
        }
    )*};
}

text_setting! {
    zsys_set_interface => zsys::set_interface, zsys_interface => zsys::interface;
    zsys_set_ipv6_address => zsys::set_ipv6_address, zsys_ipv6_address => zsys::ipv6_address;
    zsys_set_ipv6_mcast_address => zsys::set_ipv6_mcast_address,
        zsys_ipv6_mcast_address => zsys::ipv6_mcast_address;
}

/// `void zsys_set_ipv4_mcast_address (const char *value)` (DRAFT): NULL
/// or "" means broadcast.
///
/// # Safety
/// `value` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn zsys_set_ipv4_mcast_address(value: *const c_char) {
    guard((), || {
        // SAFETY: the caller passes NULL or a C string, which opt_str accepts.
        zsys::set_ipv4_mcast_address(unsafe { opt_str(value) })
    })
}

/// `const char *zsys_ipv4_mcast_address (void)` (DRAFT): NULL when
/// beacons broadcast.
#[no_mangle]
pub extern "C" fn zsys_ipv4_mcast_address() -> *const c_char {
    guard(std::ptr::null(), || {
        zsys::ipv4_mcast_address().map_or(std::ptr::null(), |a| interned(&a))
    })
}

/// `void zsys_version (int *major, int *minor, int *patch)`: CZMQ's API
/// level, 4.2.1; NULL pointers are skipped.
///
/// # Safety
/// Each pointer is NULL or valid for writing an int.
#[no_mangle]
pub unsafe extern "C" fn zsys_version(major: *mut c_int, minor: *mut c_int, patch: *mut c_int) {
    guard((), || {
        let (a, b, c) = zsys::version();
        for (p, v) in [(major, a), (minor, b), (patch, c)] {
            if !p.is_null() {
                // SAFETY: non-null, and the caller promises it is writable.
                unsafe { *p = v };
            }
        }
    })
}

/// `bool zsys_has_curve (void)`.
#[no_mangle]
pub extern "C" fn zsys_has_curve() -> bool {
    guard(false, zsys::has_curve)
}
