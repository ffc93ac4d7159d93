//! No delivery is lost to a request, and no request blocks for good: the
//! actor's replies and its deliveries share one pipe, so a request that
//! reads past deliveries must keep them (issue: `status()` while tuples
//! arrive lost 218 of 500 deliveries), and a request to an actor that has
//! ended must fail instead of waiting forever (`zgossip --dump` on SIGTERM).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use czmq::Error;
use gossip::{Delivery, Gossip};

const TUPLES: usize = 10_000;
const LIMIT: Duration = Duration::from_secs(120);

/// A small deterministic generator (xorshift), so a failing interleaving of
/// requests and receives can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn flood_and_interleave(seed: u64) {
    let server = Gossip::new("flood-server").unwrap();
    let port = server.bind("tcp://127.0.0.1:0").unwrap();
    let client = Gossip::new("flood-client").unwrap();
    client.connect(&format!("tcp://127.0.0.1:{port}")).unwrap();

    // The publisher floods from its own thread while this thread mixes
    // requests with receives on the server.
    let publisher = std::thread::spawn(move || {
        for i in 0..TUPLES {
            client
                .publish(format!("key-{i}"), format!("value-{i}"))
                .unwrap();
        }
        client
    });

    let mut rng = Rng(seed);
    let mut seen: HashMap<Vec<u8>, usize> = HashMap::new();
    let start = Instant::now();
    let mut requests = 0usize;
    while seen.len() < TUPLES && start.elapsed() < LIMIT {
        // Mostly receives, with a request every few turns; TUPLES (up to
        // 20,000 frames a reply) now and then.
        match rng.next() % 64 {
            1..=12 => {
                let n = server.status().unwrap();
                assert!(n <= TUPLES, "status {n}");
                requests += 1;
            }
            0 => {
                let held = server.tuples().unwrap();
                assert!(held.len() <= TUPLES);
                requests += 1;
            }
            13..=15 => {
                server.stats().unwrap();
                requests += 1;
            }
            _ => {
                let wait = Duration::from_millis(rng.next() % 2);
                if let Some(delivery) = server.recv_delivery(wait).unwrap() {
                    let Delivery::Tuple { key, value } = delivery else {
                        panic!("unexpected {delivery:?}");
                    };
                    let i: usize = std::str::from_utf8(&key[4..]).unwrap().parse().unwrap();
                    assert_eq!(value, format!("value-{i}").into_bytes());
                    *seen.entry(key).or_default() += 1;
                }
            }
        }
    }
    let client = publisher.join().unwrap();
    // Everything held was delivered, and nothing twice.
    assert_eq!(seen.len(), TUPLES, "seed {seed}: {requests} requests");
    assert!(
        seen.values().all(|&n| n == 1),
        "seed {seed}: a tuple was delivered twice"
    );
    assert_eq!(server.status().unwrap(), TUPLES);
    // Nothing more is pending once all were handed out.
    assert_eq!(server.pending(), 0);
    assert_eq!(
        server.recv_delivery(Duration::from_millis(50)).unwrap(),
        None
    );
    drop(client);
}

#[test]
fn every_tuple_is_delivered_exactly_once_while_requests_interleave() {
    for seed in [0x9e37_79b9_7f4a_7c15, 0x2545_f491_4f6c_dd1d] {
        flood_and_interleave(seed);
    }
}

#[test]
fn a_request_to_an_actor_that_has_ended_fails_at_once() {
    let node = Gossip::new("ended").unwrap();
    // End the actor behind the typed API's back, as SIGINT does.
    node.actor().sock().send_parts(&[b"$TERM"]).unwrap();
    let start = Instant::now();
    let outcome = loop {
        match node.status() {
            // The actor may still answer if it read STATUS before $TERM.
            Ok(_) if start.elapsed() < Duration::from_secs(10) => continue,
            other => break other,
        }
    };
    assert!(
        matches!(outcome, Err(Error::Disconnected(_))),
        "got {outcome:?}"
    );
    // Far below the default reply timeout: the dead actor was noticed.
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}
