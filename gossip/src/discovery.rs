//! Zero-configuration gossip clusters: a node announces its ZGP port with a
//! ZRE-style discovery beacon (UDP broadcast or multicast, by czmq's Beacon)
//! and CONNECTs to every peer it hears; a peer announcing EXIT, or silent
//! for longer than the timeout, is forgotten (its DEALER disconnected).
//!
//! The actor command is `DISCOVER beacon-port [interval-ms [timeout-ms]]`,
//! given after `BIND`. The interface follows czmq's zsys settings
//! (`ZSYS_INTERFACE`, ...), as for any Beacon.

use std::time::{Duration, Instant};

use czmq::{Beacon, DiscoveryBeacon, NodeState, PeerEvent, Peers, Result, ZRE_MAGIC};

/// Default beacon interval: a new node is seen well within a second.
pub const DEFAULT_INTERVAL: Duration = Duration::from_millis(250);
/// Default silence after which a peer is dropped.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);

/// What discovery asks the actor to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeerChange {
    /// A new peer: CONNECT to its endpoint.
    Connect(String),
    /// A peer left or fell silent: forget its endpoint.
    Forget(String),
}

/// The discovery state of one gossip node.
pub struct Discovery {
    beacon: Beacon,
    uuid: [u8; 16],
    port: u16,
    interval: Duration,
    peers: Peers,
}

/// The ZGP endpoint of a peer heard at `address` announcing `port`.
pub fn endpoint_of(address: &std::net::IpAddr, port: u16) -> String {
    match address {
        std::net::IpAddr::V4(a) => format!("tcp://{a}:{port}"),
        std::net::IpAddr::V6(a) => format!("tcp://[{a}]:{port}"),
    }
}

impl Discovery {
    /// Starts beaconing `port` (our bound ZGP port) on UDP `beacon_port`.
    pub fn start(
        node_id: u64,
        port: u16,
        beacon_port: u16,
        interval: Duration,
        timeout: Duration,
    ) -> Result<Discovery> {
        let mut beacon = Beacon::new()?;
        let host = beacon.configure(beacon_port)?;
        if host.is_empty() {
            return Err(czmq::Error::InvalidArgument(
                "discovery: no usable interface (set ZSYS_INTERFACE)".into(),
            ));
        }
        let mut uuid = [0u8; 16];
        uuid[..8].copy_from_slice(&node_id.to_be_bytes());
        uuid[8..10].copy_from_slice(&port.to_be_bytes());
        uuid[10..14].copy_from_slice(&std::process::id().to_be_bytes());
        let me = DiscoveryBeacon::new(uuid, port, NodeState::Running);
        beacon.publish(&me.encode(), interval)?;
        beacon.subscribe(ZRE_MAGIC)?;
        Ok(Discovery {
            beacon,
            uuid,
            port,
            interval,
            peers: Peers::new(timeout),
        })
    }

    /// The beacon actor, whose pipe delivers `[sender, payload]` messages.
    pub fn beacon(&self) -> &Beacon {
        &self.beacon
    }

    /// Number of peers currently known.
    pub fn peer_count(&self) -> usize {
        self.peers.len()
    }

    /// A beacon arrived from `sender` (its IP address as text).
    pub fn on_beacon(&mut self, sender: &str, payload: &[u8], now: Instant) -> Option<PeerChange> {
        // Our own beacons are filtered out by the Beacon; other nodes of this
        // process share nothing but the port, so compare uuids too.
        let beacon = DiscoveryBeacon::decode(payload).ok()?;
        if beacon.uuid == self.uuid {
            return None;
        }
        let known = self.peers.get(&beacon.uuid).copied();
        match self.peers.observe(sender, payload, now).ok()? {
            PeerEvent::Joined => {
                let peer = self.peers.get(&beacon.uuid)?;
                Some(PeerChange::Connect(endpoint_of(&peer.address, peer.port)))
            }
            PeerEvent::Left => known.map(|p| PeerChange::Forget(endpoint_of(&p.address, p.port))),
            PeerEvent::Refreshed | PeerEvent::Ignored => None,
        }
    }

    /// Drops peers silent for longer than the timeout.
    pub fn expire(&mut self, now: Instant) -> Vec<PeerChange> {
        let before: Vec<([u8; 16], String)> = self
            .peers
            .iter()
            .map(|(uuid, p)| (*uuid, endpoint_of(&p.address, p.port)))
            .collect();
        let gone = self.peers.expire(now);
        before
            .into_iter()
            .filter(|(uuid, _)| gone.contains(uuid))
            .map(|(_, ep)| PeerChange::Forget(ep))
            .collect()
    }

    /// Announces EXIT (sent at once), so peers drop us without waiting.
    pub fn announce_exit(&self) -> Result<()> {
        let bye = DiscoveryBeacon::new(self.uuid, self.port, NodeState::Exit);
        self.beacon.publish(&bye.encode(), self.interval)
    }
}
