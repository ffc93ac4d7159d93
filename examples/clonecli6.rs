//! Clone client, model 6 (Guide, chapter 5): uses the clone API against a
//! Binary Star pair of `clonesrv6` servers, setting a random value under
//! "/client/" every second; the API fails over between the servers.
//!
//! `cargo run --example clonecli6 [address primary-port backup-port] [updates [ttl]]`
//!
//! Defaults: tcp://localhost, 5556, 5566, endless updates, ttl 0-9 s.

#[path = "clone/mod.rs"]
mod clone;
#[allow(dead_code)] // shared: each side uses part of kvmsg
#[path = "kvmsg/mod.rs"]
mod kvmsg;

use std::time::Duration;

use czmq::zclock;

const SUBTREE: &str = "/client/";

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let address = args
        .first()
        .cloned()
        .unwrap_or_else(|| "tcp://localhost".into());
    let port = |i: usize, default: u16| args.get(i).and_then(|p| p.parse().ok()).unwrap_or(default);
    let (primary, backup) = (port(1, 5556), port(2, 5566));
    let updates: Option<u64> = args.get(3).and_then(|n| n.parse().ok());
    let fixed_ttl: Option<u64> = args.get(4).and_then(|n| n.parse().ok());

    let clone = clone::Clone::new()?;
    clone.subtree(SUBTREE)?;
    clone.connect(&address, primary)?;
    clone.connect(&address, backup)?;

    let mut seed = zclock::usecs().unsigned_abs() | 1;
    let mut first_key = None;
    let mut sent = 0;
    while updates.is_none_or(|n| sent < n) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let key = format!("{SUBTREE}{}", seed % 10_000);
        let value = ((seed >> 16) % 1_000_000).to_string();
        clone.set(&key, &value, fixed_ttl.unwrap_or((seed >> 40) % 10))?;
        first_key.get_or_insert(key);
        sent += 1;
        zclock::sleep(Duration::from_secs(1));
    }
    if let Some(key) = first_key {
        println!("I: {key} = {}", clone.get(&key)?.unwrap_or_default());
    }
    Ok(())
}
