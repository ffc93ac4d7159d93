//! Throughput test, receiving side (libzmq's `perf/local_thr`) on zmq.rs:
//! binds a PULL socket, receives `<message-count>` messages and prints the
//! mean throughput from the first message to the last.

use std::process::ExitCode;
use std::time::Instant;

use zeromq::{PullSocket, Socket, SocketRecv};
use zmqrs_perf::{check_size, err, parse, run};

async fn local_thr(bind_to: String, size: usize, count: u32) -> Result<(), String> {
    let mut s = PullSocket::new();
    s.bind(&bind_to).await.map_err(err("zmq_bind"))?;
    // The clock starts at the first message, as in C.
    let msg = s.recv().await.map_err(err("zmq_recvmsg"))?;
    check_size(&msg, size)?;
    let watch = Instant::now();
    for _ in 1..count {
        let msg = s.recv().await.map_err(err("zmq_recvmsg"))?;
        check_size(&msg, size)?;
    }
    let elapsed = (watch.elapsed().as_micros() as u64).max(1);
    let throughput = f64::from(count) / elapsed as f64 * 1_000_000.0;
    let megabits = throughput * size as f64 * 8.0 / 1_000_000.0;
    println!("message size: {size} [B]");
    println!("message count: {count}");
    println!("mean throughput: {} [msg/s]", throughput as i64);
    println!("mean throughput: {megabits:.3} [Mb/s]");
    s.close().await;
    Ok(())
}

fn main() -> ExitCode {
    let Some((to, size, count)) = parse("local_thr", "bind-to") else {
        return ExitCode::from(1);
    };
    run(local_thr(to, size, count))
}
