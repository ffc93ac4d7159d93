//! SHA-1 digests, as CZMQ's zdigest: feed bytes in, read the 20-byte hash or
//! its 40-character upper-case hex form. Used for file and chunk digests,
//! where SHA-1's weakness against collisions chosen by an attacker does not
//! matter. The hashing is the `sha1` crate's.
//!
//! ```
//! let mut digest = czmq::Digest::new();
//! digest.update(b"abc");
//! assert_eq!(digest.string(), "A9993E364706816ABA3E25717850C26C9CD0D89D");
//! assert_eq!(digest.data()[0], 0xA9);
//! ```

use std::ffi::CStr;

use sha1::{Digest as _, Sha1};

/// Bytes in a SHA-1 hash.
pub const DIGEST_SIZE: usize = 20;

/// A running SHA-1 digest (CZMQ's zdigest_t).
///
/// Unlike CZMQ's, reading the hash does not close the digest: more
/// [`update`](Digest::update)s may follow, and the next read covers every
/// byte fed so far (CZMQ asserts on an update after a read).
///
/// ```
/// let mut digest = czmq::Digest::new();
/// digest.update(b"a");
/// let _ = digest.string();
/// digest.update(b"bc");
/// assert_eq!(digest.string(), "A9993E364706816ABA3E25717850C26C9CD0D89D");
/// ```
#[derive(Clone)]
pub struct Digest {
    hasher: Sha1,
    /// The hash of what was fed until the last read, or `None` once more
    /// bytes came in.
    hash: Option<[u8; DIGEST_SIZE]>,
    /// `hash` as upper-case hex, NUL-terminated so C can borrow it.
    hex: [u8; DIGEST_SIZE * 2 + 1],
}

impl std::fmt::Debug for Digest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Digest").field("hash", &self.hash).finish()
    }
}

impl Default for Digest {
    fn default() -> Digest {
        Digest::new()
    }
}

impl Digest {
    /// An empty digest.
    ///
    /// ```
    /// let mut digest = czmq::Digest::new();
    /// assert_eq!(digest.string(), "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709");
    /// ```
    pub fn new() -> Digest {
        Digest {
            hasher: Sha1::new(),
            hash: None,
            hex: [0; DIGEST_SIZE * 2 + 1],
        }
    }

    /// Adds bytes to the digest.
    ///
    /// ```
    /// let mut digest = czmq::Digest::new();
    /// digest.update(&[0xAA; 1024]);
    /// assert_eq!(digest.string(), "DEB23807D4FE025E900FE9A9C7D8410C3DDE9671");
    /// ```
    pub fn update(&mut self, bytes: &[u8]) {
        self.hasher.update(bytes);
        self.hash = None;
    }

    /// The SHA-1 hash of every byte fed so far.
    ///
    /// ```
    /// let mut digest = czmq::Digest::new();
    /// assert_eq!(digest.data().len(), czmq::DIGEST_SIZE);
    /// ```
    pub fn data(&mut self) -> &[u8; DIGEST_SIZE] {
        self.refresh();
        self.hash.as_ref().expect("refresh sets the hash")
    }

    /// Bytes in the hash: always [`DIGEST_SIZE`] (20).
    ///
    /// ```
    /// assert_eq!(czmq::Digest::new().size(), 20);
    /// ```
    pub fn size(&self) -> usize {
        DIGEST_SIZE
    }

    /// The hash as 40 upper-case hex digits (CZMQ's format).
    ///
    /// ```
    /// let mut digest = czmq::Digest::new();
    /// digest.update(b"1234567890");
    /// assert_eq!(digest.string(), "01B307ACBA4F54F55AAFC33BB06BBBF6CA803E9A");
    /// ```
    pub fn string(&mut self) -> &str {
        self.refresh();
        // The hex buffer holds ASCII hex digits only.
        std::str::from_utf8(&self.hex[..DIGEST_SIZE * 2]).unwrap_or_default()
    }

    /// [`string`](Digest::string) as a C string, for the C face, which lends
    /// it to C callers until the digest changes.
    ///
    /// ```
    /// let mut digest = czmq::Digest::new();
    /// assert_eq!(digest.c_string().to_bytes().len(), 40);
    /// ```
    pub fn c_string(&mut self) -> &CStr {
        self.refresh();
        CStr::from_bytes_until_nul(&self.hex).unwrap_or_default()
    }

    /// Computes the hash and its hex form if bytes came in since the last
    /// read. The hasher is cloned, not consumed, so feeding may go on.
    fn refresh(&mut self) {
        if self.hash.is_some() {
            return;
        }
        let hash: [u8; DIGEST_SIZE] = self.hasher.clone().finalize().into();
        self.hex[..DIGEST_SIZE * 2].copy_from_slice(upper_hex(&hash).as_bytes());
        self.hex[DIGEST_SIZE * 2] = 0;
        self.hash = Some(hash);
    }
}

/// Bytes as upper-case hex, two digits each (CZMQ's strhex format).
///
/// ```
/// assert_eq!(czmq::upper_hex(&[0x01, 0xAB]), "01AB");
/// ```
pub fn upper_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut text = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        text.push(DIGITS[usize::from(byte >> 4)] as char);
        text.push(DIGITS[usize::from(byte & 15)] as char);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn czmq_vector() {
        let mut digest = Digest::new();
        digest.update(&[0xAA; 1024]);
        assert_eq!(&digest.data()[..4], &[0xDE, 0xB2, 0x38, 0x07]);
        assert_eq!(
            digest.c_string().to_str().unwrap(),
            "DEB23807D4FE025E900FE9A9C7D8410C3DDE9671"
        );
    }
}
