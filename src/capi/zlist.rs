//! zlist: CZMQ's simple list of `void *` items, with a cursor
//! (first/next/last/item), autofree (items are strings the list copies and
//! frees), a comparator for exists/remove/sort and per-item free
//! functions. A `Vec` holds the items from a start offset (see [`Items`]);
//! the cursor is an index. C code only: Rust users have std's collections.

use std::ffi::{c_int, c_void};

use super::containers::cstr;
use super::containers::table::FreeFn;
use super::ffi::{self, boxed, guard};

/// CZMQ's `zlist_compare_fn`.
pub type CompareFn = unsafe extern "C" fn(*mut c_void, *mut c_void) -> c_int;

/// One item with its free function: what goes into and comes out of
/// [`Items`].
#[derive(Clone, Copy)]
struct Node {
    item: *mut c_void,
    free_fn: Option<FreeFn>,
}

/// A double-ended queue of items in one contiguous slice, `items[start..]`
/// (the `i`-th item is `items[start + i]`), and the list's cursor. std's
/// `VecDeque` wraps around its buffer, and working out where an index
/// lands (a compare and a conditional subtract) was a third of zlist_next's
/// and zlist_exists' instructions (BENCHMARKS.md, "C face containers").
/// Popping from the front moves `start` on; the slots before it are spent,
/// and are reclaimed when a push at the back would otherwise grow the
/// buffer, or when the queue empties. Pushing at the front fills spent
/// slots, or opens a gap as long as the queue first.
///
/// Free functions live apart from the items, in `free_fns`, which stays
/// empty until one is set (zlist_freefn is rare): the items are then a
/// plain array of pointers, so zlist_next indexes it with one scaled load
/// (10 instructions; CZMQ's 11), and an append writes 8 bytes, not 16.
///
/// Invariants: `start <= items.len()`; empty means `start == 0` (and
/// `items` empty); `free_fns` is empty or exactly as long as `items`
/// (`free_fns[i]` belongs to `items[i]`); `cursor` is `start - 1`
/// (wrapping: `usize::MAX` when `start` is 0) for no item, else in
/// `start..items.len()`. So zlist_next is one add and one compare: from no
/// item, `cursor + 1` is the head.
struct Items {
    items: Vec<*mut c_void>,
    free_fns: Vec<Option<FreeFn>>,
    start: usize,
    /// The position in `items` of the item first/next/last last landed on.
    cursor: usize,
}

impl Default for Items {
    fn default() -> Self {
        Items {
            items: Vec::new(),
            free_fns: Vec::new(),
            start: 0,
            cursor: usize::MAX,
        }
    }
}

impl Items {
    // No indexing that could panic on the paths below (the invariants rule
    // it out, but the compiler cannot know): a panic path costs zlist_next
    // a landing pad and a stack frame.

    fn len(&self) -> usize {
        self.items.len().wrapping_sub(self.start)
    }

    /// The items, head first.
    fn as_slice(&self) -> &[*mut c_void] {
        self.items.get(self.start..).unwrap_or_default()
    }

    /// The `index`-th item.
    #[inline]
    fn get(&self, index: usize) -> Option<*mut c_void> {
        if index < self.len() {
            self.items.get(self.start + index).copied()
        } else {
            None
        }
    }

    /// The node at `position` in the buffer (not counted from `start`).
    fn node_at(&self, position: usize) -> Option<Node> {
        let item = *self.items.get(position)?;
        let free_fn = self.free_fns.get(position).copied().flatten();
        Some(Node { item, free_fn })
    }

    /// Sets the free function of the `index`-th item (false past the end).
    fn set_free_fn(&mut self, index: usize, free_fn: Option<FreeFn>) -> bool {
        if index >= self.len() {
            return false;
        }
        if self.free_fns.is_empty() {
            self.free_fns.resize(self.items.len(), None);
        }
        match self.free_fns.get_mut(self.start + index) {
            Some(slot) => {
                *slot = free_fn;
                true
            }
            None => false,
        }
    }

    /// Puts the cursor on no item.
    fn clear_cursor(&mut self) {
        self.cursor = self.start.wrapping_sub(1);
    }

    /// Puts the cursor on the item at `position` in `items` (at least
    /// `start`, or `usize::MAX`), or on no item past the end; returns the
    /// item there, or NULL.
    #[inline]
    fn land(&mut self, position: usize) -> *mut c_void {
        match self.items.get(position) {
            Some(&item) => {
                self.cursor = position;
                item
            }
            None => {
                self.clear_cursor();
                std::ptr::null_mut()
            }
        }
    }

    /// zlist_first: the head.
    fn first(&mut self) -> *mut c_void {
        self.land(self.start)
    }

    /// zlist_next: the item after the cursor's, or the head from no item.
    #[inline]
    fn next(&mut self) -> *mut c_void {
        self.land(self.cursor.wrapping_add(1))
    }

    /// zlist_last: the tail (`usize::MAX`, no item, when empty).
    fn last(&mut self) -> *mut c_void {
        self.land(self.items.len().wrapping_sub(1))
    }

    /// The item at the cursor, or NULL.
    fn current(&self) -> *mut c_void {
        match self.items.get(self.cursor) {
            Some(&item) if self.cursor >= self.start => item,
            _ => std::ptr::null_mut(),
        }
    }

    /// Adds at the back, with no free function (zlist_freefn sets one
    /// later); the cursor goes to no item.
    fn push_back(&mut self, item: *mut c_void) {
        // Spent slots make up half the buffer: slide the queue down
        // instead of growing (amortised: as many pops came before).
        if self.items.len() == self.items.capacity() && self.start >= self.len() {
            self.items.drain(..self.start);
            if !self.free_fns.is_empty() {
                self.free_fns.drain(..self.start);
            }
            self.start = 0;
        }
        self.items.push(item);
        if !self.free_fns.is_empty() {
            self.free_fns.push(None);
        }
        self.clear_cursor();
    }

    /// Adds at the front, with no free function; the cursor goes to no
    /// item.
    fn push_front(&mut self, item: *mut c_void) {
        if self.start == 0 {
            // A gap as long as the queue (at least 4): amortised O(1).
            let gap = self.len().max(4);
            self.items.splice(0..0, std::iter::repeat_n(item, gap));
            if !self.free_fns.is_empty() {
                self.free_fns.splice(0..0, std::iter::repeat_n(None, gap));
            }
            self.start = gap;
        }
        self.start -= 1;
        if let Some(slot) = self.items.get_mut(self.start) {
            *slot = item;
        }
        if let Some(slot) = self.free_fns.get_mut(self.start) {
            *slot = None;
        }
        self.clear_cursor();
    }

    /// Empties the buffer once nothing is left past `start`; says whether
    /// it did.
    fn reset_if_empty(&mut self) -> bool {
        let empty = self.start == self.items.len();
        if empty {
            self.items.clear();
            self.free_fns.clear();
            self.start = 0;
        }
        empty
    }

    /// Takes the head out; the cursor goes to no item.
    fn pop_front(&mut self) -> Option<Node> {
        let node = self.node_at(self.start)?;
        self.start += 1;
        self.reset_if_empty();
        self.clear_cursor();
        Some(node)
    }

    /// Takes the `index`-th item out; a cursor on it or after it moves
    /// back one (onto no item from the head).
    fn remove(&mut self, index: usize) -> Option<Node> {
        if index >= self.len() {
            return None;
        }
        let position = self.start + index;
        let node = self.node_at(position)?;
        self.items.remove(position);
        if !self.free_fns.is_empty() {
            self.free_fns.remove(position);
        }
        // On an item (not start - 1) at or after the removed one.
        if self.cursor >= position && self.cursor <= self.items.len() {
            self.cursor -= 1;
        }
        if self.reset_if_empty() {
            self.clear_cursor();
        }
        Some(node)
    }

    /// Sorts the items by `order`, each keeping its free function. A
    /// comparator that is not a total order may make std's sort panic: the
    /// panic stops here, and the list still holds every item (with its
    /// free function), in some order.
    fn sort_by(&mut self, mut order: impl FnMut(*mut c_void, *mut c_void) -> std::cmp::Ordering) {
        let start = self.start;
        if self.free_fns.is_empty() {
            let items = self.items.get_mut(start..).unwrap_or_default();
            let sorted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                items.sort_by(|a, b| order(*a, *b));
            }));
            drop(sorted);
            return;
        }
        let mut nodes: Vec<Node> = (start..self.items.len())
            .filter_map(|position| self.node_at(position))
            .collect();
        let sorted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            nodes.sort_by(|a, b| order(a.item, b.item));
        }));
        drop(sorted);
        for (offset, node) in nodes.into_iter().enumerate() {
            if let Some(slot) = self.items.get_mut(start + offset) {
                *slot = node.item;
            }
            if let Some(slot) = self.free_fns.get_mut(start + offset) {
                *slot = node.free_fn;
            }
        }
    }

    /// Empties the queue, handing its nodes over.
    fn take(&mut self) -> Vec<Node> {
        let nodes = (self.start..self.items.len())
            .filter_map(|position| self.node_at(position))
            .collect();
        self.items.clear();
        self.free_fns.clear();
        self.start = 0;
        self.clear_cursor();
        nodes
    }
}

/// A C zlist_t.
#[derive(Default)]
pub struct Zlist {
    /// The items and the cursor.
    nodes: Items,
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
        self.nodes.push_back(item);
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
        // The head by pointer first, inlined into the caller: a hit there (a
        // queue's next item, the case BENCHMARKS.md times) costs a few
        // instructions, with no call and no registers to save.
        if self.compare.is_none() && self.nodes.get(0)? == item {
            return Some(0);
        }
        // SAFETY: position's caller guarantees what search needs.
        unsafe { self.search(item) }
    }

    /// [`Zlist::position`] the long way, from the head. Cold, so that
    /// zlist_exists lays out its head test as the straight path (no taken
    /// jump, 14 instructions in one run) and this call out of line.
    ///
    /// # Safety
    /// As [`Zlist::matches`].
    #[cold]
    #[inline(never)]
    unsafe fn search(&self, item: *mut c_void) -> Option<usize> {
        // SAFETY: search's caller guarantees, as for matches, that the comparator (if any)
        // accepts `item` and the stored items, which is all matches needs.
        self.nodes
            .as_slice()
            .iter()
            .position(|&stored| unsafe { self.matches(stored, item) })
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

    /// The `index`-th item, or NULL past the end.
    fn item_at(&self, index: usize) -> *mut c_void {
        self.nodes.get(index).unwrap_or(std::ptr::null_mut())
    }

    fn purge(&mut self) {
        for node in self.nodes.take() {
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
    unsafe { with(self_, std::ptr::null_mut(), |l| l.nodes.first()) }
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
    unsafe { with(self_, std::ptr::null_mut(), |l| l.nodes.next()) }
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
    unsafe { with(self_, std::ptr::null_mut(), |l| l.nodes.last()) }
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
    unsafe { with(self_, std::ptr::null_mut(), |l| l.item_at(0)) }
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
            l.item_at(l.nodes.len().wrapping_sub(1))
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
    unsafe { with(self_, std::ptr::null_mut(), |l| l.nodes.current()) }
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
            l.nodes.push_back(item);
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
            l.nodes.push_front(item);
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
            for &stored in l.nodes.as_slice() {
                // SAFETY: an autofree list's items are strings.
                let item = copy.adopt(stored);
                copy.nodes.push_back(item);
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
            l.nodes.sort_by(|a, b| {
                let order = match compare {
                    Some(f) => f(a, b),
                    None => cstr::compare_strings(a, b),
                };
                order.cmp(&0)
            });
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
            let items = l.nodes.as_slice();
            let index = if at_tail {
                items
                    .len()
                    .checked_sub(1)
                    .filter(|&last| items.get(last) == Some(&item))
            } else {
                items.iter().position(|&stored| stored == item)
            };
            match index {
                Some(index) if l.nodes.set_free_fn(index, free_fn) => item,
                _ => std::ptr::null_mut(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    fn item(n: usize) -> *mut c_void {
        n as *mut c_void
    }

    /// A step of a 64-bit LCG: reproducible random choices for the model
    /// tests, without a dependency.
    fn next_pick(seed: &mut u64) -> usize {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*seed >> 33) as usize
    }

    unsafe extern "C" fn free_nothing(_item: *mut c_void) {}

    /// (item, whether it has a free function) of each node.
    fn pairs(nodes: &[Node]) -> Vec<(usize, bool)> {
        nodes
            .iter()
            .map(|n| (n.item as usize, n.free_fn.is_some()))
            .collect()
    }

    #[test]
    fn free_functions_travel_with_their_items() {
        let mut items = Items::default();
        let mut model: VecDeque<(usize, bool)> = VecDeque::new();
        let mut seed = 99u64;
        let steps = if cfg!(miri) { 300 } else { 3000 };
        for step in 1..=steps {
            let pick = next_pick(&mut seed);
            // A new item gets a free function at once half the time.
            let with_fn = pick & 0x200 != 0;
            match pick % 7 {
                0 | 1 => {
                    items.push_back(item(step));
                    if with_fn {
                        assert!(items.set_free_fn(items.len() - 1, Some(free_nothing)));
                    }
                    model.push_back((step, with_fn));
                }
                2 => {
                    items.push_front(item(step));
                    if with_fn {
                        assert!(items.set_free_fn(0, Some(free_nothing)));
                    }
                    model.push_front((step, with_fn));
                }
                3 => {
                    let got = items.pop_front().map(|n| pairs(&[n])[0]);
                    assert_eq!(got, model.pop_front(), "step {step}");
                }
                4 if !model.is_empty() => {
                    let index = (pick >> 12) % model.len();
                    let got = items.remove(index).map(|n| pairs(&[n])[0]);
                    assert_eq!(got, model.remove(index), "step {step}");
                }
                5 if !model.is_empty() => {
                    let index = (pick >> 12) % model.len();
                    assert!(items.set_free_fn(index, Some(free_nothing)));
                    model[index].1 = true;
                }
                6 => {
                    items.sort_by(|a, b| (b as usize).cmp(&(a as usize)));
                    model
                        .make_contiguous()
                        .sort_by_key(|p| std::cmp::Reverse(p.0));
                }
                _ => {}
            }
            assert!(!items.set_free_fn(model.len(), None));
            let got: Vec<usize> = items.as_slice().iter().map(|&n| n as usize).collect();
            let want: Vec<usize> = model.iter().map(|p| p.0).collect();
            assert_eq!(got, want, "step {step}");
        }
        assert_eq!(pairs(&items.take()), Vec::from(model));
    }

    #[test]
    fn a_panicking_comparator_loses_no_item_or_free_function() {
        let mut items = Items::default();
        for n in 1..=50usize {
            items.push_back(item(n));
            if n % 3 == 0 {
                assert!(items.set_free_fn(n - 1, Some(free_nothing)));
            }
        }
        let mut calls = 0;
        items.sort_by(|a, b| {
            calls += 1;
            assert!(calls < 40, "comparator gives up");
            (b as usize).cmp(&(a as usize))
        });
        let mut got = pairs(&items.take());
        got.sort();
        let want: Vec<(usize, bool)> = (1..=50).map(|n| (n, n % 3 == 0)).collect();
        assert_eq!(got, want);
    }

    /// The item of the model's cursor, as Items returns it (0 for NULL).
    fn at(model: &VecDeque<usize>, cursor: Option<usize>) -> usize {
        cursor.map_or(0, |c| model[c])
    }

    #[test]
    fn items_match_a_deque_model_cursor_included() {
        let mut items = Items::default();
        let mut model: VecDeque<usize> = VecDeque::new();
        let mut cursor: Option<usize> = None;
        let mut seed = 12345u64;
        let steps = if cfg!(miri) { 400 } else { 4000 };
        for step in 1..=steps {
            let pick = next_pick(&mut seed);
            match pick % 8 {
                0 | 1 => {
                    items.push_back(item(step));
                    model.push_back(step);
                    cursor = None;
                }
                2 => {
                    items.push_front(item(step));
                    model.push_front(step);
                    cursor = None;
                }
                3 => {
                    let popped = items.pop_front().map(|n| n.item as usize);
                    assert_eq!(popped, model.pop_front());
                    cursor = None;
                }
                4 | 5 => {
                    let next = cursor.map_or(0, |c| c + 1);
                    cursor = (next < model.len()).then_some(next);
                    assert_eq!(items.next() as usize, at(&model, cursor));
                }
                6 if !model.is_empty() => {
                    let index = (pick >> 8) % model.len();
                    let removed = items.remove(index).map(|n| n.item as usize);
                    assert_eq!(removed, model.remove(index));
                    cursor = match cursor {
                        Some(c) if c >= index => c.checked_sub(1),
                        other => other,
                    };
                }
                _ => {
                    if pick & 0x100 == 0 {
                        cursor = (!model.is_empty()).then_some(0);
                        assert_eq!(items.first() as usize, at(&model, cursor));
                    } else {
                        cursor = model.len().checked_sub(1);
                        assert_eq!(items.last() as usize, at(&model, cursor));
                    }
                }
            }
            let got: Vec<usize> = items.as_slice().iter().map(|&n| n as usize).collect();
            assert_eq!(got, Vec::from(model.clone()), "step {step}");
            assert_eq!(items.current() as usize, at(&model, cursor), "step {step}");
            assert!(items.remove(model.len()).is_none());
        }
        assert_eq!(items.take().len(), model.len());
        assert_eq!(items.len(), 0);
        assert!(items.next().is_null());
    }
}
