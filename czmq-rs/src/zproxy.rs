//! The proxy actor, as CZMQ's zproxy: two sockets configured over the pipe,
//! every message from one forwarded to the other, optionally copied to a
//! capture socket, with pause and resume.
//!
//! Pipe commands (each answered with a signal, as CZMQ, so the caller can
//! wait for it): `FRONTEND type endpoints`, `BACKEND type endpoints`,
//! `CAPTURE endpoint`, `PAUSE`, `RESUME`, `VERBOSE`, `$TERM`. Endpoints use
//! CZMQ's attach syntax (`@` binds, `>` connects, a bare endpoint binds). A
//! bad command or argument is answered with signal 1 instead of 0 (CZMQ
//! asserts), and the proxy keeps running.
//!
//! ```
//! use czmq::{zstr, Sock, ZProxy};
//! let proxy = ZProxy::new()?;
//! proxy.frontend("PULL", "inproc://zproxy-doc-front")?;
//! proxy.backend("PUSH", "inproc://zproxy-doc-back")?;
//! let producer = Sock::new_push(Some(">inproc://zproxy-doc-front"))?;
//! let consumer = Sock::new_pull(Some(">inproc://zproxy-doc-back"))?;
//! zstr::send(&producer, "job")?;
//! assert_eq!(zstr::recv(&consumer)?, "job");
//! # Ok::<(), czmq::Error>(())
//! ```

use std::time::Duration;

use crate::actor::Actor;
use crate::error::{Error, Result};
use crate::flags::Flags;
use crate::msg::Msg;
use crate::poll::{PollEvents, PollItem, poll};
use crate::sock::Sock;
use crate::socket::{AsSocket, Socket, SocketType};

/// Messages forwarded per readable socket per turn: bounded so that one busy
/// side cannot starve the pipe or the other side.
const BATCH: usize = 1000;

/// A proxy running as an actor; dropping it ends the actor.
pub struct ZProxy {
    actor: Actor,
}

impl ZProxy {
    /// Starts an unconfigured proxy.
    pub fn new() -> Result<ZProxy> {
        Ok(ZProxy {
            actor: Actor::new(zproxy_actor)?,
        })
    }

    /// The actor, for raw pipe commands.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    fn command(&self, parts: &[&str]) -> Result<()> {
        self.actor.sock().send_strs(parts)?;
        match self.actor.sock().wait()? {
            0 => Ok(()),
            _ => Err(Error::InvalidArgument(format!(
                "zproxy refused {}",
                parts.join(" ")
            ))),
        }
    }

    /// Creates the frontend socket of `kind` ("ROUTER", "PULL", ...) attached
    /// to `endpoints`.
    pub fn frontend(&self, kind: &str, endpoints: &str) -> Result<()> {
        self.command(&["FRONTEND", kind, endpoints])
    }

    /// Creates the backend socket.
    pub fn backend(&self, kind: &str, endpoints: &str) -> Result<()> {
        self.command(&["BACKEND", kind, endpoints])
    }

    /// Copies every forwarded message to a PUSH socket connected to `endpoint`.
    pub fn capture(&self, endpoint: &str) -> Result<()> {
        self.command(&["CAPTURE", endpoint])
    }

    /// Stops forwarding (messages wait in the sockets' queues).
    pub fn pause(&self) -> Result<()> {
        self.command(&["PAUSE"])
    }

    /// Resumes forwarding.
    pub fn resume(&self) -> Result<()> {
        self.command(&["RESUME"])
    }

    /// Logs every forwarded message.
    pub fn verbose(&self) -> Result<()> {
        self.command(&["VERBOSE"])
    }
}

fn socket_type(name: &str) -> Option<SocketType> {
    SocketType::ALL
        .iter()
        .copied()
        .find(|t| t.name().eq_ignore_ascii_case(name))
}

struct Proxy {
    frontend: Option<Sock>,
    backend: Option<Sock>,
    capture: Option<Sock>,
    paused: bool,
    verbose: bool,
}

impl Proxy {
    /// Moves up to BATCH messages from `from` to `to` (and the capture).
    fn forward(from: &Sock, to: &Sock, capture: Option<&Sock>, verbose: bool) -> Result<()> {
        for _ in 0..BATCH {
            let msg = match Msg::try_recv(from) {
                Ok(msg) => msg,
                Err(Error::Again) => break,
                Err(e) => return Err(e),
            };
            if verbose {
                log::info!(target: "czmq::zproxy", "forwarding {} frame(s)", msg.len());
            }
            if let Some(capture) = capture {
                // The capture is best effort: a full or absent reader must
                // not stall the proxy.
                let _ = send_dontwait(&msg, capture);
            }
            msg.send(to)?;
        }
        Ok(())
    }

    fn configure(&mut self, which: &str, kind: &str, endpoints: &str) -> Result<()> {
        let kind = socket_type(kind)
            .ok_or_else(|| Error::InvalidArgument(format!("zproxy: unknown socket type {kind}")))?;
        let mut sock = Sock::new(kind)?;
        sock.attach(endpoints, true)?;
        if which == "FRONTEND" {
            self.frontend = Some(sock);
        } else {
            self.backend = Some(sock);
        }
        Ok(())
    }

    fn handle(&mut self, parts: &[String]) -> Result<bool> {
        let words: Vec<&str> = parts.iter().map(String::as_str).collect();
        match words.as_slice() {
            ["$TERM", ..] => return Ok(false),
            [which @ ("FRONTEND" | "BACKEND"), kind, endpoints] => {
                self.configure(which, kind, endpoints)?
            }
            ["CAPTURE", endpoint] => {
                self.capture = Some(Sock::new_push(Some(&format!(">{endpoint}")))?)
            }
            ["PAUSE"] => self.paused = true,
            ["RESUME"] => self.paused = false,
            ["VERBOSE"] => self.verbose = true,
            other => {
                return Err(Error::InvalidArgument(format!(
                    "zproxy: bad command {other:?}"
                )));
            }
        }
        Ok(true)
    }
}

/// Copies a whole message to `sock` without blocking and without copying
/// bytes (each frame's content is shared, as zmq_msg_copy does).
fn send_dontwait(msg: &Msg, sock: &Sock) -> Result<()> {
    let last = msg.len().saturating_sub(1);
    for (i, frame) in msg.iter().enumerate() {
        let more = if i < last {
            Flags::MORE
        } else {
            Flags::empty()
        };
        frame.send_ref_with(sock, more | Flags::DONTWAIT)?;
    }
    Ok(())
}

/// The actor's body (also usable with [`Actor::new`] directly, and by the C
/// face for `zactor_new (zproxy, NULL)`).
pub fn zproxy_actor(pipe: Sock) -> Result<()> {
    let mut proxy = Proxy {
        frontend: None,
        backend: None,
        capture: None,
        paused: false,
        verbose: false,
    };
    pipe.signal(0)?;
    loop {
        let active = !proxy.paused && proxy.frontend.is_some() && proxy.backend.is_some();
        let (front_ready, back_ready) = {
            let mut items = vec![PollItem::socket(&pipe, PollEvents::POLLIN)];
            if active && let (Some(f), Some(b)) = (&proxy.frontend, &proxy.backend) {
                items.push(PollItem::socket(f, PollEvents::POLLIN));
                items.push(PollItem::socket(b, PollEvents::POLLIN));
            }
            match poll(&mut items, Some(Duration::from_millis(500))) {
                Ok(_) => {}
                Err(Error::Interrupted) => continue,
                Err(Error::Terminated) => return Ok(()),
                Err(e) => return Err(e),
            }
            if items[0].is_readable() {
                let parts = match pipe.recv_strs() {
                    Ok(parts) => parts,
                    Err(Error::Terminated) => return Ok(()),
                    // Not text: a bad command.
                    Err(Error::InvalidUtf8 { .. }) => {
                        pipe.signal(1)?;
                        continue;
                    }
                    Err(e) => return Err(e),
                };
                match proxy.handle(&parts) {
                    Ok(true) => pipe.signal(0)?,
                    Ok(false) => return Ok(()),
                    Err(e) => {
                        log::warn!(target: "czmq::zproxy", "{e}");
                        pipe.signal(1)?;
                    }
                }
                continue;
            }
            (
                items.get(1).is_some_and(PollItem::is_readable),
                items.get(2).is_some_and(PollItem::is_readable),
            )
        };
        if let (Some(f), Some(b)) = (&proxy.frontend, &proxy.backend) {
            let capture = proxy.capture.as_ref();
            if front_ready {
                Proxy::forward(f, b, capture, proxy.verbose)?;
            }
            if back_ready {
                Proxy::forward(b, f, capture, proxy.verbose)?;
            }
        }
    }
}

impl AsSocket for ZProxy {
    fn as_socket(&self) -> &Socket {
        self.actor.as_socket()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zstr;

    fn with_timeout(mut s: Sock) -> Sock {
        s.as_socket()
            .set_rcvtimeo(Some(Duration::from_secs(5)))
            .unwrap();
        let _ = &mut s;
        s
    }

    #[test]
    fn forwards_both_ways_with_capture_pause_and_resume() {
        let proxy = ZProxy::new().unwrap();
        proxy
            .frontend("ROUTER", "inproc://zproxy-t1-front")
            .unwrap();
        proxy.backend("DEALER", "inproc://zproxy-t1-back").unwrap();
        let capture = with_timeout(Sock::new_pull(Some("@inproc://zproxy-t1-capture")).unwrap());
        proxy.capture("inproc://zproxy-t1-capture").unwrap();

        let client = with_timeout(Sock::new_dealer(Some("inproc://zproxy-t1-front")).unwrap());
        let worker = with_timeout(Sock::new_dealer(Some("inproc://zproxy-t1-back")).unwrap());
        zstr::send(&client, "request").unwrap();
        // The worker sees the client's routing id then the body.
        let request = worker.recv_parts().unwrap();
        assert_eq!(request.len(), 2);
        assert!(request[1].streq("request"));
        let captured = capture.recv_parts().unwrap();
        assert!(captured[1].streq("request"));
        worker
            .send_parts(&[request[0].data(), b"reply".as_slice()])
            .unwrap();
        assert_eq!(zstr::recv(&client).unwrap(), "reply");
        assert!(capture.recv_parts().unwrap()[1].streq("reply"));

        proxy.pause().unwrap();
        zstr::send(&client, "held").unwrap();
        worker
            .as_socket()
            .set_rcvtimeo(Some(Duration::from_millis(200)))
            .unwrap();
        assert_eq!(worker.recv_parts().unwrap_err(), Error::Again);
        proxy.resume().unwrap();
        worker
            .as_socket()
            .set_rcvtimeo(Some(Duration::from_secs(5)))
            .unwrap();
        assert!(worker.recv_parts().unwrap()[1].streq("held"));
    }

    #[test]
    fn bad_commands_are_refused_and_the_proxy_goes_on() {
        let proxy = ZProxy::new().unwrap();
        assert!(proxy.frontend("NOT_A_TYPE", "inproc://zproxy-t2").is_err());
        assert!(proxy.frontend("PULL", "nonsense://x").is_err());
        proxy.actor().sock().send_strs(&["FROB"]).unwrap();
        assert_eq!(proxy.actor().sock().wait().unwrap(), 1);
        proxy.frontend("PULL", "inproc://zproxy-t2-front").unwrap();
        proxy.backend("PUSH", "inproc://zproxy-t2-back").unwrap();
        proxy.verbose().unwrap();
        let push = Sock::new_push(Some("inproc://zproxy-t2-front")).unwrap();
        let pull = with_timeout(Sock::new_pull(Some(">inproc://zproxy-t2-back")).unwrap());
        zstr::send(&push, "still works").unwrap();
        assert_eq!(zstr::recv(&pull).unwrap(), "still works");
    }
}
