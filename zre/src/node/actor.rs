//! The node's thread, Zyre's `zyre_node` actor: it takes Zyre's commands
//! on its pipe (see [`Command`]), and runs one ROUTER that every peer's
//! DEALER talks to, one DEALER (a [`Mailbox`]) per peer, and a reap timer
//! that pings evasive peers and drops expired ones; what happens goes out
//! as Zyre's event frames on its outbox (the application's event socket).

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use czmq::{poll, Beacon, Cert, Frame, PollEvents, PollItem, Sock, SocketType};

use super::address;
use super::command::Command;
use super::config::{Config, DEFAULT_BEACON_INTERVAL, DEFAULT_ENDPOINT};
use super::curve::{parse_key, PublicKey, PUBLIC_KEY_HEADER};
use super::election::{Elections, Step};
use super::ipc;
use super::peer::{later, Mailbox, Peer};
use super::srv::{self, SrvFeed, TARGETS};
use crate::beacon::{Beacon as ZreBeacon, NodeState};
use crate::msg::{Body, Hello, ZreMsg};
use crate::{Event, PeerId};

/// How long DEALERs may keep flushing GOODBYE after the node stops.
const GOODBYE_GRACE: Duration = Duration::from_millis(500);

/// The statuses of the signal that answers START: 0 started (Zyre answers 1
/// for any failure; ours say which, and Zyre's API reads any non-zero
/// status as failure).
pub(crate) mod start_status {
    /// Started.
    pub(crate) const OK: u8 = 0;
    /// A socket, bind or helper thread failed (logged).
    pub(crate) const FAILED: u8 = 1;
    /// START came a second time, or after STOP.
    pub(crate) const ALREADY_STARTED: u8 = 2;
    /// The beacon found no usable interface.
    pub(crate) const NO_BEACON_INTERFACE: u8 = 3;
    /// The beacon needs a tcp endpoint (it carries a TCP port).
    pub(crate) const BEACON_NEEDS_TCP: u8 = 4;
    /// CURVE keys were set after SET ENDPOINT bound the ROUTER without
    /// them (Zyre asserts): the ROUTER would not be a CURVE server.
    pub(crate) const BOUND_WITHOUT_CURVE: u8 = 5;
}

/// Where the node is in its life: configured by SET commands, then
/// started, then stopped (a stopped node answers queries but no peers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Idle,
    Running,
    Stopped,
}

struct Pending {
    endpoint: String,
    /// The node we expect there, when a beacon told us its UUID (its
    /// HELLO then names its tcp endpoint even if we used ipc).
    peer: Option<PeerId>,
    /// What a listed endpoint resolved to: a HELLO naming one of these
    /// comes from the node there, however the list spelled it.
    addresses: Vec<SocketAddr>,
    mailbox: Mailbox,
    since: Instant,
}

/// An endpoint of the static list (given to `connect`).
#[derive(Clone)]
struct StaticPeer {
    endpoint: String,
    /// The CURVE public key of the node there, if given.
    key: Option<PublicKey>,
    /// Where the endpoint leads, resolved once when listed.
    addresses: Vec<SocketAddr>,
}

pub(super) struct NodeActor {
    config: Config,
    /// Our ROUTER, bound by SET ENDPOINT or at START.
    inbox: Sock,
    /// Where events go: the other end is the application's event socket.
    outbox: Sock,
    phase: Phase,
    /// The endpoint peers reach our ROUTER at (sent in HELLO); empty until bound.
    endpoint: String,
    /// The TCP port bound, 0 for other transports.
    port: u16,
    /// The same-host ipc endpoint, when bound.
    ipc_endpoint: Option<String>,
    /// Where our gossip node listens, when bound.
    gossip_endpoint: Option<String>,
    /// SET VERBOSE: log every command at info level.
    verbose: bool,
    peers: BTreeMap<PeerId, Peer>,
    /// Endpoints we said HELLO to and have not heard from (static peers,
    /// beacons): the mailbox is adopted by the peer whose HELLO names the
    /// same endpoint; given up after the expired timeout.
    pending: Vec<Pending>,
    /// Endpoints given to `connect` (with the CURVE key of the node there,
    /// if given): retried when neither known nor pending, so a static peer
    /// that restarts is found again.
    statics: Vec<StaticPeer>,
    /// Our CURVE certificate, once SET SECRETKEY has turned CURVE on: the
    /// ROUTER is then a CURVE server and every DEALER a CURVE client.
    cert: Option<Cert>,
    /// The ROUTER was bound without CURVE (SET ENDPOINT before the keys).
    bound_plain: bool,
    /// UDP discovery, when configured.
    beacon: Option<Beacon>,
    /// DNS SRV discovery's lookups, when configured.
    dns: Option<SrvFeed>,
    /// Gossip discovery's ZGP node, made by the first GOSSIP BIND or CONNECT.
    gossip: Option<gossip::Gossip>,
    /// The endpoints of the last DNS SRV answer (ours left out): retried
    /// like `statics` while the DNS keeps listing them.
    dns_targets: Vec<String>,
    own_groups: BTreeSet<String>,
    status: u8,
    /// Leader elections in the groups we contest or take part in.
    elections: Elections,
}

impl NodeActor {
    /// A node with UUID `id` that sends its events to `outbox`.
    pub(super) fn new(id: PeerId, outbox: Sock) -> czmq::Result<NodeActor> {
        let inbox = Sock::new(SocketType::Router)?;
        // As Zyre does: a peer that reconnects (it dropped us and said HELLO
        // again, or restarted with its UUID) takes its routing id over from
        // the old connection, which libzmq would otherwise keep and so drop
        // every message on the new one.
        inbox.as_socket().set_router_handover(true)?;
        Ok(NodeActor {
            config: Config::new(id),
            inbox,
            outbox,
            phase: Phase::Idle,
            endpoint: String::new(),
            port: 0,
            ipc_endpoint: None,
            gossip_endpoint: None,
            verbose: false,
            peers: BTreeMap::new(),
            pending: Vec::new(),
            statics: Vec::new(),
            cert: None,
            bound_plain: false,
            beacon: None,
            dns: None,
            gossip: None,
            dns_targets: Vec::new(),
            own_groups: BTreeSet::new(),
            status: 0,
            elections: Elections::new(id),
        })
    }

    /// The actor's body: signals ready, serves until `$TERM` (or the pipe
    /// fails), then removes its ipc socket file.
    pub(super) fn run(mut self, pipe: &Sock) -> czmq::Result<()> {
        pipe.signal(0)?;
        let result = self.serve(pipe);
        self.close_ipc();
        result
    }

    /// Stops listening at our same-host ipc endpoint and removes its socket
    /// file: libzmq leaves the file behind when its context outlives the
    /// socket, and the directory would fill up with dead nodes' files.
    fn close_ipc(&mut self) {
        let Some(endpoint) = self.ipc_endpoint.take() else {
            return;
        };
        if let Err(e) = self.inbox.unbind(&endpoint) {
            log::debug!("zre: unbinding {endpoint}: {e}");
        }
        if let Some(path) = endpoint.strip_prefix("ipc://") {
            if let Err(e) = std::fs::remove_file(path) {
                log::debug!("zre: removing {path}: {e}");
            }
        }
    }

    /// The loop: commands from the pipe; once started, messages from
    /// peers, discovery, and the reap timer.
    fn serve(&mut self, pipe: &Sock) -> czmq::Result<()> {
        let mut reap_at = later(Instant::now(), self.config.reap_interval);
        loop {
            let running = self.phase == Phase::Running;
            if !running {
                reap_at = later(Instant::now(), self.config.reap_interval);
            }
            let mut timeout = reap_at.saturating_duration_since(Instant::now());
            // Deliveries our gossip node read ahead of a reply are not on
            // its pipe any more: take them now.
            if running && self.gossip.as_ref().is_some_and(|g| g.pending() > 0) {
                timeout = Duration::ZERO;
            }
            // Before START, like Zyre, only the pipe: gossip deliveries
            // wait on the gossip node's pipe until we can say HELLO.
            let mut socks: Vec<&Sock> = vec![pipe];
            let inbox = Some(&self.inbox).filter(|_| running);
            let inbox_at = slot(&mut socks, inbox);
            let beacon = self.beacon.as_ref().filter(|_| running);
            let beacon_at = slot(&mut socks, beacon.map(|b| b.actor().sock()));
            let dns_at = slot(
                &mut socks,
                self.dns.as_ref().filter(|_| running).map(|d| &d.sock),
            );
            let gossip = self.gossip.as_ref().filter(|_| running);
            let gossip_at = slot(&mut socks, gossip.map(|g| g.actor().sock()));
            let mut items: Vec<PollItem> = socks
                .iter()
                .map(|sock| PollItem::socket(sock, PollEvents::POLLIN))
                .collect();
            poll(&mut items, Some(timeout))?;
            let ready = |at: Option<usize>| at.is_some_and(|i| items[i].is_readable());
            let command_ready = items[0].is_readable();
            let (message_ready, beacon_ready) = (ready(inbox_at), ready(beacon_at));
            let dns_ready = ready(dns_at);
            let gossip_ready = ready(gossip_at) || (running && timeout.is_zero());
            drop(items);
            if command_ready {
                let frames = pipe.recv_parts()?;
                if self.on_command(&frames, pipe)? {
                    return Ok(());
                }
            }
            if message_ready {
                let frames = self.inbox.recv_parts()?;
                self.on_frames(&frames);
            }
            if beacon_ready {
                self.on_beacons();
            }
            if dns_ready {
                self.on_dns_targets();
            }
            if gossip_ready && self.gossip.is_some() {
                self.on_gossip();
            }
            if self.phase == Phase::Running && Instant::now() >= reap_at {
                self.reap();
                reap_at = later(Instant::now(), self.config.reap_interval);
            }
        }
    }

    /// Sends an event to the application as Zyre's frames. The outbox never
    /// blocks (no high-water mark; no send wait once the application's end
    /// is gone): a node whose application reads late loses nothing, and one
    /// whose application has gone does not hang.
    fn emit(&self, event: Event) {
        if let Err(e) = self.outbox.send_parts(&event.to_frames()) {
            log::debug!("zre: {} event not delivered: {e}", event.kind());
        }
    }

    fn our_hello(&self) -> Body {
        Body::Hello(Hello {
            endpoint: self.published_endpoint().to_string(),
            groups: self.own_groups.iter().cloned().collect(),
            status: self.status,
            name: self.config.name.clone(),
            headers: self.config.headers.clone(),
        })
    }

    /// One command from the pipe; true when it is `$TERM`. A command we
    /// cannot read is logged and ignored (Zyre asserts, which aborts).
    fn on_command(&mut self, frames: &[Frame], pipe: &Sock) -> czmq::Result<bool> {
        let command = match Command::parse(frames) {
            Ok(command) => command,
            Err(why) => {
                log::error!("zre ({}): {why}; ignored", self.config.name);
                return Ok(false);
            }
        };
        if self.verbose {
            let name = String::from_utf8_lossy(frames[0].data());
            log::info!("zre ({}): API command={name}", self.config.name);
        }
        match command {
            Command::SetName(name) => self.config.name = name,
            Command::SetHeader(key, value) => self.config.set_header(key, value),
            Command::SetVerbose => self.verbose = true,
            Command::SetPort(port) => self.config.beacon_port = port,
            Command::SetEvasiveTimeout(t) | Command::SetSilentTimeout(t) => {
                self.config.evasive_timeout = t
            }
            Command::SetExpiredTimeout(t) => self.config.expired_timeout = t,
            Command::SetInterval(t) => {
                self.config.beacon_interval = match t.is_zero() {
                    true => DEFAULT_BEACON_INTERVAL,
                    false => t,
                }
            }
            Command::SetEndpoint(endpoint) => {
                let status = u8::from(!self.bind(&endpoint));
                pipe.signal(status)?;
            }
            Command::GossipBind(endpoint) => self.gossip_bind(endpoint),
            Command::GossipConnect(endpoint, server_key) => {
                if let Some(gossip) = self.require_gossip() {
                    let connected = match &server_key {
                        Some(key) => gossip.connect_curve(&endpoint, key),
                        None => gossip.connect(&endpoint),
                    };
                    if let Err(e) = connected {
                        log::error!("zre: GOSSIP CONNECT {endpoint}: {e}");
                    }
                }
            }
            Command::SetPublicKey(key) => {
                if self.check_key(&key, "SET PUBLICKEY") {
                    // As Zyre: HELLO carries it, for peers to reach our ROUTER.
                    self.config
                        .set_header(PUBLIC_KEY_HEADER.into(), key.clone());
                    self.config.security.public_key = Some(key);
                    self.cert = self.config.security.cert();
                }
            }
            Command::SetSecretKey(key) => {
                if self.check_key(&key, "SET SECRETKEY") {
                    self.config.security.secret_key = Some(key);
                    self.cert = self.config.security.cert();
                }
            }
            Command::ZapDomain(domain) => self.config.security.zap_domain = domain,
            Command::RequirePeer(id, endpoint, key) => match parse_key(&key) {
                Some(key) if self.phase == Phase::Running => {
                    self.connect(endpoint, Some(id), Some(key))
                }
                Some(_) => log::error!("zre: REQUIRE PEER {id} before START; ignored"),
                None => log::error!("zre: REQUIRE PEER {id}: {key:?} is not a CURVE key"),
            },
            Command::GossipUnpublish(key) => self.gossip_unpublish(&key),
            Command::Start => {
                let status = self.start().err().unwrap_or(start_status::OK);
                pipe.signal(status)?;
            }
            Command::Stop => {
                self.stop();
                pipe.signal(0)?;
            }
            Command::Term => {
                // Zyre ends without a word on $TERM; we still say GOODBYE
                // (and send the leaving beacon) if the node never stopped.
                if self.phase == Phase::Running {
                    self.say_goodbye();
                }
                return Ok(true);
            }
            Command::Join(group) => {
                if self.own_groups.insert(group.clone()) {
                    self.status = self.status.wrapping_add(1);
                    let status = self.status;
                    self.send_to_all(|| Body::Join {
                        group: group.clone(),
                        status,
                    });
                    let steps = self.elections.on_we_joined(&group, &self.members(&group));
                    self.run_election(&group, steps);
                }
            }
            Command::SetContest(group) => self.elections.set_contest(&group),
            Command::Leave(group) => {
                if self.own_groups.remove(&group) {
                    self.status = self.status.wrapping_add(1);
                    let status = self.status;
                    self.send_to_all(|| Body::Leave {
                        group: group.clone(),
                        status,
                    });
                }
            }
            Command::Whisper(peer, content) => match self.peers.get_mut(&peer) {
                Some(target) => {
                    if let Err(e) = target.mailbox.send(Body::Whisper { content }) {
                        log::warn!("zre: WHISPER to {peer}: {e}");
                        self.remove_peer(peer);
                    }
                }
                None => log::debug!("zre: WHISPER to unknown peer {peer} dropped"),
            },
            Command::Shout(group, content) => {
                let members = self.members(&group);
                self.send_to(&members, &Body::Shout { group, content });
            }
            Command::Peers => {
                let ids: Vec<String> = self.peers.keys().map(PeerId::to_string).collect();
                reply_list(pipe, &ids)?;
            }
            Command::GroupPeers(group) => {
                let ids: Vec<String> = self.members(&group).iter().map(PeerId::to_string).collect();
                reply_list(pipe, &ids)?;
            }
            Command::PeerGroups => {
                let groups: BTreeSet<&String> =
                    self.peers.values().flat_map(|p| &p.groups).collect();
                reply_list(pipe, &groups.into_iter().collect::<Vec<_>>())?;
            }
            Command::OwnGroups => reply_list(pipe, &self.own_groups.iter().collect::<Vec<_>>())?,
            Command::PeerEndpoint(id) => {
                let endpoint = self.peers.get(&id).map(|p| p.endpoint.as_str());
                pipe.send_parts(&[endpoint.unwrap_or("")])?;
            }
            Command::PeerName(id) => {
                let name = self.peers.get(&id).map(|p| p.name.as_str());
                pipe.send_parts(&[name.unwrap_or("")])?;
            }
            Command::PeerHeader(id, key) => {
                let value = self
                    .peers
                    .get(&id)
                    .and_then(|p| p.headers.iter().find(|(k, _)| *k == key))
                    .map(|(_, v)| v.as_str());
                pipe.send_parts(&[value.unwrap_or("")])?;
            }
            Command::Uuid => pipe.send_parts(&[self.config.id.to_string()])?,
            Command::Name => pipe.send_parts(&[&self.config.name])?,
            Command::Dump => self.dump(),
            Command::SetInterface(interface) => self.config.interface = Some(interface),
            Command::SetBeaconSettings(settings) => self.config.beacon_settings = Some(settings),
            Command::SetBeaconState(on) => self.config.beacon_state = on,
            Command::SetSameHostIpc(on) => self.config.same_host_ipc = on,
            Command::SetReapInterval(t) => {
                self.config.reap_interval = t.max(Duration::from_millis(1))
            }
            Command::SetDnsSrv(name) => self.config.dns_srv = Some(name),
            Command::SetDnsServer(server) => self.config.dns_server = Some(server),
            Command::SetDnsInterval(t) => {
                self.config.dns_interval = t.max(Duration::from_millis(1))
            }
            Command::Connect(endpoint, key) => {
                let key = match key.as_deref().map(parse_key) {
                    None => None,
                    Some(Some(key)) => Some(key),
                    Some(None) => {
                        log::error!("zre: CONNECT {endpoint}: not a CURVE key; ignored");
                        return Ok(false);
                    }
                };
                match self.statics.iter_mut().find(|s| s.endpoint == endpoint) {
                    Some(listed) => listed.key = key,
                    None => self.statics.push(StaticPeer {
                        addresses: address::resolve(&endpoint),
                        endpoint: endpoint.clone(),
                        key,
                    }),
                }
                if self.phase == Phase::Running {
                    self.connect(endpoint, None, key);
                }
            }
            Command::Endpoint => pipe.send_parts(&[&self.endpoint])?,
            Command::IpcEndpoint => {
                pipe.send_parts(&[self.ipc_endpoint.as_deref().unwrap_or("")])?
            }
            Command::GossipEndpoint => {
                pipe.send_parts(&[self.gossip_endpoint.as_deref().unwrap_or("")])?
            }
            Command::SetAdvertisedEndpoint(endpoint) => {
                self.config.advertised_endpoint = (!endpoint.is_empty()).then_some(endpoint)
            }
            Command::SetEphemeralPort(port) => {
                self.config.ephemeral_port = (port != 0).then_some(port)
            }
        }
        Ok(false)
    }

    /// Whether `key` can be our CURVE key: 40 Z85 characters, before START
    /// (after it, the ROUTER would stay plain while new DEALERs went
    /// CURVE). Logs why not.
    fn check_key(&self, key: &str, command: &str) -> bool {
        let why = match (parse_key(key), self.phase) {
            (None, _) => "not 40 Z85 characters",
            (Some(_), Phase::Idle) => return true,
            (Some(_), _) => "after START",
        };
        log::error!("zre ({}): {command}: {why}; ignored", self.config.name);
        false
    }

    /// Binds our ROUTER at `endpoint` (SET ENDPOINT, or the default at
    /// START), a CURVE server in our ZAP domain when we have a certificate
    /// (as Zyre applies its zcert before the bind); the endpoint bound (a
    /// `*` port resolved) is what HELLO advertises. False, logged, if the
    /// bind fails.
    fn bind(&mut self, endpoint: &str) -> bool {
        if let Some(cert) = &self.cert {
            let socket = self.inbox.as_socket();
            let secured = cert
                .apply_server(socket)
                .and_then(|()| socket.set_zap_domain(&self.config.security.zap_domain));
            if let Err(e) = secured {
                log::error!("zre: making the ROUTER a CURVE server: {e}");
                return false;
            }
        }
        match self.inbox.bind(endpoint) {
            Ok(port) => {
                self.bound_plain |= self.cert.is_none();
                self.port = port;
                self.endpoint = self.inbox.endpoint().unwrap_or(endpoint).to_string();
                true
            }
            Err(e) => {
                log::warn!("zre: binding {endpoint}: {e}");
                false
            }
        }
    }

    /// START: binds the default endpoint if none was set, starts the
    /// discovery configured (beacon, DNS SRV, gossip's tuple), and says
    /// HELLO to the static peers. `Err` is the status to answer.
    fn start(&mut self) -> Result<(), u8> {
        if self.phase != Phase::Idle {
            return Err(start_status::ALREADY_STARTED);
        }
        if self.cert.is_some() && self.bound_plain {
            log::error!("zre: CURVE keys came after SET ENDPOINT bound the ROUTER without them");
            return Err(start_status::BOUND_WITHOUT_CURVE);
        }
        if self.endpoint.is_empty() && !self.bind(&self.default_endpoint()) {
            return Err(start_status::FAILED);
        }
        let beacon_on = self.config.beacon_port != 0;
        // Before the first beacon goes out, so a peer on this host that hears
        // it finds our ipc socket already there.
        if beacon_on && self.config.same_host_ipc && cfg!(unix) {
            self.ipc_endpoint = self.bind_ipc();
        }
        if beacon_on {
            let (beacon, address) = self.start_beacon()?;
            // A wildcard bind is advertised at the beacon's address, as Zyre does.
            for wildcard in ["tcp://*:", "tcp://0.0.0.0:"] {
                if self.endpoint.starts_with(wildcard) {
                    self.endpoint = format!("tcp://{address}:{}", self.port);
                }
            }
            self.beacon = Some(beacon);
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
            )
            .map_err(|e| {
                log::error!("zre: DNS SRV discovery: {e}");
                start_status::FAILED
            })?;
            self.dns = Some(feed);
        }
        if let Some(gossip) = &self.gossip {
            // Zyre's tuple: our UUID, the endpoint peers reach us at, and
            // with CURVE our public key after a '|'.
            let mut value = self.published_endpoint().to_string();
            if let Some(cert) = &self.cert {
                value = format!("{value}|{}", cert.public_txt());
            }
            if let Err(e) = gossip.publish(self.config.id.to_string(), &value) {
                log::error!("zre: gossip PUBLISH: {e}");
                return Err(start_status::FAILED);
            }
        }
        self.phase = Phase::Running;
        for listed in self.statics.clone() {
            self.connect(listed.endpoint, None, listed.key);
        }
        Ok(())
    }

    /// Where we bind when SET ENDPOINT did not say: loopback, at SET
    /// EPHEMERAL PORT's port if given, else one the system picks.
    fn default_endpoint(&self) -> String {
        match self.config.ephemeral_port {
            Some(port) => DEFAULT_ENDPOINT.replace(":*", &format!(":{port}")),
            None => DEFAULT_ENDPOINT.to_string(),
        }
    }

    /// The endpoint peers are told to reach us at: SET ADVERTISED
    /// ENDPOINT's, else the one bound.
    fn published_endpoint(&self) -> &str {
        self.config
            .advertised_endpoint
            .as_deref()
            .unwrap_or(&self.endpoint)
    }

    /// Whether `endpoint` is ours, bound or advertised (Zyre's NAT check:
    /// our own gossip tuple or a static entry pointing back at us).
    fn is_ours(&self, endpoint: &str) -> bool {
        endpoint == self.endpoint || self.config.advertised_endpoint.as_deref() == Some(endpoint)
    }

    /// Also listens at our same-host ipc endpoint; `None` (tcp only) if
    /// that fails, e.g. an unwritable runtime directory.
    fn bind_ipc(&mut self) -> Option<String> {
        let endpoint = ipc::endpoint_for(self.config.id);
        match self.inbox.bind(&endpoint) {
            Ok(_) => Some(endpoint),
            Err(e) => {
                log::warn!("zre: same-host ipc at {endpoint}: {e}; tcp only");
                None
            }
        }
    }

    /// Configures the UDP beacon and starts publishing our port; returns it
    /// with the address it uses, or the START status saying why not.
    fn start_beacon(&self) -> Result<(Beacon, String), u8> {
        if self.port == 0 {
            log::error!("zre: beacons need a tcp endpoint, not {}", self.endpoint);
            return Err(start_status::BEACON_NEEDS_TCP);
        }
        let failed = |e: czmq::Error| {
            log::error!("zre: beacon: {e}");
            start_status::FAILED
        };
        let mut beacon = Beacon::with_settings(self.config.beacon_settings()).map_err(failed)?;
        let address = beacon.configure(self.config.beacon_port).map_err(failed)?;
        if address.is_empty() {
            return Err(start_status::NO_BEACON_INTERFACE);
        }
        let mut payload = self.our_beacon(self.port);
        if payload.public_key.is_some_and(|key| key[0] == 0) {
            log::warn!(
                "zre: our CURVE public key starts with a zero byte, which Zyre 2.0.1 takes for \
                 no key: Zyre nodes drop our beacons (they still answer our HELLO)"
            );
        }
        if self.config.beacon_state {
            payload.state = Some(NodeState::Running);
        }
        beacon.subscribe(b"ZRE").map_err(failed)?;
        beacon
            .publish(&payload.encode(), self.config.beacon_interval)
            .map_err(failed)?;
        Ok((beacon, address))
    }

    /// Zyre's beacon for our UUID and `port`: the secure form, with our
    /// public key, when we have a certificate.
    fn our_beacon(&self, port: u16) -> ZreBeacon {
        let uuid = *self.config.id.as_bytes();
        match &self.cert {
            Some(cert) => ZreBeacon::zyre_secure(uuid, port, *cert.public_key()),
            None => ZreBeacon::zyre(uuid, port),
        }
    }

    /// Our gossip node, made (with our name) by the first GOSSIP command;
    /// given our certificate, as Zyre does at each GOSSIP command once it
    /// has one, so its binds are CURVE servers and its connects clients.
    fn require_gossip(&mut self) -> Option<&gossip::Gossip> {
        if self.gossip.is_none() {
            match gossip::Gossip::new(&self.config.name) {
                Ok(gossip) => self.gossip = Some(gossip),
                Err(e) => log::error!("zre: starting the gossip node: {e}"),
            }
        }
        if let (Some(gossip), Some(cert)) = (&self.gossip, &self.cert) {
            if let Err(e) = gossip.set_curve(cert) {
                log::error!("zre: CURVE for the gossip node: {e}");
            }
        }
        self.gossip.as_ref()
    }

    /// GOSSIP BIND: our gossip node listens at `endpoint` (`:*` picks a port).
    fn gossip_bind(&mut self, endpoint: String) {
        let Some(gossip) = self.require_gossip() else {
            return;
        };
        match gossip.bind(&endpoint) {
            Ok(port) => {
                self.gossip_endpoint = Some(match endpoint.strip_suffix(":*") {
                    Some(host) => format!("{host}:{port}"),
                    None => endpoint.clone(),
                });
                self.config.gossip_bind = Some(endpoint);
            }
            Err(e) => log::error!("zre: GOSSIP BIND {endpoint}: {e}"),
        }
    }

    /// Withdraws a tuple from our gossip node (CZMQ's UNPUBLISH: here only).
    fn gossip_unpublish(&self, key: &str) {
        match &self.gossip {
            Some(gossip) => {
                if let Err(e) = gossip.unpublish(key) {
                    log::warn!("zre: gossip UNPUBLISH {key}: {e}");
                }
            }
            None => log::debug!("zre: UNPUBLISH {key} without gossip; ignored"),
        }
    }

    /// STOP: says GOODBYE (and sends the leaving beacon), ends discovery,
    /// forgets its peers and tells the application (a STOP event). The
    /// actor then answers queries until `$TERM`; it does not start again.
    fn stop(&mut self) {
        if self.phase == Phase::Running {
            self.say_goodbye();
        }
        self.phase = Phase::Stopped;
        self.close_ipc();
        self.beacon = None;
        self.dns = None;
        self.pending.clear();
        self.peers.clear();
        self.emit(Event::Stop {
            peer: self.config.id,
            name: self.config.name.clone(),
        });
    }

    /// DUMP: the node's state in the log, as Zyre prints it.
    fn dump(&self) {
        let c = &self.config;
        log::info!("zre_node: dump state");
        log::info!(" - name={} uuid={}", c.name, c.id);
        log::info!(" - endpoint={}", self.endpoint);
        if c.beacon_port != 0 {
            log::info!(
                " - discovery=beacon port={} interval={}",
                c.beacon_port,
                c.beacon_interval.as_millis()
            );
        }
        if let Some(bind) = &c.gossip_bind {
            log::info!(" - discovery=gossip bind endpoint={bind}");
        }
        log::info!(" - headers={}:", c.headers.len());
        c.headers
            .iter()
            .for_each(|(k, v)| log::info!("   - {k}: {v}"));
        log::info!(" - peers={}:", self.peers.len());
        for peer in self.peers.values() {
            log::info!(
                "   - uuid={} name={} endpoint={} want_seq={}",
                peer.id,
                peer.name,
                peer.endpoint,
                peer.want_sequence
            );
        }
        log::info!(" - own groups={}:", self.own_groups.len());
        self.own_groups.iter().for_each(|g| log::info!("   - {g}"));
        log::info!(" - peer groups:");
        let groups: BTreeSet<&String> = self.peers.values().flat_map(|p| &p.groups).collect();
        for group in groups {
            log::info!("   - {group}");
            self.members(group)
                .iter()
                .for_each(|id| log::info!("     - {id}"));
        }
    }

    fn members(&self, group: &str) -> Vec<PeerId> {
        self.peers
            .values()
            .filter(|p| p.groups.contains(group))
            .map(|p| p.id)
            .collect()
    }

    /// Sends a message built by `body` to every peer; drops those whose
    /// queue refuses it.
    fn send_to_all(&mut self, body: impl Fn() -> Body) {
        let everyone: Vec<PeerId> = self.peers.keys().copied().collect();
        self.send_to(&everyone, &body());
        // Links we said HELLO on but have no answer from yet: their HELLO
        // listed our groups as they were, so they need this change too
        // (Zyre sends to every connected peer, ready or not). A full queue
        // here is an unreachable endpoint, which expiry cleans up.
        for pending in &mut self.pending {
            if let Err(e) = pending.mailbox.send(body()) {
                log::debug!("zre: sending to {}: {e}", pending.endpoint);
            }
        }
    }

    /// Sends `body` to each of the peers `ids` we know; drops those whose
    /// queue refuses it.
    fn send_to(&mut self, ids: &[PeerId], body: &Body) {
        let mut failed = Vec::new();
        for id in ids {
            let Some(peer) = self.peers.get_mut(id) else {
                continue;
            };
            if let Err(e) = peer.mailbox.send(body.clone()) {
                log::warn!("zre: {} to {id}: {e}", body.id().name());
                failed.push(*id);
            }
        }
        failed.into_iter().for_each(|id| self.remove_peer(id));
    }

    /// Says HELLO to whoever listens at `endpoint` (a static peer, or the
    /// node `peer` a beacon told us of), unless we already talk to it. With
    /// CURVE, only to a node whose public `key` we know: our DEALER is its
    /// ROUTER's client, and a plain link to a CURVE node fails anyway.
    fn connect(&mut self, endpoint: String, peer: Option<PeerId>, key: Option<PublicKey>) {
        if self.cert.is_some() && key.is_none() {
            log::debug!("zre: no CURVE key for {endpoint}; not connecting");
            return;
        }
        // A listed endpoint is also known by what it resolved to.
        let addresses = self
            .statics
            .iter()
            .find(|s| s.endpoint == endpoint)
            .map(|s| s.addresses.clone())
            .unwrap_or_default();
        let leads_here = |e: &str| e == endpoint || address::leads_to(e, &addresses);
        let known = leads_here(&self.endpoint)
            || self
                .config
                .advertised_endpoint
                .as_deref()
                .is_some_and(leads_here)
            || self
                .peers
                .values()
                .any(|p| p.endpoint == endpoint || leads_here(&p.advertised))
            || self
                .pending
                .iter()
                .any(|p| p.endpoint == endpoint || (peer.is_some() && p.peer == peer));
        if known {
            return;
        }
        match self.say_hello(&endpoint, key.as_ref()) {
            Ok(mailbox) => self.pending.push(Pending {
                endpoint,
                peer,
                addresses,
                mailbox,
                since: Instant::now(),
            }),
            Err(e) => log::warn!("zre: {endpoint}: {e}"),
        }
    }

    /// A DEALER connected to `endpoint` that has said our HELLO: a CURVE
    /// client of the server whose public key is `key` when we have a
    /// certificate. `Err` says why not.
    fn say_hello(&self, endpoint: &str, key: Option<&PublicKey>) -> Result<Mailbox, String> {
        let curve = match (&self.cert, key) {
            (None, _) => None,
            (Some(cert), Some(key)) => Some((cert, key)),
            (Some(_), None) => return Err("no CURVE public key to reach it with".into()),
        };
        let high_water = self.config.mailbox_high_water();
        let mut mailbox = Mailbox::connect(self.config.id, endpoint, high_water, curve)
            .map_err(|e| format!("connecting: {e}"))?;
        mailbox
            .send(self.our_hello())
            .map_err(|e| format!("HELLO: {e}"))?;
        Ok(mailbox)
    }

    /// One message from the ROUTER: a routing id, then the ZRE frames.
    /// Anything malformed is logged and dropped; the node serves on.
    fn on_frames(&mut self, frames: &[czmq::Frame]) {
        let Some((routing_id, rest)) = frames.split_first() else {
            return;
        };
        let Some(sender) = PeerId::from_routing_id(routing_id.data()) else {
            log::debug!("zre: message from a routing id that is not 0x01 + UUID, dropped");
            return;
        };
        match ZreMsg::decode(rest) {
            Ok(message) => self.on_message(sender, message),
            Err(e) => log::warn!("zre: from {sender}: {e}"),
        }
    }

    fn on_message(&mut self, sender: PeerId, message: ZreMsg) {
        if sender == self.config.id {
            return;
        }
        let window = self.config.evasive_timeout;
        let echo = match &message.body {
            Body::Hello(hello) => self
                .peers
                .get(&sender)
                .is_some_and(|p| p.answers_regreeting(window, &hello.endpoint)),
            _ => false,
        };
        if let Body::Hello(hello) = &message.body {
            if message.sequence != 1 {
                log::warn!(
                    "zre: HELLO from {sender} numbered {}, not 1: dropped",
                    message.sequence
                );
                return;
            }
            // As Zyre: with CURVE, a HELLO must name the sender's public
            // key (X-PUBLICKEY), which our DEALER needs to reach it; one
            // without is ignored rather than answered in plain text.
            let key = hello
                .headers
                .iter()
                .find(|(k, _)| k == PUBLIC_KEY_HEADER)
                .and_then(|(_, v)| parse_key(v));
            if self.cert.is_some() && key.is_none() {
                log::warn!(
                    "zre: HELLO from {sender} without a CURVE key ({PUBLIC_KEY_HEADER}): ignored"
                );
                return;
            }
            if !echo {
                // A second HELLO: the peer restarted; forget the old one,
                // and greet the new one.
                let repeated = self.peers.contains_key(&sender);
                if repeated {
                    self.remove_peer(sender);
                }
                if !self.require_peer(sender, &hello.endpoint, key) {
                    return;
                }
                if let Some(peer) = self.peers.get_mut(&sender).filter(|_| repeated) {
                    peer.regreeted_at = Some(Instant::now());
                }
            }
        }
        let in_election = match &message.body {
            Body::Elect { group, .. } | Body::Leader { group, .. } => {
                self.in_election(sender, group)
            }
            _ => true,
        };
        let (evasive, expired) = (self.config.evasive_timeout, self.config.expired_timeout);
        let Some(peer) = self.peers.get_mut(&sender) else {
            log::debug!(
                "zre: {} from {sender} before its HELLO, dropped",
                message.body.id().name()
            );
            return;
        };
        if !peer.in_sequence(&message) {
            log::warn!(
                "zre: messages lost from {sender}: expected {}, got {}",
                peer.want_sequence,
                message.sequence
            );
            self.remove_peer(sender);
            return;
        }
        peer.refresh(evasive, expired);
        let name = peer.name.clone();
        match message.body {
            Body::Hello(hello) if echo => {
                peer.regreeted_at = None;
                // The answer to our re-greeting (see above): the same peer
                // on a new link, numbered from this HELLO. Only what changed
                // is news.
                log::info!("zre: {sender} answered our second HELLO with its own; not a restart");
                peer.name = hello.name;
                peer.headers = hello.headers;
                let had = std::mem::take(&mut peer.groups);
                let has: BTreeSet<String> = hello.groups.into_iter().collect();
                peer.groups = had.intersection(&has).cloned().collect();
                for group in had.difference(&has) {
                    self.member_left(sender, group.clone());
                }
                for group in has.difference(&had) {
                    self.member_joined(sender, group.clone());
                }
                if let Some(peer) = self.peers.get_mut(&sender) {
                    peer.status = hello.status;
                }
            }
            Body::Hello(hello) => {
                peer.name = hello.name.clone();
                peer.headers = hello.headers.clone();
                self.emit(Event::Enter {
                    peer: sender,
                    name: hello.name,
                    headers: hello.headers,
                    endpoint: hello.endpoint,
                });
                // Zyre starts an election in every group it contests,
                // member or not; we contest only groups we are in.
                for group in hello.groups {
                    self.member_joined(sender, group);
                }
                if let Some(peer) = self.peers.get_mut(&sender) {
                    peer.status = hello.status;
                }
            }
            Body::Whisper { content } => self.emit(Event::Whisper {
                peer: sender,
                name,
                content,
            }),
            Body::Shout { group, content } => self.emit(Event::Shout {
                peer: sender,
                name,
                group,
                content,
            }),
            Body::Join { group, status } => {
                self.member_joined(sender, group);
                self.check_status(sender, status);
            }
            Body::Leave { group, status } => {
                self.member_left(sender, group);
                self.check_status(sender, status);
            }
            Body::Ping => {
                if let Err(e) = peer.mailbox.send(Body::PingOk) {
                    log::warn!("zre: PING-OK to {sender}: {e}");
                    self.remove_peer(sender);
                }
            }
            Body::PingOk => {}
            Body::Goodbye => self.remove_peer(sender),
            Body::Elect { group, .. } | Body::Leader { group, .. } if !in_election => {
                log::debug!(
                    "zre: election message from {sender} for {group:?}, a group we or it \
                     are not in: dropped"
                );
            }
            Body::Elect {
                group,
                challenger_id,
            } => {
                let Ok(challenger) = challenger_id.parse::<PeerId>() else {
                    log::warn!("zre: ELECT from {sender} names {challenger_id:?}, not a UUID");
                    return;
                };
                let members = self.members(&group);
                let steps = self
                    .elections
                    .on_elect(&group, sender, challenger, &members);
                self.run_election(&group, steps);
            }
            Body::Leader { group, leader_id } => {
                let Ok(leader) = leader_id.parse::<PeerId>() else {
                    log::warn!("zre: LEADER from {sender} names {leader_id:?}, not a UUID");
                    return;
                };
                let members = self.members(&group);
                let steps = self.elections.on_leader(&group, leader, &members);
                self.run_election(&group, steps);
            }
        }
    }

    /// Whether an ELECT or LEADER from `sender` in `group` takes part in
    /// an election here: both we and it are in the group. (Zyre takes it
    /// from anyone; a wave through a node outside the group miscounts.)
    fn in_election(&self, sender: PeerId, group: &str) -> bool {
        self.own_groups.contains(group)
            && self
                .peers
                .get(&sender)
                .is_some_and(|p| p.groups.contains(group))
    }

    /// Carries out an election's steps in `group`: ELECT and LEADER to the
    /// peers named (a peer whose queue refuses is dropped), the LEADER
    /// event when it is decided.
    fn run_election(&mut self, group: &str, steps: Vec<Step>) {
        for step in steps {
            let (to, body) = match step {
                Step::Elect { to, challenger } => (
                    to,
                    Body::Elect {
                        group: group.to_string(),
                        challenger_id: challenger.to_string(),
                    },
                ),
                Step::Leader { to, leader } => (
                    to,
                    Body::Leader {
                        group: group.to_string(),
                        leader_id: leader.to_string(),
                    },
                ),
                Step::Elected(leader) => {
                    let name = match leader == self.config.id {
                        true => Some(self.config.name.clone()),
                        false => self.peers.get(&leader).map(|p| p.name.clone()),
                    };
                    if name.is_none() {
                        // Zyre asserts the leader is a peer it knows.
                        log::warn!("zre: {leader} elected leader of {group}, unknown here");
                    }
                    self.emit(Event::Leader {
                        peer: leader,
                        name: name.unwrap_or_default(),
                        group: group.to_string(),
                    });
                    continue;
                }
            };
            self.send_to(&to, &body);
        }
    }

    /// Makes a peer for a HELLO: adopts the static connection to its
    /// endpoint if we have one (we already said HELLO on it), else connects
    /// (with CURVE, to a server with public `key`) and says HELLO. False if
    /// we cannot reach it.
    fn require_peer(&mut self, id: PeerId, endpoint: &str, key: Option<PublicKey>) -> bool {
        let adopted = self
            .pending
            .iter()
            .position(|p| {
                p.endpoint == endpoint
                    || p.peer == Some(id)
                    || address::leads_to(endpoint, &p.addresses)
            })
            .map(|i| self.pending.swap_remove(i));
        let (route, mailbox) = match adopted {
            Some(pending) => (pending.endpoint, pending.mailbox),
            None => {
                let route = self.route(id, endpoint);
                match self.say_hello(&route, key.as_ref()) {
                    Ok(mailbox) => (route, mailbox),
                    Err(e) => {
                        log::warn!("zre: HELLO from {id} names endpoint {endpoint:?}: {e}");
                        return false;
                    }
                }
            }
        };
        self.peers
            .insert(id, Peer::new(id, route, endpoint.to_string(), mailbox));
        true
    }

    /// Where to reach node `id`, which advertises `endpoint`: its ipc
    /// endpoint when it is on this host and listens there (and we use
    /// same-host ipc, which comes with the beacon), else `endpoint`.
    fn route(&self, id: PeerId, endpoint: &str) -> String {
        if self.beacon.is_none() || !self.config.same_host_ipc {
            return endpoint.to_string();
        }
        ipc::same_host_route(id, endpoint).unwrap_or_else(|| endpoint.to_string())
    }

    /// `id` joined `group` (JOIN): the event, and an election if we
    /// contest it (as Zyre, a newcomer starts one only in our groups).
    fn member_joined(&mut self, id: PeerId, group: String) {
        self.peer_joins(id, group.clone());
        if self.own_groups.contains(&group) {
            let steps = self
                .elections
                .on_member_joined(&group, &self.members(&group));
            self.run_election(&group, steps);
        }
    }

    /// `id` left `group` (LEAVE): the event, and a new election if it led.
    fn member_left(&mut self, id: PeerId, group: String) {
        self.peer_leaves(id, group.clone());
        if self.own_groups.contains(&group) {
            let members = self.members(&group);
            let steps = self.elections.on_member_left(&group, id, &members);
            self.run_election(&group, steps);
        }
    }

    fn peer_joins(&mut self, id: PeerId, group: String) {
        if let Some(peer) = self.peers.get_mut(&id) {
            peer.groups.insert(group.clone());
            peer.status = peer.status.wrapping_add(1);
            let name = peer.name.clone();
            self.emit(Event::Join {
                peer: id,
                name,
                group,
            });
        }
    }

    fn peer_leaves(&mut self, id: PeerId, group: String) {
        if let Some(peer) = self.peers.get_mut(&id) {
            peer.groups.remove(&group);
            peer.status = peer.status.wrapping_add(1);
            let name = peer.name.clone();
            self.emit(Event::Leave {
                peer: id,
                name,
                group,
            });
        }
    }

    /// Zyre asserts that a JOIN/LEAVE's status matches its own count; a
    /// mismatch means we missed a group change, which we only log.
    fn check_status(&mut self, id: PeerId, status: u8) {
        if let Some(peer) = self.peers.get_mut(&id) {
            if peer.status != status {
                log::warn!(
                    "zre: group status of {id} is {status}, we counted {}",
                    peer.status
                );
                peer.status = status;
            }
        }
    }

    fn remove_peer(&mut self, id: PeerId) {
        if let Some(peer) = self.peers.remove(&id) {
            self.emit(Event::Exit {
                peer: id,
                name: peer.name,
            });
            // As Zyre's hub does (zyre_node_remove_peer): a node that
            // connects to our gossip node later is not sent this one.
            if self.config.gossip_bind.is_some() {
                self.gossip_unpublish(&id.to_string());
            }
            // A leader gone from one of our groups: elect another.
            for group in self.own_groups.clone() {
                let members = self.members(&group);
                let steps = self.elections.on_member_left(&group, id, &members);
                self.run_election(&group, steps);
            }
        }
    }

    /// Pings peers that have gone quiet (EVASIVE, then SILENT a reap interval
    /// later) and drops those quiet past the expired timeout (EXIT).
    fn reap(&mut self) {
        let now = Instant::now();
        let mut gone = Vec::new();
        let mut notices = Vec::new();
        for (id, peer) in self.peers.iter_mut() {
            if now >= peer.expired_at {
                gone.push(*id);
            } else if now >= peer.evasive_at {
                if let Err(e) = peer.mailbox.send(Body::Ping) {
                    log::warn!("zre: PING to {id}: {e}");
                    gone.push(*id);
                    continue;
                }
                let name = peer.name.clone();
                notices.push(Event::Evasive {
                    peer: *id,
                    name: name.clone(),
                });
                if now >= later(peer.evasive_at, self.config.reap_interval) {
                    notices.push(Event::Silent { peer: *id, name });
                }
            }
        }
        notices.into_iter().for_each(|event| self.emit(event));
        gone.into_iter().for_each(|id| self.remove_peer(id));

        // Give up on HELLOs nobody answered; say HELLO again to static peers
        // we lost (a restarted node, a network that came back).
        let expired = self.config.expired_timeout;
        self.pending
            .retain(|p| now.saturating_duration_since(p.since) < expired);
        let dns = self.dns_targets.iter().map(|e| (e.clone(), None));
        let statics = self.statics.iter().map(|s| (s.endpoint.clone(), s.key));
        let listed: Vec<_> = statics.chain(dns).collect();
        for (endpoint, key) in listed {
            self.connect(endpoint, None, key);
        }
    }

    /// Beacons from the UDP discovery actor: a new UUID is a peer to say
    /// HELLO to (unless its state is INIT); port 0 (or our EXIT state)
    /// drops a known peer at once.
    fn on_beacons(&mut self) {
        let mut received = Vec::new();
        if let Some(beacon) = self.beacon.as_mut() {
            while let Some(datagram) = beacon.recv(Duration::ZERO) {
                received.push(datagram);
            }
        }
        for (address, payload) in received {
            let beacon = match ZreBeacon::decode(&payload) {
                Ok(beacon) => beacon,
                Err(e) => {
                    log::debug!("zre: beacon from {address}: {e}");
                    continue;
                }
            };
            let id = PeerId::from_bytes(beacon.uuid);
            if id == self.config.id {
                continue;
            }
            // As Zyre: a node keeps only beacons of its own version, so a
            // CURVE node is not downgraded to a plain one, and a plain node
            // does not try a CURVE server it cannot speak to.
            if self.cert.is_some() != beacon.public_key.is_some() {
                log::debug!("zre: beacon from {address}: plain and secure do not mix; ignored");
                continue;
            }
            if beacon.is_leaving() {
                self.remove_peer(id);
            } else if beacon.state == Some(NodeState::Init) {
                log::debug!("zre: {id} is still starting (INIT); not answered yet");
            } else if !self.peers.contains_key(&id) {
                let host = if address.contains(':') {
                    format!("[{address}]")
                } else {
                    address
                };
                let route = self.route(id, &format!("tcp://{host}:{}", beacon.port));
                self.connect(route, Some(id), beacon.public_key);
            }
        }
    }

    /// Tuples from our gossip node, as Zyre reads them: key a node's UUID,
    /// value its endpoint, then `|` and its CURVE public key if it has one;
    /// a node we do not know yet (and not us) gets a HELLO. Removals change nothing: a
    /// peer leaves by GOODBYE or expiry.
    fn on_gossip(&mut self) {
        let mut tuples = Vec::new();
        if let Some(gossip) = &self.gossip {
            loop {
                match gossip.recv_delivery(Duration::ZERO) {
                    Ok(Some(gossip::Delivery::Tuple { key, value })) => tuples.push((key, value)),
                    Ok(Some(gossip::Delivery::Removed { .. })) => {}
                    Ok(None) => break,
                    Err(e) => {
                        log::warn!("zre: gossip: {e}");
                        break;
                    }
                }
            }
        }
        for (key, value) in tuples {
            let id = std::str::from_utf8(&key)
                .ok()
                .and_then(|k| k.parse::<PeerId>().ok());
            let value = std::str::from_utf8(&value).ok();
            let (endpoint, key) = match value.map(|v| v.split_once('|')) {
                Some(Some((endpoint, key))) => (Some(endpoint), parse_key(key)),
                _ => (value, None),
            };
            let (Some(id), Some(endpoint)) = (id, endpoint) else {
                log::debug!("zre: gossip tuple that is not a UUID and an endpoint, ignored");
                continue;
            };
            if id == self.config.id || self.is_ours(endpoint) || self.peers.contains_key(&id) {
                continue;
            }
            let route = self.route(id, endpoint);
            self.connect(route, Some(id), key);
        }
    }

    /// A DNS SRV answer from the lookup thread: its endpoints (but our
    /// own) replace the last answer's, and each new one gets a HELLO.
    fn on_dns_targets(&mut self) {
        let frames = match self.dns.as_ref().map(|dns| dns.sock.recv_parts()) {
            Some(Ok(frames)) => frames,
            Some(Err(e)) => {
                log::warn!("zre: DNS SRV feed: {e}");
                return;
            }
            None => return,
        };
        let Some((head, endpoints)) = frames.split_first() else {
            return;
        };
        if head.data() != TARGETS {
            return;
        }
        let mut targets = Vec::new();
        for frame in endpoints {
            let Ok(endpoint) = std::str::from_utf8(frame.data()) else {
                continue;
            };
            if ipc::is_own_tcp_endpoint(endpoint, &self.endpoint) {
                log::debug!("zre: DNS SRV target {endpoint} is this node; skipped");
            } else if !targets.iter().any(|t| t == endpoint) {
                targets.push(endpoint.to_string());
            }
        }
        self.dns_targets = targets;
        for endpoint in self.dns_targets.clone() {
            self.connect(endpoint, None, None);
        }
    }

    /// Tells every peer we are leaving (Zyre 2.0.1 ignores GOODBYE; our
    /// nodes drop us at once instead of after the expired timeout).
    fn say_goodbye(&mut self) {
        if let Some(beacon) = &self.beacon {
            // Zyre's leaving notice: our beacon with port 0 (sent at once),
            // and state EXIT when we send our state.
            let mut leaving = self.our_beacon(0);
            if self.config.beacon_state {
                leaving.state = Some(NodeState::Exit);
            }
            let leaving = leaving.encode();
            if let Err(e) = beacon.publish(&leaving, self.config.beacon_interval) {
                log::debug!("zre: leaving beacon: {e}");
            }
        }
        // Links still waiting for the answer to our HELLO too: the node
        // there may have made us its peer already (Zyre sends GOODBYE to
        // every peer it has connected to, ready or not).
        let peers = self
            .peers
            .values_mut()
            .map(|p| (p.id.to_string(), &mut p.mailbox));
        let pending = self
            .pending
            .iter_mut()
            .map(|p| (p.endpoint.clone(), &mut p.mailbox));
        for (to, mailbox) in peers.chain(pending) {
            if let Err(e) = mailbox.send(Body::Goodbye) {
                log::debug!("zre: GOODBYE to {to}: {e}");
            }
            mailbox.set_linger(GOODBYE_GRACE);
        }
    }
}

/// Adds `sock`, if any, to the sockets to poll; returns its index.
fn slot<'a>(socks: &mut Vec<&'a Sock>, sock: Option<&'a Sock>) -> Option<usize> {
    sock.map(|sock| {
        socks.push(sock);
        socks.len() - 1
    })
}

/// A list query's answer (where Zyre sends a `zlist_t` pointer): the
/// number of items in decimal, then one frame per item.
fn reply_list<T: AsRef<[u8]>>(pipe: &Sock, items: &[T]) -> czmq::Result<()> {
    let count = items.len().to_string();
    let mut frames: Vec<&[u8]> = vec![count.as_bytes()];
    frames.extend(items.iter().map(AsRef::as_ref));
    pipe.send_parts(&frames)
}
