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

use std::time::{Duration, Instant};

use czmq::{poll, Msg, PollEvents, PollItem, Sock};

const HEARTBEAT: Duration = Duration::from_millis(1000);

/// A server's state; its number is what goes on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Primary = 1,
    Backup = 2,
    Active = 3,
    Passive = 4,
}

/// What happened: the peer's published state, or a client request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Event {
    PeerPrimary = 1,
    PeerBackup = 2,
    PeerActive = 3,
    PeerPassive = 4,
    ClientRequest = 5,
}

impl Event {
    fn from_peer(state: &str) -> Option<Event> {
        match state.trim() {
            "1" => Some(Event::PeerPrimary),
            "2" => Some(Event::PeerBackup),
            "3" => Some(Event::PeerActive),
            "4" => Some(Event::PeerPassive),
            _ => None,
        }
    }
}

/// The finite-state machine: `state` changes on events; an error means the
/// event is refused (a client request not served, or a fatal conflict).
struct Fsm {
    state: State,
    /// When the peer counts as dead, if we ever heard from it.
    peer_expiry: Option<Instant>,
}

/// Why the machine refused an event.
enum Refusal {
    /// Not serving clients now: drop the request.
    NotActive,
    /// Both servers in the same role: stop.
    Fatal,
}

impl Fsm {
    fn event(&mut self, event: Event) -> Result<(), Refusal> {
        use {Event::*, State::*};
        match (self.state, event) {
            (Primary, PeerBackup) => {
                println!("I: connected to backup (passive), ready active");
                self.state = Active;
            }
            (Primary, PeerActive) => {
                println!("I: connected to backup (active), ready passive");
                self.state = Passive;
            }
            (Backup, PeerActive) => {
                println!("I: connected to primary (active), ready passive");
                self.state = Passive;
            }
            // The backup serves no client until it has seen the primary.
            (Backup, ClientRequest) => return Err(Refusal::NotActive),
            (Active, PeerActive) => {
                println!("E: fatal error - dual actives, aborting");
                return Err(Refusal::Fatal);
            }
            (Passive, PeerPrimary) => {
                println!("I: primary (passive) is restarting, ready active");
                self.state = Active;
            }
            (Passive, PeerBackup) => {
                println!("I: backup (passive) is restarting, ready active");
                self.state = Active;
            }
            (Passive, PeerPassive) => {
                println!("E: fatal error - dual passives, aborting");
                return Err(Refusal::Fatal);
            }
            // Take over only if the peer is dead and a client wants us.
            (Passive, ClientRequest) => match self.peer_expiry {
                Some(expiry) if Instant::now() >= expiry => {
                    println!("I: failover successful, ready active");
                    self.state = Active;
                }
                _ => return Err(Refusal::NotActive),
            },
            _ => {}
        }
        Ok(())
    }
}

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

    let mut fsm = Fsm {
        state,
        peer_expiry: None,
    };
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
            let peer = statesub.recv_string(0)?;
            if let Some(event) = Event::from_peer(&peer) {
                if let Err(Refusal::Fatal) = fsm.event(event) {
                    std::process::exit(1);
                }
                fsm.peer_expiry = Some(Instant::now() + HEARTBEAT * 2);
            }
        }
        // Tell the peer our state once per heartbeat.
        if Instant::now() >= send_state_at {
            statepub.send((fsm.state as u8).to_string(), 0)?;
            send_state_at += HEARTBEAT;
        }
    }
}
