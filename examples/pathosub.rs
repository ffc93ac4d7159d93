//! Pathological subscriber (Guide, chapter 5): subscribes to one random
//! topic and prints what arrives. Straight from `pathopub` it waits for the
//! topic to come round again; through `lvcache` it gets the last value at once.
//!
//! `cargo run --example pathosub [endpoint] [topic] [messages]`

use czmq::{zclock, Sock};

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let endpoint = args.next().unwrap_or_else(|| "tcp://localhost:5556".into());
    let topic = args
        .next()
        .unwrap_or_else(|| format!("{:03}", zclock::usecs().unsigned_abs() % 1000));
    let messages: Option<u64> = args.next().and_then(|n| n.parse().ok());

    let subscriber = Sock::new_sub(Some(&endpoint), Some(&topic))?;
    let mut received = 0;
    while messages.is_none_or(|n| received < n) {
        let msg = subscriber.recv_strs()?;
        // Subscriptions match prefixes; the Guide's topics all have 3 digits.
        if msg.first() == Some(&topic) {
            println!("{}", msg.join(": "));
            received += 1;
        }
    }
    Ok(())
}
