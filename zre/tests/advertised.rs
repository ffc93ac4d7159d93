//! Zyre's NAT and firewall settings: an advertised endpoint (peers are
//! told it in HELLO and the gossip tuple, instead of the one bound) and the
//! port of the default bind (`zyre_set_beacon_peer_port`).

#[path = "common/events.rs"]
mod events;
#[allow(dead_code)]
#[path = "../../tests/support/ports.rs"]
mod ports;

use events::wait_for;
use zre::{Event, Node};

/// Alice bound at 127.0.0.1:PORT, advertising the same port as
/// `localhost`: a second name for it, as a NAT's public address would be.
fn alice_behind_a_name() -> (Node, String) {
    let port = ports::lease_port();
    let mut alice = Node::new("alice").expect("node");
    alice
        .set_endpoint(&format!("tcp://127.0.0.1:{port}"))
        .expect("bind");
    let public = format!("tcp://localhost:{port}");
    alice.set_advertised_endpoint(&public).expect("advertise");
    (alice, public)
}

fn entered_at(node: &Node, peer: zre::PeerId) -> String {
    wait_for(node, "ENTER", |e| match e {
        Event::Enter {
            peer: p, endpoint, ..
        } if *p == peer => Some(endpoint.clone()),
        _ => None,
    })
}

fn whisper_both_ways(alice: &mut Node, bob: &mut Node) {
    bob.whisper(alice.uuid(), [b"to alice".to_vec()])
        .expect("whisper");
    wait_for(alice, "WHISPER", |e| {
        matches!(e, Event::Whisper { content, .. } if content == &[b"to alice".to_vec()])
            .then_some(())
    });
    alice
        .whisper(bob.uuid(), [b"to bob".to_vec()])
        .expect("whisper");
    wait_for(bob, "WHISPER", |e| {
        matches!(e, Event::Whisper { content, .. } if content == &[b"to bob".to_vec()])
            .then_some(())
    });
}

#[test]
fn hello_carries_the_advertised_endpoint_and_peers_use_it() {
    let (mut alice, public) = alice_behind_a_name();
    alice.start().expect("start");
    let bound = alice.endpoint().expect("endpoint").to_string();
    assert_ne!(bound, public, "endpoint() stays the bound one");
    // Bob knows alice by her public name, as a peer outside the NAT would.
    let mut bob = Node::new("bob").expect("node");
    bob.connect(&public).expect("connect");
    bob.start().expect("start");
    assert_eq!(entered_at(&bob, alice.uuid()), public);
    entered_at(&alice, bob.uuid());
    whisper_both_ways(&mut alice, &mut bob);
}

#[test]
fn the_gossip_tuple_carries_the_advertised_endpoint() {
    let (mut alice, public) = alice_behind_a_name();
    alice.gossip_bind("tcp://127.0.0.1:*").expect("hub");
    alice.start().expect("start");
    let hub = alice.gossip_endpoint().expect("hub").to_string();
    let mut bob = Node::new("bob").expect("node");
    bob.gossip_connect(&hub).expect("gossip");
    bob.start().expect("start");
    // Bob found alice by her tuple (he had no other way): at `public`.
    assert_eq!(entered_at(&bob, alice.uuid()), public);
    entered_at(&alice, bob.uuid());
    whisper_both_ways(&mut alice, &mut bob);
}

#[test]
fn the_default_bind_takes_the_peer_port_given() {
    let port = ports::lease_port();
    let mut node = Node::new("n").expect("node");
    node.set_beacon_peer_port(port).expect("port");
    node.start().expect("start");
    assert_eq!(
        node.endpoint(),
        Some(format!("tcp://127.0.0.1:{port}").as_str())
    );
}
