//! The Guide's hello world client (hwclient), as a tokio program: a REQ
//! socket sends "Hello" ten times and prints each "World".
//!
//! ```sh
//! cargo run -p czmq-rs --features tokio --example async_hwclient -- tcp://127.0.0.1:5555
//! ```

use czmq::{AsyncSocket, Context, SocketType};

#[tokio::main(flavor = "current_thread")]
async fn main() -> czmq::Result<()> {
    let endpoint = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tcp://localhost:5555".into());
    let ctx = Context::new()?;
    let mut requester = AsyncSocket::new(ctx.socket(SocketType::Req)?)?;
    requester.socket().connect(&endpoint)?;
    for request in 0..10 {
        println!("Sending Hello {request}...");
        requester.send(["Hello"]).await?;
        let reply = requester.recv().await?;
        println!("Received {} {request}", String::from_utf8_lossy(&reply[0]));
    }
    Ok(())
}
