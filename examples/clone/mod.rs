//! The Clone client API (the Guide's clone class, chapter 5): an agent
//! actor keeps a copy of the shared store's subtree, takes snapshots and
//! updates from one server of a Binary Star pair, and fails over to the
//! other when the one it uses stops sending HUGZ.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use czmq::{poll, zstr, Actor, Error, Msg, PollEvents, PollItem, Sock};

use super::kvmsg::KvMsg;

/// A server that has sent nothing for this long is taken for dead.
const SERVER_TTL: Duration = Duration::from_secs(5);

/// The client's face: commands to the agent over its pipe.
pub struct Clone {
    agent: Actor,
}

impl Clone {
    pub fn new() -> Result<Clone, Error> {
        Ok(Clone {
            agent: Actor::new(agent)?,
        })
    }

    /// Limits the copy to keys under `path` (before connecting).
    pub fn subtree(&self, path: &str) -> Result<(), Error> {
        self.agent.sock().send_strs(&["SUBTREE", path])
    }

    /// Adds a server: snapshots on `port`, updates from port + 1, ours to
    /// port + 2 (at most two servers, primary first).
    pub fn connect(&self, address: &str, port: u16) -> Result<(), Error> {
        self.agent
            .sock()
            .send_strs(&["CONNECT", address, &port.to_string()])
    }

    /// Sets a value, living `ttl` seconds (0: until the next expiry sweep).
    pub fn set(&self, key: &str, value: &str, ttl: u64) -> Result<(), Error> {
        self.agent
            .sock()
            .send_strs(&["SET", key, value, &ttl.to_string()])
    }

    /// The current value of a key, if any.
    pub fn get(&self, key: &str) -> Result<Option<String>, Error> {
        self.agent.sock().send_strs(&["GET", key])?;
        let value = zstr::recv(&self.agent)?;
        Ok((!value.is_empty()).then_some(value))
    }
}

/// One server of the pair, as the agent sees it.
struct Server {
    name: String,
    snapshot: Sock,
    subscriber: Sock,
    expiry: Instant,
}

#[derive(PartialEq, Eq)]
enum State {
    /// About to ask the current server for a snapshot.
    Initial,
    /// Waiting for the snapshot to end (KTHXBAI).
    Syncing,
    /// Applying updates.
    Active,
}

struct Agent {
    pipe: Sock,
    kvmap: HashMap<String, KvMsg>,
    subtree: String,
    servers: Vec<Server>,
    current: usize,
    state: State,
    sequence: i64,
    publisher: Sock,
}

impl Agent {
    /// A command from the API; false on $TERM.
    fn control_message(&mut self) -> Result<bool, Error> {
        let mut msg = Msg::recv(&self.pipe)?;
        let command = msg.popstr()?.unwrap_or_default();
        let mut arg = || msg.popstr().map(Option::unwrap_or_default);
        match command.as_str() {
            "SUBTREE" => self.subtree = arg()?,
            "CONNECT" if self.servers.len() < 2 => {
                let (address, port) = (arg()?, arg()?.parse::<u16>().unwrap_or(0));
                let endpoint = |offset: u16| format!("{address}:{}", port.wrapping_add(offset));
                let subscriber = Sock::new_sub(Some(&endpoint(1)), Some(&self.subtree))?;
                subscriber.as_socket().set_subscribe(b"HUGZ")?;
                self.servers.push(Server {
                    name: endpoint(0),
                    snapshot: Sock::new_dealer(Some(&endpoint(0)))?,
                    subscriber,
                    expiry: Instant::now() + SERVER_TTL,
                });
                self.publisher.connect(&endpoint(2))?;
            }
            "CONNECT" => println!("E: too many servers (max. 2)"),
            "SET" => {
                let (key, value, ttl) = (arg()?, arg()?, arg()?);
                let mut kvmsg = KvMsg::new(&key, 0, value.as_bytes());
                kvmsg.set_uuid();
                kvmsg.set_prop("ttl", &ttl);
                kvmsg.send(&self.publisher)?;
                kvmsg.store(&mut self.kvmap);
            }
            "GET" => {
                let key = arg()?;
                let value = self
                    .kvmap
                    .get(&key)
                    .map(|kv| String::from_utf8_lossy(&kv.body).into_owned());
                zstr::send(&self.pipe, &value.unwrap_or_default())?;
            }
            "$TERM" => return Ok(false),
            _ => println!("E: invalid command to the clone agent"),
        }
        Ok(true)
    }

    /// A snapshot part or an update from the current server.
    fn server_message(&mut self, kvmsg: KvMsg) {
        let name = &self.servers[self.current].name;
        if self.state == State::Syncing {
            if kvmsg.key == "KTHXBAI" {
                self.sequence = kvmsg.sequence;
                self.state = State::Active;
                println!("I: received from {name} snapshot={}", self.sequence);
            } else {
                kvmsg.store(&mut self.kvmap);
            }
        } else if kvmsg.key != "HUGZ" && kvmsg.sequence > self.sequence {
            self.sequence = kvmsg.sequence;
            println!("I: received from {name} update={}", self.sequence);
            kvmsg.store(&mut self.kvmap);
        }
    }
}

fn agent(pipe: Sock) -> Result<(), Error> {
    let publisher = Sock::new(czmq::SocketType::Pub)?;
    let mut agent = Agent {
        pipe,
        kvmap: HashMap::new(),
        subtree: String::new(),
        servers: Vec::new(),
        current: 0,
        state: State::Initial,
        sequence: 0,
        publisher,
    };
    agent.pipe.signal(0)?;
    loop {
        if agent.state == State::Initial && !agent.servers.is_empty() {
            let server = &mut agent.servers[agent.current];
            println!("I: waiting for server at {}...", server.name);
            zstr::sendx(&server.snapshot, &["ICANHAZ?", agent.subtree.as_str()])?;
            server.expiry = Instant::now() + SERVER_TTL;
            agent.state = State::Syncing;
        }
        let (control, input, expired) = {
            let server = agent.servers.get(agent.current);
            let mut items = vec![PollItem::socket(&agent.pipe, PollEvents::POLLIN)];
            if let Some(server) = server {
                let socket = if agent.state == State::Syncing {
                    &server.snapshot
                } else {
                    &server.subscriber
                };
                items.push(PollItem::socket(socket, PollEvents::POLLIN));
            }
            let timeout = server.map_or(Duration::from_secs(1), |s| {
                s.expiry.saturating_duration_since(Instant::now())
            });
            poll(&mut items, Some(timeout))?;
            let input = items.get(1).is_some_and(|i| i.is_readable());
            (
                items[0].is_readable(),
                input,
                server.is_some_and(|s| Instant::now() >= s.expiry),
            )
        };
        if control && !agent.control_message()? {
            return Ok(());
        }
        if input {
            let server = &mut agent.servers[agent.current];
            let socket = if agent.state == State::Syncing {
                &server.snapshot
            } else {
                &server.subscriber
            };
            let kvmsg = KvMsg::recv(socket);
            server.expiry = Instant::now() + SERVER_TTL;
            match kvmsg {
                Ok(kvmsg) => agent.server_message(kvmsg),
                Err(e) => println!("E: bad message from server: {e}"),
            }
        } else if expired {
            // Silent too long: try the other server.
            println!(
                "I: server at {} didn't give HUGZ",
                agent.servers[agent.current].name
            );
            agent.current = (agent.current + 1) % agent.servers.len();
            agent.state = State::Initial;
        }
    }
}
