//! Simple Pirate queue (Guide, chapter 4): the load-balancing broker between
//! Lazy Pirate clients (ROUTER on tcp://*:5555) and workers (ROUTER on
//! tcp://*:5556). A worker announces itself with "\x01" (READY) and again
//! with each reply; each request goes to the longest-idle worker.
//!
//! `cargo run --example spqueue [frontend] [backend]`

use std::collections::VecDeque;

use czmq::{poll, Frame, Msg, PollEvents, PollItem, Sock};

/// Sent by a worker that is ready for work.
const WORKER_READY: &[u8] = b"\x01";

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let frontend_ep = args.next().unwrap_or_else(|| "tcp://*:5555".into());
    let backend_ep = args.next().unwrap_or_else(|| "tcp://*:5556".into());
    let frontend = Sock::new_router(Some(&frontend_ep))?;
    let backend = Sock::new_router(Some(&backend_ep))?;

    // Identities of ready workers, longest idle first.
    let mut workers: VecDeque<Frame> = VecDeque::new();
    loop {
        // Take client requests only while some worker can take them.
        let mut items = [
            PollItem::socket(&backend, PollEvents::POLLIN),
            PollItem::socket(&frontend, PollEvents::POLLIN),
        ];
        let polled = if workers.is_empty() { 1 } else { 2 };
        poll(&mut items[..polled], None)?;
        if items[0].is_readable() {
            // worker, "", then READY or client, "", reply.
            let mut msg = Msg::recv(&backend)?;
            let (Some(worker), Some(_empty)) = (msg.pop(), msg.pop()) else {
                continue;
            };
            workers.push_back(worker);
            if !(msg.len() == 1 && msg.first().is_some_and(|f| f.data() == WORKER_READY)) {
                msg.send(&frontend)?;
            }
        }
        if polled == 2 && items[1].is_readable() {
            let mut msg = Msg::recv(&frontend)?;
            if let Some(worker) = workers.pop_front() {
                msg.push(Frame::empty());
                msg.push(worker);
                msg.send(&backend)?;
            }
        }
    }
}
