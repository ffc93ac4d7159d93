//! WHISPER round trip and one-way throughput between two nodes on one host,
//! over same-host ipc and over tcp (loopback beacons find the peers).
//!
//! `cargo run --release -p zre --example whisper_rtt [udp-port] [round-trips]`

use std::time::{Duration, Instant};

use czmq::BeaconSettings;
use zre::{Event, Node, PeerId};

const PATIENCE: Duration = Duration::from_secs(20);
const STREAM: usize = 100_000;

fn node(name: &str, udp: u16, ipc: bool) -> Node {
    let mut settings = BeaconSettings::from_zsys();
    settings.interface = "lo".into();
    settings.ipv6 = false;
    settings.ipv4_mcast_address = None;
    let mut node = Node::new(name).expect("node");
    node.set_beacon(settings, udp).expect("set");
    node.set_beacon_interval(Duration::from_millis(100))
        .expect("set");
    node.set_same_host_ipc(ipc).expect("set");
    node.start().expect("start");
    node
}

fn enter(node: &Node, peer: PeerId) {
    let deadline = Instant::now() + PATIENCE;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        if let Ok(Event::Enter { peer: p, .. }) = node.recv_event_timeout(left) {
            if p == peer {
                return;
            }
        }
    }
    panic!("no ENTER within {PATIENCE:?}");
}

fn next_whisper(node: &Node) -> (PeerId, Vec<Vec<u8>>) {
    loop {
        match node.recv_event_timeout(PATIENCE).expect("a WHISPER") {
            Event::Whisper { peer, content, .. } => return (peer, content),
            _ => continue,
        }
    }
}

/// Median and mean round trip (µs), then one-way WHISPERs a second.
fn run(udp: u16, ipc: bool, rounds: usize) -> (f64, f64, f64) {
    let mut alice = node("alice", udp, ipc);
    let bob = node("bob", udp, ipc);
    let bob_id = bob.uuid();
    enter(&alice, bob_id);
    enter(&bob, alice.uuid());
    let address = alice.peer_address(bob_id).expect("query").expect("known");
    assert_eq!(address.starts_with("ipc://"), ipc, "{address}");
    // bob echoes every WHISPER until told "stream", then counts STREAM more.
    let echo = std::thread::spawn(move || {
        let mut bob = bob;
        loop {
            let (from, content) = next_whisper(&bob);
            if content[0] == b"stream" {
                for _ in 0..STREAM {
                    next_whisper(&bob);
                }
                bob.whisper(from, [b"done".to_vec()]).expect("whisper");
                return bob;
            }
            bob.whisper(from, content).expect("whisper");
        }
    });
    let mut samples = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let sent = Instant::now();
        alice.whisper(bob_id, [vec![0u8; 64]]).expect("whisper");
        next_whisper(&alice);
        samples.push(sent.elapsed().as_secs_f64() * 1e6);
    }
    samples.sort_by(f64::total_cmp);
    let median = samples[samples.len() / 2];
    let mean = samples.iter().sum::<f64>() / samples.len() as f64;
    let started = Instant::now();
    alice
        .whisper(bob_id, [b"stream".to_vec()])
        .expect("whisper");
    for _ in 0..STREAM {
        alice.whisper(bob_id, [vec![0u8; 64]]).expect("whisper");
    }
    next_whisper(&alice);
    let rate = STREAM as f64 / started.elapsed().as_secs_f64();
    drop(echo.join().expect("echo thread"));
    (median, mean, rate)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let udp: u16 = args.next().and_then(|a| a.parse().ok()).unwrap_or(5670);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    for ipc in [true, false] {
        let (median, mean, rate) = run(udp, ipc, rounds);
        let transport = if ipc { "ipc" } else { "tcp" };
        println!(
            "{transport}: round trip median {median:.1} µs, mean {mean:.1} µs ({rounds} rounds); \
             one way {rate:.0} WHISPERs/s (64 B, {STREAM})"
        );
    }
}
