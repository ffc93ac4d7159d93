//! Socket: one libzmq socket, closed on drop.

use std::ffi::CString;
use std::fmt;
use std::os::raw::c_void;

use zmq_sys_vendored as sys;

use crate::context::Context;
use crate::error::{Error, Result, check};
use crate::flags::Flags;
use crate::message::Message;

macro_rules! socket_types {
    ($( $variant:ident = $raw:expr, $name:literal, $doc:literal $(, $feat:literal)?; )*) => {
        /// The socket types of libzmq 4.3.5 (the DRAFT ones with feature `draft`).
        ///
        /// ```
        /// use czmq::SocketType;
        /// assert_eq!(SocketType::Router.name(), "ROUTER");
        /// assert_eq!(SocketType::from_raw(SocketType::Pub.raw()), Some(SocketType::Pub));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum SocketType {
            $( #[doc = $doc] $(#[cfg(feature = $feat)])? $variant, )*
        }

        impl SocketType {
            /// Every socket type this build supports.
            pub const ALL: &'static [SocketType] = &[$( $(#[cfg(feature = $feat)])? SocketType::$variant, )*];

            /// libzmq's number for this type (ZMQ_PAIR, ...).
            pub fn raw(self) -> i32 {
                match self { $( $(#[cfg(feature = $feat)])? SocketType::$variant => $raw, )* }
            }

            /// The type for a libzmq number, if this build supports it.
            pub fn from_raw(raw: i32) -> Option<SocketType> {
                match raw { $( $(#[cfg(feature = $feat)])? x if x == $raw => Some(SocketType::$variant), )* _ => None }
            }

            /// The type's name as ZMTP and CZMQ spell it ("PUB", "ROUTER", ...).
            pub fn name(self) -> &'static str {
                match self { $( $(#[cfg(feature = $feat)])? SocketType::$variant => $name, )* }
            }
        }
    };
}

socket_types! {
    Pair = 0, "PAIR", "Exclusive pair.";
    Pub = 1, "PUB", "Publisher.";
    Sub = 2, "SUB", "Subscriber.";
    Req = 3, "REQ", "Request (strict send/receive alternation).";
    Rep = 4, "REP", "Reply.";
    Dealer = 5, "DEALER", "Asynchronous request.";
    Router = 6, "ROUTER", "Routes by peer identity.";
    Pull = 7, "PULL", "Pipeline receiver.";
    Push = 8, "PUSH", "Pipeline sender.";
    Xpub = 9, "XPUB", "Publisher that sees subscriptions.";
    Xsub = 10, "XSUB", "Subscriber that sends subscriptions as messages.";
    Stream = 11, "STREAM", "Raw TCP.";
    Server = 12, "SERVER", "Thread-safe server (DRAFT).", "draft";
    Client = 13, "CLIENT", "Thread-safe client (DRAFT).", "draft";
    Radio = 14, "RADIO", "Group publisher (DRAFT).", "draft";
    Dish = 15, "DISH", "Group subscriber (DRAFT).", "draft";
    Gather = 16, "GATHER", "Thread-safe pipeline receiver (DRAFT).", "draft";
    Scatter = 17, "SCATTER", "Thread-safe pipeline sender (DRAFT).", "draft";
    Dgram = 18, "DGRAM", "UDP datagrams (DRAFT).", "draft";
    Peer = 19, "PEER", "Thread-safe peer-to-peer (DRAFT).", "draft";
    Channel = 20, "CHANNEL", "Thread-safe pair (DRAFT).", "draft";
}

impl fmt::Display for SocketType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A libzmq socket. `Send` (it may move to another thread) but not `Sync`
/// (libzmq sockets must not be used from two threads at once); closed on drop.
/// It keeps its [`Context`] alive.
///
/// ```
/// use czmq::{Context, SocketType};
/// let ctx = Context::new()?;
/// let server = ctx.socket(SocketType::Rep)?;
/// server.bind("inproc://socket-doc")?;
/// let client = ctx.socket(SocketType::Req)?;
/// client.connect("inproc://socket-doc")?;
/// client.send("hello")?;
/// assert_eq!(server.recv_string()?, "hello");
/// server.send("world")?;
/// assert_eq!(client.recv_string()?, "world");
/// # Ok::<(), czmq::Error>(())
/// ```
// repr(C) with the libzmq handle first: a `Sock` is laid out as CZMQ's
// `struct _zsock_t { uint32_t tag; void *handle; ... }`, and C code that
// reads `zsock->handle` (CZMQ's own selftest does) finds the handle there.
#[repr(C)]
pub struct Socket {
    ptr: *mut c_void,
    kind: SocketType,
    ctx: Context,
    /// Set by the first successful bind or connect: from then on the typed
    /// setters of options libzmq applies only when a connection or listener
    /// is made refuse with [`Error::OptionTooLate`] instead of being ignored
    /// by the endpoints already attached.
    attached: std::cell::Cell<bool>,
}

// SAFETY: a libzmq socket may be used from any thread as long as only one
// thread uses it at a time (with a full memory barrier when it moves), which
// moving ownership guarantees. It is deliberately not Sync.
unsafe impl Send for Socket {}

fn c_string(s: &str) -> Result<CString> {
    CString::new(s).map_err(|_| Error::InvalidArgument(format!("{s:?} contains a NUL byte")))
}

impl Socket {
    /// Creates a socket in `ctx`; see also [`Context::socket`].
    pub fn new(ctx: &Context, kind: SocketType) -> Result<Socket> {
        // SAFETY: the context pointer is live (ctx borrowed); NULL means failure.
        let ptr = unsafe { sys::zmq_socket(ctx.as_ptr(), kind.raw()) };
        if ptr.is_null() {
            return Err(Error::last());
        }
        Ok(Socket {
            ptr,
            kind,
            ctx: ctx.clone(),
            attached: std::cell::Cell::new(false),
        })
    }

    /// The socket's type.
    pub fn kind(&self) -> SocketType {
        self.kind
    }

    /// The context this socket belongs to.
    pub fn context(&self) -> &Context {
        &self.ctx
    }

    /// Binds to an endpoint (`tcp://*:5555`, `ipc://...`, `inproc://...`).
    pub fn bind(&self, endpoint: &str) -> Result<()> {
        let ep = c_string(endpoint)?;
        // SAFETY: live socket, NUL-terminated endpoint.
        check(unsafe { sys::zmq_bind(self.ptr, ep.as_ptr()) })?;
        self.attached.set(true);
        Ok(())
    }

    /// Connects to an endpoint.
    pub fn connect(&self, endpoint: &str) -> Result<()> {
        let ep = c_string(endpoint)?;
        // SAFETY: live socket, NUL-terminated endpoint.
        check(unsafe { sys::zmq_connect(self.ptr, ep.as_ptr()) })?;
        self.attached.set(true);
        Ok(())
    }

    /// True once the socket has been bound or connected (by any of its
    /// bind or connect calls, even if the endpoint was removed since): the
    /// options of [`OptionInfo::applies_at_attach`](crate::OptionInfo::applies_at_attach)
    /// can no longer be set through the typed setters.
    ///
    /// ```
    /// let s = czmq::Context::new()?.socket(czmq::SocketType::Pull)?;
    /// assert!(!s.is_attached());
    /// s.bind("inproc://is-attached-doc")?;
    /// assert!(s.is_attached());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn is_attached(&self) -> bool {
        self.attached.get()
    }

    /// Stops listening on an endpoint bound earlier (use the resolved endpoint
    /// from `last_endpoint` for wildcard binds).
    pub fn unbind(&self, endpoint: &str) -> Result<()> {
        let ep = c_string(endpoint)?;
        // SAFETY: live socket, NUL-terminated endpoint.
        check(unsafe { sys::zmq_unbind(self.ptr, ep.as_ptr()) }).map(|_| ())
    }

    /// Disconnects from an endpoint connected earlier.
    pub fn disconnect(&self, endpoint: &str) -> Result<()> {
        let ep = c_string(endpoint)?;
        // SAFETY: live socket, NUL-terminated endpoint.
        check(unsafe { sys::zmq_disconnect(self.ptr, ep.as_ptr()) }).map(|_| ())
    }

    /// Joins a group on a DISH socket (DRAFT): messages a RADIO sends to that
    /// group are delivered from then on. Groups are at most 255 bytes.
    ///
    /// ```
    /// use czmq::{Context, SocketType};
    /// let dish = Context::new()?.socket(SocketType::Dish)?;
    /// dish.join("weather")?;
    /// dish.leave("weather")?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[cfg(feature = "draft")]
    pub fn join(&self, group: &str) -> Result<()> {
        let group = c_string(group)?;
        // SAFETY: live socket, NUL-terminated group; libzmq copies it.
        check(unsafe { sys::zmq_join(self.ptr, group.as_ptr()) }).map(|_| ())
    }

    /// Leaves a group joined earlier on a DISH socket (DRAFT).
    #[cfg(feature = "draft")]
    pub fn leave(&self, group: &str) -> Result<()> {
        let group = c_string(group)?;
        // SAFETY: live socket, NUL-terminated group.
        check(unsafe { sys::zmq_leave(self.ptr, group.as_ptr()) }).map(|_| ())
    }

    /// Connects a PEER socket (DRAFT) and returns the routing id that
    /// addresses the new peer (set it on messages with
    /// [`Message::set_routing_id`]).
    ///
    /// ```
    /// use czmq::{Context, SocketType};
    /// let ctx = Context::new()?;
    /// let a = ctx.socket(SocketType::Peer)?;
    /// a.bind("inproc://connect-peer-doc")?;
    /// let b = ctx.socket(SocketType::Peer)?;
    /// assert_ne!(b.connect_peer("inproc://connect-peer-doc")?, 0);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[cfg(feature = "draft")]
    pub fn connect_peer(&self, endpoint: &str) -> Result<u32> {
        let ep = c_string(endpoint)?;
        // SAFETY: live socket, NUL-terminated endpoint; 0 means failure.
        let id = unsafe { sys::zmq_connect_peer(self.ptr, ep.as_ptr()) };
        if id == 0 {
            return Err(Error::last());
        }
        self.attached.set(true);
        Ok(id)
    }

    /// Sends one frame, blocking until libzmq queues it: anything that
    /// converts into a [`Message`] (`&str`, `&[u8]`, `Vec<u8>` zero-copy, a
    /// `Message`...). [`Socket::send_with`] takes [`Flags`].
    ///
    /// ```
    /// use czmq::{Context, SocketType};
    /// let ctx = Context::new()?;
    /// let push = ctx.socket(SocketType::Push)?;
    /// push.bind("inproc://send-doc")?;
    /// let pull = ctx.socket(SocketType::Pull)?;
    /// pull.connect("inproc://send-doc")?;
    /// push.send(vec![1u8, 2, 3])?;
    /// assert_eq!(pull.recv_bytes()?, [1, 2, 3]);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn send<M: Into<Message>>(&self, data: M) -> Result<()> {
        self.send_with(data, Flags::empty())
    }

    /// [`Socket::send`] with [`Flags`]: [`Flags::MORE`] (more frames of this
    /// message follow), [`Flags::DONTWAIT`].
    ///
    /// ```
    /// use czmq::{Context, Error, Flags, SocketType};
    /// let push = Context::new()?.socket(SocketType::Push)?;
    /// // Nobody connected: a non-blocking send cannot be queued.
    /// assert_eq!(push.send_with("x", Flags::DONTWAIT), Err(Error::Again));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn send_with<M: Into<Message>>(&self, data: M, flags: Flags) -> Result<()> {
        let mut msg = data.into();
        self.send_msg_with(&mut msg, flags)
    }

    /// Sends a message, leaving `msg` empty (libzmq takes its content).
    /// On error the message keeps its content, so nothing is lost.
    ///
    /// ```
    /// use czmq::{Context, Message, SocketType};
    /// let ctx = Context::new()?;
    /// let push = ctx.socket(SocketType::Push)?;
    /// push.bind("inproc://send-msg-doc")?;
    /// let pull = ctx.socket(SocketType::Pull)?;
    /// pull.connect("inproc://send-msg-doc")?;
    /// let mut msg = Message::from("job");
    /// push.send_msg(&mut msg)?;
    /// assert!(msg.is_empty());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn send_msg(&self, msg: &mut Message) -> Result<()> {
        self.send_msg_with(msg, Flags::empty())
    }

    /// [`Socket::send_msg`] with [`Flags`].
    ///
    /// ```
    /// use czmq::{Context, Error, Flags, Message, SocketType};
    /// let push = Context::new()?.socket(SocketType::Push)?;
    /// let mut msg = Message::from("kept");
    /// assert_eq!(push.send_msg_with(&mut msg, Flags::DONTWAIT), Err(Error::Again));
    /// assert_eq!(&msg[..], b"kept");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn send_msg_with(&self, msg: &mut Message, flags: Flags) -> Result<()> {
        // SAFETY: live socket and an initialised message we own exclusively.
        check(unsafe { sys::zmq_msg_send(msg.as_raw_mut(), self.ptr, flags.bits()) }).map(|_| ())
    }

    /// Sends bytes with a copy into libzmq's own buffer (zmq_send): the
    /// cheapest way to send a borrowed slice.
    ///
    /// ```
    /// use czmq::{Context, SocketType};
    /// let ctx = Context::new()?;
    /// let push = ctx.socket(SocketType::Push)?;
    /// push.bind("inproc://send-bytes-doc")?;
    /// let pull = ctx.socket(SocketType::Pull)?;
    /// pull.connect("inproc://send-bytes-doc")?;
    /// push.send_bytes(b"copied")?;
    /// assert_eq!(pull.recv_string()?, "copied");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn send_bytes(&self, data: &[u8]) -> Result<()> {
        self.send_bytes_with(data, Flags::empty())
    }

    /// [`Socket::send_bytes`] with [`Flags`].
    ///
    /// ```
    /// use czmq::{Context, Error, Flags, SocketType};
    /// let push = Context::new()?.socket(SocketType::Push)?;
    /// assert_eq!(push.send_bytes_with(b"x", Flags::DONTWAIT), Err(Error::Again));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn send_bytes_with(&self, data: &[u8], flags: Flags) -> Result<()> {
        // SAFETY: live socket; libzmq copies len bytes from data before returning.
        check(unsafe {
            sys::zmq_send(
                self.ptr,
                data.as_ptr() as *const c_void,
                data.len(),
                flags.bits(),
            )
        })
        .map(|_| ())
    }

    /// Sends every frame of a multipart message, all but the last with
    /// [`Flags::MORE`].
    ///
    /// ```
    /// use czmq::{Context, SocketType};
    /// let ctx = Context::new()?;
    /// let push = ctx.socket(SocketType::Push)?;
    /// push.bind("inproc://send-multipart-doc")?;
    /// let pull = ctx.socket(SocketType::Pull)?;
    /// pull.connect("inproc://send-multipart-doc")?;
    /// push.send_multipart(["a", "b"])?;
    /// assert_eq!(pull.recv_multipart()?.len(), 2);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn send_multipart<I, M>(&self, frames: I) -> Result<()>
    where
        I: IntoIterator<Item = M>,
        M: Into<Message>,
    {
        self.send_multipart_with(frames, Flags::empty())
    }

    /// [`Socket::send_multipart`] with `flags` on every frame
    /// ([`Flags::MORE`] on the last too means the message goes on).
    ///
    /// ```
    /// use czmq::{Context, Flags, SocketType};
    /// let ctx = Context::new()?;
    /// let push = ctx.socket(SocketType::Push)?;
    /// push.bind("inproc://send-multipart-with-doc")?;
    /// let pull = ctx.socket(SocketType::Pull)?;
    /// pull.connect("inproc://send-multipart-with-doc")?;
    /// push.send_multipart_with(["a", "b"], Flags::MORE)?;
    /// push.send("c")?;
    /// assert_eq!(pull.recv_multipart()?.len(), 3);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn send_multipart_with<I, M>(&self, frames: I, flags: Flags) -> Result<()>
    where
        I: IntoIterator<Item = M>,
        M: Into<Message>,
    {
        let mut frames = frames.into_iter().peekable();
        while let Some(frame) = frames.next() {
            let more = if frames.peek().is_some() {
                Flags::MORE
            } else {
                Flags::empty()
            };
            self.send_with(frame, flags | more)?;
        }
        Ok(())
    }

    /// Receives into `msg`, replacing its content (reuse one message in
    /// loops), blocking until a frame arrives.
    ///
    /// ```
    /// use czmq::{Context, Message, SocketType};
    /// let ctx = Context::new()?;
    /// let push = ctx.socket(SocketType::Push)?;
    /// push.bind("inproc://recv-doc")?;
    /// let pull = ctx.socket(SocketType::Pull)?;
    /// pull.connect("inproc://recv-doc")?;
    /// push.send("x")?;
    /// let mut msg = Message::new();
    /// pull.recv(&mut msg)?;
    /// assert_eq!(&msg[..], b"x");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn recv(&self, msg: &mut Message) -> Result<()> {
        self.recv_with(msg, Flags::empty())
    }

    /// [`Socket::recv`] with [`Flags`] ([`Flags::DONTWAIT`]).
    ///
    /// ```
    /// use czmq::{Context, Error, Flags, Message, SocketType};
    /// let pull = Context::new()?.socket(SocketType::Pull)?;
    /// let mut msg = Message::new();
    /// assert_eq!(pull.recv_with(&mut msg, Flags::DONTWAIT), Err(Error::Again));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn recv_with(&self, msg: &mut Message, flags: Flags) -> Result<()> {
        // SAFETY: live socket and an initialised message we own exclusively.
        check(unsafe { sys::zmq_msg_recv(msg.as_raw_mut(), self.ptr, flags.bits()) }).map(|_| ())
    }

    /// Receives one frame as a new message.
    ///
    /// ```
    /// use czmq::{Context, SocketType};
    /// let ctx = Context::new()?;
    /// let push = ctx.socket(SocketType::Push)?;
    /// push.bind("inproc://recv-msg-doc")?;
    /// let pull = ctx.socket(SocketType::Pull)?;
    /// pull.connect("inproc://recv-msg-doc")?;
    /// push.send("x")?;
    /// assert_eq!(&pull.recv_msg()?[..], b"x");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn recv_msg(&self) -> Result<Message> {
        self.recv_msg_with(Flags::empty())
    }

    /// [`Socket::recv_msg`] with [`Flags`] ([`Flags::DONTWAIT`]).
    ///
    /// ```
    /// use czmq::{Context, Error, Flags, SocketType};
    /// let pull = Context::new()?.socket(SocketType::Pull)?;
    /// assert_eq!(pull.recv_msg_with(Flags::DONTWAIT).unwrap_err(), Error::Again);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn recv_msg_with(&self, flags: Flags) -> Result<Message> {
        let mut msg = Message::new();
        self.recv_with(&mut msg, flags)?;
        Ok(msg)
    }

    /// Receives one frame into `buf`; returns the frame's full size, which is
    /// larger than `buf.len()` when the frame was truncated (as zmq_recv).
    ///
    /// ```
    /// use czmq::{Context, SocketType};
    /// let ctx = Context::new()?;
    /// let push = ctx.socket(SocketType::Push)?;
    /// push.bind("inproc://recv-into-doc")?;
    /// let pull = ctx.socket(SocketType::Pull)?;
    /// pull.connect("inproc://recv-into-doc")?;
    /// push.send("hello")?;
    /// let mut buf = [0u8; 2];
    /// assert_eq!(pull.recv_into(&mut buf)?, 5);
    /// assert_eq!(&buf, b"he");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn recv_into(&self, buf: &mut [u8]) -> Result<usize> {
        self.recv_into_with(buf, Flags::empty())
    }

    /// [`Socket::recv_into`] with [`Flags`] ([`Flags::DONTWAIT`]).
    ///
    /// ```
    /// use czmq::{Context, Error, Flags, SocketType};
    /// let pull = Context::new()?.socket(SocketType::Pull)?;
    /// assert_eq!(pull.recv_into_with(&mut [0u8; 4], Flags::DONTWAIT), Err(Error::Again));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn recv_into_with(&self, buf: &mut [u8], flags: Flags) -> Result<usize> {
        // SAFETY: live socket; libzmq writes at most buf.len() bytes.
        let n = check(unsafe {
            sys::zmq_recv(
                self.ptr,
                buf.as_mut_ptr() as *mut c_void,
                buf.len(),
                flags.bits(),
            )
        })?;
        Ok(n as usize)
    }

    /// Receives one frame as bytes.
    ///
    /// ```
    /// use czmq::{Context, SocketType};
    /// let ctx = Context::new()?;
    /// let push = ctx.socket(SocketType::Push)?;
    /// push.bind("inproc://recv-bytes-doc")?;
    /// let pull = ctx.socket(SocketType::Pull)?;
    /// pull.connect("inproc://recv-bytes-doc")?;
    /// push.send(&b"\xff"[..])?;
    /// assert_eq!(pull.recv_bytes()?, [0xff]);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn recv_bytes(&self) -> Result<Vec<u8>> {
        self.recv_bytes_with(Flags::empty())
    }

    /// [`Socket::recv_bytes`] with [`Flags`] ([`Flags::DONTWAIT`]).
    ///
    /// ```
    /// use czmq::{Context, Error, Flags, SocketType};
    /// let pull = Context::new()?.socket(SocketType::Pull)?;
    /// assert_eq!(pull.recv_bytes_with(Flags::DONTWAIT), Err(Error::Again));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn recv_bytes_with(&self, flags: Flags) -> Result<Vec<u8>> {
        Ok(self.recv_msg_with(flags)?.to_vec())
    }

    /// Receives one frame as UTF-8 text; [`Error::InvalidUtf8`] otherwise
    /// (the frame is consumed either way).
    ///
    /// ```
    /// use czmq::{Context, SocketType};
    /// let ctx = Context::new()?;
    /// let push = ctx.socket(SocketType::Push)?;
    /// push.bind("inproc://recv-string-doc")?;
    /// let pull = ctx.socket(SocketType::Pull)?;
    /// pull.connect("inproc://recv-string-doc")?;
    /// push.send("text")?;
    /// assert_eq!(pull.recv_string()?, "text");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn recv_string(&self) -> Result<String> {
        self.recv_string_with(Flags::empty())
    }

    /// [`Socket::recv_string`] with [`Flags`] ([`Flags::DONTWAIT`]).
    ///
    /// ```
    /// use czmq::{Context, Error, Flags, SocketType};
    /// let pull = Context::new()?.socket(SocketType::Pull)?;
    /// assert_eq!(pull.recv_string_with(Flags::DONTWAIT), Err(Error::Again));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn recv_string_with(&self, flags: Flags) -> Result<String> {
        String::from_utf8(self.recv_bytes_with(flags)?).map_err(Error::from)
    }

    /// Receives all frames of one multipart message.
    ///
    /// ```
    /// use czmq::{Context, SocketType};
    /// let ctx = Context::new()?;
    /// let push = ctx.socket(SocketType::Push)?;
    /// push.bind("inproc://recv-multipart-doc")?;
    /// let pull = ctx.socket(SocketType::Pull)?;
    /// pull.connect("inproc://recv-multipart-doc")?;
    /// push.send_multipart(["a", "b"])?;
    /// assert_eq!(pull.recv_multipart()?.len(), 2);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn recv_multipart(&self) -> Result<Vec<Message>> {
        self.recv_multipart_with(Flags::empty())
    }

    /// [`Socket::recv_multipart`] with [`Flags`]. Once the first frame has
    /// arrived the rest are already queued, so only the first honours
    /// [`Flags::DONTWAIT`].
    ///
    /// ```
    /// use czmq::{Context, Error, Flags, SocketType};
    /// let pull = Context::new()?.socket(SocketType::Pull)?;
    /// assert_eq!(pull.recv_multipart_with(Flags::DONTWAIT).unwrap_err(), Error::Again);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn recv_multipart_with(&self, flags: Flags) -> Result<Vec<Message>> {
        let mut frames = vec![self.recv_msg_with(flags)?];
        while frames.last().is_some_and(Message::more) {
            frames.push(self.recv_msg()?);
        }
        Ok(frames)
    }

    /// True when the last frame received has more frames following it.
    pub fn more(&self) -> Result<bool> {
        self.rcvmore()
    }

    /// The raw `void*` socket, for FFI; valid while `self` lives.
    pub fn as_ptr(&self) -> *mut c_void {
        self.ptr
    }

    /// Takes ownership of a raw socket created in `ctx`. The wrapper cannot
    /// know whether the socket was bound or connected before, so it starts
    /// as not attached ([`Socket::is_attached`]): only a bind or connect
    /// through it makes the typed setters refuse connection-time options.
    ///
    /// # Safety
    /// `ptr` must be a live libzmq socket of type `kind` created in `ctx`, not
    /// owned by anything else (it will be closed on drop).
    pub unsafe fn from_raw(ctx: &Context, ptr: *mut c_void, kind: SocketType) -> Socket {
        Socket {
            ptr,
            kind,
            ctx: ctx.clone(),
            attached: std::cell::Cell::new(false),
        }
    }

    /// Gives up ownership of the raw socket (it is not closed) and returns it
    /// with the context that must outlive it.
    pub fn into_raw(self) -> (*mut c_void, Context) {
        let this = std::mem::ManuallyDrop::new(self);
        // SAFETY: this is never dropped, so reading the context out moves it once.
        (this.ptr, unsafe { std::ptr::read(&this.ctx) })
    }
}

impl Drop for Socket {
    fn drop(&mut self) {
        // SAFETY: ptr is a live socket we own; it is closed exactly once.
        unsafe { sys::zmq_close(self.ptr) };
    }
}

impl fmt::Debug for Socket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Socket")
            .field("kind", &self.kind)
            .field("ptr", &self.ptr)
            .finish()
    }
}

/// Anything that can lend its libzmq socket: a [`Socket`], and the
/// higher-level types built on one (a `Sock`, an `Actor`'s pipe). Functions that
/// only need "a socket" (polling, proxies, reactors) take `&impl AsSocket`, the
/// Rust form of CZMQ's `zsock_resolve` polymorphism.
///
/// ```
/// use czmq::{AsSocket, Context, SocketType};
/// fn kind_of(s: &impl AsSocket) -> SocketType { s.as_socket().kind() }
/// let s = Context::new()?.socket(SocketType::Pub)?;
/// assert_eq!(kind_of(&s), SocketType::Pub);
/// # Ok::<(), czmq::Error>(())
/// ```
pub trait AsSocket {
    /// The underlying socket.
    fn as_socket(&self) -> &Socket;
}

impl AsSocket for Socket {
    fn as_socket(&self) -> &Socket {
        self
    }
}

impl<T: AsSocket + ?Sized> AsSocket for &T {
    fn as_socket(&self) -> &Socket {
        (**self).as_socket()
    }
}

impl<T: AsSocket + ?Sized> AsSocket for Box<T> {
    fn as_socket(&self) -> &Socket {
        (**self).as_socket()
    }
}

impl<T: AsSocket + ?Sized> AsSocket for std::rc::Rc<T> {
    fn as_socket(&self) -> &Socket {
        (**self).as_socket()
    }
}

impl<T: AsSocket + ?Sized> AsSocket for std::sync::Arc<T> {
    fn as_socket(&self) -> &Socket {
        (**self).as_socket()
    }
}
