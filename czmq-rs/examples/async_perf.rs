//! libzmq's perf tools (`local_thr`, `remote_thr`, `local_lat`,
//! `remote_lat`) over [`AsyncSocket`]'s frame-level `recv_frame`/`send_frame`
//! (one reused message, as the blocking tools) on a current-thread tokio runtime, with
//! the C originals' arguments and output, so `benches/async-vs-blocking.sh`
//! can run them against the blocking ports in the same way:
//!
//! ```text
//! cargo run --release -p czmq-rs --features tokio --example async_perf -- local_thr tcp://127.0.0.1:5555 1 1000000
//! cargo run --release -p czmq-rs --features tokio --example async_perf -- remote_thr tcp://127.0.0.1:5555 1 1000000
//! ```

use std::process::ExitCode;
use std::time::{Duration, Instant};

use czmq::{AsyncSocket, Context, ContextOption, Message, SocketType};

/// Formats a failure the way the C originals report one.
fn err(call: &'static str) -> impl Fn(czmq::Error) -> String {
    move |e| format!("error in {call}: {e}")
}

/// A socket of `kind` on a blocky context (as zmq_init's), made async.
fn socket(ctx: &Context, kind: SocketType) -> Result<AsyncSocket, String> {
    let s = ctx.socket(kind).map_err(err("zmq_socket"))?;
    AsyncSocket::new(s).map_err(err("AsyncSocket::new"))
}

fn check_size(msg: &Message, size: usize) -> Result<(), String> {
    if msg.len() != size || msg.more() {
        return Err("message of incorrect size received".to_string());
    }
    Ok(())
}

async fn local_thr(ctx: &Context, to: &str, size: usize, count: u32) -> Result<(), String> {
    let mut s = socket(ctx, SocketType::Pull)?;
    s.socket().bind(to).map_err(err("zmq_bind"))?;
    // One message reused for every frame, as the blocking tools do.
    let mut msg = Message::new();
    // The clock starts at the first message, as in C.
    s.recv_frame(&mut msg).await.map_err(err("zmq_recvmsg"))?;
    check_size(&msg, size)?;
    let watch = Instant::now();
    for _ in 1..count {
        s.recv_frame(&mut msg).await.map_err(err("zmq_recvmsg"))?;
        check_size(&msg, size)?;
    }
    let elapsed = (watch.elapsed().as_micros() as u64).max(1);
    let throughput = f64::from(count) / elapsed as f64 * 1_000_000.0;
    let megabits = throughput * size as f64 * 8.0 / 1_000_000.0;
    println!("message size: {size} [B]");
    println!("message count: {count}");
    println!("mean throughput: {} [msg/s]", throughput as i64);
    println!("mean throughput: {megabits:.3} [Mb/s]");
    Ok(())
}

async fn remote_thr(ctx: &Context, to: &str, size: usize, count: u32) -> Result<(), String> {
    let mut s = socket(ctx, SocketType::Push)?;
    s.socket().connect(to).map_err(err("zmq_connect"))?;
    for _ in 0..count {
        let mut msg = Message::with_size(size);
        s.send_frame(&mut msg, false)
            .await
            .map_err(err("zmq_sendmsg"))?;
    }
    Ok(())
}

async fn local_lat(ctx: &Context, to: &str, size: usize, count: u32) -> Result<(), String> {
    let mut s = socket(ctx, SocketType::Rep)?;
    s.socket().bind(to).map_err(err("zmq_bind"))?;
    let mut msg = Message::new();
    for _ in 0..count {
        s.recv_frame(&mut msg).await.map_err(err("zmq_recvmsg"))?;
        check_size(&msg, size)?;
        // Sends the received content back without copying; msg becomes
        // empty and is refilled by the next recv.
        s.send_frame(&mut msg, false)
            .await
            .map_err(err("zmq_sendmsg"))?;
    }
    // As C: give the last reply time to leave before the socket closes.
    tokio::time::sleep(Duration::from_secs(1)).await;
    Ok(())
}

async fn remote_lat(ctx: &Context, to: &str, size: usize, count: u32) -> Result<(), String> {
    let mut s = socket(ctx, SocketType::Req)?;
    s.socket().connect(to).map_err(err("zmq_connect"))?;
    let mut msg = Message::with_size(size);
    let watch = Instant::now();
    for _ in 0..count {
        s.send_frame(&mut msg, false)
            .await
            .map_err(err("zmq_sendmsg"))?;
        s.recv_frame(&mut msg).await.map_err(err("zmq_recvmsg"))?;
        check_size(&msg, size)?;
    }
    let elapsed = watch.elapsed().as_micros() as u64;
    let latency = elapsed as f64 / (f64::from(count) * 2.0);
    println!("message size: {size} [B]");
    println!("roundtrip count: {count}");
    println!("average latency: {latency:.3} [us]");
    Ok(())
}

async fn run(tool: &str, to: &str, size: usize, count: u32) -> Result<(), String> {
    let ctx = Context::new().map_err(err("zmq_init"))?;
    ctx.set(ContextOption::Blocky, 1).map_err(err("zmq_init"))?;
    match tool {
        "local_thr" => local_thr(&ctx, to, size, count).await,
        "remote_thr" => remote_thr(&ctx, to, size, count).await,
        "local_lat" => local_lat(&ctx, to, size, count).await,
        "remote_lat" => remote_lat(&ctx, to, size, count).await,
        other => Err(format!("unknown tool {other}")),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [tool, to, size, count] = args.as_slice() else {
        println!(
            "usage: async_perf local_thr|remote_thr|local_lat|remote_lat <endpoint> <size> <count>"
        );
        return ExitCode::from(1);
    };
    let (Ok(size), Ok(count)) = (size.parse(), count.parse::<u32>()) else {
        println!("bad size or count");
        return ExitCode::from(1);
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    match runtime.block_on(run(tool, to, size, count.max(1))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            println!("{e}");
            ExitCode::from(255)
        }
    }
}
