//! ZRE, the ZeroMQ Realtime Exchange protocol (RFC 36/ZRE) as Zyre 2.0.1
//! speaks it, on czmq-rs: a peer-to-peer node that finds peers, tracks the
//! groups they are in and whether they are alive, and passes WHISPERs (to
//! one peer) and SHOUTs (to a group).
//!
//! ```
//! use std::time::Duration;
//! use zre::{Event, Node};
//! let mut alice = Node::new("alice");
//! alice.start()?;
//! alice.join("CHAT")?;
//! let mut bob = Node::new("bob");
//! bob.start()?;
//! bob.connect(alice.endpoint().unwrap())?; // a static peer: no UDP needed
//! // bob learns of alice's group from her HELLO, then shouts to it.
//! loop {
//!     if let Event::Join { group, .. } = bob.events().recv_timeout(Duration::from_secs(5))? {
//!         assert_eq!(group, "CHAT");
//!         break;
//!     }
//! }
//! bob.shout("CHAT", [b"hi all".to_vec()])?;
//! let heard = loop {
//!     if let Event::Shout { name, content, .. } = alice.events().recv_timeout(Duration::from_secs(5))? {
//!         break (name, content);
//!     }
//! };
//! assert_eq!(heard, ("bob".to_string(), vec![b"hi all".to_vec()]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Implemented
//!
//! - [`msg`]: the ZRE message codec, byte for byte as Zyre 2.0.1's
//!   `zre_msg` (HELLO, WHISPER, SHOUT, JOIN, LEAVE, PING, PING-OK, and the
//!   ELECT, LEADER and GOODBYE it also defines), checked against frames
//!   captured from Zyre's own codec (`tests/vectors/`), a property test and
//!   a fuzz target (`fuzz/`). Malformed input is a [`msg::DecodeError`].
//! - [`beacon`]: the 22-byte ZRE UDP beacon payload, and our 23-byte form
//!   with a node-state octet (which Zyre 2.0.1 ignores: it keeps only 22- or
//!   54-byte beacons). Encode and decode only.
//! - [`Node`]: the ZRE node as an actor. One ROUTER per node, one DEALER per
//!   peer with routing id 0x01 + UUID; HELLO exchange; JOIN/LEAVE with
//!   group status counters; WHISPER and SHOUT; sequence numbers checked (a
//!   gap drops the peer); PING/PING-OK; evasive, silent and expired timers
//!   (Zyre's 5 s / 1 s / 30 s, configurable); events ENTER, EXIT, JOIN,
//!   LEAVE, WHISPER, SHOUT, EVASIVE, SILENT as [`Event`]s on a channel.
//!   On stop it sends GOODBYE, so our peers drop it at once (Zyre 2.0.1
//!   ignores GOODBYE and drops it by expiry). Peers are found by static
//!   endpoints ([`Node::add_static_peer`], a list that works alone, over tcp, ipc or inproc, retried after a peer
//!   is lost) and, when turned on with [`Node::set_beacon`], by Zyre's
//!   22-byte UDP beacon (broadcast, or multicast per czmq's
//!   `BeaconSettings`; a port-0 beacon, sent on stop, drops its node at
//!   once), or by our 23-byte beacon with its state octet, RUNNING then
//!   EXIT ([`Node::set_beacon_state`], off by default because Zyre 2.0.1
//!   drops such beacons). Interoperates with Zyre 2.0.1 by static endpoint
//!   (`tests/zyre_interop.rs`) and by beacon across network namespaces
//!   (`tests/zyre_netns.rs`).
//! - A CLI, `zre chat --name A --group g`: SHOUTs the lines of stdin to
//!   the group and prints every event, one line each (`src/bin/zre.rs`).
//! - Same-host ipc ([`Node::set_same_host_ipc`], on by default with the
//!   beacon): a node also listens at `ipc://…/zre-<UUID>.sock` (under
//!   `$XDG_RUNTIME_DIR`, else the temp dir), and reaches a peer whose
//!   beacon or HELLO comes from one of this host's addresses over that
//!   socket when it exists, else over tcp ([`Node::peer_address`] shows
//!   which). `examples/whisper_rtt.rs` compares WHISPER over both.
//! - DNS SRV discovery ([`Node::set_dns_srv`], [`dns`]): a name's SRV
//!   records, resolved to `tcp://address:port` endpoints, are said HELLO
//!   to like static peers, and looked up again every 30 s (configurable);
//!   lookups run on a helper thread with plain UDP queries, and a failure
//!   is logged and retried. Works alone, like the beacon and the static
//!   list (`zre chat --no-beacon --dns-srv NAME --dns-server ADDR`).
//! - Gossip discovery ([`Node::gossip_bind`], [`Node::gossip_connect`]),
//!   as Zyre's `zyre_gossip_bind/connect`: a ZGP node (the `gossip`
//!   crate's actor) publishes our UUID and endpoint, and every node whose
//!   tuple arrives is said HELLO to. Interoperates with Zyre's gossip
//!   either way round (`tests/zyre_interop.rs`).
//!
//! # Not implemented yet
//!
//! DNS over TCP (a truncated SRV
//! answer is an error), Zyre's `zyre_gossip_unpublish` (a gossip
//! tuple stays after its node leaves), CURVE security (Zyre's v3 beacon and
//! X-PUBLICKEY header), leader election (ELECT/LEADER are decoded and
//! ignored), Zyre's actor pipe commands for C. A static peer
//! must be given the endpoint exactly as it advertises it in HELLO.

pub mod beacon;
pub mod dns;
mod event;
pub mod msg;
mod node;
mod peer_id;

pub use event::Event;
pub use node::{
    Node, NodeError, DEFAULT_BEACON_INTERVAL, DEFAULT_DNS_INTERVAL, DEFAULT_ENDPOINT,
    DEFAULT_EVASIVE_TIMEOUT, DEFAULT_EXPIRED_TIMEOUT, DEFAULT_REAP_INTERVAL,
};
pub use peer_id::{ParsePeerIdError, PeerId};
