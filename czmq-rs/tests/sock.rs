//! Sock: CZMQ's zsock selftest, in spirit, on the Rust API.

use std::time::{Duration, Instant};

use czmq::{Error, Frame, Sock, SocketType, zsys};

const TIMEOUT: Option<Duration> = Some(Duration::from_secs(5));

fn timed(s: Sock) -> Sock {
    s.as_socket().set_rcvtimeo(TIMEOUT).unwrap();
    s.as_socket().set_sndtimeo(TIMEOUT).unwrap();
    s
}

#[test]
fn typed_constructors_bind_or_connect_as_czmq() {
    type Ctor = fn(Option<&str>) -> czmq::Result<Sock>;
    let cases: &[(&str, Ctor, bool)] = &[
        ("PUB", Sock::new_pub, true),
        ("REQ", Sock::new_req, false),
        ("REP", Sock::new_rep, true),
        ("DEALER", Sock::new_dealer, false),
        ("ROUTER", Sock::new_router, true),
        ("PUSH", Sock::new_push, false),
        ("PULL", Sock::new_pull, true),
        ("XPUB", Sock::new_xpub, true),
        ("XSUB", Sock::new_xsub, false),
        ("PAIR", Sock::new_pair, false),
        ("STREAM", Sock::new_stream, false),
    ];
    for (name, ctor, binds) in cases {
        let ep = format!("inproc://sock-ctor-{name}");
        let sock = ctor(Some(&ep)).unwrap();
        assert_eq!(sock.type_str(), *name);
        // Only a bind records the endpoint; a connect leaves it unset.
        assert_eq!(sock.endpoint().is_some(), *binds, "{name}");
        // A bound inproc endpoint refuses a second bind.
        let again = Sock::new(SocketType::Pair).unwrap().as_socket().bind(&ep);
        assert_eq!(again.is_err(), *binds, "{name}");
    }
    let sub = Sock::new_sub(Some("inproc://sock-ctor-sub"), None).unwrap();
    assert_eq!(sub.type_str(), "SUB");
    assert_eq!(sub.endpoint(), None);
}

#[cfg(feature = "draft")]
#[test]
fn draft_constructors() {
    type Ctor = fn(Option<&str>) -> czmq::Result<Sock>;
    let cases: &[(&str, Ctor, bool, &str)] = &[
        (
            "SERVER",
            Sock::new_server,
            true,
            "inproc://sock-draft-server",
        ),
        (
            "CLIENT",
            Sock::new_client,
            false,
            "inproc://sock-draft-client",
        ),
        ("RADIO", Sock::new_radio, true, "inproc://sock-draft-radio"),
        ("DISH", Sock::new_dish, false, "inproc://sock-draft-dish"),
        (
            "GATHER",
            Sock::new_gather,
            true,
            "inproc://sock-draft-gather",
        ),
        (
            "SCATTER",
            Sock::new_scatter,
            false,
            "inproc://sock-draft-scatter",
        ),
        ("DGRAM", Sock::new_dgram, true, "udp://127.0.0.1:0"),
    ];
    for (name, ctor, binds, ep) in cases {
        let sock = ctor(Some(ep)).unwrap();
        assert_eq!(sock.type_str(), *name);
        assert_eq!(sock.endpoint().is_some(), *binds, "{name}");
    }
}

#[test]
fn prefixes_override_the_default() {
    // REQ binds with '@', REP connects with '>'.
    let req = timed(Sock::new_req(Some("@inproc://sock-prefix")).unwrap());
    let rep = timed(Sock::new_rep(Some(">inproc://sock-prefix")).unwrap());
    assert_eq!(req.endpoint(), Some("inproc://sock-prefix"));
    assert_eq!(rep.endpoint(), None);
    req.send_strs(&["ping"]).unwrap();
    assert_eq!(rep.recv_strs().unwrap(), ["ping"]);
    rep.send_strs(&["pong"]).unwrap();
    assert_eq!(req.recv_strs().unwrap(), ["pong"]);
}

#[test]
fn attach_lists_and_errors() {
    let mut pull = timed(Sock::new(SocketType::Pull).unwrap());
    pull.attach("@inproc://sock-list-a,@inproc://sock-list-b,", true)
        .unwrap();
    let push_a = Sock::new_push(Some("inproc://sock-list-a")).unwrap();
    let push_b = Sock::new_push(Some(">inproc://sock-list-b")).unwrap();
    push_a.send_strs(&["a"]).unwrap();
    push_b.send_strs(&["b"]).unwrap();
    let mut got = vec![pull.recv_strs().unwrap(), pull.recv_strs().unwrap()];
    got.sort();
    assert_eq!(got, [["a"], ["b"]]);

    assert!(matches!(
        pull.attach("inproc://sock-list-c,,inproc://sock-list-d", true),
        Err(Error::InvalidEndpoint { .. })
    ));
    assert!(pull.attach("nonsense://x", true).is_err());
    assert!(Sock::new_pub(Some("@bogus")).is_err());
    // Nothing to attach is fine.
    pull.attach("", true).unwrap();
    assert!(Sock::new_pub(None).unwrap().endpoint().is_none());
}

#[test]
fn zsys_defaults_are_applied() {
    let sock = Sock::new(SocketType::Dealer).unwrap();
    assert_eq!(sock.as_socket().sndhwm().unwrap(), zsys::sndhwm());
    assert_eq!(sock.as_socket().rcvhwm().unwrap(), zsys::rcvhwm());
    let linger = sock
        .as_socket()
        .linger()
        .unwrap()
        .map(|d| d.as_millis() as i32);
    assert_eq!(linger.unwrap_or(-1), zsys::linger());
    assert!(sock.as_socket().context().same(&zsys::context().unwrap()));
}

#[test]
fn ephemeral_ports() {
    let mut server = timed(Sock::new(SocketType::Pull).unwrap());
    let first = server.bind("tcp://127.0.0.1:*").unwrap();
    assert!(first >= 0xc000, "{first}");
    assert_eq!(
        server.endpoint(),
        Some(format!("tcp://127.0.0.1:{first}").as_str())
    );
    let second = server.bind("tcp://127.0.0.1:*").unwrap();
    assert_ne!(first, second);
    let random = server.bind("tcp://127.0.0.1:!").unwrap();
    assert!(random >= 0xc000);
    let ranged = server.bind("tcp://127.0.0.1:*[60000-60999]").unwrap();
    assert!((60000..=60999).contains(&ranged), "{ranged}");
    let ranged = server.bind("tcp://127.0.0.1:![-52000]").unwrap();
    assert!((0xc000..=52000).contains(&ranged), "{ranged}");
    let open_end = server.bind("tcp://127.0.0.1:*[61000-]").unwrap();
    assert!(open_end >= 61000);

    // Each bound port really listens.
    for port in [first, second, random] {
        let push = Sock::new_push(Some(&format!("tcp://127.0.0.1:{port}"))).unwrap();
        push.send_strs(&[port.to_string()]).unwrap();
        assert_eq!(server.recv_strs().unwrap(), [port.to_string()]);
    }

    // A one-port range that is taken is exhausted.
    let one = format!("tcp://127.0.0.1:*[{first}-{first}]");
    let mut other = Sock::new(SocketType::Pull).unwrap();
    assert_eq!(other.bind(&one), Err(Error::AddrInUse));

    // Malformed ranges are refused before libzmq sees them.
    for bad in [
        "tcp://127.0.0.1:*[70000-]",
        "tcp://127.0.0.1:*[60010-60000]",
        "tcp://127.0.0.1:![x-y]",
    ] {
        assert!(
            matches!(other.bind(bad), Err(Error::InvalidEndpoint { ref endpoint, .. }) if endpoint == bad),
            "{bad}"
        );
    }
    // A bad host fails at once instead of trying 16384 ports.
    let started = Instant::now();
    assert!(other.bind("tcp://no.such.host.invalid:*").is_err());
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn fixed_and_os_chosen_ports_and_other_transports() {
    let mut a = Sock::new(SocketType::Pull).unwrap();
    let os_port = a.bind("tcp://127.0.0.1:0").unwrap();
    assert_ne!(os_port, 0);
    assert_eq!(a.bind("inproc://sock-port-inproc").unwrap(), 0);
    assert_eq!(a.endpoint(), Some("inproc://sock-port-inproc"));

    // Free a port and bind it explicitly: the given port comes back.
    let mut b = Sock::new(SocketType::Pull).unwrap();
    let port = b.bind("tcp://127.0.0.1:*").unwrap();
    b.unbind(&format!("tcp://127.0.0.1:{port}")).unwrap();
    let mut c = Sock::new(SocketType::Pull).unwrap();
    let fixed = format!("tcp://127.0.0.1:{port}");
    // The listener closes in the I/O thread: retry briefly.
    let mut result = c.bind(&fixed);
    for _ in 0..100 {
        if result.is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
        result = c.bind(&fixed);
    }
    assert_eq!(result, Ok(port));
}

#[test]
fn connect_disconnect_unbind() {
    let mut server = timed(Sock::new(SocketType::Pull).unwrap());
    server.bind("inproc://sock-cdu").unwrap();
    let client = timed(Sock::new(SocketType::Push).unwrap());
    client.connect("inproc://sock-cdu").unwrap();
    client.send_strs(&["x"]).unwrap();
    assert_eq!(server.recv_strs().unwrap(), ["x"]);
    client.disconnect("inproc://sock-cdu").unwrap();
    assert_eq!(
        client.disconnect("inproc://sock-cdu-never"),
        Err(Error::NoEntry)
    );
    server.unbind("inproc://sock-cdu").unwrap();
    assert_eq!(server.unbind("inproc://sock-cdu"), Err(Error::NoEntry));
}

#[test]
fn signals_and_wait() {
    let a = timed(Sock::new_pair(Some("@inproc://sock-signal")).unwrap());
    let b = timed(Sock::new_pair(Some("inproc://sock-signal")).unwrap());
    for status in [0u8, 1, 127, 255] {
        a.signal(status).unwrap();
        assert_eq!(b.wait().unwrap(), status);
    }
    // wait discards ordinary messages until a signal arrives.
    a.send_strs(&["not", "a signal"]).unwrap();
    a.send_parts(&[[0u8; 8]]).unwrap();
    a.signal(9).unwrap();
    assert_eq!(b.wait().unwrap(), 9);
    // The signal is CZMQ's 8-byte frame.
    a.signal(5).unwrap();
    let frames = b.recv_parts().unwrap();
    assert_eq!(frames.len(), 1);
    assert_eq!(
        frames[0].data(),
        &(0x7766554433221100u64 + 5).to_ne_bytes()[..]
    );
    // No signal: the receive timeout ends the wait.
    b.as_socket()
        .set_rcvtimeo(Some(Duration::from_millis(50)))
        .unwrap();
    assert_eq!(b.wait(), Err(Error::Again));
}

#[test]
fn multipart_helpers() {
    let a = timed(Sock::new_pair(Some("@inproc://sock-parts")).unwrap());
    let b = timed(Sock::new_pair(Some("inproc://sock-parts")).unwrap());
    a.send_parts(&[&b"one"[..], b"", &[0xff, 0]]).unwrap();
    let frames = b.recv_parts().unwrap();
    let data: Vec<&[u8]> = frames.iter().map(Frame::data).collect();
    assert_eq!(data, [&b"one"[..], b"", &[0xff, 0]]);
    assert!(frames[0].more() && frames[1].more() && !frames[2].more());

    a.send_strs(&[String::from("BIND"), String::from("tcp://*:*")])
        .unwrap();
    assert_eq!(b.recv_strs().unwrap(), ["BIND", "tcp://*:*"]);

    // Not text: an error, and the whole message is consumed.
    a.send_parts(&[&b"ok"[..], &[0xc3, 0x28]]).unwrap();
    a.send_strs(&["next"]).unwrap();
    assert!(matches!(b.recv_strs(), Err(Error::InvalidUtf8 { .. })));
    assert_eq!(b.recv_strs().unwrap(), ["next"]);

    let none: [&str; 0] = [];
    assert!(matches!(a.send_strs(&none), Err(Error::InvalidArgument(_))));
}

#[test]
fn flush_discards_the_rest_of_a_message() {
    let a = timed(Sock::new_pair(Some("@inproc://sock-flush")).unwrap());
    let b = timed(Sock::new_pair(Some("inproc://sock-flush")).unwrap());
    // Nothing pending: nothing to do.
    b.flush().unwrap();
    a.send_strs(&["1", "2", "3"]).unwrap();
    a.send_strs(&["4"]).unwrap();
    assert_eq!(czmq::zstr::recv(&b).unwrap(), "1");
    b.flush().unwrap();
    assert_eq!(b.recv_strs().unwrap(), ["4"]);
}

#[test]
fn core_socket_is_reachable() {
    let sock = Sock::new_pub(None).unwrap();
    assert_eq!(sock.as_socket().kind(), SocketType::Pub);
    assert_eq!(sock.as_socket().kind(), SocketType::Pub);
    let socket = sock.into_socket();
    assert_eq!(socket.kind(), SocketType::Pub);
    let wrapped = Sock::from_socket(socket);
    assert_eq!(wrapped.type_str(), "PUB");
}

#[test]
fn tag_is_the_first_field() {
    let sock = Box::new(Sock::new(SocketType::Pair).unwrap());
    let ptr = &*sock as *const Sock as *const u32;
    // SAFETY: Sock is repr(C) with a u32 first field; the box is live.
    assert_eq!(unsafe { *ptr }, Sock::TAG);
    assert_eq!(Sock::TAG, 0xcafe0004);
}

#[test]
fn sock_is_send() {
    fn assert_send<T: Send>() {}
    assert_send::<Sock>();
    let mut s = Sock::new(SocketType::Pull).unwrap();
    s.bind("inproc://sock-send").unwrap();
    let handle = std::thread::spawn(move || s.endpoint().map(str::to_owned));
    assert_eq!(
        handle.join().unwrap().as_deref(),
        Some("inproc://sock-send")
    );
}
