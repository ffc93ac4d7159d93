//! The socket monitor actor, as CZMQ's zmonitor: socket events arrive on the
//! actor's pipe as messages `[event name, value, endpoint]`, e.g.
//! `["ACCEPTED", "7", "tcp://127.0.0.1:5556"]`.
//!
//! Pipe commands, as CZMQ's: `LISTEN event...` (CZMQ's event names, or
//! `ALL`; several LISTENs add up; no reply), `START` (answered with a signal
//! once monitoring runs: 0, or 1 if it could not start), `VERBOSE` (no reply),
//! `$TERM`. A bad event name or unknown command is logged and ignored (CZMQ
//! asserts); [`ZMonitor::listen`] checks names before sending them.
//!
//! ```
//! use std::time::Duration;
//! use czmq::{Sock, ZMonitor};
//! let server = Sock::new_rep(None)?;
//! let monitor = ZMonitor::new(&server)?;
//! monitor.listen(&["LISTENING", "ACCEPTED"])?;
//! monitor.start()?;
//! server.as_socket().bind_czmq("tcp://127.0.0.1:*")?; // the monitor borrows `server`
//! let event = monitor.recv(Some(Duration::from_secs(5)))?.expect("an event");
//! assert_eq!(event.0, "LISTENING");
//! # Ok::<(), czmq::Error>(())
//! ```

use std::marker::PhantomData;
use std::os::raw::c_void;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use zmq_sys_vendored as sys;

use crate::actor::Actor;
use crate::error::{Error, Result, check};
use crate::monitor::{EventMask, MonitorEvent};
use crate::poll::{PollEvents, PollItem, poll};
use crate::sock::Sock;
use crate::socket::{AsSocket, Socket, SocketType};
use crate::zsys;

/// A monitor of one socket, running as an actor. It borrows the socket, so
/// it cannot outlive it; dropping it stops monitoring and ends the actor.
pub struct ZMonitor<'a> {
    actor: Actor,
    _socket: PhantomData<&'a Socket>,
}

/// A raw socket handle moved into the actor thread.
#[derive(Clone, Copy)]
struct MonitoredSocket(*mut c_void);

// SAFETY: the handle is only used by the actor while the parent is blocked
// waiting for the actor's answer (START, $TERM), exactly as CZMQ's zmonitor
// does, so the socket is never used by two threads at once; the pipe's
// messaging gives the needed memory barriers. ZMonitor's lifetime keeps the
// socket alive for as long as the actor runs.
unsafe impl Send for MonitoredSocket {}

impl MonitoredSocket {
    /// The handle (a method, so closures capture the Send wrapper, not the raw field).
    fn get(self) -> *mut c_void {
        self.0
    }
}

impl<'a> ZMonitor<'a> {
    /// Starts a monitor for `socket` (nothing is reported until [`start`](ZMonitor::start)).
    pub fn new<S: AsSocket + ?Sized>(socket: &'a S) -> Result<ZMonitor<'a>> {
        let target = MonitoredSocket(socket.as_socket().as_ptr());
        Ok(ZMonitor {
            // SAFETY: see MonitoredSocket; 'a outlives the actor.
            actor: Actor::new(move |pipe| unsafe { zmonitor_actor(pipe, target.get()) })?,
            _socket: PhantomData,
        })
    }

    /// The actor (its pipe carries the event messages).
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Adds events to listen to, by CZMQ's names ("CONNECTED", "ALL", ...).
    pub fn listen(&self, events: &[&str]) -> Result<()> {
        if events.is_empty() {
            return Err(Error::InvalidArgument(
                "zmonitor: LISTEN needs events".into(),
            ));
        }
        if let Some(bad) = events.iter().find(|e| event_mask(e).is_none()) {
            return Err(Error::InvalidArgument(format!(
                "zmonitor: unknown event {bad}"
            )));
        }
        let mut parts = vec!["LISTEN"];
        parts.extend_from_slice(events);
        self.actor.sock().send_strs(&parts)
    }

    /// Starts monitoring; returns once libzmq reports events.
    pub fn start(&self) -> Result<()> {
        self.actor.sock().send_strs(&["START"])?;
        self.expect_ok("START")
    }

    /// Logs each event.
    pub fn verbose(&self) -> Result<()> {
        self.actor.sock().send_strs(&["VERBOSE"])
    }

    fn expect_ok(&self, what: &str) -> Result<()> {
        match self.actor.sock().wait()? {
            0 => Ok(()),
            _ => Err(Error::InvalidArgument(format!("zmonitor refused {what}"))),
        }
    }

    /// The next event as (name, value, endpoint), waiting up to `timeout`
    /// (None: forever). `Ok(None)` on timeout.
    pub fn recv(&self, timeout: Option<Duration>) -> Result<Option<(String, i64, String)>> {
        let mut items = [PollItem::socket(self.actor.sock(), PollEvents::POLLIN)];
        if poll(&mut items, timeout)? == 0 {
            return Ok(None);
        }
        match self.actor.sock().recv_strs()?.as_slice() {
            [name, value, endpoint] => Ok(Some((
                name.clone(),
                value.parse().unwrap_or(0),
                endpoint.clone(),
            ))),
            other => Err(Error::Malformed(format!("zmonitor event {other:?}"))),
        }
    }
}

impl AsSocket for ZMonitor<'_> {
    fn as_socket(&self) -> &Socket {
        self.actor.as_socket()
    }
}

fn event_mask(name: &str) -> Option<EventMask> {
    Some(match name {
        "CONNECTED" => EventMask::CONNECTED,
        "CONNECT_DELAYED" => EventMask::CONNECT_DELAYED,
        "CONNECT_RETRIED" => EventMask::CONNECT_RETRIED,
        "LISTENING" => EventMask::LISTENING,
        "BIND_FAILED" => EventMask::BIND_FAILED,
        "ACCEPTED" => EventMask::ACCEPTED,
        "ACCEPT_FAILED" => EventMask::ACCEPT_FAILED,
        "CLOSED" => EventMask::CLOSED,
        "CLOSE_FAILED" => EventMask::CLOSE_FAILED,
        "DISCONNECTED" => EventMask::DISCONNECTED,
        "MONITOR_STOPPED" => EventMask::MONITOR_STOPPED,
        "HANDSHAKE_FAILED_NO_DETAIL" => EventMask::HANDSHAKE_FAILED_NO_DETAIL,
        "HANDSHAKE_SUCCEEDED" => EventMask::HANDSHAKE_SUCCEEDED,
        "HANDSHAKE_FAILED_PROTOCOL" => EventMask::HANDSHAKE_FAILED_PROTOCOL,
        "HANDSHAKE_FAILED_AUTH" => EventMask::HANDSHAKE_FAILED_AUTH,
        "ALL" => EventMask::ALL,
        _ => return None,
    })
}

fn set_monitor(socket: *mut c_void, endpoint: Option<&str>, mask: EventMask) -> Result<()> {
    let endpoint = endpoint.map(|e| std::ffi::CString::new(e).expect("endpoint without NUL"));
    let ptr = endpoint.as_ref().map_or(std::ptr::null(), |e| e.as_ptr());
    // SAFETY: the caller guarantees socket is live and not used concurrently
    // (see MonitoredSocket); a NULL endpoint stops monitoring.
    check(unsafe { sys::zmq_socket_monitor(socket, ptr, mask.bits()) }).map(|_| ())
}

/// The actor's body; the C face runs it for `zactor_new (zmonitor, sock)`.
///
/// # Safety
/// `socket` must be a live libzmq socket that outlives the actor and that
/// the parent does not use while it waits for this actor's answers to
/// `START` and `$TERM`.
pub unsafe fn zmonitor_actor(pipe: Sock, socket: *mut c_void) -> Result<()> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let endpoint = format!(
        "inproc://zmonitor-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let ctx = zsys::context()?;
    let sink = ctx.socket(SocketType::Pair)?;
    let mut mask = EventMask::empty();
    let mut started = false;
    let mut verbose = false;
    pipe.signal(0)?;
    let result = loop {
        let mut items = [
            PollItem::socket(&pipe, PollEvents::POLLIN),
            PollItem::socket(&sink, PollEvents::POLLIN),
        ];
        match poll(&mut items, None) {
            Ok(_) => {}
            Err(Error::Interrupted) => continue,
            Err(e) => break Err(e),
        }
        if items[1].is_readable() {
            let frames = sink.recv_multipart()?;
            if let Ok(event) = MonitorEvent::parse(&frames) {
                if verbose {
                    log::info!(target: "czmq::zmonitor", "{} {}", event.name(), event.endpoint());
                }
                pipe.send_strs(&[event.name(), &event.value().to_string(), event.endpoint()])?;
            }
        }
        if items[0].is_readable() {
            let parts = match pipe.recv_strs() {
                Ok(parts) => parts,
                Err(Error::InvalidUtf8 { .. }) => continue,
                Err(e) => break Err(e),
            };
            let words: Vec<&str> = parts.iter().map(String::as_str).collect();
            match words.as_slice() {
                ["$TERM", ..] => break Ok(()),
                ["LISTEN", events @ ..] => {
                    for event in events {
                        match event_mask(event) {
                            Some(m) => mask |= m,
                            None => log::error!(target: "czmq::zmonitor", "unknown event {event}"),
                        }
                    }
                }
                ["START"] => {
                    let on = started
                        || set_monitor(socket, Some(&endpoint), mask)
                            .and_then(|_| sink.connect(&endpoint))
                            .is_ok();
                    started = on;
                    pipe.signal(if on { 0 } else { 1 })?;
                }
                ["VERBOSE"] => verbose = true,
                other => log::error!(target: "czmq::zmonitor", "bad command {other:?}"),
            }
        }
    };
    if started {
        // The parent waits in Drop for our end: it does not touch the socket.
        let _ = set_monitor(socket, None, EventMask::empty());
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_listening_accepted_and_disconnected() {
        let server = Sock::new_router(None).unwrap();
        let monitor = ZMonitor::new(&server).unwrap();
        monitor.listen(&["LISTENING", "ACCEPTED"]).unwrap();
        monitor.listen(&["DISCONNECTED"]).unwrap();
        monitor.verbose().unwrap();
        monitor.start().unwrap();
        let (_, port) = server.as_socket().bind_czmq("tcp://127.0.0.1:*").unwrap();
        let wait = Some(Duration::from_secs(5));
        let (name, _, endpoint) = monitor.recv(wait).unwrap().unwrap();
        assert_eq!(name, "LISTENING");
        assert_eq!(endpoint, format!("tcp://127.0.0.1:{port}"));
        let client = Sock::new_dealer(Some(&format!("tcp://127.0.0.1:{port}"))).unwrap();
        assert_eq!(monitor.recv(wait).unwrap().unwrap().0, "ACCEPTED");
        drop(client);
        assert_eq!(monitor.recv(wait).unwrap().unwrap().0, "DISCONNECTED");
    }

    #[test]
    fn bad_event_names_are_refused() {
        let server = Sock::new_pub(None).unwrap();
        let monitor = ZMonitor::new(&server).unwrap();
        assert!(monitor.listen(&["NOT_AN_EVENT"]).is_err());
        assert!(monitor.listen(&[]).is_err());
        // Unknown commands are ignored; the actor keeps answering.
        monitor.actor().sock().send_strs(&["FROB"]).unwrap();
        monitor.listen(&["ALL"]).unwrap();
        monitor.start().unwrap();
        monitor.start().unwrap(); // START again: already running
    }
}
