//! Request-reply worker (Guide, chapter 2): connects REP to the broker's
//! backend on tcp://localhost:5560 and answers each "Hello" with "World"
//! after a second of "work".
//!
//! `cargo run --example rrworker [endpoint] [work-ms]`

use std::time::Duration;

use czmq::{Context, SocketType};

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let endpoint = args.next().unwrap_or_else(|| "tcp://localhost:5560".into());
    let work = Duration::from_millis(args.next().and_then(|ms| ms.parse().ok()).unwrap_or(1000));

    let ctx = Context::new()?;
    let responder = ctx.socket(SocketType::Rep)?;
    responder.connect(&endpoint)?;

    loop {
        let request = responder.recv_string()?;
        println!("Received request: [{request}]");
        std::thread::sleep(work); // do some 'work'
        responder.send("World")?;
    }
}
