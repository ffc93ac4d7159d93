//! Gossip convergence of our nodes, N of them in one process: the Rust half
//! of `gossip/benches/gossip-vs-czmq.sh`, twin of `czmq_gossip_bench.c`.
//!
//! ```text
//! gossip_bench <inproc|tcp> <ring|random> <nodes> <tuples> [seed]
//! ```
//!
//! Starts `nodes` [`Gossip`] actors, binds each (`inproc://gossip-bench-<i>`
//! or `tcp://127.0.0.1:*`), CONNECTs them along the topology, lets one
//! warm-up tuple reach every node, then node 0 publishes `tuples` tuples with
//! distinct keys, and the program measures the time until every node has had
//! a `DELIVER` for every one of them. Output, one per line:
//!
//! ```text
//! info edges <E> hash <H>
//! result converge_ms <ms>            ("timeout" if not converged in 60 s)
//! result messages_to_converge <n>    (ZGP messages, first publish -> converged)
//! result messages <n>                (first publish -> converged + 1 s)
//! result messages_per_tuple <messages / tuples>
//! ```
//!
//! Topology, as in the C program: an edge `a -> b` means node a CONNECTs to
//! node b. `ring`: `i -> (i + 1) mod n`. `random`: a random recursive tree,
//! `i -> r() mod i` for i = 1..n-1, then one extra edge per node, `i -> r()
//! mod n` for i = 0..n-1, skipped when it is a self-loop or joins two nodes
//! already joined; `r()` is splitmix64 seeded with `seed` (default 1).
//!
//! Both sides run with `server/timeout 0` (no session expiry), see the C file.
//!
//! Counting ZGP messages the same way as the C side: `Gossip::stats()`
//! exists, but CZMQ has nothing like it, so both sides count at libzmq's
//! send functions. Our libzmq is linked statically, out of reach of the C
//! program's interposition, so the
//! bench script links this example with `ld --wrap` for `zmq_send`,
//! `zmq_msg_send` and `zmq_sendmsg` and with `czmq_gossip_bench.c` compiled
//! as the same counter (`-DZGP_COUNT_WRAP`), exporting `zgp_bench_sent`,
//! which we find with `dlsym`. A plain `cargo build` has no counter: the
//! message lines then say `n/a`.

use std::time::{Duration, Instant};

use czmq::{Flags, PollEvents, PollItem};
use gossip::Gossip;

/// Give up on convergence after this long.
const DEADLINE: Duration = Duration::from_secs(60);
/// Give up on the warm-up tuple after this long.
const WARMUP: Duration = Duration::from_secs(20);
/// Quiet time after the warm-up.
const SETTLE: Duration = Duration::from_millis(250);
/// Counting window after convergence.
const AFTER: Duration = Duration::from_millis(1000);
/// Messages read from one pipe per turn.
const DRAIN_MAX: usize = 10_000;
/// Socket limit: ours needs about 9 per node in the random topology, CZMQ's
/// default limit is 1024; the C program sets the same.
const MAX_SOCKETS: i32 = 16384;

type BoxError = Box<dyn std::error::Error>;

/// What to run, from the command line.
struct Args {
    tcp: bool,
    ring: bool,
    nodes: usize,
    tuples: usize,
    seed: u64,
}

fn usage() -> BoxError {
    "usage: gossip_bench <inproc|tcp> <ring|random> <nodes> <tuples> [seed]".into()
}

fn parse_args() -> Result<Args, BoxError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !(4..=5).contains(&args.len()) {
        return Err(usage());
    }
    let tcp = match args[0].as_str() {
        "tcp" => true,
        "inproc" => false,
        _ => return Err(usage()),
    };
    let ring = match args[1].as_str() {
        "ring" => true,
        "random" => false,
        _ => return Err(usage()),
    };
    let nodes: usize = args[2].parse()?;
    let tuples: usize = args[3].parse()?;
    let seed: u64 = args.get(4).map_or(Ok(1), |s| s.parse())?;
    if !(2..=10_000).contains(&nodes) || !(1..=1_000_000).contains(&tuples) {
        return Err(usage());
    }
    Ok(Args {
        tcp,
        ring,
        nodes,
        tuples,
        seed,
    })
}

/// splitmix64, as in the C program.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The edges `(from, to)`: node `from` CONNECTs to node `to`.
fn topology(ring: bool, n: usize, seed: u64) -> Vec<(usize, usize)> {
    if ring {
        return (0..n).map(|i| (i, (i + 1) % n)).collect();
    }
    let mut state = seed;
    let mut edges: Vec<(usize, usize)> = (1..n)
        .map(|i| (i, (splitmix64(&mut state) % i as u64) as usize))
        .collect();
    for i in 0..n {
        let j = (splitmix64(&mut state) % n as u64) as usize;
        let joined = edges.contains(&(i, j)) || edges.contains(&(j, i));
        if j != i && !joined {
            edges.push((i, j));
        }
    }
    edges
}

/// FNV-1a over the edges as little-endian u32 pairs, as the C program.
fn topology_hash(edges: &[(usize, usize)]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &(from, to) in edges {
        for part in [from as u32, to as u32] {
            for byte in part.to_le_bytes() {
                hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    hash
}

/// Who has had which tuple.
struct Progress {
    tuples: usize,
    /// nodes x tuples: node i had a DELIVER for key j.
    seen: Vec<bool>,
    count: Vec<usize>,
    warm: Vec<bool>,
    /// Nodes with every tuple.
    done: usize,
    /// Nodes with the warm-up tuple.
    warm_done: usize,
}

impl Progress {
    fn new(nodes: usize, tuples: usize) -> Progress {
        Progress {
            tuples,
            seen: vec![false; nodes * tuples],
            count: vec![0; nodes],
            warm: vec![false; nodes],
            done: 0,
            warm_done: 0,
        }
    }

    fn on_deliver(&mut self, node: usize, key: &[u8]) {
        if key == b"warmup" {
            if !std::mem::replace(&mut self.warm[node], true) {
                self.warm_done += 1;
            }
            return;
        }
        let index = key
            .strip_prefix(b"key-")
            .and_then(|k| std::str::from_utf8(k).ok())
            .and_then(|k| k.parse::<usize>().ok())
            .filter(|&i| i < self.tuples);
        let Some(index) = index else { return };
        let seen = &mut self.seen[node * self.tuples + index];
        if !std::mem::replace(seen, true) {
            self.count[node] += 1;
            if self.count[node] == self.tuples {
                self.done += 1;
            }
        }
    }
}

/// Reads what the actors sent, waiting up to `timeout` for the first.
fn drain(nodes: &[Gossip], progress: &mut Progress, timeout: Duration) -> Result<(), BoxError> {
    let mut items: Vec<PollItem<'_>> = nodes
        .iter()
        .map(|g| PollItem::socket(g, PollEvents::POLLIN))
        .collect();
    if czmq::poll(&mut items, Some(timeout))? == 0 {
        return Ok(());
    }
    for (i, item) in items.iter().enumerate() {
        if !item.is_readable() {
            continue;
        }
        let pipe = nodes[i].actor().sock().as_socket();
        for _ in 0..DRAIN_MAX {
            let frames = match pipe.recv_multipart_with(Flags::DONTWAIT) {
                Ok(frames) => frames,
                Err(czmq::Error::Again) => break,
                Err(e) => return Err(e.into()),
            };
            // `DELIVER key value`; REMOVE and replies do not occur here.
            if let [command, key, _] = frames.as_slice() {
                if &command[..] == b"DELIVER" {
                    progress.on_deliver(i, key);
                }
            }
        }
    }
    Ok(())
}

/// Drains until `end`.
fn drain_until(nodes: &[Gossip], progress: &mut Progress, end: Instant) -> Result<(), BoxError> {
    while let Some(left) = end.checked_duration_since(Instant::now()) {
        drain(nodes, progress, left)?;
    }
    Ok(())
}

/// Starts node `i`, bound; returns it and the endpoint others connect to.
fn start_node(tcp: bool, i: usize) -> Result<(Gossip, String), BoxError> {
    let node = Gossip::new(&format!("node-{i}"))?;
    node.set("server/timeout", "0")?;
    let endpoint = if tcp {
        let port = node.bind("tcp://127.0.0.1:*")?;
        format!("tcp://127.0.0.1:{port}")
    } else {
        let endpoint = format!("inproc://gossip-bench-{i}");
        node.bind(&endpoint)?;
        endpoint
    };
    Ok((node, endpoint))
}

/// The message counter linked in by the bench script, if it was.
fn sent_counter() -> Option<extern "C" fn() -> u64> {
    let name = b"zgp_bench_sent\0";
    // SAFETY: dlsym with RTLD_DEFAULT only looks a NUL-terminated name up in
    // the loaded objects; it returns null when the symbol is absent.
    let sym = unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr().cast()) };
    if sym.is_null() {
        return None;
    }
    // SAFETY: zgp_bench_sent is `uint64_t zgp_bench_sent (void)` in
    // czmq_gossip_bench.c, the only definition of that name.
    Some(unsafe { std::mem::transmute::<*mut libc::c_void, extern "C" fn() -> u64>(sym) })
}

fn count(counter: Option<extern "C" fn() -> u64>) -> Option<u64> {
    counter.map(|f| f())
}

fn print_counts(before: Option<u64>, converged: Option<u64>, after: Option<u64>, tuples: usize) {
    match (before, converged, after) {
        (Some(b), Some(c), Some(a)) => {
            println!("result messages_to_converge {}", c - b);
            println!("result messages {}", a - b);
            println!(
                "result messages_per_tuple {:.2}",
                (a - b) as f64 / tuples as f64
            );
        }
        _ => {
            println!("result messages_to_converge n/a");
            println!("result messages n/a");
            println!("result messages_per_tuple n/a");
        }
    }
}

fn run(args: &Args) -> Result<bool, BoxError> {
    czmq::zsys::set_max_sockets(MAX_SOCKETS);
    let counter = sent_counter();
    let edges = topology(args.ring, args.nodes, args.seed);
    println!(
        "info edges {} hash {:016x}",
        edges.len(),
        topology_hash(&edges)
    );

    let mut nodes = Vec::with_capacity(args.nodes);
    let mut endpoints = Vec::with_capacity(args.nodes);
    for i in 0..args.nodes {
        let (node, endpoint) = start_node(args.tcp, i)?;
        nodes.push(node);
        endpoints.push(endpoint);
    }
    for &(from, to) in &edges {
        nodes[from].connect(&endpoints[to])?;
    }
    let mut progress = Progress::new(args.nodes, args.tuples);

    // Warm-up: one tuple reaching every node shows the mesh is up.
    nodes[0].publish("warmup", "1")?;
    let warm_end = Instant::now() + WARMUP;
    while progress.warm_done < args.nodes && Instant::now() < warm_end {
        drain(&nodes, &mut progress, Duration::from_millis(100))?;
    }
    if progress.warm_done < args.nodes {
        println!("result converge_ms timeout");
        eprintln!(
            "gossip_bench: warm-up reached {} of {} nodes",
            progress.warm_done, args.nodes
        );
        return Ok(false);
    }
    drain_until(&nodes, &mut progress, Instant::now() + SETTLE)?;

    // The measured part: node 0 publishes, everybody must deliver.
    let before = count(counter);
    let start = Instant::now();
    for t in 0..args.tuples {
        nodes[0].publish(format!("key-{t}"), format!("value-{t}"))?;
        drain(&nodes, &mut progress, Duration::ZERO)?;
    }
    let deadline = start + DEADLINE;
    while progress.done < args.nodes && Instant::now() < deadline {
        drain(&nodes, &mut progress, Duration::from_millis(100))?;
    }
    let elapsed = start.elapsed();
    let converged = count(counter);
    if progress.done < args.nodes {
        println!("result converge_ms timeout");
        eprintln!(
            "gossip_bench: {} of {} nodes had all tuples",
            progress.done, args.nodes
        );
        return Ok(false);
    }
    drain_until(&nodes, &mut progress, Instant::now() + AFTER)?;
    let after = count(counter);

    println!("result converge_ms {:.1}", elapsed.as_secs_f64() * 1000.0);
    print_counts(before, converged, after, args.tuples);
    Ok(true)
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(64);
        }
    };
    match run(&args) {
        Ok(true) => {}
        Ok(false) => std::process::exit(2),
        Err(e) => {
            eprintln!("gossip_bench: {e}");
            std::process::exit(1);
        }
    }
}
