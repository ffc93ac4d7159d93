//! Discovery across segments, in network namespaces: two hosts on two
//! segments (10.78.1.0/24 and 10.78.2.0/24) joined by a router namespace
//! that forwards unicast only (no multicast routing, so beacons stay on
//! their segment), and a third segment (10.78.3.0/24) with a dnsmasq that
//! the test starts, serving `_zre._tcp.zre.test` SRV records for both
//! hosts. The nodes find each other through DNS SRV alone, or through a
//! static list alone, talk tcp, and exchange WHISPERs. Also: beacons alone
//! do not cross the router (the control), two nodes in one namespace talk
//! over ipc, and the `zre` CLI finds its peer with `--dns-srv`.
//!
//! Ignored in the plain run: they need root, iproute2 and dnsmasq (Debian's
//! `dnsmasq-base`), and fail loudly without them. Run with
//! `cargo test -p zre --test netns_discovery -- --ignored`.
//!
//! Each node is this test binary run again inside a host's namespace
//! (`ip netns exec NS <this binary> --exact child_node --ignored`), with its
//! role in `ZRE_NETNS_*` variables; it prints `ZRE ...` lines the test
//! waits for.

#[path = "common/netns.rs"]
mod netns;

use std::io::BufRead;
use std::process::Command;
use std::sync::mpsc::{channel, TryRecvError};
use std::time::{Duration, Instant};

use netns::{ip, require_root, unique_tag, Namespaces, Process};
use zre::{Event, Node};

const SERVICE: &str = "_zre._tcp.zre.test";
const DNS_SERVER: &str = "10.78.3.1:53";
const PORT: u16 = 5670;
/// The child's bound on its own life, should the test not end it.
const CHILD_LIFETIME: Duration = Duration::from_secs(120);

/// How the nodes of a test find each other.
#[derive(Clone, Copy, PartialEq)]
enum Discovery {
    DnsSrv,
    Static,
    /// UDP beacons only, which must not cross the router.
    Beacon,
}

/// Router, two hosts, and (with `dns`) a DNS server host.
struct Lab {
    hosts: [String; 2],
    /// Dropped before the namespaces (fields drop in order).
    dnsmasq: Option<Process>,
    _namespaces: Namespaces,
}

fn sysctl(ns: &str, setting: &str) {
    let status = Command::new("ip")
        .args(["netns", "exec", ns, "sysctl", "-q", "-w", setting])
        .status()
        .expect("sysctl (Debian's procps) is needed");
    assert!(status.success(), "sysctl {setting} in {ns}");
}

impl Lab {
    fn new(dns: bool) -> Lab {
        require_root();
        let tag = unique_tag("zd");
        let router = format!("{tag}r");
        let hosts = [format!("{tag}a"), format!("{tag}b")];
        let dns_host = format!("{tag}d");
        let mut namespaces = Namespaces::default();
        namespaces.add(&router);
        sysctl(&router, "net.ipv4.ip_forward=1");
        let mut segments: Vec<&String> = hosts.iter().collect();
        if dns {
            segments.push(&dns_host);
        }
        for (i, host) in segments.into_iter().enumerate() {
            let seg = i + 1;
            namespaces.add(host);
            let router_if = format!("eth{seg}");
            ip(&[
                "-n", host, "link", "add", "eth0", "type", "veth", "peer", "name", &router_if,
                "netns", &router,
            ]);
            let (address, gateway) = (format!("10.78.{seg}.1/24"), format!("10.78.{seg}.254"));
            ip(&[
                "-n", host, "addr", "add", &address, "brd", "+", "dev", "eth0",
            ]);
            ip(&["-n", host, "link", "set", "eth0", "up"]);
            ip(&["-n", host, "route", "add", "default", "via", &gateway]);
            let router_address = format!("{gateway}/24");
            ip(&[
                "-n",
                &router,
                "addr",
                "add",
                &router_address,
                "dev",
                &router_if,
            ]);
            ip(&["-n", &router, "link", "set", &router_if, "up"]);
        }
        let mut lab = Lab {
            hosts,
            dnsmasq: None,
            _namespaces: namespaces,
        };
        if dns {
            lab.dnsmasq = Some(start_dnsmasq(&dns_host));
        }
        lab
    }

    fn endpoint(host: usize) -> String {
        format!("tcp://10.78.{}.1:{PORT}", host + 1)
    }

    /// A node named `name` on host `host` (0 or 1), finding its peer by
    /// `discovery`.
    fn node(&self, host: usize, name: &str, discovery: Discovery) -> Process {
        self.node_at(host, name, discovery, &Lab::endpoint(host))
    }

    /// The same, listening at `bind`.
    fn node_at(&self, host: usize, name: &str, discovery: Discovery, bind: &str) -> Process {
        self.spawn(host, name, discovery, bind, &[])
    }

    /// The same, with more `ZRE_NETNS_*` settings in `env`.
    fn spawn(
        &self,
        host: usize,
        name: &str,
        discovery: Discovery,
        bind: &str,
        env: &[(&str, &str)],
    ) -> Process {
        let exe = std::env::current_exe().expect("test binary");
        let mut cmd = Command::new("ip");
        cmd.args(["netns", "exec", &self.hosts[host]])
            .arg(exe)
            .args(["--exact", "child_node", "--ignored", "--nocapture"])
            .args(["--test-threads", "1"])
            .env("ZRE_NETNS_NAME", name)
            .env("ZRE_NETNS_BIND", bind)
            .envs(env.iter().copied());
        match discovery {
            Discovery::DnsSrv => {
                cmd.env("ZRE_NETNS_DNS_SRV", SERVICE)
                    .env("ZRE_NETNS_DNS_SERVER", DNS_SERVER);
            }
            Discovery::Static => {
                cmd.env("ZRE_NETNS_PEERS", Lab::endpoint(1 - host));
            }
            Discovery::Beacon => {
                cmd.env("ZRE_NETNS_BEACON", "eth0");
            }
        }
        Process::spawn(cmd, name, false)
    }
}

/// dnsmasq on `ns` (10.78.3.1), serving only our records, in the
/// foreground (its PID is the one we started), logging to the stderr we
/// read; returns once it says it started.
fn start_dnsmasq(ns: &str) -> Process {
    let mut cmd = Command::new("ip");
    cmd.args(["netns", "exec", ns, "dnsmasq", "--keep-in-foreground"])
        .args(["--log-facility=-", "--conf-file=/dev/null", "--pid-file="])
        .args(["--no-resolv", "--no-hosts", "--bind-interfaces"])
        .arg("--listen-address=10.78.3.1");
    for (host, i) in [("alice", 1), ("bob", 2)] {
        cmd.arg(format!("--srv-host={SERVICE},{host}.zre.test,{PORT}"))
            .arg(format!("--host-record={host}.zre.test,10.78.{i}.1"));
    }
    let mut dnsmasq = Process::spawn(cmd, "dnsmasq", true);
    // `ip netns exec` prints its own error if dnsmasq is not installed.
    dnsmasq.wait_for(
        "dnsmasq's start (is Debian's dnsmasq-base installed?)",
        |l| l.contains("started"),
    );
    dnsmasq
}

/// One node's `ZRE ENTER name endpoint address micros` line.
struct Entered {
    endpoint: String,
    address: String,
    /// Since that node's start.
    after: Duration,
}

fn entered(node: &mut Process, peer: &str) -> Entered {
    let prefix = format!("ZRE ENTER {peer} ");
    let line = node.wait_for(&format!("ENTER of {peer}"), |l| l.starts_with(&prefix));
    let fields: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(fields.len(), 6, "{line}");
    Entered {
        endpoint: fields[3].to_string(),
        address: fields[4].to_string(),
        after: Duration::from_micros(fields[5].parse().expect("micros")),
    }
}

/// Alice on host 0, then bob on host 1; both must see the other enter over
/// tcp, and each other's WHISPER. Returns how long bob took to see alice
/// (from his start, in his process) and the test's wall time from
/// starting bob's process until both had seen each other.
fn meet(lab: &Lab, discovery: Discovery) -> (Duration, Duration) {
    let mut alice = lab.node(0, "alice", discovery);
    alice.wait_for("alice's READY", |l| l.starts_with("ZRE READY "));
    let started = Instant::now();
    let mut bob = lab.node(1, "bob", discovery);
    let bob_saw = entered(&mut bob, "alice");
    let alice_saw = entered(&mut alice, "bob");
    let wall = started.elapsed();
    // Across namespaces the link is tcp, to the address each advertises.
    assert_eq!(bob_saw.endpoint, Lab::endpoint(0));
    assert_eq!(bob_saw.address, Lab::endpoint(0));
    assert_eq!(alice_saw.endpoint, Lab::endpoint(1));
    assert_eq!(alice_saw.address, Lab::endpoint(1));
    assert!(bob_saw.address.starts_with("tcp://"));
    alice.wait_for("bob's WHISPER", |l| l == "ZRE WHISPER bob hello from bob");
    bob.wait_for("alice's WHISPER", |l| {
        l == "ZRE WHISPER alice hello from alice"
    });
    let _ = alice_saw.after;
    (bob_saw.after, wall)
}

#[test]
#[ignore = "needs root, iproute2 and dnsmasq (network namespaces); run by .ci/run"]
fn nodes_in_two_segments_find_each_other_through_dns_srv() {
    let lab = Lab::new(true);
    let (bob, wall) = meet(&lab, Discovery::DnsSrv);
    println!(
        "DNS SRV discovery: bob saw alice {:.1} ms after his start; both met {:.1} ms after bob's process was started",
        bob.as_secs_f64() * 1e3,
        wall.as_secs_f64() * 1e3
    );
}

#[test]
#[ignore = "needs root and iproute2 (network namespaces); run by .ci/run"]
fn nodes_in_two_segments_find_each_other_through_a_static_list() {
    let lab = Lab::new(false);
    let (bob, wall) = meet(&lab, Discovery::Static);
    println!(
        "static discovery: bob saw alice {:.1} ms after his start; both met {:.1} ms after bob's process was started",
        bob.as_secs_f64() * 1e3,
        wall.as_secs_f64() * 1e3
    );
}

/// Same-host ipc in a namespace: two nodes on one host find each other by
/// beacon (on eth0) and talk over ipc, while advertising tcp.
#[test]
#[ignore = "needs root and iproute2 (network namespaces); run by .ci/run"]
fn two_nodes_in_one_namespace_talk_over_ipc() {
    let lab = Lab::new(false);
    let any_port = "tcp://10.78.1.1:*";
    let mut alice = lab.node_at(0, "alice", Discovery::Beacon, any_port);
    let mut bob = lab.node_at(0, "bob", Discovery::Beacon, any_port);
    for (node, peer) in [(&mut alice, "bob"), (&mut bob, "alice")] {
        let saw = entered(node, peer);
        assert!(
            saw.endpoint.starts_with("tcp://10.78.1.1:"),
            "{}",
            saw.endpoint
        );
        assert!(saw.address.starts_with("ipc://"), "{}", saw.address);
    }
    alice.wait_for("bob's WHISPER", |l| l == "ZRE WHISPER bob hello from bob");
    bob.wait_for("alice's WHISPER", |l| {
        l == "ZRE WHISPER alice hello from alice"
    });
}

/// Leaving and dying across namespaces (tcp, found by DNS SRV): a node
/// that stops is dropped by its peer at once (GOODBYE), well within one
/// beacon interval; a node restarted at the same endpoint is found again
/// (the DNS target is retried); a SIGKILLed node, silent, is dropped after
/// the expired timeout (1 s here, checked every 50 ms).
#[test]
#[ignore = "needs root, iproute2 and dnsmasq (network namespaces); run by .ci/run"]
fn a_stopped_node_is_dropped_at_once_and_a_killed_one_after_the_expired_timeout() {
    let lab = Lab::new(true);
    let expired = Duration::from_millis(1000);
    let env = [("ZRE_NETNS_EXPIRED_MS", "1000")];
    let node = |host: usize, name: &str| {
        lab.spawn(host, name, Discovery::DnsSrv, &Lab::endpoint(host), &env)
    };
    let mut alice = node(0, "alice");
    let mut bob = node(1, "bob");
    entered(&mut alice, "bob");
    entered(&mut bob, "alice");

    // Closing its stdin makes bob stop (Node::stop: GOODBYE to alice).
    bob.close_stdin();
    let stopped = Instant::now();
    alice.wait_for("EXIT of bob", |l| l == "ZRE EXIT bob");
    let stop_seen = stopped.elapsed();
    assert!(
        stop_seen < zre::DEFAULT_BEACON_INTERVAL,
        "a stopped node dropped after {stop_seen:?}"
    );
    bob.wait_for("bob's end", |l| {
        l.contains("test child_node ... ok") || l == "ok"
    });
    drop(bob);

    let mut carol = node(1, "carol");
    entered(&mut alice, "carol");
    carol.child.kill().expect("SIGKILL carol");
    let killed = Instant::now();
    alice.wait_for("EXIT of carol", |l| l == "ZRE EXIT carol");
    let kill_seen = killed.elapsed();
    assert!(
        kill_seen >= expired - Duration::from_millis(100) && kill_seen < expired * 3,
        "a killed node dropped after {kill_seen:?}"
    );
    println!(
        "EXIT seen: stopped node after {:.1} ms, SIGKILLed node after {:.1} ms (expired timeout {} ms)",
        stop_seen.as_secs_f64() * 1e3,
        kill_seen.as_secs_f64() * 1e3,
        expired.as_millis()
    );
}

/// The CLI's options: `zre chat --no-beacon --dns-srv NAME --dns-server
/// ADDR` on both hosts; each prints the other's ENTER, and a line typed
/// into one is SHOUTed to the other.
#[test]
#[ignore = "needs root, iproute2 and dnsmasq (network namespaces); run by .ci/run"]
fn the_cli_finds_its_peer_through_dns_srv() {
    let lab = Lab::new(true);
    let chat = |host: usize, name: &str| {
        let mut cmd = Command::new("ip");
        cmd.args(["netns", "exec", &lab.hosts[host], env!("CARGO_BIN_EXE_zre")])
            .args(["chat", "--name", name, "--group", "g", "--no-beacon"])
            .args(["--endpoint", &Lab::endpoint(host)])
            .args(["--dns-srv", SERVICE, "--dns-server", "10.78.3.1"]);
        Process::spawn(cmd, name, false)
    };
    let mut alice = chat(0, "alice");
    let mut bob = chat(1, "bob");
    let bob_enter = format!(" bob {}", Lab::endpoint(1));
    alice.wait_for("ENTER of bob", |l| {
        l.starts_with("ENTER ") && l.ends_with(&bob_enter)
    });
    let alice_enter = format!(" alice {}", Lab::endpoint(0));
    bob.wait_for("ENTER of alice", |l| {
        l.starts_with("ENTER ") && l.ends_with(&alice_enter)
    });
    // Both must also see the other's JOIN before a SHOUT can reach them.
    alice.wait_for("JOIN of bob", |l| {
        l.starts_with("JOIN ") && l.ends_with(" bob g")
    });
    bob.wait_for("JOIN of alice", |l| {
        l.starts_with("JOIN ") && l.ends_with(" alice g")
    });
    alice.send_line("hello over dns");
    bob.wait_for("alice's SHOUT", |l| l.ends_with("alice g: hello over dns"));
}

/// The control: the segments really have no multicast or broadcast path,
/// so beacons alone find nobody (while each node does beacon on its
/// segment: its READY line proves the beacon started).
#[test]
#[ignore = "needs root and iproute2 (network namespaces); run by .ci/run"]
fn beacons_alone_do_not_cross_the_router() {
    let lab = Lab::new(false);
    let mut alice = lab.node(0, "alice", Discovery::Beacon);
    let mut bob = lab.node(1, "bob", Discovery::Beacon);
    alice.wait_for("alice's READY", |l| l.starts_with("ZRE READY "));
    bob.wait_for("bob's READY", |l| l.starts_with("ZRE READY "));
    // 30 beacon intervals of 100 ms.
    let met = alice.count_for(Duration::from_secs(3), |l| l.starts_with("ZRE ENTER"))
        + bob.count_for(Duration::from_millis(1), |l| l.starts_with("ZRE ENTER"));
    assert_eq!(met, 0, "beacons crossed the router: {:?}", alice.seen);
}

/// Discovery time, DNS SRV against static, over `ROUNDS` fresh labs each
/// (for BENCHMARKS.md): prints the median and range of both figures.
#[test]
#[ignore = "needs root, iproute2 and dnsmasq (network namespaces); run by .ci/run"]
fn discovery_time_dns_srv_against_static() {
    const ROUNDS: usize = 5;
    for discovery in [Discovery::DnsSrv, Discovery::Static] {
        let mut inside = Vec::new();
        let mut walls = Vec::new();
        for _ in 0..ROUNDS {
            let lab = Lab::new(discovery == Discovery::DnsSrv);
            let (bob, wall) = meet(&lab, discovery);
            inside.push(bob);
            walls.push(wall);
        }
        let label = match discovery {
            Discovery::DnsSrv => "DNS SRV",
            _ => "static",
        };
        println!(
            "{label}: bob sees alice after {} from his start; both met {} after bob's spawn ({ROUNDS} rounds)",
            summary(&mut inside),
            summary(&mut walls)
        );
    }
}

/// "median M ms (min..max)".
fn summary(times: &mut [Duration]) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    format!(
        "median {:.1} ms ({:.1}..{:.1})",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    )
}

/// A node inside a namespace, run by the tests above through `ip netns
/// exec` with its role in the environment; alone (no `ZRE_NETNS_NAME`) it
/// does nothing. Prints `ZRE READY uuid endpoint`, `ZRE ENTER name
/// endpoint address micros-since-start` (then WHISPERs that peer), `ZRE
/// WHISPER name text`; ends when its stdin closes (the test dropped it) or
/// after [`CHILD_LIFETIME`].
#[test]
#[ignore = "a node run inside a namespace by the tests above"]
fn child_node() {
    let Ok(name) = std::env::var("ZRE_NETNS_NAME") else {
        return;
    };
    let var = |key: &str| std::env::var(key).ok();
    let mut node = Node::new(&name).expect("node");
    node.set_endpoint(&var("ZRE_NETNS_BIND").expect("ZRE_NETNS_BIND"))
        .expect("set");
    if let Some(service) = var("ZRE_NETNS_DNS_SRV") {
        node.set_dns_srv(&service).expect("set");
        let server = var("ZRE_NETNS_DNS_SERVER").expect("ZRE_NETNS_DNS_SERVER");
        node.set_dns_server(server.parse().expect("DNS server address"))
            .expect("set");
        node.set_dns_interval(Duration::from_secs(1)).expect("set");
    }
    for peer in var("ZRE_NETNS_PEERS").iter().flat_map(|p| p.split(',')) {
        node.add_static_peer(peer).expect("static peer");
    }
    if let Some(interface) = var("ZRE_NETNS_BEACON") {
        let mut settings = czmq::BeaconSettings::from_zsys();
        settings.interface = interface;
        settings.ipv6 = false;
        settings.ipv4_mcast_address = None;
        node.set_beacon(settings, PORT).expect("set");
        node.set_beacon_interval(Duration::from_millis(100))
            .expect("set");
    }
    if let Some(millis) = var("ZRE_NETNS_EXPIRED_MS") {
        let expired = Duration::from_millis(millis.parse().expect("milliseconds"));
        node.set_expired_timeout(expired).expect("set");
        node.set_reap_interval(expired / 20).expect("set");
    }
    let started = Instant::now();
    node.start().expect("start");
    // Off the line libtest began with "test child_node ... ".
    println!();
    println!(
        "ZRE READY {} {}",
        node.uuid(),
        node.endpoint().expect("endpoint")
    );
    let (eof_tx, eof) = channel::<()>();
    std::thread::spawn(move || {
        let mut line = String::new();
        let stdin = std::io::stdin();
        while stdin.lock().read_line(&mut line).is_ok_and(|n| n > 0) {
            line.clear();
        }
        let _ = eof_tx.send(());
    });
    while started.elapsed() < CHILD_LIFETIME && eof.try_recv() == Err(TryRecvError::Empty) {
        // A short tick: the test times how fast a closed stdin stops us.
        match node.recv_event_timeout(Duration::from_millis(5)) {
            Ok(Event::Enter {
                peer,
                name: peer_name,
                endpoint,
                ..
            }) => {
                let after = started.elapsed().as_micros();
                let address = node.peer_address(peer).expect("address");
                let address = address.unwrap_or_else(|| "-".into());
                println!("ZRE ENTER {peer_name} {endpoint} {address} {after}");
                let hello = format!("hello from {name}");
                node.whisper(peer, [hello.into_bytes()]).expect("whisper");
            }
            Ok(Event::Whisper {
                name: from,
                content,
                ..
            }) => {
                let text = String::from_utf8_lossy(&content.concat()).into_owned();
                println!("ZRE WHISPER {from} {text}");
            }
            Ok(Event::Exit { name: from, .. }) => println!("ZRE EXIT {from}"),
            Ok(other) => println!("ZRE {} {}", other.kind(), other.peer()),
            Err(zre::NodeError::Timeout) => {}
            Err(e) => panic!("events: {e}"),
        }
    }
    node.stop().expect("stop");
}
