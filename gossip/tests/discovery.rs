//! Gossip clusters formed by discovery beacons alone, on loopback.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gossip::Gossip;

const WAIT: Duration = Duration::from_secs(10);

/// A UDP port for this test's beacons (each test its own).
fn beacon_port(offset: u16) -> u16 {
    21_000 + (std::process::id() % 4000) as u16 + offset
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + WAIT;
    while !ok() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn node(name: &str, port: u16) -> Gossip {
    let g = Gossip::new(name).unwrap();
    g.bind("tcp://127.0.0.1:0").unwrap();
    g.discover(
        port,
        Duration::from_millis(100),
        Duration::from_millis(1500),
    )
    .unwrap();
    g
}

#[test]
fn nodes_find_each_other_converge_and_forget_a_node_that_exits() {
    czmq::zsys::set_interface("lo");
    let port = beacon_port(0);
    let started = Instant::now();
    let nodes: Vec<Gossip> = (0..3).map(|i| node(&format!("d{i}"), port)).collect();
    wait_until("every node to see the other two", || {
        nodes.iter().all(|n| n.peers().unwrap() == 2)
    });
    let seen_after = started.elapsed();
    assert!(
        seen_after < Duration::from_secs(2),
        "discovery took {seen_after:?}"
    );
    for (i, n) in nodes.iter().enumerate() {
        n.publish(format!("from-{i}"), "hello").unwrap();
    }
    wait_until("convergence", || {
        nodes.iter().all(|n| n.status().unwrap() == 3)
    });

    // One node leaves: it says EXIT, the others drop it at once.
    let mut nodes = nodes;
    let leaving = nodes.pop().unwrap();
    let left_at = Instant::now();
    drop(leaving);
    wait_until("the EXIT to be noticed", || {
        nodes.iter().all(|n| n.peers().unwrap() == 1)
    });
    assert!(
        left_at.elapsed() < Duration::from_millis(1000),
        "EXIT noticed after {:?}",
        left_at.elapsed()
    );
}

#[test]
fn a_silent_peer_is_dropped_after_the_timeout() {
    czmq::zsys::set_interface("lo");
    let port = beacon_port(1);
    let watcher = node("watcher", port);
    let mut victim = Command::new(env!("CARGO_BIN_EXE_zgossip"))
        .args([
            "--bind",
            "tcp://127.0.0.1:0",
            "--discover",
            &port.to_string(),
        ])
        .args(["--beacon-interval", "100", "--peer-timeout", "1500"])
        .env("ZSYS_INTERFACE", "lo")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_until("the watcher to see the victim", || {
        watcher.peers().unwrap() == 1
    });
    // SIGKILL: no EXIT beacon, just silence.
    victim.kill().unwrap();
    victim.wait().unwrap();
    let killed_at = Instant::now();
    wait_until("the silent peer to be dropped", || {
        watcher.peers().unwrap() == 0
    });
    let after = killed_at.elapsed();
    assert!(
        after >= Duration::from_millis(1000),
        "dropped too early: {after:?}"
    );
}

#[test]
fn discover_needs_a_bound_port() {
    let g = Gossip::new("unbound").unwrap();
    assert!(g
        .discover(
            beacon_port(2),
            Duration::from_millis(100),
            Duration::from_secs(1)
        )
        .is_err());
}
