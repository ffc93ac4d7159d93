//! CURVE with a ZAP handler (czmq's `Auth`, CZMQ's zauth) in the process:
//! only peers whose certificates the handler's store holds get through,
//! even when they know the node's public key. In a test binary of its own,
//! as the handler serves every CURVE socket in the process.

#[path = "common/events.rs"]
mod events;

use std::time::{Duration, Instant};

use czmq::{Auth, Cert, CertStore};
use events::enter;
use zre::{Event, Node};

fn secure(name: &str, cert: &Cert) -> Node {
    let mut node = Node::new(name).expect("node");
    node.set_cert(cert).expect("set cert");
    node.set_zap_domain("chat").expect("zap domain");
    node
}

#[test]
fn a_zap_handler_keeps_out_a_peer_it_does_not_know() {
    let (alice_cert, bob_cert) = (Cert::new().expect("cert"), Cert::new().expect("cert"));
    let mut store = CertStore::new();
    for cert in [&alice_cert, &bob_cert] {
        store.insert(Cert::from_keys(cert.public_key(), &[0; 32]));
    }
    let _auth = Auth::with_store(store).expect("zauth");

    let mut alice = secure("alice", &alice_cert);
    alice.start().expect("start");
    let endpoint = alice.endpoint().expect("endpoint").to_string();
    // eve knows alice's key, but the handler does not know eve's.
    let mut eve = secure("eve", &Cert::new().expect("cert"));
    eve.connect_curve(&endpoint, alice_cert.public_txt())
        .expect("connect");
    eve.start().expect("start");
    let mut bob = secure("bob", &bob_cert);
    bob.connect_curve(&endpoint, alice_cert.public_txt())
        .expect("connect");
    bob.start().expect("start");
    enter(&alice, bob.uuid());
    enter(&bob, alice.uuid());
    bob.whisper(alice.uuid(), [b"allowed".to_vec()])
        .expect("whisper");
    // Every event alice had (eve's ENTER would come before this WHISPER,
    // as eve started first) up to bob's WHISPER.
    let deadline = Instant::now() + events::PATIENCE;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match alice.recv_event_timeout(left.max(Duration::from_millis(1))) {
            Ok(Event::Enter { name, .. }) => assert_ne!(name, "eve"),
            Ok(Event::Whisper { content, .. }) => {
                assert_eq!(content, [b"allowed".to_vec()]);
                break;
            }
            Ok(_) => {}
            Err(e) => panic!("no WHISPER from bob: {e}"),
        }
    }
    assert_eq!(alice.peers().expect("peers"), [bob.uuid()]);
    assert!(eve.peers().expect("peers").is_empty());
}
