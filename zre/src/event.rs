//! What a node tells its application, as Zyre's events do, and the frames
//! that carry them on the node's event socket.

use crate::msg::{pack_hash, unpack_hash};
use crate::PeerId;

/// How many buckets a fresh CZMQ `zhash` has; `zhash_pack` writes bucket by
/// bucket, so this fixes the order of the headers in an ENTER frame.
const ZHASH_BUCKETS: u32 = 255;
/// A zhash holding this many items grows (and reorders): below it, the
/// order [`zhash_order`] computes is Zyre's exactly.
const ZHASH_GROWS_AT: usize = 255 * 75 / 100;

/// One event from a [`Node`](crate::Node): Zyre's ENTER, EXIT, JOIN, LEAVE,
/// WHISPER, SHOUT, EVASIVE, SILENT, STOP and (its draft API's) LEADER.
///
/// On the node's event socket ([`Node::socket`](crate::Node::socket)) each
/// event is one multipart message laid out as Zyre 2.0.1's `zyre_node`
/// sends it: the kind, the peer's UUID (32 upper-case hex digits), its
/// name, then per kind the group, the headers (one frame packed as CZMQ's
/// `zhash_pack`), the endpoint or the content frames. [`Event::to_frames`]
/// and [`Event::from_frames`] convert.
///
/// ```
/// use zre::{Event, PeerId};
/// let event = Event::Join { peer: PeerId::from_bytes([1; 16]), name: "bob".into(), group: "CHAT".into() };
/// assert_eq!(event.kind(), "JOIN");
/// assert_eq!(event.peer(), PeerId::from_bytes([1; 16]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A peer said HELLO: it is now known.
    Enter {
        /// Who.
        peer: PeerId,
        /// Its public name.
        name: String,
        /// Its headers, in the order it sent them.
        headers: Vec<(String, String)>,
        /// The endpoint it listens on.
        endpoint: String,
    },
    /// A peer is gone (it said GOODBYE, went silent past the expired
    /// timeout, broke its message sequence, or said HELLO again after a restart).
    Exit {
        /// Who.
        peer: PeerId,
        /// Its public name.
        name: String,
    },
    /// A peer joined a group.
    Join {
        /// Who.
        peer: PeerId,
        /// Its public name.
        name: String,
        /// The group.
        group: String,
    },
    /// A peer left a group.
    Leave {
        /// Who.
        peer: PeerId,
        /// Its public name.
        name: String,
        /// The group.
        group: String,
    },
    /// A peer sent us a message.
    Whisper {
        /// Who.
        peer: PeerId,
        /// Its public name.
        name: String,
        /// The message's frames.
        content: Vec<Vec<u8>>,
    },
    /// A peer sent a message to a group we are in.
    Shout {
        /// Who.
        peer: PeerId,
        /// Its public name.
        name: String,
        /// The group.
        group: String,
        /// The message's frames.
        content: Vec<Vec<u8>>,
    },
    /// A peer has sent nothing for the evasive timeout; we pinged it.
    Evasive {
        /// Who.
        peer: PeerId,
        /// Its public name.
        name: String,
    },
    /// A peer has not answered our ping for one reap interval either.
    Silent {
        /// Who.
        peer: PeerId,
        /// Its public name.
        name: String,
    },
    /// A leader election in a group we are in has ended
    /// ([`Node::set_contest_in_group`](crate::Node::set_contest_in_group)):
    /// `peer` leads it (this node's own UUID and name when it won).
    Leader {
        /// The leader.
        peer: PeerId,
        /// Its public name.
        name: String,
        /// The group.
        group: String,
    },
    /// This node stopped ([`Node::stop`](crate::Node::stop)): the last
    /// event of a node. `peer` and `name` are the node's own.
    Stop {
        /// This node's UUID.
        peer: PeerId,
        /// This node's name.
        name: String,
    },
}

impl Event {
    /// Zyre's name for this event (`"ENTER"`, `"SHOUT"`...).
    ///
    /// ```
    /// let exit = zre::Event::Exit { peer: zre::PeerId::from_bytes([0; 16]), name: String::new() };
    /// assert_eq!(exit.kind(), "EXIT");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Enter { .. } => "ENTER",
            Event::Exit { .. } => "EXIT",
            Event::Join { .. } => "JOIN",
            Event::Leave { .. } => "LEAVE",
            Event::Whisper { .. } => "WHISPER",
            Event::Shout { .. } => "SHOUT",
            Event::Evasive { .. } => "EVASIVE",
            Event::Silent { .. } => "SILENT",
            Event::Stop { .. } => "STOP",
            Event::Leader { .. } => "LEADER",
        }
    }

    /// The peer the event is about.
    ///
    /// ```
    /// let id = zre::PeerId::from_bytes([5; 16]);
    /// assert_eq!(zre::Event::Silent { peer: id, name: "x".into() }.peer(), id);
    /// ```
    pub fn peer(&self) -> PeerId {
        self.who().0
    }

    /// The name of the peer the event is about (this node's own, for STOP).
    ///
    /// ```
    /// let exit = zre::Event::Exit { peer: zre::PeerId::from_bytes([0; 16]), name: "bob".into() };
    /// assert_eq!(exit.name(), "bob");
    /// ```
    pub fn name(&self) -> &str {
        self.who().1
    }

    /// The UUID and name every event carries first.
    fn who(&self) -> (PeerId, &str) {
        match self {
            Event::Enter { peer, name, .. }
            | Event::Exit { peer, name }
            | Event::Join { peer, name, .. }
            | Event::Leave { peer, name, .. }
            | Event::Leader { peer, name, .. }
            | Event::Whisper { peer, name, .. }
            | Event::Shout { peer, name, .. }
            | Event::Evasive { peer, name }
            | Event::Silent { peer, name }
            | Event::Stop { peer, name } => (*peer, name),
        }
    }

    /// The frames Zyre 2.0.1's node sends for this event on its event
    /// socket: `kind, uuid, name`, then `headers, endpoint` (ENTER),
    /// `group` (JOIN, LEAVE, LEADER), `group, content...` (SHOUT) or `content...`
    /// (WHISPER). ENTER's headers are packed as `zhash_pack` packs the
    /// peer's zhash, in its bucket order (duplicate keys: the first wins, as
    /// in zhash; a key over 255 bytes, which no HELLO can carry, is left out).
    ///
    /// ```
    /// use zre::{Event, PeerId};
    /// let id = PeerId::from_bytes([0xAB; 16]);
    /// let join = Event::Join { peer: id, name: "bob".into(), group: "CHAT".into() };
    /// let frames = join.to_frames();
    /// assert_eq!(frames[0], b"JOIN");
    /// assert_eq!(frames[1], "AB".repeat(16).as_bytes());
    /// assert_eq!(&frames[2..], [b"bob".to_vec(), b"CHAT".to_vec()]);
    /// assert_eq!(Event::from_frames(&frames), Some(join));
    /// ```
    pub fn to_frames(&self) -> Vec<Vec<u8>> {
        let text = |s: &str| s.as_bytes().to_vec();
        let mut frames = vec![
            self.kind().as_bytes().to_vec(),
            self.peer().to_string().into_bytes(),
            text(self.name()),
        ];
        match self {
            Event::Enter {
                headers, endpoint, ..
            } => {
                let packed: Vec<(String, String)> = zhash_order(headers)
                    .into_iter()
                    .filter(|(key, _)| key.len() <= 255)
                    .cloned()
                    .collect();
                // Keys of 255 bytes at most were kept, so packing cannot fail.
                frames.push(pack_hash(&packed).unwrap_or_default());
                frames.push(text(endpoint));
            }
            Event::Join { group, .. }
            | Event::Leave { group, .. }
            | Event::Leader { group, .. } => frames.push(text(group)),
            Event::Whisper { content, .. } => frames.extend(content.iter().cloned()),
            Event::Shout { group, content, .. } => {
                frames.push(text(group));
                frames.extend(content.iter().cloned());
            }
            Event::Exit { .. }
            | Event::Evasive { .. }
            | Event::Silent { .. }
            | Event::Stop { .. } => {}
        }
        frames
    }

    /// Parses one message from a node's event socket (Zyre's or ours), as
    /// `zyre_event_new` does; `None` for anything that is not a whole event
    /// of a kind listed here (a bad UUID, text that is not UTF-8, a
    /// malformed headers frame).
    ///
    /// ```
    /// use zre::Event;
    /// let uuid = "0123456789ABCDEF0123456789ABCDEF";
    /// let exit = Event::from_frames(&[&b"EXIT"[..], uuid.as_bytes(), b"bob"]).unwrap();
    /// assert_eq!(exit.kind(), "EXIT");
    /// assert_eq!(exit.peer().to_string(), uuid);
    /// assert_eq!(Event::from_frames(&[&b"LEADER"[..]]), None); // no UUID, name, group
    /// ```
    pub fn from_frames<T: AsRef<[u8]>>(frames: &[T]) -> Option<Event> {
        let text = |i: usize| -> Option<String> {
            String::from_utf8(frames.get(i)?.as_ref().to_vec()).ok()
        };
        let kind = text(0)?;
        let peer: PeerId = text(1)?.parse().ok()?;
        let name = text(2)?;
        let rest = |from: usize| -> Vec<Vec<u8>> {
            frames
                .iter()
                .skip(from)
                .map(|f| f.as_ref().to_vec())
                .collect()
        };
        let exactly = |n: usize| (frames.len() == n).then_some(());
        Some(match kind.as_str() {
            "ENTER" => {
                exactly(5)?;
                // zhash_unpack reads a frame under 4 bytes as no headers.
                let packed = frames[3].as_ref();
                let headers = match packed.len() < 4 {
                    true => Vec::new(),
                    false => unpack_hash(packed).ok()?,
                };
                Event::Enter {
                    peer,
                    name,
                    headers,
                    endpoint: text(4)?,
                }
            }
            "EXIT" => exactly(3).map(|()| Event::Exit { peer, name })?,
            "EVASIVE" => exactly(3).map(|()| Event::Evasive { peer, name })?,
            "SILENT" => exactly(3).map(|()| Event::Silent { peer, name })?,
            "STOP" => exactly(3).map(|()| Event::Stop { peer, name })?,
            "JOIN" | "LEAVE" | "LEADER" => {
                exactly(4)?;
                let group = text(3)?;
                match kind.as_str() {
                    "JOIN" => Event::Join { peer, name, group },
                    "LEAVE" => Event::Leave { peer, name, group },
                    _ => Event::Leader { peer, name, group },
                }
            }
            "WHISPER" => Event::Whisper {
                peer,
                name,
                content: rest(3),
            },
            "SHOUT" => Event::Shout {
                peer,
                name,
                group: text(3)?,
                content: rest(4),
            },
            _ => return None,
        })
    }
}

/// `headers` in the order CZMQ's `zhash_pack` writes them after Zyre has
/// decoded a HELLO into a zhash and copied it into its peer (`zhash_dup`):
/// by bucket (CZMQ's modified Bernstein hash of the key, modulo 255), and
/// within a bucket in wire order (the decode pushes each item on the
/// bucket's front, the copy reverses that again). A repeated key keeps its
/// first value, as `zhash_insert` refuses the second. Exact below
/// [`ZHASH_GROWS_AT`] items; past that a zhash grows, and the order is
/// still a valid packing but not Zyre's.
fn zhash_order(headers: &[(String, String)]) -> Vec<&(String, String)> {
    let bucket = |key: &str| {
        // C's `char` is signed on the platforms Zyre is built for: a byte
        // over 0x7F is sign-extended before the XOR.
        let hash = key.bytes().fold(0u32, |hash, byte| {
            hash.wrapping_mul(33) ^ (byte as i8 as i32 as u32)
        });
        hash % ZHASH_BUCKETS
    };
    let mut unique: Vec<&(String, String)> = Vec::with_capacity(headers.len());
    for pair in headers {
        if !unique.iter().any(|(key, _)| *key == pair.0) {
            unique.push(pair);
        }
    }
    if unique.len() < ZHASH_GROWS_AT {
        // A stable sort keeps wire order within a bucket.
        unique.sort_by_key(|(key, _)| bucket(key));
    }
    unique
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_take_zhash_bucket_order() {
        // "b" hashes to 98 and "a" to 97: bucket order puts "a" first.
        let headers = vec![
            ("b".to_string(), "2".to_string()),
            ("a".to_string(), "1".to_string()),
            ("a".to_string(), "ignored".to_string()),
        ];
        let order: Vec<&str> = zhash_order(&headers)
            .iter()
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(order, ["a", "b"]);
    }

    #[test]
    fn every_event_survives_its_frames() {
        let peer = PeerId::from_bytes([7; 16]);
        let name = "n".to_string();
        let events = [
            Event::Enter {
                peer,
                name: name.clone(),
                headers: vec![("X-A".into(), "1".into())],
                endpoint: "tcp://127.0.0.1:1".into(),
            },
            Event::Shout {
                peer,
                name: name.clone(),
                group: "G".into(),
                content: vec![b"x".to_vec(), Vec::new()],
            },
            Event::Whisper {
                peer,
                name: name.clone(),
                content: Vec::new(),
            },
            Event::Leader {
                peer,
                name: name.clone(),
                group: "G".into(),
            },
            Event::Stop { peer, name },
        ];
        for event in events {
            assert_eq!(Event::from_frames(&event.to_frames()), Some(event));
        }
    }
}
