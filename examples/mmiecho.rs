//! MMI lookup (Guide, chapter 4): asks the Majordomo broker whether a
//! service has workers, via the broker's own "mmi.service" service.
//!
//! `cargo run --example mmiecho [-v] [endpoint] [service]`
//!
//! Prints "Lookup echo service: 200" (found) or "...: 404" (no workers).

#[allow(dead_code)]
#[path = "mdp/mod.rs"]
mod mdp;

use czmq::Msg;
use mdp::mdcliapi::MdCli;

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let mut args = args.into_iter().filter(|a| a != "-v");
    let broker = args.next().unwrap_or_else(|| "tcp://localhost:5555".into());
    let service = args.next().unwrap_or_else(|| "echo".into());

    let mut session = MdCli::new(&broker, verbose)?;
    let mut request = Msg::new();
    request.addstr(&service);
    match session.send("mmi.service", request)? {
        Some(mut reply) => {
            let code = reply.popstr()?.unwrap_or_default();
            println!("Lookup {service} service: {code}");
        }
        None => println!("E: no response from broker, make sure it's running"),
    }
    Ok(())
}
