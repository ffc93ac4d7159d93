//! In-process throughput test: the Rust port of libzmq's `perf/inproc_thr`.
//!
//! A worker thread PUSHes `<message-count>` messages of `<message-size>`
//! bytes over `inproc://` to a PULL socket in the main thread, which times
//! them from the first to the last and prints the mean throughput in the C
//! original's format:
//!
//! ```text
//! cargo run --release -p czmq-rs --example inproc_thr -- 1 1000000
//! ```

use std::process::ExitCode;
use std::thread;
use std::time::Instant;

use czmq::{Context, ContextOption, Message, Socket, SocketType};

const ENDPOINT: &str = "inproc://thr_test";

/// Formats a libzmq failure the way the C original reports it.
fn err(call: &'static str) -> impl Fn(czmq::Error) -> String {
    move |e| format!("error in {call}: {e}")
}

/// One receive into the reused message, then C's size check. Always inlined,
/// so the timed loop is as tight as the C original's (a closure called from
/// two places was not inlined and cost about 20 instructions per message).
#[inline(always)]
fn recv_one(s: &Socket, msg: &mut Message, size: usize) -> Result<(), String> {
    s.recv(msg).map_err(err("zmq_recvmsg"))?;
    if msg.len() != size {
        return Err(wrong_size());
    }
    Ok(())
}

/// The C original's complaint, built only when it happens.
#[cold]
fn wrong_size() -> String {
    "message of incorrect size received".to_string()
}

/// The sending thread: its own PUSH socket in the shared context.
fn worker(ctx: &Context, size: usize, count: u32) -> Result<(), String> {
    let s = ctx.socket(SocketType::Push).map_err(err("zmq_socket"))?;
    s.connect(ENDPOINT).map_err(err("zmq_connect"))?;
    // One message reused in place, as C reuses its zmq_msg_t: send_msg
    // leaves it empty, and reset_uninit gives it fresh, untouched bytes.
    let mut msg = Message::new();
    for _ in 0..count {
        // SAFETY: nobody reads the bytes: the receiving loop in run() (the
        // only peer of this endpoint) looks at each message's size only.
        unsafe { msg.reset_uninit(size) };
        s.send_msg(&mut msg).map_err(err("zmq_sendmsg"))?;
    }
    Ok(())
}

fn run(size: usize, count: u32) -> Result<(), String> {
    let ctx = Context::new().map_err(err("zmq_init"))?;
    // zmq_init's contexts are blocky (sockets linger until flushed); keep that.
    ctx.set(ContextOption::Blocky, 1).map_err(err("zmq_init"))?;
    let s = ctx.socket(SocketType::Pull).map_err(err("zmq_socket"))?;
    s.bind(ENDPOINT).map_err(err("zmq_bind"))?;

    let worker_ctx = ctx.clone();
    let local_thread = thread::spawn(move || {
        if let Err(e) = worker(&worker_ctx, size, count) {
            println!("{e}");
            std::process::exit(1);
        }
    });

    println!("message size: {size} [B]");
    println!("message count: {count}");

    let mut msg = Message::new();
    // The clock starts at the first message, so thread start-up is not timed.
    recv_one(&s, &mut msg, size)?;
    let watch = Instant::now();
    for _ in 1..count {
        recv_one(&s, &mut msg, size)?;
    }
    let elapsed = (watch.elapsed().as_micros() as u64).max(1);
    drop(msg);
    local_thread
        .join()
        .map_err(|_| "error in pthread_join: worker panicked".to_string())?;

    // Integer msg/s first, as C computes it, then Mb/s from that integer.
    let throughput = (f64::from(count) / elapsed as f64 * 1_000_000.0) as u64;
    let megabits = (throughput * size as u64 * 8) as f64 / 1_000_000.0;
    println!("mean throughput: {throughput} [msg/s]");
    println!("mean throughput: {megabits:.3} [Mb/s]");
    Ok(())
}

/// `<message-size> <message-count>`, as in C.
fn parse(args: &[String]) -> Option<(usize, u32)> {
    match args {
        [size, count] => Some((size.parse().ok()?, count.parse().ok().filter(|&n| n > 0)?)),
        _ => None,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((size, count)) = parse(&args) else {
        println!("usage: inproc_thr <message-size> <message-count>");
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
