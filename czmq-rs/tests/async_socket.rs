//! AsyncSocket (feature `tokio`): no lost wake-ups and cancellation safety.
//!
//! Many tasks move many messages through PUSH/PULL, PUB/SUB, ROUTER/DEALER
//! and REQ/REP, over inproc and tcp, while futures are dropped at random
//! points (a `select!` against a short timer). Every message must arrive
//! exactly once; a lost edge of `ZMQ_FD` shows up as a task that never
//! finishes, so every run is bounded in time.
#![cfg(all(feature = "tokio", unix))]

use std::collections::HashSet;
use std::time::Duration;

use czmq::{AsyncSocket, Context, Message, Socket, SocketType};
use futures::{SinkExt, StreamExt};
use tokio::time::{sleep, timeout};

/// Tasks per pattern, and messages per task: in the plain run, and at the
/// issue's scale (the `#[ignore]`d `*_at_full_scale` tests, run by CI).
const TASKS: usize = 100;
const PER_TASK: usize = 1_000;
const FULL_SCALE: usize = 10_000;
/// No pattern may take longer than this (a lost wake-up hangs).
const LIMIT: Duration = Duration::from_secs(120);

#[derive(Clone, Copy, Debug)]
enum Transport {
    Inproc,
    Tcp,
}

/// A small deterministic generator, so a failing cancellation pattern can be
/// replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Binds `socket` and returns the endpoint its peers connect to.
fn bind(socket: &Socket, transport: Transport, name: &str) -> String {
    match transport {
        Transport::Inproc => {
            let ep = format!("inproc://async-{name}");
            socket.bind(&ep).unwrap();
            ep
        }
        Transport::Tcp => {
            socket.bind("tcp://127.0.0.1:*").unwrap();
            socket.last_endpoint().unwrap()
        }
    }
}

/// Receives with random cancellation: each attempt races a short timer, and
/// a dropped attempt must not have taken a message.
async fn recv_cancelling(socket: &mut AsyncSocket, rng: &mut Rng) -> Vec<Message> {
    loop {
        let wait = Duration::from_micros(rng.next() % 200);
        tokio::select! {
            got = socket.recv() => return got.unwrap(),
            _ = sleep(wait) => continue,
        }
    }
}

/// Sends with random cancellation: a dropped attempt sent nothing.
async fn send_cancelling(socket: &mut AsyncSocket, parts: Vec<Vec<u8>>, rng: &mut Rng) {
    loop {
        let wait = Duration::from_micros(rng.next() % 200);
        let attempt = parts.clone();
        tokio::select! {
            sent = socket.send(attempt) => return sent.unwrap(),
            _ = sleep(wait) => continue,
        }
    }
}

fn key(task: usize, i: usize) -> Vec<u8> {
    format!("{task}:{i}").into_bytes()
}

async fn push_pull(ctx: Context, transport: Transport, per_task: usize) {
    let pull = ctx.socket(SocketType::Pull).unwrap();
    pull.set_rcvhwm(10).unwrap();
    let ep = bind(&pull, transport, "push-pull");
    let mut pull = AsyncSocket::new(pull).unwrap();
    let mut senders = Vec::new();
    for task in 0..TASKS {
        let push = ctx.socket(SocketType::Push).unwrap();
        push.set_sndhwm(10).unwrap();
        push.connect(&ep).unwrap();
        // Half the senders are async tasks, half blocking threads: both
        // kinds on one context, feeding one async reader.
        if task % 2 == 0 {
            senders.push(tokio::spawn(async move {
                let mut push = AsyncSocket::new(push).unwrap();
                let mut rng = Rng(task as u64 + 1);
                for i in 0..per_task {
                    send_cancelling(&mut push, vec![key(task, i)], &mut rng).await;
                }
            }));
        } else {
            senders.push(tokio::task::spawn_blocking(move || {
                for i in 0..per_task {
                    push.send_bytes(&key(task, i)).unwrap();
                }
            }));
        }
    }
    let mut rng = Rng(0x5eed);
    let mut seen = HashSet::new();
    while seen.len() < TASKS * per_task {
        let parts = recv_cancelling(&mut pull, &mut rng).await;
        assert!(seen.insert(parts[0].to_vec()), "a message arrived twice");
    }
    for s in senders {
        s.await.unwrap();
    }
}

async fn pub_sub(ctx: Context, transport: Transport, per_task: usize) {
    // One publisher task, TASKS subscriber tasks; each subscriber must see
    // every message after its subscription is live (the publisher waits for
    // the subscribers' welcome through an XPUB).
    let xpub = ctx.socket(SocketType::Xpub).unwrap();
    xpub.set_sndhwm(0).unwrap();
    // Every subscriber's (identical) subscription comes up, not just the first.
    xpub.set_xpub_verbose(true).unwrap();
    let ep = bind(&xpub, transport, "pub-sub");
    let mut xpub = AsyncSocket::new(xpub).unwrap();
    let subscribers = TASKS / 10;
    let mut tasks = Vec::new();
    for task in 0..subscribers {
        let sub = ctx.socket(SocketType::Sub).unwrap();
        sub.set_rcvhwm(0).unwrap();
        sub.set_subscribe(b"").unwrap();
        sub.connect(&ep).unwrap();
        tasks.push(tokio::spawn(async move {
            let mut sub = AsyncSocket::new(sub).unwrap();
            let mut rng = Rng(task as u64 + 7);
            for i in 0..per_task {
                let parts = recv_cancelling(&mut sub, &mut rng).await;
                assert_eq!(parts[0].to_vec(), key(0, i), "subscriber {task}");
            }
        }));
    }
    // Every subscription has arrived: one welcome per subscriber.
    for _ in 0..subscribers {
        let welcome = xpub.recv().await.unwrap();
        assert_eq!(welcome[0][0], 1);
    }
    let mut rng = Rng(0xb0b);
    for i in 0..per_task {
        send_cancelling(&mut xpub, vec![key(0, i)], &mut rng).await;
    }
    for t in tasks {
        t.await.unwrap();
    }
}

async fn router_dealer(ctx: Context, transport: Transport, per_task: usize) {
    // DEALER tasks send requests; an async ROUTER echoes them back.
    let router = ctx.socket(SocketType::Router).unwrap();
    let ep = bind(&router, transport, "router-dealer");
    let mut router = AsyncSocket::new(router).unwrap();
    let echo = tokio::spawn(async move {
        let mut rng = Rng(0xec40);
        for _ in 0..TASKS * per_task / 10 {
            let parts = recv_cancelling(&mut router, &mut rng).await;
            let parts: Vec<Vec<u8>> = parts.iter().map(|m| m.to_vec()).collect();
            send_cancelling(&mut router, parts, &mut rng).await;
        }
    });
    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let dealer = ctx.socket(SocketType::Dealer).unwrap();
        dealer.connect(&ep).unwrap();
        tasks.push(tokio::spawn(async move {
            let mut dealer = AsyncSocket::new(dealer).unwrap();
            let mut rng = Rng(task as u64 + 99);
            for i in 0..per_task / 10 {
                send_cancelling(&mut dealer, vec![key(task, i), b"body".to_vec()], &mut rng).await;
                let reply = recv_cancelling(&mut dealer, &mut rng).await;
                assert_eq!(reply[0].to_vec(), key(task, i));
                assert_eq!(&reply[1][..], b"body");
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    echo.await.unwrap();
}

async fn req_rep(ctx: Context, transport: Transport, per_task: usize) {
    // REQ/REP is strict lock-step: a cancelled send or receive that had
    // taken effect would break the state machine (EFSM) at once.
    let rep = ctx.socket(SocketType::Rep).unwrap();
    let ep = bind(&rep, transport, "req-rep");
    let mut rep = AsyncSocket::new(rep).unwrap();
    let rounds = per_task * 2;
    let server = tokio::spawn(async move {
        let mut rng = Rng(0x4e9);
        for _ in 0..rounds {
            let request = recv_cancelling(&mut rep, &mut rng).await;
            send_cancelling(&mut rep, vec![request[0].to_vec()], &mut rng).await;
        }
    });
    let req = ctx.socket(SocketType::Req).unwrap();
    req.connect(&ep).unwrap();
    let mut req = AsyncSocket::new(req).unwrap();
    let mut rng = Rng(0x4e4);
    for i in 0..rounds {
        send_cancelling(&mut req, vec![key(0, i)], &mut rng).await;
        let reply = recv_cancelling(&mut req, &mut rng).await;
        assert_eq!(reply[0].to_vec(), key(0, i));
    }
    server.await.unwrap();
}

fn run<F, Fut>(pattern: F, per_task: usize)
where
    F: Fn(Context, Transport, usize) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    // Ten times the messages may take ten times as long.
    let limit = LIMIT * (per_task / PER_TASK).max(1) as u32;
    for transport in [Transport::Inproc, Transport::Tcp] {
        let ctx = Context::new().unwrap();
        let outcome =
            runtime.block_on(async { timeout(limit, pattern(ctx, transport, per_task)).await });
        assert!(
            outcome.is_ok(),
            "{transport:?}: a lost wake-up (not done in {limit:?})"
        );
    }
}

#[test]
fn push_pull_loses_nothing_under_cancellation() {
    run(push_pull, PER_TASK);
}

#[test]
#[ignore = "slow: the issue's 10,000 messages per task; run by .ci/run"]
fn push_pull_loses_nothing_under_cancellation_at_full_scale() {
    run(push_pull, FULL_SCALE);
}

#[test]
fn pub_sub_loses_nothing_under_cancellation() {
    run(pub_sub, PER_TASK);
}

#[test]
#[ignore = "slow: the issue's 10,000 messages per task; run by .ci/run"]
fn pub_sub_loses_nothing_under_cancellation_at_full_scale() {
    run(pub_sub, FULL_SCALE);
}

#[test]
fn router_dealer_loses_nothing_under_cancellation() {
    run(router_dealer, PER_TASK);
}

#[test]
#[ignore = "slow: the issue's 10,000 messages per task; run by .ci/run"]
fn router_dealer_loses_nothing_under_cancellation_at_full_scale() {
    run(router_dealer, FULL_SCALE);
}

#[test]
fn req_rep_keeps_lock_step_under_cancellation() {
    run(req_rep, PER_TASK);
}

#[test]
#[ignore = "slow: the issue's 10,000 messages per task; run by .ci/run"]
fn req_rep_keeps_lock_step_under_cancellation_at_full_scale() {
    run(req_rep, FULL_SCALE);
}

#[test]
fn stream_and_sink_carry_multipart_messages() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let ctx = Context::new().unwrap();
        let pull = ctx.socket(SocketType::Pull).unwrap();
        pull.bind("inproc://async-stream").unwrap();
        let push = ctx.socket(SocketType::Push).unwrap();
        push.connect("inproc://async-stream").unwrap();
        let mut sink = AsyncSocket::new(push).unwrap();
        let mut stream = AsyncSocket::new(pull).unwrap();
        for i in 0..100u32 {
            // The Sink, not the inherent send.
            SinkExt::send(
                &mut sink,
                vec![Message::from(&i.to_be_bytes()), Message::from("tail")],
            )
            .await
            .unwrap();
        }
        for i in 0..100u32 {
            let parts = stream.next().await.unwrap().unwrap();
            assert_eq!(&parts[0][..], &i.to_be_bytes());
            assert_eq!(&parts[1][..], b"tail");
        }
    });
}

#[test]
fn outside_a_runtime_new_is_an_error_not_a_panic() {
    let ctx = Context::new().unwrap();
    let s = ctx.socket(SocketType::Pair).unwrap();
    assert!(AsyncSocket::new(s).is_err());
}

#[test]
fn the_async_hello_world_examples_talk_to_each_other() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let examples = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(|d| d.parent())
        .unwrap()
        .join("examples");
    // The server binds a port the kernel picks and prints it.
    let mut server = Command::new(examples.join("async_hwserver"))
        .args(["tcp://127.0.0.1:*", "10"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("cargo builds the examples of the features under test");
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let bound = lines.next().unwrap().unwrap();
    let endpoint = bound.strip_prefix("BOUND ").unwrap().to_string();
    let client = Command::new(examples.join("async_hwclient"))
        .arg(&endpoint)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&client.stdout);
    assert!(client.status.success(), "{text}");
    assert_eq!(text.matches("Received World").count(), 10, "{text}");
    assert!(server.wait().unwrap().success());
}

#[test]
fn the_async_asyncsrv_example_answers_every_client() {
    use std::process::Command;
    let examples = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(|d| d.parent())
        .unwrap()
        .join("examples");
    // 4 clients, 5 workers, 20 requests each: 1 + 2 + 3 replies per three
    // requests, so 39 replies per client. The program ends once every reply
    // has arrived; `timeout` bounds a hang.
    let out = Command::new("timeout")
        .arg("60")
        .arg(examples.join("async_asyncsrv"))
        .args(["4", "5", "20"])
        .output()
        .expect("cargo builds the examples of the features under test");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert_eq!(text.matches("20 requests, 39 replies").count(), 4, "{text}");
    assert!(text.ends_with("DONE\n"), "{text}");
}

#[test]
fn frame_level_recv_and_send_reuse_one_message_and_lose_nothing() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let ctx = Context::new().unwrap();
        let mut pull = AsyncSocket::new(ctx.socket(SocketType::Pull).unwrap()).unwrap();
        pull.socket().bind("inproc://async-frames").unwrap();
        let mut push = AsyncSocket::new(ctx.socket(SocketType::Push).unwrap()).unwrap();
        push.socket().connect("inproc://async-frames").unwrap();
        let mut msg = Message::new();
        for round in 0..500u32 {
            // A dropped recv_frame, with nothing there, takes nothing.
            assert!(
                timeout(Duration::ZERO, pull.recv_frame(&mut msg))
                    .await
                    .is_err()
            );
            // Two frames of one message, sent frame by frame.
            let mut head = Message::from(round.to_string());
            push.send_frame(&mut head, true).await.unwrap();
            assert!(head.is_empty(), "a sent frame leaves the message empty");
            let mut tail = Message::from("tail");
            push.send_frame(&mut tail, false).await.unwrap();
            pull.recv_frame(&mut msg).await.unwrap();
            assert_eq!(&msg[..], round.to_string().as_bytes());
            assert!(msg.more());
            pull.recv_frame(&mut msg).await.unwrap();
            assert_eq!((&msg[..], msg.more()), (&b"tail"[..], false));
        }
    });
}
