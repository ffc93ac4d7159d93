//! The Binary Star state machine (Guide, chapter 4), shared by `bstarsrv`
//! and the reactor-based `bstar` module: states, events, and which events
//! each state accepts.

use std::time::{Duration, Instant};

/// Each server publishes its state this often; a peer silent for two
/// heartbeats is taken for dead.
pub const HEARTBEAT: Duration = Duration::from_millis(1000);

/// A server's state; its number is what goes on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Primary = 1,
    Backup = 2,
    Active = 3,
    Passive = 4,
}

/// What happened: the peer's published state, or a client request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    PeerPrimary = 1,
    PeerBackup = 2,
    PeerActive = 3,
    PeerPassive = 4,
    ClientRequest = 5,
}

impl Event {
    pub fn from_peer(state: &str) -> Option<Event> {
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
pub struct Fsm {
    pub state: State,
    /// When the peer counts as dead, if we ever heard from it.
    pub peer_expiry: Option<Instant>,
}

/// Why the machine refused an event.
pub enum Refusal {
    /// Not serving clients now: drop the request.
    NotActive,
    /// Both servers in the same role: stop.
    Fatal,
}

impl Fsm {
    /// A machine starting as primary or backup.
    pub fn new(primary: bool) -> Fsm {
        let state = if primary {
            State::Primary
        } else {
            State::Backup
        };
        Fsm {
            state,
            peer_expiry: None,
        }
    }

    /// The peer published its state: apply it, and count the peer alive for
    /// two more heartbeats. Unknown states are ignored.
    pub fn peer_state(&mut self, state: &str) -> Result<(), Refusal> {
        let Some(event) = Event::from_peer(state) else {
            return Ok(());
        };
        self.event(event)?;
        self.peer_expiry = Some(Instant::now() + HEARTBEAT * 2);
        Ok(())
    }

    pub fn event(&mut self, event: Event) -> Result<(), Refusal> {
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
