//! zdir_patch: `zdir_patch_t *` is a boxed [`czmq::DirPatch`];
//! zdir_patch_file lends the patch's own copy of the file.

use std::ffi::{c_char, c_int};

use czmq::{DirPatch, PatchOp};

use super::ffi::{self, guard, opt_str};
use super::zfile::ZfileT;

/// `zdir_patch_t`: the Rust [`DirPatch`].
pub type ZdirPatchT = DirPatch;

/// The patch behind `p`.
///
/// # Safety
/// `p` is NULL or a live zdir_patch_t used by no one else during the call.
unsafe fn patch<'a>(p: *mut ZdirPatchT) -> Option<&'a mut DirPatch> {
    // SAFETY: `p` is NULL (as_mut gives None) or, by patch's contract, a DirPatch this
    // library boxed (zdir_patch_new/dup, or one zdir_diff/resync/watch put in a zlist) and C
    // has not destroyed, so allocated, initialised and aligned. C drives it from one thread
    // and the C face keeps no reference of its own, so the &mut is the only one.
    unsafe { p.as_mut() }
}

/// `zdir_patch_t *zdir_patch_new (const char *path, zfile_t *file, int op,
/// const char *alias)`.
///
/// # Safety
/// `path`, `alias` NULL or C strings; `file` NULL or a live zfile_t.
#[no_mangle]
pub unsafe extern "C" fn zdir_patch_new(
    path: *const c_char,
    file: *mut ZfileT,
    op: c_int,
    alias: *const c_char,
) -> *mut ZdirPatchT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: zdir_patch_new's caller passes `path` and `alias` as NULL or NUL-terminated
        // strings alive for the call (opt_str's contract) and `file` as NULL or a live zfile_t,
        // ours or lent by a zdir (as_ref gives None for NULL). Only shared borrows are made,
        // and DirPatch::new copies the file and both strings, so none outlives the call.
        let (path, file, alias) = unsafe { (opt_str(path), file.as_ref(), opt_str(alias)) };
        match (path, file, PatchOp::from_raw(op)) {
            (Some(path), Some(file), Some(op)) => {
                ffi::boxed(DirPatch::new(path, file, op, alias.unwrap_or("")))
            }
            _ => std::ptr::null_mut(),
        }
    })
}

/// `void zdir_patch_destroy (zdir_patch_t **self_p)`.
///
/// # Safety
/// `self_p` is NULL or points to a writable `zdir_patch_t *`.
#[no_mangle]
pub unsafe extern "C" fn zdir_patch_destroy(self_p: *mut *mut ZdirPatchT) {
    guard((), || {
        // SAFETY: `self_p` is NULL or C's writable `zdir_patch_t *` variable (the contract),
        // all take needs: it reads *self_p, rebuilds the Box only for a pointer the live
        // registry lists as a DirPatch this library handed out, and NULLs *self_p, so the
        // patch is freed once.
        drop(unsafe { ffi::take(self_p) });
    })
}

/// `zdir_patch_t *zdir_patch_dup (zdir_patch_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zdir_patch_t.
#[no_mangle]
pub unsafe extern "C" fn zdir_patch_dup(self_: *mut ZdirPatchT) -> *mut ZdirPatchT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: zdir_patch_dup's caller passes NULL or a live zdir_patch_t (patch's
        // contract); the &mut ends once dup has made an independent copy, boxed for C.
        unsafe { patch(self_) }
            .and_then(|p| p.dup())
            .map_or(std::ptr::null_mut(), ffi::boxed)
    })
}

/// `const char *zdir_patch_path (zdir_patch_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zdir_patch_t.
#[no_mangle]
pub unsafe extern "C" fn zdir_patch_path(self_: *mut ZdirPatchT) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: zdir_patch_path's caller passes NULL or a live zdir_patch_t (patch's
        // contract); the returned string is the patch's own, valid while the patch lives.
        unsafe { patch(self_) }.map_or(std::ptr::null(), |p| p.path_c().as_ptr())
    })
}

/// `zfile_t *zdir_patch_file (zdir_patch_t *self)`: lent by the patch.
///
/// # Safety
/// `self_` is NULL or a live zdir_patch_t.
#[no_mangle]
pub unsafe extern "C" fn zdir_patch_file(self_: *mut ZdirPatchT) -> *mut ZfileT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: zdir_patch_file's caller passes NULL or a live zdir_patch_t (patch's
        // contract). The pointer returned is the patch's own File, lent to C as CZMQ lends
        // it: valid until the patch is destroyed, and not listed live, so zfile_destroy
        // refuses it and the patch alone frees it.
        unsafe { patch(self_) }.map_or(std::ptr::null_mut(), |p| p.file_mut() as *mut ZfileT)
    })
}

/// `int zdir_patch_op (zdir_patch_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zdir_patch_t.
#[no_mangle]
pub unsafe extern "C" fn zdir_patch_op(self_: *mut ZdirPatchT) -> c_int {
    guard(0, || {
        // SAFETY: zdir_patch_op's caller passes NULL or a live zdir_patch_t (patch's
        // contract); the &mut is only read through and ends with this call.
        unsafe { patch(self_) }.map_or(0, |p| p.op() as c_int)
    })
}

/// `const char *zdir_patch_vpath (zdir_patch_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zdir_patch_t.
#[no_mangle]
pub unsafe extern "C" fn zdir_patch_vpath(self_: *mut ZdirPatchT) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: zdir_patch_vpath's caller passes NULL or a live zdir_patch_t (patch's
        // contract); the returned string is the patch's own, valid while the patch lives.
        unsafe { patch(self_) }.map_or(std::ptr::null(), |p| p.vpath_c().as_ptr())
    })
}

/// `void zdir_patch_digest_set (zdir_patch_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zdir_patch_t.
#[no_mangle]
pub unsafe extern "C" fn zdir_patch_digest_set(self_: *mut ZdirPatchT) {
    guard((), || {
        // SAFETY: zdir_patch_digest_set's caller passes NULL or a live zdir_patch_t (patch's
        // contract); the &mut that stores the digest ends with this call. A digest string
        // handed out before is replaced only if none was set, so no C pointer dangles.
        if let Some(p) = unsafe { patch(self_) } {
            p.digest_set()
        }
    })
}

/// `const char *zdir_patch_digest (zdir_patch_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zdir_patch_t.
#[no_mangle]
pub unsafe extern "C" fn zdir_patch_digest(self_: *mut ZdirPatchT) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: zdir_patch_digest's caller passes NULL or a live zdir_patch_t (patch's
        // contract); the returned string is the patch's own, valid while the patch lives.
        unsafe { patch(self_) }
            .and_then(|p| p.digest_c())
            .map_or(std::ptr::null(), |d| d.as_ptr())
    })
}
