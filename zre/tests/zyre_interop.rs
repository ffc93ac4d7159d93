//! Our node and a real Zyre 2.0.1 node (built from its release source
//! against Debian's CZMQ, in the target directory) find each other by
//! static endpoint over tcp loopback and exchange ENTER, JOIN, WHISPER and
//! SHOUT; our node sees Zyre's EXIT when it has gone quiet past the expired
//! timeout (Zyre 2.0.1 says nothing to its peers when it stops). And they
//! find each other by gossip (ZGP: Zyre's `zyre_gossip_bind/connect`, our
//! `Node::gossip_bind/connect`), each side the hub in turn. With CURVE
//! (Zyre built with its draft API, `zyre_set_zcert`): by static endpoint
//! and key, by Zyre's `zyre_require_peer`, and by Zyre's gossip hub (whose
//! tuples carry the keys; the ZGP link itself is plain, as Debian's CZMQ
//! is a stable build), while a plain node never gets through. And leader
//! election (Zyre's draft `zyre_set_contest_in_group`): both agree.
//!
//! Needs cc, pkg-config and Debian's libczmq-dev (.ci/run installs them):
//! `cargo test -p zre --test zyre_interop -- --ignored`.

#[path = "common/events.rs"]
mod events;
#[allow(dead_code)]
#[path = "../../tests/support/ports.rs"]
mod ports;
#[path = "common/zyre.rs"]
mod zyre_build;
// Only its Process (a child whose lines we wait for, killed on drop).
#[allow(dead_code)]
#[path = "common/netns.rs"]
mod netns;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use czmq::Cert;
use zre::{Event, Node, PeerId};

const PATIENCE: Duration = Duration::from_secs(15);

/// The Zyre node's stdout, line by line.
struct ZyrePeer {
    child: Child,
    lines: Receiver<String>,
}

impl ZyrePeer {
    fn spawn(binary: &Path, endpoint: &str, group: &str) -> ZyrePeer {
        let mut child = Command::new(binary)
            .args([endpoint, group])
            .stdout(Stdio::piped())
            .spawn()
            .expect("start zyre_peer");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        ZyrePeer { child, lines }
    }

    /// Waits for a line starting with `prefix`; returns it.
    fn expect_line(&self, prefix: &str, seen: &mut Vec<String>) -> String {
        let deadline = Instant::now() + PATIENCE;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with(prefix) => return line,
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!("Zyre printed no {prefix:?} within {PATIENCE:?}; it printed {seen:?}");
    }
}

impl Drop for ZyrePeer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
#[ignore = "interop: builds Zyre 2.0.1 against Debian's CZMQ (libczmq-dev, cc, pkg-config)"]
fn our_node_and_zyre_meet_and_exchange_whisper_and_shout() {
    let binary = zyre_build::build_zyre_peer();
    let endpoint = format!("tcp://127.0.0.1:{}", ports::lease_port());
    let zyre = ZyrePeer::spawn(&binary, &endpoint, "GLOBAL");
    let mut zyre_seen = Vec::new();
    let ready = zyre.expect_line("READY ", &mut zyre_seen);
    let zyre_id: PeerId = ready["READY ".len()..].parse().expect("Zyre's uuid");

    let mut node = Node::new("rust-node").expect("node");
    node.set_expired_timeout(Duration::from_secs(2))
        .expect("set");
    node.set_evasive_timeout(Duration::from_millis(500))
        .expect("set");
    node.set_reap_interval(Duration::from_millis(100))
        .expect("set");
    node.start().expect("start");
    node.join("GLOBAL").expect("join");
    node.connect(&endpoint).expect("connect");

    // Each side sees the other enter and join.
    let name = events::wait_for(&node, "ENTER", |e| match e {
        Event::Enter {
            peer,
            name,
            endpoint: at,
            ..
        } if *peer == zyre_id => {
            assert_eq!(at, &endpoint);
            Some(name.clone())
        }
        _ => None,
    });
    assert_eq!(name, "zyre-c");
    assert_eq!(
        zyre.expect_line("ENTER ", &mut zyre_seen),
        "ENTER rust-node"
    );
    assert_eq!(
        zyre.expect_line("JOIN ", &mut zyre_seen),
        "JOIN rust-node GLOBAL"
    );

    // Zyre whispers on ENTER and shouts on JOIN.
    let whisper = events::wait_for(&node, "WHISPER", |e| match e {
        Event::Whisper { peer, content, .. } if *peer == zyre_id => Some(content.clone()),
        _ => None,
    });
    assert_eq!(whisper, [b"hello from zyre".to_vec()]);
    let shout = events::wait_for(&node, "SHOUT", |e| match e {
        Event::Shout {
            peer,
            group,
            content,
            ..
        } if *peer == zyre_id => Some((group.clone(), content.clone())),
        _ => None,
    });
    assert_eq!(shout, ("GLOBAL".to_string(), vec![b"zyre shouts".to_vec()]));
    assert_eq!(node.peers_by_group("GLOBAL").expect("members"), [zyre_id]);

    node.whisper(zyre_id, [b"hello from rust".to_vec()])
        .expect("whisper");
    node.shout("GLOBAL", [b"rust shouts".to_vec()])
        .expect("shout");
    assert_eq!(
        zyre.expect_line("WHISPER ", &mut zyre_seen),
        "WHISPER rust-node hello from rust"
    );
    assert_eq!(
        zyre.expect_line("SHOUT ", &mut zyre_seen),
        "SHOUT rust-node GLOBAL rust shouts"
    );
    zyre.expect_line("DONE", &mut zyre_seen);

    // Zyre stopped. `--endpoint` (SET ENDPOINT) put it in gossip mode, where
    // zyre_node_stop says GOODBYE to every peer: our node drops it at once
    // (without the GOODBYE, the 2 s expired timeout would).
    events::wait_for(&node, "EXIT", |e| {
        matches!(e, Event::Exit { peer, .. } if *peer == zyre_id).then_some(())
    });
}

/// Zyre's interactive zyre_peer (`-i`, see zyre_peer.c) on loopback,
/// listening at `endpoint`, with `gossip` options; its READY uuid.
fn interactive_zyre(binary: &Path, endpoint: &str, gossip: &[&str]) -> (netns::Process, PeerId) {
    interactive_zyre_with(binary, &[], endpoint, gossip)
}

/// The same, with `first` options before the endpoint's.
fn interactive_zyre_with(
    binary: &Path,
    first: &[&str],
    endpoint: &str,
    gossip: &[&str],
) -> (netns::Process, PeerId) {
    let mut cmd = Command::new(binary);
    cmd.args(["-i", "zyre-c"])
        .args(first)
        .args(["--endpoint", endpoint, "--expired", "2000"])
        .args(gossip);
    let mut zyre = netns::Process::spawn(cmd, "zyre-c", false);
    let ready = zyre.wait_for("READY", |l| l.starts_with("READY "));
    let id = ready["READY ".len()..].parse().expect("Zyre's uuid");
    (zyre, id)
}

/// After discovery by gossip: ENTER both ways (over tcp, at the endpoints
/// published), WHISPER both ways, and Zyre sees our EXIT when our node
/// stops (in gossip mode Zyre honours GOODBYE).
fn meet_by_gossip(node: Node, zyre: &mut netns::Process, zyre_id: PeerId, zyre_at: &str) {
    let at = events::wait_for(&node, "ENTER", |e| match e {
        Event::Enter { peer, endpoint, .. } if *peer == zyre_id => Some(endpoint.clone()),
        _ => None,
    });
    assert_eq!(at, zyre_at);
    whisper_and_stop(node, zyre, zyre_id);
}

/// Once our node has seen Zyre's ENTER: Zyre sees ours, WHISPER both
/// ways, and Zyre sees our EXIT when our node stops (after SET ENDPOINT
/// or a gossip command, Zyre honours GOODBYE).
fn whisper_and_stop(mut node: Node, zyre: &mut netns::Process, zyre_id: PeerId) {
    let ours = format!(
        "ENTER rust-node {} {}",
        node.uuid(),
        node.endpoint().unwrap()
    );
    zyre.wait_for("ENTER of our node", |l| l == ours);
    node.whisper(zyre_id, [b"hello zyre".to_vec()])
        .expect("whisper");
    zyre.wait_for("our WHISPER", |l| l == "WHISPER rust-node hello zyre");
    zyre.send_line(&format!("WHISPER {} hello rust", node.uuid()));
    let whisper = events::wait_for(&node, "WHISPER", |e| match e {
        Event::Whisper { peer, content, .. } if *peer == zyre_id => Some(content.clone()),
        _ => None,
    });
    assert_eq!(whisper, [b"hello rust".to_vec()]);
    node.stop().expect("stop");
    zyre.wait_for("EXIT of our node", |l| l == "EXIT rust-node");
}

#[test]
#[ignore = "interop: builds Zyre 2.0.1 against Debian's CZMQ (libczmq-dev, cc, pkg-config)"]
fn zyre_finds_our_node_through_our_gossip_hub() {
    let binary = zyre_build::build_zyre_peer();
    let mut node = Node::new("rust-node").expect("node");
    node.gossip_bind("tcp://127.0.0.1:*").expect("gossip_bind");
    node.start().expect("start");
    let hub = node.gossip_endpoint().expect("hub").to_string();
    let zyre_at = format!("tcp://127.0.0.1:{}", ports::lease_port());
    let (mut zyre, zyre_id) = interactive_zyre(&binary, &zyre_at, &["--gossip-connect", &hub]);
    meet_by_gossip(node, &mut zyre, zyre_id, &zyre_at);
}

#[test]
#[ignore = "interop: builds Zyre 2.0.1 against Debian's CZMQ (libczmq-dev, cc, pkg-config)"]
fn our_node_finds_zyre_through_its_gossip_hub() {
    let binary = zyre_build::build_zyre_peer();
    let hub = format!("tcp://127.0.0.1:{}", ports::lease_port());
    let zyre_at = format!("tcp://127.0.0.1:{}", ports::lease_port());
    let (mut zyre, zyre_id) = interactive_zyre(&binary, &zyre_at, &["--gossip-bind", &hub]);
    let mut node = Node::new("rust-node").expect("node");
    node.gossip_connect(&hub).expect("gossip_connect");
    node.start().expect("start");
    meet_by_gossip(node, &mut zyre, zyre_id, &zyre_at);
}

/// One line of zyre_peer's `--frames` output ("EVENT <hex> <hex>...", "-"
/// for an empty frame) as the frames Zyre's event socket gave it.
fn zyre_frames(line: &str) -> Vec<Vec<u8>> {
    line.split(' ')
        .skip(1)
        .map(|hex| match hex {
            "-" => Vec::new(),
            hex => hex::decode(hex).expect("hex frame"),
        })
        .collect()
}

/// The next message on our node's event socket from `peer` of `kind`
/// (other events skipped), as raw frames.
fn our_frames(node: &Node, kind: &str, peer: PeerId) -> Vec<Vec<u8>> {
    let deadline = Instant::now() + PATIENCE;
    let events = node.socket();
    events
        .as_socket()
        .set_rcvtimeo(Some(PATIENCE))
        .expect("rcvtimeo");
    let raw = || -> Vec<Vec<u8>> {
        let frames = events.recv_parts().expect("an event");
        frames.iter().map(|f| f.data().to_vec()).collect()
    };
    let from = peer.to_string();
    std::iter::repeat_with(raw)
        .take_while(|_| Instant::now() < deadline)
        .find(|frames| frames[0] == kind.as_bytes() && frames[1] == from.as_bytes())
        .unwrap_or_else(|| panic!("our node sent no {kind} of {peer} within {PATIENCE:?}"))
}

/// A sender says HELLO (headers whose zhash order differs from their wire
/// order, two of them in one zhash bucket, and two groups), WHISPERs
/// multipart content, SHOUTs and LEAVEs, to a Zyre node and to ours at
/// once: the event frames on Zyre's `zyre_socket` and on our event socket
/// are the same bytes, event for event.
#[test]
#[ignore = "interop: builds Zyre 2.0.1 against Debian's CZMQ (libczmq-dev, cc, pkg-config)"]
fn our_event_frames_are_zyres_byte_for_byte() {
    let binary = zyre_build::build_zyre_peer();
    let zyre_at = format!("tcp://127.0.0.1:{}", ports::lease_port());
    // Silent peers are pinged (PING-OK keeps them), so its 2 s expiry is no risk.
    let (mut zyre, zyre_id) = interactive_zyre(&binary, &zyre_at, &["--frames", "1"]);
    zyre.send_line("JOIN G1");
    let mut ours = Node::new("rust-node").expect("node");
    ours.join("G1").expect("join");
    ours.start().expect("start");

    let mut sender = Node::new("sender").expect("node");
    // X-HELLO and X-ROLE share zhash bucket 85; bucket order is X-EMPTY,
    // A, X-HELLO, X-ROLE, ZZ.
    for (key, value) in [
        ("X-HELLO", "World"),
        ("ZZ", "z"),
        ("X-ROLE", "sender"),
        ("A", "a"),
        ("X-EMPTY", ""),
    ] {
        sender.set_header(key, value).expect("header");
    }
    sender.join("G1").expect("join");
    sender.join("G2").expect("join");
    sender.start().expect("start");
    sender.connect(&zyre_at).expect("connect");
    sender.connect(ours.endpoint().unwrap()).expect("connect");
    // The sender shouts to a receiver once it has seen it join.
    let mut joined = Vec::new();
    while joined.len() < 2 {
        joined.push(events::wait_for(&sender, "JOIN", |e| match e {
            Event::Join { peer, .. } if !joined.contains(peer) => Some(*peer),
            _ => None,
        }));
    }

    sender
        .whisper(zyre_id, [b"w1".to_vec(), Vec::new(), b"w3".to_vec()])
        .expect("whisper");
    sender
        .whisper(ours.uuid(), [b"w1".to_vec(), Vec::new(), b"w3".to_vec()])
        .expect("whisper");
    sender
        .shout("G1", [b"s1".to_vec(), b"s2".to_vec()])
        .expect("shout");
    sender.leave("G2").expect("leave");

    // Zyre's lines start "EVENT kind uuid name", in hex; the JOINs differ
    // by their group.
    let from = format!(
        "{} {}",
        hex::encode(sender.uuid().to_string()),
        hex::encode("sender")
    );
    let expected = [
        ("ENTER", ""),
        ("JOIN", " 4731"),
        ("JOIN", " 4732"),
        ("WHISPER", ""),
        ("SHOUT", ""),
        ("LEAVE", ""),
    ];
    for (kind, group) in expected {
        let prefix = format!("EVENT {} {from}{group}", hex::encode(kind));
        let theirs = zyre.wait_for(kind, |l| l.starts_with(&prefix));
        assert_eq!(
            our_frames(&ours, kind, sender.uuid()),
            zyre_frames(&theirs),
            "{kind} frames differ"
        );
    }
}

/// Zyre's interactive zyre_peer built with its draft API, with a fresh
/// certificate (`zyre_set_zcert`), listening at `endpoint`; its uuid and
/// public key.
fn curve_zyre(endpoint: &str, gossip: &[&str]) -> (netns::Process, PeerId, String) {
    let binary = zyre_build::build_zyre_peer_draft();
    let (mut zyre, id) = interactive_zyre_with(&binary, &["--cert", "1"], endpoint, gossip);
    let key = zyre.wait_for("KEY", |l| l.starts_with("KEY "))["KEY ".len()..].to_string();
    (zyre, id, key)
}

/// Our node with a fresh certificate.
fn curve_node(name: &str) -> Node {
    let mut node = Node::new(name).expect("node");
    node.set_cert(&Cert::new().expect("cert"))
        .expect("set_cert");
    node
}

#[test]
#[ignore = "interop: builds Zyre 2.0.1 against Debian's CZMQ (libczmq-dev, cc, pkg-config)"]
fn our_node_and_a_curve_zyre_talk_over_curve_and_a_plain_node_does_not_get_in() {
    let zyre_at = format!("tcp://127.0.0.1:{}", ports::lease_port());
    let (mut zyre, zyre_id, zyre_key) = curve_zyre(&zyre_at, &[]);
    // Plain text to Zyre's CURVE server, first: it never gets through.
    let mut plain = Node::new("plain-node").expect("node");
    plain.connect(&zyre_at).expect("connect");
    plain.start().expect("start");
    let mut node = curve_node("rust-node");
    node.connect_curve(&zyre_at, &zyre_key).expect("connect");
    node.start().expect("start");
    let headers = events::wait_for(&node, "ENTER", |e| match e {
        Event::Enter { peer, headers, .. } if *peer == zyre_id => Some(headers.clone()),
        _ => None,
    });
    assert_eq!(headers, [("X-PUBLICKEY".to_string(), zyre_key)]);
    zyre.wait_for("ENTER of our node", |l| l.starts_with("ENTER rust-node "));
    // Groups both ways, over CURVE.
    node.join("GLOBAL").expect("join");
    zyre.wait_for("our JOIN", |l| l == "JOIN rust-node GLOBAL");
    zyre.send_line("JOIN GLOBAL");
    events::wait_for(&node, "JOIN", |e| {
        matches!(e, Event::Join { peer, .. } if *peer == zyre_id).then_some(())
    });
    node.shout("GLOBAL", [b"rust shouts".to_vec()])
        .expect("shout");
    zyre.wait_for("our SHOUT", |l| l == "SHOUT rust-node GLOBAL rust shouts");
    zyre.send_line("SHOUT GLOBAL zyre shouts");
    let shout = events::wait_for(&node, "SHOUT", |e| match e {
        Event::Shout { peer, content, .. } if *peer == zyre_id => Some(content.clone()),
        _ => None,
    });
    assert_eq!(shout, [b"zyre shouts".to_vec()]);
    let plain_entered = |l: &str| l.starts_with("ENTER plain-node");
    assert_eq!(zyre.count_for(Duration::from_millis(300), plain_entered), 0);
    assert!(plain.peers().expect("peers").is_empty());
    whisper_and_stop(node, &mut zyre, zyre_id);
}

#[test]
#[ignore = "interop: builds Zyre 2.0.1 against Debian's CZMQ (libczmq-dev, cc, pkg-config)"]
fn a_curve_zyre_reaches_our_node_by_require_peer() {
    let cert = Cert::new().expect("cert");
    let mut node = Node::new("rust-node").expect("node");
    node.set_cert(&cert).expect("set_cert");
    node.start().expect("start");
    let zyre_at = format!("tcp://127.0.0.1:{}", ports::lease_port());
    let (mut zyre, zyre_id, _) = curve_zyre(&zyre_at, &[]);
    let ours = node.endpoint().expect("endpoint").to_string();
    zyre.send_line(&format!(
        "REQUIRE {} {ours} {}",
        node.uuid(),
        cert.public_txt()
    ));
    meet_by_gossip(node, &mut zyre, zyre_id, &zyre_at);
}

#[test]
#[ignore = "interop: builds Zyre 2.0.1 against Debian's CZMQ (libczmq-dev, cc, pkg-config)"]
fn our_curve_node_finds_a_curve_zyre_through_its_gossip_hub() {
    let hub = format!("tcp://127.0.0.1:{}", ports::lease_port());
    let zyre_at = format!("tcp://127.0.0.1:{}", ports::lease_port());
    let (mut zyre, zyre_id, _) = curve_zyre(&zyre_at, &["--gossip-bind", &hub]);
    // Debian's CZMQ has no CURVE in zgossip (a DRAFT feature): ZGP is
    // plain, the tuples carry the keys, the ZRE links are CURVE.
    let mut node = curve_node("rust-node");
    node.gossip_connect(&hub).expect("gossip_connect");
    node.start().expect("start");
    meet_by_gossip(node, &mut zyre, zyre_id, &zyre_at);
}

/// Zyre (draft build) at `endpoint`, contesting ELECT and in it before it
/// starts, so its HELLO names the group.
fn contesting_zyre(endpoint: &str) -> (netns::Process, PeerId) {
    let binary = zyre_build::build_zyre_peer_draft();
    interactive_zyre_with(&binary, &["--contest", "ELECT"], endpoint, &[])
}

/// Our node contesting ELECT and in it, started with Zyre at `zyre_at` as
/// its static peer.
fn contesting_node(name: &str, zyre_at: &str) -> Node {
    let mut node = Node::new(name).expect("node");
    node.set_contest_in_group("ELECT").expect("contest");
    node.join("ELECT").expect("join");
    node.connect(zyre_at).expect("connect");
    node.start().expect("start");
    node
}

#[test]
#[ignore = "interop: builds Zyre 2.0.1 against Debian's CZMQ (libczmq-dev, cc, pkg-config)"]
fn our_node_and_a_contesting_zyre_elect_the_same_leader() {
    let zyre_at = format!("tcp://127.0.0.1:{}", ports::lease_port());
    // Each side starts an election when the other's HELLO (naming the
    // group) arrives, and the lower UUID's wave wins.
    let (mut zyre, zyre_id) = contesting_zyre(&zyre_at);
    let node = contesting_node("rust-node", &zyre_at);
    let winner = node.uuid().min(zyre_id);
    let (leader, name) = events::wait_for(&node, "LEADER", |e| match e {
        Event::Leader { peer, name, group } if group == "ELECT" => Some((*peer, name.clone())),
        _ => None,
    });
    assert_eq!(leader, winner);
    let winner_name = if winner == zyre_id {
        "zyre-c"
    } else {
        "rust-node"
    };
    assert_eq!(name, winner_name);
    let line = format!("LEADER {winner_name} {winner} ELECT");
    zyre.wait_for("Zyre's LEADER", |l| l == line);
    whisper_and_stop(node, &mut zyre, zyre_id);
}

#[test]
#[ignore = "interop: builds Zyre 2.0.1 against Debian's CZMQ (libczmq-dev, cc, pkg-config)"]
fn a_mixed_group_agrees_on_its_leader_and_elects_another_when_it_leaves() {
    let zyre_at = format!("tcp://127.0.0.1:{}", ports::lease_port());
    let (mut zyre, zyre_id) = contesting_zyre(&zyre_at);
    let mut rival = contesting_node("rust-rival", &zyre_at);
    let leader = rival.uuid().min(zyre_id);
    let is_leader = |id: PeerId| {
        move |e: &Event| match e {
            Event::Leader { peer, group, .. } if *peer == id && group == "ELECT" => Some(()),
            _ => None,
        }
    };
    events::wait_for_kept(&rival, "LEADER", is_leader(leader));

    // A bystander (not contesting) meets both, then joins: Zyre and our
    // rival hold the election again through it (Zyre passing our ELECTs
    // on and echoing them, and we Zyre's), and it hears the same leader.
    let mut bystander = Node::new("rust-bystander").expect("node");
    bystander.connect(&zyre_at).expect("connect");
    bystander
        .connect(rival.endpoint().unwrap())
        .expect("connect");
    bystander.start().expect("start");
    for peer in [zyre_id, rival.uuid()] {
        events::wait_for_kept(&bystander, "ENTER", |e| {
            matches!(e, Event::Enter { peer: p, .. } if *p == peer).then_some(())
        });
    }
    zyre.wait_for("ENTER of the bystander", |l| {
        l.starts_with("ENTER rust-bystander ")
    });
    bystander.join("ELECT").expect("join");
    zyre.wait_for("the bystander's JOIN", |l| l == "JOIN rust-bystander ELECT");
    events::wait_for_kept(&bystander, "LEADER", is_leader(leader));

    // The leader leaves the group: the other contestant leads.
    let successor = match leader == zyre_id {
        true => {
            zyre.send_line("LEAVE ELECT");
            rival.uuid()
        }
        false => {
            rival.leave("ELECT").expect("leave");
            zyre_id
        }
    };
    events::wait_for_kept(&bystander, "the new LEADER", is_leader(successor));
    if successor == zyre_id {
        let line = format!("LEADER zyre-c {zyre_id} ELECT");
        zyre.wait_for("Zyre's own election", |l| l == line);
    } else {
        events::wait_for_kept(&rival, "the new LEADER", is_leader(successor));
    }
}
