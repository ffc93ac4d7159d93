//! Sockets in the process-wide context with the zsys defaults applied:
//! CZMQ's `zsys_socket`, `zsys_create_pipe`, `zsys_sockname` and
//! `zsys_socket_limit`.

use std::time::Duration;

use crate::context::{Context, ContextOption};
use crate::error::{Error, Result};
use crate::sock::{Sock, random_u64};
use crate::socket::{Socket, SocketType};

/// A socket of `kind` in the process-wide [`context`](super::context), with
/// the zsys [`linger`](super::linger), high-water marks and
/// [`ipv6`](super::ipv6) setting applied (`zsys_socket`). Unlike a
/// [`Sock`], it is the bare core socket.
///
/// ```
/// let s = czmq::zsys::socket(czmq::SocketType::Sub)?;
/// assert_eq!(s.rcvhwm()?, czmq::zsys::rcvhwm());
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn socket(kind: SocketType) -> Result<Socket> {
    let socket = super::context()?.socket(kind)?;
    let linger = u64::try_from(super::linger())
        .ok()
        .map(Duration::from_millis);
    socket.set_linger(linger)?;
    socket.set_sndhwm(super::sndhwm())?;
    socket.set_rcvhwm(super::rcvhwm())?;
    socket.set_ipv6(super::ipv6())?;
    Ok(socket)
}

/// A pipe: two PAIR [`Sock`]s connected over a fresh inproc endpoint, each
/// with [`pipehwm`](super::pipehwm) as its send high-water mark, returned
/// as (frontend, backend) (`zsys_create_pipe`).
///
/// ```
/// let (front, back) = czmq::zsys::create_pipe()?;
/// czmq::zstr::send(&front, "Hello")?;
/// assert_eq!(czmq::zstr::recv(&back)?, "Hello");
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn create_pipe() -> Result<(Sock, Sock)> {
    let frontend = Sock::new(SocketType::Pair)?;
    let backend = Sock::new(SocketType::Pair)?;
    frontend.as_socket().set_sndhwm(super::pipehwm())?;
    backend.as_socket().set_sndhwm(super::pipehwm())?;
    let mut tries = 0;
    let endpoint = loop {
        let candidate = format!("inproc://pipe-{:016x}", random_u64());
        match frontend.as_socket().bind(&candidate) {
            Ok(()) => break candidate,
            // Another pipe drew the same name (vanishingly rare): redraw.
            Err(Error::AddrInUse) if tries < 16 => tries += 1,
            Err(e) => return Err(e),
        }
    };
    backend.connect(&endpoint)?;
    Ok((frontend, backend))
}

/// CZMQ's names of libzmq's socket types, by type number (draft types
/// included, so that any socket a peer could report has a name).
const SOCKET_NAMES: [&str; 19] = [
    "PAIR", "PUB", "SUB", "REQ", "REP", "DEALER", "ROUTER", "PULL", "PUSH", "XPUB", "XSUB",
    "STREAM", "SERVER", "CLIENT", "RADIO", "DISH", "GATHER", "SCATTER", "DGRAM",
];

/// The name of libzmq socket type number `kind` ("PAIR", "PUB", ...), or
/// None when there is no such type (`zsys_sockname`).
///
/// ```
/// assert_eq!(czmq::zsys::sockname(czmq::SocketType::Router.raw()), Some("ROUTER"));
/// assert_eq!(czmq::zsys::sockname(99), None);
/// ```
pub fn sockname(kind: i32) -> Option<&'static str> {
    usize::try_from(kind)
        .ok()
        .and_then(|i| SOCKET_NAMES.get(i).copied())
}

/// The most sockets a context of this libzmq build can allow, capped at
/// 65535 as CZMQ does (`zsys_socket_limit`). Asks the process-wide context
/// when it exists, else a throw-away one.
///
/// ```
/// assert!(czmq::zsys::socket_limit() >= 1024);
/// ```
pub fn socket_limit() -> usize {
    let limit = match super::existing_context() {
        Some(ctx) => ctx.get(ContextOption::SocketLimit),
        None => Context::new().and_then(|ctx| ctx.get(ContextOption::SocketLimit)),
    };
    usize::try_from(limit.unwrap_or(1024))
        .unwrap_or(1024)
        .min(65535)
}
