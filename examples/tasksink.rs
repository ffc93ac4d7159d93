//! Task sink (Guide, chapter 1): binds PULL to tcp://*:5558, waits for the
//! start of batch, then collects 100 results and reports the elapsed time.
//!
//! `cargo run --example tasksink`

use std::io::Write;
use std::time::Instant;

use czmq::{Context, SocketType};

fn main() -> Result<(), czmq::Error> {
    let ctx = Context::new()?;
    let receiver = ctx.socket(SocketType::Pull)?;
    receiver.bind("tcp://*:5558")?;

    // Wait for start of batch.
    receiver.recv_msg()?;
    let start = Instant::now();
    for task_nbr in 0..100 {
        receiver.recv_msg()?;
        print!("{}", if task_nbr % 10 == 0 { ":" } else { "." });
        let _ = std::io::stdout().flush();
    }
    println!("\nTotal elapsed time: {} msec", start.elapsed().as_millis());
    Ok(())
}
