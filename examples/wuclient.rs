//! Weather update client (Guide, chapter 1): subscribes to one zipcode on
//! tcp://localhost:5556 and averages the temperature of 100 updates.
//!
//! `cargo run --example wuclient [zipcode] [endpoint]`

use czmq::{Context, SocketType};

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let filter = args.next().unwrap_or_else(|| "10001 ".into());
    let endpoint = args.next().unwrap_or_else(|| "tcp://localhost:5556".into());

    println!("Collecting updates from weather server...");
    let ctx = Context::new()?;
    let subscriber = ctx.socket(SocketType::Sub)?;
    subscriber.connect(&endpoint)?;
    subscriber.set_subscribe(filter.as_bytes())?;

    let updates = 100;
    let mut total_temp: i64 = 0;
    for _ in 0..updates {
        let update = subscriber.recv_string()?;
        let temperature: i64 = update
            .split_whitespace()
            .nth(1)
            .and_then(|t| t.parse().ok())
            .ok_or_else(|| czmq::Error::Malformed(format!("weather update {update:?}")))?;
        total_temp += temperature;
    }
    println!(
        "Average temperature for zipcode '{}' was {}F",
        filter.trim(),
        total_temp / updates
    );
    Ok(())
}
