//! Task worker (Guide, chapter 1): pulls workloads from tcp://localhost:5557,
//! "works" (sleeps) that many ms and pushes a result to the sink on
//! tcp://localhost:5558.
//!
//! `cargo run --example taskwork [max-tasks]`

use std::io::Write;
use std::time::Duration;

use czmq::{Context, SocketType};

fn main() -> Result<(), czmq::Error> {
    let max: Option<u64> = std::env::args().nth(1).and_then(|n| n.parse().ok());
    let ctx = Context::new()?;
    let receiver = ctx.socket(SocketType::Pull)?;
    receiver.connect("tcp://localhost:5557")?;
    let sender = ctx.socket(SocketType::Push)?;
    sender.connect("tcp://localhost:5558")?;
    sender.set_linger(Some(Duration::from_secs(5)))?;

    let mut done = 0;
    while max.is_none_or(|m| done < m) {
        let workload = receiver.recv_string()?;
        print!("{workload}.");
        let _ = std::io::stdout().flush();
        let ms: u64 = workload.trim().parse().unwrap_or(0);
        std::thread::sleep(Duration::from_millis(ms));
        sender.send("")?;
        done += 1;
    }
    Ok(())
}
