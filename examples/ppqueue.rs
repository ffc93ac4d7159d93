//! Paranoid Pirate queue (Guide, chapter 4): the Simple Pirate queue plus
//! heartbeats. Workers (DEALER, on tcp://*:5556) send READY ("\x01") and
//! heartbeats ("\x02"); the queue heartbeats them every second and forgets
//! any worker silent for 3 heartbeats, so requests only go to live workers.
//! Clients (Lazy Pirate) connect on tcp://*:5555.
//!
//! `cargo run --example ppqueue [frontend] [backend]`

use std::time::{Duration, Instant};

use czmq::{poll, Frame, Msg, PollEvents, PollItem, Sock};

const HEARTBEAT_LIVENESS: u32 = 3;
const HEARTBEAT_INTERVAL: Duration = Duration::from_millis(1000);
const PPP_READY: &[u8] = b"\x01";
const PPP_HEARTBEAT: &[u8] = b"\x02";

/// A live worker and when it expires without news from it.
struct Worker {
    identity: Frame,
    expiry: Instant,
}

/// Ready workers, longest idle first.
#[derive(Default)]
struct Workers(Vec<Worker>);

impl Workers {
    /// A worker is ready: move it to the end of the queue with a fresh expiry.
    fn ready(&mut self, identity: Frame) {
        self.0.retain(|w| w.identity != identity);
        let expiry = Instant::now() + HEARTBEAT_INTERVAL * HEARTBEAT_LIVENESS;
        self.0.push(Worker { identity, expiry });
    }

    /// The longest idle worker, taken off the queue.
    fn next(&mut self) -> Option<Frame> {
        (!self.0.is_empty()).then(|| self.0.remove(0).identity)
    }

    /// Drops workers we have not heard from in time.
    fn purge(&mut self) {
        let now = Instant::now();
        self.0.retain(|w| w.expiry > now);
    }
}

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let frontend_ep = args.next().unwrap_or_else(|| "tcp://*:5555".into());
    let backend_ep = args.next().unwrap_or_else(|| "tcp://*:5556".into());
    let frontend = Sock::new_router(Some(&frontend_ep))?;
    let backend = Sock::new_router(Some(&backend_ep))?;

    let mut workers = Workers::default();
    let mut heartbeat_at = Instant::now() + HEARTBEAT_INTERVAL;
    loop {
        let mut items = [
            PollItem::socket(&backend, PollEvents::POLLIN),
            PollItem::socket(&frontend, PollEvents::POLLIN),
        ];
        // Take client requests only while some worker can take them.
        let polled = if workers.0.is_empty() { 1 } else { 2 };
        poll(&mut items[..polled], Some(HEARTBEAT_INTERVAL))?;
        if items[0].is_readable() {
            // worker, then a control frame or client, "", reply.
            let mut msg = Msg::recv(&backend)?;
            let Some(identity) = msg.pop() else { continue };
            // Any message from a worker says it is alive and ready.
            workers.ready(identity);
            match msg.first() {
                Some(f)
                    if msg.len() == 1 && (f.data() == PPP_READY || f.data() == PPP_HEARTBEAT) => {}
                Some(_) if msg.len() == 1 => println!("E: invalid message from worker"),
                _ => msg.send(&frontend)?,
            }
        }
        if polled == 2 && items[1].is_readable() {
            let mut msg = Msg::recv(&frontend)?;
            if let Some(worker) = workers.next() {
                msg.push(worker);
                msg.send(&backend)?;
            }
        }
        // Heartbeat the idle workers and forget the silent ones.
        if Instant::now() >= heartbeat_at {
            for worker in &workers.0 {
                let mut heartbeat = Msg::new();
                heartbeat.push(worker.identity.clone());
                heartbeat.addmem(PPP_HEARTBEAT);
                heartbeat.send(&backend)?;
            }
            heartbeat_at = Instant::now() + HEARTBEAT_INTERVAL;
        }
        workers.purge();
    }
}
