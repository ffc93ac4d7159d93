//! Properties of the codec: every message we can build encodes, decodes
//! back to itself, and no byte string makes the decoder panic. The same
//! for the beacon, in all four forms (plain or secure, with or without our
//! state octet).

use proptest::prelude::*;
use zre::beacon::{Beacon, NodeState};
use zre::msg::{Body, Hello, ZreMsg};

fn short_text() -> impl Strategy<Value = String> {
    // Up to 255 bytes: the 1-octet length of a ZRE string (4-byte chars at most).
    "\\PC{0,60}"
}

fn frames() -> impl Strategy<Value = Vec<Vec<u8>>> {
    prop::collection::vec(prop::collection::vec(any::<u8>(), 0..40), 0..4)
}

fn body() -> impl Strategy<Value = Body> {
    prop_oneof![
        (
            short_text(),
            prop::collection::vec(".{0,30}", 0..4),
            any::<u8>(),
            short_text(),
            prop::collection::vec((short_text(), ".{0,30}"), 0..4),
        )
            .prop_map(
                |(endpoint, groups, status, name, headers)| Body::Hello(Hello {
                    endpoint,
                    groups,
                    status,
                    name,
                    headers,
                })
            ),
        frames().prop_map(|content| Body::Whisper { content }),
        (short_text(), frames()).prop_map(|(group, content)| Body::Shout { group, content }),
        (short_text(), any::<u8>()).prop_map(|(group, status)| Body::Join { group, status }),
        (short_text(), any::<u8>()).prop_map(|(group, status)| Body::Leave { group, status }),
        Just(Body::Ping),
        Just(Body::PingOk),
        (short_text(), short_text()).prop_map(|(group, challenger_id)| Body::Elect {
            group,
            challenger_id
        }),
        (short_text(), short_text())
            .prop_map(|(group, leader_id)| Body::Leader { group, leader_id }),
        Just(Body::Goodbye),
    ]
}

proptest! {
    #[test]
    fn encode_then_decode_is_identity(sequence in any::<u16>(), body in body()) {
        let message = ZreMsg::new(sequence, body);
        let frames = message.encode().expect("fields fit");
        prop_assert_eq!(ZreMsg::decode(&frames), Ok(message));
    }

    #[test]
    fn decoding_any_bytes_never_panics_and_accepted_input_round_trips(
        header in prop::collection::vec(any::<u8>(), 0..64),
        id in 1u8..=10,
        sequence in any::<u16>(),
        rest in prop::collection::vec(any::<u8>(), 0..64),
        content in frames(),
    ) {
        // Raw bytes, and bytes that pass the signature/id/version checks so
        // the field parsers see hostile input too.
        let mut framed = vec![0xaa, 0xa1, id, 2];
        framed.extend_from_slice(&sequence.to_be_bytes());
        framed.extend_from_slice(&rest);
        for header in [header, framed] {
            let mut all = vec![header];
            all.extend(content.iter().cloned());
            if let Ok(message) = ZreMsg::decode(&all) {
                prop_assert_eq!(message.encode().expect("decoded fields fit"), all);
            }
        }
    }

    #[test]
    fn every_beacon_decodes_back_to_itself(
        uuid in any::<[u8; 16]>(),
        port in any::<u16>(),
        state in prop::option::of(0u8..3),
        public_key in prop::option::of(any::<[u8; 32]>()),
    ) {
        let state = state.map(|s| NodeState::try_from(s).expect("a state"));
        let beacon = Beacon { uuid, port, state, public_key };
        prop_assert_eq!(Beacon::decode(&beacon.encode()), Ok(beacon));
    }

    #[test]
    fn decoding_any_beacon_bytes_never_panics_and_accepted_input_round_trips(
        version in prop_oneof![Just(1u8), Just(3u8), any::<u8>()],
        rest in prop::collection::vec(any::<u8>(), 0..60),
    ) {
        let mut bytes = b"ZRE".to_vec();
        bytes.push(version);
        bytes.extend_from_slice(&rest);
        if let Ok(beacon) = Beacon::decode(&bytes) {
            prop_assert_eq!(beacon.encode(), bytes);
        }
    }
}

#[test]
fn hostile_lengths_are_errors_not_allocations() {
    // HELLO whose group count claims 4 billion entries in a 20-byte frame.
    let mut frame = vec![0xaa, 0xa1, 1, 2, 0, 1, 0];
    frame.extend_from_slice(&[0xff, 0xff, 0xff, 0xff]);
    let err = ZreMsg::decode(&[frame]).expect_err("truncated");
    assert_eq!(
        err.to_string(),
        "ZRE message: header frame ends inside field `groups`"
    );
}

#[test]
fn malformed_headers_have_clear_errors() {
    use zre::msg::DecodeError;
    let no_frames: [&[u8]; 0] = [];
    assert_eq!(ZreMsg::decode(&no_frames), Err(DecodeError::NoFrames));
    assert_eq!(
        ZreMsg::decode(&[[0xaa, 0xa2, 6, 2, 0, 1]]),
        Err(DecodeError::BadSignature(0xaaa2))
    );
    assert_eq!(
        ZreMsg::decode(&[[0xaa, 0xa1, 0, 2, 0, 1]]),
        Err(DecodeError::UnknownId(0))
    );
    assert_eq!(
        ZreMsg::decode(&[[0xaa, 0xa1, 6, 1, 0, 1]]),
        Err(DecodeError::BadVersion(1))
    );
    assert_eq!(
        ZreMsg::decode(&[&[0xaa, 0xa1, 6, 2, 0, 1, 9][..]]),
        Err(DecodeError::TrailingBytes(1))
    );
    assert_eq!(
        ZreMsg::decode(&[&[0xaa, 0xa1, 6, 2, 0, 1][..], b"x"]),
        Err(DecodeError::UnexpectedFrames {
            name: "PING",
            extra: 1
        })
    );
    assert_eq!(
        ZreMsg::decode(&[&[0xaa, 0xa1, 4, 2, 0, 1, 1, 0xff, 0][..]]),
        Err(DecodeError::NotUtf8("group"))
    );
}
