//! Throughput test, sending side: the Rust port of libzmq's `perf/remote_thr`.
//!
//! Connects a PUSH socket and sends `<message-count>` messages of
//! `<message-size>` bytes as fast as libzmq takes them, then waits until all
//! are flushed. Like the C original it never touches the message bytes, so
//! the cost measured is libzmq's, not a memset's. Pair it with `local_thr`:
//!
//! ```text
//! cargo run --release -p czmq-rs --example remote_thr -- tcp://127.0.0.1:5555 1 1000000
//! ```
//!
//! A non-zero fourth argument enables CURVE with the same fixed keys as C.

use std::process::ExitCode;

use czmq::{Context, ContextOption, Message, SocketType};

/// The C originals' fixed test keys (local_thr holds the server's secret).
const SERVER_PUBLIC: &[u8] = b"DX4nh=yUn{-9ugra0X3Src4SU-4xTgqxcYY.+<SH";
const CLIENT_PUBLIC: &[u8] = b"<n^oA}I:66W+*ds3tAmi1+KJzv-}k&fC2aA5Bj0K";
const CLIENT_SECRET: &[u8] = b"9R9bV}[6z6DC-%$!jTVTKvWc=LEL{4i4gzUe$@Zx";

/// Formats a libzmq failure the way the C original reports it.
fn err(call: &'static str) -> impl Fn(czmq::Error) -> String {
    move |e| format!("error in {call}: {e}")
}

fn run(connect_to: &str, size: usize, count: u32, curve: bool) -> Result<(), String> {
    let ctx = Context::new().map_err(err("zmq_init"))?;
    // zmq_init's contexts are blocky: dropping the context at the end waits
    // until every queued message has been written, as the C original does.
    ctx.set(ContextOption::Blocky, 1).map_err(err("zmq_init"))?;
    let s = ctx.socket(SocketType::Push).map_err(err("zmq_socket"))?;
    if curve {
        s.set_curve_secretkey(CLIENT_SECRET)
            .map_err(err("zmq_setsockopt"))?;
        s.set_curve_publickey(CLIENT_PUBLIC)
            .map_err(err("zmq_setsockopt"))?;
        s.set_curve_serverkey(SERVER_PUBLIC)
            .map_err(err("zmq_setsockopt"))?;
    }
    s.connect(connect_to).map_err(err("zmq_connect"))?;

    // One message reused in place, as C reuses its zmq_msg_t: send_msg
    // leaves it empty, and reset_uninit gives it fresh, untouched bytes.
    let mut msg = Message::new();
    for _ in 0..count {
        // SAFETY: the bytes are only sent, never read: libzmq copies them to
        // the kernel as opaque memory and local_thr checks only the size.
        unsafe { msg.reset_uninit(size) };
        s.send_msg(&mut msg).map_err(err("zmq_sendmsg"))?;
    }
    Ok(())
}

/// `<connect-to> <message-size> <message-count> [<enable_curve>]`, as in C.
fn parse(args: &[String]) -> Option<(&str, usize, u32, bool)> {
    match args {
        [to, size, count, curve @ ..] if curve.len() <= 1 => Some((
            to,
            size.parse().ok()?,
            count.parse().ok()?,
            curve.first().is_some_and(|c| c.parse() != Ok(0)),
        )),
        _ => None,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((connect_to, size, count, curve)) = parse(&args) else {
        println!("usage: remote_thr <connect-to> <message-size> <message-count> [<enable_curve>]");
        return ExitCode::from(1);
    };
    match run(connect_to, size, count, curve) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            println!("{e}");
            ExitCode::from(255)
        }
    }
}
