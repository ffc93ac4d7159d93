//! Task ventilator (Guide, chapter 1): binds PUSH to tcp://*:5557 and sends
//! 100 tasks (random workloads in ms) to the workers, after signalling the
//! start of the batch to the sink on tcp://localhost:5558.
//!
//! `cargo run --example taskvent [--workers N]`: without `--workers` it
//! waits for Enter, as in the Guide, so the workers can connect first; with
//! it, it watches its socket (a monitor) until N workers have connected, so
//! no worker misses its share of the batch, however slowly it started.

use std::io::BufRead;
use std::time::{Duration, Instant};

use czmq::{Context, EventMask, Monitor, MonitorEvent, SocketType};

/// How long `--workers` waits for the last worker.
const CONNECT_LIMIT: Duration = Duration::from_secs(30);

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let workers: Option<usize> = match args.as_slice() {
        [flag, n] if flag == "--workers" => Some(n.parse().map_err(|_| czmq::Error::Invalid)?),
        _ => None,
    };
    let ctx = Context::new()?;
    let sender = ctx.socket(SocketType::Push)?;
    // Watching from before the bind: no worker's handshake goes unseen.
    let monitor = Monitor::new(&sender, EventMask::HANDSHAKE_SUCCEEDED)?;
    sender.bind("tcp://*:5557")?;
    let sink = ctx.socket(SocketType::Push)?;
    sink.connect("tcp://localhost:5558")?;

    match workers {
        Some(n) => {
            // A PUSH deals only to the peers it has: wait for all of them.
            let deadline = Instant::now() + CONNECT_LIMIT;
            for connected in 1..=n {
                let left = deadline.saturating_duration_since(Instant::now());
                monitor.wait_for(
                    |e| matches!(e, MonitorEvent::HandshakeSucceeded { .. }),
                    left,
                )?;
                println!("Worker {connected} of {n} connected");
            }
        }
        None => {
            println!("Press Enter when the workers are ready: ");
            let _ = std::io::stdin().lock().lines().next();
        }
    }
    drop(monitor);
    println!("Sending tasks to workers...");
    // The first message is "0" and signals start of batch.
    sink.send("0")?;

    let mut seed: u32 = std::process::id() | 1;
    let mut total_msec = 0;
    for _ in 0..100 {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let workload = (seed >> 16) % 100 + 1;
        total_msec += workload;
        sender.send(workload.to_string())?;
    }
    println!("Total expected cost: {total_msec} msec");
    // Give libzmq time to deliver before the context goes away.
    sender.set_linger(Some(Duration::from_secs(5)))?;
    Ok(())
}
