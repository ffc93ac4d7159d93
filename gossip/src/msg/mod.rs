//! The ZGP codec: CZMQ 4.2's `zgossip_msg`, byte for byte.
//!
//! One ZGP message is exactly one ZeroMQ frame (plus the routing-id frame a
//! ROUTER adds locally). Every frame starts with a 4-byte header, all
//! integers big-endian:
//!
//! | bytes | field | value |
//! |---|---|---|
//! | 2 | signature | `AA A0` ([`SIGNATURE`]) |
//! | 1 | id | 1 HELLO, 2 PUBLISH, 3 PING, 4 PONG, 5 INVALID ([`MessageId`]) |
//! | 1 | version | 1 ([`VERSION`]) |
//!
//! PUBLISH adds the key (1-byte length + bytes), the value (4-byte length +
//! bytes) and the ttl (4 bytes). Nothing else is on the wire: no terminator,
//! no padding.
//!
//! ```
//! use gossip::msg::{decode, ZgpMessage};
//! let frame = ZgpMessage::publish("k1", "v1", 0).encode()?;
//! assert_eq!(frame, [0xaa, 0xa0, 2, 1, 2, b'k', b'1', 0, 0, 0, 2, b'v', b'1', 0, 0, 0, 0]);
//! assert_eq!(decode(&frame)?, ZgpMessage::publish("k1", "v1", 0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Decoding is exactly as strict as CZMQ: signature, id, version and field
//! bounds are checked; trailing bytes are ignored; keys and values are bytes.
//! Encoding refuses what CZMQ would silently cut (keys over 255 bytes).
//!
//! What CZMQ 4.2's peers do with these messages, for the code that uses
//! the codec:
//!
//! * **ttl is opaque.** CZMQ never interprets it, and its server sends the
//!   ttl of the last PUBLISH it decoded from *any* client. Write 0; ignore it
//!   when reading (compare tuples by key and value only).
//! * **A malformed frame kills a CZMQ node**, so never send one; a Rust node
//!   gets a [`DecodeError`] and may drop the message or answer INVALID.
//! * **Key bytes after a NUL are lost at CZMQ**, which stores keys and values
//!   as C strings; [`until_nul`] and [`czmq_wire_key`] show what it keeps.

mod constants;
mod cstr;
mod decode;
mod encode;
mod extension;
mod fuzz;
mod message;

pub use constants::{
    MessageId, HEADER_LEN, MAX_KEY_LEN, MAX_VALUE_LEN, PUBLISH_MIN_LEN, SIGNATURE, VERSION,
};
pub use cstr::{czmq_wire_key, until_nul};
pub use decode::{decode, decode_frames, decode_ref, decode_routed, DecodeError, Field};
pub use encode::EncodeError;
pub use extension::{
    decode_extension, is_extension_frame, ExtensionError, ExtensionMessage, GRAFT_ID, IHAVE_ID,
    PRUNE_ID,
};
pub use fuzz::{fuzz_decode, InvariantViolation};
pub use message::{ZgpMessage, ZgpMessageRef};
