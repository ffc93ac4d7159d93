//! zsys's UDP helpers and host name over `czmq::zsys`. A SOCKET is a
//! plain file descriptor here, as in CZMQ on POSIX.

use std::ffi::{c_char, c_int};
use std::mem::ManuallyDrop;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6, UdpSocket};
use std::os::fd::{FromRawFd, IntoRawFd};

use czmq::zsys;

use super::super::ffi::{guard, malloc_str, opt_str};
use super::super::zframe::{zframe_data, zframe_new, zframe_size, ZframeT};

/// `SOCKET zsys_udp_new (bool routable)`: -1 (INVALID_SOCKET) on failure
/// or for routable with IPv6 on (CZMQ asserts there).
#[no_mangle]
pub extern "C" fn zsys_udp_new(routable: bool) -> c_int {
    guard(-1, || match zsys::udp_new(routable) {
        Ok(sock) => sock.into_raw_fd(),
        Err(e) => {
            zsys::error(format_args!("zsys_udp_new: {e}"));
            -1
        }
    })
}

/// `int zsys_udp_close (SOCKET handle)`.
#[no_mangle]
pub extern "C" fn zsys_udp_close(handle: c_int) -> c_int {
    // SAFETY: close takes any integer; a bad one is EBADF, not UB for us.
    guard(-1, || unsafe { libc::close(handle) })
}

/// Borrows a C caller's descriptor as a UdpSocket without taking it over.
fn borrow_udp(fd: c_int) -> Option<ManuallyDrop<UdpSocket>> {
    if fd < 0 {
        return None;
    }
    // SAFETY: the wrapper is never dropped (ManuallyDrop), so the C
    // caller keeps owning the descriptor; UdpSocket's methods are plain
    // system calls that report EBADF/ENOTSOCK on a wrong descriptor.
    Some(ManuallyDrop::new(unsafe { UdpSocket::from_raw_fd(fd) }))
}

/// The socket address behind a C `inaddr_t *` (a sockaddr_in, or a
/// sockaddr_in6 when `addrlen` says so and the family is AF_INET6).
///
/// # Safety
/// `address` points to at least `addrlen` readable bytes.
unsafe fn socket_addr(address: *const libc::sockaddr, addrlen: c_int) -> Option<SocketAddr> {
    let len = usize::try_from(addrlen).ok()?;
    if address.is_null() || len < std::mem::size_of::<libc::sa_family_t>() {
        return None;
    }
    // SAFETY: at least the family field is readable (checked above);
    // unaligned reads because C makes no alignment promise we rely on.
    let family = unsafe { std::ptr::addr_of!((*address).sa_family).read_unaligned() };
    match c_int::from(family) {
        libc::AF_INET if len >= std::mem::size_of::<libc::sockaddr_in>() => {
            // SAFETY: the family and length say a whole sockaddr_in is there.
            let sin = unsafe { (address as *const libc::sockaddr_in).read_unaligned() };
            let ip = Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
            Some(SocketAddr::V4(SocketAddrV4::new(
                ip,
                u16::from_be(sin.sin_port),
            )))
        }
        libc::AF_INET6 if len >= std::mem::size_of::<libc::sockaddr_in6>() => {
            // SAFETY: the family and length say a whole sockaddr_in6 is there.
            let sin6 = unsafe { (address as *const libc::sockaddr_in6).read_unaligned() };
            Some(SocketAddr::V6(SocketAddrV6::new(
                Ipv6Addr::from(sin6.sin6_addr.s6_addr),
                u16::from_be(sin6.sin6_port),
                u32::from_be(sin6.sin6_flowinfo),
                sin6.sin6_scope_id,
            )))
        }
        _ => None,
    }
}

/// `int zsys_udp_send (SOCKET udpsock, zframe_t *frame, inaddr_t
/// *address, int addrlen)`: the frame's bytes as one datagram; 0 or -1.
///
/// # Safety
/// `frame` is NULL or a live zframe_t; `address` is NULL or points to
/// `addrlen` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn zsys_udp_send(
    udpsock: c_int,
    frame: *mut ZframeT,
    address: *mut libc::sockaddr_in,
    addrlen: c_int,
) -> c_int {
    guard(-1, || {
        // SAFETY: address points to addrlen readable bytes, or is NULL
        // (socket_addr checks).
        let Some(to) = (unsafe { socket_addr(address.cast(), addrlen) }) else {
            return -1;
        };
        let Some(sock) = borrow_udp(udpsock) else {
            return -1;
        };
        if frame.is_null() {
            return -1;
        }
        // SAFETY: frame is a live zframe_t (contract); zframe_data and
        // zframe_size lend its bytes for the duration of this call.
        let data = unsafe {
            let size = zframe_size(frame);
            let ptr = zframe_data(frame);
            if ptr.is_null() || size == 0 {
                &[][..]
            } else {
                std::slice::from_raw_parts(ptr, size)
            }
        };
        match zsys::udp_send(&sock, data, to) {
            Ok(()) => 0,
            Err(e) => {
                zsys::debug(format_args!("zsys_udp_send: failed, reason={e}"));
                -1
            }
        }
    })
}

/// `zframe_t *zsys_udp_recv (SOCKET udpsock, char *peername, int
/// peerlen)`: one datagram as a new frame, the sender's address written
/// to `peername` (truncated to `peerlen` with its NUL); NULL on failure.
///
/// # Safety
/// `peername` is NULL or writable for `peerlen` bytes.
#[no_mangle]
pub unsafe extern "C" fn zsys_udp_recv(
    udpsock: c_int,
    peername: *mut c_char,
    peerlen: c_int,
) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        let Some(sock) = borrow_udp(udpsock) else {
            return std::ptr::null_mut();
        };
        let (data, peer) = match zsys::udp_recv(&sock) {
            Ok(received) => received,
            Err(e) => {
                if !zsys::is_transient_socket_error(&e) {
                    zsys::error(format_args!("(UDP) error '{e}' on recvfrom"));
                }
                return std::ptr::null_mut();
            }
        };
        let room = usize::try_from(peerlen).unwrap_or(0);
        if !peername.is_null() && room > 0 {
            let n = peer.len().min(room - 1);
            // SAFETY: peername is writable for `room` bytes and we write
            // n + 1 <= room; the source is a separate Rust String.
            unsafe {
                std::ptr::copy_nonoverlapping(peer.as_ptr(), peername.cast::<u8>(), n);
                *peername.add(n) = 0;
            }
        }
        // SAFETY: data is a valid buffer of data.len() bytes for the call.
        unsafe { zframe_new(data.as_ptr().cast(), data.len()) }
    })
}

/// `void zsys_socket_error (const char *reason)`: logs the last socket
/// error (errno) unless it is one CZMQ treats as passing. CZMQ then
/// asserts; we only log.
///
/// # Safety
/// `reason` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn zsys_socket_error(reason: *const c_char) {
    let error = std::io::Error::last_os_error();
    guard((), || {
        if !zsys::is_transient_socket_error(&error) {
            // SAFETY: NULL or a C string, which opt_str accepts.
            let reason = unsafe { opt_str(reason) }.unwrap_or("");
            zsys::error(format_args!("(UDP) error '{error}' on {reason}"));
        }
    })
}

/// `char *zsys_hostname (void)`: the host's canonical name, freed by the
/// caller; NULL if unknown.
#[no_mangle]
pub extern "C" fn zsys_hostname() -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        zsys::hostname().map_or(std::ptr::null_mut(), |name| malloc_str(&name))
    })
}
