//! Poller (zpoller) tests; all waits are bounded. The interrupted flag is
//! process-wide, so its tests live in tests/zsys.rs.

use std::io::Write;
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use czmq::{Context, Error, Poller, Socket, SocketType};

const WAIT: Option<Duration> = Some(Duration::from_secs(5));

fn pair(ctx: &Context, name: &str) -> (Socket, Socket) {
    let endpoint = format!("inproc://zpoller-{name}");
    let a = ctx.socket(SocketType::Pair).unwrap();
    a.bind(&endpoint).unwrap();
    let b = ctx.socket(SocketType::Pair).unwrap();
    b.connect(&endpoint).unwrap();
    (a, b)
}

#[test]
fn wait_returns_the_ready_reader() {
    let ctx = Context::new().unwrap();
    let (a1, b1) = pair(&ctx, "ready-1");
    let (a2, b2) = pair(&ctx, "ready-2");
    let mut poller = Poller::new();
    let id1 = poller.add(&a1);
    let id2 = poller.add(&a2);
    assert_ne!(id1, id2);
    assert_eq!(poller.len(), 2);

    b2.send("two").unwrap();
    assert_eq!(poller.wait(WAIT), Some(id2));
    assert!(!poller.expired() && !poller.terminated());
    assert_eq!(a2.recv_string().unwrap(), "two");

    b1.send("one").unwrap();
    assert_eq!(poller.wait(WAIT), Some(id1));
    assert_eq!(a1.recv_string().unwrap(), "one");
}

#[test]
fn the_oldest_ready_reader_comes_first() {
    let ctx = Context::new().unwrap();
    let (a1, b1) = pair(&ctx, "order-1");
    let (a2, b2) = pair(&ctx, "order-2");
    let mut poller = Poller::new();
    let id1 = poller.add(&a1);
    let id2 = poller.add(&a2);
    b2.send("two").unwrap();
    b1.send("one").unwrap();
    // Wait until both are in, then the first added wins.
    let deadline = Instant::now() + Duration::from_secs(5);
    while poller.wait(WAIT) != Some(id1) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    assert_eq!(poller.wait(WAIT), Some(id1));
    a1.recv_msg().unwrap();
    assert_eq!(poller.wait(WAIT), Some(id2));
}

#[test]
fn expired_after_a_timeout() {
    let ctx = Context::new().unwrap();
    let (a, _b) = pair(&ctx, "expired");
    let mut poller = Poller::new();
    poller.add(&a);
    let started = Instant::now();
    assert_eq!(poller.wait(Some(Duration::from_millis(20))), None);
    assert!(started.elapsed() >= Duration::from_millis(20));
    assert!(poller.expired());
    assert!(!poller.terminated());
    assert_eq!(poller.try_wait(Some(Duration::ZERO)), Ok(None));
}

#[test]
fn removed_readers_are_not_polled() {
    let ctx = Context::new().unwrap();
    let (a, b) = pair(&ctx, "removed");
    let mut poller = Poller::new();
    let id = poller.add(&a);
    assert!(poller.remove(id));
    assert!(!poller.remove(id));
    assert!(poller.is_empty());
    b.send("ignored").unwrap();
    assert_eq!(poller.wait(Some(Duration::from_millis(10))), None);
    assert!(poller.expired());
}

#[test]
fn empty_poller_without_timeout_returns_at_once() {
    let mut poller = Poller::new();
    let started = Instant::now();
    assert_eq!(poller.wait(None), None);
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[test]
fn file_descriptors_are_readers_too() {
    let ctx = Context::new().unwrap();
    let (sock, _peer) = pair(&ctx, "fd");
    let (a, mut b) = UnixStream::pair().unwrap();
    let (c, mut d) = UnixStream::pair().unwrap();
    let mut poller = Poller::new();
    poller.add(&sock);
    let fd_a = poller.add_fd(&a);
    let fd_c = poller.add_raw_fd(c.as_raw_fd());
    assert_eq!(poller.wait(Some(Duration::from_millis(5))), None);
    d.write_all(b"c").unwrap();
    assert_eq!(poller.wait(WAIT), Some(fd_c));
    poller.remove(fd_c);
    b.write_all(b"a").unwrap();
    assert_eq!(poller.wait(WAIT), Some(fd_a));
    // A hang-up also counts as ready (reading then gives EOF).
    poller.remove(fd_a);
    let hup = poller.add_fd(&c);
    drop(d);
    assert_eq!(poller.wait(WAIT), Some(hup));
}

#[test]
fn actors_and_boxed_sockets_lend_their_socket() {
    let ctx = Context::new().unwrap();
    let (a, b) = pair(&ctx, "boxed");
    let boxed: Box<Socket> = Box::new(a);
    let mut poller = Poller::new();
    let id = poller.add(&boxed);
    b.send("x").unwrap();
    assert_eq!(poller.wait(WAIT), Some(id));
}

#[test]
fn terminated_after_context_shutdown() {
    let ctx = Context::new().unwrap();
    let (a, _b) = pair(&ctx, "term");
    let mut poller = Poller::new();
    poller.add(&a);
    ctx.shutdown().unwrap();
    let started = Instant::now();
    assert_eq!(poller.wait(WAIT), None);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(poller.terminated());
    assert!(!poller.expired());
    assert_eq!(poller.try_wait(WAIT), Err(Error::Terminated));
    // Nonstop ignores interrupts, not a terminated context.
    poller.set_nonstop(true);
    assert_eq!(poller.wait(WAIT), None);
    assert!(poller.terminated());
}

#[test]
fn terminated_when_another_thread_shuts_the_context_down() {
    let ctx = Context::new().unwrap();
    let (a, _b) = pair(&ctx, "term-thread");
    let c = ctx.clone();
    let killer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(20));
        c.shutdown()
    });
    let mut poller = Poller::new();
    poller.add(&a);
    assert_eq!(poller.wait(WAIT), None);
    assert!(poller.terminated());
    killer.join().unwrap().unwrap();
}
