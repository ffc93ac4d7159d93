//! The ZGP messages, owned ([`ZgpMessage`]) and borrowed ([`ZgpMessageRef`]).
//!
//! Keys and values are **bytes**, as CZMQ treats them: its decoder copies
//! whatever the frame holds, never checks UTF-8, and its peers echo the bytes
//! back unchanged. Turning them into `String` would either refuse tuples CZMQ
//! accepts or alter bytes (and an altered echo looks like a changed value to
//! CZMQ, which starts an endless exchange). The `*_str` helpers give UTF-8
//! views when the application wants text.

use std::str::Utf8Error;

use super::constants::MessageId;

/// One ZGP message, owning its key and value.
///
/// ```
/// use gossip::msg::ZgpMessage;
/// let m = ZgpMessage::publish("k1", "v1", 0);
/// let frame = m.encode()?;
/// assert_eq!(frame, b"\xaa\xa0\x02\x01\x02k1\x00\x00\x00\x02v1\x00\x00\x00\x00");
/// assert_eq!(ZgpMessage::decode(&frame)?, m);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ZgpMessage {
    /// `HELLO` (`aa a0 01 01`): a client opens its session; the server answers
    /// with one PUBLISH per stored tuple.
    ///
    /// ```
    /// use gossip::msg::ZgpMessage;
    /// assert_eq!(ZgpMessage::Hello.encode()?, [0xaa, 0xa0, 0x01, 0x01]);
    /// # Ok::<(), gossip::msg::EncodeError>(())
    /// ```
    Hello,
    /// `PUBLISH`: one tuple. The key is at most 255 bytes, the value at most
    /// 2^32-1. CZMQ never interprets `ttl` (and its server sends stale values),
    /// so receivers should ignore it and senders write 0.
    ///
    /// ```
    /// use gossip::msg::ZgpMessage;
    /// let m = ZgpMessage::Publish { key: b"k".to_vec(), value: b"v".to_vec(), ttl: 0x01020304 };
    /// assert_eq!(
    ///     m.encode()?,
    ///     [0xaa, 0xa0, 0x02, 0x01, 1, b'k', 0, 0, 0, 1, b'v', 0x01, 0x02, 0x03, 0x04]
    /// );
    /// # Ok::<(), gossip::msg::EncodeError>(())
    /// ```
    Publish {
        /// The tuple's key (1-byte length on the wire).
        key: Vec<u8>,
        /// The tuple's value (4-byte length on the wire).
        value: Vec<u8>,
        /// Time to live in milliseconds: carried, never interpreted by CZMQ.
        ttl: u32,
    },
    /// `PING` (`aa a0 03 01`): keeps a client's session alive.
    ///
    /// ```
    /// use gossip::msg::ZgpMessage;
    /// assert_eq!(ZgpMessage::Ping.encode()?, [0xaa, 0xa0, 0x03, 0x01]);
    /// # Ok::<(), gossip::msg::EncodeError>(())
    /// ```
    Ping,
    /// `PONG` (`aa a0 04 01`): the server's answer to PING.
    ///
    /// ```
    /// use gossip::msg::ZgpMessage;
    /// assert_eq!(ZgpMessage::Pong.encode()?, [0xaa, 0xa0, 0x04, 0x01]);
    /// # Ok::<(), gossip::msg::EncodeError>(())
    /// ```
    Pong,
    /// `INVALID` (`aa a0 05 01`): the server refused a message and forgot the
    /// session; the client should send HELLO again.
    ///
    /// ```
    /// use gossip::msg::ZgpMessage;
    /// assert_eq!(ZgpMessage::Invalid.encode()?, [0xaa, 0xa0, 0x05, 0x01]);
    /// # Ok::<(), gossip::msg::EncodeError>(())
    /// ```
    Invalid,
}

/// One ZGP message borrowing its key and value from a frame: what
/// [`decode_ref`](super::decode_ref) returns without copying, and what a
/// sender can encode straight from its own tuple table.
///
/// ```
/// use gossip::msg::{decode_ref, ZgpMessageRef};
/// let frame = b"\xaa\xa0\x02\x01\x01k\x00\x00\x00\x01v\x00\x00\x00\x00";
/// let m = decode_ref(frame)?;
/// assert_eq!(m, ZgpMessageRef::Publish { key: b"k", value: b"v", ttl: 0 });
/// assert_eq!(m.encode()?, frame);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ZgpMessageRef<'a> {
    /// `HELLO`, see [`ZgpMessage::Hello`].
    Hello,
    /// `PUBLISH`, see [`ZgpMessage::Publish`].
    Publish {
        /// The tuple's key.
        key: &'a [u8],
        /// The tuple's value.
        value: &'a [u8],
        /// Time to live in milliseconds (never interpreted).
        ttl: u32,
    },
    /// `PING`, see [`ZgpMessage::Ping`].
    Ping,
    /// `PONG`, see [`ZgpMessage::Pong`].
    Pong,
    /// `INVALID`, see [`ZgpMessage::Invalid`].
    Invalid,
}

impl ZgpMessage {
    /// A PUBLISH of `key` = `value` with the given ttl (CZMQ senders use 0).
    ///
    /// ```
    /// use gossip::msg::ZgpMessage;
    /// let m = ZgpMessage::publish("k", vec![0xff, 0x00], 0);
    /// assert_eq!(m.value(), Some(&[0xff, 0x00][..]));
    /// ```
    pub fn publish(key: impl Into<Vec<u8>>, value: impl Into<Vec<u8>>, ttl: u32) -> ZgpMessage {
        ZgpMessage::Publish {
            key: key.into(),
            value: value.into(),
            ttl,
        }
    }

    /// A borrowed view of this message (no copy).
    ///
    /// ```
    /// use gossip::msg::{ZgpMessage, ZgpMessageRef};
    /// assert_eq!(ZgpMessage::Ping.borrowed(), ZgpMessageRef::Ping);
    /// ```
    pub fn borrowed(&self) -> ZgpMessageRef<'_> {
        match self {
            ZgpMessage::Hello => ZgpMessageRef::Hello,
            ZgpMessage::Publish { key, value, ttl } => ZgpMessageRef::Publish {
                key,
                value,
                ttl: *ttl,
            },
            ZgpMessage::Ping => ZgpMessageRef::Ping,
            ZgpMessage::Pong => ZgpMessageRef::Pong,
            ZgpMessage::Invalid => ZgpMessageRef::Invalid,
        }
    }

    /// The message's id.
    ///
    /// ```
    /// use gossip::msg::{MessageId, ZgpMessage};
    /// assert_eq!(ZgpMessage::Pong.id(), MessageId::Pong);
    /// ```
    pub fn id(&self) -> MessageId {
        self.borrowed().id()
    }

    /// The key of a PUBLISH, `None` for the other messages.
    ///
    /// ```
    /// use gossip::msg::ZgpMessage;
    /// assert_eq!(ZgpMessage::publish("k", "v", 0).key(), Some(&b"k"[..]));
    /// assert_eq!(ZgpMessage::Hello.key(), None);
    /// ```
    pub fn key(&self) -> Option<&[u8]> {
        self.borrowed().key()
    }

    /// The value of a PUBLISH, `None` for the other messages.
    ///
    /// ```
    /// use gossip::msg::ZgpMessage;
    /// assert_eq!(ZgpMessage::publish("k", "v", 0).value(), Some(&b"v"[..]));
    /// ```
    pub fn value(&self) -> Option<&[u8]> {
        self.borrowed().value()
    }

    /// The ttl of a PUBLISH, `None` for the other messages.
    ///
    /// ```
    /// use gossip::msg::ZgpMessage;
    /// assert_eq!(ZgpMessage::publish("k", "v", 9).ttl(), Some(9));
    /// ```
    pub fn ttl(&self) -> Option<u32> {
        self.borrowed().ttl()
    }

    /// The key of a PUBLISH as UTF-8 text: `None` for other messages,
    /// `Some(Err(_))` when the bytes are not UTF-8.
    ///
    /// ```
    /// use gossip::msg::ZgpMessage;
    /// assert_eq!(ZgpMessage::publish("clé", "v", 0).key_str(), Some(Ok("clé")));
    /// assert!(matches!(ZgpMessage::publish(vec![0xff], "v", 0).key_str(), Some(Err(_))));
    /// ```
    pub fn key_str(&self) -> Option<Result<&str, Utf8Error>> {
        self.key().map(std::str::from_utf8)
    }

    /// The value of a PUBLISH as UTF-8 text, like [`key_str`](Self::key_str).
    ///
    /// ```
    /// use gossip::msg::ZgpMessage;
    /// assert_eq!(ZgpMessage::publish("k", "v1", 0).value_str(), Some(Ok("v1")));
    /// ```
    pub fn value_str(&self) -> Option<Result<&str, Utf8Error>> {
        self.value().map(std::str::from_utf8)
    }
}

impl<'a> ZgpMessageRef<'a> {
    /// The message's id.
    ///
    /// ```
    /// use gossip::msg::{MessageId, ZgpMessageRef};
    /// assert_eq!(ZgpMessageRef::Hello.id(), MessageId::Hello);
    /// ```
    pub fn id(&self) -> MessageId {
        match self {
            ZgpMessageRef::Hello => MessageId::Hello,
            ZgpMessageRef::Publish { .. } => MessageId::Publish,
            ZgpMessageRef::Ping => MessageId::Ping,
            ZgpMessageRef::Pong => MessageId::Pong,
            ZgpMessageRef::Invalid => MessageId::Invalid,
        }
    }

    /// A copy that owns its key and value.
    ///
    /// ```
    /// use gossip::msg::{ZgpMessage, ZgpMessageRef};
    /// let r = ZgpMessageRef::Publish { key: b"k", value: b"v", ttl: 1 };
    /// assert_eq!(r.to_owned_message(), ZgpMessage::publish("k", "v", 1));
    /// ```
    pub fn to_owned_message(&self) -> ZgpMessage {
        match *self {
            ZgpMessageRef::Hello => ZgpMessage::Hello,
            ZgpMessageRef::Publish { key, value, ttl } => ZgpMessage::Publish {
                key: key.to_vec(),
                value: value.to_vec(),
                ttl,
            },
            ZgpMessageRef::Ping => ZgpMessage::Ping,
            ZgpMessageRef::Pong => ZgpMessage::Pong,
            ZgpMessageRef::Invalid => ZgpMessage::Invalid,
        }
    }

    /// The key of a PUBLISH, `None` for the other messages.
    ///
    /// ```
    /// use gossip::msg::ZgpMessageRef;
    /// let r = ZgpMessageRef::Publish { key: b"k", value: b"v", ttl: 0 };
    /// assert_eq!(r.key(), Some(&b"k"[..]));
    /// ```
    pub fn key(&self) -> Option<&'a [u8]> {
        match *self {
            ZgpMessageRef::Publish { key, .. } => Some(key),
            _ => None,
        }
    }

    /// The value of a PUBLISH, `None` for the other messages.
    ///
    /// ```
    /// use gossip::msg::ZgpMessageRef;
    /// let r = ZgpMessageRef::Publish { key: b"k", value: b"v", ttl: 0 };
    /// assert_eq!(r.value(), Some(&b"v"[..]));
    /// ```
    pub fn value(&self) -> Option<&'a [u8]> {
        match *self {
            ZgpMessageRef::Publish { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The ttl of a PUBLISH, `None` for the other messages.
    ///
    /// ```
    /// use gossip::msg::ZgpMessageRef;
    /// assert_eq!(ZgpMessageRef::Ping.ttl(), None);
    /// ```
    pub fn ttl(&self) -> Option<u32> {
        match *self {
            ZgpMessageRef::Publish { ttl, .. } => Some(ttl),
            _ => None,
        }
    }
}

impl From<ZgpMessageRef<'_>> for ZgpMessage {
    fn from(r: ZgpMessageRef<'_>) -> ZgpMessage {
        r.to_owned_message()
    }
}

impl<'a> From<&'a ZgpMessage> for ZgpMessageRef<'a> {
    fn from(m: &'a ZgpMessage) -> ZgpMessageRef<'a> {
        m.borrowed()
    }
}
