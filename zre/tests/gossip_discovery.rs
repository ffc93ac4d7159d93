//! Gossip discovery on loopback (Zyre's `gossip_bind`/`gossip_connect`):
//! nodes that only share a gossip hub find each other, whether the hub is
//! one of them or a bare ZGP node of the `gossip` crate.

use std::time::{Duration, Instant};

use zre::{Event, Node, PeerId};

const PATIENCE: Duration = Duration::from_secs(10);

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

fn enter(node: &Node, peer: &Node) {
    let id = peer.uuid();
    let Event::Enter { endpoint, .. } = wait_for(
        node,
        "ENTER",
        |e| matches!(e, Event::Enter { peer: p, .. } if *p == id),
    ) else {
        unreachable!()
    };
    assert_eq!(Some(endpoint.as_str()), peer.endpoint());
}

/// Waits until `node` has seen every one of `peers` ENTER, in whatever
/// order they come, each with the endpoint it advertises.
fn enter_all(node: &Node, peers: &[&Node]) {
    let mut missing: Vec<&Node> = peers.to_vec();
    while !missing.is_empty() {
        let Event::Enter { peer, endpoint, .. } = wait_for(
            node,
            "ENTER",
            |e| matches!(e, Event::Enter { peer, .. } if missing.iter().any(|m| m.uuid() == *peer)),
        ) else {
            unreachable!()
        };
        let at = missing.iter().position(|m| m.uuid() == peer).unwrap();
        assert_eq!(Some(endpoint.as_str()), missing[at].endpoint());
        missing.remove(at);
    }
}

fn gossiping(name: &str, hub: &str) -> Node {
    let mut node = Node::new(name).expect("node");
    node.gossip_connect(hub).expect("gossip_connect");
    node.start().expect("start");
    node
}

/// A bare gossip hub; alice and bob connect to it and never to each other,
/// yet meet (ENTER both ways) and WHISPER.
#[test]
fn two_nodes_meet_through_a_gossip_hub() {
    let hub = gossip::Gossip::new("hub").expect("gossip");
    let port = hub.bind("tcp://127.0.0.1:*").expect("bind");
    let hub_endpoint = format!("tcp://127.0.0.1:{port}");
    let alice = gossiping("alice", &hub_endpoint);
    let mut bob = gossiping("bob", &hub_endpoint);
    enter(&alice, &bob);
    enter(&bob, &alice);
    bob.whisper(alice.uuid(), [b"found you".to_vec()])
        .expect("whisper");
    let Event::Whisper { content, .. } =
        wait_for(&alice, "WHISPER", |e| matches!(e, Event::Whisper { .. }))
    else {
        unreachable!()
    };
    assert_eq!(content, [b"found you".to_vec()]);
    // The hub holds Zyre's tuples: each node's UUID and endpoint.
    let mut tuples = hub.tuples().expect("tuples");
    tuples.sort();
    let mut want: Vec<(Vec<u8>, Vec<u8>)> = [&alice, &bob]
        .iter()
        .map(|n| {
            let endpoint = n.endpoint().expect("endpoint");
            (
                n.uuid().to_string().into_bytes(),
                endpoint.as_bytes().to_vec(),
            )
        })
        .collect();
    want.sort();
    assert_eq!(tuples, want);
}

/// A started node that is a gossip hub (`gossip_bind`), and where it listens.
fn hub() -> (Node, String) {
    let mut hub = Node::new("hub").expect("node");
    hub.gossip_bind("tcp://127.0.0.1:*").expect("gossip_bind");
    hub.start().expect("start");
    let at = hub.gossip_endpoint().expect("gossip endpoint").to_string();
    (hub, at)
}

/// One node is the hub (`gossip_bind`); two others connect to it. All
/// three meet, the two spokes included.
#[test]
fn a_node_is_the_hub_for_two_others() {
    let (hub, at) = hub();
    let alice = gossiping("alice", &at);
    let bob = gossiping("bob", &at);
    for (node, others) in [
        (&hub, [&alice, &bob]),
        (&alice, [&hub, &bob]),
        (&bob, [&hub, &alice]),
    ] {
        enter_all(node, &others);
    }
    let peers: Vec<PeerId> = {
        let mut alice = alice;
        let mut peers = alice.peers().expect("peers");
        peers.sort();
        peers
    };
    let mut want = vec![hub.uuid(), bob.uuid()];
    want.sort();
    assert_eq!(peers, want);
}

#[test]
fn gossip_endpoint_is_known_once_started() {
    let mut node = Node::new("n").expect("node");
    node.gossip_bind("tcp://127.0.0.1:*").expect("gossip_bind");
    assert_eq!(node.gossip_endpoint(), None);
    node.start().expect("start");
    let bound = node.gossip_endpoint().expect("bound");
    assert!(bound.starts_with("tcp://127.0.0.1:") && !bound.ends_with(":*"));
}

/// As Zyre's hub does: when a peer leaves, the node that binds gossip
/// withdraws its tuple (CZMQ's UNPUBLISH), so a node that connects later is
/// not sent the endpoint of a node that is gone.
#[test]
fn the_hub_withdraws_a_departed_peers_tuple() {
    let (hub, at) = hub();
    let alice = gossiping("alice", &at);
    let alice_id = alice.uuid();
    enter(&hub, &alice);
    drop(alice); // GOODBYE: the hub drops alice at once
    wait_for(
        &hub,
        "EXIT",
        |e| matches!(e, Event::Exit { peer, .. } if *peer == alice_id),
    );

    let probe = gossip::Gossip::new("probe").expect("gossip");
    probe.connect(&at).expect("connect");
    let hub_tuple = gossip::Delivery::Tuple {
        key: hub.uuid().to_string().into_bytes(),
        value: hub.endpoint().expect("endpoint").as_bytes().to_vec(),
    };
    // The hub's snapshot: its own tuple, and nothing of alice's.
    let first = probe.recv_delivery(PATIENCE).expect("delivery");
    assert_eq!(first, Some(hub_tuple));
    let keys: Vec<Vec<u8>> = probe
        .tuples()
        .expect("tuples")
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(keys, [hub.uuid().to_string().into_bytes()]);
}
