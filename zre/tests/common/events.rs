//! Waiting for a node's events, with a deadline that fails the test and
//! says what came instead.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use zre::{Event, Node, PeerId};

/// How long a test waits for any one event.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The first event of `node` that `pick` takes, within [`PATIENCE`];
/// panics naming the events seen meanwhile.
pub fn wait_for<T>(node: &Node, what: &str, mut pick: impl FnMut(&Event) -> Option<T>) -> T {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match node.recv_event_timeout(left) {
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

/// Waits until `node` sees `peer` ENTER.
pub fn enter(node: &Node, peer: PeerId) {
    wait_for(node, "ENTER", |e| match e {
        Event::Enter { peer: p, .. } if *p == peer => Some(()),
        _ => None,
    })
}
