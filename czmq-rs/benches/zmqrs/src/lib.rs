//! libzmq's perf tools over zmq.rs (the pure-Rust `zeromq` crate) on a
//! current-thread tokio runtime, with the C originals' arguments and output,
//! so `czmq-rs/benches/async-vs-zmqrs.sh` runs them exactly as it runs our
//! blocking ports (`czmq-rs/examples/{local,remote}_{thr,lat}.rs`) and our
//! `AsyncSocket` tools (`czmq-rs/examples/async_perf.rs`).
//!
//! Same socket types as ours: PUSH/PULL for throughput, REQ/REP for latency.
//! zmq.rs moves `ZmqMessage`s (a queue of `bytes::Bytes` frames) by value,
//! so the senders send a clone of one preallocated zeroed message (a new
//! frame queue, the bytes shared by reference count, never copied).

use std::future::Future;
use std::process::ExitCode;

use zeromq::ZmqMessage;

/// `<endpoint> <message-size> <message-count>`, as in C; prints usage and
/// returns `None` on anything else.
pub fn parse(tool: &str, what: &str) -> Option<(String, usize, u32)> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args.as_slice() {
        [to, size, count] => match (size.parse(), count.parse::<u32>()) {
            (Ok(size), Ok(count)) if count > 0 => Some((to.clone(), size, count)),
            _ => None,
        },
        _ => None,
    };
    if parsed.is_none() {
        println!(
            "usage: {tool} <{what}> <message-size> <{}-count>",
            if tool.ends_with("lat") {
                "roundtrip"
            } else {
                "message"
            }
        );
    }
    parsed
}

/// Runs `body` on a current-thread tokio runtime (as async_perf does) and
/// turns its error into the C originals' exit status.
pub fn run<F: Future<Output = Result<(), String>>>(body: F) -> ExitCode {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    match runtime.block_on(body) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            println!("{e}");
            ExitCode::from(255)
        }
    }
}

/// Formats a failure the way the C originals report one.
pub fn err<E: std::fmt::Display>(call: &'static str) -> impl Fn(E) -> String {
    move |e| format!("error in {call}: {e}")
}

/// C's check: one frame of exactly `size` bytes.
#[inline(always)]
pub fn check_size(msg: &ZmqMessage, size: usize) -> Result<(), String> {
    match msg.get(0) {
        Some(frame) if msg.len() == 1 && frame.len() == size => Ok(()),
        _ => Err(wrong_size()),
    }
}

#[cold]
fn wrong_size() -> String {
    "message of incorrect size received".to_string()
}
