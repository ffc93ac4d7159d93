//! The Freelance client API, model 3 (the Guide's flcliapi): an agent
//! actor owns a ROUTER connected to every server, pings them, keeps the
//! list of those that answer, and sends each request to the first live
//! one, failing it after a global timeout.
//!
//! Servers are ROUTERs whose identity is their endpoint (see `flserver3`),
//! so the client addresses each by the endpoint it connected to.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use czmq::{poll, zclock, Actor, Error, Msg, PollEvents, PollItem, Sock, SocketType};

/// Ping each server this often...
const PING_INTERVAL: Duration = Duration::from_millis(2000);
/// ...and take it for dead after this long without a word from it.
const SERVER_TTL: Duration = Duration::from_millis(6000);
/// A request with no reply after this long fails.
const GLOBAL_TIMEOUT: Duration = Duration::from_millis(3000);

/// The client's face: commands to the agent over its pipe.
pub struct FlCli {
    agent: Actor,
}

impl FlCli {
    pub fn new() -> Result<FlCli, Error> {
        Ok(FlCli {
            agent: Actor::new(agent)?,
        })
    }

    /// Adds a server endpoint.
    pub fn connect(&self, endpoint: &str) -> Result<(), Error> {
        self.agent.sock().send_strs(&["CONNECT", endpoint])?;
        // Give the connection a moment so the first request finds it up.
        zclock::sleep(Duration::from_millis(100));
        Ok(())
    }

    /// Sends a request to any live server: its reply, or None after the
    /// global timeout.
    pub fn request(&self, mut request: Msg) -> Result<Option<Msg>, Error> {
        request.pushstr("REQUEST");
        request.send(&self.agent)?;
        let mut reply = Msg::recv(&self.agent)?;
        match reply.popstr()?.as_deref() {
            Some("OK") => Ok(Some(reply)),
            _ => Ok(None), // "FAILED"
        }
    }
}

/// What the agent knows about one server.
struct Server {
    alive: bool,
    ping_at: Instant,
    expires: Instant,
}

/// The request in flight.
struct Pending {
    sequence: String,
    body: Msg,
    expires: Instant,
    /// The server it went to, if any yet.
    sent_to: Option<String>,
}

struct Agent {
    pipe: Sock,
    router: Sock,
    servers: HashMap<String, Server>,
    /// Live servers, in the order they proved alive.
    actives: Vec<String>,
    sequence: u64,
    pending: Option<Pending>,
}

impl Agent {
    /// A command from the API: CONNECT endpoint, or REQUEST body...
    /// Returns false on $TERM.
    fn control_message(&mut self) -> Result<bool, Error> {
        let mut msg = Msg::recv(&self.pipe)?;
        match msg.popstr()?.as_deref() {
            Some("CONNECT") => {
                let endpoint = msg.popstr()?.unwrap_or_default();
                println!("I: connecting to {endpoint}...");
                self.router.connect(&endpoint)?;
                let now = Instant::now();
                // Ping soon: the server counts as live once it answers.
                let server = Server {
                    alive: false,
                    ping_at: now,
                    expires: now + SERVER_TTL,
                };
                self.servers.insert(endpoint, server);
            }
            Some("REQUEST") => {
                self.sequence += 1;
                self.pending = Some(Pending {
                    sequence: self.sequence.to_string(),
                    body: msg,
                    expires: Instant::now() + GLOBAL_TIMEOUT,
                    sent_to: None,
                });
            }
            Some("$TERM") => return Ok(false),
            _ => println!("E: invalid command to the agent"),
        }
        Ok(true)
    }

    /// A message from a server: endpoint, then "PONG" or sequence, body...
    fn router_message(&mut self) -> Result<(), Error> {
        let mut reply = Msg::recv(&self.router)?;
        let endpoint = reply.popstr()?.unwrap_or_default();
        let Some(server) = self.servers.get_mut(&endpoint) else {
            return Ok(());
        };
        if !server.alive {
            server.alive = true;
            self.actives.push(endpoint);
        }
        server.ping_at = Instant::now() + PING_INTERVAL;
        server.expires = Instant::now() + SERVER_TTL;
        let control = reply.popstr()?;
        if let (Some(control), Some(pending)) = (control, &self.pending) {
            // Replies to requests we gave up on are dropped.
            if control == pending.sequence {
                self.pending = None;
                reply.pushstr("OK");
                reply.send(&self.pipe)?;
            }
        }
        Ok(())
    }

    /// Fails an expired request, or (re)sends the request to the first live
    /// server; forgets servers that went silent.
    fn send_request(&mut self) -> Result<(), Error> {
        let now = Instant::now();
        let Some(pending) = &mut self.pending else {
            return Ok(());
        };
        if now >= pending.expires {
            self.pending = None;
            return Msg::from(vec!["FAILED".into()]).send(&self.pipe);
        }
        while let Some(endpoint) = self.actives.first().cloned() {
            match self.servers.get_mut(&endpoint) {
                Some(server) if now < server.expires => {}
                expired => {
                    if let Some(server) = expired {
                        server.alive = false;
                    }
                    self.actives.remove(0);
                    continue;
                }
            }
            if pending.sent_to.as_deref() != Some(endpoint.as_str()) {
                let mut request = pending.body.clone();
                request.pushstr(&pending.sequence);
                request.pushstr(&endpoint);
                request.send(&self.router)?;
                pending.sent_to = Some(endpoint);
            }
            break;
        }
        Ok(())
    }

    /// Pings every server that is due.
    fn ping(&mut self) -> Result<(), Error> {
        let now = Instant::now();
        for (endpoint, server) in &mut self.servers {
            if now >= server.ping_at {
                self.router.send_strs(&[endpoint.as_str(), "PING"])?;
                server.ping_at = now + PING_INTERVAL;
            }
        }
        Ok(())
    }

    /// When the agent must next wake up without input.
    fn next_tick(&self) -> Instant {
        let mut tick = Instant::now() + Duration::from_secs(3600);
        if let Some(pending) = &self.pending {
            tick = tick.min(pending.expires);
        }
        for server in self.servers.values() {
            tick = tick.min(server.ping_at).min(server.expires);
        }
        tick
    }
}

fn agent(pipe: Sock) -> Result<(), Error> {
    let router = Sock::new(SocketType::Router)?;
    let mut agent = Agent {
        pipe,
        router,
        servers: HashMap::new(),
        actives: Vec::new(),
        sequence: 0,
        pending: None,
    };
    agent.pipe.signal(0)?;
    loop {
        let timeout = agent.next_tick().saturating_duration_since(Instant::now());
        let mut items = [
            PollItem::socket(&agent.pipe, PollEvents::POLLIN),
            PollItem::socket(&agent.router, PollEvents::POLLIN),
        ];
        poll(&mut items, Some(timeout))?;
        let (control, reply) = (items[0].is_readable(), items[1].is_readable());
        if control && !agent.control_message()? {
            return Ok(());
        }
        if reply {
            agent.router_message()?;
        }
        agent.send_request()?;
        agent.ping()?;
    }
}
