//! Clone server, model 4 (Guide, chapter 5): model 3 with subtrees. A
//! snapshot request names a subtree ("ICANHAZ?", path) and gets only the
//! keys under it, then "KTHXBAI" carrying the sequence number and the
//! subtree. Updates are published as before; subscribers filter them by
//! key prefix.
//!
//! `cargo run --example clonesrv4 [snapshot publisher collector]`

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
            // identity, "ICANHAZ?", subtree
            let mut request = Msg::recv(&snapshot)?;
            let identity = request.pop();
            let (Some(identity), Some(true)) =
                (identity, request.pop().map(|f| f.streq("ICANHAZ?")))
            else {
                println!("E: bad snapshot request");
                continue;
            };
            let subtree = request.popstr()?.unwrap_or_default();
            for kvmsg in kvmap.values().filter(|kv| kv.key.starts_with(&subtree)) {
                identity.send_ref_with(&snapshot, Flags::MORE)?;
                kvmsg.send(&snapshot)?;
            }
            println!("I: sending snapshot={sequence} of {subtree:?}");
            identity.send_ref_with(&snapshot, Flags::MORE)?;
            KvMsg::new("KTHXBAI", sequence, subtree.as_bytes()).send(&snapshot)?;
        }
    }
}
