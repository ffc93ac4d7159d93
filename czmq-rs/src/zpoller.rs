//! Poller: wait until one of several sockets or file descriptors is readable,
//! as CZMQ's zpoller, on `zmq_poll`.

use std::marker::PhantomData;
use std::os::fd::{AsFd, AsRawFd, RawFd};
use std::os::raw::{c_long, c_short};
use std::ptr;
use std::time::Duration;

use zmq_sys_vendored as sys;

use crate::error::{Error, Result, check};
use crate::socket::{AsSocket, Socket};
use crate::zsys;

bitflags::bitflags! {
    /// Readiness events of a poll item (`ZMQ_POLLIN`, ...), for file descriptor
    /// readers of [`Poller`] and [`Loop`](crate::Loop). Unknown bits from
    /// libzmq are kept ([`FdEvents::from_bits_retain`]).
    ///
    /// ```
    /// use czmq::FdEvents;
    /// let ev = FdEvents::IN | FdEvents::ERR;
    /// assert!(ev.contains(FdEvents::IN));
    /// assert!(!ev.contains(FdEvents::OUT));
    /// assert_eq!(ev.bits(), 1 | 4);
    /// assert_eq!(FdEvents::from_bits_retain(1), FdEvents::IN);
    /// assert!(FdEvents::NONE.is_empty());
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct FdEvents: i16 {
        /// Readable (`ZMQ_POLLIN`).
        const IN = sys::ZMQ_POLLIN as i16;
        /// Writable (`ZMQ_POLLOUT`).
        const OUT = sys::ZMQ_POLLOUT as i16;
        /// Error or hang-up on a file descriptor (`ZMQ_POLLERR`; libzmq reports
        /// POLLHUP and POLLNVAL this way too).
        const ERR = sys::ZMQ_POLLERR as i16;
        /// Urgent data (`ZMQ_POLLPRI`).
        const PRI = sys::ZMQ_POLLPRI as i16;
    }
}

impl FdEvents {
    /// Nothing (the same as [`FdEvents::empty`]).
    pub const NONE: FdEvents = FdEvents::empty();
}

/// A poll item for a libzmq socket handle.
pub(crate) fn socket_item(
    socket: *mut std::os::raw::c_void,
    events: FdEvents,
) -> sys::zmq_pollitem_t {
    sys::zmq_pollitem_t {
        socket,
        fd: 0,
        events: events.bits() as c_short,
        revents: 0,
    }
}

/// A poll item for a file descriptor.
pub(crate) fn fd_item(fd: RawFd, events: FdEvents) -> sys::zmq_pollitem_t {
    sys::zmq_pollitem_t {
        socket: ptr::null_mut(),
        fd,
        events: events.bits() as c_short,
        revents: 0,
    }
}

/// A timeout for zmq_poll: None is -1 (forever); otherwise milliseconds,
/// rounded up so that a caller never wakes before its deadline and spins.
pub(crate) fn poll_timeout(timeout: Option<Duration>) -> c_long {
    match timeout {
        None => -1,
        Some(d) => {
            let ms = d.as_micros().div_ceil(1000);
            c_long::try_from(ms).unwrap_or(c_long::MAX)
        }
    }
}

/// One `zmq_poll` call; returns how many items are ready.
///
/// Every item must name a live socket or an fd; callers build items from
/// sockets they hold borrowed or owned for the duration of the call.
pub(crate) fn poll(items: &mut [sys::zmq_pollitem_t], timeout: c_long) -> Result<usize> {
    let n = i32::try_from(items.len())
        .map_err(|_| Error::InvalidArgument("too many poll items".into()))?;
    // SAFETY: items is a valid, exclusively borrowed array of n items; each
    // socket handle is live (callers' contract above).
    let rc = check(unsafe { sys::zmq_poll(items.as_mut_ptr(), n, timeout) })?;
    Ok(rc as usize)
}

/// Identifies a reader added to a [`Poller`]; [`Poller::wait`] returns it.
///
/// ```
/// let (a, b) = std::os::unix::net::UnixStream::pair()?;
/// let mut poller = czmq::Poller::new();
/// let (ia, ib) = (poller.add_fd(&a), poller.add_fd(&b));
/// assert_ne!(ia, ib);
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PollId(u64);

/// Waits for input on a set of sockets and file descriptors (CZMQ's zpoller).
///
/// The poller borrows what it polls: `Poller<'a>` cannot outlive the sockets
/// added to it, so no reader can be closed while it is registered. Readers
/// are checked in the order they were added, so when several are ready,
/// [`wait`](Poller::wait) returns the oldest first.
///
/// A wait ends early, with [`terminated`](Poller::terminated) set, when the
/// context of a polled socket is shut down or the process is interrupted (the
/// [`zsys::interrupted`] flag, or a signal during the wait), unless the poller
/// is [nonstop](Poller::set_nonstop).
///
/// ```
/// use std::time::Duration;
/// use czmq::{Context, Poller, SocketType};
/// let ctx = Context::new()?;
/// let a = ctx.socket(SocketType::Pair)?;
/// a.bind("inproc://poller-doc")?;
/// let b = ctx.socket(SocketType::Pair)?;
/// b.connect("inproc://poller-doc")?;
///
/// let mut poller = Poller::new();
/// let id = poller.add(&a);
/// assert_eq!(poller.wait(Some(Duration::from_millis(10))), None);
/// assert!(poller.expired());
///
/// b.send("ping")?;
/// assert_eq!(poller.wait(Some(Duration::from_secs(5))), Some(id));
/// assert_eq!(a.recv_string()?, "ping");
/// # Ok::<(), czmq::Error>(())
/// ```
///
/// It cannot outlive what it polls:
///
/// ```compile_fail
/// let mut poller = czmq::Poller::new();
/// {
///     let s = czmq::Context::new()?.socket(czmq::SocketType::Pull)?;
///     poller.add(&s);
/// } // `s` is closed here while still borrowed
/// poller.wait(None);
/// # Ok::<(), czmq::Error>(())
/// ```
pub struct Poller<'a> {
    /// The readers' ids, parallel to `items`.
    ids: Vec<PollId>,
    items: Vec<sys::zmq_pollitem_t>,
    /// The items point into sockets and fds borrowed for 'a.
    _borrows: PhantomData<&'a Socket>,
    next_id: u64,
    expired: bool,
    terminated: bool,
    nonstop: bool,
}

impl Default for Poller<'_> {
    fn default() -> Self {
        Poller::new()
    }
}

impl<'a> Poller<'a> {
    /// An empty poller.
    ///
    /// ```
    /// let mut poller = czmq::Poller::new();
    /// assert!(poller.is_empty());
    /// assert_eq!(poller.wait(None), None); // nothing to wait for
    /// ```
    pub fn new() -> Poller<'a> {
        Poller {
            ids: Vec::new(),
            items: Vec::new(),
            _borrows: PhantomData,
            next_id: 0,
            expired: false,
            terminated: false,
            nonstop: false,
        }
    }

    fn push(&mut self, item: sys::zmq_pollitem_t) -> PollId {
        let id = PollId(self.next_id);
        self.next_id += 1;
        self.items.push(item);
        self.ids.push(id);
        id
    }

    /// Adds a socket (or anything that lends one: a `Sock`, an `Actor`).
    ///
    /// ```
    /// let s = czmq::Context::new()?.socket(czmq::SocketType::Pull)?;
    /// let mut poller = czmq::Poller::new();
    /// let id = poller.add(&s);
    /// assert!(poller.remove(id));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn add<S: AsSocket + ?Sized>(&mut self, reader: &'a S) -> PollId {
        self.push(socket_item(reader.as_socket().as_ptr(), FdEvents::IN))
    }

    /// Adds a file descriptor (a `UnixStream`, a pipe, stdin...), borrowed so
    /// that it stays open while polled. A hang-up or error on it also counts
    /// as ready; reading then reports EOF or the error.
    ///
    /// ```
    /// let (a, _b) = std::os::unix::net::UnixStream::pair()?;
    /// let mut poller = czmq::Poller::new();
    /// let id = poller.add_fd(&a);
    /// assert_eq!(poller.wait(Some(std::time::Duration::ZERO)), None);
    /// # let _ = id;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_fd<F: AsFd + ?Sized>(&mut self, fd: &'a F) -> PollId {
        self.push(fd_item(fd.as_fd().as_raw_fd(), FdEvents::IN))
    }

    /// Adds a raw file descriptor that the caller keeps open while it is
    /// registered. Nothing unsafe happens if it is closed early: the poller
    /// reports it ready (libzmq maps POLLNVAL to an error event).
    ///
    /// ```
    /// use std::os::fd::AsRawFd;
    /// let (a, _b) = std::os::unix::net::UnixStream::pair()?;
    /// let mut poller = czmq::Poller::new();
    /// poller.add_raw_fd(a.as_raw_fd());
    /// assert_eq!(poller.len(), 1);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn add_raw_fd(&mut self, fd: RawFd) -> PollId {
        self.push(fd_item(fd, FdEvents::IN))
    }

    /// Removes a reader; false when it was not registered.
    ///
    /// ```
    /// let (a, _b) = std::os::unix::net::UnixStream::pair()?;
    /// let mut poller = czmq::Poller::new();
    /// let id = poller.add_fd(&a);
    /// assert!(poller.remove(id));
    /// assert!(!poller.remove(id));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn remove(&mut self, id: PollId) -> bool {
        match self.ids.iter().position(|r| *r == id) {
            Some(i) => {
                self.ids.remove(i);
                self.items.remove(i);
                true
            }
            None => false,
        }
    }

    /// How many readers are registered.
    ///
    /// ```
    /// let s = czmq::Context::new()?.socket(czmq::SocketType::Pull)?;
    /// let mut poller = czmq::Poller::new();
    /// poller.add(&s);
    /// assert_eq!(poller.len(), 1);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when no reader is registered.
    ///
    /// ```
    /// assert!(czmq::Poller::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Ignores interrupts (the [`zsys::interrupted`] flag and signals during a
    /// wait); a context shutdown still ends waits. Default: false.
    ///
    /// ```
    /// let s = czmq::Context::new()?.socket(czmq::SocketType::Pull)?;
    /// let mut poller = czmq::Poller::new();
    /// poller.add(&s);
    /// poller.set_nonstop(true);
    /// czmq::zsys::set_interrupted(true);
    /// assert_eq!(poller.wait(Some(std::time::Duration::from_millis(1))), None);
    /// assert!(poller.expired() && !poller.terminated());
    /// czmq::zsys::set_interrupted(false);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_nonstop(&mut self, nonstop: bool) {
        self.nonstop = nonstop;
    }

    /// Waits until a reader is ready and returns it, or None on timeout
    /// ([`expired`](Poller::expired)), interrupt or context termination
    /// ([`terminated`](Poller::terminated)). `timeout` None waits forever,
    /// except that a poller with no readers returns None at once, as there is
    /// nothing to wait for.
    ///
    /// ```
    /// use std::time::Duration;
    /// let ctx = czmq::Context::new()?;
    /// let pull = ctx.socket(czmq::SocketType::Pull)?;
    /// pull.bind("inproc://poller-wait-doc")?;
    /// let push = ctx.socket(czmq::SocketType::Push)?;
    /// push.connect("inproc://poller-wait-doc")?;
    /// let mut poller = czmq::Poller::new();
    /// let id = poller.add(&pull);
    /// push.send("job")?;
    /// assert_eq!(poller.wait(Some(Duration::from_secs(5))), Some(id));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn wait(&mut self, timeout: Option<Duration>) -> Option<PollId> {
        match self.try_wait(timeout) {
            Ok(ready) => ready,
            Err(e) => {
                // Errors other than interrupt/termination (a reader whose
                // socket was closed behind our back) also end the wait for
                // good, as in CZMQ; say why.
                if !matches!(e, Error::Interrupted | Error::Terminated) {
                    zsys::warning(format_args!("zpoller: zmq_poll failed: {e}"));
                }
                None
            }
        }
    }

    /// As [`wait`](Poller::wait), but says why nothing is ready: Ok(None)
    /// when the time ran out, `Err(Error::Interrupted)` on interrupt,
    /// `Err(Error::Terminated)` when a polled socket's context was shut down,
    /// or another libzmq error. [`terminated`](Poller::terminated) is set on
    /// every error.
    ///
    /// ```
    /// use std::time::Duration;
    /// let s = czmq::Context::new()?.socket(czmq::SocketType::Pull)?;
    /// let mut poller = czmq::Poller::new();
    /// poller.add(&s);
    /// assert_eq!(poller.try_wait(Some(Duration::from_millis(1)))?, None);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn try_wait(&mut self, timeout: Option<Duration>) -> Result<Option<PollId>> {
        self.expired = false;
        self.terminated = false;
        let result = self.poll_once(timeout);
        match &result {
            Ok(None) => self.expired = true,
            Ok(Some(_)) => {}
            Err(_) => self.terminated = true,
        }
        result
    }

    fn poll_once(&mut self, timeout: Option<Duration>) -> Result<Option<PollId>> {
        let deadline = timeout.map(|t| std::time::Instant::now() + t);
        loop {
            if !self.nonstop && zsys::interrupted() {
                return Err(Error::Interrupted);
            }
            if self.items.is_empty() && timeout.is_none() {
                return Ok(None);
            }
            let left = deadline.map(|d| d.saturating_duration_since(std::time::Instant::now()));
            for item in &mut self.items {
                item.revents = 0;
            }
            match poll(&mut self.items, poll_timeout(left)) {
                Ok(0) => {
                    // Timed out; but a signal that landed just before the
                    // poll still counts.
                    if !self.nonstop && zsys::interrupted() {
                        return Err(Error::Interrupted);
                    }
                    return Ok(None);
                }
                Ok(_) => {
                    let ready = self
                        .items
                        .iter()
                        .position(|item| item.revents != 0)
                        .map(|i| self.ids[i]);
                    return Ok(ready);
                }
                // Nonstop: a signal only cut the wait short; wait the rest.
                Err(Error::Interrupted) if self.nonstop => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// True when the last wait ended because its time ran out.
    ///
    /// ```
    /// let s = czmq::Context::new()?.socket(czmq::SocketType::Pull)?;
    /// let mut poller = czmq::Poller::new();
    /// poller.add(&s);
    /// assert_eq!(poller.wait(Some(std::time::Duration::from_millis(1))), None);
    /// assert!(poller.expired());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn expired(&self) -> bool {
        self.expired
    }

    /// True when the last wait ended on an interrupt, a terminated context,
    /// or another error: the caller should stop polling.
    ///
    /// ```
    /// let ctx = czmq::Context::new()?;
    /// let s = ctx.socket(czmq::SocketType::Pull)?;
    /// let mut poller = czmq::Poller::new();
    /// poller.add(&s);
    /// ctx.shutdown()?;
    /// assert_eq!(poller.wait(Some(std::time::Duration::from_secs(5))), None);
    /// assert!(poller.terminated());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn terminated(&self) -> bool {
        self.terminated
    }
}

impl std::fmt::Debug for Poller<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Poller")
            .field("readers", &self.ids.len())
            .field("expired", &self.expired)
            .field("terminated", &self.terminated)
            .field("nonstop", &self.nonstop)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_round_up_to_whole_milliseconds() {
        assert_eq!(poll_timeout(None), -1);
        assert_eq!(poll_timeout(Some(Duration::ZERO)), 0);
        assert_eq!(poll_timeout(Some(Duration::from_micros(1))), 1);
        assert_eq!(poll_timeout(Some(Duration::from_millis(250))), 250);
        assert_eq!(poll_timeout(Some(Duration::from_micros(250_001))), 251);
        assert_eq!(poll_timeout(Some(Duration::MAX)), c_long::MAX);
    }
}
