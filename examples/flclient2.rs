//! Freelance client, model 2 (Guide, chapter 4): "shotgun" requests. A
//! DEALER connected to every server sends each request to all of them and
//! takes the first reply with the right sequence number; slower servers'
//! replies are dropped when they arrive.
//!
//! `cargo run --example flclient2 [requests] <endpoint>...`

use std::time::{Duration, Instant};

use czmq::{poll, Frame, Msg, PollEvents, PollItem, Sock};

/// A request with no reply from any server after this long fails.
const GLOBAL_TIMEOUT: Duration = Duration::from_millis(2500);

struct FlClient {
    socket: Sock,
    servers: usize,
    sequence: u64,
}

impl FlClient {
    fn new() -> Result<FlClient, czmq::Error> {
        Ok(FlClient {
            socket: Sock::new_dealer(None)?,
            servers: 0,
            sequence: 0,
        })
    }

    fn connect(&mut self, endpoint: &str) -> Result<(), czmq::Error> {
        self.socket.connect(endpoint)?;
        self.servers += 1;
        Ok(())
    }

    /// One copy of the request per server (the DEALER deals them out one
    /// each), then the first matching reply, or None after the timeout.
    fn request(&mut self, body: &str) -> Result<Option<Msg>, czmq::Error> {
        self.sequence += 1;
        let sequence = self.sequence.to_string();
        for _ in 0..self.servers {
            // "" as a REQ socket would send, then sequence, body.
            self.socket.send_parts(&["", sequence.as_str(), body])?;
        }
        let deadline = Instant::now() + GLOBAL_TIMEOUT;
        while Instant::now() < deadline {
            let mut items = [PollItem::socket(&self.socket, PollEvents::POLLIN)];
            poll(
                &mut items,
                Some(deadline.saturating_duration_since(Instant::now())),
            )?;
            if items[0].is_readable() {
                // "", sequence, body...
                let mut reply = Msg::recv(&self.socket)?;
                let (_empty, seq) = (reply.pop(), reply.pop());
                if seq.is_some_and(|s: Frame| s.streq(&sequence)) {
                    return Ok(Some(reply));
                }
            }
        }
        Ok(None)
    }
}

fn main() -> Result<(), czmq::Error> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let requests: u32 = match args.first().and_then(|n| n.parse().ok()) {
        Some(n) => {
            args.remove(0);
            n
        }
        None => 10_000,
    };
    if args.is_empty() {
        println!("I: syntax: flclient2 [requests] <endpoint> ...");
        return Ok(());
    }
    let mut client = FlClient::new()?;
    for endpoint in &args {
        client.connect(endpoint)?;
    }
    let start = Instant::now();
    for _ in 0..requests {
        if client.request("random name")?.is_none() {
            println!("E: name service not available, aborting");
            std::process::exit(1);
        }
    }
    let average = start.elapsed().as_micros() / u128::from(requests.max(1));
    println!("{requests} requests, average round trip cost: {average} usec");
    Ok(())
}
