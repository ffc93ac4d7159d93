//! Reading from multiple sockets with `poll` (Guide, chapter 2): a PULL
//! socket connected to the task ventilator on tcp://localhost:5557 and a SUB
//! socket connected to the weather server on tcp://localhost:5556, filtered
//! on zipcode 10001. Whichever has a message is served first.
//!
//! `cargo run --example mspoller [ventilator] [weather-server] [max-messages]`

use czmq::{poll, Context, PollEvents, PollItem, SocketType};

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let vent = args.next().unwrap_or_else(|| "tcp://localhost:5557".into());
    let weather = args.next().unwrap_or_else(|| "tcp://localhost:5556".into());
    let max: Option<u64> = args.next().and_then(|n| n.parse().ok());

    let ctx = Context::new()?;
    // Connect to task ventilator
    let receiver = ctx.socket(SocketType::Pull)?;
    receiver.connect(&vent)?;
    // Connect to weather server
    let subscriber = ctx.socket(SocketType::Sub)?;
    subscriber.connect(&weather)?;
    subscriber.set_subscribe(b"10001 ")?;

    // Process messages from both sockets
    let mut processed = 0;
    while max.is_none_or(|m| processed < m) {
        let mut items = [
            PollItem::socket(&receiver, PollEvents::POLLIN),
            PollItem::socket(&subscriber, PollEvents::POLLIN),
        ];
        poll(&mut items, None)?;
        if items[0].is_readable() {
            let task = receiver.recv_string()?;
            println!("Process task: {task}");
            processed += 1;
        }
        if items[1].is_readable() {
            let update = subscriber.recv_string()?;
            println!("Process weather update: {update}");
            processed += 1;
        }
    }
    Ok(())
}
