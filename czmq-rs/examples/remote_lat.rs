//! Latency test, measuring side: the Rust port of libzmq's `perf/remote_lat`.
//!
//! Connects a REQ socket to `local_lat`, bounces one zeroed message of
//! `<message-size>` bytes `<roundtrip-count>` times, and prints the average
//! one-way latency (half a round trip) in the C original's format:
//!
//! ```text
//! cargo run --release -p czmq-rs --example remote_lat -- tcp://127.0.0.1:5555 1 10000
//! ```

use std::process::ExitCode;
use std::time::Instant;

use czmq::{Context, ContextOption, Message, SocketType};

/// Formats a libzmq failure the way the C original reports it.
fn err(call: &'static str) -> impl Fn(czmq::Error) -> String {
    move |e| format!("error in {call}: {e}")
}

fn run(connect_to: &str, size: usize, count: u32) -> Result<(), String> {
    let ctx = Context::new().map_err(err("zmq_init"))?;
    // zmq_init's contexts are blocky (sockets linger until flushed); keep that.
    ctx.set(ContextOption::Blocky, 1).map_err(err("zmq_init"))?;
    let s = ctx.socket(SocketType::Req).map_err(err("zmq_socket"))?;
    s.connect(connect_to).map_err(err("zmq_connect"))?;

    // Zeroed once, like the C original's memset; then the same buffer travels.
    let mut msg = Message::with_size(size);
    let watch = Instant::now();
    for _ in 0..count {
        s.send_msg(&mut msg).map_err(err("zmq_sendmsg"))?;
        s.recv(&mut msg).map_err(err("zmq_recvmsg"))?;
        if msg.len() != size {
            return Err("message of incorrect size received".to_string());
        }
    }
    let elapsed = watch.elapsed().as_micros() as u64;

    let latency = elapsed as f64 / (f64::from(count) * 2.0);
    println!("message size: {size} [B]");
    println!("roundtrip count: {count}");
    println!("average latency: {latency:.3} [us]");
    Ok(())
}

/// `<connect-to> <message-size> <roundtrip-count>`, as in C.
fn parse(args: &[String]) -> Option<(&str, usize, u32)> {
    match args {
        [to, size, count] => Some((
            to,
            size.parse().ok()?,
            count.parse().ok().filter(|&n| n > 0)?,
        )),
        _ => None,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((connect_to, size, count)) = parse(&args) else {
        println!("usage: remote_lat <connect-to> <message-size> <roundtrip-count>");
        return ExitCode::from(1);
    };
    match run(connect_to, size, count) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            println!("{e}");
            ExitCode::from(255)
        }
    }
}
