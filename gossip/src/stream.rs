//! A gossip node's deliveries as a tokio stream (feature `tokio`, Unix).
//!
//! [`Deliveries`] owns a [`Gossip`] and waits on its actor's pipe through
//! czmq's [`AsyncReadiness`], so a tokio program reacts to new, changed and
//! removed tuples without a thread of its own.

use std::pin::Pin;
use std::task::{ready, Context as TaskContext, Poll};
use std::time::Duration;

use czmq::{AsyncReadiness, Frame, Msg, Result};

use crate::{parse_delivery, Delivery, Gossip};

/// A [`Gossip`] node as a [`futures_core::Stream`] of its [`Delivery`]s.
///
/// Commands go through [`gossip`](Deliveries::gossip): those that only send
/// ([`publish`](Gossip::publish), [`connect`](Gossip::connect), ...) never
/// wait; requests ([`status`](Gossip::status), [`bind`](Gossip::bind), ...)
/// block the task until the actor replies (a few microseconds), and any
/// delivery they read ahead of their reply comes out of the stream next, in
/// order.
///
/// The stream ends (`None`) only when the actor ends or its pipe fails
/// (logged with `log::warn!`). Dropping it ends the node, as dropping the
/// [`Gossip`] does.
///
/// Cancellation: a delivery is taken from the pipe in the poll that returns
/// it, so dropping a `next()` future (in a `select!`, say) loses none.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> czmq::Result<()> {
/// use futures::StreamExt;
/// use gossip::{Deliveries, Delivery, Gossip};
/// let mut server = Deliveries::new(Gossip::new("doc-stream-server")?)?;
/// let port = server.gossip().bind("tcp://127.0.0.1:0")?;
/// let client = Gossip::new("doc-stream-client")?;
/// client.connect(&format!("tcp://127.0.0.1:{port}"))?;
/// client.publish("greeting", "hello")?;
/// let first = tokio::time::timeout(std::time::Duration::from_secs(5), server.next()).await;
/// let want = Delivery::Tuple { key: b"greeting".to_vec(), value: b"hello".to_vec() };
/// assert_eq!(first.expect("in time"), Some(want));
/// # Ok(())
/// # }
/// ```
pub struct Deliveries {
    readiness: AsyncReadiness,
    gossip: Gossip,
    /// Set once the actor has ended or the pipe failed.
    ended: bool,
}

impl Deliveries {
    /// Wraps `gossip`; must be called inside a tokio runtime (else
    /// `Error::NotSupported`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let deliveries = gossip::Deliveries::new(gossip::Gossip::new("doc-new")?)?;
    /// assert_eq!(deliveries.gossip().status()?, 0);
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(gossip: Gossip) -> Result<Deliveries> {
        Ok(Deliveries {
            readiness: AsyncReadiness::new(gossip.actor().sock().as_socket())?,
            gossip,
            ended: false,
        })
    }

    /// The node, for its commands.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let deliveries = gossip::Deliveries::new(gossip::Gossip::new("doc-gossip")?)?;
    /// deliveries.gossip().publish("k", "v")?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn gossip(&self) -> &Gossip {
        &self.gossip
    }

    /// Gives the node back (deliveries not yet read stay on its pipe).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let node = gossip::Deliveries::new(gossip::Gossip::new("doc-inner")?)?.into_inner();
    /// assert_eq!(node.status()?, 0);
    /// # Ok(())
    /// # }
    /// ```
    pub fn into_inner(self) -> Gossip {
        self.gossip
    }

    fn end(&mut self, why: &str) -> Poll<Option<Delivery>> {
        log::warn!("gossip deliveries: {why}");
        self.ended = true;
        Poll::Ready(None)
    }
}

impl std::fmt::Debug for Deliveries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deliveries")
            .field("pending", &self.gossip.pending())
            .field("ended", &self.ended)
            .finish()
    }
}

impl futures_core::Stream for Deliveries {
    type Item = Delivery;

    fn poll_next(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Option<Delivery>> {
        let this = self.get_mut();
        if this.ended {
            return Poll::Ready(None);
        }
        // Deliveries a request read ahead of its reply come first.
        if this.gossip.pending() > 0 {
            match this.gossip.recv_delivery(Duration::ZERO) {
                Ok(Some(delivery)) => return Poll::Ready(Some(delivery)),
                Ok(None) => {}
                Err(e) => return this.end(&e.to_string()),
            }
        }
        loop {
            let pipe = this.gossip.actor().sock().as_socket();
            let parts = match ready!(this.readiness.poll_recv(cx, pipe)) {
                Ok(parts) => parts,
                Err(e) => return this.end(&e.to_string()),
            };
            let frames: Vec<Frame> = parts.into_iter().map(Frame::from).collect();
            if let Some(delivery) = parse_delivery(&frames) {
                return Poll::Ready(Some(delivery));
            }
            // The actor signals only at start (read by Actor::new) and when
            // its handler ends: a signal now means nothing more will come.
            let msg: Msg = frames.into_iter().collect();
            if msg.signal().is_some() {
                return this.end("the gossip actor has ended");
            }
            // Anything else is a stray reply to a command sent raw through
            // the actor's pipe: skip it, as recv_delivery does.
            log::debug!("gossip deliveries: skipped a {}-frame reply", msg.len());
        }
    }
}
