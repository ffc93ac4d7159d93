//! Latency test, echoing side: the Rust port of libzmq's `perf/local_lat`.
//!
//! Binds a REP socket and sends each of `<roundtrip-count>` messages of
//! `<message-size>` bytes straight back, reusing one [`Message`] for the
//! whole run, as the C original does. `remote_lat` measures and prints:
//!
//! ```text
//! cargo run --release -p czmq-rs --example local_lat -- tcp://127.0.0.1:5555 1 10000
//! cargo run --release -p czmq-rs --example remote_lat -- tcp://127.0.0.1:5555 1 10000
//! ```

use std::process::ExitCode;
use std::time::Duration;

use czmq::{Context, ContextOption, Message, SocketType};

/// Formats a libzmq failure the way the C original reports it.
fn err(call: &'static str) -> impl Fn(czmq::Error) -> String {
    move |e| format!("error in {call}: {e}")
}

fn run(bind_to: &str, size: usize, count: u32) -> Result<(), String> {
    let ctx = Context::new().map_err(err("zmq_init"))?;
    // zmq_init's contexts are blocky (sockets linger until flushed); keep that.
    ctx.set(ContextOption::Blocky, 1).map_err(err("zmq_init"))?;
    let s = ctx.socket(SocketType::Rep).map_err(err("zmq_socket"))?;
    s.bind(bind_to).map_err(err("zmq_bind"))?;

    let mut msg = Message::new();
    for _ in 0..count {
        s.recv(&mut msg).map_err(err("zmq_recvmsg"))?;
        if msg.len() != size {
            return Err("message of incorrect size received".to_string());
        }
        // Sends the received content back without copying; msg becomes empty
        // and is refilled by the next recv.
        s.send_msg(&mut msg).map_err(err("zmq_sendmsg"))?;
    }
    // Like C: give the last reply time to leave before the socket closes.
    std::thread::sleep(Duration::from_secs(1));
    Ok(())
}

/// `<bind-to> <message-size> <roundtrip-count>`, as in C.
fn parse(args: &[String]) -> Option<(&str, usize, u32)> {
    match args {
        [to, size, count] => Some((to, size.parse().ok()?, count.parse().ok()?)),
        _ => None,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((bind_to, size, count)) = parse(&args) else {
        println!("usage: local_lat <bind-to> <message-size> <roundtrip-count>");
        return ExitCode::from(1);
    };
    match run(bind_to, size, count) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            println!("{e}");
            ExitCode::from(255)
        }
    }
}
