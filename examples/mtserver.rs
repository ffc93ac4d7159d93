//! Multithreaded Hello World server (Guide, chapter 2): a ROUTER on
//! tcp://*:5555 for clients and a DEALER on inproc://workers, joined by a
//! queue `proxy`; five worker threads each answer "Hello" with "World" on a
//! REP socket. Clients (`hwclient`) cannot tell it from `hwserver`.
//!
//! `cargo run --example mtserver [endpoint]`; `HW_WORK_MS` sets the work
//! time (1000 ms, as in the Guide).

use std::time::Duration;

use czmq::{proxy, Context, SocketType};

fn worker_routine(ctx: Context, work: Duration) -> Result<(), czmq::Error> {
    // Socket to talk to dispatcher
    let receiver = ctx.socket(SocketType::Rep)?;
    receiver.connect("inproc://workers")?;
    loop {
        let request = receiver.recv_string()?;
        println!("Received request: [{request}]");
        std::thread::sleep(work); // do some 'work'
        receiver.send("World")?;
    }
}

fn main() -> Result<(), czmq::Error> {
    let endpoint = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tcp://*:5555".into());
    let work = Duration::from_millis(
        std::env::var("HW_WORK_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1000),
    );

    let ctx = Context::new()?;
    // Socket to talk to clients
    let clients = ctx.socket(SocketType::Router)?;
    clients.bind(&endpoint)?;
    // Socket to talk to workers (bound before they connect: inproc needs it
    // with libzmq before 4.0, and it costs nothing)
    let workers = ctx.socket(SocketType::Dealer)?;
    workers.bind("inproc://workers")?;

    // Launch pool of worker threads
    for _ in 0..5 {
        let ctx = ctx.clone();
        std::thread::spawn(move || worker_routine(ctx, work));
    }
    // Connect worker threads to client threads via a queue proxy
    proxy(&clients, &workers, None)
}
