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
//! zgossip --cert server.cert --allow-store clients/ --bind tcp://127.0.0.1:5670   # CURVE server
//! zgossip --cert me.cert --server-key server.cert --connect tcp://127.0.0.1:5670  # its client
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
    /// Our CURVE certificate (CZMQ's file format; its FILE_secret is read):
    /// every --bind serves CURVE with it, and it is our key as a client.
    #[arg(long, value_name = "FILE")]
    cert: Option<String>,
    /// The public key of the servers we --connect to, as 40 Z85 characters
    /// or a certificate file: every --connect is then a CURVE client.
    // A Z85 key starts with '-' once in 85: clap must take it as the value,
    // not as another option.
    #[arg(long, value_name = "Z85|FILE", allow_hyphen_values = true)]
    server_key: Option<String>,
    /// Serve only CURVE clients whose certificate is in this directory
    /// (a ZAP handler with a certificate store; needs --cert).
    #[arg(long, value_name = "DIR")]
    allow_store: Option<String>,
    /// The ZAP domain of the CURVE server (CZMQ's default: global).
    #[arg(long)]
    zap_domain: Option<String>,
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

/// Installs the binary's logger: the library logs through `log`, so without
/// one `--verbose` would print nothing. `--verbose` shows the node's info
/// lines (each message sent and received); RUST_LOG still refines either way.
fn install_logger(verbose: bool) {
    let level = if verbose {
        log::LevelFilter::Info
    } else {
        log::LevelFilter::Warn
    };
    env_logger::Builder::new()
        .filter_level(level)
        .parse_default_env()
        .target(env_logger::Target::Stderr)
        .init();
}

/// Fails with a clear message when libzmq would refuse to connect to `ep`
/// (a bad transport, host or port): the actor's CONNECT has no reply (as
/// CZMQ's), so the CLI checks first with a throwaway socket.
fn check_connect_endpoint(ep: &str) -> Result<(), czmq::Error> {
    let probe = czmq::Sock::new(czmq::SocketType::Dealer)?;
    probe.as_socket().set_linger(Some(Duration::ZERO))?;
    probe
        .connect(ep)
        .map_err(|e| e.context(format!("cannot connect to {ep:?}")))
}

/// `--cert`: a certificate with its secret key.
fn own_cert(file: &str) -> Result<czmq::Cert, czmq::Error> {
    let cert = czmq::Cert::load(file).map_err(|e| e.context(format!("--cert {file}")))?;
    if cert.secret_key() == &[0; 32] {
        return Err(czmq::Error::InvalidArgument(format!(
            "--cert {file}: no secret key ({file}_secret is missing)"
        )));
    }
    Ok(cert)
}

/// `--server-key`: 40 Z85 characters, or else a certificate file.
fn server_key(arg: &str) -> Result<String, czmq::Error> {
    if gossip::security::check_key_text(arg, "--server-key").is_ok() {
        return Ok(arg.to_string());
    }
    czmq::Cert::load(arg)
        .map(|cert| cert.public_txt().to_string())
        .map_err(|e| {
            czmq::Error::InvalidArgument(format!(
                "--server-key {arg}: neither a 40-character Z85 key nor a certificate file ({e})"
            ))
        })
}

fn run(args: NodeArgs) -> Result<(), czmq::Error> {
    install_logger(args.verbose);
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
    let server_key = args.server_key.as_deref().map(server_key).transpose()?;
    let cert = args.cert.as_deref().map(own_cert).transpose()?;
    if let Some(cert) = &cert {
        node.set_curve(cert)?;
    }
    if let Some(domain) = &args.zap_domain {
        node.set_zap_domain(domain)?;
    }
    // Kept until exit: dropping it would let every client in again.
    let _auth = match &args.allow_store {
        Some(_) if cert.is_none() => {
            return Err(czmq::Error::InvalidArgument(
                "--allow-store needs --cert (a CURVE server)".into(),
            ))
        }
        Some(dir) => Some(
            czmq::Auth::builder()
                .curve_dir(dir)
                .start()
                .map_err(|e| e.context(format!("--allow-store {dir}")))?,
        ),
        None => None,
    };
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
        check_connect_endpoint(ep)?;
        match &server_key {
            Some(key) => node.connect_curve(ep, key)?,
            None => node.connect(ep)?,
        }
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
