//! Same-host ipc: two nodes that find each other by beacon on loopback (one
//! host) talk over ipc endpoints derived from their UUIDs, observable as
//! each one's peer address; a node without ipc is reached over tcp.

#[allow(dead_code)]
#[path = "../../tests/support/ports.rs"]
mod ports;

#[path = "common/events.rs"]
mod events;

#[path = "common/loopback.rs"]
mod loopback;

use events::{enter, wait_for};
use std::time::Duration;

use loopback::lo;
use zre::{Event, Node};

fn beaconing(name: &str, udp_port: u16, ipc: bool) -> Node {
    let mut node = Node::new(name).expect("node");
    node.set_beacon(lo(), udp_port).expect("set");
    node.set_beacon_interval(Duration::from_millis(100))
        .expect("set");
    node.set_same_host_ipc(ipc).expect("set");
    node.start().expect("start");
    node
}

fn whisper_round(from: &mut Node, to: &mut Node) {
    from.whisper(to.uuid(), [b"ping".to_vec()])
        .expect("whisper");
    let sender = wait_for(to, "WHISPER", |e| match e {
        Event::Whisper { peer, content, .. } if content[..] == [b"ping".to_vec()] => Some(*peer),
        _ => None,
    });
    to.whisper(sender, [b"pong".to_vec()]).expect("whisper");
    wait_for(from, "WHISPER back", |e| match e {
        Event::Whisper { content, .. } if content[..] == [b"pong".to_vec()] => Some(()),
        _ => None,
    });
}

#[test]
fn two_nodes_on_one_host_pick_ipc() {
    let udp = ports::lease_port();
    let mut alice = beaconing("alice", udp, true);
    let mut bob = beaconing("bob", udp, true);
    let alice_ipc = alice
        .ipc_endpoint()
        .expect("alice listens on ipc")
        .to_string();
    let bob_ipc = bob.ipc_endpoint().expect("bob listens on ipc").to_string();
    assert!(alice_ipc.starts_with("ipc://") && alice_ipc.contains(&alice.uuid().to_string()));
    enter(&alice, bob.uuid());
    enter(&bob, alice.uuid());
    assert_eq!(
        alice.peer_address(bob.uuid()).expect("query"),
        Some(bob_ipc.clone())
    );
    assert_eq!(
        bob.peer_address(alice.uuid()).expect("query"),
        Some(alice_ipc)
    );
    whisper_round(&mut alice, &mut bob);
    // A stopped node removes its socket file.
    bob.stop().expect("stop");
    let bob_file = bob_ipc_path(&bob_ipc);
    assert!(!bob_file.exists(), "{} left behind", bob_file.display());
}

fn bob_ipc_path(endpoint: &str) -> std::path::PathBuf {
    endpoint
        .strip_prefix("ipc://")
        .expect("ipc endpoint")
        .into()
}

#[test]
fn a_node_without_ipc_is_reached_over_tcp() {
    let udp = ports::lease_port();
    let mut alice = beaconing("alice", udp, true);
    let mut bob = beaconing("bob", udp, false);
    assert_eq!(bob.ipc_endpoint(), None);
    enter(&alice, bob.uuid());
    enter(&bob, alice.uuid());
    // alice would use ipc, but bob has no ipc socket: tcp (the fallback).
    let bob_tcp = bob.endpoint().expect("endpoint").to_string();
    assert_eq!(
        alice.peer_address(bob.uuid()).expect("query"),
        Some(bob_tcp)
    );
    // bob does not use ipc at all.
    let alice_tcp = alice.endpoint().expect("endpoint").to_string();
    assert_eq!(
        bob.peer_address(alice.uuid()).expect("query"),
        Some(alice_tcp)
    );
    whisper_round(&mut alice, &mut bob);
}
