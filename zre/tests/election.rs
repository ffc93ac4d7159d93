//! Leader election among our nodes (Zyre's draft `zyre_set_contest_in_group`):
//! the lowest contestant wins, a member that does not contest takes part
//! and is told, and when the leader leaves the group the others elect
//! another. The group forms one member at a time, each waiting until the
//! others have seen its JOIN, so every election runs on a settled group.

#[path = "common/events.rs"]
mod events;

use events::wait_for_kept as wait_for;
use zre::{Event, Node, PeerId};

const GROUP: &str = "WORKERS";

fn started(name: &str, contest: bool) -> Node {
    let mut node = Node::new(name).expect("node");
    if contest {
        node.set_contest_in_group(GROUP).expect("contest");
    }
    node.start().expect("start");
    node
}

/// Waits until `node` is told that `leader` leads GROUP; earlier LEADER
/// events (of elections held before the group was whole) are skipped.
fn leader_is(node: &Node, leader: PeerId) {
    wait_for(node, "LEADER", |e| match e {
        Event::Leader { peer, group, .. } if *peer == leader && group == GROUP => Some(()),
        _ => None,
    })
}

fn joins(node: &mut Node, seen_by: &[&Node]) {
    node.join(GROUP).expect("join");
    for other in seen_by {
        wait_for(other, "JOIN", |e| match e {
            Event::Join { peer, group, .. } if *peer == node.uuid() && group == GROUP => Some(()),
            _ => None,
        });
    }
}

#[test]
fn the_lowest_contestant_leads_and_a_successor_is_elected_when_it_leaves() {
    let mut first = started("first", true);
    let mut second = started("second", true);
    let mut bystander = started("bystander", false);
    second.connect(first.endpoint().unwrap()).expect("connect");
    for endpoint in [first.endpoint().unwrap(), second.endpoint().unwrap()] {
        bystander.connect(endpoint).expect("connect");
    }
    for (node, others) in [
        (&first, [&second, &bystander]),
        (&second, [&first, &bystander]),
        (&bystander, [&first, &second]),
    ] {
        for other in others {
            wait_for(node, "ENTER", |e| {
                matches!(e, Event::Enter { peer, .. } if *peer == other.uuid()).then_some(())
            });
        }
    }

    // Two contestants: the lower UUID wins, both hear it.
    joins(&mut first, &[&second, &bystander]);
    joins(&mut second, &[&first, &bystander]);
    let leader = first.uuid().min(second.uuid());
    leader_is(&first, leader);
    leader_is(&second, leader);

    // A member that does not contest joins: the contestants hold the
    // election again with it, and it hears the same leader.
    joins(&mut bystander, &[&first, &second]);
    for node in [&first, &second, &bystander] {
        leader_is(node, leader);
    }

    // The leader leaves the group: the other contestant is elected, by
    // itself and the bystander.
    let (mut gone, successor) = match leader == first.uuid() {
        true => (first, second),
        false => (second, first),
    };
    gone.leave(GROUP).expect("leave");
    for node in [&successor, &bystander] {
        leader_is(node, successor.uuid());
    }
    assert!(gone.own_groups().expect("groups").is_empty());
}
