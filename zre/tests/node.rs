//! Our nodes with each other over tcp loopback and inproc, found by static
//! endpoints: ENTER, JOIN, SHOUT, WHISPER, LEAVE, EXIT; and a hand-driven
//! peer that breaks its sequence, sends garbage, or goes silent.

use std::time::{Duration, Instant};

use czmq::{Sock, SocketType};
use zre::msg::{Body, Hello, ZreMsg};
use zre::{Event, Node, PeerId};

#[path = "common/events.rs"]
mod events;

use events::{wait_for_kept as wait_for, PATIENCE};

fn started(name: &str, endpoint: Option<&str>) -> Node {
    let mut node = Node::new(name).expect("node");
    if let Some(endpoint) = endpoint {
        node.set_endpoint(endpoint).expect("set");
    }
    node.start().expect("start");
    node
}

fn enter_of(node: &Node, peer: PeerId) -> String {
    wait_for(node, "ENTER", |e| match e {
        Event::Enter { peer: p, name, .. } if *p == peer => Some(name.clone()),
        _ => None,
    })
}

fn join_of(node: &Node, peer: PeerId, group: &str) {
    wait_for(node, "JOIN", |e| match e {
        Event::Join {
            peer: p, group: g, ..
        } if *p == peer && g == group => Some(()),
        _ => None,
    })
}

#[test]
fn two_nodes_meet_chat_and_part_over_tcp() {
    let mut alice = Node::new("alice").expect("node");
    alice.set_header("X-ROLE", "host").expect("set");
    alice.start().expect("start");
    alice.join("CHAT").expect("join");
    let mut bob = started("bob", None);
    bob.join("CHAT").expect("join");
    bob.connect(alice.endpoint().expect("endpoint"))
        .expect("connect");

    assert_eq!(enter_of(&alice, bob.uuid()), "bob");
    join_of(&alice, bob.uuid(), "CHAT");
    let (name, headers) = wait_for(&bob, "ENTER", |e| match e {
        Event::Enter {
            peer,
            name,
            headers,
            ..
        } if *peer == alice.uuid() => Some((name.clone(), headers.clone())),
        _ => None,
    });
    assert_eq!(
        (name.as_str(), headers),
        ("alice", vec![("X-ROLE".into(), "host".into())])
    );
    join_of(&bob, alice.uuid(), "CHAT");

    assert_eq!(alice.peers().expect("peers"), [bob.uuid()]);
    assert_eq!(alice.peer_groups().expect("groups"), ["CHAT"]);
    assert_eq!(alice.peers_by_group("CHAT").expect("members"), [bob.uuid()]);
    assert_eq!(
        alice.peer_name(bob.uuid()).expect("name").as_deref(),
        Some("bob")
    );

    alice
        .shout("CHAT", [b"hello".to_vec(), b"all".to_vec()])
        .expect("shout");
    let shout = wait_for(&bob, "SHOUT", |e| match e {
        Event::Shout {
            group,
            content,
            name,
            ..
        } => Some((group.clone(), content.clone(), name.clone())),
        _ => None,
    });
    assert_eq!(
        shout,
        (
            "CHAT".into(),
            vec![b"hello".to_vec(), b"all".to_vec()],
            "alice".into()
        )
    );

    bob.whisper(alice.uuid(), [b"psst".to_vec()])
        .expect("whisper");
    let whisper = wait_for(&alice, "WHISPER", |e| match e {
        Event::Whisper { peer, content, .. } => Some((*peer, content.clone())),
        _ => None,
    });
    assert_eq!(whisper, (bob.uuid(), vec![b"psst".to_vec()]));

    bob.leave("CHAT").expect("leave");
    wait_for(&alice, "LEAVE", |e| match e {
        Event::Leave { peer, group, .. } if *peer == bob.uuid() && group == "CHAT" => Some(()),
        _ => None,
    });
    assert!(alice.peers_by_group("CHAT").expect("members").is_empty());

    // GOODBYE: alice drops bob at once, not after the 30 s expiry.
    let bob_id = bob.uuid();
    let asked = Instant::now();
    bob.stop().expect("stop");
    wait_for(&alice, "EXIT", |e| {
        matches!(e, Event::Exit { peer, .. } if *peer == bob_id).then_some(())
    });
    assert!(asked.elapsed() < Duration::from_secs(5));
    assert!(alice.peers().expect("peers").is_empty());
}

#[test]
fn three_nodes_shout_to_their_group_over_inproc() {
    let a = started("a", Some("inproc://zre-three-a"));
    let mut b = started("b", Some("inproc://zre-three-b"));
    let mut c = started("c", Some("inproc://zre-three-c"));
    b.connect("inproc://zre-three-a").expect("connect");
    c.connect("inproc://zre-three-a").expect("connect");
    c.connect("inproc://zre-three-b").expect("connect");
    for (node, others) in [
        (&a, [b.uuid(), c.uuid()]),
        (&b, [a.uuid(), c.uuid()]),
        (&c, [a.uuid(), b.uuid()]),
    ] {
        for peer in others {
            enter_of(node, peer);
        }
    }
    b.join("G").expect("join");
    c.join("G").expect("join");
    join_of(&a, b.uuid(), "G");
    join_of(&a, c.uuid(), "G");
    join_of(&b, c.uuid(), "G");

    let mut a = a;
    a.shout("G", [b"to the group".to_vec()]).expect("shout");
    for node in [&b, &c] {
        let content = wait_for(node, "SHOUT", |e| match e {
            Event::Shout { peer, content, .. } if *peer == a.uuid() => Some(content.clone()),
            _ => None,
        });
        assert_eq!(content, [b"to the group".to_vec()]);
    }
    let mut members = a.peers_by_group("G").expect("members");
    members.sort();
    let mut expected = vec![b.uuid(), c.uuid()];
    expected.sort();
    assert_eq!(members, expected);

    c.whisper(b.uuid(), [b"c to b".to_vec()]).expect("whisper");
    let from = wait_for(&b, "WHISPER", |e| match e {
        Event::Whisper { peer, .. } => Some(*peer),
        _ => None,
    });
    assert_eq!(from, c.uuid());

    let c_id = c.uuid();
    drop(c);
    let c_gone = |node: &Node, id: PeerId| {
        wait_for(node, "EXIT", |e| {
            matches!(e, Event::Exit { peer, .. } if *peer == id).then_some(())
        })
    };
    c_gone(&a, c_id);
    c_gone(&b, c_id);
}

/// A peer driven by hand: its own ROUTER (for the node to connect back to)
/// and a DEALER with a ZRE routing id connected to the node.
struct RawPeer {
    id: PeerId,
    _inbox: Sock,
    endpoint: String,
    dealer: Sock,
}

impl RawPeer {
    fn new(node: &Node) -> RawPeer {
        let id = PeerId::random();
        let mut inbox = Sock::new(SocketType::Router).expect("router");
        inbox.bind("tcp://127.0.0.1:*").expect("bind");
        let endpoint = inbox.endpoint().expect("endpoint").to_string();
        let dealer = Sock::new(SocketType::Dealer).expect("dealer");
        dealer
            .as_socket()
            .set_routing_id(&id.routing_id())
            .expect("identity");
        dealer
            .connect(node.endpoint().expect("endpoint"))
            .expect("connect");
        RawPeer {
            id,
            _inbox: inbox,
            endpoint,
            dealer,
        }
    }

    fn send(&self, sequence: u16, body: Body) {
        let frames = ZreMsg::new(sequence, body).encode().expect("encode");
        self.dealer.send_parts(&frames).expect("send");
    }

    fn hello(&self) {
        let hello = Hello {
            endpoint: self.endpoint.clone(),
            name: "raw".into(),
            ..Hello::default()
        };
        self.send(1, Body::Hello(hello));
    }
}

#[test]
fn a_sequence_gap_drops_the_peer_and_garbage_is_ignored() {
    let mut node = started("node", None);
    let raw = RawPeer::new(&node);

    // Garbage, a wrong routing-id form and a non-HELLO first message: ignored.
    raw.dealer
        .send_parts(&[b"not zre".as_slice()])
        .expect("send");
    raw.send(1, Body::Ping);
    let stranger = Sock::new(SocketType::Dealer).expect("dealer");
    stranger
        .connect(node.endpoint().expect("endpoint"))
        .expect("connect");
    stranger
        .send_parts(&ZreMsg::new(1, Body::Ping).encode().expect("encode"))
        .expect("send");

    raw.hello();
    assert_eq!(enter_of(&node, raw.id), "raw");
    raw.send(
        2,
        Body::Join {
            group: "G".into(),
            status: 1,
        },
    );
    join_of(&node, raw.id, "G");
    raw.send(
        4,
        Body::Shout {
            group: "G".into(),
            content: vec![b"after a gap".to_vec()],
        },
    );
    let event = wait_for(&node, "EXIT or SHOUT", |e| match e {
        Event::Exit { peer, .. } if *peer == raw.id => Some("EXIT"),
        Event::Shout { .. } => Some("SHOUT"),
        _ => None,
    });
    assert_eq!(event, "EXIT");
    assert!(node.peers().expect("peers").is_empty());

    // The node still serves others.
    let mut friend = started("friend", None);
    friend
        .connect(node.endpoint().expect("endpoint"))
        .expect("connect");
    assert_eq!(enter_of(&node, friend.uuid()), "friend");
    enter_of(&friend, node.uuid());
    friend
        .whisper(node.uuid(), [b"still there?".to_vec()])
        .expect("whisper");
    wait_for(&node, "WHISPER", |e| {
        matches!(e, Event::Whisper { .. }).then_some(())
    });
}

#[test]
fn a_silent_peer_is_evasive_then_silent_then_expired() -> Result<(), zre::NodeError> {
    let mut node = Node::new("node")?;
    node.set_evasive_timeout(Duration::from_millis(200))?;
    node.set_reap_interval(Duration::from_millis(100))?;
    node.set_expired_timeout(Duration::from_millis(1500))?;
    node.start()?;
    let raw = RawPeer::new(&node);
    raw.hello();
    enter_of(&node, raw.id);
    let entered = Instant::now();

    // The raw peer never answers PING.
    let mut order = Vec::new();
    for kind in ["EVASIVE", "SILENT", "EXIT"] {
        wait_for(&node, kind, |e| {
            (e.peer() == raw.id && e.kind() == kind).then_some(())
        });
        order.push(kind);
    }
    assert_eq!(order, ["EVASIVE", "SILENT", "EXIT"]);
    assert!(
        entered.elapsed() >= Duration::from_millis(1400),
        "expired early: {:?}",
        entered.elapsed()
    );
    assert!(node.peers().expect("peers").is_empty());
    Ok(())
}

#[test]
fn a_peer_that_answers_ping_stays() {
    let mut alice = Node::new("alice").expect("node");
    alice
        .set_evasive_timeout(Duration::from_millis(100))
        .expect("set");
    alice
        .set_reap_interval(Duration::from_millis(50))
        .expect("set");
    alice
        .set_expired_timeout(Duration::from_millis(600))
        .expect("set");
    alice.start().expect("start");
    let bob = started("bob", None);
    let mut bob = bob;
    bob.connect(alice.endpoint().expect("endpoint"))
        .expect("connect");
    enter_of(&alice, bob.uuid());
    // bob answers alice's PINGs with PING-OK, so it is EVASIVE now and
    // then but never expires: still a peer well past the expired timeout.
    wait_for(&alice, "EVASIVE", |e| {
        matches!(e, Event::Evasive { .. }).then_some(())
    });
    let until = Instant::now() + Duration::from_millis(1500);
    while let Some(left) = until.checked_duration_since(Instant::now()) {
        if let Ok(event) = alice.recv_event_timeout(left) {
            assert!(
                !matches!(event, Event::Exit { .. }),
                "bob expired although it answers PING"
            );
        }
    }
    assert_eq!(alice.peers().expect("peers"), [bob.uuid()]);
    bob.stop().expect("stop");
}

/// A group joined after we said HELLO to a static peer but before it
/// answered: the HELLO listed no groups, so the JOIN must follow on the same
/// link (numbered 2), or that peer never learns of the group.
#[test]
fn a_join_reaches_a_peer_that_has_not_answered_our_hello() {
    let mut listener = Sock::new(SocketType::Router).expect("router");
    listener.bind("tcp://127.0.0.1:*").expect("bind");
    listener
        .as_socket()
        .set_rcvtimeo(Some(PATIENCE))
        .expect("timeout");
    let mut node = Node::new("node").expect("node");
    node.add_static_peer(listener.endpoint().expect("endpoint"))
        .expect("list");
    node.start().expect("start");
    let next = |what: &str| {
        let frames = listener
            .recv_parts()
            .unwrap_or_else(|e| panic!("no {what} within {PATIENCE:?}: {e}"));
        let data: Vec<&[u8]> = frames[1..].iter().map(|f| f.data()).collect();
        ZreMsg::decode(&data).expect("decode")
    };
    let hello = next("HELLO");
    assert!(matches!(&hello.body, Body::Hello(h) if h.groups.is_empty()));
    node.join("LATE").expect("join");
    let join = next("JOIN");
    assert_eq!(join.sequence, 2);
    assert!(matches!(&join.body, Body::Join { group, status: 1 } if group == "LATE"));
}
