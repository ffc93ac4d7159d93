//! Frame: CZMQ's zframe selftest, in spirit.

use std::time::Duration;

use czmq::{Error, Flags, Frame, Message, Sock, SocketType};

fn pair(name: &str) -> (Sock, Sock) {
    let a = Sock::new_pair(Some(&format!("@inproc://frame-{name}"))).unwrap();
    let b = Sock::new_pair(Some(&format!("inproc://frame-{name}"))).unwrap();
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
fn construction_and_content() {
    let f = Frame::new(b"Hello");
    assert_eq!(f.size(), 5);
    assert_eq!(f.data(), b"Hello");
    assert!(f.streq("Hello") && !f.streq("Hell") && !f.streq("Hello!"));
    assert_eq!(f.as_str(), Some("Hello"));
    assert_eq!(f, Frame::from("Hello"));
    assert_eq!(f, Frame::from(String::from("Hello")));
    assert_eq!(f, Frame::from(b"Hello".to_vec()));
    assert_eq!(&f[1..3], b"el");

    let empty = Frame::empty();
    assert_eq!(empty.size(), 0);
    assert!(empty.data().is_empty());
    assert_eq!(empty.strhex(), "");
    assert_ne!(empty, f);

    let bin = Frame::new(&[0x00, 0x7f, 0xab, 0xff]);
    assert_eq!(bin.strhex(), "007FABFF");
    assert_eq!(bin.as_str(), None);
    assert!(format!("{bin:?}").contains("007FABFF"));

    let mut f = f;
    f.reset(b"World!");
    assert!(f.streq("World!"));
    f.data_mut()[0] = b'w';
    assert!(f.streq("world!"));
}

#[test]
fn dup_and_eq() {
    let mut original = Frame::from(vec![42u8; 1000]);
    original.set_more(true);
    let copy = original.clone();
    assert_eq!(copy, original);
    assert!(copy.more());
    // Equality is about bytes only, as zframe_eq.
    let mut other = Frame::new(&[42u8; 1000]);
    assert!(!other.more());
    assert_eq!(other, original);
    other.data_mut()[999] = 0;
    assert_ne!(other, original);
}

#[test]
fn send_and_recv_with_more() {
    let (a, b) = pair("more");
    Frame::from("one").send_with(&a, Flags::MORE).unwrap();
    Frame::from("two").send_with(&a, Flags::MORE).unwrap();
    Frame::empty().send(&a).unwrap();
    let one = Frame::recv(&b).unwrap();
    let two = Frame::recv(&b).unwrap();
    let three = Frame::recv(&b).unwrap();
    assert!(one.streq("one") && one.more());
    assert!(two.streq("two") && two.more());
    assert!(three.data().is_empty() && !three.more());
}

#[test]
fn reuse_keeps_the_frame() {
    let (a, b) = pair("reuse");
    let frame = Frame::from(vec![1u8; 100]);
    for _ in 0..3 {
        frame.send_ref(&a).unwrap();
    }
    for _ in 0..3 {
        assert_eq!(Frame::recv(&b).unwrap(), frame);
    }
    assert_eq!(frame.size(), 100);
}

#[test]
fn dontwait_and_try_recv() {
    // A PAIR with no peer cannot send: DONTWAIT fails at once.
    let lonely = Sock::new(SocketType::Pair).unwrap();
    let err = Frame::from("x")
        .send_with(&lonely, Flags::DONTWAIT)
        .unwrap_err();
    assert_eq!(err, Error::Again);
    assert_eq!(Frame::try_recv(&lonely).unwrap_err(), Error::Again);

    let (a, b) = pair("dontwait");
    Frame::from("now").send_with(&a, Flags::DONTWAIT).unwrap();
    let mut got = None;
    for _ in 0..500 {
        match Frame::try_recv(&b) {
            Ok(f) => {
                got = Some(f);
                break;
            }
            Err(Error::Again) => std::thread::sleep(Duration::from_millis(2)),
            Err(e) => panic!("{e}"),
        }
    }
    assert!(got.unwrap().streq("now"));
}

#[test]
fn zero_copy_send_and_receive() {
    // A large buffer goes to libzmq as is, travels over inproc as is, and
    // the receiving frame wraps the very same bytes.
    let (a, b) = pair("zerocopy");
    let buffer = vec![7u8; 64 * 1024];
    let address = buffer.as_ptr();
    let frame = Frame::from(buffer);
    assert_eq!(frame.data().as_ptr(), address);
    frame.send(&a).unwrap();
    let got = Frame::recv(&b).unwrap();
    assert_eq!(got.data().as_ptr(), address);
    assert_eq!(got.size(), 64 * 1024);
    // And the core message comes out without a copy too.
    let msg: Message = got.into_message();
    assert_eq!(msg.as_ptr(), address);
    let again = Frame::from(msg);
    assert_eq!(again.message().as_ptr(), address);
}

#[test]
fn works_on_core_sockets() {
    let ctx = czmq::Context::new().unwrap();
    let a = ctx.socket(SocketType::Pair).unwrap();
    a.bind("inproc://frame-core").unwrap();
    let b = ctx.socket(SocketType::Pair).unwrap();
    b.connect("inproc://frame-core").unwrap();
    b.set_rcvtimeo(Some(Duration::from_secs(5))).unwrap();
    Frame::from("core").send(&a).unwrap();
    assert!(Frame::recv(&b).unwrap().streq("core"));
}

#[test]
fn tag_is_the_first_field() {
    let frame = Box::new(Frame::from("tagged"));
    assert_eq!(
        // SAFETY: Frame is #[repr(C)] with its `tag: u32` as the first field, so
        // the u32 sits at offset 0 and the Box's allocation (aligned for Frame, so
        // for u32) makes the pointer aligned; `frame` is live until the end of the
        // test and only shared borrows exist while the 4 bytes are read.
        unsafe { *(&*frame as *const Frame as *const u32) },
        Frame::TAG
    );
    assert_eq!(Frame::TAG, 0xcafe0002);
}

#[cfg(feature = "draft")]
#[test]
fn routing_ids_with_server_and_client() {
    let server = Sock::new_server(Some("inproc://frame-server")).unwrap();
    let client = Sock::new_client(Some("inproc://frame-server")).unwrap();
    for s in [&server, &client] {
        s.as_socket()
            .set_rcvtimeo(Some(Duration::from_secs(5)))
            .unwrap();
    }
    Frame::from("hello").send(&client).unwrap();
    let request = Frame::recv(&server).unwrap();
    assert!(request.streq("hello"));
    let id = request.routing_id();
    assert_ne!(id, 0);

    let mut reply = Frame::from("world");
    reply.set_routing_id(id);
    assert_eq!(reply.routing_id(), id);
    reply.send(&server).unwrap();
    let answer = Frame::recv(&client).unwrap();
    assert!(answer.streq("world"));
    assert_eq!(answer.routing_id(), 0);

    // A routing id nobody has is unroutable.
    let mut lost = Frame::from("lost");
    lost.set_routing_id(id.wrapping_add(1000));
    assert_eq!(lost.send(&server), Err(Error::HostUnreachable));
}

#[cfg(feature = "draft")]
#[test]
fn groups_with_radio_and_dish() {
    use zmq_sys_vendored as sys;
    let radio = Sock::new_radio(Some("inproc://frame-radio")).unwrap();
    let dish = Sock::new_dish(Some("inproc://frame-radio")).unwrap();
    dish.as_socket()
        .set_rcvtimeo(Some(Duration::from_secs(5)))
        .unwrap();
    let group = std::ffi::CString::new("weather").unwrap();
    // SAFETY: `dish.as_ptr()` is the libzmq handle of a DISH socket that
    // `dish` owns and keeps open past this call; `group` is a CString, so
    // NUL-terminated, and lives to the end of the test; zmq_join only reads
    // the group name and keeps no pointer to it.
    let rc = unsafe { sys::zmq_join(dish.as_socket().as_ptr(), group.as_ptr()) };
    assert_eq!(rc, 0);
    // The join travels to the radio asynchronously: resend until one arrives.
    let mut got = None;
    for _ in 0..250 {
        let mut frame = Frame::from("sunny");
        frame.set_group("weather").unwrap();
        assert_eq!(frame.group(), Some("weather"));
        frame.send(&radio).unwrap();
        let mut other = Frame::from("noise");
        other.set_group("traffic").unwrap();
        other.send(&radio).unwrap();
        if let Ok(f) = Frame::try_recv(&dish) {
            got = Some(f);
            break;
        }
        std::thread::sleep(Duration::from_millis(4));
    }
    let got = got.expect("dish received nothing");
    assert!(got.streq("sunny"));
    assert_eq!(got.group(), Some("weather"));

    let mut bad = Frame::empty();
    assert!(bad.set_group("").is_err());
    assert!(bad.set_group(&"g".repeat(256)).is_err());
}
