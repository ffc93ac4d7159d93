//! scale_sim [tuples] [seed]: the in-process simulation of tests/sim at 10,
//! 100 and 1,000 nodes, flooding against eager/lazy push, on the
//! benchmark's ring and random (degree about 4) topologies; then 10 % of a
//! network's nodes killed after warm-up. Prints a markdown table.
//!
//! Messages are counted as the nodes send them; times are virtual (links of
//! 0.5–1.5 ms, a 25 ms tick, no CPU cost), so they compare the schemes'
//! hops and timeouts, not a machine. `gossip/benches/scale.sh` runs it.

#[path = "../tests/sim/mod.rs"]
mod sim;

use std::time::Duration;

use gossip::node::Dissemination;
use sim::{measure, topology, Report, Sim};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn row(topo: &str, scheme: &str, r: &Report) {
    println!(
        "| {topo} | {} | {} | {scheme} | {} | {:.2} | {:.2} | {:.2} | {:.1} | {:.1} |",
        r.nodes,
        r.edges,
        r.tuples,
        r.publishes_per_tuple,
        r.publishes_per_tuple / (r.nodes as f64 - 1.0),
        r.extension_per_tuple,
        ms(r.converge_median),
        ms(r.converge_max),
    );
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let tuples: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(100);
    let seed: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1);
    let warmup = 5;
    println!("| topology | nodes | edges | scheme | tuples | PUBLISH/tuple | ÷ (N−1) | IHAVE+PRUNE+GRAFT/tuple | converge ms median | converge ms max |");
    println!("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
    for n in [10, 100, 1000] {
        for ring in [true, false] {
            let edges = topology(ring, n, seed);
            let topo = if ring { "ring" } else { "random" };
            for (scheme, d) in [
                ("flood", Dissemination::Flood),
                ("eager/lazy", Dissemination::EagerLazy),
            ] {
                let mut s = Sim::new(n, &edges, d, seed);
                let r = measure(&mut s, edges.len(), warmup, tuples, seed + 100)?;
                row(topo, scheme, &r);
            }
        }
    }
    println!();
    println!("| nodes | killed | tuples after the kill | PUBLISH/tuple | converge ms median | converge ms max | then PUBLISH/tuple | then converge ms median |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for n in [100, 1000] {
        let edges = topology(false, n, seed);
        let mut s = Sim::new(n, &edges, Dissemination::EagerLazy, seed);
        measure(&mut s, edges.len(), warmup, 0, seed + 100)?;
        let killed = s.kill(n / 10, 0);
        let first = measure(&mut s, edges.len(), 0, 10, seed + 200)?;
        let then = measure(&mut s, edges.len(), 0, tuples, seed + 300)?;
        println!(
            "| {n} | {} | {} | {:.2} | {:.1} | {:.1} | {:.2} | {:.1} |",
            killed.len(),
            first.tuples,
            first.publishes_per_tuple,
            ms(first.converge_median),
            ms(first.converge_max),
            then.publishes_per_tuple,
            ms(then.converge_median),
        );
    }
    Ok(())
}
