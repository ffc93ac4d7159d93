//! zmq_poll readiness on sockets and raw descriptors, and (feature `draft`)
//! the zmq_poller API with its tokens.

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use czmq::{Context, PollEvents, PollItem, Socket, SocketType, poll};

const LONG: Duration = Duration::from_secs(5);
const SHORT: Duration = Duration::from_millis(50);

fn pipeline(ctx: &Context, name: &str) -> (Socket, Socket) {
    let pull = ctx.socket(SocketType::Pull).unwrap();
    pull.bind(&format!("inproc://{name}")).unwrap();
    let push = ctx.socket(SocketType::Push).unwrap();
    push.connect(&format!("inproc://{name}")).unwrap();
    (push, pull)
}

#[test]
fn idle_socket_is_not_ready_after_the_timeout() {
    let ctx = Context::new().unwrap();
    let (_push, pull) = pipeline(&ctx, "poll-idle");
    let mut items = [PollItem::socket(&pull, PollEvents::POLLIN)];
    let start = Instant::now();
    assert_eq!(poll(&mut items, Some(SHORT)).unwrap(), 0);
    assert!(
        start.elapsed() >= Duration::from_millis(40),
        "{:?}",
        start.elapsed()
    );
    assert!(items[0].revents().is_empty());
    assert!(!items[0].is_readable());
}

#[test]
fn socket_becomes_readable_when_the_peer_sends() {
    let ctx = Context::new().unwrap();
    let (push, pull) = pipeline(&ctx, "poll-readable");
    push.send("wake").unwrap();
    let mut items = [PollItem::socket(&pull, PollEvents::POLLIN)];
    assert_eq!(poll(&mut items, Some(LONG)).unwrap(), 1);
    assert!(items[0].is_readable());
    assert!(items[0].is_socket(&pull));
    assert_eq!(
        pull.recv_string_with(czmq::Flags::DONTWAIT).unwrap(),
        "wake"
    );
    // Drained: not readable any more.
    assert_eq!(poll(&mut items, Some(Duration::ZERO)).unwrap(), 0);
}

#[test]
fn connected_push_is_writable_and_unconnected_is_not() {
    let ctx = Context::new().unwrap();
    let (push, _pull) = pipeline(&ctx, "poll-writable");
    let lonely = ctx.socket(SocketType::Push).unwrap();
    let mut items = [
        PollItem::socket(&push, PollEvents::POLLOUT),
        PollItem::socket(&lonely, PollEvents::POLLOUT),
    ];
    assert_eq!(poll(&mut items, Some(LONG)).unwrap(), 1);
    assert!(items[0].is_writable());
    assert!(!items[1].is_writable());
}

#[test]
fn raw_descriptor_item_reports_data() {
    let (mut a, b) = UnixStream::pair().unwrap();
    let mut items = [PollItem::from_fd(&b, PollEvents::POLLIN)];
    assert_eq!(poll(&mut items, Some(SHORT)).unwrap(), 0);
    assert_eq!(
        items[0].as_fd(),
        Some(std::os::unix::io::AsRawFd::as_raw_fd(&b))
    );
    a.write_all(b"x").unwrap();
    assert_eq!(poll(&mut items, Some(LONG)).unwrap(), 1);
    assert!(items[0].is_readable());
    // The item borrows b immutably; &UnixStream reads too.
    let mut byte = [0u8; 1];
    (&b).read_exact(&mut byte).unwrap();
    assert_eq!(&byte, b"x");
}

#[test]
fn mixed_sockets_and_descriptors_report_only_the_ready_ones() {
    let ctx = Context::new().unwrap();
    let (push, pull) = pipeline(&ctx, "poll-mixed");
    let (_a, b) = UnixStream::pair().unwrap();
    push.send("only the socket").unwrap();
    let mut items = [
        PollItem::fd(
            std::os::unix::io::AsRawFd::as_raw_fd(&b),
            PollEvents::POLLIN,
        ),
        PollItem::socket(&pull, PollEvents::POLLIN),
    ];
    assert_eq!(poll(&mut items, Some(LONG)).unwrap(), 1);
    assert!(!items[0].is_readable());
    assert!(items[1].is_readable());
    assert_eq!(items[1].events(), PollEvents::POLLIN);
}

#[test]
fn huge_timeout_waits_instead_of_returning_at_once() {
    let ctx = Context::new().unwrap();
    let (push, pull) = pipeline(&ctx, "poll-huge-timeout");
    let sender = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        push.send("late")
    });
    let mut items = [PollItem::socket(&pull, PollEvents::POLLIN)];
    assert_eq!(poll(&mut items, Some(Duration::MAX)).unwrap(), 1);
    assert!(items[0].is_readable());
    sender.join().unwrap().unwrap();
}

#[test]
fn shutting_the_context_down_ends_a_blocking_poll() {
    let ctx = Context::new().unwrap();
    let pull = ctx.socket(SocketType::Pull).unwrap();
    let stopper = ctx.clone();
    let waiter = std::thread::spawn(move || {
        let mut items = [PollItem::socket(&pull, PollEvents::POLLIN)];
        poll(&mut items, Some(Duration::from_secs(10)))
    });
    std::thread::sleep(Duration::from_millis(50));
    stopper.shutdown().unwrap();
    assert_eq!(waiter.join().unwrap(), Err(czmq::Error::Terminated));
}

#[cfg(feature = "draft")]
mod zmq_poller {
    use super::*;
    use czmq::{Error, ZmqPoller};

    #[test]
    fn delivers_the_token_of_the_ready_socket() {
        let ctx = Context::new().unwrap();
        let (push_a, pull_a) = pipeline(&ctx, "zpoller-a");
        let (_push_b, pull_b) = pipeline(&ctx, "zpoller-b");
        let mut poller = ZmqPoller::new().unwrap();
        poller.add(&pull_a, PollEvents::POLLIN, 100).unwrap();
        poller.add(&pull_b, PollEvents::POLLIN, 200).unwrap();
        assert_eq!(poller.len(), 2);
        assert_eq!(poller.wait(Some(SHORT)), Err(Error::Again));
        push_a.send("a").unwrap();
        let event = poller.wait(Some(LONG)).unwrap();
        assert_eq!(event.token, 100);
        assert!(event.events.contains(PollEvents::POLLIN));
        assert_eq!(event.fd, None);
        // Adding the same socket twice is refused.
        assert_eq!(
            poller.add(&pull_a, PollEvents::POLLIN, 1),
            Err(Error::Invalid)
        );
    }

    #[test]
    fn wait_all_reports_every_ready_item_and_fd_tokens() {
        let ctx = Context::new().unwrap();
        let (push, pull) = pipeline(&ctx, "zpoller-all");
        let (mut a, b) = UnixStream::pair().unwrap();
        let fd = std::os::unix::io::AsRawFd::as_raw_fd(&b);
        let mut poller = ZmqPoller::new().unwrap();
        poller.add(&pull, PollEvents::POLLIN, 1).unwrap();
        poller.add_fd(fd, PollEvents::POLLIN, 2).unwrap();
        push.send("x").unwrap();
        a.write_all(b"y").unwrap();
        let deadline = Instant::now() + LONG;
        let mut tokens = Vec::new();
        // Both become ready independently; collect until both were seen.
        while tokens.len() < 2 && Instant::now() < deadline {
            tokens = poller
                .wait_all(Some(LONG))
                .unwrap()
                .iter()
                .map(|e| (e.token, e.fd))
                .collect();
            tokens.sort();
        }
        assert_eq!(tokens, vec![(1, None), (2, Some(fd))]);
    }

    #[test]
    fn modify_and_remove_change_what_is_reported() {
        let ctx = Context::new().unwrap();
        let (push, pull) = pipeline(&ctx, "zpoller-modify");
        let mut poller = ZmqPoller::new().unwrap();
        poller.add(&push, PollEvents::POLLIN, 5).unwrap();
        // A PUSH never has input.
        assert_eq!(poller.wait(Some(SHORT)), Err(Error::Again));
        poller.modify(&push, PollEvents::POLLOUT).unwrap();
        let event = poller.wait(Some(LONG)).unwrap();
        assert_eq!(event.token, 5);
        assert!(event.events.contains(PollEvents::POLLOUT));
        poller.remove(&push).unwrap();
        assert!(poller.is_empty());
        assert_eq!(poller.remove(&push), Err(Error::Invalid));
        assert_eq!(
            poller.modify(&pull, PollEvents::POLLIN),
            Err(Error::Invalid)
        );
    }
}
