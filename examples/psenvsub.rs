//! Pub-sub envelope subscriber (Guide, chapter 2): connects SUB to
//! tcp://localhost:5563 and subscribes to key "B" only; prints each
//! envelope's key and contents.
//!
//! `cargo run --example psenvsub [endpoint] [max-messages]`

use czmq::{Context, SocketType};

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let endpoint = args.next().unwrap_or_else(|| "tcp://localhost:5563".into());
    let max: Option<u64> = args.next().and_then(|n| n.parse().ok());

    let ctx = Context::new()?;
    let subscriber = ctx.socket(SocketType::Sub)?;
    subscriber.connect(&endpoint)?;
    subscriber.set_subscribe(b"B")?;

    let mut received = 0;
    while max.is_none_or(|m| received < m) {
        // Read envelope with address, then message contents
        let address = subscriber.recv_string()?;
        let contents = subscriber.recv_string()?;
        println!("[{address}] {contents}");
        received += 1;
    }
    Ok(())
}
