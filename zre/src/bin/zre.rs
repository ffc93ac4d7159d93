//! `zre`: a ZRE node on the command line.
//!
//! `zre chat --name A --group g` joins group `g`, SHOUTs every line read
//! from stdin to it, and prints every event, one line each; it leaves (and
//! says GOODBYE) at the end of stdin. Peers are found by UDP beacon (on by
//! default; `--interface lo` for one host), `--peer ENDPOINT` and/or
//! `--dns-srv NAME` (DNS SRV records, `--dns-server ADDR` to pick the
//! server) and/or gossip (`--gossip-bind ENDPOINT` to be a hub,
//! `--gossip-connect ENDPOINT` to use one, as Zyre's); each works alone
//! (`--no-beacon` for the last three). `--cert FILE` turns CURVE on with a
//! CZMQ certificate file (made if missing), prints `KEY <public key>`, and
//! then a static peer or gossip hub is given as `ENDPOINT|KEY`.
//! `--contest` runs for the group's leadership (a `LEADER` line says who won).

use std::io::{BufRead, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, TryRecvError};
use std::time::Duration;

use clap::{Parser, Subcommand};
use zre::{Event, Node, NodeError};

#[derive(Parser)]
#[command(
    name = "zre",
    version,
    about = "A ZRE (Zyre-compatible) peer-to-peer node"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Chat in a group: stdin lines are SHOUTed, events are printed.
    Chat(ChatArgs),
}

#[derive(clap::Args)]
struct ChatArgs {
    /// This node's public name.
    #[arg(long)]
    name: String,
    /// The group to join and SHOUT to.
    #[arg(long)]
    group: String,
    /// The endpoint to listen on (beacons need tcp; `tcp://*:*` for all
    /// interfaces).
    #[arg(long, default_value = zre::DEFAULT_ENDPOINT)]
    endpoint: String,
    /// UDP port of the discovery beacon (Zyre's is 5670).
    #[arg(long, default_value_t = 5670)]
    beacon_port: u16,
    /// Network interface for the beacon (as ZSYS_INTERFACE; `lo` for one host).
    #[arg(long)]
    interface: Option<String>,
    /// No UDP discovery: static peers only.
    #[arg(long)]
    no_beacon: bool,
    /// A static peer endpoint (repeatable); `ENDPOINT|KEY` for a CURVE
    /// node with public key KEY.
    #[arg(long = "peer")]
    peers: Vec<String>,
    /// DNS SRV discovery: look this name up (e.g. `_zre._tcp.example.org`)
    /// and say HELLO to every target.
    #[arg(long, value_name = "NAME")]
    dns_srv: Option<String>,
    /// The DNS server for --dns-srv: `ADDR` (port 53) or `ADDR:PORT`;
    /// by default the first nameserver of /etc/resolv.conf.
    #[arg(long, value_name = "ADDR", value_parser = parse_dns_server)]
    dns_server: Option<SocketAddr>,
    /// Seconds between two --dns-srv lookups.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    dns_interval: u64,
    /// Gossip discovery: be a hub, listening at this endpoint.
    #[arg(long, value_name = "ENDPOINT")]
    gossip_bind: Option<String>,
    /// Gossip discovery: connect to the hub at this endpoint (repeatable);
    /// `ENDPOINT|KEY` for a hub that is a CURVE server.
    #[arg(long, value_name = "ENDPOINT")]
    gossip_connect: Vec<String>,
    /// CURVE security with the CZMQ certificate in FILE (secret key in
    /// FILE_secret), made and saved there if FILE does not exist. Printed:
    /// `KEY <public key>`, which peers give with `--peer ENDPOINT|KEY`.
    #[arg(long, value_name = "FILE")]
    cert: Option<PathBuf>,
    /// Send our 23-byte beacon with the node's state (Zyre ignores it).
    #[arg(long)]
    beacon_state: bool,
    /// Contest the leadership of the group (Zyre's draft
    /// `zyre_set_contest_in_group`): a `LEADER` line names the winner,
    /// the contestant with the lowest UUID.
    #[arg(long)]
    contest: bool,
}

/// `ADDR:PORT`, `[V6]:PORT`, or an address alone (port 53).
fn parse_dns_server(text: &str) -> Result<SocketAddr, String> {
    text.parse::<SocketAddr>()
        .or_else(|_| text.parse::<IpAddr>().map(|ip| SocketAddr::new(ip, 53)))
        .map_err(|_| format!("{text:?} is not an address or address:port"))
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Chat(args) => chat(args),
    };
    if let Err(e) = result {
        eprintln!("zre: {e}");
        std::process::exit(1);
    }
}

/// The certificate at `path`, or a new one saved there.
fn load_or_make_cert(path: &Path) -> Result<czmq::Cert, czmq::Error> {
    match czmq::Cert::load(path) {
        Err(czmq::Error::NoEntry) => {
            let cert = czmq::Cert::new()?;
            cert.save(path)?;
            Ok(cert)
        }
        other => other,
    }
}

fn chat(args: ChatArgs) -> Result<(), Box<dyn std::error::Error>> {
    let mut out = std::io::stdout().lock();
    let mut node = Node::new(&args.name)?;
    if let Some(path) = &args.cert {
        let cert = load_or_make_cert(path)?;
        node.set_cert(&cert)?;
        writeln!(out, "KEY {}", cert.public_txt())?;
    }
    node.set_endpoint(&args.endpoint)?;
    if !args.no_beacon {
        let mut settings = czmq::BeaconSettings::from_zsys();
        if let Some(interface) = args.interface {
            settings.interface = interface;
        }
        node.set_beacon(settings, args.beacon_port)?;
        node.set_beacon_state(args.beacon_state)?;
    }
    if let Some(endpoint) = &args.gossip_bind {
        node.gossip_bind(endpoint)?;
    }
    for hub in &args.gossip_connect {
        match hub.split_once('|') {
            Some((endpoint, key)) => node.gossip_connect_curve(endpoint, key)?,
            None => node.gossip_connect(hub)?,
        }
    }
    for peer in &args.peers {
        match peer.split_once('|') {
            Some((endpoint, key)) => node.connect_curve(endpoint, key)?,
            None => node.add_static_peer(peer)?,
        }
    }
    if let Some(name) = &args.dns_srv {
        node.set_dns_srv(name)?;
        node.set_dns_interval(Duration::from_secs(args.dns_interval.max(1)))?;
        if let Some(server) = args.dns_server {
            node.set_dns_server(server)?;
        }
    }
    node.start()?;
    if args.contest {
        node.set_contest_in_group(&args.group)?;
    }
    node.join(&args.group)?;
    writeln!(
        out,
        "READY {} {} {}",
        node.uuid(),
        node.name(),
        node.endpoint().unwrap_or("")
    )?;
    out.flush()?;

    // stdin blocks; a thread reads it so the loop below can also print events.
    let (lines_tx, lines) = channel();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    loop {
        match lines.try_recv() {
            Ok(line) => {
                node.shout(&args.group, [line.into_bytes()])?;
                continue;
            }
            Err(TryRecvError::Disconnected) => break,
            Err(TryRecvError::Empty) => {}
        }
        // Wait for an event a short while, then look at stdin again.
        match node.recv_event_timeout(Duration::from_millis(20)) {
            Ok(event) => {
                writeln!(out, "{}", describe(&event))?;
                out.flush()?;
            }
            Err(NodeError::Timeout) => {}
            Err(e) => return Err(e.into()),
        }
    }
    node.leave(&args.group)?;
    node.stop()?;
    Ok(())
}

/// One event as one line: its kind, the peer's UUID and name, then details.
fn describe(event: &Event) -> String {
    let text = |content: &[Vec<u8>]| {
        content
            .iter()
            .map(|frame| String::from_utf8_lossy(frame).into_owned())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let head = format!("{} {}", event.kind(), event.peer());
    match event {
        Event::Enter { name, endpoint, .. } => format!("{head} {name} {endpoint}"),
        Event::Exit { name, .. }
        | Event::Evasive { name, .. }
        | Event::Silent { name, .. }
        | Event::Stop { name, .. } => format!("{head} {name}"),
        Event::Join { name, group, .. }
        | Event::Leave { name, group, .. }
        | Event::Leader { name, group, .. } => format!("{head} {name} {group}"),
        Event::Whisper { name, content, .. } => format!("{head} {name}: {}", text(content)),
        Event::Shout {
            name,
            group,
            content,
            ..
        } => format!("{head} {name} {group}: {}", text(content)),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_dns_server;

    #[test]
    fn dns_servers_parse_with_or_without_a_port() {
        assert_eq!(
            parse_dns_server("10.0.0.53"),
            Ok("10.0.0.53:53".parse().unwrap())
        );
        assert_eq!(
            parse_dns_server("10.0.0.53:5353"),
            Ok("10.0.0.53:5353".parse().unwrap())
        );
        assert_eq!(parse_dns_server("::1"), Ok("[::1]:53".parse().unwrap()));
        assert_eq!(
            parse_dns_server("[::1]:5353"),
            Ok("[::1]:5353".parse().unwrap())
        );
        assert!(parse_dns_server("dns.example.org").is_err());
    }
}
