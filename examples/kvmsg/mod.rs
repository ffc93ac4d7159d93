//! kvmsg (Guide, chapter 5): the key-value message of the Clone pattern
//! from model 5 on. Five frames: key, sequence number (8 bytes, network
//! byte order), UUID (16 bytes), properties ("name=value\n" each), body.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

use czmq::{zclock, AsSocket, Error, Flags, Frame, Msg};

/// One key-value update with its properties.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KvMsg {
    pub key: String,
    pub sequence: i64,
    pub uuid: Vec<u8>,
    pub props: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl KvMsg {
    pub fn new(key: &str, sequence: i64, body: &[u8]) -> KvMsg {
        KvMsg {
            key: key.to_owned(),
            sequence,
            body: body.to_vec(),
            ..KvMsg::default()
        }
    }

    /// Receives one kvmsg; [`Error::Malformed`] unless it has five frames.
    pub fn recv(socket: &impl AsSocket) -> Result<KvMsg, Error> {
        KvMsg::from_msg(Msg::recv(socket)?)
    }

    /// Decodes the five frames of a kvmsg.
    pub fn from_msg(msg: Msg) -> Result<KvMsg, Error> {
        let malformed =
            || Error::Malformed("a kvmsg is key, sequence, uuid, properties, body".into());
        let frames: Vec<Frame> = msg.into_iter().collect();
        let [key, sequence, uuid, props, body] =
            <[Frame; 5]>::try_from(frames).map_err(|_| malformed())?;
        let sequence: [u8; 8] = sequence.data().try_into().map_err(|_| malformed())?;
        let props = String::from_utf8(props.data().to_vec())?;
        let props = props
            .lines()
            .filter_map(|line| line.split_once('='))
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect();
        Ok(KvMsg {
            key: String::from_utf8(key.data().to_vec())?,
            sequence: i64::from_be_bytes(sequence),
            uuid: uuid.data().to_vec(),
            props,
            body: body.data().to_vec(),
        })
    }

    /// Sends the kvmsg as the last part of a message.
    pub fn send(&self, socket: &impl AsSocket) -> Result<(), Error> {
        let more = Flags::MORE;
        let props: String = self
            .props
            .iter()
            .map(|(n, v)| format!("{n}={v}\n"))
            .collect();
        Frame::from(self.key.as_str()).send_with(socket, more)?;
        Frame::new(&self.sequence.to_be_bytes()).send_with(socket, more)?;
        Frame::new(&self.uuid).send_with(socket, more)?;
        Frame::from(props).send_with(socket, more)?;
        Frame::new(&self.body).send(socket)
    }

    /// A property's value.
    pub fn prop(&self, name: &str) -> Option<&str> {
        self.props
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Sets (or replaces) a property.
    pub fn set_prop(&mut self, name: &str, value: &str) {
        self.props.retain(|(n, _)| n != name);
        self.props.push((name.to_owned(), value.to_owned()));
    }

    /// Gives the message a fresh random UUID.
    pub fn set_uuid(&mut self) {
        let half = || {
            let mut h = RandomState::new().build_hasher();
            h.write_i64(zclock::usecs());
            h.finish().to_be_bytes()
        };
        self.uuid = [half(), half()].concat();
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
