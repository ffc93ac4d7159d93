//! The node's thread: one ROUTER that every peer's DEALER talks to, one
//! DEALER (a [`Mailbox`]) per peer, the pipe from the [`Node`](super::Node),
//! and a reap timer that pings evasive peers and drops expired ones.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use czmq::{poll, Beacon, PollEvents, PollItem, Sock};

use super::command::Command;
use super::config::Config;
use super::ipc;
use super::peer::{later, Mailbox, Peer};
use super::srv::{SrvFeed, TARGETS};
use crate::beacon::{Beacon as ZreBeacon, NodeState};
use crate::msg::{Body, Hello, ZreMsg};
use crate::{Event, PeerId};

/// How long DEALERs may keep flushing GOODBYE after the node stops.
const GOODBYE_GRACE: Duration = Duration::from_millis(500);

struct Pending {
    endpoint: String,
    /// The node we expect there, when a beacon told us its UUID (its
    /// HELLO then names its tcp endpoint even if we used ipc).
    peer: Option<PeerId>,
    mailbox: Mailbox,
    since: Instant,
}

pub(super) struct NodeActor {
    config: Config,
    /// The endpoint peers reach our ROUTER at (sent in HELLO).
    endpoint: String,
    events: Sender<Event>,
    peers: BTreeMap<PeerId, Peer>,
    /// Endpoints we said HELLO to and have not heard from (static peers,
    /// beacons): the mailbox is adopted by the peer whose HELLO names the
    /// same endpoint; given up after the expired timeout.
    pending: Vec<Pending>,
    /// Endpoints given to `connect`: retried when neither known nor pending,
    /// so a static peer that restarts is found again.
    statics: Vec<String>,
    /// UDP discovery, when configured.
    beacon: Option<Beacon>,
    /// DNS SRV discovery's lookups, when configured.
    dns: Option<SrvFeed>,
    /// Gossip discovery's ZGP node, when configured.
    gossip: Option<gossip::Gossip>,
    /// The endpoints of the last DNS SRV answer (ours left out): retried
    /// like `statics` while the DNS keeps listing them.
    dns_targets: Vec<String>,
    own_groups: BTreeSet<String>,
    status: u8,
}

impl NodeActor {
    pub(super) fn new(config: Config, endpoint: String, events: Sender<Event>) -> NodeActor {
        NodeActor {
            config,
            endpoint,
            events,
            peers: BTreeMap::new(),
            pending: Vec::new(),
            statics: Vec::new(),
            beacon: None,
            dns: None,
            gossip: None,
            dns_targets: Vec::new(),
            own_groups: BTreeSet::new(),
            status: 0,
        }
    }

    /// Listens to (and, started by the Node, publishes) ZRE beacons.
    pub(super) fn set_beacon(&mut self, beacon: Beacon) {
        self.beacon = Some(beacon);
    }

    /// Takes the peers gossip delivers (started, and publishing us, by the Node).
    pub(super) fn set_gossip(&mut self, gossip: gossip::Gossip) {
        self.gossip = Some(gossip);
    }

    /// Takes the endpoints DNS SRV lookups find.
    pub(super) fn set_dns(&mut self, feed: SrvFeed) {
        self.dns = Some(feed);
    }

    /// The loop: commands from the pipe, messages from peers, the reap
    /// timer, until the Node says stop (or drops its end).
    pub(super) fn run(mut self, pipe: &Sock, inbox: &Sock) -> czmq::Result<()> {
        let mut reap_at = later(Instant::now(), self.config.reap_interval);
        loop {
            let mut timeout = reap_at.saturating_duration_since(Instant::now());
            // Deliveries our gossip node read ahead of a reply are not on
            // its pipe any more: take them now.
            if self.gossip.as_ref().is_some_and(|g| g.pending() > 0) {
                timeout = Duration::ZERO;
            }
            let mut items = vec![
                PollItem::socket(pipe, PollEvents::POLLIN),
                PollItem::socket(inbox, PollEvents::POLLIN),
            ];
            let beacon_at = self.beacon.as_ref().map(|beacon| {
                items.push(PollItem::socket(beacon.actor(), PollEvents::POLLIN));
                items.len() - 1
            });
            let dns_at = self.dns.as_ref().map(|dns| {
                items.push(PollItem::socket(&dns.sock, PollEvents::POLLIN));
                items.len() - 1
            });
            let gossip_at = self.gossip.as_ref().map(|gossip| {
                items.push(PollItem::socket(gossip.actor().sock(), PollEvents::POLLIN));
                items.len() - 1
            });
            poll(&mut items, Some(timeout))?;
            let (command_ready, message_ready) = (items[0].is_readable(), items[1].is_readable());
            let ready = |at: Option<usize>| at.is_some_and(|i| items[i].is_readable());
            let (beacon_ready, dns_ready) = (ready(beacon_at), ready(dns_at));
            let gossip_ready = ready(gossip_at) || timeout.is_zero();
            drop(items);
            if command_ready {
                let frames = pipe.recv_parts()?;
                let frames = frames.iter().map(|f| f.data().to_vec()).collect();
                match Command::from_frames(frames) {
                    Some(Command::Stop) => {
                        self.say_goodbye();
                        return Ok(());
                    }
                    Some(command) => self.on_command(command, pipe)?,
                    None => log::warn!("zre: unknown command on the node pipe"),
                }
            }
            if message_ready {
                let frames = inbox.recv_parts()?;
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
            if Instant::now() >= reap_at {
                self.reap();
                reap_at = later(Instant::now(), self.config.reap_interval);
            }
        }
    }

    fn emit(&self, event: Event) {
        // The Node may have been dropped mid-shutdown: nobody to tell.
        let _ = self.events.send(event);
    }

    fn our_hello(&self) -> Body {
        Body::Hello(Hello {
            endpoint: self.endpoint.clone(),
            groups: self.own_groups.iter().cloned().collect(),
            status: self.status,
            name: self.config.name.clone(),
            headers: self.config.headers.clone(),
        })
    }

    fn on_command(&mut self, command: Command, pipe: &Sock) -> czmq::Result<()> {
        match command {
            Command::Connect(endpoint) => {
                if !self.statics.contains(&endpoint) {
                    self.statics.push(endpoint.clone());
                }
                self.connect(endpoint, None)
            }
            Command::Join(group) => {
                if self.own_groups.insert(group.clone()) {
                    self.status = self.status.wrapping_add(1);
                    let status = self.status;
                    self.send_to_all(|| Body::Join {
                        group: group.clone(),
                        status,
                    });
                }
            }
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
                let members: Vec<PeerId> = self.members(&group);
                let mut failed = Vec::new();
                for id in members {
                    if let Some(peer) = self.peers.get_mut(&id) {
                        let body = Body::Shout {
                            group: group.clone(),
                            content: content.clone(),
                        };
                        if let Err(e) = peer.mailbox.send(body) {
                            log::warn!("zre: SHOUT to {id}: {e}");
                            failed.push(id);
                        }
                    }
                }
                failed.into_iter().for_each(|id| self.remove_peer(id));
            }
            Command::Peers => {
                let ids: Vec<[u8; 16]> = self.peers.keys().map(|id| *id.as_bytes()).collect();
                reply(pipe, &ids)?;
            }
            Command::PeersByGroup(group) => {
                let ids: Vec<[u8; 16]> = self
                    .members(&group)
                    .iter()
                    .map(|id| *id.as_bytes())
                    .collect();
                reply(pipe, &ids)?;
            }
            Command::PeerGroups => {
                let groups: BTreeSet<&String> =
                    self.peers.values().flat_map(|p| &p.groups).collect();
                reply(pipe, &groups.into_iter().collect::<Vec<_>>())?;
            }
            Command::OwnGroups => reply(pipe, &self.own_groups.iter().collect::<Vec<_>>())?,
            Command::PeerName(id) => {
                let names: Vec<&String> =
                    self.peers.get(&id).map(|p| &p.name).into_iter().collect();
                reply(pipe, &names)?;
            }
            Command::PeerAddress(id) => {
                let endpoints: Vec<&String> = self
                    .peers
                    .get(&id)
                    .map(|p| &p.endpoint)
                    .into_iter()
                    .collect();
                reply(pipe, &endpoints)?;
            }
            Command::Stop => {}
        }
        Ok(())
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
        let mut failed = Vec::new();
        for (id, peer) in self.peers.iter_mut() {
            if let Err(e) = peer.mailbox.send(body()) {
                log::warn!("zre: sending to {id}: {e}");
                failed.push(*id);
            }
        }
        failed.into_iter().for_each(|id| self.remove_peer(id));
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

    /// Says HELLO to whoever listens at `endpoint` (a static peer, or the
    /// node `peer` a beacon told us of), unless we already talk to it.
    fn connect(&mut self, endpoint: String, peer: Option<PeerId>) {
        let known = endpoint == self.endpoint
            || self
                .peers
                .values()
                .any(|p| p.endpoint == endpoint || p.advertised == endpoint)
            || self
                .pending
                .iter()
                .any(|p| p.endpoint == endpoint || (peer.is_some() && p.peer == peer));
        if known {
            return;
        }
        let high_water = self.config.mailbox_high_water();
        match Mailbox::connect(self.config.id, &endpoint, high_water) {
            Ok(mut mailbox) => match mailbox.send(self.our_hello()) {
                Ok(()) => self.pending.push(Pending {
                    endpoint,
                    peer,
                    mailbox,
                    since: Instant::now(),
                }),
                Err(e) => log::warn!("zre: HELLO to {endpoint}: {e}"),
            },
            Err(e) => log::warn!("zre: connecting to {endpoint}: {e}"),
        }
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
        if let Body::Hello(hello) = &message.body {
            if message.sequence != 1 {
                log::warn!(
                    "zre: HELLO from {sender} numbered {}, not 1: dropped",
                    message.sequence
                );
                return;
            }
            if self.peers.contains_key(&sender) {
                // A second HELLO: the peer restarted; forget the old one.
                self.remove_peer(sender);
            }
            if !self.require_peer(sender, &hello.endpoint) {
                return;
            }
        }
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
            Body::Hello(hello) => {
                peer.name = hello.name.clone();
                self.emit(Event::Enter {
                    peer: sender,
                    name: hello.name,
                    headers: hello.headers,
                    endpoint: hello.endpoint,
                });
                for group in hello.groups {
                    self.peer_joins(sender, group);
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
                self.peer_joins(sender, group);
                self.check_status(sender, status);
            }
            Body::Leave { group, status } => {
                self.peer_leaves(sender, group);
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
            Body::Elect { .. } | Body::Leader { .. } => {
                log::debug!("zre: leader election is not implemented; ignored")
            }
        }
    }

    /// Makes a peer for a HELLO: adopts the static connection to its
    /// endpoint if we have one (we already said HELLO on it), else connects
    /// and says HELLO. False if we cannot reach it.
    fn require_peer(&mut self, id: PeerId, endpoint: &str) -> bool {
        let adopted = self
            .pending
            .iter()
            .position(|p| p.endpoint == endpoint || p.peer == Some(id))
            .map(|i| self.pending.swap_remove(i));
        let (route, mailbox) = match adopted {
            Some(pending) => (pending.endpoint, pending.mailbox),
            None => {
                let route = self.route(id, endpoint);
                let high_water = self.config.mailbox_high_water();
                let mut mailbox = match Mailbox::connect(self.config.id, &route, high_water) {
                    Ok(mailbox) => mailbox,
                    Err(e) => {
                        log::warn!("zre: HELLO from {id} names endpoint {endpoint:?}: {e}");
                        return false;
                    }
                };
                if let Err(e) = mailbox.send(self.our_hello()) {
                    log::warn!("zre: HELLO to {id}: {e}");
                    return false;
                }
                (route, mailbox)
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
        let listed: Vec<String> = self
            .statics
            .iter()
            .chain(&self.dns_targets)
            .cloned()
            .collect();
        for endpoint in listed {
            self.connect(endpoint, None);
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
                self.connect(route, Some(id));
            }
        }
    }

    /// Tuples from our gossip node, as Zyre reads them: key a node's UUID,
    /// value its endpoint (a CURVE key after `|` is cut off); a node we do
    /// not know yet (and not us) gets a HELLO. Removals change nothing: a
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
            let endpoint = std::str::from_utf8(&value)
                .ok()
                .and_then(|v| v.split('|').next());
            let (Some(id), Some(endpoint)) = (id, endpoint) else {
                log::debug!("zre: gossip tuple that is not a UUID and an endpoint, ignored");
                continue;
            };
            if id == self.config.id || endpoint == self.endpoint || self.peers.contains_key(&id) {
                continue;
            }
            let route = self.route(id, endpoint);
            self.connect(route, Some(id));
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
            self.connect(endpoint, None);
        }
    }

    /// Tells every peer we are leaving (Zyre 2.0.1 ignores GOODBYE; our
    /// nodes drop us at once instead of after the expired timeout).
    fn say_goodbye(&mut self) {
        if let Some(beacon) = &self.beacon {
            // Zyre's leaving notice: our beacon with port 0 (sent at once),
            // and state EXIT when we send our state.
            let mut leaving = ZreBeacon::zyre(*self.config.id.as_bytes(), 0);
            if self.config.beacon_state {
                leaving.state = Some(NodeState::Exit);
            }
            let leaving = leaving.encode();
            if let Err(e) = beacon.publish(&leaving, self.config.beacon_interval) {
                log::debug!("zre: leaving beacon: {e}");
            }
        }
        for peer in self.peers.values_mut() {
            if let Err(e) = peer.mailbox.send(Body::Goodbye) {
                log::debug!("zre: GOODBYE to {}: {e}", peer.id);
            }
            peer.mailbox.set_linger(GOODBYE_GRACE);
        }
    }
}

/// A query's answer: "OK", then one frame per item.
fn reply<T: AsRef<[u8]>>(pipe: &Sock, items: &[T]) -> czmq::Result<()> {
    let mut frames: Vec<&[u8]> = vec![b"OK"];
    frames.extend(items.iter().map(AsRef::as_ref));
    pipe.send_parts(&frames)
}
