//! Hello World client (Guide, chapter 1): connects REQ to tcp://localhost:5555,
//! sends 10 "Hello"s and waits for each "World".
//!
//! `cargo run --example hwclient [endpoint]`

use czmq::{Context, SocketType};

fn main() -> Result<(), czmq::Error> {
    let endpoint = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tcp://localhost:5555".into());
    println!("Connecting to hello world server...");
    let ctx = Context::new()?;
    let requester = ctx.socket(SocketType::Req)?;
    requester.connect(&endpoint)?;

    for request_nbr in 0..10 {
        println!("Sending Hello {request_nbr}...");
        requester.send("Hello")?;
        let reply = requester.recv_string()?;
        println!("Received {reply} {request_nbr}");
    }
    Ok(())
}
