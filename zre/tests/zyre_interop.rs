//! Our node and a real Zyre 2.0.1 node (built from its release source
//! against Debian's CZMQ, in the target directory) find each other by
//! static endpoint over tcp loopback and exchange ENTER, JOIN, WHISPER and
//! SHOUT; our node sees Zyre's EXIT when it has gone quiet past the expired
//! timeout (Zyre 2.0.1 says nothing to its peers when it stops). And they
//! find each other by gossip (ZGP: Zyre's `zyre_gossip_bind/connect`, our
//! `Node::gossip_bind/connect`), each side the hub in turn.
//!
//! Needs cc, pkg-config and Debian's libczmq-dev (.ci/run installs them):
//! `cargo test -p zre --test zyre_interop -- --ignored`.

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

fn next_event<T>(node: &Node, what: &str, mut pick: impl FnMut(&Event) -> Option<T>) -> T {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match node.events().recv_timeout(left) {
            Ok(event) => match pick(&event) {
                Some(found) => return found,
                None => seen.push(event),
            },
            Err(_) => break,
        }
    }
    panic!("our node saw no {what} within {PATIENCE:?}; it saw {seen:?}");
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

    let mut node = Node::new("rust-node");
    node.set_expired_timeout(Duration::from_secs(2));
    node.set_evasive_timeout(Duration::from_millis(500));
    node.set_reap_interval(Duration::from_millis(100));
    node.start().expect("start");
    node.join("GLOBAL").expect("join");
    node.connect(&endpoint).expect("connect");

    // Each side sees the other enter and join.
    let name = next_event(&node, "ENTER", |e| match e {
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
    let whisper = next_event(&node, "WHISPER", |e| match e {
        Event::Whisper { peer, content, .. } if *peer == zyre_id => Some(content.clone()),
        _ => None,
    });
    assert_eq!(whisper, [b"hello from zyre".to_vec()]);
    let shout = next_event(&node, "SHOUT", |e| match e {
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

    // Zyre stopped without a word: our node drops it after the expired timeout.
    next_event(&node, "EXIT", |e| {
        matches!(e, Event::Exit { peer, .. } if *peer == zyre_id).then_some(())
    });
}

/// Zyre's interactive zyre_peer (`-i`, see zyre_peer.c) on loopback,
/// listening at `endpoint`, with `gossip` options; its READY uuid.
fn interactive_zyre(binary: &Path, endpoint: &str, gossip: &[&str]) -> (netns::Process, PeerId) {
    let mut cmd = Command::new(binary);
    cmd.args(["-i", "zyre-c", "--endpoint", endpoint, "--expired", "2000"])
        .args(gossip);
    let mut zyre = netns::Process::spawn(cmd, "zyre-c", false);
    let ready = zyre.wait_for("READY", |l| l.starts_with("READY "));
    let id = ready["READY ".len()..].parse().expect("Zyre's uuid");
    (zyre, id)
}

/// After discovery by gossip: ENTER both ways (over tcp, at the endpoints
/// published), WHISPER both ways, and Zyre sees our EXIT when our node
/// stops (in gossip mode Zyre honours GOODBYE).
fn meet_by_gossip(mut node: Node, zyre: &mut netns::Process, zyre_id: PeerId, zyre_at: &str) {
    let at = next_event(&node, "ENTER", |e| match e {
        Event::Enter { peer, endpoint, .. } if *peer == zyre_id => Some(endpoint.clone()),
        _ => None,
    });
    assert_eq!(at, zyre_at);
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
    let whisper = next_event(&node, "WHISPER", |e| match e {
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
    let mut node = Node::new("rust-node");
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
    let mut node = Node::new("rust-node");
    node.gossip_connect(&hub).expect("gossip_connect");
    node.start().expect("start");
    meet_by_gossip(node, &mut zyre, zyre_id, &zyre_at);
}
