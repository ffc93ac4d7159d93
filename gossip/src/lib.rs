//! CZMQ's gossip protocol (ZGP, `zgossip`) for Rust, wire-compatible with
//! CZMQ 4.2.
//!
//! ZGP spreads key/value tuples between nodes: each node serves a ROUTER and
//! connects DEALERs to other nodes; every new or changed tuple is forwarded
//! to every peer. This crate holds:
//!
//! * [`msg`]: the codec, the bytes of each ZGP message exactly as CZMQ's
//!   `zgossip_msg` writes and reads them.
//! * [`node`]: a node's logic (tuple store, sessions, remotes) as a pure state
//!   machine, with what we do beyond CZMQ: versions, ttl, deletion, no echo.
//! * [`plumtree`]: eager/lazy push among our nodes (a spanning tree instead
//!   of flooding), with its IHAVE/PRUNE/GRAFT messages in [`msg`].
//! * [`trailer`]: our stamp trailer after PUBLISH bodies, which CZMQ ignores.
//! * [`Gossip`]: the node as an actor with CZMQ's pipe commands, and the
//!   `zgossip` command-line node.
//!
//! ```
//! use gossip::msg::ZgpMessage;
//! assert_eq!(ZgpMessage::Hello.encode()?, [0xaa, 0xa0, 0x01, 0x01]);
//! # Ok::<(), gossip::msg::EncodeError>(())
//! ```
#![warn(missing_docs)]

mod actor;
pub mod discovery;
pub mod msg;
pub mod node;
pub mod plumtree;
pub mod security;
#[cfg(all(feature = "tokio", unix))]
mod stream;
pub mod trailer;

pub use actor::{parse_delivery, zgossip_actor, Delivery, Gossip, GossipStats};
#[cfg(all(feature = "tokio", unix))]
pub use stream::Deliveries;
