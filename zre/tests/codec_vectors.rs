//! The codec against frames captured from Zyre 2.0.1's own zre_msg.c (see
//! tests/vectors/README.md): each decodes to the message we expect and
//! encodes back to the same bytes.

use std::path::Path;

use zre::msg::{Body, Hello, ZreMsg};

/// A vector file: one lowercase-hex line per frame (an empty line is an
/// empty frame).
fn load(name: &str) -> Vec<Vec<u8>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(format!("{name}.hex"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = text.strip_suffix('\n').unwrap_or(&text);
    text.split('\n')
        .map(|line| hex::decode(line).unwrap_or_else(|e| panic!("{name}: {e}")))
        .collect()
}

fn expected() -> Vec<(&'static str, ZreMsg)> {
    let group = || "CHAT".to_string();
    vec![
        (
            "hello",
            ZreMsg::new(
                1,
                Body::Hello(Hello {
                    endpoint: "tcp://192.168.1.20:49152".into(),
                    groups: vec!["CHAT".into(), "GLOBAL".into()],
                    status: 2,
                    name: "node-A".into(),
                    headers: vec![("X-HELLO".into(), "World".into())],
                }),
            ),
        ),
        (
            "hello_bare",
            ZreMsg::new(
                1,
                Body::Hello(Hello {
                    endpoint: "tcp://127.0.0.1:5670".into(),
                    ..Hello::default()
                }),
            ),
        ),
        (
            "whisper",
            ZreMsg::new(
                2,
                Body::Whisper {
                    content: vec![b"Hello, peer".to_vec()],
                },
            ),
        ),
        (
            "whisper_multipart",
            ZreMsg::new(
                3,
                Body::Whisper {
                    content: vec![b"part one".to_vec(), vec![], vec![0, 0xff, 1]],
                },
            ),
        ),
        (
            "whisper_no_content",
            ZreMsg::new(
                4,
                Body::Whisper {
                    content: vec![vec![]],
                },
            ),
        ),
        (
            "shout",
            ZreMsg::new(
                65535,
                Body::Shout {
                    group: group(),
                    content: vec![b"Hello, group".to_vec()],
                },
            ),
        ),
        (
            "join",
            ZreMsg::new(
                5,
                Body::Join {
                    group: group(),
                    status: 3,
                },
            ),
        ),
        (
            "leave",
            ZreMsg::new(
                6,
                Body::Leave {
                    group: group(),
                    status: 4,
                },
            ),
        ),
        ("ping", ZreMsg::new(7, Body::Ping)),
        ("ping_ok", ZreMsg::new(8, Body::PingOk)),
        (
            "elect",
            ZreMsg::new(
                9,
                Body::Elect {
                    group: group(),
                    challenger_id: "0123456789ABCDEF0123456789ABCDEF".into(),
                },
            ),
        ),
        (
            "leader",
            ZreMsg::new(
                10,
                Body::Leader {
                    group: group(),
                    leader_id: "FEDCBA9876543210FEDCBA9876543210".into(),
                },
            ),
        ),
        ("goodbye", ZreMsg::new(11, Body::Goodbye)),
    ]
}

#[test]
fn zyre_frames_decode_to_the_expected_messages() {
    for (name, message) in expected() {
        let frames = load(name);
        assert_eq!(ZreMsg::decode(&frames).as_ref(), Ok(&message), "{name}");
    }
}

#[test]
fn our_encoding_matches_zyre_byte_for_byte() {
    for (name, message) in expected() {
        assert_eq!(message.encode().expect(name), load(name), "{name}");
    }
}

#[test]
fn every_vector_file_round_trips() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).expect("vectors dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "hex") {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("name")
                .to_string();
            let frames = load(&name);
            let decoded = ZreMsg::decode(&frames).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(decoded.encode().expect("encode"), frames, "{name}");
            checked += 1;
        }
    }
    assert_eq!(checked, expected().len());
}
