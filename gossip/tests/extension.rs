//! Our ZGP extension is negotiated: a node sends its trailer (stamps,
//! deletions, trusted ttl) only to a peer that has shown it speaks it. To a
//! CZMQ peer every frame is CZMQ's, byte for byte (the golden PUBLISH of
//! ../shared/vectors: `zgp.publish.k1`).

use std::time::Duration;

use czmq::{Context, Socket, SocketType};
use gossip::trailer::{self, EXTENSION_MARKER};
use gossip::Gossip;

const HELLO: [u8; 4] = [0xaa, 0xa0, 0x01, 0x01];
const PONG: [u8; 4] = [0xaa, 0xa0, 0x04, 0x01];
/// `zgp.publish.k1`: key k1, value v1, ttl 0, as CZMQ 4.2.1 sends it.
const PUBLISH_K1: [u8; 17] = [
    0xaa, 0xa0, 0x02, 0x01, 0x02, b'k', b'1', 0x00, 0x00, 0x00, 0x02, b'v', b'1', 0x00, 0x00, 0x00,
    0x00,
];

/// A raw ZGP client (a DEALER, as CZMQ's remote is) on our node's server.
fn raw_client(ctx: &Context, port: u16) -> Socket {
    let s = ctx.socket(SocketType::Dealer).unwrap();
    s.set_rcvtimeo(Some(Duration::from_secs(5))).unwrap();
    s.connect(&format!("tcp://127.0.0.1:{port}")).unwrap();
    s
}

fn server_with_k1() -> (Gossip, u16) {
    let server = Gossip::new("ext-server").unwrap();
    let port = server.bind("tcp://127.0.0.1:0").unwrap();
    server.publish("k1", "v1").unwrap();
    // The tuple is stored once STATUS says so (the pipe is ordered).
    assert_eq!(server.status().unwrap(), 1);
    (server, port)
}

#[test]
fn a_czmq_client_gets_czmqs_exact_bytes() {
    let (_server, port) = server_with_k1();
    let ctx = Context::new().unwrap();
    let client = raw_client(&ctx, port);
    client.send_bytes(&HELLO).unwrap();
    let snapshot = client.recv_msg().unwrap();
    assert_eq!(
        &snapshot[..],
        &PUBLISH_K1[..],
        "a trailer went to a CZMQ peer"
    );
    // Its PING gets CZMQ's PONG, unmarked.
    client.send_bytes(&[0xaa, 0xa0, 0x03, 0x01]).unwrap();
    assert_eq!(&client.recv_msg().unwrap()[..], &PONG[..]);
}

#[test]
fn a_client_that_offers_the_extension_gets_the_acceptance_then_stamps() {
    let (_server, port) = server_with_k1();
    let ctx = Context::new().unwrap();
    let client = raw_client(&ctx, port);
    let mut offer = HELLO.to_vec();
    offer.extend_from_slice(&EXTENSION_MARKER);
    client.send_bytes(&offer).unwrap();
    let accept = client.recv_msg().unwrap();
    assert_eq!(&accept[..4], &PONG[..]);
    assert!(trailer::is_extension_marker(&accept[4..]));
    let snapshot = client.recv_msg().unwrap();
    assert_eq!(&snapshot[..PUBLISH_K1.len()], &PUBLISH_K1[..]);
    let (stamp, deleted) = trailer::decode(&snapshot[PUBLISH_K1.len()..]).expect("a trailer");
    assert!(!deleted);
    assert!(stamp.clock > 0);
}

#[test]
fn our_client_sends_czmqs_bytes_to_a_server_that_does_not_accept() {
    // A raw ROUTER plays a CZMQ server: it never sends the marked PONG.
    let ctx = Context::new().unwrap();
    let router = ctx.socket(SocketType::Router).unwrap();
    router.set_rcvtimeo(Some(Duration::from_secs(5))).unwrap();
    router.bind("tcp://127.0.0.1:0").unwrap();
    let endpoint = router.last_endpoint().unwrap();
    let client = Gossip::new("ext-client").unwrap();
    client.connect(&endpoint).unwrap();
    client.publish("k1", "v1").unwrap();
    // HELLO carries the offer (CZMQ's decoder ignores it) ...
    let _id = router.recv_msg().unwrap();
    let hello = router.recv_msg().unwrap();
    assert_eq!(&hello[..4], &HELLO[..]);
    assert!(trailer::is_extension_marker(&hello[4..]));
    // ... and every PUBLISH is CZMQ's exact frame.
    let _id = router.recv_msg().unwrap();
    let publish = router.recv_msg().unwrap();
    assert_eq!(&publish[..], &PUBLISH_K1[..]);
}
