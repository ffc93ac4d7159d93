//! Clone client, model 1 (Guide, chapter 5): subscribes to the server's
//! updates and applies them to its own copy of the store. A client that
//! joins late has missed the earlier updates: the problem models 2 and on
//! solve.
//!
//! `cargo run --example clonecli1 [endpoint] [updates]`
//!
//! With `updates` it stops after that many, or after 2 s without any.

#[allow(dead_code)] // shared: each side uses part of kvsimple
#[path = "kvsimple/mod.rs"]
mod kvsimple;

use std::collections::HashMap;
use std::time::Duration;

use czmq::{Sock, SocketType};
use kvsimple::KvMsg;

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let endpoint = args.next().unwrap_or_else(|| "tcp://localhost:5556".into());
    let updates: Option<u64> = args.next().and_then(|n| n.parse().ok());

    // No high-water mark (set by the builder before it connects, so the
    // pipe gets it): the client is meant to see every update.
    let subscriber = Sock::builder(SocketType::Sub)
        .rcvhwm(0)
        .subscribe(b"")
        .connect(&endpoint)?;
    if updates.is_some() {
        subscriber
            .as_socket()
            .set_rcvtimeo(Some(Duration::from_secs(2)))?;
    }
    let mut kvmap = HashMap::new();
    let mut received = 0;
    let mut in_order = true;
    while updates.is_none_or(|n| received < n) {
        let kvmsg = match KvMsg::recv(&subscriber) {
            Ok(kvmsg) => kvmsg,
            Err(czmq::Error::Again) => break, // the server went quiet
            Err(e) => return Err(e),
        };
        received += 1;
        in_order &= kvmsg.sequence == received as i64;
        kvmsg.store(&mut kvmap);
    }
    let order = if in_order {
        "all in order"
    } else {
        "some missed"
    };
    println!("{received} messages in, {} keys, {order}", kvmap.len());
    Ok(())
}
