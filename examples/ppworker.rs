//! Paranoid Pirate worker (Guide, chapter 4): a DEALER worker for `ppqueue`
//! on tcp://localhost:5556. It heartbeats the queue every second, takes the
//! queue for dead after 3 silent heartbeats and reconnects with exponential
//! back-off (1 s up to 32 s); after a few cycles it randomly simulates a
//! crash or a CPU overload.
//!
//! `cargo run --example ppworker [endpoint] [crash-after]`
//!
//! `PP_WORK_MS` sets the time spent on each request (default 1000 ms).

#[path = "chaos/mod.rs"]
mod chaos;

use std::time::{Duration, Instant};

use chaos::{env_ms, Chaos, Fate};
use czmq::{poll, zclock, Msg, PollEvents, PollItem, Sock};

const HEARTBEAT_LIVENESS: u32 = 3;
const HEARTBEAT_INTERVAL: Duration = Duration::from_millis(1000);
const INTERVAL_INIT: Duration = Duration::from_millis(1000);
const INTERVAL_MAX: Duration = Duration::from_millis(32000);
const PPP_READY: &[u8] = b"\x01";
const PPP_HEARTBEAT: &[u8] = b"\x02";

/// A fresh DEALER to the queue, announced with READY.
fn worker_socket(endpoint: &str) -> Result<Sock, czmq::Error> {
    let worker = Sock::new_dealer(Some(endpoint))?;
    println!("I: worker ready");
    worker.as_socket().send_bytes(PPP_READY)?;
    Ok(worker)
}

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let endpoint = args.next().unwrap_or_else(|| "tcp://localhost:5556".into());
    let crash_after: Option<u64> = args.next().and_then(|n| n.parse().ok());
    let work = env_ms("PP_WORK_MS", 1000);

    let mut worker = worker_socket(&endpoint)?;
    let mut liveness = HEARTBEAT_LIVENESS;
    let mut interval = INTERVAL_INIT;
    let mut heartbeat_at = Instant::now() + HEARTBEAT_INTERVAL;
    let mut chaos = Chaos::new(crash_after, 5);
    loop {
        let mut items = [PollItem::socket(&worker, PollEvents::POLLIN)];
        poll(&mut items, Some(HEARTBEAT_INTERVAL))?;
        if items[0].is_readable() {
            // A request is client, "", request; a heartbeat is one frame.
            let msg = Msg::recv(&worker)?;
            if msg.len() == 3 {
                match chaos.next() {
                    Fate::Crash => {
                        println!("I: simulating a crash");
                        return Ok(());
                    }
                    Fate::Overload => {
                        println!("I: simulating CPU overload");
                        zclock::sleep(Duration::from_secs(3));
                    }
                    Fate::Normal => {}
                }
                println!("I: normal reply");
                msg.send(&worker)?;
                liveness = HEARTBEAT_LIVENESS;
                zclock::sleep(work); // do some heavy work
            } else if msg.len() == 1 && msg.first().is_some_and(|f| f.data() == PPP_HEARTBEAT) {
                liveness = HEARTBEAT_LIVENESS;
            } else {
                println!("E: invalid message");
            }
            interval = INTERVAL_INIT;
        } else {
            liveness -= 1;
            if liveness == 0 {
                println!("W: heartbeat failure, can't reach queue");
                println!("W: reconnecting in {} msec...", interval.as_millis());
                zclock::sleep(interval);
                interval = (interval * 2).min(INTERVAL_MAX);
                worker = worker_socket(&endpoint)?;
                liveness = HEARTBEAT_LIVENESS;
            }
        }
        // Tell the queue we are alive.
        if Instant::now() >= heartbeat_at {
            heartbeat_at = Instant::now() + HEARTBEAT_INTERVAL;
            worker.as_socket().send_bytes(PPP_HEARTBEAT)?;
        }
    }
}
