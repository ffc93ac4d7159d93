//! Freelance client, model 3 (Guide, chapter 4): the brokerless reliable
//! client, with the work done by the `flcliapi` agent. Sends requests to
//! whichever of the servers is alive and reports the average round trip.
//!
//! `cargo run --example flclient3 [requests] [endpoint...]`
//!
//! Defaults: 1000 requests to tcp://localhost:5555..5557.

#[path = "flcliapi/mod.rs"]
mod flcliapi;

use std::time::Instant;

use czmq::Msg;
use flcliapi::FlCli;

fn main() -> Result<(), czmq::Error> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let requests: u32 = match args.first().and_then(|n| n.parse().ok()) {
        Some(n) => {
            args.remove(0);
            n
        }
        None => 1000,
    };
    if args.is_empty() {
        args = (5555..=5557)
            .map(|p| format!("tcp://localhost:{p}"))
            .collect();
    }

    let client = FlCli::new()?;
    for endpoint in &args {
        client.connect(endpoint)?;
    }
    let start = Instant::now();
    let mut done = 0;
    while done < requests {
        let mut request = Msg::new();
        request.addstr("random name");
        if client.request(request)?.is_none() {
            println!("E: name service not available, aborting");
            std::process::exit(1);
        }
        done += 1;
    }
    let average = start.elapsed().as_micros() / u128::from(requests.max(1));
    println!("{done} requests, average round trip cost: {average} usec");
    Ok(())
}
