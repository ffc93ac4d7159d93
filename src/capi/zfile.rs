//! zfile: `zfile_t *` is a boxed [`czmq::File`]; files lent by a zdir
//! (zdir_flatten, zdir_list) are the Dir's own and are refused by
//! zfile_destroy (only files this library gave out are listed live).

use std::ffi::{c_char, c_int};

use czmq::{zsys, File};

use super::ffi::{self, guard, opt_bytes, opt_str};
use super::zchunk::{chunk_mut, ZchunkT};

/// `zfile_t`: the Rust [`File`].
pub type ZfileT = File;

/// The file behind `p`.
///
/// # Safety
/// `p` is NULL or a live zfile_t (given out by this library or lent by a
/// zdir) used by no one else during the call.
unsafe fn file<'a>(p: *mut ZfileT) -> Option<&'a mut File> {
    // SAFETY: `p` is NULL (as_mut gives None) or, by file's contract, a File this library
    // boxed (zfile_new/tmp/dup) or one a zdir owns and lent; either way it is allocated,
    // initialised and aligned until C destroys the file or its dir. C drives a zfile_t from
    // one thread and the C face keeps no reference of its own to it, so the &mut handed out
    // for the call is the only one.
    unsafe { p.as_mut() }
}

/// `zfile_t *zfile_new (const char *path, const char *name)`.
///
/// # Safety
/// `path` is NULL or a C string; `name` is NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zfile_new(path: *const c_char, name: *const c_char) -> *mut ZfileT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: zfile_new's caller passes `path` and `name` as NULL or NUL-terminated strings
        // it keeps alive for the call; opt_str returns None for NULL, and File::new copies
        // both before the borrows end.
        let (path, name) = unsafe { (opt_str(path), opt_str(name)) };
        match name {
            Some(name) => ffi::boxed(File::new(path, name)),
            None => std::ptr::null_mut(),
        }
    })
}

/// `zfile_t *zfile_tmp (void)`.
#[no_mangle]
pub extern "C" fn zfile_tmp() -> *mut ZfileT {
    guard(std::ptr::null_mut(), || {
        File::tmp().map_or(std::ptr::null_mut(), ffi::boxed)
    })
}

/// `void zfile_destroy (zfile_t **self_p)`.
///
/// # Safety
/// `self_p` is NULL or points to a writable `zfile_t *`.
#[no_mangle]
pub unsafe extern "C" fn zfile_destroy(self_p: *mut *mut ZfileT) {
    guard((), || {
        // SAFETY: `self_p` is NULL or C's writable `zfile_t *` variable (the caller's
        // contract), which is all take needs: it reads *self_p, and only a pointer listed in
        // the live registry as a File this library handed out is turned back into its Box
        // (once: take NULLs *self_p). A file lent by a zdir is not listed, so the dir keeps it.
        drop(unsafe { ffi::take(self_p) });
    })
}

/// `zfile_t *zfile_dup (zfile_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zfile_t.
#[no_mangle]
pub unsafe extern "C" fn zfile_dup(self_: *mut ZfileT) -> *mut ZfileT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: zfile_dup's caller passes NULL or a live zfile_t (ours or lent by a zdir),
        // which is file's contract; the borrow ends once dup has copied it into a new Box.
        unsafe { file(self_) }.map_or(std::ptr::null_mut(), |f| ffi::boxed(f.dup()))
    })
}

/// `const char *zfile_filename (zfile_t *self, const char *path)`.
///
/// # Safety
/// `self_` is NULL or a live zfile_t; `path` NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zfile_filename(self_: *mut ZfileT, path: *const c_char) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: zfile_filename's caller passes `self_` as NULL or a live zfile_t (file's
        // contract) and `path` as NULL or a NUL-terminated string alive for the call
        // (opt_bytes'); `path` is a separate C string, so it does not alias the File. The
        // returned pointer points into the File's full name, which no zfile call changes,
        // so it stays valid while the File lives.
        let (f, path) = unsafe { (file(self_), opt_bytes(path)) };
        f.map_or(std::ptr::null(), |f| f.filename_c(path).as_ptr())
    })
}

macro_rules! simple {
    ($(#[$doc:meta])* $name:ident, $ret:ty, $fail:expr, |$f:ident| $body:expr) => {
        $(#[$doc])*
        ///
        /// # Safety
        /// `self_` is NULL or a live zfile_t.
        #[no_mangle]
        pub unsafe extern "C" fn $name(self_: *mut ZfileT) -> $ret {
            guard($fail, || {
                // SAFETY: each function made by this macro documents that `self_` is NULL or
                // a live zfile_t, which is file's contract; the &mut lives for `$body` only,
                // and `$body` hands C nothing but plain values or pointers into the File
                // (digest text, FILE handle) that stay valid while the File lives.
                match unsafe { file(self_) } {
                    Some($f) => $body,
                    None => $fail,
                }
            })
        }
    };
}

simple!(
    /// `void zfile_restat (zfile_t *self)`.
    zfile_restat, (), (), |f| f.restat()
);
simple!(
    /// `time_t zfile_modified (zfile_t *self)`.
    zfile_modified, libc::time_t, 0, |f| f.modified() as libc::time_t
);
simple!(
    /// `off_t zfile_cursize (zfile_t *self)`.
    zfile_cursize, libc::off_t, 0, |f| f.cursize() as libc::off_t
);
simple!(
    /// `bool zfile_is_directory (zfile_t *self)`.
    zfile_is_directory, bool, false, |f| f.is_directory()
);
simple!(
    /// `bool zfile_is_regular (zfile_t *self)`.
    zfile_is_regular, bool, false, |f| f.is_regular()
);
simple!(
    /// `bool zfile_is_readable (zfile_t *self)`.
    zfile_is_readable, bool, false, |f| f.is_readable()
);
simple!(
    /// `bool zfile_is_writeable (zfile_t *self)`.
    zfile_is_writeable, bool, false, |f| f.is_writeable()
);
simple!(
    /// `bool zfile_is_stable (zfile_t *self)`.
    zfile_is_stable, bool, false, |f| f.is_stable()
);
simple!(
    /// `bool zfile_has_changed (zfile_t *self)`.
    zfile_has_changed, bool, false, |f| f.has_changed()
);
simple!(
    /// `void zfile_remove (zfile_t *self)`.
    zfile_remove, (), (), |f| f.remove()
);
simple!(
    /// `int zfile_input (zfile_t *self)`.
    zfile_input, c_int, -1, |f| if f.input().is_ok() { 0 } else { -1 }
);
simple!(
    /// `int zfile_output (zfile_t *self)`.
    zfile_output, c_int, -1, |f| if f.output().is_ok() { 0 } else { -1 }
);
simple!(
    /// `bool zfile_eof (zfile_t *self)`.
    zfile_eof, bool, false, |f| f.eof()
);
simple!(
    /// `const char *zfile_readln (zfile_t *self)`.
    zfile_readln, *const c_char, std::ptr::null(), |f| f.readln().map_or(std::ptr::null(), |l| l.as_ptr())
);
simple!(
    /// `void zfile_close (zfile_t *self)`.
    zfile_close, (), (), |f| f.close()
);
simple!(
    /// `FILE *zfile_handle (zfile_t *self)`.
    zfile_handle, *mut libc::FILE, std::ptr::null_mut(), |f| f.handle()
);
simple!(
    /// `const char *zfile_digest (zfile_t *self)`.
    zfile_digest, *const c_char, std::ptr::null(), |f| f.digest().map_or(std::ptr::null(), |d| d.as_ptr())
);

/// `zchunk_t *zfile_read (zfile_t *self, size_t bytes, off_t offset)`.
///
/// # Safety
/// `self_` is NULL or a live zfile_t.
#[no_mangle]
pub unsafe extern "C" fn zfile_read(
    self_: *mut ZfileT,
    bytes: usize,
    offset: libc::off_t,
) -> *mut ZchunkT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: zfile_read's caller passes NULL or a live zfile_t, file's contract; the
        // chunk read is a new object boxed for C, so nothing borrowed from the File outlives
        // the call.
        match unsafe { file(self_) }.map(|f| f.read(bytes, offset)) {
            Some(Ok(chunk)) => ffi::boxed(chunk),
            _ => std::ptr::null_mut(),
        }
    })
}

/// `int zfile_write (zfile_t *self, zchunk_t *chunk, off_t offset)`.
///
/// # Safety
/// `self_` is NULL or a live zfile_t; `chunk` NULL or a live zchunk_t.
#[no_mangle]
pub unsafe extern "C" fn zfile_write(
    self_: *mut ZfileT,
    chunk: *mut ZchunkT,
    offset: libc::off_t,
) -> c_int {
    guard(-1, || {
        // SAFETY: zfile_write's caller passes `self_` as NULL or a live zfile_t (file's
        // contract) and `chunk` as NULL or a live zchunk_t (chunk_mut's); a File and a Chunk
        // are distinct allocations, so the two &mut do not alias, and both end with the call.
        match unsafe { (file(self_), chunk_mut(chunk)) } {
            (Some(f), Some(chunk)) => match f.write(chunk, offset) {
                Ok(()) => 0,
                Err(_) => -1,
            },
            _ => -1,
        }
    })
}

/// Runs `body` on a C file name; `fail` for NULL.
///
/// # Safety
/// `name` is NULL or a C string.
unsafe fn with_name<T: Copy>(name: *const c_char, fail: T, body: impl FnOnce(&str) -> T) -> T {
    guard(fail, || {
        // SAFETY: with_name's caller guarantees `name` is NULL or a NUL-terminated string
        // alive for the call, which is opt_str's requirement; `body` gets a &str that does not
        // outlive this closure.
        match unsafe { opt_str(name) } {
            Some(name) => body(name),
            None => fail,
        }
    })
}

/// `bool zfile_exists (const char *filename)`.
///
/// # Safety
/// `filename` is NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zfile_exists(filename: *const c_char) -> bool {
    // SAFETY: this function's caller passes a name that is NULL or a NUL-terminated string
    // alive for the call, exactly with_name's contract; the closure only reads the &str.
    unsafe { with_name(filename, false, |n| zsys::file_exists(n)) }
}

/// `ssize_t zfile_size (const char *filename)`.
///
/// # Safety
/// `filename` is NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zfile_size(filename: *const c_char) -> isize {
    // SAFETY: this function's caller passes a name that is NULL or a NUL-terminated string
    // alive for the call, exactly with_name's contract; the closure only reads the &str.
    unsafe {
        with_name(filename, -1, |n| {
            zsys::file_size(n).map_or(-1, |s| s as isize)
        })
    }
}

/// `mode_t zfile_mode (const char *filename)`.
///
/// # Safety
/// `filename` is NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zfile_mode(filename: *const c_char) -> libc::mode_t {
    // SAFETY: this function's caller passes a name that is NULL or a NUL-terminated string
    // alive for the call, exactly with_name's contract; the closure only reads the &str.
    unsafe {
        with_name(filename, libc::mode_t::MAX, |n| {
            zsys::file_mode(n).unwrap_or(u32::MAX)
        })
    }
}

/// `int zfile_delete (const char *filename)`.
///
/// # Safety
/// `filename` is NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zfile_delete(filename: *const c_char) -> c_int {
    // SAFETY: this function's caller passes a name that is NULL or a NUL-terminated string
    // alive for the call, exactly with_name's contract; the closure only reads the &str.
    unsafe {
        with_name(filename, -1, |n| {
            if zsys::file_delete(n).is_ok() {
                0
            } else {
                -1
            }
        })
    }
}

/// `bool zfile_stable (const char *filename)`.
///
/// # Safety
/// `filename` is NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zfile_stable(filename: *const c_char) -> bool {
    // SAFETY: this function's caller passes a name that is NULL or a NUL-terminated string
    // alive for the call, exactly with_name's contract; the closure only reads the &str.
    unsafe { with_name(filename, false, |n| zsys::file_stable(n)) }
}

/// `int zfile_mkdir (const char *pathname)`.
///
/// # Safety
/// `pathname` is NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zfile_mkdir(pathname: *const c_char) -> c_int {
    // SAFETY: this function's caller passes a name that is NULL or a NUL-terminated string
    // alive for the call, exactly with_name's contract; the closure only reads the &str.
    unsafe {
        with_name(pathname, -1, |n| {
            if zsys::dir_create(n).is_ok() {
                0
            } else {
                -1
            }
        })
    }
}

/// `int zfile_rmdir (const char *pathname)`.
///
/// # Safety
/// `pathname` is NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zfile_rmdir(pathname: *const c_char) -> c_int {
    // SAFETY: this function's caller passes a name that is NULL or a NUL-terminated string
    // alive for the call, exactly with_name's contract; the closure only reads the &str.
    unsafe {
        with_name(pathname, -1, |n| {
            if zsys::dir_delete(n).is_ok() {
                0
            } else {
                -1
            }
        })
    }
}

/// `void zfile_mode_private (void)`.
#[no_mangle]
pub extern "C" fn zfile_mode_private() {
    guard((), zsys::file_mode_private)
}

/// `void zfile_mode_default (void)`.
#[no_mangle]
pub extern "C" fn zfile_mode_default() {
    guard((), zsys::file_mode_default)
}
