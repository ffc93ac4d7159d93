//! A discrete-event simulation of a whole gossip network in one thread:
//! [`Node`]s (the real node logic, no sockets) joined by links with a
//! latency, a global tick every 25 ms (the actor's), virtual time.
//!
//! Shared by `tests/scale_sim.rs` (CI: converges, message budget) and
//! `examples/scale_sim.rs` (the benchmark at 10, 100 and 1,000 nodes).
//!
//! Each link is FIFO, as a TCP connection or inproc pipe is: a message is
//! delivered `latency` after it is sent, never before the link's previous
//! message. Latencies are 0.5–1.5 ms, drawn per message from a seeded
//! splitmix64, so runs are deterministic. Handling a message takes no time:
//! the times measure hops and timeouts, not CPU.

#![allow(dead_code)]

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::time::{Duration, Instant};

use gossip::node::{Action, Config, Dissemination, Node, Peer, Wire};

/// The actor's tick.
pub const TICK_US: u64 = 25_000;

/// splitmix64, as the benchmark programs use it.
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The benchmark's topologies (gossip_bench.rs, czmq_gossip_bench.c):
/// edges `(client, server)`. `ring`: i → i+1. Random: a random recursive
/// tree plus one extra edge per node (average degree about 4).
pub fn topology(ring: bool, n: usize, seed: u64) -> Vec<(usize, usize)> {
    if ring {
        return (0..n).map(|i| (i, (i + 1) % n)).collect();
    }
    let mut state = seed;
    let mut edges: Vec<(usize, usize)> = (1..n)
        .map(|i| (i, (splitmix64(&mut state) % i as u64) as usize))
        .collect();
    let mut joined: std::collections::HashSet<(usize, usize)> =
        edges.iter().map(|&(a, b)| (a.min(b), a.max(b))).collect();
    for i in 0..n {
        let j = (splitmix64(&mut state) % n as u64) as usize;
        if j != i && joined.insert((i.min(j), i.max(j))) {
            edges.push((i, j));
        }
    }
    edges
}

/// What one measured tuple cost.
#[derive(Debug, Clone, Copy)]
pub struct TupleCost {
    /// PUBLISH messages sent from the publish until the network was quiet.
    pub publishes: u64,
    /// IHAVE, PRUNE and GRAFT messages sent in that time.
    pub extension: u64,
    /// Virtual time from the publish until the last live node held it.
    pub converge: Duration,
}

struct Delivery {
    to: usize,
    from: Peer,
    wire: Wire,
}

/// A simulated network.
pub struct Sim {
    pub nodes: Vec<Node>,
    pub alive: Vec<bool>,
    /// (client, remote index) -> server.
    remote_target: HashMap<(usize, usize), usize>,
    /// (client, server) -> the client's remote index.
    remote_of: HashMap<(usize, usize), usize>,
    /// Delivery time (µs), sequence number.
    queue: BinaryHeap<Reverse<(u64, u64)>>,
    payloads: HashMap<u64, Delivery>,
    /// Last delivery time per directed pair: links are FIFO.
    link_free: HashMap<(usize, usize), u64>,
    seq: u64,
    rng: u64,
    t0: Instant,
    /// Virtual time, µs.
    pub now_us: u64,
    next_tick_us: u64,
    /// PUBLISH / IHAVE-PRUNE-GRAFT / other messages sent.
    pub publishes: u64,
    pub extension: u64,
    pub other: u64,
    /// Messages in flight.
    in_flight: u64,
    /// The tuple being measured: key, value, which nodes hold it, how many.
    watch: Option<(Vec<u8>, Vec<u8>)>,
    holders: Vec<bool>,
    holder_count: usize,
    last_holder_us: u64,
}

fn session_id(client: usize) -> Vec<u8> {
    (client as u32).to_be_bytes().to_vec()
}

impl Sim {
    /// `n` nodes with the given dissemination, CONNECTed along `edges`,
    /// handshakes done.
    pub fn new(n: usize, edges: &[(usize, usize)], dissemination: Dissemination, seed: u64) -> Sim {
        let config = Config {
            dissemination,
            ..Config::default()
        };
        let mut sim = Sim {
            nodes: (0..n)
                .map(|i| Node::new(i as u64 + 1, config.clone()))
                .collect(),
            alive: vec![true; n],
            remote_target: HashMap::new(),
            remote_of: HashMap::new(),
            queue: BinaryHeap::new(),
            payloads: HashMap::new(),
            link_free: HashMap::new(),
            seq: 0,
            rng: seed ^ 0x5eed,
            t0: Instant::now(),
            now_us: 0,
            next_tick_us: TICK_US,
            publishes: 0,
            extension: 0,
            other: 0,
            in_flight: 0,
            watch: None,
            holders: vec![false; n],
            holder_count: 0,
            last_holder_us: 0,
        };
        for &(client, server) in edges {
            let now = sim.instant();
            let (r, actions) = sim.nodes[client].connect(&format!("sim://{server}"), now);
            sim.remote_target.insert((client, r), server);
            sim.remote_of.insert((client, server), r);
            sim.route(client, actions);
        }
        sim.run_until_quiet(Duration::from_secs(60))
            .expect("handshakes finish");
        sim
    }

    fn instant(&self) -> Instant {
        self.t0 + Duration::from_micros(self.now_us)
    }

    fn route(&mut self, from: usize, actions: Vec<Action>) {
        for action in actions {
            match action {
                Action::Send(peer, wire) => self.send(from, peer, wire),
                Action::Deliver { key, value } => self.note_deliver(from, &key, &value),
                Action::Removed { .. } => {}
            }
        }
    }

    fn note_deliver(&mut self, node: usize, key: &[u8], value: &[u8]) {
        if let Some((k, v)) = &self.watch {
            if k == key && v == value && !self.holders[node] {
                self.holders[node] = true;
                self.holder_count += 1;
                self.last_holder_us = self.now_us;
            }
        }
    }

    fn send(&mut self, from: usize, peer: Peer, wire: Wire) {
        let (to, seen_as) = match peer {
            Peer::Remote(r) => (
                self.remote_target[&(from, r)],
                Peer::Session(session_id(from)),
            ),
            Peer::Session(id) => {
                let client = u32::from_be_bytes([id[0], id[1], id[2], id[3]]) as usize;
                (client, Peer::Remote(self.remote_of[&(client, from)]))
            }
        };
        match wire {
            Wire::Publish { .. } => self.publishes += 1,
            Wire::Extension(_) => self.extension += 1,
            _ => self.other += 1,
        }
        if !self.alive[to] || !self.alive[from] {
            return;
        }
        self.in_flight += 1;
        let latency = 500 + splitmix64(&mut self.rng) % 1000;
        let free = self.link_free.entry((from, to)).or_insert(0);
        let at = (self.now_us + latency).max(*free);
        *free = at;
        self.seq += 1;
        self.queue.push(Reverse((at, self.seq)));
        self.payloads.insert(
            self.seq,
            Delivery {
                to,
                from: seen_as,
                wire,
            },
        );
    }

    /// Handles the next event (a delivery or the global tick), if it is
    /// before `limit_us`. False when nothing is due before it.
    fn step(&mut self, limit_us: u64) -> bool {
        let next_msg = self.queue.peek().map(|Reverse((t, _))| *t);
        if next_msg.is_some_and(|t| t <= self.next_tick_us) {
            let Reverse((at, seq)) = self.queue.pop().expect("peeked");
            if at > limit_us {
                self.queue.push(Reverse((at, seq)));
                return false;
            }
            self.now_us = at;
            let d = self.payloads.remove(&seq).expect("payload");
            self.in_flight -= 1;
            if !self.alive[d.to] {
                return true;
            }
            let now = self.instant();
            let actions = match d.from {
                Peer::Session(id) => self.nodes[d.to].on_session_message(&id, d.wire, now),
                Peer::Remote(r) => self.nodes[d.to].on_remote_message(r, d.wire, now),
            };
            self.route(d.to, actions);
            return true;
        }
        if self.next_tick_us > limit_us {
            return false;
        }
        self.now_us = self.next_tick_us;
        self.next_tick_us += TICK_US;
        let now = self.instant();
        for i in 0..self.nodes.len() {
            if self.alive[i] {
                let actions = self.nodes[i].tick(now);
                self.route(i, actions);
            }
        }
        true
    }

    /// True when no tuple or announcement is in flight or pending anywhere.
    pub fn quiet(&self) -> bool {
        self.in_flight == 0
            && self
                .nodes
                .iter()
                .zip(&self.alive)
                .all(|(n, &a)| !a || n.dissemination_idle())
    }

    /// Runs until [`quiet`](Self::quiet); Err if that takes over `limit`.
    pub fn run_until_quiet(&mut self, limit: Duration) -> Result<(), String> {
        let limit_us = self.now_us + limit.as_micros() as u64;
        while !self.quiet() {
            if !self.step(limit_us) {
                return Err(format!("not quiet after {limit:?}"));
            }
        }
        Ok(())
    }

    /// Node `origin` publishes `key` = `value`; runs until quiet and
    /// returns what it cost. Err if it did not reach every node in `targets`.
    pub fn publish_and_measure(
        &mut self,
        origin: usize,
        key: &[u8],
        value: &[u8],
        targets: &[usize],
        limit: Duration,
    ) -> Result<TupleCost, String> {
        let (p0, e0) = (self.publishes, self.extension);
        let start = self.now_us;
        self.watch = Some((key.to_vec(), value.to_vec()));
        self.holders.iter_mut().for_each(|h| *h = false);
        self.holder_count = 0;
        let now = self.instant();
        let actions = self.nodes[origin]
            .publish(key, value, Duration::ZERO, now)
            .map_err(|e| e.to_string())?;
        self.route(origin, actions);
        self.run_until_quiet(limit)?;
        self.watch = None;
        let missing: Vec<usize> = targets
            .iter()
            .copied()
            .filter(|&i| self.nodes[i].get(key) != Some(value))
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "{} of {} nodes lack {:?}: {:?}",
                missing.len(),
                targets.len(),
                String::from_utf8_lossy(key),
                &missing[..missing.len().min(10)]
            ));
        }
        Ok(TupleCost {
            publishes: self.publishes - p0,
            extension: self.extension - e0,
            converge: Duration::from_micros(self.last_holder_us.saturating_sub(start)),
        })
    }

    /// Kills `count` nodes other than `keep`, chosen by the seeded rng:
    /// they stop at once; their servers' clients see the link down (as
    /// the actor's monitor reports); their sessions elsewhere expire.
    pub fn kill(&mut self, count: usize, keep: usize) -> Vec<usize> {
        let n = self.nodes.len();
        let mut dead = Vec::new();
        while dead.len() < count {
            let i = (splitmix64(&mut self.rng) % n as u64) as usize;
            if i != keep && self.alive[i] {
                self.alive[i] = false;
                dead.push(i);
            }
        }
        let downs: Vec<(usize, usize)> = self
            .remote_target
            .iter()
            .filter(|(&(c, _), &s)| self.alive[c] && !self.alive[s])
            .map(|(&(c, r), _)| (c, r))
            .collect();
        for (c, r) in downs {
            self.nodes[c].on_remote_down(r);
        }
        dead
    }

    /// The live nodes still joined to `origin` by live links.
    pub fn reachable_from(&self, origin: usize) -> Vec<usize> {
        let n = self.nodes.len();
        let mut adj = vec![Vec::new(); n];
        for (&(c, _), &s) in &self.remote_target {
            if self.alive[c] && self.alive[s] {
                adj[c].push(s);
                adj[s].push(c);
            }
        }
        let mut seen = vec![false; n];
        let mut stack = vec![origin];
        seen[origin] = true;
        while let Some(i) = stack.pop() {
            for &j in &adj[i] {
                if !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        (0..n).filter(|&i| seen[i]).collect()
    }
}

/// One scenario's summary.
#[derive(Debug, Clone)]
pub struct Report {
    pub nodes: usize,
    pub edges: usize,
    pub tuples: usize,
    pub publishes_per_tuple: f64,
    pub extension_per_tuple: f64,
    pub converge_median: Duration,
    pub converge_max: Duration,
}

/// Publishes `warmup` tuples (the tree forms), then measures `tuples`
/// tuples from seeded random origins, one at a time.
pub fn measure(
    sim: &mut Sim,
    edges: usize,
    warmup: usize,
    tuples: usize,
    seed: u64,
) -> Result<Report, String> {
    let n = sim.nodes.len();
    let mut rng = seed;
    let mut costs = Vec::new();
    for t in 0..warmup + tuples {
        let origin = loop {
            let i = (splitmix64(&mut rng) % n as u64) as usize;
            if sim.alive[i] {
                break i;
            }
        };
        let targets = sim.reachable_from(origin);
        let key = format!("key-{t}");
        let cost = sim.publish_and_measure(
            origin,
            key.as_bytes(),
            b"value",
            &targets,
            Duration::from_secs(120),
        )?;
        if t >= warmup {
            costs.push(cost);
        }
    }
    Ok(summarise(n, edges, &costs))
}

pub fn summarise(nodes: usize, edges: usize, costs: &[TupleCost]) -> Report {
    let k = costs.len().max(1) as f64;
    let mut times: Vec<Duration> = costs.iter().map(|c| c.converge).collect();
    times.sort();
    Report {
        nodes,
        edges,
        tuples: costs.len(),
        publishes_per_tuple: costs.iter().map(|c| c.publishes).sum::<u64>() as f64 / k,
        extension_per_tuple: costs.iter().map(|c| c.extension).sum::<u64>() as f64 / k,
        converge_median: times.get(times.len() / 2).copied().unwrap_or_default(),
        converge_max: times.last().copied().unwrap_or_default(),
    }
}
