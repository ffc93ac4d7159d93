//! Whole networks of 100 and 1,000 nodes in a discrete-event simulation
//! (tests/sim): with eager/lazy push every tuple reaches every node with
//! close to `N − 1` PUBLISHes, and killing 10 % of the nodes mid-run leaves
//! every other node converging. The full-size figures (more tuples, and
//! flooding alongside) come from `examples/scale_sim.rs`, see BENCHMARKS.md.

mod sim;

use std::time::Duration;

use gossip::node::Dissemination;
use sim::{measure, topology, Sim};

fn budget(n: usize) -> f64 {
    1.3 * (n as f64 - 1.0)
}

#[test]
fn hundred_nodes_random_degree_4_send_at_most_1_3_n_publishes_per_tuple() {
    let edges = topology(false, 100, 1);
    let mut sim = Sim::new(100, &edges, Dissemination::EagerLazy, 1);
    let report = measure(&mut sim, edges.len(), 3, 20, 7).unwrap();
    assert!(
        report.publishes_per_tuple <= budget(100),
        "{report:?} over {}",
        budget(100)
    );
    // Flooding on the same graph, for scale: 2E − N + 1.
    let mut flood = Sim::new(100, &edges, Dissemination::Flood, 1);
    let flooded = measure(&mut flood, edges.len(), 3, 20, 7).unwrap();
    assert!(flooded.publishes_per_tuple > 2.0 * report.publishes_per_tuple);
}

#[test]
fn a_ring_sends_at_most_n_plus_1_publishes_per_tuple() {
    let edges = topology(true, 100, 1);
    let mut sim = Sim::new(100, &edges, Dissemination::EagerLazy, 1);
    let report = measure(&mut sim, edges.len(), 3, 20, 7).unwrap();
    assert!(report.publishes_per_tuple <= 101.0, "{report:?}");
}

#[test]
fn killing_ten_percent_of_the_nodes_leaves_every_other_node_converging() {
    let edges = topology(false, 100, 3);
    let mut sim = Sim::new(100, &edges, Dissemination::EagerLazy, 3);
    measure(&mut sim, edges.len(), 5, 0, 11).unwrap();
    let dead = sim.kill(10, 0);
    assert_eq!(dead.len(), 10);
    // Every tuple after the kill reaches every live node still joined to its
    // origin (measure fails otherwise), repairing the tree as it goes.
    let after = measure(&mut sim, edges.len(), 0, 10, 13).unwrap();
    assert_eq!(after.tuples, 10);
    assert!(after.converge_max < Duration::from_secs(5), "{after:?}");
    // Once repaired, the tree is a tree again.
    let settled = measure(&mut sim, edges.len(), 0, 10, 17).unwrap();
    assert!(settled.publishes_per_tuple <= budget(90), "{settled:?}");
}

/// CI's size: the 1,000-node network with a handful of tuples (the
/// benchmark runs more).
#[test]
fn a_thousand_nodes_converge() {
    let edges = topology(false, 1000, 1);
    let mut sim = Sim::new(1000, &edges, Dissemination::EagerLazy, 1);
    let report = measure(&mut sim, edges.len(), 2, 3, 5).unwrap();
    assert_eq!(report.tuples, 3);
    assert!(report.publishes_per_tuple <= budget(1000), "{report:?}");
}
