//! The ZRE discovery beacon (RFC 36): `'Z' 'R' 'E' 0x01`, the sender's
//! 16-byte UUID and its ROUTER's TCP port (big-endian), 22 bytes; port 0
//! announces that the node is leaving.
//!
//! Our extension appends one octet, the node's state (0 INIT, 1 RUNNING,
//! 2 EXIT: czmq's [`NodeState`], the ZRE/zbeacon proposal's state). Beware:
//! Zyre 2.0.1 keeps only beacons of exactly 22 (or 54, secure) bytes, so a
//! Zyre peer ignores the 23-byte form entirely; send the 22-byte form where
//! Zyre nodes listen (`zyre_node_recv_beacon` copies a datagram only when
//! it is 22 or 54 bytes long, and drops the zeroed rest for its version).
//! A [`Node`](crate::Node) sends the 22-byte form unless told otherwise
//! ([`Node::set_beacon_state`](crate::Node::set_beacon_state)).

use thiserror::Error;

pub use czmq::NodeState;

/// Length of Zyre's beacon.
pub const BEACON_LEN: usize = 22;
/// Length of our beacon with its state octet.
pub const BEACON_WITH_STATE_LEN: usize = 23;
/// Length of Zyre's secure (version 3) beacon, which adds a CURVE key.
pub const SECURE_BEACON_LEN: usize = 54;
/// The version octet of the plain beacon.
pub const BEACON_VERSION: u8 = 0x01;

/// A beacon that is not a ZRE beacon we can use.
///
/// ```
/// use zre::beacon::{Beacon, BeaconError};
/// assert_eq!(Beacon::decode(b"ZRE"), Err(BeaconError::Length(3)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BeaconError {
    /// Not 22 or 23 bytes.
    #[error("ZRE beacon: {0} bytes, expected 22 or 23")]
    Length(usize),
    /// Does not start with "ZRE".
    #[error("ZRE beacon: wrong protocol magic")]
    Magic,
    /// A version other than 1 (Zyre's secure beacon is version 3).
    #[error("ZRE beacon: version {0}, expected 1")]
    Version(u8),
    /// A state octet other than 0, 1 or 2.
    #[error("ZRE beacon: unknown node state {0}")]
    State(u8),
}

/// One decoded beacon.
///
/// ```
/// use zre::beacon::{Beacon, NodeState};
/// let beacon = Beacon { uuid: [7; 16], port: 5670, state: Some(NodeState::Running) };
/// let bytes = beacon.encode();
/// assert_eq!(bytes.len(), 23);
/// assert_eq!(Beacon::decode(&bytes), Ok(beacon));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Beacon {
    /// The sender's UUID.
    pub uuid: [u8; 16],
    /// The sender's ROUTER port; 0 when it is leaving.
    pub port: u16,
    /// Our state octet, absent in Zyre's 22-byte form.
    pub state: Option<NodeState>,
}

impl Beacon {
    /// Zyre's 22-byte beacon for this UUID and port.
    ///
    /// ```
    /// let bytes = zre::beacon::Beacon::zyre([0; 16], 0x1626).encode();
    /// assert_eq!(&bytes[..4], b"ZRE\x01");
    /// assert_eq!(&bytes[20..], &[0x16, 0x26]);
    /// ```
    pub fn zyre(uuid: [u8; 16], port: u16) -> Beacon {
        Beacon {
            uuid,
            port,
            state: None,
        }
    }

    /// Whether the sender announces that it is leaving (port 0, or state EXIT).
    ///
    /// ```
    /// assert!(zre::beacon::Beacon::zyre([1; 16], 0).is_leaving());
    /// ```
    pub fn is_leaving(&self) -> bool {
        self.port == 0 || self.state == Some(NodeState::Exit)
    }

    /// The bytes to broadcast: 22 without a state, 23 with one.
    ///
    /// ```
    /// assert_eq!(zre::beacon::Beacon::zyre([1; 16], 1).encode().len(), 22);
    /// ```
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(BEACON_WITH_STATE_LEN);
        out.extend_from_slice(b"ZRE");
        out.push(BEACON_VERSION);
        out.extend_from_slice(&self.uuid);
        out.extend_from_slice(&self.port.to_be_bytes());
        if let Some(state) = self.state {
            out.push(state as u8);
        }
        out
    }

    /// Parses a received datagram (22 or 23 bytes, version 1).
    ///
    /// ```
    /// use zre::beacon::{Beacon, BeaconError};
    /// let mut bytes = Beacon::zyre([2; 16], 9).encode();
    /// bytes[3] = 3;
    /// assert_eq!(Beacon::decode(&bytes), Err(BeaconError::Version(3)));
    /// ```
    pub fn decode(bytes: &[u8]) -> Result<Beacon, BeaconError> {
        if bytes.len() != BEACON_LEN && bytes.len() != BEACON_WITH_STATE_LEN {
            return Err(BeaconError::Length(bytes.len()));
        }
        if &bytes[..3] != b"ZRE" {
            return Err(BeaconError::Magic);
        }
        if bytes[3] != BEACON_VERSION {
            return Err(BeaconError::Version(bytes[3]));
        }
        let mut uuid = [0u8; 16];
        uuid.copy_from_slice(&bytes[4..20]);
        let port = u16::from_be_bytes([bytes[20], bytes[21]]);
        let state = match bytes.get(22) {
            None => None,
            Some(&octet) => {
                Some(NodeState::try_from(octet).map_err(|_| BeaconError::State(octet))?)
            }
        };
        Ok(Beacon { uuid, port, state })
    }
}
