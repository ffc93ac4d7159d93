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
use crate::socket::{AsSocket, SNDMORE};

/// Sends `s` as a one-frame message (or the last frame of one begun with [`sendm`]).
pub fn send(sock: &impl AsSocket, s: &str) -> Result<()> {
    sock.as_socket().send_bytes(s.as_bytes(), 0)
}

/// Sends `s` as a frame with "more" set: further frames follow.
pub fn sendm(sock: &impl AsSocket, s: &str) -> Result<()> {
    sock.as_socket().send_bytes(s.as_bytes(), SNDMORE)
}

/// Sends each string as one frame of a single multipart message; at least
/// one string is needed.
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
pub fn recv(sock: &impl AsSocket) -> Result<String> {
    sock.as_socket().recv_string(0)
}

/// Receives every frame of one message as text; [`Error::InvalidUtf8`] if
/// any frame is not UTF-8 (the whole message is consumed either way).
pub fn recvx(sock: &impl AsSocket) -> Result<Vec<String>> {
    let frames = sock.as_socket().recv_multipart(0)?;
    frames
        .into_iter()
        .map(|f| String::from_utf8(f.to_vec()).map_err(|_| Error::InvalidUtf8))
        .collect()
}
