//! Majordomo worker (Guide, chapter 4): offers the "echo" service to the
//! broker and sends every request back as its reply.
//!
//! `cargo run --example mdworker [-v] [endpoint] [service]`

#[allow(dead_code)]
#[path = "mdp/mod.rs"]
mod mdp;

use mdp::mdwrkapi::MdWrk;

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let mut args = args.into_iter().filter(|a| a != "-v");
    let broker = args.next().unwrap_or_else(|| "tcp://localhost:5555".into());
    let service = args.next().unwrap_or_else(|| "echo".into());

    let mut session = MdWrk::new(&broker, &service, verbose)?;
    let mut reply = None;
    loop {
        let request = session.recv(reply.take())?;
        reply = Some(request); // echo is complex... :-)
    }
}
