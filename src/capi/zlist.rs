//! zlist: CZMQ's simple list of `void *` items, with a cursor
//! (first/next/last/item), autofree (items are strings the list copies and
//! frees), a comparator for exists/remove/sort and per-item free
//! functions. A `VecDeque` holds the items; the cursor is an index.
//! C code only: Rust users have std's collections.

use std::collections::VecDeque;
use std::ffi::{c_int, c_void};

use super::containers::cstr;
use super::containers::table::FreeFn;
use super::ffi::{self, boxed, guard};

/// CZMQ's `zlist_compare_fn`.
pub type CompareFn = unsafe extern "C" fn(*mut c_void, *mut c_void) -> c_int;

struct Node {
    item: *mut c_void,
    free_fn: Option<FreeFn>,
}

/// A C zlist_t.
#[derive(Default)]
pub struct Zlist {
    nodes: VecDeque<Node>,
    /// The item first/next/last last landed on; `None` before the first
    /// item or after the last one.
    cursor: Option<usize>,
    autofree: bool,
    compare: Option<CompareFn>,
}

impl Zlist {
    /// An empty list that copies and frees its (string) items.
    pub(crate) fn new_autofree() -> Zlist {
        let mut list = Zlist::default();
        list.autofree = true;
        list
    }

    /// Appends a C string, copied (the list must be autofree).
    pub(crate) fn append_copy(&mut self, string: &[u8]) {
        debug_assert!(self.autofree);
        let item = ffi::malloc_bytes(string) as *mut c_void;
        self.nodes.push_back(Node {
            item,
            free_fn: None,
        });
    }

    /// The item to store for `item`: a copy when autofree.
    ///
    /// # Safety
    /// With autofree, `item` is a NUL-terminated string.
    unsafe fn adopt(&self, item: *mut c_void) -> *mut c_void {
        if self.autofree {
            // SAFETY: adopt's caller guarantees that with autofree `item` is a NUL-terminated
            // string (CZMQ's rule for autofree lists), which is what strdup reads.
            unsafe { cstr::strdup(item) }
        } else {
            item
        }
    }

    /// Whether the stored `a` matches the caller's `b`.
    ///
    /// # Safety
    /// The comparator, if any, accepts these items.
    unsafe fn matches(&self, a: *mut c_void, b: *mut c_void) -> bool {
        match self.compare {
            // SAFETY: the comparator is C's zlist_compare_fn from zlist_comparefn, and matches'
            // caller guarantees both items are what it accepts.
            Some(compare) => (unsafe { compare(a, b) }) == 0,
            None => a == b,
        }
    }

    /// # Safety
    /// As [`Zlist::matches`].
    #[inline]
    unsafe fn position(&self, item: *mut c_void) -> Option<usize> {
        // The head first, inlined into the caller: a hit there (a queue's
        // next item, the case BENCHMARKS.md times) costs a few
        // instructions, not a call and the set-up of the deque's slices.
        let head = self.nodes.front()?;
        // SAFETY: position's caller guarantees the comparator (if any) accepts `item` and the
        // stored items, head's among them, which is all matches needs.
        if unsafe { self.matches(head.item, item) } {
            return Some(0);
        }
        // SAFETY: the same guarantee, passed on.
        unsafe { self.position_after_head(item) }
    }

    /// [`Zlist::position`] past the head.
    ///
    /// # Safety
    /// As [`Zlist::matches`].
    #[inline(never)]
    unsafe fn position_after_head(&self, item: *mut c_void) -> Option<usize> {
        let (front, back) = self.nodes.as_slices();
        let find = |nodes: &[Node]| {
            // SAFETY: position_after_head's caller guarantees, as for matches, that the
            // comparator (if any) accepts `item` and the stored items, which is all matches
            // needs.
            nodes
                .iter()
                .position(|node| unsafe { self.matches(node.item, item) })
        };
        // The head (front[0]) was checked already.
        let front = front.get(1..).unwrap_or_default();
        find(front)
            .map(|at| 1 + at)
            .or_else(|| find(back).map(|at| 1 + front.len() + at))
    }

    /// Frees an item that leaves the list destroyed (autofree or free_fn).
    ///
    /// # Safety
    /// The node's item is what its owner rules say (a malloc'd string when
    /// autofree; whatever its free_fn accepts).
    unsafe fn free_node(&self, node: Node) {
        if self.autofree {
            // SAFETY: an autofree item is our malloc'd copy.
            unsafe { cstr::free(node.item) }
        } else if let Some(free_fn) = node.free_fn {
            // SAFETY: the caller set free_fn for this item.
            unsafe { free_fn(node.item) }
        }
    }

    fn item_at(&self, index: Option<usize>) -> *mut c_void {
        index
            .and_then(|i| self.nodes.get(i))
            .map_or(std::ptr::null_mut(), |node| node.item)
    }

    fn purge(&mut self) {
        self.cursor = None;
        for node in std::mem::take(&mut self.nodes) {
            // SAFETY: every node was stored under this list's rules.
            unsafe { self.free_node(node) };
        }
    }
}

impl Drop for Zlist {
    fn drop(&mut self) {
        self.purge();
    }
}

/// The list behind a C pointer.
///
/// # Safety
/// `p` is NULL or a live zlist_t used by no one else meanwhile.
unsafe fn list<'a>(p: *mut Zlist) -> Option<&'a mut Zlist> {
    // SAFETY: This function's caller guarantees that `p` is NULL or a zlist_t boxed by
    // zlist_new/zlist_dup and not destroyed; as_mut yields None for NULL, and the &mut borrow
    // ends with this call (C uses a CZMQ object from one thread at a time, so nothing else
    // aliases it meanwhile).
    unsafe { p.as_mut() }
}

/// `zlist_t *zlist_new (void)`.
#[no_mangle]
pub extern "C" fn zlist_new() -> *mut Zlist {
    guard(std::ptr::null_mut(), || boxed(Zlist::default()))
}

/// `void zlist_destroy (zlist_t **self_p)`: frees the list, and its items
/// when autofree or given a free function.
///
/// # Safety
/// `self_p` is NULL or points to NULL or a live zlist_t.
#[no_mangle]
pub unsafe extern "C" fn zlist_destroy(self_p: *mut *mut Zlist) {
    // SAFETY: `self_p` is NULL or the address of C's zlist_t pointer, which is NULL or a
    // zlist_t boxed by zlist_new/zlist_dup and not destroyed yet (C's caller guarantees);
    // destroy checks both NULLs, sets *self_p to NULL and drops the Box exactly once.
    guard((), || unsafe { ffi::destroy(self_p) })
}

/// Runs `body` on the list, or returns `fail` for NULL.
///
/// # Safety
/// As [`list`].
unsafe fn with<T: Copy>(p: *mut Zlist, fail: T, body: impl FnOnce(&mut Zlist) -> T) -> T {
    // SAFETY: This function's caller guarantees that `p` is NULL or a live zlist_t from
    // zlist_new/zlist_dup; list turns NULL into the error value, and its &mut borrow ends
    // inside this call (C uses a CZMQ object from one thread at a time, so nothing else aliases
    // it meanwhile).
    guard(fail, || match unsafe { list(p) } {
        Some(list) => body(list),
        None => fail,
    })
}

/// `void *zlist_first (zlist_t *self)`: the head item; the cursor goes there.
///
/// # Safety
/// `self_` is NULL or a live zlist_t.
#[no_mangle]
pub unsafe extern "C" fn zlist_first(self_: *mut Zlist) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe {
        with(self_, std::ptr::null_mut(), |l| {
            l.cursor = (!l.nodes.is_empty()).then_some(0);
            l.item_at(l.cursor)
        })
    }
}

/// `void *zlist_next (zlist_t *self)`: the item after the cursor; NULL
/// past the end, after which it starts again at the head (as CZMQ).
///
/// # Safety
/// `self_` is NULL or a live zlist_t.
#[no_mangle]
pub unsafe extern "C" fn zlist_next(self_: *mut Zlist) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe {
        with(self_, std::ptr::null_mut(), |l| {
            let next = l.cursor.map_or(0, |i| i + 1);
            l.cursor = (next < l.nodes.len()).then_some(next);
            l.item_at(l.cursor)
        })
    }
}

/// `void *zlist_last (zlist_t *self)`: the tail item; the cursor goes there.
///
/// # Safety
/// `self_` is NULL or a live zlist_t.
#[no_mangle]
pub unsafe extern "C" fn zlist_last(self_: *mut Zlist) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe {
        with(self_, std::ptr::null_mut(), |l| {
            l.cursor = l.nodes.len().checked_sub(1);
            l.item_at(l.cursor)
        })
    }
}

/// `void *zlist_head (zlist_t *self)`: the head item; cursor unchanged.
///
/// # Safety
/// `self_` is NULL or a live zlist_t.
#[no_mangle]
pub unsafe extern "C" fn zlist_head(self_: *mut Zlist) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, std::ptr::null_mut(), |l| l.item_at(Some(0))) }
}

/// `void *zlist_tail (zlist_t *self)`: the tail item; cursor unchanged.
///
/// # Safety
/// `self_` is NULL or a live zlist_t.
#[no_mangle]
pub unsafe extern "C" fn zlist_tail(self_: *mut Zlist) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe {
        with(self_, std::ptr::null_mut(), |l| {
            l.item_at(l.nodes.len().checked_sub(1))
        })
    }
}

/// `void *zlist_item (zlist_t *self)`: the item at the cursor, or NULL.
///
/// # Safety
/// `self_` is NULL or a live zlist_t.
#[no_mangle]
pub unsafe extern "C" fn zlist_item(self_: *mut Zlist) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, std::ptr::null_mut(), |l| l.item_at(l.cursor)) }
}

/// `int zlist_append (zlist_t *self, void *item)`: adds at the tail
/// (a copy when autofree), resets the cursor; -1 for a NULL item.
///
/// # Safety
/// `self_` is NULL or a live zlist_t; with autofree, `item` is NULL or a
/// NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn zlist_append(self_: *mut Zlist, item: *mut c_void) -> c_int {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to adopt are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require.
    unsafe {
        with(self_, -1, |l| {
            if item.is_null() {
                return -1;
            }
            // SAFETY: zlist_append's caller guarantees `item` is a NUL-terminated string when
            // the list is autofree (CZMQ's rule), which is what adopt requires.
            let item = l.adopt(item);
            l.nodes.push_back(Node {
                item,
                free_fn: None,
            });
            l.cursor = None;
            0
        })
    }
}

/// `int zlist_push (zlist_t *self, void *item)`: adds at the head, as
/// zlist_append otherwise.
///
/// # Safety
/// As [`zlist_append`].
#[no_mangle]
pub unsafe extern "C" fn zlist_push(self_: *mut Zlist, item: *mut c_void) -> c_int {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to adopt are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require.
    unsafe {
        with(self_, -1, |l| {
            if item.is_null() {
                return -1;
            }
            // SAFETY: zlist_push's caller guarantees `item` is a NUL-terminated string when the
            // list is autofree (CZMQ's rule), which is what adopt requires.
            let item = l.adopt(item);
            l.nodes.push_front(Node {
                item,
                free_fn: None,
            });
            l.cursor = None;
            0
        })
    }
}

/// `void *zlist_pop (zlist_t *self)`: takes the head item out (the caller
/// owns it now, even when autofree); resets the cursor.
///
/// # Safety
/// `self_` is NULL or a live zlist_t.
#[no_mangle]
pub unsafe extern "C" fn zlist_pop(self_: *mut Zlist) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe {
        with(self_, std::ptr::null_mut(), |l| {
            l.cursor = None;
            l.nodes
                .pop_front()
                .map_or(std::ptr::null_mut(), |node| node.item)
        })
    }
}

/// `bool zlist_exists (zlist_t *self, void *item)`: by the comparator if
/// set, else by pointer.
///
/// # Safety
/// `self_` is NULL or a live zlist_t; the comparator accepts `item`.
#[no_mangle]
pub unsafe extern "C" fn zlist_exists(self_: *mut Zlist, item: *mut c_void) -> bool {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to position are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require.
    unsafe {
        with(self_, false, |l| {
            !item.is_null() && l.position(item).is_some()
        })
    }
}

/// `void zlist_remove (zlist_t *self, void *item)`: removes the first
/// matching item (as zlist_exists) and frees it when autofree or given a
/// free function; a cursor on it moves back one, so removing while
/// iterating forwards works.
///
/// # Safety
/// As [`zlist_exists`].
#[no_mangle]
pub unsafe extern "C" fn zlist_remove(self_: *mut Zlist, item: *mut c_void) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to free_node, position are
    // covered too: the same caller guarantees items and keys are what this container's
    // callbacks (or autofree's C-string rule) accept, and C strings are NULL or NUL-terminated,
    // which is all they require.
    unsafe {
        with(self_, (), |l| {
            // SAFETY: zlist_remove's caller guarantees the comparator (if any) accepts `item`
            // and the stored items, which is all position requires.
            let Some(at) = l.position(item) else {
                return;
            };
            l.cursor = match l.cursor {
                Some(c) if c == at => at.checked_sub(1),
                Some(c) if c > at => Some(c - 1),
                other => other,
            };
            if let Some(node) = l.nodes.remove(at) {
                // SAFETY: stored under this list's rules.
                l.free_node(node);
            }
        })
    }
}

/// `zlist_t *zlist_dup (zlist_t *self)`: a copy holding the same items
/// (copies of them when autofree), with the same comparator; NULL for NULL.
///
/// # Safety
/// `self_` is NULL or a live zlist_t.
#[no_mangle]
pub unsafe extern "C" fn zlist_dup(self_: *mut Zlist) -> *mut Zlist {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to adopt are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require.
    unsafe {
        with(self_, std::ptr::null_mut(), |l| {
            let mut copy = Zlist::default();
            copy.autofree = l.autofree;
            copy.compare = l.compare;
            for node in &l.nodes {
                // SAFETY: an autofree list's items are strings.
                let item = copy.adopt(node.item);
                copy.nodes.push_back(Node {
                    item,
                    free_fn: None,
                });
            }
            boxed(copy)
        })
    }
}

/// `void zlist_purge (zlist_t *self)`: removes (and frees, as destroy)
/// every item.
///
/// # Safety
/// `self_` is NULL or a live zlist_t.
#[no_mangle]
pub unsafe extern "C" fn zlist_purge(self_: *mut Zlist) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, (), Zlist::purge) }
}

/// `size_t zlist_size (zlist_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zlist_t.
#[no_mangle]
pub unsafe extern "C" fn zlist_size(self_: *mut Zlist) -> usize {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, 0, |l| l.nodes.len()) }
}

/// `void zlist_sort (zlist_t *self, zlist_compare_fn compare)`: ascending
/// by `compare`, else the list's comparator, else strcmp. Stable (CZMQ's
/// comb sort is not, so equal items may come out in another order); a
/// per-item free function travels with its item.
///
/// # Safety
/// `self_` is NULL or a live zlist_t; the comparator accepts its items
/// (strings for strcmp).
#[no_mangle]
pub unsafe extern "C" fn zlist_sort(self_: *mut Zlist, compare: Option<CompareFn>) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe {
        with(self_, (), |l| {
            let compare = compare.or(l.compare);
            let mut nodes: Vec<Node> = std::mem::take(&mut l.nodes).into();
            // A comparator that is not a total order may make the sort
            // panic: the items are then put back as they were (ffi::guard
            // catches nothing that would lose them).
            let sorted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                nodes.sort_by(|a, b| {
                    let order = match compare {
                        Some(f) => f(a.item, b.item),
                        None => cstr::compare_strings(a.item, b.item),
                    };
                    order.cmp(&0)
                });
            }));
            drop(sorted);
            l.nodes = nodes.into();
        })
    }
}

/// `void zlist_autofree (zlist_t *self)`: from now on items are strings
/// the list copies on the way in and frees when it drops them.
///
/// # Safety
/// `self_` is NULL or a live zlist_t.
#[no_mangle]
pub unsafe extern "C" fn zlist_autofree(self_: *mut Zlist) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, (), |l| l.autofree = true) }
}

/// `void zlist_comparefn (zlist_t *self, zlist_compare_fn fn)`: the
/// comparator for exists, remove and sort (NULL: by pointer).
///
/// # Safety
/// `self_` is NULL or a live zlist_t.
#[no_mangle]
pub unsafe extern "C" fn zlist_comparefn(self_: *mut Zlist, compare: Option<CompareFn>) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, (), |l| l.compare = compare) }
}

/// `void *zlist_freefn (zlist_t *self, void *item, zlist_free_fn fn,
/// bool at_tail)`: sets the free function of `item` (by pointer), looked
/// for from the head, or only at the tail when `at_tail` (as CZMQ).
/// Returns the item, or NULL if it is not there.
///
/// # Safety
/// `self_` is NULL or a live zlist_t; `free_fn` accepts the item.
#[no_mangle]
pub unsafe extern "C" fn zlist_freefn(
    self_: *mut Zlist,
    item: *mut c_void,
    free_fn: Option<FreeFn>,
    at_tail: bool,
) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlist_t from zlist_new/zlist_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe {
        with(self_, std::ptr::null_mut(), |l| {
            let node = if at_tail {
                l.nodes.back_mut().filter(|node| node.item == item)
            } else {
                l.nodes.iter_mut().find(|node| node.item == item)
            };
            match node {
                Some(node) => {
                    node.free_fn = free_fn;
                    item
                }
                None => std::ptr::null_mut(),
            }
        })
    }
}
