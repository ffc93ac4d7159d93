//! The ZRE-style discovery beacon (a payload format carried by
//! [`Beacon`](super::Beacon)) and a peer table fed by it.
//!
//! Layout, all integers big-endian:
//!
//! | bytes | field |
//! |---|---|
//! | 0..3 | `"ZRE"` |
//! | 3 | version (1 in ZRE, RFC 36) |
//! | 4..20 | the sender's UUID |
//! | 20..22 | the sender's service port |
//! | 22 | node state: 0 INIT, 1 RUNNING, 2 EXIT (our extension) |
//!
//! Compatibility: the 22-byte beacon of ZRE (RFC 36, what Zyre and CZMQ's
//! examples send) has no state octet. It decodes with state
//! [`NodeState::Running`], except that port 0 means [`NodeState::Exit`],
//! because RFC 36 has a leaving peer send its beacon with port 0. Encoding
//! always writes the 23-byte form.
//!
//! Leaving: publish an EXIT beacon, then drop the [`Beacon`](super::Beacon).
//! PUBLISH sends its first beacon at once, before the actor reads the
//! `$TERM` that follows, so the notice goes out. UDP may still lose it;
//! peers then drop the node when it has been silent for their timeout.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// The ZRE magic, the first three bytes of every discovery beacon.
pub const ZRE_MAGIC: &[u8; 3] = b"ZRE";

/// Length of the classic ZRE beacon (no state octet).
pub const ZRE_LEGACY_LEN: usize = 22;

/// Length of the discovery beacon with its state octet.
pub const ZRE_BEACON_LEN: usize = 23;

/// The life-cycle state a node announces in its discovery beacon.
///
/// ```
/// use czmq::NodeState;
/// assert_eq!(NodeState::try_from(2)?, NodeState::Exit);
/// assert!(NodeState::try_from(9).is_err());
/// # Ok::<(), czmq::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeState {
    /// Starting up: not ready for connections yet.
    Init = 0,
    /// Serving.
    Running = 1,
    /// Leaving: peers should forget it at once.
    Exit = 2,
}

impl TryFrom<u8> for NodeState {
    type Error = Error;
    fn try_from(value: u8) -> Result<NodeState> {
        match value {
            0 => Ok(NodeState::Init),
            1 => Ok(NodeState::Running),
            2 => Ok(NodeState::Exit),
            other => Err(Error::Malformed(format!(
                "discovery beacon: unknown node state {other}"
            ))),
        }
    }
}

/// A decoded discovery beacon: who (UUID), where (service port), and in
/// which state.
///
/// ```
/// use czmq::{DiscoveryBeacon, NodeState};
/// let beacon = DiscoveryBeacon::new([7; 16], 5670, NodeState::Running);
/// let bytes = beacon.encode();
/// assert_eq!(&bytes[..4], b"ZRE\x01");
/// assert_eq!(DiscoveryBeacon::decode(&bytes)?, beacon);
/// assert!(DiscoveryBeacon::decode(b"ZRE").is_err());
/// # Ok::<(), czmq::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DiscoveryBeacon {
    /// Protocol version (1).
    pub version: u8,
    /// The node's unique id.
    pub uuid: [u8; 16],
    /// The node's service port (e.g. its ROUTER's TCP port).
    pub port: u16,
    /// What the node announces about itself.
    pub state: NodeState,
}

impl DiscoveryBeacon {
    /// The protocol version this crate writes.
    pub const VERSION: u8 = 1;

    /// A version-1 beacon.
    ///
    /// ```
    /// let b = czmq::DiscoveryBeacon::new([1; 16], 9000, czmq::NodeState::Init);
    /// assert_eq!(b.version, 1);
    /// ```
    pub fn new(uuid: [u8; 16], port: u16, state: NodeState) -> DiscoveryBeacon {
        DiscoveryBeacon {
            version: Self::VERSION,
            uuid,
            port,
            state,
        }
    }

    /// The 23 bytes to publish.
    ///
    /// ```
    /// let b = czmq::DiscoveryBeacon::new([0; 16], 0xc350, czmq::NodeState::Exit);
    /// let bytes = b.encode();
    /// assert_eq!(bytes.len(), 23);
    /// assert_eq!(&bytes[20..], &[0xc3, 0x50, 2]);
    /// ```
    pub fn encode(&self) -> [u8; ZRE_BEACON_LEN] {
        let mut out = [0u8; ZRE_BEACON_LEN];
        out[..3].copy_from_slice(ZRE_MAGIC);
        out[3] = self.version;
        out[4..20].copy_from_slice(&self.uuid);
        out[20..22].copy_from_slice(&self.port.to_be_bytes());
        out[22] = self.state as u8;
        out
    }

    /// Parses a received payload: 23 bytes with a state, or ZRE's 22 bytes
    /// (state Running, or Exit when the port is 0). Anything else, a wrong
    /// magic, version 0 or an unknown state is [`Error::Malformed`].
    ///
    /// ```
    /// use czmq::{DiscoveryBeacon, NodeState};
    /// // CZMQ's/Zyre's 22-byte beacon.
    /// let mut zre = b"ZRE\x01".to_vec();
    /// zre.extend_from_slice(&[0x11; 16]);
    /// zre.extend_from_slice(&[0xc3, 0x50]);
    /// let b = DiscoveryBeacon::decode(&zre)?;
    /// assert_eq!((b.port, b.state), (50000, NodeState::Running));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn decode(bytes: &[u8]) -> Result<DiscoveryBeacon> {
        let malformed = |why: &str| Error::Malformed(format!("discovery beacon: {why}"));
        if bytes.len() != ZRE_LEGACY_LEN && bytes.len() != ZRE_BEACON_LEN {
            return Err(malformed(&format!("{} bytes", bytes.len())));
        }
        if &bytes[..3] != ZRE_MAGIC {
            return Err(malformed("no ZRE magic"));
        }
        let version = bytes[3];
        if version == 0 {
            return Err(malformed("version 0"));
        }
        let mut uuid = [0u8; 16];
        uuid.copy_from_slice(&bytes[4..20]);
        let port = u16::from_be_bytes([bytes[20], bytes[21]]);
        let state = match bytes.get(22) {
            Some(&octet) => NodeState::try_from(octet)?,
            None if port == 0 => NodeState::Exit,
            None => NodeState::Running,
        };
        Ok(DiscoveryBeacon {
            version,
            uuid,
            port,
            state,
        })
    }
}

/// What the peer table knows about one peer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Peer {
    /// Where its last beacon came from.
    pub address: IpAddr,
    /// Its announced service port.
    pub port: u16,
    /// Its announced state (never Exit: exiting peers are dropped).
    pub state: NodeState,
    /// When its last beacon arrived.
    pub last_seen: Instant,
}

/// What [`Peers::update`] did with a beacon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeerEvent {
    /// A peer not known before.
    Joined,
    /// A known peer, seen again (its address, port or state may have changed).
    Refreshed,
    /// A known peer announced EXIT and was dropped.
    Left,
    /// An EXIT beacon from a peer we did not know: nothing to do.
    Ignored,
}

/// A peer table fed by discovery beacons: UUID -> (address, port, last
/// seen). A peer announcing EXIT is dropped at once; [`expire`](Peers::expire)
/// drops peers silent for longer than the timeout. Pure logic: time is
/// passed in, so it is testable without sockets or sleeping.
///
/// ```
/// use std::time::{Duration, Instant};
/// use czmq::{DiscoveryBeacon, NodeState, PeerEvent, Peers};
/// let mut peers = Peers::new(Duration::from_secs(5));
/// let t0 = Instant::now();
/// let ip = "10.0.0.7".parse()?;
/// let hello = DiscoveryBeacon::new([1; 16], 7000, NodeState::Running);
/// assert_eq!(peers.update(ip, &hello, t0), PeerEvent::Joined);
/// assert_eq!(peers.len(), 1);
/// // Silent for 6 s: gone.
/// assert_eq!(peers.expire(t0 + Duration::from_secs(6)), vec![[1; 16]]);
/// assert!(peers.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Peers {
    timeout: Duration,
    peers: HashMap<[u8; 16], Peer>,
}

impl Peers {
    /// An empty table that forgets peers silent longer than `timeout`.
    pub fn new(timeout: Duration) -> Peers {
        Peers {
            timeout,
            peers: HashMap::new(),
        }
    }

    /// The silence after which a peer is dropped.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Changes the silence after which a peer is dropped.
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    /// Records a beacon received from `address` at `now`.
    pub fn update(&mut self, address: IpAddr, beacon: &DiscoveryBeacon, now: Instant) -> PeerEvent {
        if beacon.state == NodeState::Exit {
            return match self.peers.remove(&beacon.uuid) {
                Some(_) => PeerEvent::Left,
                None => PeerEvent::Ignored,
            };
        }
        let peer = Peer {
            address,
            port: beacon.port,
            state: beacon.state,
            last_seen: now,
        };
        match self.peers.insert(beacon.uuid, peer) {
            Some(_) => PeerEvent::Refreshed,
            None => PeerEvent::Joined,
        }
    }

    /// Records a beacon as [`Beacon::recv`](super::Beacon::recv) delivers it:
    /// the sender's numeric address (an IPv6 `%scope` suffix is dropped) and
    /// the payload. [`Error::Malformed`] for an address or a payload that does
    /// not parse; the table is then unchanged.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use czmq::{DiscoveryBeacon, NodeState, PeerEvent, Peers};
    /// let mut peers = Peers::new(Duration::from_secs(5));
    /// let payload = DiscoveryBeacon::new([3; 16], 9000, NodeState::Running).encode();
    /// assert_eq!(peers.observe("127.0.0.1", &payload, Instant::now())?, PeerEvent::Joined);
    /// assert!(peers.observe("127.0.0.1", b"hello", Instant::now()).is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn observe(&mut self, sender: &str, payload: &[u8], now: Instant) -> Result<PeerEvent> {
        let host = sender.split('%').next().unwrap_or_default();
        let address: IpAddr = host
            .parse()
            .map_err(|_| Error::Malformed(format!("beacon sender {sender:?}")))?;
        let beacon = DiscoveryBeacon::decode(payload)?;
        Ok(self.update(address, &beacon, now))
    }

    /// Drops every peer whose last beacon is older than the timeout at
    /// `now`, and returns their UUIDs (sorted, so results are stable).
    pub fn expire(&mut self, now: Instant) -> Vec<[u8; 16]> {
        let timeout = self.timeout;
        let mut gone: Vec<[u8; 16]> = self
            .peers
            .iter()
            .filter(|(_, p)| now.saturating_duration_since(p.last_seen) > timeout)
            .map(|(uuid, _)| *uuid)
            .collect();
        gone.sort_unstable();
        for uuid in &gone {
            self.peers.remove(uuid);
        }
        gone
    }

    /// The peer with this UUID, if known.
    pub fn get(&self, uuid: &[u8; 16]) -> Option<&Peer> {
        self.peers.get(uuid)
    }

    /// Forgets a peer; returns what was known about it.
    pub fn remove(&mut self, uuid: &[u8; 16]) -> Option<Peer> {
        self.peers.remove(uuid)
    }

    /// How many peers are known.
    pub fn len(&self) -> usize {
        self.peers.len()
    }

    /// True when no peer is known.
    pub fn is_empty(&self) -> bool {
        self.peers.is_empty()
    }

    /// Every known peer, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8; 16], &Peer)> {
        self.peers.iter()
    }
}
