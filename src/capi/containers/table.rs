//! The hash table under zhash and zhashx: entries live in a slot deque in
//! insertion order (so a cursor is a slot number that stays valid while
//! the table changes under it), and a chained index maps a key's hash to
//! its entry: a bucket array of slot numbers, each the head of a chain
//! linked through the entries themselves. Keys and items are C pointers
//! the table never dereferences: its owner hashes and compares keys
//! (through C callbacks, for zhashx) and frees what needs freeing.
//!
//! Why this shape (measured in BENCHMARKS.md, "C face containers"): a
//! lookup or delete of a random key touches one bucket (4 bytes) and then
//! the entry, as CZMQ's chained table does. An open-addressing index
//! (hashbrown, before) keeps its control bytes and its buckets in separate
//! arrays, so at a million keys it cost two cache misses per probe where
//! CZMQ pays one. The 32-bit hash kept in each entry settles almost every
//! chain step without reading the key. Slot numbers are absolute (the
//! deque's front is slot `base`), so entries deleted from the front, as a
//! FIFO user of zhash does, are dropped without renumbering anything.

use std::collections::VecDeque;
use std::ffi::c_void;

/// A per-item free function (CZMQ's `zhash_free_fn`, `zhashx_free_fn`).
pub(crate) type FreeFn = unsafe extern "C" fn(*mut c_void);

/// One key/item pair, or a hole ([`HOLE`] in `next`). 32 bytes aligned to
/// 32, so an entry never straddles two cache lines (as a 40-byte
/// `Option<Entry>` did every other time; a lookup reads most of an entry).
#[repr(align(32))]
pub(crate) struct Entry {
    /// The key, owned by the table's owner (duplicated or not).
    pub key: *mut c_void,
    /// The item, owned according to the owner's rules.
    pub item: *mut c_void,
    /// Set by `*_freefn`: called on the item when it leaves the table.
    pub free_fn: Option<FreeFn>,
    /// The key's hash, folded to 32 bits: the index grows without calling
    /// back, and a chain step compares it before asking the owner to
    /// compare keys.
    hash: u32,
    /// The slot number of the next entry in this entry's bucket, or [`NIL`];
    /// [`HOLE`] in a deleted entry's slot.
    next: u32,
}

impl Entry {
    /// A deleted entry's slot.
    const HOLE: Entry = Entry {
        key: std::ptr::null_mut(),
        item: std::ptr::null_mut(),
        free_fn: None,
        hash: 0,
        next: HOLE,
    };

    fn is_live(&self) -> bool {
        self.next != HOLE
    }
}

/// Deleted slots in the middle are compacted away once there are more of
/// them than this and more than live entries: iteration then stays
/// proportional to size.
const COMPACT_MIN_HOLES: usize = 64;

/// No slot: an empty bucket, or the end of a chain.
const NIL: u32 = u32::MAX;

/// In an entry's `next`: the slot is a hole (a deleted entry).
const HOLE: u32 = u32::MAX - 1;

/// Slot numbers stay below this, so each fits the index's 32 bits next to
/// [`NIL`] and [`HOLE`]. When the next slot number would reach it (after
/// four billion inserts), the slots are renumbered from 0.
const SLOT_LIMIT: usize = HOLE as usize;

/// The bucket array's length once the first entry arrives.
const MIN_BUCKETS: usize = 64;

/// Slot deque + chained hash index + cursor.
#[derive(Default)]
pub(crate) struct Table {
    /// `slots[i]` is slot number `base + i`, a live entry or a hole.
    /// Neither end is ever a hole.
    slots: VecDeque<Entry>,
    /// The slot number of `slots[0]`.
    base: usize,
    /// The first slot of each bucket's chain, or [`NIL`]; the length is 0
    /// or a power of two, and at most 3/4 of it in live entries.
    buckets: Vec<u32>,
    /// Number of live entries.
    live: usize,
    /// Number of holes.
    holes: usize,
    /// The slot number where the next `next()` starts looking.
    scan: usize,
    /// The slot of the item `first`/`next` last returned, while it lives.
    current: Option<usize>,
}

/// A 64-bit hash folded to the 32 bits an entry keeps (both halves count,
/// so a hasher that varies only its high or only its low bits still
/// spreads keys).
fn fold(hash: u64) -> u32 {
    (hash ^ (hash >> 32)) as u32
}

impl Table {
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.live
    }

    /// The bucket of a folded hash; the bucket array is not empty.
    #[inline]
    fn bucket_of(&self, hash: u32) -> usize {
        hash as usize & (self.buckets.len() - 1)
    }

    /// Walks the chain of `hash`'s bucket to the entry satisfying `same`:
    /// its bucket, the slot before it in the chain (or [`NIL`]) and its slot.
    #[inline]
    fn search(
        &self,
        hash: u32,
        mut same: impl FnMut(u32, &Entry) -> bool,
    ) -> Option<(usize, u32, u32)> {
        if self.buckets.is_empty() {
            return None;
        }
        let bucket = self.bucket_of(hash);
        let mut prev = NIL;
        let mut at = self.buckets[bucket];
        while at != NIL {
            let entry = self.entry(at as usize);
            if same(at, entry) {
                return Some((bucket, prev, at));
            }
            prev = at;
            at = entry.next;
        }
        None
    }

    /// Takes slot `at` out of its chain, given the slot before it.
    fn unlink(&mut self, bucket: usize, prev: u32, at: u32) {
        let next = self.entry(at as usize).next;
        if prev == NIL {
            self.buckets[bucket] = next;
        } else {
            self.entry_mut(prev as usize).next = next;
        }
    }

    /// The slot of the entry whose key has `hash` and satisfies `same`.
    #[inline]
    pub fn find(&self, hash: u64, mut same: impl FnMut(*mut c_void) -> bool) -> Option<usize> {
        let hash = fold(hash);
        self.search(hash, |_, entry| entry.hash == hash && same(entry.key))
            .map(|(_, _, at)| at as usize)
    }

    /// The live entry in `slot`.
    #[inline]
    pub fn entry(&self, slot: usize) -> &Entry {
        let entry = &self.slots[slot - self.base];
        assert!(entry.is_live(), "slot of a live entry");
        entry
    }

    /// The live entry in `slot`, to change its item or free function.
    pub fn entry_mut(&mut self, slot: usize) -> &mut Entry {
        let entry = &mut self.slots[slot - self.base];
        assert!(entry.is_live(), "slot of a live entry");
        entry
    }

    /// Adds an entry whose key the caller has checked is absent; returns
    /// its slot (after every existing one, so a running iteration sees it).
    pub fn insert(&mut self, hash: u64, key: *mut c_void, item: *mut c_void) -> usize {
        if self.base + self.slots.len() >= SLOT_LIMIT {
            self.compact();
        }
        // Four billion live entries would be 160 GB of them. (The C face's
        // guard turns this into the call's error value.)
        assert!(self.slots.len() < SLOT_LIMIT, "zhash: table full");
        if (self.live + 1) * 4 > self.buckets.len() * 3 {
            let buckets = (self.buckets.len() * 2).max(MIN_BUCKETS);
            self.buckets = vec![NIL; buckets];
            self.relink();
        }
        let hash = fold(hash);
        let slot = self.base + self.slots.len();
        let bucket = self.bucket_of(hash);
        // Appended at the chain's tail, so every chain runs in slot
        // (insertion) order: deleting the oldest entries first, as a FIFO
        // user of zhash does, finds each at the head of its chain instead
        // of behind every newer entry of its bucket (a cache miss each at
        // a million keys). The caller has just walked this chain to check
        // the key's absence, so the walk reads entries in cache.
        // Slot numbers are below SLOT_LIMIT, so they fit (see above).
        let mut tail = self.buckets[bucket];
        if tail == NIL {
            self.buckets[bucket] = slot as u32;
        } else {
            loop {
                let next = self.entry(tail as usize).next;
                if next == NIL {
                    break;
                }
                tail = next;
            }
            self.entry_mut(tail as usize).next = slot as u32;
        }
        self.slots.push_back(Entry {
            key,
            item,
            free_fn: None,
            hash,
            next: NIL,
        });
        self.live += 1;
        slot
    }

    /// Takes out the entry whose key has `hash` and satisfies `same`, if
    /// any; the caller frees key and item. An iteration in progress
    /// carries on with the following entry.
    pub fn take(&mut self, hash: u64, mut same: impl FnMut(*mut c_void) -> bool) -> Option<Entry> {
        let hash = fold(hash);
        let (bucket, prev, at) =
            self.search(hash, |_, entry| entry.hash == hash && same(entry.key))?;
        self.unlink(bucket, prev, at);
        Some(self.vacate(at as usize))
    }

    /// Empties `slot` (already out of the index) and returns its entry.
    fn vacate(&mut self, slot: usize) -> Entry {
        let entry = std::mem::replace(&mut self.slots[slot - self.base], Entry::HOLE);
        assert!(entry.is_live(), "slot of a live entry");
        if self.current == Some(slot) {
            self.current = None;
        }
        self.live -= 1;
        self.holes += 1;
        // Holes at either end cost nothing to drop: no slot number changes.
        while self.slots.back().is_some_and(|e| !e.is_live()) {
            self.slots.pop_back();
            self.holes -= 1;
        }
        // A cursor past the new end stays at it, so an entry inserted next
        // (which takes the slot after the end) is still visited.
        self.scan = self.scan.min(self.base + self.slots.len());
        while self.slots.front().is_some_and(|e| !e.is_live()) {
            self.slots.pop_front();
            self.base += 1;
            self.holes -= 1;
        }
        if self.holes > COMPACT_MIN_HOLES && self.holes > self.live {
            self.compact();
        }
        entry
    }

    /// Gives the entry in `slot` a new key (whose absence the caller has
    /// checked), keeping its place in iteration order; returns the old key.
    pub fn rekey(&mut self, slot: usize, hash: u64, key: *mut c_void) -> *mut c_void {
        let old_hash = self.entry(slot).hash;
        if let Some((bucket, prev, at)) = self.search(old_hash, |at, _| at as usize == slot) {
            self.unlink(bucket, prev, at);
        }
        let hash = fold(hash);
        let bucket = self.bucket_of(hash);
        let next = std::mem::replace(&mut self.buckets[bucket], slot as u32);
        let entry = self.entry_mut(slot);
        entry.hash = hash;
        entry.next = next;
        std::mem::replace(&mut entry.key, key)
    }

    /// Recomputes every key's hash (a new hash function was set).
    pub fn rehash(&mut self, mut hash_of: impl FnMut(*mut c_void) -> u64) {
        for entry in self.slots.iter_mut().filter(|e| e.is_live()) {
            entry.hash = fold(hash_of(entry.key));
        }
        self.relink();
    }

    /// Rebuilds every chain from the entries' hashes (after the bucket
    /// array or the slot numbers changed), each in slot order as insert
    /// keeps them: entries are pushed on the chains' heads from the last.
    fn relink(&mut self) {
        self.buckets.fill(NIL);
        if self.buckets.is_empty() {
            return;
        }
        let mask = self.buckets.len() - 1;
        for (i, entry) in self.slots.iter_mut().enumerate().rev() {
            if entry.is_live() {
                let bucket = entry.hash as usize & mask;
                // Slot numbers are below SLOT_LIMIT (see insert).
                entry.next = std::mem::replace(&mut self.buckets[bucket], (self.base + i) as u32);
            }
        }
    }

    /// Starts an iteration: the first entry's slot, or `None` if empty.
    pub fn first(&mut self) -> Option<usize> {
        self.scan = self.base;
        self.next()
    }

    /// The next entry's slot, or `None` at the end (and after it).
    pub fn next(&mut self) -> Option<usize> {
        // Entries dropped off the front since the last call were behind
        // the cursor or are gone: carry on from the first remaining one.
        let mut at = self.scan.saturating_sub(self.base);
        while let Some(slot) = self.slots.get(at) {
            at += 1;
            if slot.is_live() {
                let found = self.base + at - 1;
                self.scan = found + 1;
                self.current = Some(found);
                return Some(found);
            }
        }
        self.scan = self.base + self.slots.len();
        self.current = None;
        None
    }

    /// The slot `first`/`next` last returned, if that entry still exists.
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// Points the cursor's current entry at `slot` (zhashx does after an
    /// insert or rename, as CZMQ does).
    pub fn set_current(&mut self, slot: usize) {
        self.current = Some(slot);
    }

    /// Live entries, in iteration order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.slots.iter().filter(|e| e.is_live())
    }

    /// Empties the table, handing every entry to the caller to free.
    pub fn drain(&mut self) -> Vec<Entry> {
        self.buckets = Vec::new();
        self.live = 0;
        self.holes = 0;
        self.base = 0;
        self.scan = 0;
        self.current = None;
        std::mem::take(&mut self.slots)
            .into_iter()
            .filter(Entry::is_live)
            .collect()
    }

    /// Squeezes out the holes, renumbering slots from 0 (and the cursor)
    /// so that order and a running iteration are preserved.
    fn compact(&mut self) {
        let base = self.base;
        let mut live = 0;
        let mut scan = None;
        let mut current = None;
        for (i, entry) in self.slots.iter().enumerate() {
            if base + i == self.scan {
                scan = Some(live);
            }
            if entry.is_live() {
                if self.current == Some(base + i) {
                    current = Some(live);
                }
                live += 1;
            }
        }
        // A scan before the front lands on the new front; one past the
        // end stays past the end.
        self.scan = if self.scan < base {
            0
        } else {
            scan.unwrap_or(live)
        };
        self.current = current;
        self.slots.retain(Entry::is_live);
        self.base = 0;
        self.holes = 0;
        self.relink();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: usize) -> *mut c_void {
        n as *mut c_void
    }

    #[test]
    fn delete_during_iteration_visits_every_other_entry_once() {
        let mut table = Table::default();
        for n in 1..=1000 {
            table.insert(n as u64, key(n), key(n));
        }
        let mut seen = Vec::new();
        let mut slot = table.first();
        while let Some(s) = slot {
            let n = table.entry(s).key as usize;
            seen.push(n);
            if !n.is_multiple_of(3) {
                assert!(table.take(n as u64, |k| k == key(n)).is_some());
                assert!(table.take(n as u64, |k| k == key(n)).is_none());
            }
            slot = table.next();
        }
        assert_eq!(seen, (1..=1000).collect::<Vec<_>>());
        assert_eq!(table.len(), 333);
        for n in (3..=999).step_by(3) {
            assert!(table.find(n as u64, |k| k == key(n)).is_some());
        }
    }

    #[test]
    fn fifo_deletes_drop_the_front_without_renumbering() {
        let mut table = Table::default();
        let slots: Vec<usize> = (1..=300)
            .map(|n| table.insert(n as u64, key(n), key(n)))
            .collect();
        assert_eq!(table.first(), Some(slots[0]));
        // The cursor's own entry and those after it, up to 100, go from the
        // front: the iteration carries on at 101.
        for n in 1..=100 {
            assert!(table.take(n as u64, |k| k == key(n)).is_some());
        }
        assert_eq!(table.base, slots[100]);
        assert_eq!(table.holes, 0);
        assert_eq!(table.current(), None);
        assert_eq!(table.next(), Some(slots[100]));
        // Slot numbers handed out before the deletes still name their entries.
        assert_eq!(table.entry(slots[299]).item, key(300));
        assert_eq!(table.find(250, |k| k == key(250)), Some(slots[249]));
        // Holes in the middle are compacted, keeping order and the cursor.
        for n in (102..=300).filter(|n| n % 2 == 0) {
            assert!(table.take(n as u64, |k| k == key(n)).is_some());
        }
        let mut seen = Vec::new();
        while let Some(slot) = table.next() {
            seen.push(table.entry(slot).key as usize);
        }
        assert_eq!(seen, (103..=299).step_by(2).collect::<Vec<_>>());
        for n in (101..=299).step_by(2) {
            let slot = table.find(n as u64, |k| k == key(n)).expect("live");
            assert_eq!(table.entry(slot).item, key(n));
        }
    }

    #[test]
    fn an_insert_after_the_tail_was_deleted_mid_iteration_is_visited() {
        let mut table = Table::default();
        for n in 1..=3 {
            table.insert(n as u64, key(n), key(n));
        }
        table.first();
        assert_eq!(table.next().map(|s| table.entry(s).key), Some(key(2)));
        for n in 2..=3 {
            assert!(table.take(n as u64, |k| k == key(n)).is_some());
        }
        let slot = table.insert(4, key(4), key(4));
        assert_eq!(table.next(), Some(slot));
        assert_eq!(table.next(), None);
    }

    #[test]
    fn slot_numbers_reaching_the_limit_are_renumbered() {
        // As if four billion entries had come and gone through the front.
        let start = SLOT_LIMIT - 100;
        let mut table = Table {
            base: start,
            scan: start,
            ..Table::default()
        };
        let slots: Vec<usize> = (1..=300)
            .map(|n| table.insert(n as u64, key(n), key(n)))
            .collect();
        // The 101st insert renumbered the first 100 from 0.
        assert_eq!(slots[99], SLOT_LIMIT - 1);
        assert_eq!(slots[100], 100);
        assert_eq!(slots[299], 299);
        for n in 1..=300 {
            let slot = table.find(n as u64, |k| k == key(n)).expect("live");
            assert_eq!(table.entry(slot).item, key(n));
        }
        let mut seen = Vec::new();
        let mut slot = table.first();
        while let Some(s) = slot {
            seen.push(table.entry(s).key as usize);
            slot = table.next();
        }
        assert_eq!(seen, (1..=300).collect::<Vec<_>>());
        for n in (2..=298).filter(|n| n % 3 != 0) {
            assert!(table.take(n as u64, |k| k == key(n)).is_some());
        }
        for n in (3..=297).step_by(3).chain([1, 299, 300]) {
            let slot = table.find(n as u64, |k| k == key(n)).expect("live");
            assert_eq!(table.entry(slot).item, key(n));
        }
        assert_eq!(table.len(), 102);
    }

    #[test]
    fn colliding_hashes_share_a_chain() {
        let mut table = Table::default();
        // Every key in one bucket, half with the same full hash.
        for n in 1..=200 {
            table.insert(((n % 2) as u64) << 63, key(n), key(n));
        }
        for n in (1..=200).step_by(7) {
            let entry = table.take(((n % 2) as u64) << 63, |k| k == key(n));
            assert_eq!(entry.map(|e| e.item), Some(key(n)));
        }
        for n in 1..=200 {
            let found = table.find(((n % 2) as u64) << 63, |k| k == key(n));
            assert_eq!(found.is_some(), (n - 1) % 7 != 0, "key {n}");
        }
    }

    /// Asserts every chain runs in ascending slot order.
    fn assert_chains_in_slot_order(table: &Table) {
        for &head in &table.buckets {
            let mut at = head;
            while at != NIL {
                let next = table.entry(at as usize).next;
                assert!(next == NIL || next > at, "chain {at} -> {next}");
                at = next;
            }
        }
    }

    #[test]
    fn chains_run_in_insertion_order_and_fifo_deletes_find_their_heads() {
        let mut table = Table::default();
        // Eight chains of 125 colliding hashes; the bucket array grows
        // (and relinks) on the way.
        for n in 1..=1000 {
            table.insert((n % 8) as u64, key(n), key(n));
        }
        assert_chains_in_slot_order(&table);
        // Holes in the middle until a compaction renumbers and relinks.
        for n in (500..=1000).filter(|n| n % 2 == 0) {
            assert!(table.take((n % 8) as u64, |k| k == key(n)).is_some());
        }
        assert_chains_in_slot_order(&table);
        for n in 1001..=1100 {
            table.insert((n % 8) as u64, key(n), key(n));
        }
        assert_chains_in_slot_order(&table);
        // Deleting in insertion order: each key heads its chain.
        let remaining = (1..=1100).filter(|n| n % 2 == 1 || !(500..=1000).contains(n));
        for n in remaining {
            let hash = fold((n % 8) as u64);
            let found = table.search(hash, |_, e| e.key == key(n));
            assert!(
                matches!(found, Some((_, NIL, _))),
                "key {n} heads its chain"
            );
            assert!(table.take((n % 8) as u64, |k| k == key(n)).is_some());
        }
        assert_eq!(table.len(), 0);
    }

    #[test]
    fn rekey_keeps_place() {
        let mut table = Table::default();
        let a = table.insert(1, key(1), key(10));
        table.insert(2, key(2), key(20));
        assert_eq!(table.rekey(a, 7, key(7)), key(1));
        assert!(table.find(1, |k| k == key(1)).is_none());
        assert_eq!(table.find(7, |k| k == key(7)), Some(a));
        assert_eq!(table.first(), Some(a));
    }
}
