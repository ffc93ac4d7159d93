//! Beacon (CZMQ's zbeacon): LAN discovery and presence over UDP broadcast or
//! multicast, as an actor with CZMQ 4.2's pipe commands and wire format
//! (the protocol is documented on [`Beacon`]).
//!
//! Unlike CZMQ, one UDP socket sends and receives, so every datagram reaching
//! the port is delivered (CZMQ loses some unicast ones to its never-read
//! send socket), and several beacons still share a port on one host.
//! Interface choice follows the `ZSYS_*` settings ([`BeaconSettings`]).
//! [`DiscoveryBeacon`] and [`Peers`] give a ZRE-style payload with node
//! state and a peer table on top.
//!
//! Source addresses: beacons go out of the wildcard-bound socket, so the
//! kernel picks the source (for a broadcast or an IPv4 group, the chosen
//! interface's address), except with `ZSYS_IPV6_ADDRESS`, where a second
//! socket bound to that address sends (and is read too). Tests cover one
//! host over `lo` (and CZMQ interop in a private network namespace);
//! several hosts need namespaces joined by veth pairs or a bridge, with
//! broadcast and multicast routes, which is not set up here.

mod engine;
pub(crate) mod iface;
mod udp;
mod zre;

use std::collections::VecDeque;
use std::fmt;
use std::time::{Duration, Instant};

use crate::actor::Actor;
use crate::error::{Error, Result};
use crate::frame::Frame;
use crate::poll::{PollEvents, PollItem, poll};
use crate::sock::Sock;
use crate::socket::{AsSocket, Socket};

pub use iface::BeaconSettings;
pub use udp::UDP_FRAME_MAX;
pub use zre::{
    DiscoveryBeacon, NodeState, Peer, PeerEvent, Peers, ZRE_BEACON_LEN, ZRE_LEGACY_LEN, ZRE_MAGIC,
};

/// How long the typed [`Beacon::configure`] waits for the actor's reply.
const REPLY_TIMEOUT: Duration = Duration::from_secs(5);

/// The beacon actor's body, for `Actor::new(czmq::zbeacon)`: CZMQ's
/// `zactor_new (zbeacon, NULL)`. It reads the [`crate::zsys`] settings at
/// each CONFIGURE. [`Beacon`] wraps it with typed methods.
///
/// ```
/// use czmq::{zbeacon, Actor};
/// let beacon = Actor::new(zbeacon)?;
/// beacon.sock().send_strs(&["SILENCE"])?;
/// drop(beacon); // sends $TERM
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn zbeacon(pipe: Sock) -> Result<()> {
    engine::run(pipe, None)
}

/// A beacon actor with typed methods over its pipe protocol; the raw
/// commands also work through [`Beacon::actor`].
///
/// Pipe protocol (multipart messages on the actor's pipe, as CZMQ's):
///
/// | command | frames | reply |
/// |---|---|---|
/// | `CONFIGURE` | port (decimal) | one frame: the address in use, `"*"`, or `""` when no interface is usable |
/// | `PUBLISH` | data (≤ 255 bytes), interval ms (decimal, 0 = 1000) | none; the first beacon goes out at once |
/// | `SILENCE` | | none; stops sending |
/// | `SUBSCRIBE` | filter (prefix; empty = everything) | none |
/// | `UNSUBSCRIBE` | | none; nothing is delivered any more |
/// | `VERBOSE` | | none; logs activity with `log::info!` |
/// | `$TERM` | | ends the actor |
///
/// Received beacons that pass the filter arrive as two frames: the sender's
/// numeric IP address and the payload. The beacon's own current payload is
/// never delivered. Where CZMQ aborts the process (data or filter over 255
/// bytes, an unknown command, a bad port) this actor replies
/// `["ERROR", reason]` and keeps serving.
///
/// Two nodes on the loopback interface (`Beacon::new()` would follow the
/// `ZSYS_*` settings instead):
///
/// ```
/// use std::time::Duration;
/// use czmq::{Beacon, BeaconSettings};
/// let mut settings = BeaconSettings::from_zsys();
/// settings.interface = "lo".into();
/// let mut a = Beacon::with_settings(settings.clone())?;
/// let mut b = Beacon::with_settings(settings)?;
/// assert_eq!(a.configure(31321)?, "127.0.0.1");
/// b.configure(31321)?;
/// a.publish(b"hello", Duration::from_millis(50))?;
/// b.subscribe(b"hel")?;
/// let (sender, payload) = b.recv(Duration::from_secs(5)).expect("a beacon");
/// assert_eq!((sender.as_str(), payload.as_slice()), ("127.0.0.1", &b"hello"[..]));
/// # Ok::<(), czmq::Error>(())
/// ```
pub struct Beacon {
    actor: Actor,
    /// Beacons that arrived while [`configure`](Beacon::configure) waited for
    /// its reply, kept for [`recv`](Beacon::recv).
    pending: VecDeque<(String, Vec<u8>)>,
}

impl Beacon {
    /// A beacon that reads the [`crate::zsys`] settings when configured, as
    /// CZMQ's does.
    ///
    /// ```
    /// let beacon = czmq::Beacon::new()?;
    /// # drop(beacon);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn new() -> Result<Beacon> {
        Beacon::from_actor(Actor::new(zbeacon)?)
    }

    /// A beacon with its own network settings, independent of
    /// [`crate::zsys`].
    ///
    /// ```
    /// let mut settings = czmq::BeaconSettings::from_zsys();
    /// settings.interface = "lo".into();
    /// let mut beacon = czmq::Beacon::with_settings(settings)?;
    /// # if std::net::UdpSocket::bind("127.0.0.1:0").is_ok() {
    /// assert_eq!(beacon.configure(31123)?, "127.0.0.1");
    /// # }
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn with_settings(settings: BeaconSettings) -> Result<Beacon> {
        Beacon::from_actor(Actor::new(move |pipe| engine::run(pipe, Some(settings)))?)
    }

    fn from_actor(actor: Actor) -> Result<Beacon> {
        Ok(Beacon {
            actor,
            pending: VecDeque::new(),
        })
    }

    /// The actor, for raw pipe commands or polling.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Gives up the typed wrapper and returns the actor.
    pub fn into_actor(self) -> Actor {
        self.actor
    }

    /// Binds the beacon to UDP `port` and returns the address it announces
    /// from: an IP address, `"*"` (ZSYS_INTERFACE=*), or `""` when no
    /// interface is usable. [`Error::InvalidArgument`] for port 0.
    pub fn configure(&mut self, port: u16) -> Result<String> {
        if port == 0 {
            return Err(Error::InvalidArgument("beacon port 0".into()));
        }
        self.actor
            .sock()
            .send_strs(&["CONFIGURE", &port.to_string()])?;
        let deadline = Instant::now() + REPLY_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let Some(frames) = self.recv_frames(left)? else {
                return Err(Error::TimedOut);
            };
            match frames.as_slice() {
                [host] => return Ok(String::from_utf8_lossy(host.data()).into_owned()),
                [kind, reason] if kind.streq("ERROR") => {
                    return Err(Error::InvalidArgument(
                        String::from_utf8_lossy(reason.data()).into_owned(),
                    ));
                }
                [sender, payload] => self.pending.push_back((
                    String::from_utf8_lossy(sender.data()).into_owned(),
                    payload.data().to_vec(),
                )),
                _ => log::warn!("beacon: unexpected {}-frame message", frames.len()),
            }
        }
    }

    /// Starts sending `data` (at most [`UDP_FRAME_MAX`] bytes) now and every
    /// `interval` (zero: CZMQ's default, 1 s), replacing any earlier beacon.
    pub fn publish(&self, data: &[u8], interval: Duration) -> Result<()> {
        if data.len() > UDP_FRAME_MAX {
            return Err(Error::InvalidArgument(format!(
                "beacon data is {} bytes, at most {UDP_FRAME_MAX}",
                data.len()
            )));
        }
        let ms = u32::try_from(interval.as_millis())
            .map_err(|_| Error::InvalidArgument(format!("beacon interval {interval:?}")))?;
        self.actor
            .sock()
            .send_parts(&[&b"PUBLISH"[..], data, ms.to_string().as_bytes()])
    }

    /// Stops sending.
    pub fn silence(&self) -> Result<()> {
        self.actor.sock().send_strs(&["SILENCE"])
    }

    /// Delivers received beacons whose payload starts with `filter` (empty:
    /// all), replacing any earlier filter.
    pub fn subscribe(&self, filter: &[u8]) -> Result<()> {
        if filter.len() > UDP_FRAME_MAX {
            return Err(Error::InvalidArgument(format!(
                "beacon filter is {} bytes, at most {UDP_FRAME_MAX}",
                filter.len()
            )));
        }
        self.actor.sock().send_parts(&[&b"SUBSCRIBE"[..], filter])
    }

    /// Stops delivering beacons.
    pub fn unsubscribe(&self) -> Result<()> {
        self.actor.sock().send_strs(&["UNSUBSCRIBE"])
    }

    /// Makes the actor log its activity (`log::info!`).
    pub fn verbose(&self) -> Result<()> {
        self.actor.sock().send_strs(&["VERBOSE"])
    }

    /// The next received beacon, (sender IP, payload), waiting at most
    /// `timeout`. ERROR replies met on the way are logged and skipped.
    pub fn recv(&mut self, timeout: Duration) -> Option<(String, Vec<u8>)> {
        if let Some(beacon) = self.pending.pop_front() {
            return Some(beacon);
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let frames = match self.recv_frames(left) {
                Ok(Some(frames)) => frames,
                Ok(None) => return None,
                Err(e) => {
                    log::warn!("beacon: {e}");
                    return None;
                }
            };
            match frames.as_slice() {
                [kind, reason] if kind.streq("ERROR") => {
                    log::warn!("beacon: ERROR {}", String::from_utf8_lossy(reason.data()))
                }
                [sender, payload] => {
                    return Some((
                        String::from_utf8_lossy(sender.data()).into_owned(),
                        payload.data().to_vec(),
                    ));
                }
                _ => log::warn!("beacon: unexpected {}-frame message", frames.len()),
            }
        }
    }

    /// One message from the pipe, or None after `timeout`.
    fn recv_frames(&self, timeout: Duration) -> Result<Option<Vec<Frame>>> {
        let mut items = [PollItem::socket(&self.actor, PollEvents::POLLIN)];
        match poll(&mut items, Some(timeout)) {
            Ok(0) => Ok(None),
            Ok(_) => self.actor.sock().recv_parts().map(Some),
            Err(Error::Interrupted) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

impl fmt::Debug for Beacon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Beacon")
            .field("actor", &self.actor)
            .field("pending", &self.pending.len())
            .finish()
    }
}

/// Lends the actor's pipe, so a beacon can be polled (with [`crate::Poller`]
/// or [`crate::poll`]) next to other sockets; read it with
/// [`Beacon::recv`], or raw as two frames per beacon.
impl AsSocket for Beacon {
    fn as_socket(&self) -> &Socket {
        self.actor.as_socket()
    }
}
