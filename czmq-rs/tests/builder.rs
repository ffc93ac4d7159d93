//! Options that libzmq applies when a connection is made: Sock::builder sets
//! them before attaching, and setting them on an attached socket is an
//! error (Error::OptionTooLate), while options read live stay settable.

use std::error::Error as _;
use std::time::Duration;

use czmq::{Context, Error, Flags, OPTIONS, Sock, SocketType};

#[test]
fn a_router_sees_the_routing_id_the_builder_set_on_its_first_connection() {
    let router = Sock::builder(SocketType::Router)
        .rcvtimeo(Some(Duration::from_secs(5)))
        .bind("tcp://127.0.0.1:*")
        .unwrap();
    let dealer = Sock::builder(SocketType::Dealer)
        .routing_id(b"built-dealer")
        .connect(router.endpoint().unwrap())
        .unwrap();
    dealer.send_strs(&["hello"]).unwrap();
    assert_eq!(router.recv_strs().unwrap(), ["built-dealer", "hello"]);
}

#[test]
fn the_builders_high_water_mark_bounds_the_first_connection() {
    // zsys's default SNDHWM is 1000: a PUSH built with 2 (and a PULL with 2)
    // can queue only a handful before a non-blocking send would block.
    let pull = Sock::builder(SocketType::Pull)
        .rcvhwm(2)
        .bind("inproc://builder-hwm")
        .unwrap();
    let push = Sock::builder(SocketType::Push)
        .sndhwm(2)
        .connect("inproc://builder-hwm")
        .unwrap();
    let mut queued = 0;
    while queued < 1000
        && push
            .as_socket()
            .send_bytes_with(b"x", Flags::DONTWAIT)
            .is_ok()
    {
        queued += 1;
    }
    assert!(queued <= 4, "{queued} messages queued with HWMs of 2");
    drop(pull);
}

#[test]
fn a_failing_builder_step_is_the_error_of_the_finishing_call() {
    // libzmq refuses an empty routing id; the connect never happens.
    let result = Sock::builder(SocketType::Dealer)
        .routing_id(b"")
        .sndhwm(10)
        .connect("inproc://builder-never");
    assert_eq!(result.unwrap_err(), Error::Invalid);
}

#[test]
fn connection_time_options_on_an_attached_sock_are_refused_as_too_late() {
    let _router = Sock::new_router(Some("inproc://builder-late")).unwrap();
    let dealer = Sock::new_dealer(Some("inproc://builder-late")).unwrap();
    let s = dealer.as_socket();
    assert_eq!(
        s.set_sndhwm(5),
        Err(Error::OptionTooLate { option: "SNDHWM" })
    );
    assert_eq!(
        s.set_routing_id(b"late"),
        Err(Error::OptionTooLate {
            option: "ROUTING_ID"
        })
    );
    assert_eq!(
        s.set_curve_server(true),
        Err(Error::OptionTooLate {
            option: "CURVE_SERVER"
        })
    );
    assert_eq!(
        s.set_reconnect_ivl(None),
        Err(Error::OptionTooLate {
            option: "RECONNECT_IVL"
        })
    );
    // Nothing changed, and the error says what to do.
    assert_eq!(s.sndhwm().unwrap(), czmq::zsys::sndhwm());
    let text = s.set_tcp_keepalive(1).unwrap_err().to_string();
    assert!(
        text.contains("TCP_KEEPALIVE") && text.contains("before attaching"),
        "{text}"
    );
    // The raw setter is libzmq's own behaviour: values for later endpoints.
    s.set_option_raw(23, &5i32.to_ne_bytes()).unwrap();
    assert_eq!(s.sndhwm().unwrap(), 5);
}

#[test]
fn the_core_socket_refuses_them_too_once_bound() {
    let s = Context::new().unwrap().socket(SocketType::Pub).unwrap();
    s.set_sndhwm(10).unwrap();
    s.bind("inproc://builder-core-late").unwrap();
    assert!(s.is_attached());
    assert_eq!(
        s.set_sndhwm(20),
        Err(Error::OptionTooLate { option: "SNDHWM" })
    );
    // A failed bind does not count as attached.
    let t = Context::new().unwrap().socket(SocketType::Pub).unwrap();
    assert!(t.bind("nonsense://x").is_err());
    assert!(!t.is_attached());
    t.set_sndhwm(20).unwrap();
}

#[test]
fn live_options_still_work_after_attach() {
    let publisher = Sock::new_pub(Some("inproc://builder-live")).unwrap();
    let subscriber = Sock::new_sub(Some("inproc://builder-live"), None).unwrap();
    let sub = subscriber.as_socket();
    sub.set_linger(Some(Duration::ZERO)).unwrap();
    assert_eq!(sub.linger().unwrap(), Some(Duration::ZERO));
    sub.set_rcvtimeo(Some(Duration::from_millis(20))).unwrap();
    // The timeout applies at once: nothing subscribed, nothing arrives.
    assert_eq!(subscriber.recv_strs(), Err(Error::Again));
    // A subscription made after connecting reaches the publisher.
    sub.set_subscribe(b"news").unwrap();
    sub.set_rcvtimeo(Some(Duration::from_millis(10))).unwrap();
    let mut got = None;
    for _ in 0..500 {
        publisher.send_strs(&["news", "late"]).unwrap();
        if let Ok(parts) = subscriber.recv_strs() {
            got = Some(parts);
            break;
        }
    }
    assert_eq!(got.unwrap(), ["news", "late"]);
    publisher
        .as_socket()
        .set_sndtimeo(Some(Duration::ZERO))
        .unwrap();
    sub.set_unsubscribe(b"news").unwrap();
}

#[test]
fn every_option_is_classified_and_the_live_ones_are_not_refused() {
    let at_attach: Vec<_> = OPTIONS
        .iter()
        .filter(|o| o.applies_at_attach())
        .map(|o| o.name)
        .collect();
    for name in [
        "sndhwm",
        "rcvhwm",
        "routing_id",
        "curve_secretkey",
        "zap_domain",
        "ipv6",
    ] {
        assert!(at_attach.contains(&name), "{name}");
    }
    for name in [
        "linger",
        "sndtimeo",
        "rcvtimeo",
        "subscribe",
        "connect_routing_id",
    ] {
        assert!(!at_attach.contains(&name), "{name}");
    }
    // CONNECT_ROUTING_ID names the next connection, so it is set between connects.
    let router = Sock::new_router(Some("inproc://builder-connect-rid-a")).unwrap();
    let _other = Sock::new_router(Some("inproc://builder-connect-rid-b")).unwrap();
    let client = Sock::new_router(None).unwrap();
    client.connect("inproc://builder-connect-rid-b").unwrap();
    client.as_socket().set_connect_routing_id(b"to-a").unwrap();
    client.connect("inproc://builder-connect-rid-a").unwrap();
    drop(router);
}

#[test]
fn endpoint_errors_are_structured_and_contexts_chain() {
    let mut s = Sock::new(SocketType::Pub).unwrap();
    match s.bind("tcp://127.0.0.1:*[70000-]").unwrap_err() {
        Error::InvalidEndpoint { endpoint, reason } => {
            assert_eq!(endpoint, "tcp://127.0.0.1:*[70000-]");
            assert!(reason.contains("70000"), "{reason}");
        }
        e => panic!("{e:?}"),
    }
    let e = Error::NoEntry.context("loading certificate a.txt");
    assert_eq!(e.root(), &Error::NoEntry);
    assert_eq!(e.errno(), Some(libc::ENOENT));
    assert_eq!(e.source().unwrap().to_string(), Error::NoEntry.to_string());
    assert_eq!(std::io::Error::from(e).kind(), std::io::ErrorKind::NotFound);
}
