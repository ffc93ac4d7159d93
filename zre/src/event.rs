//! What a node tells its application, as Zyre's events do.

use crate::PeerId;

/// One event from a [`Node`](crate::Node): Zyre's ENTER, EXIT, JOIN, LEAVE,
/// WHISPER, SHOUT, EVASIVE and SILENT.
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
        }
    }

    /// The peer the event is about.
    ///
    /// ```
    /// let id = zre::PeerId::from_bytes([5; 16]);
    /// assert_eq!(zre::Event::Silent { peer: id, name: "x".into() }.peer(), id);
    /// ```
    pub fn peer(&self) -> PeerId {
        match self {
            Event::Enter { peer, .. }
            | Event::Exit { peer, .. }
            | Event::Join { peer, .. }
            | Event::Leave { peer, .. }
            | Event::Whisper { peer, .. }
            | Event::Shout { peer, .. }
            | Event::Evasive { peer, .. }
            | Event::Silent { peer, .. } => *peer,
        }
    }
}
