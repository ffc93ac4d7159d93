//! Clone server, model 1 (Guide, chapter 5): publishes a stream of random
//! key-value updates (kvsimple: key, sequence, body) on tcp://*:5556 and
//! keeps its own copy of the store.
//!
//! `cargo run --example clonesrv1 [endpoint] [updates]`

#[allow(dead_code)] // shared: each side uses part of kvsimple
#[path = "kvsimple/mod.rs"]
mod kvsimple;

use std::collections::HashMap;
use std::time::Duration;

use czmq::{zclock, Sock, SocketType};
use kvsimple::KvMsg;

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let endpoint = args.next().unwrap_or_else(|| "tcp://*:5556".into());
    let updates: Option<i64> = args.next().and_then(|n| n.parse().ok());

    // No high-water mark, so slow subscribers lose nothing (set by the
    // builder before it binds, so the pipes get it).
    let publisher = Sock::builder(SocketType::Pub).sndhwm(0).bind(&endpoint)?;
    zclock::sleep(Duration::from_millis(200)); // let subscribers connect

    let mut kvmap = HashMap::new();
    let mut seed = zclock::usecs().unsigned_abs() | 1;
    let mut sequence = 0;
    while updates.is_none_or(|n| sequence < n) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        sequence += 1;
        let body = ((seed >> 16) % 1_000_000 + 1).to_string();
        let kvmsg = KvMsg::new(&(seed % 10_000).to_string(), sequence, body.as_bytes());
        kvmsg.send(&publisher)?;
        kvmsg.store(&mut kvmap);
    }
    println!("{sequence} messages out, {} keys", kvmap.len());
    // Give the last updates time to leave before the socket closes.
    zclock::sleep(Duration::from_millis(500));
    Ok(())
}
