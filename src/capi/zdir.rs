//! zdir: `zdir_t *` is a boxed [`czmq::Dir`]. The files it lends
//! (zdir_flatten, zdir_list) are its own `File`s; lists of patches
//! (zdir_diff, zdir_resync) hold boxed zdir_patch_t the caller destroys,
//! as in CZMQ.

use std::ffi::{c_char, c_int, c_void, CString};

use czmq::{Dir, DirPatch, File, Sock, SocketType};

use super::ffi::{self, guard, opt_str};
use super::zdir_patch::ZdirPatchT;
use super::zfile::ZfileT;
use super::zhash::{zhash_autofree, zhash_insert, zhash_new, Zhash};
use super::zlist::{zlist_append, zlist_destroy, zlist_new, zlist_pop, Zlist};
use super::zsock::ZsockT;

/// `zdir_t`: the Rust [`Dir`].
pub type ZdirT = Dir;

/// The dir behind `p`.
///
/// # Safety
/// `p` is NULL or a live zdir_t used by no one else during the call.
unsafe fn dir<'a>(p: *mut ZdirT) -> Option<&'a mut Dir> {
    // SAFETY: `p` is NULL (as_mut gives None) or, by dir's contract, a Dir boxed by zdir_new
    // and not yet destroyed, so allocated, initialised and aligned. C drives a zdir_t from one
    // thread and the C face keeps no reference to it between calls (files it lent are
    // separate File allocations inside the Dir's tree, reached only through their own
    // pointers), so this &mut is the only reference for the call.
    unsafe { p.as_mut() }
}

/// `zdir_t *zdir_new (const char *path, const char *parent)`.
///
/// # Safety
/// `path` and `parent` are NULL or C strings.
#[no_mangle]
pub unsafe extern "C" fn zdir_new(path: *const c_char, parent: *const c_char) -> *mut ZdirT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: zdir_new's caller passes `path` and `parent` as NULL or NUL-terminated
        // strings alive for the call (opt_str gives None for NULL); Dir::new copies what it
        // keeps, so neither borrow outlives the call.
        let (path, parent) = unsafe { (opt_str(path), opt_str(parent)) };
        path.and_then(|p| Dir::new(p, parent))
            .map_or(std::ptr::null_mut(), ffi::boxed)
    })
}

/// `void zdir_destroy (zdir_t **self_p)`.
///
/// # Safety
/// `self_p` is NULL or points to a writable `zdir_t *`.
#[no_mangle]
pub unsafe extern "C" fn zdir_destroy(self_p: *mut *mut ZdirT) {
    guard((), || {
        // SAFETY: `self_p` is NULL or C's writable `zdir_t *` variable (zdir_destroy's
        // contract), all take needs: it reads *self_p and rebuilds the Box only for a pointer
        // the live registry lists as a Dir this library handed out, then NULLs *self_p, so
        // the Dir (and every File it lent) is freed once.
        drop(unsafe { ffi::take(self_p) });
    })
}

/// `const char *zdir_path (zdir_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zdir_t.
#[no_mangle]
pub unsafe extern "C" fn zdir_path(self_: *mut ZdirT) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: zdir_path's caller passes NULL or a live zdir_t, dir's contract; the
        // returned pointer is the Dir's own NUL-terminated path, valid while the Dir lives,
        // which is what CZMQ promises for zdir_path.
        unsafe { dir(self_) }.map_or(std::ptr::null(), |d| d.path_c().as_ptr())
    })
}

/// `time_t zdir_modified (zdir_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zdir_t.
#[no_mangle]
pub unsafe extern "C" fn zdir_modified(self_: *mut ZdirT) -> libc::time_t {
    guard(0, || {
        // SAFETY: zdir_modified's caller passes NULL or a live zdir_t (dir's contract); the
        // &mut is only read through and ends with this call.
        unsafe { dir(self_) }.map_or(0, |d| d.modified() as libc::time_t)
    })
}

/// `off_t zdir_cursize (zdir_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zdir_t.
#[no_mangle]
pub unsafe extern "C" fn zdir_cursize(self_: *mut ZdirT) -> libc::off_t {
    guard(0, || {
        // SAFETY: zdir_cursize's caller passes NULL or a live zdir_t (dir's contract); the
        // &mut is only read through and ends with this call.
        unsafe { dir(self_) }.map_or(0, |d| d.cursize() as libc::off_t)
    })
}

/// `size_t zdir_count (zdir_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zdir_t.
#[no_mangle]
pub unsafe extern "C" fn zdir_count(self_: *mut ZdirT) -> usize {
    guard(0, || {
        // SAFETY: zdir_count's caller passes NULL or a live zdir_t (dir's contract); the
        // &mut is only read through and ends with this call.
        unsafe { dir(self_) }.map_or(0, |d| d.count())
    })
}

/// The tree's files as pointers C may use while the dir lives.
fn file_pointers(d: &mut Dir) -> Vec<*mut ZfileT> {
    d.flatten_mut()
        .into_iter()
        .map(|f| f as *mut File)
        .collect()
}

/// `zfile_t **zdir_flatten (zdir_t *self)`: a NULL-terminated array from
/// malloc (freed by zdir_flatten_free); NULL `self` gives an empty one.
///
/// # Safety
/// `self_` is NULL or a live zdir_t.
#[no_mangle]
pub unsafe extern "C" fn zdir_flatten(self_: *mut ZdirT) -> *mut *mut ZfileT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: zdir_flatten's caller passes NULL or a live zdir_t (dir's contract). The
        // &mut ends here; the File pointers taken from it point into the Dir's tree, which
        // does not move or free them until the Dir is rescanned or destroyed, the lifetime
        // CZMQ gives the files zdir_flatten lends.
        let files = unsafe { dir(self_) }.map(file_pointers).unwrap_or_default();
        // SAFETY: calloc has no precondition; it returns NULL (checked below) or zeroed room
        // for files.len() + 1 pointers, which C frees with zdir_flatten_free (libc::free).
        let array = unsafe { libc::calloc(files.len() + 1, std::mem::size_of::<*mut ZfileT>()) }
            as *mut *mut ZfileT;
        if !array.is_null() {
            // SAFETY: `array` is non-null with room for files.len() + 1 pointers (calloc
            // above), `files` holds files.len() readable pointers, and a fresh allocation
            // cannot overlap the Vec's buffer; the last slot stays calloc's NULL terminator.
            unsafe { std::ptr::copy_nonoverlapping(files.as_ptr(), array, files.len()) };
        }
        array
    })
}

/// `void zdir_flatten_free (zfile_t ***files_p)`.
///
/// # Safety
/// `files_p` is NULL or points to NULL or to an array from zdir_flatten.
#[no_mangle]
pub unsafe extern "C" fn zdir_flatten_free(files_p: *mut *mut *mut ZfileT) {
    guard((), || {
        if files_p.is_null() {
            return;
        }
        // SAFETY: `files_p` is non-null (checked) and, by the contract, C's writable
        // `zfile_t **` variable holding NULL or the array zdir_flatten got from calloc;
        // libc::free accepts both, and NULLing *files_p keeps a second call from freeing it
        // again. The files the array pointed to are the Dir's and are left alone.
        unsafe {
            libc::free(*files_p as *mut c_void);
            *files_p = std::ptr::null_mut();
        }
    })
}

/// A new zlist holding `items`.
fn list_of<T>(items: impl IntoIterator<Item = *mut T>) -> *mut Zlist {
    let list = zlist_new();
    if !list.is_null() {
        for item in items {
            // SAFETY: `list` is the non-null zlist zlist_new just returned, owned by this
            // function until it is returned; zlist_append stores the item pointer without
            // dereferencing it (no autofree is set on a new list).
            unsafe { zlist_append(list, item as *mut c_void) };
        }
    }
    list
}

/// A zlist of boxed patches, owned by the caller.
fn patch_list(patches: Vec<DirPatch>) -> *mut Zlist {
    list_of(patches.into_iter().map(ffi::boxed::<ZdirPatchT>))
}

/// `zlist_t *zdir_list (zdir_t *self)`: the files, lent by the dir.
///
/// # Safety
/// `self_` is NULL or a live zdir_t.
#[no_mangle]
pub unsafe extern "C" fn zdir_list(self_: *mut ZdirT) -> *mut Zlist {
    guard(std::ptr::null_mut(), || {
        // SAFETY: zdir_list's caller passes NULL or a live zdir_t (dir's contract). The &mut
        // ends here; the listed File pointers stay valid while the Dir is neither rescanned
        // nor destroyed, the lifetime CZMQ gives the files zdir_list lends.
        list_of(unsafe { dir(self_) }.map(file_pointers).unwrap_or_default())
    })
}

/// `void zdir_remove (zdir_t *self, bool force)`.
///
/// # Safety
/// `self_` is NULL or a live zdir_t, none of whose files C still uses.
#[no_mangle]
pub unsafe extern "C" fn zdir_remove(self_: *mut ZdirT, force: bool) {
    guard((), || {
        // SAFETY: zdir_remove's caller passes NULL or a live zdir_t none of whose lent files
        // C still uses (the function's contract), so the &mut that removes the tree's files
        // from disk and memory aliases no File C holds; it ends with this call.
        if let Some(d) = unsafe { dir(self_) } {
            d.remove(force)
        }
    })
}

/// `zlist_t *zdir_diff (zdir_t *older, zdir_t *newer, const char *alias)`.
///
/// # Safety
/// `older` and `newer` are NULL or live zdir_t; `alias` NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zdir_diff(
    older: *mut ZdirT,
    newer: *mut ZdirT,
    alias: *const c_char,
) -> *mut Zlist {
    guard(std::ptr::null_mut(), || {
        // SAFETY: zdir_diff's caller passes `older` and `newer` as NULL or live zdir_t boxed
        // by zdir_new (as_ref gives None for NULL). Only shared references are made, so the
        // two may even be the same dir; both end with the call.
        let (older, newer) = unsafe { (older.as_ref(), newer.as_ref()) };
        // SAFETY: `alias` is NULL or a NUL-terminated string alive for the call (the
        // contract), which is opt_str's requirement; the patches copy what they keep.
        let alias = unsafe { opt_str(alias) }.unwrap_or("");
        patch_list(Dir::diff(older, newer, alias))
    })
}

/// `zlist_t *zdir_resync (zdir_t *self, const char *alias)`.
///
/// # Safety
/// `self_` is NULL or a live zdir_t; `alias` NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zdir_resync(self_: *mut ZdirT, alias: *const c_char) -> *mut Zlist {
    guard(std::ptr::null_mut(), || {
        // SAFETY: zdir_resync's caller passes `self_` as NULL or a live zdir_t (dir's
        // contract) and `alias` as NULL or a NUL-terminated string alive for the call
        // (opt_str's); the string is C's own memory, not the Dir's, so the two borrows do not
        // alias, and the patches copy what they keep.
        let (d, alias) = unsafe { (dir(self_), opt_str(alias)) };
        match d {
            Some(d) => patch_list(d.resync(alias.unwrap_or(""))),
            None => std::ptr::null_mut(),
        }
    })
}

/// `zhash_t *zdir_cache (zdir_t *self)`: relative name -> SHA-1, an
/// autofree zhash the caller destroys.
///
/// # Safety
/// `self_` is NULL or a live zdir_t.
#[no_mangle]
pub unsafe extern "C" fn zdir_cache(self_: *mut ZdirT) -> *mut Zhash {
    guard(std::ptr::null_mut(), || {
        // SAFETY: zdir_cache's caller passes NULL or a live zdir_t (dir's contract); the
        // &mut is used to read and write the cache file and ends with this call.
        let Some(d) = (unsafe { dir(self_) }) else {
            return std::ptr::null_mut();
        };
        let Ok(entries) = d.cache() else {
            return std::ptr::null_mut();
        };
        let hash = zhash_new();
        if hash.is_null() {
            return hash;
        }
        // SAFETY: `hash` is the non-null zhash_t zhash_new just returned and no one else
        // has it yet; zhash_autofree only sets a flag on it.
        unsafe { zhash_autofree(hash) };
        for (key, value) in entries {
            if let (Ok(key), Ok(value)) = (CString::new(key), CString::new(value)) {
                // SAFETY: `hash` is that live autofree zhash_t; `key` and `value` are
                // CStrings alive across the call, and autofree makes zhash_insert copy the
                // value (it always copies the key), so dropping them afterwards is fine.
                unsafe { zhash_insert(hash, key.as_ptr(), value.as_ptr() as *mut c_void) };
            }
        }
        hash
    })
}

/// `void zdir_fprint (zdir_t *self, FILE *file, int indent)`.
///
/// # Safety
/// `self_` is NULL or a live zdir_t; `file` NULL or an open stream.
#[no_mangle]
pub unsafe extern "C" fn zdir_fprint(self_: *mut ZdirT, file: *mut libc::FILE, indent: c_int) {
    guard((), || {
        // SAFETY: zdir_fprint's caller passes NULL or a live zdir_t (dir's contract); the
        // &mut is only read through to render the text and ends with this call.
        let Some(d) = (unsafe { dir(self_) }) else {
            return;
        };
        if file.is_null() {
            return;
        }
        let mut text = Vec::new();
        let _ = d.fprint(&mut text, indent);
        // SAFETY: `file` is non-null (checked) and an open stdio stream by zdir_fprint's
        // contract; `text` is a live Vec readable for text.len() bytes, and fwrite only reads
        // it.
        unsafe { libc::fwrite(text.as_ptr().cast(), 1, text.len(), file) };
    })
}

/// `void zdir_print (zdir_t *self, int indent)`.
///
/// # Safety
/// `self_` is NULL or a live zdir_t.
#[no_mangle]
pub unsafe extern "C" fn zdir_print(self_: *mut ZdirT, indent: c_int) {
    guard((), || {
        // SAFETY: zdir_print's caller passes NULL or a live zdir_t (dir's contract); the
        // &mut is only read through and ends with this call.
        if let Some(d) = unsafe { dir(self_) } {
            d.print(indent)
        }
    })
}

/// Sends CZMQ's "sp" for one change set: the path, then a zlist of boxed
/// zdir_patch_t (the receiver owns the list and the patches).
fn send_patches(pipe: &Sock, path: &str, patches: Vec<DirPatch>) -> czmq::Result<()> {
    let list = patch_list(patches);
    let pointer = (list as usize).to_ne_bytes();
    let sent = pipe.send_parts(&[path.as_bytes(), &pointer[..]]);
    if sent.is_err() {
        // Nobody got the list: take the patches back and free it.
        let mut list = list;
        loop {
            // SAFETY: `list` is the zlist patch_list made above; the send failed, so it was
            // never handed to the receiver and this function is its only user. zlist_pop
            // accepts NULL too (if patch_list ran out of memory).
            let mut item = unsafe { zlist_pop(list) } as *mut ZdirPatchT;
            if item.is_null() {
                break;
            }
            // SAFETY: `item` is a local variable holding a DirPatch that patch_list boxed
            // and listed live; take finds it in the registry, rebuilds its Box once and
            // NULLs the variable.
            drop(unsafe { ffi::take(&mut item) });
        }
        // SAFETY: `list` is that same unsent zlist (or NULL), now empty, and `&mut list` is
        // a valid local `zlist_t **`; zlist_destroy frees it once and NULLs the variable.
        unsafe { zlist_destroy(&mut list) };
    }
    sent
}

/// `void zdir_watch (zsock_t *pipe, void *unused)`: the directory watcher,
/// for `zactor_new (zdir_watch, NULL)`.
///
/// # Safety
/// Called by zactor_new with the pipe it made for this task.
#[no_mangle]
pub unsafe extern "C" fn zdir_watch(pipe: *mut ZsockT, _unused: *mut c_void) {
    guard((), || {
        // SAFETY: `pipe` is the zsock_t zactor_new boxed and handed to this
        // task: live for the whole task and used by no one else (the
        // parent holds the other end), so the &mut is exclusive; we only
        // swap its contents, leaving an unconnected placeholder.
        let Some(slot) = (unsafe { ffi::as_sock(pipe as *mut c_void) }) else {
            log::error!("zdir_watch: not a pipe");
            return;
        };
        let placeholder = match Sock::new(SocketType::Pair) {
            Ok(s) => s,
            Err(e) => {
                log::error!("zdir_watch: {e}");
                return;
            }
        };
        let real = std::mem::replace(slot, placeholder);
        if let Err(e) = czmq::dir_watch_actor(real, send_patches) {
            log::error!("zdir_watch: {e}");
        }
    })
}
