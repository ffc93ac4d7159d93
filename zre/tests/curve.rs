//! CURVE security, as Zyre 2.0.1's draft API has it: nodes with
//! certificates find each other by a static endpoint with a key, by gossip
//! through a CURVE hub, and by the 54-byte secure beacon, and exchange
//! WHISPER and SHOUT over CURVE; a node without the right key (plain, or
//! with a wrong server key) never gets through, and secure and plain
//! beacons do not mix.

#[path = "common/events.rs"]
mod events;
#[allow(dead_code)]
#[path = "../../tests/support/ports.rs"]
mod ports;

#[path = "common/loopback.rs"]
mod loopback;

use std::time::{Duration, Instant};

use czmq::Cert;
use events::{enter, wait_for};
use loopback::lo;
use zre::{Event, Node, PeerId};

/// How long the tests that expect nothing to happen watch for it, after
/// a good peer, who started later, has already got through.
const QUIET: Duration = Duration::from_millis(700);

fn secure(name: &str) -> (Node, Cert) {
    let cert = Cert::new().expect("cert");
    let mut node = Node::new(name).expect("node");
    node.set_cert(&cert).expect("set cert");
    (node, cert)
}

/// `from` and `to` see each other's group, then trade a WHISPER and a
/// SHOUT each way.
fn talk(from: &mut Node, to: &mut Node) {
    joins(from, to);
    joins(to, from);
    one_way(from, to);
    one_way(to, from);
}

/// `a` joins SECRET, and `b` hears of it.
fn joins(a: &mut Node, b: &Node) {
    a.join("SECRET").expect("join");
    wait_for(b, "JOIN", |e| match e {
        Event::Join { peer, group, .. } if *peer == a.uuid() && group == "SECRET" => Some(()),
        _ => None,
    });
}

/// `a` whispers to `b`, then shouts to SECRET, and `b` hears both.
fn one_way(a: &mut Node, b: &Node) {
    let whisper = format!("psst from {}", a.name()).into_bytes();
    a.whisper(b.uuid(), [whisper.clone()]).expect("whisper");
    let heard = wait_for(b, "WHISPER", |e| match e {
        Event::Whisper { peer, content, .. } if *peer == a.uuid() => Some(content.clone()),
        _ => None,
    });
    assert_eq!(heard, [whisper]);
    let shout = format!("all hear {}", a.name()).into_bytes();
    a.shout("SECRET", [shout.clone()]).expect("shout");
    let heard = wait_for(b, "SHOUT", |e| match e {
        Event::Shout { peer, content, .. } if *peer == a.uuid() => Some(content.clone()),
        _ => None,
    });
    assert_eq!(heard, [shout]);
}

/// No ENTER from any of `strangers` at `node` for [`QUIET`].
fn no_enter_from(node: &Node, strangers: &[PeerId]) {
    let deadline = Instant::now() + QUIET;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match node.recv_event_timeout(left) {
            Ok(Event::Enter { peer, name, .. }) => {
                assert!(!strangers.contains(&peer), "{} let {name} in", node.name())
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
}

#[test]
fn static_peers_with_keys_whisper_and_shout_over_curve() {
    let (mut alice, alice_cert) = secure("alice");
    alice.start().expect("start");
    let (mut bob, bob_cert) = secure("bob");
    bob.connect_curve(alice.endpoint().expect("endpoint"), alice_cert.public_txt())
        .expect("connect");
    bob.start().expect("start");
    enter(&alice, bob.uuid());
    enter(&bob, alice.uuid());
    // Each HELLO carried its sender's key, as Zyre's does.
    let header = |node: &mut Node, peer| node.peer_header(peer, "X-PUBLICKEY").expect("header");
    assert_eq!(
        header(&mut alice, bob.uuid()).as_deref(),
        Some(bob_cert.public_txt())
    );
    assert_eq!(
        header(&mut bob, alice.uuid()).as_deref(),
        Some(alice_cert.public_txt())
    );
    talk(&mut alice, &mut bob);
}

#[test]
fn nodes_without_the_right_key_do_not_get_through() {
    let (mut alice, alice_cert) = secure("alice");
    alice.start().expect("start");
    let endpoint = alice.endpoint().expect("endpoint").to_string();
    // mallory speaks plain text to alice's CURVE server.
    let mut mallory = Node::new("mallory").expect("node");
    mallory.connect(&endpoint).expect("connect");
    mallory.start().expect("start");
    // eve has a certificate, but takes someone else's key for alice's.
    let (mut eve, _) = secure("eve");
    let wrong = Cert::new().expect("cert");
    eve.connect_curve(&endpoint, wrong.public_txt())
        .expect("connect");
    eve.start().expect("start");
    // bob, started last, knows alice's key and gets through.
    let (mut bob, _) = secure("bob");
    bob.connect_curve(&endpoint, alice_cert.public_txt())
        .expect("connect");
    bob.start().expect("start");
    enter(&alice, bob.uuid());
    no_enter_from(&alice, &[mallory.uuid(), eve.uuid()]);
    assert_eq!(alice.peers().expect("peers"), [bob.uuid()]);
    for stranger in [&mallory, &eve] {
        no_enter_from(stranger, &[alice.uuid()]);
    }
    assert!(mallory.peers().expect("peers").is_empty());
    assert!(eve.peers().expect("peers").is_empty());
    // A secure node says nothing to a static peer given without a key.
    let (mut carol, _) = secure("carol");
    carol.connect(&endpoint).expect("connect");
    carol.start().expect("start");
    no_enter_from(&alice, &[carol.uuid()]);
}

#[test]
fn curve_nodes_find_each_other_through_a_curve_gossip_hub() {
    let (mut hub, hub_cert) = secure("hub");
    hub.gossip_bind("tcp://127.0.0.1:*").expect("bind");
    hub.start().expect("start");
    let gossip = hub.gossip_endpoint().expect("gossip endpoint").to_string();
    let mut nodes: Vec<Node> = ["alice", "bob"]
        .into_iter()
        .map(|name| {
            let (mut node, _) = secure(name);
            node.gossip_connect_curve(&gossip, hub_cert.public_txt())
                .expect("gossip");
            node.start().expect("start");
            node
        })
        .collect();
    let (alice, bob) = nodes.split_at_mut(1);
    let (alice, bob) = (&mut alice[0], &mut bob[0]);
    enter(alice, bob.uuid());
    enter(bob, alice.uuid());
    enter(&hub, alice.uuid());
    talk(alice, bob);
}

#[test]
fn zyre_pipe_commands_set_the_keys_and_the_gossip_server_key() {
    let (mut hub, hub_cert) = secure("hub");
    hub.gossip_bind("tcp://127.0.0.1:*").expect("bind");
    hub.start().expect("start");
    // Frames exactly as zyre.c sends them (zyre_set_zcert,
    // zyre_set_zap_domain, zyre_gossip_connect_curve).
    let (actor, events) = zre::node_actor().expect("actor");
    let cert = Cert::new().expect("cert");
    let pipe = actor.sock();
    pipe.send_strs(&["SET NAME", "raw"]).expect("send");
    pipe.send_strs(&["SET PUBLICKEY", cert.public_txt()])
        .expect("send");
    pipe.send_strs(&["SET SECRETKEY", cert.secret_txt()])
        .expect("send");
    pipe.send_strs(&["ZAP DOMAIN", "global"]).expect("send");
    let gossip = hub.gossip_endpoint().expect("gossip endpoint").to_string();
    pipe.send_strs(&["GOSSIP CONNECT", &gossip, hub_cert.public_txt()])
        .expect("send");
    pipe.send_strs(&["START"]).expect("send");
    assert_eq!(pipe.wait().expect("signal"), 0);
    pipe.send_strs(&["UUID"]).expect("send");
    let uuid: PeerId = pipe.recv_strs().expect("uuid")[0].parse().expect("uuid");
    enter(&hub, uuid);
    let frames = events.recv_strs().expect("event");
    assert_eq!(frames[..3], ["ENTER", &hub.uuid().to_string(), "hub"]);
}

fn beaconing(mut node: Node, udp_port: u16) -> Node {
    node.set_beacon(lo(), udp_port).expect("set");
    node.set_beacon_interval(Duration::from_millis(100))
        .expect("set");
    node.start().expect("start");
    node
}

#[test]
fn curve_nodes_find_each_other_by_the_secure_beacon_and_ignore_plain_ones() {
    let udp = ports::lease_port();
    let mut alice = beaconing(secure("alice").0, udp);
    let mut bob = beaconing(secure("bob").0, udp);
    let plain = beaconing(Node::new("plain").expect("node"), udp);
    enter(&alice, bob.uuid());
    enter(&bob, alice.uuid());
    talk(&mut alice, &mut bob);
    no_enter_from(&alice, &[plain.uuid()]);
    no_enter_from(&plain, &[alice.uuid(), bob.uuid()]);
}

#[test]
fn keys_come_before_the_bind() {
    // After set_endpoint bound the ROUTER plain: start refuses (Zyre asserts).
    let mut node = Node::new("late").expect("node");
    node.set_endpoint("tcp://127.0.0.1:*").expect("bind");
    node.set_cert(&Cert::new().expect("cert"))
        .expect("set cert");
    assert!(matches!(node.start(), Err(zre::NodeError::CertAfterBind)));
    // Before: fine.
    let (mut node, _) = secure("early");
    node.set_endpoint("tcp://127.0.0.1:*").expect("bind");
    node.start().expect("start");
}
