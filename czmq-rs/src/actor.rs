//! Actor (CZMQ's zactor): a handler running on its own thread, talking to
//! its parent over a PAIR pipe, with CZMQ's start and stop handshake.
//!
//! The protocol: the handler gets the child end of the pipe and signals once
//! (`pipe.signal(0)`) when it is ready; [`Actor::new`] returns only after
//! that signal. Commands are multipart messages on the pipe. `$TERM` asks the
//! handler to return. When the child end of the pipe is dropped (the handler
//! returned, or panicked and unwound), it sends the final signal that the
//! parent's drop waits for.

use std::any::Any;
use std::fmt;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::msg::Msg;
use crate::sock::{Sock, random_u64};
use crate::socket::{AsSocket, Socket, SocketType};

/// How long one wait on the pipe lasts before the parent checks whether the
/// child thread is still alive (so a dead child can never hang the parent).
const POLL: Duration = Duration::from_millis(20);

/// How long the parent waits for the thread to end after the final signal
/// (the handler has dropped its pipe, so it is returning).
const JOIN_GRACE: Duration = Duration::from_secs(2);

/// An actor: a thread running `handler`, and the parent's end of the pipe to
/// it. [`Actor::sock`] lends that [`Sock`] and [`AsSocket`] its socket, so
/// every zstr, Frame and Msg call works on an actor; there is no `Deref`.
///
/// Dropping the actor sends `$TERM` and waits for the final signal; an actor
/// whose thread already ended (returned early, or panicked) is dropped
/// without waiting. A panic is logged with `log::error!`; [`Actor::join`]
/// returns it.
///
/// As in CZMQ, the handler must signal once it is ready and must return on
/// `$TERM`: `new` waits for the first, drop for the second, for as long as
/// the handler's thread runs.
///
/// ```
/// use czmq::{zstr, Actor};
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
/// zstr::sendx(&echo, &["ECHO", "hi"])?;
/// assert_eq!(zstr::recvx(&echo)?, ["ECHO", "hi"]);
/// echo.join()?; // or just drop it
/// # Ok::<(), czmq::Error>(())
/// ```
#[repr(C)]
pub struct Actor {
    /// CZMQ's object tag, first for the C face.
    tag: u32,
    pipe: Sock,
    thread: Option<JoinHandle<Result<()>>>,
    /// How to end the actor instead of `$TERM` (see [`Actor::set_destructor`]).
    destructor: Option<Destructor>,
}

/// A custom way to end an actor ([`Actor::set_destructor`]).
type Destructor = Box<dyn FnOnce(&Actor) + Send>;

impl Actor {
    /// CZMQ's zactor tag (0xcafe0005), the first field of every `Actor`.
    pub const TAG: u32 = 0xcafe_0005;

    /// Starts `handler` on a new thread with the child end of a fresh pipe
    /// and returns once it has signalled (or ended).
    pub fn new<F>(handler: F) -> Result<Actor>
    where
        F: FnOnce(Sock) -> Result<()> + Send + 'static,
    {
        let (parent, child) = pipe()?;
        let thread = std::thread::Builder::new()
            .name("zactor".into())
            .spawn(move || handler(child))
            .map_err(|e| Error::from_errno(e.raw_os_error().unwrap_or(libc::EAGAIN)))?;
        let actor = Actor {
            tag: Actor::TAG,
            pipe: parent,
            thread: Some(thread),
            destructor: None,
        };
        // The mandatory handshake: the constructor returns once the handler
        // is initialised (or gone), so callers never race its start-up.
        actor.await_signal()?;
        Ok(actor)
    }

    /// Replaces how the actor is ended on drop or [`Actor::join`] (CZMQ's
    /// zactor_set_destructor): instead of sending `$TERM` and waiting for the
    /// child's signal, `destructor` runs with the actor (its pipe's send
    /// timeout set to zero, as CZMQ does), then the thread is joined. For a
    /// handler that ends on another command.
    ///
    /// ```
    /// use czmq::{Actor, Msg};
    /// let mut actor = Actor::new(|pipe| {
    ///     pipe.signal(0)?;
    ///     while Msg::recv(&pipe)?.first().is_some_and(|f| !f.streq("BYE")) {}
    ///     Ok(())
    /// })?;
    /// actor.set_destructor(|actor| {
    ///     let mut bye = Msg::new();
    ///     bye.addstr("BYE");
    ///     bye.send(actor.sock()).expect("pipe");
    /// });
    /// actor.join()?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_destructor(&mut self, destructor: impl FnOnce(&Actor) + Send + 'static) {
        self.destructor = Some(Box::new(destructor));
    }

    /// The parent's end of the pipe.
    pub fn sock(&self) -> &Sock {
        &self.pipe
    }

    /// Ends the actor (sends `$TERM`, waits for it) and returns how the
    /// handler ended: its own result, or `Error::Disconnected("actor
    /// panicked: ...")` if it panicked.
    pub fn join(mut self) -> Result<()> {
        self.shutdown()
    }

    /// True when the actor's thread has ended (its handler returned or
    /// panicked), so nothing will answer on its pipe any more. Code that
    /// waits for a reply uses it to report a dead actor instead of hanging.
    ///
    /// ```
    /// let actor = czmq::Actor::new(|pipe| {
    ///     pipe.signal(0)?;
    ///     Ok(()) // ends at once, without waiting for $TERM
    /// })?;
    /// let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    /// while !actor.is_finished() && std::time::Instant::now() < deadline {
    ///     std::thread::yield_now();
    /// }
    /// assert!(actor.is_finished());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn is_finished(&self) -> bool {
        self.thread_finished()
    }

    /// True when the child thread has ended (or was already joined).
    fn thread_finished(&self) -> bool {
        match &self.thread {
            Some(thread) => thread.is_finished(),
            None => true,
        }
    }

    /// Waits for a signal from the child while its thread lives; Ok(false)
    /// when the thread ended without one.
    fn await_signal(&self) -> Result<bool> {
        let socket = self.pipe.as_socket();
        let saved = socket.rcvtimeo()?;
        socket.set_rcvtimeo(Some(POLL))?;
        let mut finished_seen = false;
        let outcome = loop {
            match self.pipe.wait() {
                Ok(_) => break Ok(true),
                Err(Error::Again | Error::Interrupted) => {
                    // A signal sent just before the thread ended may still
                    // be in flight: look once more after seeing it finished.
                    if finished_seen {
                        break Ok(false);
                    }
                    finished_seen = self.thread_finished();
                }
                Err(e) => break Err(e),
            }
        };
        // Best effort: the caller's timeout is restored unless the socket died.
        let _ = socket.set_rcvtimeo(saved);
        outcome
    }

    /// Sends `$TERM` unless the child is gone, waits for the final signal,
    /// joins the thread.
    fn shutdown(&mut self) -> Result<()> {
        let Some(thread) = self.thread.as_ref() else {
            return Ok(());
        };
        if let Some(destructor) = self.destructor.take() {
            if !thread.is_finished() {
                // As CZMQ: a destructor's sends must not block on a child
                // that stopped reading.
                self.pipe.as_socket().set_sndtimeo(Some(Duration::ZERO))?;
                destructor(self);
            }
        } else if !thread.is_finished() && self.send_term()? {
            self.await_signal()?;
        }
        match self.thread.take() {
            Some(thread) => join_bounded(thread),
            None => Ok(()),
        }
    }

    /// Delivers `$TERM` while the child lives. Ok(false) when there is no
    /// point waiting for an answer: the thread ended or dropped its pipe.
    fn send_term(&self) -> Result<bool> {
        let socket = self.pipe.as_socket();
        socket.set_sndtimeo(Some(POLL))?;
        loop {
            match socket.send_bytes(b"$TERM") {
                Ok(()) => return Ok(true),
                Err(Error::Again | Error::Interrupted) => {
                    // The pipe is full or has no peer. If the child dropped
                    // its end, its final signal is queued for us already.
                    if self.thread_finished() {
                        return Ok(false);
                    }
                    while let Ok(msg) = Msg::try_recv(&self.pipe) {
                        if msg.signal().is_some() {
                            return Ok(false);
                        }
                    }
                }
                Err(Error::Terminated) => return Ok(false),
                Err(e) => return Err(e),
            }
        }
    }
}

/// Joins a thread that is about to end; gives up (detaching it) after
/// [`JOIN_GRACE`] rather than hang.
///
/// The thread has usually signalled already and needs only tens of
/// microseconds to unwind, so the wait starts by yielding and backs off
/// gradually: a flat 1 ms sleep made a third of all joins cost a full
/// millisecond and Actor start+stop 4x slower than CZMQ's.
fn join_bounded(thread: JoinHandle<Result<()>>) -> Result<()> {
    let start = Instant::now();
    let deadline = start + JOIN_GRACE;
    let mut pause = Duration::from_micros(20);
    while !thread.is_finished() {
        let now = Instant::now();
        if now >= deadline {
            return Err(Error::Disconnected(
                "actor thread still running after dropping its pipe; detached".into(),
            ));
        }
        if now - start < Duration::from_micros(200) {
            std::thread::yield_now();
        } else {
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(1));
        }
    }
    match thread.join() {
        Ok(result) => result,
        Err(payload) => Err(Error::Disconnected(format!(
            "actor panicked: {}",
            panic_message(payload.as_ref())
        ))),
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "non-string panic payload"
    }
}

/// A connected PAIR pipe over a fresh inproc endpoint: (parent, child).
fn pipe() -> Result<(Sock, Sock)> {
    let parent = Sock::new(SocketType::Pair)?;
    let mut tries = 0;
    let endpoint = loop {
        let candidate = format!("inproc://zactor-{:016x}", random_u64());
        match parent.as_socket().bind(&candidate) {
            Ok(()) => break candidate,
            // A name collision (vanishingly rare): draw another.
            Err(Error::AddrInUse) if tries < 16 => tries += 1,
            Err(e) => return Err(e),
        }
    };
    let mut child = Sock::new(SocketType::Pair)?;
    child.connect(&endpoint)?;
    child.set_signal_on_drop();
    Ok((parent, child))
}

impl Drop for Actor {
    fn drop(&mut self) {
        if let Err(e) = self.shutdown() {
            log::error!("actor: {e}");
        }
    }
}

impl AsSocket for Actor {
    fn as_socket(&self) -> &Socket {
        self.pipe.as_socket()
    }
}

impl fmt::Debug for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Actor")
            .field("pipe", &self.pipe)
            .field("running", &self.thread.as_ref().map(|t| !t.is_finished()))
            .finish()
    }
}
