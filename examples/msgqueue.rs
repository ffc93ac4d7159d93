//! Message queue broker (Guide, chapter 2): the same job as `rrbroker`, a
//! ROUTER frontend on tcp://*:5559 and a DEALER backend on tcp://*:5560, done
//! by libzmq's built-in `proxy`.
//!
//! `cargo run --example msgqueue [frontend] [backend]`

use czmq::{proxy, Context, SocketType};

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let front = args.next().unwrap_or_else(|| "tcp://*:5559".into());
    let back = args.next().unwrap_or_else(|| "tcp://*:5560".into());

    let ctx = Context::new()?;
    // Socket facing clients
    let frontend = ctx.socket(SocketType::Router)?;
    frontend.bind(&front)?;
    // Socket facing services
    let backend = ctx.socket(SocketType::Dealer)?;
    backend.bind(&back)?;

    // Start the proxy: it runs until the context is shut down.
    proxy(&frontend, &backend, None)
}
