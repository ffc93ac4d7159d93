//! Discovery from a static list of peer endpoints alone: no beacon, no UDP.
//! Each node lists the other (and an endpoint nobody listens at); they must
//! find each other and talk, and the dead entry must not get in the way.

#[path = "common/events.rs"]
mod events;

use events::{enter, wait_for};

use zre::{Event, Node};

#[test]
fn two_nodes_find_each_other_through_their_static_lists_only() {
    // An ipc path nobody binds: connecting succeeds, nobody ever answers.
    let nobody = format!("ipc:///tmp/zre-static-nobody-{}", std::process::id());
    let mut alice = Node::new("alice").expect("node");
    alice.add_static_peer(&nobody).expect("list");
    alice.start().expect("start");
    let mut bob = Node::new("bob").expect("node");
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
