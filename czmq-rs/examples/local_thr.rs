//! Throughput test, receiving side: the Rust port of libzmq's `perf/local_thr`.
//!
//! Binds a PULL socket, receives `<message-count>` messages of
//! `<message-size>` bytes into one reused [`Message`], and prints the mean
//! throughput measured from the first message to the last, in the C
//! original's format. Pair it with `remote_thr` (Rust or C):
//!
//! ```text
//! cargo run --release -p czmq-rs --example local_thr -- tcp://127.0.0.1:5555 1 1000000
//! cargo run --release -p czmq-rs --example remote_thr -- tcp://127.0.0.1:5555 1 1000000
//! ```
//!
//! A non-zero fourth argument enables CURVE with the same fixed keys as C.

use std::process::ExitCode;
use std::time::Instant;

use czmq::{Context, ContextOption, Message, Socket, SocketType};

/// Must match remote_thr's `SERVER_PUBLIC` (the C originals' test keys).
const SERVER_SECRET: &[u8] = b"{X}#>t#jRGaQ}gMhv=30r(Mw+87YGs+5%kh=i@f8";

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

fn run(bind_to: &str, size: usize, count: u32, curve: bool) -> Result<(), String> {
    let ctx = Context::new().map_err(err("zmq_init"))?;
    // zmq_init's contexts are blocky (sockets linger until flushed); keep that.
    ctx.set(ContextOption::Blocky, 1).map_err(err("zmq_init"))?;
    let s = ctx.socket(SocketType::Pull).map_err(err("zmq_socket"))?;
    if curve {
        s.set_curve_secretkey(SERVER_SECRET)
            .map_err(err("zmq_setsockopt"))?;
        s.set_curve_server(true).map_err(err("zmq_setsockopt"))?;
    }
    s.bind(bind_to).map_err(err("zmq_bind"))?;

    let mut msg = Message::new();
    // The clock starts at the first message, so connection setup is not timed.
    recv_one(&s, &mut msg, size)?;
    let watch = Instant::now();
    for _ in 1..count {
        recv_one(&s, &mut msg, size)?;
    }
    let elapsed = (watch.elapsed().as_micros() as u64).max(1);

    let throughput = count as f64 / elapsed as f64 * 1_000_000.0;
    let megabits = throughput * size as f64 * 8.0 / 1_000_000.0;
    println!("message size: {size} [B]");
    println!("message count: {count}");
    println!("mean throughput: {} [msg/s]", throughput as i64);
    println!("mean throughput: {megabits:.3} [Mb/s]");
    Ok(())
}

/// `<bind-to> <message-size> <message-count> [<enable_curve>]`, as in C.
fn parse(args: &[String]) -> Option<(&str, usize, u32, bool)> {
    match args {
        [to, size, count, curve @ ..] if curve.len() <= 1 => Some((
            to,
            size.parse().ok()?,
            count.parse().ok().filter(|&n| n > 0)?,
            curve.first().is_some_and(|c| c.parse() != Ok(0)),
        )),
        _ => None,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((bind_to, size, count, curve)) = parse(&args) else {
        println!("usage: local_thr <bind-to> <message-size> <message-count> [<enable_curve>]");
        return ExitCode::from(1);
    };
    match run(bind_to, size, count, curve) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            println!("{e}");
            ExitCode::from(255)
        }
    }
}
