//! Freelance client, model 1 (Guide, chapter 4): reliable request-reply
//! with no broker. It tries the servers given one after another, each with
//! a fresh REQ socket and a 1 s timeout (a single server gets 3 tries), and
//! takes the first reply.
//!
//! `cargo run --example flclient1 <endpoint>...`

use std::time::Duration;

use czmq::{poll, PollEvents, PollItem, Sock};

const REQUEST_TIMEOUT: Duration = Duration::from_millis(1000);
const MAX_RETRIES: usize = 3;

/// One try at one server; a new socket each time, so a dead server leaves
/// nothing behind.
fn try_request(endpoint: &str, request: &str) -> Result<Option<String>, czmq::Error> {
    println!("I: trying echo service at {endpoint}...");
    let client = Sock::new_req(Some(endpoint))?;
    client.as_socket().send(request)?;
    let mut items = [PollItem::socket(&client, PollEvents::POLLIN)];
    poll(&mut items, Some(REQUEST_TIMEOUT))?;
    if items[0].is_readable() {
        return Ok(Some(client.as_socket().recv_string()?));
    }
    Ok(None)
}

fn main() -> Result<(), czmq::Error> {
    let endpoints: Vec<String> = std::env::args().skip(1).collect();
    if endpoints.is_empty() {
        println!("I: syntax: flclient1 <endpoint> ...");
        return Ok(());
    }
    // One server: retry it; several: try each once.
    let tries: Vec<&String> = if endpoints.len() == 1 {
        std::iter::repeat_n(&endpoints[0], MAX_RETRIES).collect()
    } else {
        endpoints.iter().collect()
    };
    for endpoint in tries {
        if let Some(reply) = try_request(endpoint, "Hello world")? {
            println!("Service is running OK: {reply}");
            return Ok(());
        }
    }
    println!("E: service is not running");
    std::process::exit(1);
}
