//! Throughput test, sending side (libzmq's `perf/remote_thr`) on zmq.rs:
//! connects a PUSH socket and sends `<message-count>` messages of
//! `<message-size>` bytes.

use std::process::ExitCode;

use zeromq::{PushSocket, Socket, SocketSend, ZmqMessage};
use zmqrs_perf::{err, parse, run};

async fn remote_thr(connect_to: String, size: usize, count: u32) -> Result<(), String> {
    let mut s = PushSocket::new();
    s.connect(&connect_to).await.map_err(err("zmq_connect"))?;
    // One zeroed buffer; each message is a clone of it (a new frame queue
    // holding a reference-counted handle to the same bytes, no copy).
    let payload = ZmqMessage::from(vec![0u8; size]);
    for _ in 0..count {
        s.send(payload.clone()).await.map_err(err("zmq_sendmsg"))?;
    }
    // zmq.rs has no linger: close waits for the peer tasks to wind down, and
    // local_thr counts every message, so a lost tail shows as a failed run.
    s.close().await;
    Ok(())
}

fn main() -> ExitCode {
    let Some((to, size, count)) = parse("remote_thr", "connect-to") else {
        return ExitCode::from(1);
    };
    run(remote_thr(to, size, count))
}
