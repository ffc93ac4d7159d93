//! CZMQ's UDP helpers (`zsys_udp_*`): the broadcast-capable datagram
//! sockets beacons are built on, as plain [`UdpSocket`]s.

use std::io;
use std::net::{SocketAddr, UdpSocket};

use socket2::{Domain, Protocol, Socket, Type};

/// The largest datagram [`udp_recv`] returns (CZMQ's `UDP_FRAME_MAX`);
/// the rest of a longer one is discarded.
pub const UDP_FRAME_MAX: usize = 255;

/// A UDP socket for beacons, unbound (a [`socket2::Socket`], so that it
/// can still be bound; convert it into a [`UdpSocket`] once bound): IPv6 when [`ipv6`](super::ipv6) is
/// on, else IPv4; broadcast allowed; address and port reusable, so that
/// several processes on a host can listen on one port. `routable` asks
/// for multicast beyond the local network (the TTL of
/// [`mcast_ttl`](super::mcast_ttl)); it is IPv4 only, so it is an error
/// when IPv6 is on (CZMQ asserts).
///
/// ```
/// use std::net::{SocketAddr, UdpSocket};
/// let sock = czmq::zsys::udp_new(false)?;
/// let any: SocketAddr = "0.0.0.0:0".parse().unwrap();
/// sock.bind(&any.into())?;
/// let sock: UdpSocket = sock.into();
/// assert_ne!(sock.local_addr()?.port(), 0);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn udp_new(routable: bool) -> io::Result<Socket> {
    let ipv6 = super::ipv6();
    if routable && ipv6 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "routable UDP sockets are IPv4 only",
        ));
    }
    let domain = if ipv6 { Domain::IPV6 } else { Domain::IPV4 };
    let socket = Socket::new(domain, Type::DGRAM.cloexec(), Some(Protocol::UDP))?;
    socket.set_broadcast(true)?;
    socket.set_reuse_address(true)?;
    socket.set_reuse_port(true)?;
    let ttl = super::mcast_ttl();
    if routable && ttl > 1 {
        socket.set_multicast_ttl_v4(u32::try_from(ttl).unwrap_or(1))?;
    }
    Ok(socket)
}

/// True when this host can open and bind an IPv6 socket
/// (`zsys_ipv6_available`).
///
/// ```
/// let _ = czmq::zsys::ipv6_available();
/// ```
pub fn ipv6_available() -> bool {
    UdpSocket::bind("[::]:0").is_ok()
}

/// True for the socket errors CZMQ's `zsys_socket_error` treats as
/// passing (try again later): would-block, interrupted, network or host
/// down or unreachable, connection reset, and unsupported options.
///
/// ```
/// let e = std::io::Error::from_raw_os_error(libc::EAGAIN);
/// assert!(czmq::zsys::is_transient_socket_error(&e));
/// let e = std::io::Error::from_raw_os_error(libc::EBADF);
/// assert!(!czmq::zsys::is_transient_socket_error(&e));
/// ```
pub fn is_transient_socket_error(error: &io::Error) -> bool {
    matches!(
        error.raw_os_error(),
        Some(
            libc::EAGAIN
                | libc::ENETDOWN
                | libc::EHOSTUNREACH
                | libc::ENETUNREACH
                | libc::EINTR
                | libc::EPIPE
                | libc::ECONNRESET
                | libc::ENOPROTOOPT
                | libc::EHOSTDOWN
                | libc::EOPNOTSUPP
                | libc::EPROTO
                | libc::ENONET
        )
    )
}

/// Sends `data` as one datagram to `address`.
///
/// ```
/// use std::net::UdpSocket;
/// let rx = UdpSocket::bind("127.0.0.1:0")?;
/// let tx: UdpSocket = czmq::zsys::udp_new(false)?.into();
/// czmq::zsys::udp_send(&tx, b"hello", rx.local_addr()?)?;
/// let (data, peer) = czmq::zsys::udp_recv(&rx)?;
/// assert_eq!(data, b"hello");
/// assert_eq!(peer, "127.0.0.1");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn udp_send(sock: &UdpSocket, data: &[u8], address: SocketAddr) -> io::Result<()> {
    sock.send_to(data, address).map(|_| ())
}

/// Receives one datagram (at most [`UDP_FRAME_MAX`] bytes) and the
/// sender's numeric address as text; an IPv6 link-local sender gets its
/// interface appended ("fe80::1%eth0"), as CZMQ names peers.
///
/// ```
/// use std::net::UdpSocket;
/// let rx = UdpSocket::bind("127.0.0.1:0")?;
/// UdpSocket::bind("127.0.0.1:0")?.send_to(b"hi", rx.local_addr()?)?;
/// assert_eq!(czmq::zsys::udp_recv(&rx)?.0, b"hi");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn udp_recv(sock: &UdpSocket) -> io::Result<(Vec<u8>, String)> {
    let mut buffer = [0u8; UDP_FRAME_MAX];
    let (size, from) = sock.recv_from(&mut buffer)?;
    Ok((buffer[..size].to_vec(), peer_name(&from)))
}

/// The numeric host part of `address`, with the interface of an IPv6
/// link-local address.
fn peer_name(address: &SocketAddr) -> String {
    match address {
        SocketAddr::V4(v4) => v4.ip().to_string(),
        SocketAddr::V6(v6) => {
            let ip = v6.ip();
            let link_local = ip.segments()[0] & 0xffc0 == 0xfe80;
            match interface_name(v6.scope_id()) {
                Some(name) if link_local => format!("{ip}%{name}"),
                _ => ip.to_string(),
            }
        }
    }
}

/// The name of network interface `index`, if there is one.
fn interface_name(index: u32) -> Option<String> {
    if index == 0 {
        return None;
    }
    let mut name = [0 as libc::c_char; libc::IF_NAMESIZE];
    // SAFETY: `name` has room for IF_NAMESIZE bytes, as if_indextoname
    // requires; it returns NULL or a pointer into `name`.
    let p = unsafe { libc::if_indextoname(index, name.as_mut_ptr()) };
    if p.is_null() {
        return None;
    }
    // SAFETY: on success if_indextoname wrote a NUL-terminated name into
    // `name`, which outlives this borrow.
    let text = unsafe { std::ffi::CStr::from_ptr(name.as_ptr()) };
    Some(text.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peer_names_are_numeric() {
        let v4: SocketAddr = "10.0.0.7:5670".parse().unwrap();
        assert_eq!(peer_name(&v4), "10.0.0.7");
        let v6: SocketAddr = "[2001:db8::1]:5670".parse().unwrap();
        assert_eq!(peer_name(&v6), "2001:db8::1");
        // Loopback's index is 1 on Linux; a link-local address with it is
        // named after the interface.
        let ll = SocketAddr::V6(std::net::SocketAddrV6::new(
            "fe80::1".parse().unwrap(),
            5670,
            0,
            1,
        ));
        assert!(peer_name(&ll).starts_with("fe80::1%"), "{}", peer_name(&ll));
    }
}
