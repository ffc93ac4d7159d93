//! The Guide's chapter 5 advanced pub-sub patterns, run as processes.

mod support;

use std::time::Duration;

use czmq::Sock;
use support::{example, free_port, Proc, Watched};

fn tcp(port: u16) -> String {
    format!("tcp://127.0.0.1:{port}")
}

#[test]
fn espresso_listener_sees_subscriptions_and_data() {
    let (publ, proxy) = (free_port(), free_port());
    let mut espresso = example("espresso");
    espresso.args([publ.to_string(), proxy.to_string()]);
    let (ok, out) = Proc::spawn(espresso).finish(Duration::from_secs(30));
    assert!(ok, "{out}");
    // The subscriptions to "A" and "B" pass the proxy as 0x01 + topic.
    assert!(out.contains("[002] 0141"), "{out}");
    assert!(out.contains("[002] 0142"), "{out}");
    // Data on the subscribed topics, as "<letter>-<5 digits>".
    assert!(
        out.lines()
            .any(|l| l.starts_with("[007] A-") || l.starts_with("[007] B-")),
        "{out}"
    );
    assert!(out.ends_with("I: subscriber got 5 messages\n"), "{out}");
}

/// Publishes `probe` on `publisher` until `watcher` (subscribed to "probe"
/// behind the cache) sees it: the whole path publisher → cache → subscriber
/// is up. Bounded to 200 tries of 100 ms.
fn until_probe_passes(publisher: &Sock, watcher: &Sock, probe: &str) {
    for _ in 0..200 {
        publisher.send_strs(&["probe", probe]).expect("send probe");
        match watcher.recv_strs() {
            Ok(msg) if msg == ["probe", probe] => return,
            Ok(_) => continue,
            Err(_) => continue, // receive timeout: try again
        }
    }
    panic!("probe {probe} never crossed the cache");
}

#[test]
fn last_value_cache_answers_a_late_subscriber_at_once() {
    let (front, back) = (free_port(), free_port());
    let mut cache = example("lvcache");
    cache.args([tcp(front), tcp(back)]);
    let _cache = Proc::spawn(cache);

    // The test publishes (pathopub's random updates would make the cached
    // value a matter of chance) and watches the probe topic behind the cache.
    let publisher = Sock::new_pub(Some(&format!(">{}", tcp(front)))).expect("pub");
    let watcher = Sock::new_sub(Some(&tcp(back)), Some("probe")).expect("sub");
    watcher
        .as_socket()
        .set_rcvtimeo(Some(Duration::from_millis(100)))
        .expect("rcvtimeo");
    until_probe_passes(&publisher, &watcher, "ready");
    publisher.send_strs(&["042", "Save Roger"]).expect("send");
    // One publisher's messages stay in order, so once this probe is through
    // the cache has stored topic 042.
    until_probe_passes(&publisher, &watcher, "stored");

    // Nothing publishes 042 again: only the cache can answer.
    let mut subscriber = example("pathosub");
    subscriber.args([tcp(back), "042".into(), "1".into()]);
    let (ok, out) = Proc::spawn(subscriber).finish(Duration::from_secs(20));
    assert!(ok, "{out}");
    assert_eq!(out, "042: Save Roger\n");
}

#[test]
fn pathological_publisher_sweeps_every_topic_then_updates_at_random() {
    let port = free_port();
    let subscriber = Sock::new_sub(Some(&format!("@{}", tcp(port))), Some("")).expect("sub");
    subscriber
        .as_socket()
        .set_rcvtimeo(Some(Duration::from_secs(10)))
        .expect("rcvtimeo");
    let mut publisher = example("pathopub");
    publisher.arg(tcp(port));
    let _publisher = Proc::spawn(publisher);

    // pathopub gives subscribers 1 s to connect, then sweeps "000".."999"
    // once. On a slow machine the subscription may land mid-sweep, so what
    // arrives is a tail of the sweep (usually all of it), then updates.
    let mut expected_next: Option<u32> = None;
    for _ in 0..1001 {
        let msg = subscriber.recv_strs().expect("a message within 10 s");
        let [topic, value] = <[String; 2]>::try_from(msg).expect("two frames");
        assert_eq!(topic.len(), 3, "{topic}");
        let n: u32 = topic.parse().expect("a 3-digit topic");
        if value == "Off with his head!" {
            assert!(
                expected_next.is_none_or(|next| next == 1000),
                "update at {topic} before the sweep ended at {expected_next:?}"
            );
            return;
        }
        assert_eq!(value, "Save Roger");
        if let Some(next) = expected_next {
            assert_eq!(n, next, "the sweep skipped a topic");
        }
        expected_next = Some(n + 1);
    }
    panic!("no random update after the sweep");
}

#[test]
fn suicidal_snail_subscriber_detects_it_is_too_slow() {
    let mut snail = example("suisnail");
    snail.arg(tcp(free_port()));
    let (ok, out) = Proc::spawn(snail).finish(Duration::from_secs(30));
    assert!(ok, "{out}");
    assert_eq!(
        out,
        "E: subscriber cannot keep up, aborting\ngone and died\n"
    );
}

#[test]
fn clone_clients_share_one_store_through_the_server() {
    let endpoints: Vec<String> = (0..3).map(|_| tcp(free_port())).collect();
    let mut server = example("clonesrv3");
    server.args(&endpoints);
    let _server = Proc::spawn(server);
    std::thread::sleep(Duration::from_millis(200));

    let client = |updates: &str| {
        let mut c = example("clonecli3");
        c.args(&endpoints).arg(updates);
        Proc::spawn(c).finish(Duration::from_secs(30))
    };
    let (ok, first) = client("3");
    assert!(ok, "{first}");
    assert!(first.starts_with("I: received snapshot=0\n"), "{first}");
    for n in 1..=3 {
        assert!(
            first.contains(&format!("I: received update={n}\n")),
            "{first}"
        );
    }
    assert!(first.contains("at update 3\n"), "{first}");
    // A later client starts from the snapshot, then adds its own update.
    let (ok, second) = client("1");
    assert!(ok, "{second}");
    assert!(second.starts_with("I: received snapshot=3\n"), "{second}");
    assert!(second.contains("I: received update=4\n"), "{second}");
    assert!(!second.contains("update=3"), "{second}");
}

#[test]
fn clone_model_5_expires_ephemeral_values_and_snapshots_a_subtree() {
    let endpoints: Vec<String> = (0..3).map(|_| tcp(free_port())).collect();
    let mut server = example("clonesrv5");
    server.args(&endpoints);
    let _server = Proc::spawn(server);
    std::thread::sleep(Duration::from_millis(200));
    let client = |args: &[&str]| {
        let mut c = example("clonecli5");
        c.args(&endpoints).args(args);
        Proc::spawn(c).finish(Duration::from_secs(30))
    };

    // Three values that live 2 s: the client sees them come and go.
    let (ok, out) = client(&["3", "2"]);
    assert!(ok, "{out}");
    assert!(out.starts_with("I: received snapshot=0\n"), "{out}");
    for n in 1..=3 {
        assert!(out.contains(&format!("I: received update={n}\n")), "{out}");
    }
    assert!(out.contains("I: received delete="), "{out}");
    // One value that lives a minute.
    let (ok, out) = client(&["1", "60"]);
    assert!(ok, "{out}");
    // Once the short-lived ones are gone, a new client's snapshot holds
    // just the long-lived one.
    std::thread::sleep(Duration::from_millis(3000));
    let (ok, out) = client(&["0"]);
    assert!(ok, "{out}");
    assert!(out.contains("I: store has 1 entries"), "{out}");
}

/// The first of `n` consecutive TCP ports leased to this test process
/// (model 6 servers use port, port + 1 and port + 2).
fn free_ports(n: u16) -> u16 {
    support::ports::lease_ports(n)
}

#[test]
fn clone_model_6_client_fails_over_to_the_backup_with_the_store() {
    let (primary, backup) = (free_ports(3), free_ports(3));
    let (primary_state, backup_state) = (free_port(), free_port());
    let server = |flag: &str, me: u16, peer: u16, state: u16, peer_state: u16| {
        let mut s = example("clonesrv6");
        s.arg(flag)
            .args([me, peer, state, peer_state].map(|p| p.to_string()));
        Watched::spawn(s)
    };
    let first = server("-p", primary, backup, primary_state, backup_state);
    let second = server("-b", backup, primary, backup_state, primary_state);
    let settle = Duration::from_secs(20);
    second.wait_for("I: connected to primary (active), ready passive", settle);
    let mut client = example("clonecli6");
    client.args([
        "tcp://127.0.0.1".to_string(),
        primary.to_string(),
        backup.to_string(),
    ]);
    client.args(["12", "60"]);
    let client = Watched::spawn(client);
    let from = |port: u16| format!("I: received from tcp://127.0.0.1:{port} ");
    // The primary dies once the client has seen four of its updates.
    client.wait_for(&format!("{}update=4\n", from(primary)), settle);
    drop(first);

    let (ok, out) = client.finish(Duration::from_secs(40));
    assert!(ok, "{out}");
    assert!(
        out.contains(&format!("{}snapshot=0\n", from(primary))),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "I: server at tcp://127.0.0.1:{primary} didn't give HUGZ"
        )),
        "{out}"
    );
    // The backup's snapshot holds every update so far, those it followed
    // from the primary and those it held pending; then it publishes.
    let snapshot: i64 = out
        .split(&format!("{}snapshot=", from(backup)))
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no snapshot from the backup in {out}"));
    assert!(snapshot >= 4, "{out}");
    assert!(
        out.contains(&format!("{}update={}\n", from(backup), snapshot + 1)),
        "{out}"
    );
    assert!(!out.contains("delete"), "{out}");
    let log = second.stop();
    assert!(
        log.contains("I: failover successful, ready active"),
        "{log}"
    );
    assert!(log.contains("I: publishing pending="), "{log}");
    assert!(!log.contains("I: publishing delete="), "{log}");
}

#[test]
fn clone_model_1_client_mirrors_the_servers_store() {
    let endpoint = tcp(free_port());
    let mut client = example("clonecli1");
    client.args([endpoint.clone(), "3000".into()]);
    let client = Proc::spawn(client);
    // The client is connected before the first update goes out.
    std::thread::sleep(Duration::from_millis(300));
    let mut server = example("clonesrv1");
    server.args([endpoint, "3000".into()]);
    let (ok, server_out) = Proc::spawn(server).finish(Duration::from_secs(30));
    assert!(ok, "{server_out}");
    let (ok, client_out) = client.finish(Duration::from_secs(30));
    assert!(ok, "{client_out}");
    let keys = server_out
        .strip_prefix("3000 messages out, ")
        .and_then(|rest| rest.split(' ').next())
        .unwrap_or_else(|| panic!("{server_out}"));
    assert_eq!(
        client_out,
        format!("3000 messages in, {keys} keys, all in order\n")
    );
}

#[test]
fn clone_model_2_late_client_starts_from_a_snapshot() {
    let (snapshot, publisher) = (tcp(free_port()), tcp(free_port()));
    let mut server = example("clonesrv2");
    server.args([snapshot.clone(), publisher.clone(), "500".into()]);
    let _server = Proc::spawn(server);
    // Join late: the server has published for a while.
    std::thread::sleep(Duration::from_millis(1000));
    let mut client = example("clonecli2");
    client.args([snapshot, publisher, "200".into()]);
    let (ok, out) = Proc::spawn(client).finish(Duration::from_secs(30));
    assert!(ok, "{out}");
    let at: i64 = out
        .strip_prefix("Received snapshot=")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no snapshot in {out}"));
    assert!(at > 0, "{out}");
    assert!(!out.contains("E: missed"), "{out}");
    assert!(out.contains(&format!("at update {}\n", at + 200)), "{out}");
}

#[test]
fn clone_model_4_client_sees_only_its_subtree() {
    let endpoints: Vec<String> = (0..3).map(|_| tcp(free_port())).collect();
    let mut server = example("clonesrv4");
    server.args(&endpoints);
    let _server = Proc::spawn(server);
    std::thread::sleep(Duration::from_millis(200));
    let client = |name: &str, updates: &str| {
        let mut c = example(name);
        c.args(&endpoints).arg(updates);
        Proc::spawn(c).finish(Duration::from_secs(30))
    };
    // Two updates outside the subtree, from a model 3 client.
    let (ok, out) = client("clonecli3", "2");
    assert!(ok, "{out}");
    assert!(out.contains("store has 2 entries at update 2"), "{out}");
    // The subtree client's snapshot is empty; it sees its own two updates.
    let (ok, out) = client("clonecli4", "2");
    assert!(ok, "{out}");
    assert!(out.starts_with("I: received snapshot=2\n"), "{out}");
    assert!(out.contains("I: received update=3\n"), "{out}");
    assert!(
        out.ends_with("I: store has 2 entries at update 4\n"),
        "{out}"
    );
}
