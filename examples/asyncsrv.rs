//! Asynchronous client/server (Guide, chapter 3): three DEALER clients, each
//! with a random printable identity, send "request #N" once a second to a
//! server's ROUTER frontend on tcp://*:5570 and print replies as they come.
//! The server passes requests to five DEALER workers over inproc://backend
//! with a `proxy`; each worker sends back zero to four replies to each
//! request, at random intervals. Everything runs in one process for five
//! seconds.
//!
//! `cargo run --example asyncsrv [seconds] [port]`

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use czmq::{poll, proxy, Context, Error, Flags, PollEvents, PollItem, SocketType};

/// A small pseudo-random generator (xorshift), seeded per thread: enough
/// for identities and pauses.
struct Rng(u64);

impl Rng {
    fn new(salt: u64) -> Rng {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        Rng((nanos ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1)
    }

    /// A number in 0..n (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// This is our client task. It connects to the server, and then sends a
/// request once per second. It collects responses as they arrive, and it
/// prints them out. We will run several client tasks in parallel, each with
/// a different random ID.
fn client_task(ctx: Context, port: u16, salt: u64) -> Result<(), Error> {
    let client = ctx.socket(SocketType::Dealer)?;
    // Set random identity to make tracing easier
    let mut rng = Rng::new(salt);
    let identity = format!("{:04X}-{:04X}", rng.below(0x10000), rng.below(0x10000));
    client.set_routing_id(identity.as_bytes())?;
    client.connect(&format!("tcp://localhost:{port}"))?;

    let mut request_nbr = 0;
    loop {
        // Tick once per second, pulling in arriving messages
        for _ in 0..100 {
            let mut items = [PollItem::socket(&client, PollEvents::POLLIN)];
            poll(&mut items, Some(Duration::from_millis(10)))?;
            if items[0].is_readable() {
                let reply = client.recv_string()?;
                println!("{identity}: {reply}");
            }
        }
        request_nbr += 1;
        client.send(format!("request #{request_nbr}"))?;
    }
}

/// This is our server task. It uses the multithreaded server model to deal
/// requests out to a pool of workers and route replies back to clients. One
/// worker can handle one request at a time but one client can talk to
/// multiple workers at once.
fn server_task(ctx: Context, port: u16) -> Result<(), Error> {
    // Frontend socket talks to clients over TCP
    let frontend = ctx.socket(SocketType::Router)?;
    frontend.bind(&format!("tcp://*:{port}"))?;
    // Backend socket talks to workers over inproc
    let backend = ctx.socket(SocketType::Dealer)?;
    backend.bind("inproc://backend")?;

    // Launch pool of worker threads, precise number is not critical
    for n in 0..5 {
        let ctx = ctx.clone();
        std::thread::spawn(move || server_worker(ctx, n));
    }
    // Connect backend to frontend via a proxy
    proxy(&frontend, &backend, None)
}

/// Each worker task works on one request at a time and sends a random number
/// of replies back, with random delays between replies.
fn server_worker(ctx: Context, salt: u64) -> Result<(), Error> {
    let worker = ctx.socket(SocketType::Dealer)?;
    worker.connect("inproc://backend")?;
    let mut rng = Rng::new(salt + 100);
    loop {
        // The DEALER socket gives us the reply envelope and message
        let identity = worker.recv_msg()?;
        let content = worker.recv_msg()?;
        // Send 0..4 replies back
        for _ in 0..rng.below(5) {
            // Sleep for some fraction of a second
            std::thread::sleep(Duration::from_millis(rng.below(1000) + 1));
            worker.send_with(&identity, Flags::MORE)?;
            worker.send(&content)?;
        }
    }
}

/// The main thread simply starts several clients and a server, and then
/// waits for the server to finish.
fn main() -> Result<(), Error> {
    let mut args = std::env::args().skip(1);
    let seconds: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let port: u16 = args.next().and_then(|n| n.parse().ok()).unwrap_or(5570);

    let ctx = Context::new()?;
    let mut tasks = Vec::new();
    for n in 0..3 {
        let ctx = ctx.clone();
        tasks.push(std::thread::spawn(move || client_task(ctx, port, n)));
    }
    let server = ctx.clone();
    tasks.push(std::thread::spawn(move || server_task(server, port)));
    // Run for a few seconds then quit
    std::thread::sleep(Duration::from_secs(seconds));

    // Shutting the context down makes every blocked call return
    // Error::Terminated, so each task ends and we can wait for it.
    ctx.shutdown()?;
    for task in tasks {
        match task.join().expect("task panicked") {
            Ok(()) | Err(Error::Terminated) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
