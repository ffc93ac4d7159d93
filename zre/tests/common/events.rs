//! Waiting for a node's events, with a deadline that fails the test and
//! says what came instead.
#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::{Duration, Instant};

use zre::{Event, Node, PeerId};

/// How long a test waits for any one event.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The first event of `node` that `pick` takes, within [`PATIENCE`];
/// panics naming the events seen meanwhile.
pub fn wait_for<T>(node: &Node, what: &str, pick: impl FnMut(&Event) -> Option<T>) -> T {
    wait_passing(node, what, pick, drop)
}

/// [`wait_for`] that keeps the events `pick` passes over (per node, in
/// order) and searches them first next time, for tests that wait for
/// several events whose order is not fixed.
pub fn wait_for_kept<T>(node: &Node, what: &str, mut pick: impl FnMut(&Event) -> Option<T>) -> T {
    thread_local! {
        static BACKLOG: RefCell<HashMap<PeerId, Vec<Event>>> = RefCell::new(HashMap::new());
    }
    let earlier = BACKLOG.with(|b| {
        let mut backlog = b.borrow_mut();
        let events = backlog.entry(node.uuid()).or_default();
        let position = events.iter().position(|e| pick(e).is_some());
        position.map(|i| events.remove(i))
    });
    if let Some(event) = earlier {
        return pick(&event).expect("matched before");
    }
    wait_passing(node, what, pick, |event| {
        BACKLOG.with(|b| b.borrow_mut().entry(node.uuid()).or_default().push(event));
    })
}

/// The wait itself: events `pick` does not take go to `passed`.
fn wait_passing<T>(
    node: &Node,
    what: &str,
    mut pick: impl FnMut(&Event) -> Option<T>,
    mut passed: impl FnMut(Event),
) -> T {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match node.recv_event_timeout(left) {
            Ok(event) => match pick(&event) {
                Some(found) => return found,
                None => {
                    seen.push(event.kind());
                    passed(event);
                }
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
