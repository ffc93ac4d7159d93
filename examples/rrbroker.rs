//! Request-reply broker (Guide, chapter 2): a ROUTER frontend for clients on
//! tcp://*:5559 and a DEALER backend for workers on tcp://*:5560, shuttling
//! whole multipart messages between them with `poll`. The envelopes that
//! ROUTER adds and DEALER keeps let each reply find its way back.
//!
//! `cargo run --example rrbroker [frontend] [backend]`

use czmq::{poll, Context, PollEvents, PollItem, Socket, SocketType};

/// Moves one whole message, every frame of it, from `from` to `to`.
fn forward(from: &Socket, to: &Socket) -> Result<(), czmq::Error> {
    to.send_multipart(from.recv_multipart()?)
}

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let front = args.next().unwrap_or_else(|| "tcp://*:5559".into());
    let back = args.next().unwrap_or_else(|| "tcp://*:5560".into());

    let ctx = Context::new()?;
    let frontend = ctx.socket(SocketType::Router)?;
    let backend = ctx.socket(SocketType::Dealer)?;
    frontend.bind(&front)?;
    backend.bind(&back)?;

    loop {
        let mut items = [
            PollItem::socket(&frontend, PollEvents::POLLIN),
            PollItem::socket(&backend, PollEvents::POLLIN),
        ];
        poll(&mut items, None)?;
        if items[0].is_readable() {
            forward(&frontend, &backend)?;
        }
        if items[1].is_readable() {
            forward(&backend, &frontend)?;
        }
    }
}
