//! The built-in proxies: forwarding both ways, capture, steering commands,
//! statistics, and both ways of ending a proxy thread.

use std::time::Duration;

use czmq::{Context, Error, ProxyControl, Socket, SocketType, proxy, proxy_steerable};

const LONG: Duration = Duration::from_secs(5);

fn socket(ctx: &Context, kind: SocketType) -> Socket {
    let s = ctx.socket(kind).unwrap();
    s.set_rcvtimeo(Some(LONG)).unwrap();
    s.set_sndtimeo(Some(LONG)).unwrap();
    s
}

fn texts(frames: &[czmq::Message]) -> Vec<String> {
    frames
        .iter()
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect()
}

#[test]
fn router_dealer_proxy_forwards_both_ways_and_captures() {
    let ctx = Context::new().unwrap();
    let frontend = socket(&ctx, SocketType::Router);
    frontend.bind("inproc://proxy-rd-front").unwrap();
    let backend = socket(&ctx, SocketType::Dealer);
    backend.bind("inproc://proxy-rd-back").unwrap();
    let capture = socket(&ctx, SocketType::Pair);
    capture.bind("inproc://proxy-rd-capture").unwrap();
    // The capture reader must be there before traffic: a PAIR without peer blocks.
    let tap = socket(&ctx, SocketType::Pair);
    tap.connect("inproc://proxy-rd-capture").unwrap();

    let running = std::thread::spawn(move || proxy(&frontend, &backend, Some(&capture)));

    let client = socket(&ctx, SocketType::Req);
    client.connect("inproc://proxy-rd-front").unwrap();
    let worker = socket(&ctx, SocketType::Rep);
    worker.connect("inproc://proxy-rd-back").unwrap();

    for round in 0..3 {
        client.send(format!("request {round}")).unwrap();
        assert_eq!(worker.recv_string().unwrap(), format!("request {round}"));
        worker.send(format!("reply {round}")).unwrap();
        assert_eq!(client.recv_string().unwrap(), format!("reply {round}"));

        // The capture sees each message whole: routing id, delimiter, body.
        let request = texts(&tap.recv_multipart().unwrap());
        assert_eq!(request.len(), 3, "{request:?}");
        assert_eq!(request[1], "");
        assert_eq!(request[2], format!("request {round}"));
        let reply = texts(&tap.recv_multipart().unwrap());
        assert_eq!(reply[1..], ["".to_string(), format!("reply {round}")]);
    }

    ctx.shutdown().unwrap();
    assert_eq!(running.join().unwrap(), Err(Error::Terminated));
}

/// A PULL -> PUSH steerable proxy in a thread, with its control endpoint.
struct Pipeline {
    input: Socket,
    output: Socket,
    steer: ProxyControl,
    running: std::thread::JoinHandle<czmq::Result<()>>,
}

fn steerable_pipeline(ctx: &Context, name: &str) -> Pipeline {
    let frontend = socket(ctx, SocketType::Pull);
    frontend.bind(&format!("inproc://{name}-in")).unwrap();
    let backend = socket(ctx, SocketType::Push);
    backend.bind(&format!("inproc://{name}-out")).unwrap();
    let control = socket(ctx, SocketType::Pair);
    control.bind(&format!("inproc://{name}-control")).unwrap();
    let running =
        std::thread::spawn(move || proxy_steerable(&frontend, &backend, None, Some(&control)));
    let input = socket(ctx, SocketType::Push);
    input.connect(&format!("inproc://{name}-in")).unwrap();
    let output = socket(ctx, SocketType::Pull);
    output.connect(&format!("inproc://{name}-out")).unwrap();
    let steer = ProxyControl::connect(ctx, &format!("inproc://{name}-control")).unwrap();
    Pipeline {
        input,
        output,
        steer,
        running,
    }
}

#[test]
fn steerable_proxy_reports_statistics_and_ends_on_terminate() {
    let ctx = Context::new().unwrap();
    let p = steerable_pipeline(&ctx, "proxy-stats");
    for word in ["alpha", "beta", "gamma"] {
        p.input.send(word).unwrap();
    }
    for word in ["alpha", "beta", "gamma"] {
        assert_eq!(p.output.recv_string().unwrap(), word);
    }
    let stats = p.steer.statistics().unwrap();
    assert_eq!(stats.frontend_received_messages, 3);
    assert_eq!(stats.frontend_received_bytes, 5 + 4 + 5);
    assert_eq!(stats.backend_sent_messages, 3);
    assert_eq!(stats.backend_sent_bytes, 14);
    assert_eq!(stats.frontend_sent_messages, 0);
    assert_eq!(stats.backend_received_messages, 0);

    p.steer.terminate().unwrap();
    assert_eq!(p.running.join().unwrap(), Ok(()));
}

#[test]
fn paused_proxy_holds_messages_until_resumed() {
    let ctx = Context::new().unwrap();
    let p = steerable_pipeline(&ctx, "proxy-pause");
    p.input.send("before").unwrap();
    assert_eq!(p.output.recv_string().unwrap(), "before");

    p.steer.pause().unwrap();
    p.input.send("held").unwrap();
    p.output
        .set_rcvtimeo(Some(Duration::from_millis(300)))
        .unwrap();
    assert_eq!(p.output.recv_string(), Err(Error::Again));
    assert_eq!(p.steer.statistics().unwrap().backend_sent_messages, 1);

    p.steer.resume().unwrap();
    p.output.set_rcvtimeo(Some(LONG)).unwrap();
    assert_eq!(p.output.recv_string().unwrap(), "held");
    assert_eq!(p.steer.statistics().unwrap().backend_sent_messages, 2);

    p.steer.terminate().unwrap();
    assert_eq!(p.running.join().unwrap(), Ok(()));
}

#[test]
fn steerable_proxy_also_ends_on_context_shutdown() {
    let ctx = Context::new().unwrap();
    let p = steerable_pipeline(&ctx, "proxy-shutdown");
    p.input.send("one").unwrap();
    assert_eq!(p.output.recv_string().unwrap(), "one");
    ctx.shutdown().unwrap();
    assert_eq!(p.running.join().unwrap(), Err(Error::Terminated));
}
