//! zlistx: CZMQ's extended list of `void *` items. Each item has a handle
//! (`void *` to C) that stays valid until the item leaves the list and
//! reads back its item even without the list (`zlistx_handle_item`): a
//! handle is the item's node, linked in a circular list through a
//! sentinel, as CZMQ's. C code only: Rust users have std.
//!
//! Nodes are cut from chunks of [`CHUNK_NODES`] that the list owns, not
//! malloc'd one by one as CZMQ does: a node never moves while its item is
//! in the list, so handles behave as CZMQ's, and an insert or delete costs
//! no malloc or free (two thirds of each call's instructions with one
//! malloc per node; BENCHMARKS.md, "C face containers"). A chunk is given
//! up when its last node is deleted, except the chunk new nodes are cut
//! from, which the list keeps until it is destroyed.
//!
//! Chunks given up go to a process-wide cache of at most [`CACHE_BYTES`]
//! for the next lists, not straight back to malloc. Freed one by one, the
//! chunks of a big list coalesce into the top of glibc's heap, which glibc
//! then trims, so the next big list page-faults all its memory in again
//! (in this VM a 4 kB fault costs about 2 µs, 16 ns a 32-byte node). CZMQ's
//! 48-byte nodes go to glibc's fastbins instead, which are never trimmed:
//! memory a CZMQ program freed stays in the process, as this cache keeps
//! ours, up to its bound.

use std::alloc::{alloc, dealloc, handle_alloc_error, Layout};
use std::ffi::{c_int, c_void};
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use czmq::Frame;

use super::containers::{cstr, dict, ComparatorFn, DestructorFn, DuplicatorFn};
use super::ffi::{self, boxed, guard};
use super::zframe::{frame_of, ZframeT};

/// Marks a live node, so a stray pointer is refused. A value that is a
/// sign-extended byte (-0x5b as i32) is still a whole 32-bit check, but x86
/// compares it with a 3-byte immediate instead of 6: that keeps
/// `zlistx_handle_item`'s hot path (null test, tag test, load, return) in 15
/// bytes, inside one 16-byte fetch block wherever the linker places the
/// function (a 21-byte body placed at byte 48 of a cache line straddled two
/// lines and read 10% slower than CZMQ in the 1k lookup benchmark).
const NODE_TAG: u32 = 0xffff_ffa5;
/// The head sentinel's tag: never an item's handle.
const HEAD_TAG: u32 = 0xffff_ffa4;
/// Written into a node as it is freed, so a stale handle reads as dead.
const DEAD_TAG: u32 = 0xdead_7a6c;

/// One item's node. C holds a pointer to it as the item's handle.
#[repr(C)]
pub struct Node {
    tag: u32,
    /// The node's place in the chunk it was cut from (0 for the head
    /// sentinel), which locates the chunk ([`chunk_of`]). The chunk's
    /// owner says which list the node is in: another list's handle is
    /// refused rather than unlinked from the wrong list. An index next to
    /// the tag, not a pointer, keeps a node at 32 bytes: a million-item
    /// list faults in 8 MB less, and more nodes share each cache line.
    index: u32,
    item: *mut c_void,
    /// In the list: the neighbours. Free: the neighbours in the list's
    /// free-node list (null at its ends).
    prev: *mut Node,
    next: *mut Node,
}

// The point of `index` (see Node), and of Chunk's alignment.
const _: () = assert!(std::mem::size_of::<Node>() == 32);
const _: () = assert!(std::mem::offset_of!(Chunk, nodes) == 32);

/// Nodes per chunk: 64 nodes of 32 bytes, about 2 kB a chunk, so a list of
/// a few items does not hold much memory it does not use.
const CHUNK_NODES: usize = 64;

/// Nodes for one list, allocated together. Aligned to a cache line, with
/// a 32-byte header: every 32-byte node then lies in one line, two to a
/// line (malloc's 16-byte alignment let every other node straddle two;
/// handle lookups and iteration at 1k items were 3-8 % slower for it).
#[repr(C, align(64))]
struct Chunk {
    /// The owning list's [`Zlistx::id`].
    owner: u64,
    /// Nodes handed out and not returned.
    live: usize,
    /// `nodes[..used]` have been handed out at least once; the rest never.
    used: usize,
    /// In the cache: the next cached chunk, or null.
    next_cached: *mut Chunk,
    nodes: [MaybeUninit<Node>; CHUNK_NODES],
}

/// The most the chunk cache holds: 64 MB, the ceiling glibc itself puts on
/// the free memory it keeps at the top of its heap untrimmed (its dynamic
/// `M_TRIM_THRESHOLD`, twice the 32 MB maximum mmap threshold on 64-bit).
/// A 1M-item list's nodes (32 MB) fit.
const CACHE_BYTES: usize = 64 << 20;

/// Chunks no list owns, for the next ones: a queue linked through
/// [`Chunk::next_cached`], taken in the order given. A big list gives its
/// chunks up in list order when its items are deleted from the front (or
/// the list destroyed), so the next list gets them in that order too: its
/// nodes then follow each other in memory as the first list's did, which
/// the cache's prefetcher rewards (a stack, last given first taken, made
/// iteration at 1M items twice as slow).
struct ChunkCache {
    first: *mut Chunk,
    last: *mut Chunk,
    count: usize,
    /// The most chunks it holds.
    capacity: usize,
}

// SAFETY: a cached chunk is owned by no list, and only the cache, under
// its mutex, reads or writes it until take_chunk hands it to one list.
unsafe impl Send for ChunkCache {}

impl ChunkCache {
    const fn new(capacity: usize) -> ChunkCache {
        ChunkCache {
            first: std::ptr::null_mut(),
            last: std::ptr::null_mut(),
            count: 0,
            capacity,
        }
    }

    /// The chunk given longest ago, or null.
    fn take(&mut self) -> *mut Chunk {
        let chunk = self.first;
        if !chunk.is_null() {
            // SAFETY: a cached chunk is live and only the cache, which
            // `&mut self` gives us alone, touches it (see ChunkCache).
            self.first = unsafe { (*chunk).next_cached };
            if self.first.is_null() {
                self.last = std::ptr::null_mut();
            }
            self.count -= 1;
        }
        chunk
    }

    /// Keeps `chunk`, or hands it back if the cache is full.
    ///
    /// # Safety
    /// `chunk` is a live chunk that nothing else points into or touches
    /// from now on (until [`ChunkCache::take`] hands it out).
    unsafe fn give(&mut self, chunk: *mut Chunk) -> Option<*mut Chunk> {
        if self.count == self.capacity {
            return Some(chunk);
        }
        // SAFETY: the caller hands the chunk over; the last cached chunk
        // is live and only the cache, which `&mut self` gives us alone,
        // touches it.
        unsafe {
            (*chunk).next_cached = std::ptr::null_mut();
            match self.last.as_mut() {
                Some(last) => last.next_cached = chunk,
                None => self.first = chunk,
            }
        }
        self.last = chunk;
        self.count += 1;
        None
    }
}

static CACHE: Mutex<ChunkCache> =
    Mutex::new(ChunkCache::new(CACHE_BYTES / std::mem::size_of::<Chunk>()));

/// The cache, even if a thread panicked holding it (nothing in its
/// critical sections panics, so it is never left half-updated).
fn cache() -> MutexGuard<'static, ChunkCache> {
    CACHE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// An empty chunk for the list `owner`: from the cache, else allocated.
fn take_chunk(owner: u64) -> *mut Chunk {
    let mut chunk = cache().take();
    if chunk.is_null() {
        let layout = Layout::new::<Chunk>();
        // SAFETY: Chunk's layout has a non-zero size.
        chunk = unsafe { alloc(layout) }.cast::<Chunk>();
        if chunk.is_null() {
            handle_alloc_error(layout);
        }
    }
    // SAFETY: `chunk` is ours alone (allocated with Chunk's layout just now,
    // or taken off the cache), so its header may be written; its nodes
    // are not touched, and none is handed out until cut_node does.
    unsafe {
        std::ptr::addr_of_mut!((*chunk).owner).write(owner);
        std::ptr::addr_of_mut!((*chunk).live).write(0);
        std::ptr::addr_of_mut!((*chunk).used).write(0);
        std::ptr::addr_of_mut!((*chunk).next_cached).write(std::ptr::null_mut());
    }
    chunk
}

/// Gives up a chunk none of whose nodes is in a list: to the cache if it
/// has room, else back to the allocator.
///
/// # Safety
/// `chunk` came from [`take_chunk`], and nothing points into it any more.
unsafe fn give_chunk(chunk: *mut Chunk) {
    // SAFETY: the caller guarantees nothing else points into the chunk.
    if let Some(chunk) = unsafe { cache().give(chunk) } {
        // SAFETY: the chunk was allocated with Chunk's layout (take_chunk)
        // and nothing points into it (the caller's guarantee).
        unsafe { dealloc(chunk.cast(), Layout::new::<Chunk>()) };
    }
}

/// Node `i` of `chunk`.
///
/// # Safety
/// `chunk` is a live chunk and `i < CHUNK_NODES`.
unsafe fn node_in(chunk: *mut Chunk, i: usize) -> *mut Node {
    // SAFETY: the caller guarantees `chunk` is live and `i` in bounds; the
    // pointer is derived from the chunk's own raw pointer, without a
    // reference to the chunk, so nodes handed out stay valid.
    unsafe { std::ptr::addr_of_mut!((*chunk).nodes).cast::<Node>().add(i) }
}

/// The chunk `node` was cut from.
///
/// # Safety
/// `node` was cut from a live chunk (by cut_node, which set its index) and
/// is not the head sentinel.
unsafe fn chunk_of(node: *mut Node) -> *mut Chunk {
    // SAFETY: the caller guarantees the node lies in a live chunk at its
    // index, so stepping back over the nodes before it and the header stays
    // in that allocation; the node pointer came from node_in, derived from
    // the chunk's raw pointer (no reference narrowed it), so it may reach
    // the whole chunk.
    unsafe {
        let index = (*node).index as usize;
        node.sub(index)
            .cast::<u8>()
            .sub(std::mem::offset_of!(Chunk, nodes))
            .cast::<Chunk>()
    }
}

/// A node of the list (or its head sentinel).
type Slot = *mut Node;

/// Ids for lists, so nodes know their owner.
static NEXT_LIST_ID: AtomicU64 = AtomicU64::new(1);

/// A C zlistx_t: a circular doubly linked list of boxed nodes through a
/// sentinel, as CZMQ's. Invariant: every node reachable from `head` is a
/// live node in a chunk this list owns (the head itself is boxed), touched
/// only through the list (its methods take `&self`/`&mut self`); C sees
/// nodes only as opaque handles. Every chunk with a live node, and
/// `fresh`, is owned by the list; the nodes of its chunks that are not in
/// the list are in the free-node list. The head's item is always null
/// (nothing writes it), so reading "the item at the cursor" needs no test
/// for the head: at the head it reads NULL, which is what C gets there.
pub struct Zlistx {
    head: Slot,
    id: u64,
    /// The first free node of this list's chunks, or null.
    free: Slot,
    /// The chunk new nodes are cut from once `free` is empty, or null.
    fresh: *mut Chunk,
    size: usize,
    /// A node; `head` when on no item.
    cursor: Slot,
    destructor: Option<DestructorFn>,
    duplicator: Option<DuplicatorFn>,
    /// `None`: compare item pointers (CZMQ's default).
    comparator: Option<ComparatorFn>,
}

impl Default for Zlistx {
    fn default() -> Self {
        Zlistx::with_callbacks(None, None)
    }
}

impl Zlistx {
    /// A list with these item callbacks (zhashx_keys/values use it).
    pub(crate) fn with_callbacks(
        destructor: Option<DestructorFn>,
        duplicator: Option<DuplicatorFn>,
    ) -> Zlistx {
        let id = NEXT_LIST_ID.fetch_add(1, Ordering::Relaxed);
        let head = Box::into_raw(Box::new(Node {
            tag: HEAD_TAG,
            index: 0,
            item: std::ptr::null_mut(),
            prev: std::ptr::null_mut(),
            next: std::ptr::null_mut(),
        }));
        // SAFETY: head was just allocated and is ours alone.
        unsafe {
            (*head).prev = head;
            (*head).next = head;
        }
        Zlistx {
            head,
            id,
            free: std::ptr::null_mut(),
            fresh: std::ptr::null_mut(),
            size: 0,
            cursor: head,
            destructor,
            duplicator,
            comparator: None,
        }
    }

    fn next(&self, node: Slot) -> Slot {
        // SAFETY: node is the head or a linked node: live and ours (the
        // type's invariant).
        unsafe { (*node).next }
    }

    fn prev(&self, node: Slot) -> Slot {
        // SAFETY: as in next: `node` is the head (from Box::into_raw in default()) or a node
        // linked into this list, both owned by the list and freed only when unlinked, so it is
        // live and readable.
        unsafe { (*node).prev }
    }

    /// The item of a node; NULL for the head (its item is always null),
    /// without comparing against it: zlistx_next and zlistx_first are then
    /// seven instructions (CZMQ's are nine).
    #[inline]
    fn item_at(&self, node: Slot) -> *mut c_void {
        // SAFETY: as in next: `node` is the head or a node linked into this list, owned by it
        // and live, so its item is readable.
        unsafe { (*node).item }
    }

    fn set_item(&mut self, node: Slot, item: *mut c_void) {
        debug_assert!(node != self.head, "the head's item stays null");
        // SAFETY: as in next, `node` is a node linked into this list, live and owned by it;
        // &mut self means nobody else reads or writes it meanwhile.
        unsafe { (*node).item = item };
    }

    /// The node behind a handle of this list, or `None` (NULL, not a
    /// handle, or another list's).
    ///
    /// # Safety
    /// `handle` is NULL or points to readable memory the size of a `Node`
    /// (a handle from any list, live).
    unsafe fn slot_of(&self, handle: *mut c_void) -> Option<Slot> {
        let node = handle as Slot;
        if node.is_null() {
            return None;
        }
        // SAFETY: slot_of's caller guarantees `handle` is NULL (excluded above) or a live
        // handle from some zlistx (a handle stays valid until its item leaves its list, and
        // CZMQ's contract forbids using it after that), so its tag is readable, and a node
        // with the live tag lies at its index in a live chunk (nodes are tagged dead as they
        // are freed), which is what chunk_of needs.
        let owner = unsafe { ((*node).tag == NODE_TAG).then(|| (*chunk_of(node)).owner) };
        (owner == Some(self.id)).then_some(node)
    }

    fn handle_at(&self, node: Slot) -> *mut c_void {
        if node == self.head {
            std::ptr::null_mut()
        } else {
            node.cast()
        }
    }

    /// A new node holding `item`, linked to itself only: a free node of
    /// this list's chunks if there is one, else the next of `fresh`.
    fn new_slot(&mut self, item: *mut c_void) -> Slot {
        let node = if self.free.is_null() {
            self.cut_node()
        } else {
            let node = self.free;
            self.unfree(node);
            node
        };
        // SAFETY: `node` is a node of a chunk this list owns, cut from it
        // by cut_node (its index set), in no list (just taken from the free
        // list or never handed out), so writing it whole is sound; its chunk
        // is live.
        unsafe {
            let index = (*node).index;
            (*chunk_of(node)).live += 1;
            node.write(Node {
                tag: NODE_TAG,
                index,
                item,
                prev: node,
                next: node,
            });
        }
        node
    }

    /// A node never handed out, from `fresh` (a new chunk if it is full);
    /// its `index` is set, the rest is for the caller to write.
    fn cut_node(&mut self) -> Slot {
        // SAFETY: `fresh` is null or a live chunk this list owns (the
        // type's invariant); a new chunk comes from take_chunk with its
        // header written; `used < CHUNK_NODES` keeps node_in in bounds.
        unsafe {
            if self.fresh.is_null() || (*self.fresh).used == CHUNK_NODES {
                // The old fresh chunk, full, is given up when its last node is.
                self.fresh = take_chunk(self.id);
            }
            let chunk = self.fresh;
            let index = (*chunk).used;
            let node = node_in(chunk, index);
            (*chunk).used += 1;
            // CHUNK_NODES fits a u32.
            std::ptr::addr_of_mut!((*node).index).write(index as u32);
            node
        }
    }

    /// Puts `node` (out of the list) on the free list.
    fn push_free(&mut self, node: Slot) {
        // SAFETY: `node` and the free list's first node are nodes of live
        // chunks this list owns, in no list; &mut self excludes other access.
        unsafe {
            (*node).prev = std::ptr::null_mut();
            (*node).next = self.free;
            if !self.free.is_null() {
                (*self.free).prev = node;
            }
        }
        self.free = node;
    }

    /// Takes `node` off the free list.
    fn unfree(&mut self, node: Slot) {
        // SAFETY: `node` is on this list's free list, whose members are
        // nodes of live chunks this list owns; &mut self excludes other access.
        unsafe {
            let (prev, next) = ((*node).prev, (*node).next);
            if prev.is_null() {
                self.free = next;
            } else {
                (*prev).next = next;
            }
            if !next.is_null() {
                (*next).prev = prev;
            }
        }
    }

    /// Returns `node` (already unlinked) to its chunk; a chunk left with no
    /// live node is given up (give_chunk), unless it is `fresh`.
    fn release(&mut self, node: Slot) {
        // SAFETY: `node` is a node of a live chunk this list owns, just
        // unlinked; the dead tag makes a stale handle read as dead while
        // the chunk lives. A chunk with no live node has every node it
        // handed out on the free list, so taking them off leaves no
        // pointer into it before it is given up.
        unsafe {
            (*node).tag = DEAD_TAG;
            let chunk = chunk_of(node);
            (*chunk).live -= 1;
            if (*chunk).live > 0 || chunk == self.fresh {
                self.push_free(node);
                return;
            }
            for i in 0..(*chunk).used {
                let other = node_in(chunk, i);
                if other != node {
                    self.unfree(other);
                }
            }
            give_chunk(chunk);
        }
    }

    fn link_between(&mut self, node: Slot, prev: Slot, next: Slot) {
        // SAFETY: all three are the head or nodes of this list (or `node`
        // is a fresh one), live and ours; &mut self excludes other access.
        unsafe {
            (*node).prev = prev;
            (*node).next = next;
            (*prev).next = node;
            (*next).prev = node;
        }
    }

    fn unlink(&mut self, node: Slot) {
        // SAFETY: as in link_between: `node` is a node linked into this list, and its prev and
        // next are the head or linked nodes, all live and owned by the list (the type's
        // invariant); &mut self excludes other access.
        unsafe {
            let (prev, next) = ((*node).prev, (*node).next);
            (*prev).next = next;
            (*next).prev = prev;
            (*node).prev = node;
            (*node).next = node;
        }
    }

    /// The item to store: the duplicator's copy, if there is one.
    ///
    /// # Safety
    /// The duplicator accepts `item`.
    unsafe fn adopt(&self, item: *mut c_void) -> *mut c_void {
        match self.duplicator {
            // SAFETY: the duplicator is C's czmq_duplicator from zlistx_set_duplicator, and
            // adopt's caller guarantees `item` is what it accepts; what it returns becomes the
            // stored item.
            Some(dup) => unsafe { dup(item) },
            None => item,
        }
    }

    /// # Safety
    /// The comparator accepts both items.
    unsafe fn compare(&self, a: *mut c_void, b: *mut c_void) -> c_int {
        match self.comparator {
            // SAFETY: the comparator is C's czmq_comparator from zlistx_set_comparator, and
            // compare's caller guarantees both items are what it accepts.
            Some(compare) => unsafe { compare(a, b) },
            None => (a as usize).cmp(&(b as usize)) as c_int,
        }
    }

    /// Adds `item` (already adopted) after `prev`; returns its handle.
    fn add_after(&mut self, prev: Slot, item: *mut c_void) -> *mut c_void {
        let node = self.new_slot(item);
        let next = self.next(prev);
        self.link_between(node, prev, next);
        self.cursor = self.head;
        self.size += 1;
        node.cast()
    }

    /// Takes `node` out of the list and frees it; a cursor on it moves
    /// back one. Returns its item.
    fn detach_slot(&mut self, node: Slot) -> *mut c_void {
        if self.cursor == node {
            self.cursor = self.prev(node);
        }
        self.unlink(node);
        // SAFETY: node is a linked node of this list (the caller's
        // argument), live until release below.
        let item = unsafe { (*node).item };
        self.release(node);
        self.size -= 1;
        item
    }

    /// Destroys an item with the destructor, if any.
    ///
    /// # Safety
    /// The destructor accepts the item.
    unsafe fn destroy_item(&self, mut item: *mut c_void) {
        if let Some(destructor) = self.destructor {
            // SAFETY: the destructor is C's czmq_destructor from zlistx_set_destructor, and
            // destroy_item's caller guarantees the item is what it accepts; it is given a
            // pointer to our local copy, once, as the item leaves the list.
            unsafe { destructor(&mut item) };
        }
    }

    fn first_slot(&self) -> Option<Slot> {
        Some(self.next(self.head)).filter(|&n| n != self.head)
    }

    fn purge(&mut self) {
        while let Some(node) = self.first_slot() {
            let item = self.detach_slot(node);
            // SAFETY: items were stored under this list's destructor.
            unsafe { self.destroy_item(item) };
        }
    }

    /// Nodes in list order.
    fn slots(&self) -> Vec<Slot> {
        let mut nodes = Vec::with_capacity(self.size);
        let mut node = self.next(self.head);
        while node != self.head {
            nodes.push(node);
            node = self.next(node);
        }
        nodes
    }

    /// Moves the (unlinked) `node` to its sorted place.
    ///
    /// # Safety
    /// The comparator accepts the items.
    unsafe fn place_sorted(&mut self, node: Slot, low_value: bool) {
        let item = self.item_at(node);
        if low_value {
            let mut next = self.next(self.head);
            // SAFETY: place_sorted's caller guarantees the comparator accepts this list's
            // items, which is compare's requirement; both items are stored in live nodes of
            // this list.
            while next != self.head && unsafe { self.compare(item, self.item_at(next)) } > 0 {
                next = self.next(next);
            }
            let prev = self.prev(next);
            self.link_between(node, prev, next);
        } else {
            let mut prev = self.prev(self.head);
            // SAFETY: place_sorted's caller guarantees the comparator accepts this list's
            // items, which is compare's requirement; both items are stored in live nodes of
            // this list.
            while prev != self.head && unsafe { self.compare(self.item_at(prev), item) } > 0 {
                prev = self.prev(prev);
            }
            let next = self.next(prev);
            self.link_between(node, prev, next);
        }
    }

    /// Adds an item at the tail through the duplicator, as zlistx_add_end.
    ///
    /// # Safety
    /// The duplicator accepts `item`.
    pub(crate) unsafe fn add_end_copy(&mut self, item: *mut c_void) {
        // SAFETY: add_end_copy's caller guarantees the duplicator accepts `item`, which is
        // adopt's requirement.
        let item = unsafe { self.adopt(item) };
        self.add_end_owned(item);
    }

    /// Adds an item as is (no duplicator) at the tail.
    fn add_end_owned(&mut self, item: *mut c_void) {
        let tail = self.prev(self.head);
        self.add_after(tail, item);
    }
}

impl Drop for Zlistx {
    fn drop(&mut self) {
        self.purge();
        // Only `fresh` can be left, its nodes all free.
        if !self.fresh.is_null() {
            // SAFETY: fresh is a live chunk this list took from
            // take_chunk; with no node in the list, nothing points into it
            // any more.
            unsafe { give_chunk(self.fresh) };
        }
        // SAFETY: the head came from Box::into_raw in default() and is
        // freed once, here, with no node left pointing at it.
        drop(unsafe { Box::from_raw(self.head) });
    }
}

/// Runs `body` on the list behind `p`, or returns `fail` for NULL.
///
/// # Safety
/// `p` is NULL or a live zlistx_t used by no one else meanwhile.
unsafe fn with<T: Copy>(p: *mut Zlistx, fail: T, body: impl FnOnce(&mut Zlistx) -> T) -> T {
    // SAFETY: This function's caller guarantees that `p` is NULL or a zlistx_t boxed by
    // zlistx_new/zlistx_dup and not destroyed; as_mut yields None for NULL, and the &mut borrow
    // ends with this call (C uses a CZMQ object from one thread at a time, so nothing else
    // aliases it meanwhile).
    guard(fail, || match unsafe { p.as_mut() } {
        Some(list) => body(list),
        None => fail,
    })
}

/// `zlistx_t *zlistx_new (void)`.
#[no_mangle]
pub extern "C" fn zlistx_new() -> *mut Zlistx {
    guard(std::ptr::null_mut(), || boxed(Zlistx::default()))
}

/// `void zlistx_destroy (zlistx_t **self_p)`: destroys the items with the
/// destructor, if any, then the list.
///
/// # Safety
/// `self_p` is NULL or points to NULL or a live zlistx_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_destroy(self_p: *mut *mut Zlistx) {
    // SAFETY: `self_p` is NULL or the address of C's zlistx_t pointer, which is NULL or a
    // zlistx_t boxed by zlistx_new/zlistx_dup and not destroyed yet (C's caller guarantees);
    // destroy checks both NULLs, sets *self_p to NULL and drops the Box exactly once.
    guard((), || unsafe { ffi::destroy(self_p) })
}

/// `void *zlistx_add_start (zlistx_t *self, void *item)`: adds at the
/// head (through the duplicator, if any), resets the cursor; returns the
/// item's handle, NULL for a NULL item.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t; the duplicator accepts `item`.
#[no_mangle]
pub unsafe extern "C" fn zlistx_add_start(self_: *mut Zlistx, item: *mut c_void) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to adopt are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require.
    unsafe {
        with(self_, std::ptr::null_mut(), |l| {
            if item.is_null() {
                return std::ptr::null_mut();
            }
            let item = l.adopt(item);
            l.add_after(l.head, item)
        })
    }
}

/// `void *zlistx_add_end (zlistx_t *self, void *item)`: as add_start, at
/// the tail.
///
/// # Safety
/// As [`zlistx_add_start`].
#[no_mangle]
pub unsafe extern "C" fn zlistx_add_end(self_: *mut Zlistx, item: *mut c_void) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to adopt are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require.
    unsafe {
        with(self_, std::ptr::null_mut(), |l| {
            if item.is_null() {
                return std::ptr::null_mut();
            }
            let item = l.adopt(item);
            let tail = l.prev(l.head);
            l.add_after(tail, item)
        })
    }
}

/// `size_t zlistx_size (zlistx_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_size(self_: *mut Zlistx) -> usize {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, 0, |l| l.size) }
}

/// `void *zlistx_head (zlistx_t *self)`: cursor unchanged.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_head(self_: *mut Zlistx) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, std::ptr::null_mut(), |l| l.item_at(l.next(l.head))) }
}

/// `void *zlistx_tail (zlistx_t *self)`: cursor unchanged.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_tail(self_: *mut Zlistx) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, std::ptr::null_mut(), |l| l.item_at(l.prev(l.head))) }
}

/// Moves the cursor with `step` and returns the item there.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t.
unsafe fn step(self_: *mut Zlistx, step: impl FnOnce(&Zlistx) -> Slot) -> *mut c_void {
    // SAFETY: This function's caller guarantees that `self_` is NULL or a live zlistx_t from
    // zlistx_new/zlistx_dup; with turns NULL into the error value, and its &mut borrow ends
    // inside this call (C uses a CZMQ object from one thread at a time, so nothing else aliases
    // it meanwhile).
    unsafe {
        with(self_, std::ptr::null_mut(), |l| {
            l.cursor = step(l);
            l.item_at(l.cursor)
        })
    }
}

/// `void *zlistx_first (zlistx_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_first(self_: *mut Zlistx) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; step turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { step(self_, |l| l.next(l.head)) }
}

/// `void *zlistx_next (zlistx_t *self)`: NULL at the end, after which it
/// starts again at the head.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_next(self_: *mut Zlistx) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; step turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { step(self_, |l| l.next(l.cursor)) }
}

/// `void *zlistx_prev (zlistx_t *self)`: NULL at the start, after which
/// it starts again at the tail.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_prev(self_: *mut Zlistx) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; step turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { step(self_, |l| l.prev(l.cursor)) }
}

/// `void *zlistx_last (zlistx_t *self)`.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_last(self_: *mut Zlistx) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; step turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { step(self_, |l| l.prev(l.head)) }
}

/// `void *zlistx_item (zlistx_t *self)`: the item at the cursor, or NULL.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_item(self_: *mut Zlistx) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, std::ptr::null_mut(), |l| l.item_at(l.cursor)) }
}

/// `void *zlistx_cursor (zlistx_t *self)`: the handle at the cursor, or NULL.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_cursor(self_: *mut Zlistx) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, std::ptr::null_mut(), |l| l.handle_at(l.cursor)) }
}

/// `void *zlistx_handle_item (void *handle)`: the item of a handle; NULL
/// for NULL or a pointer that is not a live handle's.
///
/// # Safety
/// `handle` is NULL or a handle of a list (one whose item is still in it).
#[no_mangle]
pub unsafe extern "C" fn zlistx_handle_item(handle: *mut c_void) -> *mut c_void {
    guard(std::ptr::null_mut(), || {
        let handle = handle as *const Node;
        if handle.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: `handle` is non-null here and C's caller guarantees (CZMQ's contract) it is a
        // live handle from zlistx_first/next/add_* etc., pointing to one of our nodes, so
        // reading its tag is sound; the borrow ends within this call.
        let handle = unsafe { &*handle };
        if handle.tag == NODE_TAG {
            handle.item
        } else {
            std::ptr::null_mut()
        }
    })
}

/// `void *zlistx_find (zlistx_t *self, void *item)`: the handle of the
/// first item equal to `item` by the comparator (by pointer if none);
/// the cursor goes there. NULL if none.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t; the comparator accepts the items.
#[no_mangle]
pub unsafe extern "C" fn zlistx_find(self_: *mut Zlistx, item: *mut c_void) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to compare are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require.
    unsafe {
        with(self_, std::ptr::null_mut(), |l| {
            if item.is_null() {
                return std::ptr::null_mut();
            }
            let mut slot = l.next(l.head);
            while slot != l.head {
                if l.compare(l.item_at(slot), item) == 0 {
                    l.cursor = slot;
                    return l.handle_at(slot);
                }
                slot = l.next(slot);
            }
            std::ptr::null_mut()
        })
    }
}

/// The slot `handle` names, or the first item's for NULL.
///
/// # Safety
/// As [`Zlistx::slot_of`].
unsafe fn slot_or_first(l: &Zlistx, handle: *mut c_void) -> Option<Slot> {
    if handle.is_null() {
        l.first_slot()
    } else {
        // SAFETY: slot_or_first's caller guarantees, as slot_of requires, that a non-null
        // `handle` is a live handle from some zlistx, whose fields are readable.
        unsafe { l.slot_of(handle) }
    }
}

/// `void *zlistx_detach (zlistx_t *self, void *handle)`: takes the item
/// out without destroying it (NULL handle: the first item); a cursor on it
/// moves back one. Returns the item, or NULL if none.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t; `handle` NULL or one of its handles.
#[no_mangle]
pub unsafe extern "C" fn zlistx_detach(self_: *mut Zlistx, handle: *mut c_void) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to slot_or_first are covered too:
    // the same caller guarantees items and keys are what this container's callbacks (or
    // autofree's C-string rule) accept, and C strings are NULL or NUL-terminated, which is all
    // they require. For slot_of/slot_or_first, C's caller also guarantees each handle argument
    // is NULL or a handle a zlistx gave out that is still live (CZMQ's contract), so its tag
    // and owner fields are readable; a foreign or wrong-list handle is rejected by those
    // checks.
    unsafe {
        with(self_, std::ptr::null_mut(), |l| {
            slot_or_first(l, handle).map_or(std::ptr::null_mut(), |slot| l.detach_slot(slot))
        })
    }
}

/// `void *zlistx_detach_cur (zlistx_t *self)`: zlistx_detach of the
/// cursor's handle (so, as CZMQ, the first item when the cursor is on none).
///
/// # Safety
/// `self_` is NULL or a live zlistx_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_detach_cur(self_: *mut Zlistx) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe {
        with(self_, std::ptr::null_mut(), |l| {
            let slot = if l.cursor == l.head {
                l.first_slot()
            } else {
                Some(l.cursor)
            };
            slot.map_or(std::ptr::null_mut(), |slot| l.detach_slot(slot))
        })
    }
}

/// `int zlistx_delete (zlistx_t *self, void *handle)`: as detach, then
/// destroys the item with the destructor; 0, or -1 if there was none.
///
/// # Safety
/// As [`zlistx_detach`]; the destructor accepts the item.
#[no_mangle]
pub unsafe extern "C" fn zlistx_delete(self_: *mut Zlistx, handle: *mut c_void) -> c_int {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to destroy_item, slot_or_first
    // are covered too: the same caller guarantees items and keys are what this container's
    // callbacks (or autofree's C-string rule) accept, and C strings are NULL or NUL-terminated,
    // which is all they require. For slot_of/slot_or_first, C's caller also guarantees each
    // handle argument is NULL or a handle a zlistx gave out that is still live (CZMQ's
    // contract), so its tag and owner fields are readable; a foreign or wrong-list handle is
    // rejected by those checks.
    unsafe {
        with(self_, -1, |l| match slot_or_first(l, handle) {
            Some(slot) => {
                let item = l.detach_slot(slot);
                l.destroy_item(item);
                0
            }
            None => -1,
        })
    }
}

/// `void zlistx_move_start (zlistx_t *self, void *handle)`.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t; `handle` NULL or one of its handles.
#[no_mangle]
pub unsafe extern "C" fn zlistx_move_start(self_: *mut Zlistx, handle: *mut c_void) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to slot_of are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require. For slot_of/slot_or_first, C's caller also guarantees each handle argument is
    // NULL or a handle a zlistx gave out that is still live (CZMQ's contract), so its tag and
    // owner fields are readable; a foreign or wrong-list handle is rejected by those checks.
    unsafe {
        with(self_, (), |l| {
            if let Some(slot) = l.slot_of(handle) {
                l.unlink(slot);
                let next = l.next(l.head);
                l.link_between(slot, l.head, next);
            }
        })
    }
}

/// `void zlistx_move_end (zlistx_t *self, void *handle)`.
///
/// # Safety
/// As [`zlistx_move_start`].
#[no_mangle]
pub unsafe extern "C" fn zlistx_move_end(self_: *mut Zlistx, handle: *mut c_void) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to slot_of are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require. For slot_of/slot_or_first, C's caller also guarantees each handle argument is
    // NULL or a handle a zlistx gave out that is still live (CZMQ's contract), so its tag and
    // owner fields are readable; a foreign or wrong-list handle is rejected by those checks.
    unsafe {
        with(self_, (), |l| {
            if let Some(slot) = l.slot_of(handle) {
                l.unlink(slot);
                let prev = l.prev(l.head);
                l.link_between(slot, prev, l.head);
            }
        })
    }
}

/// `void zlistx_purge (zlistx_t *self)`: deletes every item.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_purge(self_: *mut Zlistx) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, (), Zlistx::purge) }
}

/// `void zlistx_sort (zlistx_t *self)`: ascending by the comparator (by
/// pointer if none). As CZMQ, items move between the handles: a handle
/// names a position afterwards. Stable (CZMQ's comb sort is not).
///
/// # Safety
/// `self_` is NULL or a live zlistx_t; the comparator accepts the items.
#[no_mangle]
pub unsafe extern "C" fn zlistx_sort(self_: *mut Zlistx) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to compare are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require.
    unsafe {
        with(self_, (), |l| {
            let slots = l.slots();
            let mut items: Vec<*mut c_void> = slots.iter().map(|&s| l.item_at(s)).collect();
            // A comparator that is no total order may make this panic
            // (caught by the guard): the list is then left as it was.
            items.sort_by(|&a, &b| l.compare(a, b).cmp(&0));
            for (slot, item) in slots.into_iter().zip(items) {
                l.set_item(slot, item);
            }
        })
    }
}

/// `void *zlistx_insert (zlistx_t *self, void *item, bool low_value)`:
/// adds the item (through the duplicator) where the comparator says it
/// goes in a sorted list, searching from the head if `low_value`, else
/// from the tail; resets the cursor. Returns its handle.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t; the duplicator and comparator
/// accept `item`.
#[no_mangle]
pub unsafe extern "C" fn zlistx_insert(
    self_: *mut Zlistx,
    item: *mut c_void,
    low_value: bool,
) -> *mut c_void {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to adopt, place_sorted are
    // covered too: the same caller guarantees items and keys are what this container's
    // callbacks (or autofree's C-string rule) accept, and C strings are NULL or NUL-terminated,
    // which is all they require.
    unsafe {
        with(self_, std::ptr::null_mut(), |l| {
            let item = l.adopt(item);
            let slot = l.new_slot(item);
            l.place_sorted(slot, low_value);
            l.cursor = l.head;
            l.size += 1;
            l.handle_at(slot)
        })
    }
}

/// `void zlistx_reorder (zlistx_t *self, void *handle, bool low_value)`:
/// moves the item to its sorted place, as zlistx_insert finds it.
///
/// # Safety
/// As [`zlistx_move_start`]; the comparator accepts the items.
#[no_mangle]
pub unsafe extern "C" fn zlistx_reorder(self_: *mut Zlistx, handle: *mut c_void, low_value: bool) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to place_sorted, slot_of are
    // covered too: the same caller guarantees items and keys are what this container's
    // callbacks (or autofree's C-string rule) accept, and C strings are NULL or NUL-terminated,
    // which is all they require. For slot_of/slot_or_first, C's caller also guarantees each
    // handle argument is NULL or a handle a zlistx gave out that is still live (CZMQ's
    // contract), so its tag and owner fields are readable; a foreign or wrong-list handle is
    // rejected by those checks.
    unsafe {
        with(self_, (), |l| {
            if let Some(slot) = l.slot_of(handle) {
                l.unlink(slot);
                l.place_sorted(slot, low_value);
            }
        })
    }
}

/// `zlistx_t *zlistx_dup (zlistx_t *self)`: a copy with the same
/// callbacks, items through the duplicator (shared if none); NULL for NULL.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_dup(self_: *mut Zlistx) -> *mut Zlistx {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile). The closure's calls to adopt are covered too: the
    // same caller guarantees items and keys are what this container's callbacks (or autofree's
    // C-string rule) accept, and C strings are NULL or NUL-terminated, which is all they
    // require.
    unsafe {
        with(self_, std::ptr::null_mut(), |l| {
            let mut copy = Zlistx::with_callbacks(l.destructor, l.duplicator);
            copy.comparator = l.comparator;
            for slot in l.slots() {
                let item = copy.adopt(l.item_at(slot));
                copy.add_end_owned(item);
            }
            copy.cursor = copy.head;
            boxed(copy)
        })
    }
}

/// `void zlistx_set_destructor (zlistx_t *self, zlistx_destructor_fn destructor)`.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_set_destructor(
    self_: *mut Zlistx,
    destructor: Option<DestructorFn>,
) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, (), |l| l.destructor = destructor) }
}

/// `void zlistx_set_duplicator (zlistx_t *self, zlistx_duplicator_fn duplicator)`.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_set_duplicator(
    self_: *mut Zlistx,
    duplicator: Option<DuplicatorFn>,
) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, (), |l| l.duplicator = duplicator) }
}

/// `void zlistx_set_comparator (zlistx_t *self, zlistx_comparator_fn comparator)`:
/// for find, sort, insert and reorder (NULL: by pointer).
///
/// # Safety
/// `self_` is NULL or a live zlistx_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_set_comparator(
    self_: *mut Zlistx,
    comparator: Option<ComparatorFn>,
) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe { with(self_, (), |l| l.comparator = comparator) }
}

/// `zframe_t *zlistx_pack (zlistx_t *self)` (CZMQ draft): the items, which
/// must be strings, as zproto's `strings`: count:4, then length:4 + text
/// for each. NULL for NULL.
///
/// # Safety
/// `self_` is NULL or a live zlistx_t of strings.
#[no_mangle]
pub unsafe extern "C" fn zlistx_pack(self_: *mut Zlistx) -> *mut ZframeT {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zlistx_t from zlistx_new/zlistx_dup; with turns NULL into the error value, and its
    // &mut borrow ends inside this call (C uses a CZMQ object from one thread at a time, so
    // nothing else aliases it meanwhile).
    unsafe {
        with(self_, std::ptr::null_mut(), |l| {
            let Ok(count) = u32::try_from(l.size) else {
                return std::ptr::null_mut();
            };
            let mut out = count.to_be_bytes().to_vec();
            for slot in l.slots() {
                let text = cstr::bytes_of(l.item_at(slot));
                let Ok(len) = u32::try_from(text.len()) else {
                    return std::ptr::null_mut();
                };
                out.extend_from_slice(&len.to_be_bytes());
                out.extend_from_slice(text);
            }
            boxed(Frame::from(out))
        })
    }
}

/// `zlistx_t *zlistx_unpack (zframe_t *frame)` (CZMQ draft): a list of
/// the strings zlistx_pack wrote, destroyed with free and duplicated with
/// strdup; NULL for NULL or malformed data (fewer than 4 bytes: empty).
///
/// # Safety
/// `frame` is NULL or a live zframe_t.
#[no_mangle]
pub unsafe extern "C" fn zlistx_unpack(frame: *mut ZframeT) -> *mut Zlistx {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `frame` is
        // NULL or a live zframe_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); frame_of checks
        // NULL (and the class tag where there is one) before the cast.
        let Some(frame) = (unsafe { frame_of(frame) }) else {
            return std::ptr::null_mut();
        };
        let mut list = Zlistx::with_callbacks(Some(cstr::free_string), None);
        let data = frame.data();
        if let Some((count, mut rest)) = data.split_first_chunk::<4>() {
            for _ in 0..u32::from_be_bytes(*count) {
                let Some((len, after)) = rest.split_first_chunk::<4>() else {
                    return std::ptr::null_mut();
                };
                let len = u32::from_be_bytes(*len) as usize;
                if len > after.len() {
                    return std::ptr::null_mut();
                }
                let (text, after) = after.split_at(len);
                list.add_end_owned(ffi::malloc_bytes(dict::until_nul(text)) as *mut c_void);
                rest = after;
            }
        }
        list.cursor = list.head;
        list.duplicator = Some(cstr::dup_string);
        boxed(list)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(n: usize) -> *mut c_void {
        n as *mut c_void
    }

    #[test]
    fn chunks_are_reused_and_returned_while_handles_stay_put() {
        let mut list = Zlistx::default();
        let n = 5 * CHUNK_NODES + 3;
        let handles: Vec<_> = (1..=n)
            .map(|i| list.add_after(list.prev(list.head), item(i)))
            .collect();
        // Delete every other item: every chunk keeps live nodes.
        for (i, &handle) in handles.iter().enumerate().filter(|(i, _)| i % 2 == 0) {
            // SAFETY: a live handle of this list.
            let slot = unsafe { list.slot_of(handle) }.expect("live handle");
            assert_eq!(list.detach_slot(slot), item(i + 1));
        }
        // The survivors' handles still read their items.
        for (i, &handle) in handles.iter().enumerate().filter(|(i, _)| i % 2 == 1) {
            // SAFETY: a live handle of this list.
            let slot = unsafe { list.slot_of(handle) }.expect("live handle");
            assert_eq!(list.item_at(slot), item(i + 1));
        }
        // New items reuse freed nodes before cutting new ones.
        // SAFETY: fresh is the list's live chunk.
        let fresh_used = unsafe { (*list.fresh).used };
        let again = list.add_after(list.head, item(1));
        assert!(handles.contains(&again));
        // SAFETY: fresh is the list's live chunk.
        assert_eq!(unsafe { (*list.fresh).used }, fresh_used);
        // Another list refuses this list's handles.
        let other = Zlistx::default();
        // SAFETY: a live handle of `list`.
        assert!(unsafe { other.slot_of(again) }.is_none());
        // Emptying the list returns every chunk but the fresh one.
        list.purge();
        let mut free = list.free;
        while !free.is_null() {
            // SAFETY: the free list's nodes are in live chunks of the list.
            unsafe {
                assert_eq!(chunk_of(free), list.fresh);
                free = (*free).next;
            }
        }
        assert_eq!(list.size, 0);
    }

    #[test]
    fn the_chunk_cache_hands_chunks_back_in_order_and_holds_at_most_its_capacity() {
        let mut cache = ChunkCache::new(3);
        let chunks: Vec<*mut Chunk> = (0..4).map(take_chunk).collect();
        for &chunk in &chunks[..3] {
            // SAFETY: a chunk from take_chunk that nothing points into.
            assert!(unsafe { cache.give(chunk) }.is_none());
        }
        // Full: the fourth comes back.
        // SAFETY: as above.
        assert_eq!(unsafe { cache.give(chunks[3]) }, Some(chunks[3]));
        assert_eq!(cache.take(), chunks[0]);
        // SAFETY: as above.
        assert!(unsafe { cache.give(chunks[3]) }.is_none());
        let order: Vec<_> =
            std::iter::from_fn(|| Some(cache.take()).filter(|c| !c.is_null())).collect();
        assert_eq!(order, [chunks[1], chunks[2], chunks[3]]);
        assert_eq!(cache.count, 0);
        for chunk in chunks {
            // SAFETY: allocated by take_chunk (the static cache was empty or
            // not: either way with Chunk's layout), no longer used.
            unsafe { dealloc(chunk.cast(), Layout::new::<Chunk>()) };
        }
    }

    #[test]
    fn a_destroyed_list_s_chunks_serve_the_next_list() {
        let chunks_of = |list: &Zlistx| {
            let mut chunks = Vec::new();
            for slot in list.slots() {
                // SAFETY: a node linked into the list: live.
                let chunk = unsafe { chunk_of(slot) };
                if chunks.last() != Some(&chunk) {
                    chunks.push(chunk);
                }
            }
            chunks
        };
        let fill = |list: &mut Zlistx, n: usize| {
            for i in 1..=n {
                list.add_after(list.prev(list.head), item(i));
            }
        };
        let mut first = Zlistx::default();
        fill(&mut first, 3 * CHUNK_NODES);
        let given = chunks_of(&first);
        assert_eq!(given.len(), 3);
        drop(first);
        // The cache holds these three after whatever it held before: take
        // them all (more, should another test give some meanwhile).
        let cached = cache().count;
        let mut second = Zlistx::default();
        fill(&mut second, (cached + 3) * CHUNK_NODES);
        let taken = chunks_of(&second);
        assert!(
            taken.windows(3).any(|w| w == given.as_slice()),
            "the next list takes the three chunks, in order"
        );
    }
}
