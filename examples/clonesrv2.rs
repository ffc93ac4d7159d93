//! Clone server, model 2 (Guide, chapter 5): model 1 plus snapshots. The
//! main thread publishes updates (PUB, tcp://*:5557) and passes each to a
//! state manager thread over an inproc pipe; the state manager keeps the
//! store and answers "ICANHAZ?" on tcp://*:5556 with every entry, then
//! "KTHXBAI" carrying the sequence number the snapshot is at.
//!
//! `cargo run --example clonesrv2 [snapshot publisher] [updates-per-second]`

#[allow(dead_code)] // shared: each side uses part of kvsimple
#[path = "kvsimple/mod.rs"]
mod kvsimple;

use std::collections::HashMap;
use std::time::Duration;

use czmq::{poll, zclock, Flags, Msg, PollEvents, PollItem, Sock};
use kvsimple::KvMsg;

const PIPE: &str = "inproc://clonesrv2-state";

/// Keeps the store from the updates on the pipe; serves snapshots.
fn state_manager(snapshot_endpoint: String) -> Result<(), czmq::Error> {
    let pipe = Sock::new_pair(Some(&format!(">{PIPE}")))?;
    let snapshot = Sock::new_router(Some(&snapshot_endpoint))?;
    pipe.signal(0)?;
    let mut kvmap: HashMap<String, KvMsg> = HashMap::new();
    let mut sequence = 0;
    loop {
        let mut items = [
            PollItem::socket(&pipe, PollEvents::POLLIN),
            PollItem::socket(&snapshot, PollEvents::POLLIN),
        ];
        poll(&mut items, None)?;
        if items[0].is_readable() {
            let kvmsg = KvMsg::recv(&pipe)?;
            sequence = kvmsg.sequence;
            kvmsg.store(&mut kvmap);
        }
        if items[1].is_readable() {
            // identity, "ICANHAZ?"
            let mut request = Msg::recv(&snapshot)?;
            let identity = request.pop();
            let command = request.popstr()?;
            let (Some(identity), Some("ICANHAZ?")) = (identity, command.as_deref()) else {
                println!("E: bad snapshot request");
                continue;
            };
            for kvmsg in kvmap.values() {
                identity.send_ref_with(&snapshot, Flags::MORE)?;
                kvmsg.send(&snapshot)?;
            }
            println!("Sending state snapshot={sequence}");
            identity.send_ref_with(&snapshot, Flags::MORE)?;
            KvMsg::new("KTHXBAI", sequence, b"").send(&snapshot)?;
        }
    }
}

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let snapshot = args
        .first()
        .cloned()
        .unwrap_or_else(|| "tcp://*:5556".into());
    let publisher_ep = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "tcp://*:5557".into());
    // The Guide publishes flat out; a rate keeps a demo readable.
    let pause = args
        .get(2)
        .and_then(|n| n.parse::<u64>().ok())
        .filter(|&n| n > 0)
        .map(|n| Duration::from_micros(1_000_000 / n));

    let publisher = Sock::new_pub(Some(&publisher_ep))?;
    let pipe = Sock::new_pair(Some(&format!("@{PIPE}")))?;
    std::thread::spawn(move || {
        if let Err(e) = state_manager(snapshot) {
            println!("E: state manager failed: {e}");
            std::process::exit(1);
        }
    });
    pipe.wait()?; // the state manager is up

    let mut seed = zclock::usecs().unsigned_abs() | 1;
    let mut sequence = 0;
    loop {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        sequence += 1;
        let body = ((seed >> 16) % 1_000_000 + 1).to_string();
        let kvmsg = KvMsg::new(&(seed % 10_000).to_string(), sequence, body.as_bytes());
        kvmsg.send(&publisher)?;
        kvmsg.send(&pipe)?;
        if let Some(pause) = pause {
            zclock::sleep(pause);
        }
    }
}
