//! Titanic client (Guide, chapter 4): hands an "echo" request to Titanic,
//! then comes back for the reply until it is there, and closes it.
//!
//! `cargo run --example ticlient [-v] [broker]`

#[allow(dead_code)]
#[path = "mdp/mod.rs"]
mod mdp;

use std::time::Duration;

use czmq::{zclock, Msg};
use mdp::mdcliapi::MdCli;

/// Calls a Titanic service: its reply after the status on 200, None on 300
/// (pending); exits on errors, as the Guide's client does.
fn call(session: &mut MdCli, service: &str, request: Msg) -> Result<Option<Msg>, czmq::Error> {
    let Some(mut reply) = session.send(service, request)? else {
        println!("E: no response from {service}, aborting");
        std::process::exit(1);
    };
    match reply.popstr()?.as_deref() {
        Some("200") => Ok(Some(reply)),
        Some("300") => Ok(None),
        Some("400") => {
            println!("E: client fatal error, aborting");
            std::process::exit(1);
        }
        _ => {
            println!("E: server fatal error, aborting");
            std::process::exit(1);
        }
    }
}

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let broker = args
        .into_iter()
        .find(|a| a != "-v")
        .unwrap_or_else(|| "tcp://localhost:5555".into());
    let mut session = MdCli::new(&broker, verbose)?;

    // 1. Ask Titanic to take an echo request.
    let mut request = Msg::new();
    request.addstr("echo");
    request.addstr("Hello world");
    let uuid = match call(&mut session, "titanic.request", request)? {
        Some(mut reply) => reply.popstr()?.unwrap_or_default(),
        None => String::new(),
    };
    println!("I: request UUID {uuid}");

    // 2. Come back for the reply.
    loop {
        zclock::sleep(Duration::from_millis(100));
        let mut ask = Msg::new();
        ask.addstr(&uuid);
        if let Some(mut reply) = call(&mut session, "titanic.reply", ask)? {
            println!("Reply: {}", reply.popstr()?.unwrap_or_default());
            // 3. Done with it.
            let mut close = Msg::new();
            close.addstr(&uuid);
            call(&mut session, "titanic.close", close)?;
            return Ok(());
        }
        println!("I: no reply yet, trying again...");
        zclock::sleep(Duration::from_secs(5)); // try again in 5 seconds
    }
}
