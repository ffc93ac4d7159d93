//! Clone server, model 3 (Guide, chapter 5): a shared key-value store.
//! Clients push updates to the collector (PULL, tcp://*:5558); the server
//! numbers each, stores it and publishes it (PUB, tcp://*:5557). A client
//! that joins asks for a snapshot ("ICANHAZ?" on the ROUTER, tcp://*:5556)
//! and gets every entry, then "KTHXBAI" with the sequence number the
//! snapshot is at.
//!
//! `cargo run --example clonesrv3 [snapshot publisher collector]`

#[allow(dead_code)] // shared: each side uses part of kvsimple
#[path = "kvsimple/mod.rs"]
mod kvsimple;

use std::collections::HashMap;
use std::time::Duration;

use czmq::{poll, Flags, Msg, PollEvents, PollItem, Sock};
use kvsimple::KvMsg;

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let endpoint = |i: usize, default: &str| args.get(i).cloned().unwrap_or_else(|| default.into());
    let snapshot = Sock::new_router(Some(&endpoint(0, "tcp://*:5556")))?;
    let publisher = Sock::new_pub(Some(&endpoint(1, "tcp://*:5557")))?;
    let collector = Sock::new_pull(Some(&endpoint(2, "tcp://*:5558")))?;

    let mut kvmap: HashMap<String, KvMsg> = HashMap::new();
    let mut sequence = 0;
    loop {
        let mut items = [
            PollItem::socket(&collector, PollEvents::POLLIN),
            PollItem::socket(&snapshot, PollEvents::POLLIN),
        ];
        poll(&mut items, Some(Duration::from_millis(1000)))?;
        if items[0].is_readable() {
            // An update from a client: number it, publish it, keep it.
            match KvMsg::recv(&collector) {
                Ok(mut kvmsg) => {
                    sequence += 1;
                    kvmsg.sequence = sequence;
                    kvmsg.send(&publisher)?;
                    kvmsg.store(&mut kvmap);
                    println!("I: publishing update {sequence:5}");
                }
                Err(e) => println!("E: bad update: {e}"),
            }
        }
        if items[1].is_readable() {
            // identity, "ICANHAZ?"
            let mut request = Msg::recv(&snapshot)?;
            let identity = request.pop();
            let (Some(identity), Some(true)) =
                (identity, request.pop().map(|f| f.streq("ICANHAZ?")))
            else {
                println!("E: bad snapshot request");
                continue;
            };
            for kvmsg in kvmap.values() {
                identity.send_ref_with(&snapshot, Flags::MORE)?;
                kvmsg.send(&snapshot)?;
            }
            println!("I: sending snapshot={sequence}");
            identity.send_ref_with(&snapshot, Flags::MORE)?;
            KvMsg::new("KTHXBAI", sequence, b"").send(&snapshot)?;
        }
    }
}
