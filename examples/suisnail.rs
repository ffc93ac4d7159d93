//! Suicidal snail (Guide, chapter 5): slow subscriber detection. The
//! publisher sends the time every millisecond; the subscriber does 1-2 ms
//! of "work" per message, so it falls behind, and when a message is more
//! than a second old it knows it cannot keep up and kills itself (and tells
//! the main thread) rather than go on serving stale data.
//!
//! `cargo run --example suisnail [endpoint]` (default tcp://127.0.0.1:5556)

use std::time::Duration;

use czmq::{poll, zclock, zstr, Actor, PollEvents, PollItem, Sock};

/// Older than this, and the subscriber gives up.
const MAX_ALLOWED_DELAY: i64 = 1000;

/// Receives timestamps, working 1 or 2 ms on each, until one is too old.
fn subscriber(pipe: Sock, endpoint: String) -> Result<(), czmq::Error> {
    let subscriber = Sock::new_sub(Some(&endpoint), Some(""))?;
    pipe.signal(0)?;
    let mut work = 0u64;
    loop {
        let sent: i64 = zstr::recv(&subscriber)?.parse().unwrap_or(0);
        if zclock::time() - sent > MAX_ALLOWED_DELAY {
            println!("E: subscriber cannot keep up, aborting");
            break;
        }
        work += 1;
        zclock::sleep(Duration::from_millis(1 + work % 2)); // work, 1-2 ms
    }
    zstr::send(&pipe, "gone and died")?;
    Ok(())
}

/// Publishes the time every millisecond until told to stop.
fn publisher(pipe: Sock, endpoint: String) -> Result<(), czmq::Error> {
    let publisher = Sock::new_pub(Some(&endpoint))?;
    pipe.signal(0)?;
    loop {
        zstr::send(&publisher, &zclock::time().to_string())?;
        let mut items = [PollItem::socket(&pipe, PollEvents::POLLIN)];
        if poll(&mut items, Some(Duration::from_millis(1)))? > 0 {
            return Ok(()); // $TERM
        }
    }
}

fn main() -> Result<(), czmq::Error> {
    let endpoint = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tcp://127.0.0.1:5556".into());
    let bind = format!("@{endpoint}");
    let publisher = Actor::new(move |pipe| publisher(pipe, bind))?;
    let connect = format!(">{endpoint}");
    let subscriber = Actor::new(move |pipe| subscriber(pipe, connect))?;
    // The subscriber ends the show.
    println!("{}", zstr::recv(&subscriber)?);
    drop(publisher);
    Ok(())
}
