//! Latency test, echoing side (libzmq's `perf/local_lat`) on zmq.rs: binds a
//! REP socket and sends each of `<roundtrip-count>` messages straight back.

use std::process::ExitCode;
use std::time::Duration;

use zeromq::{RepSocket, Socket, SocketRecv, SocketSend};
use zmqrs_perf::{check_size, err, parse, run};

async fn local_lat(bind_to: String, size: usize, count: u32) -> Result<(), String> {
    let mut s = RepSocket::new();
    s.bind(&bind_to).await.map_err(err("zmq_bind"))?;
    for _ in 0..count {
        let msg = s.recv().await.map_err(err("zmq_recvmsg"))?;
        check_size(&msg, size)?;
        // The received message goes back as it is (moved, not copied).
        s.send(msg).await.map_err(err("zmq_sendmsg"))?;
    }
    // As C: give the last reply time to leave before the socket closes.
    tokio::time::sleep(Duration::from_secs(1)).await;
    s.close().await;
    Ok(())
}

fn main() -> ExitCode {
    let Some((to, size, count)) = parse("local_lat", "bind-to") else {
        return ExitCode::from(1);
    };
    run(local_lat(to, size, count))
}
