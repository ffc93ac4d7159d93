//! SockBuilder: a [`Sock`] whose options are all set before it binds or
//! connects, so that every option reaches the first connection.

use std::time::Duration;

use crate::cert::Cert;
use crate::error::Result;
use crate::socket::{Socket, SocketType};

use super::Sock;

/// Builds a [`Sock`]: options first, then one attach that ends the build,
/// so options that libzmq applies only when a connection is made (see
/// [`OptionInfo::applies_at_attach`](crate::OptionInfo::applies_at_attach))
/// cannot come too late. Made by [`Sock::builder`]; starts from the same
/// zsys defaults as [`Sock::new`].
///
/// Errors wait: the first failing step is the error that the finishing
/// call ([`attach`](SockBuilder::attach), [`bind`](SockBuilder::bind),
/// [`connect`](SockBuilder::connect) or [`build`](SockBuilder::build))
/// returns, so the chain needs one `?`.
///
/// ```
/// use czmq::{Sock, SocketType};
/// let router = Sock::builder(SocketType::Router).bind("tcp://127.0.0.1:*")?;
/// let dealer = Sock::builder(SocketType::Dealer)
///     .routing_id(b"worker-1")
///     .sndhwm(100)
///     .connect(router.endpoint().unwrap())?;
/// dealer.send_strs(&["ready"])?;
/// assert_eq!(router.recv_strs()?, ["worker-1", "ready"]);
/// # Ok::<(), czmq::Error>(())
/// ```
#[must_use = "a SockBuilder does nothing until attach, bind, connect or build"]
#[derive(Debug)]
pub struct SockBuilder {
    /// The socket being built, or the first error met.
    sock: Result<Sock>,
}

impl Sock {
    /// A [`SockBuilder`] for a socket of `kind`: set options on it, then
    /// finish with [`attach`](SockBuilder::attach),
    /// [`bind`](SockBuilder::bind) or [`connect`](SockBuilder::connect).
    ///
    /// ```
    /// use czmq::{Sock, SocketType};
    /// let pull = Sock::builder(SocketType::Pull)
    ///     .rcvhwm(10)
    ///     .attach("inproc://builder-doc")?; // PULL binds by default
    /// assert_eq!(pull.as_socket().rcvhwm()?, 10);
    /// assert_eq!(pull.endpoint(), Some("inproc://builder-doc"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn builder(kind: SocketType) -> SockBuilder {
        SockBuilder {
            sock: Sock::new(kind),
        }
    }
}

/// Whether an unprefixed endpoint binds for this type, as CZMQ's typed
/// constructors do.
pub(super) fn binds_by_default(kind: SocketType) -> bool {
    #[cfg(feature = "draft")]
    if matches!(
        kind,
        SocketType::Server | SocketType::Radio | SocketType::Gather | SocketType::Dgram
    ) {
        return true;
    }
    matches!(
        kind,
        SocketType::Pub
            | SocketType::Rep
            | SocketType::Router
            | SocketType::Pull
            | SocketType::Xpub
    )
}

impl SockBuilder {
    /// Runs `set` on the socket, not yet attached: any option, through the
    /// typed setters of [`Socket`].
    ///
    /// ```
    /// use czmq::{Sock, SocketType};
    /// let sock = Sock::builder(SocketType::Dealer)
    ///     .option(|s| s.set_tcp_keepalive(1))
    ///     .option(|s| s.set_conflate(true))
    ///     .build()?;
    /// assert_eq!(sock.as_socket().tcp_keepalive()?, 1);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn option(mut self, set: impl FnOnce(&Socket) -> Result<()>) -> SockBuilder {
        if let Ok(sock) = &self.sock
            && let Err(e) = set(sock.as_socket())
        {
            self.sock = Err(e);
        }
        self
    }

    /// ZMQ_SNDHWM: at most this many messages queued per peer for sending
    /// (0: no limit).
    ///
    /// ```
    /// let s = czmq::Sock::builder(czmq::SocketType::Push).sndhwm(5).build()?;
    /// assert_eq!(s.as_socket().sndhwm()?, 5);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn sndhwm(self, messages: i32) -> SockBuilder {
        self.option(|s| s.set_sndhwm(messages))
    }

    /// ZMQ_RCVHWM: at most this many messages queued per peer on receipt
    /// (0: no limit).
    ///
    /// ```
    /// let s = czmq::Sock::builder(czmq::SocketType::Pull).rcvhwm(5).build()?;
    /// assert_eq!(s.as_socket().rcvhwm()?, 5);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn rcvhwm(self, messages: i32) -> SockBuilder {
        self.option(|s| s.set_rcvhwm(messages))
    }

    /// ZMQ_ROUTING_ID: the identity a ROUTER peer sees for this socket
    /// (1 to 255 bytes, not starting with a zero byte).
    ///
    /// ```
    /// let s = czmq::Sock::builder(czmq::SocketType::Dealer).routing_id(b"me").build()?;
    /// assert_eq!(s.as_socket().routing_id()?, b"me");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn routing_id(self, id: &[u8]) -> SockBuilder {
        self.option(|s| s.set_routing_id(id))
    }

    /// ZMQ_LINGER: how long unsent messages are kept after the socket is
    /// dropped (`None`: until sent).
    ///
    /// ```
    /// use std::time::Duration;
    /// let s = czmq::Sock::builder(czmq::SocketType::Push)
    ///     .linger(Some(Duration::from_millis(100)))
    ///     .build()?;
    /// assert_eq!(s.as_socket().linger()?, Some(Duration::from_millis(100)));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn linger(self, linger: Option<Duration>) -> SockBuilder {
        self.option(|s| s.set_linger(linger))
    }

    /// ZMQ_SNDTIMEO: how long a send may block (`None`: forever).
    ///
    /// ```
    /// use std::time::Duration;
    /// let s = czmq::Sock::builder(czmq::SocketType::Push)
    ///     .sndtimeo(Some(Duration::from_millis(50)))
    ///     .build()?;
    /// assert_eq!(s.as_socket().sndtimeo()?, Some(Duration::from_millis(50)));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn sndtimeo(self, timeout: Option<Duration>) -> SockBuilder {
        self.option(|s| s.set_sndtimeo(timeout))
    }

    /// ZMQ_RCVTIMEO: how long a receive may block (`None`: forever).
    ///
    /// ```
    /// use std::time::Duration;
    /// let s = czmq::Sock::builder(czmq::SocketType::Pull)
    ///     .rcvtimeo(Some(Duration::from_millis(50)))
    ///     .build()?;
    /// assert_eq!(s.recv_strs(), Err(czmq::Error::Again));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn rcvtimeo(self, timeout: Option<Duration>) -> SockBuilder {
        self.option(|s| s.set_rcvtimeo(timeout))
    }

    /// ZMQ_SUBSCRIBE: on a SUB socket, receive messages starting with
    /// `prefix` (call again for more prefixes; `b""` takes everything).
    ///
    /// ```
    /// let sub = czmq::Sock::builder(czmq::SocketType::Sub)
    ///     .subscribe(b"news")
    ///     .subscribe(b"weather")
    ///     .build()?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn subscribe(self, prefix: &[u8]) -> SockBuilder {
        self.option(|s| s.set_subscribe(prefix))
    }

    /// ZMQ_RECONNECT_IVL: how long to wait before reconnecting to a peer
    /// that went away (`None`: never reconnect).
    ///
    /// ```
    /// use std::time::Duration;
    /// let s = czmq::Sock::builder(czmq::SocketType::Dealer)
    ///     .reconnect_ivl(Some(Duration::from_millis(250)))
    ///     .build()?;
    /// assert_eq!(s.as_socket().reconnect_ivl()?, Some(Duration::from_millis(250)));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn reconnect_ivl(self, interval: Option<Duration>) -> SockBuilder {
        self.option(|s| s.set_reconnect_ivl(interval))
    }

    /// ZMTP heartbeats: a PING every `interval`, and the connection is
    /// dropped when nothing comes back within `timeout` (ZMQ_HEARTBEAT_IVL
    /// and ZMQ_HEARTBEAT_TIMEOUT).
    ///
    /// ```
    /// use std::time::Duration;
    /// let s = czmq::Sock::builder(czmq::SocketType::Dealer)
    ///     .heartbeat(Duration::from_secs(1), Duration::from_secs(3))
    ///     .build()?;
    /// assert_eq!(s.as_socket().heartbeat_ivl()?, Duration::from_secs(1));
    /// assert_eq!(s.as_socket().heartbeat_timeout()?, Duration::from_secs(3));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn heartbeat(self, interval: Duration, timeout: Duration) -> SockBuilder {
        self.option(|s| s.set_heartbeat_ivl(interval))
            .option(|s| s.set_heartbeat_timeout(timeout))
    }

    /// ZMQ_IMMEDIATE: queue messages only for peers whose connection is
    /// complete.
    ///
    /// ```
    /// let s = czmq::Sock::builder(czmq::SocketType::Push).immediate(true).build()?;
    /// assert!(s.as_socket().immediate()?);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn immediate(self, immediate: bool) -> SockBuilder {
        self.option(|s| s.set_immediate(immediate))
    }

    /// ZMQ_IPV6: use IPv6 as well as IPv4 for TCP endpoints.
    ///
    /// ```
    /// let s = czmq::Sock::builder(czmq::SocketType::Pub).ipv6(true).build()?;
    /// assert!(s.as_socket().ipv6()?);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn ipv6(self, ipv6: bool) -> SockBuilder {
        self.option(|s| s.set_ipv6(ipv6))
    }

    /// ZMQ_ZAP_DOMAIN: the domain a ZAP handler (such as [`Auth`](crate::Auth))
    /// is told connections arrive in.
    ///
    /// ```
    /// let s = czmq::Sock::builder(czmq::SocketType::Router).zap_domain("global").build()?;
    /// assert_eq!(s.as_socket().zap_domain()?, "global");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn zap_domain(self, domain: &str) -> SockBuilder {
        self.option(|s| s.set_zap_domain(domain))
    }

    /// Makes this a CURVE server with `cert`'s keys (CZMQ's
    /// zcert_apply + `curve_server`).
    ///
    /// ```
    /// let cert = czmq::Cert::new()?;
    /// let s = czmq::Sock::builder(czmq::SocketType::Router).curve_server(&cert).build()?;
    /// assert!(s.as_socket().curve_server()?);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn curve_server(self, cert: &Cert) -> SockBuilder {
        self.option(|s| cert.apply_server(s))
    }

    /// Makes this a CURVE client with `cert`'s keys, talking to the server
    /// whose public key is `server_public_key` (32 bytes or 40 Z85
    /// characters).
    ///
    /// ```
    /// let (server, client) = (czmq::Cert::new()?, czmq::Cert::new()?);
    /// let s = czmq::Sock::builder(czmq::SocketType::Dealer)
    ///     .curve_client(&client, server.public_key())
    ///     .build()?;
    /// assert_eq!(s.as_socket().curve_serverkey()?, server.public_txt());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn curve_client(self, cert: &Cert, server_public_key: &[u8]) -> SockBuilder {
        self.option(|s| cert.apply_client(s, server_public_key))
    }

    /// Makes this a PLAIN server (credentials checked by a ZAP handler).
    ///
    /// ```
    /// let s = czmq::Sock::builder(czmq::SocketType::Router).plain_server().build()?;
    /// assert!(s.as_socket().plain_server()?);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn plain_server(self) -> SockBuilder {
        self.option(|s| s.set_plain_server(true))
    }

    /// Makes this a PLAIN client with these credentials.
    ///
    /// ```
    /// let s = czmq::Sock::builder(czmq::SocketType::Dealer)
    ///     .plain_client("admin", "secret")
    ///     .build()?;
    /// assert_eq!(s.as_socket().plain_username()?, "admin");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn plain_client(self, username: &str, password: &str) -> SockBuilder {
        self.option(|s| s.set_plain_username(username))
            .option(|s| s.set_plain_password(password))
    }

    /// Finishes the build with the socket not attached, for callers that
    /// attach it later (options set through it before that still apply).
    ///
    /// ```
    /// let mut s = czmq::Sock::builder(czmq::SocketType::Pair).sndhwm(1).build()?;
    /// assert!(!s.as_socket().is_attached());
    /// s.bind("inproc://builder-build-doc")?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn build(self) -> Result<Sock> {
        self.sock
    }

    /// Finishes the build by attaching to a CZMQ endpoint list (see
    /// [`Sock::attach`]): `@` binds, `>` connects, and an unprefixed
    /// endpoint does what the typed constructor of this socket type does
    /// (PUB, REP, ROUTER, PULL, XPUB bind; the others connect).
    ///
    /// ```
    /// use czmq::{Sock, SocketType};
    /// let publisher = Sock::builder(SocketType::Pub)
    ///     .sndhwm(1000)
    ///     .attach("inproc://builder-attach-a,@inproc://builder-attach-b")?;
    /// assert_eq!(publisher.endpoint(), Some("inproc://builder-attach-b"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn attach(self, endpoints: &str) -> Result<Sock> {
        let mut sock = self.sock?;
        let serverish = binds_by_default(sock.as_socket().kind());
        sock.attach(endpoints, serverish)?;
        Ok(sock)
    }

    /// Finishes the build by binding to one endpoint, with CZMQ's
    /// ephemeral ports (see [`Sock::bind`]); [`Sock::endpoint`] tells the
    /// port chosen.
    ///
    /// ```
    /// let s = czmq::Sock::builder(czmq::SocketType::Router).bind("tcp://127.0.0.1:*")?;
    /// assert!(s.endpoint().unwrap().starts_with("tcp://127.0.0.1:"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn bind(self, endpoint: &str) -> Result<Sock> {
        let mut sock = self.sock?;
        sock.bind(endpoint)?;
        Ok(sock)
    }

    /// Finishes the build by connecting to one endpoint.
    ///
    /// ```
    /// let s = czmq::Sock::builder(czmq::SocketType::Req).connect("tcp://127.0.0.1:5555")?;
    /// assert!(s.as_socket().is_attached());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn connect(self, endpoint: &str) -> Result<Sock> {
        let sock = self.sock?;
        sock.connect(endpoint)?;
        Ok(sock)
    }
}
