//! The commands a [`Node`](crate::Node) sends its actor over the pipe, as
//! multipart frames (the first names the command).

use crate::PeerId;

pub(crate) enum Command {
    Connect(String),
    Join(String),
    Leave(String),
    Whisper(PeerId, Vec<Vec<u8>>),
    Shout(String, Vec<Vec<u8>>),
    /// Queries: the actor answers on the pipe.
    Peers,
    PeersByGroup(String),
    PeerGroups,
    OwnGroups,
    PeerName(PeerId),
    PeerAddress(PeerId),
    /// Say GOODBYE to every peer and end.
    Stop,
}

impl Command {
    pub(crate) fn into_frames(self) -> Vec<Vec<u8>> {
        let text = |name: &str, arg: String| vec![name.as_bytes().to_vec(), arg.into_bytes()];
        match self {
            Command::Connect(endpoint) => text("CONNECT", endpoint),
            Command::Join(group) => text("JOIN", group),
            Command::Leave(group) => text("LEAVE", group),
            Command::Whisper(peer, content) => {
                let mut frames = vec![b"WHISPER".to_vec(), peer.as_bytes().to_vec()];
                frames.extend(content);
                frames
            }
            Command::Shout(group, content) => {
                let mut frames = text("SHOUT", group);
                frames.extend(content);
                frames
            }
            Command::Peers => vec![b"PEERS".to_vec()],
            Command::PeersByGroup(group) => text("PEERS BY GROUP", group),
            Command::PeerGroups => vec![b"PEER GROUPS".to_vec()],
            Command::OwnGroups => vec![b"OWN GROUPS".to_vec()],
            Command::PeerName(peer) => vec![b"PEER NAME".to_vec(), peer.as_bytes().to_vec()],
            Command::PeerAddress(peer) => {
                vec![b"PEER ADDRESS".to_vec(), peer.as_bytes().to_vec()]
            }
            Command::Stop => vec![b"$TERM".to_vec()],
        }
    }

    /// Parses what [`Command::into_frames`] wrote; `None` for anything else
    /// (only our own Node writes to this pipe).
    pub(crate) fn from_frames(mut frames: Vec<Vec<u8>>) -> Option<Command> {
        if frames.is_empty() {
            return None;
        }
        let name = frames.remove(0);
        let mut args = frames.into_iter();
        let mut text = || args.next().and_then(|f| String::from_utf8(f).ok());
        let command = match name.as_slice() {
            b"CONNECT" => Command::Connect(text()?),
            b"JOIN" => Command::Join(text()?),
            b"LEAVE" => Command::Leave(text()?),
            b"SHOUT" => {
                let group = text()?;
                Command::Shout(group, args.collect())
            }
            b"WHISPER" => {
                let peer = peer_id(&args.next()?)?;
                Command::Whisper(peer, args.collect())
            }
            b"PEERS" => Command::Peers,
            b"PEERS BY GROUP" => Command::PeersByGroup(text()?),
            b"PEER GROUPS" => Command::PeerGroups,
            b"OWN GROUPS" => Command::OwnGroups,
            b"PEER NAME" => Command::PeerName(peer_id(&args.next()?)?),
            b"PEER ADDRESS" => Command::PeerAddress(peer_id(&args.next()?)?),
            b"$TERM" => Command::Stop,
            _ => return None,
        };
        Some(command)
    }
}

fn peer_id(bytes: &[u8]) -> Option<PeerId> {
    bytes.try_into().ok().map(PeerId::from_bytes)
}
