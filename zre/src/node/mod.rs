//! The ZRE node: an actor that finds peers, tracks their groups and
//! liveness, and passes messages, with an idiomatic handle over it.

mod actor;
mod command;
mod config;
mod ipc;
mod peer;
mod srv;

use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use czmq::{Actor, Beacon, Sock, SocketType};
use thiserror::Error;

use crate::{Event, PeerId};
use actor::NodeActor;
use command::Command;
use config::Config;
pub use config::{
    DEFAULT_BEACON_INTERVAL, DEFAULT_DNS_INTERVAL, DEFAULT_ENDPOINT, DEFAULT_EVASIVE_TIMEOUT,
    DEFAULT_EXPIRED_TIMEOUT, DEFAULT_REAP_INTERVAL,
};

/// What can go wrong driving a node.
///
/// ```
/// let mut node = zre::Node::new("x");
/// assert!(matches!(node.join("CHAT"), Err(zre::NodeError::NotStarted)));
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
}

/// A ZRE node: Zyre's `zyre_t`, in Rust.
///
/// Configure it, [`start`](Node::start) it, let it find peers (by
/// [UDP beacon](Node::set_beacon), a [static list](Node::add_static_peer),
/// [DNS SRV](Node::set_dns_srv) or [gossip](Node::gossip_connect)), and
/// read what happens from [`events`](Node::events). Dropping it (or
/// [`stop`](Node::stop)) says GOODBYE to every peer (and sends the leaving
/// beacon, with the beacon on).
///
/// ```
/// use std::time::Duration;
/// use zre::{Event, Node};
/// let mut alice = Node::new("alice");
/// let mut bob = Node::new("bob");
/// alice.start()?;
/// bob.start()?;
/// bob.connect(alice.endpoint().unwrap())?;
/// let hello = loop {
///     match alice.events().recv_timeout(Duration::from_secs(5))? {
///         Event::Enter { name, .. } => break name,
///         _ => continue,
///     }
/// };
/// assert_eq!(hello, "bob");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Node {
    config: Config,
    running: Option<Running>,
    events: Receiver<Event>,
    /// Handed to the actor at start (kept here until then).
    events_tx: Option<std::sync::mpsc::Sender<Event>>,
    connects: Vec<String>,
}

struct Running {
    actor: Actor,
    endpoint: String,
    /// The same-host ipc endpoint, when bound.
    ipc_endpoint: Option<String>,
    /// Where our gossip node listens, when bound.
    gossip_endpoint: Option<String>,
}

impl Node {
    /// A node with this public name, a fresh UUID and Zyre's default timers;
    /// not started.
    ///
    /// ```
    /// let node = zre::Node::new("alice");
    /// assert_eq!(node.name(), "alice");
    /// assert_eq!(node.uuid().to_string().len(), 32);
    /// ```
    pub fn new(name: &str) -> Node {
        let (tx, rx) = channel();
        Node {
            config: Config::new(name),
            running: None,
            events: rx,
            events_tx: Some(tx),
            connects: Vec::new(),
        }
    }

    /// This node's UUID.
    ///
    /// ```
    /// let node = zre::Node::new("a");
    /// assert_ne!(node.uuid(), zre::Node::new("b").uuid());
    /// ```
    pub fn uuid(&self) -> PeerId {
        self.config.id
    }

    /// This node's public name.
    ///
    /// ```
    /// assert_eq!(zre::Node::new("n").name(), "n");
    /// ```
    pub fn name(&self) -> &str {
        &self.config.name
    }

    /// Where to listen (default [`DEFAULT_ENDPOINT`], loopback with a port
    /// CZMQ picks); the endpoint bound is what peers are told to connect
    /// to, so give a reachable address, or inproc for one process.
    ///
    /// ```
    /// let mut node = zre::Node::new("n");
    /// node.set_endpoint("inproc://zre-doc-endpoint");
    /// node.start()?;
    /// assert_eq!(node.endpoint(), Some("inproc://zre-doc-endpoint"));
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn set_endpoint(&mut self, endpoint: &str) {
        self.config.bind = endpoint.to_string();
    }

    /// Adds a header sent in HELLO (Zyre's `zyre_set_header`).
    ///
    /// ```
    /// let mut node = zre::Node::new("n");
    /// node.set_header("X-ROLE", "demo");
    /// ```
    pub fn set_header(&mut self, name: &str, value: &str) {
        self.config
            .headers
            .push((name.to_string(), value.to_string()));
    }

    /// Silence after which a peer is pinged and reported EVASIVE (5 s).
    ///
    /// ```
    /// zre::Node::new("n").set_evasive_timeout(std::time::Duration::from_secs(1));
    /// ```
    pub fn set_evasive_timeout(&mut self, timeout: Duration) {
        self.config.evasive_timeout = timeout;
    }

    /// Silence after which a peer is dropped with EXIT (30 s).
    ///
    /// ```
    /// zre::Node::new("n").set_expired_timeout(std::time::Duration::from_secs(10));
    /// ```
    pub fn set_expired_timeout(&mut self, timeout: Duration) {
        self.config.expired_timeout = timeout;
    }

    /// How often peers' deadlines are checked (1 s, Zyre's REAP_INTERVAL);
    /// also the delay between EVASIVE and SILENT. At least 1 ms.
    ///
    /// ```
    /// zre::Node::new("n").set_reap_interval(std::time::Duration::from_millis(100));
    /// ```
    pub fn set_reap_interval(&mut self, interval: Duration) {
        self.config.reap_interval = interval.max(Duration::from_millis(1));
    }

    /// Turns on UDP discovery (Zyre's default): the node broadcasts Zyre's
    /// 22-byte beacon (23 with [`set_beacon_state`](Node::set_beacon_state))
    /// with its ROUTER's port on `port` (Zyre uses 5670) every beacon
    /// interval, says HELLO to the sender of every new UUID heard, and
    /// drops a peer whose beacon carries port 0 or state EXIT (sent when a
    /// node stops). `settings` picks the interface, as CZMQ's zsys does
    /// (`"lo"` works, for one host).
    ///
    /// ```
    /// let mut settings = czmq::BeaconSettings::from_zsys();
    /// settings.interface = "lo".into();
    /// let mut node = zre::Node::new("n");
    /// node.set_beacon(settings, 5670);
    /// ```
    pub fn set_beacon(&mut self, settings: czmq::BeaconSettings, port: u16) {
        self.config.beacon = Some((settings, port));
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
    /// zre::Node::new("n").set_same_host_ipc(false); // always tcp
    /// ```
    pub fn set_same_host_ipc(&mut self, enabled: bool) {
        self.config.same_host_ipc = enabled;
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
    /// let mut node = zre::Node::new("n");
    /// node.set_beacon_state(true); // 23-byte beacons: RUNNING, then EXIT
    /// ```
    pub fn set_beacon_state(&mut self, enabled: bool) {
        self.config.beacon_state = enabled;
    }

    /// How often the beacon goes out (1 s).
    ///
    /// ```
    /// zre::Node::new("n").set_beacon_interval(std::time::Duration::from_millis(250));
    /// ```
    pub fn set_beacon_interval(&mut self, interval: Duration) {
        self.config.beacon_interval = interval.max(Duration::from_millis(1));
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
    /// let mut node = zre::Node::new("n");
    /// node.set_dns_srv("_zre._tcp.example.org");
    /// node.set_dns_server("192.0.2.53:53".parse().unwrap()); // else /etc/resolv.conf's
    /// node.set_dns_interval(std::time::Duration::from_secs(10));
    /// ```
    pub fn set_dns_srv(&mut self, name: &str) {
        self.config.dns_srv = Some(name.to_string());
    }

    /// The DNS server [DNS SRV discovery](Node::set_dns_srv) asks (UDP);
    /// by default the first `nameserver` of `/etc/resolv.conf`
    /// ([`dns::system_server`](crate::dns::system_server)).
    ///
    /// ```
    /// let mut node = zre::Node::new("n");
    /// node.set_dns_server("127.0.0.1:5353".parse().unwrap());
    /// ```
    pub fn set_dns_server(&mut self, server: std::net::SocketAddr) {
        self.config.dns_server = Some(server);
    }

    /// How often [DNS SRV discovery](Node::set_dns_srv) looks its name up
    /// again ([`DEFAULT_DNS_INTERVAL`], 30 s). After a failed lookup the
    /// next comes within 5 s. At least 1 ms.
    ///
    /// ```
    /// zre::Node::new("n").set_dns_interval(std::time::Duration::from_secs(5));
    /// ```
    pub fn set_dns_interval(&mut self, interval: Duration) {
        self.config.dns_interval = interval.max(Duration::from_millis(1));
    }

    /// Gossip discovery, as Zyre's `zyre_gossip_bind`: the node runs a ZGP
    /// gossip node (the `gossip` crate's actor, wire-compatible with CZMQ's
    /// `zgossip`) listening at `endpoint`, a hub that other nodes (ours or
    /// Zyre's) [connect](Node::gossip_connect) to. Every node publishes the
    /// tuple Zyre does, key its UUID (32 hex digits), value its endpoint;
    /// each tuple heard is a peer to say HELLO to, like a static peer. Works
    /// alone (no beacon), or alongside the other sources. Before
    /// [`start`](Node::start) only; `tcp://host:*` picks a free port (see
    /// [`gossip_endpoint`](Node::gossip_endpoint)).
    ///
    /// ```
    /// let mut hub = zre::Node::new("hub");
    /// hub.gossip_bind("tcp://127.0.0.1:*")?;
    /// hub.start()?;
    /// let mut node = zre::Node::new("n");
    /// node.gossip_connect(hub.gossip_endpoint().unwrap())?;
    /// node.start()?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn gossip_bind(&mut self, endpoint: &str) -> Result<(), NodeError> {
        if self.running.is_some() {
            return Err(NodeError::AlreadyStarted);
        }
        self.config.gossip_bind = Some(endpoint.to_string());
        Ok(())
    }

    /// Gossip discovery, as Zyre's `zyre_gossip_connect`: the node's gossip
    /// node connects to the one at `endpoint` (a [hub](Node::gossip_bind)),
    /// publishes our UUID and endpoint there, and says HELLO to every node
    /// whose tuple it hears. May be given several times, and together with
    /// `gossip_bind`. Before [`start`](Node::start) only.
    ///
    /// ```
    /// let mut node = zre::Node::new("n");
    /// node.gossip_connect("tcp://192.0.2.1:5671")?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn gossip_connect(&mut self, endpoint: &str) -> Result<(), NodeError> {
        if self.running.is_some() {
            return Err(NodeError::AlreadyStarted);
        }
        self.config.gossip_connect.push(endpoint.to_string());
        Ok(())
    }

    /// Where this node's gossip node listens, once started with
    /// [`gossip_bind`](Node::gossip_bind) (a `*` port replaced by the one
    /// bound).
    ///
    /// ```
    /// let mut node = zre::Node::new("n");
    /// node.gossip_bind("tcp://127.0.0.1:*")?;
    /// assert_eq!(node.gossip_endpoint(), None);
    /// node.start()?;
    /// assert!(node.gossip_endpoint().unwrap().starts_with("tcp://127.0.0.1:"));
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn gossip_endpoint(&self) -> Option<&str> {
        self.running.as_ref()?.gossip_endpoint.as_deref()
    }

    /// Binds the node's ROUTER and starts its actor; then says HELLO to
    /// the endpoints given to [`connect`](Node::connect) so far.
    ///
    /// ```
    /// let mut node = zre::Node::new("n");
    /// node.start()?;
    /// assert!(node.endpoint().unwrap().starts_with("tcp://127.0.0.1:"));
    /// assert!(node.start().is_err());
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn start(&mut self) -> Result<(), NodeError> {
        if self.running.is_some() {
            return Err(NodeError::AlreadyStarted);
        }
        let events = self.events_tx.take().ok_or(NodeError::AlreadyStarted)?;
        let mut inbox = Sock::new(SocketType::Router)?;
        // As Zyre does: a peer that reconnects (it dropped us and said HELLO
        // again, or restarted with its UUID) takes its routing id over from
        // the old connection, which libzmq would otherwise keep and so drop
        // every message on the new one.
        inbox.as_socket().set_router_handover(true)?;
        let port = inbox.bind(&self.config.bind)?;
        let mut endpoint = inbox.endpoint().unwrap_or(&self.config.bind).to_string();
        // Before the first beacon goes out, so a peer on this host that hears
        // it finds our ipc socket already there.
        let wants_ipc = self.config.beacon.is_some() && self.config.same_host_ipc;
        let ipc_endpoint = match wants_ipc && cfg!(unix) {
            true => self.bind_ipc(&mut inbox),
            false => None,
        };
        let beacon = match &self.config.beacon {
            Some((settings, udp_port)) => {
                let (beacon, address) = self.start_beacon(settings.clone(), *udp_port, port)?;
                // A wildcard bind is advertised at the beacon's address, as Zyre does.
                for wildcard in ["tcp://*:", "tcp://0.0.0.0:"] {
                    if endpoint.starts_with(wildcard) {
                        endpoint = format!("tcp://{address}:{port}");
                    }
                }
                Some(beacon)
            }
            None => None,
        };
        let mut node = NodeActor::new(self.config.clone(), endpoint.clone(), events);
        if let Some(beacon) = beacon {
            node.set_beacon(beacon);
        }
        if let Some(name) = &self.config.dns_srv {
            let server = self
                .config
                .dns_server
                .unwrap_or_else(crate::dns::system_server);
            let feed = srv::start(
                self.config.id,
                name.clone(),
                server,
                self.config.dns_interval,
            )?;
            node.set_dns(feed);
        }
        let mut gossip_endpoint = None;
        if self.config.gossip_bind.is_some() || !self.config.gossip_connect.is_empty() {
            let (gossip, bound) = self.start_gossip(&endpoint)?;
            gossip_endpoint = bound;
            node.set_gossip(gossip);
        }
        let socket_file = ipc_endpoint
            .as_deref()
            .and_then(|e| e.strip_prefix("ipc://"))
            .map(std::path::PathBuf::from);
        let actor = Actor::new(move |pipe| {
            pipe.signal(0)?;
            let result = node.run(&pipe, &inbox);
            // libzmq leaves an ipc socket file behind when its context
            // outlives the socket's close; remove ours so the directory
            // does not fill up with dead nodes' files.
            drop(inbox);
            if let Some(path) = socket_file {
                if let Err(e) = std::fs::remove_file(&path) {
                    log::debug!("zre: removing {}: {e}", path.display());
                }
            }
            result
        })?;
        self.running = Some(Running {
            actor,
            endpoint,
            ipc_endpoint,
            gossip_endpoint,
        });
        for endpoint in std::mem::take(&mut self.connects) {
            self.send(Command::Connect(endpoint))?;
        }
        Ok(())
    }

    /// Also listens at our same-host ipc endpoint; `None` (tcp only) if
    /// that fails, e.g. an unwritable runtime directory.
    fn bind_ipc(&self, inbox: &mut Sock) -> Option<String> {
        let endpoint = ipc::endpoint_for(self.config.id);
        match inbox.bind(&endpoint) {
            Ok(_) => Some(endpoint),
            Err(e) => {
                log::warn!("zre: same-host ipc at {endpoint}: {e}; tcp only");
                None
            }
        }
    }

    /// Starts our gossip node: binds and connects it as configured and
    /// publishes Zyre's tuple (our UUID, `endpoint`); returns it with the
    /// endpoint it listens at, if bound.
    fn start_gossip(&self, endpoint: &str) -> Result<(gossip::Gossip, Option<String>), NodeError> {
        let gossip = gossip::Gossip::new(&self.config.name)?;
        let mut bound = None;
        if let Some(bind) = &self.config.gossip_bind {
            let port = gossip.bind(bind)?;
            bound = Some(match bind.strip_suffix(":*") {
                Some(host) => format!("{host}:{port}"),
                None => bind.clone(),
            });
        }
        for remote in &self.config.gossip_connect {
            gossip.connect(remote)?;
        }
        gossip.publish(self.config.id.to_string(), endpoint)?;
        Ok((gossip, bound))
    }

    /// Configures the UDP beacon and starts publishing our port; returns it
    /// with the address it uses.
    fn start_beacon(
        &self,
        settings: czmq::BeaconSettings,
        udp_port: u16,
        tcp_port: u16,
    ) -> Result<(Beacon, String), NodeError> {
        if tcp_port == 0 {
            return Err(NodeError::BeaconNeedsTcp(self.config.bind.clone()));
        }
        let mut beacon = Beacon::with_settings(settings)?;
        let address = beacon.configure(udp_port)?;
        if address.is_empty() {
            return Err(NodeError::NoBeaconInterface);
        }
        let mut payload = crate::beacon::Beacon::zyre(*self.config.id.as_bytes(), tcp_port);
        if self.config.beacon_state {
            payload.state = Some(crate::beacon::NodeState::Running);
        }
        beacon.subscribe(b"ZRE")?;
        beacon.publish(&payload.encode(), self.config.beacon_interval)?;
        Ok((beacon, address))
    }

    /// The endpoint peers reach this node at, once started.
    ///
    /// ```
    /// assert_eq!(zre::Node::new("n").endpoint(), None);
    /// ```
    pub fn endpoint(&self) -> Option<&str> {
        self.running.as_ref().map(|r| r.endpoint.as_str())
    }

    /// The ipc endpoint this node also listens at for peers on its host,
    /// once started with the beacon and same-host ipc on.
    ///
    /// ```
    /// let mut node = zre::Node::new("n");
    /// node.start()?; // no beacon: tcp only
    /// assert_eq!(node.ipc_endpoint(), None);
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn ipc_endpoint(&self) -> Option<&str> {
        self.running.as_ref()?.ipc_endpoint.as_deref()
    }

    /// A static peer: say HELLO to the node listening at `endpoint` (before
    /// start, remembered until then). Give the endpoint exactly as that
    /// node advertises it, so its answering HELLO is matched to this link.
    ///
    /// ```
    /// let mut node = zre::Node::new("n");
    /// node.connect("tcp://127.0.0.1:5670")?; // remembered; nothing sent yet
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn connect(&mut self, endpoint: &str) -> Result<(), NodeError> {
        if self.running.is_none() {
            self.connects.push(endpoint.to_string());
            return Ok(());
        }
        self.send(Command::Connect(endpoint.to_string()))
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
    /// let mut alice = zre::Node::new("alice");
    /// alice.start()?;
    /// let mut bob = zre::Node::new("bob");
    /// for endpoint in ["tcp://192.0.2.1:5670", alice.endpoint().unwrap()] {
    ///     bob.add_static_peer(endpoint)?;
    /// }
    /// bob.start()?;
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn add_static_peer(&mut self, endpoint: &str) -> Result<(), NodeError> {
        self.connect(endpoint)
    }

    /// Joins a group: tells every peer, and receives its SHOUTs.
    ///
    /// ```
    /// let mut node = zre::Node::new("n");
    /// node.start()?;
    /// node.join("CHAT")?;
    /// assert_eq!(node.own_groups()?, ["CHAT"]);
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn join(&mut self, group: &str) -> Result<(), NodeError> {
        self.send(Command::Join(group.to_string()))
    }

    /// Leaves a group.
    ///
    /// ```
    /// let mut node = zre::Node::new("n");
    /// node.start()?;
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
    /// let mut node = zre::Node::new("n");
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
    /// let mut node = zre::Node::new("n");
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
    /// let mut node = zre::Node::new("n");
    /// node.start()?;
    /// assert!(node.peers()?.is_empty());
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn peers(&mut self) -> Result<Vec<PeerId>, NodeError> {
        self.query(Command::Peers)?
            .iter()
            .map(|f| to_peer_id(f))
            .collect()
    }

    /// The peers in a group.
    ///
    /// ```
    /// let mut node = zre::Node::new("n");
    /// node.start()?;
    /// assert!(node.peers_by_group("CHAT")?.is_empty());
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn peers_by_group(&mut self, group: &str) -> Result<Vec<PeerId>, NodeError> {
        let frames = self.query(Command::PeersByGroup(group.to_string()))?;
        frames.iter().map(|f| to_peer_id(f)).collect()
    }

    /// The groups our peers are in.
    ///
    /// ```
    /// let mut node = zre::Node::new("n");
    /// node.start()?;
    /// assert!(node.peer_groups()?.is_empty());
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn peer_groups(&mut self) -> Result<Vec<String>, NodeError> {
        texts(self.query(Command::PeerGroups)?)
    }

    /// The groups we are in.
    ///
    /// ```
    /// let mut node = zre::Node::new("n");
    /// node.start()?;
    /// assert!(node.own_groups()?.is_empty());
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn own_groups(&mut self) -> Result<Vec<String>, NodeError> {
        texts(self.query(Command::OwnGroups)?)
    }

    /// A peer's name, if it is known.
    ///
    /// ```
    /// let mut node = zre::Node::new("n");
    /// node.start()?;
    /// assert_eq!(node.peer_name(zre::PeerId::random())?, None);
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn peer_name(&mut self, peer: PeerId) -> Result<Option<String>, NodeError> {
        Ok(texts(self.query(Command::PeerName(peer))?)?
            .into_iter()
            .next())
    }

    /// The endpoint we reach a peer at (Zyre's `zyre_peer_address`): what
    /// its HELLO advertised, a static endpoint, or its ipc endpoint when it
    /// is on this host (see [`set_same_host_ipc`](Node::set_same_host_ipc)).
    ///
    /// ```
    /// let mut node = zre::Node::new("n");
    /// node.start()?;
    /// assert_eq!(node.peer_address(zre::PeerId::random())?, None);
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn peer_address(&mut self, peer: PeerId) -> Result<Option<String>, NodeError> {
        Ok(texts(self.query(Command::PeerAddress(peer))?)?
            .into_iter()
            .next())
    }

    /// The events, in the order they happened.
    ///
    /// ```
    /// let node = zre::Node::new("n");
    /// assert!(node.events().try_recv().is_err());
    /// ```
    pub fn events(&self) -> &Receiver<Event> {
        &self.events
    }

    /// Says GOODBYE to every peer and ends the actor (drop does the same).
    ///
    /// ```
    /// let mut node = zre::Node::new("n");
    /// node.start()?;
    /// node.stop()?;
    /// assert!(node.peers().is_err());
    /// # Ok::<(), zre::NodeError>(())
    /// ```
    pub fn stop(&mut self) -> Result<(), NodeError> {
        match self.running.take() {
            Some(running) => Ok(running.actor.join()?),
            None => Err(NodeError::NotStarted),
        }
    }

    fn actor(&self) -> Result<&Actor, NodeError> {
        self.running
            .as_ref()
            .map(|r| &r.actor)
            .ok_or(NodeError::NotStarted)
    }

    fn send(&mut self, command: Command) -> Result<(), NodeError> {
        Ok(self.actor()?.sock().send_parts(&command.into_frames())?)
    }

    fn query(&mut self, command: Command) -> Result<Vec<Vec<u8>>, NodeError> {
        self.send(command)?;
        let frames = self.actor()?.sock().recv_parts()?;
        match frames.split_first() {
            Some((ok, items)) if ok.data() == b"OK" => {
                Ok(items.iter().map(|f| f.data().to_vec()).collect())
            }
            _ => Err(NodeError::BadReply),
        }
    }
}

fn to_peer_id(frame: &[u8]) -> Result<PeerId, NodeError> {
    let bytes: [u8; 16] = frame.try_into().map_err(|_| NodeError::BadReply)?;
    Ok(PeerId::from_bytes(bytes))
}

fn texts(frames: Vec<Vec<u8>>) -> Result<Vec<String>, NodeError> {
    frames
        .into_iter()
        .map(|f| String::from_utf8(f).map_err(|_| NodeError::BadReply))
        .collect()
}
