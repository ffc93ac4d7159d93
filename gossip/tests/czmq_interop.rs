//! Interop with the real CZMQ 4.2.1 zgossip (Debian's libczmq-dev): our
//! `zgossip` node and a small C program on CZMQ's own zgossip exchange tuples
//! both ways, each as server and as client, through a mixed chain, and after
//! restarts. Ignored in the plain `cargo test`; `.ci/run` installs
//! libczmq-dev and runs them with `--ignored`. They fail loudly without it.

mod common;

use std::process::Command;
use std::time::Duration;

use common::Node;

/// A CZMQ node (tests/interop/czmq_node.c).
trait Czmq {
    fn czmq(args: &[&str]) -> Node;
}

impl Czmq for Node {
    fn czmq(args: &[&str]) -> Node {
        let mut cmd = Command::new(common::czmq_node_binary());
        cmd.args(args);
        Node::spawn(cmd)
    }
}

/// Where a server that restarts on its own port binds: outside the range
/// that `tcp://127.0.0.1:*` scans from 49152 (lowest free port first), so a
/// port released for the restart is not taken by a parallel test's node in
/// the meantime, and below Linux's ephemeral ports (32768-60999).
const RESTART_BIND: &str = "tcp://127.0.0.1:![30000-32767]";

#[test]
#[ignore = "needs libczmq-dev; run by .ci/run"]
fn rust_server_and_czmq_client_exchange_tuples() {
    let mut server = Node::ours(&["--bind", "tcp://127.0.0.1:*", "--publish", "from-rust=1"]);
    let ep = server.endpoint();
    let mut client = Node::czmq(&["--connect", &ep, "--publish", "from-czmq=2"]);
    client.expect_delivery("from-rust", "1");
    server.expect_delivery("from-czmq", "2");
    // Later publishes flow too, while the session is kept alive.
    client.command("PUBLISH later czmq-value");
    server.expect_delivery("later", "czmq-value");
}

#[test]
#[ignore = "needs libczmq-dev; run by .ci/run"]
fn czmq_server_and_rust_client_exchange_tuples() {
    let mut server = Node::czmq(&["--bind", "tcp://127.0.0.1:*", "--publish", "from-czmq=1"]);
    let ep = server.endpoint();
    let mut client = Node::ours(&["--connect", &ep, "--publish", "from-rust=2"]);
    client.expect_delivery("from-czmq", "1");
    server.expect_delivery("from-rust", "2");
}

#[test]
#[ignore = "needs libczmq-dev; run by .ci/run"]
fn our_client_keeps_its_session_with_a_czmq_server_alive() {
    // CZMQ's server forgets clients silent for 1 s; CZMQ's own client never
    // PINGs and loses tuples published after a pause. Ours PINGs.
    let mut server = Node::czmq(&["--bind", "tcp://127.0.0.1:*"]);
    let ep = server.endpoint();
    let mut client = Node::ours(&["--connect", &ep, "--publish", "early=1"]);
    server.expect_delivery("early", "1");
    std::thread::sleep(Duration::from_millis(2500));
    server.command("PUBLISH after-pause czmq");
    client.expect_delivery("after-pause", "czmq");
}

#[test]
#[ignore = "needs libczmq-dev; run by .ci/run"]
fn mixed_chain_of_three_nodes_converges() {
    // CZMQ (server) <- ours (client + server) <- CZMQ (client)
    let mut head = Node::czmq(&["--bind", "tcp://127.0.0.1:*", "--publish", "head=h"]);
    let head_ep = head.endpoint();
    let mut middle = Node::ours(&[
        "--bind",
        "tcp://127.0.0.1:*",
        "--connect",
        &head_ep,
        "--publish",
        "middle=m",
    ]);
    let middle_ep = middle.endpoint();
    let mut tail = Node::czmq(&["--connect", &middle_ep, "--publish", "tail=t"]);
    tail.expect_delivery("head", "h");
    tail.expect_delivery("middle", "m");
    head.expect_delivery("tail", "t");
    head.expect_delivery("middle", "m");
    middle.expect_delivery("head", "h");
    middle.expect_delivery("tail", "t");
}

#[test]
#[ignore = "needs libczmq-dev; run by .ci/run"]
fn czmq_client_resyncs_after_our_server_restarts() {
    let mut server = Node::ours(&["--bind", RESTART_BIND, "--publish", "first=1"]);
    let ep = server.endpoint();
    let mut client = Node::czmq(&["--connect", &ep, "--publish", "kept=k"]);
    server.expect_delivery("kept", "k");
    client.expect_delivery("first", "1");
    drop(server);
    // Same endpoint, new process: the client reconnects, says HELLO and
    // re-publishes its tuples; the new server's tuple reaches the client.
    let mut server = Node::ours(&["--bind", &ep, "--publish", "second=2"]);
    assert_eq!(server.endpoint(), ep);
    server.expect_delivery("kept", "k");
    client.expect_delivery("second", "2");
}

#[test]
#[ignore = "needs libczmq-dev; run by .ci/run"]
fn our_client_resyncs_after_a_czmq_server_restarts() {
    let mut server = Node::czmq(&["--bind", RESTART_BIND, "--publish", "first=1"]);
    let ep = server.endpoint();
    let mut client = Node::ours(&["--connect", &ep, "--publish", "kept=k"]);
    server.expect_delivery("kept", "k");
    client.expect_delivery("first", "1");
    drop(server);
    let mut server = Node::czmq(&["--bind", &ep, "--publish", "second=2"]);
    server.expect_delivery("kept", "k");
    client.expect_delivery("second", "2");
}

#[test]
#[ignore = "needs libczmq-dev; run by .ci/run"]
fn a_stale_ttl_relayed_by_czmq_does_not_expire_our_tuples() {
    // A CZMQ server stamps every PUBLISH it sends with the ttl of the last
    // PUBLISH it decoded from any client. Our nodes must not take that for
    // the tuple's own ttl.
    let mut server = Node::czmq(&["--bind", "tcp://127.0.0.1:*"]);
    let ep = server.endpoint();
    let mut a = Node::ours(&["--connect", &ep, "--publish", "forever=1"]);
    server.expect_delivery("forever", "1");
    drop(a.stdin.take());
    let mut a_ttl = Node::ours(&["--connect", &ep, "--publish", "short=s", "--ttl", "300"]);
    server.expect_delivery("short", "s");
    // b hears both from the CZMQ server, each with the stale ttl 300.
    let mut b = Node::ours(&["--connect", &ep, "--duration", "1500", "--dump"]);
    b.expect_delivery("forever", "1");
    b.wait_for("final dump", |l| l == "TUPLE forever 1");
    a_ttl.expect_delivery("forever", "1");
}

#[test]
#[ignore = "needs libczmq-dev; run by .ci/run"]
fn our_node_between_czmq_nodes_does_not_feed_a_value_storm() {
    // CZMQ (server) <- ours (client + server) <- CZMQ (client). Conflicting
    // values for one key published at both ends at once: among CZMQ nodes
    // alone this ping-pongs forever (~26,000 DELIVERs/s, spec §2.3).
    let mut head = Node::czmq(&["--bind", "tcp://127.0.0.1:*"]);
    let head_ep = head.endpoint();
    let mut middle = Node::ours(&["--bind", "tcp://127.0.0.1:*", "--connect", &head_ep]);
    let middle_ep = middle.endpoint();
    let mut tail = Node::czmq(&["--connect", &middle_ep, "--publish", "warmup=1"]);
    head.expect_delivery("warmup", "1");
    head.command("PUBLISH k from-head");
    tail.command("PUBLISH k from-tail");
    let period = Duration::from_secs(2);
    let is_k = |l: &str| l.starts_with("DELIVER k ");
    let at_middle = middle.count_for(period, is_k);
    let at_head = head.count_for(Duration::from_millis(10), is_k);
    let at_tail = tail.count_for(Duration::from_millis(10), is_k);
    assert!(at_middle <= 6, "our node delivered k {at_middle} times");
    assert!(
        at_head <= 6 && at_tail <= 6,
        "a storm went on: head {at_head}, tail {at_tail}"
    );
}
