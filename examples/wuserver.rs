//! Weather update server (Guide, chapter 1): publishes random weather updates
//! "%05d %d %d" (zipcode, temperature, relative humidity) on tcp://*:5556.
//!
//! `cargo run --example wuserver [endpoint]`

use czmq::{Context, SocketType};

/// A small xorshift generator: the example needs cheap noise, not crypto.
struct Noise(u64);

impl Noise {
    fn below(&mut self, n: u32) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % u64::from(n)) as u32
    }
}

fn main() -> Result<(), czmq::Error> {
    let endpoint = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tcp://*:5556".into());
    let ctx = Context::new()?;
    let publisher = ctx.socket(SocketType::Pub)?;
    publisher.bind(&endpoint)?;

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
        | 1;
    let mut noise = Noise(seed);
    loop {
        let zipcode = noise.below(100_000);
        let temperature = noise.below(215) as i32 - 80;
        let relhumidity = noise.below(50) + 10;
        publisher.send(format!("{zipcode:05} {temperature} {relhumidity}"))?;
    }
}
