//! Load-balancing broker with the high-level API (Guide, chapter 3): the
//! `lbbroker` pattern again, written with `Sock`, `Msg` and `Frame` the way
//! CZMQ's zsock/zmsg/zframe do it. A worker's REQ socket announces itself
//! with a one-byte READY signal (0x01); the broker keeps the identity frames
//! of free workers in a queue, unwraps each reply's envelope and wraps each
//! request in the envelope of the worker it goes to.
//!
//! `cargo run --example lbbroker2 [requests-per-client]`: without a count
//! the clients ask forever, one request a second, until Ctrl-C; with one,
//! the broker exits once every request has had its reply. The ipc files
//! (ipc://frontend.ipc, ipc://backend.ipc) are made in the current directory.

use std::collections::VecDeque;
use std::thread::JoinHandle;
use std::time::Duration;

use czmq::{poll, zstr, zsys, Error, Frame, Msg, PollEvents, PollItem, Sock};

const NBR_CLIENTS: u64 = 10;
const NBR_WORKERS: u64 = 3;
/// Signals worker is ready
const WORKER_READY: &[u8] = b"\x01";

/// Basic request-reply client using a REQ socket.
fn client_task(requests: Option<u64>) -> Result<(), Error> {
    let client = Sock::new_req(Some("ipc://frontend.ipc"))?;
    let mut sent = 0;
    while requests.is_none_or(|n| sent < n) {
        zstr::send(&client, "HELLO")?;
        let reply = zstr::recv(&client)?;
        println!("Client: {reply}");
        sent += 1;
        if requests.is_none() {
            std::thread::sleep(Duration::from_secs(1));
        }
    }
    Ok(())
}

/// Worker using a REQ socket to do load-balancing.
fn worker_task() -> Result<(), Error> {
    let worker = Sock::new_req(Some("ipc://backend.ipc"))?;
    // Tell broker we're ready for work
    Frame::new(WORKER_READY).send(&worker)?;
    // Process messages as they arrive
    loop {
        let mut msg = Msg::recv(&worker)?;
        // The request is the last frame; the reply replaces it, keeping
        // the client's envelope in front of it.
        if let Some(request) = msg.iter_mut().last() {
            println!("Worker: {}", String::from_utf8_lossy(request.data()));
            request.reset(b"OK");
        }
        msg.send(&worker)?;
    }
}

/// Takes the address and the empty delimiter off the front of a message
/// (CZMQ's zmsg_unwrap).
fn unwrap(msg: &mut Msg) -> Result<Frame, Error> {
    let address = msg
        .pop()
        .ok_or_else(|| Error::Malformed("empty message".into()))?;
    if msg.first().is_some_and(|f| f.size() == 0) {
        msg.pop();
    }
    Ok(address)
}

/// Puts an address and an empty delimiter in front of a message (CZMQ's
/// zmsg_wrap).
fn wrap(msg: &mut Msg, address: Frame) {
    msg.push(Frame::empty());
    msg.push(address);
}

fn main() -> Result<(), Error> {
    let requests: Option<u64> = std::env::args().nth(1).and_then(|n| n.parse().ok());
    zsys::catch_interrupts()?;

    // Prepare our sockets: ROUTERs bind by default
    let frontend = Sock::new_router(Some("ipc://frontend.ipc"))?;
    let backend = Sock::new_router(Some("ipc://backend.ipc"))?;

    let clients: Vec<_> = (0..NBR_CLIENTS)
        .map(|_| std::thread::spawn(move || client_task(requests)))
        .collect();
    let mut workers: Vec<_> = (0..NBR_WORKERS)
        .map(|_| std::thread::spawn(worker_task))
        .collect();

    // Queue of available workers
    let mut ready: VecDeque<Frame> = VecDeque::new();
    let mut replies_left = requests.map(|n| n * NBR_CLIENTS);
    // Ctrl-C may land on any thread: a client's receive then fails, and the
    // flag tells us at the next turn, if our own poll was not interrupted.
    while replies_left != Some(0) && !zsys::interrupted() {
        let mut items = [
            PollItem::socket(&backend, PollEvents::POLLIN),
            PollItem::socket(&frontend, PollEvents::POLLIN),
        ];
        // Poll frontend only if we have available workers
        let polled = if ready.is_empty() { 1 } else { 2 };
        match poll(&mut items[..polled], None) {
            Err(Error::Interrupted) => break,
            result => result?,
        };
        // Handle worker activity on backend
        if items[0].is_readable() {
            // Use worker identity for load-balancing
            let mut msg = Msg::recv(&backend)?;
            ready.push_back(unwrap(&mut msg)?);
            // Forward message to client if it's not a READY
            if msg.first().is_some_and(|f| f.data() != WORKER_READY) {
                msg.send(&frontend)?;
                replies_left = replies_left.map(|n| n - 1);
            }
        }
        if polled == 2 && items[1].is_readable() {
            // Get client request, route to first available worker
            let mut msg = Msg::recv(&frontend)?;
            if let Some(worker) = ready.pop_front() {
                wrap(&mut msg, worker);
                msg.send(&backend)?;
            }
        }
    }

    // Clients with a count end on their own once served (their last reply
    // may still be on its way); the others, and the workers, end when the
    // context is shut down, as every call blocked in libzmq then returns.
    if requests.is_some() {
        join_all(clients)?;
    } else {
        workers.extend(clients);
    }
    zsys::context()?.shutdown()?;
    join_all(workers)
}

/// Waits for every task; being stopped by shutdown or Ctrl-C is a clean end.
fn join_all(tasks: Vec<JoinHandle<Result<(), Error>>>) -> Result<(), Error> {
    for task in tasks {
        match task.join().expect("task panicked") {
            Ok(()) | Err(Error::Terminated) | Err(Error::Interrupted) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
