//! Asynchronous Majordomo client (Guide, chapter 4): sends all its
//! "Hello world" requests to the "echo" service first, then collects the
//! replies, so the round trips overlap instead of adding up.
//!
//! `cargo run --example mdclient2 [-v] [endpoint] [requests]`
//!
//! Defaults: tcp://localhost:5555, 100000 requests.

#[allow(dead_code)]
#[path = "mdp/mod.rs"]
mod mdp;

use czmq::Msg;
use mdp::mdcliapi2::MdCli2;

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let mut args = args.into_iter().filter(|a| a != "-v");
    let broker = args.next().unwrap_or_else(|| "tcp://localhost:5555".into());
    let requests: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(100_000);

    let session = MdCli2::new(&broker, verbose)?;
    for _ in 0..requests {
        let mut request = Msg::new();
        request.addstr("Hello world");
        session.send("echo", request)?;
    }
    let mut count = 0;
    while count < requests {
        match session.recv()? {
            Some(_reply) => count += 1,
            None => break, // the broker or the service is gone
        }
    }
    println!("{count} replies received");
    Ok(())
}
