//! Deliveries (feature `tokio`): a node's deliveries as a tokio stream,
//! with futures dropped on purpose, requests interleaved, and the
//! gossip_tokio example driven end to end. Every wait is bounded.
#![cfg(all(feature = "tokio", unix))]

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use futures::StreamExt;
use gossip::{Deliveries, Delivery, Gossip};
use tokio::time::timeout;

const WAIT: Duration = Duration::from_secs(20);

/// A server node wrapped as a stream, and a client connected to it.
fn pair(name: &str) -> (Deliveries, Gossip) {
    let server = Deliveries::new(Gossip::new(&format!("{name}-server")).unwrap()).unwrap();
    let port = server.gossip().bind("tcp://127.0.0.1:0").unwrap();
    let client = Gossip::new(&format!("{name}-client")).unwrap();
    client.connect(&format!("tcp://127.0.0.1:{port}")).unwrap();
    (server, client)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_tuple_arrives_once_despite_cancellation_and_requests() {
    let (mut server, client) = pair("stream-all");
    const N: usize = 500;
    const BATCH: usize = 50;
    let mut seen = BTreeSet::new();
    let deadline = Instant::now() + WAIT;
    let mut cancelled = 0;
    let mut turn = 0u32;
    for batch in 0..N / BATCH {
        // All caught up: a wait now finds nothing and is dropped, and the
        // next batch must still wake the stream.
        assert!(timeout(Duration::from_millis(5), server.next())
            .await
            .is_err());
        cancelled += 1;
        for i in batch * BATCH..(batch + 1) * BATCH {
            client.publish(format!("k{i:04}"), format!("v{i}")).unwrap();
        }
        while seen.len() < (batch + 1) * BATCH {
            assert!(
                Instant::now() < deadline,
                "only {} of {N} in time",
                seen.len()
            );
            turn += 1;
            // Every 20th turn a request reads the pipe itself; deliveries it
            // finds ahead of its reply must come out of the stream next.
            if turn.is_multiple_of(20) {
                server.gossip().status().unwrap();
            }
            // Short timers drop next() futures that are still waiting.
            let wait = Duration::from_micros(u64::from(turn % 4) * 100);
            match timeout(wait, server.next()).await {
                Ok(Some(Delivery::Tuple { key, value })) => {
                    let key = String::from_utf8(key).unwrap();
                    let i: usize = key[1..].parse().unwrap();
                    assert_eq!(value, format!("v{i}").as_bytes());
                    assert!(seen.insert(key.clone()), "{key} delivered twice");
                }
                Ok(other) => panic!("unexpected {other:?}"),
                Err(_) => cancelled += 1,
            }
        }
    }
    assert!(cancelled >= N / BATCH);
    assert_eq!(server.gossip().status().unwrap(), N);
    // A deletion arrives as Removed.
    client.delete("k0007").unwrap();
    let removed = timeout(WAIT, server.next()).await.expect("in time");
    assert_eq!(
        removed,
        Some(Delivery::Removed {
            key: b"k0007".to_vec()
        })
    );
}

#[tokio::test(flavor = "current_thread")]
async fn the_node_keeps_serving_through_its_stream() {
    let (server, client) = pair("stream-inner");
    client.publish("one", "1").unwrap();
    let mut server = server;
    let first = timeout(WAIT, server.next()).await.expect("in time");
    assert_eq!(
        first,
        Some(Delivery::Tuple {
            key: b"one".to_vec(),
            value: b"1".to_vec()
        })
    );
    // Back to the blocking API: nothing is lost in the hand-over.
    let node = server.into_inner();
    client.publish("two", "2").unwrap();
    let second = node.recv_delivery(WAIT).unwrap();
    assert_eq!(
        second,
        Some(Delivery::Tuple {
            key: b"two".to_vec(),
            value: b"2".to_vec()
        })
    );
}

#[test]
fn deliveries_need_a_runtime() {
    let err = Deliveries::new(Gossip::new("stream-no-rt").unwrap()).err();
    assert_eq!(err, Some(czmq::Error::NotSupported));
}

#[test]
fn the_tokio_example_answers_pings_and_stops() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let examples = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(|d| d.parent())
        .unwrap()
        .join("examples");
    let mut program = Command::new(examples.join("gossip_tokio"))
        .arg("tcp://127.0.0.1:0")
        .stdout(Stdio::piped())
        .spawn()
        .expect("cargo builds the examples of the features under test");
    // Lines arrive through a channel, so every wait for one is bounded.
    let stdout = program.stdout.take().unwrap();
    let (tx, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let bound = lines.recv_timeout(WAIT).expect("BOUND line in time");
    let endpoint = bound.strip_prefix("BOUND ").unwrap().to_string();
    let peer = Gossip::new("stream-example-peer").unwrap();
    peer.connect(&endpoint).unwrap();
    for i in 0..5 {
        peer.publish(format!("ping/{i}"), format!("hello {i}"))
            .unwrap();
    }
    let mut pongs = BTreeSet::new();
    let deadline = Instant::now() + WAIT;
    while pongs.len() < 5 && Instant::now() < deadline {
        if let Some(Delivery::Tuple { key, value }) =
            peer.recv_delivery(Duration::from_millis(200)).unwrap()
        {
            let key = String::from_utf8(key).unwrap();
            if let Some(n) = key.strip_prefix("pong/") {
                assert_eq!(value, format!("hello {n}").as_bytes());
                pongs.insert(n.to_string());
            }
        }
    }
    assert_eq!(pongs.len(), 5, "five pongs within {WAIT:?}");
    peer.publish("stop", "").unwrap();
    let mut rest = Vec::new();
    let deadline = Instant::now() + WAIT;
    while !rest.iter().any(|l: &String| l.starts_with("ANSWERED")) {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) => rest.push(line),
            Err(_) => {
                let _ = program.kill();
                panic!("the example did not stop in time: {rest:?}");
            }
        }
    }
    assert!(program.wait().unwrap().success());
    assert!(rest.iter().any(|l| l == "ANSWERED 5"), "{rest:?}");
}
