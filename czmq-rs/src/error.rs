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
    /// Received bytes that should have been UTF-8 text were not.
    #[error("received text is not valid UTF-8")]
    InvalidUtf8,
    /// Bytes that do not follow the expected format (a malformed frame, a
    /// config file with a syntax error...), with what was wrong.
    #[error("malformed input: {0}")]
    Malformed(String),
    /// An argument was refused before reaching libzmq, with the reason.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// A socket was closed or a peer went away while we waited for it.
    #[error("{0}")]
    Disconnected(String),
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

impl From<Error> for io::Error {
    fn from(e: Error) -> io::Error {
        let kind = match e {
            Error::Again => io::ErrorKind::WouldBlock,
            Error::Interrupted => io::ErrorKind::Interrupted,
            Error::Invalid | Error::InvalidArgument(_) => io::ErrorKind::InvalidInput,
            Error::InvalidUtf8 | Error::Malformed(_) => io::ErrorKind::InvalidData,
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
