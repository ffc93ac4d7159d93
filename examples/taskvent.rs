//! Task ventilator (Guide, chapter 1): binds PUSH to tcp://*:5557 and sends
//! 100 tasks (random workloads in ms) to the workers, after signalling the
//! start of the batch to the sink on tcp://localhost:5558.
//!
//! `cargo run --example taskvent [--no-wait]`: without `--no-wait` it waits
//! for Enter, as in the Guide, so the workers can connect first.

use std::io::BufRead;

use czmq::{Context, SocketType};

fn main() -> Result<(), czmq::Error> {
    let no_wait = std::env::args().any(|a| a == "--no-wait");
    let ctx = Context::new()?;
    let sender = ctx.socket(SocketType::Push)?;
    sender.bind("tcp://*:5557")?;
    let sink = ctx.socket(SocketType::Push)?;
    sink.connect("tcp://localhost:5558")?;

    if no_wait {
        std::thread::sleep(std::time::Duration::from_millis(500));
    } else {
        println!("Press Enter when the workers are ready: ");
        let _ = std::io::stdin().lock().lines().next();
    }
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
    sender.set_linger(Some(std::time::Duration::from_secs(5)))?;
    Ok(())
}
