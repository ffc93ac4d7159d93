//! The utility classes (zuuid, zchunk, zarmour, zdigest, zrex as Uuid,
//! Chunk, Armour, Digest, Rex): round trips as properties, CZMQ's vectors,
//! and bad input that must give errors, never panics.

use czmq::{Armour, ArmourMode, Chunk, Digest, Frame, Rex, Uuid};
use proptest::prelude::*;

fn armour(mode: ArmourMode, pad: bool, pad_char: u8, line_length: Option<usize>) -> Armour {
    let mut armour = Armour::new();
    armour.set_mode(mode);
    armour.set_pad(pad);
    armour.set_pad_char(pad_char).expect("ASCII pad character");
    if let Some(length) = line_length {
        armour.set_line_breaks(true);
        armour.set_line_length(length);
    }
    armour
}

proptest! {
    #[test]
    fn every_armour_mode_round_trips(
        data in proptest::collection::vec(any::<u8>(), 0..300),
        mode in 0..6i32,
        pad in any::<bool>(),
        pad_char in prop::sample::select(vec![b'=', b'!', b'~', b'.']),
        line_length in proptest::option::of(1usize..100),
    ) {
        let mode = ArmourMode::from_raw(mode).unwrap();
        // '.' is a Z85 digit, so only a mode that never pads can take it.
        prop_assume!(pad_char != b'.' || mode == ArmourMode::Z85);
        let armour = armour(mode, pad, pad_char, line_length);
        let data = if mode == ArmourMode::Z85 {
            &data[..data.len() / 4 * 4]
        } else {
            &data[..]
        };
        let text = armour.encode(data).unwrap();
        prop_assert!(text.is_ascii());
        if let (Some(length), false) = (line_length, mode == ArmourMode::Z85) {
            prop_assert!(text.lines().all(|line| line.len() <= length));
        }
        prop_assert_eq!(armour.decode(&text).unwrap(), data);
    }

    #[test]
    fn decoding_any_text_never_panics(text in "\\PC{0,64}", mode in 0..6i32) {
        let mut armour = Armour::new();
        armour.set_mode(ArmourMode::from_raw(mode).unwrap());
        let _ = armour.decode(&text);
    }

    #[test]
    fn chunk_pack_unpack_round_trips(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let chunk = Chunk::new(&data);
        let frame = chunk.pack();
        prop_assert_eq!(frame.data(), &data[..]);
        let back = Chunk::unpack(&frame);
        prop_assert_eq!(back.data(), &data[..]);
        prop_assert_eq!(back, chunk);
    }

    #[test]
    fn chunk_append_never_passes_max_size(
        max in 0usize..64,
        pieces in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..20), 0..8),
    ) {
        let mut chunk = Chunk::with_max_size(max);
        let mut expected = Vec::new();
        for piece in &pieces {
            let size = chunk.append(piece);
            expected.extend_from_slice(piece);
            expected.truncate(max);
            prop_assert_eq!(size, expected.len());
        }
        prop_assert_eq!(chunk.data(), &expected[..]);
        let mut grown = Chunk::with_max_size(0);
        for piece in &pieces {
            grown.extend(piece);
        }
        prop_assert_eq!(grown.data(), &pieces.concat()[..]);
    }

    #[test]
    fn uuid_text_forms_round_trip(bytes in any::<[u8; 16]>()) {
        let id = Uuid::from_bytes(bytes);
        prop_assert_eq!(Uuid::from_str_lenient(id.str()).unwrap(), id);
        prop_assert_eq!(Uuid::from_str_lenient(id.str_canonical()).unwrap(), id);
        prop_assert_eq!(id.as_uuid().hyphenated().to_string(), id.str_canonical());
    }

    #[test]
    fn rex_never_panics(pattern in "[a-c()|*+?^$.\\[\\]\\\\dws]{0,12}", text in "[a-c0-9 ]{0,12}") {
        let mut rex = Rex::new(&pattern);
        let matched = rex.matches(&text);
        prop_assert_eq!(matched, rex.hits() > 0);
        if !rex.valid() {
            prop_assert!(!matched);
            prop_assert_ne!(rex.strerror(), "No error");
        }
    }
}

#[test]
fn malformed_armour_is_an_error() {
    let cases = [
        (ArmourMode::Base64Std, "Zm9v*"),
        (ArmourMode::Base64Std, "Z"),
        (ArmourMode::Base64Url, "Zm9v+"),
        (ArmourMode::Base32Std, "MZX"),
        (ArmourMode::Base32Std, "MZ1"),
        (ArmourMode::Base32Hex, "W0"),
        (ArmourMode::Base16, "ABC"),
        (ArmourMode::Base16, "GG"),
        (ArmourMode::Z85, "Hell"),
        (ArmourMode::Z85, "Hell,"),
        (ArmourMode::Z85, "%%%%%"),
    ];
    for (mode, text) in cases {
        let mut armour = Armour::new();
        armour.set_mode(mode);
        assert!(armour.decode(text).is_err(), "{mode:?} {text:?}");
    }
    let mut armour = Armour::new();
    armour.set_mode(ArmourMode::Z85);
    assert!(armour.encode(b"abc").is_err());
}

#[test]
fn czmq_line_breaks() {
    let armour = armour(ArmourMode::Base16, true, b'=', Some(64));
    let data: Vec<u8> = (0..=255).collect();
    let text = armour.encode(&data).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(lines.len(), 8);
    assert!(lines.iter().all(|l| l.len() == 64));
    assert_eq!(armour.decode(&text).unwrap(), data);
}

#[test]
fn digest_matches_czmq() {
    let mut digest = Digest::new();
    digest.update(&[0xAA; 1024]);
    assert_eq!(digest.string(), "DEB23807D4FE025E900FE9A9C7D8410C3DDE9671");
    let mut chunk = Chunk::new(b"1234567890");
    assert_eq!(chunk.digest(), "01B307ACBA4F54F55AAFC33BB06BBBF6CA803E9A");
}

#[test]
fn chunk_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data");
    let chunk = Chunk::new(b"hello, file");
    chunk
        .write(&mut std::fs::File::create(&path).unwrap())
        .unwrap();
    assert_eq!(Chunk::slurp(&path, 0).unwrap(), chunk);
    assert!(Chunk::slurp(&path, 5).unwrap().streq("hello"));
    assert!(Chunk::slurp(dir.path().join("missing"), 0).is_err());
    let mut file = std::fs::File::open(&path).unwrap();
    let first = Chunk::read(&mut file, 7).unwrap();
    let rest = Chunk::read(&mut file, 100).unwrap();
    assert!(first.streq("hello, ") && rest.streq("file"));
    assert_eq!(rest.max_size(), 100);
}

#[test]
fn chunk_from_frame_keeps_binary() {
    let frame = Frame::new(&[0, 1, 2, 255]);
    let chunk = Chunk::unpack(&frame);
    assert_eq!(chunk.strhex(), "000102FF");
    assert_eq!(chunk.as_str(), None);
}

#[test]
fn uuid_bad_text_leaves_it_alone() {
    let mut id = Uuid::from_bytes([9; 16]);
    for bad in [
        "",
        "8CB3E9A9649B4BEF8DE225E9C2CEBB3",
        "8CB3E9A9649B4BEF8DE225E9C2CEBB3838",
        "XCB3E9A9649B4BEF8DE225E9C2CEBB38",
        "8CB3E9A9 649B4BEF8DE225E9C2CEBB38",
    ] {
        assert!(id.set_str(bad).is_err(), "{bad:?}");
        assert_eq!(id.data(), &[9; 16]);
    }
}

#[test]
fn rex_czmq_selftest_in_rust() {
    let mut rex = Rex::new(r"(\d+)-(\d+)-(\d+)");
    assert!(!rex.matches("123-456-ABC"));
    assert!(rex.matches("123-456-789"));
    assert_eq!(rex.hits(), 4);
    assert_eq!(rex.fetch(), [Some("123"), Some("456"), Some("789")]);
    let mut rex = Rex::default();
    assert!(!rex.valid());
    assert!(!rex.matches("anything"));
    assert!(rex.eq("Mechanism: CURVE", "Mechanism: (.+)"));
    assert_eq!(rex.hit(1), Some("CURVE"));
    assert_eq!(rex.hit(2), None);
}
