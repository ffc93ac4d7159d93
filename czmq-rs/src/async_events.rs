//! Event streams for tokio (feature `tokio`, Unix): received beacons
//! ([`BeaconStream`]) and socket monitor events ([`MonitorStream`]).
//!
//! Both read a socket through [`AsyncReadiness`] and take each message off
//! libzmq in the poll that returns it, so dropping a `next()` future never
//! loses an event.

use std::pin::Pin;
use std::task::{Context as TaskContext, Poll, ready};
use std::time::Duration;

use crate::{AsyncReadiness, Beacon, Monitor, MonitorEvent, Result};

/// A [`Beacon`]'s received beacons as a [`futures_core::Stream`] of
/// (sender IP address, payload), for tokio.
///
/// Configure and subscribe the beacon first (or through
/// [`beacon_mut`](BeaconStream::beacon_mut)); beacons it read while
/// configuring come out first. ERROR replies and unexpected messages on
/// the pipe are logged and skipped. The stream does not end by itself: the
/// beacon runs until the stream is dropped.
///
/// Cancellation: each beacon is taken from the pipe in the poll that
/// returns it, so dropping a `next()` future loses none.
///
/// ```no_run
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> czmq::Result<()> {
/// use futures::StreamExt;
/// let mut beacon = czmq::Beacon::new()?;
/// beacon.configure(5670)?;
/// beacon.subscribe(b"")?;
/// let mut beacons = czmq::BeaconStream::new(beacon)?;
/// while let Some((sender, payload)) = beacons.next().await {
///     println!("{sender}: {} bytes", payload.len());
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct BeaconStream {
    readiness: AsyncReadiness,
    beacon: Beacon,
    /// Set while the beacon may hold beacons read by `configure`.
    drain_pending: bool,
}

impl BeaconStream {
    /// Wraps `beacon`; must be called inside a tokio runtime (else
    /// `Error::NotSupported`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let beacons = czmq::BeaconStream::new(czmq::Beacon::new()?)?;
    /// # drop(beacons);
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(beacon: Beacon) -> Result<BeaconStream> {
        Ok(BeaconStream {
            readiness: AsyncReadiness::new(beacon.actor().sock().as_socket())?,
            beacon,
            drain_pending: true,
        })
    }

    /// The beacon, for [`publish`](Beacon::publish),
    /// [`subscribe`](Beacon::subscribe) and the like (they do not wait).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let beacons = czmq::BeaconStream::new(czmq::Beacon::new()?)?;
    /// beacons.beacon().silence()?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn beacon(&self) -> &Beacon {
        &self.beacon
    }

    /// The beacon, for [`configure`](Beacon::configure), which waits (up to
    /// 5 s, blocking the task) for the actor's reply.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let mut beacons = czmq::BeaconStream::new(czmq::Beacon::new()?)?;
    /// assert!(beacons.beacon_mut().configure(0).is_err());
    /// # Ok(())
    /// # }
    /// ```
    pub fn beacon_mut(&mut self) -> &mut Beacon {
        self.drain_pending = true;
        &mut self.beacon
    }

    /// Gives the beacon back.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let beacon = czmq::BeaconStream::new(czmq::Beacon::new()?)?.into_inner();
    /// # drop(beacon);
    /// # Ok(())
    /// # }
    /// ```
    pub fn into_inner(self) -> Beacon {
        self.beacon
    }
}

impl futures_core::Stream for BeaconStream {
    type Item = (String, Vec<u8>);

    /// The next beacon; `None` only when the pipe fails (the context was
    /// terminated), after logging why.
    fn poll_next(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.drain_pending {
            // Beacon::recv hands out what configure() kept first; once it
            // finds nothing at once, the pipe is read directly below.
            if let Some(beacon) = this.beacon.recv(Duration::ZERO) {
                return Poll::Ready(Some(beacon));
            }
            this.drain_pending = false;
        }
        let pipe = this.beacon.actor().sock().as_socket();
        loop {
            let frames = match ready!(this.readiness.poll_recv(cx, pipe)) {
                Ok(frames) => frames,
                Err(e) => {
                    log::warn!("beacon stream: {e}");
                    return Poll::Ready(None);
                }
            };
            match frames.as_slice() {
                [kind, reason] if &kind[..] == b"ERROR" => {
                    log::warn!("beacon: ERROR {}", String::from_utf8_lossy(reason));
                }
                [sender, payload] => {
                    let sender = String::from_utf8_lossy(sender).into_owned();
                    return Poll::Ready(Some((sender, payload.to_vec())));
                }
                _ => log::warn!("beacon: unexpected {}-frame message", frames.len()),
            }
        }
    }
}

/// A [`Monitor`]'s events as a [`futures_core::Stream`], for tokio.
///
/// Cancellation: each event is taken from the monitor's reader in the poll
/// that returns it, so dropping a `next()` future loses none.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> czmq::Result<()> {
/// use czmq::{Context, EventMask, Monitor, MonitorEvent, MonitorStream, SocketType};
/// use futures::StreamExt;
/// let ctx = Context::new()?;
/// let server = ctx.socket(SocketType::Router)?;
/// server.bind("tcp://127.0.0.1:*")?;
/// let mut events = MonitorStream::new(Monitor::new(&server, EventMask::ACCEPTED)?)?;
/// let client = ctx.socket(SocketType::Dealer)?;
/// client.connect(&server.last_endpoint()?)?;
/// let event = events.next().await.expect("endless")?;
/// assert!(matches!(event, MonitorEvent::Accepted { .. }));
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct MonitorStream<'a> {
    readiness: AsyncReadiness,
    monitor: Monitor<'a>,
}

impl<'a> MonitorStream<'a> {
    /// Wraps `monitor`; must be called inside a tokio runtime (else
    /// `Error::NotSupported`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let ctx = czmq::Context::new()?;
    /// let socket = ctx.socket(czmq::SocketType::Pub)?;
    /// let monitor = czmq::Monitor::new(&socket, czmq::EventMask::ALL)?;
    /// let events = czmq::MonitorStream::new(monitor)?;
    /// # drop(events);
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(monitor: Monitor<'a>) -> Result<MonitorStream<'a>> {
        Ok(MonitorStream {
            readiness: AsyncReadiness::new(monitor.socket())?,
            monitor,
        })
    }

    /// The monitor.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let ctx = czmq::Context::new()?;
    /// let socket = ctx.socket(czmq::SocketType::Pub)?;
    /// let events = czmq::MonitorStream::new(czmq::Monitor::new(&socket, czmq::EventMask::ALL)?)?;
    /// assert!(events.monitor().endpoint().starts_with("inproc://"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn monitor(&self) -> &Monitor<'a> {
        &self.monitor
    }

    /// Gives the monitor back.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> czmq::Result<()> {
    /// let ctx = czmq::Context::new()?;
    /// let socket = ctx.socket(czmq::SocketType::Pub)?;
    /// let events = czmq::MonitorStream::new(czmq::Monitor::new(&socket, czmq::EventMask::ALL)?)?;
    /// let monitor = events.into_inner();
    /// # drop(monitor);
    /// # Ok(())
    /// # }
    /// ```
    pub fn into_inner(self) -> Monitor<'a> {
        self.monitor
    }
}

impl futures_core::Stream for MonitorStream<'_> {
    type Item = Result<MonitorEvent>;

    /// The next event (`Error::Malformed` for a message that is not one);
    /// the stream does not end by itself.
    fn poll_next(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        let frames = ready!(this.readiness.poll_recv(cx, this.monitor.socket()));
        Poll::Ready(Some(frames.and_then(|frames| MonitorEvent::parse(&frames))))
    }
}
