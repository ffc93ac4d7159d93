//! CURVE security end to end over tcp://127.0.0.1: keys that match let
//! messages through, a wrong server key lets nothing through.

use std::time::{Duration, Instant};

use czmq::{
    Context, CurveKeyPair, Error, EventMask, Monitor, MonitorEvent, Socket, SocketType,
    curve_public,
};
use zmq_sys_vendored as sys;

const LONG: Duration = Duration::from_secs(5);

#[test]
fn vendored_build_has_curve() {
    if !sys::SYSTEM_LIBZMQ {
        assert!(czmq::has("curve"));
    }
}

#[test]
fn curve_public_agrees_with_the_keypair() {
    if !czmq::has("curve") {
        return;
    }
    let pair = CurveKeyPair::new().unwrap();
    assert_eq!(curve_public(pair.secret_key()).unwrap(), pair.public_key());
}

fn curve_server(ctx: &Context, keys: &CurveKeyPair) -> Socket {
    let server = ctx.socket(SocketType::Rep).unwrap();
    server.set_curve_server(true).unwrap();
    server
        .set_curve_secretkey(keys.secret_key().as_bytes())
        .unwrap();
    server.set_rcvtimeo(Some(LONG)).unwrap();
    server
}

fn curve_client(ctx: &Context, server_public: &str) -> Socket {
    let own = CurveKeyPair::new().unwrap();
    let client = ctx.socket(SocketType::Req).unwrap();
    client
        .set_curve_serverkey(server_public.as_bytes())
        .unwrap();
    client.set_curve_publickey(&own.public_bytes()).unwrap();
    client.set_curve_secretkey(&own.secret_bytes()).unwrap();
    client.set_rcvtimeo(Some(LONG)).unwrap();
    client
}

#[test]
fn curve_round_trip_over_tcp() {
    if !czmq::has("curve") {
        return;
    }
    let ctx = Context::new().unwrap();
    let keys = CurveKeyPair::new().unwrap();
    let server = curve_server(&ctx, &keys);
    let events = Monitor::new(&server, EventMask::HANDSHAKE_SUCCEEDED).unwrap();
    server.bind("tcp://127.0.0.1:*").unwrap();
    let client = curve_client(&ctx, keys.public_key());
    client.connect(&server.last_endpoint().unwrap()).unwrap();

    client.send("secret hello").unwrap();
    assert_eq!(server.recv_string().unwrap(), "secret hello");
    server.send("secret reply").unwrap();
    assert_eq!(client.recv_string().unwrap(), "secret reply");
    assert!(matches!(
        events.recv_event(Some(LONG)).unwrap(),
        MonitorEvent::HandshakeSucceeded { .. }
    ));
    assert!(server.curve_server().unwrap());
}

#[test]
fn wrong_server_key_gets_nothing_through() {
    if !czmq::has("curve") {
        return;
    }
    let ctx = Context::new().unwrap();
    let keys = CurveKeyPair::new().unwrap();
    let impostor = CurveKeyPair::new().unwrap();
    let server = curve_server(&ctx, &keys);
    server
        .set_rcvtimeo(Some(Duration::from_millis(500)))
        .unwrap();
    let events = Monitor::new(&server, EventMask::ALL).unwrap();
    server.bind("tcp://127.0.0.1:*").unwrap();
    let client = curve_client(&ctx, impostor.public_key());
    client.connect(&server.last_endpoint().unwrap()).unwrap();
    client.send("should never arrive").unwrap();

    assert_eq!(server.recv_string(), Err(Error::Again));

    // Whatever the server's monitor saw in the meantime, a successful
    // handshake is not among it; a failure, if reported, names the endpoint.
    let deadline = Instant::now() + Duration::from_millis(500);
    let mut seen = Vec::new();
    while let Ok(event) =
        events.recv_event(Some(deadline.saturating_duration_since(Instant::now())))
    {
        seen.push(event);
    }
    assert!(
        !seen
            .iter()
            .any(|e| matches!(e, MonitorEvent::HandshakeSucceeded { .. })),
        "{seen:?}"
    );
    for failure in seen.iter().filter(|e| e.is_handshake_failure()) {
        assert!(
            failure.endpoint().starts_with("tcp://127.0.0.1:"),
            "{failure:?}"
        );
    }
    assert!(
        seen.iter()
            .any(|e| matches!(e, MonitorEvent::Accepted { .. })),
        "{seen:?}"
    );
}
