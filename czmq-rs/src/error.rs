//! One error type for every layer: each errno libzmq returns has a named
//! variant carrying libzmq's own text, plus the few errors of our own layers.

use std::ffi::CStr;
use std::io;

use zmq_sys_vendored as sys;

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Base of libzmq's own error numbers (`ZMQ_HAUSNUMERO`).
const HAUSNUMERO: i32 = 156_384_712;

/// Everything that can go wrong, in any layer.
///
/// The errno variants mirror libzmq's: `Error::from_errno(libc::EAGAIN)` is
/// [`Error::Again`], and its `Display` is libzmq's `zmq_strerror` text.
///
/// ```
/// use czmq::Error;
/// let e = Error::from_errno(libc::EAGAIN);
/// assert_eq!(e, Error::Again);
/// assert_eq!(e.errno(), Some(libc::EAGAIN));
/// assert!(!e.to_string().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// EAGAIN: non-blocking mode was requested and the operation would block,
    /// or a timeout expired.
    #[error("{}", strerror(libc::EAGAIN))]
    Again,
    /// EINTR: the operation was interrupted by a signal.
    #[error("{}", strerror(libc::EINTR))]
    Interrupted,
    /// ETERM: the context was terminated.
    #[error("{}", strerror(HAUSNUMERO + 53))]
    Terminated,
    /// EFSM: the operation is not valid in the socket's current state (e.g. REQ sending twice).
    #[error("{}", strerror(HAUSNUMERO + 51))]
    Fsm,
    /// ENOCOMPATPROTO: the protocol is not compatible with the socket type.
    #[error("{}", strerror(HAUSNUMERO + 52))]
    IncompatibleProtocol,
    /// EMTHREAD: no I/O thread is available.
    #[error("{}", strerror(HAUSNUMERO + 54))]
    NoIoThread,
    /// EHOSTUNREACH: the message cannot be routed (ROUTER mandatory, SERVER).
    #[error("{}", strerror(libc::EHOSTUNREACH))]
    HostUnreachable,
    /// ENOTSOCK: the socket is invalid (closed).
    #[error("{}", strerror(libc::ENOTSOCK))]
    NotSocket,
    /// EPROTONOSUPPORT: the transport protocol is not supported.
    #[error("{}", strerror(libc::EPROTONOSUPPORT))]
    ProtocolNotSupported,
    /// EADDRINUSE: the address is already in use.
    #[error("{}", strerror(libc::EADDRINUSE))]
    AddrInUse,
    /// EADDRNOTAVAIL: the address is not local.
    #[error("{}", strerror(libc::EADDRNOTAVAIL))]
    AddrNotAvailable,
    /// EINVAL: an argument was invalid (bad endpoint, bad option value...).
    #[error("{}", strerror(libc::EINVAL))]
    Invalid,
    /// ENOTSUP: the operation is not supported by this socket type.
    #[error("{}", strerror(libc::ENOTSUP))]
    NotSupported,
    /// ENODEV: the requested network interface does not exist.
    #[error("{}", strerror(libc::ENODEV))]
    NoDevice,
    /// ENOENT: the endpoint was not bound or connected (unbind/disconnect).
    #[error("{}", strerror(libc::ENOENT))]
    NoEntry,
    /// EFAULT: an invalid pointer or object was passed.
    #[error("{}", strerror(libc::EFAULT))]
    Fault,
    /// ENOMEM: out of memory.
    #[error("{}", strerror(libc::ENOMEM))]
    NoMemory,
    /// EMFILE: too many open sockets or files.
    #[error("{}", strerror(libc::EMFILE))]
    TooManyFiles,
    /// ENOBUFS: no buffer space available.
    #[error("{}", strerror(libc::ENOBUFS))]
    NoBufferSpace,
    /// EMSGSIZE: the message is too long.
    #[error("{}", strerror(libc::EMSGSIZE))]
    MessageTooLong,
    /// EAFNOSUPPORT: address family not supported.
    #[error("{}", strerror(libc::EAFNOSUPPORT))]
    AddressFamilyNotSupported,
    /// ENETDOWN: the network is down.
    #[error("{}", strerror(libc::ENETDOWN))]
    NetworkDown,
    /// ENETUNREACH: the network is unreachable.
    #[error("{}", strerror(libc::ENETUNREACH))]
    NetworkUnreachable,
    /// ECONNREFUSED: connection refused.
    #[error("{}", strerror(libc::ECONNREFUSED))]
    ConnectionRefused,
    /// ECONNABORTED: connection aborted.
    #[error("{}", strerror(libc::ECONNABORTED))]
    ConnectionAborted,
    /// ECONNRESET: connection reset by peer.
    #[error("{}", strerror(libc::ECONNRESET))]
    ConnectionReset,
    /// ENOTCONN: the socket is not connected.
    #[error("{}", strerror(libc::ENOTCONN))]
    NotConnected,
    /// ETIMEDOUT: the operation timed out.
    #[error("{}", strerror(libc::ETIMEDOUT))]
    TimedOut,
    /// EINPROGRESS: the operation is in progress.
    #[error("{}", strerror(libc::EINPROGRESS))]
    InProgress,
    /// Any other errno, with libzmq's text for it.
    #[error("{} (errno {})", strerror(*.0), .0)]
    Other(i32),
    /// Received bytes that should have been UTF-8 text were not. The bytes
    /// come back to the caller (as rust-zmq's `recv_string` returns them),
    /// with where they stop being UTF-8 as the `source()`.
    ///
    /// ```
    /// use czmq::Error;
    /// use std::error::Error as _;
    /// let e = Error::from(String::from_utf8(vec![b'o', b'k', 0xff]).unwrap_err());
    /// let Error::InvalidUtf8 { bytes, source } = &e else { unreachable!() };
    /// assert_eq!((&bytes[..], source.valid_up_to()), (&b"ok\xff"[..], 2));
    /// assert!(e.source().is_some());
    /// ```
    #[error("received text is not valid UTF-8")]
    InvalidUtf8 {
        /// The bytes received, unchanged.
        bytes: Vec<u8>,
        /// Where and why decoding failed.
        #[source]
        source: std::str::Utf8Error,
    },
    /// Bytes that do not follow the expected format (a malformed frame, a
    /// config file with a syntax error...), with what was wrong.
    #[error("malformed input: {0}")]
    Malformed(String),
    /// An argument was refused before reaching libzmq, with the reason.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// Bytes or text that a decoder of another crate or module refused (a
    /// Base64 string, a UUID, a ZPL file, a ZGP frame), with what was being
    /// decoded; `source()` is the decoder's own error, which
    /// [`Cause::get_ref`] hands out for downcasting (as rusqlite's
    /// `FromSqlConversionFailure` keeps its cause).
    ///
    /// ```
    /// use czmq::{Error, Uuid};
    /// let text = "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"; // 32 digits, none of them hex
    /// let e = Uuid::from_str_lenient(text).unwrap_err();
    /// let Error::Decode { what, source } = &e else { unreachable!() };
    /// assert_eq!(what, &format!("UUID {text:?}"));
    /// assert!(source.get_ref().is::<uuid::Error>());
    /// ```
    #[error("cannot decode {what}: {source}")]
    Decode {
        /// What was being decoded.
        what: String,
        /// The decoder's error.
        #[source]
        source: Cause,
    },
    /// A value that an encoder of another crate or module refused (a ZGP
    /// field too long for its length prefix...), with what was being
    /// encoded; `source()` is the encoder's own error.
    ///
    /// ```
    /// use czmq::{Cause, Error};
    /// use std::error::Error as _;
    /// let e = Error::Encode { what: "a frame".into(), source: Cause::new(std::fmt::Error) };
    /// assert_eq!(e.to_string(), "cannot encode a frame: an error occurred when formatting an argument");
    /// assert!(e.source().is_some());
    /// ```
    #[error("cannot encode {what}: {source}")]
    Encode {
        /// What was being encoded.
        what: String,
        /// The encoder's error.
        #[source]
        source: Cause,
    },
    /// An I/O error that has no errno (a custom [`io::Error`], e.g. from a
    /// reader or a closure), kept whole: `source()` is it. An I/O error
    /// with an errno becomes that errno's variant (a missing file is
    /// [`Error::NoEntry`]), as CZMQ reports it.
    ///
    /// ```
    /// use czmq::Error;
    /// let e = Error::from(std::io::Error::other("disk on fire"));
    /// let Error::Io(io) = &e else { unreachable!() };
    /// assert_eq!(io.kind(), std::io::ErrorKind::Other);
    /// assert!(std::error::Error::source(&e).is_some());
    /// assert_eq!(Error::from(std::io::Error::from_raw_os_error(libc::ENOENT)), Error::NoEntry);
    /// ```
    #[error("I/O error: {0}")]
    Io(#[source] IoError),
    /// A socket was closed or a peer went away while we waited for it.
    #[error("{0}")]
    Disconnected(String),
    /// An option that libzmq applies only when a connection or listener is
    /// made (see [`OptionInfo::applies_at_attach`](crate::OptionInfo::applies_at_attach))
    /// was set on a socket already bound or connected: libzmq would keep it
    /// for later endpoints only, so the endpoints attached already would
    /// silently go on without it. Set it before attaching, with
    /// [`Sock::builder`](crate::Sock::builder) or on a socket made without
    /// endpoints.
    ///
    /// ```
    /// use czmq::{Error, Sock};
    /// let dealer = Sock::new_dealer(Some("inproc://too-late-doc"))?;
    /// assert_eq!(
    ///     dealer.as_socket().set_sndhwm(10),
    ///     Err(Error::OptionTooLate { option: "SNDHWM" })
    /// );
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[error(
        "ZMQ_{option} applies only to connections made after it is set, and this socket is already bound or connected: set it before attaching"
    )]
    OptionTooLate {
        /// libzmq's name of the option, without `ZMQ_` ("SNDHWM").
        option: &'static str,
    },
    /// An endpoint that cannot be bound or connected as written, refused
    /// before libzmq saw it, with what is wrong with it.
    ///
    /// ```
    /// use czmq::{Error, Sock, SocketType};
    /// let mut s = Sock::new(SocketType::Pub)?;
    /// let e = s.bind("tcp://127.0.0.1:*[9-1]").unwrap_err();
    /// assert!(matches!(e, Error::InvalidEndpoint { ref endpoint, .. } if endpoint == "tcp://127.0.0.1:*[9-1]"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[error("invalid endpoint {endpoint:?}: {reason}")]
    InvalidEndpoint {
        /// The endpoint as given.
        endpoint: String,
        /// What is wrong with it.
        reason: String,
    },
    /// An error of a lower layer, with what was being done when it happened
    /// (reading which file, decoding which field...). `source()` is the
    /// error itself, to match on through [`Error::root`]; `Display` shows
    /// the context then the cause (as rusqlite's errors that wrap one do),
    /// so code that prints `{e}` loses nothing.
    ///
    /// ```
    /// use czmq::Error;
    /// use std::error::Error as _;
    /// let e = Error::Malformed("bad key".into()).context("reading cert.txt");
    /// assert_eq!(e.to_string(), "reading cert.txt: malformed input: bad key");
    /// assert_eq!(e.source().unwrap().to_string(), "malformed input: bad key");
    /// assert_eq!(e.root(), &Error::Malformed("bad key".into()));
    /// ```
    #[error("{context}: {source}")]
    Context {
        /// What was being done.
        context: String,
        /// What went wrong.
        #[source]
        source: Box<Error>,
    },
}

/// The errno table, in one place: variant <-> number.
const ERRNO_TABLE: &[(Error, i32)] = &[
    (Error::Again, libc::EAGAIN),
    (Error::Interrupted, libc::EINTR),
    (Error::Terminated, HAUSNUMERO + 53),
    (Error::Fsm, HAUSNUMERO + 51),
    (Error::IncompatibleProtocol, HAUSNUMERO + 52),
    (Error::NoIoThread, HAUSNUMERO + 54),
    (Error::HostUnreachable, libc::EHOSTUNREACH),
    (Error::NotSocket, libc::ENOTSOCK),
    (Error::ProtocolNotSupported, libc::EPROTONOSUPPORT),
    (Error::AddrInUse, libc::EADDRINUSE),
    (Error::AddrNotAvailable, libc::EADDRNOTAVAIL),
    (Error::Invalid, libc::EINVAL),
    (Error::NotSupported, libc::ENOTSUP),
    (Error::NoDevice, libc::ENODEV),
    (Error::NoEntry, libc::ENOENT),
    (Error::Fault, libc::EFAULT),
    (Error::NoMemory, libc::ENOMEM),
    (Error::TooManyFiles, libc::EMFILE),
    (Error::NoBufferSpace, libc::ENOBUFS),
    (Error::MessageTooLong, libc::EMSGSIZE),
    (Error::AddressFamilyNotSupported, libc::EAFNOSUPPORT),
    (Error::NetworkDown, libc::ENETDOWN),
    (Error::NetworkUnreachable, libc::ENETUNREACH),
    (Error::ConnectionRefused, libc::ECONNREFUSED),
    (Error::ConnectionAborted, libc::ECONNABORTED),
    (Error::ConnectionReset, libc::ECONNRESET),
    (Error::NotConnected, libc::ENOTCONN),
    (Error::TimedOut, libc::ETIMEDOUT),
    (Error::InProgress, libc::EINPROGRESS),
];

impl Error {
    /// The error for an errno value as libzmq reports it.
    pub fn from_errno(errno: i32) -> Error {
        ERRNO_TABLE
            .iter()
            .find(|(_, n)| *n == errno)
            .map(|(e, _)| e.clone())
            .unwrap_or(Error::Other(errno))
    }

    /// The error libzmq reported for the call that just failed on this thread.
    pub fn last() -> Error {
        // SAFETY: zmq_errno only reads the thread's errno.
        Error::from_errno(unsafe { sys::zmq_errno() })
    }

    /// [`Error::last`] for the failure branch of hot wrappers: kept out of
    /// line so the success path stays small.
    #[cold]
    #[inline(never)]
    fn last_cold() -> Error {
        Error::last()
    }

    /// The errno value of this error, or None for the errors of our own layers.
    pub fn errno(&self) -> Option<i32> {
        if let Error::Context { source, .. } = self {
            return source.errno();
        }
        if let Error::Other(n) = self {
            return Some(*n);
        }
        ERRNO_TABLE.iter().find(|(e, _)| e == self).map(|(_, n)| *n)
    }
}

/// libzmq's text for an errno (it also knows its own ETERM, EFSM...).
fn strerror(errno: i32) -> String {
    // SAFETY: zmq_strerror returns a pointer to a static NUL-terminated string.
    unsafe { CStr::from_ptr(sys::zmq_strerror(errno)) }
        .to_string_lossy()
        .into_owned()
}

/// Turns a libzmq return code into a Result, reading errno on -1.
///
/// Inlined into every hot send/recv wrapper so the success path is one
/// compare, with the errno lookup kept out of line.
#[inline(always)]
pub(crate) fn check(rc: i32) -> Result<i32> {
    if rc == -1 {
        Err(Error::last_cold())
    } else {
        Ok(rc)
    }
}

/// The error of another crate or module that an [`Error`] keeps as its
/// cause ([`Error::Decode`], [`Error::Encode`]), shared so that [`Error`]
/// stays `Clone` and `Eq`: two are equal when their texts are. It displays
/// as the error it holds, and its `source()` is that error's.
///
/// ```
/// let cause = czmq::Cause::new(std::fmt::Error);
/// assert!(cause.get_ref().downcast_ref::<std::fmt::Error>().is_some());
/// assert_eq!(cause, cause.clone());
/// ```
#[derive(Debug, Clone)]
pub struct Cause(std::sync::Arc<dyn std::error::Error + Send + Sync + 'static>);

impl Cause {
    /// Keeps `error` as a cause.
    ///
    /// ```
    /// let cause = czmq::Cause::new(std::fmt::Error);
    /// assert_eq!(cause.to_string(), std::fmt::Error.to_string());
    /// ```
    pub fn new(error: impl std::error::Error + Send + Sync + 'static) -> Cause {
        Cause(std::sync::Arc::new(error))
    }

    /// The error itself, to downcast to its own type.
    ///
    /// ```
    /// let cause = czmq::Cause::new(std::fmt::Error);
    /// assert!(cause.get_ref().is::<std::fmt::Error>());
    /// ```
    pub fn get_ref(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        &*self.0
    }
}

impl PartialEq for Cause {
    fn eq(&self, other: &Cause) -> bool {
        self.0.to_string() == other.0.to_string()
    }
}

impl Eq for Cause {}

impl std::fmt::Display for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Cause {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

/// An [`io::Error`] shared so that [`Error`] stays `Clone` and `Eq`: two are
/// equal when their kind and text are. Its `source()` is the io::Error's.
///
/// ```
/// let e = czmq::IoError::from(std::io::Error::other("x"));
/// assert_eq!(e.get_ref().to_string(), "x");
/// assert_eq!(e, e.clone());
/// ```
#[derive(Debug, Clone)]
pub struct IoError(std::sync::Arc<io::Error>);

impl IoError {
    /// The io::Error itself.
    ///
    /// ```
    /// let e = czmq::IoError::from(std::io::Error::other("x"));
    /// assert_eq!(e.get_ref().kind(), std::io::ErrorKind::Other);
    /// ```
    pub fn get_ref(&self) -> &io::Error {
        &self.0
    }

    /// The io::Error's kind.
    ///
    /// ```
    /// let e = czmq::IoError::from(std::io::Error::other("x"));
    /// assert_eq!(e.kind(), std::io::ErrorKind::Other);
    /// ```
    pub fn kind(&self) -> io::ErrorKind {
        self.0.kind()
    }
}

impl From<io::Error> for IoError {
    fn from(e: io::Error) -> IoError {
        IoError(std::sync::Arc::new(e))
    }
}

impl PartialEq for IoError {
    fn eq(&self, other: &IoError) -> bool {
        self.0.kind() == other.0.kind() && self.0.to_string() == other.0.to_string()
    }
}

impl Eq for IoError {}

impl std::fmt::Display for IoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for IoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

/// An I/O error with an errno becomes that errno's variant; one without is
/// kept whole as [`Error::Io`].
///
/// ```
/// use czmq::Error;
/// assert_eq!(Error::from(std::io::Error::from_raw_os_error(libc::EAGAIN)), Error::Again);
/// assert!(matches!(Error::from(std::io::Error::other("x")), Error::Io(_)));
/// ```
impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        match e.raw_os_error() {
            Some(n) => Error::from_errno(n),
            None => Error::Io(IoError::from(e)),
        }
    }
}

/// Text that is not UTF-8 becomes [`Error::InvalidUtf8`], keeping its bytes.
///
/// ```
/// let e = czmq::Error::from(String::from_utf8(vec![0xc3]).unwrap_err());
/// assert!(matches!(e, czmq::Error::InvalidUtf8 { ref bytes, .. } if bytes == &[0xc3]));
/// ```
impl From<std::string::FromUtf8Error> for Error {
    fn from(e: std::string::FromUtf8Error) -> Error {
        Error::InvalidUtf8 {
            source: e.utf8_error(),
            bytes: e.into_bytes(),
        }
    }
}

impl Error {
    /// Wraps this error in [`Error::Context`], saying what was being done.
    ///
    /// ```
    /// let e = czmq::Error::NoEntry.context("loading cert.txt");
    /// assert_eq!(e.root(), &czmq::Error::NoEntry);
    /// ```
    pub fn context(self, context: impl Into<String>) -> Error {
        Error::Context {
            context: context.into(),
            source: Box::new(self),
        }
    }

    /// The innermost error under any [`Error::Context`] layers (`self` when
    /// there are none): the one to match on.
    ///
    /// ```
    /// let e = czmq::Error::Again.context("a").context("b");
    /// assert_eq!(e.root(), &czmq::Error::Again);
    /// ```
    pub fn root(&self) -> &Error {
        let mut e = self;
        while let Error::Context { source, .. } = e {
            e = source;
        }
        e
    }

    /// [`Error::InvalidUtf8`] for `bytes` that [`std::str::from_utf8`]
    /// refused with `source`.
    ///
    /// ```
    /// let bytes = b"\xff";
    /// let source = std::str::from_utf8(bytes).unwrap_err();
    /// let e = czmq::Error::invalid_utf8(bytes, source);
    /// assert!(matches!(e, czmq::Error::InvalidUtf8 { .. }));
    /// ```
    pub fn invalid_utf8(bytes: &[u8], source: std::str::Utf8Error) -> Error {
        Error::InvalidUtf8 {
            bytes: bytes.to_vec(),
            source,
        }
    }
}

impl From<Error> for io::Error {
    fn from(e: Error) -> io::Error {
        let kind = match *e.root() {
            Error::Again => io::ErrorKind::WouldBlock,
            Error::Interrupted => io::ErrorKind::Interrupted,
            Error::Invalid
            | Error::InvalidArgument(_)
            | Error::InvalidEndpoint { .. }
            | Error::OptionTooLate { .. } => io::ErrorKind::InvalidInput,
            Error::InvalidUtf8 { .. } | Error::Malformed(_) => io::ErrorKind::InvalidData,
            Error::AddrInUse => io::ErrorKind::AddrInUse,
            Error::AddrNotAvailable => io::ErrorKind::AddrNotAvailable,
            Error::ConnectionRefused => io::ErrorKind::ConnectionRefused,
            Error::ConnectionReset => io::ErrorKind::ConnectionReset,
            Error::ConnectionAborted => io::ErrorKind::ConnectionAborted,
            Error::NotConnected | Error::Disconnected(_) => io::ErrorKind::NotConnected,
            Error::TimedOut => io::ErrorKind::TimedOut,
            Error::NotSupported | Error::ProtocolNotSupported => io::ErrorKind::Unsupported,
            Error::NoMemory => io::ErrorKind::OutOfMemory,
            Error::NoEntry => io::ErrorKind::NotFound,
            Error::Io(ref io) => io.kind(),
            _ => io::ErrorKind::Other,
        };
        match e.errno() {
            Some(n) if n < HAUSNUMERO && kind == io::ErrorKind::Other => {
                io::Error::from_raw_os_error(n)
            }
            _ => io::Error::new(kind, e),
        }
    }
}
