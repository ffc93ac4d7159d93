//! Whole networks of gossip nodes simulated in memory: random topologies,
//! random concurrent (conflicting) publishes, random delivery order. Every
//! node of ours must converge to the same tuple set, and the traffic must stop.

use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

use gossip::node::{Action, Config, Node, Peer, Wire};
use proptest::prelude::*;

/// A directed link: messages from one node to another, in order.
type LinkKey = (usize, Peer);

struct Net {
    nodes: Vec<Node>,
    /// (node, its remote index) -> server node index.
    remote_target: BTreeMap<(usize, usize), usize>,
    /// In-flight messages: (to node, as seen by it: from which peer) -> queue.
    links: BTreeMap<LinkKey, VecDeque<Wire>>,
    now: Instant,
    delivered: usize,
}

impl Net {
    fn new(n: usize) -> Net {
        let config = Config {
            session_timeout: None,
            ..Config::default()
        };
        Net {
            nodes: (0..n)
                .map(|i| Node::new(i as u64 + 1, config.clone()))
                .collect(),
            remote_target: BTreeMap::new(),
            links: BTreeMap::new(),
            now: Instant::now(),
            delivered: 0,
        }
    }

    fn session_id(client: usize) -> Vec<u8> {
        vec![0, client as u8]
    }

    /// Routes a node's actions onto links.
    fn route(&mut self, from: usize, actions: Vec<Action>) {
        for action in actions {
            if let Action::Send(peer, wire) = action {
                let (to, seen_as) = match peer {
                    Peer::Remote(r) => (
                        self.remote_target[&(from, r)],
                        Peer::Session(Self::session_id(from)),
                    ),
                    Peer::Session(id) => {
                        let client = id[1] as usize;
                        // Which of the client's remotes points at us?
                        let r = self
                            .remote_target
                            .iter()
                            .find(|((c, _), s)| *c == client && **s == from)
                            .map(|((_, r), _)| *r)
                            .unwrap();
                        (client, Peer::Remote(r))
                    }
                };
                self.links.entry((to, seen_as)).or_default().push_back(wire);
            }
        }
    }

    fn connect(&mut self, client: usize, server: usize) {
        let (r, actions) = self.nodes[client].connect(&format!("sim://{server}"), self.now);
        self.remote_target.insert((client, r), server);
        self.route(client, actions);
    }

    /// Delivers the head of the `pick`-th non-empty link; false when idle.
    fn step(&mut self, pick: usize) -> bool {
        let busy: Vec<LinkKey> = self
            .links
            .iter()
            .filter(|(_, q)| !q.is_empty())
            .map(|(k, _)| k.clone())
            .collect();
        if busy.is_empty() {
            return false;
        }
        let key = busy[pick % busy.len()].clone();
        let wire = self.links.get_mut(&key).unwrap().pop_front().unwrap();
        self.now += Duration::from_micros(10);
        self.delivered += 1;
        let (to, from) = key;
        let actions = match from {
            Peer::Session(id) => self.nodes[to].on_session_message(&id, wire, self.now),
            Peer::Remote(r) => self.nodes[to].on_remote_message(r, wire, self.now),
        };
        self.route(to, actions);
        true
    }

    /// One tick of time (the actor's 25 ms) on every node: queued IHAVEs
    /// leave, overdue GRAFTs go out, quiet remotes are PINGed.
    fn tick_all(&mut self) {
        self.now += Duration::from_millis(25);
        for i in 0..self.nodes.len() {
            let actions = self.nodes[i].tick(self.now);
            self.route(i, actions);
        }
    }

    /// True when no node has an IHAVE queued or a GRAFT pending.
    fn dissemination_idle(&self) -> bool {
        self.nodes.iter().all(|n| n.dissemination_idle())
    }

    fn snapshot(&self, i: usize) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.nodes[i]
            .tuples()
            .map(|(k, v)| (k.to_vec(), v.to_vec()))
            .collect()
    }
}

#[derive(Debug, Clone)]
enum Op {
    Publish { node: usize, key: u8, value: u8 },
    Delete { node: usize, key: u8 },
    Deliver { pick: usize },
}

fn ops(n: usize) -> impl Strategy<Value = Vec<Op>> {
    let op = prop_oneof![
        3 => (0..n, 0u8..3, 0u8..4).prop_map(|(node, key, value)| Op::Publish { node, key, value }),
        1 => (0..n, 0u8..3).prop_map(|(node, key)| Op::Delete { node, key }),
        6 => any::<usize>().prop_map(|pick| Op::Deliver { pick }),
    ];
    prop::collection::vec(op, 1..80)
}

/// Node count, tree edges (client, server), extra edges.
type Topology = (usize, Vec<(usize, usize)>, Vec<(usize, usize)>);

fn topology() -> impl Strategy<Value = Topology> {
    (2usize..7).prop_flat_map(|n| {
        // A random tree (node i connects to an earlier node) plus extra edges: cycles.
        let tree = (1..n).map(|i| (Just(i), 0..i)).collect::<Vec<_>>();
        let extra = prop::collection::vec((0..n, 0..n), 0..n);
        (Just(n), tree, extra)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_node_converges_and_traffic_stops(
        (n, tree, extra) in topology(),
        script in (2usize..7).prop_flat_map(ops),
        picks in prop::collection::vec(any::<usize>(), 0..4000),
    ) {
        let mut net = Net::new(n);
        for (a, b) in tree {
            net.connect(a, b);
        }
        for (a, b) in extra {
            if a != b && !net.remote_target.iter().any(|((c, _), s)| *c == a && *s == b) {
                net.connect(a, b);
            }
        }
        // Let the HELLO/PONG handshakes finish: stamps flow only between
        // nodes that have both shown they speak the extension.
        let mut handshake = 0;
        while net.step(0) {
            handshake += 1;
            prop_assert!(handshake < 10_000);
        }
        for op in script {
            match op {
                Op::Publish { node, key, value } => {
                    let node = node % n;
                    let actions = net.nodes[node]
                        .publish(&[b'k', key], &[b'v', value], Duration::ZERO, net.now)
                        .unwrap();
                    net.route(node, actions);
                }
                Op::Delete { node, key } => {
                    let node = node % n;
                    let actions = net.nodes[node].delete(&[b'k', key], net.now);
                    net.route(node, actions);
                }
                Op::Deliver { pick } => {
                    net.step(pick);
                }
            }
        }
        // Drain in a random but bounded order; between drains, time passes
        // so that announcements leave and missing versions are grafted.
        let mut steps = 0;
        let mut ticks = 0;
        let mut picks = picks.into_iter().cycle();
        loop {
            while net.step(picks.next().unwrap_or(0)) {
                steps += 1;
                prop_assert!(steps < 200_000, "traffic did not stop");
            }
            if net.dissemination_idle() {
                break;
            }
            net.tick_all();
            ticks += 1;
            prop_assert!(ticks < 1_000, "announcements or grafts never ended");
        }
        let first = net.snapshot(0);
        for i in 1..n {
            prop_assert_eq!(&net.snapshot(i), &first, "node {} differs from node 0", i);
        }
    }
}

#[test]
fn concurrent_conflicting_updates_settle_on_one_value() {
    let mut net = Net::new(2);
    net.connect(1, 0);
    while net.step(0) {}
    let a = net.nodes[0]
        .publish(b"k", b"from-0", Duration::ZERO, net.now)
        .unwrap();
    let b = net.nodes[1]
        .publish(b"k", b"from-1", Duration::ZERO, net.now)
        .unwrap();
    net.route(0, a);
    net.route(1, b);
    let mut steps = 0;
    while net.step(steps) {
        steps += 1;
        assert!(steps < 100);
    }
    assert_eq!(net.nodes[0].get(b"k"), net.nodes[1].get(b"k"));
    // Equal clocks: the higher node id wins, on both sides.
    assert_eq!(net.nodes[0].get(b"k"), Some(&b"from-1"[..]));
}

#[test]
fn a_tuple_is_never_sent_back_to_its_source() {
    let mut net = Net::new(3);
    net.connect(1, 0);
    net.connect(2, 0);
    while net.step(0) {}
    let actions = net.nodes[1]
        .publish(b"k", b"v", Duration::ZERO, net.now)
        .unwrap();
    net.route(1, actions);
    // Deliver node 1's PUBLISH to node 0 and look at what node 0 sends.
    let wire = net
        .links
        .get_mut(&(0, Peer::Session(Net::session_id(1))))
        .unwrap()
        .pop_front()
        .unwrap();
    let out = net.nodes[0].on_session_message(&Net::session_id(1), wire, net.now);
    let sends: Vec<&Peer> = out
        .iter()
        .filter_map(|a| match a {
            Action::Send(p, Wire::Publish { .. }) => Some(p),
            _ => None,
        })
        .collect();
    assert_eq!(sends, vec![&Peer::Session(Net::session_id(2))]);
}

#[test]
fn deleting_a_key_this_node_never_held_removes_it_everywhere() {
    // A chain 2 -> 1 -> 0 holds k, with a clock well above a fresh node's.
    let mut net = Net::new(4);
    net.connect(1, 0);
    net.connect(2, 1);
    for value in [&b"v1"[..], b"v2", b"v3", b"v4"] {
        let actions = net.nodes[0]
            .publish(b"k", value, Duration::ZERO, net.now)
            .unwrap();
        net.route(0, actions);
    }
    let mut steps = 0;
    while net.step(steps) {
        steps += 1;
        assert!(steps < 1_000);
    }
    assert_eq!(net.nodes[2].get(b"k"), Some(&b"v4"[..]));
    // A fresh node that never held k deletes it, then joins the chain
    // (as `zgossip --connect ... --delete k` does).
    let actions = net.nodes[3].delete(b"k", net.now);
    net.route(3, actions);
    net.connect(3, 2);
    let mut steps = 0;
    while net.step(steps) {
        steps += 1;
        assert!(steps < 1_000, "traffic did not stop");
    }
    for i in 0..4 {
        assert_eq!(net.nodes[i].get(b"k"), None, "node {i} still holds k");
    }
    // A later write is a new tuple again, everywhere.
    let actions = net.nodes[1]
        .publish(b"k", b"after", Duration::ZERO, net.now)
        .unwrap();
    net.route(1, actions);
    let mut steps = 0;
    while net.step(steps) {
        steps += 1;
        assert!(steps < 1_000);
    }
    for i in 0..4 {
        assert_eq!(net.nodes[i].get(b"k"), Some(&b"after"[..]), "node {i}");
    }
}
