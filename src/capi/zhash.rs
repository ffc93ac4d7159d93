//! zhash: CZMQ's hash table of `void *` items keyed by strings. Keys are
//! copied in; items are the caller's unless autofree is set (then items
//! are strings the table copies and frees) or an item has a free function.
//! The table iterates in insertion order and tolerates changes while
//! iterating (a deleted item is skipped, an inserted one is visited).
//! Also CZMQ's text file (save/load/refresh) and packed frame formats,
//! byte for byte. C code only: Rust users have std's HashMap.

use std::ffi::{c_char, c_int, c_void};
use std::hash::BuildHasher;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use czmq::Frame;
use hashbrown::DefaultHashBuilder;

use super::containers::table::{Entry, FreeFn, Table};
use super::containers::{cstr, dict, textfile};
use super::ffi::{self, boxed, guard, opt_bytes};
use super::zframe::{frame_of, ZframeT};
use super::zlist::Zlist;

/// A C zhash_t.
#[derive(Default)]
pub struct Zhash {
    table: Table,
    hasher: DefaultHashBuilder,
    autofree: bool,
    /// Lines for the head of a saved file (zhash_comment).
    comments: Vec<Vec<u8>>,
    /// The file zhash_load read, and its modification time then.
    file: Option<(PathBuf, Option<SystemTime>)>,
}

impl Zhash {
    fn new_autofree() -> Zhash {
        let mut hash = Zhash::default();
        hash.autofree = true;
        hash
    }

    /// The key's hash and, if the key is there, its slot.
    fn locate(&self, key: &[u8]) -> (u64, Option<usize>) {
        let hash = self.hasher.hash_one(key);
        // SAFETY: every key in the table is a NUL-terminated copy we made.
        let slot = self
            .table
            .find(hash, |k| unsafe { cstr::bytes_of(k) } == key);
        (hash, slot)
    }

    fn find(&self, key: &[u8]) -> Option<usize> {
        self.locate(key).1
    }

    /// As [`Zhash::find`] for a key C passed as a C string: stored keys
    /// are compared with `strcmp`, which reads each string once, instead
    /// of being measured first (about a tenth of a lookup's instructions).
    ///
    /// # Safety
    /// `key` is NUL-terminated, live for this call, and `bytes` are its bytes.
    unsafe fn find_c(&self, key: *const c_char, bytes: &[u8]) -> Option<usize> {
        let hash = self.hasher.hash_one(bytes);
        // SAFETY: every key in the table is a NUL-terminated copy we made,
        // and the caller guarantees `key` is NUL-terminated: what strcmp reads.
        self.table.find(
            hash,
            |k| unsafe { libc::strcmp(k as *const c_char, key) } == 0,
        )
    }

    /// The item to store for the caller's `item`: a copy when autofree.
    ///
    /// # Safety
    /// With autofree, `item` is NULL or a NUL-terminated string.
    unsafe fn adopt(&self, item: *mut c_void) -> *mut c_void {
        if self.autofree {
            // SAFETY: This function's caller guarantees that `item` is NULL or a NUL-terminated
            // C string that stays alive for this call; strdup checks NULL, and the borrow is
            // not kept past the call.
            unsafe { cstr::strdup(item) }
        } else {
            item
        }
    }

    /// Frees an item leaving the table: its free function, else autofree.
    ///
    /// # Safety
    /// The item is what its free function (or autofree) expects.
    unsafe fn free_item(&self, item: *mut c_void, free_fn: Option<FreeFn>) {
        if let Some(free_fn) = free_fn {
            // SAFETY: free_fn is the C zhash_free_fn that zhash_freefn set for this item, and
            // free_item's caller guarantees the item is what it expects; the item has left the
            // table, so it is freed once.
            unsafe { free_fn(item) }
        } else if self.autofree {
            // SAFETY: autofree items are our malloc'd copies.
            unsafe { cstr::free(item) }
        }
    }

    /// # Safety
    /// As [`Zhash::free_item`], for the entry's item; the key is ours.
    unsafe fn free_entry(&self, entry: Entry) {
        // SAFETY: free_entry's caller guarantees the entry's item is what its free_fn (or
        // autofree) expects, and it has left the table; the key is always our malloc'd copy
        // (made on insert), freed here once.
        unsafe {
            self.free_item(entry.item, entry.free_fn);
            cstr::free(entry.key);
        }
    }

    /// Adds `item` as stored (already adopted) under a new key; `false`
    /// (and nothing stored) if the key exists.
    fn insert_stored(&mut self, key: &[u8], item: *mut c_void) -> bool {
        let (hash, found) = self.locate(key);
        if found.is_none() {
            self.insert_new(hash, key, item);
        }
        found.is_none()
    }

    /// Adds `item` as stored under a key known to be absent.
    fn insert_new(&mut self, hash: u64, key: &[u8], item: *mut c_void) {
        let key = ffi::malloc_bytes(key) as *mut c_void;
        self.table.insert(hash, key, item);
    }

    /// zhash_update on stored items: replaces (freeing the old item) or adds.
    ///
    /// # Safety
    /// The old item is what its free function (or autofree) expects.
    unsafe fn update_stored(&mut self, key: &[u8], item: *mut c_void) {
        match self.locate(key) {
            (_, Some(slot)) => {
                let entry = self.table.entry_mut(slot);
                let old = std::mem::replace(&mut entry.item, item);
                let free_fn = entry.free_fn;
                // SAFETY: update_stored's caller guarantees the old item is what its free
                // function (or autofree) expects; it was just replaced in the entry, so nothing
                // else refers to it and it is freed once.
                unsafe { self.free_item(old, free_fn) };
            }
            (hash, None) => self.insert_new(hash, key, item),
        }
    }

    fn purge(&mut self) {
        for entry in self.table.drain() {
            // SAFETY: every entry was stored under this table's rules.
            unsafe { self.free_entry(entry) };
        }
    }

    /// (key, value) byte pairs of a table whose items are strings.
    ///
    /// # Safety
    /// Every item is NULL or a NUL-terminated string.
    unsafe fn string_pairs(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        // SAFETY: keys are our malloc'd NUL-terminated copies; string_pairs' caller guarantees
        // every item is NULL or a NUL-terminated string; all live in the table for the
        // iterator's borrow of &self.
        self.table
            .iter()
            .map(|e| unsafe { (cstr::bytes_of(e.key), cstr::bytes_of(e.item)) })
    }

    /// zhash_load: merges the file's name=value lines in (autofree).
    fn load(&mut self, path: &Path) -> c_int {
        self.autofree = true;
        self.file = Some((path.to_path_buf(), textfile::modified(path)));
        let Ok(text) = std::fs::read(path) else {
            return -1;
        };
        for (name, value) in textfile::parse(&text) {
            let value = ffi::malloc_bytes(value) as *mut c_void;
            // SAFETY: the table is autofree: old items are our copies.
            unsafe { self.update_stored(name, value) };
        }
        0
    }
}

impl Drop for Zhash {
    fn drop(&mut self) {
        self.purge();
    }
}

/// Runs `body` on the table behind `p`, or returns `fail` for NULL.
///
/// # Safety
/// `p` is NULL or a live zhash_t used by no one else meanwhile.
unsafe fn with<T: Copy>(p: *mut Zhash, fail: T, body: impl FnOnce(&mut Zhash) -> T) -> T {
    // SAFETY: This function's caller guarantees that `p` is NULL or a zhash_t boxed by
    // zhash_new/zhash_dup and not destroyed; as_mut yields None for NULL, and the &mut borrow
    // ends with this call (C uses a CZMQ object from one thread at a time, so nothing else
    // aliases it meanwhile).
    guard(fail, || match unsafe { p.as_mut() } {
        Some(hash) => body(hash),
        None => fail,
    })
}

/// Runs `body` on the table and the key's bytes; `fail` if either is NULL.
///
/// # Safety
/// As [`with`]; `key` is NULL or NUL-terminated.
unsafe fn with_key<T: Copy>(
    p: *mut Zhash,
    key: *const c_char,
    fail: T,
    body: impl FnOnce(&mut Zhash, &[u8]) -> T,
) -> T {
    // SAFETY: This function's caller guarantees that `p` is NULL or a live zhash_t from
    // zhash_new/zhash_dup; with turns NULL into the error value, and its &mut borrow ends
    // inside this call (C uses a CZMQ object from one thread at a time, so nothing else aliases
    // it meanwhile). The closure's calls to opt_bytes are covered too: the same caller
    // guarantees items and keys are what this container's callbacks (or autofree's C-string
    // rule) accept, and C strings are NULL or NUL-terminated, which is all they require.
    unsafe {
        with(p, fail, |h| match opt_bytes(key) {
            Some(key) => body(h, key),
            None => fail,
        })
    }
}

/// A path from a C string.
///
/// # Safety
/// `p` is NULL or NUL-terminated.
pub(crate) unsafe fn path_of<'a>(p: *const c_char) -> Option<&'a Path> {
    // SAFETY: This function's caller guarantees that `p` is NULL or a NUL-terminated C string
    // that stays alive for this call; opt_bytes checks NULL, and the borrow is not kept past
    // the call.
    unsafe { opt_bytes(p) }.map(|b| Path::new(std::ffi::OsStr::from_bytes(b)))
}

/// `zhash_t *zhash_new (void)`.
#[no_mangle]
pub extern "C" fn zhash_new() -> *mut Zhash {
    guard(std::ptr::null_mut(), || boxed(Zhash::default()))
}

/// `void zhash_destroy (zhash_t **self_p)`: frees the table, its keys and
/// the items it owns (autofree or free function).
///
/// # Safety
/// `self_p` is NULL or points to NULL or a live zhash_t.
#[no_mangle]
pub unsafe extern "C" fn zhash_destroy(self_p: *mut *mut Zhash) {
    // SAFETY: `self_p` is NULL or the address of C's zhash_t pointer, which is NULL or a
    // zhash_t boxed by zhash_new/zhash_dup and not destroyed yet (C's caller guarantees);
    // destroy checks both NULLs, sets *self_p to NULL and drops the Box exactly once.
    guard((), || unsafe { ffi::destroy(self_p) })
}

/// `int zhash_insert (zhash_t *self, const char *key, void *item)`: 0, or
/// -1 if the key exists (the existing item is left alone) or on NULL.
///
/// # Safety
/// `self_` is NULL or a live zhash_t; `key` NULL or NUL-terminated; with
/// autofree, `item` is a string.
#[no_mangle]
pub unsafe extern "C" fn zhash_insert(
    self_: *mut Zhash,
    key: *const c_char,
    item: *mut c_void,
) -> c_int {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with_key turns NULL into the error value, and
    // its &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). `key` is NULL or a NUL-terminated string key, as CZMQ
    // requires, and with_key checks NULL. The closure's calls to adopt are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require.
    unsafe {
        with_key(self_, key, -1, |h, key| {
            let (hash, None) = h.locate(key) else {
                return -1;
            };
            let item = h.adopt(item);
            h.insert_new(hash, key, item);
            0
        })
    }
}

/// `void zhash_update (zhash_t *self, const char *key, void *item)`:
/// replaces the key's item (freeing the old one as delete would), or
/// inserts it.
///
/// # Safety
/// As [`zhash_insert`].
#[no_mangle]
pub unsafe extern "C" fn zhash_update(self_: *mut Zhash, key: *const c_char, item: *mut c_void) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with_key turns NULL into the error value, and
    // its &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). `key` is NULL or a NUL-terminated string key, as CZMQ
    // requires, and with_key checks NULL. The closure's calls to adopt, update_stored are
    // covered too: the same caller guarantees items and keys are what this container's
    // callbacks (or autofree's C-string rule) accept, and C strings are NULL or NUL-terminated,
    // which is all they require.
    unsafe {
        with_key(self_, key, (), |h, key| {
            let item = h.adopt(item);
            h.update_stored(key, item);
        })
    }
}

/// `void zhash_delete (zhash_t *self, const char *key)`: removes the item
/// (freeing what the table owns); nothing if absent. Safe while iterating.
///
/// # Safety
/// `self_` is NULL or a live zhash_t; `key` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zhash_delete(self_: *mut Zhash, key: *const c_char) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with_key turns NULL into the error value, and
    // its &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). `key` is NULL or a NUL-terminated string key, as CZMQ
    // requires, and with_key checks NULL. The closure's calls to free_entry are covered too:
    // the same caller guarantees items and keys are what this container's callbacks (or
    // autofree's C-string rule) accept, and C strings are NULL or NUL-terminated, which is all
    // they require.
    unsafe {
        with_key(self_, key, (), |h, bytes| {
            let hash = h.hasher.hash_one(bytes);
            // strcmp, as in find_c: both are NUL-terminated (`key` checked
            // non-NULL by with_key).
            if let Some(entry) = h
                .table
                .take(hash, |k| libc::strcmp(k as *const c_char, key) == 0)
            {
                h.free_entry(entry);
            }
        })
    }
}

/// `void *zhash_lookup (zhash_t *self, const char *key)`: the item, or NULL.
///
/// # Safety
/// `self_` is NULL or a live zhash_t; `key` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zhash_lookup(self_: *mut Zhash, key: *const c_char) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with_key turns NULL into the error value, and
    // its &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). `key` is NULL or a NUL-terminated string key, as CZMQ
    // requires, and with_key checks NULL.
    unsafe {
        with_key(self_, key, std::ptr::null_mut(), |h, bytes| {
            h.find_c(key, bytes)
                .map_or(std::ptr::null_mut(), |slot| h.table.entry(slot).item)
        })
    }
}

/// `int zhash_rename (zhash_t *self, const char *old_key, const char *new_key)`:
/// 0, or -1 if `old_key` is absent or `new_key` present.
///
/// # Safety
/// `self_` is NULL or a live zhash_t; the keys NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zhash_rename(
    self_: *mut Zhash,
    old_key: *const c_char,
    new_key: *const c_char,
) -> c_int {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with_key turns NULL into the error value, and
    // its &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). `old_key` is NULL or a NUL-terminated string key, as
    // CZMQ requires, and with_key checks NULL. The closure's calls to opt_bytes are covered
    // too: the same caller guarantees items and keys are what this container's callbacks (or
    // autofree's C-string rule) accept, and C strings are NULL or NUL-terminated, which is all
    // they require.
    unsafe {
        with_key(self_, old_key, -1, |h, old_key| {
            let Some(new_key) = opt_bytes(new_key) else {
                return -1;
            };
            match (h.find(old_key), h.find(new_key)) {
                (Some(slot), None) => {
                    let hash = h.hasher.hash_one(new_key);
                    let key = ffi::malloc_bytes(new_key) as *mut c_void;
                    cstr::free(h.table.rekey(slot, hash, key));
                    0
                }
                _ => -1,
            }
        })
    }
}

/// `void *zhash_freefn (zhash_t *self, const char *key, zhash_free_fn free_fn)`:
/// sets the function that frees this item when it leaves the table (it
/// wins over autofree); returns the item, or NULL if absent.
///
/// # Safety
/// `self_` is NULL or a live zhash_t; `key` NULL or NUL-terminated;
/// `free_fn` accepts the item.
#[no_mangle]
pub unsafe extern "C" fn zhash_freefn(
    self_: *mut Zhash,
    key: *const c_char,
    free_fn: Option<FreeFn>,
) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with_key turns NULL into the error value, and
    // its &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). `key` is NULL or a NUL-terminated string key, as CZMQ
    // requires, and with_key checks NULL.
    unsafe {
        with_key(self_, key, std::ptr::null_mut(), |h, key| {
            match h.find(key) {
                Some(slot) => {
                    let entry = h.table.entry_mut(slot);
                    entry.free_fn = free_fn;
                    entry.item
                }
                None => std::ptr::null_mut(),
            }
        })
    }
}

/// `size_t zhash_size (zhash_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zhash_t.
#[no_mangle]
pub unsafe extern "C" fn zhash_size(self_: *mut Zhash) -> usize {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, 0, |h| h.table.len()) }
}

/// `zhash_t *zhash_dup (zhash_t *self)`: an autofree copy; items must be
/// strings (as CZMQ). NULL for NULL.
///
/// # Safety
/// `self_` is NULL or a live zhash_t whose items are strings.
#[no_mangle]
pub unsafe extern "C" fn zhash_dup(self_: *mut Zhash) -> *mut Zhash {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to string_pairs are covered too:
    // the same caller guarantees items and keys are what this container's callbacks (or
    // autofree's C-string rule) accept, and C strings are NULL or NUL-terminated, which is all
    // they require.
    unsafe {
        with(self_, std::ptr::null_mut(), |h| {
            let mut copy = Zhash::new_autofree();
            for (key, value) in h.string_pairs() {
                copy.insert_stored(key, ffi::malloc_bytes(value) as *mut c_void);
            }
            boxed(copy)
        })
    }
}

/// `zlist_t *zhash_keys (zhash_t *self)`: an autofree list of copies of
/// the keys, in iteration order.
///
/// # Safety
/// `self_` is NULL or a live zhash_t.
#[no_mangle]
pub unsafe extern "C" fn zhash_keys(self_: *mut Zhash) -> *mut Zlist {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe {
        with(self_, std::ptr::null_mut(), |h| {
            let mut keys = Zlist::new_autofree();
            for entry in h.table.iter() {
                keys.append_copy(cstr::bytes_of(entry.key));
            }
            boxed(keys)
        })
    }
}

/// `void *zhash_first (zhash_t *self)`: starts an iteration; the first
/// item, or NULL if empty.
///
/// # Safety
/// `self_` is NULL or a live zhash_t.
#[no_mangle]
pub unsafe extern "C" fn zhash_first(self_: *mut Zhash) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe {
        with(self_, std::ptr::null_mut(), |h| {
            h.table
                .first()
                .map_or(std::ptr::null_mut(), |s| h.table.entry(s).item)
        })
    }
}

/// `void *zhash_next (zhash_t *self)`: the next item, NULL at the end.
///
/// # Safety
/// `self_` is NULL or a live zhash_t.
#[no_mangle]
pub unsafe extern "C" fn zhash_next(self_: *mut Zhash) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe {
        with(self_, std::ptr::null_mut(), |h| {
            h.table
                .next()
                .map_or(std::ptr::null_mut(), |s| h.table.entry(s).item)
        })
    }
}

/// `const char *zhash_cursor (zhash_t *self)`: the key of the item
/// first/next returned (valid while it is in the table), or NULL.
///
/// # Safety
/// `self_` is NULL or a live zhash_t.
#[no_mangle]
pub unsafe extern "C" fn zhash_cursor(self_: *mut Zhash) -> *const c_char {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe {
        with(self_, std::ptr::null(), |h| {
            h.table
                .current()
                .map_or(std::ptr::null(), |s| h.table.entry(s).key as *const c_char)
        })
    }
}

/// Adds a comment line for zhash_save (NULL: deletes them all); the
/// non-variadic half of `zhash_comment (self, format, ...)` (src/shim).
///
/// # Safety
/// `self_` is NULL or a live zhash_t; `text` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn czmq_rs_zhash_comment(self_: *mut Zhash, text: *const c_char) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to opt_bytes are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require.
    unsafe {
        with(self_, (), |h| match opt_bytes(text) {
            Some(text) => h.comments.push(text.to_vec()),
            None => h.comments.clear(),
        })
    }
}

/// `zframe_t *zhash_pack (zhash_t *self)`: the items, which must be
/// strings, in CZMQ's packed dictionary format (see
/// src/capi/containers/dict.rs). NULL for NULL or a key over 255 bytes.
///
/// # Safety
/// `self_` is NULL or a live zhash_t whose items are strings.
#[no_mangle]
pub unsafe extern "C" fn zhash_pack(self_: *mut Zhash) -> *mut ZframeT {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to string_pairs are covered too:
    // the same caller guarantees items and keys are what this container's callbacks (or
    // autofree's C-string rule) accept, and C strings are NULL or NUL-terminated, which is all
    // they require.
    unsafe {
        with(self_, std::ptr::null_mut(), |h| {
            dict::encode(h.string_pairs())
                .map_or(std::ptr::null_mut(), |bytes| boxed(Frame::from(bytes)))
        })
    }
}

/// `zhash_t *zhash_unpack (zframe_t *frame)`: an autofree table of what
/// zhash_pack (ours or CZMQ's) wrote. Fewer than 4 bytes: an empty table
/// (as CZMQ). NULL for NULL, truncated data or a duplicate key.
///
/// # Safety
/// `frame` is NULL or a live zframe_t.
#[no_mangle]
pub unsafe extern "C" fn zhash_unpack(frame: *mut ZframeT) -> *mut Zhash {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `frame` is
        // NULL or a live zframe_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); frame_of checks
        // NULL (and the class tag where there is one) before the cast.
        let Some(frame) = (unsafe { frame_of(frame) }) else {
            return std::ptr::null_mut();
        };
        let Ok(pairs) = dict::decode(frame.data()) else {
            return std::ptr::null_mut();
        };
        let mut hash = Zhash::new_autofree();
        for (key, value) in pairs {
            let (h, None) = hash.locate(key) else {
                return std::ptr::null_mut();
            };
            hash.insert_new(h, key, ffi::malloc_bytes(value) as *mut c_void);
        }
        boxed(hash)
    })
}

/// `int zhash_save (zhash_t *self, const char *filename)`: comments, then
/// `key=value` lines (items must be strings); 0, or -1 on a file error.
///
/// # Safety
/// `self_` is NULL or a live zhash_t whose items are strings; `filename`
/// NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zhash_save(self_: *mut Zhash, filename: *const c_char) -> c_int {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to path_of, string_pairs are
    // covered too: the same caller guarantees items and keys are what this container's
    // callbacks (or autofree's C-string rule) accept, and C strings are NULL or NUL-terminated,
    // which is all they require.
    unsafe {
        with(self_, -1, |h| {
            let Some(path) = path_of(filename) else {
                return -1;
            };
            match textfile::save(path, &h.comments, h.string_pairs()) {
                Ok(()) => 0,
                Err(_) => -1,
            }
        })
    }
}

/// `int zhash_load (zhash_t *self, const char *filename)`: sets autofree
/// and merges the file's `key=value` lines in (as zhash_update); remembers
/// the file for zhash_refresh even if it cannot be read. 0, or -1 if it
/// cannot be read.
///
/// # Safety
/// `self_` is NULL or a live zhash_t; `filename` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zhash_load(self_: *mut Zhash, filename: *const c_char) -> c_int {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to path_of are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require.
    unsafe {
        with(self_, -1, |h| match path_of(filename) {
            Some(path) => h.load(path),
            None => -1,
        })
    }
}

/// `int zhash_refresh (zhash_t *self)`: after zhash_load, reloads the file
/// (emptying the table first) if it changed since and is stable; 0, or -1
/// for NULL.
///
/// # Safety
/// `self_` is NULL or a live zhash_t.
#[no_mangle]
pub unsafe extern "C" fn zhash_refresh(self_: *mut Zhash) -> c_int {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe {
        with(self_, -1, |h| {
            if let Some((path, loaded)) = h.file.clone() {
                if textfile::modified(&path) > loaded && textfile::stable(&path) {
                    h.purge();
                    h.load(&path);
                }
            }
            0
        })
    }
}

/// `void zhash_autofree (zhash_t *self)`: items from now on are strings
/// the table copies in and frees.
///
/// # Safety
/// `self_` is NULL or a live zhash_t.
#[no_mangle]
pub unsafe extern "C" fn zhash_autofree(self_: *mut Zhash) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhash_t from zhash_new/zhash_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, (), |h| h.autofree = true) }
}
