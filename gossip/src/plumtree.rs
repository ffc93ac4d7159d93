//! Eager/lazy push (Plumtree) among nodes that speak our ZGP extension: the
//! state machine alone, free of sockets and clocks, generic over the peer.
//!
//! Flooding sends every new tuple over every link but the one it came on:
//! `2E − N + 1` PUBLISHes per tuple on a graph of `E` links. Plumtree (Leitão,
//! Pereira, Rodrigues, SRDS 2007) sends it over a spanning tree instead, and
//! only a short announcement over the other links:
//!
//! * **Eager and lazy peers.** Every extension peer starts *eager*: a new
//!   version of a tuple goes to it at once as a PUBLISH. A *lazy* peer gets
//!   only an IHAVE (key and [`Stamp`]), batched: all announcements queued for
//!   a peer leave together at the next [`Plumtree::tick`], one per key.
//! * **The tree emerges from first receipts.** The same version arriving a
//!   second time, over an eager link, when its first copy came over an eager
//!   link too, means two eager paths reach us: we mark the sender lazy and
//!   send it a PRUNE, on which it marks us lazy. What stays eager is the tree
//!   of first receipts: `N − 1` PUBLISHes per tuple.
//! * **Only GRAFT makes a link eager again.** A copy that comes first over a
//!   lazy link (pushed before our PRUNE reached its sender) changes nothing,
//!   and the eager copy after it is not pruned. Otherwise, in a burst, a node
//!   could prune its real parent for such a copy, keep a link its peer has
//!   already made lazy, and be left with no eager path at all until a GRAFT.
//! * **Repair.** A peer announces a version we lack in an IHAVE: if it has not
//!   arrived eagerly within `graft_timeout`, we send the announcer a GRAFT
//!   (key and stamp) and mark it eager; it answers with the tuple and marks us
//!   eager, so the edge joins the tree. If that announcer fails too, the next
//!   one is grafted a timeout later. A dead tree edge thus costs one timeout,
//!   and the lazy links become the new tree.
//! * **Snapshot copies never prune.** A new session exchanges whole tables, so
//!   a duplicate that we stored before the peer joined is not a second eager
//!   path: only a version stored after the peer joined counts.
//!
//! Peers that have not negotiated the extension (CZMQ nodes) are never members:
//! the node floods to them in CZMQ's exact bytes and sends them none of IHAVE,
//! PRUNE or GRAFT.
//!
//! ```
//! use std::time::{Duration, Instant};
//! use gossip::node::Stamp;
//! use gossip::plumtree::{Announcement, Command, Plumtree, Push};
//! let now = Instant::now();
//! let mut tree = Plumtree::new(Duration::from_millis(100));
//! tree.join('a', now);
//! tree.join('b', now);
//! let v1 = Announcement { key: b"k".to_vec(), stamp: Stamp { clock: 1, node: 7 } };
//! // v1 first arrives from a, then again from b: b is a second eager path.
//! tree.stored(&v1);
//! assert!(tree.received_duplicate(&'b', Some(&'a'), now)); // send b a PRUNE
//! let v2 = Announcement { key: b"k".to_vec(), stamp: Stamp { clock: 2, node: 7 } };
//! assert_eq!(tree.push(&'a', &v2, now), Push::Eager);
//! assert_eq!(tree.push(&'b', &v2, now), Push::Lazy);
//! assert_eq!(tree.tick(now), vec![Command::Ihave('b', vec![v2])]);
//! ```

use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

use crate::node::Stamp;

/// Most announcements in one IHAVE (its count is a u16 on the wire; this
/// keeps a frame near 30 KB even with 255-byte keys).
pub const MAX_IHAVE: usize = 1024;

/// One version of one tuple, as IHAVE and GRAFT name it.
///
/// ```
/// use gossip::node::Stamp;
/// use gossip::plumtree::Announcement;
/// let a = Announcement { key: b"k".to_vec(), stamp: Stamp { clock: 1, node: 2 } };
/// assert_eq!(a.clone(), a);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Announcement {
    /// The tuple's key.
    pub key: Vec<u8>,
    /// The version's stamp.
    pub stamp: Stamp,
}

/// How a new version goes to one peer.
///
/// ```
/// use std::time::Duration;
/// use gossip::node::Stamp;
/// use gossip::plumtree::{Announcement, Plumtree, Push};
/// let mut tree: Plumtree<u8> = Plumtree::new(Duration::from_millis(100));
/// let a = Announcement { key: b"k".to_vec(), stamp: Stamp { clock: 1, node: 2 } };
/// assert_eq!(tree.push(&1, &a, std::time::Instant::now()), Push::Flood); // not a member
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Push {
    /// An eager member: send the PUBLISH now.
    Eager,
    /// A lazy member: the announcement is queued for its next IHAVE.
    Lazy,
    /// Not a member (no extension): flood it as CZMQ would.
    Flood,
}

/// What [`Plumtree::tick`] asks the node to send.
///
/// ```
/// use gossip::plumtree::Command;
/// let c: Command<u8> = Command::Ihave(1, Vec::new());
/// assert!(matches!(c, Command::Ihave(1, _)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command<P> {
    /// Send this peer an IHAVE with these announcements.
    Ihave(P, Vec<Announcement>),
    /// Send this peer a GRAFT for this version (it is eager now).
    Graft(P, Announcement),
}

#[derive(Debug, Clone)]
struct Member {
    lazy: bool,
    /// When the peer joined: duplicates of versions stored before are
    /// snapshot copies, not second eager paths.
    since: Instant,
    /// Announcements waiting for the next IHAVE, newest stamp per key.
    queued: BTreeMap<Vec<u8>, Stamp>,
}

#[derive(Debug, Clone)]
struct Missing {
    stamp: Stamp,
    deadline: Instant,
    /// Peers that announced it, to graft in turn.
    announcers: VecDeque<PeerNumber>,
}

/// A member's number: the graft queues name peers by it, so that they
/// need not clone `P` and a peer that leaves and joins again is a new one.
type PeerNumber = usize;

/// The eager/lazy state of one node towards its extension peers.
///
/// ```
/// use std::time::{Duration, Instant};
/// use gossip::plumtree::Plumtree;
/// let mut tree = Plumtree::new(Duration::from_millis(100));
/// tree.join("peer", Instant::now());
/// assert!(tree.contains(&"peer"));
/// assert!(!tree.is_lazy(&"peer"));
/// ```
#[derive(Debug, Clone)]
pub struct Plumtree<P> {
    graft_timeout: Duration,
    members: BTreeMap<P, Member>,
    /// Peers by a stable number, so that the missing table can name them.
    numbers: BTreeMap<P, PeerNumber>,
    by_number: BTreeMap<PeerNumber, P>,
    next_number: PeerNumber,
    missing: BTreeMap<Vec<u8>, Missing>,
    /// When the oldest queued announcement was queued (IHAVEs are due).
    flush_due: Option<Instant>,
}

impl<P: Ord + Clone> Plumtree<P> {
    /// An empty tree; a lacking announced version is grafted after
    /// `graft_timeout`.
    pub fn new(graft_timeout: Duration) -> Plumtree<P> {
        Plumtree {
            graft_timeout,
            members: BTreeMap::new(),
            numbers: BTreeMap::new(),
            by_number: BTreeMap::new(),
            next_number: 0,
            missing: BTreeMap::new(),
            flush_due: None,
        }
    }

    /// A peer negotiated the extension: it is an eager member from `now`.
    /// Joining again (a new session) starts it over as eager.
    pub fn join(&mut self, peer: P, now: Instant) {
        self.leave(&peer);
        let n = self.next_number;
        self.next_number += 1;
        self.numbers.insert(peer.clone(), n);
        self.by_number.insert(n, peer.clone());
        self.members.insert(
            peer,
            Member {
                lazy: false,
                since: now,
                queued: BTreeMap::new(),
            },
        );
    }

    /// A peer is gone (session ended, link down, a new HELLO): forget it,
    /// its queued announcements and its place in every graft queue.
    pub fn leave(&mut self, peer: &P) {
        self.members.remove(peer);
        if let Some(n) = self.numbers.remove(peer) {
            self.by_number.remove(&n);
            for m in self.missing.values_mut() {
                m.announcers.retain(|a| *a != n);
            }
            self.missing.retain(|_, m| !m.announcers.is_empty());
        }
    }

    /// Whether the peer is a member (speaks the extension).
    pub fn contains(&self, peer: &P) -> bool {
        self.members.contains_key(peer)
    }

    /// Whether the peer is a lazy member.
    pub fn is_lazy(&self, peer: &P) -> bool {
        self.members.get(peer).is_some_and(|m| m.lazy)
    }

    /// The eager members.
    pub fn eager(&self) -> impl Iterator<Item = &P> {
        self.members.iter().filter(|(_, m)| !m.lazy).map(|(p, _)| p)
    }

    /// A version new to us goes to `peer` (not its sender): says how, and
    /// queues the announcement when the peer is lazy.
    pub fn push(&mut self, peer: &P, version: &Announcement, now: Instant) -> Push {
        match self.members.get_mut(peer) {
            None => Push::Flood,
            Some(m) if !m.lazy => Push::Eager,
            Some(m) => {
                let slot = m.queued.entry(version.key.clone()).or_insert(version.stamp);
                *slot = (*slot).max(version.stamp);
                self.flush_due.get_or_insert(now);
                Push::Lazy
            }
        }
    }

    /// We hold `version` now, by any path (from a peer, a GRAFT's answer,
    /// the application): a graft waiting for it, or for an older version of
    /// the same key, is no longer needed.
    pub fn stored(&mut self, version: &Announcement) {
        if self
            .missing
            .get(&version.key)
            .is_some_and(|m| m.stamp <= version.stamp)
        {
            self.missing.remove(&version.key);
        }
    }

    /// A version we already hold arrived again from `from`; its first copy
    /// came from `first` (None: the application here) at `stored_at`. True
    /// when that is a second eager path: `from` is lazy now and must be sent
    /// a PRUNE. A copy of a version stored before `from` joined is a
    /// snapshot, not a path; a first copy from a lazy link was a stray push,
    /// not a path either: neither changes anything.
    pub fn received_duplicate(&mut self, from: &P, first: Option<&P>, stored_at: Instant) -> bool {
        // A second copy from the first copy's sender is no second path (a
        // correction after its forward, say); one from a lazy link's stray
        // push proves nothing about the eager one.
        if first.is_some_and(|p| p == from || self.is_lazy(p)) {
            return false;
        }
        match self.members.get_mut(from) {
            Some(m) if !m.lazy && stored_at >= m.since => {
                m.lazy = true;
                true
            }
            _ => false,
        }
    }

    /// `from` sent a PRUNE: it got our pushes by another path.
    pub fn on_prune(&mut self, from: &P) {
        if let Some(m) = self.members.get_mut(from) {
            m.lazy = true;
        }
    }

    /// `from` sent a GRAFT: it lacks what we announced, so the link joins
    /// the tree. The node answers with the tuple.
    pub fn on_graft(&mut self, from: &P) {
        if let Some(m) = self.members.get_mut(from) {
            m.lazy = false;
        }
    }

    /// `from` announced a version the node lacks: graft it if it has not
    /// arrived within the timeout. Announcements from non-members are ignored.
    pub fn on_ihave(&mut self, from: &P, version: Announcement, now: Instant) {
        let Some(&n) = self.numbers.get(from) else {
            return;
        };
        let deadline = now + self.graft_timeout;
        let m = self.missing.entry(version.key).or_insert(Missing {
            stamp: version.stamp,
            deadline,
            announcers: VecDeque::new(),
        });
        m.stamp = m.stamp.max(version.stamp);
        if !m.announcers.contains(&n) {
            m.announcers.push_back(n);
        }
    }

    /// Time passes: the queued IHAVEs leave, and versions announced but not
    /// arrived in time are grafted from their next announcer.
    pub fn tick(&mut self, now: Instant) -> Vec<Command<P>> {
        let mut out = Vec::new();
        self.flush_due = None;
        for (peer, m) in self.members.iter_mut() {
            let queued = std::mem::take(&mut m.queued);
            let mut batch = Vec::new();
            for (key, stamp) in queued {
                batch.push(Announcement { key, stamp });
                if batch.len() == MAX_IHAVE {
                    out.push(Command::Ihave(peer.clone(), std::mem::take(&mut batch)));
                }
            }
            if !batch.is_empty() {
                out.push(Command::Ihave(peer.clone(), batch));
            }
        }
        let mut exhausted = Vec::new();
        for (key, m) in self.missing.iter_mut() {
            if m.deadline > now {
                continue;
            }
            let Some(n) = m.announcers.pop_front() else {
                exhausted.push(key.clone());
                continue;
            };
            let Some(peer) = self.by_number.get(&n) else {
                continue;
            };
            if let Some(member) = self.members.get_mut(peer) {
                member.lazy = false;
            }
            out.push(Command::Graft(
                peer.clone(),
                Announcement {
                    key: key.clone(),
                    stamp: m.stamp,
                },
            ));
            m.deadline = now + self.graft_timeout;
            if m.announcers.is_empty() {
                exhausted.push(key.clone());
            }
        }
        for key in exhausted {
            self.missing.remove(&key);
        }
        out
    }

    /// When [`tick`](Self::tick) has something to do: when the first
    /// queued IHAVE was queued, or the earliest graft deadline.
    pub fn next_deadline(&self) -> Option<Instant> {
        let grafts = self.missing.values().map(|m| m.deadline).min();
        self.flush_due.into_iter().chain(grafts).min()
    }

    /// True when nothing is queued and no graft is pending.
    pub fn is_idle(&self) -> bool {
        self.missing.is_empty() && self.members.values().all(|m| m.queued.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn version(key: &[u8], clock: u64) -> Announcement {
        Announcement {
            key: key.to_vec(),
            stamp: Stamp { clock, node: 1 },
        }
    }

    #[test]
    fn snapshot_duplicates_do_not_prune() {
        let t0 = Instant::now();
        let mut tree = Plumtree::new(Duration::from_millis(50));
        tree.join(1u8, t0 + Duration::from_millis(10));
        // Stored before peer 1 joined: its copy is a snapshot.
        assert!(!tree.received_duplicate(&1, None, t0));
        assert!(!tree.is_lazy(&1));
        assert!(tree.received_duplicate(&1, None, t0 + Duration::from_millis(10)));
        assert!(tree.is_lazy(&1));
        // A lazy peer is pruned only once.
        assert!(!tree.received_duplicate(&1, None, t0 + Duration::from_millis(20)));
    }

    #[test]
    fn a_first_copy_over_a_lazy_link_prunes_nothing() {
        let t0 = Instant::now();
        let mut tree = Plumtree::new(Duration::from_millis(50));
        tree.join(1u8, t0);
        tree.join(2u8, t0);
        tree.on_prune(&2);
        // 2's push crossed our PRUNE and came first: 1 is still our parent.
        assert!(!tree.received_duplicate(&1, Some(&2), t0));
        assert!(!tree.is_lazy(&1));
        assert!(tree.is_lazy(&2));
        // Two copies from one peer are one path.
        assert!(!tree.received_duplicate(&1, Some(&1), t0));
        assert!(!tree.is_lazy(&1));
    }

    #[test]
    fn an_announced_version_is_grafted_after_the_timeout_from_each_announcer() {
        let t0 = Instant::now();
        let timeout = Duration::from_millis(50);
        let mut tree = Plumtree::new(timeout);
        tree.join(1u8, t0);
        tree.join(2u8, t0);
        tree.on_prune(&1);
        tree.on_prune(&2);
        tree.on_ihave(&1, version(b"k", 3), t0);
        tree.on_ihave(&2, version(b"k", 3), t0);
        assert!(tree.tick(t0 + timeout / 2).is_empty());
        assert_eq!(tree.next_deadline(), Some(t0 + timeout));
        assert_eq!(
            tree.tick(t0 + timeout),
            vec![Command::Graft(1, version(b"k", 3))]
        );
        assert!(!tree.is_lazy(&1));
        assert!(tree.is_lazy(&2));
        // Peer 1 did not answer: peer 2 is next.
        assert_eq!(
            tree.tick(t0 + timeout * 2),
            vec![Command::Graft(2, version(b"k", 3))]
        );
        assert!(tree.is_idle());
    }

    #[test]
    fn arrival_cancels_the_graft() {
        let t0 = Instant::now();
        let mut tree = Plumtree::new(Duration::from_millis(50));
        tree.join(1u8, t0);
        tree.join(2u8, t0);
        tree.on_ihave(&1, version(b"k", 3), t0);
        tree.stored(&version(b"k", 3));
        assert!(tree.is_idle());
        assert!(tree.tick(t0 + Duration::from_secs(1)).is_empty());
        // An older version does not satisfy a wait for a newer one.
        tree.on_ihave(&1, version(b"k", 5), t0);
        tree.stored(&version(b"k", 4));
        assert!(!tree.is_idle());
    }

    #[test]
    fn ihaves_are_batched_per_peer_newest_stamp_per_key() {
        let t0 = Instant::now();
        let mut tree = Plumtree::new(Duration::from_millis(50));
        tree.join(1u8, t0);
        tree.on_prune(&1);
        assert_eq!(tree.push(&1, &version(b"a", 1), t0), Push::Lazy);
        assert_eq!(tree.push(&1, &version(b"a", 2), t0), Push::Lazy);
        assert_eq!(tree.push(&1, &version(b"b", 1), t0), Push::Lazy);
        assert_eq!(
            tree.tick(t0),
            vec![Command::Ihave(1, vec![version(b"a", 2), version(b"b", 1)])]
        );
        assert!(tree.tick(t0).is_empty());
    }

    #[test]
    fn leaving_forgets_queues_and_grafts() {
        let t0 = Instant::now();
        let mut tree = Plumtree::new(Duration::from_millis(50));
        tree.join(1u8, t0);
        tree.on_prune(&1);
        tree.push(&1, &version(b"a", 1), t0);
        tree.on_ihave(&1, version(b"b", 1), t0);
        tree.leave(&1);
        assert!(tree.is_idle());
        assert!(!tree.contains(&1));
        assert_eq!(tree.push(&1, &version(b"a", 2), t0), Push::Flood);
        // Non-members' announcements are ignored.
        tree.on_ihave(&9, version(b"c", 1), t0);
        assert!(tree.is_idle());
    }

    #[derive(Debug, Clone)]
    enum Event {
        Join(u8),
        Leave(u8),
        Prune(u8),
        Graft(u8),
        Ihave(u8, u8, u64),
        Stored(u8, u64),
        Duplicate(u8),
        Push(u8, u8, u64),
        Tick(u16),
    }

    fn event() -> impl Strategy<Value = Event> {
        prop_oneof![
            (0u8..4).prop_map(Event::Join),
            (0u8..4).prop_map(Event::Leave),
            (0u8..4).prop_map(Event::Prune),
            (0u8..4).prop_map(Event::Graft),
            (0u8..4, 0u8..3, 0u64..4).prop_map(|(p, k, c)| Event::Ihave(p, k, c)),
            (0u8..3, 0u64..4).prop_map(|(k, c)| Event::Stored(k, c)),
            (0u8..4).prop_map(Event::Duplicate),
            (0u8..4, 0u8..3, 0u64..4).prop_map(|(p, k, c)| Event::Push(p, k, c)),
            (0u16..200).prop_map(Event::Tick),
        ]
    }

    /// Under Miri (CI runs it over this module) a case of 200 events takes
    /// minutes, so it checks a few short ones there.
    const MAX_EVENTS: usize = if cfg!(miri) { 40 } else { 200 };

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: if cfg!(miri) { 2 } else { ProptestConfig::default().cases },
            ..ProptestConfig::default()
        })]

        /// Whatever happens, commands name members only, grafted peers are
        /// eager, every pending graft fires within a bounded number of
        /// timeouts, and the state never refers to a departed peer.
        #[test]
        fn commands_go_to_members_and_grafts_end(events in prop::collection::vec(event(), 0..MAX_EVENTS)) {
            let t0 = Instant::now();
            let timeout = Duration::from_millis(50);
            let mut tree = Plumtree::new(timeout);
            let mut now = t0;
            for e in events {
                match e {
                    Event::Join(p) => tree.join(p, now),
                    Event::Leave(p) => tree.leave(&p),
                    Event::Prune(p) => tree.on_prune(&p),
                    Event::Graft(p) => tree.on_graft(&p),
                    Event::Ihave(p, k, c) => tree.on_ihave(&p, version(&[k], c), now),
                    Event::Stored(k, c) => tree.stored(&version(&[k], c)),
                    Event::Duplicate(p) => {
                        let was_eager = tree.contains(&p) && !tree.is_lazy(&p);
                        let prune = tree.received_duplicate(&p, Some(&((p + 1) % 4)), now);
                        prop_assert!(!prune || was_eager);
                        prop_assert!(!prune || tree.is_lazy(&p));
                    }
                    Event::Push(p, k, c) => {
                        let how = tree.push(&p, &version(&[k], c), now);
                        prop_assert_eq!(how == Push::Flood, !tree.contains(&p));
                    }
                    Event::Tick(ms) => {
                        now += Duration::from_millis(u64::from(ms));
                        for c in tree.tick(now) {
                            match c {
                                Command::Ihave(p, list) => {
                                    prop_assert!(tree.contains(&p));
                                    prop_assert!(!list.is_empty() && list.len() <= MAX_IHAVE);
                                }
                                Command::Graft(p, _) => {
                                    prop_assert!(tree.contains(&p));
                                    prop_assert!(!tree.is_lazy(&p));
                                }
                            }
                        }
                    }
                }
            }
            // At most 4 announcers per key: 5 timeouts empty every graft queue.
            for _ in 0..6 {
                now += timeout;
                tree.tick(now);
            }
            prop_assert!(tree.is_idle());
        }
    }
}
