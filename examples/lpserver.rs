//! Lazy Pirate server (Guide, chapter 4): a REP echo server on tcp://*:5555
//! that, after a few cycles, randomly simulates a crash (exits) or a CPU
//! overload (answers late), so that `lpclient` has something to survive.
//!
//! `cargo run --example lpserver [endpoint] [crash-after]`
//!
//! With `crash-after` the chaos is deterministic: the server answers that
//! many requests, then "crashes" on the next one. `LP_WORK_MS` sets the time
//! spent on each request (default 1000 ms, as in the Guide).

#[path = "chaos/mod.rs"]
mod chaos;

use std::time::Duration;

use chaos::{env_ms, Chaos, Fate};
use czmq::{zclock, Sock};

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let endpoint = args.next().unwrap_or_else(|| "tcp://*:5555".into());
    let crash_after: Option<u64> = args.next().and_then(|n| n.parse().ok());
    let work = env_ms("LP_WORK_MS", 1000);

    let server = Sock::new_rep(Some(&endpoint))?;
    let mut chaos = Chaos::new(crash_after, 3);
    loop {
        let request = server.recv_strs()?;
        match chaos.next() {
            Fate::Crash => {
                println!("I: simulating a crash");
                return Ok(());
            }
            Fate::Overload => {
                println!("I: simulating CPU overload");
                zclock::sleep(Duration::from_secs(2));
            }
            Fate::Normal => {}
        }
        println!("I: normal request ({})", request.join(" "));
        zclock::sleep(work); // do some heavy work
        server.send_strs(&request)?;
    }
}
