//! Pub-sub envelope publisher (Guide, chapter 2): binds PUB to tcp://*:5563
//! and every second publishes two two-frame messages, the first frame being
//! the key ("A" or "B") subscribers filter on, the second the contents.
//!
//! `cargo run --example psenvpub [endpoint]`

use std::time::Duration;

use czmq::{Context, Flags, SocketType};

fn main() -> Result<(), czmq::Error> {
    let endpoint = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tcp://*:5563".into());
    let ctx = Context::new()?;
    let publisher = ctx.socket(SocketType::Pub)?;
    publisher.bind(&endpoint)?;

    loop {
        // Write two messages, each with an envelope and content
        publisher.send_with("A", Flags::MORE)?;
        publisher.send("We don't want to see this")?;
        publisher.send_with("B", Flags::MORE)?;
        publisher.send("We would like to see this")?;
        std::thread::sleep(Duration::from_secs(1));
    }
}
