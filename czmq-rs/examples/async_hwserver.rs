//! The Guide's hello world server (hwserver), as a tokio program: a REP
//! socket bound to tcp://*:5555 answers "World" to every "Hello".
//!
//! ```sh
//! cargo run -p czmq-rs --features tokio --example async_hwserver -- tcp://127.0.0.1:5555 10
//! ```
//! Arguments: the endpoint to bind (default tcp://*:5555) and how many
//! requests to answer before exiting (default: forever).

use czmq::{AsyncSocket, Context, SocketType};

#[tokio::main(flavor = "current_thread")]
async fn main() -> czmq::Result<()> {
    let mut args = std::env::args().skip(1);
    let endpoint = args.next().unwrap_or_else(|| "tcp://*:5555".into());
    let limit: Option<u64> = args.next().and_then(|n| n.parse().ok());
    let ctx = Context::new()?;
    let mut responder = AsyncSocket::new(ctx.socket(SocketType::Rep)?)?;
    responder.socket().bind(&endpoint)?;
    println!("BOUND {}", responder.socket().last_endpoint()?);
    let mut answered = 0;
    while limit.is_none_or(|n| answered < n) {
        let request = responder.recv().await?;
        println!("Received {}", String::from_utf8_lossy(&request[0]));
        // Do some 'work' without blocking the runtime.
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        responder.send(["World"]).await?;
        answered += 1;
    }
    Ok(())
}
