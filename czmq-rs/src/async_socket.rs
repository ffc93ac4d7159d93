//! [`AsyncSocket`]: a [`Socket`] for tokio (feature `tokio`, Unix).
//!
//! libzmq reports readiness through `ZMQ_FD`, a file descriptor that is
//! edge-triggered and only says "something may have changed": the truth is
//! `ZMQ_EVENTS`. Reading `ZMQ_EVENTS`, sending and receiving can all consume
//! the edge, so a waiter that trusts the descriptor alone sleeps forever.
//! Every wait here therefore follows one pattern:
//!
//! 1. try the operation with [`Flags::DONTWAIT`](crate::Flags::DONTWAIT) (the busy case: no wait at all);
//! 2. when it would block, ask `ZMQ_EVENTS`; if not ready, clear tokio's
//!    readiness for the descriptor and ask `ZMQ_EVENTS` again (an edge may
//!    have come and gone meanwhile);
//! 3. only then wait for the descriptor (the pattern lives in
//!    [`AsyncReadiness`](crate::AsyncReadiness)).
//!
//! Nothing is done between taking a message from libzmq and returning it,
//! so futures can be dropped at any `.await` without losing a message: see
//! each method's "Cancellation" note.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> czmq::Result<()> {
//! use czmq::{AsyncSocket, Context, SocketType};
//! let ctx = Context::new()?;
//! let mut pull = AsyncSocket::new(ctx.socket(SocketType::Pull)?)?;
//! pull.socket().bind("inproc://async-doc")?;
//! let mut push = AsyncSocket::new(ctx.socket(SocketType::Push)?)?;
//! push.socket().connect("inproc://async-doc")?;
//! push.send(["hello", "world"]).await?;
//! let parts = pull.recv().await?;
//! assert_eq!(&parts[1][..], b"world");
//! # Ok(())
//! # }
//! ```

use std::future::poll_fn;
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll};

use crate::{AsyncReadiness, Error, Message, Result, Socket};

/// A [`Socket`] whose sends and receives are futures, for tokio.
///
/// Methods take `&mut self`: a libzmq socket is used by one task at a time,
/// and the futures are `Send`, so an `AsyncSocket` can live in a spawned
/// task. Blocking and async sockets share one [`Context`](crate::Context).
///
/// It is also a [`futures_core::Stream`] of multipart messages and a
/// [`futures_sink::Sink`] of them.
#[derive(Debug)]
pub struct AsyncSocket {
    readiness: AsyncReadiness,
    socket: Socket,
    /// A message accepted by the Sink but not sent yet.
    outgoing: Option<Vec<Message>>,
}

impl AsyncSocket {
    /// Wraps `socket`; must be called inside a tokio runtime (the
    /// descriptor is registered with its reactor).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let ctx = czmq::Context::new()?;
    /// let rep = czmq::AsyncSocket::new(ctx.socket(czmq::SocketType::Rep)?)?;
    /// assert_eq!(rep.socket().kind(), czmq::SocketType::Rep);
    /// # Ok(())
    /// # }
    /// ```
    /// Outside a tokio runtime it fails with `Error::NotSupported` (where
    /// tokio itself would panic).
    pub fn new(socket: Socket) -> Result<AsyncSocket> {
        Ok(AsyncSocket {
            readiness: AsyncReadiness::new(&socket)?,
            socket,
            outgoing: None,
        })
    }

    /// The socket, for options, bind and connect. Sending or receiving on
    /// it directly is allowed (with [`Flags::DONTWAIT`](crate::Flags::DONTWAIT)): the next wait re-checks
    /// `ZMQ_EVENTS`, so no readiness is missed.
    pub fn socket(&self) -> &Socket {
        &self.socket
    }

    /// Gives the socket back.
    pub fn into_inner(self) -> Socket {
        self.socket
    }

    /// Polls for one whole multipart message.
    ///
    /// Cancellation: a message is taken from libzmq and returned in the
    /// same poll, so dropping the future never loses one.
    pub fn poll_recv(&mut self, cx: &mut TaskContext<'_>) -> Poll<Result<Vec<Message>>> {
        self.readiness.poll_recv(cx, &self.socket)
    }

    /// Receives one multipart message.
    ///
    /// Cancellation safe: if the future is dropped before it completes, no
    /// message was taken from the socket.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let ctx = czmq::Context::new()?;
    /// let mut a = czmq::AsyncSocket::new(ctx.socket(czmq::SocketType::Pair)?)?;
    /// a.socket().bind("inproc://async-recv-doc")?;
    /// let b = ctx.socket(czmq::SocketType::Pair)?;
    /// b.connect("inproc://async-recv-doc")?;
    /// b.send("from a blocking socket")?;
    /// assert_eq!(&a.recv().await?[0][..], b"from a blocking socket");
    /// # Ok(())
    /// # }
    /// ```
    pub async fn recv(&mut self) -> Result<Vec<Message>> {
        poll_fn(|cx| self.poll_recv(cx)).await
    }

    /// Receives one single-frame message; the frames of a multipart
    /// message after the first are discarded.
    ///
    /// Cancellation safe, as [`recv`](AsyncSocket::recv).
    pub async fn recv_msg(&mut self) -> Result<Message> {
        let mut parts = self.recv().await?;
        Ok(parts.swap_remove(0))
    }

    /// Sends `parts` as one multipart message once it can be queued without
    /// blocking.
    ///
    /// Cancellation: all frames or none. The frames are handed to libzmq in
    /// one poll, the first with [`Flags::DONTWAIT`](crate::Flags::DONTWAIT) (refused whole while the socket
    /// cannot take a message); libzmq queues a multipart message whole once
    /// its first frame is in. Dropping the future before that sends nothing.
    pub fn poll_send(
        &mut self,
        cx: &mut TaskContext<'_>,
        parts: &mut Vec<Message>,
    ) -> Poll<Result<()>> {
        self.readiness.poll_send(cx, &self.socket, parts)
    }

    /// Sends one multipart message (each item one frame).
    ///
    /// Cancellation safe: all frames are sent, or none.
    pub async fn send<I, M>(&mut self, parts: I) -> Result<()>
    where
        I: IntoIterator<Item = M>,
        M: Into<Message>,
    {
        let mut parts: Vec<Message> = parts.into_iter().map(Into::into).collect();
        poll_fn(|cx| self.poll_send(cx, &mut parts)).await
    }

    /// Sends one single-frame message.
    ///
    /// Cancellation safe: the message is sent, or not at all.
    pub async fn send_msg(&mut self, msg: impl Into<Message>) -> Result<()> {
        self.send([msg.into()]).await
    }

    /// Receives one frame into `msg`, reusing it (as the blocking
    /// `Socket::recv` does) instead of allocating a message per call: the
    /// fast path for single-frame traffic. `msg.more()` tells whether more
    /// frames of the same message follow.
    ///
    /// Cancellation safe: if the future is dropped before it completes, no
    /// frame was taken.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let ctx = czmq::Context::new()?;
    /// let mut pull = czmq::AsyncSocket::new(ctx.socket(czmq::SocketType::Pull)?)?;
    /// pull.socket().bind("inproc://recv-frame-socket-doc")?;
    /// let mut push = czmq::AsyncSocket::new(ctx.socket(czmq::SocketType::Push)?)?;
    /// push.socket().connect("inproc://recv-frame-socket-doc")?;
    /// let mut msg = czmq::Message::new();
    /// for text in ["a", "b"] {
    ///     msg = czmq::Message::from(text);
    ///     push.send_frame(&mut msg, false).await?;
    /// }
    /// pull.recv_frame(&mut msg).await?;
    /// assert_eq!(&msg[..], b"a");
    /// pull.recv_frame(&mut msg).await?;
    /// assert_eq!(&msg[..], b"b");
    /// # Ok(())
    /// # }
    /// ```
    pub async fn recv_frame(&mut self, msg: &mut Message) -> Result<()> {
        poll_fn(|cx| self.readiness.poll_recv_frame(cx, &self.socket, msg)).await
    }

    /// Sends `msg` as one frame (with [`Flags::MORE`](crate::Flags::MORE) when `more`) and leaves it
    /// empty for reuse.
    ///
    /// Cancellation safe: the frame is sent, or not at all. Frames after the
    /// first of a multipart message never wait, but sending them is the
    /// caller's part; [`send`](AsyncSocket::send) sends a whole message.
    /// (Example: see [`recv_frame`](AsyncSocket::recv_frame).)
    pub async fn send_frame(&mut self, msg: &mut Message, more: bool) -> Result<()> {
        poll_fn(|cx| self.readiness.poll_send_frame(cx, &self.socket, msg, more)).await
    }

    /// Sends the message the Sink accepted, if any.
    fn poll_flush_outgoing(&mut self, cx: &mut TaskContext<'_>) -> Poll<Result<()>> {
        let Some(mut parts) = self.outgoing.take() else {
            return Poll::Ready(Ok(()));
        };
        match self.poll_send(cx, &mut parts) {
            Poll::Pending => {
                self.outgoing = Some(parts);
                Poll::Pending
            }
            done => done,
        }
    }
}

impl futures_core::Stream for AsyncSocket {
    type Item = Result<Vec<Message>>;

    /// Each item is one multipart message; the stream does not end by
    /// itself (a closed context ends it with `Error::Terminated`).
    fn poll_next(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_recv(cx).map(Some)
    }
}

impl futures_sink::Sink<Vec<Message>> for AsyncSocket {
    type Error = Error;

    fn poll_ready(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Result<()>> {
        self.get_mut().poll_flush_outgoing(cx)
    }

    fn start_send(self: Pin<&mut Self>, item: Vec<Message>) -> Result<()> {
        let this = self.get_mut();
        debug_assert!(this.outgoing.is_none(), "start_send without poll_ready");
        this.outgoing = Some(item);
        Ok(())
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Result<()>> {
        self.get_mut().poll_flush_outgoing(cx)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Result<()>> {
        self.get_mut().poll_flush_outgoing(cx)
    }
}
