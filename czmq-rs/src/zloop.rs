//! Loop: the event reactor, as CZMQ's zloop. Readers on sockets and file
//! descriptors, timers and tickets, served by one `zmq_poll` per turn.

use std::any::{Any, TypeId};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::os::fd::{AsFd, AsRawFd, RawFd};
use std::os::raw::c_void;
use std::time::{Duration, Instant};

use zmq_sys_vendored as sys;

use crate::error::{Error, Result};
use crate::socket::AsSocket;
use crate::zpoller::{self, FdEvents};
use crate::zsys;

mod ids;
mod tickets;

use ids::IdMap;
pub use ids::{ReaderId, TicketId, TimerId};
use tickets::TicketQueue;

/// Log target of verbose loops.
const TARGET: &str = "czmq::zloop";

type ReaderFn = Box<dyn FnMut(&mut Loop, &mut dyn Any, FdEvents) -> Result<()>>;
type TimerFn = Box<dyn FnMut(&mut Loop, TimerId) -> Result<()>>;
type TicketFn = Box<dyn FnMut(&mut Loop, TicketId) -> Result<()>>;

enum Target {
    Socket(*mut c_void),
    Fd(RawFd, FdEvents),
}

struct Reader {
    target: Target,
    /// What the reader is, for log lines ("PAIR socket", "fd 7").
    what: String,
    /// What `remove_reader` gives back; None while lent to the handler.
    payload: Option<Box<dyn Any>>,
    /// The payload's type, known also while the payload is lent, so that a
    /// handler can find (and end) its own reader (CZMQ's zproto servers call
    /// zloop_reader_end from the reader's handler).
    payload_type: TypeId,
    /// None while the handler runs.
    handler: Option<ReaderFn>,
    tolerant: bool,
}

struct Timer {
    delay: Duration,
    /// Calls left; 0 means forever.
    times_left: usize,
    when: Instant,
    /// None while the handler runs.
    handler: Option<TimerFn>,
}

/// The reactor (CZMQ's zloop): call handlers when sockets or file
/// descriptors are readable, when timers expire and when tickets time out.
///
/// Handlers are closures that get `&mut Loop`, so they can add and remove
/// readers, timers and tickets (their own included) while the loop runs;
/// each handler is lent out of the loop while it runs, so there is no shared
/// state to borrow twice. A handler returning `Err` ends [`start`](Loop::start)
/// with that error (CZMQ: returning -1); [`stop`](Loop::stop) ends it with
/// `Ok`.
///
/// [`start`](Loop::start) returns when a handler fails or stops the loop,
/// when the process is interrupted ([`zsys::interrupted`], a signal during
/// the poll, or a handler returning [`Error::Interrupted`]; ignored when
/// [nonstop](Loop::set_nonstop)), when the context of a polled socket is
/// terminated, or when nothing is left to do (no readers, timers or tickets).
///
/// The loop owns the sockets it reads ([`add_reader`](Loop::add_reader)) and
/// gives them back on [`remove_reader`](Loop::remove_reader); C code that keeps
/// owning its sockets registers them with
/// [`add_reader_raw`](Loop::add_reader_raw). A `Loop` lives on one thread (it
/// is not `Send`): create it on the thread that runs it, e.g. inside an actor.
///
/// ```
/// use std::time::Duration;
/// use czmq::{Context, Loop, SocketType};
/// let ctx = Context::new()?;
/// let server = ctx.socket(SocketType::Pair)?;
/// server.bind("inproc://loop-doc")?;
/// let client = ctx.socket(SocketType::Pair)?;
/// client.connect("inproc://loop-doc")?;
///
/// let mut lp = Loop::new();
/// let reader = lp.add_reader(server, |lp, sock| {
///     assert_eq!(sock.recv_string()?, "hello");
///     lp.stop();
///     Ok(())
/// });
/// // Send after 10 ms, once.
/// lp.add_timer(Duration::from_millis(10), 1, move |_, _| client.send("hello"))?;
/// // A guard: fail rather than wait forever.
/// lp.add_timer(Duration::from_secs(5), 1, |_, _| Err(czmq::Error::TimedOut))?;
/// lp.start()?;
/// let server = lp.remove_reader(reader).expect("registered");
/// # let _ = server;
/// # Ok::<(), czmq::Error>(())
/// ```
///
/// It cannot move to another thread:
///
/// ```compile_fail
/// fn send<T: Send>(_: T) {}
/// send(czmq::Loop::new());
/// ```
pub struct Loop {
    /// Keyed by id, which grows: iteration is in order of registration.
    readers: BTreeMap<u64, Reader>,
    /// The poll set and the reader id of each item, rebuilt when `dirty`.
    items: Vec<sys::zmq_pollitem_t>,
    item_ids: Vec<u64>,
    dirty: bool,
    /// Readers found ready by the last poll (kept to reuse its allocation).
    ready: Vec<(u64, FdEvents)>,
    timers: IdMap<Timer>,
    /// Timers by expiry, ties broken by id (registration order).
    timer_queue: BTreeSet<(Instant, u64)>,
    /// Tickets in expiry order (see tickets.rs: O(1) with one shared delay).
    tickets: TicketQueue<TicketFn>,
    ticket_delay: Option<Duration>,
    next_id: u64,
    max_timers: usize,
    verbose: bool,
    nonstop: bool,
    running: bool,
    stop: bool,
}

impl Default for Loop {
    fn default() -> Self {
        Loop::new()
    }
}

impl Loop {
    /// An empty loop: not verbose, not nonstop, no timer limit.
    ///
    /// ```
    /// let mut lp = czmq::Loop::new();
    /// assert_eq!(lp.reader_count() + lp.timer_count() + lp.ticket_count(), 0);
    /// lp.start()?; // nothing to do: returns at once
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn new() -> Loop {
        Loop {
            readers: BTreeMap::new(),
            items: Vec::new(),
            item_ids: Vec::new(),
            dirty: false,
            ready: Vec::new(),
            timers: IdMap::default(),
            timer_queue: BTreeSet::new(),
            tickets: TicketQueue::new(),
            ticket_delay: None,
            next_id: 1,
            max_timers: usize::MAX,
            verbose: false,
            nonstop: false,
            running: false,
            stop: false,
        }
    }

    fn next_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn insert_reader(
        &mut self,
        target: Target,
        what: String,
        payload: Box<dyn Any>,
        handler: ReaderFn,
    ) -> u64 {
        let id = self.next_id();
        if self.verbose {
            log::debug!(target: TARGET, "zloop: register {what} reader ({id})");
        }
        // The type of the boxed value, not of the Box.
        let payload_type = payload.as_ref().type_id();
        self.readers.insert(
            id,
            Reader {
                target,
                what,
                payload: Some(payload),
                payload_type,
                handler: Some(handler),
                tolerant: false,
            },
        );
        self.dirty = true;
        id
    }

    /// Reads from a socket (or anything that lends one): `handler` runs
    /// whenever it has input, with the loop and the socket. The loop owns the
    /// socket until [`remove_reader`](Loop::remove_reader) gives it back;
    /// dropping the loop closes it.
    ///
    /// ```
    /// use czmq::{Context, Loop, SocketType};
    /// let pull = Context::new()?.socket(SocketType::Pull)?;
    /// let mut lp = Loop::new();
    /// let id = lp.add_reader(pull, |_, sock| sock.recv_msg().map(drop));
    /// let pull = lp.remove_reader(id).expect("registered");
    /// assert_eq!(pull.kind(), SocketType::Pull);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn add_reader<S, F>(&mut self, socket: S, mut handler: F) -> ReaderId<S>
    where
        S: AsSocket + 'static,
        F: FnMut(&mut Loop, &mut S) -> Result<()> + 'static,
    {
        let ptr = socket.as_socket().as_ptr();
        let what = format!("{} socket", socket.as_socket().kind());
        let call: ReaderFn = Box::new(move |lp, payload, _| match payload.downcast_mut::<S>() {
            Some(sock) => handler(lp, sock),
            None => Err(payload_mismatch()),
        });
        ReaderId::new(self.insert_reader(Target::Socket(ptr), what, Box::new(socket), call))
    }

    /// Reads from a libzmq socket that the caller keeps owning (the C face's
    /// `zloop_reader` on a `zsock_t*`). `handler` gets the loop and `socket`.
    ///
    /// # Safety
    /// `socket` must be a live libzmq socket handle that stays open, and is
    /// used by no other thread, until the reader is removed or the loop is
    /// dropped.
    ///
    /// ```
    /// use czmq::{Context, Loop, SocketType};
    /// let sock = Context::new()?.socket(SocketType::Pull)?;
    /// let mut lp = Loop::new();
    /// // SAFETY: `sock` outlives the registration (removed below) and stays on this thread.
    /// let id = unsafe { lp.add_reader_raw(sock.as_ptr(), |_, _| Ok(()))? };
    /// assert_eq!(lp.find_raw_reader(sock.as_ptr()), Some(id));
    /// assert_eq!(lp.remove_reader(id), Some(sock.as_ptr()));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub unsafe fn add_reader_raw<F>(
        &mut self,
        socket: *mut c_void,
        mut handler: F,
    ) -> Result<ReaderId<*mut c_void>>
    where
        F: FnMut(&mut Loop, *mut c_void) -> Result<()> + 'static,
    {
        if socket.is_null() {
            return Err(Error::InvalidArgument("zloop: null socket".into()));
        }
        let what = format!("raw socket {socket:p}");
        let call: ReaderFn =
            Box::new(
                move |lp, payload, _| match payload.downcast_mut::<*mut c_void>() {
                    Some(ptr) => handler(lp, *ptr),
                    None => Err(payload_mismatch()),
                },
            );
        Ok(ReaderId::new(self.insert_reader(
            Target::Socket(socket),
            what,
            Box::new(socket),
            call,
        )))
    }

    /// Watches a raw file descriptor for `events` ([`FdEvents::IN`],
    /// [`FdEvents::OUT`]...): `handler` runs with the loop, the fd and the
    /// events that occurred, which may include [`FdEvents::ERR`] (error or
    /// hang-up). The caller keeps the fd open while it is registered.
    ///
    /// ```
    /// use std::os::fd::AsRawFd;
    /// let (a, _b) = std::os::unix::net::UnixStream::pair()?;
    /// let mut lp = czmq::Loop::new();
    /// let id = lp.add_fd_reader(a.as_raw_fd(), czmq::FdEvents::IN, |_, _, _| Ok(()))?;
    /// assert_eq!(lp.remove_reader(id), Some(a.as_raw_fd()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_fd_reader<F>(
        &mut self,
        fd: RawFd,
        events: FdEvents,
        mut handler: F,
    ) -> Result<ReaderId<RawFd>>
    where
        F: FnMut(&mut Loop, RawFd, FdEvents) -> Result<()> + 'static,
    {
        if fd < 0 {
            return Err(Error::InvalidArgument(format!(
                "zloop: bad file descriptor {fd}"
            )));
        }
        let call: ReaderFn =
            Box::new(
                move |lp, payload, revents| match payload.downcast_mut::<RawFd>() {
                    Some(fd) => handler(lp, *fd, revents),
                    None => Err(payload_mismatch()),
                },
            );
        let id = self.insert_reader(
            Target::Fd(fd, events),
            format!("fd {fd}"),
            Box::new(fd),
            call,
        );
        Ok(ReaderId::new(id))
    }

    /// Watches something that owns a file descriptor (a `UnixStream`, a
    /// `ChildStdout`, an `OwnedFd`...) for `events`, owning it as
    /// [`add_reader`](Loop::add_reader) owns sockets: `handler` gets the loop,
    /// the object and the events that occurred (maybe [`FdEvents::ERR`]).
    ///
    /// ```
    /// use std::io::Write;
    /// let (a, mut b) = std::os::unix::net::UnixStream::pair()?;
    /// let mut lp = czmq::Loop::new();
    /// let id = lp.add_io_reader(a, czmq::FdEvents::IN, |_, _, _| Ok(()));
    /// b.write_all(b"x")?;
    /// let a = lp.remove_reader(id).expect("registered");
    /// # let _ = a;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_io_reader<T, F>(&mut self, io: T, events: FdEvents, mut handler: F) -> ReaderId<T>
    where
        T: AsFd + 'static,
        F: FnMut(&mut Loop, &mut T, FdEvents) -> Result<()> + 'static,
    {
        let fd = io.as_fd().as_raw_fd();
        let call: ReaderFn =
            Box::new(
                move |lp, payload, revents| match payload.downcast_mut::<T>() {
                    Some(io) => handler(lp, io, revents),
                    None => Err(payload_mismatch()),
                },
            );
        ReaderId::new(self.insert_reader(
            Target::Fd(fd, events),
            format!("fd {fd}"),
            Box::new(io),
            call,
        ))
    }

    /// Removes a reader and gives back what it read from (the socket, the fd,
    /// the object). None when it is not registered, or when a reader removes
    /// itself from inside its own handler: its socket is then dropped when the
    /// handler returns.
    ///
    /// ```
    /// let sub = czmq::Context::new()?.socket(czmq::SocketType::Sub)?;
    /// let mut lp = czmq::Loop::new();
    /// let id = lp.add_reader(sub, |_, s| s.recv_msg().map(drop));
    /// let sub = lp.remove_reader(id).expect("registered");
    /// assert!(lp.remove_reader(id).is_none());
    /// # let _ = sub;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn remove_reader<S: 'static>(&mut self, id: ReaderId<S>) -> Option<S> {
        let reader = self.readers.remove(&id.id)?;
        self.dirty = true;
        if self.verbose {
            log::debug!(target: TARGET, "zloop: cancel {} reader ({})", reader.what, id.id);
        }
        reader.payload?.downcast::<S>().ok().map(|b| *b)
    }

    /// The reader registered with [`add_reader_raw`](Loop::add_reader_raw)
    /// for this socket handle, if any (CZMQ's C API names readers by socket:
    /// `zloop_reader_end (loop, sock)`).
    ///
    /// ```
    /// let mut lp = czmq::Loop::new();
    /// assert!(lp.find_raw_reader(std::ptr::null_mut()).is_none());
    /// ```
    pub fn find_raw_reader(&self, socket: *mut c_void) -> Option<ReaderId<*mut c_void>> {
        self.find_target(|t| matches!(*t, Target::Socket(p) if p == socket))
    }

    /// The reader registered with [`add_fd_reader`](Loop::add_fd_reader) for
    /// this file descriptor, if any (`zloop_poller_end` on an fd item).
    ///
    /// ```
    /// let mut lp = czmq::Loop::new();
    /// let id = lp.add_fd_reader(0, czmq::FdEvents::IN, |_, _, _| Ok(()))?;
    /// assert_eq!(lp.find_fd_reader(0), Some(id));
    /// assert_eq!(lp.find_fd_reader(1), None);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn find_fd_reader(&self, fd: RawFd) -> Option<ReaderId<RawFd>> {
        self.find_target(|t| matches!(*t, Target::Fd(f, _) if f == fd))
    }

    /// The first reader with a payload of type `T` whose target matches. The
    /// target and type are looked at, not the payload, which is lent out
    /// while the reader's own handler runs.
    fn find_target<T: 'static>(&self, matches: impl Fn(&Target) -> bool) -> Option<ReaderId<T>> {
        self.readers.iter().find_map(|(id, reader)| {
            (reader.payload_type == TypeId::of::<T>() && matches(&reader.target))
                .then(|| ReaderId::new(*id))
        })
    }

    /// Makes a reader tolerant: when its socket or fd reports an error
    /// (POLLERR, hang-up), it is removed and the loop goes on. A reader that
    /// is not tolerant ends the loop with [`Error::Disconnected`] instead.
    /// Either way the handler is first called once (fd readers see
    /// [`FdEvents::ERR`]), so it can read what is left or remove itself.
    /// Returns false when the reader is not registered.
    ///
    /// ```
    /// let (a, b) = std::os::unix::net::UnixStream::pair()?;
    /// let mut lp = czmq::Loop::new();
    /// let id = lp.add_io_reader(a, czmq::FdEvents::IN, |_, _, _| Ok(()));
    /// assert!(lp.set_tolerant(id));
    /// drop(b); // the hang-up removes the reader; with nothing left the loop ends
    /// lp.start()?;
    /// assert_eq!(lp.reader_count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_tolerant<S>(&mut self, id: ReaderId<S>) -> bool {
        match self.readers.get_mut(&id.id) {
            Some(reader) => {
                reader.tolerant = true;
                true
            }
            None => false,
        }
    }

    /// Adds a timer that calls `handler` after `delay`, `times` times (0:
    /// forever), `delay` apart. Fails when [`set_max_timers`](Loop::set_max_timers)
    /// timers exist already.
    ///
    /// ```
    /// use std::time::Duration;
    /// let mut lp = czmq::Loop::new();
    /// let ticks = std::rc::Rc::new(std::cell::Cell::new(0));
    /// let t = ticks.clone();
    /// lp.add_timer(Duration::from_millis(1), 3, move |_, _| {
    ///     t.set(t.get() + 1);
    ///     Ok(())
    /// })?;
    /// lp.start()?; // ends when the timer is done: nothing left to do
    /// assert_eq!(ticks.get(), 3);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn add_timer<F>(&mut self, delay: Duration, times: usize, handler: F) -> Result<TimerId>
    where
        F: FnMut(&mut Loop, TimerId) -> Result<()> + 'static,
    {
        if self.timers.len() >= self.max_timers {
            return Err(Error::InvalidArgument(format!(
                "zloop: at most {} timers",
                self.max_timers
            )));
        }
        let when = deadline(delay)?;
        let id = self.next_id();
        if self.verbose {
            log::debug!(target: TARGET, "zloop: register timer ({id}) delay={delay:?} times={times}");
        }
        self.timers.insert(
            id,
            Timer {
                delay,
                times_left: times,
                when,
                handler: Some(Box::new(handler)),
            },
        );
        self.timer_queue.insert((when, id));
        Ok(TimerId(id))
    }

    /// Cancels a timer, also from inside a handler (its own included).
    /// Returns false when there is no such timer (any more).
    ///
    /// ```
    /// let mut lp = czmq::Loop::new();
    /// let t = lp.add_timer(std::time::Duration::from_secs(60), 0, |_, _| Ok(()))?;
    /// assert!(lp.cancel_timer(t));
    /// assert!(!lp.cancel_timer(t));
    /// lp.start()?; // nothing left to do
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn cancel_timer(&mut self, id: TimerId) -> bool {
        match self.timers.remove(&id.0) {
            Some(timer) => {
                self.timer_queue.remove(&(timer.when, id.0));
                if self.verbose {
                    log::debug!(target: TARGET, "zloop: cancel timer ({})", id.0);
                }
                true
            }
            None => false,
        }
    }

    /// Limits how many timers may exist at once (CZMQ's advice: tens at most;
    /// use tickets for many timeouts). Default: no limit.
    ///
    /// ```
    /// use std::time::Duration;
    /// let mut lp = czmq::Loop::new();
    /// lp.set_max_timers(1);
    /// lp.add_timer(Duration::from_millis(1), 1, |_, _| Ok(()))?;
    /// assert!(lp.add_timer(Duration::from_millis(1), 1, |_, _| Ok(())).is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_max_timers(&mut self, max: usize) {
        self.max_timers = max;
    }

    /// Sets the delay of tickets: every ticket times out this long after it
    /// was created or last reset. Set it before creating tickets.
    ///
    /// ```
    /// let mut lp = czmq::Loop::new();
    /// lp.set_ticket_delay(std::time::Duration::from_secs(30))?;
    /// assert!(lp.set_ticket_delay(std::time::Duration::MAX).is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_ticket_delay(&mut self, delay: Duration) -> Result<()> {
        deadline(delay)?;
        self.ticket_delay = Some(delay);
        Ok(())
    }

    /// Creates a ticket: a cheap timeout, meant for one per client among
    /// thousands. `handler` runs once when the ticket times out, after the
    /// [ticket delay](Loop::set_ticket_delay), unless it was
    /// [reset](Loop::ticket_reset) (which starts the delay again) or
    /// [deleted](Loop::ticket_delete). Resetting a ticket from inside its own
    /// handler re-arms it.
    ///
    /// ```
    /// use std::time::Duration;
    /// let mut lp = czmq::Loop::new();
    /// lp.set_ticket_delay(Duration::from_millis(5))?;
    /// let ticket = lp.ticket(|_, _| Ok(()))?;
    /// assert!(lp.ticket_reset(ticket));
    /// assert!(lp.ticket_delete(ticket));
    /// assert!(!lp.ticket_delete(ticket));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn ticket<F>(&mut self, handler: F) -> Result<TicketId>
    where
        F: FnMut(&mut Loop, TicketId) -> Result<()> + 'static,
    {
        let delay = self.ticket_delay.ok_or_else(|| {
            Error::InvalidArgument("zloop: set_ticket_delay before creating tickets".into())
        })?;
        let when = deadline(delay)?;
        let id = self.next_id();
        self.tickets.insert(id, when, Box::new(handler));
        Ok(TicketId(id))
    }

    /// Restarts a ticket's delay from now. Returns false when there is no such
    /// ticket (it was deleted or has fired).
    ///
    /// ```
    /// let mut lp = czmq::Loop::new();
    /// lp.set_ticket_delay(std::time::Duration::from_secs(30))?;
    /// let t = lp.ticket(|_, _| Ok(()))?;
    /// assert!(lp.ticket_reset(t)); // 30 s from now again
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn ticket_reset(&mut self, id: TicketId) -> bool {
        let Some(delay) = self.ticket_delay else {
            return false;
        };
        let Ok(when) = deadline(delay) else {
            return false;
        };
        self.tickets.reset(id.0, when)
    }

    /// Deletes a ticket so that it never fires. Returns false when there is no
    /// such ticket (it was deleted already or has fired).
    ///
    /// ```
    /// let mut lp = czmq::Loop::new();
    /// lp.set_ticket_delay(std::time::Duration::from_secs(30))?;
    /// let t = lp.ticket(|_, _| Ok(()))?;
    /// assert!(lp.ticket_delete(t));
    /// assert_eq!(lp.ticket_count(), 0);
    /// lp.start()?; // nothing left to do
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn ticket_delete(&mut self, id: TicketId) -> bool {
        self.tickets.remove(id.0)
    }

    /// Logs every registration, poll and handler call at debug level (target
    /// `czmq::zloop`).
    ///
    /// ```
    /// let mut lp = czmq::Loop::new();
    /// lp.set_verbose(true);
    /// lp.add_timer(std::time::Duration::from_millis(1), 1, |_, _| Ok(()))?;
    /// lp.start()?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_verbose(&mut self, verbose: bool) {
        self.verbose = verbose;
    }

    /// Keeps running on interrupts: the [`zsys::interrupted`] flag, signals
    /// during the poll and handlers returning [`Error::Interrupted`] no longer
    /// end the loop. Default: false.
    ///
    /// ```
    /// let mut lp = czmq::Loop::new();
    /// lp.set_nonstop(true);
    /// czmq::zsys::set_interrupted(true);
    /// let fired = std::rc::Rc::new(std::cell::Cell::new(false));
    /// let f = fired.clone();
    /// lp.add_timer(std::time::Duration::from_millis(1), 1, move |_, _| Ok(f.set(true)))?;
    /// lp.start()?; // runs despite the interrupt
    /// assert!(fired.get());
    /// czmq::zsys::set_interrupted(false);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_nonstop(&mut self, nonstop: bool) {
        self.nonstop = nonstop;
    }

    /// Ends [`start`](Loop::start) with `Ok` once the running handler returns.
    ///
    /// ```
    /// let mut lp = czmq::Loop::new();
    /// // A timer that would run forever, stopped at its fifth call.
    /// let mut calls = 0;
    /// lp.add_timer(std::time::Duration::from_millis(1), 0, move |lp, _| {
    ///     calls += 1;
    ///     if calls == 5 {
    ///         lp.stop();
    ///     }
    ///     Ok(())
    /// })?;
    /// lp.start()?;
    /// assert_eq!(lp.timer_count(), 1); // still registered
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn stop(&mut self) {
        self.stop = true;
    }

    /// How many readers are registered.
    ///
    /// ```
    /// let pull = czmq::Context::new()?.socket(czmq::SocketType::Pull)?;
    /// let mut lp = czmq::Loop::new();
    /// lp.add_reader(pull, |_, s| s.recv_msg().map(drop));
    /// assert_eq!(lp.reader_count(), 1);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn reader_count(&self) -> usize {
        self.readers.len()
    }

    /// How many timers are registered.
    ///
    /// ```
    /// let mut lp = czmq::Loop::new();
    /// lp.add_timer(std::time::Duration::from_secs(1), 1, |_, _| Ok(()))?;
    /// assert_eq!(lp.timer_count(), 1);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn timer_count(&self) -> usize {
        self.timers.len()
    }

    /// How many tickets are pending.
    ///
    /// ```
    /// let mut lp = czmq::Loop::new();
    /// lp.set_ticket_delay(std::time::Duration::from_secs(1))?;
    /// lp.ticket(|_, _| Ok(()))?;
    /// assert_eq!(lp.ticket_count(), 1);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn ticket_count(&self) -> usize {
        self.tickets.len()
    }

    /// Runs the loop until a handler fails (that error is returned) or calls
    /// [`stop`](Loop::stop), an interrupt (unless nonstop), the termination of
    /// a polled socket's context, or until no readers, timers or tickets are
    /// left. Everything registered stays registered afterwards, so the loop
    /// can be started again. Calling it from inside a handler is an error.
    ///
    /// ```
    /// use std::time::Duration;
    /// let mut lp = czmq::Loop::new();
    /// lp.add_timer(Duration::from_millis(1), 1, |_, _| Err(czmq::Error::Malformed("bad".into())))?;
    /// assert_eq!(lp.start(), Err(czmq::Error::Malformed("bad".into())));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn start(&mut self) -> Result<()> {
        if self.running {
            return Err(Error::InvalidArgument("zloop: already running".into()));
        }
        self.running = true;
        self.stop = false;
        // Reset the flags even if a handler panics, so the loop stays usable.
        let running = Running(self);
        running.0.run()
    }

    fn run(&mut self) -> Result<()> {
        loop {
            if !self.nonstop && zsys::interrupted() {
                if self.verbose {
                    log::debug!(target: TARGET, "zloop: interrupted");
                }
                return Ok(());
            }
            if self.readers.is_empty() && self.timers.is_empty() && self.tickets.is_empty() {
                if self.verbose {
                    log::debug!(target: TARGET, "zloop: nothing left to do");
                }
                return Ok(());
            }
            self.poll()?;
            if self.stop {
                return Ok(());
            }
            self.fire_timers()?;
            if self.stop {
                return Ok(());
            }
            self.fire_tickets()?;
            if self.stop {
                return Ok(());
            }
            let mut ready = std::mem::take(&mut self.ready);
            let mut result = Ok(());
            for &(id, revents) in &ready {
                result = self.fire_reader(id, revents);
                if result.is_err() || self.stop {
                    break;
                }
            }
            ready.clear();
            self.ready = ready;
            result?;
            if self.stop {
                return Ok(());
            }
        }
    }

    fn rebuild_items(&mut self) {
        self.items.clear();
        self.item_ids.clear();
        for (id, reader) in &self.readers {
            self.items.push(match reader.target {
                Target::Socket(ptr) => zpoller::socket_item(ptr, FdEvents::IN),
                Target::Fd(fd, events) => zpoller::fd_item(fd, events),
            });
            self.item_ids.push(*id);
        }
        self.dirty = false;
    }

    /// One zmq_poll, until the next timer or ticket; fills `ready`. An
    /// interrupt or a terminated context sets `stop` (interrupts are ignored
    /// when nonstop).
    fn poll(&mut self) -> Result<()> {
        if self.dirty {
            self.rebuild_items();
        }
        let next = match (
            self.timer_queue.first().map(|&(w, _)| w),
            self.tickets.next_expiry(),
        ) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let timeout = next.map(|w| w.saturating_duration_since(Instant::now()));
        if self.verbose {
            log::debug!(
                target: TARGET,
                "zloop: polling {} readers, {} timers, {} tickets, timeout {:?}",
                self.readers.len(),
                self.timers.len(),
                self.tickets.len(),
                timeout
            );
        }
        for item in &mut self.items {
            item.revents = 0;
        }
        match zpoller::poll(&mut self.items, zpoller::poll_timeout(timeout)) {
            Ok(_) => {}
            Err(Error::Interrupted) if self.nonstop => {}
            Err(e @ (Error::Interrupted | Error::Terminated)) => {
                if self.verbose {
                    log::debug!(target: TARGET, "zloop: poll ended: {e}");
                }
                self.stop = true;
                return Ok(());
            }
            Err(e) => return Err(e),
        }
        self.ready.clear();
        for (item, id) in self.items.iter().zip(&self.item_ids) {
            if item.revents != 0 {
                self.ready
                    .push((*id, FdEvents::from_bits_retain(item.revents)));
            }
        }
        Ok(())
    }

    /// What a handler's result means for the loop: interrupts and context
    /// termination end it cleanly (interrupts not at all when nonstop); other
    /// errors end it with the error.
    fn handler_result(&mut self, result: Result<()>) -> Result<()> {
        match result {
            Ok(()) => Ok(()),
            Err(Error::Interrupted) if self.nonstop => Ok(()),
            Err(Error::Interrupted | Error::Terminated) => {
                self.stop = true;
                Ok(())
            }
            Err(e) => {
                if self.verbose {
                    log::debug!(target: TARGET, "zloop: handler failed: {e}");
                }
                Err(e)
            }
        }
    }

    fn fire_timers(&mut self) -> Result<()> {
        let now = Instant::now();
        let due: Vec<u64> = self
            .timer_queue
            .iter()
            .take_while(|&&(when, _)| when <= now)
            .map(|&(_, id)| id)
            .collect();
        for id in due {
            // An earlier handler may have cancelled it.
            let Some(timer) = self.timers.get_mut(&id) else {
                continue;
            };
            let Some(mut handler) = timer.handler.take() else {
                // Lost to a panic in an earlier run: it can never fire again.
                self.cancel_timer(TimerId(id));
                continue;
            };
            if self.verbose {
                log::debug!(target: TARGET, "zloop: call timer handler ({id})");
            }
            let result = handler(self, TimerId(id));
            self.reschedule_timer(id, handler);
            self.handler_result(result)?;
            if self.stop {
                break;
            }
        }
        Ok(())
    }

    /// After a timer ran: retire it when its calls are used up, else queue it
    /// `delay` after its last expiry (no drift), or after now if it is late.
    /// A timer cancelled by its own handler is gone already.
    fn reschedule_timer(&mut self, id: u64, handler: TimerFn) {
        let Some(timer) = self.timers.get_mut(&id) else {
            return;
        };
        self.timer_queue.remove(&(timer.when, id));
        let now = Instant::now();
        let next = timer
            .when
            .checked_add(timer.delay)
            .filter(|&next| next > now)
            .or_else(|| now.checked_add(timer.delay));
        match next {
            Some(next) if timer.times_left != 1 => {
                timer.times_left = timer.times_left.saturating_sub(1);
                timer.when = next;
                timer.handler = Some(handler);
                self.timer_queue.insert((next, id));
            }
            _ => {
                self.timers.remove(&id);
            }
        }
    }

    fn fire_tickets(&mut self) -> Result<()> {
        let now = Instant::now();
        while let Some(mut due) = self.tickets.pop_due(now) {
            if self.verbose {
                log::debug!(target: TARGET, "zloop: call ticket handler ({})", due.id);
            }
            let result = (due.handler)(self, TicketId(due.id));
            self.tickets.finish(due);
            self.handler_result(result)?;
            if self.stop {
                break;
            }
        }
        Ok(())
    }

    fn fire_reader(&mut self, id: u64, revents: FdEvents) -> Result<()> {
        // An earlier handler of this turn may have removed it.
        let Some(reader) = self.readers.get_mut(&id) else {
            return Ok(());
        };
        // Sockets are read on input; fd handlers see every event, errors too.
        let call = match reader.target {
            Target::Socket(_) => revents.contains(FdEvents::IN),
            Target::Fd(..) => true,
        };
        if call {
            let (Some(mut payload), Some(mut handler)) =
                (reader.payload.take(), reader.handler.take())
            else {
                // start() is not reentrant, so a missing handler was lost to a
                // panic in an earlier run: the reader can never be served.
                self.readers.remove(&id);
                self.dirty = true;
                return Ok(());
            };
            if self.verbose {
                log::debug!(target: TARGET, "zloop: call {} reader handler ({id})", reader.what);
            }
            let result = handler(self, payload.as_mut(), revents);
            // A reader removed by its own handler is dropped here.
            if let Some(reader) = self.readers.get_mut(&id) {
                reader.payload = Some(payload);
                reader.handler = Some(handler);
            }
            self.handler_result(result)?;
            if self.stop {
                return Ok(());
            }
        }
        if revents.contains(FdEvents::ERR)
            && let Some(reader) = self.readers.get(&id)
        {
            if !reader.tolerant {
                return Err(Error::Disconnected(format!(
                    "zloop: poll error on {}",
                    reader.what
                )));
            }
            zsys::warning(format_args!(
                "zloop: removing tolerant {} reader after a poll error",
                reader.what
            ));
            self.readers.remove(&id);
            self.dirty = true;
        }
        Ok(())
    }
}

/// Marks a loop as running for as long as it lives.
struct Running<'a>(&'a mut Loop);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.running = false;
        self.0.stop = false;
    }
}

/// The instant `delay` from now, or an error when that is not representable.
fn deadline(delay: Duration) -> Result<Instant> {
    Instant::now()
        .checked_add(delay)
        .ok_or_else(|| Error::InvalidArgument(format!("zloop: delay {delay:?} is too long")))
}

/// Each handler wrapper is built together with its payload, so the types
/// always match; this error only exists so that nothing can panic.
fn payload_mismatch() -> Error {
    Error::InvalidArgument("zloop: reader payload has an unexpected type".into())
}

impl fmt::Debug for Loop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Loop")
            .field("readers", &self.readers.len())
            .field("timers", &self.timers.len())
            .field("tickets", &self.tickets.len())
            .field("ticket_delay", &self.ticket_delay)
            .field("verbose", &self.verbose)
            .field("nonstop", &self.nonstop)
            .finish()
    }
}
