//! Multi-host tests: each test builds its own hosts in network namespaces
//! (one "switch" namespace with a bridge, one namespace per host with a veth
//! to it) and runs `zgossip` nodes in them. Ignored in the plain run: they
//! need root and iproute2; `.ci/run` runs them with `--ignored` as root. The
//! namespaces are named per run and removed on drop, even when a test fails.

mod common;

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use common::Node;

const BEACON_PORT: &str = "5670";

/// A switch and `hosts` hosts at 10.77.0.1.. on one /24.
struct Lab {
    switch: String,
    hosts: Vec<String>,
}

fn ip(args: &[&str]) {
    let out = Command::new("ip")
        .args(args)
        .output()
        .expect("ip (iproute2) is needed: run as root with iproute2 installed");
    assert!(
        out.status.success(),
        "ip {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Lab {
    fn new(hosts: usize) -> Lab {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let tag = format!(
            "zg{}x{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut lab = Lab {
            switch: format!("{tag}sw"),
            hosts: Vec::new(),
        };
        ip(&["netns", "add", &lab.switch]);
        ip(&["-n", &lab.switch, "link", "add", "br0", "type", "bridge"]);
        ip(&["-n", &lab.switch, "link", "set", "br0", "up"]);
        for i in 1..=hosts {
            let host = format!("{tag}h{i}");
            ip(&["netns", "add", &host]);
            lab.hosts.push(host.clone());
            let port = format!("p{i}");
            ip(&[
                "-n",
                &host,
                "link",
                "add",
                "eth0",
                "type",
                "veth",
                "peer",
                "name",
                &port,
                "netns",
                &lab.switch,
            ]);
            ip(&["-n", &lab.switch, "link", "set", &port, "master", "br0"]);
            ip(&["-n", &lab.switch, "link", "set", &port, "up"]);
            let addr = format!("10.77.0.{i}/24");
            ip(&[
                "-n",
                &host,
                "addr",
                "add",
                &addr,
                "brd",
                "10.77.0.255",
                "dev",
                "eth0",
            ]);
            ip(&["-n", &host, "link", "set", "eth0", "up"]);
            ip(&["-n", &host, "link", "set", "lo", "up"]);
        }
        lab
    }

    fn addr(&self, host: usize) -> String {
        format!("10.77.0.{}", host + 1)
    }

    /// A `zgossip` node on host `host` (0-based), discovering on eth0.
    fn node(&self, host: usize, extra: &[&str]) -> Node {
        let mut cmd = Command::new("ip");
        cmd.args([
            "netns",
            "exec",
            &self.hosts[host],
            env!("CARGO_BIN_EXE_zgossip"),
        ])
        .args(["--bind", &format!("tcp://{}:*", self.addr(host))])
        .args(["--discover", BEACON_PORT, "--status-every", "25"])
        .args(extra)
        .env("ZSYS_INTERFACE", "eth0");
        Node::spawn(cmd)
    }

    /// Counts discovery beacons arriving on host `host` for `period`.
    fn count_beacons(&self, host: usize, period: Duration) -> (usize, usize) {
        let script = format!(
            "import socket,time\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n\
             s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n\
             s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEPORT,1)\ns.bind(('',{BEACON_PORT}))\n\
             end=time.time()+{}\nn=b=0\nwhile time.time()<end:\n    s.settimeout(max(0.01,end-time.time()))\n    \
             try:\n        d=s.recv(2048); n+=1; b+=len(d)\n    except socket.timeout:\n        pass\nprint(n,b)\n",
            period.as_secs_f64()
        );
        let out = Command::new("ip")
            .args([
                "netns",
                "exec",
                &self.hosts[host],
                "/usr/bin/python3",
                "-c",
                &script,
            ])
            .stderr(Stdio::inherit())
            .output()
            .expect("python3");
        let text = String::from_utf8_lossy(&out.stdout);
        let mut it = text
            .split_whitespace()
            .map(|w| w.parse::<usize>().unwrap_or(0));
        (it.next().unwrap_or(0), it.next().unwrap_or(0))
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        for ns in self.hosts.iter().chain(std::iter::once(&self.switch)) {
            let _ = Command::new("ip").args(["netns", "del", ns]).status();
        }
    }
}

/// Waits until `node` prints `line` from now on (lines seen before do not
/// count: `PEERS 0` printed at start must not answer a later wait); returns when.
fn until(node: &mut Node, line: &str) -> Instant {
    node.seen.clear();
    let want = line.to_string();
    node.wait_for(line, |l| l == want);
    Instant::now()
}

#[test]
#[ignore = "needs root and iproute2 (network namespaces); run by .ci/run"]
fn a_new_node_is_seen_within_a_second_and_its_exit_within_one_interval() {
    let lab = Lab::new(3);
    // CZMQ's default beacon interval: one second.
    let mut a = lab.node(0, &["--beacon-interval", "1000"]);
    a.wait_for("BOUND", |l| l.starts_with("BOUND "));
    let started = Instant::now();
    let mut b = lab.node(1, &["--beacon-interval", "1000"]);
    let seen = until(&mut a, "PEERS 1") - started;
    println!("discovery latency: {} ms", seen.as_millis());
    assert!(seen < Duration::from_secs(1), "seen after {seen:?}");
    until(&mut b, "PEERS 1");
    // SIGTERM: a clean exit that announces EXIT.
    // SAFETY: kill() on a pid we spawned (ip netns exec execs zgossip in place).
    unsafe { libc::kill(b.child.id() as i32, libc::SIGTERM) };
    let exit_at = Instant::now();
    let noticed = until(&mut a, "PEERS 0") - exit_at;
    println!("EXIT noticed after: {} ms", noticed.as_millis());
    assert!(
        noticed < Duration::from_millis(1000),
        "EXIT noticed after {noticed:?}"
    );
}

#[test]
#[ignore = "needs root and iproute2 (network namespaces); run by .ci/run"]
fn a_silent_peer_is_dropped_after_the_timeout() {
    let lab = Lab::new(2);
    let mut a = lab.node(0, &["--beacon-interval", "100", "--peer-timeout", "1000"]);
    let mut b = lab.node(1, &["--beacon-interval", "100", "--peer-timeout", "1000"]);
    until(&mut a, "PEERS 1");
    b.child.kill().unwrap(); // SIGKILL: no EXIT, just silence
    let killed = Instant::now();
    let dropped = until(&mut a, "PEERS 0") - killed;
    println!("silent peer dropped after: {} ms", dropped.as_millis());
    assert!(
        dropped >= Duration::from_millis(800) && dropped < Duration::from_millis(2500),
        "{dropped:?}"
    );
}

#[test]
#[ignore = "needs root and iproute2 (network namespaces); run by .ci/run"]
fn five_nodes_on_one_host_all_see_each_other() {
    let lab = Lab::new(1);
    let mut nodes: Vec<Node> = (0..5).map(|_| lab.node(0, &[])).collect();
    for n in &mut nodes {
        until(n, "PEERS 4");
    }
}

#[test]
#[ignore = "needs root and iproute2 (network namespaces); run by .ci/run"]
fn six_hosts_form_a_cluster_by_discovery_alone_and_converge_on_100_tuples() {
    let lab = Lab::new(6);
    let mut nodes: Vec<Node> = (0..6)
        .map(|h| {
            let tuples: Vec<String> = (0..100)
                .filter(|t| t % 6 == h)
                .map(|t| format!("key{t}=value{t}"))
                .collect();
            let mut args: Vec<&str> = Vec::new();
            for t in &tuples {
                args.push("--publish");
                args.push(t);
            }
            lab.node(h, &args)
        })
        .collect();
    let started = Instant::now();
    for n in &mut nodes {
        until(n, "STATUS 100");
    }
    println!(
        "6 hosts converged on 100 tuples in {} ms",
        started.elapsed().as_millis()
    );
    // Beacon traffic, as one host sees it (6 nodes, 4 beacons/s each).
    let (beacons, bytes) = lab.count_beacons(0, Duration::from_secs(2));
    println!("beacons seen on one host in 2 s: {beacons} ({bytes} payload bytes)");
    assert!(beacons >= 30, "{beacons} beacons");
}

/// Two segments (10.77.1.0/24 and 10.77.2.0/24), each with one host, joined
/// by a router namespace that forwards unicast and the discovery multicast
/// group.
///
/// The router forwards the group with nftables rather than a multicast
/// routing daemon (smcroute, pimd): this machine kind's kernel is built
/// without `CONFIG_IP_MROUTE`, so the kernel's multicast forwarding cache
/// does not exist. The netdev ingress hook does what a multicast router does
/// to these datagrams: it drops those that arrive with TTL 1, and forwards the
/// others to the other segment with the TTL decremented (the source address
/// is kept, so the receiver sees the sender's own address).
struct RoutedLab {
    namespaces: Vec<String>,
    hosts: [String; 2],
    dir: std::path::PathBuf,
}

const GROUP: &str = "239.77.0.1";

/// The router's ruleset: for each inbound interface, one rule per TTL from 2
/// to 16 that rewrites it to TTL - 1 and forwards the frame out the other
/// interface. (nft 1.0.6 can't map the TTL to TTL - 1 in one rule.)
fn multicast_router_rules() -> String {
    let mut rules = String::from("table netdev zgossip_mcast {\n");
    for (inbound, outbound) in [("eth0", "eth1"), ("eth1", "eth0")] {
        rules += &format!(
            "  chain from_{inbound} {{\n    type filter hook ingress device \"{inbound}\" priority 0;\n"
        );
        for ttl in 2..=16 {
            rules += &format!(
                "    ip daddr {GROUP} ip ttl {ttl} ip ttl set {} fwd to \"{outbound}\"\n",
                ttl - 1
            );
        }
        rules += "  }\n";
    }
    rules + "}\n"
}

impl RoutedLab {
    fn new() -> RoutedLab {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let tag = format!(
            "zr{}x{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let (router, hosts) = (format!("{tag}r"), [format!("{tag}a"), format!("{tag}b")]);
        let dir = std::env::temp_dir().join(format!("{tag}-router"));
        let mut lab = RoutedLab {
            namespaces: Vec::new(),
            hosts: hosts.clone(),
            dir: dir.clone(),
        };
        for ns in [&router, &hosts[0], &hosts[1]] {
            ip(&["netns", "add", ns]);
            lab.namespaces.push(ns.clone());
            ip(&["-n", ns, "link", "set", "lo", "up"]);
        }
        for (i, host) in hosts.iter().enumerate() {
            let seg = i + 1;
            let rif = format!("eth{i}");
            ip(&[
                "-n", host, "link", "add", "eth0", "type", "veth", "peer", "name", &rif, "netns",
                &router,
            ]);
            ip(&[
                "-n",
                host,
                "addr",
                "add",
                &format!("10.77.{seg}.1/24"),
                "brd",
                &format!("10.77.{seg}.255"),
                "dev",
                "eth0",
            ]);
            ip(&["-n", host, "link", "set", "eth0", "up"]);
            ip(&[
                "-n",
                host,
                "route",
                "add",
                "default",
                "via",
                &format!("10.77.{seg}.254"),
            ]);
            ip(&[
                "-n",
                &router,
                "addr",
                "add",
                &format!("10.77.{seg}.254/24"),
                "dev",
                &rif,
            ]);
            ip(&["-n", &router, "link", "set", &rif, "up"]);
        }
        let sysctl = Command::new("ip")
            .args([
                "netns",
                "exec",
                &router,
                "sysctl",
                "-q",
                "-w",
                "net.ipv4.ip_forward=1",
            ])
            .status()
            .expect("sysctl");
        assert!(
            sysctl.success(),
            "cannot enable forwarding in the router namespace"
        );
        std::fs::create_dir_all(&dir).unwrap();
        let rules = dir.join("router.nft");
        std::fs::write(&rules, multicast_router_rules()).unwrap();
        let nft = Command::new("ip")
            .args(["netns", "exec", &router, "nft", "-f"])
            .arg(&rules)
            .status()
            .expect("nft (Debian's nftables) is needed for the routed multicast test");
        assert!(nft.success(), "nft could not load the router's rules");
        lab
    }

    fn node(&self, host: usize, ttl: &str) -> Node {
        let seg = host + 1;
        let mut cmd = Command::new("ip");
        cmd.args([
            "netns",
            "exec",
            &self.hosts[host],
            env!("CARGO_BIN_EXE_zgossip"),
        ])
        .args(["--bind", &format!("tcp://10.77.{seg}.1:*")])
        .args([
            "--discover",
            BEACON_PORT,
            "--beacon-interval",
            "100",
            "--beacon-ttl",
            ttl,
        ])
        .args([
            "--status-every",
            "25",
            "--publish",
            &format!("from-{seg}=x"),
        ])
        .env("ZSYS_INTERFACE", "eth0")
        .env("ZSYS_IPV4_MCAST_ADDRESS", GROUP);
        Node::spawn(cmd)
    }
}

impl Drop for RoutedLab {
    fn drop(&mut self) {
        for ns in &self.namespaces {
            let _ = Command::new("ip").args(["netns", "del", ns]).status();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
#[ignore = "needs root, iproute2 and nftables (network namespaces); run by .ci/run"]
fn multicast_discovery_crosses_a_router_only_with_enough_ttl() {
    // TTL 1: the beacons die at the router, the segments never meet.
    {
        let lab = RoutedLab::new();
        let mut a = lab.node(0, "1");
        let mut b = lab.node(1, "1");
        let peers = a.count_for(Duration::from_millis(1500), |l| l == "PEERS 1")
            + b.count_for(Duration::from_millis(10), |l| l == "PEERS 1");
        assert_eq!(peers, 0, "TTL 1 beacons crossed the router");
    }
    // TTL 2: routed, the nodes find each other and gossip across segments.
    let lab = RoutedLab::new();
    let mut a = lab.node(0, "2");
    let mut b = lab.node(1, "2");
    until(&mut a, "PEERS 1");
    until(&mut b, "PEERS 1");
    a.expect_delivery("from-2", "x");
    b.expect_delivery("from-1", "x");
}
