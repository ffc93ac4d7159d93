//! Lazy Pirate client (Guide, chapter 4): reliable request-reply on a plain
//! REQ socket. It polls for each reply with a timeout; when none comes it
//! closes the socket (REQ would otherwise stay stuck waiting), opens a new
//! one, resends the request, and gives up after a number of retries.
//!
//! `cargo run --example lpclient [endpoint] [requests]`
//!
//! Defaults: tcp://localhost:5555, endless requests, 2500 ms timeout
//! (`LP_TIMEOUT_MS`), 3 retries.

use std::time::Duration;

use czmq::{poll, PollEvents, PollItem, Sock};

const REQUEST_RETRIES: u32 = 3;

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let endpoint = args.next().unwrap_or_else(|| "tcp://localhost:5555".into());
    let requests: Option<u64> = args.next().and_then(|n| n.parse().ok());
    let timeout = Duration::from_millis(
        std::env::var("LP_TIMEOUT_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2500),
    );

    println!("I: connecting to server...");
    let mut client = Sock::new_req(Some(&endpoint))?;
    let mut sequence = 0;
    let mut retries_left = REQUEST_RETRIES;
    'requests: while retries_left > 0 && requests.is_none_or(|n| sequence < n) {
        sequence += 1;
        let request = sequence.to_string();
        client.as_socket().send(request.as_str())?;
        loop {
            let mut items = [PollItem::socket(&client, PollEvents::POLLIN)];
            poll(&mut items, Some(timeout))?;
            if items[0].is_readable() {
                // A reply: it must echo our sequence number.
                let reply = client.as_socket().recv_string()?;
                if reply == request {
                    println!("I: server replied OK ({reply})");
                    retries_left = REQUEST_RETRIES;
                    continue 'requests;
                }
                println!("E: malformed reply from server: {reply}");
                continue;
            }
            retries_left -= 1;
            if retries_left == 0 {
                println!("E: server seems to be offline, abandoning");
                break 'requests;
            }
            println!("W: no response from server, retrying...");
            // The old socket is stuck waiting for a reply: close it (linger
            // is 0, so the pending request is dropped) and start afresh.
            client = Sock::new_req(Some(&endpoint))?;
            println!("I: reconnecting to server...");
            client.as_socket().send(request.as_str())?;
        }
    }
    Ok(())
}
