//! Discovery from a static list of peer endpoints alone: no beacon, no UDP.
//! Each node lists the other (and an endpoint nobody listens at); they must
//! find each other and talk, and the dead entry must not get in the way.

#[path = "common/events.rs"]
mod events;

#[allow(dead_code)]
#[path = "../../tests/support/ports.rs"]
mod ports;

use events::{enter, wait_for};

use std::time::{Duration, Instant};

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

/// Every event `node` gives within `window` (which it waits out in full).
fn events_within(node: &Node, window: Duration) -> Vec<Event> {
    let deadline = Instant::now() + window;
    let mut events = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match node.recv_event_timeout(left) {
            Ok(event) => events.push(event),
            Err(_) => break,
        }
    }
    events
}

/// Node settings for the churn tests: short timers, so that a listed
/// endpoint's unanswered HELLO is retried within the test.
fn short_timers(node: &mut Node) {
    node.set_evasive_timeout(Duration::from_secs(1))
        .expect("evasive");
    node.set_expired_timeout(Duration::from_secs(3))
        .expect("expired");
    node.set_reap_interval(Duration::from_millis(100))
        .expect("reap");
}

/// Watches `alice` for `window` (`bob`'s events of that time wait in his
/// queue): each may see at most `most` ENTER and EXIT events, and they
/// still know each other, and only each other, at the end.
fn assert_churn_at_most(alice: &mut Node, bob: &mut Node, window: Duration, most: usize) {
    let seen_by_alice = events_within(alice, window);
    let seen_by_bob = events_within(bob, Duration::from_millis(100));
    for (who, seen) in [("alice", &seen_by_alice), ("bob", &seen_by_bob)] {
        let churn: Vec<&str> = seen
            .iter()
            .filter(|e| matches!(e, Event::Enter { .. } | Event::Exit { .. }))
            .map(Event::kind)
            .collect();
        assert!(
            churn.len() <= most,
            "{who} saw {} ENTER/EXIT events, first {:?}",
            churn.len(),
            &churn[..churn.len().min(6)]
        );
    }
    assert_eq!(alice.peers().expect("peers"), [bob.uuid()]);
    assert_eq!(bob.peers().expect("peers"), [alice.uuid()]);
}

#[test]
fn a_peer_listed_by_an_address_it_does_not_advertise_is_greeted_again_once() {
    // bob listens on every loopback address and advertises 127.0.0.1;
    // alice lists him as 127.0.0.2, which no HELLO of his names.
    let port = ports::lease_port();
    let mut bob = Node::new("bob").expect("node");
    short_timers(&mut bob);
    bob.set_endpoint(&format!("tcp://*:{port}")).expect("bind");
    bob.set_advertised_endpoint(&format!("tcp://127.0.0.1:{port}"))
        .expect("advertise");
    bob.start().expect("start");
    let mut alice = Node::new("alice").expect("node");
    short_timers(&mut alice);
    alice
        .add_static_peer(&format!("tcp://127.0.0.2:{port}"))
        .expect("list");
    alice.start().expect("start");
    enter(&alice, bob.uuid());
    enter(&bob, alice.uuid());

    // Each greets the other twice (the listed link, then the advertised
    // one), and each takes the other's second HELLO for a restart once;
    // the answer to that is recognised, so it ends there. Before, it never
    // ended: thousands of EXIT/ENTER a second.
    assert_churn_at_most(&mut alice, &mut bob, Duration::from_secs(2), 2);
}

#[test]
fn a_peer_listed_by_host_name_is_greeted_once() {
    // The window below sees a retry of the listed endpoint come and go.
    let mut alice = Node::new("alice").expect("node");
    short_timers(&mut alice);
    alice.start().expect("start");
    let advertised = alice.endpoint().expect("endpoint").to_string();
    let port = advertised.rsplit(':').next().expect("a tcp endpoint");
    assert!(advertised.starts_with("tcp://127.0.0.1:"), "{advertised}");

    // bob lists alice by name; alice's HELLO names her by address.
    let mut bob = Node::new("bob").expect("node");
    short_timers(&mut bob);
    bob.add_static_peer(&format!("tcp://localhost:{port}"))
        .expect("list");
    bob.start().expect("start");
    enter(&alice, bob.uuid());
    enter(&bob, alice.uuid());

    // One HELLO each way: had bob greeted alice again on her advertised
    // endpoint, or retried his list entry, alice would take it for a
    // restart (EXIT, ENTER).
    assert_churn_at_most(&mut alice, &mut bob, Duration::from_secs(4), 0);
}
