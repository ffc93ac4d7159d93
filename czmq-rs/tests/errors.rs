//! The errno mapping of `Error`, its texts and io::Error conversion, and real
//! failures of libzmq calls coming back as the right variant (never a panic).

use std::ffi::CStr;
use std::io;
use std::time::Duration;

use czmq::{Context, Error, Flags, SocketType};
use zmq_sys_vendored as sys;

/// libzmq's own error numbers start here (ZMQ_HAUSNUMERO).
const HAUSNUMERO: i32 = 156_384_712;

/// Every errno variant with the number libzmq uses for it.
const ERRNO_VARIANTS: &[(Error, i32)] = &[
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

fn zmq_strerror(errno: i32) -> String {
    // SAFETY: zmq_strerror returns a static NUL-terminated string for any int.
    unsafe { CStr::from_ptr(sys::zmq_strerror(errno)) }
        .to_string_lossy()
        .into_owned()
}

#[test]
fn every_errno_variant_round_trips() {
    for (e, n) in ERRNO_VARIANTS {
        assert_eq!(e.errno(), Some(*n), "{e:?}");
        assert_eq!(&Error::from_errno(e.errno().unwrap()), e);
    }
    // Distinct numbers, so the mapping is a bijection.
    let mut numbers: Vec<i32> = ERRNO_VARIANTS.iter().map(|(_, n)| *n).collect();
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(numbers.len(), ERRNO_VARIANTS.len());
}

#[test]
fn display_is_libzmq_text() {
    for (e, n) in ERRNO_VARIANTS {
        let text = e.to_string();
        assert_eq!(text, zmq_strerror(*n), "{e:?}");
        assert!(!text.is_empty());
    }
    // libzmq's own numbers have their own texts, not "Unknown error".
    assert_eq!(Error::Terminated.to_string(), "Context was terminated");
    assert_eq!(
        Error::Fsm.to_string(),
        "Operation cannot be accomplished in current state"
    );
}

#[test]
fn unknown_errno_is_other() {
    for n in [0, 9999, -5, HAUSNUMERO + 99] {
        let e = Error::from_errno(n);
        assert_eq!(e, Error::Other(n));
        assert_eq!(e.errno(), Some(n));
        let text = e.to_string();
        assert!(text.contains(&format!("errno {n}")), "{text}");
        assert!(text.starts_with(&zmq_strerror(n)), "{text}");
    }
}

#[test]
fn our_own_errors_have_no_errno() {
    for e in [
        Error::from(String::from_utf8(vec![0xff]).unwrap_err()),
        Error::Malformed("x".into()),
        Error::InvalidArgument("y".into()),
        Error::Disconnected("z".into()),
    ] {
        assert_eq!(e.errno(), None, "{e:?}");
        assert!(!e.to_string().is_empty());
    }
    assert!(
        Error::Malformed("bad frame".into())
            .to_string()
            .contains("bad frame")
    );
}

#[test]
fn io_error_kinds() {
    let cases = [
        (Error::Again, io::ErrorKind::WouldBlock),
        (Error::Interrupted, io::ErrorKind::Interrupted),
        (Error::Invalid, io::ErrorKind::InvalidInput),
        (
            Error::InvalidArgument("a".into()),
            io::ErrorKind::InvalidInput,
        ),
        (
            Error::from(String::from_utf8(vec![0xff]).unwrap_err()),
            io::ErrorKind::InvalidData,
        ),
        (Error::Malformed("m".into()), io::ErrorKind::InvalidData),
        (Error::AddrInUse, io::ErrorKind::AddrInUse),
        (Error::AddrNotAvailable, io::ErrorKind::AddrNotAvailable),
        (Error::ConnectionRefused, io::ErrorKind::ConnectionRefused),
        (Error::ConnectionReset, io::ErrorKind::ConnectionReset),
        (Error::ConnectionAborted, io::ErrorKind::ConnectionAborted),
        (Error::NotConnected, io::ErrorKind::NotConnected),
        (Error::Disconnected("d".into()), io::ErrorKind::NotConnected),
        (Error::TimedOut, io::ErrorKind::TimedOut),
        (Error::NotSupported, io::ErrorKind::Unsupported),
        (Error::ProtocolNotSupported, io::ErrorKind::Unsupported),
        (Error::NoMemory, io::ErrorKind::OutOfMemory),
        (Error::NoEntry, io::ErrorKind::NotFound),
        (Error::Terminated, io::ErrorKind::Other),
        (Error::Fsm, io::ErrorKind::Other),
    ];
    for (e, kind) in cases {
        let io_err: io::Error = e.clone().into();
        assert_eq!(io_err.kind(), kind, "{e:?}");
        // The original error is kept inside, so callers can get it back.
        let inner = io_err.get_ref().and_then(|r| r.downcast_ref::<Error>());
        assert_eq!(inner, Some(&e), "{e:?}");
    }
    // OS errors without a dedicated kind keep their raw errno.
    let io_err: io::Error = Error::HostUnreachable.into();
    assert_eq!(io_err.raw_os_error(), Some(libc::EHOSTUNREACH));
}

fn ctx() -> Context {
    Context::new().unwrap()
}

#[test]
fn bad_endpoints_are_errors_not_panics() {
    let ctx = ctx();
    let s = ctx.socket(SocketType::Pair).unwrap();
    for ep in [
        "tcp://",
        "nonsense",
        "tcp://256.0.0.1:1",
        "inproc://",
        "tcp://127.0.0.1:notaport",
        "",
        "://x",
    ] {
        let bound = s.bind(ep);
        assert!(
            matches!(bound, Err(Error::Invalid) | Err(Error::NoDevice)),
            "bind {ep:?}: {bound:?}"
        );
        // A connect resolves host names later, in the I/O thread, so an
        // address that is no IPv4 literal passes as a host name there.
        if ep != "tcp://256.0.0.1:1" {
            let connected = s.connect(ep);
            assert!(
                matches!(connected, Err(Error::Invalid)),
                "connect {ep:?}: {connected:?}"
            );
        }
    }
    // A NUL byte never reaches libzmq.
    assert!(matches!(
        s.bind("inproc://a\0b"),
        Err(Error::InvalidArgument(_))
    ));
    assert!(matches!(
        s.connect("tcp://a\0b"),
        Err(Error::InvalidArgument(_))
    ));
}

fn has(capability: &str) -> bool {
    let c = std::ffi::CString::new(capability).unwrap();
    // SAFETY: zmq_has only reads the NUL-terminated name.
    unsafe { sys::zmq_has(c.as_ptr()) == 1 }
}

#[test]
fn unsupported_transport() {
    let ctx = ctx();
    let s = ctx.socket(SocketType::Pair).unwrap();
    let mut endpoints = vec!["carrier-pigeon://coop"];
    // Transports a build may leave out (the vendored one has neither).
    if !has("pgm") {
        endpoints.push("pgm://eth0;239.192.1.1:5555");
    }
    if !has("vmci") {
        endpoints.push("vmci://1:2");
    }
    for ep in endpoints {
        assert_eq!(s.bind(ep), Err(Error::ProtocolNotSupported), "{ep}");
        assert_eq!(s.connect(ep), Err(Error::ProtocolNotSupported), "{ep}");
    }
    // A transport that exists but does not fit the socket type.
    if has("pgm") {
        assert_eq!(
            s.connect("pgm://127.0.0.1;239.192.1.1:5555"),
            Err(Error::IncompatibleProtocol)
        );
    }
}

#[test]
fn bind_twice_to_the_same_port() {
    let ctx = ctx();
    let a = ctx.socket(SocketType::Pull).unwrap();
    a.bind("tcp://127.0.0.1:*").unwrap();
    let ep = a.last_endpoint().unwrap();
    let b = ctx.socket(SocketType::Pull).unwrap();
    assert_eq!(b.bind(&ep), Err(Error::AddrInUse));
    // The same socket binding the same endpoint again is refused too.
    assert_eq!(a.bind(&ep), Err(Error::AddrInUse));
    // Two inproc binds of one name collide as well.
    a.bind("inproc://errors-bind-twice").unwrap();
    assert_eq!(b.bind("inproc://errors-bind-twice"), Err(Error::AddrInUse));
}

#[test]
fn unbind_and_disconnect_of_unknown_endpoints() {
    let ctx = ctx();
    let s = ctx.socket(SocketType::Pull).unwrap();
    assert_eq!(s.unbind("tcp://127.0.0.1:1"), Err(Error::NoEntry));
    assert_eq!(s.disconnect("tcp://127.0.0.1:1"), Err(Error::NoEntry));
    assert_eq!(s.unbind("inproc://errors-never-bound"), Err(Error::NoEntry));
    // And a real bind can be unbound once, then no more.
    s.bind("tcp://127.0.0.1:*").unwrap();
    let ep = s.last_endpoint().unwrap();
    s.unbind(&ep).unwrap();
    assert_eq!(s.unbind(&ep), Err(Error::NoEntry));
}

#[test]
fn nonblocking_on_an_idle_socket_is_again() {
    let ctx = ctx();
    let pull = ctx.socket(SocketType::Pull).unwrap();
    pull.bind("inproc://errors-again").unwrap();
    assert_eq!(pull.recv_msg_with(Flags::DONTWAIT), Err(Error::Again));
    assert_eq!(pull.recv_bytes_with(Flags::DONTWAIT), Err(Error::Again));
    let mut buf = [0u8; 4];
    assert_eq!(
        pull.recv_into_with(&mut buf, Flags::DONTWAIT),
        Err(Error::Again)
    );
    // A receive timeout expires with the same error.
    pull.set_rcvtimeo(Some(Duration::from_millis(20))).unwrap();
    assert_eq!(pull.recv_msg(), Err(Error::Again));
    // A PUSH with no peer cannot send without blocking.
    let push = ctx.socket(SocketType::Push).unwrap();
    assert_eq!(push.send_with("x", Flags::DONTWAIT), Err(Error::Again));
    // Unsupported directions are ENOTSUP.
    assert_eq!(
        pull.send_with("x", Flags::DONTWAIT),
        Err(Error::NotSupported)
    );
    assert_eq!(
        push.recv_msg_with(Flags::DONTWAIT),
        Err(Error::NotSupported)
    );
}

#[test]
fn invalid_utf8_text() {
    let ctx = ctx();
    let pull = ctx.socket(SocketType::Pull).unwrap();
    pull.bind("inproc://errors-utf8").unwrap();
    let push = ctx.socket(SocketType::Push).unwrap();
    push.connect("inproc://errors-utf8").unwrap();
    push.send(&[0xffu8, 0xfe][..]).unwrap();
    pull.set_rcvtimeo(Some(Duration::from_secs(5))).unwrap();
    // The bytes come back, with where they stop being UTF-8 as the source.
    match pull.recv_string() {
        Err(e @ Error::InvalidUtf8 { .. }) => {
            assert!(std::error::Error::source(&e).is_some());
            let Error::InvalidUtf8 { bytes, source } = e else {
                unreachable!()
            };
            assert_eq!(bytes, [0xff, 0xfe]);
            assert_eq!(source.valid_up_to(), 0);
        }
        other => panic!("expected InvalidUtf8, got {other:?}"),
    }
}

#[test]
fn operations_after_shutdown_are_terminated() {
    let ctx = ctx();
    let s = ctx.socket(SocketType::Pull).unwrap();
    s.bind("inproc://errors-shutdown").unwrap();
    ctx.shutdown().unwrap();
    assert_eq!(s.recv_msg(), Err(Error::Terminated));
    assert_eq!(s.recv_msg_with(Flags::DONTWAIT), Err(Error::Terminated));
    assert_eq!(s.connect("inproc://errors-other"), Err(Error::Terminated));
    assert_eq!(s.set_linger(None), Err(Error::Terminated));
    // A socket can no longer be made in a shut-down context.
    assert_eq!(
        ctx.socket(SocketType::Push).map(|_| ()),
        Err(Error::Terminated)
    );
}
