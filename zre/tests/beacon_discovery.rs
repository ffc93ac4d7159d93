//! UDP discovery on the loopback interface: nodes that only share a beacon
//! port find each other (ENTER both ways), and a beacon with port 0 drops
//! its node at once (Zyre's leaving notice).

#[allow(dead_code)]
#[path = "../../tests/support/ports.rs"]
mod ports;

#[path = "common/loopback.rs"]
mod loopback;

use std::time::{Duration, Instant};

use czmq::Beacon;
use loopback::lo;
use zre::{Event, Node, PeerId};

const PATIENCE: Duration = Duration::from_secs(10);

fn beaconing(name: &str, udp_port: u16) -> Node {
    let mut node = Node::new(name).expect("node");
    node.set_beacon(lo(), udp_port).expect("set");
    node.set_beacon_interval(Duration::from_millis(100))
        .expect("set");
    node.start().expect("start");
    node
}

fn wait_for(node: &Node, what: &str, mut pick: impl FnMut(&Event) -> bool) -> Event {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match node.recv_event_timeout(left) {
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
    let mut bob = Node::new("bob").expect("node");
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

/// The TCP port a started node listens at.
fn port_of(node: &Node) -> u16 {
    let endpoint = node.endpoint().expect("started");
    endpoint
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("a tcp port")
}

/// The first beacon `listener` hears from `uuid` for which `pick` holds.
fn beacon_from(listener: &mut Beacon, uuid: PeerId, pick: impl Fn(&[u8]) -> bool) -> Vec<u8> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let left = deadline
            .checked_duration_since(Instant::now())
            .expect("no such beacon within the patience");
        let Some((_, payload)) = listener.recv(left) else {
            continue;
        };
        if payload.len() >= 20 && payload[4..20] == *uuid.as_bytes() && pick(&payload) {
            return payload;
        }
    }
}

/// By default the node sends Zyre's 22 bytes, also when leaving; with its
/// state turned on, 23 bytes: RUNNING while it runs, EXIT with port 0 on
/// stop.
#[test]
fn the_beacon_carries_our_state_only_when_asked() {
    use zre::beacon::{Beacon as ZreBeacon, NodeState};
    let udp = ports::lease_port();
    let mut listener = Beacon::with_settings(lo()).expect("beacon");
    listener.configure(udp).expect("configure");
    listener.subscribe(b"ZRE").expect("subscribe");

    let mut plain = beaconing("plain", udp);
    let port: u16 = port_of(&plain);
    let running = beacon_from(&mut listener, plain.uuid(), |_| true);
    assert_eq!(running.len(), zre::beacon::BEACON_LEN);
    assert_eq!(ZreBeacon::decode(&running).unwrap().port, port);
    plain.stop().expect("stop");
    let leaving = beacon_from(&mut listener, plain.uuid(), |b| b[20..22] == [0, 0]);
    assert_eq!(leaving.len(), zre::beacon::BEACON_LEN);

    let mut stateful = Node::new("stateful").expect("node");
    stateful.set_beacon(lo(), udp).expect("set");
    stateful
        .set_beacon_interval(Duration::from_millis(100))
        .expect("set");
    stateful.set_beacon_state(true).expect("set");
    stateful.start().expect("start");
    let running = beacon_from(&mut listener, stateful.uuid(), |_| true);
    let running = ZreBeacon::decode(&running).expect("our beacon");
    assert_eq!(running.state, Some(NodeState::Running));
    assert_ne!(running.port, 0);
    stateful.stop().expect("stop");
    let leaving = beacon_from(&mut listener, stateful.uuid(), |b| {
        b.get(22) == Some(&(NodeState::Exit as u8))
    });
    let leaving = ZreBeacon::decode(&leaving).expect("our beacon");
    assert_eq!((leaving.port, leaving.state), (0, Some(NodeState::Exit)));
}

/// A 23-byte beacon in state EXIT drops its node even with its port set;
/// one in state INIT from a stranger is not answered (no HELLO, no ENTER).
#[test]
fn an_exit_state_beacon_drops_its_node_and_init_is_not_answered() {
    use zre::beacon::{Beacon as ZreBeacon, NodeState};
    let udp = ports::lease_port();
    let alice = beaconing("alice", udp);
    let mut bob = Node::new("bob").expect("node");
    bob.connect(alice.endpoint().expect("endpoint"))
        .expect("connect");
    bob.start().expect("start");
    enter(&alice, bob.uuid());

    let mut spoof = Beacon::with_settings(lo()).expect("beacon");
    spoof.configure(udp).expect("configure");
    // carol, starting: her port is real, but she is not ready.
    let mut carol = Node::new("carol").expect("node");
    carol.start().expect("start");
    let carol_port: u16 = port_of(&carol);
    let init = ZreBeacon {
        uuid: *carol.uuid().as_bytes(),
        port: carol_port,
        state: Some(NodeState::Init),
        public_key: None,
    };
    spoof
        .publish(&init.encode(), Duration::from_millis(50))
        .expect("publish");
    // bob's EXIT, port intact, while bob itself runs on.
    let bob_port: u16 = port_of(&bob);
    let exit = ZreBeacon {
        uuid: *bob.uuid().as_bytes(),
        port: bob_port,
        state: Some(NodeState::Exit),
        public_key: None,
    };
    spoof
        .publish(&exit.encode(), Duration::from_millis(50))
        .expect("publish");
    let exit = wait_for(&alice, "EXIT of bob", |e| {
        matches!(e, Event::Exit { .. } | Event::Enter { .. })
            && (e.peer() == bob.uuid() || e.peer() == carol.uuid())
    });
    assert_eq!(exit.kind(), "EXIT", "{exit:?}");
    assert_eq!(exit.peer(), bob.uuid());
    // alice heard the INIT beacon before the EXIT one (one sender, in
    // order); had she answered it, her HELLO would reach carol by now.
    let answered = carol.recv_event_timeout(Duration::from_millis(300));
    assert!(
        answered.is_err(),
        "carol was answered in INIT: {answered:?}"
    );
}
