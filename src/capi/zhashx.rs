//! zhashx: CZMQ's extended hash table. Keys are `void *` handled by
//! callbacks (duplicator, destructor, comparator, hasher: strings by
//! default, as CZMQ's strdup/zstr_free/strcmp), items by an optional
//! duplicator and destructor. Same table core as zhash (insertion order,
//! changes while iterating are fine), same file and packed formats.
//! C code only: Rust users have std's HashMap.

use std::ffi::{c_char, c_int, c_void, CString};
use std::hash::BuildHasher;
use std::path::Path;
use std::time::SystemTime;

use czmq::Frame;
use hashbrown::DefaultHashBuilder;

use super::containers::table::{Entry, FreeFn, Table};
use super::containers::{cstr, dict, textfile, ComparatorFn, DestructorFn, DuplicatorFn};
use super::ffi::{self, boxed, guard, opt_bytes};
use super::zframe::{frame_of, ZframeT};
use super::zhash::path_of;
use super::zlistx::Zlistx;

/// CZMQ's `zhashx_hash_fn`.
pub type HashFn = unsafe extern "C" fn(*const c_void) -> usize;
/// CZMQ's `zhashx_serializer_fn`: a malloc'd string for an item.
pub type SerializerFn = unsafe extern "C" fn(*const c_void) -> *mut c_char;
/// CZMQ's `zhashx_deserializer_fn`: an item from a string.
pub type DeserializerFn = unsafe extern "C" fn(*const c_char) -> *mut c_void;

/// A C zhashx_t.
pub struct Zhashx {
    table: Table,
    /// Hashes string keys when no hasher is set.
    builder: DefaultHashBuilder,
    destructor: Option<DestructorFn>,
    duplicator: Option<DuplicatorFn>,
    key_destructor: Option<DestructorFn>,
    key_duplicator: Option<DuplicatorFn>,
    /// `None`: keys are strings compared by content (CZMQ's strcmp).
    key_comparator: Option<ComparatorFn>,
    /// `None`: keys are strings hashed by content.
    hasher: Option<HashFn>,
    comments: Vec<Vec<u8>>,
    file: Option<(std::path::PathBuf, Option<SystemTime>)>,
}

impl Default for Zhashx {
    fn default() -> Self {
        Zhashx {
            table: Table::default(),
            builder: DefaultHashBuilder::default(),
            destructor: None,
            duplicator: None,
            key_destructor: Some(cstr::free_string),
            key_duplicator: Some(cstr::dup_string),
            key_comparator: None,
            hasher: None,
            comments: Vec::new(),
            file: None,
        }
    }
}

/// Spreads a C hash function's bits over all 64 (murmur3's finaliser):
/// the index uses the top bits too, which simple string hashes leave empty.
fn spread(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

impl Zhashx {
    /// # Safety
    /// `key` is what the hasher accepts (a string by default).
    unsafe fn hash(&self, key: *const c_void) -> u64 {
        match self.hasher {
            // SAFETY: the hasher is C's zhashx_hash_fn, set by zhashx_set_key_hasher, and
            // hash's caller guarantees `key` is what it accepts; calling it is the documented
            // use of that callback.
            Some(hasher) => spread(unsafe { hasher(key) } as u64),
            // SAFETY: This function's caller guarantees that `key` is NULL or a NUL-terminated
            // C string that stays alive for this call; bytes_of checks NULL, and the borrow is
            // not kept past the call.
            None => self.builder.hash_one(unsafe { cstr::bytes_of(key) }),
        }
    }

    /// # Safety
    /// `key` and the table's keys are what the key callbacks accept.
    unsafe fn find(&self, key: *const c_void) -> Option<usize> {
        // SAFETY: find's caller guarantees what locate requires: `key` (and every stored key)
        // is what this table's key hasher and comparator accept.
        unsafe { self.locate(key) }.1
    }

    /// The key's hash and, if the key is there, its slot.
    ///
    /// # Safety
    /// As [`Zhashx::find`].
    unsafe fn locate(&self, key: *const c_void) -> (u64, Option<usize>) {
        // SAFETY: locate's caller guarantees `key` is what the key hasher accepts (a
        // NUL-terminated string by default), which is hash's requirement.
        let hash = unsafe { self.hash(key) };
        let slot = match self.key_comparator {
            // SAFETY: the comparator is C's zhashx_comparator_fn from
            // zhashx_set_key_comparator; locate's caller guarantees `key` and every stored key
            // are what it accepts.
            Some(compare) => self.table.find(hash, |k| unsafe { compare(k, key) } == 0),
            None => {
                // SAFETY: with no key comparator the keys are strings: locate's caller
                // guarantees `key` is NULL or NUL-terminated, live for this call, which is what
                // bytes_of reads (it checks NULL).
                let key = unsafe { cstr::bytes_of(key) };
                self.table
                    // SAFETY: with no key comparator every stored key is a NUL-terminated
                    // string the table owns (adopted under the same rule), alive while borrowed.
                    .find(hash, |k| unsafe { cstr::bytes_of(k) } == key)
            }
        };
        (hash, slot)
    }

    /// Takes the key's entry out, if there is one.
    ///
    /// # Safety
    /// As [`Zhashx::find`].
    unsafe fn take(&mut self, key: *const c_void) -> Option<Entry> {
        // SAFETY: take's caller guarantees `key` is what the key hasher accepts (a
        // NUL-terminated string by default), which is hash's requirement.
        let hash = unsafe { self.hash(key) };
        match self.key_comparator {
            // SAFETY: the comparator is C's zhashx_comparator_fn from
            // zhashx_set_key_comparator; take's caller guarantees `key` and every stored key
            // are what it accepts.
            Some(compare) => self.table.take(hash, |k| unsafe { compare(k, key) } == 0),
            None => {
                // SAFETY: with no key comparator the keys are strings: take's caller
                // guarantees `key` is NULL or NUL-terminated, live for this call, which is what
                // bytes_of reads (it checks NULL).
                let key = unsafe { cstr::bytes_of(key) };
                self.table
                    // SAFETY: with no key comparator every stored key is a NUL-terminated
                    // string the table owns (adopted under the same rule), alive while borrowed.
                    .take(hash, |k| unsafe { cstr::bytes_of(k) } == key)
            }
        }
    }

    /// # Safety
    /// The duplicator accepts `item`.
    unsafe fn adopt(&self, item: *mut c_void) -> *mut c_void {
        match self.duplicator {
            // SAFETY: the duplicator is C's zhashx_duplicator_fn from zhashx_set_duplicator,
            // and adopt's caller guarantees `item` is what it accepts; what it returns becomes
            // the stored item.
            Some(dup) => unsafe { dup(item) },
            None => item,
        }
    }

    /// # Safety
    /// The key duplicator accepts `key`.
    unsafe fn adopt_key(&self, key: *const c_void) -> *mut c_void {
        match self.key_duplicator {
            // SAFETY: the key duplicator is C's from zhashx_set_key_duplicator, and adopt_key's
            // caller guarantees `key` is what it accepts (by default the strdup-style string
            // copy).
            Some(dup) => unsafe { dup(key) },
            None => key as *mut c_void,
        }
    }

    /// Frees an item leaving the table: the destructor, else its free fn.
    ///
    /// # Safety
    /// The callbacks accept the item.
    unsafe fn free_item(&self, mut item: *mut c_void, free_fn: Option<FreeFn>) {
        // SAFETY: free_item's caller guarantees the item is what the table's destructor, or
        // else the item's own free_fn (zhashx_freefn), accepts; each is called at most once for
        // an item leaving the table, with a pointer to a local copy of it.
        unsafe {
            if let Some(destructor) = self.destructor {
                destructor(&mut item);
            } else if let Some(free_fn) = free_fn {
                free_fn(item);
            }
        }
    }

    /// # Safety
    /// The key destructor accepts `key`.
    unsafe fn free_key(&self, mut key: *mut c_void) {
        if let Some(destructor) = self.key_destructor {
            // SAFETY: the key destructor is C's from zhashx_set_key_destructor, and free_key's
            // caller guarantees `key` is one this table stored (adopted by its key duplicator),
            // leaving the table now, so it is freed once.
            unsafe { destructor(&mut key) };
        }
    }

    /// # Safety
    /// The callbacks accept the entry's key and item.
    unsafe fn free_entry(&self, entry: Entry) {
        // SAFETY: free_entry's caller guarantees the entry's item and key are what this table's
        // callbacks accept and that the entry has left the table, which is what free_item and
        // free_key require.
        unsafe {
            self.free_item(entry.item, entry.free_fn);
            self.free_key(entry.key);
        }
    }

    /// Inserts under a new key (duplicating key and item); `false` if the
    /// key exists. The cursor's key becomes the new one (as CZMQ).
    ///
    /// # Safety
    /// The callbacks accept `key` and `item`.
    unsafe fn insert(&mut self, key: *const c_void, item: *mut c_void) -> bool {
        // SAFETY: insert's caller guarantees `key` and `item` are what this table's callbacks
        // (hasher, comparator, duplicators) accept, which is all locate, adopt_key and adopt
        // require.
        unsafe {
            let (hash, None) = self.locate(key) else {
                return false;
            };
            let key = self.adopt_key(key);
            let item = self.adopt(item);
            let slot = self.table.insert(hash, key, item);
            self.table.set_current(slot);
        }
        true
    }

    /// # Safety
    /// The callbacks accept `key`, `item` and the old item.
    unsafe fn update(&mut self, key: *const c_void, item: *mut c_void) {
        // SAFETY: update's caller guarantees `key`, `item` and the stored old item are what
        // this table's callbacks accept; find, adopt, free_item and insert need nothing more,
        // and the old item is freed once, after it left the entry.
        unsafe {
            match self.find(key) {
                Some(slot) => {
                    let item = self.adopt(item);
                    let entry = self.table.entry_mut(slot);
                    let old = std::mem::replace(&mut entry.item, item);
                    let free_fn = entry.free_fn;
                    self.free_item(old, free_fn);
                }
                None => {
                    self.insert(key, item);
                }
            }
        }
    }

    fn purge(&mut self) {
        for entry in self.table.drain() {
            // SAFETY: every entry was stored under this table's callbacks.
            unsafe { self.free_entry(entry) };
        }
    }

    /// Items serialised to strings, with their keys (which must be strings).
    ///
    /// # Safety
    /// Keys are strings; items are strings or what `serializer` accepts.
    unsafe fn pack(&self, serializer: Option<SerializerFn>) -> Option<Vec<u8>> {
        let mut values: Vec<(&[u8], Vec<u8>)> = Vec::with_capacity(self.table.len());
        for entry in self.table.iter() {
            // SAFETY: pack's caller guarantees the keys are NUL-terminated strings (CZMQ's
            // zhashx_pack rule), which is what bytes_of reads; the table owns them for this
            // borrow.
            let key = unsafe { cstr::bytes_of(entry.key) };
            let value = match serializer {
                Some(serialize) => {
                    // SAFETY: the serializer is C's zhashx_serializer_fn, and pack's caller
                    // guarantees the items are what it accepts; it returns a malloc'd
                    // NUL-terminated string (CZMQ frees it with zstr_free), which is copied and
                    // then freed here once.
                    unsafe {
                        let text = serialize(entry.item);
                        let bytes = cstr::bytes_of(text as *const c_void).to_vec();
                        cstr::free(text as *mut c_void);
                        bytes
                    }
                }
                // SAFETY: without a serializer, pack's caller guarantees the items are
                // NUL-terminated strings (CZMQ's zhashx_pack rule), which is what bytes_of
                // reads.
                None => unsafe { cstr::bytes_of(entry.item) }.to_vec(),
            };
            values.push((key, value));
        }
        dict::encode(values.iter().map(|(k, v)| (*k, v.as_slice())))
    }

    fn load(&mut self, path: &Path) -> c_int {
        self.destructor = Some(cstr::free_string);
        self.duplicator = Some(cstr::dup_string);
        self.file = Some((path.to_path_buf(), textfile::modified(path)));
        let Ok(text) = std::fs::read(path) else {
            return -1;
        };
        for (name, value) in textfile::parse(&text) {
            // parse() cut both at any NUL, so these cannot fail.
            let (Ok(name), Ok(value)) = (CString::new(name), CString::new(value)) else {
                continue;
            };
            // SAFETY: string keys and items, copied by strdup; old items
            // are freed by the string destructor just set (CZMQ's rule).
            unsafe { self.update(name.as_ptr().cast(), value.as_ptr() as *mut c_void) };
        }
        0
    }
}

impl Drop for Zhashx {
    fn drop(&mut self) {
        self.purge();
    }
}

/// Runs `body` on the table behind `p`, or returns `fail` for NULL.
///
/// # Safety
/// `p` is NULL or a live zhashx_t used by no one else meanwhile.
unsafe fn with<T: Copy>(p: *mut Zhashx, fail: T, body: impl FnOnce(&mut Zhashx) -> T) -> T {
    // SAFETY: This function's caller guarantees that `p` is NULL or a zhashx_t boxed by
    // zhashx_new/zhashx_dup and not destroyed; as_mut yields None for NULL, and the &mut borrow
    // ends with this call (C uses a CZMQ object from one thread at a time, so nothing else
    // aliases it meanwhile).
    guard(fail, || match unsafe { p.as_mut() } {
        Some(hash) => body(hash),
        None => fail,
    })
}

/// As [`with`], also `fail` for a NULL key.
///
/// # Safety
/// As [`with`].
unsafe fn with_key<T: Copy>(
    p: *mut Zhashx,
    key: *const c_void,
    fail: T,
    body: impl FnOnce(&mut Zhashx) -> T,
) -> T {
    if key.is_null() {
        return fail;
    }
    // SAFETY: This function's caller guarantees that `p` is NULL or a live zhashx_t from
    // zhashx_new/zhashx_dup; with turns NULL into the error value, and its &mut borrow ends
    // inside this call (C uses a CZMQ object from one thread at a time, so nothing else aliases
    // it meanwhile).
    unsafe { with(p, fail, body) }
}

/// `zhashx_t *zhashx_new (void)`: string keys (copied, freed, compared and
/// hashed by content), items not owned.
#[no_mangle]
pub extern "C" fn zhashx_new() -> *mut Zhashx {
    guard(std::ptr::null_mut(), || boxed(Zhashx::default()))
}

/// `void zhashx_destroy (zhashx_t **self_p)`: destroys items and keys with
/// their destructors (or items' free functions), then the table.
///
/// # Safety
/// `self_p` is NULL or points to NULL or a live zhashx_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_destroy(self_p: *mut *mut Zhashx) {
    // SAFETY: `self_p` is NULL or the address of C's zhashx_t pointer, which is NULL or a
    // zhashx_t boxed by zhashx_new/zhashx_dup and not destroyed yet (C's caller guarantees);
    // destroy checks both NULLs, sets *self_p to NULL and drops the Box exactly once.
    guard((), || unsafe { ffi::destroy(self_p) })
}

/// `int zhashx_insert (zhashx_t *self, const void *key, void *item)`: 0,
/// or -1 if the key exists or on NULL.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t; the callbacks accept key and item.
#[no_mangle]
pub unsafe extern "C" fn zhashx_insert(
    self_: *mut Zhashx,
    key: *const c_void,
    item: *mut c_void,
) -> c_int {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with_key turns NULL into the error value, and
    // its &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). `key` is NULL or a key the key callbacks accept (a
    // NUL-terminated string by default), and with_key checks NULL.
    unsafe { with_key(self_, key, -1, |h| if h.insert(key, item) { 0 } else { -1 }) }
}

/// `void zhashx_update (zhashx_t *self, const void *key, void *item)`:
/// replaces the item (destroying the old one) or inserts.
///
/// # Safety
/// As [`zhashx_insert`].
#[no_mangle]
pub unsafe extern "C" fn zhashx_update(self_: *mut Zhashx, key: *const c_void, item: *mut c_void) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with_key turns NULL into the error value, and
    // its &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). `key` is NULL or a key the key callbacks accept (a
    // NUL-terminated string by default), and with_key checks NULL.
    unsafe { with_key(self_, key, (), |h| h.update(key, item)) }
}

/// `void zhashx_delete (zhashx_t *self, const void *key)`: safe while
/// iterating.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t; the key callbacks accept `key`.
#[no_mangle]
pub unsafe extern "C" fn zhashx_delete(self_: *mut Zhashx, key: *const c_void) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with_key turns NULL into the error value, and
    // its &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). `key` is NULL or a key the key callbacks accept (a
    // NUL-terminated string by default), and with_key checks NULL. The closure's calls to
    // free_entry, take are covered too: the same caller guarantees items and keys are what this
    // container's callbacks (or autofree's C-string rule) accept, and C strings are NULL or
    // NUL-terminated, which is all they require.
    unsafe {
        with_key(self_, key, (), |h| {
            if let Some(entry) = h.take(key) {
                h.free_entry(entry);
            }
        })
    }
}

/// `void zhashx_purge (zhashx_t *self)`: deletes every item.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_purge(self_: *mut Zhashx) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, (), Zhashx::purge) }
}

/// `void *zhashx_lookup (zhashx_t *self, const void *key)`.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t; the key callbacks accept `key`.
#[no_mangle]
pub unsafe extern "C" fn zhashx_lookup(self_: *mut Zhashx, key: *const c_void) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with_key turns NULL into the error value, and
    // its &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). `key` is NULL or a key the key callbacks accept (a
    // NUL-terminated string by default), and with_key checks NULL. The closure's calls to find
    // are covered too: the same caller guarantees items and keys are what this container's
    // callbacks (or autofree's C-string rule) accept, and C strings are NULL or NUL-terminated,
    // which is all they require.
    unsafe {
        with_key(self_, key, std::ptr::null_mut(), |h| {
            h.find(key)
                .map_or(std::ptr::null_mut(), |slot| h.table.entry(slot).item)
        })
    }
}

/// `int zhashx_rename (zhashx_t *self, const void *old_key, const void *new_key)`:
/// 0, or -1 if `old_key` is absent or `new_key` present. The cursor's key
/// becomes the new one (as CZMQ).
///
/// # Safety
/// `self_` is NULL or a live zhashx_t; the key callbacks accept the keys.
#[no_mangle]
pub unsafe extern "C" fn zhashx_rename(
    self_: *mut Zhashx,
    old_key: *const c_void,
    new_key: *const c_void,
) -> c_int {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with_key turns NULL into the error value, and
    // its &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). `old_key` is NULL or a key the key callbacks accept
    // (a NUL-terminated string by default), and with_key checks NULL. The closure's calls to
    // adopt_key, find, free_key are covered too: the same caller guarantees items and keys are
    // what this container's callbacks (or autofree's C-string rule) accept, and C strings are
    // NULL or NUL-terminated, which is all they require.
    unsafe {
        with_key(self_, old_key, -1, |h| {
            if new_key.is_null() {
                return -1;
            }
            match (h.find(old_key), h.find(new_key)) {
                (Some(slot), None) => {
                    let hash = h.hash(new_key);
                    let key = h.adopt_key(new_key);
                    let old = h.table.rekey(slot, hash, key);
                    h.free_key(old);
                    h.table.set_current(slot);
                    0
                }
                _ => -1,
            }
        })
    }
}

/// `void *zhashx_freefn (zhashx_t *self, const void *key, zhashx_free_fn free_fn)`:
/// the item's own free function (used when no destructor is set); returns
/// the item, or NULL if absent.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t; the key callbacks accept `key`.
#[no_mangle]
pub unsafe extern "C" fn zhashx_freefn(
    self_: *mut Zhashx,
    key: *const c_void,
    free_fn: Option<FreeFn>,
) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with_key turns NULL into the error value, and
    // its &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). `key` is NULL or a key the key callbacks accept (a
    // NUL-terminated string by default), and with_key checks NULL. The closure's calls to find
    // are covered too: the same caller guarantees items and keys are what this container's
    // callbacks (or autofree's C-string rule) accept, and C strings are NULL or NUL-terminated,
    // which is all they require.
    unsafe {
        with_key(self_, key, std::ptr::null_mut(), |h| match h.find(key) {
            Some(slot) => {
                let entry = h.table.entry_mut(slot);
                entry.free_fn = free_fn;
                entry.item
            }
            None => std::ptr::null_mut(),
        })
    }
}

/// `size_t zhashx_size (zhashx_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_size(self_: *mut Zhashx) -> usize {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, 0, |h| h.table.len()) }
}

/// `zlistx_t *zhashx_keys (zhashx_t *self)`: a list of the keys, copied
/// with the key duplicator and destroyed with the key destructor.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_keys(self_: *mut Zhashx) -> *mut Zlistx {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to add_end_copy are covered too:
    // the same caller guarantees items and keys are what this container's callbacks (or
    // autofree's C-string rule) accept, and C strings are NULL or NUL-terminated, which is all
    // they require.
    unsafe {
        with(self_, std::ptr::null_mut(), |h| {
            let mut keys = Zlistx::with_callbacks(h.key_destructor, h.key_duplicator);
            for entry in h.table.iter() {
                keys.add_end_copy(entry.key);
            }
            boxed(keys)
        })
    }
}

/// `zlistx_t *zhashx_values (zhashx_t *self)`: a list of the items, with
/// the table's item duplicator and destructor.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_values(self_: *mut Zhashx) -> *mut Zlistx {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to add_end_copy are covered too:
    // the same caller guarantees items and keys are what this container's callbacks (or
    // autofree's C-string rule) accept, and C strings are NULL or NUL-terminated, which is all
    // they require.
    unsafe {
        with(self_, std::ptr::null_mut(), |h| {
            let mut values = Zlistx::with_callbacks(h.destructor, h.duplicator);
            for entry in h.table.iter() {
                values.add_end_copy(entry.item);
            }
            boxed(values)
        })
    }
}

/// `void *zhashx_first (zhashx_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_first(self_: *mut Zhashx) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
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

/// `void *zhashx_next (zhashx_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_next(self_: *mut Zhashx) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
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

/// `const void *zhashx_cursor (zhashx_t *self)`: the key of the item
/// first/next returned (or last inserted/renamed), or NULL.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_cursor(self_: *mut Zhashx) -> *const c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe {
        with(self_, std::ptr::null(), |h| {
            h.table
                .current()
                .map_or(std::ptr::null(), |s| h.table.entry(s).key as *const c_void)
        })
    }
}

/// The non-variadic half of `zhashx_comment (self, format, ...)`.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t; `text` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn czmq_rs_zhashx_comment(self_: *mut Zhashx, text: *const c_char) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
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

/// `int zhashx_save (zhashx_t *self, const char *filename)`: as
/// zhash_save; keys and items must be strings.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t of strings; `filename` NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zhashx_save(self_: *mut Zhashx, filename: *const c_char) -> c_int {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to path_of are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require.
    unsafe {
        with(self_, -1, |h| {
            let Some(path) = path_of(filename) else {
                return -1;
            };
            let pairs = h
                .table
                .iter()
                .map(|e| (cstr::bytes_of(e.key), cstr::bytes_of(e.item)));
            match textfile::save(path, &h.comments, pairs) {
                Ok(()) => 0,
                Err(_) => -1,
            }
        })
    }
}

/// `int zhashx_load (zhashx_t *self, const char *filename)`: sets string
/// item callbacks (strdup/zstr_free) and merges the file in, as zhash_load.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t with string keys; `filename` NULL
/// or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zhashx_load(self_: *mut Zhashx, filename: *const c_char) -> c_int {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
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

/// `int zhashx_refresh (zhashx_t *self)`: as zhash_refresh.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_refresh(self_: *mut Zhashx) -> c_int {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
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

/// `zframe_t *zhashx_pack (zhashx_t *self)`: zhash_pack's format; keys and
/// items must be strings. NULL for NULL or a key over 255 bytes.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t of strings.
#[no_mangle]
pub unsafe extern "C" fn zhashx_pack(self_: *mut Zhashx) -> *mut ZframeT {
    // SAFETY: zhashx_pack_own has this function's contract (`self_` NULL or a live zhashx_t of
    // string keys and items) and accepts a None serializer; C's caller meets it.
    unsafe { zhashx_pack_own(self_, None) }
}

/// `zframe_t *zhashx_pack_own (zhashx_t *self, zhashx_serializer_fn serializer)`
/// (CZMQ draft): as zhashx_pack, items turned into strings by `serializer`.
///
/// # Safety
/// As [`zhashx_pack`], items being what `serializer` accepts.
#[no_mangle]
pub unsafe extern "C" fn zhashx_pack_own(
    self_: *mut Zhashx,
    serializer: Option<SerializerFn>,
) -> *mut ZframeT {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to pack are covered too: the same
    // caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require.
    unsafe {
        with(self_, std::ptr::null_mut(), |h| {
            h.pack(serializer)
                .map_or(std::ptr::null_mut(), |bytes| boxed(Frame::from(bytes)))
        })
    }
}

/// `zhashx_t *zhashx_unpack (zframe_t *frame)`: a table of what
/// zhashx_pack or zhash_pack wrote, items strings (strdup/zstr_free).
/// Fewer than 4 bytes: empty. NULL for NULL, truncated data or a
/// duplicate key.
///
/// # Safety
/// `frame` is NULL or a live zframe_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_unpack(frame: *mut ZframeT) -> *mut Zhashx {
    // SAFETY: zhashx_unpack_own has this function's contract (`frame` NULL or a live zframe_t)
    // and accepts a None deserializer; C's caller meets it.
    unsafe { zhashx_unpack_own(frame, None) }
}

/// `zhashx_t *zhashx_unpack_own (zframe_t *frame, zhashx_deserializer_fn deserializer)`
/// (CZMQ draft): as zhashx_unpack, items made by `deserializer` from the
/// strings. The table's destructor is zstr_free's: set your own after.
///
/// # Safety
/// `frame` is NULL or a live zframe_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_unpack_own(
    frame: *mut ZframeT,
    deserializer: Option<DeserializerFn>,
) -> *mut Zhashx {
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
        let mut hash = Zhashx::default();
        hash.destructor = Some(cstr::free_string);
        for (key, value) in pairs {
            let text = ffi::malloc_bytes(value);
            let item = match deserializer {
                // SAFETY: text is a NUL-terminated string we own; freed
                // once the deserializer has made the item from it.
                Some(deserialize) => unsafe {
                    let item = deserialize(text);
                    cstr::free(text as *mut c_void);
                    item
                },
                None => text as *mut c_void,
            };
            // decode() cut the key at any NUL, so this cannot fail.
            let Ok(key) = CString::new(key) else {
                return std::ptr::null_mut();
            };
            // SAFETY: string key; the item is stored as is (no duplicator
            // yet) and on a duplicate key freed as the table would.
            unsafe {
                if !hash.insert(key.as_ptr().cast(), item) {
                    hash.free_item(item, None);
                    return std::ptr::null_mut();
                }
            }
        }
        hash.duplicator = Some(cstr::dup_string);
        boxed(hash)
    })
}

/// `zhashx_t *zhashx_dup (zhashx_t *self)`: a copy with the same callbacks;
/// keys and items go through the duplicators (items are shared if there
/// is no item duplicator). NULL for NULL.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_dup(self_: *mut Zhashx) -> *mut Zhashx {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to insert are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require.
    unsafe {
        with(self_, std::ptr::null_mut(), |h| {
            let mut copy = Zhashx::default();
            copy.destructor = h.destructor;
            copy.duplicator = h.duplicator;
            copy.key_destructor = h.key_destructor;
            copy.key_duplicator = h.key_duplicator;
            copy.key_comparator = h.key_comparator;
            copy.hasher = h.hasher;
            for entry in h.table.iter() {
                copy.insert(entry.key, entry.item);
            }
            boxed(copy)
        })
    }
}

/// `zhashx_t *zhashx_dup_v2 (zhashx_t *self)`: a copy with default key
/// callbacks and string items (strdup/zstr_free): items must be strings.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t of strings.
#[no_mangle]
pub unsafe extern "C" fn zhashx_dup_v2(self_: *mut Zhashx) -> *mut Zhashx {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to insert are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require.
    unsafe {
        with(self_, std::ptr::null_mut(), |h| {
            let mut copy = Zhashx::default();
            copy.destructor = Some(cstr::free_string);
            copy.duplicator = Some(cstr::dup_string);
            for entry in h.table.iter() {
                copy.insert(entry.key, entry.item);
            }
            boxed(copy)
        })
    }
}

/// `void zhashx_set_destructor (zhashx_t *self, zhashx_destructor_fn destructor)`.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_set_destructor(self_: *mut Zhashx, f: Option<DestructorFn>) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, (), |h| h.destructor = f) }
}

/// `void zhashx_set_duplicator (zhashx_t *self, zhashx_duplicator_fn duplicator)`.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_set_duplicator(self_: *mut Zhashx, f: Option<DuplicatorFn>) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, (), |h| h.duplicator = f) }
}

/// `void zhashx_set_key_destructor (zhashx_t *self, zhashx_destructor_fn destructor)`
/// (NULL: keys are not freed).
///
/// # Safety
/// `self_` is NULL or a live zhashx_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_set_key_destructor(self_: *mut Zhashx, f: Option<DestructorFn>) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, (), |h| h.key_destructor = f) }
}

/// `void zhashx_set_key_duplicator (zhashx_t *self, zhashx_duplicator_fn duplicator)`
/// (NULL: keys are stored as given).
///
/// # Safety
/// `self_` is NULL or a live zhashx_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_set_key_duplicator(self_: *mut Zhashx, f: Option<DuplicatorFn>) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, (), |h| h.key_duplicator = f) }
}

/// `void zhashx_set_key_comparator (zhashx_t *self, zhashx_comparator_fn comparator)`
/// (NULL: strings by content).
///
/// # Safety
/// `self_` is NULL or a live zhashx_t.
#[no_mangle]
pub unsafe extern "C" fn zhashx_set_key_comparator(self_: *mut Zhashx, f: Option<ComparatorFn>) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, (), |h| h.key_comparator = f) }
}

/// `void zhashx_set_key_hasher (zhashx_t *self, zhashx_hash_fn hasher)`
/// (NULL: strings by content). Keys already in the table are rehashed.
///
/// # Safety
/// `self_` is NULL or a live zhashx_t; `hasher` accepts its keys.
#[no_mangle]
pub unsafe extern "C" fn zhashx_set_key_hasher(self_: *mut Zhashx, f: Option<HashFn>) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zhashx_t from zhashx_new/zhashx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe {
        with(self_, (), |h| {
            h.hasher = f;
            let (hasher, builder) = (h.hasher, h.builder.clone());
            h.table.rehash(|key| match hasher {
                Some(hasher) => spread(hasher(key) as u64),
                None => builder.hash_one(cstr::bytes_of(key)),
            });
        })
    }
}
