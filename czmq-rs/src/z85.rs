//! Z85 (ZeroMQ RFC 32): printable text for binary data such as CURVE keys,
//! 5 characters for every 4 bytes.
//!
//! Implemented here rather than through `zmq_z85_*` so that every input gets
//! a precise error instead of a NULL (libzmq's decoder also refuses the empty
//! string and needs a NUL terminator), and so that it behaves the same on
//! every libzmq version.
//!
//! ```
//! let text = czmq::z85_encode(&[0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B])?;
//! assert_eq!(text, "HelloWorld");
//! assert_eq!(czmq::z85_decode(&text)?, [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]);
//! # Ok::<(), czmq::Error>(())
//! ```

use crate::error::{Error, Result};

/// The 85 characters of RFC 32, in digit order.
const ALPHABET: &[u8; 85] =
    b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

/// Digit value of each ASCII character, 0xFF where the character is not Z85.
const DIGITS: [u8; 128] = {
    let mut table = [0xFFu8; 128];
    let mut i = 0;
    while i < ALPHABET.len() {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Encodes bytes as Z85 text. The length must be a multiple of 4 (RFC 32 has
/// no padding); anything else is [`Error::InvalidArgument`].
///
/// ```
/// assert_eq!(czmq::z85_encode(&[])?, "");
/// assert!(czmq::z85_encode(&[1, 2, 3]).is_err());
/// # Ok::<(), czmq::Error>(())
/// ```
// `usize::is_multiple_of` needs Rust 1.87; the workspace supports 1.75.
#[allow(clippy::manual_is_multiple_of)]
pub fn z85_encode(data: &[u8]) -> Result<String> {
    if data.len() % 4 != 0 {
        return Err(Error::InvalidArgument(format!(
            "Z85 encodes whole 4-byte groups, got {} bytes",
            data.len()
        )));
    }
    let mut text = String::with_capacity(data.len() / 4 * 5);
    for group in data.chunks_exact(4) {
        let mut value = u32::from_be_bytes([group[0], group[1], group[2], group[3]]);
        let mut digits = [0u8; 5];
        for digit in digits.iter_mut().rev() {
            *digit = ALPHABET[(value % 85) as usize];
            value /= 85;
        }
        // Every digit comes from ALPHABET, which is ASCII.
        text.extend(digits.iter().map(|&d| d as char));
    }
    Ok(text)
}

/// Decodes Z85 text. The length must be a multiple of 5, every character must
/// be in the Z85 alphabet and every 5-character group must stand for a value
/// that fits in 4 bytes; otherwise [`Error::Malformed`] says what was wrong.
///
/// ```
/// assert!(czmq::z85_decode("Hello").is_ok());
/// assert!(czmq::z85_decode("Hell").is_err());      // not a multiple of 5
/// assert!(czmq::z85_decode("Hell,").is_err());     // ',' is not Z85
/// assert!(czmq::z85_decode("%%%%%").is_err());     // more than 2^32 - 1
/// ```
// `usize::is_multiple_of` needs Rust 1.87; the workspace supports 1.75.
#[allow(clippy::manual_is_multiple_of)]
pub fn z85_decode(text: &str) -> Result<Vec<u8>> {
    let bytes = text.as_bytes();
    if bytes.len() % 5 != 0 {
        return Err(Error::Malformed(format!(
            "Z85 text comes in 5-character groups, got {} characters",
            bytes.len()
        )));
    }
    let mut data = Vec::with_capacity(bytes.len() / 5 * 4);
    for (index, group) in bytes.chunks_exact(5).enumerate() {
        let mut value: u64 = 0;
        for (offset, &c) in group.iter().enumerate() {
            let digit = DIGITS.get(c as usize).copied().unwrap_or(0xFF);
            if digit == 0xFF {
                return Err(Error::Malformed(format!(
                    "byte {:#04x} at position {} is not a Z85 character",
                    c,
                    index * 5 + offset
                )));
            }
            value = value * 85 + u64::from(digit);
        }
        let value = u32::try_from(value).map_err(|_| {
            Error::Malformed(format!(
                "Z85 group {:?} stands for more than 4 bytes",
                String::from_utf8_lossy(group)
            ))
        })?;
        data.extend_from_slice(&value.to_be_bytes());
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HELLO: [u8; 8] = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B];

    #[test]
    fn rfc32_test_vector_both_ways() {
        assert_eq!(z85_encode(&HELLO).unwrap(), "HelloWorld");
        assert_eq!(z85_decode("HelloWorld").unwrap(), HELLO);
    }

    #[test]
    fn empty_input_is_empty_output() {
        assert_eq!(z85_encode(&[]).unwrap(), "");
        assert_eq!(z85_decode("").unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn extremes_of_a_group() {
        assert_eq!(z85_encode(&[0; 4]).unwrap(), "00000");
        assert_eq!(z85_encode(&[0xFF; 4]).unwrap(), "%nSc0");
        assert_eq!(z85_decode("%nSc0").unwrap(), [0xFF; 4]);
        // One more than 0xFFFFFFFF.
        assert!(matches!(z85_decode("%nSc1"), Err(Error::Malformed(_))));
    }

    #[test]
    fn bad_lengths_are_errors() {
        for n in [1, 2, 3, 5, 7, 33] {
            assert!(
                matches!(z85_encode(&vec![0; n]), Err(Error::InvalidArgument(_))),
                "{n} bytes"
            );
        }
        for s in ["H", "Hell", "HelloW", "HelloWorl"] {
            assert!(matches!(z85_decode(s), Err(Error::Malformed(_))), "{s:?}");
        }
    }

    #[test]
    fn bad_characters_are_errors() {
        for s in [
            "Hell ",
            "Hell,",
            "Hell\"",
            "Hell~",
            "Hell\u{7f}",
            "Hel\u{e9}",
        ] {
            assert!(matches!(z85_decode(s), Err(Error::Malformed(_))), "{s:?}");
        }
    }
}
