//! Binary Star server on the reactor (Guide, chapter 4): the same failover
//! pair as `bstarsrv`, with the state machine in the `bstar` module, which
//! runs on a `czmq::Loop`. The server itself is just an echo handler.
//!
//! `cargo run --example bstarsrv2 -p|-b [frontend statepub statesub]`
//!
//! Same endpoints as `bstarsrv`, and `bstarcli` works with either.

#[allow(dead_code)] // the callbacks are for clonesrv6
#[path = "bstar/mod.rs"]
mod bstar;

use bstar::BStar;
use czmq::SocketType;

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (primary, defaults) = match args.first().map(String::as_str) {
        Some("-p") => (
            true,
            ["tcp://*:5001", "tcp://*:5003", "tcp://localhost:5004"],
        ),
        Some("-b") => (
            false,
            ["tcp://*:5002", "tcp://*:5004", "tcp://localhost:5003"],
        ),
        _ => {
            println!("Usage: bstarsrv2 {{ -p | -b }} [frontend statepub statesub]");
            return Ok(());
        }
    };
    let endpoint = |i: usize| args.get(i + 1).map_or(defaults[i], String::as_str);
    println!(
        "I: {} passive, waiting for the peer",
        if primary { "Primary" } else { "Backup" }
    );
    let mut server = BStar::new(primary, endpoint(1), endpoint(2))?;
    server.voter(endpoint(0), SocketType::Router, |socket, msg| {
        msg.send(socket)
    })?;
    server.start()
}
