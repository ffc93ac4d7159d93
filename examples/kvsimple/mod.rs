//! kvsimple (Guide, chapter 5): the key-value message of the Clone pattern,
//! models 1 to 4. Three frames: key, sequence number (8 bytes, network byte
//! order), body.

use std::collections::HashMap;

use czmq::{AsSocket, Error, Flags, Frame, Msg};

/// One key-value update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KvMsg {
    pub key: String,
    pub sequence: i64,
    pub body: Vec<u8>,
}

impl KvMsg {
    pub fn new(key: &str, sequence: i64, body: &[u8]) -> KvMsg {
        KvMsg {
            key: key.to_owned(),
            sequence,
            body: body.to_vec(),
        }
    }

    /// Receives one kvmsg; [`Error::Malformed`] if it is not three frames.
    pub fn recv(socket: &impl AsSocket) -> Result<KvMsg, Error> {
        KvMsg::from_msg(Msg::recv(socket)?)
    }

    /// Decodes the three frames of a kvmsg.
    pub fn from_msg(msg: Msg) -> Result<KvMsg, Error> {
        let malformed = || Error::Malformed("a kvmsg is key, sequence, body".into());
        let [key, sequence, body] =
            <[Frame; 3]>::try_from(msg.into_iter().collect::<Vec<_>>()).map_err(|_| malformed())?;
        let sequence: [u8; 8] = sequence.data().try_into().map_err(|_| malformed())?;
        Ok(KvMsg {
            key: String::from_utf8(key.data().to_vec())?,
            sequence: i64::from_be_bytes(sequence),
            body: body.data().to_vec(),
        })
    }

    /// Sends the kvmsg; `more` if frames of the same message follow it.
    pub fn send(&self, socket: &impl AsSocket) -> Result<(), Error> {
        let more = Flags::MORE;
        Frame::from(self.key.as_str()).send_with(socket, more)?;
        Frame::new(&self.sequence.to_be_bytes()).send_with(socket, more)?;
        Frame::new(&self.body).send(socket)
    }

    /// Stores the update in a key-value map (an empty body deletes the key).
    pub fn store(self, map: &mut HashMap<String, KvMsg>) {
        if self.body.is_empty() {
            map.remove(&self.key);
        } else {
            map.insert(self.key.clone(), self);
        }
    }
}
