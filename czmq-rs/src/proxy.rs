//! libzmq's built-in proxy (`zmq_proxy`, `zmq_proxy_steerable`): moves
//! messages between a frontend and a backend socket until the context is shut
//! down or, for the steerable proxy, a TERMINATE command arrives.
//!
//! A proxy blocks its thread, and sockets are not `Sync`, so the pattern is:
//! create the sockets, move them into a thread that runs the proxy and owns
//! them, and end it with [`ProxyControl::terminate`] (steerable proxy) or
//! [`Context::shutdown`](crate::Context::shutdown), after which the proxy
//! returns [`Error::Terminated`].
//!
//! ```
//! use std::time::Duration;
//! use czmq::{proxy_steerable, Context, ProxyControl, SocketType};
//! let ctx = Context::new()?;
//! let frontend = ctx.socket(SocketType::Pull)?;
//! frontend.bind("inproc://proxy-doc-in")?;
//! let backend = ctx.socket(SocketType::Push)?;
//! backend.bind("inproc://proxy-doc-out")?;
//! let control = ctx.socket(SocketType::Pair)?;
//! control.bind("inproc://proxy-doc-control")?;
//! let proxy = std::thread::spawn(move || proxy_steerable(&frontend, &backend, None, Some(&control)));
//!
//! let input = ctx.socket(SocketType::Push)?;
//! input.connect("inproc://proxy-doc-in")?;
//! let output = ctx.socket(SocketType::Pull)?;
//! output.connect("inproc://proxy-doc-out")?;
//! output.set_rcvtimeo(Some(Duration::from_secs(5)))?;
//! input.send("through the proxy")?;
//! assert_eq!(output.recv_string()?, "through the proxy");
//!
//! let steer = ProxyControl::connect(&ctx, "inproc://proxy-doc-control")?;
//! steer.terminate()?;
//! assert_eq!(proxy.join().unwrap(), Ok(()));
//! # Ok::<(), czmq::Error>(())
//! ```

use std::ptr;
use std::time::{Duration, Instant};

use zmq_sys_vendored as sys;

use crate::context::Context;
use crate::error::{Error, Result, check};
use crate::message::Message;
use crate::poll::{PollEvents, PollItem, poll};
use crate::socket::{AsSocket, Socket, SocketType};
use crate::version::version;

/// How long [`ProxyControl`] waits for the proxy to answer a command.
const DEFAULT_REPLY_TIMEOUT: Duration = Duration::from_secs(5);

fn raw_or_null(socket: Option<&dyn AsSocket>) -> *mut std::os::raw::c_void {
    socket.map_or(ptr::null_mut(), |s| s.as_socket().as_ptr())
}

/// Runs `zmq_proxy` on this thread: every message received on `frontend` is
/// sent on `backend` and vice versa, and a copy of each goes to `capture` if
/// given (a PUB, PUSH, DEALER or PAIR socket). It only returns on error,
/// normally [`Error::Terminated`] once the context is shut down.
///
/// ```
/// use czmq::{proxy, Context, Error, SocketType};
/// let ctx = Context::new()?;
/// let frontend = ctx.socket(SocketType::Router)?;
/// frontend.bind("inproc://proxy-fn-doc")?;
/// let backend = ctx.socket(SocketType::Dealer)?;
/// let stop = ctx.clone();
/// let running = std::thread::spawn(move || proxy(&frontend, &backend, None));
/// stop.shutdown()?;
/// assert_eq!(running.join().unwrap(), Err(Error::Terminated));
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn proxy(
    frontend: &impl AsSocket,
    backend: &impl AsSocket,
    capture: Option<&dyn AsSocket>,
) -> Result<()> {
    // SAFETY: all sockets are borrowed, hence live, for the whole call, and
    // used only by this thread (Socket is not Sync); capture may be NULL.
    check(unsafe {
        sys::zmq_proxy(
            frontend.as_socket().as_ptr(),
            backend.as_socket().as_ptr(),
            raw_or_null(capture),
        )
    })
    .map(|_| ())
}

/// Runs `zmq_proxy_steerable` on this thread: as [`proxy`], and commands
/// arriving on `control` pause, resume or stop it or ask for statistics (see
/// [`ProxyCommand`]; [`ProxyControl`] sends them). Returns `Ok(())` after
/// TERMINATE, [`Error::Terminated`] when the context is shut down.
///
/// Use a PAIR socket for `control` (with a PAIR on the steering side, as
/// [`ProxyControl`] does): it works with every libzmq 4.3 release, whereas
/// REP only works with 4.3.5, which answers every command.
pub fn proxy_steerable(
    frontend: &impl AsSocket,
    backend: &impl AsSocket,
    capture: Option<&dyn AsSocket>,
    control: Option<&dyn AsSocket>,
) -> Result<()> {
    // SAFETY: as in proxy; capture and control may be NULL.
    check(unsafe {
        sys::zmq_proxy_steerable(
            frontend.as_socket().as_ptr(),
            backend.as_socket().as_ptr(),
            raw_or_null(capture),
            raw_or_null(control),
        )
    })
    .map(|_| ())
}

/// A command for a steerable proxy's control socket, as libzmq spells it.
/// Only these four exist: libzmq 4.3.4 aborts the process on any other
/// command, which is why they are a closed enum.
///
/// ```
/// assert_eq!(czmq::ProxyCommand::Terminate.as_bytes(), b"TERMINATE");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProxyCommand {
    /// Stop moving messages (they queue up) until RESUME.
    Pause,
    /// Move messages again after PAUSE.
    Resume,
    /// Make the proxy return `Ok(())`.
    Terminate,
    /// Ask for the eight counters of [`ProxyStatistics`].
    Statistics,
}

impl ProxyCommand {
    /// The command's bytes as documented by libzmq.
    pub fn as_bytes(self) -> &'static [u8] {
        match self {
            ProxyCommand::Pause => b"PAUSE",
            ProxyCommand::Resume => b"RESUME",
            ProxyCommand::Terminate => b"TERMINATE",
            ProxyCommand::Statistics => b"STATISTICS",
        }
    }

    /// The bytes that have this command's documented effect on the libzmq
    /// at `version`. libzmq 4.3.5 swapped the effects of PAUSE and RESUME
    /// (fixed after its release, libzmq PR #4600), so there each is sent as
    /// the other.
    pub fn wire_bytes(self, version: (i32, i32, i32)) -> &'static [u8] {
        match (self, version == (4, 3, 5)) {
            (ProxyCommand::Pause, true) => ProxyCommand::Resume.as_bytes(),
            (ProxyCommand::Resume, true) => ProxyCommand::Pause.as_bytes(),
            _ => self.as_bytes(),
        }
    }
}

/// The counters a steerable proxy reports for STATISTICS: messages and bytes
/// received and sent on each side.
///
/// ```
/// use czmq::{Message, ProxyStatistics};
/// let frames: Vec<Message> = (1u64..=8).map(|n| Message::copy(&n.to_ne_bytes())).collect();
/// let stats = ProxyStatistics::parse(&frames)?;
/// assert_eq!(stats.frontend_received_messages, 1);
/// assert_eq!(stats.backend_sent_bytes, 8);
/// assert!(ProxyStatistics::parse(&frames[..7]).is_err());
/// # Ok::<(), czmq::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProxyStatistics {
    /// Messages (frames) received on the frontend.
    pub frontend_received_messages: u64,
    /// Bytes received on the frontend.
    pub frontend_received_bytes: u64,
    /// Messages (frames) sent on the frontend.
    pub frontend_sent_messages: u64,
    /// Bytes sent on the frontend.
    pub frontend_sent_bytes: u64,
    /// Messages (frames) received on the backend.
    pub backend_received_messages: u64,
    /// Bytes received on the backend.
    pub backend_received_bytes: u64,
    /// Messages (frames) sent on the backend.
    pub backend_sent_messages: u64,
    /// Bytes sent on the backend.
    pub backend_sent_bytes: u64,
}

impl ProxyStatistics {
    /// Parses the reply to STATISTICS: eight frames of one `u64` each, in
    /// the proxy's native byte order. Anything else is [`Error::Malformed`].
    pub fn parse(frames: &[Message]) -> Result<ProxyStatistics> {
        if frames.len() != 8 {
            return Err(Error::Malformed(format!(
                "proxy statistics have 8 frames, got {}",
                frames.len()
            )));
        }
        let mut values = [0u64; 8];
        for (value, frame) in values.iter_mut().zip(frames) {
            let bytes: [u8; 8] = frame[..].try_into().map_err(|_| {
                Error::Malformed(format!("a proxy statistic is 8 bytes, got {}", frame.len()))
            })?;
            *value = u64::from_ne_bytes(bytes);
        }
        let [frn, frb, fsn, fsb, brn, brb, bsn, bsb] = values;
        Ok(ProxyStatistics {
            frontend_received_messages: frn,
            frontend_received_bytes: frb,
            frontend_sent_messages: fsn,
            frontend_sent_bytes: fsb,
            backend_received_messages: brn,
            backend_received_bytes: brb,
            backend_sent_messages: bsn,
            backend_sent_bytes: bsb,
        })
    }
}

/// The steering end of a steerable proxy's control socket: a PAIR socket
/// connected to the proxy's PAIR `control`, with one method per command.
///
/// It hides the differences between libzmq releases: 4.3.5 answers every
/// command with an empty frame and swaps PAUSE and RESUME (which is undone
/// here); 4.3.4 answers only STATISTICS. Either way `pause()` and `resume()`
/// return once the proxy has applied the command.
pub struct ProxyControl {
    socket: Socket,
    acknowledges: bool,
    version: (i32, i32, i32),
    timeout: Duration,
}

impl ProxyControl {
    /// A PAIR socket in `ctx` connected to the proxy's control endpoint.
    pub fn connect(ctx: &Context, endpoint: &str) -> Result<ProxyControl> {
        let socket = ctx.socket(SocketType::Pair)?;
        socket.connect(endpoint)?;
        Ok(ProxyControl::new(socket))
    }

    /// Wraps a PAIR socket already connected to the proxy's control socket.
    pub fn new(socket: Socket) -> ProxyControl {
        let version = version();
        ProxyControl {
            socket,
            acknowledges: version == (4, 3, 5),
            version,
            timeout: DEFAULT_REPLY_TIMEOUT,
        }
    }

    /// How long to wait for the proxy's answer (5 seconds by default);
    /// past it a command fails with [`Error::Again`].
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    /// The control socket.
    pub fn socket(&self) -> &Socket {
        &self.socket
    }

    /// Sends a command; for STATISTICS returns the counters, otherwise None.
    pub fn command(&self, command: ProxyCommand) -> Result<Option<ProxyStatistics>> {
        self.socket.send_bytes(command.wire_bytes(self.version))?;
        match command {
            ProxyCommand::Statistics => self.statistics_reply().map(Some),
            _ if self.acknowledges => {
                self.recv_reply()?;
                Ok(None)
            }
            // Without acknowledgements, a STATISTICS round trip shows that
            // the proxy has handled the command before we return (the proxy
            // reads its control socket in order). TERMINATE has no such
            // barrier: the proxy is gone once it handled it.
            ProxyCommand::Pause | ProxyCommand::Resume => {
                self.socket
                    .send_bytes(ProxyCommand::Statistics.as_bytes())?;
                self.statistics_reply().map(|_| None)
            }
            ProxyCommand::Terminate => Ok(None),
        }
    }

    /// Stops the proxy moving messages.
    pub fn pause(&self) -> Result<()> {
        self.command(ProxyCommand::Pause).map(|_| ())
    }

    /// Lets the proxy move messages again.
    pub fn resume(&self) -> Result<()> {
        self.command(ProxyCommand::Resume).map(|_| ())
    }

    /// Makes the proxy return `Ok(())`.
    pub fn terminate(&self) -> Result<()> {
        self.command(ProxyCommand::Terminate).map(|_| ())
    }

    /// The proxy's counters.
    pub fn statistics(&self) -> Result<ProxyStatistics> {
        self.command(ProxyCommand::Statistics)?
            .ok_or_else(|| Error::Malformed("no statistics in the reply".into()))
    }

    /// Receives the 8-frame STATISTICS reply; an empty acknowledgement left
    /// over from an earlier command (if one timed out) is skipped.
    fn statistics_reply(&self) -> Result<ProxyStatistics> {
        let deadline = Instant::now() + self.timeout;
        loop {
            let frames = self.recv_reply_until(deadline)?;
            if frames.len() == 1 && frames[0].is_empty() {
                continue;
            }
            return ProxyStatistics::parse(&frames);
        }
    }

    fn recv_reply(&self) -> Result<Vec<Message>> {
        self.recv_reply_until(Instant::now() + self.timeout)
    }

    fn recv_reply_until(&self, deadline: Instant) -> Result<Vec<Message>> {
        let left = deadline.saturating_duration_since(Instant::now());
        let mut items = [PollItem::socket(&self.socket, PollEvents::POLLIN)];
        if poll(&mut items, Some(left))? == 0 {
            return Err(Error::Again);
        }
        self.socket.recv_multipart_with(crate::Flags::DONTWAIT)
    }
}

impl std::fmt::Debug for ProxyControl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProxyControl")
            .field("socket", &self.socket)
            .field("acknowledges", &self.acknowledges)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pause_and_resume_are_swapped_only_for_4_3_5() {
        use ProxyCommand::*;
        assert_eq!(Pause.wire_bytes((4, 3, 5)), b"RESUME");
        assert_eq!(Resume.wire_bytes((4, 3, 5)), b"PAUSE");
        assert_eq!(Pause.wire_bytes((4, 3, 4)), b"PAUSE");
        assert_eq!(Resume.wire_bytes((4, 3, 6)), b"RESUME");
        for v in [(4, 3, 4), (4, 3, 5)] {
            assert_eq!(Terminate.wire_bytes(v), b"TERMINATE");
            assert_eq!(Statistics.wire_bytes(v), b"STATISTICS");
        }
    }

    #[test]
    fn statistics_parse_rejects_bad_replies() {
        let good: Vec<Message> = (0u64..8).map(|n| Message::copy(&n.to_ne_bytes())).collect();
        let stats = ProxyStatistics::parse(&good).unwrap();
        assert_eq!(stats.frontend_received_messages, 0);
        assert_eq!(stats.frontend_sent_bytes, 3);
        assert_eq!(stats.backend_sent_bytes, 7);
        assert!(matches!(
            ProxyStatistics::parse(&[]),
            Err(Error::Malformed(_))
        ));
        let mut short = good.clone();
        short[3] = Message::copy(&[1, 2, 3]);
        assert!(matches!(
            ProxyStatistics::parse(&short),
            Err(Error::Malformed(_))
        ));
        let mut long = good;
        long.push(Message::new());
        assert!(matches!(
            ProxyStatistics::parse(&long),
            Err(Error::Malformed(_))
        ));
    }
}
