//! Clone server, model 5 (Guide, chapter 5): the shared key-value store on
//! a reactor (`czmq::Loop`), with subtrees, ephemeral values and
//! heartbeats. Clients publish updates to the collector (SUB, tcp://*:5558);
//! updates with a "ttl" property (seconds) expire and are deleted by the
//! server; snapshots ("ICANHAZ?" + subtree on tcp://*:5556) cover one
//! subtree; "HUGZ" goes out on the publisher (tcp://*:5557) every second so
//! clients can tell the server is alive.
//!
//! `cargo run --example clonesrv5 [snapshot publisher collector]`

#[allow(dead_code)] // shared: each side uses part of kvmsg
#[path = "kvmsg/mod.rs"]
mod kvmsg;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use czmq::{zclock, Flags, Loop, Msg, Sock};
use kvmsg::KvMsg;

/// The store and the publisher the handlers share.
struct Server {
    kvmap: HashMap<String, KvMsg>,
    sequence: i64,
    publisher: Sock,
}

impl Server {
    /// Numbers an update and publishes it.
    fn publish(&mut self, kvmsg: &mut KvMsg) -> Result<(), czmq::Error> {
        self.sequence += 1;
        kvmsg.sequence = self.sequence;
        kvmsg.send(&self.publisher)
    }
}

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let endpoint = |i: usize, default: &str| args.get(i).cloned().unwrap_or_else(|| default.into());
    let snapshot = Sock::new_router(Some(&endpoint(0, "tcp://*:5556")))?;
    let publisher = Sock::new_pub(Some(&endpoint(1, "tcp://*:5557")))?;
    let collector = Sock::new_sub(Some(&format!("@{}", endpoint(2, "tcp://*:5558"))), Some(""))?;
    let server = Rc::new(RefCell::new(Server {
        kvmap: HashMap::new(),
        sequence: 0,
        publisher,
    }));
    let mut lp = Loop::new();

    // Snapshot requests: identity, "ICANHAZ?", subtree.
    let state = Rc::clone(&server);
    lp.add_reader(snapshot, move |_, snapshot| {
        let mut request = Msg::recv(snapshot)?;
        let identity = request.pop();
        let command = request.popstr()?;
        let (Some(identity), Some("ICANHAZ?")) = (identity, command.as_deref()) else {
            println!("E: bad snapshot request");
            return Ok(());
        };
        let subtree = request.popstr()?.unwrap_or_default();
        let state = state.borrow();
        for kvmsg in state
            .kvmap
            .values()
            .filter(|kv| kv.key.starts_with(&subtree))
        {
            identity.send_ref_with(snapshot, Flags::MORE)?;
            kvmsg.send(snapshot)?;
        }
        println!("I: sending snapshot={}", state.sequence);
        identity.send_ref_with(snapshot, Flags::MORE)?;
        KvMsg::new("KTHXBAI", state.sequence, subtree.as_bytes()).send(snapshot)
    });

    // Updates from clients: number, publish, store (ttl made absolute).
    let state = Rc::clone(&server);
    lp.add_reader(collector, move |_, collector| {
        let mut kvmsg = match KvMsg::recv(collector) {
            Ok(kvmsg) => kvmsg,
            Err(e) => {
                println!("E: bad update: {e}");
                return Ok(());
            }
        };
        let mut state = state.borrow_mut();
        state.publish(&mut kvmsg)?;
        if let Some(ttl) = kvmsg.prop("ttl").and_then(|t| t.parse::<i64>().ok()) {
            kvmsg.set_prop("ttl", &(zclock::time() + ttl * 1000).to_string());
        }
        println!("I: publishing update={}", state.sequence);
        kvmsg.store(&mut state.kvmap);
        Ok(())
    });

    // Once a second: delete expired ephemeral values, then send HUGZ.
    let state = Rc::clone(&server);
    lp.add_timer(Duration::from_secs(1), 0, move |_, _| {
        let mut state = state.borrow_mut();
        let now = zclock::time();
        let expired: Vec<String> = state
            .kvmap
            .values()
            .filter(|kv| {
                kv.prop("ttl")
                    .and_then(|t| t.parse::<i64>().ok())
                    .is_some_and(|t| t <= now)
            })
            .map(|kv| kv.key.clone())
            .collect();
        for key in expired {
            let mut delete = KvMsg::new(&key, 0, b"");
            state.publish(&mut delete)?;
            state.kvmap.remove(&key);
            println!("I: publishing delete={}", state.sequence);
        }
        let hugz = KvMsg::new("HUGZ", state.sequence, b"");
        hugz.send(&state.publisher)
    })?;
    lp.start()
}
