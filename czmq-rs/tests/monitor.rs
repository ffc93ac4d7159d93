//! Socket monitors over tcp://127.0.0.1: the events of bind, connect,
//! accept, handshake and disconnect, each awaited with a bounded timeout.

use std::time::Duration;

use czmq::{Context, Error, EventMask, Monitor, MonitorEvent, SocketType};

const LONG: Duration = Duration::from_secs(5);

#[test]
fn connect_accept_and_disconnect_are_reported() {
    let ctx = Context::new().unwrap();
    let server = ctx.socket(SocketType::Router).unwrap();
    let server_events = Monitor::new(&server, EventMask::ALL).unwrap();
    server.bind("tcp://127.0.0.1:*").unwrap();
    let endpoint = server.last_endpoint().unwrap();

    let listening = server_events.recv_event(Some(LONG)).unwrap();
    match &listening {
        MonitorEvent::Listening { fd, endpoint: at } => {
            assert!(*fd >= 0);
            assert_eq!(at, &endpoint);
        }
        other => panic!("expected Listening first, got {other:?}"),
    }

    let client = ctx.socket(SocketType::Dealer).unwrap();
    {
        let client_events = Monitor::new(&client, EventMask::ALL).unwrap();
        client.connect(&endpoint).unwrap();

        let connected = client_events
            .wait_for(|e| matches!(e, MonitorEvent::Connected { .. }), LONG)
            .unwrap();
        assert_eq!(connected.endpoint(), endpoint);
        let accepted = server_events
            .wait_for(|e| matches!(e, MonitorEvent::Accepted { .. }), LONG)
            .unwrap();
        assert!(matches!(accepted, MonitorEvent::Accepted { fd, .. } if fd >= 0));
        let handshake = server_events
            .wait_for(
                |e| matches!(e, MonitorEvent::HandshakeSucceeded { .. }),
                LONG,
            )
            .unwrap();
        assert_eq!(handshake.value(), 0);
        client_events
            .wait_for(
                |e| matches!(e, MonitorEvent::HandshakeSucceeded { .. }),
                LONG,
            )
            .unwrap();

        // The connection carries messages as usual while monitored.
        client.send("hello").unwrap();
        server.set_rcvtimeo(Some(LONG)).unwrap();
        let frames = server.recv_multipart().unwrap();
        assert_eq!(frames.last().unwrap(), &"hello");
    }
    // The client's monitor is gone (stopped first); now the client goes.
    drop(client);
    let gone = server_events
        .wait_for(|e| matches!(e, MonitorEvent::Disconnected { .. }), LONG)
        .unwrap();
    assert_eq!(gone.name(), "DISCONNECTED");
}

#[test]
fn only_the_requested_events_arrive() {
    let ctx = Context::new().unwrap();
    let server = ctx.socket(SocketType::Rep).unwrap();
    let events = Monitor::new(&server, EventMask::ACCEPTED).unwrap();
    server.bind("tcp://127.0.0.1:*").unwrap();
    let client = ctx.socket(SocketType::Req).unwrap();
    client.connect(&server.last_endpoint().unwrap()).unwrap();
    // No Listening (not asked for): the first event is the accept.
    let first = events.recv_event(Some(LONG)).unwrap();
    assert!(matches!(first, MonitorEvent::Accepted { .. }), "{first:?}");
    assert_eq!(
        events.recv_event(Some(Duration::from_millis(200))),
        Err(Error::Again)
    );
}

#[test]
fn failed_bind_and_connect_retries_are_reported() {
    let ctx = Context::new().unwrap();
    let holder = ctx.socket(SocketType::Pull).unwrap();
    holder.bind("tcp://127.0.0.1:*").unwrap();
    let taken = holder.last_endpoint().unwrap();

    let second = ctx.socket(SocketType::Pull).unwrap();
    let events = Monitor::new(&second, EventMask::BIND_FAILED).unwrap();
    // The bind fails; libzmq sends the monitor event before returning and
    // that send may overwrite errno, so the event carries the real cause.
    assert!(second.bind(&taken).is_err());
    let failed = events.recv_event(Some(LONG)).unwrap();
    match &failed {
        // libzmq names the address here without its "tcp://" prefix.
        MonitorEvent::BindFailed { errno, endpoint } => {
            assert_eq!(*errno, libc::EADDRINUSE);
            assert!(taken.ends_with(endpoint.as_str()), "{endpoint} vs {taken}");
        }
        other => panic!("expected BindFailed, got {other:?}"),
    }

    // Free the port, then connect to it: nobody listens, so libzmq retries.
    holder.unbind(&taken).unwrap();
    let client = ctx.socket(SocketType::Push).unwrap();
    client
        .set_reconnect_ivl(Some(Duration::from_millis(50)))
        .unwrap();
    let client_events = Monitor::new(&client, EventMask::CONNECT_RETRIED).unwrap();
    client.connect(&taken).unwrap();
    let retried = client_events.recv_event(Some(LONG)).unwrap();
    match retried {
        MonitorEvent::ConnectRetried { interval, endpoint } => {
            assert_eq!(endpoint, taken);
            assert!(interval >= Duration::from_millis(50), "{interval:?}");
        }
        other => panic!("expected ConnectRetried, got {other:?}"),
    }
}

#[test]
fn stopping_a_monitor_sends_monitor_stopped_last() {
    let ctx = Context::new().unwrap();
    let socket = ctx.socket(SocketType::Pub).unwrap();
    let events = Monitor::new(&socket, EventMask::ALL).unwrap();
    socket.bind("tcp://127.0.0.1:*").unwrap();
    assert!(matches!(
        events.recv_event(Some(LONG)).unwrap(),
        MonitorEvent::Listening { .. }
    ));
    socket.monitor_stop().unwrap();
    let stopped = events.recv_event(Some(LONG)).unwrap();
    assert!(
        matches!(stopped, MonitorEvent::MonitorStopped { .. }),
        "{stopped:?}"
    );
    // Nothing after it, even though the socket keeps working.
    socket.unbind(&socket.last_endpoint().unwrap()).unwrap();
    assert_eq!(
        events.recv_event(Some(Duration::from_millis(100))),
        Err(Error::Again)
    );
}

#[test]
fn monitor_endpoint_must_be_inproc() {
    let ctx = Context::new().unwrap();
    let socket = ctx.socket(SocketType::Dealer).unwrap();
    assert_eq!(
        socket.monitor("tcp://127.0.0.1:1", EventMask::ALL),
        Err(Error::ProtocolNotSupported)
    );
    assert!(matches!(
        socket.monitor("inproc://a\0b", EventMask::ALL),
        Err(Error::InvalidArgument(_))
    ));
}
