//! Clone server, model 6 (Guide, chapter 5): the model 5 server as a
//! Binary Star pair. Clients publish every update to both servers; the
//! active one numbers, stores and publishes it; the passive one follows
//! the active's publisher and keeps client updates it has not yet seen
//! from the active on a pending list, which it publishes if it takes over.
//!
//! `cargo run --example clonesrv6 -p|-b [port peer-port state-port peer-state-port]`
//!
//! Primary: snapshots on 5556 (updates out on 5557, in on 5558), state on
//! 5003; backup: 5566 (5567, 5568), state on 5004. Binary Star voting
//! happens on the snapshot socket.

#[path = "bstar/mod.rs"]
mod bstar;
#[allow(dead_code)] // shared: each side uses part of kvmsg
#[path = "kvmsg/mod.rs"]
mod kvmsg;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use bstar::BStar;
use czmq::{zclock, Flags, Loop, ReaderId, Sock, SocketType};
use kvmsg::KvMsg;

/// What the handlers share.
struct Server {
    kvmap: HashMap<String, KvMsg>,
    sequence: i64,
    active: bool,
    /// Passive and holding the active peer's snapshot.
    synced: bool,
    publisher: Sock,
    /// Client updates not yet seen from the active peer (while passive).
    pending: Vec<KvMsg>,
    /// The peer's publisher, read while passive; parked here while active.
    subscriber: Option<Sock>,
    subscriber_id: Option<ReaderId<Sock>>,
    peer_snapshot: String,
}

impl Server {
    /// Numbers an update, publishes it and stores it.
    fn publish(&mut self, mut kvmsg: KvMsg) -> Result<(), czmq::Error> {
        self.sequence += 1;
        kvmsg.sequence = self.sequence;
        kvmsg.send(&self.publisher)?;
        store(kvmsg, &mut self.kvmap);
        Ok(())
    }

    /// True (and forgets it) if the update is on the pending list.
    fn was_pending(&mut self, kvmsg: &KvMsg) -> bool {
        let before = self.pending.len();
        self.pending.retain(|p| p.uuid != kvmsg.uuid);
        self.pending.len() != before
    }
}

type Shared = Rc<RefCell<Server>>;

/// Stores an update as published (ttl in seconds from now) with its ttl
/// made an absolute expiry time, for the flush timer.
fn store(mut kvmsg: KvMsg, kvmap: &mut HashMap<String, KvMsg>) {
    if let Some(ttl) = kvmsg.prop("ttl").and_then(|t| t.parse::<i64>().ok()) {
        kvmsg.set_prop("ttl", &(zclock::time() + ttl * 1000).to_string());
    }
    kvmsg.store(kvmap);
}

/// Passive: the first time, a snapshot from the active peer; then its updates.
fn on_peer_update(state: &Shared, subscriber: &mut Sock) -> Result<(), czmq::Error> {
    let mut s = state.borrow_mut();
    if !s.synced {
        let snapshot = Sock::new_dealer(Some(&s.peer_snapshot))?;
        snapshot
            .as_socket()
            .set_rcvtimeo(Some(Duration::from_secs(5)))?;
        czmq::zstr::sendx(&snapshot, &["ICANHAZ?", ""])?;
        loop {
            let kvmsg = KvMsg::recv(&snapshot)?;
            if kvmsg.key == "KTHXBAI" {
                s.sequence = kvmsg.sequence;
                break;
            }
            kvmsg.store(&mut s.kvmap);
        }
        println!("I: received snapshot={}", s.sequence);
        s.synced = true;
    }
    let kvmsg = KvMsg::recv(&*subscriber)?;
    if kvmsg.key == "HUGZ" {
        return Ok(());
    }
    // An update the active got before we saw the client's copy: remember
    // it so the late client copy is dropped.
    if !s.was_pending(&kvmsg) {
        s.pending.push(kvmsg.clone());
    }
    if kvmsg.sequence > s.sequence {
        s.sequence = kvmsg.sequence;
        println!("I: received update={}", s.sequence);
        store(kvmsg, &mut s.kvmap);
    }
    Ok(())
}

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (primary, defaults) = match args.first().map(String::as_str) {
        Some("-p") => (true, [5556, 5566, 5003, 5004]),
        Some("-b") => (false, [5566, 5556, 5004, 5003]),
        _ => {
            println!("Usage: clonesrv6 {{ -p | -b }} [port peer-port state-port peer-state-port]");
            return Ok(());
        }
    };
    let port = |i: usize| {
        args.get(i + 1)
            .and_then(|p| p.parse::<u16>().ok())
            .unwrap_or(defaults[i])
    };
    let (me, peer) = (port(0), port(1));
    println!("I: {} passive", if primary { "primary" } else { "backup" });

    let mut bstar = BStar::new(
        primary,
        &format!("tcp://*:{}", port(2)),
        &format!("tcp://localhost:{}", port(3)),
    )?;
    let publisher = Sock::new_pub(Some(&format!("tcp://*:{}", me + 1)))?;
    let collector = Sock::new_sub(Some(&format!("@tcp://*:{}", me + 2)), Some(""))?;
    let subscriber = Sock::new_sub(Some(&format!("tcp://localhost:{}", peer + 1)), Some(""))?;
    let state: Shared = Rc::new(RefCell::new(Server {
        kvmap: HashMap::new(),
        sequence: 0,
        active: false,
        synced: false,
        publisher,
        pending: Vec::new(),
        subscriber: Some(subscriber),
        subscriber_id: None,
        peer_snapshot: format!("tcp://localhost:{peer}"),
    }));

    // Snapshots, while active: identity, "ICANHAZ?", subtree.
    let s = Rc::clone(&state);
    bstar.voter(
        &format!("tcp://*:{me}"),
        SocketType::Router,
        move |snapshot, mut request| {
            let (Some(identity), Ok(Some(command))) = (request.pop(), request.popstr()) else {
                return Ok(());
            };
            if command != "ICANHAZ?" {
                println!("E: bad snapshot request");
                return Ok(());
            }
            let subtree = request.popstr()?.unwrap_or_default();
            let s = s.borrow();
            for kvmsg in s.kvmap.values().filter(|kv| kv.key.starts_with(&subtree)) {
                identity.send_ref_with(snapshot, Flags::MORE)?;
                kvmsg.send(snapshot)?;
            }
            println!("I: sending snapshot={}", s.sequence);
            identity.send_ref_with(snapshot, Flags::MORE)?;
            KvMsg::new("KTHXBAI", s.sequence, subtree.as_bytes()).send(snapshot)
        },
    )?;

    // Client updates: published by the active, held by the passive.
    let s = Rc::clone(&state);
    bstar.lp().add_reader(collector, move |_, collector| {
        let kvmsg = match KvMsg::recv(collector) {
            Ok(kvmsg) => kvmsg,
            Err(e) => {
                println!("E: bad update: {e}");
                return Ok(());
            }
        };
        let mut s = s.borrow_mut();
        if s.active {
            s.publish(kvmsg)?;
            println!("I: publishing update={}", s.sequence);
        } else if !s.was_pending(&kvmsg) {
            s.pending.push(kvmsg);
        }
        Ok(())
    });

    // Once a second: expire ephemeral values, send HUGZ (while active).
    let s = Rc::clone(&state);
    bstar
        .lp()
        .add_timer(Duration::from_secs(1), 0, move |_, _| {
            let mut s = s.borrow_mut();
            if !s.active {
                return Ok(());
            }
            let now = zclock::time();
            let expired: Vec<String> = s
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
                s.publish(KvMsg::new(&key, 0, b""))?;
                println!("I: publishing delete={}", s.sequence);
            }
            KvMsg::new("HUGZ", s.sequence, b"").send(&s.publisher)
        })?;

    // Becoming active: stop following the peer, publish what is pending.
    let s = Rc::clone(&state);
    bstar.on_active(move |lp| {
        let mut s = s.borrow_mut();
        s.active = true;
        if let Some(id) = s.subscriber_id.take() {
            s.subscriber = lp.remove_reader(id);
        }
        for kvmsg in std::mem::take(&mut s.pending) {
            s.publish(kvmsg)?;
            println!("I: publishing pending={}", s.sequence);
        }
        Ok(())
    });
    // Becoming passive: start afresh from the active peer's state.
    let s = Rc::clone(&state);
    bstar.on_passive(move |lp: &mut Loop| {
        let mut shared = s.borrow_mut();
        shared.kvmap.clear();
        shared.active = false;
        shared.synced = false;
        if let Some(subscriber) = shared.subscriber.take() {
            let follower = Rc::clone(&s);
            shared.subscriber_id =
                Some(lp.add_reader(subscriber, move |_, sub| on_peer_update(&follower, sub)));
        }
        Ok(())
    });
    bstar.start()
}
