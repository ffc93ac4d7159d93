//! ZreMsg -> frames, as Zyre 2.0.1's `zre_msg_send` writes them.

use super::error::EncodeError;
use super::types::{Body, ZreMsg, SIGNATURE, VERSION};
use super::wire::Writer;

impl ZreMsg {
    /// The frames of this message: the header, then (WHISPER and SHOUT only)
    /// one frame per content part. Fails only when a field is too long for
    /// its length prefix.
    ///
    /// ```
    /// use zre::msg::{Body, ZreMsg};
    /// let whisper = ZreMsg::new(2, Body::Whisper { content: vec![b"hi".to_vec()] });
    /// let frames = whisper.encode()?;
    /// assert_eq!(frames, vec![vec![0xaa, 0xa1, 2, 2, 0, 2], b"hi".to_vec()]);
    /// # Ok::<(), zre::msg::EncodeError>(())
    /// ```
    pub fn encode(&self) -> Result<Vec<Vec<u8>>, EncodeError> {
        let mut header = Writer::new();
        header.u16(SIGNATURE);
        header.u8(self.body.id() as u8);
        header.u8(VERSION);
        header.u16(self.sequence);
        let content = match &self.body {
            Body::Hello(hello) => {
                header.string(&hello.endpoint, "endpoint")?;
                header.strings(&hello.groups, "groups")?;
                header.u8(hello.status);
                header.string(&hello.name, "name")?;
                header.hash(&hello.headers, "headers")?;
                None
            }
            Body::Whisper { content } => Some(content),
            Body::Shout { group, content } => {
                header.string(group, "group")?;
                Some(content)
            }
            Body::Join { group, status } | Body::Leave { group, status } => {
                header.string(group, "group")?;
                header.u8(*status);
                None
            }
            Body::Elect {
                group,
                challenger_id,
            } => {
                header.string(group, "group")?;
                header.string(challenger_id, "challenger_id")?;
                None
            }
            Body::Leader { group, leader_id } => {
                header.string(group, "group")?;
                header.string(leader_id, "leader_id")?;
                None
            }
            Body::Ping | Body::PingOk | Body::Goodbye => None,
        };
        let mut frames = vec![header.into_bytes()];
        frames.extend(content.into_iter().flatten().cloned());
        Ok(frames)
    }
}
