//! Waiting on several sockets and file descriptors at once: `zmq_poll`, and
//! with feature `draft` the `zmq_poller_*` API as [`ZmqPoller`].
//!
//! ```
//! use std::time::Duration;
//! use czmq::{poll, Context, PollEvents, PollItem, SocketType};
//! let ctx = Context::new()?;
//! let pull = ctx.socket(SocketType::Pull)?;
//! pull.bind("inproc://poll-doc")?;
//! let push = ctx.socket(SocketType::Push)?;
//! push.connect("inproc://poll-doc")?;
//! push.send("ping")?;
//! let mut items = [PollItem::socket(&pull, PollEvents::POLLIN)];
//! assert_eq!(poll(&mut items, Some(Duration::from_secs(5)))?, 1);
//! assert!(items[0].is_readable());
//! # Ok::<(), czmq::Error>(())
//! ```

use std::marker::PhantomData;
use std::os::raw::{c_long, c_short};
use std::os::unix::io::{AsFd, AsRawFd, RawFd};
use std::time::Duration;

use zmq_sys_vendored as sys;

use crate::error::{Error, Result, check};
use crate::socket::{AsSocket, Socket};

bitflags::bitflags! {
    /// A set of poll events: [`POLLIN`](Self::POLLIN), [`POLLOUT`](Self::POLLOUT),
    /// [`POLLERR`](Self::POLLERR), [`POLLPRI`](Self::POLLPRI), combined with `|`.
    ///
    /// ```
    /// use czmq::PollEvents;
    /// let both = PollEvents::POLLIN | PollEvents::POLLOUT;
    /// assert!(both.contains(PollEvents::POLLIN));
    /// assert!(!both.contains(PollEvents::POLLERR));
    /// assert!((both & PollEvents::POLLERR).is_empty());
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct PollEvents: i16 {
        /// A message (or for an fd, data) can be received without blocking.
        const POLLIN = sys::ZMQ_POLLIN as i16;
        /// A message can be sent without blocking.
        const POLLOUT = sys::ZMQ_POLLOUT as i16;
        /// An error condition on a file descriptor (never set for sockets).
        const POLLERR = sys::ZMQ_POLLERR as i16;
        /// Urgent data on a file descriptor (never set for sockets).
        const POLLPRI = sys::ZMQ_POLLPRI as i16;
    }
}

/// One entry for [`poll`]: a socket or a file descriptor, the events asked
/// for, and after polling the events that are ready (`revents`).
///
/// The item borrows its socket for `'a`, so the socket cannot be closed or
/// moved to another thread while it is being polled. It has the layout of
/// libzmq's `zmq_pollitem_t`, so a slice of items goes to libzmq as is.
///
/// ```
/// use std::os::unix::net::UnixStream;
/// use std::io::Write;
/// use czmq::{poll, PollEvents, PollItem};
/// let (mut a, b) = UnixStream::pair().unwrap();
/// a.write_all(b"x").unwrap();
/// let mut items = [PollItem::from_fd(&b, PollEvents::POLLIN)];
/// assert_eq!(poll(&mut items, Some(std::time::Duration::from_secs(5)))?, 1);
/// assert!(items[0].is_readable());
/// # Ok::<(), czmq::Error>(())
/// ```
#[repr(transparent)]
pub struct PollItem<'a> {
    raw: sys::zmq_pollitem_t,
    _borrow: PhantomData<&'a Socket>,
}

impl<'a> PollItem<'a> {
    /// An item for a socket (or anything that lends one).
    pub fn socket<S: AsSocket + ?Sized>(socket: &'a S, events: PollEvents) -> PollItem<'a> {
        let raw = sys::zmq_pollitem_t {
            socket: socket.as_socket().as_ptr(),
            fd: 0,
            events: events.bits() as c_short,
            revents: 0,
        };
        PollItem {
            raw,
            _borrow: PhantomData,
        }
    }

    /// An item for a raw file descriptor (a pipe, a TCP socket, a zsock's
    /// `fd` option...). The caller keeps the descriptor open while polling;
    /// [`PollItem::from_fd`] lets the borrow checker see to that.
    pub fn fd(fd: RawFd, events: PollEvents) -> PollItem<'a> {
        let raw = sys::zmq_pollitem_t {
            socket: std::ptr::null_mut(),
            fd,
            events: events.bits() as c_short,
            revents: 0,
        };
        PollItem {
            raw,
            _borrow: PhantomData,
        }
    }

    /// An item for the descriptor of an open file, pipe or stream, borrowed
    /// for as long as the item lives.
    pub fn from_fd<F: AsFd + ?Sized>(owner: &'a F, events: PollEvents) -> PollItem<'a> {
        PollItem::fd(owner.as_fd().as_raw_fd(), events)
    }

    /// The events asked for.
    pub fn events(&self) -> PollEvents {
        PollEvents::from_bits_truncate(self.raw.events)
    }

    /// Changes the events asked for (for the next [`poll`]).
    pub fn set_events(&mut self, events: PollEvents) {
        self.raw.events = events.bits();
    }

    /// The events found ready by the last [`poll`].
    pub fn revents(&self) -> PollEvents {
        PollEvents::from_bits_truncate(self.raw.revents)
    }

    /// POLLIN was ready.
    pub fn is_readable(&self) -> bool {
        self.revents().contains(PollEvents::POLLIN)
    }

    /// POLLOUT was ready.
    pub fn is_writable(&self) -> bool {
        self.revents().contains(PollEvents::POLLOUT)
    }

    /// POLLERR was reported (file descriptors only).
    pub fn has_error(&self) -> bool {
        self.revents().contains(PollEvents::POLLERR)
    }

    /// True when this item is for `socket`.
    pub fn is_socket(&self, socket: &impl AsSocket) -> bool {
        !self.raw.socket.is_null() && self.raw.socket == socket.as_socket().as_ptr()
    }

    /// The file descriptor of an fd item, None for a socket item.
    pub fn as_fd(&self) -> Option<RawFd> {
        self.raw.socket.is_null().then_some(self.raw.fd)
    }
}

impl std::fmt::Debug for PollItem<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("PollItem");
        if self.raw.socket.is_null() {
            d.field("fd", &self.raw.fd);
        } else {
            d.field("socket", &self.raw.socket);
        }
        d.field("events", &self.events())
            .field("revents", &self.revents())
            .finish()
    }
}

/// The longest finite timeout handed to libzmq. `c_long` may be 32 bits and
/// libzmq hands waits to poll(2) as an `int`, so every path stays in range.
const MAX_TIMEOUT_MS: c_long = i32::MAX as c_long;

/// A timeout in libzmq's convention: milliseconds, -1 for "forever".
/// Sub-millisecond remainders round up so that a short wait never turns into
/// a busy "return at once"; waits beyond about 24.8 days are capped there.
pub(crate) fn timeout_ms(timeout: Option<Duration>) -> c_long {
    match timeout {
        None => -1,
        Some(t) => {
            let ms = t.as_nanos().div_ceil(1_000_000);
            c_long::try_from(ms).map_or(MAX_TIMEOUT_MS, |ms| ms.min(MAX_TIMEOUT_MS))
        }
    }
}

/// Waits until at least one item is ready or `timeout` passes (`None` waits
/// forever, `Some(Duration::ZERO)` only looks). With no items it just
/// sleeps for `timeout` (and refuses `None`). Returns how many items are
/// ready; each item's [`PollItem::revents`] says for what. A timeout is
/// `Ok(0)`. [`Error::Terminated`] when a polled socket's context is shut
/// down, [`Error::Interrupted`] on a signal.
///
/// ```
/// use std::time::Duration;
/// use czmq::{poll, Context, PollEvents, PollItem, SocketType};
/// let pull = Context::new()?.socket(SocketType::Pull)?;
/// let mut items = [PollItem::socket(&pull, PollEvents::POLLIN)];
/// assert_eq!(poll(&mut items, Some(Duration::from_millis(10)))?, 0);
/// assert!(items[0].revents().is_empty());
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn poll(items: &mut [PollItem<'_>], timeout: Option<Duration>) -> Result<usize> {
    if items.is_empty() {
        // libzmq would usleep() with a 32-bit microsecond count (wrapping for
        // long or infinite timeouts); sleep here instead, and refuse to wait
        // forever for nothing.
        let timeout = timeout.ok_or_else(|| {
            Error::InvalidArgument("polling no items without a timeout never returns".into())
        })?;
        std::thread::sleep(timeout);
        return Ok(0);
    }
    let count = i32::try_from(items.len())
        .map_err(|_| Error::InvalidArgument(format!("{} poll items", items.len())))?;
    // PollItem is repr(transparent) over zmq_pollitem_t, so the slice has
    // exactly the layout of the C array.
    let raw = items.as_mut_ptr() as *mut sys::zmq_pollitem_t;
    // SAFETY: raw points to `count` initialised zmq_pollitem_t; the sockets
    // in them are live for the items' lifetime 'a (borrowed), and libzmq only
    // writes the revents fields during the call.
    let ready = check(unsafe { sys::zmq_poll(raw, count, timeout_ms(timeout)) })?;
    Ok(ready as usize)
}

#[cfg(feature = "draft")]
pub use draft::{PollerEvent, ZmqPoller};

#[cfg(feature = "draft")]
mod draft {
    use std::marker::PhantomData;
    use std::os::raw::c_void;
    use std::os::unix::io::RawFd;
    use std::time::Duration;

    use zmq_sys_vendored as sys;

    use super::{PollEvents, timeout_ms};
    use crate::error::{Error, Result, check};
    use crate::socket::{AsSocket, Socket};

    /// libzmq's DRAFT `zmq_poller`: a registered set of sockets and file
    /// descriptors, each with the events wanted and a caller token (`usize`)
    /// handed back with every event. Cheaper than [`super::poll`] for large,
    /// stable sets. (The CZMQ-style `zpoller` is a separate type.)
    ///
    /// The poller borrows its sockets for `'a`; it is neither `Send` nor
    /// `Sync`, like the sockets it polls.
    ///
    /// ```
    /// use std::time::Duration;
    /// use czmq::{Context, PollEvents, SocketType, ZmqPoller};
    /// let ctx = Context::new()?;
    /// let pull = ctx.socket(SocketType::Pull)?;
    /// pull.bind("inproc://zmqpoller-doc")?;
    /// let push = ctx.socket(SocketType::Push)?;
    /// push.connect("inproc://zmqpoller-doc")?;
    /// let mut poller = ZmqPoller::new()?;
    /// poller.add(&pull, PollEvents::POLLIN, 7)?;
    /// push.send("hi")?;
    /// let event = poller.wait(Some(Duration::from_secs(5)))?;
    /// assert_eq!(event.token, 7);
    /// assert!(event.events.contains(PollEvents::POLLIN));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub struct ZmqPoller<'a> {
        ptr: *mut c_void,
        _borrow: PhantomData<&'a Socket>,
    }

    /// One ready item reported by [`ZmqPoller::wait`].
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct PollerEvent {
        /// The token given when the item was added.
        pub token: usize,
        /// The events that are ready.
        pub events: PollEvents,
        /// The descriptor, for an fd item; None for a socket.
        pub fd: Option<RawFd>,
    }

    impl PollerEvent {
        fn from_raw(raw: &sys::zmq_poller_event_t) -> PollerEvent {
            PollerEvent {
                token: raw.user_data as usize,
                events: PollEvents::from_bits_truncate(raw.events),
                fd: raw.socket.is_null().then_some(raw.fd),
            }
        }
    }

    impl<'a> ZmqPoller<'a> {
        /// An empty poller.
        pub fn new() -> Result<ZmqPoller<'a>> {
            // SAFETY: no preconditions; NULL means failure (ENOMEM).
            let ptr = unsafe { sys::zmq_poller_new() };
            if ptr.is_null() {
                return Err(Error::last());
            }
            Ok(ZmqPoller {
                ptr,
                _borrow: PhantomData,
            })
        }

        /// Number of registered items.
        pub fn len(&self) -> usize {
            // SAFETY: ptr is a live poller.
            let n = unsafe { sys::zmq_poller_size(self.ptr) };
            usize::try_from(n).unwrap_or(0)
        }

        /// True when nothing is registered.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }

        /// Registers a socket; [`Error::Invalid`] if it is already registered.
        /// The token (the token is only carried, never dereferenced) comes
        /// back with its events.
        pub fn add<S: AsSocket + ?Sized>(
            &mut self,
            socket: &'a S,
            events: PollEvents,
            token: usize,
        ) -> Result<()> {
            // SAFETY: live poller and socket (borrowed for 'a, which outlives
            // the poller's use of it); the token is stored as an opaque value.
            check(unsafe {
                sys::zmq_poller_add(
                    self.ptr,
                    socket.as_socket().as_ptr(),
                    token as *mut c_void,
                    events.bits(),
                )
            })
            .map(|_| ())
        }

        /// Registers a file descriptor, which the caller keeps open while it
        /// is registered.
        pub fn add_fd(&mut self, fd: RawFd, events: PollEvents, token: usize) -> Result<()> {
            // SAFETY: live poller; libzmq only polls the descriptor.
            check(unsafe {
                sys::zmq_poller_add_fd(self.ptr, fd, token as *mut c_void, events.bits())
            })
            .map(|_| ())
        }

        /// Changes the events wanted for a registered socket
        /// ([`Error::Invalid`] if it is not registered).
        pub fn modify(&mut self, socket: &impl AsSocket, events: PollEvents) -> Result<()> {
            // SAFETY: live poller and socket.
            check(unsafe {
                sys::zmq_poller_modify(self.ptr, socket.as_socket().as_ptr(), events.bits())
            })
            .map(|_| ())
        }

        /// Changes the events wanted for a registered descriptor.
        pub fn modify_fd(&mut self, fd: RawFd, events: PollEvents) -> Result<()> {
            // SAFETY: live poller.
            check(unsafe { sys::zmq_poller_modify_fd(self.ptr, fd, events.bits()) }).map(|_| ())
        }

        /// Unregisters a socket ([`Error::Invalid`] if it is not registered).
        pub fn remove(&mut self, socket: &impl AsSocket) -> Result<()> {
            // SAFETY: live poller and socket.
            check(unsafe { sys::zmq_poller_remove(self.ptr, socket.as_socket().as_ptr()) })
                .map(|_| ())
        }

        /// Unregisters a descriptor.
        pub fn remove_fd(&mut self, fd: RawFd) -> Result<()> {
            // SAFETY: live poller.
            check(unsafe { sys::zmq_poller_remove_fd(self.ptr, fd) }).map(|_| ())
        }

        /// Waits for one ready item. [`Error::Again`] when `timeout` passes
        /// first (`None` waits forever; an empty poller with `None` is
        /// [`Error::Fault`] rather than a hang).
        pub fn wait(&mut self, timeout: Option<Duration>) -> Result<PollerEvent> {
            let mut raw = sys::zmq_poller_event_t::default();
            // SAFETY: live poller; raw is one writable event.
            check(unsafe { sys::zmq_poller_wait(self.ptr, &mut raw, timeout_ms(timeout)) })?;
            Ok(PollerEvent::from_raw(&raw))
        }

        /// Waits until at least one item is ready and returns every ready
        /// item. [`Error::Again`] when `timeout` passes first.
        pub fn wait_all(&mut self, timeout: Option<Duration>) -> Result<Vec<PollerEvent>> {
            let capacity = self.len().max(1);
            let mut raw = vec![sys::zmq_poller_event_t::default(); capacity];
            let n_events = i32::try_from(capacity).unwrap_or(i32::MAX);
            // SAFETY: live poller; raw holds n_events writable events.
            let ready = check(unsafe {
                sys::zmq_poller_wait_all(self.ptr, raw.as_mut_ptr(), n_events, timeout_ms(timeout))
            })?;
            Ok(raw
                .iter()
                .take(ready as usize)
                .map(PollerEvent::from_raw)
                .collect())
        }
    }

    impl Drop for ZmqPoller<'_> {
        fn drop(&mut self) {
            // SAFETY: ptr is a live poller, destroyed exactly once.
            unsafe { sys::zmq_poller_destroy(&mut self.ptr) };
        }
    }

    impl std::fmt::Debug for ZmqPoller<'_> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("ZmqPoller")
                .field("items", &self.len())
                .finish()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_in_milliseconds() {
        assert_eq!(timeout_ms(None), -1);
        assert_eq!(timeout_ms(Some(Duration::ZERO)), 0);
        assert_eq!(timeout_ms(Some(Duration::from_micros(1))), 1);
        assert_eq!(timeout_ms(Some(Duration::from_millis(250))), 250);
        assert_eq!(timeout_ms(Some(Duration::MAX)), MAX_TIMEOUT_MS);
        assert_eq!(
            timeout_ms(Some(Duration::from_millis(i32::MAX as u64 + 1))),
            MAX_TIMEOUT_MS
        );
    }

    #[test]
    fn events_set_operations() {
        let e = PollEvents::POLLIN | PollEvents::POLLERR;
        assert!(e.contains(PollEvents::POLLIN));
        assert!(!e.contains(PollEvents::POLLIN | PollEvents::POLLOUT));
        assert!(e.intersects(PollEvents::POLLIN | PollEvents::POLLOUT));
        assert_eq!(PollEvents::from_bits_truncate(-1).bits(), 0b1111);
        assert_eq!(format!("{e:?}"), "PollEvents(POLLIN | POLLERR)");
        assert_eq!(format!("{:?}", PollEvents::empty()), "PollEvents(0x0)");
    }

    #[test]
    fn no_items_sleeps_or_refuses() {
        let start = std::time::Instant::now();
        assert_eq!(poll(&mut [], Some(Duration::from_millis(20))), Ok(0));
        assert!(start.elapsed() >= Duration::from_millis(20));
        assert!(matches!(
            poll(&mut [], None),
            Err(Error::InvalidArgument(_))
        ));
    }

    #[test]
    fn item_layout_matches_libzmq() {
        assert_eq!(
            std::mem::size_of::<PollItem<'_>>(),
            std::mem::size_of::<sys::zmq_pollitem_t>()
        );
        assert_eq!(
            std::mem::align_of::<PollItem<'_>>(),
            std::mem::align_of::<sys::zmq_pollitem_t>()
        );
    }
}
