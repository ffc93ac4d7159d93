//! `zgossip`: a gossip node on the command line.
//!
//! It prints `BOUND endpoint` for each bind at start, then one line
//! `DELIVER key value` (or `REMOVE key`) per delivery as it arrives, and exits
//! cleanly on SIGINT/SIGTERM, so scripts and tests can drive it.
//!
//! ```text
//! zgossip --bind tcp://127.0.0.1:*                  # a server
//! zgossip --connect tcp://127.0.0.1:49152 --publish color=blue
//! zgossip demo --nodes 4                           # a local cluster that converges
//! ZSYS_INTERFACE=eth0 zgossip --bind 'tcp://*:*' --discover 5670  # find peers by beacon
//! ```

use std::io::Write;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};
use gossip::{Delivery, Gossip};

#[derive(Parser)]
#[command(
    name = "zgossip",
    version,
    about = "A ZeroMQ gossip (ZGP) node, wire-compatible with CZMQ's zgossip"
)]
struct Cli {
    #[command(subcommand)]
    demo: Option<Demo>,
    #[command(flatten)]
    node: NodeArgs,
}

#[derive(Args)]
struct NodeArgs {
    /// Node name, for logs.
    #[arg(long, default_value = "zgossip")]
    name: String,
    /// Bind the server to this endpoint (CZMQ's `tcp://host:*` forms work); repeatable.
    #[arg(long)]
    bind: Vec<String>,
    /// Find peers with UDP discovery beacons on this port (after --bind);
    /// the interface follows ZSYS_INTERFACE.
    #[arg(long)]
    discover: Option<u16>,
    /// Discovery beacon interval in ms.
    #[arg(long, default_value_t = 250)]
    beacon_interval: u64,
    /// Multicast TTL of discovery beacons (with ZSYS_IPV4_MCAST_ADDRESS set):
    /// how many routers they may cross.
    #[arg(long)]
    beacon_ttl: Option<i32>,
    /// Forget a discovered peer silent this long (ms).
    #[arg(long, default_value_t = 3000)]
    peer_timeout: u64,
    /// Connect to another node's server; repeatable.
    #[arg(long)]
    connect: Vec<String>,
    /// Publish key=value; repeatable.
    #[arg(long, value_parser = parse_tuple)]
    publish: Vec<(String, String)>,
    /// Time to live of the published tuples, in ms (0 = forever).
    #[arg(long, default_value_t = 0)]
    ttl: u64,
    /// Delete a key everywhere; repeatable.
    #[arg(long)]
    delete: Vec<String>,
    /// Load a ZPL config file (server/timeout, zgossip/bind/endpoint, ...).
    #[arg(long)]
    load: Option<String>,
    /// Save the config tree to this file at exit.
    #[arg(long)]
    save: Option<String>,
    /// Client session timeout in ms (server/timeout; 0 disables).
    #[arg(long)]
    timeout: Option<u64>,
    /// Print `STATUS n` (the tuple count), and `PEERS m` with --discover,
    /// every this many ms.
    #[arg(long)]
    status_every: Option<u64>,
    /// Exit after this many ms (default: run until SIGINT/SIGTERM).
    #[arg(long)]
    duration: Option<u64>,
    /// Print the tuple set as `TUPLE key value` lines at exit.
    #[arg(long)]
    dump: bool,
    /// Log every state change.
    #[arg(long)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Demo {
    /// Start a small cluster on loopback, publish, wait until every node has
    /// every tuple, and print what each node learnt.
    Demo {
        /// Number of nodes (a chain: each connects to the previous one).
        #[arg(long, default_value_t = 3)]
        nodes: usize,
        /// Tuples published by each node.
        #[arg(long, default_value_t = 3)]
        tuples: usize,
        /// Give up after this many ms.
        #[arg(long, default_value_t = 10_000)]
        within: u64,
    },
}

fn parse_tuple(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .ok_or_else(|| format!("expected key=value, got {s:?}"))
}

fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.demo {
        Some(Demo::Demo {
            nodes,
            tuples,
            within,
        }) => demo(nodes, tuples, Duration::from_millis(within)),
        None => run(cli.node),
    };
    if let Err(e) = result {
        eprintln!("zgossip: {e}");
        std::process::exit(1);
    }
}

fn run(args: NodeArgs) -> Result<(), czmq::Error> {
    czmq::zsys::catch_interrupts()?;
    let node = Gossip::new(&args.name)?;
    if args.verbose {
        node.verbose()?;
    }
    if let Some(file) = &args.load {
        node.load(file)?;
    }
    if let Some(ms) = args.timeout {
        node.set("server/timeout", &ms.to_string())?;
    }
    let mut out = std::io::stdout().lock();
    for ep in &args.bind {
        let port = node.bind(ep)?;
        let shown = match ep.rsplit_once(':') {
            Some((host, _)) if ep.starts_with("tcp://") => format!("{host}:{port}"),
            _ => ep.clone(),
        };
        writeln!(out, "BOUND {shown}").ok();
    }
    out.flush().ok();
    if let Some(ttl) = args.beacon_ttl {
        czmq::zsys::set_mcast_ttl(ttl);
    }
    if let Some(port) = args.discover {
        node.discover(
            port,
            Duration::from_millis(args.beacon_interval),
            Duration::from_millis(args.peer_timeout),
        )?;
    }
    for ep in &args.connect {
        node.connect(ep)?;
    }
    for (k, v) in &args.publish {
        node.publish_ttl(k, v, Duration::from_millis(args.ttl))?;
    }
    for k in &args.delete {
        node.delete(k)?;
    }
    let start = Instant::now();
    let mut last_status = Instant::now();
    loop {
        if czmq::zsys::interrupted() {
            break;
        }
        if args
            .duration
            .is_some_and(|ms| start.elapsed() >= Duration::from_millis(ms))
        {
            break;
        }
        match node.recv_delivery(Duration::from_millis(100)) {
            Ok(Some(Delivery::Tuple { key, value })) => {
                writeln!(out, "DELIVER {} {}", show(&key), show(&value)).ok();
            }
            Ok(Some(Delivery::Removed { key })) => {
                writeln!(out, "REMOVE {}", show(&key)).ok();
            }
            Ok(None) => {}
            Err(czmq::Error::Interrupted) => break,
            Err(e) => return Err(e),
        }
        if let Some(every) = args.status_every {
            if last_status.elapsed() >= Duration::from_millis(every) {
                last_status = Instant::now();
                writeln!(out, "STATUS {}", node.status()?).ok();
                if args.discover.is_some() {
                    writeln!(out, "PEERS {}", node.peers()?).ok();
                }
            }
        }
        out.flush().ok();
    }
    if args.dump {
        for (k, v) in node.tuples()? {
            writeln!(out, "TUPLE {} {}", show(&k), show(&v)).ok();
        }
    }
    if let Some(file) = &args.save {
        node.save(file)?;
    }
    out.flush().ok();
    czmq::zsys::reset_interrupts()?;
    Ok(())
}

fn demo(nodes: usize, tuples: usize, within: Duration) -> Result<(), czmq::Error> {
    let nodes = nodes.clamp(1, 64);
    println!("Starting {nodes} gossip nodes on loopback, each connected to the previous one");
    let mut cluster: Vec<(Gossip, u16)> = Vec::new();
    for i in 0..nodes {
        let node = Gossip::new(&format!("node{i}"))?;
        let port = node.bind("tcp://127.0.0.1:*")?;
        if let Some((_, prev)) = cluster.last() {
            node.connect(&format!("tcp://127.0.0.1:{prev}"))?;
        }
        println!("node{i} serves tcp://127.0.0.1:{port}");
        cluster.push((node, port));
    }
    for (i, (node, _)) in cluster.iter().enumerate() {
        for t in 0..tuples {
            node.publish(format!("node{i}/key{t}"), format!("value {t} from node{i}"))?;
        }
    }
    let expected = nodes * tuples;
    let start = Instant::now();
    loop {
        let counts: Vec<usize> = cluster
            .iter()
            .map(|(n, _)| n.status())
            .collect::<Result<_, _>>()?;
        if counts.iter().all(|&c| c == expected) {
            println!(
                "Converged in {} ms: every node has all {expected} tuples",
                start.elapsed().as_millis()
            );
            break;
        }
        if start.elapsed() >= within {
            println!(
                "Not converged after {} ms: {counts:?} of {expected}",
                within.as_millis()
            );
            return Err(czmq::Error::TimedOut);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    for (i, (node, _)) in cluster.iter().enumerate() {
        println!("node{i} learnt:");
        for (k, v) in node.tuples()? {
            println!("  {} = {}", show(&k), show(&v));
        }
    }
    Ok(())
}
