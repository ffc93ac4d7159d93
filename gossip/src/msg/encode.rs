//! Encoding: a message to the bytes of one ZGP frame, exactly as CZMQ's
//! `zgossip_msg_send` lays them out.
//!
//! Where CZMQ silently cuts a key longer than 255 bytes (`strncpy`), this
//! encoder refuses it: a cut key is a different key for every peer. Use
//! [`czmq_wire_key`](super::czmq_wire_key) to reproduce CZMQ's cut on purpose.

use super::constants::{HEADER_LEN, MAX_KEY_LEN, MAX_VALUE_LEN, SIGNATURE, VERSION};
use super::message::{ZgpMessage, ZgpMessageRef};

/// Why a message cannot be put on the wire.
///
/// It converts into [`czmq::Error::InvalidArgument`]:
///
/// ```
/// use gossip::msg::{EncodeError, ZgpMessage};
/// let e = ZgpMessage::publish(vec![b'k'; 256], "v", 0).encode().unwrap_err();
/// assert_eq!(e, EncodeError::KeyTooLong { len: 256 });
/// assert!(matches!(czmq::Error::from(e), czmq::Error::Encode { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// The key is longer than [`MAX_KEY_LEN`] (255) bytes.
    #[error("ZGP key is {len} bytes, the wire allows at most 255")]
    KeyTooLong {
        /// The key's length.
        len: usize,
    },
    /// The value is longer than [`MAX_VALUE_LEN`] (2^32-1) bytes.
    #[error("ZGP value is {len} bytes, the wire allows at most 4294967295")]
    ValueTooLong {
        /// The value's length.
        len: usize,
    },
}

impl From<EncodeError> for czmq::Error {
    fn from(e: EncodeError) -> czmq::Error {
        czmq::Error::Encode {
            what: "a ZGP message".into(),
            source: czmq::Cause::new(e),
        }
    }
}

/// Checks the length limits of a key and a value.
fn check_lengths(key_len: usize, value_len: usize) -> Result<(), EncodeError> {
    if key_len > MAX_KEY_LEN {
        return Err(EncodeError::KeyTooLong { len: key_len });
    }
    if value_len > MAX_VALUE_LEN {
        return Err(EncodeError::ValueTooLong { len: value_len });
    }
    Ok(())
}

impl ZgpMessageRef<'_> {
    /// The frame size this message encodes to, whether or not it fits the
    /// wire's limits (saturating, so it never overflows).
    ///
    /// ```
    /// use gossip::msg::ZgpMessageRef;
    /// let m = ZgpMessageRef::Publish { key: b"k1", value: b"v1", ttl: 0 };
    /// assert_eq!(m.encoded_len(), 17);
    /// assert_eq!(ZgpMessageRef::Hello.encoded_len(), 4);
    /// ```
    pub fn encoded_len(&self) -> usize {
        match self {
            ZgpMessageRef::Publish { key, value, .. } => (HEADER_LEN + 1 + 4 + 4)
                .saturating_add(key.len())
                .saturating_add(value.len()),
            _ => HEADER_LEN,
        }
    }

    /// Appends this message's frame to `out`. On error `out` is unchanged.
    ///
    /// Reusing one buffer avoids an allocation per message:
    ///
    /// ```
    /// use gossip::msg::ZgpMessageRef;
    /// let mut buf = Vec::with_capacity(64);
    /// ZgpMessageRef::Ping.encode_into(&mut buf)?;
    /// assert_eq!(buf, [0xaa, 0xa0, 0x03, 0x01]);
    /// buf.clear();
    /// ZgpMessageRef::Pong.encode_into(&mut buf)?;
    /// assert_eq!(buf, [0xaa, 0xa0, 0x04, 0x01]);
    /// # Ok::<(), gossip::msg::EncodeError>(())
    /// ```
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        if let ZgpMessageRef::Publish { key, value, .. } = self {
            check_lengths(key.len(), value.len())?;
        }
        out.reserve(self.encoded_len());
        out.extend_from_slice(&SIGNATURE.to_be_bytes());
        out.push(self.id() as u8);
        out.push(VERSION);
        if let ZgpMessageRef::Publish { key, value, ttl } = *self {
            // The casts cannot truncate: check_lengths bounded both lengths.
            out.push(key.len() as u8);
            out.extend_from_slice(key);
            out.extend_from_slice(&(value.len() as u32).to_be_bytes());
            out.extend_from_slice(value);
            out.extend_from_slice(&ttl.to_be_bytes());
        }
        Ok(())
    }

    /// This message's frame, in a buffer of exactly the right size.
    ///
    /// ```
    /// use gossip::msg::ZgpMessageRef;
    /// assert_eq!(ZgpMessageRef::Invalid.encode()?, [0xaa, 0xa0, 0x05, 0x01]);
    /// # Ok::<(), gossip::msg::EncodeError>(())
    /// ```
    pub fn encode(&self) -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::new();
        self.encode_into(&mut out)?;
        Ok(out)
    }
}

impl ZgpMessage {
    /// The frame size this message encodes to.
    ///
    /// ```
    /// use gossip::msg::ZgpMessage;
    /// assert_eq!(ZgpMessage::publish("k1", "v1", 0).encoded_len(), 17);
    /// ```
    pub fn encoded_len(&self) -> usize {
        self.borrowed().encoded_len()
    }

    /// Appends this message's frame to `out`; on error `out` is unchanged.
    ///
    /// ```
    /// use gossip::msg::ZgpMessage;
    /// let mut buf = Vec::new();
    /// ZgpMessage::Hello.encode_into(&mut buf)?;
    /// assert_eq!(buf, [0xaa, 0xa0, 0x01, 0x01]);
    /// # Ok::<(), gossip::msg::EncodeError>(())
    /// ```
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        self.borrowed().encode_into(out)
    }

    /// This message's frame. Refuses a key over 255 bytes or a value over
    /// 2^32-1 bytes instead of cutting it.
    ///
    /// ```
    /// use gossip::msg::{EncodeError, ZgpMessage};
    /// assert_eq!(ZgpMessage::Hello.encode()?, [0xaa, 0xa0, 0x01, 0x01]);
    /// assert_eq!(
    ///     ZgpMessage::publish(vec![0u8; 300], "", 0).encode(),
    ///     Err(EncodeError::KeyTooLong { len: 300 })
    /// );
    /// # Ok::<(), gossip::msg::EncodeError>(())
    /// ```
    pub fn encode(&self) -> Result<Vec<u8>, EncodeError> {
        self.borrowed().encode()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_at_and_over_the_limits() {
        assert_eq!(check_lengths(MAX_KEY_LEN, MAX_VALUE_LEN), Ok(()));
        assert_eq!(
            check_lengths(MAX_KEY_LEN + 1, 0),
            Err(EncodeError::KeyTooLong { len: 256 })
        );
        // A value over 4 GiB cannot be allocated in a test; the check alone
        // proves the encoder refuses it before writing anything.
        if let Some(len) = MAX_VALUE_LEN.checked_add(1) {
            assert_eq!(
                check_lengths(0, len),
                Err(EncodeError::ValueTooLong { len })
            );
        }
    }

    #[test]
    fn failed_encode_leaves_buffer_unchanged() {
        let mut buf = vec![1, 2, 3];
        let m = ZgpMessage::publish(vec![b'x'; 256], "v", 0);
        assert_eq!(
            m.encode_into(&mut buf),
            Err(EncodeError::KeyTooLong { len: 256 })
        );
        assert_eq!(buf, [1, 2, 3]);
    }
}
