//! Clone client, model 5 (Guide, chapter 5): takes a snapshot of the
//! "/client/" subtree, applies newer updates from the server, and once a
//! second publishes a random ephemeral value (with a "ttl" property). It
//! treats a server silent for 5 s (no "HUGZ") as gone.
//!
//! `cargo run --example clonecli5 [snapshot subscriber publisher] [updates [ttl]]`
//!
//! With `updates` it stops one second after publishing that many and prints
//! its store; `ttl` fixes the values' lifetime (default random, 0-29 s).

#[allow(dead_code)] // shared: each side uses part of kvmsg
#[path = "kvmsg/mod.rs"]
mod kvmsg;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use czmq::{poll, zclock, zstr, PollEvents, PollItem, Sock};
use kvmsg::KvMsg;

const SUBTREE: &str = "/client/";
/// The server sends HUGZ every second; this much silence means it is gone.
const SERVER_TTL: Duration = Duration::from_secs(5);

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let endpoint = |i: usize, default: &str| args.get(i).cloned().unwrap_or_else(|| default.into());
    let snapshot = Sock::new_dealer(Some(&endpoint(0, "tcp://localhost:5556")))?;
    let subscriber = Sock::new_sub(Some(&endpoint(1, "tcp://localhost:5557")), Some(SUBTREE))?;
    subscriber.as_socket().set_subscribe(b"HUGZ")?;
    let publisher = Sock::new_pub(Some(&format!(">{}", endpoint(2, "tcp://localhost:5558"))))?;
    let updates: Option<u64> = args.get(3).and_then(|n| n.parse().ok());
    let fixed_ttl: Option<u64> = args.get(4).and_then(|n| n.parse().ok());

    // The snapshot of our subtree, up to KTHXBAI.
    let mut kvmap: HashMap<String, KvMsg> = HashMap::new();
    zstr::sendx(&snapshot, &["ICANHAZ?", SUBTREE])?;
    snapshot
        .as_socket()
        .set_rcvtimeo(Some(Duration::from_secs(10)))?;
    let mut sequence = loop {
        let kvmsg = KvMsg::recv(&snapshot)?;
        if kvmsg.key == "KTHXBAI" {
            println!("I: received snapshot={}", kvmsg.sequence);
            break kvmsg.sequence;
        }
        kvmsg.store(&mut kvmap);
    };

    let mut seed = zclock::usecs().unsigned_abs() | 1;
    let mut sent = 0;
    let mut alarm = Instant::now() + Duration::from_secs(1);
    let mut server_expiry = Instant::now() + SERVER_TTL;
    loop {
        let mut items = [PollItem::socket(&subscriber, PollEvents::POLLIN)];
        poll(
            &mut items,
            Some(alarm.saturating_duration_since(Instant::now())),
        )?;
        if items[0].is_readable() {
            let kvmsg = KvMsg::recv(&subscriber)?;
            server_expiry = Instant::now() + SERVER_TTL;
            // HUGZ only says the server lives; old updates are discarded.
            if kvmsg.key != "HUGZ" && kvmsg.sequence > sequence {
                sequence = kvmsg.sequence;
                let what = if kvmsg.body.is_empty() {
                    "delete"
                } else {
                    "update"
                };
                println!("I: received {what}={sequence}");
                kvmsg.store(&mut kvmap);
            }
        }
        if Instant::now() >= server_expiry {
            println!("E: server is gone");
            std::process::exit(1);
        }
        if Instant::now() >= alarm {
            if updates.is_some_and(|n| sent >= n) {
                break;
            }
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let key = format!("{SUBTREE}{}", seed % 10_000);
            let mut kvmsg = KvMsg::new(&key, 0, ((seed >> 16) % 1_000_000).to_string().as_bytes());
            kvmsg.set_uuid();
            kvmsg.set_prop("ttl", &fixed_ttl.unwrap_or((seed >> 40) % 30).to_string());
            kvmsg.send(&publisher)?;
            sent += 1;
            alarm = Instant::now() + Duration::from_secs(1);
        }
    }
    println!("I: store has {} entries at update {sequence}", kvmap.len());
    Ok(())
}
