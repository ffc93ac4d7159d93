//! Freelance server, model 1 (Guide, chapter 4): a plain REP echo service.
//! Start several; `flclient1` finds one that is alive.
//!
//! `cargo run --example flserver1 <endpoint>` (e.g. tcp://*:5555)

use czmq::Sock;

fn main() -> Result<(), czmq::Error> {
    let Some(endpoint) = std::env::args().nth(1) else {
        println!("I: syntax: flserver1 <endpoint>");
        return Ok(());
    };
    let server = Sock::new_rep(Some(&endpoint))?;
    println!("I: echo service is ready at {endpoint}");
    loop {
        let msg = server.recv_parts()?;
        server.send_parts(&msg)?; // echo
    }
}
