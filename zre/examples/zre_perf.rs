//! WHISPER round trip and SHOUT fan-out between our nodes on loopback, the
//! same measurement as `zre/benches/zyre_perf.c` makes for Zyre 2.0.1 (run
//! both, alternated, with `zre/benches/zyre-vs-ours.sh`).
//!
//! `cargo run --release -p zre --example zre_perf ROUNDS SHOUTS LISTENERS BASEPORT`
//!
//! Node 0 listens at `tcp://127.0.0.1:BASEPORT+1` and is the gossip hub at
//! BASEPORT; node i at BASEPORT+1+i gossip-connects to it. Round trip: node
//! 0 WHISPERs 64 bytes to node 1, which WHISPERs them back; ROUNDS times
//! after 100 warm-up rounds; median in microseconds. Fan-out: LISTENERS
//! nodes join group G, node 0 SHOUTs SHOUTS messages of 64 bytes to G, and
//! the clock stops when every listener has read all of them: SHOUTs sent
//! per second. Prints `rtt_median_us X` and `shout_per_s Y`.

#[path = "support/loopback.rs"]
mod loopback;

use std::time::Instant;

use loopback::{loopback_node, TIMEOUT};
use zre::{Event, Node};

/// Reads events until one of `kind` arrives; returns it.
fn next(node: &Node, kind: &str) -> Event {
    loop {
        let event = node
            .recv_event_timeout(TIMEOUT)
            .unwrap_or_else(|_| panic!("no {kind} within {TIMEOUT:?}"));
        if event.kind() == kind {
            return event;
        }
    }
}

fn expect(node: &Node, kind: &str, count: usize) {
    for _ in 0..count {
        next(node, kind);
    }
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("a number"))
        .collect();
    let [rounds, shouts, listeners, baseport] = args[..] else {
        panic!("usage: zre_perf ROUNDS SHOUTS LISTENERS BASEPORT");
    };
    let baseport = u16::try_from(baseport).expect("a port");
    let count = (listeners + 1).max(2);
    let mut nodes: Vec<Node> = (0..count)
        .map(|i| loopback_node(i, baseport, |_| ()))
        .collect();
    for node in &nodes {
        expect(node, "ENTER", count - 1);
    }

    let (id0, id1) = (nodes[0].uuid(), nodes[1].uuid());
    let mut samples = Vec::with_capacity(rounds);
    for i in 0..rounds + 100 {
        let sent = Instant::now();
        nodes[0].whisper(id1, [vec![0u8; 64]]).expect("whisper");
        let Event::Whisper { content, .. } = next(&nodes[1], "WHISPER") else {
            unreachable!()
        };
        nodes[1].whisper(id0, content).expect("whisper");
        next(&nodes[0], "WHISPER");
        if i >= 100 {
            samples.push(sent.elapsed());
        }
    }
    samples.sort();
    let median = samples[rounds / 2].as_secs_f64() * 1e6;
    println!("rtt_median_us {median:.1}");

    for node in &mut nodes[1..=listeners] {
        node.join("G").expect("join");
    }
    expect(&nodes[0], "JOIN", listeners);
    let started = Instant::now();
    for _ in 0..shouts {
        nodes[0].shout("G", [vec![0u8; 64]]).expect("shout");
    }
    for node in &nodes[1..=listeners] {
        expect(node, "SHOUT", shouts);
    }
    let rate = shouts as f64 / started.elapsed().as_secs_f64();
    println!("shout_per_s {rate:.0}");
}
