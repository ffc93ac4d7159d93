//! [`AsyncActor`]: an [`Actor`]'s pipe as futures and a stream, for tokio
//! (feature `tokio`, Unix).

use std::future::poll_fn;
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll};

use crate::{Actor, AsyncReadiness, Error, Message, Result};

/// An [`Actor`] whose pipe is read and written with futures.
///
/// The handler still runs on its own thread, blocking as it likes; only the
/// parent's side of the pipe becomes async. It is also a
/// [`futures_core::Stream`] of the actor's messages.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> czmq::Result<()> {
/// use czmq::{Actor, AsyncActor};
/// let echo = Actor::new(|pipe| {
///     pipe.signal(0)?;
///     loop {
///         let msg = pipe.recv_strs()?;
///         if msg.first().map(String::as_str) == Some("$TERM") {
///             return Ok(());
///         }
///         pipe.send_strs(&msg)?;
///     }
/// })?;
/// let mut echo = AsyncActor::new(echo)?;
/// echo.send(["ECHO", "hi"]).await?;
/// let reply = echo.recv().await?;
/// assert_eq!(&reply[1][..], b"hi");
/// echo.join().await?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct AsyncActor {
    readiness: AsyncReadiness,
    actor: Actor,
}

impl AsyncActor {
    /// Wraps `actor`; must be called inside a tokio runtime (else
    /// `Error::NotSupported`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let actor = czmq::Actor::new(|pipe| {
    ///     pipe.signal(0)?;
    ///     pipe.recv_strs().map(drop) // ends on the first message ($TERM)
    /// })?;
    /// let actor = czmq::AsyncActor::new(actor)?;
    /// # drop(actor);
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(actor: Actor) -> Result<AsyncActor> {
        Ok(AsyncActor {
            readiness: AsyncReadiness::new(actor.sock().as_socket())?,
            actor,
        })
    }

    /// The actor, for its blocking methods (and [`Actor::is_finished`]).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let actor = czmq::Actor::new(|pipe| {
    ///     pipe.signal(0)?;
    ///     pipe.recv_strs().map(drop)
    /// })?;
    /// let actor = czmq::AsyncActor::new(actor)?;
    /// assert!(!actor.actor().is_finished());
    /// # Ok(())
    /// # }
    /// ```
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Gives the actor back (its pipe is blocking again).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let actor = czmq::Actor::new(|pipe| {
    ///     pipe.signal(0)?;
    ///     pipe.recv_strs().map(drop)
    /// })?;
    /// let actor = czmq::AsyncActor::new(actor)?.into_inner();
    /// actor.join()?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn into_inner(self) -> Actor {
        self.actor
    }

    /// Polls for the actor's next message.
    ///
    /// Cancellation: a message is taken from the pipe and returned in the
    /// same poll, so dropping the future never loses one.
    pub fn poll_recv(&mut self, cx: &mut TaskContext<'_>) -> Poll<Result<Vec<Message>>> {
        self.readiness.poll_recv(cx, self.actor.sock().as_socket())
    }

    /// Receives the actor's next message (multipart).
    ///
    /// Cancellation safe: if the future is dropped before it completes, no
    /// message was taken from the pipe.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let actor = czmq::Actor::new(|pipe| {
    ///     pipe.signal(0)?;
    ///     pipe.send_strs(&["READY"])?;
    ///     pipe.recv_strs().map(drop)
    /// })?;
    /// let mut actor = czmq::AsyncActor::new(actor)?;
    /// assert_eq!(&actor.recv().await?[0][..], b"READY");
    /// # Ok(())
    /// # }
    /// ```
    pub async fn recv(&mut self) -> Result<Vec<Message>> {
        poll_fn(|cx| self.poll_recv(cx)).await
    }

    /// Receives the actor's next message as strings; a frame that is not
    /// UTF-8 is `Error::InvalidUtf8` (the message is consumed).
    ///
    /// Cancellation safe, as [`recv`](AsyncActor::recv).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let actor = czmq::Actor::new(|pipe| {
    ///     pipe.signal(0)?;
    ///     pipe.send_strs(&["PORT", "5670"])?;
    ///     pipe.recv_strs().map(drop)
    /// })?;
    /// let mut actor = czmq::AsyncActor::new(actor)?;
    /// assert_eq!(actor.recv_strs().await?, ["PORT", "5670"]);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn recv_strs(&mut self) -> Result<Vec<String>> {
        self.recv()
            .await?
            .into_iter()
            .map(|part| String::from_utf8(part.to_vec()).map_err(Error::from))
            .collect()
    }

    /// Sends one multipart command to the actor (each item one frame).
    ///
    /// Cancellation safe: all frames are sent, or none.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let actor = czmq::Actor::new(|pipe| {
    ///     pipe.signal(0)?;
    ///     let got = pipe.recv_strs()?;
    ///     pipe.send_strs(&[got.len().to_string()])?;
    ///     pipe.recv_strs().map(drop)
    /// })?;
    /// let mut actor = czmq::AsyncActor::new(actor)?;
    /// actor.send(["SET", "path", "value"]).await?;
    /// assert_eq!(actor.recv_strs().await?, ["3"]);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn send<I, M>(&mut self, parts: I) -> Result<()>
    where
        I: IntoIterator<Item = M>,
        M: Into<Message>,
    {
        let mut parts: Vec<Message> = parts.into_iter().map(Into::into).collect();
        let socket = self.actor.sock().as_socket();
        poll_fn(|cx| self.readiness.poll_send(cx, socket, &mut parts)).await
    }

    /// Ends the actor (`$TERM`, then waits for its thread) without blocking
    /// the runtime: the wait runs on tokio's blocking pool. Returns how the
    /// handler ended, as [`Actor::join`].
    ///
    /// Dropping an `AsyncActor` instead ends the actor on the dropping
    /// thread, as dropping an [`Actor`] does, which blocks that thread until
    /// the handler returns.
    ///
    /// Cancellation: if the future is dropped, the actor still ends.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let actor = czmq::Actor::new(|pipe| {
    ///     pipe.signal(0)?;
    ///     pipe.recv_strs().map(drop)
    /// })?;
    /// czmq::AsyncActor::new(actor)?.join().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn join(self) -> Result<()> {
        let actor = self.into_inner();
        tokio::task::spawn_blocking(move || actor.join())
            .await
            .map_err(|e| Error::Disconnected(format!("actor join: {e}")))?
    }
}

impl futures_core::Stream for AsyncActor {
    type Item = Result<Vec<Message>>;

    /// Each item is one message from the actor; the stream does not end by
    /// itself.
    fn poll_next(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_recv(cx).map(Some)
    }
}
