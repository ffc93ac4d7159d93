//! Hostile input to a node, on loopback: malformed ZRE frames from a raw
//! DEALER, HELLOs and messages with bad sequence numbers, spoofed UDP
//! beacons, and peers that connect but never say HELLO. In every case a
//! well-behaved peer that met the node before the attack is still served
//! after it (a WHISPER each way), and the attacker leaves no peer behind.
//!
//! Each attack ends with a probe on the same connection or socket (a valid
//! HELLO, a valid beacon) whose effect is an event, so the test knows the
//! node has read the hostile input before it checks: no sleeps.

#[allow(dead_code)]
#[path = "../../tests/support/ports.rs"]
mod ports;

#[path = "common/loopback.rs"]
mod loopback;

use std::io::Write;
use std::net::{Ipv4Addr, TcpStream, UdpSocket};
use std::rc::Rc;
use std::time::{Duration, Instant};

use czmq::{Sock, SocketType};
use loopback::lo;
use zre::msg::{Body, Hello, ZreMsg};
use zre::{Event, Node, PeerId};

/// Generous: the CI machine is a loaded 2-core box.
const PATIENCE: Duration = Duration::from_secs(20);

/// Waits for the first event `pick` accepts; every event seen on the way
/// is returned too, for checks of what must not have happened.
fn wait_for<T>(
    node: &Node,
    what: &str,
    mut pick: impl FnMut(&Event) -> Option<T>,
) -> (T, Vec<Event>) {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match node.recv_event_timeout(left) {
            Ok(event) => match pick(&event) {
                Some(found) => return (found, seen),
                None => seen.push(event),
            },
            Err(_) => break,
        }
    }
    let kinds: Vec<&str> = seen.iter().map(Event::kind).collect();
    panic!(
        "{}: no {what} within {PATIENCE:?} (saw {kinds:?})",
        node.name()
    );
}

fn enter_of(node: &Node, peer: PeerId) -> Vec<Event> {
    wait_for(node, "ENTER", |e| match e {
        Event::Enter { peer: p, .. } if *p == peer => Some(()),
        _ => None,
    })
    .1
}

/// A node on loopback (port chosen by the kernel) and a good peer that has
/// met it over tcp.
fn node_and_good_peer(mut node: Node) -> (Node, Node) {
    node.start().expect("start");
    let mut good = Node::new("good").expect("node");
    good.add_static_peer(node.endpoint().expect("endpoint"))
        .expect("static peer");
    good.start().expect("start");
    enter_of(&node, good.uuid());
    enter_of(&good, node.uuid());
    (node, good)
}

/// The node and its good peer still talk: a WHISPER each way.
fn still_serves(node: &mut Node, good: &mut Node, round: &str) {
    let text = format!("still there? ({round})").into_bytes();
    good.whisper(node.uuid(), [text.clone()]).expect("whisper");
    let from_good = |e: &Event| match e {
        Event::Whisper { content, .. } if content == std::slice::from_ref(&text) => Some(()),
        _ => None,
    };
    wait_for(node, "the good peer's WHISPER", from_good);
    node.whisper(good.uuid(), [text.clone()]).expect("whisper");
    wait_for(good, "the node's WHISPER", from_good);
    assert!(node.peers().expect("peers").contains(&good.uuid()));
}

/// A peer driven by hand: a DEALER with a ZRE routing id (0x01 + UUID)
/// connected to the node, and a ROUTER for the node to connect back to.
struct RawPeer {
    id: PeerId,
    endpoint: String,
    dealer: Sock,
    _inbox: Rc<Sock>,
}

impl RawPeer {
    fn new(node: &Node) -> RawPeer {
        let id = PeerId::random();
        RawPeer::with_routing_id(node, id, &id.routing_id())
    }

    fn with_routing_id(node: &Node, id: PeerId, routing_id: &[u8]) -> RawPeer {
        let mut inbox = Sock::new(SocketType::Router).expect("router");
        inbox.bind("tcp://127.0.0.1:*").expect("bind");
        let endpoint = inbox.endpoint().expect("endpoint").to_string();
        RawPeer {
            id,
            endpoint,
            dealer: RawPeer::dealer_to(node, routing_id),
            _inbox: Rc::new(inbox),
        }
    }

    /// The same peer (routing id, endpoint) on a new link to the node, as
    /// when its DEALER was made anew.
    fn relinked(&self, node: &Node) -> RawPeer {
        RawPeer {
            id: self.id,
            endpoint: self.endpoint.clone(),
            dealer: RawPeer::dealer_to(node, &self.id.routing_id()),
            _inbox: Rc::clone(&self._inbox),
        }
    }

    fn dealer_to(node: &Node, routing_id: &[u8]) -> Sock {
        let dealer = Sock::new(SocketType::Dealer).expect("dealer");
        // Empty: libzmq's own routing id (5 bytes, starting 0x00).
        if !routing_id.is_empty() {
            dealer
                .as_socket()
                .set_routing_id(routing_id)
                .expect("routing id");
        }
        dealer
            .as_socket()
            .set_sndtimeo(Some(PATIENCE))
            .expect("send timeout");
        dealer
            .connect(node.endpoint().expect("endpoint"))
            .expect("connect");
        dealer
    }

    fn send_raw(&self, frames: &[Vec<u8>]) {
        self.dealer.send_parts(frames).expect("send");
    }

    fn send(&self, sequence: u16, body: Body) {
        self.send_raw(&ZreMsg::new(sequence, body).encode().expect("encode"));
    }

    fn hello(&self, sequence: u16) {
        let hello = Hello {
            endpoint: self.endpoint.clone(),
            name: "raw".into(),
            ..Hello::default()
        };
        self.send(sequence, Body::Hello(hello));
    }
}

/// A ZRE header: signature, message id, version 2, sequence.
fn header(id: u8, sequence: u16) -> Vec<u8> {
    let mut bytes = vec![0xaa, 0xa1, id, 2];
    bytes.extend_from_slice(&sequence.to_be_bytes());
    bytes
}

fn with(mut head: Vec<u8>, tail: &[u8]) -> Vec<u8> {
    head.extend_from_slice(tail);
    head
}

/// Malformed messages, each one multipart message.
fn malformed() -> Vec<Vec<Vec<u8>>> {
    let hello = 1;
    let join = 4;
    let mut cases = vec![
        vec![Vec::new()],
        vec![vec![0xaa]],
        vec![vec![0xaa, 0xa2, 1, 2, 0, 1]],
        vec![header(99, 1)],
        vec![vec![0xaa, 0xa1, hello, 1, 0, 1]],
        vec![header(hello, 1)],
        // An endpoint string longer than the frame.
        vec![with(header(hello, 1), &[0xff, b'x'])],
        // A group count of 4 billion in a few bytes.
        vec![with(header(hello, 1), &[1, b'x', 0xff, 0xff, 0xff, 0xff])],
        // A name that is not UTF-8.
        vec![with(
            header(hello, 1),
            &[1, b'x', 0, 0, 0, 0, 0, 2, 0xc3, 0x28, 0, 0, 0, 0],
        )],
        // A JOIN with trailing bytes, and one with stray frames.
        vec![with(header(join, 1), &[1, b'G', 1, 0xde, 0xad])],
        vec![with(header(join, 1), &[1, b'G', 1]), b"stray".to_vec()],
        vec![vec![0xaa; 64 * 1024]],
        (0..5).map(|i| vec![i; 7]).collect(),
    ];
    // Deterministic noise: xorshift, half of it behind a valid signature.
    let mut state: u32 = 0x9e37_79b9;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    for i in 0..200 {
        let len = (next() % 64) as usize;
        let mut bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        if i % 2 == 0 {
            bytes.splice(0..0, [0xaa, 0xa1, (next() % 10) as u8, 2]);
        }
        cases.push(vec![bytes]);
    }
    cases
}

#[test]
fn malformed_frames_are_dropped_and_the_node_serves_on() {
    let (mut node, mut good) = node_and_good_peer(Node::new("node").expect("node"));

    // From a ZRE routing id, before and after its HELLO.
    let raw = RawPeer::new(&node);
    for frames in malformed() {
        raw.send_raw(&frames);
    }
    raw.hello(1);
    let before_enter = enter_of(&node, raw.id);
    assert!(
        before_enter.iter().all(|e| e.peer() != raw.id),
        "{before_enter:?}"
    );
    for frames in malformed() {
        raw.send_raw(&frames);
    }
    still_serves(&mut node, &mut good, "after garbage from a ZRE id");

    // From routing ids that are not 0x01 + UUID: libzmq's own (5 bytes,
    // starting 0x00), and 17 bytes that start wrong.
    let stranger = RawPeer::with_routing_id(&node, PeerId::random(), b"");
    let mut bad_id = PeerId::random().routing_id();
    bad_id[0] = 0x02;
    let impostor = RawPeer::with_routing_id(&node, PeerId::random(), &bad_id);
    for peer in [&stranger, &impostor] {
        for frames in malformed().into_iter().take(20) {
            peer.send_raw(&frames);
        }
        peer.hello(1);
    }
    still_serves(&mut node, &mut good, "after garbage from bad routing ids");
    let peers = node.peers().expect("peers");
    assert!(
        peers.iter().all(|p| *p == good.uuid() || *p == raw.id),
        "{peers:?}"
    );
}

#[test]
fn bad_sequence_numbers_drop_the_sender_only() {
    let (mut node, mut good) = node_and_good_peer(Node::new("node").expect("node"));
    let raw = RawPeer::new(&node);

    // A HELLO numbered 2: not a HELLO the node accepts. The valid one that
    // follows on the same link is the probe.
    raw.hello(2);
    raw.hello(1);
    let seen = enter_of(&node, raw.id);
    assert!(seen.iter().all(|e| e.peer() != raw.id), "{seen:?}");

    // In sequence, then a gap: the sender is dropped (EXIT), nothing it
    // sent after the gap is delivered.
    raw.send(
        2,
        Body::Whisper {
            content: vec![b"two".to_vec()],
        },
    );
    raw.send(
        4,
        Body::Whisper {
            content: vec![b"four".to_vec()],
        },
    );
    let (delivered, _) = wait_for(&node, "EXIT of the raw peer", |e| match e {
        Event::Whisper { peer, content, .. } if *peer == raw.id => Some(Some(content.clone())),
        Event::Exit { peer, .. } if *peer == raw.id => Some(None),
        _ => None,
    });
    assert_eq!(delivered, Some(vec![b"two".to_vec()]));
    let ((), seen) = wait_for(&node, "EXIT of the raw peer", |e| match e {
        Event::Exit { peer, .. } if *peer == raw.id => Some(()),
        _ => None,
    });
    assert!(
        !seen.iter().any(|e| matches!(e, Event::Whisper { .. })),
        "{seen:?}"
    );
    // Messages after the drop (no new HELLO) are ignored, and the same
    // sequence again from a new HELLO is a fresh peer.
    raw.send(
        5,
        Body::Whisper {
            content: vec![b"five".to_vec()],
        },
    );
    still_serves(&mut node, &mut good, "after a sequence gap");
    assert_eq!(node.peers().expect("peers"), [good.uuid()]);
    raw.hello(1);
    let seen = enter_of(&node, raw.id);
    assert!(
        !seen.iter().any(|e| matches!(e, Event::Whisper { .. })),
        "{seen:?}"
    );
}

#[test]
fn peers_that_never_say_hello_are_never_peers() {
    let (mut node, mut good) = node_and_good_peer(Node::new("node").expect("node"));
    let address = node
        .endpoint()
        .and_then(|e| e.strip_prefix("tcp://"))
        .expect("tcp endpoint")
        .to_string();

    // A ZMTP peer that connects and says nothing at all, kept connected.
    let mute = RawPeer::new(&node);
    // TCP connections that never speak ZMTP: one silent, one with noise.
    let _silent = TcpStream::connect(&address).expect("connect");
    let mut noisy = TcpStream::connect(&address).expect("connect");
    // One write: libzmq drops the connection as soon as it reads the
    // noise, and a second write could then fail (EPIPE).
    let mut noise = vec![0xff; 512];
    noise.extend_from_slice(b"GET / HTTP/1.0\r\n\r\n");
    noisy.write_all(&noise).expect("write");
    // A ZRE peer that talks before its HELLO: nothing it says counts, and
    // its late HELLO (the probe) makes it a peer with a clean slate.
    let chatty = RawPeer::new(&node);
    chatty.send(1, Body::Ping);
    chatty.send(
        1,
        Body::Whisper {
            content: vec![b"psst".to_vec()],
        },
    );
    chatty.send(
        2,
        Body::Join {
            group: "G".into(),
            status: 1,
        },
    );
    chatty.send(
        3,
        Body::Shout {
            group: "G".into(),
            content: vec![b"hey".to_vec()],
        },
    );
    chatty.send(4, Body::Goodbye);
    chatty.hello(1);
    let seen = enter_of(&node, chatty.id);
    assert!(seen.iter().all(|e| e.peer() != chatty.id), "{seen:?}");

    still_serves(&mut node, &mut good, "with silent connections open");
    let peers = node.peers().expect("peers");
    assert!(!peers.contains(&mute.id), "{peers:?}");
    assert!(node.peer_groups().expect("groups").is_empty());
    // The mute peer finally speaking proves its link was alive all along.
    mute.hello(1);
    enter_of(&node, mute.id);
}

#[test]
fn spoofed_beacons_are_ignored() {
    let udp = ports::lease_port();
    let mut node = Node::new("node").expect("node");
    node.set_beacon(lo(), udp).expect("set");
    node.set_beacon_interval(Duration::from_millis(100))
        .expect("set");
    let (mut node, mut good) = node_and_good_peer(node);

    let zyre = |uuid: PeerId, port: u16| zre::beacon::Beacon::zyre(*uuid.as_bytes(), port).encode();
    // Leased (no other test binds it) and never bound: refuses connections.
    let dead_port = ports::lease_port();
    let mut wrong_version = zyre(PeerId::random(), dead_port);
    wrong_version[3] = 2;
    let mut secure_version = zyre(PeerId::random(), dead_port);
    secure_version[3] = 3;
    secure_version.extend_from_slice(&[7; 32]);
    let mut bad_state = zyre(PeerId::random(), dead_port);
    bad_state.push(9);
    let mut wrong_magic = zyre(PeerId::random(), dead_port);
    wrong_magic[2] = b'F';
    let ghost = PeerId::random();
    let spoofs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"ZRE".to_vec(),
        zyre(PeerId::random(), dead_port)[..21].to_vec(),
        with(zyre(PeerId::random(), dead_port), &[1, 2]),
        vec![b'Z'; 1000],
        wrong_version,
        secure_version,
        bad_state,
        wrong_magic,
        // Our own UUID, and the good peer's at another port: no new link.
        zyre(node.uuid(), dead_port),
        zyre(good.uuid(), dead_port),
        // A well-formed beacon for a node that is not there.
        zyre(ghost, dead_port),
    ];
    let socket = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
    for spoof in &spoofs {
        socket
            .send_to(spoof, (Ipv4Addr::LOCALHOST, udp))
            .expect("send");
    }
    // The probe: a valid beacon, from the same socket, for a real node
    // without a beacon of its own; the node finds it only by this beacon.
    let mut late = Node::new("late").expect("node");
    late.start().expect("start");
    let late_port: u16 = late
        .endpoint()
        .and_then(|e| e.rsplit(':').next())
        .and_then(|p| p.parse().ok())
        .expect("port");
    socket
        .send_to(&zyre(late.uuid(), late_port), (Ipv4Addr::LOCALHOST, udp))
        .expect("send");
    let seen = enter_of(&node, late.uuid());
    assert!(
        seen.iter().all(|e| !matches!(e, Event::Exit { .. })),
        "{seen:?}"
    );
    enter_of(&late, node.uuid());

    still_serves(&mut node, &mut good, "after spoofed beacons");
    let mut peers = node.peers().expect("peers");
    peers.sort();
    let mut want = vec![good.uuid(), late.uuid()];
    want.sort();
    assert_eq!(peers, want);
    assert_eq!(
        node.peer_address(good.uuid()).expect("address").as_deref(),
        good.endpoint()
    );
}

#[test]
fn bogus_election_messages_change_nothing() {
    let mut node = Node::new("node").expect("node");
    node.set_contest_in_group("G").expect("contest");
    node.join("G").expect("join");
    let (mut node, mut good) = node_and_good_peer(node);
    // The good peer joins without contesting: the node is elected.
    good.join("G").expect("join");
    wait_for(&node, "LEADER", |e| match e {
        Event::Leader { peer, .. } if *peer == node.uuid() => Some(()),
        _ => None,
    });

    // A raw peer in G (it never answers the node's ELECT) sends ELECT and
    // LEADER naming no UUID, and for groups the node or it is not in.
    let raw = RawPeer::new(&node);
    let hello = Hello {
        endpoint: raw.endpoint.clone(),
        name: "raw".into(),
        groups: vec!["G".into()],
        ..Hello::default()
    };
    raw.send(1, Body::Hello(hello));
    let elect = |group: &str, challenger: &str| Body::Elect {
        group: group.into(),
        challenger_id: challenger.into(),
    };
    let leader = |group: &str, leader: &str| Body::Leader {
        group: group.into(),
        leader_id: leader.into(),
    };
    let stranger = PeerId::random().to_string();
    let bogus = [
        elect("G", "not a uuid"),
        leader("G", ""),
        elect("OTHER", &stranger),
        leader("OTHER", &stranger),
        leader("NOBODY", &stranger),
    ];
    let count = bogus.len() as u16;
    for (sequence, body) in (2..).zip(bogus) {
        raw.send(sequence, body);
    }
    // The probe: a JOIN on the same link, read after all of the above.
    raw.send(
        2 + count,
        Body::Join {
            group: "PROBE".into(),
            status: 2,
        },
    );
    let ((), seen) = wait_for(&node, "the raw peer's JOIN", |e| match e {
        Event::Join { peer, group, .. } if *peer == raw.id && group == "PROBE" => Some(()),
        _ => None,
    });
    let leaders: Vec<&Event> = seen
        .iter()
        .filter(|e| matches!(e, Event::Leader { .. }))
        .collect();
    assert!(leaders.is_empty(), "{leaders:?}");
    assert!(node.peers().expect("peers").contains(&raw.id));
    still_serves(&mut node, &mut good, "after bogus elections");
}

#[test]
fn a_hello_that_answers_our_second_greeting_is_not_another_restart() {
    let (mut node, mut good) = node_and_good_peer(Node::new("node").expect("node"));
    let first = RawPeer::new(&node);
    first.hello(1);
    enter_of(&node, first.id);
    let exit_or_enter = |e: &Event| matches!(e, Event::Exit { peer, .. } | Event::Enter { peer, .. } if *peer == first.id);

    // The same peer says HELLO on a new link: a restart, to the node (as
    // to Zyre), which says EXIT, ENTER, and greets it anew.
    let second = first.relinked(&node);
    second.hello(1);
    wait_for(&node, "EXIT of the raw peer", |e| {
        matches!(e, Event::Exit { peer, .. } if *peer == first.id).then_some(())
    });
    enter_of(&node, first.id);

    // The peer takes that greeting for a restart of the node's and greets
    // back from the same endpoint on yet another link: the answer, not
    // news. Before, the node greeted again, and two nodes doing this kept
    // each other busy without end (thousands of EXIT/ENTER a second).
    let third = first.relinked(&node);
    third.hello(1);
    third.send(
        2,
        Body::Whisper {
            content: vec![b"numbered from the new HELLO".to_vec()],
        },
    );
    let (content, seen) = wait_for(&node, "WHISPER of the raw peer", |e| match e {
        Event::Whisper { peer, content, .. } if *peer == first.id => Some(content.clone()),
        _ => None,
    });
    assert_eq!(content, [b"numbered from the new HELLO".to_vec()]);
    let churn: Vec<&str> = seen
        .iter()
        .filter(|e| exit_or_enter(e))
        .map(Event::kind)
        .collect();
    assert!(churn.is_empty(), "{churn:?}");
    assert!(node.peers().expect("peers").contains(&first.id));

    // Answered once: a HELLO after that is a restart again.
    let fourth = first.relinked(&node);
    fourth.hello(1);
    wait_for(&node, "EXIT of the raw peer", |e| {
        matches!(e, Event::Exit { peer, .. } if *peer == first.id).then_some(())
    });
    enter_of(&node, first.id);
    still_serves(&mut node, &mut good, "after repeated HELLOs");
}
