//! ZRE, the ZeroMQ Realtime Exchange protocol (RFC 36/ZRE) as Zyre 2.0.1
//! speaks it, on czmq-rs: a peer-to-peer node that finds peers, tracks the
//! groups they are in and whether they are alive, and passes WHISPERs (to
//! one peer) and SHOUTs (to a group).
//!
//! ```
//! use std::time::Duration;
//! use zre::{Event, Node};
//! let mut alice = Node::new("alice")?;
//! alice.start()?;
//! alice.join("CHAT")?;
//! let mut bob = Node::new("bob")?;
//! bob.start()?;
//! bob.connect(alice.endpoint().unwrap())?; // a static peer: no UDP needed
//! // bob learns of alice's group from her HELLO, then shouts to it.
//! loop {
//!     if let Event::Join { group, .. } = bob.recv_event_timeout(Duration::from_secs(5))? {
//!         assert_eq!(group, "CHAT");
//!         break;
//!     }
//! }
//! bob.shout("CHAT", [b"hi all".to_vec()])?;
//! let heard = loop {
//!     if let Event::Shout { name, content, .. } = alice.recv_event_timeout(Duration::from_secs(5))? {
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
//! - [`beacon`]: the 22-byte ZRE UDP beacon payload, Zyre's 54-byte secure
//!   form (version 3, with the node's CURVE public key), and ours with a
//!   node-state octet after either (23 or 55 bytes, which Zyre 2.0.1
//!   ignores: it keeps only 22- or 54-byte beacons). Encode and decode
//!   only; the fuzz target covers the decoder.
//! - [`Node`]: the ZRE node as an actor ([`node_actor`]) that speaks
//!   Zyre's pipe protocol (below), and a thin Rust handle over it. One
//!   ROUTER per node, one DEALER per
//!   peer with routing id 0x01 + UUID; HELLO exchange; JOIN/LEAVE with
//!   group status counters; WHISPER and SHOUT; sequence numbers checked (a
//!   gap drops the peer); PING/PING-OK; evasive, silent and expired timers
//!   (Zyre's 5 s / 1 s / 30 s, configurable); events ENTER, EXIT, JOIN,
//!   LEAVE, WHISPER, SHOUT, EVASIVE, SILENT, STOP in Zyre's frames on the
//!   event socket ([`Node::socket`], parsed into [`Event`]s by
//!   [`Node::recv_event`]).
//!   On stop it sends GOODBYE, so our peers drop it at once (Zyre 2.0.1
//!   acts on GOODBYE only in its gossip mode, after `SET ENDPOINT` or a
//!   `GOSSIP` command, and sends it only then; with beacons it goes by
//!   the port-0 beacon, which we send too). Peers are found by static
//!   endpoints ([`Node::add_static_peer`], a list that works alone, over tcp, ipc or inproc, retried after a peer
//!   is lost) and, when turned on with [`Node::set_beacon`], by Zyre's
//!   22-byte UDP beacon (broadcast, or multicast per czmq's
//!   `BeaconSettings`; a port-0 beacon, sent on stop, drops its node at
//!   once), or by our 23-byte beacon with its state octet, RUNNING then
//!   EXIT ([`Node::set_beacon_state`], off by default because Zyre 2.0.1
//!   drops such beacons). Interoperates with Zyre 2.0.1 by static endpoint
//!   (`tests/zyre_interop.rs`) and by beacon across network namespaces
//!   (`tests/zyre_netns.rs`).
//! - Leader election in a group ([`Node::set_contest_in_group`], Zyre's
//!   draft `zyre_set_contest_in_group`): ELECT and LEADER as Zyre sends
//!   them, the contestant with the lowest UUID wins, every member gets an
//!   [`Event::Leader`]; a new election when the leader leaves.
//! - A CLI, `zre chat --name A --group g`: SHOUTs the lines of stdin to
//!   the group and prints every event, one line each (`src/bin/zre.rs`);
//!   `--cert FILE` for CURVE, with peers given as `--peer ENDPOINT|KEY`.
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
//! - CURVE security, as Zyre 2.0.1's draft API (`zyre_set_zcert`,
//!   `zyre_set_zap_domain`, `zyre_gossip_connect_curve`,
//!   `zyre_require_peer`): [`Node::set_cert`] makes the ROUTER a CURVE
//!   server (in the ZAP domain of [`Node::set_zap_domain`], `global` by
//!   default) and every peer's DEALER a CURVE client with our keys. A
//!   peer's public key comes from its secure beacon, from its gossip value
//!   (`endpoint|key`, as Zyre publishes it), from the `X-PUBLICKEY` header
//!   of its HELLO (SET PUBLICKEY sets ours), or with a static peer
//!   ([`Node::connect_curve`], [`Node::require_peer`]). As Zyre: a secure
//!   node ignores plain beacons and HELLOs without a key (no downgrade), a
//!   plain node ignores secure beacons, and who may connect is up to a ZAP
//!   handler ([`czmq::Auth`]) if one runs in the process, else anyone who
//!   knows our public key. Our gossip node gets our certificate, so its
//!   binds are CURVE servers; [`Node::gossip_connect_curve`] reaches a
//!   CURVE hub. A secure node says HELLO only where it knows the key, so
//!   DNS SRV targets (which carry none) are not reached. Interoperates with
//!   Zyre built with its draft API (`tests/zyre_interop.rs`,
//!   `tests/zyre_netns.rs`); `tests/curve.rs` and `tests/curve_zap.rs`
//!   between our nodes.
//! - Gossip discovery ([`Node::gossip_bind`], [`Node::gossip_connect`]),
//!   as Zyre's `zyre_gossip_bind/connect`: a ZGP node (the `gossip`
//!   crate's actor) publishes our UUID and endpoint, and every node whose
//!   tuple arrives is said HELLO to. Interoperates with Zyre's gossip
//!   either way round (`tests/zyre_interop.rs`). As Zyre's hub does
//!   (in its draft build), a node that [binds](Node::gossip_bind) gossip
//!   withdraws a peer's tuple when the peer leaves (CZMQ's UNPUBLISH: on
//!   the hub only); neither Zyre nor we withdraw our own tuple on stop.
//!
//! # Zyre's pipe protocol
//!
//! The node actor ([`node_actor`], [`Node::actor`]) reads the commands
//! Zyre 2.0.1's `zyre.c` sends `zyre_node.c`, one multipart message each,
//! all frames text, times in milliseconds, UUIDs as 32 upper-case hex
//! digits:
//!
//! | command, arguments | reply |
//! |---|---|
//! | `SET NAME` name, `SET HEADER` name value, `SET VERBOSE` (zyre.c adds "1") | none |
//! | `SET PORT` udp-port (the beacon's; 0 = off), `SET INTERVAL` ms (the beacon's) | none |
//! | `SET EVASIVE TIMEOUT` ms, `SET SILENT TIMEOUT` ms, `SET EXPIRED TIMEOUT` ms | none |
//! | `SET ENDPOINT` endpoint (binds now) | signal: 0 bound, 1 not |
//! | `GOSSIP BIND` endpoint, `GOSSIP CONNECT` endpoint [server-public-key], `GOSSIP UNPUBLISH` uuid | none |
//! | `SET PUBLICKEY` key, `SET SECRETKEY` key (Z85, 40 characters; `zyre_set_zcert` sends both), `ZAP DOMAIN` domain | none |
//! | `REQUIRE PEER` uuid endpoint public-key (says HELLO now; once started) | none |
//! | `SET CONTEST` group (leader election), `SET ADVERTISED ENDPOINT` endpoint (told to peers instead of the bound one), `SET EPHEMERAL PORT` port (of the default bind) | none |
//! | `START` | signal: 0 started, else failed |
//! | `STOP` | signal 0 (after the STOP event) |
//! | `WHISPER` uuid frames..., `SHOUT` group frames..., `JOIN` group, `LEAVE` group | none |
//! | `PEERS`, `GROUP PEERS` group, `PEER GROUPS`, `OWN GROUPS` | a list (below) |
//! | `PEER ENDPOINT` uuid, `PEER NAME` uuid, `PEER HEADER` uuid name | one string, "" if unknown |
//! | `UUID`, `NAME` | one string |
//! | `DUMP` (state to the log), `$TERM` (ends the actor) | none |
//!
//! Events go out on a second pipe, the event socket (Zyre's `zyre_socket`),
//! in Zyre's frames: `ENTER uuid name headers endpoint` (headers packed as
//! CZMQ's `zhash_pack`, in its order), `EXIT uuid name`, `JOIN uuid name
//! group`, `LEAVE uuid name group`, `WHISPER uuid name frames...`, `SHOUT
//! uuid name group frames...`, `EVASIVE uuid name`, `SILENT uuid name`,
//! and `STOP uuid name` (our own) after STOP. See [`Event::to_frames`].
//!
//! Where we differ from Zyre, and why:
//!
//! - Lists: Zyre answers with a `zlist_t*` in one frame (picture `"p"`),
//!   which only a C caller in the same process can use; we send the
//!   number of items in decimal, then one frame per item.
//! - Unknown or malformed commands: Zyre asserts (aborts the process); we
//!   log and ignore them, and a key that is not 40 Z85 characters.
//! - `SET EPHEMERAL PORT` sets the port of the default bind whatever the
//!   discovery (Zyre's applies to its beacon mode's bind only); `SET
//!   ADVERTISED ENDPOINT`, as in Zyre, goes into HELLO and the gossip
//!   tuple, and an endpoint equal to it is taken for our own.
//! - Leader election (`SET CONTEST` group, the LEADER event `LEADER uuid
//!   name group`): Zyre's echo-wave algorithm and messages, so mixed
//!   groups agree; a contestant also starts an election when it joins a
//!   group that has members (Zyre waits for the next member to arrive).
//!   We contest only groups we are in, and drop an ELECT or LEADER from a
//!   peer outside the group, for a group we are not in, or naming
//!   something that is not a UUID (Zyre takes them all, and miscounts its
//!   wave or asserts). A member that leaves mid-election is not waited
//!   for, and late ELECTs of a departed challenger or LEADERs of an ended
//!   election are dropped (Zyre stalls, or two nodes pass LEADER back and
//!   forth). As in Zyre, a member that stays but never answers stalls an
//!   election until the next change of members.
//! - CURVE: SET SECRETKEY turns CURVE on, as in Zyre; keys given after
//!   `SET ENDPOINT` has bound the ROUTER plain make START fail (Zyre
//!   asserts), and keys given after START are ignored (Zyre would make new
//!   DEALERs CURVE clients while its ROUTER stayed plain); a public key
//!   that does not belong to the secret key turns CURVE off, logged (Zyre
//!   uses it as given). Zyre takes a secure beacon whose key starts with a zero byte
//!   for one without a key and drops it; we take every key. Zyre sends its
//!   keys to its zgossip only in a build on CZMQ's draft API (Debian's is
//!   not: such a Zyre's gossip is plain, so it cannot reach a secure hub of
//!   ours, whose gossip binds are CURVE servers, while our secure node can
//!   use its plain hub). Zyre acts on REQUIRE PEER at any time; ours
//!   refuses it before START.
//! - `PEER NAME` of an unknown peer and `PEER HEADER` of a header a peer
//!   did not send: Zyre asserts / sends a NULL string (a crash); we answer "".
//! - Discovery: Zyre beacons on 5670 unless told otherwise, and `SET
//!   ENDPOINT` or a `GOSSIP` command turns its beacon off; ours beacons
//!   only after `SET PORT` (so nodes in one test process do not find each
//!   other by accident), and each source is independent.
//! - `SET SILENT TIMEOUT` sets the evasive timeout, as in Zyre 2.0.1 (its
//!   `zyre_node` reads it into `evasive_timeout`); SILENT follows EVASIVE by
//!   one reap interval (`SET REAP INTERVAL`, ours).
//! - STOP also forgets the peers, ends discovery and closes the same-host
//!   ipc endpoint; a stopped node answers queries but does not start again.
//!   `$TERM` on a running node says GOODBYE first (Zyre's just ends).
//! - The event socket has no high-water mark (Zyre's pipe blocks the node
//!   at 1,000 unread events).
//! - A second HELLO from a peer is a restart, as in Zyre (EXIT, ENTER, and
//!   we greet it anew) — except when it comes from the same endpoint within
//!   the evasive timeout of our greeting it anew: then it is the peer's
//!   answer (it took our new HELLO for a restart of ours) and changes only
//!   what it says differently. Two Zyre nodes in that spot re-greet each
//!   other without end.
//! - `PEER GROUPS` lists the groups that current peers are in; Zyre's
//!   lists every group any peer was ever in, also after all its members
//!   left (its table of peer groups never shrinks).
//!
//! Ours, for what Zyre configures through zsys or lacks: `SET INTERFACE`
//! name (this node's beacon interface; Zyre's `zyre_set_interface` sets
//! zsys's), `SET BEACON SETTINGS` interface ipv6(0/1) ipv6-address
//! ipv6-group ipv4-group ttl, `SET BEACON STATE` 0/1, `SET SAME HOST IPC`
//! 0/1, `SET REAP INTERVAL` ms, `SET DNS SRV` name, `SET DNS SERVER`
//! address:port, `SET DNS INTERVAL` ms, `CONNECT` endpoint [public-key] (a
//! static peer, with its CURVE key for a secure node); and the queries `ENDPOINT`, `IPC ENDPOINT`, `GOSSIP ENDPOINT`
//! (one string each, "" for none).
//!
//! # Not implemented yet
//!
//! DNS over TCP (a truncated SRV answer is an error), CURVE keys for DNS
//! SRV targets (a secure node cannot use that discovery). A static peer is
//! matched to the HELLO that answers it by its endpoint's text or, for tcp,
//! by what its host name resolves to (once, when listed): one listed by an
//! address it does not advertise (the inside of a NAT, another of its
//! interfaces) is greeted again on the advertised endpoint, which the node
//! there takes for a restart of ours: one EXIT and ENTER on each side, and
//! again at each retry of the list entry (every expired timeout). Its
//! answering HELLO is recognised as an answer, not taken for another
//! restart; two Zyre nodes would re-greet each other without end. List
//! nodes by what they advertise.

pub mod beacon;
pub mod dns;
mod event;
pub mod msg;
mod node;
mod peer_id;

pub use event::Event;
pub use node::{
    node_actor, Node, NodeError, DEFAULT_BEACON_INTERVAL, DEFAULT_DNS_INTERVAL, DEFAULT_ENDPOINT,
    DEFAULT_EVASIVE_TIMEOUT, DEFAULT_EXPIRED_TIMEOUT, DEFAULT_REAP_INTERVAL,
};
pub use peer_id::{ParsePeerIdError, PeerId};
