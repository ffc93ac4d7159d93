//! In-process latency test: the Rust port of libzmq's `perf/inproc_lat`.
//!
//! The main thread's REQ socket bounces one zeroed message of
//! `<message-size>` bytes `<roundtrip-count>` times off a worker thread's REP
//! socket over `inproc://`, and prints the average one-way latency (half a
//! round trip) in the C original's format:
//!
//! ```text
//! cargo run --release -p czmq-rs --example inproc_lat -- 1 10000
//! ```

use std::process::ExitCode;
use std::thread;
use std::time::Instant;

use czmq::{Context, ContextOption, Message, SocketType};

const ENDPOINT: &str = "inproc://lat_test";

/// Formats a libzmq failure the way the C original reports it.
fn err(call: &'static str) -> impl Fn(czmq::Error) -> String {
    move |e| format!("error in {call}: {e}")
}

/// The echoing thread: its own REP socket, one reused message.
fn worker(ctx: &Context, count: u32) -> Result<(), String> {
    let s = ctx.socket(SocketType::Rep).map_err(err("zmq_socket"))?;
    s.connect(ENDPOINT).map_err(err("zmq_connect"))?;
    let mut msg = Message::new();
    for _ in 0..count {
        s.recv(&mut msg).map_err(err("zmq_recvmsg"))?;
        s.send_msg(&mut msg).map_err(err("zmq_sendmsg"))?;
    }
    Ok(())
}

fn run(size: usize, count: u32) -> Result<(), String> {
    let ctx = Context::new().map_err(err("zmq_init"))?;
    // zmq_init's contexts are blocky (sockets linger until flushed); keep that.
    ctx.set(ContextOption::Blocky, 1).map_err(err("zmq_init"))?;
    let s = ctx.socket(SocketType::Req).map_err(err("zmq_socket"))?;
    s.bind(ENDPOINT).map_err(err("zmq_bind"))?;

    let worker_ctx = ctx.clone();
    let local_thread = thread::spawn(move || {
        if let Err(e) = worker(&worker_ctx, count) {
            println!("{e}");
            std::process::exit(1);
        }
    });

    // Zeroed once, like the C original's memset; then the same buffer travels.
    let mut msg = Message::with_size(size);
    println!("message size: {size} [B]");
    println!("roundtrip count: {count}");

    let watch = Instant::now();
    for _ in 0..count {
        s.send_msg(&mut msg).map_err(err("zmq_sendmsg"))?;
        s.recv(&mut msg).map_err(err("zmq_recvmsg"))?;
        if msg.len() != size {
            return Err("message of incorrect size received".to_string());
        }
    }
    let elapsed = watch.elapsed().as_micros() as u64;
    drop(msg);
    let latency = elapsed as f64 / (f64::from(count) * 2.0);
    local_thread
        .join()
        .map_err(|_| "error in pthread_join: worker panicked".to_string())?;

    println!("average latency: {latency:.3} [us]");
    Ok(())
}

/// `<message-size> <roundtrip-count>`, as in C.
fn parse(args: &[String]) -> Option<(usize, u32)> {
    match args {
        [size, count] => Some((size.parse().ok()?, count.parse().ok().filter(|&n| n > 0)?)),
        _ => None,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((size, count)) = parse(&args) else {
        println!("usage: inproc_lat <message-size> <roundtrip-count>");
        return ExitCode::from(1);
    };
    match run(size, count) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            println!("{e}");
            ExitCode::from(255)
        }
    }
}
