//! The Guide's asynchronous client/server (asyncsrv), as one tokio program:
//! DEALER clients talk to a ROUTER frontend; the server shuttles messages
//! between that frontend and a DEALER backend, where worker tasks answer
//! each request one to three times. Every socket is an [`AsyncSocket`], so
//! all of it runs on tokio's threads, none blocked.
//!
//! ```sh
//! cargo run -p czmq-rs --features tokio --example async_asyncsrv -- 3 5 10
//! ```
//! Arguments: clients (default 3), workers (default 5), requests per client
//! (default 5). Prints one line per client and `DONE` when every reply has
//! arrived.

use std::time::Duration;

use czmq::{AsyncSocket, Context, Result, SocketType};

/// How many replies a worker sends for request `n` (the Guide's workers
/// send a random number; a fixed rule lets clients know when they are done).
fn replies_for(n: u64) -> u64 {
    n % 3 + 1
}

/// A client: sends `requests` numbered requests, one every 10 ms, while
/// reading replies, until every reply to every request has arrived.
async fn client(ctx: Context, endpoint: String, id: usize, requests: u64) -> Result<String> {
    let dealer = ctx.socket(SocketType::Dealer)?;
    dealer.set_routing_id(format!("client-{id}").as_bytes())?;
    dealer.connect(&endpoint)?;
    let mut dealer = AsyncSocket::new(dealer)?;
    let expected: u64 = (0..requests).map(replies_for).sum();
    let mut received = 0;
    let mut sent = 0;
    let mut tick = tokio::time::interval(Duration::from_millis(10));
    while received < expected {
        tokio::select! {
            // recv is cancellation safe: losing the race to the timer
            // takes no reply.
            reply = dealer.recv() => {
                let reply = reply?;
                let text = String::from_utf8_lossy(&reply[0]).into_owned();
                assert!(text.starts_with("request #"), "{text}");
                received += 1;
            }
            _ = tick.tick(), if sent < requests => {
                dealer.send([format!("request #{sent}")]).await?;
                sent += 1;
            }
        }
    }
    Ok(format!("client-{id}: {sent} requests, {received} replies"))
}

/// A worker: answers each request `replies_for(n)` times, with a short
/// pause (the Guide's "work") before each answer.
async fn worker(ctx: Context, backend: String) -> Result<()> {
    let dealer = ctx.socket(SocketType::Dealer)?;
    dealer.connect(&backend)?;
    let mut dealer = AsyncSocket::new(dealer)?;
    loop {
        // [client identity, request]
        let msg = dealer.recv().await?;
        // Owned copies: a Message is Send but not Sync, so no reference to
        // one may be held across an await in a spawned task.
        let [identity, request] = msg.as_slice() else {
            continue;
        };
        let (identity, request) = (identity.to_vec(), request.to_vec());
        let text = String::from_utf8_lossy(&request).into_owned();
        let n: u64 = text
            .strip_prefix("request #")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        for _ in 0..replies_for(n) {
            tokio::time::sleep(Duration::from_millis(1)).await;
            dealer.send([identity.clone(), request.clone()]).await?;
        }
    }
}

/// The server's shuttle between the ROUTER frontend and the DEALER backend
/// (the Guide's `zmq_proxy`), as a select loop.
async fn server(mut frontend: AsyncSocket, mut backend: AsyncSocket) -> Result<()> {
    loop {
        // select! drops the losing recv future; nothing it could have
        // taken is lost, because recv is cancellation safe.
        tokio::select! {
            msg = frontend.recv() => backend.send(msg?).await?,
            msg = backend.recv() => frontend.send(msg?).await?,
        }
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().ok());
    let clients = args.next().flatten().unwrap_or(3);
    let workers = args.next().flatten().unwrap_or(5);
    let requests = args.next().flatten().unwrap_or(5) as u64;

    let ctx = Context::new()?;
    let frontend = ctx.socket(SocketType::Router)?;
    frontend.bind("tcp://127.0.0.1:*")?;
    let endpoint = frontend.last_endpoint()?;
    let backend = ctx.socket(SocketType::Dealer)?;
    let backend_endpoint = "inproc://asyncsrv-backend".to_string();
    backend.bind(&backend_endpoint)?;
    let server = tokio::spawn(server(
        AsyncSocket::new(frontend)?,
        AsyncSocket::new(backend)?,
    ));
    let mut worker_tasks = Vec::new();
    for _ in 0..workers {
        worker_tasks.push(tokio::spawn(worker(ctx.clone(), backend_endpoint.clone())));
    }
    let client_tasks: Vec<_> = (0..clients)
        .map(|id| tokio::spawn(client(ctx.clone(), endpoint.clone(), id, requests)))
        .collect();
    for task in client_tasks {
        let line = task.await.expect("client task")?;
        println!("{line}");
    }
    server.abort();
    for task in worker_tasks {
        task.abort();
    }
    println!("DONE");
    Ok(())
}
