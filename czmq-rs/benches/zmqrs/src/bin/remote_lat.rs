//! Latency test, measuring side (libzmq's `perf/remote_lat`) on zmq.rs:
//! connects a REQ socket, bounces one zeroed message of `<message-size>`
//! bytes `<roundtrip-count>` times and prints half the mean round trip.

use std::process::ExitCode;
use std::time::Instant;

use zeromq::{ReqSocket, Socket, SocketRecv, SocketSend, ZmqMessage};
use zmqrs_perf::{check_size, err, parse, run};

async fn remote_lat(connect_to: String, size: usize, count: u32) -> Result<(), String> {
    let mut s = ReqSocket::new();
    s.connect(&connect_to).await.map_err(err("zmq_connect"))?;
    // Zeroed once, like C's memset; then the reply travels back out.
    let mut msg = ZmqMessage::from(vec![0u8; size]);
    let watch = Instant::now();
    for _ in 0..count {
        s.send(msg).await.map_err(err("zmq_sendmsg"))?;
        msg = s.recv().await.map_err(err("zmq_recvmsg"))?;
        check_size(&msg, size)?;
    }
    let elapsed = watch.elapsed().as_micros() as u64;
    let latency = elapsed as f64 / (f64::from(count) * 2.0);
    println!("message size: {size} [B]");
    println!("roundtrip count: {count}");
    println!("average latency: {latency:.3} [us]");
    s.close().await;
    Ok(())
}

fn main() -> ExitCode {
    let Some((to, size, count)) = parse("remote_lat", "connect-to") else {
        return ExitCode::from(1);
    };
    run(remote_lat(to, size, count))
}
