//! Our extension to ZGP: a trailer after a PUBLISH body carrying the tuple's
//! [`Stamp`] and a deletion flag.
//!
//! CZMQ's generated decoder never checks that a frame was consumed to its end
//! (spec §1.2, vector `zgp.ping.trailing-bytes`), so a CZMQ peer reads a PUBLISH
//! with our trailer as the plain PUBLISH it contains and ignores the rest. Our
//! nodes read the trailer to order concurrent updates and to trust the ttl.
//!
//! Layout (21 bytes, big-endian): `5A 47 2B 01` (magic "ZG+" and trailer
//! version 1), one flags byte (bit 0: deleted), the Lamport clock as u64, the
//! node id as u64.
//!
//! ```
//! use gossip::node::Stamp;
//! use gossip::trailer::{encode, decode};
//! let stamp = Stamp { clock: 7, node: 42 };
//! let bytes = encode(stamp, false);
//! assert_eq!(decode(&bytes), Some((stamp, false)));
//! assert_eq!(decode(b""), None); // a plain CZMQ PUBLISH
//! ```

use crate::node::Stamp;

/// Magic and trailer version.
pub const MAGIC: [u8; 4] = [0x5A, 0x47, 0x2B, 0x01];

/// The extension's offer (after a HELLO body) and acceptance (after a PONG
/// body): the same four bytes as the trailer's magic. CZMQ's decoder ignores
/// them; our nodes send stamped PUBLISHes only to a peer that sent one.
///
/// ```
/// use gossip::trailer::{is_extension_marker, EXTENSION_MARKER};
/// assert!(is_extension_marker(&EXTENSION_MARKER));
/// assert!(!is_extension_marker(b"")); // CZMQ's HELLO or PONG
/// ```
pub const EXTENSION_MARKER: [u8; 4] = MAGIC;

/// Whether the bytes after a HELLO or PONG body are our extension marker.
pub fn is_extension_marker(rest: &[u8]) -> bool {
    rest == EXTENSION_MARKER
}
/// Size of the trailer in bytes.
pub const LEN: usize = 21;
const DELETED: u8 = 0x01;

/// The trailer for a stamped tuple.
pub fn encode(stamp: Stamp, deleted: bool) -> [u8; LEN] {
    let mut out = [0u8; LEN];
    out[..4].copy_from_slice(&MAGIC);
    out[4] = if deleted { DELETED } else { 0 };
    out[5..13].copy_from_slice(&stamp.clock.to_be_bytes());
    out[13..21].copy_from_slice(&stamp.node.to_be_bytes());
    out
}

/// Reads the bytes after a PUBLISH body. Anything that is not exactly our
/// trailer (nothing at all from CZMQ, or junk) yields None: the tuple is then
/// treated as coming from a CZMQ peer.
pub fn decode(rest: &[u8]) -> Option<(Stamp, bool)> {
    if rest.len() != LEN || rest[..4] != MAGIC || rest[4] & !DELETED != 0 {
        return None;
    }
    let clock = u64::from_be_bytes(rest[5..13].try_into().ok()?);
    let node = u64::from_be_bytes(rest[13..21].try_into().ok()?);
    Some((Stamp { clock, node }, rest[4] & DELETED != 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn round_trips_with_the_deleted_flag() {
        let stamp = Stamp {
            clock: u64::MAX,
            node: 1,
        };
        assert_eq!(decode(&encode(stamp, true)), Some((stamp, true)));
    }

    #[test]
    fn junk_is_not_a_trailer() {
        assert_eq!(decode(&[0xff, 0xff]), None);
        let mut bad = encode(Stamp { clock: 1, node: 1 }, false);
        bad[4] = 0x80;
        assert_eq!(decode(&bad), None);
        let mut long = encode(Stamp { clock: 1, node: 1 }, false).to_vec();
        long.push(0);
        assert_eq!(decode(&long), None);
    }

    proptest! {
        #[test]
        fn never_panics(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
            let _ = decode(&bytes);
        }
    }
}
