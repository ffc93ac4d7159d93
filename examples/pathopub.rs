//! Pathological publisher (Guide, chapter 5): publishes 1000 topics ("000"
//! to "999") once, then one random topic per second, forever. Shows why
//! subscribers that join late want a last value cache.
//!
//! `cargo run --example pathopub [endpoint]`
//!
//! With an endpoint it connects there (to `lvcache`); without, it binds
//! tcp://*:5556.

use std::time::Duration;

use czmq::{zclock, Sock};

fn main() -> Result<(), czmq::Error> {
    let publisher = match std::env::args().nth(1) {
        Some(endpoint) => Sock::new_pub(Some(&format!(">{endpoint}")))?,
        None => Sock::new_pub(Some("tcp://*:5556"))?,
    };
    // Ensure subscribers connect before we publish the lot.
    zclock::sleep(Duration::from_secs(1));
    for topic in 0..1000 {
        publisher.send_strs(&[format!("{topic:03}"), "Save Roger".into()])?;
    }
    let mut seed = zclock::usecs().unsigned_abs() | 1;
    loop {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        zclock::sleep(Duration::from_secs(1));
        publisher.send_strs(&[format!("{:03}", seed % 1000), "Off with his head!".into()])?;
    }
}
