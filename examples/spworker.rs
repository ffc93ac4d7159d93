//! Simple Pirate worker (Guide, chapter 4): a REQ worker for `spqueue` on
//! tcp://localhost:5556 that says READY, then echoes requests, and after a
//! few cycles randomly simulates a crash or a CPU overload.
//!
//! `cargo run --example spworker [endpoint] [crash-after]`
//!
//! `SP_WORK_MS` sets the time spent on each request (default 1000 ms).

#[path = "chaos/mod.rs"]
mod chaos;

use std::time::Duration;

use chaos::{env_ms, Chaos, Fate};
use czmq::{zclock, Msg, Sock, SocketType};

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let endpoint = args.next().unwrap_or_else(|| "tcp://localhost:5556".into());
    let crash_after: Option<u64> = args.next().and_then(|n| n.parse().ok());
    let work = env_ms("SP_WORK_MS", 1000);

    // A printable identity makes the traces easier to follow.
    let identity = format!(
        "{:04X}-{:04X}",
        zclock::usecs() % 0x10000,
        std::process::id() % 0x10000
    );
    let worker = Sock::builder(SocketType::Req)
        .routing_id(identity.as_bytes())
        .connect(&endpoint)?;
    println!("I: ({identity}) worker ready");
    worker.as_socket().send_bytes(b"\x01")?;

    let mut chaos = Chaos::new(crash_after, 5);
    loop {
        // client, "", request
        let msg = Msg::recv(&worker)?;
        match chaos.next() {
            Fate::Crash => {
                println!("I: ({identity}) simulating a crash");
                return Ok(());
            }
            Fate::Overload => {
                println!("I: ({identity}) simulating CPU overload");
                zclock::sleep(Duration::from_secs(3));
            }
            Fate::Normal => {}
        }
        println!("I: ({identity}) normal reply");
        zclock::sleep(work); // do some heavy work
        msg.send(&worker)?;
    }
}
