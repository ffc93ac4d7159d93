//! The ZRE discovery beacon (RFC 36): `'Z' 'R' 'E' 0x01`, the sender's
//! 16-byte UUID and its ROUTER's TCP port (big-endian), 22 bytes; port 0
//! announces that the node is leaving.
//!
//! Zyre 2.0.1's secure form, for a node with a CURVE certificate: version
//! `0x03` and the node's 32-byte CURVE public key after the port, 54 bytes.
//! A node that hears it knows the key its DEALER needs to reach the
//! sender's ROUTER, a CURVE server. Zyre keeps only beacons of its own
//! version: a secure node drops 22-byte beacons (and secure beacons whose
//! key starts with a zero byte, its test for "no key"), a plain node drops
//! 54-byte ones.
//!
//! Our extension appends one octet, the node's state (0 INIT, 1 RUNNING,
//! 2 EXIT: czmq's [`NodeState`], the ZRE/zbeacon proposal's state), to
//! either form: 23 or 55 bytes. Beware: Zyre 2.0.1 keeps only beacons of
//! exactly 22 or 54 bytes, so a Zyre peer ignores the forms with a state
//! entirely; send those without it where Zyre nodes listen
//! (`zyre_node_recv_beacon` copies a datagram only when it is 22 or 54
//! bytes long). A [`Node`](crate::Node) sends the stateless form unless
//! told otherwise ([`Node::set_beacon_state`](crate::Node::set_beacon_state)).

use thiserror::Error;

pub use czmq::NodeState;

/// Length of Zyre's beacon.
pub const BEACON_LEN: usize = 22;
/// Length of our beacon with its state octet.
pub const BEACON_WITH_STATE_LEN: usize = 23;
/// Length of Zyre's secure (version 3) beacon, which adds a CURVE key.
pub const SECURE_BEACON_LEN: usize = 54;
/// Length of our secure beacon with its state octet.
///
/// ```
/// use zre::beacon::{Beacon, NodeState, SECURE_BEACON_WITH_STATE_LEN};
/// let beacon = Beacon { state: Some(NodeState::Running), ..Beacon::zyre_secure([1; 16], 2, [3; 32]) };
/// assert_eq!(beacon.encode().len(), SECURE_BEACON_WITH_STATE_LEN);
/// ```
pub const SECURE_BEACON_WITH_STATE_LEN: usize = 55;
/// The version octet of the plain beacon.
pub const BEACON_VERSION: u8 = 0x01;
/// The version octet of the secure beacon (Zyre's `BEACON_VERSION_V3`).
///
/// ```
/// let bytes = zre::beacon::Beacon::zyre_secure([1; 16], 2, [3; 32]).encode();
/// assert_eq!(bytes[3], zre::beacon::SECURE_BEACON_VERSION);
/// ```
pub const SECURE_BEACON_VERSION: u8 = 0x03;
/// Length of the CURVE public key a secure beacon carries.
///
/// ```
/// # if !czmq::has("curve") { return Ok(()); }
/// let cert = czmq::Cert::new()?;
/// assert_eq!(cert.public_key().len(), zre::beacon::PUBLIC_KEY_LEN);
/// # Ok::<(), czmq::Error>(())
/// ```
pub const PUBLIC_KEY_LEN: usize = 32;

/// A beacon that is not a ZRE beacon we can use.
///
/// ```
/// use zre::beacon::{Beacon, BeaconError};
/// assert_eq!(Beacon::decode(b"ZRE"), Err(BeaconError::Length(3)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BeaconError {
    /// Not 22, 23, 54 or 55 bytes.
    #[error("ZRE beacon: {0} bytes, expected 22 or 23 (plain), 54 or 55 (secure)")]
    Length(usize),
    /// Does not start with "ZRE".
    #[error("ZRE beacon: wrong protocol magic")]
    Magic,
    /// A version that does not go with the length: 1 for 22 or 23 bytes,
    /// 3 for 54 or 55.
    #[error("ZRE beacon: version {0} does not match its length")]
    Version(u8),
    /// A state octet other than 0, 1 or 2.
    #[error("ZRE beacon: unknown node state {0}")]
    State(u8),
}

/// One decoded beacon.
///
/// ```
/// use zre::beacon::{Beacon, NodeState};
/// let beacon = Beacon { uuid: [7; 16], port: 5670, state: Some(NodeState::Running), public_key: None };
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
    /// Our state octet, absent in Zyre's forms.
    pub state: Option<NodeState>,
    /// The sender's CURVE public key: present in the secure (version 3)
    /// form only.
    pub public_key: Option<[u8; PUBLIC_KEY_LEN]>,
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
            public_key: None,
        }
    }

    /// Zyre's 54-byte secure beacon: this UUID and port, and the sender's
    /// CURVE public key.
    ///
    /// ```
    /// let bytes = zre::beacon::Beacon::zyre_secure([0; 16], 5670, [9; 32]).encode();
    /// assert_eq!(bytes.len(), 54);
    /// assert_eq!(&bytes[..4], b"ZRE\x03");
    /// assert_eq!(&bytes[22..], &[9; 32]);
    /// ```
    pub fn zyre_secure(uuid: [u8; 16], port: u16, public_key: [u8; PUBLIC_KEY_LEN]) -> Beacon {
        Beacon {
            public_key: Some(public_key),
            ..Beacon::zyre(uuid, port)
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

    /// The bytes to broadcast: 22 (54 with a key) without a state, one
    /// more with one.
    ///
    /// ```
    /// assert_eq!(zre::beacon::Beacon::zyre([1; 16], 1).encode().len(), 22);
    /// ```
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(SECURE_BEACON_WITH_STATE_LEN);
        out.extend_from_slice(b"ZRE");
        out.push(match self.public_key {
            Some(_) => SECURE_BEACON_VERSION,
            None => BEACON_VERSION,
        });
        out.extend_from_slice(&self.uuid);
        out.extend_from_slice(&self.port.to_be_bytes());
        if let Some(key) = &self.public_key {
            out.extend_from_slice(key);
        }
        if let Some(state) = self.state {
            out.push(state as u8);
        }
        out
    }

    /// Parses a received datagram: 22 or 23 bytes with version 1, 54 or 55
    /// with version 3.
    ///
    /// ```
    /// use zre::beacon::{Beacon, BeaconError};
    /// let mut bytes = Beacon::zyre([2; 16], 9).encode();
    /// bytes[3] = 3;
    /// assert_eq!(Beacon::decode(&bytes), Err(BeaconError::Version(3)));
    /// ```
    pub fn decode(bytes: &[u8]) -> Result<Beacon, BeaconError> {
        let (version, key_len) = match bytes.len() {
            BEACON_LEN | BEACON_WITH_STATE_LEN => (BEACON_VERSION, 0),
            SECURE_BEACON_LEN | SECURE_BEACON_WITH_STATE_LEN => {
                (SECURE_BEACON_VERSION, PUBLIC_KEY_LEN)
            }
            other => return Err(BeaconError::Length(other)),
        };
        if &bytes[..3] != b"ZRE" {
            return Err(BeaconError::Magic);
        }
        if bytes[3] != version {
            return Err(BeaconError::Version(bytes[3]));
        }
        let mut uuid = [0u8; 16];
        uuid.copy_from_slice(&bytes[4..20]);
        let port = u16::from_be_bytes([bytes[20], bytes[21]]);
        let public_key = bytes[BEACON_LEN..BEACON_LEN + key_len]
            .try_into()
            .ok()
            .filter(|_| key_len > 0);
        let state = match bytes.get(BEACON_LEN + key_len) {
            None => None,
            Some(&octet) => {
                Some(NodeState::try_from(octet).map_err(|_| BeaconError::State(octet))?)
            }
        };
        Ok(Beacon {
            uuid,
            port,
            state,
            public_key,
        })
    }
}
