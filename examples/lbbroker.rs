//! Load-balancing broker (Guide, chapter 3): clients and workers are REQ
//! sockets (threads of this process) talking to a ROUTER frontend
//! (ipc://frontend.ipc) and a ROUTER backend (ipc://backend.ipc). A worker
//! says "READY" and then each reply it sends tells the broker it is free
//! again; the broker sends each request to the least recently used worker,
//! and only polls the frontend while some worker is free. It exits once
//! every client has had its reply.
//!
//! `cargo run --example lbbroker` (the ipc files are made in the current
//! directory).

use czmq::{poll, Context, Error, PollEvents, PollItem, SocketType};

const NBR_CLIENTS: usize = 10;
const NBR_WORKERS: usize = 3;

/// Basic request-reply client using a REQ socket with a printable identity.
fn client_task(ctx: Context, id: usize) -> Result<(), Error> {
    let client = ctx.socket(SocketType::Req)?;
    client.set_routing_id(format!("Client-{id}").as_bytes())?;
    client.connect("ipc://frontend.ipc")?;
    // Send request, get reply
    client.send("HELLO")?;
    let reply = client.recv_string()?;
    println!("Client: {reply}");
    Ok(())
}

/// A worker's REQ socket starts the conversation with "READY"; from then on
/// it receives [client address, "", request] and sends back the same
/// envelope with its reply.
fn worker_task(ctx: Context, id: usize) -> Result<(), Error> {
    let worker = ctx.socket(SocketType::Req)?;
    worker.set_routing_id(format!("Worker-{id}").as_bytes())?;
    worker.connect("ipc://backend.ipc")?;
    // Tell broker we're ready for work
    worker.send("READY")?;
    loop {
        // Read and save all frames until we get an empty frame; in this
        // example there is only one, but there could be more.
        let identity = worker.recv_msg()?;
        let _empty = worker.recv_msg()?;
        let request = worker.recv_string()?;
        println!("Worker: {request}");
        worker.send_multipart([&identity[..], b"", b"OK"])?;
    }
}

fn main() -> Result<(), Error> {
    let ctx = Context::new()?;
    let frontend = ctx.socket(SocketType::Router)?;
    let backend = ctx.socket(SocketType::Router)?;
    frontend.bind("ipc://frontend.ipc")?;
    backend.bind("ipc://backend.ipc")?;

    let clients: Vec<_> = (0..NBR_CLIENTS)
        .map(|id| {
            let ctx = ctx.clone();
            std::thread::spawn(move || client_task(ctx, id))
        })
        .collect();
    let workers: Vec<_> = (0..NBR_WORKERS)
        .map(|id| {
            let ctx = ctx.clone();
            std::thread::spawn(move || worker_task(ctx, id))
        })
        .collect();

    // Here is the main loop for the least-recently-used queue. It has two
    // sockets; a frontend for clients and a backend for workers. It polls
    // the backend in all cases, and polls the frontend only when there are
    // one or more workers ready.
    let mut worker_queue = std::collections::VecDeque::new();
    let mut client_nbr = NBR_CLIENTS;
    while client_nbr > 0 {
        let mut items = [
            PollItem::socket(&backend, PollEvents::POLLIN),
            PollItem::socket(&frontend, PollEvents::POLLIN),
        ];
        let polled = if worker_queue.is_empty() { 1 } else { 2 };
        poll(&mut items[..polled], None)?;

        // Handle worker activity on backend
        if items[0].is_readable() {
            // Queue worker identity for load-balancing
            let worker_id = backend.recv_msg()?;
            let _empty = backend.recv_msg()?;
            // Third frame is READY or else a client reply address
            let client_id = backend.recv_msg()?;
            // If client reply, send rest back to frontend
            if &client_id[..] != b"READY" {
                let _empty = backend.recv_msg()?;
                let reply = backend.recv_msg()?;
                frontend.send_multipart([&client_id[..], b"", &reply[..]])?;
                client_nbr -= 1;
            }
            worker_queue.push_back(worker_id);
        }
        // Here is how we handle a client request:
        if polled == 2 && items[1].is_readable() {
            // Now get next client request, route to last-used worker
            // (client request is [address][empty][request])
            let client_id = frontend.recv_msg()?;
            let _empty = frontend.recv_msg()?;
            let request = frontend.recv_msg()?;
            if let Some(worker_id) = worker_queue.pop_front() {
                backend.send_multipart([&worker_id[..], b"", &client_id[..], b"", &request[..]])?;
            }
        }
    }

    for client in clients {
        client.join().expect("client panicked")?;
    }
    // Every client is served: shutting the context down ends the workers,
    // whose blocking receive returns Error::Terminated.
    ctx.shutdown()?;
    for worker in workers {
        match worker.join().expect("worker panicked") {
            Err(Error::Terminated) => {}
            other => other?,
        }
    }
    Ok(())
}
