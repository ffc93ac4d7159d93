//! Request-reply client (Guide, chapter 2): connects REQ to the broker's
//! frontend on tcp://localhost:5559, sends 10 "Hello"s and waits for each
//! "World" (run it with `rrbroker` or `msgqueue` and some `rrworker`s).
//!
//! `cargo run --example rrclient [endpoint]`

use czmq::{Context, SocketType};

fn main() -> Result<(), czmq::Error> {
    let endpoint = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tcp://localhost:5559".into());
    let ctx = Context::new()?;
    let requester = ctx.socket(SocketType::Req)?;
    requester.connect(&endpoint)?;

    for request_nbr in 0..10 {
        requester.send("Hello")?;
        let reply = requester.recv_string()?;
        println!("Received reply {request_nbr} [{reply}]");
    }
    Ok(())
}
