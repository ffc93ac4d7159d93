//! Majordomo broker (Guide, chapter 4): service-oriented request-reply over
//! MDP/0.1. Clients (MDPC01) and workers (MDPW01) share one ROUTER socket on
//! tcp://*:5555; requests queue per service until a worker of that service
//! is waiting; idle workers get heartbeats and are dropped when silent for 3
//! heartbeats. Services named "mmi.*" are answered by the broker itself
//! ("mmi.service": 200 if the service has workers, 404 if not; others 501).
//!
//! `cargo run --example mdbroker [-v] [endpoint]`

#[allow(dead_code)]
#[path = "mdp/mod.rs"]
mod mdp;

use std::collections::{HashMap, VecDeque};
use std::time::Instant;

use czmq::{poll, Error, Frame, Msg, PollEvents, PollItem, Sock};
use mdp::*;

/// A named service: requests waiting for a worker, workers waiting for a request.
#[derive(Default)]
struct Service {
    requests: VecDeque<Msg>,
    waiting: VecDeque<Vec<u8>>,
    workers: usize,
}

/// A worker known to the broker, by its ROUTER identity.
struct Worker {
    service: Option<String>,
    expiry: Instant,
}

struct Broker {
    socket: Sock,
    verbose: bool,
    services: HashMap<String, Service>,
    workers: HashMap<Vec<u8>, Worker>,
    /// Idle workers, oldest first (for heartbeats and purging).
    waiting: VecDeque<Vec<u8>>,
}

impl Broker {
    /// A client request: "", "MDPC01" already read; service, body... remain.
    fn client_message(&mut self, sender: Frame, mut msg: Msg) -> Result<(), Error> {
        let Some(service) = msg.popstr().ok().flatten() else {
            println!("E: client request without a service name");
            return Ok(());
        };
        // Keep the return address with the request: sender, "", body...
        msg.push(Frame::empty());
        msg.push(sender);
        if service.starts_with("mmi.") {
            return self.service_internal(&service, msg);
        }
        self.services
            .entry(service.clone())
            .or_default()
            .requests
            .push_back(msg);
        self.dispatch(&service)
    }

    /// Answers "mmi.*" requests in place of a worker; `msg` is sender, "",
    /// body... and the body's last frame becomes the status code.
    fn service_internal(&mut self, service: &str, mut msg: Msg) -> Result<(), Error> {
        let (Some(sender), Some(empty)) = (msg.pop(), msg.pop()) else {
            return Ok(());
        };
        let code = if service == "mmi.service" {
            let asked = msg.last().and_then(|f| f.as_str()).unwrap_or("");
            let known = self.services.get(asked).is_some_and(|s| s.workers > 0);
            if known {
                "200"
            } else {
                "404"
            }
        } else {
            "501"
        };
        match msg.iter_mut().last() {
            Some(last) => last.reset(code.as_bytes()),
            None => msg.addstr(code),
        }
        // Reply to the client: sender, "", "MDPC01", service, body...
        msg.pushstr(service);
        msg.pushstr(MDPC_CLIENT);
        msg.push(empty);
        msg.push(sender);
        msg.send(&self.socket)
    }

    /// A worker message: "", "MDPW01" already read; command, ... remain.
    fn worker_message(&mut self, sender: Frame, mut msg: Msg) -> Result<(), Error> {
        let command = msg.pop().map(|c| c.data().to_vec()).unwrap_or_default();
        let identity = sender.data().to_vec();
        let known = self.workers.contains_key(&identity);
        match command.as_slice() {
            [MDPW_READY] => {
                let service = msg.popstr().ok().flatten().unwrap_or_default();
                if known || service.starts_with("mmi.") || service.is_empty() {
                    // READY twice, or for a reserved name: a protocol error.
                    self.delete_worker(&identity, true)?;
                } else {
                    self.workers.insert(
                        identity.clone(),
                        Worker {
                            service: Some(service.clone()),
                            expiry: Instant::now(),
                        },
                    );
                    self.services.entry(service).or_default().workers += 1;
                    self.worker_waiting(identity)?;
                }
            }
            [MDPW_REPLY] if known => {
                // Frames: client address, "", body... back to the client.
                let client = msg.pop();
                let _empty = msg.pop();
                let service = self
                    .workers
                    .get(&identity)
                    .and_then(|w| w.service.clone())
                    .unwrap_or_default();
                msg.pushstr(&service);
                msg.pushstr(MDPC_CLIENT);
                msg.push(Frame::empty());
                if let Some(client) = client {
                    msg.push(client);
                    msg.send(&self.socket)?;
                }
                self.worker_waiting(identity)?;
            }
            [MDPW_HEARTBEAT] if known => {
                if let Some(worker) = self.workers.get_mut(&identity) {
                    worker.expiry = Instant::now() + HEARTBEAT_INTERVAL * HEARTBEAT_LIVENESS;
                }
            }
            [MDPW_DISCONNECT] => self.delete_worker(&identity, false)?,
            [MDPW_REPLY] | [MDPW_HEARTBEAT] => self.delete_worker(&identity, true)?,
            _ => {
                println!("E: invalid worker command {command:02x?}");
            }
        }
        Ok(())
    }

    /// Sends a command to a worker: identity, "", "MDPW01", command, extra...
    fn send_to_worker(&self, identity: &[u8], command: u8, mut msg: Msg) -> Result<(), Error> {
        msg.push(Frame::new(&[command]));
        msg.pushstr(MDPW_WORKER);
        msg.push(Frame::empty());
        msg.push(Frame::new(identity));
        if self.verbose {
            dump(
                &format!("sending {} to worker", command_name(&[command])),
                &msg,
            );
        }
        msg.send(&self.socket)
    }

    /// Forgets a worker, telling it to reconnect if `disconnect`.
    fn delete_worker(&mut self, identity: &[u8], disconnect: bool) -> Result<(), Error> {
        if disconnect {
            self.send_to_worker(identity, MDPW_DISCONNECT, Msg::new())?;
        }
        self.waiting.retain(|w| w != identity);
        if let Some(worker) = self.workers.remove(identity) {
            if let Some(service) = worker.service.and_then(|s| self.services.get_mut(&s)) {
                service.waiting.retain(|w| w != identity);
                service.workers = service.workers.saturating_sub(1);
            }
        }
        Ok(())
    }

    /// A worker is idle: queue it and give it work if any is waiting.
    fn worker_waiting(&mut self, identity: Vec<u8>) -> Result<(), Error> {
        let Some(worker) = self.workers.get_mut(&identity) else {
            return Ok(());
        };
        worker.expiry = Instant::now() + HEARTBEAT_INTERVAL * HEARTBEAT_LIVENESS;
        let service = worker.service.clone().unwrap_or_default();
        self.waiting.push_back(identity.clone());
        self.services
            .entry(service.clone())
            .or_default()
            .waiting
            .push_back(identity);
        self.dispatch(&service)
    }

    /// Sends queued requests of `service` to its waiting workers.
    fn dispatch(&mut self, name: &str) -> Result<(), Error> {
        self.purge()?;
        loop {
            let Some(service) = self.services.get_mut(name) else {
                return Ok(());
            };
            if service.requests.is_empty() || service.waiting.is_empty() {
                return Ok(());
            }
            let (Some(identity), Some(request)) =
                (service.waiting.pop_front(), service.requests.pop_front())
            else {
                return Ok(());
            };
            self.waiting.retain(|w| *w != identity);
            self.send_to_worker(&identity, MDPW_REQUEST, request)?;
        }
    }

    /// Drops idle workers whose heartbeats stopped.
    fn purge(&mut self) -> Result<(), Error> {
        let now = Instant::now();
        let expired: Vec<Vec<u8>> = self
            .waiting
            .iter()
            .filter(|id| self.workers.get(*id).is_some_and(|w| w.expiry < now))
            .cloned()
            .collect();
        for identity in expired {
            if self.verbose {
                println!(
                    "I: deleting expired worker: {}",
                    Frame::new(&identity).strhex()
                );
            }
            self.delete_worker(&identity, false)?;
        }
        Ok(())
    }
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let endpoint = args
        .iter()
        .find(|a| *a != "-v")
        .cloned()
        .unwrap_or_else(|| "tcp://*:5555".into());

    let mut broker = Broker {
        socket: Sock::new_router(Some(&endpoint))?,
        verbose,
        services: HashMap::new(),
        workers: HashMap::new(),
        waiting: VecDeque::new(),
    };
    println!("I: MDP broker/0.1.1 is active at {endpoint}");
    let mut heartbeat_at = Instant::now() + HEARTBEAT_INTERVAL;
    loop {
        let mut items = [PollItem::socket(&broker.socket, PollEvents::POLLIN)];
        poll(&mut items, Some(HEARTBEAT_INTERVAL))?;
        if items[0].is_readable() {
            let mut msg = Msg::recv(&broker.socket)?;
            if verbose {
                dump("received message:", &msg);
            }
            // Frames: sender, "", header, ...
            let sender = msg.pop();
            let _empty = msg.pop();
            let header = msg.pop();
            match (sender, header) {
                (Some(sender), Some(h)) if h.streq(MDPC_CLIENT) => {
                    broker.client_message(sender, msg)?
                }
                (Some(sender), Some(h)) if h.streq(MDPW_WORKER) => {
                    broker.worker_message(sender, msg)?
                }
                _ => println!("E: invalid message (neither MDPC01 nor MDPW01)"),
            }
        }
        // Heartbeat idle workers, and drop the dead, once per interval.
        if Instant::now() >= heartbeat_at {
            broker.purge()?;
            for identity in broker.waiting.clone() {
                broker.send_to_worker(&identity, MDPW_HEARTBEAT, Msg::new())?;
            }
            heartbeat_at = Instant::now() + HEARTBEAT_INTERVAL;
        }
    }
}
