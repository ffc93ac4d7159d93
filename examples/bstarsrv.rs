//! Binary Star server (Guide, chapter 4): a primary-backup pair with
//! failover. Each server publishes its state every second and watches its
//! peer's; clients talk to whichever is active. The backup takes over when
//! the primary has been silent for 2 heartbeats *and* a client asks it,
//! which stops a network split from making two actives.
//!
//! `cargo run --example bstarsrv -p|-b [frontend statepub statesub]`
//!
//! Primary: clients on tcp://*:5001, state out on tcp://*:5003, in from
//! tcp://localhost:5004. Backup: 5002, 5004, 5003.

#[path = "bstar/fsm.rs"]
mod fsm;

use std::time::Instant;

use czmq::{poll, Msg, PollEvents, PollItem, Sock};
use fsm::{Event, Fsm, Refusal, State, HEARTBEAT};

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (state, defaults) = match args.first().map(String::as_str) {
        Some("-p") => (
            State::Primary,
            ["tcp://*:5001", "tcp://*:5003", "tcp://localhost:5004"],
        ),
        Some("-b") => (
            State::Backup,
            ["tcp://*:5002", "tcp://*:5004", "tcp://localhost:5003"],
        ),
        _ => {
            println!("Usage: bstarsrv {{ -p | -b }} [frontend statepub statesub]");
            return Ok(());
        }
    };
    let endpoint = |i: usize| args.get(i + 1).map_or(defaults[i], String::as_str);
    let frontend = Sock::new_router(Some(endpoint(0)))?;
    let statepub = Sock::new_pub(Some(endpoint(1)))?;
    let statesub = Sock::new_sub(Some(endpoint(2)), Some(""))?;
    println!(
        "I: {}: waiting for {} to connect",
        if state == State::Primary {
            "Primary active"
        } else {
            "Backup passive"
        },
        if state == State::Primary {
            "backup"
        } else {
            "primary"
        },
    );

    let mut fsm = Fsm::new(state == State::Primary);
    let mut send_state_at = Instant::now() + HEARTBEAT;
    loop {
        let mut items = [
            PollItem::socket(&frontend, PollEvents::POLLIN),
            PollItem::socket(&statesub, PollEvents::POLLIN),
        ];
        poll(
            &mut items,
            Some(send_state_at.saturating_duration_since(Instant::now())),
        )?;
        if items[0].is_readable() {
            // A client request: echo it back if we are the one serving.
            let msg = Msg::recv(&frontend)?;
            if fsm.event(Event::ClientRequest).is_ok() {
                msg.send(&frontend)?;
            }
        }
        if items[1].is_readable() {
            let peer = statesub.as_socket().recv_string()?;
            if let Err(Refusal::Fatal) = fsm.peer_state(&peer) {
                std::process::exit(1);
            }
        }
        // Tell the peer our state once per heartbeat.
        if Instant::now() >= send_state_at {
            statepub.as_socket().send((fsm.state as u8).to_string())?;
            send_state_at += HEARTBEAT;
        }
    }
}
