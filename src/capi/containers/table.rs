//! The hash table under zhash and zhashx: entries live in a slot deque in
//! insertion order (so a cursor is a slot number that stays valid while
//! the table changes under it), and a hashbrown `HashTable` of slot
//! numbers maps a key's hash to its entry. Keys and items are C pointers
//! the table never dereferences: its owner hashes and compares keys
//! (through C callbacks, for zhashx) and frees what needs freeing.
//!
//! Why this shape (measured in BENCHMARKS.md, "C face containers"): the
//! index holds only a 4-byte slot number, so at a million keys it is a
//! sixth of the size of one holding (hash, slot, key) and stays in the
//! last-level cache; the full hash kept in each entry settles almost every
//! probe without reading the key. Slot numbers are absolute (the deque's
//! front is slot `base`), so entries deleted from the front, as a FIFO
//! user of zhash does, are dropped without renumbering anything.

use std::collections::VecDeque;
use std::ffi::c_void;

use hashbrown::HashTable;

/// A per-item free function (CZMQ's `zhash_free_fn`, `zhashx_free_fn`).
pub(crate) type FreeFn = unsafe extern "C" fn(*mut c_void);

/// One key/item pair.
pub(crate) struct Entry {
    /// The key, owned by the table's owner (duplicated or not).
    pub key: *mut c_void,
    /// The item, owned according to the owner's rules.
    pub item: *mut c_void,
    /// Set by `*_freefn`: called on the item when it leaves the table.
    pub free_fn: Option<FreeFn>,
    /// The key's hash: the index grows without calling back, and a probe
    /// compares it before asking the owner to compare keys.
    hash: u64,
}

/// Deleted slots in the middle are compacted away once there are more of
/// them than this and more than live entries: iteration then stays
/// proportional to size.
const COMPACT_MIN_HOLES: usize = 64;

/// Slot deque + hash index + cursor.
pub(crate) struct Table {
    /// `slots[i]` is slot number `base + i`; `None` is a deleted entry.
    /// Neither end is ever `None`.
    slots: VecDeque<Option<Entry>>,
    /// The slot number of `slots[0]`.
    base: usize,
    /// The low 32 bits of the slot number of every live entry, hashed by
    /// its key's hash. Live slots span fewer than 2^32 numbers from `base`,
    /// so the low bits name one slot (see [`Key`]).
    index: HashTable<Key>,
    /// Number of `None` slots.
    holes: usize,
    /// The slot number where the next `next()` starts looking.
    scan: usize,
    /// The slot of the item `first`/`next` last returned, while it lives.
    current: Option<usize>,
}

impl Default for Table {
    fn default() -> Self {
        Table {
            slots: VecDeque::new(),
            base: 0,
            index: HashTable::new(),
            holes: 0,
            scan: 0,
            current: None,
        }
    }
}

/// A slot number as the index keeps it: its low 32 bits.
type Key = u32;

/// The index key of slot number `slot` (truncation intended).
fn key_of(slot: usize) -> Key {
    slot as Key
}

/// The slot number an index key names, given the deque's front `base`.
fn slot_of(base: usize, key: Key) -> usize {
    base + key.wrapping_sub(key_of(base)) as usize
}

/// The live entry an index key names.
fn live(slots: &VecDeque<Option<Entry>>, base: usize, key: Key) -> &Entry {
    slots[slot_of(base, key) - base]
        .as_ref()
        .expect("slot of a live entry")
}

impl Table {
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// The slot of the entry whose key has `hash` and satisfies `same`.
    pub fn find(&self, hash: u64, mut same: impl FnMut(*mut c_void) -> bool) -> Option<usize> {
        let (slots, base) = (&self.slots, self.base);
        self.index
            .find(hash, |&key| {
                let entry = live(slots, base, key);
                entry.hash == hash && same(entry.key)
            })
            .map(|&key| slot_of(base, key))
    }

    /// The live entry in `slot`.
    pub fn entry(&self, slot: usize) -> &Entry {
        self.slots[slot - self.base]
            .as_ref()
            .expect("slot of a live entry")
    }

    /// The live entry in `slot`, to change its item or free function.
    pub fn entry_mut(&mut self, slot: usize) -> &mut Entry {
        self.slots[slot - self.base]
            .as_mut()
            .expect("slot of a live entry")
    }

    /// Adds an entry whose key the caller has checked is absent; returns
    /// its slot (after every existing one, so a running iteration sees it).
    pub fn insert(&mut self, hash: u64, key: *mut c_void, item: *mut c_void) -> usize {
        // 2^32 slots would be 160 GB of entries; past that, index keys
        // would be ambiguous. (The C face's guard turns this into the
        // call's error value.)
        assert!(self.slots.len() < Key::MAX as usize, "zhash: table full");
        let slot = self.base + self.slots.len();
        self.slots.push_back(Some(Entry {
            key,
            item,
            free_fn: None,
            hash,
        }));
        let (slots, base) = (&self.slots, self.base);
        self.index
            .insert_unique(hash, key_of(slot), |&k| live(slots, base, k).hash);
        slot
    }

    /// Takes out the entry whose key has `hash` and satisfies `same`, if
    /// any; the caller frees key and item. An iteration in progress
    /// carries on with the following entry.
    pub fn take(&mut self, hash: u64, mut same: impl FnMut(*mut c_void) -> bool) -> Option<Entry> {
        let (slots, base) = (&self.slots, self.base);
        let found = self
            .index
            .find_entry(hash, |&key| {
                let entry = live(slots, base, key);
                entry.hash == hash && same(entry.key)
            })
            .ok()?;
        let (key, _) = found.remove();
        Some(self.vacate(slot_of(base, key)))
    }

    /// Empties `slot` (already out of the index) and returns its entry.
    fn vacate(&mut self, slot: usize) -> Entry {
        let entry = self.slots[slot - self.base]
            .take()
            .expect("slot of a live entry");
        if self.current == Some(slot) {
            self.current = None;
        }
        self.holes += 1;
        // Holes at either end cost nothing to drop: no slot number changes.
        while matches!(self.slots.back(), Some(None)) {
            self.slots.pop_back();
            self.holes -= 1;
        }
        // A cursor past the new end stays at it, so an entry inserted next
        // (which takes the slot after the end) is still visited.
        self.scan = self.scan.min(self.base + self.slots.len());
        while matches!(self.slots.front(), Some(None)) {
            self.slots.pop_front();
            self.base += 1;
            self.holes -= 1;
        }
        if self.holes > COMPACT_MIN_HOLES && self.holes > self.len() {
            self.compact();
        }
        entry
    }

    /// Gives the entry in `slot` a new key (whose absence the caller has
    /// checked), keeping its place in iteration order; returns the old key.
    pub fn rekey(&mut self, slot: usize, hash: u64, key: *mut c_void) -> *mut c_void {
        let old_hash = self.entry(slot).hash;
        if let Ok(found) = self.index.find_entry(old_hash, |&k| k == key_of(slot)) {
            found.remove();
        }
        let entry = self.entry_mut(slot);
        let old_key = std::mem::replace(&mut entry.key, key);
        entry.hash = hash;
        let (slots, base) = (&self.slots, self.base);
        self.index
            .insert_unique(hash, key_of(slot), |&k| live(slots, base, k).hash);
        old_key
    }

    /// Recomputes every key's hash (a new hash function was set).
    pub fn rehash(&mut self, mut hash_of: impl FnMut(*mut c_void) -> u64) {
        self.index.clear();
        for entry in self.slots.iter_mut().flatten() {
            entry.hash = hash_of(entry.key);
        }
        let (slots, base) = (&self.slots, self.base);
        for (i, entry) in slots.iter().enumerate() {
            if let Some(entry) = entry {
                self.index
                    .insert_unique(entry.hash, key_of(base + i), |&k| live(slots, base, k).hash);
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
            if slot.is_some() {
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
        self.slots.iter().flatten()
    }

    /// Empties the table, handing every entry to the caller to free.
    pub fn drain(&mut self) -> Vec<Entry> {
        self.index.clear();
        self.holes = 0;
        self.base = 0;
        self.scan = 0;
        self.current = None;
        std::mem::take(&mut self.slots)
            .into_iter()
            .flatten()
            .collect()
    }

    /// Squeezes out the holes, renumbering slots (and the cursor) so that
    /// order and a running iteration are preserved.
    fn compact(&mut self) {
        let base = self.base;
        let mut renumbered = vec![usize::MAX; self.slots.len()];
        let mut live = base;
        let mut scan = None;
        for (i, entry) in self.slots.iter().enumerate() {
            if base + i == self.scan {
                scan = Some(live);
            }
            if entry.is_some() {
                renumbered[i] = live;
                live += 1;
            }
        }
        // A scan before the front lands on the new front; one past the
        // end stays past the end.
        self.scan = if self.scan < base {
            base
        } else {
            scan.unwrap_or(live)
        };
        self.current = self.current.map(|slot| renumbered[slot - base]);
        self.slots.retain(Option::is_some);
        for key in self.index.iter_mut() {
            *key = key_of(renumbered[slot_of(base, *key) - base]);
        }
        self.holes = 0;
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
    fn slot_numbers_past_2_pow_32_keep_working() {
        // As if four billion entries had come and gone through the front.
        let start = u32::MAX as usize - 100;
        let mut table = Table {
            base: start,
            scan: start,
            ..Table::default()
        };
        let slots: Vec<usize> = (1..=300)
            .map(|n| table.insert(n as u64, key(n), key(n)))
            .collect();
        assert_eq!(slots[299], start + 299);
        for n in 1..=300 {
            assert_eq!(table.find(n as u64, |k| k == key(n)), Some(slots[n - 1]));
        }
        // Middle holes force a compaction across the 2^32 boundary.
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
