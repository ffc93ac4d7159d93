//! Zero-copy messages: the owner handed to libzmq is dropped exactly once,
//! large buffers are not copied, small ones are, static bytes are never freed,
//! and writing to a message never reaches bytes someone else can see.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use czmq::{Context, Message, Socket, SocketType};

/// A buffer that counts how often it is dropped.
struct Counted {
    bytes: Vec<u8>,
    drops: Arc<AtomicUsize>,
}

impl AsRef<[u8]> for Counted {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.drops.fetch_add(1, Ordering::SeqCst);
    }
}

fn counted(len: usize) -> (Message, Arc<AtomicUsize>) {
    let drops = Arc::new(AtomicUsize::new(0));
    let bytes = (0..len).map(|i| i as u8).collect();
    let msg = Message::from_owned(Counted {
        bytes,
        drops: drops.clone(),
    });
    (msg, drops)
}

/// Waits (boundedly) for the I/O thread to release the content, then checks
/// it was released exactly once and stays released once.
fn assert_dropped_once(drops: &AtomicUsize) {
    let start = Instant::now();
    while drops.load(Ordering::SeqCst) == 0 && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(drops.load(Ordering::SeqCst), 1);
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(drops.load(Ordering::SeqCst), 1, "owner dropped twice");
}

fn push_pull(ctx: &Context, endpoint: &str) -> (Socket, Socket) {
    let pull = ctx.socket(SocketType::Pull).unwrap();
    pull.set_rcvtimeo(Some(Duration::from_secs(5))).unwrap();
    pull.bind(endpoint).unwrap();
    let ep = pull.last_endpoint().unwrap();
    let push = ctx.socket(SocketType::Push).unwrap();
    push.connect(&ep).unwrap();
    (push, pull)
}

#[test]
fn owner_dropped_once_after_inproc() {
    let ctx = Context::new().unwrap();
    let (push, pull) = push_pull(&ctx, "inproc://zero-copy-owner");
    let (msg, drops) = counted(1000);
    let data = msg.as_ptr();
    push.send(msg).unwrap();
    let got = pull.recv_msg().unwrap();
    // inproc hands over the very same buffer.
    assert_eq!(got.as_ptr(), data);
    assert_eq!(got.len(), 1000);
    assert_eq!(got[999], (999 % 256) as u8);
    assert_eq!(
        drops.load(Ordering::SeqCst),
        0,
        "freed while still received"
    );
    drop(got);
    assert_dropped_once(&drops);
}

#[test]
fn owner_dropped_once_after_tcp() {
    let ctx = Context::new().unwrap();
    let (push, pull) = push_pull(&ctx, "tcp://127.0.0.1:*");
    let (msg, drops) = counted(100_000);
    push.send(msg).unwrap();
    let got = pull.recv_msg().unwrap();
    assert_eq!(got.len(), 100_000);
    assert!(got.iter().enumerate().all(|(i, &b)| b == i as u8));
    drop(got);
    drop(push);
    // The I/O thread releases the owner once the bytes are written.
    assert_dropped_once(&drops);
}

#[test]
fn owner_dropped_once_when_never_sent() {
    let (msg, drops) = counted(100);
    drop(msg);
    assert_eq!(drops.load(Ordering::SeqCst), 1);
    // Zero-length owners are released too.
    let (empty, drops) = counted(0);
    assert!(empty.is_empty());
    drop(empty);
    assert_eq!(drops.load(Ordering::SeqCst), 1);
}

#[test]
fn clones_share_and_the_owner_is_dropped_once() {
    let ctx = Context::new().unwrap();
    let (push, pull) = push_pull(&ctx, "inproc://zero-copy-clones");
    let (msg, drops) = counted(500);
    let copies: Vec<Message> = (0..4).map(|_| msg.clone()).collect();
    for c in &copies {
        // Shared content: the same bytes, not a copy.
        assert_eq!(c.as_ptr(), msg.as_ptr());
    }
    push.send(msg).unwrap();
    for c in copies.iter().take(2) {
        push.send(c).unwrap();
    }
    for _ in 0..3 {
        assert_eq!(pull.recv_msg().unwrap().len(), 500);
    }
    assert_eq!(
        drops.load(Ordering::SeqCst),
        0,
        "still referenced by clones"
    );
    drop(copies);
    assert_dropped_once(&drops);
}

#[test]
fn clones_sent_over_tcp_drop_the_owner_once() {
    let ctx = Context::new().unwrap();
    let (push, pull) = push_pull(&ctx, "tcp://127.0.0.1:*");
    let (msg, drops) = counted(70_000);
    for _ in 0..3 {
        push.send(&msg).unwrap();
    }
    drop(msg);
    for _ in 0..3 {
        assert_eq!(pull.recv_msg().unwrap().len(), 70_000);
    }
    assert_dropped_once(&drops);
}

#[test]
fn a_large_vec_is_not_copied() {
    let v: Vec<u8> = vec![7; 33];
    let buffer = v.as_ptr();
    let m = Message::from(v);
    assert_eq!(m.as_ptr(), buffer);
    let b: Box<[u8]> = vec![9u8; 4096].into_boxed_slice();
    let buffer = b.as_ptr();
    let m = Message::from(b);
    assert_eq!(m.as_ptr(), buffer);
    let s = String::from("a string long enough to be handed over as is");
    let buffer = s.as_ptr();
    let m = Message::from(s);
    assert_eq!(m.as_ptr(), buffer);
}

#[test]
fn a_short_vec_is_copied_into_the_message() {
    let v: Vec<u8> = vec![1; 32];
    let m = Message::from(v);
    // Short content lives inside the zmq_msg_t itself.
    let start = &m as *const Message as usize;
    let data = m.as_ptr() as usize;
    assert!(
        (start..start + std::mem::size_of::<Message>()).contains(&data),
        "short message not stored in place"
    );
    assert_eq!(&m[..], &[1; 32]);
}

static STATIC_BYTES: &[u8] = b"static bytes that outlive every message, long enough";

#[test]
fn static_bytes_are_never_copied_nor_freed() {
    let ctx = Context::new().unwrap();
    for ep in ["inproc://zero-copy-static", "tcp://127.0.0.1:*"] {
        let (push, pull) = push_pull(&ctx, ep);
        for _ in 0..3 {
            let m = Message::from_static(STATIC_BYTES);
            assert_eq!(m.as_ptr(), STATIC_BYTES.as_ptr());
            let c = m.clone();
            push.send(m).unwrap();
            push.send(c).unwrap();
            for _ in 0..2 {
                let got = pull.recv_msg().unwrap();
                assert_eq!(&got[..], STATIC_BYTES);
                if ep.starts_with("inproc") {
                    assert_eq!(got.as_ptr(), STATIC_BYTES.as_ptr());
                }
            }
        }
    }
    assert_eq!(
        STATIC_BYTES,
        b"static bytes that outlive every message, long enough"
    );
}

#[test]
fn writing_to_static_bytes_copies_them_first() {
    let mut m = Message::from_static(STATIC_BYTES);
    m[0] = b'S';
    assert_eq!(m[0], b'S');
    assert_ne!(m.as_ptr(), STATIC_BYTES.as_ptr());
    assert_eq!(STATIC_BYTES[0], b's');
    assert_eq!(&m[1..], &STATIC_BYTES[1..]);
}

#[test]
fn writing_to_a_borrowed_owner_copies_it_first() {
    // A &'static str lives in read-only memory: writing in place would crash.
    let text: &'static str = "read-only text that is handed over without a copy";
    let mut m = Message::from_owned(text);
    assert_eq!(m.as_ptr(), text.as_ptr());
    m[0] = b'R';
    assert_eq!(m[0], b'R');
    assert_eq!(text.as_bytes()[0], b'r');
    // An Arc shared with other Rust code is never written either.
    let shared: Arc<[u8]> = Arc::from(vec![5u8; 64]);
    let mut m = Message::from_owned(shared.clone());
    m.fill(0);
    assert!(shared.iter().all(|&b| b == 5));
    assert!(m.iter().all(|&b| b == 0));
    // Also after travelling over inproc, where the receiver gets the same content.
    let ctx = Context::new().unwrap();
    let (push, pull) = push_pull(&ctx, "inproc://zero-copy-borrowed");
    push.send(Message::from_owned(text)).unwrap();
    let mut got = pull.recv_msg().unwrap();
    assert_eq!(got.as_ptr(), text.as_ptr());
    got[0] = b'X';
    assert_eq!(text.as_bytes()[0], b'r');
}

#[test]
fn writing_to_a_clone_leaves_the_original_alone() {
    let original = Message::from(vec![1u8; 100]);
    let mut copy = original.clone();
    copy[0] = 2;
    assert_eq!(copy[0], 2);
    assert_eq!(original[0], 1);
    assert_ne!(copy.as_ptr(), original.as_ptr());
}

#[test]
fn writing_to_an_exclusive_vec_is_in_place() {
    let v = vec![3u8; 100];
    let buffer = v.as_ptr();
    let mut m = Message::from(v);
    m[10] = 4;
    assert_eq!(m.as_ptr(), buffer, "an unshared Vec is written in place");
    assert_eq!(m[10], 4);
    let mut sized = Message::with_size(1000);
    let p = sized.as_ptr();
    sized[999] = 1;
    assert_eq!(sized.as_ptr(), p);
}

/// An owner whose `Drop` panics, after counting that it ran.
struct PanicsOnDrop(Arc<AtomicUsize>);

impl AsRef<[u8]> for PanicsOnDrop {
    fn as_ref(&self) -> &[u8] {
        b"an owner that panics when dropped, large enough not to be copied"
    }
}

impl Drop for PanicsOnDrop {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
        panic!("owner's Drop panics");
    }
}

#[test]
fn a_panicking_owner_does_not_unwind_into_libzmq() {
    let ctx = Context::new().unwrap();
    let (push, pull) = push_pull(&ctx, "inproc://zero-copy-panicking-owner");
    let drops = Arc::new(AtomicUsize::new(0));
    let mut msg = Message::from_owned(PanicsOnDrop(drops.clone()));
    push.send_msg(&mut msg).unwrap();
    let got = pull.recv_msg().unwrap();
    // The last reference goes here, on this thread: libzmq calls the free
    // callback from inside zmq_msg_close, which must return normally.
    drop(got);
    drop(msg);
    assert_eq!(drops.load(Ordering::SeqCst), 1);
    // The sockets still work after the contained panic.
    push.send("after").unwrap();
    assert_eq!(pull.recv_string().unwrap(), "after");
}
