//! Decoding: the bytes of one ZGP frame to a message, as strict as CZMQ's
//! `zgossip_msg_recv` and no stricter.
//!
//! CZMQ checks, in this order: the signature, the id (1..=5), the version
//! byte (1), then each field fits in what is left of the frame. It does
//! **not** check that the frame was consumed to its end, so trailing bytes
//! are accepted and ignored (`aa a0 03 01 ff ff` is a PING). Keys and values
//! are taken as raw bytes with no UTF-8 check. A ZGP message is exactly one
//! frame: [`decode_frames`] and [`decode_routed`] refuse any other count.

use std::fmt;

use super::constants::{MessageId, SIGNATURE, VERSION};
use super::message::{ZgpMessage, ZgpMessageRef};

/// The wire field a truncated frame ended in.
///
/// ```
/// use gossip::msg::Field;
/// assert_eq!(Field::ValueLength.to_string(), "value length");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The 2-byte signature.
    Signature,
    /// The 1-byte message id.
    Id,
    /// The 1-byte version.
    Version,
    /// The 1-byte length of a PUBLISH key.
    KeyLength,
    /// The bytes of a PUBLISH key.
    Key,
    /// The 4-byte length of a PUBLISH value.
    ValueLength,
    /// The bytes of a PUBLISH value.
    Value,
    /// The 4-byte ttl of a PUBLISH.
    Ttl,
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Field::Signature => "signature",
            Field::Id => "message id",
            Field::Version => "version",
            Field::KeyLength => "key length",
            Field::Key => "key",
            Field::ValueLength => "value length",
            Field::Value => "value",
            Field::Ttl => "ttl",
        })
    }
}

/// Why a frame (or a multi-frame message) is not a ZGP message.
///
/// Every case is one CZMQ calls malformed. It converts into
/// [`czmq::Error::Malformed`]:
///
/// ```
/// use gossip::msg::{decode, DecodeError};
/// let e = decode(b"GARBAGE!").unwrap_err();
/// assert_eq!(e, DecodeError::BadSignature { found: 0x4741 });
/// assert!(matches!(czmq::Error::from(e), czmq::Error::Decode { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The frame has no bytes at all.
    #[error("empty ZGP frame")]
    Empty,
    /// The frame ends inside `field`, which needed `needed` more bytes when
    /// only `available` were left.
    #[error("truncated ZGP frame: {field} needs {needed} bytes, {available} left")]
    Truncated {
        /// The field being read.
        field: Field,
        /// Bytes the field needed.
        needed: usize,
        /// Bytes left in the frame.
        available: usize,
    },
    /// The first two bytes are not `AA A0`.
    #[error("bad ZGP signature 0x{found:04x}, expected 0xaaa0")]
    BadSignature {
        /// The 16-bit big-endian value found.
        found: u16,
    },
    /// The id byte is not one of 1..=5.
    #[error("unknown ZGP message id {id}")]
    UnknownId {
        /// The id byte found.
        id: u8,
    },
    /// The version byte is not 1.
    #[error("ZGP {id} has version {version}, expected 1")]
    BadVersion {
        /// The message the version belongs to.
        id: MessageId,
        /// The version byte found.
        version: u8,
    },
    /// The message has no frames.
    #[error("no frames: a ZGP message is exactly one frame")]
    NoFrames,
    /// The message has more than one body frame (a REQ's delimiter, or two
    /// messages glued together); CZMQ's server dies on this.
    #[error("{count} body frames: a ZGP message is exactly one frame")]
    TooManyFrames {
        /// How many body frames there were.
        count: usize,
    },
    /// A ROUTER message holds a routing id but no body frame.
    #[error("routing id without a ZGP body frame")]
    MissingBody,
    /// A message of our dissemination extension (never CZMQ's) is malformed.
    #[error("malformed extension message: {0}")]
    Extension(#[from] super::extension::ExtensionError),
}

impl From<DecodeError> for czmq::Error {
    fn from(e: DecodeError) -> czmq::Error {
        czmq::Error::Decode {
            what: "a ZGP message".into(),
            source: czmq::Cause::new(e),
        }
    }
}

/// A cursor over a frame that refuses to read past its end.
struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    /// The next `n` bytes of `field`.
    fn take(&mut self, n: usize, field: Field) -> Result<&'a [u8], DecodeError> {
        if n > self.rest.len() {
            return Err(DecodeError::Truncated {
                field,
                needed: n,
                available: self.rest.len(),
            });
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }

    /// The next `N` bytes of `field`, as an array for `from_be_bytes`.
    fn array<const N: usize>(&mut self, field: Field) -> Result<[u8; N], DecodeError> {
        let mut out = [0u8; N];
        // take returned exactly N bytes, so the lengths match.
        out.copy_from_slice(self.take(N, field)?);
        Ok(out)
    }

    fn u8(&mut self, field: Field) -> Result<u8, DecodeError> {
        Ok(u8::from_be_bytes(self.array(field)?))
    }

    fn u16(&mut self, field: Field) -> Result<u16, DecodeError> {
        Ok(u16::from_be_bytes(self.array(field)?))
    }

    fn u32(&mut self, field: Field) -> Result<u32, DecodeError> {
        Ok(u32::from_be_bytes(self.array(field)?))
    }
}

/// Decodes one frame without copying: the key and value borrow from `frame`.
///
/// ```
/// use gossip::msg::{decode_ref, ZgpMessageRef};
/// assert_eq!(decode_ref(&[0xaa, 0xa0, 0x03, 0x01])?, ZgpMessageRef::Ping);
/// // Trailing bytes are ignored, as CZMQ does.
/// assert_eq!(decode_ref(&[0xaa, 0xa0, 0x03, 0x01, 0xff, 0xff])?, ZgpMessageRef::Ping);
/// # Ok::<(), gossip::msg::DecodeError>(())
/// ```
pub fn decode_ref(frame: &[u8]) -> Result<ZgpMessageRef<'_>, DecodeError> {
    if frame.is_empty() {
        return Err(DecodeError::Empty);
    }
    let mut r = Reader { rest: frame };
    let found = r.u16(Field::Signature)?;
    if found != SIGNATURE {
        return Err(DecodeError::BadSignature { found });
    }
    let id_byte = r.u8(Field::Id)?;
    let id = MessageId::from_u8(id_byte).ok_or(DecodeError::UnknownId { id: id_byte })?;
    let version = r.u8(Field::Version)?;
    if version != VERSION {
        return Err(DecodeError::BadVersion { id, version });
    }
    Ok(match id {
        MessageId::Hello => ZgpMessageRef::Hello,
        MessageId::Ping => ZgpMessageRef::Ping,
        MessageId::Pong => ZgpMessageRef::Pong,
        MessageId::Invalid => ZgpMessageRef::Invalid,
        MessageId::Publish => {
            let key_len = r.u8(Field::KeyLength)?;
            let key = r.take(usize::from(key_len), Field::Key)?;
            let value_len = r.u32(Field::ValueLength)?;
            // On a 16-bit target a length past usize::MAX cannot fit in any
            // frame either, so saturating keeps the error correct.
            let value_len = usize::try_from(value_len).unwrap_or(usize::MAX);
            let value = r.take(value_len, Field::Value)?;
            let ttl = r.u32(Field::Ttl)?;
            ZgpMessageRef::Publish { key, value, ttl }
        }
    })
}

/// Decodes one frame into an owned message.
///
/// ```
/// use gossip::msg::{decode, DecodeError, Field, ZgpMessage};
/// let frame = hex_frame("aaa00201026b3100000002763100000000");
/// assert_eq!(decode(&frame)?, ZgpMessage::publish("k1", "v1", 0));
/// assert_eq!(
///     decode(&frame[..7]),
///     Err(DecodeError::Truncated { field: Field::ValueLength, needed: 4, available: 0 })
/// );
/// # fn hex_frame(s: &str) -> Vec<u8> {
/// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
/// # }
/// # Ok::<(), gossip::msg::DecodeError>(())
/// ```
pub fn decode(frame: &[u8]) -> Result<ZgpMessage, DecodeError> {
    decode_ref(frame).map(|m| m.to_owned_message())
}

/// Decodes a message as a DEALER receives it: exactly one frame.
///
/// ```
/// use gossip::msg::{decode_frames, DecodeError, ZgpMessage};
/// let ping: &[u8] = &[0xaa, 0xa0, 0x03, 0x01];
/// assert_eq!(decode_frames(&[ping])?, ZgpMessage::Ping);
/// assert_eq!(decode_frames(&[ping, ping]), Err(DecodeError::TooManyFrames { count: 2 }));
/// # Ok::<(), gossip::msg::DecodeError>(())
/// ```
pub fn decode_frames<F: AsRef<[u8]>>(frames: &[F]) -> Result<ZgpMessage, DecodeError> {
    match frames {
        [] => Err(DecodeError::NoFrames),
        [body] => decode(body.as_ref()),
        _ => Err(DecodeError::TooManyFrames {
            count: frames.len(),
        }),
    }
}

/// Decodes a message as a ROUTER receives it: `[routing-id][body]`. Returns
/// the routing id (borrowed) with the message.
///
/// ```
/// use gossip::msg::{decode_routed, DecodeError, ZgpMessage};
/// let rid: &[u8] = &[0x00, 0x6b, 0x64, 0xbf, 0xbd];
/// let hello: &[u8] = &[0xaa, 0xa0, 0x01, 0x01];
/// assert_eq!(decode_routed(&[rid, hello])?, (rid, ZgpMessage::Hello));
/// assert_eq!(decode_routed(&[rid]), Err(DecodeError::MissingBody));
/// assert_eq!(decode_routed(&[rid, hello, hello]), Err(DecodeError::TooManyFrames { count: 2 }));
/// # Ok::<(), gossip::msg::DecodeError>(())
/// ```
pub fn decode_routed<F: AsRef<[u8]>>(frames: &[F]) -> Result<(&[u8], ZgpMessage), DecodeError> {
    match frames {
        [] => Err(DecodeError::NoFrames),
        [_] => Err(DecodeError::MissingBody),
        [routing_id, body] => Ok((routing_id.as_ref(), decode(body.as_ref())?)),
        _ => Err(DecodeError::TooManyFrames {
            count: frames.len() - 1,
        }),
    }
}

impl ZgpMessage {
    /// Decodes one frame; the same as [`decode`].
    ///
    /// ```
    /// use gossip::msg::ZgpMessage;
    /// assert_eq!(ZgpMessage::decode(&[0xaa, 0xa0, 0x01, 0x01])?, ZgpMessage::Hello);
    /// # Ok::<(), gossip::msg::DecodeError>(())
    /// ```
    pub fn decode(frame: &[u8]) -> Result<ZgpMessage, DecodeError> {
        decode(frame)
    }
}

impl<'a> ZgpMessageRef<'a> {
    /// Decodes one frame without copying; the same as [`decode_ref`].
    ///
    /// ```
    /// use gossip::msg::ZgpMessageRef;
    /// assert_eq!(ZgpMessageRef::decode(&[0xaa, 0xa0, 0x05, 0x01])?, ZgpMessageRef::Invalid);
    /// # Ok::<(), gossip::msg::DecodeError>(())
    /// ```
    pub fn decode(frame: &'a [u8]) -> Result<ZgpMessageRef<'a>, DecodeError> {
        decode_ref(frame)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_run_in_czmq_order() {
        // Unknown id wins over a missing version byte, as in CZMQ's switch.
        assert_eq!(
            decode(&[0xaa, 0xa0, 0x06]),
            Err(DecodeError::UnknownId { id: 6 })
        );
        // A bad signature wins over everything after it.
        assert_eq!(
            decode(&[0x00, 0x00, 0x09, 0x09]),
            Err(DecodeError::BadSignature { found: 0 })
        );
        // A bad version is found before PUBLISH's fields are read.
        assert_eq!(
            decode(&[0xaa, 0xa0, 0x02, 0x07]),
            Err(DecodeError::BadVersion {
                id: MessageId::Publish,
                version: 7
            })
        );
    }

    #[test]
    fn each_short_header_names_its_field() {
        let full = [0xaa, 0xa0, 0x03, 0x01];
        assert_eq!(decode(&full[..0]), Err(DecodeError::Empty));
        let fields = [Field::Signature, Field::Id, Field::Version];
        let cases = [
            (1, fields[0], 2, 1),
            (2, fields[1], 1, 0),
            (3, fields[2], 1, 0),
        ];
        for (len, field, needed, available) in cases {
            assert_eq!(
                decode(&full[..len]),
                Err(DecodeError::Truncated {
                    field,
                    needed,
                    available
                }),
                "prefix of {len} bytes"
            );
        }
    }

    #[test]
    fn huge_value_length_is_refused_without_allocating() {
        let frame = [0xaa, 0xa0, 0x02, 0x01, 0x00, 0xff, 0xff, 0xff, 0xff, 1, 2];
        assert_eq!(
            decode(&frame),
            Err(DecodeError::Truncated {
                field: Field::Value,
                needed: u32::MAX as usize,
                available: 2
            })
        );
    }
}
