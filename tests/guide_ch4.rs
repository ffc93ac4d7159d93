//! The Guide's chapter 4 reliability patterns, run together as processes.

mod support;

use std::io::Read;
use std::time::Duration;

use support::{example, free_port, Proc, Watched};

fn tcp(port: u16) -> String {
    format!("tcp://127.0.0.1:{port}")
}

/// Kills a long-running process and returns what it printed.
fn stop(mut p: Proc) -> String {
    let _ = p.0.kill();
    let _ = p.0.wait();
    let mut out = String::new();
    if let Some(mut o) = p.0.stdout.take() {
        let _ = o.read_to_string(&mut out);
    }
    out
}

/// Asserts that a long-running process (a broker, a queue) is still alive.
fn assert_running(p: &mut Proc, what: &str) {
    assert!(p.0.try_wait().expect("try_wait").is_none(), "{what} exited");
}

#[test]
fn lazy_pirate_client_survives_a_server_restart() {
    let port = free_port();
    let server = |port| {
        let mut s = example("lpserver");
        // crash-after far away: no random chaos, the test does the killing.
        s.args([tcp(port), "1000".into()]).env("LP_WORK_MS", "100");
        Watched::spawn(s)
    };
    let first = server(port);
    let mut client = example("lpclient");
    client
        .args([tcp(port), "12".into()])
        .env("LP_TIMEOUT_MS", "1000");
    let client = Proc::spawn(client);
    // Killed while it works on the third request, which is lost with it.
    first.wait_for("I: normal request (3)", Duration::from_secs(20));
    drop(first);
    // Down for a while: the client times out and retries meanwhile.
    std::thread::sleep(Duration::from_millis(300));
    let second = server(port);
    let (ok, out) = client.finish(Duration::from_secs(30));
    assert!(ok, "{out}");
    for n in 1..=12 {
        assert!(
            out.contains(&format!("I: server replied OK ({n})")),
            "{out}"
        );
    }
    assert!(
        out.contains("W: no response from server, retrying..."),
        "{out}"
    );
    assert!(!out.contains("abandoning"), "{out}");
    drop(second);
}

#[test]
fn lazy_pirate_client_abandons_a_crashed_server() {
    let port = free_port();
    let mut server = example("lpserver");
    server.args([tcp(port), "3".into()]).env("LP_WORK_MS", "10");
    let server = Proc::spawn(server);
    let mut client = example("lpclient");
    client.arg(tcp(port)).env("LP_TIMEOUT_MS", "300");
    let (ok, out) = Proc::spawn(client).finish(Duration::from_secs(20));
    assert!(ok, "{out}");
    assert_eq!(out.matches("server replied OK").count(), 3, "{out}");
    assert_eq!(
        out.matches("W: no response from server, retrying...")
            .count(),
        2,
        "{out}"
    );
    assert!(
        out.ends_with("E: server seems to be offline, abandoning\n"),
        "{out}"
    );
    let (ok, out) = server.finish(Duration::from_secs(5));
    assert!(ok);
    assert!(out.contains("I: simulating a crash"), "{out}");
}

fn md_client(port: u16, requests: u64, service: &str) -> (bool, String) {
    let mut c = example("mdclient");
    c.args([tcp(port), requests.to_string(), service.into()])
        .env("MD_TIMEOUT_MS", "500")
        .env("MD_RETRIES", "2");
    Proc::spawn(c).finish(Duration::from_secs(30))
}

fn mmi_lookup(port: u16, service: &str) -> String {
    let mut c = example("mmiecho");
    c.args([tcp(port), service.into()]);
    let (ok, out) = Proc::spawn(c).finish(Duration::from_secs(20));
    assert!(ok, "{out}");
    out
}

#[test]
fn majordomo_echo_worker_answers_clients_through_the_broker() {
    let port = free_port();
    let mut broker = example("mdbroker");
    broker.arg(tcp(port));
    let mut broker = Proc::spawn(broker);
    let mut worker = example("mdworker");
    worker.arg(tcp(port));
    let _worker = Proc::spawn(worker);
    std::thread::sleep(Duration::from_millis(300));

    let (ok, out) = md_client(port, 20, "echo");
    assert!(ok, "{out}");
    assert!(out.contains("20 requests/replies processed"), "{out}");
    assert!(mmi_lookup(port, "echo").contains("Lookup echo service: 200"));
    // The asynchronous client: all requests out first, then the replies.
    let mut c = example("mdclient2");
    c.args([tcp(port), "1000".into()]);
    let (ok, out) = Proc::spawn(c).finish(Duration::from_secs(30));
    assert!(ok, "{out}");
    assert!(out.contains("1000 replies received"), "{out}");
    assert_running(&mut broker, "broker");
}

#[test]
fn majordomo_unknown_service_gets_no_reply_and_no_crash() {
    let port = free_port();
    let mut broker = example("mdbroker");
    broker.arg(tcp(port));
    let mut broker = Proc::spawn(broker);
    let mut worker = example("mdworker");
    worker.arg(tcp(port));
    let _worker = Proc::spawn(worker);
    std::thread::sleep(Duration::from_millis(300));

    let (ok, out) = md_client(port, 3, "nosuch");
    assert!(ok, "{out}");
    assert!(out.contains("0 requests/replies processed"), "{out}");
    assert!(mmi_lookup(port, "nosuch").contains("Lookup nosuch service: 404"));
    assert_running(&mut broker, "broker");
    // The broker still serves the services it has.
    let (ok, out) = md_client(port, 5, "echo");
    assert!(ok, "{out}");
    assert!(out.contains("5 requests/replies processed"), "{out}");
}

/// A Lazy Pirate client doing `requests` requests against `port`.
fn lp_client(port: u16, requests: u64) -> Proc {
    let mut c = example("lpclient");
    c.args([tcp(port), requests.to_string()])
        .env("LP_TIMEOUT_MS", "1000");
    Proc::spawn(c)
}

fn assert_all_replied(out: &str, requests: u64) {
    for n in 1..=requests {
        assert!(
            out.contains(&format!("I: server replied OK ({n})")),
            "{out}"
        );
    }
    assert!(!out.contains("abandoning"), "{out}");
}

#[test]
fn simple_pirate_queue_routes_around_a_crashed_worker() {
    let (front, back) = (free_port(), free_port());
    let mut queue = example("spqueue");
    queue.args([tcp(front), tcp(back)]);
    let mut queue = Proc::spawn(queue);
    let worker = |crash_after: &str| {
        let mut w = example("spworker");
        w.args([tcp(back), crash_after.into()])
            .env("SP_WORK_MS", "20");
        Proc::spawn(w)
    };
    // One worker dies on its third request; the other carries on.
    let crasher = worker("2");
    let _steady = worker("1000");
    std::thread::sleep(Duration::from_millis(300));
    let (ok, out) = lp_client(front, 12).finish(Duration::from_secs(40));
    assert!(ok, "{out}");
    assert_all_replied(&out, 12);
    let (_, crashed) = crasher.finish(Duration::from_secs(5));
    assert!(crashed.contains("simulating a crash"), "{crashed}");
    assert_running(&mut queue, "queue");
}

#[test]
fn paranoid_pirate_queue_keeps_serving_when_a_worker_dies() {
    let (front, back) = (free_port(), free_port());
    let mut queue = example("ppqueue");
    queue.args([tcp(front), tcp(back)]);
    let mut queue = Proc::spawn(queue);
    let worker = || {
        let mut w = example("ppworker");
        w.args([tcp(back), "1000".into()]).env("PP_WORK_MS", "100");
        Proc::spawn(w)
    };
    let victim = worker();
    let _survivor = worker();
    std::thread::sleep(Duration::from_millis(300));
    let client = lp_client(front, 20);
    std::thread::sleep(Duration::from_millis(800));
    drop(victim); // killed, maybe in the middle of a request
    let (ok, out) = client.finish(Duration::from_secs(60));
    assert!(ok, "{out}");
    assert_all_replied(&out, 20);
    assert_running(&mut queue, "queue");
}

#[test]
fn paranoid_pirate_worker_reconnects_after_queue_restart() {
    let (front, back) = (free_port(), free_port());
    let queue = |front, back| {
        let mut q = example("ppqueue");
        q.args([tcp(front), tcp(back)]);
        Proc::spawn(q)
    };
    let first = queue(front, back);
    let mut w = example("ppworker");
    w.args([tcp(back), "1000".into()]).env("PP_WORK_MS", "10");
    let mut worker = Watched::spawn(w);
    worker.wait_for("I: worker ready", Duration::from_secs(20));
    drop(first);
    // The worker misses 3 heartbeats (3 s), gives up on its socket and
    // reconnects with a new one after 1 s.
    worker.wait_for(
        "W: heartbeat failure, can't reach queue",
        Duration::from_secs(30),
    );
    let _second = queue(front, back);
    let (ok, out) = lp_client(front, 3).finish(Duration::from_secs(30));
    assert!(ok, "{out}");
    assert_all_replied(&out, 3);
    assert!(worker.is_running(), "the worker died:\n{}", worker.stop());
}

#[test]
fn freelance_client_gets_a_reply_from_whichever_server_lives() {
    let (dead, alive) = (free_port(), free_port());
    let mut server = example("flserver1");
    server.arg(tcp(alive));
    let _server = Proc::spawn(server);
    std::thread::sleep(Duration::from_millis(200));
    let mut client = example("flclient1");
    client.args([tcp(dead), tcp(alive)]);
    let (ok, out) = Proc::spawn(client).finish(Duration::from_secs(20));
    assert!(ok, "{out}");
    assert!(
        out.contains(&format!("trying echo service at {}", tcp(dead))),
        "{out}"
    );
    assert!(out.contains("Service is running OK: Hello world"), "{out}");
}

#[test]
fn freelance_client_reports_no_service() {
    let mut client = example("flclient1");
    client.arg(tcp(free_port()));
    let (ok, out) = Proc::spawn(client).finish(Duration::from_secs(20));
    assert!(!ok, "{out}");
    assert_eq!(out.matches("trying echo service").count(), 3, "{out}");
    assert!(out.contains("E: service is not running"), "{out}");
}

/// Runs a Binary Star pair of `server` examples and a client, kills the
/// primary, and checks that the client fails over to the backup.
fn binary_star_failover(server_example: &'static str) {
    let [pf, pp, bf, bp] = [(); 4].map(|_| free_port());
    let server = |flag: &str, front, publ, peer| {
        let mut s = example(server_example);
        s.args([flag.into(), tcp(front), tcp(publ), tcp(peer)]);
        Watched::spawn(s)
    };
    let primary = server("-p", pf, pp, bp);
    let mut backup = server("-b", bf, bp, pp);
    let settle = Duration::from_secs(20);
    backup.wait_for("I: connected to primary (active), ready passive", settle);
    let mut client = example("bstarcli");
    client.args([tcp(pf), tcp(bf), "6".into()]);
    let client = Watched::spawn(client);
    // Killed once it has served the client: the client must fail over.
    client.wait_for("I: server replied OK (2)", settle);
    drop(primary);
    let (ok, out) = client.finish(Duration::from_secs(60));
    assert!(ok, "{out}");
    for n in 1..=6 {
        assert!(
            out.contains(&format!("I: server replied OK ({n})")),
            "{out}"
        );
    }
    assert!(
        out.contains("W: no response from server, failing over"),
        "{out}"
    );
    assert!(backup.is_running(), "the backup died:\n{}", backup.stop());
    let log = backup.stop();
    assert!(
        log.contains("I: failover successful, ready active"),
        "{log}"
    );
}

#[test]
fn binary_star_fails_over_when_the_primary_dies() {
    binary_star_failover("bstarsrv");
}

#[test]
fn binary_star_reactor_fails_over_when_the_primary_dies() {
    binary_star_failover("bstarsrv2");
}
#[test]
fn freelance_agent_sends_requests_to_the_live_server() {
    let (dead, alive) = (free_port(), free_port());
    let mut server = example("flserver3");
    server.args([tcp(alive), tcp(alive)]);
    let _server = Proc::spawn(server);
    std::thread::sleep(Duration::from_millis(200));
    let mut client = example("flclient3");
    client.args(["200".into(), tcp(dead), tcp(alive)]);
    let (ok, out) = Proc::spawn(client).finish(Duration::from_secs(30));
    assert!(ok, "{out}");
    assert!(
        out.contains("200 requests, average round trip cost:"),
        "{out}"
    );
}

#[test]
fn freelance_agent_fails_requests_when_no_server_lives() {
    let mut client = example("flclient3");
    client.args(["5".into(), tcp(free_port())]);
    let (ok, out) = Proc::spawn(client).finish(Duration::from_secs(20));
    assert!(!ok, "{out}");
    assert!(
        out.contains("E: name service not available, aborting"),
        "{out}"
    );
}

#[test]
fn titanic_stores_a_request_and_hands_out_its_reply_later() {
    let port = free_port();
    let store = std::env::temp_dir().join(format!("czmq-titanic-{port}-{}", std::process::id()));
    let mut broker = example("mdbroker");
    broker.arg(tcp(port));
    let mut broker = Proc::spawn(broker);
    let mut titanic = example("titanic");
    titanic.arg(tcp(port)).env("TITANIC_DIR", &store);
    let titanic = Proc::spawn(titanic);
    // The echo worker comes later: Titanic holds the request meanwhile.
    let mut client = example("ticlient");
    client.arg(tcp(port));
    let client = Watched::spawn(client);
    client.wait_for("I: no reply yet, trying again...", Duration::from_secs(20));
    let mut worker = example("mdworker");
    worker.arg(tcp(port));
    let _worker = Proc::spawn(worker);

    let (ok, out) = client.finish(Duration::from_secs(40));
    assert!(ok, "{out}");
    assert!(out.contains("I: no reply yet, trying again..."), "{out}");
    assert!(out.ends_with("Reply: Hello world\n"), "{out}");
    let uuid = out
        .lines()
        .find_map(|l| l.strip_prefix("I: request UUID "))
        .unwrap_or_else(|| panic!("no UUID in {out}"));
    assert_eq!(uuid.len(), 32, "{uuid}");
    // Closed: the stored request and reply are gone.
    assert!(!store.join(format!("{uuid}.req")).exists());
    assert!(!store.join(format!("{uuid}.rep")).exists());
    let log = stop(titanic);
    assert!(log.contains(&format!("I: new request {uuid}")), "{log}");
    assert_running(&mut broker, "broker");
    let _ = std::fs::remove_dir_all(&store);
}

#[test]
fn freelance_shotgun_client_takes_the_first_reply() {
    let (dead, second, alive) = (free_port(), free_port(), free_port());
    let server = |port| {
        let mut s = example("flserver2");
        s.arg(tcp(port));
        Proc::spawn(s)
    };
    let _alive = server(alive);
    let _other = server(second);
    std::thread::sleep(Duration::from_millis(200));
    let mut client = example("flclient2");
    client.args(["300".into(), tcp(dead), tcp(second), tcp(alive)]);
    let (ok, out) = Proc::spawn(client).finish(Duration::from_secs(30));
    assert!(ok, "{out}");
    assert!(
        out.contains("300 requests, average round trip cost:"),
        "{out}"
    );
}

#[test]
fn tripping_times_synchronous_and_asynchronous_round_trips() {
    let mut tripping = example("tripping");
    tripping.args([
        "500".to_string(),
        free_port().to_string(),
        free_port().to_string(),
    ]);
    let (ok, out) = Proc::spawn(tripping).finish(Duration::from_secs(30));
    assert!(ok, "{out}");
    let rates: Vec<u64> = out
        .lines()
        .filter_map(|l| l.trim().strip_suffix(" calls/second"))
        .filter_map(|n| n.parse().ok())
        .collect();
    assert_eq!(rates.len(), 2, "{out}");
    // The Guide's point: overlapping round trips beats waiting for each.
    assert!(rates[1] > rates[0], "{out}");
}
