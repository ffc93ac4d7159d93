//! The zgossip actor: a [`Node`] driven by a czmq [`Loop`] on its own thread,
//! speaking CZMQ's pipe commands and ZGP on the network.
//!
//! Pipe commands, as CZMQ 4.2's zgossip: `BIND endpoint`, `PORT` (replies
//! `PORT n`), `LOAD file`, `SET path value`, `SAVE file`, `CONNECT endpoint`,
//! `PUBLISH key value`, `STATUS` (replies `STATUS n`), `VERBOSE`, `$TERM`.
//! Ours in addition: `PUBLISH key value ttl-ms`, `DELETE key`, `TUPLES`
//! (replies `TUPLES n k1 v1 ... kn vn`), `DISCOVER beacon-port [interval-ms
//! [timeout-ms]]` and `PEERS` (replies `PEERS n`), see [`crate::discovery`];
//! `STATS` (replies `STATS sent received`: ZGP messages this node has sent
//! and received on the network since it started). An unknown or malformed command is
//! answered `ERROR reason` instead of silence. CZMQ's DRAFT security commands
//! (`SET PUBLICKEY`, `SET SECRETKEY`, `ZAP DOMAIN`, `CONNECT endpoint
//! server-key`) are described in [`crate::security`].
//!
//! The actor sends `DELIVER key value` for every new or changed tuple, and
//! `REMOVE key` when one is deleted or expires. If the application stops
//! reading, deliveries queue per key (a newer value replaces an unsent older
//! one) and the network side keeps serving.
//!
//! ```
//! use gossip::Gossip;
//! let server = Gossip::new("doc-server")?;
//! let port = server.bind("tcp://127.0.0.1:*")?;
//! let client = Gossip::new("doc-client")?;
//! client.connect(&format!("tcp://127.0.0.1:{port}"))?;
//! client.publish("greeting", "hello")?;
//! let d = server.recv_delivery(std::time::Duration::from_secs(5))?;
//! assert_eq!(d, Some(gossip::Delivery::Tuple { key: b"greeting".to_vec(), value: b"hello".to_vec() }));
//! # Ok::<(), czmq::Error>(())
//! ```

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

use czmq::{
    Actor, AsSocket, Config, Error, EventMask, Flags, Frame, Loop, MonitorEvent, Result, Sock,
    Socket, SocketType,
};

use crate::discovery::{self, Discovery, PeerChange};
use crate::msg::{self, ZgpMessage, ZgpMessageRef};
use crate::node::{self, Action, Node, Peer, Wire};
use crate::security::Security;
use crate::trailer;

/// How often the node's timers (expiry, PINGs, retries) are looked at.
const TICK: Duration = Duration::from_millis(25);
/// How often a LOADed config file is checked for changes (as CZMQ).
const CONFIG_CHECK: Duration = Duration::from_millis(1000);
/// Messages taken from one socket per reactor turn, so one busy peer cannot
/// starve the others.
const BATCH: usize = 256;

/// What the actor tells the application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// `DELIVER key value`: a new or changed tuple.
    Tuple {
        /// The key.
        key: Vec<u8>,
        /// The value.
        value: Vec<u8>,
    },
    /// `REMOVE key`: a tuple was deleted or expired.
    Removed {
        /// The key.
        key: Vec<u8>,
    },
}

/// A gossip node running as an actor, with a typed API over its pipe.
///
/// Deliveries and replies share the pipe. A request such as
/// [`status`](Gossip::status) keeps any delivery that arrives ahead of its
/// reply and [`recv_delivery`](Gossip::recv_delivery) hands it out first, so
/// no delivery is lost to a request. Code that polls the pipe itself (through
/// [`AsSocket`]) should call [`pending`](Gossip::pending) first.
///
/// Every request waits at most [`reply_timeout`](Gossip::set_reply_timeout)
/// without hearing from the actor, and fails at once with
/// `Error::Disconnected` when the actor's thread has ended (after SIGINT, for
/// example), so no call can block for good.
///
/// Dropping it ends the actor (`$TERM`).
pub struct Gossip {
    actor: Actor,
    /// Deliveries read while waiting for a reply, oldest first.
    pending: RefCell<VecDeque<Delivery>>,
    /// How long a request may go without any message from the actor.
    reply_timeout: Cell<Duration>,
}

/// How long a request waits for the actor by default.
const REPLY_TIMEOUT: Duration = Duration::from_secs(10);
/// How often a waiting request checks that the actor still runs.
const LIVENESS_CHECK: Duration = Duration::from_millis(100);

fn reply_error(frames: Vec<Frame>) -> Error {
    let text: Vec<String> = frames
        .iter()
        .map(|f| String::from_utf8_lossy(f.data()).into_owned())
        .collect();
    Error::InvalidArgument(text.join(" "))
}

impl Gossip {
    /// Starts a node named `name` (the name appears in its log lines).
    pub fn new(name: &str) -> Result<Gossip> {
        let name = name.to_string();
        Ok(Gossip {
            actor: Actor::new(move |pipe| zgossip_actor(pipe, &name))?,
            pending: RefCell::new(VecDeque::new()),
            reply_timeout: Cell::new(REPLY_TIMEOUT),
        })
    }

    /// Sets how long a request ([`status`](Gossip::status),
    /// [`tuples`](Gossip::tuples), ...) may wait without hearing from the
    /// actor before it fails with `Error::TimedOut` (10 s by default).
    ///
    /// ```
    /// let node = gossip::Gossip::new("doc-timeout")?;
    /// node.set_reply_timeout(std::time::Duration::from_secs(1));
    /// assert_eq!(node.status()?, 0);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_reply_timeout(&self, timeout: Duration) {
        self.reply_timeout.set(timeout);
    }

    /// Deliveries already read from the pipe (while a request waited for
    /// its reply) and not yet handed out by
    /// [`recv_delivery`](Gossip::recv_delivery).
    ///
    /// ```
    /// let node = gossip::Gossip::new("doc-pending")?;
    /// assert_eq!(node.pending(), 0);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn pending(&self) -> usize {
        self.pending.borrow().len()
    }

    /// Whether a message can be read from the pipe within `timeout`.
    fn pipe_readable(&self, timeout: Duration) -> Result<bool> {
        let mut item = [czmq::PollItem::socket(
            self.actor.sock(),
            czmq::PollEvents::POLLIN,
        )];
        Ok(czmq::poll(&mut item, Some(timeout))? > 0)
    }

    /// Waits up to `timeout` for the next message on the pipe, checking
    /// every [`LIVENESS_CHECK`] that the actor still runs. `Ok(None)` when
    /// the time is up.
    fn recv_pipe(&self, timeout: Duration) -> Result<Option<Vec<Frame>>> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if self.pipe_readable(left.min(LIVENESS_CHECK))? {
                return self.actor.sock().recv_parts().map(Some);
            }
            if self.actor.is_finished() {
                // A reply sent just before the thread ended may still be in
                // the pipe: take it if so, else report the dead actor.
                if self.pipe_readable(Duration::ZERO)? {
                    return self.actor.sock().recv_parts().map(Some);
                }
                return Err(Error::Disconnected("the gossip actor has ended".into()));
            }
            if left.is_zero() {
                return Ok(None);
            }
        }
    }

    /// The actor (its pipe speaks the command protocol directly).
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub(crate) fn command(&self, parts: &[&[u8]]) -> Result<()> {
        self.actor.sock().send_parts(parts)
    }

    fn request(&self, parts: &[&[u8]], expect: &str) -> Result<Vec<Frame>> {
        self.command(parts)?;
        // Deliveries may be queued ahead of the reply: keep them for
        // recv_delivery. The timeout counts from the last message heard, so
        // a long queue of deliveries is read, not cut short. An ERROR
        // answers a command sent before this request (e.g. the BIND before
        // PORT): the request's own reply still follows it and is read too,
        // so it cannot be taken for the answer to the next request.
        let mut error = None;
        loop {
            let Some(frames) = self.recv_pipe(self.reply_timeout.get())? else {
                return Err(error.unwrap_or(Error::TimedOut));
            };
            match frames.first() {
                Some(f) if f.streq(expect) => return error.map_or(Ok(frames), Err),
                Some(f) if f.streq("ERROR") => {
                    error.get_or_insert(reply_error(frames));
                }
                _ => {
                    if let Some(delivery) = parse_delivery(&frames) {
                        self.pending.borrow_mut().push_back(delivery);
                    }
                }
            }
        }
    }

    /// Binds the node's ROUTER; returns the port (CZMQ's `tcp://*:*` scan
    /// from 49152 applies).
    pub fn bind(&self, endpoint: &str) -> Result<u16> {
        self.command(&[b"BIND", endpoint.as_bytes()])?;
        let port = self.port()?;
        u16::try_from(port)
            .map_err(|_| Error::InvalidArgument(format!("bind to {endpoint} failed")))
    }

    /// The port of the last BIND (`PORT`): 0 before any, -1 after a failure.
    pub fn port(&self) -> Result<i32> {
        let frames = self.request(&[b"PORT"], "PORT")?;
        parse_int(&frames)
    }

    /// Connects to another node's server.
    pub fn connect(&self, endpoint: &str) -> Result<()> {
        self.command(&[b"CONNECT", endpoint.as_bytes()])
    }

    /// Publishes a tuple that lives until changed or deleted.
    pub fn publish(&self, key: impl AsRef<[u8]>, value: impl AsRef<[u8]>) -> Result<()> {
        check_key(key.as_ref())?;
        self.command(&[b"PUBLISH", key.as_ref(), value.as_ref()])
    }

    /// Publishes a tuple that expires `ttl` after this call unless re-published.
    pub fn publish_ttl(
        &self,
        key: impl AsRef<[u8]>,
        value: impl AsRef<[u8]>,
        ttl: Duration,
    ) -> Result<()> {
        check_key(key.as_ref())?;
        let ms = ttl.as_millis().to_string();
        self.command(&[b"PUBLISH", key.as_ref(), value.as_ref(), ms.as_bytes()])
    }

    /// Deletes a key on every node.
    pub fn delete(&self, key: impl AsRef<[u8]>) -> Result<()> {
        self.command(&[b"DELETE", key.as_ref()])
    }

    /// Forgets a key on this node only (`UNPUBLISH`, CZMQ's draft command
    /// that Zyre's hub sends when a peer leaves); see
    /// [`node::Node::unpublish`](crate::node::Node::unpublish). Peers keep
    /// their copies; use [`delete`](Gossip::delete) to remove a key everywhere.
    ///
    /// ```
    /// let node = gossip::Gossip::new("doc")?;
    /// node.publish("k", "v")?;
    /// node.unpublish("k")?;
    /// assert_eq!(node.status()?, 0);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn unpublish(&self, key: impl AsRef<[u8]>) -> Result<()> {
        self.command(&[b"UNPUBLISH", key.as_ref()])
    }

    /// Number of tuples (`STATUS`).
    pub fn status(&self) -> Result<usize> {
        let frames = self.request(&[b"STATUS"], "STATUS")?;
        usize::try_from(parse_int(&frames)?).map_err(|_| Error::Malformed("STATUS".into()))
    }

    /// ZGP messages this node has sent and received on the network (`STATS`),
    /// e.g. to measure what gossip costs per tuple.
    ///
    /// ```
    /// use gossip::Gossip;
    /// let node = Gossip::new("doc-stats")?;
    /// let stats = node.stats()?;
    /// assert_eq!((stats.sent, stats.received), (0, 0)); // no peers yet
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn stats(&self) -> Result<GossipStats> {
        let frames = self.request(&[b"STATS"], "STATS")?;
        let number = |i: usize| {
            frames
                .get(i)
                .and_then(|f| f.as_str())
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| Error::Malformed("STATS: expected two numbers".into()))
        };
        Ok(GossipStats {
            sent: number(1)?,
            received: number(2)?,
        })
    }

    /// The current tuple set, sorted by key (`TUPLES`).
    pub fn tuples(&self) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let frames = self.request(&[b"TUPLES"], "TUPLES")?;
        let pairs = frames.get(2..).unwrap_or_default();
        Ok(pairs
            .chunks_exact(2)
            .map(|kv| (kv[0].data().to_vec(), kv[1].data().to_vec()))
            .collect())
    }

    /// Sets a configuration value (`SET path value`), e.g. `server/timeout`.
    pub fn set(&self, path: &str, value: &str) -> Result<()> {
        self.command(&[b"SET", path.as_bytes(), value.as_bytes()])
    }

    /// Loads a ZPL configuration file (`LOAD`).
    pub fn load(&self, path: &str) -> Result<()> {
        self.command(&[b"LOAD", path.as_bytes()])
    }

    /// Saves the configuration tree to a ZPL file (`SAVE`).
    pub fn save(&self, path: &str) -> Result<()> {
        self.command(&[b"SAVE", path.as_bytes()])
    }

    /// Turns on discovery (`DISCOVER`, after [`bind`](Gossip::bind)): beacon
    /// our port on UDP `beacon_port` every `interval`, connect to every peer
    /// heard, forget peers that EXIT or stay silent longer than `timeout`.
    pub fn discover(&self, beacon_port: u16, interval: Duration, timeout: Duration) -> Result<()> {
        let (port, interval, timeout) = (
            beacon_port.to_string(),
            interval.as_millis().to_string(),
            timeout.as_millis().to_string(),
        );
        self.command(&[
            b"DISCOVER",
            port.as_bytes(),
            interval.as_bytes(),
            timeout.as_bytes(),
        ])?;
        // Fail now rather than silently: PEERS answers after DISCOVER ran.
        self.peers().map(drop)
    }

    /// Number of peers found by discovery (`PEERS`).
    pub fn peers(&self) -> Result<usize> {
        let frames = self.request(&[b"PEERS"], "PEERS")?;
        usize::try_from(parse_int(&frames)?).map_err(|_| Error::Malformed("PEERS".into()))
    }

    /// Turns on verbose logging (`VERBOSE`).
    pub fn verbose(&self) -> Result<()> {
        self.command(&[b"VERBOSE"])
    }

    /// Waits up to `timeout` for the next delivery: first those a request
    /// read ahead of its reply, then the pipe. Fails with
    /// `Error::Disconnected` once the actor has ended and nothing is left.
    pub fn recv_delivery(&self, timeout: Duration) -> Result<Option<Delivery>> {
        if let Some(delivery) = self.pending.borrow_mut().pop_front() {
            return Ok(Some(delivery));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let Some(frames) = self.recv_pipe(left)? else {
                return Ok(None);
            };
            match parse_delivery(&frames) {
                Some(d) => return Ok(Some(d)),
                // A stray reply (e.g. to a command sent by someone else): skip.
                None if Instant::now() < deadline => continue,
                None => return Ok(None),
            }
        }
    }
}

fn check_key(key: &[u8]) -> Result<()> {
    if key.len() > node::MAX_KEY {
        return Err(Error::InvalidArgument(format!(
            "key of {} bytes is longer than the 255 bytes ZGP allows",
            key.len()
        )));
    }
    if key.is_empty() {
        return Err(Error::InvalidArgument("empty key".into()));
    }
    Ok(())
}

fn parse_int(frames: &[Frame]) -> Result<i32> {
    frames
        .get(1)
        .and_then(|f| f.as_str())
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| Error::Malformed("expected a number".into()))
}

/// A node's network traffic in ZGP messages, from [`Gossip::stats`].
///
/// ```
/// let stats = gossip::GossipStats::default();
/// assert_eq!(stats.sent + stats.received, 0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GossipStats {
    /// Messages handed to libzmq for a peer (HELLO, PUBLISH, PING, PONG,
    /// INVALID), on the node's server and its remotes alike.
    pub sent: u64,
    /// Messages read from peers, malformed ones included.
    pub received: u64,
}

/// Reads a `DELIVER k v` or `REMOVE k` message from the actor's pipe.
pub fn parse_delivery(frames: &[Frame]) -> Option<Delivery> {
    match frames {
        [c, k, v] if c.streq("DELIVER") => Some(Delivery::Tuple {
            key: k.data().to_vec(),
            value: v.data().to_vec(),
        }),
        [c, k] if c.streq("REMOVE") => Some(Delivery::Removed {
            key: k.data().to_vec(),
        }),
        _ => None,
    }
}

/// One CONNECTed remote: its DEALER (the monitor reporting its link lives in
/// the reactor only).
struct Remote {
    dealer: Rc<Socket>,
    endpoint: String,
    /// False after discovery forgot the peer (its DEALER disconnected).
    connected: bool,
}

/// Stops the monitor of every DEALER before the reactor drops the PAIR
/// sockets that read them. libzmq's IO thread sends monitor events with a
/// blocking send: an event for a monitor whose reader is gone (a peer that
/// hangs up while this node shuts down) stalls that IO thread, and with it
/// every socket of the context, for good.
struct StopMonitors(Shared);

impl Drop for StopMonitors {
    fn drop(&mut self) {
        if let Ok(eng) = self.0.try_borrow() {
            for remote in &eng.remotes {
                // Fails only for a socket libzmq already closed.
                let _ = remote.dealer.monitor_stop();
            }
        }
    }
}

/// The actor's state, shared by the reactor's handlers.
struct Engine {
    name: String,
    node: Node,
    pipe: Rc<Sock>,
    router: Rc<Sock>,
    remotes: Vec<Remote>,
    config: Config,
    config_file: Option<PathBuf>,
    port: i32,
    verbose: bool,
    /// Deliveries the application has not taken yet, coalesced per key
    /// (None = removed).
    pending: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
    scratch: Vec<u8>,
    discovery: Option<Discovery>,
    /// CURVE keys and ZAP domain (`SET PUBLICKEY`, ...).
    security: Security,
    /// ZGP messages handed to libzmq, and ZGP messages read (well-formed or
    /// not), on the router and every remote: the `STATS` command's answer.
    stats: GossipStats,
}

type Shared = Rc<RefCell<Engine>>;

fn to_wire(m: ZgpMessageRef<'_>, rest: &[u8]) -> Wire {
    match m {
        ZgpMessageRef::Hello => Wire::Hello {
            ext: trailer::is_extension_marker(rest),
        },
        ZgpMessageRef::Ping => Wire::Ping,
        ZgpMessageRef::Pong => Wire::Pong {
            ext: trailer::is_extension_marker(rest),
        },
        ZgpMessageRef::Invalid => Wire::Invalid,
        ZgpMessageRef::Publish { key, value, ttl } => {
            let (stamp, deleted) = match trailer::decode(rest) {
                Some((s, d)) => (Some(s), d),
                None => (None, false),
            };
            Wire::Publish {
                key: key.to_vec(),
                value: value.to_vec(),
                ttl,
                stamp,
                deleted,
            }
        }
    }
}

/// Decodes one ZGP body, with our trailer if present.
fn decode_body(body: &[u8]) -> std::result::Result<Wire, msg::DecodeError> {
    if msg::is_extension_frame(body) {
        return Ok(Wire::Extension(msg::decode_extension(body)?));
    }
    let m = msg::decode_ref(body)?;
    let used = m.encoded_len();
    Ok(to_wire(m, body.get(used..).unwrap_or_default()))
}

/// Encodes a wire message into `out` (cleared first).
fn encode_wire(wire: &Wire, out: &mut Vec<u8>) -> Result<()> {
    out.clear();
    let stamp = match wire {
        Wire::Hello { ext } => {
            ZgpMessage::Hello.borrowed().encode_into(out)?;
            if *ext {
                out.extend_from_slice(&trailer::EXTENSION_MARKER);
            }
            None
        }
        Wire::Ping => {
            ZgpMessage::Ping.borrowed().encode_into(out)?;
            None
        }
        Wire::Pong { ext } => {
            ZgpMessage::Pong.borrowed().encode_into(out)?;
            if *ext {
                out.extend_from_slice(&trailer::EXTENSION_MARKER);
            }
            None
        }
        Wire::Invalid => {
            ZgpMessage::Invalid.borrowed().encode_into(out)?;
            None
        }
        Wire::Extension(m) => {
            m.encode_into(out)?;
            None
        }
        Wire::Publish {
            key,
            value,
            ttl,
            stamp,
            deleted,
        } => {
            ZgpMessageRef::Publish {
                key,
                value,
                ttl: *ttl,
            }
            .encode_into(out)?;
            stamp.map(|s| (s, *deleted))
        }
    };
    if let Some((s, deleted)) = stamp {
        out.extend_from_slice(&trailer::encode(s, deleted));
    }
    Ok(())
}

fn random_id() -> u64 {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut h = RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    h.write_u32(std::process::id());
    h.finish()
}

impl Engine {
    fn new(name: &str, pipe: Rc<Sock>) -> Result<Engine> {
        let router = Sock::new(SocketType::Router)?;
        // CZMQ: unbounded, linger 0; we also want to know about dead peers
        // rather than block, hence DONTWAIT on every send.
        router.as_socket().set_sndhwm(0)?;
        router.as_socket().set_rcvhwm(0)?;
        router.as_socket().set_linger(Some(Duration::ZERO))?;
        let mut config = Config::new("root");
        config.put("server/timeout", "1000")?;
        // CZMQ's server/timeout default: 1000 ms.
        let node_config = node::Config {
            session_timeout: Some(Duration::from_millis(1000)),
            ..node::Config::default()
        };
        Ok(Engine {
            name: name.to_string(),
            node: Node::new(random_id(), node_config),
            pipe,
            router: Rc::new(router),
            remotes: Vec::new(),
            config,
            config_file: None,
            port: 0,
            verbose: false,
            pending: BTreeMap::new(),
            scratch: Vec::with_capacity(256),
            discovery: None,
            security: Security::new(),
            stats: GossipStats::default(),
        })
    }

    fn log(&self, what: std::fmt::Arguments<'_>) {
        if self.verbose {
            log::info!(target: "gossip", "{}: {}", self.name, what);
        } else {
            log::debug!(target: "gossip", "{}: {}", self.name, what);
        }
    }

    /// Carries out what the node asked for.
    fn apply(&mut self, actions: Vec<Action>) {
        for action in actions {
            match action {
                Action::Send(peer, wire) => self.send(&peer, &wire),
                Action::Deliver { key, value } => self.deliver(key, Some(value)),
                Action::Removed { key } => self.deliver(key, None),
            }
        }
    }

    fn send(&mut self, peer: &Peer, wire: &Wire) {
        let mut body = std::mem::take(&mut self.scratch);
        if let Err(e) = encode_wire(wire, &mut body) {
            log::warn!(target: "gossip", "{}: cannot encode {wire:?}: {e}", self.name);
            self.scratch = body;
            return;
        }
        let sent = match peer {
            Peer::Session(rid) => self
                .router
                .as_socket()
                .send_bytes_with(rid, czmq::Flags::MORE | Flags::DONTWAIT)
                .and_then(|_| {
                    self.router
                        .as_socket()
                        .send_bytes_with(&body, Flags::DONTWAIT)
                }),
            Peer::Remote(i) => match self.remotes.get(*i) {
                Some(r) => r.dealer.send_bytes_with(&body, Flags::DONTWAIT),
                None => Ok(()),
            },
        };
        if sent.is_ok() {
            self.stats.sent += 1;
        }
        if let Err(e) = sent {
            // A ROUTER drops messages to unknown peers; a full DEALER means a
            // dead link the monitor will report. Either way: log, go on.
            self.log(format_args!("send to {peer:?} failed: {e}"));
        }
        self.scratch = body;
    }

    fn deliver(&mut self, key: Vec<u8>, value: Option<Vec<u8>>) {
        if self.pending.is_empty() && self.try_deliver(&key, value.as_deref()) {
            return;
        }
        self.pending.insert(key, value);
    }

    /// Sends one delivery without blocking; false if the pipe is full.
    fn try_deliver(&self, key: &[u8], value: Option<&[u8]>) -> bool {
        let sock = self.pipe.as_socket();
        let result = match value {
            Some(v) => sock
                .send_bytes_with(b"DELIVER", czmq::Flags::MORE | Flags::DONTWAIT)
                .and_then(|_| sock.send_bytes_with(key, czmq::Flags::MORE))
                .and_then(|_| sock.send_bytes(v)),
            None => sock
                .send_bytes_with(b"REMOVE", czmq::Flags::MORE | Flags::DONTWAIT)
                .and_then(|_| sock.send_bytes(key)),
        };
        result.is_ok()
    }

    fn flush_pending(&mut self) {
        while let Some((key, value)) = self.pending.pop_first() {
            if !self.try_deliver(&key, value.as_deref()) {
                self.pending.insert(key, value);
                break;
            }
        }
    }

    /// Discovery lost a peer: disconnect its DEALER and stop sending to it.
    fn forget(&mut self, change: &PeerChange) {
        let PeerChange::Forget(endpoint) = change else {
            return;
        };
        self.log(format_args!("forgetting {endpoint}"));
        if let Some(index) = self.remotes.iter().position(|r| &r.endpoint == endpoint) {
            let remote = &mut self.remotes[index];
            if remote.connected {
                let _ = remote.dealer.disconnect(endpoint);
                remote.connected = false;
            }
            self.node.on_remote_down(index);
        }
    }

    fn reply(&self, parts: &[&[u8]]) -> Result<()> {
        self.pipe.send_parts(parts)
    }

    fn reply_error(&self, text: &str) -> Result<()> {
        log::warn!(target: "gossip", "{}: {text}", self.name);
        self.reply(&[b"ERROR", text.as_bytes()])
    }

    fn apply_config(&mut self) {
        self.verbose = self.config.get("server/verbose").is_some_and(|v| v == "1")
            || self.config.get("server/animate").is_some_and(|v| v == "1")
            || self.verbose;
        if let Some(ms) = self
            .config
            .get("server/timeout")
            .and_then(|v| v.parse::<u64>().ok())
        {
            self.node
                .set_session_timeout((ms > 0).then(|| Duration::from_millis(ms)));
        }
    }

    fn bind(&mut self, endpoint: &str) {
        if let Err(e) = self.security.prepare_bind(self.router.as_socket()) {
            self.port = -1;
            let _ = self.reply_error(&format!("BIND {endpoint}: {e}"));
            return;
        }
        // The reactor holds a second handle to the ROUTER: bind through the
        // shared socket, with CZMQ's port forms.
        self.port = match self.router.as_socket().bind_czmq(endpoint) {
            Ok((_, port)) => i32::from(port),
            Err(e) => {
                log::warn!(target: "gossip", "{}: bind {endpoint} failed: {e}", self.name);
                -1
            }
        };
    }
}

/// The actor's body: the handler given to [`Actor::new`], also what the C
/// face runs for `zactor_new (zgossip, "name")`.
pub fn zgossip_actor(pipe: Sock, name: &str) -> Result<()> {
    let pipe = Rc::new(pipe);
    let engine: Shared = Rc::new(RefCell::new(Engine::new(name, pipe.clone())?));
    let mut reactor = Loop::new();

    let e = engine.clone();
    reactor.add_reader(pipe.clone(), move |lp, pipe| {
        let frames = pipe.recv_parts()?;
        handle_command(&e, lp, frames)
    });

    let e = engine.clone();
    let router = engine.borrow().router.clone();
    reactor.add_reader(router, move |_, router| {
        for _ in 0..BATCH {
            let frames = match router.as_socket().recv_multipart_with(Flags::DONTWAIT) {
                Ok(f) => f,
                Err(Error::Again) => break,
                Err(e) => return Err(e),
            };
            let mut eng = e.borrow_mut();
            eng.stats.received += 1;
            let now = Instant::now();
            let actions = match frames.as_slice() {
                [rid, body] => match decode_body(body) {
                    Ok(wire) => eng.node.on_session_message(rid, wire, now),
                    Err(err) => {
                        eng.log(format_args!("malformed frame from a client: {err}"));
                        eng.node.on_session_malformed(rid)
                    }
                },
                [rid, ..] => {
                    eng.log(format_args!("{}-frame message from a client", frames.len()));
                    eng.node.on_session_malformed(rid)
                }
                [] => Vec::new(),
            };
            eng.apply(actions);
        }
        Ok(())
    });

    let e = engine.clone();
    let mut last_config_check = Instant::now();
    reactor.add_timer(TICK, 0, move |_, _| {
        let mut eng = e.borrow_mut();
        let actions = eng.node.tick(Instant::now());
        eng.apply(actions);
        eng.flush_pending();
        let forgotten = match eng.discovery.as_mut() {
            Some(d) => d.expire(Instant::now()),
            None => Vec::new(),
        };
        for change in forgotten {
            eng.forget(&change);
        }
        if last_config_check.elapsed() >= CONFIG_CHECK {
            last_config_check = Instant::now();
            if eng.config_file.is_some() && eng.config.has_changed() && eng.config.reload().is_ok()
            {
                eng.apply_config();
            }
        }
        Ok(())
    })?;

    pipe.signal(0)?;
    // Declared after the reactor, so it also runs first when a handler
    // panics and the stack unwinds.
    let monitors = StopMonitors(engine.clone());
    let result = reactor.start();
    drop(monitors);
    drop(reactor);
    match result {
        Err(Error::Terminated) | Err(Error::Interrupted) | Ok(()) => Ok(()),
        Err(e) => Err(e),
    }
}

fn handle_command(engine: &Shared, lp: &mut Loop, frames: Vec<Frame>) -> Result<()> {
    let Some(command) = frames
        .first()
        .map(|f| String::from_utf8_lossy(f.data()).into_owned())
    else {
        return Ok(());
    };
    let arg = |i: usize| frames.get(i).map(|f| f.data());
    let text = |i: usize| frames.get(i).and_then(|f| f.as_str());
    let mut eng = engine.borrow_mut();
    let now = Instant::now();
    if command == "VERBOSE" {
        eng.verbose = true;
    }
    // As CZMQ's engine does in verbose mode: every API command is logged.
    eng.log(format_args!("API command={command}"));
    match (command.as_str(), frames.len()) {
        ("$TERM", _) => {
            if let Some(d) = &eng.discovery {
                let _ = d.announce_exit();
            }
            lp.stop();
        }
        ("PEERS", _) => {
            let n = eng
                .discovery
                .as_ref()
                .map_or(0, Discovery::peer_count)
                .to_string();
            eng.reply(&[b"PEERS", n.as_bytes()])?;
        }
        ("DISCOVER", 2..=4) => {
            let num = |i: usize| text(i).map(str::parse::<u64>);
            let parsed = match (num(1), num(2), num(3)) {
                (Some(Ok(port)), interval, timeout) => u16::try_from(port).ok().and_then(|port| {
                    let interval = match interval {
                        None => Some(discovery::DEFAULT_INTERVAL),
                        Some(Ok(ms)) => Some(Duration::from_millis(ms)),
                        Some(Err(_)) => None,
                    }?;
                    let timeout = match timeout {
                        None => Some(discovery::DEFAULT_TIMEOUT),
                        Some(Ok(ms)) => Some(Duration::from_millis(ms)),
                        Some(Err(_)) => None,
                    }?;
                    Some((port, interval, timeout))
                }),
                _ => None,
            };
            match parsed {
                None => eng.reply_error("DISCOVER: beacon-port [interval-ms [timeout-ms]]")?,
                Some(_) if eng.port <= 0 => eng.reply_error("DISCOVER: BIND first")?,
                Some(_) if eng.discovery.is_some() => eng.reply_error("DISCOVER: already on")?,
                Some((beacon_port, interval, timeout)) => {
                    let port = eng.port as u16;
                    match Discovery::start(eng.node.id(), port, beacon_port, interval, timeout) {
                        Ok(d) => {
                            let pipe = d.beacon().actor().sock().as_socket().as_ptr();
                            eng.discovery = Some(d);
                            drop(eng);
                            let e = engine.clone();
                            // SAFETY: the beacon (and its pipe socket) lives in the
                            // engine, which every handler of this loop keeps alive
                            // through its Rc, and is never replaced once set; the
                            // pipe is used by this thread only.
                            unsafe {
                                lp.add_reader_raw(pipe, move |lp, _| on_beacon(&e, lp))?;
                            }
                            return Ok(());
                        }
                        Err(e) => eng.reply_error(&format!("DISCOVER: {e}"))?,
                    }
                }
            }
        }
        ("VERBOSE", _) => eng.verbose = true,
        ("BIND", 2) => match text(1) {
            Some(ep) => eng.bind(ep),
            None => eng.reply_error("BIND: endpoint is not text")?,
        },
        ("PORT", _) => {
            let port = eng.port.to_string();
            eng.reply(&[b"PORT", port.as_bytes()])?;
        }
        ("STATUS", _) => {
            let n = eng.node.len().to_string();
            eng.reply(&[b"STATUS", n.as_bytes()])?;
        }
        ("STATS", _) => {
            let sent = eng.stats.sent.to_string();
            let received = eng.stats.received.to_string();
            eng.reply(&[b"STATS", sent.as_bytes(), received.as_bytes()])?;
        }
        ("TUPLES", _) => {
            let n = eng.node.len().to_string();
            let mut parts: Vec<&[u8]> = vec![b"TUPLES", n.as_bytes()];
            for (k, v) in eng.node.tuples() {
                parts.push(k);
                parts.push(v);
            }
            eng.reply(&parts)?;
        }
        ("PUBLISH", 3) | ("PUBLISH", 4) => {
            let (key, value) = (arg(1).unwrap_or_default(), arg(2).unwrap_or_default());
            let ttl = match text(3).map(str::parse::<u64>) {
                None => Some(Duration::ZERO),
                Some(Ok(ms)) => Some(Duration::from_millis(ms)),
                Some(Err(_)) => None,
            };
            match ttl {
                Some(ttl) => match eng.node.publish(key, value, ttl, now) {
                    Ok(actions) => eng.apply(actions),
                    Err(e) => eng.reply_error(&format!("PUBLISH refused: {e}"))?,
                },
                None => eng.reply_error("PUBLISH: ttl is not a number of ms")?,
            }
        }
        ("UNPUBLISH", 2) => {
            eng.node.unpublish(arg(1).unwrap_or_default());
        }
        ("DELETE", 2) => {
            let actions = eng.node.delete(arg(1).unwrap_or_default(), now);
            eng.apply(actions);
        }
        ("CONNECT", 2) | ("CONNECT", 3) => match (text(1), frames.get(2).map(|f| f.as_str())) {
            (Some(ep), server_key) => {
                let server_key = match server_key {
                    None => None,
                    Some(Some(key)) => Some(key.to_string()),
                    Some(None) => {
                        eng.reply_error("CONNECT: server public key is not text")?;
                        return Ok(());
                    }
                };
                if let Some(Err(e)) = server_key.as_deref().map(|k| eng.security.check_connect(k)) {
                    eng.reply_error(&format!("CONNECT {ep}: {e}"))?;
                    return Ok(());
                }
                let ep = ep.to_string();
                drop(eng);
                connect(engine, lp, &ep, server_key.as_deref())?;
            }
            (None, _) => eng.reply_error("CONNECT: endpoint is not text")?,
        },
        ("SET PUBLICKEY", 2) | ("SET SECRETKEY", 2) | ("ZAP DOMAIN", 2) => {
            let value = text(1).unwrap_or_default().to_string();
            let result = match command.as_str() {
                "SET PUBLICKEY" => eng.security.set_public_key(&value),
                "SET SECRETKEY" => eng.security.set_secret_key(&value),
                _ => eng.security.set_zap_domain(&value),
            };
            if let Err(e) = result {
                eng.reply_error(&format!("{command}: {e}"))?;
            }
        }
        ("SET", 3) => match (text(1), text(2)) {
            (Some(path), Some(value)) => match eng.config.put(path, value) {
                Ok(_) => eng.apply_config(),
                Err(e) => eng.reply_error(&format!("SET {path}: {e}"))?,
            },
            _ => eng.reply_error("SET: path and value must be text")?,
        },
        ("LOAD", 2) | ("CONFIGURE", 2) => match text(1).map(Config::load) {
            Some(Ok(config)) => {
                eng.config_file = text(1).map(PathBuf::from);
                eng.config = config;
                eng.apply_config();
                let eng = &mut *eng;
                if let Err(e) = eng
                    .security
                    .apply_config(&eng.config, eng.router.as_socket())
                {
                    eng.reply_error(&format!("LOAD: {e}"))?;
                    return Ok(());
                }
                if let Some(ep) = eng.config.get("zgossip/bind/endpoint").map(str::to_string) {
                    eng.bind(&ep);
                }
            }
            Some(Err(e)) => eng.reply_error(&format!("LOAD: {e}"))?,
            None => eng.reply_error("LOAD: file name is not text")?,
        },
        ("SAVE", 2) => match text(1) {
            Some(path) => {
                if let Err(e) = eng.config.save(path) {
                    eng.reply_error(&format!("SAVE {path}: {e}"))?;
                }
            }
            None => eng.reply_error("SAVE: file name is not text")?,
        },
        (other, n) => eng.reply_error(&format!("unknown command '{other}' with {n} frame(s)"))?,
    }
    Ok(())
}

/// A discovery beacon arrived: connect to new peers, forget leaving ones.
fn on_beacon(engine: &Shared, lp: &mut Loop) -> Result<()> {
    let change = {
        let mut eng = engine.borrow_mut();
        let Some(d) = eng.discovery.as_mut() else {
            return Ok(());
        };
        let frames = d.beacon().actor().sock().recv_parts()?;
        match frames.as_slice() {
            [sender, payload] => match sender.as_str() {
                Some(sender) => d.on_beacon(sender, payload.data(), Instant::now()),
                None => None,
            },
            _ => None,
        }
    };
    match change {
        Some(PeerChange::Connect(endpoint)) => {
            engine.borrow().log(format_args!("discovered {endpoint}"));
            connect(engine, lp, &endpoint, None)
        }
        Some(forget @ PeerChange::Forget(_)) => {
            engine.borrow_mut().forget(&forget);
            Ok(())
        }
        None => Ok(()),
    }
}

/// CONNECT: a DEALER (created once per endpoint) plus a monitor reporting
/// its link, both read by the reactor; a CURVE client of `server_key`'s
/// server when one is given.
fn connect(engine: &Shared, lp: &mut Loop, endpoint: &str, server_key: Option<&str>) -> Result<()> {
    let mut eng = engine.borrow_mut();
    let now = Instant::now();
    let known = eng.node.remote_endpoints().any(|e| e == endpoint);
    // Nothing is sent until the monitor reports a completed handshake;
    // inproc has no handshake (and no monitor events): it is up at once.
    let index = eng.node.add_remote(endpoint, now);
    let actions = if endpoint.starts_with("inproc://") {
        eng.node.on_remote_up(index, now)
    } else {
        Vec::new()
    };
    if let Some(remote) = eng.remotes.get_mut(index).filter(|r| !r.connected) {
        // A peer discovery had forgotten came back.
        remote.dealer.connect(endpoint)?;
        remote.connected = true;
    }
    if !known {
        let ctx = eng.router.as_socket().context().clone();
        let dealer = ctx.socket(SocketType::Dealer)?;
        dealer.set_sndhwm(0)?;
        dealer.set_rcvhwm(0)?;
        dealer.set_linger(Some(Duration::ZERO))?;
        dealer.set_reconnect_ivl(Some(Duration::from_millis(100)))?;
        if let Some(key) = server_key {
            if let Err(e) = eng.security.prepare_connect(&dealer, key) {
                eng.reply_error(&format!("CONNECT {endpoint}: {e}"))?;
                return Ok(());
            }
        }
        let monitor_ep = format!("inproc://zgossip-monitor-{:x}-{index}", eng.node.id());
        dealer.monitor(
            &monitor_ep,
            // The link's whole story, for the verbose log; only the
            // handshake and the disconnect change the node's state.
            EventMask::CONNECTED
                | EventMask::DISCONNECTED
                | EventMask::HANDSHAKE_SUCCEEDED
                | EventMask::HANDSHAKE_FAILED,
        )?;
        let monitor = ctx.socket(SocketType::Pair)?;
        // Unbounded: a backlog of events must never block libzmq's IO thread.
        monitor.set_rcvhwm(0)?;
        monitor.connect(&monitor_ep)?;
        if let Err(e) = dealer.connect(endpoint) {
            eng.reply_error(&format!("CONNECT {endpoint}: {e}"))?;
            return Ok(());
        }
        let dealer = Rc::new(dealer);
        debug_assert_eq!(eng.remotes.len(), index);
        eng.remotes.push(Remote {
            dealer: dealer.clone(),
            endpoint: endpoint.to_string(),
            connected: true,
        });

        let e = engine.clone();
        lp.add_reader(dealer, move |_, dealer| {
            for _ in 0..BATCH {
                let frames = match dealer.recv_multipart_with(Flags::DONTWAIT) {
                    Ok(f) => f,
                    Err(Error::Again) => break,
                    Err(err) => return Err(err),
                };
                let mut eng = e.borrow_mut();
                eng.stats.received += 1;
                match frames.as_slice() {
                    [body] => match decode_body(body) {
                        Ok(wire) => {
                            let actions = eng.node.on_remote_message(index, wire, Instant::now());
                            eng.apply(actions);
                        }
                        // CZMQ's whole actor dies here; we drop the frame.
                        Err(err) => eng.log(format_args!("malformed frame from a server: {err}")),
                    },
                    _ => eng.log(format_args!("{}-frame message from a server", frames.len())),
                }
            }
            Ok(())
        });

        let e = engine.clone();
        lp.add_reader(monitor, move |_, monitor| {
            let frames = monitor.recv_multipart()?;
            let Ok(event) = MonitorEvent::parse(&frames) else {
                return Ok(());
            };
            let mut eng = e.borrow_mut();
            eng.log(format_args!("remote {index}: {event:?}"));
            match event {
                MonitorEvent::HandshakeSucceeded { .. } => {
                    let actions = eng.node.on_remote_up(index, Instant::now());
                    eng.apply(actions);
                }
                MonitorEvent::Disconnected { .. } => eng.node.on_remote_down(index),
                _ => {}
            }
            Ok(())
        });
    }
    eng.apply(actions);
    Ok(())
}

impl AsSocket for Gossip {
    fn as_socket(&self) -> &Socket {
        self.actor.as_socket()
    }
}
