//! The ZRE node: an actor that finds peers, tracks their groups and
//! liveness, and passes messages, with an idiomatic handle over it.

mod actor;
mod address;
mod command;
mod config;
mod curve;
mod election;
mod ipc;
mod peer;
mod srv;

use std::time::{Duration, Instant};

use czmq::{poll, Actor, Msg, PollEvents, PollItem, Sock, SocketType};
use thiserror::Error;

use crate::{Event, PeerId};
use actor::{start_status, NodeActor};
use command::Command;
pub use config::{
    DEFAULT_BEACON_INTERVAL, DEFAULT_DNS_INTERVAL, DEFAULT_ENDPOINT, DEFAULT_EVASIVE_TIMEOUT,
    DEFAULT_EXPIRED_TIMEOUT, DEFAULT_REAP_INTERVAL,
};

/// What can go wrong driving a node.
///
/// ```
/// let mut node = zre::Node::new("x")?;
/// assert!(matches!(node.stop(), Err(zre::NodeError::NotStarted)));
/// # Ok::<(), zre::NodeError>(())
/// ```
#[derive(Debug, Error)]
pub enum NodeError {
    /// The call needs a started node.
    #[error("ZRE node: not started")]
    NotStarted,
    /// `start` on a node that is running.
    #[error("ZRE node: already started")]
    AlreadyStarted,
    /// A socket or the actor failed.
    #[error("ZRE node: {0}")]
    Socket(#[from] czmq::Error),
    /// UDP discovery found no usable interface (see [`czmq::BeaconSettings`]).
    #[error("ZRE node: no network interface for the beacon")]
    NoBeaconInterface,
    /// UDP discovery needs a tcp endpoint (the beacon carries a TCP port).
    #[error("ZRE node: beacons need a tcp endpoint, not {0}")]
    BeaconNeedsTcp(String),
    /// A helper thread (DNS SRV discovery's) could not be started.
    #[error("ZRE node: starting a thread: {0}")]
    Thread(std::io::Error),
    /// The actor answered a query with something we did not ask for.
    #[error("ZRE node: bad reply from the node actor")]
    BadReply,
    /// SET ENDPOINT could not bind there (in use, or not an endpoint).
    #[error("ZRE node: cannot bind {0}")]
    Bind(String),
    /// START failed for a reason the actor logged (a socket, a bind, the
    /// DNS SRV thread, the gossip node).
    #[error("ZRE node: start failed (see the log)")]
    StartFailed,
    /// No event came within the time given.
    #[error("ZRE node: no event in time")]
    Timeout,
    /// The actor's thread has ended, so nothing answers.
    #[error("ZRE node: the node actor is gone")]
    ActorGone,
    /// A CURVE public key that is not 40 Z85 characters.
    #[error("ZRE node: {0:?} is not a CURVE key (40 Z85 characters)")]
    InvalidKey(String),
    /// [`Node::set_cert`] came after [`Node::set_endpoint`] had bound the
    /// node's ROUTER without CURVE (Zyre asserts on it).
    #[error("ZRE node: the certificate came after set_endpoint bound without CURVE")]
    CertAfterBind,
}

/// `key` if it is a CURVE key as text (40 Z85 characters).
fn checked_key(key: &str) -> Result<String, NodeError> {
    match curve::parse_key(key) {
        Some(_) => Ok(key.to_string()),
        None => Err(NodeError::InvalidKey(key.to_string())),
    }
}

/// Starts a node actor, Zyre's `zyre_node_actor`, without the [`Node`]
/// wrapper: returns the actor, whose pipe takes Zyre's commands (see the
/// crate docs, [Zyre's pipe protocol](crate#zyres-pipe-protocol)), and the
/// event socket (Zyre's `zyre_socket`), where each event arrives as Zyre's
/// frames ([`Event::from_frames`] parses them). Poll the event socket with
/// [`czmq::Poller`] or [`czmq::Loop`] beside your own sockets, as a Zyre
/// program polls `zyre_socket`. Dropping the actor sends `$TERM`.
///
/// ```
/// let (actor, events) = zre::node_actor()?;
/// actor.sock().send_strs(&["SET NAME", "raw"])?;
/// actor.sock().send_strs(&["NAME"])?;
/// assert_eq!(actor.sock().recv_strs()?, ["raw"]);
/// actor.sock().send_strs(&["START"])?;
/// assert_eq!(actor.sock().wait()?, 0);
/// actor.sock().send_strs(&["STOP"])?;
/// assert_eq!(actor.sock().wait()?, 0);
/// assert_eq!(events.recv_strs()?[0], "STOP");
/// # Ok::<(), zre::NodeError>(())
/// ```
pub fn node_actor() -> Result<(Actor, Sock), NodeError> {
    let id = PeerId::random();
    // No high-water mark either way (an application that reads late loses
    // no event and never stalls the node), and no send wait once the
    // application's end is gone (so a node never hangs on its last events).
    let endpoint = format!("inproc://zre-events-{id}");
    let events = Sock::builder(SocketType::Pair)
        .sndhwm(0)
        .rcvhwm(0)
        .bind(&endpoint)?;
    let outbox = Sock::builder(SocketType::Pair)
        .sndhwm(0)
        .rcvhwm(0)
        .sndtimeo(Some(Duration::ZERO))
        .connect(&endpoint)?;
    let node = NodeActor::new(id, outbox)?;
    let actor = Actor::new(move |pipe| node.run(&pipe))?;
    Ok((actor, events))
}

/// A ZRE node: Zyre's `zyre_t`, in Rust, a thin layer over the node actor
/// ([`node_actor`]): each setter and call sends the actor Zyre's command,
/// and events are read from its event socket.
///
/// Configure it, [`start`](Node::start) it, let it find peers (by
/// [UDP beacon](Node::set_beacon), a [static list](Node::add_static_peer),
/// [DNS SRV](Node::set_dns_srv) or [gossip](Node::gossip_connect)), and
/// read what happens with [`recv_event`](Node::recv_event) (or poll
/// [`socket`](Node::socket)). Dropping it (or [`stop`](Node::stop)) says
/// GOODBYE to every peer (and sends the leaving beacon, with the beacon on).
///
/// ```
/// use std::time::Duration;
/// use zre::{Event, Node};
/// let mut alice = Node::new("alice")?;
/// let mut bob = Node::new("bob")?;
/// alice.start()?;
/// bob.start()?;
/// bob.connect(alice.endpoint().unwrap())?;
/// let hello = loop {
///     match alice.recv_event_timeout(Duration::from_secs(5))? {
///         Event::Enter { name, .. } => break name,
///         _ => continue,
///     }
/// };
/// assert_eq!(hello, "bob");
/// # Ok::<(), zre::NodeError>(())
/// ```
pub struct Node {
    // Dropped first: `$TERM` (and the actor's GOODBYEs) while the event
    // socket still exists.
    actor: Actor,
    events: Sock,
    uuid: PeerId,
    name: String,
    phase: Phase,
}

/// What the handle knows of the actor's life.
enum Phase {
    Idle,
    Running(Endpoints),
    Stopped,
}

/// Where a started node listens, asked of the actor once at start.
struct Endpoints {
    endpoint: String,
    ipc: Option<String>,
    gossip: Option<String>,
}

/// `Some(text)` unless empty (the actor's "none").
fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

impl Node {
    /// A node with this public name, a fresh UUID and Zyre's default timers;
    /// its actor runs from now on, not started (Zyre's `zyre_new`).
    ///
    /// ```
    /// let node = zre::Node::new("alice")?;
    /// assert_eq!(node.name(), "alice");
    /// assert_eq!(node.uuid().to_string().len(), 32);
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn new(name: &str) -> Result<Node, NodeError> {
        let (actor, events) = node_actor()?;
        let mut node = Node {
            actor,
            events,
            uuid: PeerId::from_bytes([0; 16]),
            name: name.to_string(),
            phase: Phase::Idle,
        };
        node.send(Command::SetName(name.to_string()))?;
        node.uuid = node
            .query_text(Command::Uuid)?
            .parse()
            .map_err(|_| NodeError::BadReply)?;
        Ok(node)
    }

    /// This node's UUID.
    ///
    /// ```
    /// let node = zre::Node::new("a")?;
    /// assert_ne!(node.uuid(), zre::Node::new("b")?.uuid());
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn uuid(&self) -> PeerId {
        self.uuid
    }

    /// This node's public name.
    ///
    /// ```
    /// assert_eq!(zre::Node::new("n")?.name(), "n");
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Binds the node's ROUTER at `endpoint` now (Zyre's SET ENDPOINT);
    /// without it, START binds [`DEFAULT_ENDPOINT`] (loopback, a port CZMQ
    /// picks). The endpoint bound is what peers are told to connect to, so
    /// give a reachable address, or inproc for one process. Unlike Zyre's,
    /// it does not turn the beacon off.
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.set_endpoint("inproc://zre-doc-endpoint")?;
    /// assert!(zre::Node::new("m")?.set_endpoint("inproc://zre-doc-endpoint").is_err());
    /// node.start()?;
    /// assert_eq!(node.endpoint(), Some("inproc://zre-doc-endpoint"));
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_endpoint(&mut self, endpoint: &str) -> Result<(), NodeError> {
        match self.query_signal(Command::SetEndpoint(endpoint.to_string()))? {
            0 => Ok(()),
            _ => Err(NodeError::Bind(endpoint.to_string())),
        }
    }

    /// Tells peers to reach this node at `endpoint` instead of the one it
    /// binds (Zyre's draft `zyre_set_advertised_endpoint`): the HELLO and
    /// the gossip tuple carry it, e.g. a public address and port that NAT
    /// forwards to our bind. [`endpoint`](Node::endpoint) stays the bound
    /// one. Beacons are unchanged (peers take the address from the UDP
    /// packet). An empty string turns it off.
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.set_advertised_endpoint("tcp://203.0.113.7:5670")?; // NAT's public side
    /// node.start()?;
    /// assert_ne!(node.endpoint(), Some("tcp://203.0.113.7:5670")); // bound here
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_advertised_endpoint(&mut self, endpoint: &str) -> Result<(), NodeError> {
        self.send(Command::SetAdvertisedEndpoint(endpoint.to_string()))
    }

    /// The TCP port START binds when no endpoint was set (Zyre's
    /// `zyre_set_beacon_peer_port`, there for firewalls that only open
    /// known ports); 0, the default, lets the system pick. No effect after
    /// START or [`set_endpoint`](Node::set_endpoint).
    ///
    /// ```no_run
    /// let mut node = zre::Node::new("n")?;
    /// node.set_beacon_peer_port(5671)?;
    /// node.start()?;
    /// assert_eq!(node.endpoint(), Some("tcp://127.0.0.1:5671"));
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_beacon_peer_port(&mut self, port: u16) -> Result<(), NodeError> {
        self.send(Command::SetEphemeralPort(port))
    }

    /// Sets a header sent in HELLO (Zyre's `zyre_set_header`; a second
    /// value for a name replaces the first).
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.set_header("X-ROLE", "demo")?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_header(&mut self, name: &str, value: &str) -> Result<(), NodeError> {
        self.send(Command::SetHeader(name.to_string(), value.to_string()))
    }

    /// Logs every command the actor takes, at info level (Zyre's
    /// `zyre_set_verbose`).
    ///
    /// ```
    /// zre::Node::new("n")?.set_verbose()?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_verbose(&mut self) -> Result<(), NodeError> {
        self.send(Command::SetVerbose)
    }

    /// Silence after which a peer is pinged and reported EVASIVE (5 s).
    ///
    /// ```
    /// zre::Node::new("n")?.set_evasive_timeout(std::time::Duration::from_secs(1))?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_evasive_timeout(&mut self, timeout: Duration) -> Result<(), NodeError> {
        self.send(Command::SetEvasiveTimeout(timeout))
    }

    /// Silence after which a peer is dropped with EXIT (30 s).
    ///
    /// ```
    /// zre::Node::new("n")?.set_expired_timeout(std::time::Duration::from_secs(10))?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_expired_timeout(&mut self, timeout: Duration) -> Result<(), NodeError> {
        self.send(Command::SetExpiredTimeout(timeout))
    }

    /// How often peers' deadlines are checked (1 s, Zyre's REAP_INTERVAL);
    /// also the delay between EVASIVE and SILENT. At least 1 ms.
    ///
    /// ```
    /// zre::Node::new("n")?.set_reap_interval(std::time::Duration::from_millis(100))?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_reap_interval(&mut self, interval: Duration) -> Result<(), NodeError> {
        self.send(Command::SetReapInterval(interval))
    }

    /// Turns on UDP discovery: the node broadcasts Zyre's 22-byte beacon
    /// (23 with [`set_beacon_state`](Node::set_beacon_state)) with its
    /// ROUTER's port on `port` (Zyre uses 5670) every beacon interval, says
    /// HELLO to the sender of every new UUID heard, and drops a peer whose
    /// beacon carries port 0 or state EXIT (sent when a node stops).
    /// `settings` picks the interface, as CZMQ's zsys does (`"lo"` works,
    /// for one host). The same as [`set_port`](Node::set_port) with these
    /// settings instead of zsys's.
    ///
    /// ```
    /// let mut settings = czmq::BeaconSettings::from_zsys();
    /// settings.interface = "lo".into();
    /// let mut node = zre::Node::new("n")?;
    /// node.set_beacon(settings, 5670)?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_beacon(
        &mut self,
        settings: czmq::BeaconSettings,
        port: u16,
    ) -> Result<(), NodeError> {
        self.send(Command::SetBeaconSettings(settings))?;
        self.set_port(port)
    }

    /// The beacon's UDP port (Zyre's `zyre_set_port`); 0, our default,
    /// turns UDP discovery off (Zyre's default is 5670). The interface is
    /// zsys's unless given by [`set_interface`](Node::set_interface) or
    /// [`set_beacon`](Node::set_beacon).
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.set_interface("lo")?;
    /// node.set_port(5670)?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_port(&mut self, port: u16) -> Result<(), NodeError> {
        self.send(Command::SetPort(port))
    }

    /// The network interface the beacon uses (Zyre's `zyre_set_interface`,
    /// which sets it process-wide in zsys; ours is this node's only).
    ///
    /// ```
    /// zre::Node::new("n")?.set_interface("lo")?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_interface(&mut self, interface: &str) -> Result<(), NodeError> {
        self.send(Command::SetInterface(interface.to_string()))
    }

    /// Whether peers found by beacon on this host are reached over ipc (on,
    /// the default) rather than tcp. With the beacon on, the node also
    /// listens at an ipc endpoint derived from its UUID (see
    /// [`ipc_endpoint`](Node::ipc_endpoint)); a beacon or HELLO from one of
    /// this host's addresses whose sender has such an endpoint is answered
    /// over it, and over tcp when it has none. HELLO still advertises tcp,
    /// so Zyre and other hosts see no difference.
    ///
    /// ```
    /// zre::Node::new("n")?.set_same_host_ipc(false)?; // always tcp
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_same_host_ipc(&mut self, enabled: bool) -> Result<(), NodeError> {
        self.send(Command::SetSameHostIpc(enabled))
    }

    /// Whether the beacon carries our state octet (off by default): on, the
    /// node sends the 23-byte beacon of the ZRE/zbeacon proposal, state
    /// RUNNING while it runs and EXIT (with port 0) when it stops, instead
    /// of Zyre's 22 bytes. Zyre 2.0.1 keeps only 22- (or 54-) byte beacons,
    /// so a Zyre node ignores ours then: it still meets us by our HELLO (we
    /// hear its beacons), but it no longer hears our leaving beacon. Turn
    /// it on where all nodes are ours. Received beacons are understood in
    /// both forms either way; a 23-byte beacon in state INIT is not
    /// answered until its sender announces RUNNING.
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.set_beacon_state(true)?; // 23-byte beacons: RUNNING, then EXIT
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_beacon_state(&mut self, enabled: bool) -> Result<(), NodeError> {
        self.send(Command::SetBeaconState(enabled))
    }

    /// How often the beacon goes out (1 s; Zyre's `zyre_set_interval`).
    ///
    /// ```
    /// zre::Node::new("n")?.set_beacon_interval(std::time::Duration::from_millis(250))?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_beacon_interval(&mut self, interval: Duration) -> Result<(), NodeError> {
        self.send(Command::SetInterval(interval.max(Duration::from_millis(1))))
    }

    /// Turns on DNS SRV discovery: at start and then every
    /// [DNS interval](Node::set_dns_interval), the node looks up the SRV
    /// records of `name` (e.g. `_zre._tcp.example.org`), resolves each
    /// target host to its addresses, and says HELLO to every
    /// `tcp://address:port` it has not met, as to a
    /// [static peer](Node::add_static_peer); the one that is this node is
    /// left out. A target that disappears from DNS is no longer retried (a
    /// peer already met stays). Lookups run on a helper thread; a failure
    /// (no such name, no answer, a bad record) is logged and retried, and
    /// never stops the node. Works alone (no beacon, no UDP broadcast):
    /// for segments that multicast does not reach. The records should name
    /// the address each node advertises in HELLO (the one it binds).
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.set_dns_srv("_zre._tcp.example.org")?;
    /// node.set_dns_server("192.0.2.53:53".parse().unwrap())?; // else /etc/resolv.conf's
    /// node.set_dns_interval(std::time::Duration::from_secs(10))?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_dns_srv(&mut self, name: &str) -> Result<(), NodeError> {
        self.send(Command::SetDnsSrv(name.to_string()))
    }

    /// The DNS server [DNS SRV discovery](Node::set_dns_srv) asks (UDP);
    /// by default the first `nameserver` of `/etc/resolv.conf`
    /// ([`dns::system_server`](crate::dns::system_server)).
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.set_dns_server("127.0.0.1:5353".parse().unwrap())?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_dns_server(&mut self, server: std::net::SocketAddr) -> Result<(), NodeError> {
        self.send(Command::SetDnsServer(server))
    }

    /// How often [DNS SRV discovery](Node::set_dns_srv) looks its name up
    /// again ([`DEFAULT_DNS_INTERVAL`], 30 s). After a failed lookup the
    /// next comes within 5 s. At least 1 ms.
    ///
    /// ```
    /// zre::Node::new("n")?.set_dns_interval(std::time::Duration::from_secs(5))?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_dns_interval(&mut self, interval: Duration) -> Result<(), NodeError> {
        self.send(Command::SetDnsInterval(interval))
    }

    /// Gossip discovery, as Zyre's `zyre_gossip_bind`: the node runs a ZGP
    /// gossip node (the `gossip` crate's actor, wire-compatible with CZMQ's
    /// `zgossip`) listening at `endpoint`, a hub that other nodes (ours or
    /// Zyre's) [connect](Node::gossip_connect) to. Every node publishes the
    /// tuple Zyre does at start, key its UUID (32 hex digits), value its
    /// endpoint; each tuple heard is a peer to say HELLO to, like a static
    /// peer; when a peer leaves, the hub withdraws its tuple, as Zyre's
    /// does (see [`gossip_unpublish`](Node::gossip_unpublish)). Works alone
    /// (no beacon), or alongside the other sources (Zyre turns its beacon
    /// off instead). `tcp://host:*` picks a free port (see
    /// [`gossip_endpoint`](Node::gossip_endpoint)).
    ///
    /// ```
    /// let mut hub = zre::Node::new("hub")?;
    /// hub.gossip_bind("tcp://127.0.0.1:*")?;
    /// hub.start()?;
    /// let mut node = zre::Node::new("n")?;
    /// node.gossip_connect(hub.gossip_endpoint().unwrap())?;
    /// node.start()?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn gossip_bind(&mut self, endpoint: &str) -> Result<(), NodeError> {
        self.send(Command::GossipBind(endpoint.to_string()))
    }

    /// Gossip discovery, as Zyre's `zyre_gossip_connect`: the node's gossip
    /// node connects to the one at `endpoint` (a [hub](Node::gossip_bind)),
    /// publishes our UUID and endpoint there at start, and says HELLO to
    /// every node whose tuple it hears. May be given several times, and
    /// together with `gossip_bind`.
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.gossip_connect("tcp://192.0.2.1:5671")?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn gossip_connect(&mut self, endpoint: &str) -> Result<(), NodeError> {
        self.send(Command::GossipConnect(endpoint.to_string(), None))
    }

    /// Gossip discovery through a hub that is a CURVE server, as Zyre's
    /// `zyre_gossip_connect_curve`: like [`gossip_connect`](Node::gossip_connect),
    /// with the hub's public key (40 Z85 characters; a Zyre or zre hub's is
    /// its node's certificate's). Our gossip node uses our certificate
    /// ([`set_cert`](Node::set_cert), given first) as the client's.
    ///
    /// ```
    /// # if !czmq::has("curve") { return Ok(()); }
    /// let hub_cert = czmq::Cert::new()?;
    /// let mut hub = zre::Node::new("hub")?;
    /// hub.set_cert(&hub_cert)?;
    /// hub.gossip_bind("tcp://127.0.0.1:*")?;
    /// hub.start()?;
    /// let mut node = zre::Node::new("n")?;
    /// node.set_cert(&czmq::Cert::new()?)?;
    /// node.gossip_connect_curve(hub.gossip_endpoint().unwrap(), hub_cert.public_txt())?;
    /// node.start()?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn gossip_connect_curve(
        &mut self,
        endpoint: &str,
        server_key: &str,
    ) -> Result<(), NodeError> {
        let key = checked_key(server_key)?;
        self.send(Command::GossipConnect(endpoint.to_string(), Some(key)))
    }

    /// Withdraws a tuple from this node's gossip node (Zyre's
    /// `zyre_gossip_unpublish`, CZMQ's UNPUBLISH): forgotten here, so
    /// nodes that connect later are not told of it; peers keep their
    /// copies. `key` is a node's UUID as 32 hex digits.
    ///
    /// ```
    /// let mut hub = zre::Node::new("hub")?;
    /// hub.gossip_bind("tcp://127.0.0.1:*")?;
    /// hub.gossip_unpublish(&zre::PeerId::random().to_string())?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn gossip_unpublish(&mut self, key: &str) -> Result<(), NodeError> {
        self.send(Command::GossipUnpublish(key.to_string()))
    }

    /// Where this node's gossip node listens, once started with
    /// [`gossip_bind`](Node::gossip_bind) (a `*` port replaced by the one
    /// bound).
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.gossip_bind("tcp://127.0.0.1:*")?;
    /// assert_eq!(node.gossip_endpoint(), None);
    /// node.start()?;
    /// assert!(node.gossip_endpoint().unwrap().starts_with("tcp://127.0.0.1:"));
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn gossip_endpoint(&self) -> Option<&str> {
        self.endpoints()?.gossip.as_deref()
    }

    /// Starts the node (Zyre's START): binds [`DEFAULT_ENDPOINT`] unless
    /// [`set_endpoint`](Node::set_endpoint) bound one, starts the discovery
    /// configured, and says HELLO to the static peers given so far.
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.start()?;
    /// assert!(node.endpoint().unwrap().starts_with("tcp://127.0.0.1:"));
    /// assert!(matches!(node.start(), Err(zre::NodeError::AlreadyStarted)));
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn start(&mut self) -> Result<(), NodeError> {
        if !matches!(self.phase, Phase::Idle) {
            return Err(NodeError::AlreadyStarted);
        }
        match self.query_signal(Command::Start)? {
            start_status::OK => {}
            start_status::ALREADY_STARTED => return Err(NodeError::AlreadyStarted),
            start_status::NO_BEACON_INTERFACE => return Err(NodeError::NoBeaconInterface),
            start_status::BOUND_WITHOUT_CURVE => return Err(NodeError::CertAfterBind),
            start_status::BEACON_NEEDS_TCP => {
                return Err(NodeError::BeaconNeedsTcp(
                    self.query_text(Command::Endpoint)?,
                ))
            }
            _ => return Err(NodeError::StartFailed),
        }
        self.phase = Phase::Running(Endpoints {
            endpoint: self.query_text(Command::Endpoint)?,
            ipc: non_empty(self.query_text(Command::IpcEndpoint)?),
            gossip: non_empty(self.query_text(Command::GossipEndpoint)?),
        });
        Ok(())
    }

    fn endpoints(&self) -> Option<&Endpoints> {
        match &self.phase {
            Phase::Running(endpoints) => Some(endpoints),
            _ => None,
        }
    }

    /// The endpoint peers reach this node at, while started.
    ///
    /// ```
    /// assert_eq!(zre::Node::new("n")?.endpoint(), None);
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn endpoint(&self) -> Option<&str> {
        self.endpoints().map(|e| e.endpoint.as_str())
    }

    /// The ipc endpoint this node also listens at for peers on its host,
    /// once started with the beacon and same-host ipc on.
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.start()?; // no beacon: tcp only
    /// assert_eq!(node.ipc_endpoint(), None);
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn ipc_endpoint(&self) -> Option<&str> {
        self.endpoints()?.ipc.as_deref()
    }

    /// A static peer: say HELLO to the node listening at `endpoint` (at
    /// start, or at once when started). Its answering HELLO is matched to
    /// this link by the endpoint it advertises: the same text, or for tcp
    /// the address a host name here resolves to (looked up now, once:
    /// `tcp://localhost:5670` is the node advertising
    /// `tcp://127.0.0.1:5670`). List a node by an address it advertises.
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.connect("tcp://127.0.0.1:5670")?; // remembered; nothing sent yet
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn connect(&mut self, endpoint: &str) -> Result<(), NodeError> {
        self.send(Command::Connect(endpoint.to_string(), None))
    }

    /// A static peer that is a CURVE node: like
    /// [`add_static_peer`](Node::add_static_peer), with the public key of
    /// its certificate (40 Z85 characters), which our DEALER needs to reach
    /// its ROUTER. A node with a [certificate](Node::set_cert) says HELLO
    /// only to peers whose key it knows.
    ///
    /// ```
    /// # if !czmq::has("curve") { return Ok(()); }
    /// let alice_cert = czmq::Cert::new()?;
    /// let mut alice = zre::Node::new("alice")?;
    /// alice.set_cert(&alice_cert)?;
    /// alice.start()?;
    /// let mut bob = zre::Node::new("bob")?;
    /// bob.set_cert(&czmq::Cert::new()?)?;
    /// bob.connect_curve(alice.endpoint().unwrap(), alice_cert.public_txt())?;
    /// bob.start()?;
    /// let event = alice.recv_event_timeout(std::time::Duration::from_secs(10))?;
    /// assert_eq!(event.kind(), "ENTER");
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn connect_curve(&mut self, endpoint: &str, public_key: &str) -> Result<(), NodeError> {
        let key = checked_key(public_key)?;
        self.send(Command::Connect(endpoint.to_string(), Some(key)))
    }

    /// Says HELLO at once to the node `peer` at `endpoint`, a CURVE node
    /// with public key `public_key` (Zyre's draft `zyre_require_peer`, the
    /// `REQUIRE PEER` command): for an application that learnt of the node
    /// by its own means. Unlike [`connect_curve`](Node::connect_curve), the
    /// endpoint is not kept and retried. Needs a started node.
    ///
    /// ```
    /// # if !czmq::has("curve") { return Ok(()); }
    /// let alice_cert = czmq::Cert::new()?;
    /// let mut alice = zre::Node::new("alice")?;
    /// alice.set_cert(&alice_cert)?;
    /// alice.start()?;
    /// let mut bob = zre::Node::new("bob")?;
    /// bob.set_cert(&czmq::Cert::new()?)?;
    /// bob.start()?;
    /// bob.require_peer(alice.uuid(), alice.endpoint().unwrap(), alice_cert.public_txt())?;
    /// let event = bob.recv_event_timeout(std::time::Duration::from_secs(10))?;
    /// assert_eq!((event.kind(), event.peer()), ("ENTER", alice.uuid()));
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn require_peer(
        &mut self,
        peer: PeerId,
        endpoint: &str,
        public_key: &str,
    ) -> Result<(), NodeError> {
        if !matches!(self.phase, Phase::Running(_)) {
            return Err(NodeError::NotStarted);
        }
        let key = checked_key(public_key)?;
        self.send(Command::RequirePeer(peer, endpoint.to_string(), key))
    }

    /// CURVE security, as Zyre's draft `zyre_set_zcert`: the node's ROUTER
    /// becomes a CURVE server with `cert`'s keys, every peer's DEALER a
    /// CURVE client with them, our HELLO carries the public key (header
    /// X-PUBLICKEY), our beacon becomes Zyre's 54-byte secure beacon, and
    /// gossip carries the key after our endpoint. Peers' keys come from
    /// their beacons, gossip, HELLO, or [`connect_curve`](Node::connect_curve);
    /// a secure node ignores plain beacons and HELLOs without a key, and
    /// can talk only to CURVE nodes. Who may connect is the business of a
    /// ZAP handler ([`czmq::Auth`]) if one runs in the process (see
    /// [`set_zap_domain`](Node::set_zap_domain)); without one, any client
    /// that knows our public key. Give it before
    /// [`set_endpoint`](Node::set_endpoint), the gossip calls and
    /// [`start`](Node::start) (as with Zyre, they take the keys given so
    /// far); after start it is [`NodeError::AlreadyStarted`].
    ///
    /// ```
    /// # if !czmq::has("curve") { return Ok(()); }
    /// let cert = czmq::Cert::new()?;
    /// let mut node = zre::Node::new("secure")?;
    /// node.set_cert(&cert)?;
    /// node.start()?;
    /// assert!(matches!(node.set_cert(&cert), Err(zre::NodeError::AlreadyStarted)));
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_cert(&mut self, cert: &czmq::Cert) -> Result<(), NodeError> {
        if !matches!(self.phase, Phase::Idle) {
            return Err(NodeError::AlreadyStarted);
        }
        self.send(Command::SetPublicKey(cert.public_txt().to_string()))?;
        self.send(Command::SetSecretKey(cert.secret_txt().to_string()))
    }

    /// The ZAP domain of the node's CURVE server (Zyre's draft
    /// `zyre_set_zap_domain`; `global` by default), which a ZAP handler
    /// such as [`czmq::Auth`] sees with each connecting peer. Give it
    /// before [`start`](Node::start).
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.set_zap_domain("chat")?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_zap_domain(&mut self, domain: &str) -> Result<(), NodeError> {
        self.send(Command::ZapDomain(domain.to_string()))
    }

    /// Adds an endpoint to the static peer list: discovery from
    /// configuration, which works alone (no beacon, no UDP), across
    /// segments where broadcast and multicast do not reach. The node says
    /// HELLO to each listed endpoint at start (or at once, when running),
    /// and again whenever the peer there is lost, so a listed node that
    /// restarts is found again. Endpoints nobody listens at cost nothing
    /// but a retry each reap interval. Same as [`connect`](Node::connect).
    ///
    /// ```
    /// let mut alice = zre::Node::new("alice")?;
    /// alice.start()?;
    /// let mut bob = zre::Node::new("bob")?;
    /// for endpoint in ["tcp://192.0.2.1:5670", alice.endpoint().unwrap()] {
    ///     bob.add_static_peer(endpoint)?;
    /// }
    /// bob.start()?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn add_static_peer(&mut self, endpoint: &str) -> Result<(), NodeError> {
        self.connect(endpoint)
    }

    /// Joins a group: tells every peer, and receives its SHOUTs. Before
    /// start, the group goes out in our HELLO.
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.join("CHAT")?;
    /// assert_eq!(node.own_groups()?, ["CHAT"]);
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn join(&mut self, group: &str) -> Result<(), NodeError> {
        self.send(Command::Join(group.to_string()))
    }

    /// Contests the leadership of `group` (Zyre's draft
    /// `zyre_set_contest_in_group`). Whenever a peer in the group says
    /// HELLO or JOIN, when this node joins a group that has members, and
    /// when the leader leaves, the group holds an election; every member
    /// (contestant or not) gets an [`Event::Leader`] naming the contestant
    /// with the lowest UUID. Members that do not contest still take part,
    /// so the group agrees on a leader; a group in which nobody contests
    /// elects no one. Interoperates with Zyre's elections.
    ///
    /// ```
    /// use std::time::Duration;
    /// use zre::{Event, Node};
    /// let mut alice = Node::new("alice")?;
    /// alice.set_contest_in_group("WORKERS")?;
    /// alice.join("WORKERS")?;
    /// alice.start()?;
    /// let mut bob = Node::new("bob")?;
    /// bob.set_contest_in_group("WORKERS")?;
    /// bob.join("WORKERS")?;
    /// bob.connect(alice.endpoint().unwrap())?;
    /// bob.start()?;
    /// let lowest = alice.uuid().min(bob.uuid());
    /// let leader = loop {
    ///     if let Event::Leader { peer, .. } = bob.recv_event_timeout(Duration::from_secs(5))? {
    ///         break peer;
    ///     }
    /// };
    /// assert_eq!(leader, lowest);
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_contest_in_group(&mut self, group: &str) -> Result<(), NodeError> {
        self.send(Command::SetContest(group.to_string()))
    }

    /// Leaves a group.
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.join("CHAT")?;
    /// node.leave("CHAT")?;
    /// assert!(node.own_groups()?.is_empty());
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn leave(&mut self, group: &str) -> Result<(), NodeError> {
        self.send(Command::Leave(group.to_string()))
    }

    /// Sends frames to one peer (dropped if the peer is unknown).
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.start()?;
    /// node.whisper(zre::PeerId::random(), [b"nobody hears".to_vec()])?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn whisper<I>(&mut self, peer: PeerId, content: I) -> Result<(), NodeError>
    where
        I: IntoIterator<Item = Vec<u8>>,
    {
        self.send(Command::Whisper(peer, content.into_iter().collect()))
    }

    /// Sends frames to every peer in a group.
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.start()?;
    /// node.shout("CHAT", [b"anyone?".to_vec()])?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn shout<I>(&mut self, group: &str, content: I) -> Result<(), NodeError>
    where
        I: IntoIterator<Item = Vec<u8>>,
    {
        self.send(Command::Shout(
            group.to_string(),
            content.into_iter().collect(),
        ))
    }

    /// The peers that have said HELLO and not left.
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.start()?;
    /// assert!(node.peers()?.is_empty());
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn peers(&mut self) -> Result<Vec<PeerId>, NodeError> {
        peer_ids(self.query_list(Command::Peers)?)
    }

    /// The peers in a group (Zyre's `zyre_peers_by_group`).
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.start()?;
    /// assert!(node.peers_by_group("CHAT")?.is_empty());
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn peers_by_group(&mut self, group: &str) -> Result<Vec<PeerId>, NodeError> {
        peer_ids(self.query_list(Command::GroupPeers(group.to_string()))?)
    }

    /// The groups our peers are in.
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.start()?;
    /// assert!(node.peer_groups()?.is_empty());
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn peer_groups(&mut self) -> Result<Vec<String>, NodeError> {
        self.query_list(Command::PeerGroups)
    }

    /// The groups we are in.
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// assert!(node.own_groups()?.is_empty());
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn own_groups(&mut self) -> Result<Vec<String>, NodeError> {
        self.query_list(Command::OwnGroups)
    }

    /// A peer's name, if it is known (and not empty).
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.start()?;
    /// assert_eq!(node.peer_name(zre::PeerId::random())?, None);
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn peer_name(&mut self, peer: PeerId) -> Result<Option<String>, NodeError> {
        Ok(non_empty(self.query_text(Command::PeerName(peer))?))
    }

    /// A header a peer sent in its HELLO, if it is known and sent that
    /// header with a non-empty value (Zyre's `zyre_peer_header_value`).
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// assert_eq!(node.peer_header(zre::PeerId::random(), "X-ROLE")?, None);
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn peer_header(&mut self, peer: PeerId, name: &str) -> Result<Option<String>, NodeError> {
        Ok(non_empty(
            self.query_text(Command::PeerHeader(peer, name.to_string()))?,
        ))
    }

    /// The endpoint we reach a peer at (Zyre's `zyre_peer_address`): what
    /// its HELLO advertised, a static endpoint, or its ipc endpoint when it
    /// is on this host (see [`set_same_host_ipc`](Node::set_same_host_ipc)).
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.start()?;
    /// assert_eq!(node.peer_address(zre::PeerId::random())?, None);
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn peer_address(&mut self, peer: PeerId) -> Result<Option<String>, NodeError> {
        Ok(non_empty(self.query_text(Command::PeerEndpoint(peer))?))
    }

    /// Logs the node's state at info level (Zyre's `zyre_print`).
    ///
    /// ```
    /// zre::Node::new("n")?.dump()?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn dump(&mut self) -> Result<(), NodeError> {
        self.send(Command::Dump)
    }

    /// The next event, waiting as long as it takes (Zyre's `zyre_recv`).
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.start()?;
    /// node.stop()?;
    /// assert_eq!(node.recv_event()?.kind(), "STOP");
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn recv_event(&self) -> Result<Event, NodeError> {
        loop {
            if let Some(event) = self.next_event(None)? {
                return Ok(event);
            }
        }
    }

    /// The next event, waiting up to `timeout`; [`NodeError::Timeout`]
    /// if none comes.
    ///
    /// ```
    /// let node = zre::Node::new("n")?;
    /// let quiet = node.recv_event_timeout(std::time::Duration::from_millis(10));
    /// assert!(matches!(quiet, Err(zre::NodeError::Timeout)));
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn recv_event_timeout(&self, timeout: Duration) -> Result<Event, NodeError> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if let Some(event) = self.next_event(Some(left))? {
                return Ok(event);
            }
            if left.is_zero() {
                return Err(NodeError::Timeout);
            }
        }
    }

    /// The next event if one is waiting, without waiting.
    ///
    /// ```
    /// let node = zre::Node::new("n")?;
    /// assert!(node.try_recv_event()?.is_none());
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn try_recv_event(&self) -> Result<Option<Event>, NodeError> {
        self.next_event(Some(Duration::ZERO))
    }

    /// One message from the event socket within `timeout` (`None`: no
    /// limit), parsed; `None` if nothing came, or it was no event we know.
    fn next_event(&self, timeout: Option<Duration>) -> Result<Option<Event>, NodeError> {
        let mut items = [PollItem::socket(&self.events, PollEvents::POLLIN)];
        poll(&mut items, timeout)?;
        if !items[0].is_readable() {
            return Ok(None);
        }
        let frames = self.events.recv_parts()?;
        let event = Event::from_frames(&frames);
        if event.is_none() {
            log::debug!("zre: a message on the event socket that is no event; skipped");
        }
        Ok(event)
    }

    /// The event socket (Zyre's `zyre_socket`): poll it beside other
    /// sockets ([`czmq::Poller`], [`czmq::Loop`]); each message is one
    /// event in Zyre's frames ([`Event::from_frames`]), which
    /// [`recv_event`](Node::recv_event) reads for you.
    ///
    /// ```
    /// use std::time::Duration;
    /// let mut node = zre::Node::new("n")?;
    /// node.start()?;
    /// node.stop()?;
    /// // As a Zyre program polls zyre_socket with zpoller.
    /// let mut poller = czmq::Poller::new();
    /// let events = poller.add(node.socket());
    /// assert_eq!(poller.wait(Some(Duration::from_secs(5))), Some(events));
    /// let frames = node.socket().recv_strs()?;
    /// assert_eq!(frames, ["STOP", &node.uuid().to_string(), "n"]);
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn socket(&self) -> &Sock {
        &self.events
    }

    /// The node actor, whose pipe takes Zyre's commands (see the crate
    /// docs): for a command this type has no method for. Its replies come
    /// back on the same pipe; read each one before the next call here.
    ///
    /// ```
    /// let node = zre::Node::new("n")?;
    /// node.actor().sock().send_strs(&["NAME"])?;
    /// assert_eq!(node.actor().sock().recv_strs()?, ["n"]);
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Says GOODBYE to every peer (and the leaving beacon), ends discovery,
    /// and emits a last event, STOP (Zyre's `zyre_stop`). The actor still
    /// answers queries, with no peers, until the node is dropped; a stopped
    /// node does not start again.
    ///
    /// ```
    /// let mut node = zre::Node::new("n")?;
    /// node.start()?;
    /// node.stop()?;
    /// assert!(node.peers()?.is_empty());
    /// assert!(node.stop().is_err());
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn stop(&mut self) -> Result<(), NodeError> {
        if !matches!(self.phase, Phase::Running(_)) {
            return Err(NodeError::NotStarted);
        }
        self.query_signal(Command::Stop)?;
        self.phase = Phase::Stopped;
        Ok(())
    }

    fn send(&self, command: Command) -> Result<(), NodeError> {
        Ok(self.actor.sock().send_parts(&command.into_frames())?)
    }

    /// Sends a query and reads its reply; an actor that ended (it never
    /// should before `$TERM`) is an error, not a hang.
    fn query(&self, command: Command) -> Result<Msg, NodeError> {
        self.send(command)?;
        let pipe = self.actor.sock();
        loop {
            let mut items = [PollItem::socket(pipe, PollEvents::POLLIN)];
            poll(&mut items, Some(ACTOR_CHECK))?;
            if items[0].is_readable() {
                return Ok(Msg::recv(pipe)?);
            }
            if self.actor.is_finished() {
                return Err(NodeError::ActorGone);
            }
        }
    }

    fn query_signal(&self, command: Command) -> Result<u8, NodeError> {
        self.query(command)?.signal().ok_or(NodeError::BadReply)
    }

    fn query_text(&self, command: Command) -> Result<String, NodeError> {
        let mut texts = texts(self.query(command)?)?;
        match (texts.pop(), texts.is_empty()) {
            (Some(text), true) => Ok(text),
            _ => Err(NodeError::BadReply),
        }
    }

    /// A list reply: the count, then the items.
    fn query_list(&self, command: Command) -> Result<Vec<String>, NodeError> {
        let mut texts = texts(self.query(command)?)?;
        let items = texts.split_off(1.min(texts.len()));
        match texts.first().map(|count| count.parse::<usize>()) {
            Some(Ok(count)) if count == items.len() => Ok(items),
            _ => Err(NodeError::BadReply),
        }
    }
}

/// How often a query waiting for its reply checks the actor is alive.
const ACTOR_CHECK: Duration = Duration::from_millis(100);

fn texts(frames: Msg) -> Result<Vec<String>, NodeError> {
    frames
        .into_iter()
        .map(|f| String::from_utf8(f.data().to_vec()).map_err(|_| NodeError::BadReply))
        .collect()
}

fn peer_ids(texts: Vec<String>) -> Result<Vec<PeerId>, NodeError> {
    texts
        .iter()
        .map(|t| t.parse().map_err(|_| NodeError::BadReply))
        .collect()
}
