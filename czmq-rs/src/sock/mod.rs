//! Sock (CZMQ's zsock): a socket in the process-wide context with CZMQ's
//! defaults, typed constructors taking CZMQ's endpoint lists, ephemeral TCP
//! ports, signals and multipart helpers.

mod builder;
mod endpoint;

pub use builder::SockBuilder;

use std::ffi::CString;
use std::fmt;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::flags::Flags;
use crate::frame::Frame;
use crate::msg::{self, Msg};
use crate::socket::{AsSocket, Socket, SocketType};
use crate::zsys;

pub(crate) use endpoint::random_u64;
use endpoint::{Attach, BindKind};

/// A CZMQ-style socket: created in [`zsys::context`] with the zsys defaults
/// (linger, send and receive high-water marks) applied. Options and the
/// core calls are on its [`Socket`], lent by [`Sock::as_socket`] (there is
/// no `Deref`, so [`Sock::bind`], which returns the port, shadows nothing).
///
/// Constructors take CZMQ's endpoint lists: comma-separated, `@` forces a
/// bind, `>` forces a connect, and an unprefixed endpoint binds or connects
/// as the socket type usually does (PUB, REP, ROUTER, PULL, XPUB bind; SUB,
/// REQ, DEALER, PUSH, XSUB, PAIR, STREAM connect).
///
/// ```
/// use czmq::Sock;
/// let server = Sock::new_rep(Some("inproc://sock-doc"))?;
/// let client = Sock::new_req(Some("inproc://sock-doc"))?;
/// client.send_strs(&["hello", "world"])?;
/// assert_eq!(server.recv_strs()?, ["hello", "world"]);
/// server.send_strs(&["ok"])?;
/// assert_eq!(client.recv_strs()?, ["ok"]);
/// # Ok::<(), czmq::Error>(())
/// ```
///
/// Options that shape a connection (high-water marks, routing id, CURVE
/// keys...) are copied by libzmq when a connection or listener is made.
/// The typed constructors attach at once, so set such options with
/// [`Sock::builder`], which attaches last; once a socket is attached their
/// setters fail with [`Error::OptionTooLate`] rather than being ignored
/// (see [`OptionInfo::applies_at_attach`](crate::OptionInfo::applies_at_attach)).
///
/// ```
/// use czmq::{Error, Sock, SocketType};
/// let router = Sock::builder(SocketType::Router).sndhwm(500).bind("inproc://sock-doc-b")?;
/// assert_eq!(router.as_socket().set_sndhwm(10), Err(Error::OptionTooLate { option: "SNDHWM" }));
/// router.as_socket().set_router_mandatory(true)?; // read as the socket runs: any time
/// # Ok::<(), czmq::Error>(())
/// ```
#[repr(C)]
pub struct Sock {
    /// CZMQ's object tag, first so that C can tell a zsock from a zactor or
    /// a raw libzmq socket behind a `void *`.
    tag: u32,
    socket: Socket,
    /// The last endpoint bound, as CZMQ's zsock_endpoint reports it (a
    /// CString so the C face can lend it out without copying).
    endpoint: Option<CString>,
    /// Set on the child end of an actor pipe: dropping it sends the final
    /// signal the parent waits for.
    signal_on_drop: bool,
    /// Strings lent to C by the last zsock_brecv (see [`Sock::hold_strings`]).
    held: std::cell::RefCell<Vec<CString>>,
}

macro_rules! typed_constructors {
    ($( $(#[$cfg:meta])* $name:ident, $kind:ident, $serverish:expr, $doc:literal; )*) => {
        $(
            $(#[$cfg])*
            #[doc = $doc]
            ///
            /// `endpoints` is an attach list (see [`Sock::attach`]); `None` leaves
            /// the socket unattached. To set options that apply when a
            /// connection is made (high-water marks, routing id, security...),
            /// use [`Sock::builder`] instead.
            pub fn $name(endpoints: Option<&str>) -> Result<Sock> {
                Sock::with_endpoints(SocketType::$kind, endpoints, $serverish)
            }
        )*
    };
}

impl Sock {
    /// CZMQ's zsock tag (0xcafe0004), the first field of every `Sock`.
    pub const TAG: u32 = 0xcafe_0004;

    /// A socket of `kind` in the process-wide context, with zsys's linger and
    /// high-water marks applied.
    ///
    /// ```
    /// let s = czmq::Sock::new(czmq::SocketType::Dealer)?;
    /// assert_eq!(s.type_str(), "DEALER");
    /// assert_eq!(s.as_socket().sndhwm()?, czmq::zsys::sndhwm());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn new(kind: SocketType) -> Result<Sock> {
        let socket = zsys::context()?.socket(kind)?;
        let linger = zsys::linger();
        socket.set_linger(u64::try_from(linger).ok().map(Duration::from_millis))?;
        socket.set_sndhwm(zsys::sndhwm())?;
        socket.set_rcvhwm(zsys::rcvhwm())?;
        Ok(Sock::from_socket(socket))
    }

    /// Wraps an existing socket (no defaults are applied).
    pub fn from_socket(socket: Socket) -> Sock {
        Sock {
            tag: Sock::TAG,
            socket,
            endpoint: None,
            signal_on_drop: false,
            held: std::cell::RefCell::default(),
        }
    }

    /// Gives back the underlying socket.
    pub fn into_socket(self) -> Socket {
        let mut this = std::mem::ManuallyDrop::new(self);
        this.tag = 0;
        // SAFETY: `this` is never dropped, so each field is moved out exactly
        // once; the endpoint is dropped here, the socket returned.
        unsafe {
            drop(std::ptr::read(&this.endpoint));
            drop(std::ptr::read(&this.held));
            std::ptr::read(&this.socket)
        }
    }

    fn with_endpoints(kind: SocketType, endpoints: Option<&str>, serverish: bool) -> Result<Sock> {
        let mut sock = Sock::new(kind)?;
        if let Some(endpoints) = endpoints {
            sock.attach(endpoints, serverish)?;
        }
        Ok(sock)
    }

    typed_constructors! {
        new_pub, Pub, true, "A PUB socket (binds by default).";
        new_req, Req, false, "A REQ socket (connects by default).";
        new_rep, Rep, true, "A REP socket (binds by default).";
        new_dealer, Dealer, false, "A DEALER socket (connects by default).";
        new_router, Router, true, "A ROUTER socket (binds by default).";
        new_push, Push, false, "A PUSH socket (connects by default).";
        new_pull, Pull, true, "A PULL socket (binds by default).";
        new_xpub, Xpub, true, "An XPUB socket (binds by default).";
        new_xsub, Xsub, false, "An XSUB socket (connects by default).";
        new_pair, Pair, false, "A PAIR socket (connects by default).";
        new_stream, Stream, false, "A STREAM socket (connects by default).";
        #[cfg(feature = "draft")] new_server, Server, true, "A SERVER socket (DRAFT; binds by default).";
        #[cfg(feature = "draft")] new_client, Client, false, "A CLIENT socket (DRAFT; connects by default).";
        #[cfg(feature = "draft")] new_radio, Radio, true, "A RADIO socket (DRAFT; binds by default).";
        #[cfg(feature = "draft")] new_dish, Dish, false, "A DISH socket (DRAFT; connects by default).";
        #[cfg(feature = "draft")] new_gather, Gather, true, "A GATHER socket (DRAFT; binds by default).";
        #[cfg(feature = "draft")] new_scatter, Scatter, false, "A SCATTER socket (DRAFT; connects by default).";
        #[cfg(feature = "draft")] new_dgram, Dgram, true, "A DGRAM socket (DRAFT; binds by default).";
    }

    /// A SUB socket (connects by default), subscribed to `subscribe` if given.
    ///
    /// ```
    /// use czmq::Sock;
    /// let publisher = Sock::new_pub(Some("inproc://sub-doc"))?;
    /// let subscriber = Sock::new_sub(Some("inproc://sub-doc"), Some("news"))?;
    /// // The subscription reaches the publisher asynchronously: publish
    /// // until a message gets through.
    /// let mut got = Vec::new();
    /// for _ in 0..500 {
    ///     publisher.send_strs(&["news", "today"])?;
    ///     if let Ok(msg) = czmq::Msg::try_recv(&subscriber) {
    ///         got = msg.iter().filter_map(|f| f.as_str()).map(String::from).collect();
    ///         break;
    ///     }
    ///     std::thread::sleep(std::time::Duration::from_millis(10));
    /// }
    /// assert_eq!(got, ["news", "today"]);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn new_sub(endpoints: Option<&str>, subscribe: Option<&str>) -> Result<Sock> {
        let sock = Sock::with_endpoints(SocketType::Sub, endpoints, false)?;
        if let Some(topic) = subscribe {
            sock.as_socket().set_subscribe(topic.as_bytes())?;
        }
        Ok(sock)
    }

    /// Binds and connects to a comma-separated list of endpoints: `@` forces a
    /// bind, `>` a connect; others bind when `serverish`, else connect. Stops
    /// at the first endpoint that fails.
    ///
    /// ```
    /// let mut s = czmq::Sock::new(czmq::SocketType::Pair)?;
    /// s.attach("@inproc://attach-doc-a,@inproc://attach-doc-b", false)?;
    /// assert_eq!(s.endpoint(), Some("inproc://attach-doc-b"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn attach(&mut self, endpoints: &str, serverish: bool) -> Result<()> {
        for entry in endpoint::parse_attach(endpoints, serverish)? {
            match entry {
                Attach::Bind(ep) => {
                    self.bind(ep)?;
                }
                Attach::Connect(ep) => self.socket.connect(ep)?,
            }
        }
        Ok(())
    }

    /// Binds to an endpoint and returns the TCP port bound (0 for other
    /// transports). Besides libzmq's forms, takes CZMQ's ephemeral ports:
    /// `tcp://host:*` binds the first free port from 49152 (0xC000) up to
    /// 65535, `tcp://host:!` starts at a random port of that range, and both
    /// take a range suffix, `[first-last]`, either end optional.
    ///
    /// ```
    /// let mut s = czmq::Sock::new(czmq::SocketType::Pub)?;
    /// let port = s.bind("tcp://127.0.0.1:*")?;
    /// assert!(port >= 49152);
    /// assert_eq!(s.endpoint(), Some(format!("tcp://127.0.0.1:{port}").as_str()));
    /// assert_eq!(s.bind("inproc://bind-doc")?, 0);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn bind(&mut self, endpoint: &str) -> Result<u16> {
        let (bound, port) = self.socket.bind_czmq(endpoint)?;
        // A CString so the C face can lend it out; endpoints given as &str
        // cannot hold a NUL that libzmq accepted, so this never drops one.
        self.endpoint = CString::new(bound).ok();
        Ok(port)
    }

    /// The last endpoint bound, with the port CZMQ chose for ephemeral binds.
    pub fn endpoint(&self) -> Option<&str> {
        self.endpoint.as_deref().and_then(|c| c.to_str().ok())
    }

    /// Stops listening on an endpoint bound earlier.
    pub fn unbind(&self, endpoint: &str) -> Result<()> {
        self.socket.unbind(endpoint)
    }

    /// Connects to an endpoint.
    pub fn connect(&self, endpoint: &str) -> Result<()> {
        self.socket.connect(endpoint)
    }

    /// Disconnects from an endpoint connected earlier.
    pub fn disconnect(&self, endpoint: &str) -> Result<()> {
        self.socket.disconnect(endpoint)
    }

    /// The socket type as CZMQ prints it ("PUB", "ROUTER", ...).
    pub fn type_str(&self) -> &'static str {
        self.socket.kind().name()
    }

    /// The underlying [`Socket`], for its options and core calls (a `Sock`
    /// does not deref to it: [`Sock::bind`] returns the port, `Socket::bind`
    /// does not, and the two must not shadow each other). The same as
    /// [`AsSocket::as_socket`], without importing the trait.
    ///
    /// ```
    /// let s = czmq::Sock::new_pub(Some("@inproc://as-socket-doc"))?;
    /// s.as_socket().set_linger(None)?;
    /// assert_eq!(s.as_socket().linger()?, None);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn as_socket(&self) -> &Socket {
        &self.socket
    }

    /// Sends a CZMQ signal: one 8-byte frame holding the native-endian
    /// integer 0x7766554433221100 + `status`. Used between threads over
    /// pipes, e.g. by actors to say they are ready.
    ///
    /// ```
    /// let a = czmq::Sock::new_pair(Some("@inproc://signal-doc"))?;
    /// let b = czmq::Sock::new_pair(Some("inproc://signal-doc"))?;
    /// a.signal(7)?;
    /// assert_eq!(b.wait()?, 7);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn signal(&self, status: u8) -> Result<()> {
        self.socket.send_bytes(&msg::signal_bytes(status))
    }

    /// Waits for a signal, discarding any other message received meanwhile
    /// (as CZMQ's zsock_wait), and returns its status. Honours the receive
    /// timeout ([`Error::Again`] when it expires).
    pub fn wait(&self) -> Result<u8> {
        loop {
            if let Some(status) = Msg::recv(self)?.signal() {
                return Ok(status);
            }
        }
    }

    /// Sends each part as one frame of a multipart message (copying the bytes;
    /// use [`Msg`] or [`Frame`] to send without copying).
    ///
    /// ```
    /// let a = czmq::Sock::new_pair(Some("@inproc://parts-doc"))?;
    /// let b = czmq::Sock::new_pair(Some("inproc://parts-doc"))?;
    /// a.send_parts(&[&b"\x01\x02"[..], b"", b"end"])?;
    /// let frames = b.recv_parts()?;
    /// assert_eq!(frames.len(), 3);
    /// assert_eq!(frames[0].data(), &[1, 2]);
    /// assert!(frames[1].data().is_empty());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn send_parts<T: AsRef<[u8]>>(&self, parts: &[T]) -> Result<()> {
        let Some((last, init)) = parts.split_last() else {
            return Err(Error::InvalidArgument(
                "a message needs at least one frame".into(),
            ));
        };
        for part in init {
            self.socket.send_bytes_with(part.as_ref(), Flags::MORE)?;
        }
        self.socket.send_bytes(last.as_ref())
    }

    /// Sends each string as one frame of a multipart message (CZMQ's
    /// zstr_sendx / `zsock_send (sock, "ss", ...)`).
    pub fn send_strs<S: AsRef<str>>(&self, parts: &[S]) -> Result<()> {
        crate::zstr::sendx(self, parts)
    }

    /// Receives every frame of one multipart message.
    pub fn recv_parts(&self) -> Result<Vec<Frame>> {
        Ok(Msg::recv(self)?.into_iter().collect())
    }

    /// Receives every frame of one multipart message as text;
    /// [`Error::InvalidUtf8`] if any frame is not UTF-8 (the whole message is
    /// consumed either way).
    pub fn recv_strs(&self) -> Result<Vec<String>> {
        Msg::recv(self)?
            .into_iter()
            .map(|f| String::from_utf8(f.data().to_vec()).map_err(Error::from))
            .collect()
    }

    /// Discards the rest of a partly read multipart message, if any (CZMQ's
    /// zsock_flush).
    ///
    /// ```
    /// let a = czmq::Sock::new_pair(Some("@inproc://flush-doc"))?;
    /// let b = czmq::Sock::new_pair(Some("inproc://flush-doc"))?;
    /// a.send_strs(&["one", "two", "three"])?;
    /// a.send_strs(&["next"])?;
    /// assert_eq!(czmq::zstr::recv(&b)?, "one");
    /// b.flush()?;
    /// assert_eq!(b.recv_strs()?, ["next"]);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn flush(&self) -> Result<()> {
        // The remaining frames of a started message are already queued.
        while self.socket.rcvmore()? {
            match self.socket.recv_msg_with(Flags::DONTWAIT) {
                Ok(_) | Err(Error::Interrupted) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Keeps `strings` until the next call, dropping the ones held before,
    /// and returns where their bytes are. CZMQ's zsock_brecv hands C callers
    /// `s` strings that belong to the socket and stay valid until its next
    /// zsock_brecv (on the socket or on the actor that owns it, so `&self`);
    /// the C face keeps them here. A CString's bytes do not move when the
    /// CString does, so the pointers stay valid until the next call or the
    /// socket's drop.
    ///
    /// ```
    /// use std::ffi::{CStr, CString};
    /// let s = czmq::Sock::new(czmq::SocketType::Pair)?;
    /// let held = s.hold_strings(vec![CString::new("kept").unwrap()]);
    /// // SAFETY: held until the next hold_strings on `s`.
    /// assert_eq!(unsafe { CStr::from_ptr(held[0]) }.to_str(), Ok("kept"));
    /// assert!(s.hold_strings(Vec::new()).is_empty());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn hold_strings(&self, strings: Vec<CString>) -> Vec<*const std::ffi::c_char> {
        let pointers = strings.iter().map(|s| s.as_ptr()).collect();
        *self.held.borrow_mut() = strings;
        pointers
    }

    /// Marks this end of an actor pipe: its drop sends the final signal.
    pub(crate) fn set_signal_on_drop(&mut self) {
        self.signal_on_drop = true;
    }
}

impl Drop for Sock {
    fn drop(&mut self) {
        if self.signal_on_drop {
            // The final signal of an actor: never block, the parent may be gone.
            let _ = self
                .socket
                .send_bytes_with(&msg::signal_bytes(0), Flags::DONTWAIT);
        }
    }
}

impl AsSocket for Sock {
    fn as_socket(&self) -> &Socket {
        &self.socket
    }
}

impl fmt::Debug for Sock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sock")
            .field("type", &self.type_str())
            .field("endpoint", &self.endpoint())
            .finish()
    }
}

impl Socket {
    /// Binds with CZMQ's endpoint forms (see [`Sock::bind`]: `tcp://host:*`
    /// scans 49152-65535, `!` starts at a random port, `[first-last]` ranges)
    /// and returns the endpoint actually bound with its port (0 for non-tcp).
    /// For sockets shared where `&mut Sock` is not at hand.
    ///
    /// ```
    /// let s = czmq::Context::new()?.socket(czmq::SocketType::Router)?;
    /// let (endpoint, port) = s.bind_czmq("tcp://127.0.0.1:*")?;
    /// assert_eq!(endpoint, format!("tcp://127.0.0.1:{port}"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn bind_czmq(&self, endpoint: &str) -> Result<(String, u16)> {
        match endpoint::parse_bind(endpoint)? {
            BindKind::Other => {
                self.bind(endpoint)?;
                Ok((endpoint.to_owned(), 0))
            }
            BindKind::TcpPort(port) => {
                self.bind(endpoint)?;
                match u16::try_from(port) {
                    // Port 0 asks the OS for a port: report the one it chose.
                    Ok(0) | Err(_) => {
                        let resolved = self.last_endpoint()?;
                        let port = endpoint::port_of(&resolved).unwrap_or(0);
                        Ok((resolved, port))
                    }
                    Ok(port) => Ok((endpoint.to_owned(), port)),
                }
            }
            BindKind::Ephemeral(eph) => bind_ephemeral(self, eph),
        }
    }
}

/// Tries each port of the range once, starting at its first port or at a
/// random one, wrapping around, as CZMQ does.
fn bind_ephemeral(socket: &Socket, eph: endpoint::Ephemeral<'_>) -> Result<(String, u16)> {
    let span = u64::from(eph.last - eph.first) + 1;
    let start = if eph.random { random_u64() % span } else { 0 };
    for step in 0..span {
        let offset = (start + step) % span;
        // offset < span <= 65536 - first, so the sum fits in a u16.
        let port = eph.first + offset as u16;
        let candidate = format!("{}:{port}", eph.host);
        match socket.bind(&candidate) {
            Ok(()) => return Ok((candidate, port)),
            Err(Error::AddrInUse) | Err(Error::Interrupted) => continue,
            // A bad host or similar: every other port would fail the same way.
            Err(e) => return Err(e),
        }
    }
    Err(Error::AddrInUse)
}
