//! The numbers of the ZGP wire format (CZMQ 4.2 `zgossip_msg`).

use std::fmt;

/// The 2-byte signature that opens every ZGP frame: `0xAAA0 | 0`, i.e. the
/// zproto codec signature `0xAAA0` ORed with ZGP's protocol number 0. It is
/// written big-endian, so the frame starts `AA A0`.
///
/// ```
/// assert_eq!(gossip::msg::SIGNATURE.to_be_bytes(), [0xAA, 0xA0]);
/// ```
pub const SIGNATURE: u16 = 0xAAA0;

/// The protocol version byte that follows the id in **every** message. CZMQ
/// rejects any other value as malformed.
///
/// ```
/// assert_eq!(gossip::msg::ZgpMessage::Ping.encode()?[3], gossip::msg::VERSION);
/// # Ok::<(), gossip::msg::EncodeError>(())
/// ```
pub const VERSION: u8 = 1;

/// Longest key on the wire: its length is one byte (a zproto "string").
///
/// ```
/// use gossip::msg::{ZgpMessage, MAX_KEY_LEN};
/// let key = vec![b'k'; MAX_KEY_LEN];
/// assert!(ZgpMessage::publish(key, "v", 0).encode().is_ok());
/// ```
pub const MAX_KEY_LEN: usize = 255;

/// Longest value on the wire: its length is four bytes (a zproto "longstr").
///
/// ```
/// assert_eq!(gossip::msg::MAX_VALUE_LEN as u64, u64::from(u32::MAX));
/// ```
pub const MAX_VALUE_LEN: usize = u32::MAX as usize;

/// Size of the header every message has: signature (2), id (1), version (1).
///
/// ```
/// assert_eq!(gossip::msg::ZgpMessage::Hello.encoded_len(), gossip::msg::HEADER_LEN);
/// ```
pub const HEADER_LEN: usize = 4;

/// Size of a PUBLISH with an empty key and an empty value: header, key length
/// (1), value length (4), ttl (4).
///
/// ```
/// use gossip::msg::{ZgpMessage, PUBLISH_MIN_LEN};
/// assert_eq!(ZgpMessage::publish("", "", 0).encoded_len(), PUBLISH_MIN_LEN);
/// ```
pub const PUBLISH_MIN_LEN: usize = HEADER_LEN + 1 + 4 + 4;

/// The message ids of ZGP, with their wire values.
///
/// ```
/// use gossip::msg::MessageId;
/// assert_eq!(MessageId::from_u8(2), Some(MessageId::Publish));
/// assert_eq!(MessageId::Publish as u8, 2);
/// assert_eq!(MessageId::Publish.name(), "PUBLISH");
/// assert_eq!(MessageId::from_u8(6), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum MessageId {
    /// `HELLO` (1): a client opens its session.
    Hello = 1,
    /// `PUBLISH` (2): one key/value tuple, sent both ways.
    Publish = 2,
    /// `PING` (3): a client keeps its session alive.
    Ping = 3,
    /// `PONG` (4): the server's answer to `PING`.
    Pong = 4,
    /// `INVALID` (5): the server refused a message and dropped the session.
    Invalid = 5,
}

impl MessageId {
    /// Every id, in wire order.
    pub const ALL: [MessageId; 5] = [
        MessageId::Hello,
        MessageId::Publish,
        MessageId::Ping,
        MessageId::Pong,
        MessageId::Invalid,
    ];

    /// The id for a wire byte, or `None` outside 1..=5.
    pub const fn from_u8(byte: u8) -> Option<MessageId> {
        match byte {
            1 => Some(MessageId::Hello),
            2 => Some(MessageId::Publish),
            3 => Some(MessageId::Ping),
            4 => Some(MessageId::Pong),
            5 => Some(MessageId::Invalid),
            _ => None,
        }
    }

    /// The command name CZMQ prints for this id (`zgossip_msg_command`).
    pub const fn name(self) -> &'static str {
        match self {
            MessageId::Hello => "HELLO",
            MessageId::Publish => "PUBLISH",
            MessageId::Ping => "PING",
            MessageId::Pong => "PONG",
            MessageId::Invalid => "INVALID",
        }
    }
}

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl TryFrom<u8> for MessageId {
    type Error = u8;

    /// The id for a wire byte; the byte itself when it is no ZGP id.
    fn try_from(byte: u8) -> Result<Self, u8> {
        MessageId::from_u8(byte).ok_or(byte)
    }
}

impl From<MessageId> for u8 {
    /// The wire byte of an id.
    fn from(id: MessageId) -> u8 {
        id as u8
    }
}
