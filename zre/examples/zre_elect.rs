//! Leader election time among our nodes on loopback, the same measurement
//! as `zre/benches/zyre_elect.c` makes for Zyre 2.0.1 (run both,
//! alternated, with `zre/benches/zyre-vs-ours-election.sh`).
//!
//! `cargo run --release -p zre --example zre_elect NODES CYCLES BASEPORT`
//!
//! NODES nodes (3 or more), all contesting group G: node 0 listens at
//! `tcp://127.0.0.1:BASEPORT+1` and is the gossip hub at BASEPORT; node i
//! at BASEPORT+1+i gossip-connects to it. Once all have met, they join G one
//! at a time, each waiting until the others have seen its JOIN and the
//! election it starts has told every member a leader. Then CYCLES times:
//! the leader leaves G and the clock runs until every other node has been
//! told a new leader ("leave"); it joins again and the clock runs until
//! every node has been told a leader ("join"). Between steps, 50 ms for
//! stragglers. Prints `leave_median_us X` and `join_median_us Y`.

#[path = "support/loopback.rs"]
mod loopback;

use std::time::{Duration, Instant};

use loopback::{loopback_node, TIMEOUT};
use zre::{Event, Node, PeerId};

/// The nodes, and per node the leader of a LEADER event read while waiting
/// for something else.
struct Group {
    nodes: Vec<Node>,
    told: Vec<Option<PeerId>>,
}

impl Group {
    /// Reads node `i`'s events until one of `kind` arrives; returns it.
    fn next(&mut self, i: usize, kind: &str) -> Event {
        loop {
            let event = self.nodes[i]
                .recv_event_timeout(TIMEOUT)
                .unwrap_or_else(|_| panic!("no {kind} within {TIMEOUT:?}"));
            if event.kind() == kind {
                return event;
            }
            if let Event::Leader { peer, .. } = event {
                self.told[i] = Some(peer);
            }
        }
    }

    /// Waits until nodes `0..members` but `skip` have been told a leader;
    /// returns the index of the last one named.
    fn leader_told(&mut self, members: usize, skip: Option<usize>) -> usize {
        let mut leader = None;
        for i in (0..members).filter(|&i| Some(i) != skip) {
            let peer = match self.told[i].take() {
                Some(peer) => peer,
                None => self.next(i, "LEADER").peer(),
            };
            leader = self.nodes.iter().position(|n| n.uuid() == peer);
        }
        leader.expect("a leader among the nodes")
    }

    /// Lets stragglers (LEADER events of elections overtaken by a later
    /// one) arrive, and drops every event waiting.
    fn settle(&mut self) {
        std::thread::sleep(Duration::from_millis(50));
        for (node, told) in self.nodes.iter().zip(&mut self.told) {
            *told = None;
            while node.recv_event_timeout(Duration::ZERO).is_ok() {}
        }
    }
}

fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1e6
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("a number"))
        .collect();
    let [count, cycles, baseport] = args[..] else {
        panic!("usage: zre_elect NODES(>=3) CYCLES BASEPORT");
    };
    assert!(count >= 3, "NODES must be 3 or more");
    let baseport = u16::try_from(baseport).expect("a port");
    let nodes: Vec<Node> = (0..count)
        .map(|i| {
            loopback_node(i, baseport, |node| {
                node.set_contest_in_group("G").expect("contest")
            })
        })
        .collect();
    let mut group = Group {
        nodes,
        told: vec![None; count],
    };
    for i in 0..count {
        for _ in 1..count {
            group.next(i, "ENTER");
        }
    }
    // One at a time into G: node i's JOIN starts an election among 0..=i.
    let mut leader = 0;
    for i in 0..count {
        group.nodes[i].join("G").expect("join");
        for j in (0..count).filter(|&j| j != i) {
            group.next(j, "JOIN");
        }
        if i > 0 {
            leader = group.leader_told(i + 1, None);
            group.settle();
        }
    }
    let (mut leave, mut join) = (Vec::new(), Vec::new());
    for _ in 0..cycles {
        let started = Instant::now();
        group.nodes[leader].leave("G").expect("leave");
        group.leader_told(count, Some(leader));
        leave.push(started.elapsed());
        group.settle();
        let started = Instant::now();
        group.nodes[leader].join("G").expect("join");
        leader = group.leader_told(count, None);
        join.push(started.elapsed());
        group.settle();
    }
    println!("leave_median_us {:.1}", median(leave));
    println!("join_median_us {:.1}", median(join));
}
