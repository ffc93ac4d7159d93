//! Synchronized subscriber (Guide, chapter 2): subscribes to everything on
//! tcp://localhost:5561, then tells the publisher it is ready with a
//! request on tcp://localhost:5562, and counts updates until "END".
//!
//! `cargo run --example syncsub [pub-endpoint] [sync-endpoint]`

use std::time::Duration;

use czmq::{Context, SocketType};

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let pub_endpoint = args.next().unwrap_or_else(|| "tcp://localhost:5561".into());
    let sync_endpoint = args.next().unwrap_or_else(|| "tcp://localhost:5562".into());

    let ctx = Context::new()?;
    // First, connect our subscriber socket
    let subscriber = ctx.socket(SocketType::Sub)?;
    subscriber.connect(&pub_endpoint)?;
    subscriber.set_subscribe(b"")?;

    // 0MQ is so fast, we need to wait a while...
    std::thread::sleep(Duration::from_secs(1));

    // Second, synchronize with publisher
    let syncclient = ctx.socket(SocketType::Req)?;
    syncclient.connect(&sync_endpoint)?;
    // - send a synchronization request
    syncclient.send("")?;
    // - wait for synchronization reply
    syncclient.recv_msg()?;

    // Third, get our updates and report how many we got
    let mut update_nbr = 0;
    while subscriber.recv_string()? != "END" {
        update_nbr += 1;
    }
    println!("Received {update_nbr} updates");
    Ok(())
}
