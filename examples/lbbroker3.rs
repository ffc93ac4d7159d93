//! Load-balancing broker on the reactor (Guide, chapter 3): `lbbroker2`
//! rewritten around `Loop`. The backend is always read; the frontend reader
//! is added when the first worker becomes free and removed when the last
//! free worker is taken, which is how the reactor says "poll the frontend
//! only while a worker is ready".
//!
//! `cargo run --example lbbroker3 [requests-per-client]`: without a count
//! the clients ask forever, one request a second, until Ctrl-C; with one,
//! the broker exits once every request has had its reply. The ipc files
//! (ipc://frontend.ipc, ipc://backend.ipc) are made in the current directory.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::thread::JoinHandle;
use std::time::Duration;

use czmq::{zstr, zsys, Error, Frame, Loop, Msg, ReaderId, Sock};

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
        if let Some(request) = msg.iter_mut().last() {
            println!("Worker: {}", String::from_utf8_lossy(request.data()));
            request.reset(b"OK");
        }
        msg.send(&worker)?;
    }
}

/// Our load-balancer structure, shared by the reactor handlers.
struct LbBroker {
    /// Listen to clients
    frontend: Rc<Sock>,
    /// Listen to workers
    backend: Rc<Sock>,
    /// List of ready workers
    workers: RefCell<VecDeque<Frame>>,
    /// The frontend's reader while it is registered
    frontend_reader: Cell<Option<ReaderId<Rc<Sock>>>>,
    /// Replies still to forward before we stop, if counted
    replies_left: Cell<Option<u64>>,
}

/// Handles input from the client, on the frontend: send the request to the
/// first ready worker, and stop reading clients when none is left.
fn handle_frontend(lb: Rc<LbBroker>) -> impl FnMut(&mut Loop, &mut Rc<Sock>) -> Result<(), Error> {
    move |lp, frontend| {
        let mut msg = Msg::recv(&**frontend)?;
        let mut workers = lb.workers.borrow_mut();
        if let Some(worker) = workers.pop_front() {
            msg.push(Frame::empty());
            msg.push(worker);
            msg.send(&*lb.backend)?;
        }
        // Cancel reader on frontend if we went from 1 to 0 workers
        if workers.is_empty() {
            if let Some(id) = lb.frontend_reader.take() {
                lp.remove_reader(id);
            }
        }
        Ok(())
    }
}

/// Handles input from a worker, on the backend: queue the worker, start
/// reading clients again if it is the only free one, and pass its reply on.
fn handle_backend(lb: Rc<LbBroker>) -> impl FnMut(&mut Loop, &mut Rc<Sock>) -> Result<(), Error> {
    move |lp, backend| {
        let mut msg = Msg::recv(&**backend)?;
        // Use worker identity for load-balancing (unwrap the envelope)
        let identity = msg
            .pop()
            .ok_or_else(|| Error::Malformed("empty message".into()))?;
        msg.pop(); // the empty delimiter
        lb.workers.borrow_mut().push_back(identity);
        // Enable reader on frontend if we went from 0 to 1 workers
        if lb.workers.borrow().len() == 1 {
            let id = lp.add_reader(lb.frontend.clone(), handle_frontend(lb.clone()));
            lb.frontend_reader.set(Some(id));
        }
        // Forward message to client if it's not a READY
        if msg.first().is_some_and(|f| f.data() != WORKER_READY) {
            msg.send(&*lb.frontend)?;
            if let Some(left) = lb.replies_left.get() {
                lb.replies_left.set(Some(left - 1));
                if left == 1 {
                    lp.stop();
                }
            }
        }
        Ok(())
    }
}

fn main() -> Result<(), Error> {
    let requests: Option<u64> = std::env::args().nth(1).and_then(|n| n.parse().ok());
    zsys::catch_interrupts()?;

    // Prepare our sockets: ROUTERs bind by default
    let lb = Rc::new(LbBroker {
        frontend: Rc::new(Sock::new_router(Some("ipc://frontend.ipc"))?),
        backend: Rc::new(Sock::new_router(Some("ipc://backend.ipc"))?),
        workers: RefCell::new(VecDeque::new()),
        frontend_reader: Cell::new(None),
        replies_left: Cell::new(requests.map(|n| n * NBR_CLIENTS)),
    });

    let clients: Vec<_> = (0..NBR_CLIENTS)
        .map(|_| std::thread::spawn(move || client_task(requests)))
        .collect();
    let mut workers: Vec<_> = (0..NBR_WORKERS)
        .map(|_| std::thread::spawn(worker_task))
        .collect();

    // Prepare reactor and fire it up; it returns when we stop it or on
    // Ctrl-C. The frontend reader comes and goes with free workers.
    let mut reactor = Loop::new();
    reactor.add_reader(lb.backend.clone(), handle_backend(lb.clone()));
    reactor.start()?;

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
