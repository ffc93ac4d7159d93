//! Discovery from a static list of peer endpoints alone: no beacon, no UDP.
//! Each node lists the other (and an endpoint nobody listens at); they must
//! find each other and talk, and the dead entry must not get in the way.

use std::time::{Duration, Instant};

use zre::{Event, Node, PeerId};

/// Generous: the CI machine is a loaded 2-core box.
const PATIENCE: Duration = Duration::from_secs(20);

fn wait_for<T>(node: &Node, what: &str, mut pick: impl FnMut(&Event) -> Option<T>) -> T {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match node.events().recv_timeout(left) {
            Ok(event) => match pick(&event) {
                Some(found) => return found,
                None => seen.push(event.kind()),
            },
            Err(_) => break,
        }
    }
    panic!(
        "{}: no {what} within {PATIENCE:?} (saw {seen:?})",
        node.name()
    );
}

fn enter(node: &Node, peer: PeerId) {
    wait_for(node, "ENTER", |e| match e {
        Event::Enter { peer: p, .. } if *p == peer => Some(()),
        _ => None,
    })
}

#[test]
fn two_nodes_find_each_other_through_their_static_lists_only() {
    // An ipc path nobody binds: connecting succeeds, nobody ever answers.
    let nobody = format!("ipc:///tmp/zre-static-nobody-{}", std::process::id());
    let mut alice = Node::new("alice");
    alice.add_static_peer(&nobody).expect("list");
    alice.start().expect("start");
    let mut bob = Node::new("bob");
    bob.add_static_peer(&nobody).expect("list");
    bob.add_static_peer(alice.endpoint().expect("endpoint"))
        .expect("list");
    bob.start().expect("start");
    // alice learns bob's endpoint only now; lists may grow while running.
    alice
        .add_static_peer(bob.endpoint().expect("endpoint"))
        .expect("list");

    enter(&alice, bob.uuid());
    enter(&bob, alice.uuid());
    assert_eq!(alice.peers().expect("peers"), [bob.uuid()]);
    assert_eq!(bob.peers().expect("peers"), [alice.uuid()]);

    alice.join("LIST").expect("join");
    wait_for(&bob, "JOIN", |e| match e {
        Event::Join { group, .. } if group == "LIST" => Some(()),
        _ => None,
    });
    bob.shout("LIST", [b"found you".to_vec()]).expect("shout");
    let heard = wait_for(&alice, "SHOUT", |e| match e {
        Event::Shout { content, .. } => Some(content.clone()),
        _ => None,
    });
    assert_eq!(heard, [b"found you".to_vec()]);
}
