//! Hello World server (Guide, chapter 1): binds REP to tcp://*:5555, answers
//! each "Hello" with "World" after a second of "work".
//!
//! `cargo run --example hwserver [endpoint] [max-requests]`

use std::time::Duration;

use czmq::{Context, SocketType};

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let endpoint = args.next().unwrap_or_else(|| "tcp://*:5555".into());
    let max: Option<u64> = args.next().and_then(|n| n.parse().ok());

    let ctx = Context::new()?;
    let responder = ctx.socket(SocketType::Rep)?;
    responder.bind(&endpoint)?;
    let work = Duration::from_millis(
        std::env::var("HW_WORK_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1000),
    );

    let mut served = 0;
    while max.is_none_or(|m| served < m) {
        let request = responder.recv_string()?;
        println!("Received {request}");
        std::thread::sleep(work); // do some 'work'
        responder.send("World")?;
        served += 1;
    }
    Ok(())
}
