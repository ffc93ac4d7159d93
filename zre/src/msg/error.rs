//! Why a ZRE message could not be encoded or decoded.

use thiserror::Error;

/// A received ZRE message that does not follow RFC 36 as Zyre 2.0.1 speaks it.
///
/// ```
/// use zre::msg::{DecodeError, ZreMsg};
/// let err = ZreMsg::decode(&[[0xaa, 0xa1, 6, 3, 0, 1]]).unwrap_err();
/// assert_eq!(err, DecodeError::BadVersion(3));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    /// No frames at all.
    #[error("ZRE message: no frames")]
    NoFrames,
    /// The header frame ended inside a field.
    #[error("ZRE message: header frame ends inside field `{0}`")]
    Truncated(&'static str),
    /// The first two octets are not 0xAAA1.
    #[error("ZRE message: signature {0:#06x}, expected 0xaaa1")]
    BadSignature(u16),
    /// A message id ZRE does not define.
    #[error("ZRE message: unknown message id {0}")]
    UnknownId(u8),
    /// A version other than 2.
    #[error("ZRE message: version {0}, expected 2")]
    BadVersion(u8),
    /// A text field that is not UTF-8.
    #[error("ZRE message: field `{0}` is not UTF-8")]
    NotUtf8(&'static str),
    /// Bytes left in the header frame after the last field.
    #[error("ZRE message: {0} bytes after the last field")]
    TrailingBytes(usize),
    /// Content frames after a message that carries none.
    #[error("ZRE message: {extra} unexpected frames after {name}")]
    UnexpectedFrames {
        /// The command whose header frame they followed.
        name: &'static str,
        /// How many.
        extra: usize,
    },
}

/// A message whose fields do not fit ZRE's length prefixes.
///
/// ```
/// use zre::msg::{Body, EncodeError, ZreMsg};
/// let long = "g".repeat(256);
/// let join = ZreMsg::new(1, Body::Join { group: long, status: 0 });
/// assert_eq!(join.encode(), Err(EncodeError::TooLong { field: "group", len: 256, max: 255 }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EncodeError {
    /// A string (1-octet length), long string or list (4-octet length) too long.
    #[error("ZRE message: field `{field}` is {len} long, at most {max} fits")]
    TooLong {
        /// The field.
        field: &'static str,
        /// Its length (bytes, or items for a list).
        len: usize,
        /// The most its length prefix can say.
        max: usize,
    },
}
