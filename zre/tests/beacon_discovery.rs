//! UDP discovery on the loopback interface: nodes that only share a beacon
//! port find each other (ENTER both ways), and a beacon with port 0 drops
//! its node at once (Zyre's leaving notice).

#[allow(dead_code)]
#[path = "../../tests/support/ports.rs"]
mod ports;

use std::time::{Duration, Instant};

use czmq::{Beacon, BeaconSettings};
use zre::{Event, Node, PeerId};

const PATIENCE: Duration = Duration::from_secs(10);

fn lo() -> BeaconSettings {
    let mut settings = BeaconSettings::from_zsys();
    settings.interface = "lo".into();
    settings.ipv6 = false;
    settings.ipv4_mcast_address = None;
    settings
}

fn beaconing(name: &str, udp_port: u16) -> Node {
    let mut node = Node::new(name);
    node.set_beacon(lo(), udp_port);
    node.set_beacon_interval(Duration::from_millis(100));
    node.start().expect("start");
    node
}

fn wait_for(node: &Node, what: &str, mut pick: impl FnMut(&Event) -> bool) -> Event {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match node.events().recv_timeout(left) {
            Ok(event) if pick(&event) => return event,
            Ok(event) => seen.push(event.kind()),
            Err(_) => break,
        }
    }
    panic!(
        "{}: no {what} within {PATIENCE:?} (saw {seen:?})",
        node.name()
    );
}

fn enter(node: &Node, peer: PeerId) -> Event {
    wait_for(
        node,
        "ENTER",
        |e| matches!(e, Event::Enter { peer: p, .. } if *p == peer),
    )
}

#[test]
fn nodes_sharing_a_beacon_port_find_each_other() {
    let udp = ports::lease_port();
    let alice = beaconing("alice", udp);
    let bob = beaconing("bob", udp);
    let Event::Enter { name, endpoint, .. } = enter(&alice, bob.uuid()) else {
        unreachable!()
    };
    assert_eq!(
        (name.as_str(), endpoint.as_str()),
        ("bob", bob.endpoint().expect("endpoint"))
    );
    enter(&bob, alice.uuid());
}

#[test]
fn a_beacon_with_port_zero_drops_its_node() {
    let udp = ports::lease_port();
    let alice = beaconing("alice", udp);
    // bob has no beacon: alice knows it by its HELLO only.
    let mut bob = Node::new("bob");
    bob.connect(alice.endpoint().expect("endpoint"))
        .expect("connect");
    bob.start().expect("start");
    enter(&alice, bob.uuid());

    let mut spoof = Beacon::with_settings(lo()).expect("beacon");
    assert_eq!(spoof.configure(udp).expect("configure"), "127.0.0.1");
    // Hostile beacons first (wrong version, wrong length): ignored.
    let mut bad_version = zre::beacon::Beacon::zyre(*bob.uuid().as_bytes(), 0).encode();
    bad_version[3] = 9;
    spoof
        .publish(&bad_version, Duration::from_millis(50))
        .expect("publish");
    spoof
        .publish(b"ZRE\x01short", Duration::from_millis(50))
        .expect("publish");
    // Then bob's leaving notice, while bob itself is still running.
    let leaving = zre::beacon::Beacon::zyre(*bob.uuid().as_bytes(), 0).encode();
    spoof
        .publish(&leaving, Duration::from_millis(50))
        .expect("publish");
    wait_for(
        &alice,
        "EXIT",
        |e| matches!(e, Event::Exit { peer, .. } if *peer == bob.uuid()),
    );
}

/// A node that stops says so twice: GOODBYE to each peer and its beacon
/// with port 0 on UDP. Its peers must drop it within one beacon interval
/// of `stop` (not the 30 s expiry), and the leaving beacon must be on the
/// wire within that interval too, for peers (Zyre's) that ignore GOODBYE.
#[test]
fn a_stopped_node_is_dropped_within_one_beacon_interval() {
    let interval = zre::DEFAULT_BEACON_INTERVAL;
    let udp = ports::lease_port();
    let mut listener = Beacon::with_settings(lo()).expect("beacon");
    listener.configure(udp).expect("configure");
    listener.subscribe(b"ZRE").expect("subscribe");
    let alice = beaconing("alice", udp);
    let mut bob = beaconing("bob", udp);
    enter(&alice, bob.uuid());
    enter(&bob, alice.uuid());

    let stopped = Instant::now();
    bob.stop().expect("stop");
    wait_for(
        &alice,
        "EXIT",
        |e| matches!(e, Event::Exit { peer, .. } if *peer == bob.uuid()),
    );
    let dropped_after = stopped.elapsed();

    let deadline = Instant::now() + PATIENCE;
    let leaving_after = loop {
        let left = deadline
            .checked_duration_since(Instant::now())
            .expect("no leaving beacon from bob within the patience");
        let Some((_, payload)) = listener.recv(left) else {
            continue;
        };
        match zre::beacon::Beacon::decode(&payload) {
            Ok(b) if b.uuid == *bob.uuid().as_bytes() && b.is_leaving() => break stopped.elapsed(),
            _ => continue,
        }
    };
    eprintln!("EXIT seen after {dropped_after:?}, leaving beacon after {leaving_after:?}");
    assert!(dropped_after < interval, "EXIT took {dropped_after:?}");
    assert!(
        leaving_after < interval,
        "leaving beacon took {leaving_after:?}"
    );
}
