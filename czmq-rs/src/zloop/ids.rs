//! The ids a [`Loop`] hands out for its readers, timers and tickets.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

#[cfg(doc)]
use super::Loop;

/// Identifies a reader of a [`Loop`]; `S` is the type
/// [`remove_reader`](Loop::remove_reader) gives back (the socket for
/// [`add_reader`](Loop::add_reader), the fd for
/// [`add_fd_reader`](Loop::add_fd_reader), ...).
///
/// ```
/// use czmq::{Context, Loop, ReaderId, Socket, SocketType};
/// let sock = Context::new()?.socket(SocketType::Pull)?;
/// let mut lp = Loop::new();
/// let id: ReaderId<Socket> = lp.add_reader(sock, |_, s| s.recv_msg().map(drop));
/// let sock: Socket = lp.remove_reader(id).expect("registered");
/// # let _ = sock;
/// # Ok::<(), czmq::Error>(())
/// ```
pub struct ReaderId<S> {
    pub(super) id: u64,
    _payload: PhantomData<fn() -> S>,
}

impl<S> ReaderId<S> {
    pub(super) fn new(id: u64) -> Self {
        ReaderId {
            id,
            _payload: PhantomData,
        }
    }

    /// The id as a number (unique among the loop's readers, timers and
    /// tickets), e.g. to hand it through C.
    ///
    /// ```
    /// let mut lp = czmq::Loop::new();
    /// let a = lp.add_fd_reader(0, czmq::FdEvents::IN, |_, _, _| Ok(()))?;
    /// let b = lp.add_fd_reader(0, czmq::FdEvents::IN, |_, _, _| Ok(()))?;
    /// assert_ne!(a.raw(), b.raw());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn raw(self) -> u64 {
        self.id
    }
}

impl<S> Clone for ReaderId<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S> Copy for ReaderId<S> {}

impl<S> PartialEq for ReaderId<S> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl<S> Eq for ReaderId<S> {}

impl<S> Hash for ReaderId<S> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

impl<S> fmt::Debug for ReaderId<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ReaderId({})", self.id)
    }
}

/// Identifies a timer of a [`Loop`], for [`cancel_timer`](Loop::cancel_timer).
///
/// ```
/// let id = czmq::TimerId::from_raw(7);
/// assert_eq!(id.raw(), 7);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimerId(pub(super) u64);

impl TimerId {
    /// The id as a number, e.g. CZMQ's `int timer_id` at the C boundary.
    pub fn raw(self) -> u64 {
        self.0
    }

    /// The id for a number from [`raw`](TimerId::raw); an unknown number is
    /// harmless (cancelling it returns false).
    pub fn from_raw(raw: u64) -> TimerId {
        TimerId(raw)
    }
}

/// Identifies a ticket of a [`Loop`], for [`ticket_reset`](Loop::ticket_reset)
/// and [`ticket_delete`](Loop::ticket_delete).
///
/// ```
/// let id = czmq::TicketId::from_raw(9);
/// assert_eq!(id.raw(), 9);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TicketId(pub(super) u64);

impl TicketId {
    /// The id as a number, e.g. to hand it through C as a handle.
    pub fn raw(self) -> u64 {
        self.0
    }

    /// The id for a number from [`raw`](TicketId::raw); an unknown number is
    /// harmless (resetting or deleting it returns false).
    pub fn from_raw(raw: u64) -> TicketId {
        TicketId(raw)
    }
}

/// Hashes the loop's own u64 ids for its internal maps. SipHash guards
/// against keys an attacker picks; these keys are counters the loop hands
/// out, and hashing them cost about 450 instructions per ticket reset on a
/// loop with 10,000 tickets. One multiplication by an odd constant maps
/// consecutive ids to distinct buckets (it is a bijection on the low bits)
/// and spreads them over the high bits that hashbrown's tags use.
#[derive(Default, Clone, Copy)]
pub(super) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Not used by u64 keys; kept correct for any other key anyway.
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u64(&mut self, id: u64) {
        self.0 = (self.0 ^ id).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A map keyed by the loop's ids, hashed with [`IdHasher`].
pub(super) type IdMap<V> =
    std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<IdHasher>>;

#[cfg(test)]
mod id_hasher_tests {
    use super::IdMap;

    #[test]
    fn consecutive_ids_spread_and_round_trip() {
        let mut map: IdMap<u64> = IdMap::default();
        for id in 0..10_000u64 {
            map.insert(id, id * 2);
        }
        assert_eq!(map.len(), 10_000);
        assert!((0..10_000u64).all(|id| map.get(&id) == Some(&(id * 2))));
        assert!(map.remove(&77).is_some());
        assert!(!map.contains_key(&77));
    }
}
