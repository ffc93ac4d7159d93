//! Frames -> ZreMsg, as Zyre 2.0.1's `zre_msg_recv` reads them, but strict:
//! trailing bytes, stray frames and non-UTF-8 text are errors, not ignored.

use super::error::DecodeError;
use super::types::{Body, Hello, MessageId, ZreMsg, SIGNATURE, VERSION};
use super::wire::Reader;

impl ZreMsg {
    /// Parses the frames of one message (without a ROUTER's identity frame).
    /// Any malformation is a [`DecodeError`]; no input makes it panic.
    ///
    /// ```
    /// use zre::msg::{Body, DecodeError, ZreMsg};
    /// let frames: [&[u8]; 2] = [&[0xaa, 0xa1, 3, 2, 0, 5, 4, b'C', b'H', b'A', b'T'], b"hi"];
    /// let shout = ZreMsg::decode(&frames)?;
    /// assert_eq!(shout.body, Body::Shout { group: "CHAT".into(), content: vec![b"hi".to_vec()] });
    /// assert_eq!(ZreMsg::decode(&[[0xaa, 0xa1, 3]]), Err(DecodeError::Truncated("version")));
    /// # Ok::<(), DecodeError>(())
    /// ```
    pub fn decode<F: AsRef<[u8]>>(frames: &[F]) -> Result<ZreMsg, DecodeError> {
        let (header, content) = frames.split_first().ok_or(DecodeError::NoFrames)?;
        let mut reader = Reader::new(header.as_ref());
        let signature = reader.u16("signature")?;
        if signature != SIGNATURE {
            return Err(DecodeError::BadSignature(signature));
        }
        let id = MessageId::try_from(reader.u8("id")?).map_err(DecodeError::UnknownId)?;
        let version = reader.u8("version")?;
        if version != VERSION {
            return Err(DecodeError::BadVersion(version));
        }
        let sequence = reader.u16("sequence")?;
        let content_frames = || content.iter().map(|f| f.as_ref().to_vec()).collect();
        let body = match id {
            MessageId::Hello => Body::Hello(Hello {
                endpoint: reader.string("endpoint")?,
                groups: reader.strings("groups")?,
                status: reader.u8("status")?,
                name: reader.string("name")?,
                headers: reader.hash("headers")?,
            }),
            MessageId::Whisper => Body::Whisper {
                content: content_frames(),
            },
            MessageId::Shout => Body::Shout {
                group: reader.string("group")?,
                content: content_frames(),
            },
            MessageId::Join => Body::Join {
                group: reader.string("group")?,
                status: reader.u8("status")?,
            },
            MessageId::Leave => Body::Leave {
                group: reader.string("group")?,
                status: reader.u8("status")?,
            },
            MessageId::Ping => Body::Ping,
            MessageId::PingOk => Body::PingOk,
            MessageId::Elect => Body::Elect {
                group: reader.string("group")?,
                challenger_id: reader.string("challenger_id")?,
            },
            MessageId::Leader => Body::Leader {
                group: reader.string("group")?,
                leader_id: reader.string("leader_id")?,
            },
            MessageId::Goodbye => Body::Goodbye,
        };
        reader.finish()?;
        let carries_content = matches!(id, MessageId::Whisper | MessageId::Shout);
        if !carries_content && !content.is_empty() {
            return Err(DecodeError::UnexpectedFrames {
                name: id.name(),
                extra: content.len(),
            });
        }
        Ok(ZreMsg { sequence, body })
    }
}
