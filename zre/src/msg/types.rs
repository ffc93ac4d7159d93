//! The ZRE message types: what each kind of message carries.

/// The two octets every ZRE header frame starts with (`0xAAA0 | 1`).
pub const SIGNATURE: u16 = 0xAAA1;

/// The protocol version every ZRE message carries (Zyre 2.0.1 refuses others).
pub const VERSION: u8 = 2;

/// The message id octet that follows the signature.
///
/// ```
/// use zre::msg::MessageId;
/// assert_eq!(MessageId::try_from(3), Ok(MessageId::Shout));
/// assert_eq!(MessageId::Shout.name(), "SHOUT");
/// assert!(MessageId::try_from(11).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageId {
    /// Greet a peer so it can connect back to us.
    Hello = 1,
    /// A multi-part message to one peer.
    Whisper = 2,
    /// A multi-part message to a group.
    Shout = 3,
    /// The sender joined a group.
    Join = 4,
    /// The sender left a group.
    Leave = 5,
    /// Are you still there?
    Ping = 6,
    /// Yes, still here.
    PingOk = 7,
    /// A leader election challenge (Zyre's draft election).
    Elect = 8,
    /// The elected leader of a group (Zyre's draft election).
    Leader = 9,
    /// The sender is leaving (Zyre 2.0.1 sends it on stop in its gossip
    /// mode only: after `SET ENDPOINT` or a gossip bind/connect).
    Goodbye = 10,
}

impl MessageId {
    /// The command name Zyre prints (`"PING_OK"` for [`MessageId::PingOk`]).
    ///
    /// ```
    /// assert_eq!(zre::msg::MessageId::PingOk.name(), "PING_OK");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            MessageId::Hello => "HELLO",
            MessageId::Whisper => "WHISPER",
            MessageId::Shout => "SHOUT",
            MessageId::Join => "JOIN",
            MessageId::Leave => "LEAVE",
            MessageId::Ping => "PING",
            MessageId::PingOk => "PING_OK",
            MessageId::Elect => "ELECT",
            MessageId::Leader => "LEADER",
            MessageId::Goodbye => "GOODBYE",
        }
    }
}

impl TryFrom<u8> for MessageId {
    /// The unknown id itself.
    type Error = u8;

    fn try_from(id: u8) -> Result<MessageId, u8> {
        Ok(match id {
            1 => MessageId::Hello,
            2 => MessageId::Whisper,
            3 => MessageId::Shout,
            4 => MessageId::Join,
            5 => MessageId::Leave,
            6 => MessageId::Ping,
            7 => MessageId::PingOk,
            8 => MessageId::Elect,
            9 => MessageId::Leader,
            10 => MessageId::Goodbye,
            other => return Err(other),
        })
    }
}

/// What a HELLO carries: how to reach the sender and what it is in.
///
/// ```
/// use zre::msg::Hello;
/// let hello = Hello {
///     endpoint: "tcp://127.0.0.1:5670".into(),
///     groups: vec!["CHAT".into()],
///     status: 1,
///     name: "alice".into(),
///     headers: vec![("X-ROLE".into(), "demo".into())],
/// };
/// assert_eq!(hello.groups.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Hello {
    /// The endpoint the sender's ROUTER listens on (up to 255 bytes).
    pub endpoint: String,
    /// The groups the sender is in.
    pub groups: Vec<String>,
    /// The sender's group status counter (bumped on each JOIN/LEAVE).
    pub status: u8,
    /// The sender's public name (up to 255 bytes).
    pub name: String,
    /// The sender's headers, in wire order (keys up to 255 bytes).
    pub headers: Vec<(String, String)>,
}

/// The fields of one ZRE message, by kind.
///
/// ```
/// use zre::msg::{Body, MessageId};
/// let shout = Body::Shout { group: "CHAT".into(), content: vec![b"hi".to_vec()] };
/// assert_eq!(shout.id(), MessageId::Shout);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// HELLO.
    Hello(Hello),
    /// WHISPER: content frames for one peer.
    Whisper {
        /// The application's frames (zero or more).
        content: Vec<Vec<u8>>,
    },
    /// SHOUT: content frames for a group.
    Shout {
        /// The group (up to 255 bytes).
        group: String,
        /// The application's frames (zero or more).
        content: Vec<Vec<u8>>,
    },
    /// JOIN.
    Join {
        /// The group joined.
        group: String,
        /// The sender's group status after joining.
        status: u8,
    },
    /// LEAVE.
    Leave {
        /// The group left.
        group: String,
        /// The sender's group status after leaving.
        status: u8,
    },
    /// PING.
    Ping,
    /// PING-OK.
    PingOk,
    /// ELECT.
    Elect {
        /// The group of the election.
        group: String,
        /// The challenger's id (Zyre sends its UUID as hex).
        challenger_id: String,
    },
    /// LEADER.
    Leader {
        /// The group of the election.
        group: String,
        /// The leader's id (Zyre sends its UUID as hex).
        leader_id: String,
    },
    /// GOODBYE.
    Goodbye,
}

impl Body {
    /// This body's message id.
    ///
    /// ```
    /// assert_eq!(zre::msg::Body::Ping.id(), zre::msg::MessageId::Ping);
    /// ```
    pub fn id(&self) -> MessageId {
        match self {
            Body::Hello(_) => MessageId::Hello,
            Body::Whisper { .. } => MessageId::Whisper,
            Body::Shout { .. } => MessageId::Shout,
            Body::Join { .. } => MessageId::Join,
            Body::Leave { .. } => MessageId::Leave,
            Body::Ping => MessageId::Ping,
            Body::PingOk => MessageId::PingOk,
            Body::Elect { .. } => MessageId::Elect,
            Body::Leader { .. } => MessageId::Leader,
            Body::Goodbye => MessageId::Goodbye,
        }
    }
}

/// One ZRE message: its sequence number and its fields.
///
/// ```
/// use zre::msg::{Body, ZreMsg};
/// let join = ZreMsg::new(2, Body::Join { group: "CHAT".into(), status: 1 });
/// assert_eq!(join.sequence, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZreMsg {
    /// The sender's cyclic sequence number (HELLO is 1; each message after
    /// it is one more, wrapping at 65535).
    pub sequence: u16,
    /// What the message says.
    pub body: Body,
}

impl ZreMsg {
    /// A message with this sequence number and body.
    ///
    /// ```
    /// let ping = zre::msg::ZreMsg::new(9, zre::msg::Body::Ping);
    /// assert_eq!(ping.body.id().name(), "PING");
    /// ```
    pub fn new(sequence: u16, body: Body) -> ZreMsg {
        ZreMsg { sequence, body }
    }
}
