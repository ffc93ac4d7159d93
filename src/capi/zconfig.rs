//! zconfig: a `zconfig_t *` is a node of a [`czmq::Config`] tree (a
//! [`czmq::ConfigNode`] at a fixed address), the root or any node below it, as
//! in CZMQ. Roots are owned by C (`Config::into_raw`); child nodes belong to
//! their tree. Names, values and the file name are lent from the node's own
//! storage, valid until that node changes, as CZMQ's are.
//!
//! The variadic functions (`zconfig_set_value`, `zconfig_putf`,
//! `zconfig_set_comment`, `zconfig_loadf`, `zconfig_savef`), those that
//! need zchunk (`zconfig_chunk_load/save`) or a `FILE *`
//! (`zconfig_fprint`, `zconfig_print`) and the zlist of `zconfig_comments`
//! are in src/shim/zconfig.c, over the entry points here.

use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void};
use std::ptr;
use std::sync::Mutex;

use czmq::{Config, ConfigNode, ConfigNodeMut};

use super::ffi::{guard, malloc_bytes, opt_bytes, opt_str};

/// C's `zconfig_t`.
pub type ZconfigT = ConfigNode;

/// `zconfig_fct`: called for each node by zconfig_execute; -1 stops.
pub type ZconfigFct = unsafe extern "C" fn(*mut ZconfigT, *mut c_void, c_int) -> c_int;

extern "C" {
    /// In src/shim/zconfig.c: writes the tree to C's stdout (the node is
    /// passed as C sees it, an opaque zconfig_t *).
    fn zconfig_print(self_: *mut c_void);
    /// In src/shim/zconfig.c: frees a comment list (zlist_destroy).
    fn czmq_rs_zconfig_list_destroy(list: *mut c_void);
    /// In src/shim/zconfig.c: a new zlist of copies of `count` strings,
    /// appended to `list` (created when NULL); NULL without zlist.
    fn czmq_rs_zconfig_list_extend(
        list: *mut c_void,
        strings: *const *const c_char,
        count: usize,
    ) -> *mut c_void;
}

/// The zlist_t handed out by zconfig_comments, per node address, with how
/// many comments it holds. CZMQ keeps the list in the node; the Rust node
/// knows nothing of zlist, so the C face keeps it here and frees it when
/// the node goes.
static COMMENT_LISTS: Mutex<Option<HashMap<usize, (usize, usize)>>> = Mutex::new(None);

fn comment_lists<T>(f: impl FnOnce(&mut HashMap<usize, (usize, usize)>) -> T) -> T {
    let mut guard = COMMENT_LISTS.lock().unwrap_or_else(|e| e.into_inner());
    let result = f(guard.get_or_insert_with(HashMap::new));
    // An empty table gives its memory back, so a program that has freed
    // every tree holds nothing here (valgrind sees no leak).
    if guard.as_ref().is_some_and(HashMap::is_empty) {
        *guard = None;
    }
    result
}

/// Frees the comment lists of `node` and, if `subtree`, every node below
/// it (before those nodes are freed).
fn drop_comment_lists(node: &ConfigNode, subtree: bool) {
    let lists: Vec<usize> = comment_lists(|map| {
        if map.is_empty() {
            return Vec::new();
        }
        if subtree {
            node.walk()
                .filter_map(|(_, n)| map.remove(&(n as *const ConfigNode as usize)))
                .map(|(list, _)| list)
                .collect()
        } else {
            map.remove(&(node as *const ConfigNode as usize))
                .map(|(list, _)| list)
                .into_iter()
                .collect()
        }
    });
    for list in lists {
        // SAFETY: each list came from czmq_rs_zconfig_list_extend and was
        // just removed from the table, so it is freed once.
        unsafe { czmq_rs_zconfig_list_destroy(list as *mut c_void) };
    }
}

/// Frees the subtree at `node` (detached first if it has a parent).
///
/// # Safety
/// `node` is NULL or a live zconfig_t; if a root, the caller owns it.
unsafe fn free_subtree(node: *mut ZconfigT) {
    // SAFETY: `node` is NULL or a live zconfig_t with no reference into its tree alive (the
    // requirement above); this shared reference ends before the free below.
    if let Some(n) = unsafe { node.as_ref() } {
        drop_comment_lists(n, true);
    }
    // SAFETY: `node` is NULL or live; if a root, the caller owns it (the requirement above),
    // which is what Config::from_raw requires; the reference above has ended and `node` is not
    // used again.
    drop(unsafe { Config::from_raw(node) });
}

/// Borrows a node for reading.
///
/// # Safety
/// `p` is NULL or a live zconfig_t not being changed meanwhile.
unsafe fn node<'a>(p: *mut ZconfigT) -> Option<&'a ConfigNode> {
    // SAFETY: `p` is NULL or a live node (a Box leaked by Config/ConfigNodeMut::into_raw, not
    // yet freed) that nothing changes while the returned borrow lives (the requirement above).
    unsafe { p.as_ref() }
}

/// Edit access to a node.
///
/// # Safety
/// `p` is NULL or a live zconfig_t, used by no one else meanwhile.
unsafe fn edit<'a>(p: *mut ZconfigT) -> Option<ConfigNodeMut<'a>> {
    // SAFETY: `p` is NULL or a live node that nothing else borrows while the ConfigNodeMut
    // lives (the requirement above), which is what ConfigNodeMut::from_raw requires.
    unsafe { ConfigNodeMut::from_raw(p) }
}

/// `zconfig_t *zconfig_new (const char *name, zconfig_t *parent)`: a new
/// root, or a new last child of `parent`. NULL if `name` is NULL, or not a
/// ZPL name for a child.
///
/// # Safety
/// `name` is NULL or NUL-terminated; `parent` NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_new(name: *const c_char, parent: *mut ZconfigT) -> *mut ZconfigT {
    guard(ptr::null_mut(), || {
        // SAFETY: `name` is NULL or a NUL-terminated string that C keeps alive until this call
        // returns (as documented above), and the borrow opt_str gives is dropped or copied
        // before then.
        let Some(name) = (unsafe { opt_str(name) }) else {
            return ptr::null_mut();
        };
        // SAFETY: `parent` is NULL or a live node of a zconfig_t tree, and nothing else borrows
        // that tree during this call (as documented above; C uses a tree from one thread), as
        // edit requires.
        match unsafe { edit(parent) } {
            None => Config::new(name).into_raw(),
            Some(mut parent) => match parent.add_child(name) {
                Ok(child) => child.into_raw(),
                Err(e) => {
                    log::error!("zconfig_new: {e}");
                    ptr::null_mut()
                }
            },
        }
    })
}

/// `void zconfig_destroy (zconfig_t **self_p)`: frees a root's tree, or
/// detaches a child from its tree and frees it with its subtree.
///
/// # Safety
/// `self_p` is NULL, or points to NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_destroy(self_p: *mut *mut ZconfigT) {
    guard((), || {
        if self_p.is_null() {
            return;
        }
        // SAFETY: `self_p` is non-NULL (checked above) and C's readable, writable `zconfig_t
        // **` (the requirement above).
        let p = unsafe { ptr::replace(self_p, ptr::null_mut()) };
        // SAFETY: a live zconfig_t given up by the caller.
        unsafe { free_subtree(p) }
    })
}

/// `void zconfig_remove (zconfig_t **self_p)`: as zconfig_destroy (CZMQ's
/// draft API: detach and free a node and its subtree).
///
/// # Safety
/// As [`zconfig_destroy`].
#[no_mangle]
pub unsafe extern "C" fn zconfig_remove(self_p: *mut *mut ZconfigT) {
    // SAFETY: `self_p` is NULL or points to NULL or a live zconfig_t with no borrow into
    // its tree, as for zconfig_destroy (documented above), which is all it requires.
    unsafe { zconfig_destroy(self_p) }
}

/// `void zconfig_remove_subtree (zconfig_t *self)`: frees every child.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_remove_subtree(self_: *mut ZconfigT) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree (from
        // zconfig_new/load/str_load), which nothing changes during this call (as documented
        // above; C uses a tree from one thread), as node requires.
        if let Some(n) = unsafe { node(self_) } {
            for child in n.children() {
                drop_comment_lists(child, true);
            }
        }
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree, and nothing else borrows
        // that tree during this call (as documented above; C uses a tree from one thread), as
        // edit requires.
        if let Some(mut n) = unsafe { edit(self_) } {
            n.clear_children();
        }
    })
}

/// `zconfig_t *zconfig_dup (zconfig_t *self)`: a deep copy of the subtree,
/// as a new root (CZMQ's draft API); NULL for NULL.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_dup(self_: *mut ZconfigT) -> *mut ZconfigT {
    guard(ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree (from
        // zconfig_new/load/str_load), which nothing changes during this call (as documented
        // above; C uses a tree from one thread), as node requires.
        let Some(n) = (unsafe { node(self_) }) else {
            return ptr::null_mut();
        };
        n.duplicate().into_raw()
    })
}

/// `char *zconfig_name (zconfig_t *self)`: lent by the node.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_name(self_: *mut ZconfigT) -> *mut c_char {
    guard(ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree (from
        // zconfig_new/load/str_load), which nothing changes during this call (as documented
        // above; C uses a tree from one thread), as node requires.
        unsafe { node(self_) }.map_or(ptr::null_mut(), |n| n.name_c_str().as_ptr() as *mut c_char)
    })
}

/// `char *zconfig_value (zconfig_t *self)`: lent by the node; NULL when it
/// has no value.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_value(self_: *mut ZconfigT) -> *mut c_char {
    guard(ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree (from
        // zconfig_new/load/str_load), which nothing changes during this call (as documented
        // above; C uses a tree from one thread), as node requires.
        unsafe { node(self_) }
            .and_then(ConfigNode::value_c_str)
            .map_or(ptr::null_mut(), |v| v.as_ptr() as *mut c_char)
    })
}

/// `void zconfig_put (zconfig_t *self, const char *path, const char
/// *value)`: creates the path's nodes as needed.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t; the strings NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zconfig_put(
    self_: *mut ZconfigT,
    path: *const c_char,
    value: *const c_char,
) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree, and nothing else borrows
        // that tree during this call (as documented above; C uses a tree from one thread), as
        // edit requires; `path` and `value` are each NULL or a NUL-terminated string that C
        // keeps alive until this call returns (as documented above), and the borrow opt_str
        // gives is dropped or copied before then.
        let (Some(mut n), Some(path), Some(value)) =
            (unsafe { edit(self_) }, unsafe { opt_str(path) }, unsafe {
                opt_str(value)
            })
        else {
            return;
        };
        if let Err(e) = n.put(path, value) {
            log::error!("zconfig_put: {e}");
        }
    })
}

/// `char *zconfig_get (zconfig_t *self, const char *path, const char
/// *default_value)`: the value of the node at `path` (lent by the node;
/// NULL if it has none), or `default_value` if there is no such node.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t; the strings NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zconfig_get(
    self_: *mut ZconfigT,
    path: *const c_char,
    default_value: *const c_char,
) -> *mut c_char {
    let fallback = default_value as *mut c_char;
    guard(fallback, || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree (from
        // zconfig_new/load/str_load), which nothing changes during this call (as documented
        // above; C uses a tree from one thread), as node requires; `path` is NULL or a NUL-
        // terminated string that C keeps alive until this call returns (as documented above),
        // and the borrow opt_str gives is dropped or copied before then.
        let (Some(n), Some(path)) = (unsafe { node(self_) }, unsafe { opt_str(path) }) else {
            return fallback;
        };
        match n.locate(path) {
            Some(found) => found
                .value_c_str()
                .map_or(ptr::null_mut(), |v| v.as_ptr() as *mut c_char),
            None => fallback,
        }
    })
}

/// `void zconfig_set_name (zconfig_t *self, const char *name)`: refused
/// (logged) when `name` is NULL or not a ZPL name.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t; `name` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zconfig_set_name(self_: *mut ZconfigT, name: *const c_char) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree, and nothing else borrows
        // that tree during this call (as documented above; C uses a tree from one thread), as
        // edit requires; `name` is NULL or a NUL-terminated string that C keeps alive until
        // this call returns (as documented above), and the borrow opt_str gives is dropped or
        // copied before then.
        let (Some(mut n), Some(name)) = (unsafe { edit(self_) }, unsafe { opt_str(name) }) else {
            return;
        };
        if let Err(e) = n.set_name(name) {
            log::error!("zconfig_set_name: {e}");
        }
    })
}

/// The non-variadic half of `zconfig_set_value`: sets the formatted value,
/// or clears it for NULL. Returns 0, or -1 if refused (logged).
///
/// # Safety
/// `self_` is NULL or a live zconfig_t; `value` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn czmq_rs_zconfig_set_value(
    self_: *mut ZconfigT,
    value: *const c_char,
) -> c_int {
    guard(-1, || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree, and nothing else borrows
        // that tree during this call (as documented above; C uses a tree from one thread), as
        // edit requires.
        let Some(mut n) = (unsafe { edit(self_) }) else {
            return -1;
        };
        if value.is_null() {
            n.clear_value();
            return 0;
        }
        // SAFETY: `value` is NULL or a NUL-terminated string that C keeps alive until this call
        // returns (as documented above), and the borrow opt_str gives is dropped or copied
        // before then.
        let Some(value) = (unsafe { opt_str(value) }) else {
            log::error!("zconfig_set_value: the value is not UTF-8");
            return -1;
        };
        match n.set_value(value) {
            Ok(()) => 0,
            Err(e) => {
                log::error!("zconfig_set_value: {e}");
                -1
            }
        }
    })
}

/// The non-variadic half of `zconfig_set_comment`: adds the formatted
/// comment, or deletes every comment for NULL. 0, or -1 if refused.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t; `text` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn czmq_rs_zconfig_set_comment(
    self_: *mut ZconfigT,
    text: *const c_char,
) -> c_int {
    guard(-1, || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree, and nothing else borrows
        // that tree during this call (as documented above; C uses a tree from one thread), as
        // edit requires.
        let Some(mut n) = (unsafe { edit(self_) }) else {
            return -1;
        };
        if text.is_null() {
            drop_comment_lists(&n, false);
            n.clear_comments();
            return 0;
        }
        // SAFETY: `text` is NULL or a NUL-terminated string that C keeps alive until this call
        // returns (as documented above), and the borrow opt_str gives is dropped or copied
        // before then.
        let Some(text) = (unsafe { opt_str(text) }) else {
            return -1;
        };
        match n.set_comment(text) {
            Ok(()) => 0,
            Err(e) => {
                log::error!("zconfig_set_comment: {e}");
                -1
            }
        }
    })
}

/// `zlist_t *zconfig_comments (zconfig_t *self)`: the node's comments as a
/// zlist of strings owned by the node (NULL when it has none), kept up to
/// date as comments are added.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_comments(self_: *mut ZconfigT) -> *mut c_void {
    guard(ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree (from
        // zconfig_new/load/str_load), which nothing changes during this call (as documented
        // above; C uses a tree from one thread), as node requires.
        let Some(n) = (unsafe { node(self_) }) else {
            return ptr::null_mut();
        };
        if n.comments().is_empty() {
            drop_comment_lists(n, false);
            return ptr::null_mut();
        }
        let key = n as *const ConfigNode as usize;
        let (list, held) = comment_lists(|map| map.get(&key).copied()).unwrap_or((0, 0));
        let fresh: Vec<std::ffi::CString> = n.comments()[held.min(n.comments().len())..]
            .iter()
            .filter_map(|c| std::ffi::CString::new(c.as_str()).ok())
            .collect();
        if list != 0 && fresh.is_empty() {
            return list as *mut c_void;
        }
        let pointers: Vec<*const c_char> = fresh.iter().map(|c| c.as_ptr()).collect();
        // SAFETY: `list` is NULL or the node's live list; the strings are
        // NUL-terminated and copied by the shim before `fresh` is dropped.
        let list = unsafe {
            czmq_rs_zconfig_list_extend(list as *mut c_void, pointers.as_ptr(), pointers.len())
        };
        if !list.is_null() {
            comment_lists(|map| map.insert(key, (list as usize, n.comments().len())));
        }
        list
    })
}

/// `zconfig_t *zconfig_child (zconfig_t *self)`: the first child, or NULL.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_child(self_: *mut ZconfigT) -> *mut ZconfigT {
    guard(ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree, and nothing else borrows
        // that tree during this call (as documented above; C uses a tree from one thread), as
        // edit requires.
        unsafe { edit(self_) }
            .and_then(ConfigNodeMut::into_first_child)
            .map_or(ptr::null_mut(), ConfigNodeMut::into_raw)
    })
}

/// `zconfig_t *zconfig_next (zconfig_t *self)`: the next sibling, or NULL.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_next(self_: *mut ZconfigT) -> *mut ZconfigT {
    guard(ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree (from
        // zconfig_new/load/str_load), which nothing changes during this call (as documented
        // above; C uses a tree from one thread), as node requires.
        unsafe { node(self_) }.map_or(ptr::null_mut(), |n| n.links()[1])
    })
}

/// `zconfig_t *zconfig_locate (zconfig_t *self, const char *path)`.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t; `path` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zconfig_locate(
    self_: *mut ZconfigT,
    path: *const c_char,
) -> *mut ZconfigT {
    guard(ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree, and nothing else borrows
        // that tree during this call (as documented above; C uses a tree from one thread), as
        // edit requires; `path` is NULL or a NUL-terminated string that C keeps alive until
        // this call returns (as documented above), and the borrow opt_str gives is dropped or
        // copied before then.
        let (Some(n), Some(path)) = (unsafe { edit(self_) }, unsafe { opt_str(path) }) else {
            return ptr::null_mut();
        };
        n.into_locate(path)
            .map_or(ptr::null_mut(), ConfigNodeMut::into_raw)
    })
}

/// `zconfig_t *zconfig_at_depth (zconfig_t *self, int level)`.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_at_depth(self_: *mut ZconfigT, level: c_int) -> *mut ZconfigT {
    guard(ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree, and nothing else borrows
        // that tree during this call (as documented above; C uses a tree from one thread), as
        // edit requires.
        let Some(n) = (unsafe { edit(self_) }) else {
            return ptr::null_mut();
        };
        // CZMQ treats a negative level as 0 (its loop never runs).
        let level = usize::try_from(level).unwrap_or(0);
        n.into_at_depth(level)
            .map_or(ptr::null_mut(), ConfigNodeMut::into_raw)
    })
}

/// `int zconfig_execute (zconfig_t *self, zconfig_fct handler, void
/// *arg)`: calls `handler` for each node, depth first; 0, or -1 as soon as
/// a handler returns -1.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t; `handler` a valid function that
/// does not free nodes of the subtree (as with CZMQ).
#[no_mangle]
pub unsafe extern "C" fn zconfig_execute(
    self_: *mut ZconfigT,
    handler: Option<ZconfigFct>,
    arg: *mut c_void,
) -> c_int {
    guard(-1, || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree, and nothing else borrows
        // that tree during this call (as documented above; C uses a tree from one thread), as
        // edit requires.
        let (Some(mut n), Some(handler)) = (unsafe { edit(self_) }, handler) else {
            return -1;
        };
        let level = |depth: usize| c_int::try_from(depth).unwrap_or(c_int::MAX);
        // SAFETY: the C handler gets each node in turn and, per the
        // contract, frees none of them.
        let all = unsafe { n.execute_raw(|node, depth| handler(node, arg, level(depth)) != -1) };
        if all {
            0
        } else {
            -1
        }
    })
}

/// `zconfig_t *zconfig_load (const char *filename)`: NULL if the file is
/// missing or not valid ZPL.
///
/// # Safety
/// `filename` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zconfig_load(filename: *const c_char) -> *mut ZconfigT {
    guard(ptr::null_mut(), || {
        // SAFETY: `filename` is NULL or a NUL-terminated string that C keeps alive until this
        // call returns (as documented above), and the borrow opt_str gives is dropped or copied
        // before then.
        match unsafe { opt_str(filename) }.map(Config::load) {
            Some(Ok(c)) => c.into_raw(),
            _ => ptr::null_mut(),
        }
    })
}

/// `int zconfig_save (zconfig_t *self, const char *filename)`: 0 or -1;
/// "-" writes to stdout, as in CZMQ.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t; `filename` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zconfig_save(self_: *mut ZconfigT, filename: *const c_char) -> c_int {
    guard(-1, || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree, and nothing else borrows
        // that tree during this call (as documented above; C uses a tree from one thread), as
        // edit requires; `filename` is NULL or a NUL-terminated string that C keeps alive until
        // this call returns (as documented above), and the borrow opt_str gives is dropped or
        // copied before then.
        let (Some(mut n), Some(filename)) = (unsafe { edit(self_) }, unsafe { opt_str(filename) })
        else {
            return -1;
        };
        if filename == "-" {
            // Through C's stdout, so the text keeps its place among the
            // program's own printf output.
            // SAFETY: self_ is a live zconfig_t (checked above).
            unsafe { zconfig_print(self_ as *mut c_void) };
            return 0;
        }
        if n.save(filename).is_ok() {
            0
        } else {
            -1
        }
    })
}

/// `const char *zconfig_filename (zconfig_t *self)`: the file the tree was
/// loaded from (lent by the node), or NULL.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_filename(self_: *mut ZconfigT) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree (from
        // zconfig_new/load/str_load), which nothing changes during this call (as documented
        // above; C uses a tree from one thread), as node requires.
        unsafe { node(self_) }
            .and_then(ConfigNode::filename_c_str)
            .map_or(ptr::null(), |f| f.as_ptr())
    })
}

/// `int zconfig_reload (zconfig_t **self_p)`: loads the root's file again
/// and replaces `*self_p` with the new tree; 0, or -1 leaving it as it was.
///
/// # Safety
/// `self_p` is NULL or points to NULL or a live root zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_reload(self_p: *mut *mut ZconfigT) -> c_int {
    guard(-1, || {
        // SAFETY: `self_p` is NULL or C's readable, writable `zconfig_t **` (the requirement
        // above), and nothing else refers to that slot during the call.
        let Some(p) = (unsafe { self_p.as_mut() }) else {
            return -1;
        };
        // SAFETY: `p` is non-NULL (checked above) and points to C's readable pointer, and that
        // pointer is NULL or a live node of a zconfig_t tree (from zconfig_new/load/str_load),
        // which nothing changes during this call (as documented above; C uses a tree from one
        // thread), as node requires.
        let Some(old) = (unsafe { node(*p) }) else {
            return -1;
        };
        if old.parent().is_some() {
            return -1; // only a root knows its file
        }
        let Some(fresh) = old.filename().map(Config::load).and_then(Result::ok) else {
            return -1;
        };
        // SAFETY: *p is a live root owned by the caller, replaced below.
        unsafe { free_subtree(*p) };
        *p = fresh.into_raw();
        0
    })
}

/// The non-variadic half of `zconfig_chunk_load`: parses `size` bytes.
///
/// # Safety
/// `data` is NULL or readable for `size` bytes.
#[no_mangle]
pub unsafe extern "C" fn czmq_rs_zconfig_chunk_load(data: *const u8, size: usize) -> *mut ZconfigT {
    guard(ptr::null_mut(), || {
        let bytes = if size == 0 {
            &[][..]
        } else if data.is_null() {
            return ptr::null_mut();
        } else {
            // SAFETY: `data` is non-NULL here and C promises `size` readable bytes at it, valid
            // until this call returns (as documented above); the bytes are copied before then;
            // non-null and readable for `size` bytes.
            unsafe { std::slice::from_raw_parts(data, size) }
        };
        Config::from_bytes(bytes).map_or(ptr::null_mut(), Config::into_raw)
    })
}

/// `zconfig_t *zconfig_str_load (const char *string)`: parses ZPL text;
/// NULL if it is not valid ZPL.
///
/// # Safety
/// `string` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zconfig_str_load(string: *const c_char) -> *mut ZconfigT {
    guard(ptr::null_mut(), || {
        // SAFETY: `string` is NULL or a NUL-terminated string that C keeps alive until this
        // call returns (as documented above), and the borrow opt_bytes gives is dropped or
        // copied before then.
        match unsafe { opt_bytes(string) }.map(Config::from_bytes) {
            Some(Ok(c)) => c.into_raw(),
            _ => ptr::null_mut(),
        }
    })
}

/// `char *zconfig_str_save (zconfig_t *self)`: the subtree as ZPL text,
/// freed by the caller.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_str_save(self_: *mut ZconfigT) -> *mut c_char {
    guard(ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree (from
        // zconfig_new/load/str_load), which nothing changes during this call (as documented
        // above; C uses a tree from one thread), as node requires.
        unsafe { node(self_) }.map_or(ptr::null_mut(), |n| malloc_bytes(&n.to_bytes()))
    })
}

/// `bool zconfig_has_changed (zconfig_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_has_changed(self_: *mut ZconfigT) -> bool {
    guard(false, || {
        // SAFETY: `self_` is NULL or a live node of a zconfig_t tree (from
        // zconfig_new/load/str_load), which nothing changes during this call (as documented
        // above; C uses a tree from one thread), as node requires.
        unsafe { node(self_) }.is_some_and(ConfigNode::has_changed)
    })
}
