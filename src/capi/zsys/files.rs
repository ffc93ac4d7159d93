//! zsys's file and directory helpers over `czmq::zsys`. zsys_dir_create
//! and zsys_dir_delete take printf formats: src/shim/zsys.c formats the
//! path and calls the `czmq_rs_zsys_dir_*` functions here.

use std::ffi::{c_char, c_int, CStr, OsStr};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::time::UNIX_EPOCH;

use czmq::zsys;

use super::super::ffi::guard;

/// Borrows a C path (any bytes, as POSIX paths are); None for NULL.
///
/// # Safety
/// `p` is NULL or a NUL-terminated string that outlives the borrow.
unsafe fn opt_path<'a>(p: *const c_char) -> Option<&'a Path> {
    if p.is_null() {
        return None;
    }
    // SAFETY: non-null and NUL-terminated, as the caller guarantees.
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
    Some(Path::new(OsStr::from_bytes(bytes)))
}

/// 0 for success, -1 for failure: CZMQ's convention.
fn rc(result: std::io::Result<()>) -> c_int {
    if result.is_ok() {
        0
    } else {
        -1
    }
}

/// `bool zsys_file_exists (const char *filename)`.
///
/// # Safety
/// `filename` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn zsys_file_exists(filename: *const c_char) -> bool {
    guard(false, || {
        // SAFETY: NULL or a C string, which opt_path accepts.
        unsafe { opt_path(filename) }.is_some_and(zsys::file_exists)
    })
}

/// `ssize_t zsys_file_size (const char *filename)`: -1 if not found.
///
/// # Safety
/// As [`zsys_file_exists`].
#[no_mangle]
pub unsafe extern "C" fn zsys_file_size(filename: *const c_char) -> isize {
    guard(-1, || {
        // SAFETY: NULL or a C string, which opt_path accepts.
        unsafe { opt_path(filename) }
            .and_then(zsys::file_size)
            .map_or(-1, |size| isize::try_from(size).unwrap_or(isize::MAX))
    })
}

/// `time_t zsys_file_modified (const char *filename)`: seconds since the
/// epoch, 0 if not found.
///
/// # Safety
/// As [`zsys_file_exists`].
#[no_mangle]
pub unsafe extern "C" fn zsys_file_modified(filename: *const c_char) -> libc::time_t {
    guard(0, || {
        // SAFETY: NULL or a C string, which opt_path accepts.
        unsafe { opt_path(filename) }
            .and_then(zsys::file_modified)
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| libc::time_t::try_from(d.as_secs()).unwrap_or(0))
    })
}

/// `int zsys_file_mode (const char *filename)`: the st_mode, -1 if not
/// found.
///
/// # Safety
/// As [`zsys_file_exists`].
#[no_mangle]
pub unsafe extern "C" fn zsys_file_mode(filename: *const c_char) -> c_int {
    guard(-1, || {
        // SAFETY: NULL or a C string, which opt_path accepts.
        unsafe { opt_path(filename) }
            .and_then(zsys::file_mode)
            .map_or(-1, |mode| c_int::try_from(mode).unwrap_or(-1))
    })
}

/// `int zsys_file_delete (const char *filename)`: 0 or -1.
///
/// # Safety
/// As [`zsys_file_exists`].
#[no_mangle]
pub unsafe extern "C" fn zsys_file_delete(filename: *const c_char) -> c_int {
    guard(-1, || {
        // SAFETY: NULL or a C string, which opt_path accepts.
        unsafe { opt_path(filename) }.map_or(-1, |p| rc(zsys::file_delete(p)))
    })
}

/// `bool zsys_file_stable (const char *filename)`.
///
/// # Safety
/// As [`zsys_file_exists`].
#[no_mangle]
pub unsafe extern "C" fn zsys_file_stable(filename: *const c_char) -> bool {
    guard(false, || {
        // SAFETY: NULL or a C string, which opt_path accepts.
        unsafe { opt_path(filename) }.is_some_and(zsys::file_stable)
    })
}

/// zsys_dir_create's body, with the path already formatted.
///
/// # Safety
/// As [`zsys_file_exists`].
#[no_mangle]
pub unsafe extern "C" fn czmq_rs_zsys_dir_create(pathname: *const c_char) -> c_int {
    guard(-1, || {
        // SAFETY: NULL or a C string, which opt_path accepts.
        unsafe { opt_path(pathname) }.map_or(-1, |p| rc(zsys::dir_create(p)))
    })
}

/// zsys_dir_delete's body, with the path already formatted.
///
/// # Safety
/// As [`zsys_file_exists`].
#[no_mangle]
pub unsafe extern "C" fn czmq_rs_zsys_dir_delete(pathname: *const c_char) -> c_int {
    guard(-1, || {
        // SAFETY: NULL or a C string, which opt_path accepts.
        unsafe { opt_path(pathname) }.map_or(-1, |p| rc(zsys::dir_delete(p)))
    })
}

/// `int zsys_dir_change (const char *pathname)`: 0 or -1.
///
/// # Safety
/// As [`zsys_file_exists`].
#[no_mangle]
pub unsafe extern "C" fn zsys_dir_change(pathname: *const c_char) -> c_int {
    guard(-1, || {
        // SAFETY: NULL or a C string, which opt_path accepts.
        unsafe { opt_path(pathname) }.map_or(-1, |p| rc(zsys::dir_change(p)))
    })
}

/// `void zsys_file_mode_private (void)`.
#[no_mangle]
pub extern "C" fn zsys_file_mode_private() {
    guard((), zsys::file_mode_private)
}

/// `void zsys_file_mode_default (void)`.
#[no_mangle]
pub extern "C" fn zsys_file_mode_default() {
    guard((), zsys::file_mode_default)
}

/// `int zsys_daemonize (const char *workdir)`: 0 in the child (the parent
/// exits), -1 on failure.
///
/// # Safety
/// `workdir` is NULL or a NUL-terminated string; as CZMQ requires, the
/// process has no other threads yet (see `czmq::zsys::daemonize`).
#[no_mangle]
pub unsafe extern "C" fn zsys_daemonize(workdir: *const c_char) -> c_int {
    guard(-1, || {
        // SAFETY: NULL or a C string, which opt_path accepts.
        let dir = unsafe { opt_path(workdir) };
        // SAFETY: single-threaded by this function's contract, which is
        // the one daemonize states.
        rc(unsafe { zsys::daemonize(dir) })
    })
}

/// `int zsys_run_as (const char *lockfile, const char *group, const char
/// *user)`: 0 or -1 (the reason is logged).
///
/// # Safety
/// Each argument is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn zsys_run_as(
    lockfile: *const c_char,
    group: *const c_char,
    user: *const c_char,
) -> c_int {
    guard(-1, || {
        // SAFETY: NULL or C strings, which opt_path and opt_str accept.
        let (lockfile, group, user) = unsafe {
            (
                opt_path(lockfile),
                super::super::ffi::opt_str(group),
                super::super::ffi::opt_str(user),
            )
        };
        match zsys::run_as(lockfile, group, user) {
            Ok(()) => 0,
            Err(e) => {
                zsys::error(format_args!("zsys_run_as: {e}"));
                -1
            }
        }
    })
}
