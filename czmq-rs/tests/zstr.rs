//! zstr: CZMQ's zstr selftest, in spirit.

use std::time::Duration;

use czmq::{Actor, Error, Sock, SocketType, zstr};

fn pair(name: &str) -> (Sock, Sock) {
    let a = Sock::new_pair(Some(&format!("@inproc://zstr-{name}"))).unwrap();
    let b = Sock::new_pair(Some(&format!("inproc://zstr-{name}"))).unwrap();
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

#[test]
fn strings_round_trip() {
    let (a, b) = pair("roundtrip");
    for i in 0..10 {
        zstr::send(&a, &format!("this is string {i}")).unwrap();
    }
    zstr::send(&a, "END").unwrap();
    let mut count = 0;
    loop {
        let s = zstr::recv(&b).unwrap();
        if s == "END" {
            break;
        }
        assert_eq!(s, format!("this is string {count}"));
        count += 1;
    }
    assert_eq!(count, 10);
    // Text goes out without a trailing NUL, as CZMQ sends it.
    zstr::send(&a, "abc").unwrap();
    assert_eq!(b.as_socket().recv_bytes().unwrap(), b"abc");
    zstr::send(&a, "").unwrap();
    assert_eq!(zstr::recv(&b).unwrap(), "");
    zstr::send(&a, "héllo wörld ✓").unwrap();
    assert_eq!(zstr::recv(&b).unwrap(), "héllo wörld ✓");
}

#[test]
fn multipart_strings() {
    let (a, b) = pair("multipart");
    zstr::sendm(&a, "Hello").unwrap();
    zstr::send(&a, "World").unwrap();
    assert_eq!(zstr::recvx(&b).unwrap(), ["Hello", "World"]);
    zstr::sendx(&a, &["one", "two", "three"]).unwrap();
    assert_eq!(zstr::recvx(&b).unwrap(), ["one", "two", "three"]);
    zstr::sendx(&a, &[String::from("owned")]).unwrap();
    assert_eq!(zstr::recvx(&b).unwrap(), ["owned"]);
    let none: [&str; 0] = [];
    assert!(matches!(
        zstr::sendx(&a, &none),
        Err(Error::InvalidArgument(_))
    ));
    // recv reads one frame of a multipart message at a time.
    zstr::sendx(&a, &["x", "y"]).unwrap();
    assert_eq!(zstr::recv(&b).unwrap(), "x");
    assert_eq!(zstr::recv(&b).unwrap(), "y");
}

#[test]
fn bad_utf8_is_an_error_not_a_panic() {
    let (a, b) = pair("utf8");
    a.send_parts(&[&[0xc3u8, 0x28][..]]).unwrap();
    assert!(matches!(zstr::recv(&b), Err(Error::InvalidUtf8 { .. })));
    a.send_parts(&[&b"ok"[..], &[0xff]]).unwrap();
    assert!(matches!(zstr::recvx(&b), Err(Error::InvalidUtf8 { .. })));
    // The socket is still in step afterwards.
    zstr::send(&a, "fine").unwrap();
    assert_eq!(zstr::recv(&b).unwrap(), "fine");
}

#[test]
fn timeouts() {
    let (_a, b) = pair("timeout");
    b.as_socket()
        .set_rcvtimeo(Some(Duration::from_millis(20)))
        .unwrap();
    assert_eq!(zstr::recv(&b), Err(Error::Again));
    assert_eq!(zstr::recvx(&b), Err(Error::Again));
}

#[test]
fn any_socket_kind_of_thing() {
    // A core Socket.
    let ctx = czmq::Context::new().unwrap();
    let push = ctx.socket(SocketType::Push).unwrap();
    push.bind("inproc://zstr-core").unwrap();
    let pull = ctx.socket(SocketType::Pull).unwrap();
    pull.connect("inproc://zstr-core").unwrap();
    pull.set_rcvtimeo(Some(Duration::from_secs(5))).unwrap();
    zstr::send(&push, "core").unwrap();
    assert_eq!(zstr::recv(&pull).unwrap(), "core");

    // An actor.
    let actor = Actor::new(|pipe| {
        pipe.as_socket()
            .set_rcvtimeo(Some(Duration::from_secs(10)))?;
        pipe.signal(0)?;
        loop {
            let s = zstr::recv(&pipe)?;
            if s == "$TERM" {
                return Ok(());
            }
            zstr::send(&pipe, &s.to_uppercase())?;
        }
    })
    .unwrap();
    actor
        .sock()
        .as_socket()
        .set_rcvtimeo(Some(Duration::from_secs(5)))
        .unwrap();
    zstr::send(&actor, "shout").unwrap();
    assert_eq!(zstr::recv(&actor).unwrap(), "SHOUT");
    actor.join().unwrap();
}
