//! Properties of the ZGP codec over random messages and random bytes.

use gossip::msg::{
    decode, decode_ref, fuzz_decode, DecodeError, EncodeError, ZgpMessage, ZgpMessageRef,
    MAX_KEY_LEN, PUBLISH_MIN_LEN,
};
use proptest::prelude::*;

/// Any message the wire can carry: keys up to the 255-byte limit, values of
/// any bytes (kept short so each case stays fast), any ttl.
fn any_message() -> impl Strategy<Value = ZgpMessage> {
    let publish = (
        proptest::collection::vec(any::<u8>(), 0..=MAX_KEY_LEN),
        proptest::collection::vec(any::<u8>(), 0..600),
        any::<u32>(),
    )
        .prop_map(|(key, value, ttl)| ZgpMessage::Publish { key, value, ttl });
    prop_oneof![
        Just(ZgpMessage::Hello),
        Just(ZgpMessage::Ping),
        Just(ZgpMessage::Pong),
        Just(ZgpMessage::Invalid),
        publish,
    ]
}

/// One change to a frame: flip a byte, cut it, or insert a byte.
#[derive(Debug, Clone)]
enum Mutation {
    Set(usize, u8),
    Truncate(usize),
    Insert(usize, u8),
}

fn any_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Set(i, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
    ]
}

fn mutate(frame: &mut Vec<u8>, m: &Mutation) {
    let len = frame.len();
    match *m {
        Mutation::Set(i, b) if len > 0 => frame[i % len] = b,
        Mutation::Set(..) => {}
        Mutation::Truncate(i) => frame.truncate(i % (len + 1)),
        Mutation::Insert(i, b) => frame.insert(i % (len + 1), b),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn decode_inverts_encode(m in any_message()) {
        let frame = m.encode().expect("message within the wire limits");
        prop_assert_eq!(frame.len(), m.encoded_len());
        prop_assert_eq!(decode(&frame), Ok(m.clone()));
        prop_assert_eq!(decode_ref(&frame).map(|r| r.to_owned_message()), Ok(m.clone()));
        prop_assert_eq!(ZgpMessageRef::from(&m).encode(), Ok(frame));
    }

    #[test]
    fn trailing_bytes_are_ignored(m in any_message(), junk in proptest::collection::vec(any::<u8>(), 0..32)) {
        let mut frame = m.encode().expect("encodes");
        frame.extend_from_slice(&junk);
        prop_assert_eq!(decode(&frame), Ok(m));
    }

    #[test]
    fn every_strict_prefix_is_refused(m in any_message()) {
        let frame = m.encode().expect("encodes");
        for len in 0..frame.len() {
            let err = decode(&frame[..len]).expect_err("a cut frame");
            let expected_kind = if len == 0 {
                matches!(err, DecodeError::Empty)
            } else {
                matches!(err, DecodeError::Truncated { .. })
            };
            prop_assert!(expected_kind, "prefix {} gave {:?}", len, err);
        }
    }

    #[test]
    fn long_keys_are_refused_not_cut(extra in 1usize..200, value in proptest::collection::vec(any::<u8>(), 0..16)) {
        let key = vec![b'k'; MAX_KEY_LEN + extra];
        let m = ZgpMessage::publish(key, value, 0);
        prop_assert_eq!(m.encode(), Err(EncodeError::KeyTooLong { len: MAX_KEY_LEN + extra }));
    }

    #[test]
    fn arbitrary_bytes_never_break_the_decoder(data in proptest::collection::vec(any::<u8>(), 0..64)) {
        if let Err(v) = fuzz_decode(&data) {
            prop_assert!(false, "{}", v);
        }
    }

    #[test]
    fn bytes_after_a_valid_header_never_break_the_decoder(
        id in any::<u8>(),
        version in prop_oneof![Just(1u8), any::<u8>()],
        rest in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        // Random bytes rarely start with AA A0; this reaches the id, version
        // and PUBLISH field checks far more often.
        let mut data = vec![0xaa, 0xa0, id, version];
        data.extend_from_slice(&rest);
        if let Err(v) = fuzz_decode(&data) {
            prop_assert!(false, "{}", v);
        }
    }

    #[test]
    fn mutated_valid_frames_never_break_the_decoder(
        m in any_message(),
        mutations in proptest::collection::vec(any_mutation(), 1..4),
    ) {
        let mut frame = m.encode().expect("encodes");
        for mutation in &mutations {
            mutate(&mut frame, mutation);
        }
        if let Err(v) = fuzz_decode(&frame) {
            prop_assert!(false, "{}", v);
        }
    }
}

#[test]
fn smallest_publish_is_thirteen_bytes() {
    let frame = ZgpMessage::publish("", "", 0).encode().expect("encodes");
    assert_eq!(frame, [0xaa, 0xa0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(frame.len(), PUBLISH_MIN_LEN);
}

/// Any message of our dissemination extension within its limits.
fn any_extension() -> impl Strategy<Value = gossip::msg::ExtensionMessage> {
    use gossip::msg::ExtensionMessage;
    use gossip::node::Stamp;
    use gossip::plumtree::Announcement;
    let announcement = (
        proptest::collection::vec(any::<u8>(), 1..=MAX_KEY_LEN),
        any::<u64>(),
        any::<u64>(),
    )
        .prop_map(|(key, clock, node)| Announcement {
            key,
            stamp: Stamp { clock, node },
        });
    prop_oneof![
        Just(ExtensionMessage::Prune),
        announcement.clone().prop_map(ExtensionMessage::Graft),
        proptest::collection::vec(announcement, 1..20).prop_map(ExtensionMessage::Ihave),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// IHAVE/PRUNE/GRAFT round-trip, are refused by ZGP's (CZMQ's) decoder,
    /// and any mutation of one is either refused or re-encodes to itself.
    #[test]
    fn extension_messages_round_trip_and_mutants_are_refused_or_exact(
        m in any_extension(),
        mutation in any_mutation(),
    ) {
        use gossip::msg::{decode_extension, is_extension_frame};
        let frame = m.encode().expect("within limits");
        prop_assert!(is_extension_frame(&frame));
        prop_assert_eq!(decode_extension(&frame), Ok(m));
        let refused = matches!(decode(&frame), Err(DecodeError::UnknownId { .. }));
        prop_assert!(refused, "ZGP's decoder must refuse an extension id");
        let mut bad = frame.clone();
        mutate(&mut bad, &mutation);
        if let Ok(back) = decode_extension(&bad) {
            prop_assert_eq!(back.encode().unwrap(), bad.clone());
        }
        prop_assert!(fuzz_decode(&bad).is_ok());
    }
}
