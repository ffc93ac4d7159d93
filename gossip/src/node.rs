//! The logic of one gossip node, free of sockets, threads and clocks.
//!
//! A [`Node`] holds the tuple store and the per-peer protocol state of CZMQ's
//! zgossip (server sessions keyed by routing id, remotes per CONNECT). It is
//! driven by events (an application command, a message from a peer, a tick of
//! time) and answers each with [`Action`]s (send this to that peer, deliver
//! this tuple to the application). The actor glues it to a ROUTER, DEALERs and
//! a reactor; the tests drive whole simulated networks of nodes with it.
//!
//! What it does beyond CZMQ 4.2, on the same wire:
//!
//! * **Negotiated.** Everything below travels only between nodes that have
//!   both shown they speak it: our client's HELLO carries an offer (four
//!   bytes after the body, [`crate::trailer::EXTENSION_MARKER`], which
//!   CZMQ's decoder ignores), and our server answers it with a marked PONG
//!   before its snapshot. A peer that has not shown it (a CZMQ node) gets
//!   exactly CZMQ's bytes: no trailer, and a deletion as CZMQ's PUBLISH of an
//!   empty value.
//! * **Versions.** Each tuple carries a [`Stamp`] (a Lamport clock and the
//!   origin node's id) in a trailer after the PUBLISH body. CZMQ's decoder
//!   ignores trailing bytes, so CZMQ peers see plain tuples; our peers order
//!   concurrent updates by stamp (last writer wins, ties by node id), so every
//!   node of ours converges to the same value instead of ping-ponging.
//! * **No echo.** A tuple is forwarded to every peer except the one it came from.
//! * **A tree, not a flood, among our nodes.** Between extension peers a new
//!   version is pushed eagerly along a spanning tree that emerges from first
//!   receipts, and only announced (IHAVE, batched per tick) over the other
//!   links; a duplicate PRUNEs its link to lazy, a version announced but not
//!   received in [`Config::graft_timeout`] is fetched with a GRAFT that puts
//!   the link back in the tree (see [`crate::plumtree`]). About `N − 1`
//!   PUBLISHes per tuple instead of `2E − N + 1`. CZMQ peers are still
//!   flooded, in CZMQ's bytes, and never see IHAVE, PRUNE or GRAFT.
//! * **TTL honoured.** A tuple expires `ttl` ms after it was last published
//!   unless re-published. Only stamped PUBLISHes carry a trusted ttl: the ttl
//!   CZMQ servers relay is stale (another tuple's), so unstamped ttls are ignored.
//! * **Deletion.** A key can be deleted; the deletion travels as a stamped
//!   PUBLISH with an empty value and leaves a tombstone, so a stale copy coming
//!   back (from a CZMQ peer's snapshot, say) does not resurrect the tuple. A
//!   node can delete a key it never held: its blind tombstone deletes the
//!   first value for that key that reaches it, stamped above that value.
//! * **No storm feeding.** An unstamped value that flips a key back to the value
//!   it had moments ago (CZMQ nodes ping-ponging) is not accepted or forwarded.
//! * **No loss.** A PUBLISH from a session that expired is kept (CZMQ drops it),
//!   and the client is still told INVALID so that it says HELLO again.
//!
//! ```
//! use std::time::{Duration, Instant};
//! use gossip::node::{Action, Config, Node};
//! let now = Instant::now();
//! let mut node = Node::new(1, Config::default());
//! let actions = node.publish(b"k1", b"v1", Duration::ZERO, now).unwrap();
//! assert!(actions.contains(&Action::Deliver { key: b"k1".to_vec(), value: b"v1".to_vec() }));
//! assert_eq!(node.len(), 1);
//! ```

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use crate::msg::ExtensionMessage;
use crate::plumtree::{Announcement, Command, Plumtree, Push};

/// Longest key the wire can carry (a 1-byte length).
pub const MAX_KEY: usize = 255;

/// A tuple's version: a Lamport clock and the id of the node that stamped it.
/// Ordered by clock, then node id, so every node picks the same winner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    /// Lamport clock of the update.
    pub clock: u64,
    /// Id of the node that made the update.
    pub node: u64,
}

/// A peer, as the node tells them apart.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Peer {
    /// A client session on our ROUTER, by routing id.
    Session(Vec<u8>),
    /// One of our CONNECTed remotes (a DEALER), by index.
    Remote(usize),
}

/// A ZGP message as the node sees it: the wire message plus our trailer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wire {
    /// HELLO; `ext` when it carries our extension's offer (a marker after
    /// the body that CZMQ's decoder ignores).
    Hello {
        /// The sender speaks our extension.
        ext: bool,
    },
    /// PUBLISH of a tuple; an empty value with a stamp is a deletion.
    Publish {
        /// The key (at most 255 bytes).
        key: Vec<u8>,
        /// The value.
        value: Vec<u8>,
        /// Time to live in ms, 0 = forever.
        ttl: u32,
        /// Our trailer: present when the sender is a node of ours.
        stamp: Option<Stamp>,
        /// Our trailer's deletion flag.
        deleted: bool,
    },
    /// PING.
    Ping,
    /// PONG; `ext` when it carries our extension's acceptance (the server
    /// answers a HELLO that offered it with such a PONG at once).
    Pong {
        /// The sender speaks our extension.
        ext: bool,
    },
    /// INVALID.
    Invalid,
    /// IHAVE, PRUNE or GRAFT of our dissemination extension: only ever sent
    /// to, and read from, a peer that negotiated the extension.
    Extension(ExtensionMessage),
}

/// What the node asks its owner to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Send a message to a peer.
    Send(Peer, Wire),
    /// Tell the application about a new or changed tuple (`DELIVER key value`).
    Deliver {
        /// The key.
        key: Vec<u8>,
        /// The new value.
        value: Vec<u8>,
    },
    /// Tell the application a tuple is gone (deleted or expired).
    Removed {
        /// The key.
        key: Vec<u8>,
    },
}

/// Tunables; the defaults follow CZMQ where it has one.
#[derive(Debug, Clone)]
pub struct Config {
    /// Server side: a client session silent this long is forgotten
    /// (`server/timeout`, CZMQ's default 1000 ms); None disables expiry.
    pub session_timeout: Option<Duration>,
    /// Client side: PING a remote after this much silence towards it, well
    /// inside a CZMQ server's 1 s timeout.
    pub ping_interval: Duration,
    /// How long after a key changed further unstamped values for it count
    /// as conflicting with that change (see the value rule in the module
    /// docs): within it, the larger value wins and the loser's sender is
    /// corrected; after it, an unstamped value is a new update.
    pub settle: Duration,
    /// How long a deleted or expired tuple is remembered.
    pub tombstone_ttl: Duration,
    /// How new versions travel among extension peers.
    pub dissemination: Dissemination,
    /// How long a version announced by IHAVE may take to arrive eagerly
    /// before it is fetched with a GRAFT (and the link rejoins the tree).
    pub graft_timeout: Duration,
}

/// How a node passes new versions to peers that speak our extension.
///
/// ```
/// use gossip::node::{Config, Dissemination};
/// assert_eq!(Config::default().dissemination, Dissemination::EagerLazy);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dissemination {
    /// Every peer but the sender gets the PUBLISH (what CZMQ peers always get).
    Flood,
    /// Plumtree: PUBLISH along a spanning tree, IHAVE on the other links.
    EagerLazy,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            session_timeout: Some(Duration::from_millis(1000)),
            ping_interval: Duration::from_millis(300),
            // Many round trips on a LAN (a CZMQ ping-pong turns in one),
            // yet short enough that a person's next update is a new one.
            settle: Duration::from_millis(250),
            tombstone_ttl: Duration::from_secs(60),
            dissemination: Dissemination::EagerLazy,
            // Several ticks (25 ms) past a neighbour's IHAVE: a slow eager
            // copy still wins, a dead tree edge costs a fraction of a second.
            graft_timeout: Duration::from_millis(200),
        }
    }
}

#[derive(Debug, Clone)]
struct Tuple {
    value: Vec<u8>,
    stamp: Stamp,
    /// None = forever.
    expires: Option<Instant>,
    /// Tombstone: deleted or expired; `value` is the last live value.
    deleted: bool,
    /// When the tombstone may be purged.
    purge_at: Option<Instant>,
    /// The conflict this key is in, if it changed less than `settle` ago.
    contest: Option<Contest>,
    /// A tombstone for a key this node never held (`delete` of an unknown
    /// key): whatever value for the key reaches us while it stands is
    /// deleted again, with a stamp above that value's, so the deletion
    /// reaches nodes whose copy is newer than our clock knew.
    blind: bool,
    /// When this version was stored: a copy of it from a peer that joined
    /// later is a snapshot, not a second eager path.
    stored_at: Instant,
    /// Where this version first came from (None: this node): a duplicate
    /// PRUNEs its link only if this one is an eager path.
    via: Option<Peer>,
    /// It came first over a lazy link (a push that crossed our PRUNE): not
    /// pushed on to extension peers until its eager copy arrives (or a graft
    /// timeout passes), since pushing it upstream would get this node's
    /// parent to prune it and cut its subtree off the tree.
    held: bool,
}

/// A key's values in conflict: from the first change after a quiet spell,
/// for `settle`, unstamped values compete by their bytes.
#[derive(Debug, Clone)]
struct Contest {
    /// When the first change of the conflict happened.
    since: Instant,
    /// The value the key held before (None: it was new or deleted): a copy
    /// of it coming back unstamped is stale, never a contender.
    before: Option<Vec<u8>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SessionState {
    Start,
    Connected,
}

#[derive(Debug, Clone)]
struct Session {
    state: SessionState,
    expires: Option<Instant>,
    /// The client offered our extension in its HELLO: it gets stamped
    /// PUBLISHes; any other client gets CZMQ's exact bytes.
    ext: bool,
}

#[derive(Debug, Clone)]
struct Remote {
    endpoint: String,
    active: bool,
    last_sent: Instant,
    /// The server accepted our extension (a marked PONG) since our last
    /// HELLO: until then it gets CZMQ's exact bytes.
    ext: bool,
}

/// Errors of the application-facing calls.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NodeError {
    /// The key does not fit the wire's 1-byte length.
    #[error("key of {0} bytes is longer than the 255 bytes ZGP allows")]
    KeyTooLong(usize),
    /// An empty key cannot be published.
    #[error("empty key")]
    EmptyKey,
}

/// One gossip node's state.
#[derive(Debug)]
pub struct Node {
    id: u64,
    config: Config,
    clock: u64,
    tuples: BTreeMap<Vec<u8>, Tuple>,
    sessions: HashMap<Vec<u8>, Session>,
    remotes: Vec<Remote>,
    /// Eager/lazy state towards the peers that speak the extension.
    tree: Plumtree<Peer>,
}

fn ttl_deadline(ttl: u32, now: Instant) -> Option<Instant> {
    (ttl > 0).then(|| now + Duration::from_millis(u64::from(ttl)))
}

fn remaining_ttl(expires: Option<Instant>, now: Instant) -> u32 {
    match expires {
        None => 0,
        // At least 1 ms: 0 would mean "forever" on the wire.
        Some(t) => t
            .saturating_duration_since(now)
            .as_millis()
            .clamp(1, u128::from(u32::MAX)) as u32,
    }
}

impl Node {
    /// A node with the given id (unique in the cluster: a random u64 does).
    pub fn new(id: u64, config: Config) -> Node {
        Node {
            id,
            tree: Plumtree::new(config.graft_timeout),
            config,
            clock: 0,
            tuples: BTreeMap::new(),
            sessions: HashMap::new(),
            remotes: Vec::new(),
        }
    }

    /// This node's id.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Changes the session timeout (applies to every session from now on).
    pub fn set_session_timeout(&mut self, timeout: Option<Duration>) {
        self.config.session_timeout = timeout;
    }

    /// Forgets a tuple here only, as CZMQ's draft `UNPUBLISH` does
    /// (`zhashx_delete` on its own table): no tombstone, nothing sent to
    /// peers, no delivery to the application; a copy that arrives later is
    /// taken as new. Zyre's gossip hub withdraws a departed peer's tuple
    /// this way, so nodes that connect later are not sent its endpoint.
    /// True when the key was held.
    ///
    /// ```
    /// use std::time::Instant;
    /// use gossip::node::{Config, Node};
    /// let mut node = Node::new(1, Config::default());
    /// let _ = node.publish(b"k", b"v", std::time::Duration::ZERO, Instant::now());
    /// assert!(node.unpublish(b"k"));
    /// assert_eq!(node.get(b"k"), None);
    /// assert!(!node.unpublish(b"k"));
    /// ```
    pub fn unpublish(&mut self, key: &[u8]) -> bool {
        self.tuples.remove(key).is_some()
    }

    /// Number of live tuples (the `STATUS` reply).
    pub fn len(&self) -> usize {
        self.tuples.values().filter(|t| !t.deleted).count()
    }

    /// True when no live tuple is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The live tuples, sorted by key.
    pub fn tuples(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.tuples
            .iter()
            .filter(|(_, t)| !t.deleted)
            .map(|(k, t)| (k.as_slice(), t.value.as_slice()))
    }

    /// The live value of a key.
    pub fn get(&self, key: &[u8]) -> Option<&[u8]> {
        self.tuples
            .get(key)
            .filter(|t| !t.deleted)
            .map(|t| t.value.as_slice())
    }

    fn check_key(key: &[u8]) -> Result<(), NodeError> {
        if key.is_empty() {
            Err(NodeError::EmptyKey)
        } else if key.len() > MAX_KEY {
            Err(NodeError::KeyTooLong(key.len()))
        } else {
            Ok(())
        }
    }

    fn next_stamp(&mut self) -> Stamp {
        self.clock += 1;
        Stamp {
            clock: self.clock,
            node: self.id,
        }
    }

    /// The application publishes a tuple (`PUBLISH key value`, with a ttl in
    /// our API; zero means forever).
    pub fn publish(
        &mut self,
        key: &[u8],
        value: &[u8],
        ttl: Duration,
        now: Instant,
    ) -> Result<Vec<Action>, NodeError> {
        Self::check_key(key)?;
        let ttl_ms = ttl.as_millis().min(u128::from(u32::MAX)) as u32;
        let expires = ttl_deadline(ttl_ms, now);
        if let Some(t) = self.tuples.get(key) {
            // Re-publishing an unchanged, everlasting tuple changes nothing
            // anywhere: skip the traffic (CZMQ does the same).
            if !t.deleted && t.value == value && t.expires.is_none() && expires.is_none() {
                return Ok(Vec::new());
            }
        }
        let stamp = self.next_stamp();
        let mut actions = Vec::new();
        self.store(key, value, stamp, expires, false, None, now, &mut actions);
        Ok(actions)
    }

    /// The application deletes a key everywhere, held here or not. A key
    /// this node never held gets a blind tombstone: it travels to every peer
    /// now, and any value for the key that reaches us later (a peer's
    /// snapshot, say) is deleted again above that value's stamp. Returns no
    /// action when the key is already deleted here.
    ///
    /// ```
    /// use std::time::Instant;
    /// use gossip::node::{Config, Node};
    /// let mut node = Node::new(1, Config::default());
    /// // Never held, still sent on to peers (none here) as a tombstone.
    /// assert!(node.delete(b"unknown", Instant::now()).is_empty());
    /// assert_eq!(node.len(), 0);
    /// ```
    pub fn delete(&mut self, key: &[u8], now: Instant) -> Vec<Action> {
        let mut actions = Vec::new();
        let Some(t) = self.tuples.get(key) else {
            if Self::check_key(key).is_ok() {
                let stamp = self.next_stamp();
                self.tuples.insert(
                    key.to_vec(),
                    Tuple {
                        value: Vec::new(),
                        stamp,
                        expires: None,
                        deleted: true,
                        purge_at: Some(now + self.config.tombstone_ttl),
                        contest: None,
                        blind: true,
                        stored_at: now,
                        via: None,
                        held: false,
                    },
                );
                let wire = self.wire_for(key, now);
                self.forward(wire, None, true, now, &mut actions);
            }
            return actions;
        };
        if t.deleted {
            return actions;
        }
        let value = t.value.clone();
        let stamp = self.next_stamp();
        self.store(key, &value, stamp, None, true, None, now, &mut actions);
        actions
    }

    /// Stores a winning update and tells the app and the other peers.
    #[allow(clippy::too_many_arguments)]
    fn store(
        &mut self,
        key: &[u8],
        value: &[u8],
        stamp: Stamp,
        expires: Option<Instant>,
        deleted: bool,
        source: Option<&Peer>,
        now: Instant,
        actions: &mut Vec<Action>,
    ) {
        let previous = self.tuples.get(key);
        let was_live = previous.is_some_and(|t| !t.deleted);
        let changed = !was_live || previous.is_some_and(|t| t.value != value);
        // A change opens a conflict window unless one is open already.
        let live_contest = previous
            .and_then(|t| t.contest.clone())
            .filter(|c| now.saturating_duration_since(c.since) < self.config.settle);
        let contest = match live_contest {
            Some(c) => Some(c),
            None if changed => Some(Contest {
                since: now,
                before: previous.filter(|t| !t.deleted).map(|t| t.value.clone()),
            }),
            None => None,
        };
        // A tombstone remembers the last live value, so that a stale copy of it
        // coming back unstamped is recognised.
        let stored_value = match previous {
            Some(t) if deleted => t.value.clone(),
            _ => value.to_vec(),
        };
        self.tuples.insert(
            key.to_vec(),
            Tuple {
                value: stored_value,
                stamp,
                expires: if deleted { None } else { expires },
                deleted,
                purge_at: deleted.then(|| now + self.config.tombstone_ttl),
                contest,
                blind: false,
                stored_at: now,
                via: source.cloned(),
                held: false,
            },
        );
        let version = Announcement {
            key: key.to_vec(),
            stamp,
        };
        self.tree.stored(&version);
        if deleted {
            if was_live {
                actions.push(Action::Removed { key: key.to_vec() });
            }
        } else if changed {
            actions.push(Action::Deliver {
                key: key.to_vec(),
                value: value.to_vec(),
            });
        }
        let wire = self.wire_for(key, now);
        let stray = self.config.dissemination == Dissemination::EagerLazy
            && source.is_some_and(|p| self.tree.is_lazy(p));
        if stray {
            if let Some(t) = self.tuples.get_mut(key) {
                t.held = true;
            }
        }
        self.forward(wire, source, !stray, now, actions);
    }

    /// Pushes a held tuple on to the extension peers (but `source`).
    fn release(
        &mut self,
        key: &[u8],
        source: Option<&Peer>,
        now: Instant,
        actions: &mut Vec<Action>,
    ) {
        if let Some(t) = self.tuples.get_mut(key) {
            t.held = false;
        }
        let wire = self.wire_for(key, now);
        let members: Vec<Peer> = self
            .sessions
            .keys()
            .map(|id| Peer::Session(id.clone()))
            .chain((0..self.remotes.len()).map(Peer::Remote))
            .filter(|p| self.tree.contains(p) && Some(p) != source)
            .collect();
        let Wire::Publish {
            stamp: Some(stamp), ..
        } = &wire
        else {
            return;
        };
        let version = Announcement {
            key: key.to_vec(),
            stamp: *stamp,
        };
        let mut members = members;
        members.sort();
        for peer in members {
            if self.tree.push(&peer, &version, now) == Push::Eager {
                if let Peer::Remote(i) = peer {
                    self.remotes[i].last_sent = now;
                }
                actions.push(self.send_to(peer, wire.clone()));
            }
        }
    }

    /// The PUBLISH that carries a stored tuple (or its tombstone).
    fn wire_for(&self, key: &[u8], now: Instant) -> Wire {
        let t = &self.tuples[key];
        Wire::Publish {
            key: key.to_vec(),
            value: if t.deleted {
                Vec::new()
            } else {
                t.value.clone()
            },
            ttl: remaining_ttl(t.expires, now),
            stamp: Some(t.stamp),
            deleted: t.deleted,
        }
    }

    /// Whether `peer` has shown it speaks our extension (stamps, deletions,
    /// trusted ttl). Only then does it get our trailer: everyone else gets
    /// exactly the bytes CZMQ would send.
    pub fn speaks_extension(&self, peer: &Peer) -> bool {
        match peer {
            Peer::Session(id) => self.sessions.get(id).is_some_and(|s| s.ext),
            Peer::Remote(i) => self.remotes.get(*i).is_some_and(|r| r.ext),
        }
    }

    /// The action that sends `wire` to `peer`, in the form that peer reads:
    /// a PUBLISH loses our trailer for a peer that has not shown it speaks
    /// the extension.
    fn send_to(&self, peer: Peer, wire: Wire) -> Action {
        let wire = match wire {
            Wire::Publish {
                key, value, ttl, ..
            } if !self.speaks_extension(&peer) => Wire::Publish {
                key,
                value,
                ttl,
                stamp: None,
                deleted: false,
            },
            wire => wire,
        };
        Action::Send(peer, wire)
    }

    /// Sends to every connected session and active remote except `source`.
    fn forward(
        &mut self,
        wire: Wire,
        source: Option<&Peer>,
        to_members: bool,
        now: Instant,
        actions: &mut Vec<Action>,
    ) {
        let mut ids: Vec<&Vec<u8>> = self
            .sessions
            .iter()
            .filter(|(_, s)| s.state == SessionState::Connected)
            .map(|(id, _)| id)
            .collect();
        ids.sort();
        let mut targets: Vec<Peer> = ids
            .into_iter()
            .map(|id| Peer::Session(id.clone()))
            .collect();
        targets.extend(
            (0..self.remotes.len())
                .filter(|&i| self.remotes[i].active)
                .map(Peer::Remote),
        );
        let version = match &wire {
            Wire::Publish {
                key,
                stamp: Some(stamp),
                ..
            } if self.config.dissemination == Dissemination::EagerLazy => Some(Announcement {
                key: key.clone(),
                stamp: *stamp,
            }),
            _ => None,
        };
        for peer in targets {
            if Some(&peer) == source || (!to_members && self.tree.contains(&peer)) {
                continue;
            }
            if let Some(v) = &version {
                if self.tree.push(&peer, v, now) == Push::Lazy {
                    continue;
                }
            }
            if let Peer::Remote(i) = peer {
                self.remotes[i].last_sent = now;
            }
            actions.push(self.send_to(peer, wire.clone()));
        }
    }

    /// Every live tuple as PUBLISHes to one peer (a HELLO snapshot).
    fn snapshot_to(&self, peer: &Peer, now: Instant, actions: &mut Vec<Action>) {
        for (key, t) in &self.tuples {
            if !t.deleted {
                actions.push(self.send_to(peer.clone(), self.wire_for(key, now)));
            }
        }
    }

    /// A PUBLISH arrived from `source`: decide whether it wins.
    fn accept(&mut self, wire: Wire, source: Peer, now: Instant, actions: &mut Vec<Action>) {
        let Wire::Publish {
            key,
            value,
            ttl,
            stamp,
            deleted,
        } = wire
        else {
            return;
        };
        if Self::check_key(&key).is_err() {
            return;
        }
        if !deleted && self.tuples.get(&key).is_some_and(|t| t.blind) {
            // A value for a key deleted blind: delete it again, stamped
            // above it, and tell every peer, its sender included.
            if let Some(stamp) = stamp {
                self.clock = self.clock.max(stamp.clock);
            }
            let stamp = self.next_stamp();
            self.store(&key, &value, stamp, None, true, None, now, actions);
            if let Some(t) = self.tuples.get_mut(&key) {
                // Remember the value it deleted, so a stale copy coming back
                // unstamped is recognised (store keeps the blind one's empty one).
                t.value = value;
            }
            return;
        }
        match stamp {
            Some(stamp) => {
                self.clock = self.clock.max(stamp.clock);
                if let Some(t) = self.tuples.get(&key) {
                    if t.stamp >= stamp {
                        // Ours is as new or newer. If strictly newer, correct the
                        // sender so it converges without waiting for others.
                        if t.stamp > stamp {
                            actions.push(self.send_to(source, self.wire_for(&key, now)));
                        } else if t.held
                            && self.tree.contains(&source)
                            && !self.tree.is_lazy(&source)
                        {
                            // The eager copy of a stray: push it on now.
                            self.release(&key, Some(&source), now, actions);
                        } else if self.config.dissemination == Dissemination::EagerLazy
                            && self
                                .tree
                                .received_duplicate(&source, t.via.as_ref(), t.stored_at)
                        {
                            // A second eager path to us: keep the first.
                            actions.push(Action::Send(
                                source,
                                Wire::Extension(ExtensionMessage::Prune),
                            ));
                        }
                        return;
                    }
                }
                let expires = ttl_deadline(ttl, now);
                self.store(
                    &key,
                    &value,
                    stamp,
                    expires,
                    deleted,
                    Some(&source),
                    now,
                    actions,
                );
            }
            None => {
                // A CZMQ peer: no version, and its ttl may be another tuple's.
                if let Some(t) = self.tuples.get(&key) {
                    if t.value == value {
                        // An echo of what we have, or a stale copy of what we
                        // deleted: nothing new.
                        return;
                    }
                    if let Some(c) = t
                        .contest
                        .as_ref()
                        .filter(|c| now.saturating_duration_since(c.since) < self.config.settle)
                    {
                        // The value rule: within a conflict, an unstamped
                        // value wins only if its bytes are larger; the old
                        // value coming back never does. The sender of a
                        // loser is sent the winner, once per loser it sends,
                        // so a CZMQ peer ends on the same value (its echo
                        // of the winner is then a duplicate: no storm).
                        let stale = c.before.as_deref() == Some(&value[..]);
                        if stale || t.deleted || value[..] <= t.value[..] {
                            if !t.deleted {
                                let winner = self.wire_for(&key, now);
                                actions.push(self.send_to(source, winner));
                            }
                            return;
                        }
                    }
                }
                let stamp = self.next_stamp();
                self.store(
                    &key,
                    &value,
                    stamp,
                    None,
                    false,
                    Some(&source),
                    now,
                    actions,
                );
            }
        }
    }

    /// A message from a client session on our ROUTER (server side).
    pub fn on_session_message(
        &mut self,
        routing_id: &[u8],
        wire: Wire,
        now: Instant,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        let peer = Peer::Session(routing_id.to_vec());
        let expires = self.config.session_timeout.map(|t| now + t);
        let session = self.sessions.entry(routing_id.to_vec()).or_insert(Session {
            state: SessionState::Start,
            expires,
            ext: false,
        });
        session.expires = expires;
        match (session.state, wire) {
            (SessionState::Start, Wire::Hello { ext }) => {
                session.state = SessionState::Connected;
                session.ext = ext;
                if ext {
                    self.tree.join(peer.clone(), now);
                } else {
                    self.tree.leave(&peer);
                }
                if ext {
                    // Accept the offer before the snapshot, so the client
                    // knows to read (and send) stamps from here on.
                    actions.push(Action::Send(peer.clone(), Wire::Pong { ext: true }));
                }
                self.snapshot_to(&peer, now, &mut actions);
            }
            (_, Wire::Ping) => {
                let ext = session.ext;
                actions.push(Action::Send(peer, Wire::Pong { ext }));
            }
            (SessionState::Connected, publish @ Wire::Publish { .. }) => {
                self.accept(publish, peer, now, &mut actions);
            }
            (SessionState::Connected, Wire::Extension(m)) => {
                if session.ext {
                    self.on_extension(peer, m, now, &mut actions);
                }
            }
            // Before HELLO nothing of the extension is negotiated.
            (SessionState::Start, Wire::Extension(_)) => {}
            (SessionState::Start, publish @ Wire::Publish { .. }) => {
                // CZMQ drops this tuple; we keep it, and still ask the client
                // to say HELLO so that it receives what it missed.
                self.sessions.remove(routing_id);
                self.tree.leave(&peer);
                self.accept(publish, peer.clone(), now, &mut actions);
                actions.push(Action::Send(peer, Wire::Invalid));
            }
            (_, Wire::Hello { .. } | Wire::Pong { .. } | Wire::Invalid) => {
                self.sessions.remove(routing_id);
                self.tree.leave(&peer);
                actions.push(Action::Send(peer, Wire::Invalid));
            }
        }
        actions
    }

    /// A frame from a session that did not decode: answer INVALID, forget the
    /// session, keep serving everyone else.
    pub fn on_session_malformed(&mut self, routing_id: &[u8]) -> Vec<Action> {
        self.sessions.remove(routing_id);
        self.tree.leave(&Peer::Session(routing_id.to_vec()));
        vec![Action::Send(
            Peer::Session(routing_id.to_vec()),
            Wire::Invalid,
        )]
    }

    /// Number of live client sessions.
    pub fn session_count(&self) -> usize {
        self.sessions.len()
    }

    /// The application CONNECTs to a remote server whose connection is up
    /// at once (as in simulations): [`add_remote`](Node::add_remote) then
    /// [`on_remote_up`](Node::on_remote_up). Returns the remote's index and
    /// the HELLO and snapshot to send.
    pub fn connect(&mut self, endpoint: &str, now: Instant) -> (usize, Vec<Action>) {
        let index = self.add_remote(endpoint, now);
        (index, self.on_remote_up(index, now))
    }

    /// Registers a remote server that is not connected yet: nothing is sent
    /// to it until [`on_remote_up`](Node::on_remote_up) says a connection is
    /// up. The actor connects this way and greets on every completed
    /// handshake, so a HELLO never travels on a connection that the server
    /// drops during its handshake (libzmq 4.3.4 does that to a greeting,
    /// READY and first message arriving in one segment), and every new
    /// connection (a new session at the server) is greeted. Returns the
    /// remote's index, the same one for a repeated endpoint.
    pub fn add_remote(&mut self, endpoint: &str, now: Instant) -> usize {
        match self.remotes.iter().position(|r| r.endpoint == endpoint) {
            Some(i) => i,
            None => {
                self.remotes.push(Remote {
                    endpoint: endpoint.to_string(),
                    active: false,
                    last_sent: now,
                    ext: false,
                });
                self.remotes.len() - 1
            }
        }
    }

    fn greet_remote(&mut self, index: usize, now: Instant) -> Vec<Action> {
        let peer = Peer::Remote(index);
        // A new HELLO starts a new session: until the server accepts the
        // offer again, it gets CZMQ's exact bytes.
        self.remotes[index].ext = false;
        self.tree.leave(&peer);
        let mut actions = vec![Action::Send(peer.clone(), Wire::Hello { ext: true })];
        self.snapshot_to(&peer, now, &mut actions);
        self.remotes[index].last_sent = now;
        actions
    }

    /// The endpoints of the remotes, by index.
    pub fn remote_endpoints(&self) -> impl Iterator<Item = &str> {
        self.remotes.iter().map(|r| r.endpoint.as_str())
    }

    /// A connection to a remote is up (a handshake completed): a new
    /// session at the server, so say HELLO and send every tuple.
    pub fn on_remote_up(&mut self, index: usize, now: Instant) -> Vec<Action> {
        match self.remotes.get_mut(index) {
            Some(r) => {
                r.active = true;
                self.greet_remote(index, now)
            }
            None => Vec::new(),
        }
    }

    /// A remote's connection went down: send it nothing until it is back.
    pub fn on_remote_down(&mut self, index: usize) {
        if let Some(r) = self.remotes.get_mut(index) {
            r.active = false;
            self.tree.leave(&Peer::Remote(index));
        }
    }

    /// A message from a remote server (client side).
    pub fn on_remote_message(&mut self, index: usize, wire: Wire, now: Instant) -> Vec<Action> {
        let mut actions = Vec::new();
        if index >= self.remotes.len() {
            return actions;
        }
        match wire {
            publish @ Wire::Publish { .. } => {
                self.accept(publish, Peer::Remote(index), now, &mut actions)
            }
            // The server forgot us (or we broke protocol): say HELLO again and
            // re-publish, since CZMQ's server dropped what triggered INVALID.
            Wire::Invalid => actions = self.greet_remote(index, now),
            Wire::Pong { ext } => {
                let peer = Peer::Remote(index);
                if ext && !self.remotes[index].ext {
                    self.tree.join(peer, now);
                } else if !ext {
                    self.tree.leave(&peer);
                }
                self.remotes[index].ext = ext;
            }
            Wire::Extension(m) => {
                if self.remotes[index].ext {
                    self.on_extension(Peer::Remote(index), m, now, &mut actions);
                }
            }
            Wire::Hello { .. } | Wire::Ping => {}
        }
        actions
    }

    /// Time passes: expire tuples, tombstones and sessions; PING quiet remotes.
    pub fn tick(&mut self, now: Instant) -> Vec<Action> {
        let mut actions = Vec::new();
        let expired: Vec<Vec<u8>> = self
            .tuples
            .iter()
            .filter(|(_, t)| !t.deleted && t.expires.is_some_and(|e| e <= now))
            .map(|(k, _)| k.clone())
            .collect();
        for key in expired {
            // Every node expires the tuple on its own clock; the tombstone keeps
            // the stamp so the same version arriving late cannot revive it.
            if let Some(t) = self.tuples.get_mut(&key) {
                t.deleted = true;
                t.expires = None;
                t.purge_at = Some(now + self.config.tombstone_ttl);
            }
            actions.push(Action::Removed { key });
        }
        self.tuples
            .retain(|_, t| !(t.deleted && t.purge_at.is_some_and(|p| p <= now)));
        let expired: Vec<Vec<u8>> = self
            .sessions
            .iter()
            .filter(|(_, s)| s.expires.is_some_and(|e| e <= now))
            .map(|(id, _)| id.clone())
            .collect();
        for id in expired {
            self.sessions.remove(&id);
            self.tree.leave(&Peer::Session(id));
        }
        let overdue: Vec<(Vec<u8>, Option<Peer>)> = self
            .tuples
            .iter()
            .filter(|(_, t)| t.held && t.stored_at + self.config.graft_timeout <= now)
            .map(|(k, t)| (k.clone(), t.via.clone()))
            .collect();
        for (key, via) in overdue {
            // No eager copy came: push the stray on after all.
            self.release(&key, via.as_ref(), now, &mut actions);
        }
        for command in self.tree.tick(now) {
            let (peer, m) = match command {
                Command::Ihave(peer, list) => (peer, ExtensionMessage::Ihave(list)),
                Command::Graft(peer, version) => (peer, ExtensionMessage::Graft(version)),
            };
            if let Peer::Remote(i) = peer {
                self.remotes[i].last_sent = now;
            }
            actions.push(Action::Send(peer, Wire::Extension(m)));
        }
        let ping = self.config.ping_interval;
        for (i, r) in self.remotes.iter_mut().enumerate() {
            if r.active && now.saturating_duration_since(r.last_sent) >= ping {
                r.last_sent = now;
                actions.push(Action::Send(Peer::Remote(i), Wire::Ping));
            }
        }
        actions
    }

    /// When [`Node::tick`] next has something to do.
    pub fn next_deadline(&self) -> Option<Instant> {
        let tuples =
            self.tuples
                .values()
                .filter_map(|t| if t.deleted { t.purge_at } else { t.expires });
        let sessions = self.sessions.values().filter_map(|s| s.expires);
        let pings = self
            .remotes
            .iter()
            .filter(|r| r.active)
            .map(|r| r.last_sent + self.config.ping_interval);
        let held = self
            .tuples
            .values()
            .filter(|t| t.held)
            .map(|t| t.stored_at + self.config.graft_timeout);
        let tree = self.tree.next_deadline().into_iter().chain(held);
        tuples.chain(sessions).chain(pings).chain(tree).min()
    }

    /// True when the dissemination has nothing in hand: no IHAVE queued and
    /// no GRAFT pending (a simulation's sign that a tuple's spread is over).
    ///
    /// ```
    /// use gossip::node::{Config, Node};
    /// assert!(Node::new(1, Config::default()).dissemination_idle());
    /// ```
    pub fn dissemination_idle(&self) -> bool {
        self.tree.is_idle() && self.tuples.values().all(|t| !t.held)
    }

    /// The extension peers this node pushes new versions to eagerly (its
    /// edges of the dissemination tree).
    ///
    /// ```
    /// use gossip::node::{Config, Node};
    /// assert_eq!(Node::new(1, Config::default()).eager_peers().count(), 0);
    /// ```
    pub fn eager_peers(&self) -> impl Iterator<Item = &Peer> {
        self.tree.eager()
    }

    /// An IHAVE, PRUNE or GRAFT from an extension peer.
    fn on_extension(
        &mut self,
        peer: Peer,
        m: ExtensionMessage,
        now: Instant,
        actions: &mut Vec<Action>,
    ) {
        match m {
            ExtensionMessage::Prune => self.tree.on_prune(&peer),
            ExtensionMessage::Ihave(list) => {
                for version in list {
                    let lacking = self
                        .tuples
                        .get(&version.key)
                        .is_none_or(|t| t.stamp < version.stamp);
                    if lacking && Self::check_key(&version.key).is_ok() {
                        self.tree.on_ihave(&peer, version, now);
                    }
                }
            }
            ExtensionMessage::Graft(version) => {
                self.tree.on_graft(&peer);
                if self
                    .tuples
                    .get(&version.key)
                    .is_some_and(|t| t.stamp >= version.stamp)
                {
                    if let Peer::Remote(i) = peer {
                        self.remotes[i].last_sent = now;
                    }
                    actions.push(self.send_to(peer, self.wire_for(&version.key, now)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn publish(key: &[u8], value: &[u8], ttl: u32, stamp: Option<Stamp>) -> Wire {
        Wire::Publish {
            key: key.to_vec(),
            value: value.to_vec(),
            ttl,
            stamp,
            deleted: false,
        }
    }

    fn delivers(actions: &[Action]) -> Vec<(Vec<u8>, Vec<u8>)> {
        actions
            .iter()
            .filter_map(|a| match a {
                Action::Deliver { key, value } => Some((key.clone(), value.clone())),
                _ => None,
            })
            .collect()
    }

    fn connected_session(node: &mut Node, id: &[u8], now: Instant) {
        // One of our nodes: it offers the extension, and gets our PONG.
        node.on_session_message(id, Wire::Hello { ext: true }, now);
    }

    #[test]
    fn keys_longer_than_255_bytes_are_refused() {
        let mut node = Node::new(1, Config::default());
        let now = Instant::now();
        assert_eq!(
            node.publish(&[b'k'; 256], b"v", Duration::ZERO, now),
            Err(NodeError::KeyTooLong(256))
        );
        assert!(node
            .publish(&[b'k'; 255], b"v", Duration::ZERO, now)
            .is_ok());
        assert_eq!(
            node.publish(b"", b"v", Duration::ZERO, now),
            Err(NodeError::EmptyKey)
        );
    }

    #[test]
    fn ttl_expires_unless_republished() {
        let mut node = Node::new(1, Config::default());
        let t0 = Instant::now();
        node.publish(b"k", b"v", Duration::from_millis(100), t0)
            .unwrap();
        assert!(node.tick(t0 + Duration::from_millis(60)).is_empty());
        // Re-publishing the same value refreshes the ttl without a DELIVER.
        let again = node
            .publish(
                b"k",
                b"v",
                Duration::from_millis(100),
                t0 + Duration::from_millis(60),
            )
            .unwrap();
        assert!(delivers(&again).is_empty());
        assert!(node.tick(t0 + Duration::from_millis(120)).is_empty());
        assert_eq!(node.get(b"k"), Some(&b"v"[..]));
        let gone = node.tick(t0 + Duration::from_millis(161));
        assert_eq!(gone, vec![Action::Removed { key: b"k".to_vec() }]);
        assert_eq!(node.len(), 0);
    }

    #[test]
    fn unstamped_ttl_is_ignored() {
        // CZMQ servers relay another tuple's ttl: it must not expire ours.
        let mut node = Node::new(1, Config::default());
        let t0 = Instant::now();
        let (r, _) = node.connect("tcp://czmq", t0);
        node.on_remote_message(r, publish(b"k", b"v", 5, None), t0);
        node.tick(t0 + Duration::from_secs(10));
        assert_eq!(node.get(b"k"), Some(&b"v"[..]));
    }

    #[test]
    fn stamped_ttl_is_honoured() {
        let mut node = Node::new(1, Config::default());
        let t0 = Instant::now();
        let (r, _) = node.connect("tcp://ours", t0);
        let stamp = Some(Stamp { clock: 1, node: 9 });
        node.on_remote_message(r, publish(b"k", b"v", 50, stamp), t0);
        assert_eq!(node.get(b"k"), Some(&b"v"[..]));
        node.tick(t0 + Duration::from_millis(51));
        assert_eq!(node.get(b"k"), None);
    }

    #[test]
    fn a_deleted_tuple_is_not_resurrected_by_a_stale_copy() {
        let mut node = Node::new(1, Config::default());
        let t0 = Instant::now();
        let (r, _) = node.connect("tcp://ours", t0);
        // The server accepted our extension: deletions reach it stamped.
        node.on_remote_message(r, Wire::Pong { ext: true }, t0);
        node.publish(b"k", b"v", Duration::ZERO, t0).unwrap();
        let removed = node.delete(b"k", t0);
        assert!(removed.contains(&Action::Removed { key: b"k".to_vec() }));
        // The deletion goes out as a stamped empty PUBLISH.
        assert!(removed.iter().any(|a| matches!(a,
            Action::Send(Peer::Remote(0), Wire::Publish { value, deleted: true, .. }) if value.is_empty())));
        let back = node.on_remote_message(
            r,
            publish(b"k", b"v", 0, None),
            t0 + Duration::from_millis(5),
        );
        assert!(back.is_empty());
        assert_eq!(node.get(b"k"), None);
        // A stale stamped copy gets corrected instead.
        let stale = node.on_remote_message(
            r,
            publish(b"k", b"v", 0, Some(Stamp { clock: 1, node: 1 })),
            t0,
        );
        assert!(matches!(
            &stale[..],
            [Action::Send(
                Peer::Remote(0),
                Wire::Publish { deleted: true, .. }
            )]
        ));
    }

    #[test]
    fn unstamped_flip_backs_do_not_feed_a_storm() {
        let mut node = Node::new(1, Config::default());
        let t0 = Instant::now();
        let (r, _) = node.connect("tcp://czmq", t0);
        let a = node.on_remote_message(r, publish(b"k", b"v1", 0, None), t0);
        assert_eq!(delivers(&a).len(), 1);
        let b = node.on_remote_message(
            r,
            publish(b"k", b"v2", 0, None),
            t0 + Duration::from_millis(1),
        );
        assert_eq!(delivers(&b).len(), 1);
        // v1 again right away: the ping-pong of two CZMQ nodes. Not accepted
        // (v2 > v1); the sender is told the winner instead.
        let c = node.on_remote_message(
            r,
            publish(b"k", b"v1", 0, None),
            t0 + Duration::from_millis(2),
        );
        assert!(delivers(&c).is_empty());
        assert!(matches!(&c[..],
            [Action::Send(Peer::Remote(0), Wire::Publish { value, .. })] if value == b"v2"));
        // A larger contender within the window wins.
        let e = node.on_remote_message(
            r,
            publish(b"k", b"v3", 0, None),
            t0 + Duration::from_millis(3),
        );
        assert_eq!(delivers(&e).len(), 1);
        // A smaller contender coming back still loses.
        let stale = node.on_remote_message(
            r,
            publish(b"k", b"v1", 0, None),
            t0 + Duration::from_millis(4),
        );
        assert!(delivers(&stale).is_empty());
        assert_eq!(node.get(b"k"), Some(&b"v3"[..]));
        // After things settled, a real change back is accepted.
        let d = node.on_remote_message(
            r,
            publish(b"k", b"v1", 0, None),
            t0 + Duration::from_secs(3),
        );
        assert_eq!(delivers(&d).len(), 1);
    }

    #[test]
    fn server_session_protocol() {
        let mut node = Node::new(1, Config::default());
        let t0 = Instant::now();
        node.publish(b"a", b"1", Duration::ZERO, t0).unwrap();
        // PING before HELLO: PONG.
        assert_eq!(
            node.on_session_message(b"c1", Wire::Ping, t0),
            vec![Action::Send(
                Peer::Session(b"c1".to_vec()),
                Wire::Pong { ext: false }
            )]
        );
        // HELLO (a CZMQ client's, no offer): the snapshot, in CZMQ's bytes.
        let hello = node.on_session_message(b"c1", Wire::Hello { ext: false }, t0);
        assert!(matches!(&hello[..],
            [Action::Send(_, Wire::Publish { key, stamp: None, deleted: false, .. })] if key == b"a"));
        // HELLO again: out of order, INVALID and the session is forgotten.
        let again = node.on_session_message(b"c1", Wire::Hello { ext: false }, t0);
        assert_eq!(
            again,
            vec![Action::Send(Peer::Session(b"c1".to_vec()), Wire::Invalid)]
        );
        assert_eq!(node.session_count(), 0);
        // PUBLISH without HELLO: INVALID, but the tuple is kept (CZMQ loses it).
        let early = node.on_session_message(b"c2", publish(b"b", b"2", 0, None), t0);
        assert!(early.contains(&Action::Send(Peer::Session(b"c2".to_vec()), Wire::Invalid)));
        assert_eq!(node.get(b"b"), Some(&b"2"[..]));
        // A malformed frame: INVALID, the node goes on.
        assert_eq!(
            node.on_session_malformed(b"c3"),
            vec![Action::Send(Peer::Session(b"c3".to_vec()), Wire::Invalid)]
        );
    }

    #[test]
    fn silent_sessions_expire() {
        let mut node = Node::new(1, Config::default());
        let t0 = Instant::now();
        connected_session(&mut node, b"c", t0);
        node.tick(t0 + Duration::from_millis(900));
        assert_eq!(node.session_count(), 1);
        node.on_session_message(b"c", Wire::Ping, t0 + Duration::from_millis(900));
        node.tick(t0 + Duration::from_millis(1800));
        assert_eq!(node.session_count(), 1);
        node.tick(t0 + Duration::from_millis(1901));
        assert_eq!(node.session_count(), 0);
    }

    #[test]
    fn client_pings_quiet_remotes_and_resyncs_after_invalid() {
        let mut node = Node::new(1, Config::default());
        let t0 = Instant::now();
        node.publish(b"k", b"v", Duration::ZERO, t0).unwrap();
        let (r, greet) = node.connect("tcp://server", t0);
        assert_eq!(
            greet[0],
            Action::Send(Peer::Remote(r), Wire::Hello { ext: true })
        );
        assert_eq!(greet.len(), 2);
        assert!(node.tick(t0 + Duration::from_millis(100)).is_empty());
        assert_eq!(
            node.tick(t0 + Duration::from_millis(300)),
            vec![Action::Send(Peer::Remote(r), Wire::Ping)]
        );
        assert!(node.next_deadline().unwrap() <= t0 + Duration::from_millis(600));
        // INVALID: HELLO and every tuple again.
        let resync = node.on_remote_message(r, Wire::Invalid, t0 + Duration::from_millis(400));
        assert_eq!(resync.len(), 2);
        assert_eq!(
            resync[0],
            Action::Send(Peer::Remote(r), Wire::Hello { ext: true })
        );
        // Down, then up: resync; while down nothing is sent to it.
        node.on_remote_down(r);
        let quiet = node.publish(b"k2", b"v2", Duration::ZERO, t0).unwrap();
        assert!(!quiet
            .iter()
            .any(|a| matches!(a, Action::Send(Peer::Remote(_), _))));
        let up = node.on_remote_up(r, t0 + Duration::from_millis(500));
        assert_eq!(up.len(), 3);
    }

    #[test]
    fn stamps_go_only_to_peers_that_accepted_the_extension() {
        let mut node = Node::new(1, Config::default());
        let t0 = Instant::now();
        let (r, greet) = node.connect("tcp://server", t0);
        assert_eq!(
            greet[0],
            Action::Send(Peer::Remote(r), Wire::Hello { ext: true })
        );
        // Not accepted yet (a CZMQ server never will): CZMQ's exact PUBLISH.
        let plain = node.publish(b"k", b"v", Duration::ZERO, t0).unwrap();
        assert!(plain.iter().any(|a| matches!(
            a,
            Action::Send(
                Peer::Remote(0),
                Wire::Publish {
                    stamp: None,
                    deleted: false,
                    ..
                }
            )
        )));
        // A deletion to such a peer is CZMQ's PUBLISH of an empty value.
        let gone = node.delete(b"k", t0);
        assert!(gone.iter().any(|a| matches!(a,
            Action::Send(Peer::Remote(0), Wire::Publish { value, stamp: None, deleted: false, .. })
                if value.is_empty())));
        // Accepted: stamps from now on.
        node.on_remote_message(r, Wire::Pong { ext: true }, t0);
        let stamped = node.publish(b"k2", b"v", Duration::ZERO, t0).unwrap();
        assert!(stamped.iter().any(|a| matches!(
            a,
            Action::Send(Peer::Remote(0), Wire::Publish { stamp: Some(_), .. })
        )));
        // A new HELLO (after INVALID) starts over: plain until accepted again.
        node.on_remote_message(r, Wire::Invalid, t0);
        let again = node.publish(b"k3", b"v", Duration::ZERO, t0).unwrap();
        assert!(again.iter().any(|a| matches!(
            a,
            Action::Send(Peer::Remote(0), Wire::Publish { stamp: None, .. })
        )));
    }

    fn extension_sends(actions: &[Action]) -> Vec<(Peer, ExtensionMessage)> {
        actions
            .iter()
            .filter_map(|a| match a {
                Action::Send(p, Wire::Extension(m)) => Some((p.clone(), m.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn eager_lazy_push_never_sends_its_messages_to_a_czmq_peer() {
        let mut node = Node::new(1, Config::default());
        let t0 = Instant::now();
        connected_session(&mut node, b"ours-a", t0);
        connected_session(&mut node, b"ours-b", t0);
        node.on_session_message(b"czmq", Wire::Hello { ext: false }, t0);
        let t1 = t0 + Duration::from_millis(1);
        let stamp = Some(Stamp { clock: 5, node: 9 });
        node.on_session_message(b"ours-a", publish(b"k", b"v", 0, stamp), t1);
        // The same version again, from each: a second eager path from
        // ours-b is PRUNEd; the CZMQ peer's copy is no path at all.
        let dup = node.on_session_message(b"ours-b", publish(b"k", b"v", 0, stamp), t1);
        assert_eq!(
            extension_sends(&dup),
            vec![(Peer::Session(b"ours-b".to_vec()), ExtensionMessage::Prune)]
        );
        let czmq = node.on_session_message(b"czmq", publish(b"k", b"v", 0, None), t1);
        assert!(extension_sends(&czmq).is_empty());
        // The next version: PUBLISH to ours-a (eager) and to the CZMQ peer
        // (flooded, no trailer); ours-b (lazy) gets an IHAVE at the tick.
        let next = node.publish(b"k", b"v2", Duration::ZERO, t1).unwrap();
        let publishes: Vec<&Peer> = next
            .iter()
            .filter_map(|a| match a {
                Action::Send(p, Wire::Publish { .. }) => Some(p),
                _ => None,
            })
            .collect();
        assert_eq!(
            publishes,
            vec![
                &Peer::Session(b"czmq".to_vec()),
                &Peer::Session(b"ours-a".to_vec())
            ]
        );
        let tick = node.tick(t1);
        let sent = extension_sends(&tick);
        assert_eq!(sent.len(), 1);
        assert!(matches!(&sent[0],
            (Peer::Session(id), ExtensionMessage::Ihave(list)) if id == b"ours-b" && list.len() == 1));
        // A GRAFT from ours-b: it is eager again and gets the tuple.
        let version = Announcement {
            key: b"k".to_vec(),
            stamp: node.tuples[&b"k"[..]].stamp,
        };
        let graft = node.on_session_message(
            b"ours-b",
            Wire::Extension(ExtensionMessage::Graft(version)),
            t1,
        );
        assert!(matches!(&graft[..],
            [Action::Send(Peer::Session(id), Wire::Publish { value, stamp: Some(_), .. })]
                if id == b"ours-b" && value == b"v2"));
        // Extension messages from a peer that did not negotiate: ignored.
        let rogue = node.on_session_message(b"czmq", Wire::Extension(ExtensionMessage::Prune), t1);
        assert!(rogue.is_empty());
    }

    #[test]
    fn a_stray_push_over_a_lazy_link_waits_for_its_eager_copy() {
        let mut node = Node::new(1, Config::default());
        let t0 = Instant::now();
        for id in [&b"a"[..], b"b", b"c"] {
            connected_session(&mut node, id, t0);
        }
        node.on_session_message(b"b", Wire::Extension(ExtensionMessage::Prune), t0);
        let t1 = t0 + Duration::from_millis(1);
        let stamp = Some(Stamp { clock: 5, node: 9 });
        // From lazy b first: delivered, but not pushed on to c yet (were c
        // our parent, it would prune us for it).
        let stray = node.on_session_message(b"b", publish(b"k", b"v", 0, stamp), t1);
        assert_eq!(delivers(&stray).len(), 1);
        assert!(!stray
            .iter()
            .any(|a| matches!(a, Action::Send(_, Wire::Publish { .. }))));
        assert!(!node.dissemination_idle());
        // The eager copy from a: pushed on to c now, and a is not pruned.
        let eager = node.on_session_message(b"a", publish(b"k", b"v", 0, stamp), t1);
        assert!(matches!(&eager[..],
            [Action::Send(Peer::Session(id), Wire::Publish { .. })] if id == b"c"));
        // b (lazy) hears of it at the tick.
        let tick = node.tick(t1);
        assert!(matches!(&extension_sends(&tick)[..],
            [(Peer::Session(id), ExtensionMessage::Ihave(_))] if id == b"b"));
        assert!(node.dissemination_idle());
    }

    #[test]
    fn an_announced_version_that_does_not_arrive_is_grafted() {
        let mut node = Node::new(1, Config::default());
        let t0 = Instant::now();
        let (r, _) = node.connect("tcp://ours", t0);
        node.on_remote_message(r, Wire::Pong { ext: true }, t0);
        let version = Announcement {
            key: b"k".to_vec(),
            stamp: Stamp { clock: 3, node: 9 },
        };
        let ihave = Wire::Extension(ExtensionMessage::Ihave(vec![version.clone()]));
        node.on_remote_message(r, ihave, t0);
        assert!(extension_sends(&node.tick(t0 + Duration::from_millis(100))).is_empty());
        let due = t0 + node.config().graft_timeout;
        assert!(node.next_deadline().is_some_and(|d| d <= due));
        assert_eq!(
            extension_sends(&node.tick(due)),
            vec![(Peer::Remote(r), ExtensionMessage::Graft(version))]
        );
    }

    #[test]
    fn a_server_accepts_the_offer_before_its_snapshot() {
        let mut node = Node::new(1, Config::default());
        let t0 = Instant::now();
        node.publish(b"a", b"1", Duration::ZERO, t0).unwrap();
        let hello = node.on_session_message(b"ours", Wire::Hello { ext: true }, t0);
        assert_eq!(
            hello[0],
            Action::Send(Peer::Session(b"ours".to_vec()), Wire::Pong { ext: true })
        );
        assert!(matches!(
            &hello[1..],
            [Action::Send(_, Wire::Publish { stamp: Some(_), .. })]
        ));
        assert!(node.speaks_extension(&Peer::Session(b"ours".to_vec())));
        // Its PINGs are answered with the marked PONG; a CZMQ client's are not.
        assert_eq!(
            node.on_session_message(b"ours", Wire::Ping, t0),
            vec![Action::Send(
                Peer::Session(b"ours".to_vec()),
                Wire::Pong { ext: true }
            )]
        );
        node.on_session_message(b"czmq", Wire::Hello { ext: false }, t0);
        assert!(!node.speaks_extension(&Peer::Session(b"czmq".to_vec())));
    }
}
