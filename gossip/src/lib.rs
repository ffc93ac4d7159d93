//! CZMQ's zgossip (the ZeroMQ Gossip Protocol) for Rust.
#![warn(missing_docs)]

pub mod node;
pub mod trailer;
