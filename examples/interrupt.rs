//! Handling Ctrl-C cleanly (Guide, chapter 2): after
//! `zsys::catch_interrupts()`, SIGINT or SIGTERM makes a blocking receive
//! return `Error::Interrupted` instead of killing the process, so the server
//! can say so and close its socket and context in order.
//!
//! `cargo run --example interrupt [endpoint]`, then press Ctrl-C.

use czmq::{zsys, Context, Error, SocketType};

fn main() -> Result<(), Error> {
    let endpoint = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tcp://*:5555".into());
    zsys::catch_interrupts()?;

    let ctx = Context::new()?;
    let socket = ctx.socket(SocketType::Rep)?;
    socket.bind(&endpoint)?;

    loop {
        match socket.recv_msg() {
            Ok(_request) => {}
            Err(Error::Interrupted) => {
                println!("W: interrupt received, killing server...");
                break;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
