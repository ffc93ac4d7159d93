//! CZMQ's C-string view of keys and values, for callers that want to match
//! what a CZMQ node does with the same bytes.
//!
//! The codec itself is byte-transparent: it puts any bytes on the wire and
//! hands back whatever it reads, NULs included. CZMQ's API, however, takes
//! and stores keys and values as C strings, so a NUL ends them, and its
//! `zgossip_msg_set_key` cuts a key to 255 bytes.

use super::constants::MAX_KEY_LEN;

/// The bytes a C string sees: everything before the first NUL.
///
/// ```
/// use gossip::msg::until_nul;
/// assert_eq!(until_nul(b"key\0rest"), b"key");
/// assert_eq!(until_nul(b"key"), b"key");
/// ```
pub fn until_nul(bytes: &[u8]) -> &[u8] {
    match bytes.iter().position(|&b| b == 0) {
        Some(end) => &bytes[..end],
        None => bytes,
    }
}

/// The key CZMQ puts on the wire when its application publishes `key`: cut
/// at the first NUL, then to 255 bytes (`strncpy` into `char[256]`).
///
/// Use it to reproduce CZMQ on purpose; [`encode`](super::ZgpMessage::encode)
/// itself refuses long keys rather than changing them.
///
/// ```
/// use gossip::msg::czmq_wire_key;
/// assert_eq!(czmq_wire_key(&[b'L'; 300]).len(), 255);
/// assert_eq!(czmq_wire_key(b"a\0b"), b"a");
/// ```
pub fn czmq_wire_key(key: &[u8]) -> &[u8] {
    let key = until_nul(key);
    &key[..key.len().min(MAX_KEY_LEN)]
}
