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
//! * **Versions.** Each tuple carries a [`Stamp`] (a Lamport clock and the
//!   origin node's id) in a trailer after the PUBLISH body. CZMQ's decoder
//!   ignores trailing bytes, so CZMQ peers see plain tuples; our peers order
//!   concurrent updates by stamp (last writer wins, ties by node id), so every
//!   node of ours converges to the same value instead of ping-ponging.
//! * **No echo.** A tuple is forwarded to every peer except the one it came from.
//! * **TTL honoured.** A tuple expires `ttl` ms after it was last published
//!   unless re-published. Only stamped PUBLISHes carry a trusted ttl: the ttl
//!   CZMQ servers relay is stale (another tuple's), so unstamped ttls are ignored.
//! * **Deletion.** A key can be deleted; the deletion travels as a stamped
//!   PUBLISH with an empty value and leaves a tombstone, so a stale copy coming
//!   back (from a CZMQ peer's snapshot, say) does not resurrect the tuple.
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
    /// HELLO.
    Hello,
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
    /// PONG.
    Pong,
    /// INVALID.
    Invalid,
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
    /// An unstamped update that restores a value replaced less than this long
    /// ago is taken for a ping-pong between CZMQ nodes and not accepted.
    pub settle: Duration,
    /// How long a deleted or expired tuple is remembered.
    pub tombstone_ttl: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            session_timeout: Some(Duration::from_millis(1000)),
            ping_interval: Duration::from_millis(300),
            settle: Duration::from_millis(2000),
            tombstone_ttl: Duration::from_secs(60),
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
    /// The value this one replaced, and when (storm damping for unstamped updates).
    replaced: Option<(Vec<u8>, Instant)>,
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
}

#[derive(Debug, Clone)]
struct Remote {
    endpoint: String,
    active: bool,
    last_sent: Instant,
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

    /// The application deletes a key everywhere. Returns no action when the
    /// key is not live here.
    pub fn delete(&mut self, key: &[u8], now: Instant) -> Vec<Action> {
        let mut actions = Vec::new();
        let Some(t) = self.tuples.get(key) else {
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
        let replaced = previous
            .filter(|t| t.value != value)
            .map(|t| (t.value.clone(), now))
            .or_else(|| previous.and_then(|t| t.replaced.clone()));
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
                replaced,
            },
        );
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
        self.forward(wire, source, now, actions);
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

    /// Sends to every connected session and active remote except `source`.
    fn forward(
        &mut self,
        wire: Wire,
        source: Option<&Peer>,
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
        for id in ids {
            let peer = Peer::Session(id.clone());
            if Some(&peer) != source {
                actions.push(Action::Send(peer, wire.clone()));
            }
        }
        for (i, r) in self.remotes.iter_mut().enumerate() {
            let peer = Peer::Remote(i);
            if r.active && Some(&peer) != source {
                r.last_sent = now;
                actions.push(Action::Send(peer, wire.clone()));
            }
        }
    }

    /// Every live tuple as PUBLISHes to one peer (a HELLO snapshot).
    fn snapshot_to(&self, peer: &Peer, now: Instant, actions: &mut Vec<Action>) {
        for (key, t) in &self.tuples {
            if !t.deleted {
                actions.push(Action::Send(peer.clone(), self.wire_for(key, now)));
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
        match stamp {
            Some(stamp) => {
                self.clock = self.clock.max(stamp.clock);
                if let Some(t) = self.tuples.get(&key) {
                    if t.stamp >= stamp {
                        // Ours is as new or newer. If strictly newer, correct the
                        // sender so it converges without waiting for others.
                        if t.stamp > stamp {
                            actions.push(Action::Send(source, self.wire_for(&key, now)));
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
                    let flip_back = t.replaced.as_ref().is_some_and(|(old, when)| {
                        *old == value && now.saturating_duration_since(*when) < self.config.settle
                    });
                    if flip_back {
                        return;
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
        });
        session.expires = expires;
        match (session.state, wire) {
            (SessionState::Start, Wire::Hello) => {
                session.state = SessionState::Connected;
                self.snapshot_to(&peer, now, &mut actions);
            }
            (_, Wire::Ping) => actions.push(Action::Send(peer, Wire::Pong)),
            (SessionState::Connected, publish @ Wire::Publish { .. }) => {
                self.accept(publish, peer, now, &mut actions);
            }
            (SessionState::Start, publish @ Wire::Publish { .. }) => {
                // CZMQ drops this tuple; we keep it, and still ask the client
                // to say HELLO so that it receives what it missed.
                self.sessions.remove(routing_id);
                self.accept(publish, peer.clone(), now, &mut actions);
                actions.push(Action::Send(peer, Wire::Invalid));
            }
            (_, Wire::Hello | Wire::Pong | Wire::Invalid) => {
                self.sessions.remove(routing_id);
                actions.push(Action::Send(peer, Wire::Invalid));
            }
        }
        actions
    }

    /// A frame from a session that did not decode: answer INVALID, forget the
    /// session, keep serving everyone else.
    pub fn on_session_malformed(&mut self, routing_id: &[u8]) -> Vec<Action> {
        self.sessions.remove(routing_id);
        vec![Action::Send(
            Peer::Session(routing_id.to_vec()),
            Wire::Invalid,
        )]
    }

    /// Number of live client sessions.
    pub fn session_count(&self) -> usize {
        self.sessions.len()
    }

    /// The application CONNECTs to a remote server: HELLO and every tuple go
    /// out (queued by libzmq until the connection exists). Returns the remote's
    /// index (the same one for a repeated endpoint) and the actions.
    pub fn connect(&mut self, endpoint: &str, now: Instant) -> (usize, Vec<Action>) {
        let index = match self.remotes.iter().position(|r| r.endpoint == endpoint) {
            Some(i) => i,
            None => {
                self.remotes.push(Remote {
                    endpoint: endpoint.to_string(),
                    active: true,
                    last_sent: now,
                });
                self.remotes.len() - 1
            }
        };
        self.remotes[index].active = true;
        (index, self.greet_remote(index, now))
    }

    fn greet_remote(&mut self, index: usize, now: Instant) -> Vec<Action> {
        let peer = Peer::Remote(index);
        let mut actions = vec![Action::Send(peer.clone(), Wire::Hello)];
        self.snapshot_to(&peer, now, &mut actions);
        self.remotes[index].last_sent = now;
        actions
    }

    /// The endpoints of the remotes, by index.
    pub fn remote_endpoints(&self) -> impl Iterator<Item = &str> {
        self.remotes.iter().map(|r| r.endpoint.as_str())
    }

    /// A remote's connection came (back) up: say HELLO and resync if it was down.
    pub fn on_remote_up(&mut self, index: usize, now: Instant) -> Vec<Action> {
        match self.remotes.get_mut(index) {
            Some(r) if !r.active => {
                r.active = true;
                self.greet_remote(index, now)
            }
            _ => Vec::new(),
        }
    }

    /// A remote's connection went down: send it nothing until it is back.
    pub fn on_remote_down(&mut self, index: usize) {
        if let Some(r) = self.remotes.get_mut(index) {
            r.active = false;
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
            Wire::Hello | Wire::Ping | Wire::Pong => {}
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
        self.sessions
            .retain(|_, s| s.expires.is_none_or(|e| e > now));
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
        tuples.chain(sessions).chain(pings).min()
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
        node.on_session_message(id, Wire::Hello, now);
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
        let (r, _) = node.connect("tcp://czmq", t0);
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
        // v1 again right away: the ping-pong of two CZMQ nodes. Not accepted.
        let c = node.on_remote_message(
            r,
            publish(b"k", b"v1", 0, None),
            t0 + Duration::from_millis(2),
        );
        assert!(c.is_empty());
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
            vec![Action::Send(Peer::Session(b"c1".to_vec()), Wire::Pong)]
        );
        // HELLO: the snapshot.
        let hello = node.on_session_message(b"c1", Wire::Hello, t0);
        assert!(matches!(&hello[..], [Action::Send(_, Wire::Publish { key, .. })] if key == b"a"));
        // HELLO again: out of order, INVALID and the session is forgotten.
        let again = node.on_session_message(b"c1", Wire::Hello, t0);
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
        assert_eq!(greet[0], Action::Send(Peer::Remote(r), Wire::Hello));
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
        assert_eq!(resync[0], Action::Send(Peer::Remote(r), Wire::Hello));
        // Down, then up: resync; while down nothing is sent to it.
        node.on_remote_down(r);
        let quiet = node.publish(b"k2", b"v2", Duration::ZERO, t0).unwrap();
        assert!(!quiet
            .iter()
            .any(|a| matches!(a, Action::Send(Peer::Remote(_), _))));
        let up = node.on_remote_up(r, t0 + Duration::from_millis(500));
        assert_eq!(up.len(), 3);
    }
}
