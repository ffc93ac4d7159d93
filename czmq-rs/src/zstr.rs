//! zstr: strings as frames, CZMQ's simplest way to talk over a socket.
//!
//! Every function takes anything that lends a socket ([`AsSocket`]): a
//! [`Socket`](crate::Socket), a [`Sock`](crate::Sock) or an
//! [`Actor`](crate::Actor). Text is sent without a trailing NUL, as CZMQ does.
//!
//! ```
//! use czmq::{zstr, Sock};
//! let a = Sock::new_pair(Some("@inproc://zstr-doc"))?;
//! let b = Sock::new_pair(Some("inproc://zstr-doc"))?;
//! zstr::send(&a, "hello")?;
//! assert_eq!(zstr::recv(&b)?, "hello");
//! zstr::sendx(&a, &["one", "two"])?;
//! assert_eq!(zstr::recvx(&b)?, ["one", "two"]);
//! # Ok::<(), czmq::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::flags::Flags;
use crate::socket::AsSocket;

/// Sends `s` as a one-frame message (or the last frame of one begun with [`sendm`]).
///
/// ```
/// use czmq::{zstr, Sock};
/// let a = Sock::new_pair(Some("@inproc://zstr-send"))?;
/// let b = Sock::new_pair(Some("inproc://zstr-send"))?;
/// zstr::send(&a, "ping")?;
/// assert_eq!(zstr::recv(&b)?, "ping");
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn send(sock: &impl AsSocket, s: &str) -> Result<()> {
    sock.as_socket().send_bytes(s.as_bytes())
}

/// Sends `s` as a frame with "more" set: further frames follow.
///
/// ```
/// use czmq::{zstr, Sock};
/// let a = Sock::new_pair(Some("@inproc://zstr-sendm"))?;
/// let b = Sock::new_pair(Some("inproc://zstr-sendm"))?;
/// zstr::sendm(&a, "key")?;
/// zstr::send(&a, "value")?;
/// assert_eq!(zstr::recvx(&b)?, ["key", "value"]);
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn sendm(sock: &impl AsSocket, s: &str) -> Result<()> {
    sock.as_socket().send_bytes_with(s.as_bytes(), Flags::MORE)
}

/// Sends each string as one frame of a single multipart message; at least
/// one string is needed.
///
/// ```
/// use czmq::{zstr, Sock};
/// let a = Sock::new_pair(Some("@inproc://zstr-sendx"))?;
/// let b = Sock::new_pair(Some("inproc://zstr-sendx"))?;
/// zstr::sendx(&a, &["a", "b", "c"])?;
/// assert_eq!(zstr::recvx(&b)?, ["a", "b", "c"]);
/// assert!(zstr::sendx::<&str>(&a, &[]).is_err());
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn sendx<S: AsRef<str>>(sock: &impl AsSocket, parts: &[S]) -> Result<()> {
    let Some((last, init)) = parts.split_last() else {
        return Err(Error::InvalidArgument(
            "zstr::sendx needs at least one string".into(),
        ));
    };
    for part in init {
        sendm(sock, part.as_ref())?;
    }
    send(sock, last.as_ref())
}

/// Receives one frame as text, blocking up to the socket's receive timeout.
/// A frame that is not UTF-8 gives [`Error::InvalidUtf8`] (and is consumed).
///
/// ```
/// use czmq::{zstr, Sock};
/// let a = Sock::new_pair(Some("@inproc://zstr-recv"))?;
/// let b = Sock::new_pair(Some("inproc://zstr-recv"))?;
/// zstr::send(&a, "héllo")?;
/// assert_eq!(zstr::recv(&b)?, "héllo");
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn recv(sock: &impl AsSocket) -> Result<String> {
    sock.as_socket().recv_string()
}

/// As [`recv`], without waiting: `Ok(None)` when no frame is queued
/// (`zstr_recv_nowait`).
///
/// ```
/// use czmq::{zstr, Sock};
/// let a = Sock::new_pair(Some("@inproc://zstr-nowait"))?;
/// let b = Sock::new_pair(Some("inproc://zstr-nowait"))?;
/// assert_eq!(zstr::recv_nowait(&b)?, None);
/// zstr::send(&a, "now")?;
/// // inproc delivers at once.
/// assert_eq!(zstr::recv_nowait(&b)?.as_deref(), Some("now"));
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn recv_nowait(sock: &impl AsSocket) -> Result<Option<String>> {
    match sock.as_socket().recv_string_with(Flags::DONTWAIT) {
        Ok(text) => Ok(Some(text)),
        Err(Error::Again) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Receives every frame of one message as text; [`Error::InvalidUtf8`] if
/// any frame is not UTF-8 (the whole message is consumed either way).
///
/// ```
/// use czmq::{zstr, Sock};
/// let a = Sock::new_pair(Some("@inproc://zstr-recvx"))?;
/// let b = Sock::new_pair(Some("inproc://zstr-recvx"))?;
/// zstr::sendx(&a, &["x", "y"])?;
/// assert_eq!(zstr::recvx(&b)?, ["x", "y"]);
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn recvx(sock: &impl AsSocket) -> Result<Vec<String>> {
    let frames = sock.as_socket().recv_multipart()?;
    frames
        .into_iter()
        .map(|f| String::from_utf8(f.to_vec()).map_err(Error::from))
        .collect()
}
