//! Majordomo client (Guide, chapter 4): sends "Hello world" requests to the
//! "echo" service through the broker and counts the replies.
//!
//! `cargo run --example mdclient [-v] [endpoint] [requests] [service]`
//!
//! Defaults: tcp://localhost:5555, 100000 requests, "echo". Stops at the
//! first request that gets no reply. `MD_TIMEOUT_MS` and `MD_RETRIES`
//! override the API's 2500 ms and 3 tries.

#[allow(dead_code)]
#[path = "mdp/mod.rs"]
mod mdp;

use std::time::Duration;

use czmq::Msg;
use mdp::mdcliapi::MdCli;

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let mut args = args.into_iter().filter(|a| a != "-v");
    let broker = args.next().unwrap_or_else(|| "tcp://localhost:5555".into());
    let requests: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let service = args.next().unwrap_or_else(|| "echo".into());

    let mut session = MdCli::new(&broker, verbose)?;
    if let Some(ms) = std::env::var("MD_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        session.set_timeout(Duration::from_millis(ms));
    }
    if let Some(n) = std::env::var("MD_RETRIES")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        session.set_retries(n);
    }
    let mut count = 0;
    while count < requests {
        let mut request = Msg::new();
        request.addstr("Hello world");
        match session.send(&service, request)? {
            Some(_reply) => count += 1,
            None => break, // the broker or the service is gone
        }
    }
    println!("{count} requests/replies processed");
    Ok(())
}
