//! Clone client, model 3 (Guide, chapter 5): gets a snapshot of the shared
//! store, then applies the server's published updates newer than it, and
//! once a second pushes a random update of its own.
//!
//! `cargo run --example clonecli3 [snapshot subscriber publisher] [updates]`
//!
//! With `updates` it pushes that many, stops once as many updates newer
//! than its snapshot have come back from the server (or 10 s after its last
//! push, should some be lost) and prints the state of its store.

#[allow(dead_code)] // shared: each side uses part of kvsimple
#[path = "kvsimple/mod.rs"]
mod kvsimple;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use czmq::{poll, zclock, zstr, PollEvents, PollItem, Sock};
use kvsimple::KvMsg;

/// How long a finite run waits for its last updates to come back.
const GRACE: Duration = Duration::from_secs(10);

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let endpoint = |i: usize, default: &str| args.get(i).cloned().unwrap_or_else(|| default.into());
    let snapshot = Sock::new_dealer(Some(&endpoint(0, "tcp://localhost:5556")))?;
    let subscriber = Sock::new_sub(Some(&endpoint(1, "tcp://localhost:5557")), Some(""))?;
    let publisher = Sock::new_push(Some(&endpoint(2, "tcp://localhost:5558")))?;
    let updates: Option<u64> = args.get(3).and_then(|n| n.parse().ok());

    // The snapshot first: every entry, then KTHXBAI with its sequence.
    let mut kvmap: HashMap<String, KvMsg> = HashMap::new();
    zstr::send(&snapshot, "ICANHAZ?")?;
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
    let (mut sent, mut echoed) = (0, 0);
    let mut alarm = Instant::now() + Duration::from_secs(1);
    loop {
        let mut items = [PollItem::socket(&subscriber, PollEvents::POLLIN)];
        poll(
            &mut items,
            Some(alarm.saturating_duration_since(Instant::now())),
        )?;
        if items[0].is_readable() {
            let kvmsg = KvMsg::recv(&subscriber)?;
            // Updates the snapshot already had are discarded.
            if kvmsg.sequence > sequence {
                sequence = kvmsg.sequence;
                kvmsg.store(&mut kvmap);
                println!("I: received update={sequence}");
                echoed += 1;
            }
        }
        if let Some(n) = updates.filter(|&n| sent >= n) {
            // All pushed: wait for them to come back, not for a second.
            if echoed >= n || Instant::now() >= alarm {
                break;
            }
        } else if Instant::now() >= alarm {
            // A random update of our own, through the server.
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let key = (seed % 10_000).to_string();
            let body = ((seed >> 16) % 1_000_000).to_string();
            KvMsg::new(&key, 0, body.as_bytes()).send(&publisher)?;
            sent += 1;
            let pause = if updates == Some(sent) {
                GRACE
            } else {
                Duration::from_secs(1)
            };
            alarm = Instant::now() + pause;
        }
    }
    println!("I: store has {} entries at update {sequence}", kvmap.len());
    Ok(())
}
