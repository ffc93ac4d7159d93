//! Clone client, model 2 (Guide, chapter 5): subscribes to updates first,
//! then asks for a snapshot, and applies only the updates newer than the
//! snapshot, so a late joiner ends up with the whole store.
//!
//! `cargo run --example clonecli2 [snapshot subscriber] [updates]`

#[allow(dead_code)] // shared: each side uses part of kvsimple
#[path = "kvsimple/mod.rs"]
mod kvsimple;

use std::collections::HashMap;
use std::time::Duration;

use czmq::{zstr, Sock, SocketType};
use kvsimple::KvMsg;

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let snapshot_ep = args
        .first()
        .cloned()
        .unwrap_or_else(|| "tcp://localhost:5556".into());
    let subscriber_ep = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "tcp://localhost:5557".into());
    let updates: Option<u64> = args.get(2).and_then(|n| n.parse().ok());

    // Subscribe first, so no update falls between snapshot and stream.
    let subscriber = Sock::builder(SocketType::Sub)
        .rcvhwm(0) // before connecting, so the pipe gets it
        .subscribe(b"")
        .connect(&subscriber_ep)?;
    // A connected SUB is not yet a subscribed one: wait for the first update,
    // so every update after the snapshot is sure to reach us.
    let first = KvMsg::recv(&subscriber)?;
    let snapshot = Sock::new_dealer(Some(&snapshot_ep))?;
    snapshot
        .as_socket()
        .set_rcvtimeo(Some(Duration::from_secs(10)))?;
    zstr::send(&snapshot, "ICANHAZ?")?;
    let mut kvmap: HashMap<String, KvMsg> = HashMap::new();
    let mut sequence = loop {
        let kvmsg = KvMsg::recv(&snapshot)?;
        if kvmsg.key == "KTHXBAI" {
            println!(
                "Received snapshot={} ({} keys)",
                kvmsg.sequence,
                kvmap.len()
            );
            break kvmsg.sequence;
        }
        kvmsg.store(&mut kvmap);
    };

    let mut applied = 0;
    let mut skipped = 0;
    let mut first = Some(first);
    while updates.is_none_or(|n| applied < n) {
        let kvmsg = match first.take() {
            Some(kvmsg) => kvmsg,
            None => KvMsg::recv(&subscriber)?,
        };
        // Updates the snapshot already holds are discarded.
        if kvmsg.sequence > sequence {
            if kvmsg.sequence != sequence + 1 {
                println!("E: missed updates {}..{}", sequence + 1, kvmsg.sequence - 1);
            }
            sequence = kvmsg.sequence;
            kvmsg.store(&mut kvmap);
            applied += 1;
        } else {
            skipped += 1;
        }
    }
    println!(
        "Applied {applied} updates after the snapshot (skipped {skipped}), at update {sequence}"
    );
    Ok(())
}
