//! Every valid socket-type pairing makes a round trip, over inproc and over
//! tcp on loopback; mismatched pairings are refused by the ZMTP handshake.
//!
//! Every receive is bounded by a receive timeout and every retry loop by a
//! deadline, so a broken pairing fails the test instead of hanging it.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use czmq::{Context, Error, Flags, Message, Socket, SocketType};

#[path = "../../tests/support/ports.rs"]
#[allow(dead_code)]
mod ports;
use zmq_sys_vendored as sys;

/// How long one receive may wait before the test calls the pairing broken.
const RECV_TIMEOUT: Duration = Duration::from_secs(5);
/// How long retry loops (subscriptions, reconnections) may take in all.
const DEADLINE: Duration = Duration::from_secs(5);

#[derive(Clone, Copy, Debug)]
enum Transport {
    Inproc,
    Tcp,
}

/// A new socket with bounded receives and no linger.
fn socket(ctx: &Context, kind: SocketType) -> Socket {
    let s = ctx.socket(kind).expect("socket");
    s.set_rcvtimeo(Some(RECV_TIMEOUT)).expect("rcvtimeo");
    s.set_sndtimeo(Some(RECV_TIMEOUT)).expect("sndtimeo");
    s.set_linger(Some(Duration::ZERO)).expect("linger");
    s
}

/// Binds `s` on a fresh endpoint of `transport` and returns the endpoint a
/// peer connects to (for tcp, the port the wildcard bind picked).
fn bind_any(s: &Socket, transport: Transport) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    match transport {
        Transport::Inproc => {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let ep = format!("inproc://pairings-{}-{n}", std::process::id());
            s.bind(&ep).expect("bind inproc");
            ep
        }
        Transport::Tcp => {
            s.bind("tcp://127.0.0.1:*").expect("bind tcp");
            let ep = s.last_endpoint().expect("last_endpoint");
            assert!(ep.starts_with("tcp://127.0.0.1:"), "resolved endpoint {ep}");
            let port: u16 = ep.rsplit(':').next().unwrap().parse().expect("port");
            assert_ne!(port, 0);
            ep
        }
    }
}

/// A bound socket of `server` type and a `client` socket connected to it.
fn pair_up(
    ctx: &Context,
    server: SocketType,
    client: SocketType,
    t: Transport,
) -> (Socket, Socket) {
    let a = socket(ctx, server);
    let ep = bind_any(&a, t);
    let b = socket(ctx, client);
    b.connect(&ep).expect("connect");
    (a, b)
}

fn strings(frames: &[Message]) -> Vec<String> {
    frames
        .iter()
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect()
}

/// Receives with DONTWAIT-style polling until something arrives or `deadline`
/// passes, calling `nudge` between attempts (to resend, for lossy patterns).
fn recv_retrying(s: &Socket, mut nudge: impl FnMut()) -> Option<Vec<Message>> {
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        nudge();
        match s.recv_multipart_with(Flags::DONTWAIT) {
            Ok(frames) => return Some(frames),
            Err(Error::Again) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => panic!("recv failed: {e}"),
        }
    }
    None
}

macro_rules! over_both {
    ($($name:ident),* $(,)?) => {
        mod inproc {
            $( #[test] fn $name() { super::$name(super::Transport::Inproc) } )*
        }
        mod tcp {
            $( #[test] fn $name() { super::$name(super::Transport::Tcp) } )*
        }
    };
}

over_both!(
    pair_pair,
    pub_sub,
    pub_xsub,
    xpub_sub,
    xpub_xsub,
    req_rep,
    req_router,
    dealer_rep,
    dealer_router,
    dealer_dealer,
    router_router,
    push_pull,
);

fn pair_pair(t: Transport) {
    let ctx = Context::new().unwrap();
    let (a, b) = pair_up(&ctx, SocketType::Pair, SocketType::Pair, t);
    b.send("ping").unwrap();
    assert_eq!(a.recv_string().unwrap(), "ping");
    a.send("pong").unwrap();
    assert_eq!(b.recv_string().unwrap(), "pong");
}

fn pub_sub(t: Transport) {
    let ctx = Context::new().unwrap();
    let (publisher, sub) = pair_up(&ctx, SocketType::Pub, SocketType::Sub, t);
    sub.set_subscribe(b"weather").unwrap();
    // The subscription travels to the publisher asynchronously: publish until
    // it has arrived, with unwanted topics in between that must be filtered.
    let got = recv_retrying(&sub, || {
        publisher.send("sports result").unwrap();
        publisher.send("weather sunny").unwrap();
    })
    .expect("no publication arrived");
    assert_eq!(strings(&got), ["weather sunny"]);
    // Drain: only the subscribed topic was ever delivered.
    while let Ok(m) = sub.recv_msg_with(Flags::DONTWAIT) {
        assert!(
            m.starts_with(b"weather"),
            "unsubscribed topic delivered: {m:?}"
        );
    }
}

fn pub_xsub(t: Transport) {
    let ctx = Context::new().unwrap();
    let (publisher, xsub) = pair_up(&ctx, SocketType::Pub, SocketType::Xsub, t);
    // XSUB subscribes by sending the subscription message itself.
    xsub.send(&b"\x01news"[..]).unwrap();
    let got = recv_retrying(&xsub, || {
        publisher.send("other").unwrap();
        publisher.send("news flash").unwrap();
    })
    .expect("no publication arrived");
    assert_eq!(strings(&got), ["news flash"]);
}

fn xpub_sub(t: Transport) {
    let ctx = Context::new().unwrap();
    let (xpub, sub) = pair_up(&ctx, SocketType::Xpub, SocketType::Sub, t);
    sub.set_subscribe(b"t").unwrap();
    // XPUB sees the subscription as a message: byte 1 then the topic.
    assert_eq!(&xpub.recv_msg().unwrap()[..], b"\x01t");
    // Once XPUB has it, the filter is in place: no settling needed.
    xpub.send("t-data").unwrap();
    assert_eq!(sub.recv_string().unwrap(), "t-data");
    sub.set_unsubscribe(b"t").unwrap();
    assert_eq!(&xpub.recv_msg().unwrap()[..], b"\x00t");
}

fn xpub_xsub(t: Transport) {
    let ctx = Context::new().unwrap();
    let (xpub, xsub) = pair_up(&ctx, SocketType::Xpub, SocketType::Xsub, t);
    xsub.send(&b"\x01k"[..]).unwrap();
    assert_eq!(&xpub.recv_msg().unwrap()[..], b"\x01k");
    xpub.send("k1").unwrap();
    assert_eq!(xsub.recv_string().unwrap(), "k1");
}

fn req_rep(t: Transport) {
    let ctx = Context::new().unwrap();
    let (rep, req) = pair_up(&ctx, SocketType::Rep, SocketType::Req, t);
    for i in 0..3 {
        req.send(format!("q{i}")).unwrap();
        assert_eq!(rep.recv_string().unwrap(), format!("q{i}"));
        rep.send(format!("a{i}")).unwrap();
        assert_eq!(req.recv_string().unwrap(), format!("a{i}"));
    }
}

fn req_router(t: Transport) {
    let ctx = Context::new().unwrap();
    let (router, req) = pair_up(&ctx, SocketType::Router, SocketType::Req, t);
    req.send("hello").unwrap();
    // ROUTER sees [routing id, empty delimiter, body].
    let frames = router.recv_multipart().unwrap();
    assert_eq!(frames.len(), 3, "{frames:?}");
    assert!(!frames[0].is_empty());
    assert!(frames[1].is_empty());
    assert_eq!(frames[2], "hello");
    router
        .send_multipart([frames[0].clone(), Message::new(), Message::from("world")])
        .unwrap();
    assert_eq!(req.recv_string().unwrap(), "world");
}

fn dealer_rep(t: Transport) {
    let ctx = Context::new().unwrap();
    let (rep, dealer) = pair_up(&ctx, SocketType::Rep, SocketType::Dealer, t);
    // A DEALER talking to REP writes the empty delimiter REQ would add.
    dealer.send_multipart(["", "hello"]).unwrap();
    assert_eq!(rep.recv_string().unwrap(), "hello");
    rep.send("world").unwrap();
    assert_eq!(strings(&dealer.recv_multipart().unwrap()), ["", "world"]);
}

fn dealer_router(t: Transport) {
    let ctx = Context::new().unwrap();
    let router = socket(&ctx, SocketType::Router);
    let ep = bind_any(&router, t);
    let dealer = socket(&ctx, SocketType::Dealer);
    dealer.set_routing_id(b"D1").unwrap();
    dealer.connect(&ep).unwrap();
    dealer.send_multipart(["a", "b"]).unwrap();
    assert_eq!(strings(&router.recv_multipart().unwrap()), ["D1", "a", "b"]);
    router.send_multipart(["D1", "reply"]).unwrap();
    assert_eq!(dealer.recv_string().unwrap(), "reply");
}

fn dealer_dealer(t: Transport) {
    let ctx = Context::new().unwrap();
    let (a, b) = pair_up(&ctx, SocketType::Dealer, SocketType::Dealer, t);
    b.send("to a").unwrap();
    assert_eq!(a.recv_string().unwrap(), "to a");
    a.send("to b").unwrap();
    assert_eq!(b.recv_string().unwrap(), "to b");
}

/// Sends `frames` from a mandatory ROUTER as soon as the peer is routable.
fn send_when_routable(router: &Socket, frames: &[&str]) {
    let start = Instant::now();
    loop {
        match router.send_multipart_with(frames.iter().copied(), Flags::DONTWAIT) {
            Ok(()) => return,
            Err(Error::HostUnreachable) | Err(Error::Again) if start.elapsed() < DEADLINE => {
                std::thread::sleep(Duration::from_millis(10))
            }
            Err(e) => panic!("router send to {:?}: {e}", frames[0]),
        }
    }
}

fn router_router(t: Transport) {
    let ctx = Context::new().unwrap();
    let server = socket(&ctx, SocketType::Router);
    server.set_routing_id(b"SRV").unwrap();
    server.set_router_mandatory(true).unwrap();
    server.set_router_handover(true).unwrap();
    let ep = bind_any(&server, t);
    // Mandatory routing refuses an unknown peer instead of dropping silently.
    assert_eq!(
        server.send_multipart_with(["nobody", "x"], Flags::DONTWAIT),
        Err(Error::HostUnreachable)
    );

    let client = socket(&ctx, SocketType::Router);
    client.set_routing_id(b"CLI").unwrap();
    client.set_router_mandatory(true).unwrap();
    client.connect(&ep).unwrap();
    // The client learns "SRV" from the handshake: until then it is unroutable.
    send_when_routable(&client, &["SRV", "hi"]);
    assert_eq!(strings(&server.recv_multipart().unwrap()), ["CLI", "hi"]);
    server.send_multipart(["CLI", "back"]).unwrap();
    assert_eq!(strings(&client.recv_multipart().unwrap()), ["SRV", "back"]);

    // Handover: a second peer with the same routing id takes "CLI" over.
    let usurper = socket(&ctx, SocketType::Router);
    usurper.set_routing_id(b"CLI").unwrap();
    usurper.connect(&ep).unwrap();
    let got = recv_retrying(&usurper, || {
        let _ = server.send_multipart_with(["CLI", "for the new CLI"], Flags::DONTWAIT);
    })
    .expect("handover never happened");
    assert_eq!(strings(&got), ["SRV", "for the new CLI"]);
}

fn push_pull(t: Transport) {
    let ctx = Context::new().unwrap();
    let (pull, push) = pair_up(&ctx, SocketType::Pull, SocketType::Push, t);
    for i in 0..10 {
        push.send(format!("job {i}")).unwrap();
    }
    for i in 0..10 {
        assert_eq!(pull.recv_string().unwrap(), format!("job {i}"));
    }
}

#[test]
fn tcp_messages_carry_the_peer_metadata() {
    let ctx = Context::new().unwrap();
    let (pull, push) = pair_up(&ctx, SocketType::Pull, SocketType::Push, Transport::Tcp);
    push.send("with metadata").unwrap();
    let m = pull.recv_msg().unwrap();
    assert_eq!(m.gets("Socket-Type"), Some("PUSH"));
    assert_eq!(m.gets("Peer-Address"), Some("127.0.0.1"));
    assert_eq!(m.gets("No-Such-Property"), None);
    assert_eq!(m.gets("bad\0name"), None);
}

#[test]
fn stream_with_a_raw_tcp_peer() {
    let ctx = Context::new().unwrap();
    let stream = socket(&ctx, SocketType::Stream);
    let ep = bind_any(&stream, Transport::Tcp);
    let addr = ep.trim_start_matches("tcp://");
    let mut raw = TcpStream::connect(addr).unwrap();
    raw.set_read_timeout(Some(RECV_TIMEOUT)).unwrap();

    // A connection shows up as [id, empty].
    let hello = stream.recv_multipart().unwrap();
    assert_eq!(hello.len(), 2);
    assert!(hello[1].is_empty());
    let id = hello[0].clone();

    raw.write_all(b"raw bytes").unwrap();
    let frames = stream.recv_multipart().unwrap();
    assert_eq!(frames[0], id);
    assert_eq!(frames[1], "raw bytes");

    stream
        .send_multipart([id.clone(), Message::from("raw reply")])
        .unwrap();
    let mut buf = [0u8; 9];
    raw.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"raw reply");

    // Sending [id, empty] closes the connection: the peer reads end of
    // stream. libzmq finishes closing the pipe only while the STREAM socket
    // processes its commands, so keep calling into it while waiting.
    stream.send_multipart([id, Message::new()]).unwrap();
    raw.set_read_timeout(Some(Duration::from_millis(20)))
        .unwrap();
    let start = Instant::now();
    let mut buf = [0u8; 16];
    loop {
        match raw.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => panic!("unexpected bytes after close: {:?}", &buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && start.elapsed() < DEADLINE => {
                let _ = stream.events();
            }
            Err(e) => panic!("connection not closed: {e}"),
        }
    }
}

#[test]
fn req_sending_twice_is_a_state_error() {
    let ctx = Context::new().unwrap();
    let (_rep, req) = pair_up(&ctx, SocketType::Rep, SocketType::Req, Transport::Inproc);
    req.send("first").unwrap();
    assert_eq!(req.send("second"), Err(Error::Fsm));
    // REP must receive before it may send.
    let rep = socket(&ctx, SocketType::Rep);
    assert_eq!(rep.send("unasked"), Err(Error::Fsm));
}

// ---------------------------------------------------------------------------
// Mismatched pairings: the handshake refuses them.

/// A raw libzmq socket monitor on `s`, read through a PAIR socket.
fn monitor(ctx: &Context, s: &Socket, name: &str) -> Socket {
    let ep = format!("inproc://{name}-{}", std::process::id());
    let c_ep = std::ffi::CString::new(ep.clone()).unwrap();
    let events = sys::ZMQ_EVENT_ACCEPTED
        | sys::ZMQ_EVENT_DISCONNECTED
        | sys::ZMQ_EVENT_HANDSHAKE_SUCCEEDED
        | sys::ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL
        | sys::ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL;
    // SAFETY: a live socket and a NUL-terminated endpoint; libzmq copies it.
    let rc = unsafe { sys::zmq_socket_monitor(s.as_ptr(), c_ep.as_ptr(), events) };
    assert_eq!(rc, 0, "zmq_socket_monitor: {}", Error::last());
    let pair = socket(ctx, SocketType::Pair);
    pair.set_rcvtimeo(Some(Duration::from_millis(100))).unwrap();
    pair.connect(&ep).unwrap();
    pair
}

/// The next (event, value) the monitor reports, if one comes within its timeout.
fn next_event(mon: &Socket) -> Option<(i32, u32)> {
    let frames = mon.recv_multipart().ok()?;
    assert_eq!(frames.len(), 2, "a monitor event is two frames");
    assert_eq!(frames[0].len(), 6);
    let event = u16::from_ne_bytes([frames[0][0], frames[0][1]]);
    let value = u32::from_ne_bytes(frames[0][2..6].try_into().unwrap());
    Some((i32::from(event), value))
}

/// Events the monitor reports until `last` (or the deadline), in order.
fn events_until(mon: &Socket, last: i32) -> Vec<i32> {
    let start = Instant::now();
    let mut seen = Vec::new();
    while start.elapsed() < DEADLINE && !seen.contains(&last) {
        if let Some((event, value)) = next_event(mon) {
            if event == sys::ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL {
                assert_eq!(value as i32, sys::ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA);
            }
            seen.push(event);
        }
    }
    seen
}

/// Connects `client` to a bound `server` over tcp and asserts that the
/// connection is accepted, then dropped by the ZMTP handshake (libzmq checks
/// the peer's socket type in its READY metadata and reports the refusal as a
/// disconnection, not as a handshake event) and never completes; then that
/// nothing either side can send reaches the other.
fn refused(server: SocketType, client: SocketType) {
    let ctx = Context::new().unwrap();
    let a = socket(&ctx, server);
    let name = format!("mismatch-{}-{}", server.name(), client.name());
    let mon = monitor(&ctx, &a, &name);
    let ep = bind_any(&a, Transport::Tcp);
    let b = socket(&ctx, client);
    if client == SocketType::Sub {
        b.set_subscribe(b"").unwrap();
    }
    b.connect(&ep).unwrap();

    let seen = events_until(&mon, sys::ZMQ_EVENT_DISCONNECTED);
    assert_eq!(
        seen.first(),
        Some(&sys::ZMQ_EVENT_ACCEPTED),
        "{name}: the TCP connection itself is accepted: {seen:?}"
    );
    assert!(
        seen.contains(&sys::ZMQ_EVENT_DISCONNECTED),
        "{name}: the handshake never dropped the connection: {seen:?}"
    );
    assert!(
        !seen.contains(&sys::ZMQ_EVENT_HANDSHAKE_SUCCEEDED),
        "{name}: handshake succeeded: {seen:?}"
    );

    // Whatever either side can send never arrives at the other.
    for (from, to) in [(&a, &b), (&b, &a)] {
        let _ = from.send_with("should not arrive", Flags::DONTWAIT);
        to.set_rcvtimeo(Some(Duration::from_millis(200))).unwrap();
        match to.recv_msg() {
            Err(Error::Again) | Err(Error::Fsm) | Err(Error::NotSupported) => {}
            other => panic!("{name}: delivered across a refused pairing: {other:?}"),
        }
    }
}

#[test]
fn the_monitor_sees_a_compatible_handshake_succeed() {
    let ctx = Context::new().unwrap();
    let pull = socket(&ctx, SocketType::Pull);
    let mon = monitor(&ctx, &pull, "match-PULL-PUSH");
    let ep = bind_any(&pull, Transport::Tcp);
    let push = socket(&ctx, SocketType::Push);
    push.connect(&ep).unwrap();
    let seen = events_until(&mon, sys::ZMQ_EVENT_HANDSHAKE_SUCCEEDED);
    assert_eq!(
        seen,
        [sys::ZMQ_EVENT_ACCEPTED, sys::ZMQ_EVENT_HANDSHAKE_SUCCEEDED]
    );
}

#[test]
fn pub_push_is_refused() {
    refused(SocketType::Pub, SocketType::Pull);
    refused(SocketType::Push, SocketType::Sub);
}

#[test]
fn req_req_is_refused() {
    refused(SocketType::Req, SocketType::Req);
}

#[test]
fn push_push_is_refused() {
    refused(SocketType::Push, SocketType::Push);
}

#[test]
fn sub_pull_is_refused() {
    refused(SocketType::Sub, SocketType::Pull);
}

#[test]
fn pair_dealer_and_rep_rep_are_refused() {
    refused(SocketType::Pair, SocketType::Dealer);
    refused(SocketType::Rep, SocketType::Rep);
    refused(SocketType::Xpub, SocketType::Pull);
}

#[cfg(feature = "draft")]
mod draft {
    use super::*;
    use std::net::UdpSocket;

    over_both!(
        server_client,
        radio_dish,
        scatter_gather,
        peer_peer,
        channel_channel
    );

    fn server_client(t: Transport) {
        let ctx = Context::new().unwrap();
        let (server, client) = pair_up(&ctx, SocketType::Server, SocketType::Client, t);
        client.send("hello").unwrap();
        let req = server.recv_msg().unwrap();
        assert_eq!(req, "hello");
        let id = req.routing_id();
        assert_ne!(
            id, 0,
            "SERVER tags what it receives with the peer's routing id"
        );
        let mut reply = Message::from("world");
        reply.set_routing_id(id).unwrap();
        server.send_msg(&mut reply).unwrap();
        assert_eq!(client.recv_string().unwrap(), "world");
        // Without a routing id SERVER cannot route.
        assert_eq!(server.send("lost"), Err(Error::HostUnreachable));
        // CLIENT and SERVER refuse multipart.
        assert!(client.send_with("a", czmq::Flags::MORE).is_err());
    }

    fn radio_dish(t: Transport) {
        let ctx = Context::new().unwrap();
        let (radio, dish) = pair_up(&ctx, SocketType::Radio, SocketType::Dish, t);
        dish.join("news").unwrap();
        let got = recv_retrying(&dish, || {
            let mut other = Message::from("not for us");
            other.set_group("sports").unwrap();
            radio.send_msg(&mut other).unwrap();
            let mut m = Message::from("headline");
            m.set_group("news").unwrap();
            radio.send_msg(&mut m).unwrap();
        })
        .expect("no group message arrived");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0], "headline");
        assert_eq!(got[0].group(), Some("news"));
        // Leaving stops delivery (after the leave reaches the radio).
        dish.leave("news").unwrap();
        assert_eq!(dish.leave("never joined"), Err(Error::Invalid));
    }

    fn scatter_gather(t: Transport) {
        let ctx = Context::new().unwrap();
        let (gather, scatter) = pair_up(&ctx, SocketType::Gather, SocketType::Scatter, t);
        for i in 0..5 {
            scatter.send(format!("part {i}")).unwrap();
        }
        for i in 0..5 {
            assert_eq!(gather.recv_string().unwrap(), format!("part {i}"));
        }
    }

    fn peer_peer(t: Transport) {
        let ctx = Context::new().unwrap();
        let a = socket(&ctx, SocketType::Peer);
        let ep = bind_any(&a, t);
        let b = socket(&ctx, SocketType::Peer);
        let a_id = b.connect_peer(&ep).unwrap();
        assert_ne!(a_id, 0);
        let mut m = Message::from("hi a");
        m.set_routing_id(a_id).unwrap();
        // The pipe exists at once, but a tcp peer is writable only once connected.
        let start = Instant::now();
        loop {
            match b.send_msg_with(&mut m, Flags::DONTWAIT) {
                Ok(()) => break,
                Err(Error::HostUnreachable) | Err(Error::Again) if start.elapsed() < DEADLINE => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                Err(e) => panic!("peer send: {e}"),
            }
        }
        let got = a.recv_msg().unwrap();
        assert_eq!(got, "hi a");
        let b_id = got.routing_id();
        assert_ne!(b_id, 0);
        let mut reply = Message::from("hi b");
        reply.set_routing_id(b_id).unwrap();
        a.send_msg(&mut reply).unwrap();
        let back = b.recv_msg().unwrap();
        assert_eq!(back, "hi b");
        assert_eq!(back.routing_id(), a_id);
        // connect_peer is only for PEER sockets.
        let dealer = socket(&ctx, SocketType::Dealer);
        assert_eq!(dealer.connect_peer(&ep), Err(Error::NotSupported));
    }

    fn channel_channel(t: Transport) {
        let ctx = Context::new().unwrap();
        let (a, b) = pair_up(&ctx, SocketType::Channel, SocketType::Channel, t);
        b.send("ping").unwrap();
        assert_eq!(a.recv_string().unwrap(), "ping");
        a.send("pong").unwrap();
        assert_eq!(b.recv_string().unwrap(), "pong");
    }

    #[test]
    fn dgram_over_udp_with_a_raw_udp_peer() {
        let ctx = Context::new().unwrap();
        // UDP binds take no wildcard port here: lease one from the suite's
        // range, below the kernel's ephemeral ports.
        let port = ports::lease_port();
        let dgram = socket(&ctx, SocketType::Dgram);
        dgram.bind(&format!("udp://127.0.0.1:{port}")).unwrap();

        let raw = UdpSocket::bind("127.0.0.1:0").unwrap();
        raw.set_read_timeout(Some(RECV_TIMEOUT)).unwrap();
        let raw_addr = raw.local_addr().unwrap().to_string();
        // The UDP socket is opened by libzmq's I/O thread after bind returns:
        // datagrams sent before then are lost, so send until one arrives.
        let frames = recv_retrying(&dgram, || {
            let _ = raw.send_to(b"datagram", ("127.0.0.1", port));
        })
        .expect("no datagram arrived");
        // DGRAM delivers [sender address, body]; libzmq's address frame is
        // the C string with its NUL. Replies take the same shape.
        assert_eq!(
            strings(&frames),
            [format!("{raw_addr}\0").as_str(), "datagram"]
        );
        dgram
            .send_multipart([frames[0].clone(), Message::from("answer")])
            .unwrap();
        let mut buf = [0u8; 64];
        let (n, from) = raw.recv_from(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"answer");
        assert_eq!(from.port(), port);
    }

    #[test]
    fn draft_mismatches_are_refused() {
        refused(SocketType::Server, SocketType::Dealer);
        refused(SocketType::Radio, SocketType::Sub);
        refused(SocketType::Gather, SocketType::Push);
        refused(SocketType::Channel, SocketType::Pair);
    }
}
