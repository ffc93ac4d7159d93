//! Majordomo Protocol MDP/0.1 (rfc.zeromq.org spec 7): the frames shared by
//! the broker, the client API and the worker API of the Guide's chapter 4.
//!
//! Each example includes this with `#[path = "mdp/mod.rs"] mod mdp;` and
//! uses the part it needs.

pub mod mdcliapi;
pub mod mdcliapi2;
pub mod mdwrkapi;

use std::time::Duration;

/// Header of every client message: the protocol and its version.
pub const MDPC_CLIENT: &str = "MDPC01";
/// Header of every worker message.
pub const MDPW_WORKER: &str = "MDPW01";

/// Worker commands, each one byte.
pub const MDPW_READY: u8 = 0x01;
pub const MDPW_REQUEST: u8 = 0x02;
pub const MDPW_REPLY: u8 = 0x03;
pub const MDPW_HEARTBEAT: u8 = 0x04;
pub const MDPW_DISCONNECT: u8 = 0x05;

/// Heartbeats go both ways this often; a peer silent for `HEARTBEAT_LIVENESS`
/// intervals is taken for dead.
pub const HEARTBEAT_INTERVAL: Duration = Duration::from_millis(2500);
pub const HEARTBEAT_LIVENESS: u32 = 3;

/// The command's name, for verbose traces.
pub fn command_name(command: &[u8]) -> &'static str {
    match command {
        [MDPW_READY] => "READY",
        [MDPW_REQUEST] => "REQUEST",
        [MDPW_REPLY] => "REPLY",
        [MDPW_HEARTBEAT] => "HEARTBEAT",
        [MDPW_DISCONNECT] => "DISCONNECT",
        _ => "UNKNOWN",
    }
}

/// Prints a message frame by frame, text as text and binary as hex (the
/// Guide's zmsg_dump), for the `-v` traces.
pub fn dump(label: &str, msg: &czmq::Msg) {
    println!("I: {label}");
    for frame in msg {
        match frame.as_str() {
            Some(text) if text.chars().all(|c| !c.is_control()) => {
                println!("[{:03}] {text}", frame.size())
            }
            _ => println!("[{:03}] {}", frame.size(), frame.strhex()),
        }
    }
}
