//! czmq::picture: the text and binary picture codecs, their wire bytes
//! (CZMQ's), and send/recv over real sockets.

use czmq::picture::{self, Arg, Value};
use czmq::{Frame, Msg, Sock};

fn pair(name: &str) -> (Sock, Sock) {
    let endpoint = format!("inproc://picture-test-{name}");
    let a = Sock::new_pair(Some(&format!("@{endpoint}"))).expect("bind pair");
    let b = Sock::new_pair(Some(&endpoint)).expect("connect pair");
    (a, b)
}

fn frames(msg: &Msg) -> Vec<Vec<u8>> {
    msg.iter().map(|f| f.data().to_vec()).collect()
}

#[test]
fn text_form_is_one_decimal_frame_per_number() {
    let msg = picture::encode(&[
        Arg::Int(-12345),
        Arg::U8(123),
        Arg::U16(15129),
        Arg::U32(u32::MAX),
        Arg::U64(u64::MAX),
        Arg::Uint(7),
        Arg::Empty,
    ])
    .unwrap();
    assert_eq!(
        frames(&msg),
        [
            &b"-12345"[..],
            b"123",
            b"15129",
            b"4294967295",
            b"18446744073709551615",
            b"7d",
            b""
        ]
    );
}

#[test]
fn text_round_trip_of_every_character() {
    let frame = Frame::new(b"WORLD");
    let mut inner = Msg::new();
    inner.addstr("frame 1");
    inner.addstr("frame 2");
    let uuid = [7u8; 16];
    let pointer = &frame as *const Frame as usize;
    let msg = picture::encode(&[
        Arg::Int(-1),
        Arg::U8(1),
        Arg::U16(2),
        Arg::U32(4),
        Arg::U64(8),
        Arg::Uint(9),
        Arg::Str(b"string"),
        Arg::Bytes(b"ABCDE"),
        Arg::Chunk(b"HELLO"),
        Arg::Frame(&frame),
        Arg::Uuid(uuid),
        Arg::Hash(b"packed"),
        Arg::Pointer(pointer),
        Arg::Empty,
        Arg::Msg(&inner),
    ])
    .unwrap();
    let values = picture::decode("i1248usbcfUhpzm", msg).unwrap();
    assert_eq!(values[0], Value::Int(-1));
    assert_eq!(values[1], Value::U8(1));
    assert_eq!(values[2], Value::U16(2));
    assert_eq!(values[3], Value::U32(4));
    assert_eq!(values[4], Value::U64(8));
    assert_eq!(values[5], Value::Uint(9));
    assert_eq!(values[6], Value::Str(Some(b"string".to_vec())));
    assert_eq!(values[7], Value::Bytes(Some(b"ABCDE".to_vec())));
    assert_eq!(values[8], Value::Chunk(Some(b"HELLO".to_vec())));
    assert_eq!(values[9], Value::Frame(Some(Frame::new(b"WORLD"))));
    assert_eq!(values[10], Value::Uuid(Some(uuid.to_vec())));
    assert_eq!(values[11], Value::Hash(Some(Frame::new(b"packed"))));
    assert_eq!(values[12], Value::Pointer(Some(pointer)));
    assert_eq!(values[13], Value::Empty);
    match &values[14] {
        Value::Msg(m) => assert_eq!(frames(m), [&b"frame 1"[..], b"frame 2"]),
        other => panic!("expected a message, got {other:?}"),
    }
}

#[test]
fn text_form_reads_missing_frames_as_zero_or_none() {
    let msg = picture::encode(&[Arg::Int(-1)]).unwrap();
    let values = picture::decode("izsbcfp", msg).unwrap();
    assert_eq!(
        values,
        [
            Value::Int(-1),
            Value::Empty,
            Value::Str(None),
            Value::Bytes(None),
            Value::Chunk(None),
            Value::Frame(None),
            Value::Pointer(None),
        ]
    );
}

#[test]
fn text_form_numbers_parse_as_c_does() {
    let mut msg = Msg::new();
    for text in ["  42xyz", "-1", "300", "nonsense"] {
        msg.addstr(text);
    }
    let values = picture::decode("i418", msg).unwrap();
    // atoi stops at the first non-digit; strtoul wraps a minus sign; a
    // uint8_t keeps the low byte; no digits read as 0.
    assert_eq!(
        values,
        [
            Value::Int(42),
            Value::U32(u32::MAX),
            Value::U8(44),
            Value::U64(0)
        ]
    );
}

#[test]
fn text_form_refuses_bad_frames_and_characters() {
    let msg = picture::encode(&[Arg::Str(b"short")]).unwrap();
    assert!(
        picture::decode("p", msg).is_err(),
        "pointer of the wrong size"
    );
    let msg = picture::encode(&[Arg::Str(b"x")]).unwrap();
    assert!(picture::decode("z", msg).is_err(), "non-empty z frame");
    assert!(picture::decode("X", Msg::new()).is_err());
    assert!(picture::encode(&[Arg::LongStr(b"binary only")]).is_err());
}

#[test]
fn binary_form_matches_zproto_bytes() {
    // A zgossip PUBLISH as CZMQ's selftest sends it: signature 0xAAA0,
    // id 2, version 1, key "key", value "value", ttl 1234.
    let msg = picture::bencode(&[
        Arg::U8(0xAA),
        Arg::U8(0xA0),
        Arg::U8(0x02),
        Arg::U8(0x01),
        Arg::Str(b"key"),
        Arg::LongStr(b"value"),
        Arg::U32(1234),
    ])
    .unwrap();
    let mut expected = vec![0xAA, 0xA0, 2, 1, 3];
    expected.extend_from_slice(b"key");
    expected.extend_from_slice(&[0, 0, 0, 5]);
    expected.extend_from_slice(b"value");
    expected.extend_from_slice(&1234u32.to_be_bytes());
    assert_eq!(frames(&msg), [expected]);
}

#[test]
fn binary_round_trip_with_frames_and_message() {
    let frame = Frame::new(b"Hello");
    let mut inner = Msg::new();
    inner.addstr("Hello");
    inner.addstr("World");
    let uuid = [0x5a; 16];
    let msg = picture::bencode(&[
        Arg::U8(123),
        Arg::U16(15129),
        Arg::U32(1_860_867),
        Arg::U64(228_886_641),
        Arg::Str(b"Hello, World"),
        Arg::LongStr(b"Goodbye cruel World!"),
        Arg::Pointer(0xdead_beef),
        Arg::Chunk(b"World"),
        Arg::Uuid(uuid),
        Arg::Frame(&frame),
        Arg::Msg(&inner),
    ])
    .unwrap();
    assert_eq!(msg.len(), 4, "data frame, the f frame, two m frames");
    let values = picture::bdecode("1248sSpcufm", msg).unwrap();
    assert_eq!(values[0], Value::U8(123));
    assert_eq!(values[1], Value::U16(15129));
    assert_eq!(values[2], Value::U32(1_860_867));
    assert_eq!(values[3], Value::U64(228_886_641));
    assert_eq!(values[4], Value::Str(Some(b"Hello, World".to_vec())));
    assert_eq!(
        values[5],
        Value::Str(Some(b"Goodbye cruel World!".to_vec()))
    );
    assert_eq!(values[6], Value::Pointer(Some(0xdead_beef)));
    assert_eq!(values[7], Value::Chunk(Some(b"World".to_vec())));
    assert_eq!(values[8], Value::Uuid(Some(uuid.to_vec())));
    assert_eq!(values[9], Value::Frame(Some(Frame::new(b"Hello"))));
    match &values[10] {
        Value::Msg(m) => assert_eq!(frames(m), [&b"Hello"[..], b"World"]),
        other => panic!("expected a message, got {other:?}"),
    }
}

#[test]
fn binary_form_refuses_malformed_input() {
    // Too short for a 4-byte number.
    let mut msg = Msg::new();
    msg.addmem(&[1, 2]);
    assert!(picture::bdecode("4", msg).is_err());
    // A long string claiming more than 1 MiB.
    let mut msg = Msg::new();
    msg.addmem(&(2u32 << 20).to_be_bytes());
    assert!(picture::bdecode("S", msg).is_err());
    // 'f' with no frame after the data frame.
    let msg = picture::bencode(&[Arg::U8(1)]).unwrap();
    assert!(picture::bdecode("1f", msg).is_err());
    // 's' over 255 bytes, 'm' not last, text-only characters.
    assert!(picture::bencode(&[Arg::Str(&[b'x'; 256])]).is_err());
    let empty = Msg::new();
    assert!(picture::bencode(&[Arg::Msg(&empty), Arg::U8(1)]).is_err());
    assert!(picture::bencode(&[Arg::Int(1)]).is_err());
    assert!(picture::bdecode("i", picture::bencode(&[]).unwrap()).is_err());
}

#[test]
fn send_and_recv_over_sockets() {
    let (a, b) = pair("text");
    picture::send(&a, &[Arg::Int(7), Arg::Str(b"seven")]).unwrap();
    assert_eq!(
        picture::recv(&b, "is").unwrap(),
        [Value::Int(7), Value::Str(Some(b"seven".to_vec()))]
    );
    // A signal is not a picture.
    a.signal(0).unwrap();
    assert!(picture::recv(&b, "i").is_err());
    // A bad picture consumes nothing.
    picture::send(&a, &[Arg::Int(8)]).unwrap();
    assert!(picture::recv(&b, "?").is_err());
    assert_eq!(picture::recv(&b, "i").unwrap(), [Value::Int(8)]);
}

#[test]
fn bsend_and_brecv_over_sockets() {
    let (a, b) = pair("binary");
    let frame = Frame::new(b"tail");
    picture::bsend(&a, &[Arg::U16(513), Arg::Str(b"k"), Arg::Frame(&frame)]).unwrap();
    assert_eq!(
        picture::brecv(&b, "2sf").unwrap(),
        [
            Value::U16(513),
            Value::Str(Some(b"k".to_vec())),
            Value::Frame(Some(Frame::new(b"tail")))
        ]
    );
    assert!(picture::brecv(&b, "i").is_err(), "text-only character");
}
