//! The beacon's one UDP socket.
//!
//! CZMQ opens a send socket and a receive socket on the same port, both with
//! SO_REUSEPORT, and never reads the send socket: the kernel load-balances
//! unicast datagrams between the two, so some are lost (spec §3.2). We use a
//! single socket for both directions, bound to the wildcard address like
//! CZMQ's receive socket, so every datagram that reaches the port is read
//! exactly once. SO_REUSEADDR and SO_REUSEPORT are still set, as CZMQ sets
//! them, so several beacons (ours or CZMQ's) share the port on one host:
//! broadcast and multicast datagrams are delivered to every socket bound to
//! the port.
//!
//! One case needs a second socket: an IPv6 beacon with `ZSYS_IPV6_ADDRESS`
//! must send from that address, which the kernel might not pick for a socket
//! bound to `::` (CZMQ's reason for two sockets). That send socket is bound
//! to the address and is read too: it only ever gets unicast datagrams sent
//! to that exact address (multicast goes to the wildcard socket), so nothing
//! is lost and nothing is delivered twice.

use std::io;
use std::net::{SocketAddr, UdpSocket};

use socket2::{Domain, Protocol, Socket, Type};

use super::iface::{Mcast, Plan, host_text};

/// The largest beacon payload, CZMQ's UDP_FRAME_MAX.
pub const UDP_FRAME_MAX: usize = 255;

/// An open beacon socket and where its beacons go.
#[derive(Debug)]
pub(crate) struct BeaconSocket {
    socket: UdpSocket,
    /// The socket bound to the exact source address, when there is one.
    sender: Option<UdpSocket>,
    send_to: SocketAddr,
}

impl BeaconSocket {
    /// Opens, configures and binds the socket for `plan`.
    pub fn open(plan: &Plan, ttl: u32) -> io::Result<BeaconSocket> {
        let socket = open_one(plan, plan.bind, ttl)?;
        let sender = match plan.source {
            Some(source) => Some(open_one(plan, source, ttl)?),
            None => None,
        };
        Ok(BeaconSocket {
            socket,
            sender,
            send_to: plan.send_to,
        })
    }

    /// Sends one beacon.
    pub fn send(&self, payload: &[u8]) -> io::Result<()> {
        let socket = self.sender.as_ref().unwrap_or(&self.socket);
        socket.send_to(payload, self.send_to).map(drop)
    }

    /// The sockets to poll and read: the wildcard one, then the sender.
    pub fn sockets(&self) -> impl Iterator<Item = &UdpSocket> {
        std::iter::once(&self.socket).chain(self.sender.as_ref())
    }
}

/// Opens one socket configured for `plan`, bound to `bind`.
fn open_one(plan: &Plan, bind: SocketAddr, ttl: u32) -> io::Result<UdpSocket> {
    let domain = match plan.bind {
        SocketAddr::V4(_) => Domain::IPV4,
        SocketAddr::V6(_) => Domain::IPV6,
    };
    let socket = Socket::new(domain, Type::DGRAM.cloexec(), Some(Protocol::UDP))?;
    socket.set_broadcast(plan.mcast.is_none() && plan.bind.is_ipv4())?;
    socket.set_reuse_address(true)?;
    socket.set_reuse_port(true)?;
    match plan.mcast {
        Some(Mcast::V4 { group, iface }) => {
            socket.join_multicast_v4(&group, &iface)?;
            // CZMQ 4.2.1 passes an interface index here where Linux wants
            // an address (spec §3.4); the address is what works.
            socket.set_multicast_if_v4(&iface)?;
            socket.set_multicast_ttl_v4(ttl.clamp(1, 255))?;
            socket.set_multicast_loop_v4(true)?;
        }
        Some(Mcast::V6 { group, index }) => {
            socket.join_multicast_v6(&group, index)?;
            socket.set_multicast_if_v6(index)?;
            socket.set_multicast_hops_v6(ttl.clamp(1, 255))?;
            socket.set_multicast_loop_v6(true)?;
        }
        None => {}
    }
    socket.bind(&bind.into())?;
    socket.set_nonblocking(true)?;
    Ok(socket.into())
}

/// Reads one datagram into `buf` (a longer one is truncated to its size,
/// as CZMQ's 255-byte buffer truncates): the sender's numeric address and
/// the length. None when nothing is waiting.
pub(crate) fn recv(socket: &UdpSocket, buf: &mut [u8]) -> io::Result<Option<(String, usize)>> {
    match socket.recv_from(buf) {
        Ok((len, from)) => {
            let scope = match from {
                SocketAddr::V6(v6) => v6.scope_id(),
                SocketAddr::V4(_) => 0,
            };
            Ok(Some((host_text(from.ip(), scope), len)))
        }
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(None),
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(None),
        Err(e) => Err(e),
    }
}
