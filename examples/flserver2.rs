//! Freelance server, model 2 (Guide, chapter 4): a REP service that answers
//! each request (sequence number, body) with its sequence number and "OK",
//! so that the client can match replies to requests.
//!
//! `cargo run --example flserver2 <endpoint>` (e.g. tcp://*:5555)

use czmq::Sock;

fn main() -> Result<(), czmq::Error> {
    let Some(endpoint) = std::env::args().nth(1) else {
        println!("I: syntax: flserver2 <endpoint>");
        return Ok(());
    };
    let server = Sock::new_rep(Some(&endpoint))?;
    println!("I: service is ready at {endpoint}");
    loop {
        let request = server.recv_parts()?;
        match request.as_slice() {
            [sequence, _body] => server.send_parts(&[sequence.data(), b"OK"])?,
            // Not a model 2 client: answer something, REP must reply.
            _ => server.send_parts(&[&b"?"[..], b"bad request"])?,
        }
    }
}
