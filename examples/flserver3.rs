//! Freelance server, model 3 (Guide, chapter 4): a ROUTER whose identity
//! is its own endpoint, so that clients can address it by name. Answers
//! "PING" with "PONG" and every request with its sequence number and "OK".
//!
//! `cargo run --example flserver3 [-v] [bind-endpoint connect-endpoint]`
//!
//! Default: binds tcp://*:5555 and calls itself tcp://localhost:5555.

use czmq::{Msg, Sock, SocketType};

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let mut args = args.into_iter().filter(|a| a != "-v");
    let bind = args.next().unwrap_or_else(|| "tcp://*:5555".into());
    let name = args
        .next()
        .unwrap_or_else(|| bind.replace('*', "localhost"));

    let server = Sock::builder(SocketType::Router)
        .routing_id(name.as_bytes())
        .bind(&bind)?;
    println!("I: service is ready at {bind}");
    loop {
        // client identity, "PING" or sequence, body...
        let mut request = Msg::recv(&server)?;
        if verbose {
            println!("I: request {:?}", request);
        }
        let (Some(identity), Some(control)) = (request.pop(), request.pop()) else {
            continue;
        };
        let mut reply = Msg::new();
        reply.push(identity);
        if control.streq("PING") {
            reply.addstr("PONG");
        } else {
            reply.append(control);
            reply.addstr("OK");
        }
        reply.send(&server)?;
    }
}
