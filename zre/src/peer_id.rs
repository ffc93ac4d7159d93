//! PeerId: a ZRE node's 16-byte UUID, shown as Zyre shows it.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

/// A node's identity: the UUID it announces in beacons and, prefixed by
/// 0x01, as the routing id of the DEALER it talks to each peer with.
/// Displays as 32 uppercase hex digits, like Zyre's `zyre_uuid`.
///
/// ```
/// use zre::PeerId;
/// let id = PeerId::from_bytes([0xab; 16]);
/// assert_eq!(id.to_string(), "AB".repeat(16));
/// assert_eq!(id.to_string().parse::<PeerId>(), Ok(id));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PeerId([u8; 16]);

/// Text that is not 32 hex digits.
///
/// ```
/// assert!("xyz".parse::<zre::PeerId>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("a ZRE peer id is 32 hex digits")]
pub struct ParsePeerIdError;

impl PeerId {
    /// A fresh random (version 4) id.
    ///
    /// ```
    /// assert_ne!(zre::PeerId::random(), zre::PeerId::random());
    /// ```
    pub fn random() -> PeerId {
        PeerId(*czmq::Uuid::new().data())
    }

    /// The id with these bytes.
    ///
    /// ```
    /// assert_eq!(zre::PeerId::from_bytes([1; 16]).as_bytes(), &[1; 16]);
    /// ```
    pub fn from_bytes(bytes: [u8; 16]) -> PeerId {
        PeerId(bytes)
    }

    /// The 16 bytes.
    ///
    /// ```
    /// assert_eq!(zre::PeerId::from_bytes([2; 16]).as_bytes().len(), 16);
    /// ```
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// The routing id of a DEALER that speaks for this node: 0x01 and the
    /// UUID (libzmq reserves routing ids that start with a zero byte).
    ///
    /// ```
    /// let routing = zre::PeerId::from_bytes([9; 16]).routing_id();
    /// assert_eq!((routing[0], routing.len()), (1, 17));
    /// ```
    pub fn routing_id(&self) -> [u8; 17] {
        let mut out = [1u8; 17];
        out[1..].copy_from_slice(&self.0);
        out
    }

    /// The id a ROUTER received a message from, if the routing id has the
    /// ZRE form (17 bytes, the first 0x01).
    ///
    /// ```
    /// use zre::PeerId;
    /// let id = PeerId::from_bytes([3; 16]);
    /// assert_eq!(PeerId::from_routing_id(&id.routing_id()), Some(id));
    /// assert_eq!(PeerId::from_routing_id(b"short"), None);
    /// ```
    pub fn from_routing_id(routing_id: &[u8]) -> Option<PeerId> {
        match routing_id {
            [1, rest @ ..] => rest.try_into().ok().map(PeerId),
            _ => None,
        }
    }
}

impl fmt::Display for PeerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|byte| write!(f, "{byte:02X}"))
    }
}

impl fmt::Debug for PeerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PeerId({self})")
    }
}

impl FromStr for PeerId {
    type Err = ParsePeerIdError;

    fn from_str(text: &str) -> Result<PeerId, ParsePeerIdError> {
        if text.len() != 32 || !text.is_ascii() {
            return Err(ParsePeerIdError);
        }
        let mut bytes = [0u8; 16];
        for (i, byte) in bytes.iter_mut().enumerate() {
            let pair = &text[2 * i..2 * i + 2];
            *byte = u8::from_str_radix(pair, 16).map_err(|_| ParsePeerIdError)?;
        }
        Ok(PeerId(bytes))
    }
}
