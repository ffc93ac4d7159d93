//! Context lifetime and threads: sockets keep their context alive, dropping
//! everything never hangs, linger is honoured, options read back, and a
//! shutdown wakes blocked calls in other threads.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use czmq::{Context, ContextOption, Error, Flags, Message, Socket, SocketType};

const fn assert_send<T: Send>() {}
const fn assert_sync<T: Sync>() {}

// Checked at compile time: the thread contract of DESIGN.md.
const _: () = {
    assert_send::<Context>();
    assert_sync::<Context>();
    assert_send::<Socket>();
    assert_send::<Message>();
};

/// Runs `f` on its own thread and fails the test if it takes longer than
/// `limit` (the thread is then left behind; the test has already failed).
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("did not finish within {limit:?}"))
}

#[test]
fn sockets_keep_the_context_alive() {
    let ctx = Context::new().unwrap();
    let pull = ctx.socket(SocketType::Pull).unwrap();
    pull.bind("inproc://ctx-alive").unwrap();
    let push = ctx.socket(SocketType::Push).unwrap();
    push.connect("inproc://ctx-alive").unwrap();
    let raw = ctx.as_ptr();
    drop(ctx);
    // The context behind the sockets is the same, still running one.
    assert_eq!(push.context().as_ptr(), raw);
    assert!(push.context().same(pull.context()));
    push.send("after the last handle").unwrap();
    pull.set_rcvtimeo(Some(Duration::from_secs(5))).unwrap();
    assert_eq!(pull.recv_string().unwrap(), "after the last handle");
    // New sockets can still be made from a socket's context.
    let more = push.context().socket(SocketType::Pair).unwrap();
    more.bind("inproc://ctx-alive-more").unwrap();
}

#[test]
fn context_moves_between_threads_and_is_shared() {
    let ctx = Context::new().unwrap();
    let pull = ctx.socket(SocketType::Pull).unwrap();
    pull.bind("inproc://ctx-threads").unwrap();
    pull.set_rcvtimeo(Some(Duration::from_secs(5))).unwrap();
    thread::scope(|s| {
        for i in 0..4 {
            let ctx = &ctx;
            s.spawn(move || {
                let push = ctx.socket(SocketType::Push).unwrap();
                push.connect("inproc://ctx-threads").unwrap();
                push.send(format!("from {i}")).unwrap();
            });
        }
    });
    let mut got: Vec<String> = (0..4).map(|_| pull.recv_string().unwrap()).collect();
    got.sort();
    assert_eq!(got, ["from 0", "from 1", "from 2", "from 3"]);
}

#[test]
fn dropping_everything_with_undeliverable_messages_does_not_hang() {
    within(Duration::from_secs(10), || {
        let ctx = Context::new().unwrap();
        let push = ctx.socket(SocketType::Push).unwrap();
        // Nothing listens there: the messages can never be delivered.
        push.connect("tcp://127.0.0.1:1").unwrap();
        for _ in 0..10 {
            push.send_with("stuck", Flags::DONTWAIT).unwrap();
        }
        let dealer = ctx.socket(SocketType::Dealer).unwrap();
        dealer.connect("inproc://ctx-nobody-binds").unwrap();
        dealer.send_with("stuck too", Flags::DONTWAIT).unwrap();
        assert_eq!(push.linger().unwrap(), Some(Duration::ZERO));
        drop(push);
        drop(dealer);
        drop(ctx);
    });
}

#[test]
fn a_blocky_context_with_infinite_linger_is_opt_in() {
    let ctx = Context::new().unwrap();
    assert_eq!(ctx.get(ContextOption::Blocky).unwrap(), 0);
    let s = ctx.socket(SocketType::Push).unwrap();
    assert_eq!(s.linger().unwrap(), Some(Duration::ZERO));
    ctx.set(ContextOption::Blocky, 1).unwrap();
    let s = ctx.socket(SocketType::Push).unwrap();
    assert_eq!(s.linger().unwrap(), None);
    s.set_linger(Some(Duration::ZERO)).unwrap();
}

#[test]
fn linger_delivers_before_termination() {
    // The receiver lives in its own context, so it outlives the sender's.
    let rx_ctx = Context::new().unwrap();
    let pull = rx_ctx.socket(SocketType::Pull).unwrap();
    pull.set_rcvtimeo(Some(Duration::from_secs(5))).unwrap();
    pull.bind("tcp://127.0.0.1:*").unwrap();
    let ep = pull.last_endpoint().unwrap();

    within(Duration::from_secs(10), move || {
        let ctx = Context::new().unwrap();
        let push = ctx.socket(SocketType::Push).unwrap();
        push.set_linger(Some(Duration::from_millis(200))).unwrap();
        push.connect(&ep).unwrap();
        // Sent before the connection is even up, then everything is dropped
        // at once: only the linger lets it reach the wire.
        push.send("delivered while lingering").unwrap();
        let start = Instant::now();
        drop(push);
        drop(ctx);
        assert!(start.elapsed() < Duration::from_secs(5));
    });
    assert_eq!(pull.recv_string().unwrap(), "delivered while lingering");
}

#[test]
fn context_options_read_back() {
    let ctx = Context::new().unwrap();
    ctx.set(ContextOption::IoThreads, 2).unwrap();
    assert_eq!(ctx.get(ContextOption::IoThreads).unwrap(), 2);
    ctx.set(ContextOption::MaxSockets, 100).unwrap();
    assert_eq!(ctx.get(ContextOption::MaxSockets).unwrap(), 100);
    ctx.set(ContextOption::Ipv6, 1).unwrap();
    assert_eq!(ctx.get(ContextOption::Ipv6).unwrap(), 1);
    ctx.set(ContextOption::MaxMsgSize, 1 << 20).unwrap();
    assert_eq!(ctx.get(ContextOption::MaxMsgSize).unwrap(), 1 << 20);
    assert!(ctx.get(ContextOption::SocketLimit).unwrap() >= 1023);
    assert_eq!(ctx.get(ContextOption::MsgTSize).unwrap(), 64);
    // Read-only and out-of-range values are refused.
    assert_eq!(ctx.set(ContextOption::MsgTSize, 1), Err(Error::Invalid));
    assert_eq!(ctx.set(ContextOption::IoThreads, -1), Err(Error::Invalid));
    assert_eq!(ctx.set(ContextOption::MaxSockets, 0), Err(Error::Invalid));
    // The options took effect: the I/O threads serve sockets.
    let s = ctx.socket(SocketType::Pair).unwrap();
    s.bind("tcp://127.0.0.1:*").unwrap();
    let with = Context::with_io_threads(3).unwrap();
    assert_eq!(with.get(ContextOption::IoThreads).unwrap(), 3);
}

#[test]
fn max_sockets_is_enforced() {
    let ctx = Context::new().unwrap();
    ctx.set(ContextOption::MaxSockets, 3).unwrap();
    let mut sockets = Vec::new();
    for _ in 0..3 {
        sockets.push(ctx.socket(SocketType::Pair).unwrap());
    }
    assert_eq!(
        ctx.socket(SocketType::Pair).map(|_| ()),
        Err(Error::TooManyFiles)
    );
    // A closed socket's slot is freed by libzmq's reaper thread, shortly after.
    sockets.pop();
    let start = Instant::now();
    loop {
        match ctx.socket(SocketType::Pair) {
            Ok(_) => break,
            Err(Error::TooManyFiles) if start.elapsed() < Duration::from_secs(5) => {
                thread::sleep(Duration::from_millis(10))
            }
            Err(e) => panic!("slot never freed: {e}"),
        }
    }
}

#[test]
fn shutdown_wakes_a_blocked_recv_in_another_thread() {
    let ctx = Context::new().unwrap();
    let pull = ctx.socket(SocketType::Pull).unwrap();
    pull.bind("inproc://ctx-shutdown-wakes").unwrap();
    // Long enough that only the shutdown can end the wait within the test's bound.
    pull.set_rcvtimeo(Some(Duration::from_secs(30))).unwrap();
    let (started_tx, started_rx) = mpsc::channel();
    let (done_tx, done_rx) = mpsc::channel();
    let waiter = thread::spawn(move || {
        started_tx.send(()).unwrap();
        let start = Instant::now();
        let result = pull.recv_msg();
        done_tx.send((result, start.elapsed())).unwrap();
    });
    started_rx.recv().unwrap();
    thread::sleep(Duration::from_millis(100));
    ctx.shutdown().unwrap();
    let (result, waited) = done_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("blocked recv did not wake up");
    assert_eq!(result, Err(Error::Terminated));
    assert!(waited < Duration::from_secs(10));
    waiter.join().unwrap();
    // The context itself is terminated when its last handle goes.
    within(Duration::from_secs(10), move || drop(ctx));
}

#[test]
fn sockets_move_to_other_threads() {
    let ctx = Context::new().unwrap();
    let pull = ctx.socket(SocketType::Pull).unwrap();
    pull.bind("inproc://ctx-move").unwrap();
    let push = ctx.socket(SocketType::Push).unwrap();
    push.connect("inproc://ctx-move").unwrap();
    let msg = Message::from(vec![42u8; 100]);
    let sender = thread::spawn(move || {
        push.send(msg).unwrap();
        push
    });
    let push = sender.join().unwrap();
    pull.set_rcvtimeo(Some(Duration::from_secs(5))).unwrap();
    assert_eq!(pull.recv_msg().unwrap(), Message::from(vec![42u8; 100]));
    drop(push);
}
