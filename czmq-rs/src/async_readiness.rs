//! [`AsyncReadiness`]: tokio wake-ups for a libzmq socket that lives
//! elsewhere (an actor's pipe, a monitor's reader), with libzmq's
//! edge-triggered `ZMQ_FD` handled right (feature `tokio`, Unix).
//!
//! libzmq's `ZMQ_FD` only says "something may have changed"; the truth is
//! `ZMQ_EVENTS`, and reading `ZMQ_EVENTS`, sending and receiving can all
//! consume the edge. Every wait here therefore:
//!
//! 1. asks `ZMQ_EVENTS` (or, to receive or send, simply tries with
//!    [`Flags::DONTWAIT`]), and if the socket is ready, returns at once;
//! 2. otherwise clears tokio's readiness for the descriptor and asks
//!    `ZMQ_EVENTS` again (an edge may have come and gone meanwhile);
//! 3. only then waits for the descriptor.
//!
//! The descriptor registered with tokio is a duplicate of `ZMQ_FD`, owned
//! here: it stays valid whatever happens to the socket, so the readiness
//! can be kept next to the socket (or the actor, or the typed wrapper that
//! owns it) without any lifetime tie.

use std::os::fd::{BorrowedFd, OwnedFd};
use std::task::{Context as TaskContext, Poll, ready};

use tokio::io::Interest;
use tokio::io::unix::AsyncFd;

use crate::{Error, Flags, Message, Result, Socket};

const ZMQ_POLLIN: i32 = zmq_sys_vendored::ZMQ_POLLIN;
const ZMQ_POLLOUT: i32 = zmq_sys_vendored::ZMQ_POLLOUT;

/// An error of tokio's reactor or of `dup` as ours: its errno when it has
/// one (EMFILE, say), else `Error::Fault`.
pub(crate) fn io_error(e: std::io::Error) -> Error {
    e.raw_os_error()
        .map(Error::from_errno)
        .unwrap_or(Error::Fault)
}

/// Fails with `Error::NotSupported` outside a tokio runtime, where tokio
/// itself would panic on registration.
pub(crate) fn require_runtime() -> Result<()> {
    match tokio::runtime::Handle::try_current() {
        Ok(_) => Ok(()),
        Err(_) => Err(Error::NotSupported),
    }
}

/// tokio readiness for one libzmq socket that is owned elsewhere.
///
/// Every method takes the socket it was made for; given another socket, it
/// wakes at the wrong times (a logic error, never unsoundness). The
/// building block of [`AsyncSocket`](crate::AsyncSocket),
/// [`AsyncActor`](crate::AsyncActor) and the event streams, public so that
/// wrappers in other crates (gossip's delivery stream) can do the same.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> czmq::Result<()> {
/// use czmq::{AsyncReadiness, Context, SocketType};
/// let ctx = Context::new()?;
/// let pull = ctx.socket(SocketType::Pull)?;
/// pull.bind("inproc://readiness-doc")?;
/// let readiness = AsyncReadiness::new(&pull)?;
/// let push = ctx.socket(SocketType::Push)?;
/// push.connect("inproc://readiness-doc")?;
/// push.send("hi")?;
/// let parts = std::future::poll_fn(|cx| readiness.poll_recv(cx, &pull)).await?;
/// assert_eq!(&parts[0][..], b"hi");
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct AsyncReadiness {
    fd: AsyncFd<OwnedFd>,
}

impl AsyncReadiness {
    /// Registers a duplicate of `socket`'s `ZMQ_FD` with the current tokio
    /// runtime's reactor. Fails with `Error::NotSupported` outside a
    /// runtime.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let ctx = czmq::Context::new()?;
    /// let rep = ctx.socket(czmq::SocketType::Rep)?;
    /// let _readiness = czmq::AsyncReadiness::new(&rep)?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(socket: &Socket) -> Result<AsyncReadiness> {
        require_runtime()?;
        let raw = socket.fd()?;
        // SAFETY: ZMQ_FD is an open descriptor that libzmq keeps open, at
        // the same number, while `socket` (borrowed for this call) is
        // open; it is only borrowed long enough to duplicate it.
        let borrowed = unsafe { BorrowedFd::borrow_raw(raw) };
        let owned = borrowed.try_clone_to_owned().map_err(io_error)?;
        // SAFETY: `owned` is an open descriptor that the AsyncFd owns from
        // here on: nothing else can close it or make its number refer to
        // another file while the AsyncFd lives, and OwnedFd::as_raw_fd
        // always returns that same number.
        let fd = unsafe { AsyncFd::register_with_interest(owned, Interest::READABLE) }
            .map_err(|e| io_error(e.into()))?;
        Ok(AsyncReadiness { fd })
    }

    /// Ready(Ok) once `ZMQ_EVENTS` has `flag`; Pending, with the waker
    /// registered, while it does not.
    fn poll_events(
        &self,
        cx: &mut TaskContext<'_>,
        socket: &Socket,
        flag: i32,
    ) -> Poll<Result<()>> {
        loop {
            if socket.events()? & flag != 0 {
                return Poll::Ready(Ok(()));
            }
            let mut guard = ready!(self.fd.poll_read_ready(cx)).map_err(io_error)?;
            // Clear first, then look again: an edge that came after the
            // events check above is either seen by the next check or arms
            // the descriptor anew.
            guard.clear_ready();
        }
    }

    /// Ready once `socket` has a message to read. Nothing is taken.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let ctx = czmq::Context::new()?;
    /// let (a, b) = (ctx.socket(czmq::SocketType::Pair)?, ctx.socket(czmq::SocketType::Pair)?);
    /// a.bind("inproc://readable-doc")?;
    /// b.connect("inproc://readable-doc")?;
    /// let readiness = czmq::AsyncReadiness::new(&a)?;
    /// b.send("x")?;
    /// std::future::poll_fn(|cx| readiness.poll_readable(cx, &a)).await?;
    /// assert_eq!(&a.recv_multipart_with(czmq::Flags::DONTWAIT)?[0][..], b"x");
    /// # Ok(())
    /// # }
    /// ```
    pub fn poll_readable(&self, cx: &mut TaskContext<'_>, socket: &Socket) -> Poll<Result<()>> {
        self.poll_events(cx, socket, ZMQ_POLLIN)
    }

    /// Ready once `socket` can queue a message without blocking.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let ctx = czmq::Context::new()?;
    /// let (a, b) = (ctx.socket(czmq::SocketType::Pair)?, ctx.socket(czmq::SocketType::Pair)?);
    /// a.bind("inproc://writable-doc")?;
    /// b.connect("inproc://writable-doc")?;
    /// let readiness = czmq::AsyncReadiness::new(&b)?;
    /// std::future::poll_fn(|cx| readiness.poll_writable(cx, &b)).await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn poll_writable(&self, cx: &mut TaskContext<'_>, socket: &Socket) -> Poll<Result<()>> {
        self.poll_events(cx, socket, ZMQ_POLLOUT)
    }

    /// Polls for one whole multipart message from `socket`.
    ///
    /// Cancellation: a message is taken from libzmq and returned in the
    /// same poll, so dropping the future that polls this never loses one.
    /// (Example: see [`AsyncReadiness`].)
    pub fn poll_recv(
        &self,
        cx: &mut TaskContext<'_>,
        socket: &Socket,
    ) -> Poll<Result<Vec<Message>>> {
        // Try first: on a busy socket the message is there, and asking
        // ZMQ_EVENTS beforehand would cost a second call into libzmq. Only
        // when it would block does the edge-safe wait below run.
        loop {
            match socket.recv_multipart_with(Flags::DONTWAIT) {
                Err(Error::Again) => ready!(self.poll_readable(cx, socket))?,
                other => return Poll::Ready(other),
            }
        }
    }

    /// Polls for one frame from `socket` into `msg` (whose old content is
    /// released): the frame-level form of
    /// [`poll_recv`](AsyncReadiness::poll_recv), reusing one message as the
    /// blocking `Socket::recv` does. `msg.more()` tells whether more frames
    /// of the same message follow (they are already in libzmq, whole).
    ///
    /// Cancellation: the frame is taken and returned in the same poll, so
    /// stopping never loses one.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let ctx = czmq::Context::new()?;
    /// let (a, b) = (ctx.socket(czmq::SocketType::Pair)?, ctx.socket(czmq::SocketType::Pair)?);
    /// a.bind("inproc://recv-frame-doc")?;
    /// b.connect("inproc://recv-frame-doc")?;
    /// let readiness = czmq::AsyncReadiness::new(&a)?;
    /// b.send("x")?;
    /// let mut msg = czmq::Message::new();
    /// std::future::poll_fn(|cx| readiness.poll_recv_frame(cx, &a, &mut msg)).await?;
    /// assert_eq!((&msg[..], msg.more()), (&b"x"[..], false));
    /// # Ok(())
    /// # }
    /// ```
    pub fn poll_recv_frame(
        &self,
        cx: &mut TaskContext<'_>,
        socket: &Socket,
        msg: &mut Message,
    ) -> Poll<Result<()>> {
        loop {
            match socket.recv_with(msg, Flags::DONTWAIT) {
                Err(Error::Again) => ready!(self.poll_readable(cx, socket))?,
                other => return Poll::Ready(other),
            }
        }
    }

    /// Polls to send `msg` as one frame (with [`Flags::MORE`] when `more`); on
    /// success `msg` is left empty, ready for reuse.
    ///
    /// Cancellation: the frame is sent in the poll that returns Ready, or
    /// not at all. A multipart message sent frame by frame is whole once its
    /// first frame is in (libzmq takes the rest without blocking); sending
    /// those frames is the caller's part.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let ctx = czmq::Context::new()?;
    /// let (a, b) = (ctx.socket(czmq::SocketType::Pair)?, ctx.socket(czmq::SocketType::Pair)?);
    /// a.bind("inproc://send-frame-doc")?;
    /// b.connect("inproc://send-frame-doc")?;
    /// let readiness = czmq::AsyncReadiness::new(&b)?;
    /// let mut msg = czmq::Message::from("y");
    /// std::future::poll_fn(|cx| readiness.poll_send_frame(cx, &b, &mut msg, false)).await?;
    /// assert_eq!(&a.recv_multipart()?[0][..], b"y");
    /// # Ok(())
    /// # }
    /// ```
    pub fn poll_send_frame(
        &self,
        cx: &mut TaskContext<'_>,
        socket: &Socket,
        msg: &mut Message,
        more: bool,
    ) -> Poll<Result<()>> {
        let mut flags = Flags::DONTWAIT;
        flags.set(Flags::MORE, more);
        loop {
            match socket.send_msg_with(msg, flags) {
                Err(Error::Again) => ready!(self.poll_writable(cx, socket))?,
                other => return Poll::Ready(other),
            }
        }
    }

    /// Polls to send `parts` as one multipart message on `socket`; on
    /// success `parts` is left empty.
    ///
    /// Cancellation: all frames or none. The frames are handed to libzmq in
    /// one poll: the first with [`Flags::DONTWAIT`] (refused whole when the socket
    /// cannot take a message), and libzmq queues a multipart message whole
    /// once its first frame is in.
    /// Stopping before that sends nothing and leaves `parts` as it was.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let ctx = czmq::Context::new()?;
    /// let (a, b) = (ctx.socket(czmq::SocketType::Pair)?, ctx.socket(czmq::SocketType::Pair)?);
    /// a.bind("inproc://send-doc")?;
    /// b.connect("inproc://send-doc")?;
    /// let readiness = czmq::AsyncReadiness::new(&b)?;
    /// let mut parts = vec![czmq::Message::from("k"), czmq::Message::from("v")];
    /// std::future::poll_fn(|cx| readiness.poll_send(cx, &b, &mut parts)).await?;
    /// assert_eq!(a.recv_multipart()?.len(), 2);
    /// # Ok(())
    /// # }
    /// ```
    pub fn poll_send(
        &self,
        cx: &mut TaskContext<'_>,
        socket: &Socket,
        parts: &mut Vec<Message>,
    ) -> Poll<Result<()>> {
        if parts.is_empty() {
            return Poll::Ready(Err(Error::InvalidArgument(
                "a message needs at least one frame".into(),
            )));
        }
        loop {
            let last = parts.len() - 1;
            let mut flags = Flags::DONTWAIT;
            flags.set(Flags::MORE, last > 0);
            // Try first, as poll_recv; wait only when libzmq would block.
            match socket.send_msg_with(&mut parts[0], flags) {
                Ok(()) => {}
                Err(Error::Again) => {
                    ready!(self.poll_writable(cx, socket))?;
                    continue;
                }
                Err(e) => return Poll::Ready(Err(e)),
            }
            // The first frame is in: libzmq takes the rest without blocking.
            for (i, part) in parts.iter_mut().enumerate().skip(1) {
                let more = if i < last {
                    Flags::MORE
                } else {
                    Flags::empty()
                };
                socket.send_msg_with(part, more)?;
            }
            parts.clear();
            return Poll::Ready(Ok(()));
        }
    }
}
