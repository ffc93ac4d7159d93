//! Socket monitors (`zmq_socket_monitor`): libzmq reports what happens to a
//! socket's connections (listening, accepted, connected, handshake results,
//! disconnected...) as two-frame messages on an inproc PAIR socket.
//! [`MonitorEvent`] parses them; [`Monitor`] sets the whole thing up.
//!
//! ```
//! use std::time::Duration;
//! use czmq::{Context, EventMask, Monitor, MonitorEvent, SocketType};
//! let ctx = Context::new()?;
//! let server = ctx.socket(SocketType::Rep)?;
//! let monitor = Monitor::new(&server, EventMask::LISTENING)?;
//! server.bind("tcp://127.0.0.1:*")?;
//! let event = monitor.recv_event(Some(Duration::from_secs(5)))?;
//! assert!(matches!(event, MonitorEvent::Listening { .. }));
//! assert_eq!(event.endpoint(), server.last_endpoint()?);
//! # Ok::<(), czmq::Error>(())
//! ```

use std::ffi::CString;
use std::os::unix::io::RawFd;
use std::ptr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use zmq_sys_vendored as sys;

use crate::error::{Error, Result, check};
use crate::flags::Flags;
use crate::message::Message;
use crate::poll::{PollEvents, PollItem, poll};
use crate::socket::{AsSocket, Socket, SocketType};

bitflags::bitflags! {
    /// The set of events a monitor reports, combined with `|`.
    ///
    /// ```
    /// use czmq::EventMask;
    /// let mask = EventMask::CONNECTED | EventMask::DISCONNECTED;
    /// assert!(mask.contains(EventMask::CONNECTED));
    /// assert!(EventMask::ALL.contains(mask));
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub struct EventMask: i32 {
        /// A connection was made.
        const CONNECTED = sys::ZMQ_EVENT_CONNECTED;
        /// A connect is in progress (asynchronous).
        const CONNECT_DELAYED = sys::ZMQ_EVENT_CONNECT_DELAYED;
        /// A failed connect will be retried.
        const CONNECT_RETRIED = sys::ZMQ_EVENT_CONNECT_RETRIED;
        /// A bind succeeded: the socket listens.
        const LISTENING = sys::ZMQ_EVENT_LISTENING;
        /// A bind failed.
        const BIND_FAILED = sys::ZMQ_EVENT_BIND_FAILED;
        /// A connection was accepted.
        const ACCEPTED = sys::ZMQ_EVENT_ACCEPTED;
        /// Accepting a connection failed.
        const ACCEPT_FAILED = sys::ZMQ_EVENT_ACCEPT_FAILED;
        /// A connection's descriptor was closed.
        const CLOSED = sys::ZMQ_EVENT_CLOSED;
        /// Closing a descriptor failed.
        const CLOSE_FAILED = sys::ZMQ_EVENT_CLOSE_FAILED;
        /// A session was broken off (the peer went away).
        const DISCONNECTED = sys::ZMQ_EVENT_DISCONNECTED;
        /// Monitoring stopped (the last event of a monitor).
        const MONITOR_STOPPED = sys::ZMQ_EVENT_MONITOR_STOPPED;
        /// A ZMTP handshake failed before any detail was known.
        const HANDSHAKE_FAILED_NO_DETAIL = sys::ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL;
        /// A ZMTP handshake (with its security mechanism) succeeded.
        const HANDSHAKE_SUCCEEDED = sys::ZMQ_EVENT_HANDSHAKE_SUCCEEDED;
        /// A handshake failed on a protocol error.
        const HANDSHAKE_FAILED_PROTOCOL = sys::ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL;
        /// A handshake failed on authentication (ZAP refused the peer).
        const HANDSHAKE_FAILED_AUTH = sys::ZMQ_EVENT_HANDSHAKE_FAILED_AUTH;
        /// Every handshake failure.
        const HANDSHAKE_FAILED = sys::ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | sys::ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | sys::ZMQ_EVENT_HANDSHAKE_FAILED_AUTH;
        /// Every event this monitor format carries.
        const ALL = sys::ZMQ_EVENT_ALL;
    }
}

impl From<EventMask> for i32 {
    fn from(mask: EventMask) -> i32 {
        mask.bits()
    }
}

impl From<i32> for EventMask {
    fn from(bits: i32) -> EventMask {
        EventMask::from_bits_retain(bits)
    }
}

impl Socket {
    /// Starts reporting `events` of this socket as messages on a PAIR socket
    /// that libzmq binds to `endpoint` (which must be `inproc://`). A second
    /// call replaces the first monitor.
    ///
    /// Two rules from libzmq keep this from hanging: connect a PAIR reader to
    /// `endpoint` right away, and call [`Socket::monitor_stop`] before closing
    /// that reader (libzmq blocks sending an event to a monitor nobody
    /// reads). [`Monitor`] follows both for you.
    ///
    /// ```
    /// use czmq::{Context, EventMask, SocketType};
    /// let ctx = Context::new()?;
    /// let s = ctx.socket(SocketType::Dealer)?;
    /// s.monitor("inproc://monitor-method-doc", EventMask::ALL)?;
    /// let reader = ctx.socket(SocketType::Pair)?;
    /// reader.connect("inproc://monitor-method-doc")?;
    /// s.monitor_stop()?;
    /// assert!(s.monitor("tcp://127.0.0.1:5555", EventMask::ALL).is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn monitor(&self, endpoint: &str, events: impl Into<EventMask>) -> Result<()> {
        let endpoint = CString::new(endpoint)
            .map_err(|_| Error::InvalidArgument(format!("{endpoint:?} contains a NUL byte")))?;
        // SAFETY: live socket (borrowed), NUL-terminated endpoint that libzmq copies.
        check(unsafe {
            sys::zmq_socket_monitor(self.as_ptr(), endpoint.as_ptr(), events.into().bits())
        })
        .map(|_| ())
    }

    /// Stops monitoring this socket; a reader asking for MONITOR_STOPPED gets
    /// that event last. Harmless when no monitor runs.
    pub fn monitor_stop(&self) -> Result<()> {
        // SAFETY: live socket; a NULL endpoint is libzmq's "stop monitoring".
        check(unsafe { sys::zmq_socket_monitor(self.as_ptr(), ptr::null(), 0) }).map(|_| ())
    }
}

/// One monitor event, with the endpoint it concerns (for MONITOR_STOPPED,
/// an empty string).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MonitorEvent {
    /// A connection was made on descriptor `fd`.
    Connected {
        /// The connection's descriptor.
        fd: RawFd,
        /// The endpoint.
        endpoint: String,
    },
    /// A connect is in progress.
    ConnectDelayed {
        /// The endpoint.
        endpoint: String,
    },
    /// A failed connect will be retried after `interval`.
    ConnectRetried {
        /// How long until the next attempt.
        interval: Duration,
        /// The endpoint.
        endpoint: String,
    },
    /// The socket listens on descriptor `fd`.
    Listening {
        /// The listening descriptor.
        fd: RawFd,
        /// The endpoint.
        endpoint: String,
    },
    /// A bind failed with `errno`.
    BindFailed {
        /// The error number.
        errno: i32,
        /// The endpoint.
        endpoint: String,
    },
    /// A connection was accepted on descriptor `fd`.
    Accepted {
        /// The connection's descriptor.
        fd: RawFd,
        /// The endpoint.
        endpoint: String,
    },
    /// Accepting failed with `errno`.
    AcceptFailed {
        /// The error number.
        errno: i32,
        /// The endpoint.
        endpoint: String,
    },
    /// Descriptor `fd` was closed.
    Closed {
        /// The closed descriptor.
        fd: RawFd,
        /// The endpoint.
        endpoint: String,
    },
    /// Closing failed with `errno`.
    CloseFailed {
        /// The error number.
        errno: i32,
        /// The endpoint.
        endpoint: String,
    },
    /// The session on descriptor `fd` was broken off.
    Disconnected {
        /// The connection's descriptor.
        fd: RawFd,
        /// The endpoint.
        endpoint: String,
    },
    /// Monitoring stopped; no further events come.
    MonitorStopped {
        /// The endpoint (empty).
        endpoint: String,
    },
    /// A handshake failed with `errno` before any detail was known.
    HandshakeFailedNoDetail {
        /// The error number.
        errno: i32,
        /// The endpoint.
        endpoint: String,
    },
    /// A handshake succeeded.
    HandshakeSucceeded {
        /// The endpoint.
        endpoint: String,
    },
    /// A handshake failed on a protocol error (`ZMQ_PROTOCOL_ERROR_*`).
    HandshakeFailedProtocol {
        /// libzmq's protocol error code.
        code: u32,
        /// The endpoint.
        endpoint: String,
    },
    /// A handshake failed on authentication, with the ZAP status code (300,
    /// 400 or 500).
    HandshakeFailedAuth {
        /// The ZAP status code.
        status: u32,
        /// The endpoint.
        endpoint: String,
    },
    /// An event this crate does not know (a newer libzmq's).
    Unknown {
        /// The event's number.
        id: u16,
        /// Its value.
        value: u32,
        /// The endpoint.
        endpoint: String,
    },
}

impl MonitorEvent {
    /// Parses a monitor message: frame 1 is the event number (`u16`) and
    /// its value (`u32`), both in native byte order; frame 2 is the endpoint.
    /// Any other shape is [`Error::Malformed`].
    ///
    /// ```
    /// use czmq::{Message, MonitorEvent};
    /// let mut head = 8u16.to_ne_bytes().to_vec();
    /// head.extend(12u32.to_ne_bytes());
    /// let frames = [Message::from(head), Message::from("tcp://127.0.0.1:5555")];
    /// assert_eq!(
    ///     MonitorEvent::parse(&frames)?,
    ///     MonitorEvent::Listening { fd: 12, endpoint: "tcp://127.0.0.1:5555".into() }
    /// );
    /// assert!(MonitorEvent::parse(&frames[..1]).is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn parse(frames: &[Message]) -> Result<MonitorEvent> {
        let [head, endpoint] = frames else {
            return Err(Error::Malformed(format!(
                "a monitor event has 2 frames, got {}",
                frames.len()
            )));
        };
        let head: &[u8; 6] = head[..].try_into().map_err(|_| {
            Error::Malformed(format!(
                "a monitor event's first frame is 6 bytes, got {}",
                head.len()
            ))
        })?;
        let id = u16::from_ne_bytes([head[0], head[1]]);
        let value = u32::from_ne_bytes([head[2], head[3], head[4], head[5]]);
        let endpoint = String::from_utf8(endpoint.to_vec())
            .map_err(|_| Error::Malformed("monitor event endpoint is not UTF-8".into()))?;
        Ok(MonitorEvent::from_parts(id, value, endpoint))
    }

    /// The event for an event number, its value and endpoint.
    pub fn from_parts(id: u16, value: u32, endpoint: String) -> MonitorEvent {
        // Descriptors and errnos are C ints that libzmq widened to u32.
        let int = value as i32;
        match i32::from(id) {
            sys::ZMQ_EVENT_CONNECTED => MonitorEvent::Connected { fd: int, endpoint },
            sys::ZMQ_EVENT_CONNECT_DELAYED => MonitorEvent::ConnectDelayed { endpoint },
            sys::ZMQ_EVENT_CONNECT_RETRIED => MonitorEvent::ConnectRetried {
                interval: Duration::from_millis(u64::from(value)),
                endpoint,
            },
            sys::ZMQ_EVENT_LISTENING => MonitorEvent::Listening { fd: int, endpoint },
            sys::ZMQ_EVENT_BIND_FAILED => MonitorEvent::BindFailed {
                errno: int,
                endpoint,
            },
            sys::ZMQ_EVENT_ACCEPTED => MonitorEvent::Accepted { fd: int, endpoint },
            sys::ZMQ_EVENT_ACCEPT_FAILED => MonitorEvent::AcceptFailed {
                errno: int,
                endpoint,
            },
            sys::ZMQ_EVENT_CLOSED => MonitorEvent::Closed { fd: int, endpoint },
            sys::ZMQ_EVENT_CLOSE_FAILED => MonitorEvent::CloseFailed {
                errno: int,
                endpoint,
            },
            sys::ZMQ_EVENT_DISCONNECTED => MonitorEvent::Disconnected { fd: int, endpoint },
            sys::ZMQ_EVENT_MONITOR_STOPPED => MonitorEvent::MonitorStopped { endpoint },
            sys::ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL => MonitorEvent::HandshakeFailedNoDetail {
                errno: int,
                endpoint,
            },
            sys::ZMQ_EVENT_HANDSHAKE_SUCCEEDED => MonitorEvent::HandshakeSucceeded { endpoint },
            sys::ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL => MonitorEvent::HandshakeFailedProtocol {
                code: value,
                endpoint,
            },
            sys::ZMQ_EVENT_HANDSHAKE_FAILED_AUTH => MonitorEvent::HandshakeFailedAuth {
                status: value,
                endpoint,
            },
            _ => MonitorEvent::Unknown {
                id,
                value,
                endpoint,
            },
        }
    }

    /// The endpoint the event concerns.
    pub fn endpoint(&self) -> &str {
        use MonitorEvent::*;
        match self {
            Connected { endpoint, .. }
            | ConnectDelayed { endpoint }
            | ConnectRetried { endpoint, .. }
            | Listening { endpoint, .. }
            | BindFailed { endpoint, .. }
            | Accepted { endpoint, .. }
            | AcceptFailed { endpoint, .. }
            | Closed { endpoint, .. }
            | CloseFailed { endpoint, .. }
            | Disconnected { endpoint, .. }
            | MonitorStopped { endpoint }
            | HandshakeFailedNoDetail { endpoint, .. }
            | HandshakeSucceeded { endpoint }
            | HandshakeFailedProtocol { endpoint, .. }
            | HandshakeFailedAuth { endpoint, .. }
            | Unknown { endpoint, .. } => endpoint,
        }
    }

    /// libzmq's event number (`ZMQ_EVENT_*`).
    pub fn id(&self) -> u16 {
        use MonitorEvent::*;
        let raw = match self {
            Connected { .. } => sys::ZMQ_EVENT_CONNECTED,
            ConnectDelayed { .. } => sys::ZMQ_EVENT_CONNECT_DELAYED,
            ConnectRetried { .. } => sys::ZMQ_EVENT_CONNECT_RETRIED,
            Listening { .. } => sys::ZMQ_EVENT_LISTENING,
            BindFailed { .. } => sys::ZMQ_EVENT_BIND_FAILED,
            Accepted { .. } => sys::ZMQ_EVENT_ACCEPTED,
            AcceptFailed { .. } => sys::ZMQ_EVENT_ACCEPT_FAILED,
            Closed { .. } => sys::ZMQ_EVENT_CLOSED,
            CloseFailed { .. } => sys::ZMQ_EVENT_CLOSE_FAILED,
            Disconnected { .. } => sys::ZMQ_EVENT_DISCONNECTED,
            MonitorStopped { .. } => sys::ZMQ_EVENT_MONITOR_STOPPED,
            HandshakeFailedNoDetail { .. } => sys::ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL,
            HandshakeSucceeded { .. } => sys::ZMQ_EVENT_HANDSHAKE_SUCCEEDED,
            HandshakeFailedProtocol { .. } => sys::ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL,
            HandshakeFailedAuth { .. } => sys::ZMQ_EVENT_HANDSHAKE_FAILED_AUTH,
            Unknown { id, .. } => return *id,
        };
        raw as u16
    }

    /// The event's value as libzmq sent it (descriptor, errno, interval in
    /// milliseconds, protocol error or ZAP status; 0 when there is none).
    pub fn value(&self) -> u32 {
        use MonitorEvent::*;
        match self {
            Connected { fd, .. }
            | Listening { fd, .. }
            | Accepted { fd, .. }
            | Closed { fd, .. }
            | Disconnected { fd, .. } => *fd as u32,
            BindFailed { errno, .. }
            | AcceptFailed { errno, .. }
            | CloseFailed { errno, .. }
            | HandshakeFailedNoDetail { errno, .. } => *errno as u32,
            ConnectRetried { interval, .. } => {
                u32::try_from(interval.as_millis()).unwrap_or(u32::MAX)
            }
            HandshakeFailedProtocol { code, .. } => *code,
            HandshakeFailedAuth { status, .. } => *status,
            Unknown { value, .. } => *value,
            ConnectDelayed { .. } | MonitorStopped { .. } | HandshakeSucceeded { .. } => 0,
        }
    }

    /// The event's name as CZMQ's zmonitor reports it ("CONNECTED",
    /// "HANDSHAKE_SUCCEEDED", ...; "UNKNOWN" for an unknown event).
    pub fn name(&self) -> &'static str {
        use MonitorEvent::*;
        match self {
            Connected { .. } => "CONNECTED",
            ConnectDelayed { .. } => "CONNECT_DELAYED",
            ConnectRetried { .. } => "CONNECT_RETRIED",
            Listening { .. } => "LISTENING",
            BindFailed { .. } => "BIND_FAILED",
            Accepted { .. } => "ACCEPTED",
            AcceptFailed { .. } => "ACCEPT_FAILED",
            Closed { .. } => "CLOSED",
            CloseFailed { .. } => "CLOSE_FAILED",
            Disconnected { .. } => "DISCONNECTED",
            MonitorStopped { .. } => "MONITOR_STOPPED",
            HandshakeFailedNoDetail { .. } => "HANDSHAKE_FAILED_NO_DETAIL",
            HandshakeSucceeded { .. } => "HANDSHAKE_SUCCEEDED",
            HandshakeFailedProtocol { .. } => "HANDSHAKE_FAILED_PROTOCOL",
            HandshakeFailedAuth { .. } => "HANDSHAKE_FAILED_AUTH",
            Unknown { .. } => "UNKNOWN",
        }
    }

    /// True for the three handshake failures.
    pub fn is_handshake_failure(&self) -> bool {
        matches!(
            self,
            MonitorEvent::HandshakeFailedNoDetail { .. }
                | MonitorEvent::HandshakeFailedProtocol { .. }
                | MonitorEvent::HandshakeFailedAuth { .. }
        )
    }
}

/// A ready-made monitor: starts `zmq_socket_monitor` on a socket under a
/// fresh inproc endpoint and reads its events through a PAIR socket.
///
/// It borrows the monitored socket so that it can stop the monitor before its
/// reader closes (libzmq would otherwise block sending events nobody reads).
/// The reader queues without limit, so an unread backlog never stalls the
/// monitored socket.
///
/// ```
/// use std::time::Duration;
/// use czmq::{Context, EventMask, Monitor, MonitorEvent, SocketType};
/// let ctx = Context::new()?;
/// let server = ctx.socket(SocketType::Router)?;
/// server.bind("tcp://127.0.0.1:*")?;
/// let monitor = Monitor::new(&server, EventMask::ACCEPTED)?;
/// let client = ctx.socket(SocketType::Dealer)?;
/// client.connect(&server.last_endpoint()?)?;
/// let accepted = monitor.wait_for(
///     |e| matches!(e, MonitorEvent::Accepted { .. }),
///     Duration::from_secs(5),
/// )?;
/// assert_eq!(accepted.name(), "ACCEPTED");
/// # Ok::<(), czmq::Error>(())
/// ```
pub struct Monitor<'a> {
    monitored: &'a Socket,
    reader: Socket,
    endpoint: String,
}

/// Makes monitor endpoints unique within the process.
static NEXT_MONITOR: AtomicU64 = AtomicU64::new(0);

impl<'a> Monitor<'a> {
    /// Monitors `socket` for `events`.
    pub fn new<S: AsSocket + ?Sized>(
        socket: &'a S,
        events: impl Into<EventMask>,
    ) -> Result<Monitor<'a>> {
        let monitored = socket.as_socket();
        let endpoint = format!(
            "inproc://czmq-rs-monitor-{}-{}",
            std::process::id(),
            NEXT_MONITOR.fetch_add(1, Ordering::Relaxed)
        );
        // Ready the reader first so the gap between libzmq's bind and our
        // connect (during which events would wait for a peer) is minimal.
        let reader = monitored.context().socket(SocketType::Pair)?;
        reader.set_rcvhwm(0)?;
        monitored.monitor(&endpoint, events)?;
        if let Err(e) = reader.connect(&endpoint) {
            // Best effort: the monitor is useless without a reader.
            let _ = monitored.monitor_stop();
            return Err(e);
        }
        Ok(Monitor {
            monitored,
            reader,
            endpoint,
        })
    }

    /// The next event. [`Error::Again`] if none arrives within `timeout`
    /// (`None` waits forever); [`Error::Malformed`] for a message that is
    /// not a monitor event.
    pub fn recv_event(&self, timeout: Option<Duration>) -> Result<MonitorEvent> {
        let mut items = [PollItem::socket(&self.reader, PollEvents::POLLIN)];
        if poll(&mut items, timeout)? == 0 {
            return Err(Error::Again);
        }
        MonitorEvent::parse(&self.reader.recv_multipart_with(Flags::DONTWAIT)?)
    }

    /// Skips events until one satisfies `wanted` and returns it;
    /// [`Error::Again`] if none does within `timeout`.
    pub fn wait_for(
        &self,
        mut wanted: impl FnMut(&MonitorEvent) -> bool,
        timeout: Duration,
    ) -> Result<MonitorEvent> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let event = self.recv_event(Some(left))?;
            if wanted(&event) {
                return Ok(event);
            }
        }
    }

    /// The reading PAIR socket (to poll it with other sockets).
    pub fn socket(&self) -> &Socket {
        &self.reader
    }

    /// The inproc endpoint the events go through.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }
}

impl Drop for Monitor<'_> {
    fn drop(&mut self) {
        // Stop while the reader is still connected: MONITOR_STOPPED, if asked
        // for, goes into its unbounded queue instead of blocking libzmq.
        let _ = self.monitored.monitor_stop();
    }
}

impl std::fmt::Debug for Monitor<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Monitor")
            .field("endpoint", &self.endpoint)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(id: u16, value: u32, endpoint: &[u8]) -> Vec<Message> {
        let mut head = id.to_ne_bytes().to_vec();
        head.extend(value.to_ne_bytes());
        vec![Message::from(head), Message::copy(endpoint)]
    }

    #[test]
    fn every_known_event_round_trips_through_its_parts() {
        let ids = [
            1u16, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384,
        ];
        for id in ids {
            let value = if id == 1024 || id == 2 || id == 4096 {
                0
            } else {
                17
            };
            let event = MonitorEvent::parse(&frames(id, value, b"tcp://1.2.3.4:5")).unwrap();
            assert_eq!(event.id(), id, "{event:?}");
            assert_eq!(event.value(), value, "{event:?}");
            assert_eq!(event.endpoint(), "tcp://1.2.3.4:5");
            assert_ne!(event.name(), "UNKNOWN");
        }
    }

    #[test]
    fn specific_values_are_typed() {
        let e = MonitorEvent::parse(&frames(4, 250, b"tcp://x:1")).unwrap();
        assert_eq!(
            e,
            MonitorEvent::ConnectRetried {
                interval: Duration::from_millis(250),
                endpoint: "tcp://x:1".into()
            }
        );
        let e = MonitorEvent::parse(&frames(16384, 400, b"")).unwrap();
        assert!(matches!(
            e,
            MonitorEvent::HandshakeFailedAuth { status: 400, .. }
        ));
        assert!(e.is_handshake_failure());
        let code = sys::ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC as u32;
        let e = MonitorEvent::parse(&frames(8192, code, b"")).unwrap();
        assert!(matches!(e, MonitorEvent::HandshakeFailedProtocol { code: c, .. } if c == code));
    }

    #[test]
    fn unknown_events_are_kept() {
        let e = MonitorEvent::parse(&frames(0x8000, 9, b"ipc://a")).unwrap();
        assert_eq!(
            e,
            MonitorEvent::Unknown {
                id: 0x8000,
                value: 9,
                endpoint: "ipc://a".into()
            }
        );
        assert_eq!(e.id(), 0x8000);
        assert_eq!(e.value(), 9);
    }

    #[test]
    fn malformed_messages_are_errors_not_panics() {
        let good = frames(8, 3, b"tcp://a:1");
        let cases: Vec<Vec<Message>> = vec![
            vec![],
            good[..1].to_vec(),
            vec![good[0].clone(), good[1].clone(), Message::new()],
            vec![Message::copy(&[1, 2, 3, 4, 5]), good[1].clone()],
            vec![Message::copy(&[0; 7]), good[1].clone()],
            vec![Message::new(), good[1].clone()],
            vec![good[0].clone(), Message::copy(&[0xff, 0xfe])],
        ];
        for case in cases {
            assert!(
                matches!(MonitorEvent::parse(&case), Err(Error::Malformed(_))),
                "{case:?}"
            );
        }
    }

    #[test]
    fn masks_combine() {
        let m = EventMask::LISTENING | EventMask::ACCEPTED;
        assert_eq!(m.bits(), sys::ZMQ_EVENT_LISTENING | sys::ZMQ_EVENT_ACCEPTED);
        assert!(EventMask::ALL.contains(EventMask::HANDSHAKE_FAILED));
        assert_eq!(EventMask::from(8), EventMask::LISTENING);
        assert_eq!(i32::from(EventMask::CLOSED), 128);
    }
}
