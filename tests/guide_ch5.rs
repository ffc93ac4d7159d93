//! The Guide's chapter 5 advanced pub-sub patterns, run as processes.

mod support;

use std::time::Duration;

use support::{example, free_port, Proc};

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

#[test]
fn last_value_cache_answers_a_late_subscriber_at_once() {
    let (front, back) = (free_port(), free_port());
    let mut cache = example("lvcache");
    cache.args([tcp(front), tcp(back)]);
    let _cache = Proc::spawn(cache);
    let mut publisher = example("pathopub");
    publisher.arg(tcp(front));
    let _publisher = Proc::spawn(publisher);
    // pathopub waits 1 s, then publishes all 1000 topics once.
    std::thread::sleep(Duration::from_millis(2000));
    let mut subscriber = example("pathosub");
    subscriber.args([tcp(back), "042".into(), "1".into()]);
    let subscriber = Proc::spawn(subscriber);
    // The cache answers at once; pathopub alone would need ~1000 s to
    // repeat a given topic.
    let (ok, out) = subscriber.finish(Duration::from_secs(5));
    assert!(ok, "{out}");
    assert_eq!(out, "042: Save Roger\n");
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
