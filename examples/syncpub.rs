//! Synchronized publisher (Guide, chapter 2): binds PUB to tcp://*:5561 and
//! REP to tcp://*:5562, waits until ten subscribers have said hello on the
//! REP socket, then publishes 1,000,000 "Rhubarb" updates and "END". The
//! sync step means no subscriber misses the start of the stream.
//!
//! `cargo run --example syncpub [updates] [subscribers] [pub-endpoint] [sync-endpoint]`

use czmq::{Context, SocketType};

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let updates: u64 = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let subscribers_expected: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let pub_endpoint = args.next().unwrap_or_else(|| "tcp://*:5561".into());
    let sync_endpoint = args.next().unwrap_or_else(|| "tcp://*:5562".into());

    let ctx = Context::new()?;
    // Socket to talk to clients; a high-water mark above the update count
    // so that a slow subscriber does not lose updates.
    let publisher = ctx.socket(SocketType::Pub)?;
    publisher.set_sndhwm(1_100_000)?;
    publisher.bind(&pub_endpoint)?;
    // Socket to receive signals
    let syncservice = ctx.socket(SocketType::Rep)?;
    syncservice.bind(&sync_endpoint)?;

    // Get synchronization from subscribers
    println!("Waiting for subscribers");
    for _ in 0..subscribers_expected {
        // - wait for synchronization request
        syncservice.recv_msg()?;
        // - send synchronization reply
        syncservice.send("")?;
    }
    // Now broadcast exactly that many updates followed by END
    println!("Broadcasting messages");
    for _ in 0..updates {
        publisher.send("Rhubarb")?;
    }
    publisher.send("END")?;
    // Let the queued updates drain before the context closes.
    publisher.set_linger(None)?;
    Ok(())
}
