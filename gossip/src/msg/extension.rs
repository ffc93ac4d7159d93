//! The messages of our dissemination extension (see [`crate::plumtree`]):
//! IHAVE, PRUNE and GRAFT. They travel only between nodes that have both
//! negotiated the extension (HELLO offer, marked PONG); a CZMQ peer never
//! sees one, and CZMQ's own decoder would refuse their ids as malformed.
//!
//! Each is one frame with ZGP's header (`AA A0`, an id, version 1) and ids
//! far from ZGP's 1..=5, then, big-endian:
//!
//! | id | message | body |
//! |---|---|---|
//! | `0x21` | IHAVE | count (u16, 1..=1024), then count × announcement |
//! | `0x22` | PRUNE | nothing |
//! | `0x23` | GRAFT | one announcement |
//!
//! An announcement is a key (1-byte length, 1..=255 bytes), the clock (u64)
//! and the node id (u64) of a [`Stamp`]. Unlike ZGP's decoder, this one is
//! strict: a frame must end exactly where its message does.
//!
//! ```
//! use gossip::msg::{decode_extension, ExtensionMessage};
//! let frame = ExtensionMessage::Prune.encode()?;
//! assert_eq!(frame, [0xaa, 0xa0, 0x22, 0x01]);
//! assert_eq!(decode_extension(&frame)?, ExtensionMessage::Prune);
//! // ZGP's own decoder refuses it, as CZMQ's would.
//! assert!(gossip::msg::decode(&frame).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::constants::{MAX_KEY_LEN, SIGNATURE, VERSION};
use crate::node::Stamp;
use crate::plumtree::{Announcement, MAX_IHAVE};

/// Id of IHAVE.
pub const IHAVE_ID: u8 = 0x21;
/// Id of PRUNE.
pub const PRUNE_ID: u8 = 0x22;
/// Id of GRAFT.
pub const GRAFT_ID: u8 = 0x23;

/// One message of the dissemination extension.
///
/// ```
/// use gossip::msg::{decode_extension, ExtensionMessage};
/// use gossip::node::Stamp;
/// use gossip::plumtree::Announcement;
/// let a = Announcement { key: b"k".to_vec(), stamp: Stamp { clock: 1, node: 2 } };
/// let m = ExtensionMessage::Graft(a);
/// assert_eq!(decode_extension(&m.encode()?)?, m);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtensionMessage {
    /// These versions exist here: graft them if they do not reach you.
    Ihave(Vec<Announcement>),
    /// Your pushes reach me by another path: send me announcements only.
    Prune,
    /// I lack this version: send it, and push to me eagerly from now on.
    Graft(Announcement),
}

/// Why an extension message cannot be encoded or decoded.
///
/// ```
/// use gossip::msg::{decode_extension, ExtensionError};
/// assert_eq!(decode_extension(&[0xaa, 0xa0, 0x22, 0x01, 0]), Err(ExtensionError::TrailingBytes(1)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExtensionError {
    /// The frame does not start with ZGP's signature and an extension id.
    #[error("not an extension message")]
    NotExtension,
    /// The version byte is not 1.
    #[error("extension message version {0}, expected 1")]
    BadVersion(u8),
    /// The frame ends inside a field.
    #[error("truncated extension message")]
    Truncated,
    /// Bytes follow the message.
    #[error("{0} bytes after the extension message")]
    TrailingBytes(usize),
    /// A key is empty or longer than 255 bytes.
    #[error("announcement key of {0} bytes (1..=255 allowed)")]
    BadKey(usize),
    /// An IHAVE with no announcement, or more than [`MAX_IHAVE`].
    #[error("IHAVE with {0} announcements (1..=1024 allowed)")]
    BadCount(usize),
}

impl From<ExtensionError> for czmq::Error {
    fn from(e: ExtensionError) -> czmq::Error {
        czmq::Error::Decode {
            what: "a ZGP extension field".into(),
            source: czmq::Cause::new(e),
        }
    }
}

/// Whether a frame carries one of the extension's ids (whatever follows).
///
/// ```
/// use gossip::msg::is_extension_frame;
/// assert!(is_extension_frame(&[0xaa, 0xa0, 0x21]));
/// assert!(!is_extension_frame(&[0xaa, 0xa0, 0x02, 0x01])); // a PUBLISH
/// ```
pub fn is_extension_frame(frame: &[u8]) -> bool {
    frame.len() >= 3
        && frame[..2] == SIGNATURE.to_be_bytes()
        && matches!(frame[2], IHAVE_ID | PRUNE_ID | GRAFT_ID)
}

fn check_key(key: &[u8]) -> Result<(), ExtensionError> {
    if key.is_empty() || key.len() > MAX_KEY_LEN {
        return Err(ExtensionError::BadKey(key.len()));
    }
    Ok(())
}

fn put_announcement(a: &Announcement, out: &mut Vec<u8>) -> Result<(), ExtensionError> {
    check_key(&a.key)?;
    out.push(a.key.len() as u8);
    out.extend_from_slice(&a.key);
    out.extend_from_slice(&a.stamp.clock.to_be_bytes());
    out.extend_from_slice(&a.stamp.node.to_be_bytes());
    Ok(())
}

impl ExtensionMessage {
    /// The message's id byte.
    ///
    /// ```
    /// use gossip::msg::{ExtensionMessage, PRUNE_ID};
    /// assert_eq!(ExtensionMessage::Prune.id(), PRUNE_ID);
    /// ```
    pub fn id(&self) -> u8 {
        match self {
            ExtensionMessage::Ihave(_) => IHAVE_ID,
            ExtensionMessage::Prune => PRUNE_ID,
            ExtensionMessage::Graft(_) => GRAFT_ID,
        }
    }

    /// Appends the frame to `out`.
    ///
    /// ```
    /// use gossip::msg::ExtensionMessage;
    /// let mut out = Vec::new();
    /// ExtensionMessage::Prune.encode_into(&mut out)?;
    /// assert_eq!(out.len(), 4);
    /// # Ok::<(), gossip::msg::ExtensionError>(())
    /// ```
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<(), ExtensionError> {
        let start = out.len();
        out.extend_from_slice(&SIGNATURE.to_be_bytes());
        out.push(self.id());
        out.push(VERSION);
        let body = match self {
            ExtensionMessage::Prune => Ok(()),
            ExtensionMessage::Graft(a) => put_announcement(a, out),
            ExtensionMessage::Ihave(list) => {
                if list.is_empty() || list.len() > MAX_IHAVE {
                    Err(ExtensionError::BadCount(list.len()))
                } else {
                    out.extend_from_slice(&(list.len() as u16).to_be_bytes());
                    list.iter().try_for_each(|a| put_announcement(a, out))
                }
            }
        };
        if body.is_err() {
            out.truncate(start);
        }
        body
    }

    /// The frame of this message.
    ///
    /// ```
    /// use gossip::msg::{ExtensionError, ExtensionMessage};
    /// assert_eq!(ExtensionMessage::Ihave(vec![]).encode(), Err(ExtensionError::BadCount(0)));
    /// ```
    pub fn encode(&self) -> Result<Vec<u8>, ExtensionError> {
        let mut out = Vec::new();
        self.encode_into(&mut out)?;
        Ok(out)
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ExtensionError> {
        if n > self.0.len() {
            return Err(ExtensionError::Truncated);
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }

    fn u64(&mut self) -> Result<u64, ExtensionError> {
        let mut b = [0u8; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(u64::from_be_bytes(b))
    }

    fn announcement(&mut self) -> Result<Announcement, ExtensionError> {
        let len = usize::from(self.take(1)?[0]);
        let key = self.take(len)?.to_vec();
        check_key(&key)?;
        let clock = self.u64()?;
        let node = self.u64()?;
        Ok(Announcement {
            key,
            stamp: Stamp { clock, node },
        })
    }
}

/// Decodes one extension frame, strictly: bad header, truncation, trailing
/// bytes, empty or overlong keys and IHAVE counts outside 1..=1024 are errors.
///
/// ```
/// use gossip::msg::{decode_extension, ExtensionError};
/// assert_eq!(decode_extension(&[0xaa, 0xa0, 0x23, 0x01, 5]), Err(ExtensionError::Truncated));
/// assert_eq!(decode_extension(b"GARBAGE"), Err(ExtensionError::NotExtension));
/// ```
pub fn decode_extension(frame: &[u8]) -> Result<ExtensionMessage, ExtensionError> {
    if !is_extension_frame(frame) {
        return Err(ExtensionError::NotExtension);
    }
    let mut r = Reader(&frame[3..]);
    let version = r.take(1)?[0];
    if version != VERSION {
        return Err(ExtensionError::BadVersion(version));
    }
    let message = match frame[2] {
        PRUNE_ID => ExtensionMessage::Prune,
        GRAFT_ID => ExtensionMessage::Graft(r.announcement()?),
        _ => {
            let count_bytes = r.take(2)?;
            let count = usize::from(u16::from_be_bytes([count_bytes[0], count_bytes[1]]));
            if count == 0 || count > MAX_IHAVE {
                return Err(ExtensionError::BadCount(count));
            }
            let list = (0..count)
                .map(|_| r.announcement())
                .collect::<Result<Vec<_>, _>>()?;
            ExtensionMessage::Ihave(list)
        }
    };
    if !r.0.is_empty() {
        return Err(ExtensionError::TrailingBytes(r.0.len()));
    }
    Ok(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(key: &[u8]) -> Announcement {
        Announcement {
            key: key.to_vec(),
            stamp: Stamp {
                clock: 0x0102030405060708,
                node: 9,
            },
        }
    }

    #[test]
    fn graft_bytes() {
        let frame = ExtensionMessage::Graft(a(b"k")).encode().unwrap();
        assert_eq!(
            frame,
            [0xaa, 0xa0, 0x23, 0x01, 1, b'k', 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0, 0, 9]
        );
    }

    #[test]
    fn malformed_frames_are_errors() {
        let good = ExtensionMessage::Ihave(vec![a(b"k"), a(b"k2")])
            .encode()
            .unwrap();
        for cut in 0..good.len() {
            assert!(decode_extension(&good[..cut]).is_err(), "cut at {cut}");
        }
        let mut long = good.clone();
        long.push(0);
        assert_eq!(
            decode_extension(&long),
            Err(ExtensionError::TrailingBytes(1))
        );
        let mut version = good.clone();
        version[3] = 2;
        assert_eq!(
            decode_extension(&version),
            Err(ExtensionError::BadVersion(2))
        );
        assert_eq!(
            decode_extension(&[0xaa, 0xa0, 0x21, 0x01, 0, 0]),
            Err(ExtensionError::BadCount(0))
        );
        assert_eq!(
            decode_extension(&[
                0xaa, 0xa0, 0x23, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
            ]),
            Err(ExtensionError::BadKey(0))
        );
        assert_eq!(
            ExtensionMessage::Graft(a(&[b'k'; 256])).encode(),
            Err(ExtensionError::BadKey(256))
        );
    }
}
