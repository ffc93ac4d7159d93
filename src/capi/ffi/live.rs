//! The live-object registry: the address and Rust type of every object this
//! library has handed to C and not yet taken back (see `ffi::give`,
//! `ffi::take`).
//!
//! Every frame and message crosses this table twice (given, taken back), so
//! it is a purpose-built open-addressing set rather than a general hash map:
//! keys are heap addresses (never 0, which marks an empty slot), hashed by
//! one multiplication; linear probing on a table kept at most half full
//! finds a key in one or two probes, and removal shifts the following
//! entries back, so no tombstones accumulate. Measured with callgrind on
//! benches/czmq-core's zframe case (one frame given and taken back twice
//! per operation): 2596 instructions per operation with a hashbrown map
//! under std's Mutex, 2441 with this table, 2355 with this table under
//! parking_lot's lock (a std `Mutex<BTreeMap>` before: 2978).
//!
//! Its one allocation is a `Vec`, pointed to at its start, so valgrind
//! counts it as reachable at exit (a hashbrown table is pointed to in its
//! middle and shows as "possibly lost" in every C program).

use std::any::TypeId;

use parking_lot::{Mutex, MutexGuard};

/// One slot: an address (0 when empty) and the type of the object there.
type Slot = (usize, TypeId);

/// A placeholder type for empty slots.
enum Vacant {}

/// The set of live objects, by address.
pub(super) struct Registry {
    /// Power-of-two many slots (none before the first insert).
    slots: Vec<Slot>,
    /// Occupied slots.
    len: usize,
}

static LIVE: Mutex<Registry> = Mutex::new(Registry {
    slots: Vec::new(),
    len: 0,
});

/// The registry. parking_lot's lock rather than std's: its uncontended
/// lock + unlock is two atomic instructions and no poisoning bookkeeping
/// (std's measured several times more per call; nothing here needs
/// poisoning, as no code under the lock panics between writes).
pub(super) fn registry() -> MutexGuard<'static, Registry> {
    LIVE.lock()
}

/// First table size.
const INITIAL_SLOTS: usize = 64;

impl Registry {
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// The slot where probing for `key` starts: Fibonacci hashing of the
    /// address without its always-zero alignment bits, top bits kept.
    fn home(&self, key: usize) -> usize {
        let bits = self.slots.len().trailing_zeros();
        let mixed = ((key >> 4) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (mixed >> (64 - bits)) as usize
    }

    /// The slot holding `key`, if listed.
    fn find(&self, key: usize) -> Option<usize> {
        if self.len == 0 {
            return None;
        }
        let mask = self.mask();
        let mut i = self.home(key);
        loop {
            match self.slots[i].0 {
                0 => return None,
                k if k == key => return Some(i),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// The type listed for `key`.
    pub(super) fn get(&self, key: usize) -> Option<TypeId> {
        self.find(key).map(|i| self.slots[i].1)
    }

    /// Lists `key` as a `kind`, replacing a stale listing of that address.
    pub(super) fn insert(&mut self, key: usize, kind: TypeId) {
        debug_assert_ne!(key, 0);
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.mask();
        let mut i = self.home(key);
        loop {
            match self.slots[i].0 {
                0 => {
                    self.slots[i] = (key, kind);
                    self.len += 1;
                    return;
                }
                k if k == key => {
                    self.slots[i].1 = kind;
                    return;
                }
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Doubles the table (or makes the first one) and re-lists everything.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(INITIAL_SLOTS);
        let old = std::mem::replace(&mut self.slots, vec![(0, TypeId::of::<Vacant>()); size]);
        self.len = 0;
        for (key, kind) in old {
            if key != 0 {
                self.insert(key, kind);
            }
        }
    }

    /// Unlists `key` when it is listed as a `kind`; true when it was.
    pub(super) fn remove_if(&mut self, key: usize, kind: TypeId) -> bool {
        let Some(mut hole) = self.find(key) else {
            return false;
        };
        if self.slots[hole].1 != kind {
            return false;
        }
        // Backward-shift deletion: every later entry of the same probe run
        // that may move into the hole does, so that lookups never stop
        // early at an empty slot in front of their key.
        let mask = self.mask();
        let mut next = (hole + 1) & mask;
        while self.slots[next].0 != 0 {
            let home = self.home(self.slots[next].0);
            // The entry at `next` may fill the hole when its home is not
            // cyclically within (hole, next].
            let distance_to_next = next.wrapping_sub(home) & mask;
            let distance_to_hole = next.wrapping_sub(hole) & mask;
            if distance_to_next >= distance_to_hole {
                self.slots[hole] = self.slots[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        self.slots[hole].0 = 0;
        self.len -= 1;
        true
    }

    /// Unlists `key` whatever its type.
    pub(super) fn remove(&mut self, key: usize) {
        if let Some(kind) = self.get(key) {
            self.remove_if(key, kind);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty() -> Registry {
        Registry {
            slots: Vec::new(),
            len: 0,
        }
    }

    #[test]
    fn lists_finds_and_unlists_by_type() {
        let mut r = empty();
        let frame = TypeId::of::<u8>();
        let msg = TypeId::of::<u16>();
        r.insert(0x1000, frame);
        assert_eq!(r.get(0x1000), Some(frame));
        assert!(!r.remove_if(0x1000, msg), "wrong type stays listed");
        assert!(r.remove_if(0x1000, frame));
        assert_eq!(r.get(0x1000), None);
        assert!(!r.remove_if(0x1000, frame), "twice is refused");
    }

    #[test]
    fn matches_a_model_through_growth_and_collisions() {
        use std::collections::HashMap;
        let mut r = empty();
        let mut model = HashMap::new();
        let kinds = [TypeId::of::<u8>(), TypeId::of::<u16>()];
        // Addresses 16 bytes apart (as heap objects are), clustered so that
        // probe runs form, wrap around and are cut by removals.
        let mut state: u64 = 0x1234_5678;
        for step in 0..20_000usize {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let key = 0x10_0000 + ((state >> 33) as usize % 700) * 16;
            let kind = kinds[step % 2];
            if state & 1 == 0 {
                r.insert(key, kind);
                model.insert(key, kind);
            } else {
                let listed = model.get(&key) == Some(&kind);
                assert_eq!(r.remove_if(key, kind), listed);
                if listed {
                    model.remove(&key);
                }
            }
            assert_eq!(r.len, model.len());
        }
        for (key, kind) in &model {
            assert_eq!(r.get(*key), Some(*kind));
        }
        assert_eq!(r.get(0x10), None);
    }
}
