//! The ZRE beacon payload: Zyre's 22 bytes (54 secure), ours with a state octet, the
//! same bytes czmq's DiscoveryBeacon writes, and hostile datagrams refused.

use zre::beacon::{Beacon, BeaconError, NodeState};

#[test]
fn zyre_beacon_layout_is_magic_version_uuid_port() {
    let uuid: [u8; 16] = core::array::from_fn(|i| i as u8);
    let bytes = Beacon::zyre(uuid, 49152).encode();
    let mut expected = b"ZRE\x01".to_vec();
    expected.extend_from_slice(&uuid);
    expected.extend_from_slice(&[0xc0, 0x00]);
    assert_eq!(bytes, expected);
    let back = Beacon::decode(&bytes).expect("decode");
    assert_eq!((back.uuid, back.port, back.state), (uuid, 49152, None));
    assert!(!back.is_leaving());
    assert!(Beacon::zyre(uuid, 0).is_leaving());
}

#[test]
fn our_state_beacon_matches_czmq_discovery_beacon() {
    for state in [NodeState::Init, NodeState::Running, NodeState::Exit] {
        let ours = Beacon {
            uuid: [9; 16],
            port: 5670,
            state: Some(state),
            public_key: None,
        };
        let czmq = czmq::DiscoveryBeacon::new([9; 16], 5670, state);
        assert_eq!(ours.encode(), czmq.encode().to_vec());
        assert_eq!(Beacon::decode(&czmq.encode()), Ok(ours));
    }
    assert!(Beacon {
        uuid: [9; 16],
        port: 5670,
        state: Some(NodeState::Exit),
        public_key: None,
    }
    .is_leaving());
}

#[test]
fn hostile_beacons_are_refused_with_reasons() {
    let good = Beacon::zyre([1; 16], 1).encode();
    assert_eq!(Beacon::decode(&[]), Err(BeaconError::Length(0)));
    assert_eq!(Beacon::decode(&[0u8; 54]), Err(BeaconError::Magic));
    assert_eq!(Beacon::decode(&[0u8; 53]), Err(BeaconError::Length(53)));
    let mut magic = good.clone();
    magic[0] = b'X';
    assert_eq!(Beacon::decode(&magic), Err(BeaconError::Magic));
    let mut version = good.clone();
    version[3] = 0x03;
    assert_eq!(Beacon::decode(&version), Err(BeaconError::Version(3)));
    let mut state = good;
    state.push(7);
    assert_eq!(Beacon::decode(&state), Err(BeaconError::State(7)));
}

#[test]
fn zyre_secure_beacon_is_version_3_with_the_key_after_the_port() {
    let uuid: [u8; 16] = core::array::from_fn(|i| i as u8);
    let key: [u8; 32] = core::array::from_fn(|i| 100 + i as u8);
    let bytes = Beacon::zyre_secure(uuid, 49152, key).encode();
    let mut expected = b"ZRE\x03".to_vec();
    expected.extend_from_slice(&uuid);
    expected.extend_from_slice(&[0xc0, 0x00]);
    expected.extend_from_slice(&key);
    assert_eq!(bytes, expected);
    let back = Beacon::decode(&bytes).expect("decode");
    assert_eq!(back, Beacon::zyre_secure(uuid, 49152, key));
    // Ours, with the state octet last: 55 bytes.
    let ours = Beacon {
        state: Some(NodeState::Exit),
        ..back
    };
    let bytes = ours.encode();
    assert_eq!(bytes.len(), 55);
    assert_eq!(Beacon::decode(&bytes), Ok(ours));
    assert!(ours.is_leaving());
}

#[test]
fn secure_beacons_with_the_wrong_version_are_refused() {
    let mut secure = Beacon::zyre_secure([1; 16], 1, [2; 32]).encode();
    secure[3] = 0x01;
    assert_eq!(Beacon::decode(&secure), Err(BeaconError::Version(1)));
    let mut bad_state = Beacon::zyre_secure([1; 16], 1, [2; 32]).encode();
    bad_state.push(9);
    assert_eq!(Beacon::decode(&bad_state), Err(BeaconError::State(9)));
}
