//! Msg: CZMQ's zmsg selftest, in spirit, plus property tests of the codec.

use std::time::Duration;

use czmq::{Error, Frame, Msg, Sock};
use proptest::prelude::*;

fn pair(name: &str) -> (Sock, Sock) {
    let a = Sock::new_pair(Some(&format!("@inproc://msg-{name}"))).unwrap();
    let b = Sock::new_pair(Some(&format!("inproc://msg-{name}"))).unwrap();
    for s in [&a, &b] {
        s.as_socket()
            .set_rcvtimeo(Some(Duration::from_secs(5)))
            .unwrap();
        s.as_socket()
            .set_sndtimeo(Some(Duration::from_secs(5)))
            .unwrap();
    }
    (a, b)
}

fn strings(msg: &Msg) -> Vec<&str> {
    msg.iter().map(|f| f.as_str().unwrap()).collect()
}

#[test]
fn frames_in_order() {
    let mut msg = Msg::new();
    assert!(msg.is_empty());
    assert!(msg.first().is_none() && msg.last().is_none() && msg.pop().is_none());
    msg.append(Frame::from("b"));
    msg.push(Frame::from("a"));
    msg.addstr("c");
    msg.pushstr("0");
    msg.addmem(b"dd");
    msg.pushmem(b"");
    assert_eq!(msg.len(), 6);
    assert_eq!(msg.content_size(), 6);
    assert_eq!(strings(&msg), ["", "0", "a", "b", "c", "dd"]);
    assert!(msg.first().unwrap().data().is_empty());
    assert!(msg.last().unwrap().streq("dd"));
    assert!(msg.get(2).unwrap().streq("a"));

    for frame in &mut msg {
        frame.set_more(true);
    }
    assert!(msg.iter().all(Frame::more));
    assert_eq!(msg.remove(1).unwrap(), Frame::from("0"));
    assert!(msg.remove(99).is_none());
    assert_eq!(msg.popstr().unwrap().as_deref(), Some(""));
    let rest: Vec<Frame> = msg.into_iter().collect();
    assert_eq!(rest.len(), 4);

    let collected: Msg = rest.into_iter().rev().collect();
    assert!(collected.first().unwrap().streq("dd"));
    let from_vec = Msg::from(vec![Frame::from("x")]);
    assert_eq!(from_vec.len(), 1);
}

#[test]
fn cursor_walk() {
    let mut msg = Msg::new();
    assert!(msg.cursor_first().is_none());
    assert!(msg.cursor_next().is_none());
    for s in ["a", "b", "c"] {
        msg.addstr(s);
    }
    let mut seen = vec![msg.cursor_first().unwrap().as_str().unwrap().to_owned()];
    while let Some(frame) = msg.cursor_next() {
        seen.push(frame.as_str().unwrap().to_owned());
    }
    assert_eq!(seen, ["a", "b", "c"]);
    // Past the end it stays at the end; first restarts.
    assert!(msg.cursor_next().is_none());
    msg.cursor_first().unwrap().reset(b"A");
    assert!(msg.first().unwrap().streq("A"));
}

#[test]
fn popstr_cases() {
    let mut msg = Msg::new();
    assert_eq!(msg.popstr().unwrap(), None);
    msg.addmem(&[0xff, 0xfe]);
    msg.addstr("after");
    assert!(matches!(msg.popstr(), Err(Error::InvalidUtf8 { .. })));
    // The bad frame is consumed; the next one is intact.
    assert_eq!(msg.popstr().unwrap().as_deref(), Some("after"));
}

#[test]
fn dup_and_eq() {
    let mut msg = Msg::new();
    msg.addstr("one");
    msg.addmem(&[0u8; 300]);
    let copy = msg.clone();
    assert_eq!(copy, msg);
    msg.addstr("three");
    assert_ne!(copy, msg);
    let mut different = copy.clone();
    different.pop();
    different.pushstr("uno");
    assert_ne!(different, copy);
    assert_eq!(Msg::new(), Msg::default());
}

#[test]
fn send_and_recv() {
    let (a, b) = pair("sendrecv");
    let mut msg = Msg::new();
    for i in 0..10 {
        msg.addstr(&format!("Frame{i}"));
    }
    msg.addmem(&vec![9u8; 5000]);
    let copy = msg.clone();
    msg.send(&a).unwrap();
    let got = Msg::recv(&b).unwrap();
    assert_eq!(got, copy);
    assert_eq!(got.len(), 11);
    assert!(got.iter().take(10).all(Frame::more));
    assert!(!got.last().unwrap().more());

    // An empty message sends nothing.
    Msg::new().send(&a).unwrap();
    assert_eq!(Msg::try_recv(&b).unwrap_err(), Error::Again);

    // sendm leaves the message open for the next send.
    let mut head = Msg::new();
    head.addstr("head");
    head.sendm(&a).unwrap();
    Frame::from("tail").send(&a).unwrap();
    let got = Msg::recv(&b).unwrap();
    assert_eq!(strings(&got), ["head", "tail"]);

    // A timeout ends a receive with Again.
    b.as_socket()
        .set_rcvtimeo(Some(Duration::from_millis(20)))
        .unwrap();
    assert_eq!(Msg::recv(&b).unwrap_err(), Error::Again);
}

#[test]
fn nested_messages() {
    let mut inner = Msg::new();
    inner.addstr("inner");
    inner.addmem(&[1u8; 1000]);
    let mut outer = Msg::new();
    outer.addstr("outer");
    outer.addmsg(&inner).unwrap();
    outer.addmsg(&Msg::new()).unwrap();
    assert_eq!(outer.len(), 3);
    assert_eq!(outer.popstr().unwrap().as_deref(), Some("outer"));
    assert_eq!(outer.popmsg().unwrap(), Some(inner));
    assert_eq!(outer.popmsg().unwrap(), Some(Msg::new()));
    assert_eq!(outer.popmsg().unwrap(), None);

    outer.addmem(&[5, 1, 2]);
    assert!(matches!(outer.popmsg(), Err(Error::Malformed(_))));
}

#[test]
fn encoding_is_czmqs() {
    // The expected bytes were checked against libczmq 4.2.1's zmsg_encode.
    let mut msg = Msg::new();
    msg.addmem(&[]);
    msg.addmem(&[0xaa; 254]);
    msg.addmem(&[0xbb; 255]);
    msg.addmem(&[0xcc; 70000]);
    let encoded = msg.encode().unwrap();
    let data = encoded.data();
    let mut expected = vec![0u8];
    expected.push(254);
    expected.extend_from_slice(&[0xaa; 254]);
    expected.extend_from_slice(&[0xff, 0, 0, 0, 255]);
    expected.extend_from_slice(&[0xbb; 255]);
    expected.extend_from_slice(&[0xff, 0, 1, 0x11, 0x70]);
    expected.extend_from_slice(&[0xcc; 70000]);
    assert_eq!(data, &expected[..]);
    assert_eq!(Msg::decode(data).unwrap(), msg);

    assert_eq!(Msg::new().encode().unwrap().size(), 0);
    assert_eq!(Msg::decode(&[]).unwrap().len(), 0);
    // CZMQ accepts the long form for short frames too.
    let long_form = Msg::decode(&[0xff, 0, 0, 0, 2, b'h', b'i']).unwrap();
    assert!(long_form.first().unwrap().streq("hi"));
}

#[test]
fn decoding_rejects_truncation() {
    for bad in [
        &[1u8][..],
        &[2, b'a'],
        &[0xff],
        &[0xff, 0, 0],
        &[0xff, 0, 0, 1, 0],
        &[0xff, 0xff, 0xff, 0xff, 0xff, 1, 2],
        &[0, 3, b'a', b'b'],
    ] {
        assert!(
            matches!(Msg::decode(bad), Err(Error::Malformed(_))),
            "{bad:?}"
        );
    }
}

#[test]
fn signals() {
    for status in [0u8, 1, 200, 255] {
        let msg = Msg::new_signal(status);
        assert_eq!(msg.len(), 1);
        assert_eq!(msg.content_size(), 8);
        assert_eq!(msg.signal(), Some(status));
    }
    let mut two = Msg::new_signal(1);
    two.addstr("x");
    assert_eq!(two.signal(), None);
    let mut eight = Msg::new();
    eight.addmem(b"12345678");
    assert_eq!(eight.signal(), None);

    // The bytes libczmq 4.2.1 produces for zmsg_new_signal (5) on this
    // (little-endian) architecture.
    #[cfg(target_endian = "little")]
    assert_eq!(
        Msg::new_signal(5).first().unwrap().data(),
        &[0x05, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77]
    );

    // A signal message is what Sock::wait understands, and vice versa.
    let (a, b) = pair("signal");
    Msg::new_signal(42).send(&a).unwrap();
    assert_eq!(b.wait().unwrap(), 42);
    a.signal(43).unwrap();
    assert_eq!(Msg::recv(&b).unwrap().signal(), Some(43));
}

#[test]
fn tag_is_the_first_field() {
    let msg = Box::new(Msg::new());
    // SAFETY: Msg is repr(C) with a u32 first field; the box is live.
    assert_eq!(unsafe { *(&*msg as *const Msg as *const u32) }, Msg::TAG);
    assert_eq!(Msg::TAG, 0xcafe0003);
}

#[cfg(feature = "draft")]
#[test]
fn routing_ids_survive_a_round_trip() {
    let server = Sock::new_server(Some("inproc://msg-server")).unwrap();
    let client = Sock::new_client(Some("inproc://msg-server")).unwrap();
    for s in [&server, &client] {
        s.as_socket()
            .set_rcvtimeo(Some(Duration::from_secs(5)))
            .unwrap();
    }
    let mut request = Msg::new();
    request.addstr("ping");
    request.send(&client).unwrap();
    let mut got = Msg::recv(&server).unwrap();
    let id = got.routing_id();
    assert_ne!(id, 0);
    assert_eq!(got.popstr().unwrap().as_deref(), Some("ping"));

    let mut reply = Msg::new();
    reply.addstr("pong");
    reply.set_routing_id(id);
    reply.send(&server).unwrap();
    assert_eq!(strings(&Msg::recv(&client).unwrap()), ["pong"]);
}

fn frames() -> impl Strategy<Value = Vec<Vec<u8>>> {
    prop::collection::vec(
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..260),
            prop::collection::vec(any::<u8>(), 250..600),
        ],
        0..8,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn encode_decode_round_trip(parts in frames()) {
        let mut msg = Msg::new();
        for p in &parts {
            msg.addmem(p);
        }
        let encoded = msg.encode().unwrap();
        let decoded = Msg::decode(&encoded).unwrap();
        prop_assert_eq!(&decoded, &msg);
        let again: Vec<Vec<u8>> = decoded.iter().map(|f| f.data().to_vec()).collect();
        prop_assert_eq!(again, parts);
    }

    #[test]
    fn hostile_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        match Msg::decode(&bytes) {
            Ok(msg) => {
                // Whatever decodes re-encodes to something that decodes the same.
                let re = Msg::decode(&msg.encode().unwrap()).unwrap();
                prop_assert_eq!(re, msg);
            }
            Err(e) => prop_assert!(matches!(e, Error::Malformed(_))),
        }
    }
}

/// Frames are heap objects of their own, as CZMQ's: a frame lent by the
/// message keeps its address while the message grows, and popping hands
/// over that very object (the C face lends these addresses to C).
#[test]
fn frames_keep_their_address_while_the_message_grows() {
    let mut m = Msg::new();
    m.addstr("first");
    let lent = m.first().unwrap() as *const Frame;
    for _ in 0..1000 {
        m.addstr("more");
    }
    m.pushstr("front");
    assert_eq!(m.position_of(lent), Some(1));
    assert!(m.get(1).unwrap().streq("first"));
    let front = m.pop_boxed().unwrap();
    assert!(front.streq("front"));
    let popped = m.pop_boxed().unwrap();
    assert!(std::ptr::eq(&*popped, lent));
    m.append_boxed(popped);
    assert!(std::ptr::eq(m.last().unwrap(), lent));
    let removed = m.remove_boxed(m.position_of(lent).unwrap()).unwrap();
    assert!(std::ptr::eq(&*removed, lent));
    assert_eq!(m.len(), 1000);
}

/// CZMQ's cursor carries on across removals and pushes (zmsg_first,
/// zmsg_remove of the current frame, zmsg_next gives the one after it).
#[test]
fn the_cursor_carries_on_across_removals() {
    let mut m = Msg::new();
    for s in ["a", "b", "c"] {
        m.addstr(s);
    }
    assert!(m.cursor_first().unwrap().streq("a"));
    assert!(m.cursor_next().unwrap().streq("b"));
    assert!(m.remove(1).unwrap().streq("b"));
    assert!(m.cursor_next().unwrap().streq("c"));
    m.pushstr("z");
    assert!(m.cursor_next().is_none());
    assert!(m.cursor_first().unwrap().streq("z"));
}

/// zmsg_save's format: native size_t and bytes per frame; an empty frame
/// cannot be saved (as CZMQ), a cut-short file does not load.
#[test]
fn save_and_load_use_czmqs_format() {
    let mut m = Msg::new();
    m.addstr("hello");
    m.addmem(&[0u8; 300]);
    let mut file = Vec::new();
    m.save(&mut file).unwrap();
    let mut expected = 5usize.to_ne_bytes().to_vec();
    expected.extend_from_slice(b"hello");
    expected.extend_from_slice(&300usize.to_ne_bytes());
    expected.extend_from_slice(&[0u8; 300]);
    assert_eq!(file, expected);
    assert_eq!(Msg::load(&mut file.as_slice()).unwrap(), Some(m.clone()));
    assert_eq!(Msg::load(&mut &file[..file.len() - 1]).unwrap(), None);
    m.addmem(&[]);
    assert!(m.save(&mut Vec::new()).is_err());
}
