//! The golden ZGP frames captured from the real CZMQ 4.2.1
//! (`tests/vectors/zgossip.json`, a copy of the project's shared vectors):
//! every `zgp.*` frame is reproduced byte for byte by encoding the message it
//! carries and decodes back to that message; every `zgp.malformed.*` frame
//! is refused with the right error; the `zmtp.frame.*` captures carry one
//! ZGP body each.

use gossip::msg::{
    czmq_wire_key, decode, decode_frames, decode_ref, decode_routed, fuzz_decode, DecodeError,
    EncodeError, Field, MessageId, ZgpMessage,
};
use serde_json::Value;

/// One captured vector: its name and its frames, decoded from hex.
struct Vector {
    name: String,
    frames: Vec<Vec<u8>>,
}

fn load_vectors() -> Vec<Vector> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/zgossip.json");
    let text = std::fs::read_to_string(path).expect("vectors file is readable");
    let json: Value = serde_json::from_str(&text).expect("vectors file is JSON");
    assert_eq!(
        json["czmq_version"], "4.2.1",
        "vectors come from CZMQ 4.2.1"
    );
    let list = json["vectors"].as_array().expect("`vectors` is an array");
    list.iter()
        .map(|v| Vector {
            name: v["name"].as_str().expect("vector name").to_owned(),
            frames: v["frames"]
                .as_array()
                .expect("vector frames")
                .iter()
                .map(|f| hex::decode(f.as_str().expect("hex frame")).expect("valid hex"))
                .collect(),
        })
        .collect()
}

/// What a `zgp.*` vector must show.
enum Expect {
    /// One frame that is exactly `encode(message)`.
    Exact(ZgpMessage),
    /// One frame: `encode(message)` followed by `trailing` ignored bytes.
    Trailing(ZgpMessage, usize),
    /// A ROUTER's view: `[routing-id][encode(message)]`.
    Routed(ZgpMessage),
    /// A PUBLISH whose application key CZMQ cut to 255 bytes on the wire.
    CutKey {
        app_key: Vec<u8>,
        value: &'static str,
        ttl: u32,
    },
    /// A frame (or multi-frame message) CZMQ calls malformed.
    Malformed(DecodeError),
    /// Nothing was sent at all.
    Silence,
}

fn publish(key: &str, value: &str, ttl: u32) -> Expect {
    Expect::Exact(ZgpMessage::publish(key, value, ttl))
}

/// The message (or error) each `zgp.*` vector carries, read from the
/// vector's note in the file and from the wire format in the spec.
fn expectations() -> Vec<(&'static str, Expect)> {
    use Expect::*;
    use ZgpMessage::{Hello, Invalid, Ping, Pong};
    let stale_ttl = 0x0102_0304;
    vec![
        ("zgp.hello", Exact(Hello)),
        ("zgp.ping", Exact(Ping)),
        ("zgp.pong", Exact(Pong)),
        ("zgp.ping.trailing-bytes", Trailing(Ping, 2)),
        ("zgp.publish.k1", publish("k1", "v1", 0)),
        ("zgp.publish.k1.echo", publish("k1", "v1", 0)),
        ("zgp.publish.k2.ttl", publish("k2", "value two", stale_ttl)),
        ("zgp.publish.k2.echo", publish("k2", "value two", stale_ttl)),
        ("zgp.publish.k3.from-app", publish("k3", "v3", stale_ttl)),
        ("zgp.hello-snapshot.1", publish("k3", "v3", stale_ttl)),
        (
            "zgp.hello-snapshot.2",
            publish("k2", "value two", stale_ttl),
        ),
        ("zgp.hello-snapshot.3", publish("k1", "v1", stale_ttl)),
        ("zgp.publish.k1.duplicate", publish("k1", "v1", 0)),
        ("zgp.publish.k1.changed", publish("k1", "v1-changed", 0)),
        (
            "zgp.publish.k1.changed.forward",
            publish("k1", "v1-changed", 0),
        ),
        ("zgp.invalid", Exact(Invalid)),
        ("zgp.invalid.forward-in-start-state", Exact(Invalid)),
        ("zgp.publish.before-hello", publish("k5", "v5", 0)),
        ("zgp.pong.to-server", Exact(Pong)),
        (
            "zgp.publish.key255.empty-value",
            Exact(ZgpMessage::publish(vec![b'K'; 255], "", 7)),
        ),
        (
            "zgp.publish.key300-truncated",
            CutKey {
                app_key: vec![b'L'; 300],
                value: "long",
                ttl: 7,
            },
        ),
        ("zgp.publish.after-expiry", publish("late", "tuple", 0)),
        (
            "zgp.malformed.bad-signature",
            Malformed(DecodeError::BadSignature { found: 0x4741 }),
        ),
        (
            "zgp.malformed.bad-version",
            Malformed(DecodeError::BadVersion {
                id: MessageId::Ping,
                version: 2,
            }),
        ),
        (
            "zgp.malformed.unknown-id",
            Malformed(DecodeError::UnknownId { id: 6 }),
        ),
        (
            "zgp.malformed.truncated-publish",
            Malformed(DecodeError::Truncated {
                field: Field::Key,
                needed: 5,
                available: 2,
            }),
        ),
        ("zgp.malformed.empty-frame", Malformed(DecodeError::Empty)),
        (
            "zgp.malformed.two-frames",
            Malformed(DecodeError::TooManyFrames { count: 2 }),
        ),
        ("zgp.client.hello", Exact(Hello)),
        ("zgp.client.hello.router-envelope", Routed(Hello)),
        ("zgp.client.publish-after-hello.1", publish("ga", "1", 0)),
        ("zgp.client.publish-after-hello.2", publish("gb", "2", 0)),
        ("zgp.client.idle", Silence),
        ("zgp.server-publish-to-client", publish("rk", "rv", 0)),
        ("zgp.client.forward-echo", publish("rk", "rv", 0)),
        ("zgp.ping.to-client", Exact(Ping)),
        ("zgp.invalid.to-client", Exact(Invalid)),
        ("zgp.client.hello-after-invalid", Exact(Hello)),
        ("zgp.client.publish-live", publish("gc", "3", 0)),
        ("zgp.client.hello-after-reconnect", Exact(Hello)),
        (
            "zgp.malformed.to-client",
            Malformed(DecodeError::BadSignature { found: 0x4741 }),
        ),
    ]
}

/// The only frame of a single-frame vector.
fn only_frame(v: &Vector) -> Result<&[u8], String> {
    match v.frames.as_slice() {
        [frame] => Ok(frame),
        other => Err(format!("expected 1 frame, the vector has {}", other.len())),
    }
}

/// `frame` must be exactly `m`'s encoding and decode to `m` every way.
fn check_exact(frame: &[u8], m: &ZgpMessage) -> Result<(), String> {
    let encoded = m.encode().map_err(|e| format!("encode failed: {e}"))?;
    if encoded != frame {
        return Err(format!(
            "encode gives {}, CZMQ sent {}",
            hex::encode(&encoded),
            hex::encode(frame)
        ));
    }
    if m.encoded_len() != frame.len() {
        return Err(format!(
            "encoded_len {} != {}",
            m.encoded_len(),
            frame.len()
        ));
    }
    check_decodes_to(frame, m)
}

/// `frame` decodes to `m` through every entry point.
fn check_decodes_to(frame: &[u8], m: &ZgpMessage) -> Result<(), String> {
    let want = Ok(m.clone());
    if decode(frame) != want {
        return Err(format!("decode gives {:?}", decode(frame)));
    }
    if decode_ref(frame).map(|r| r.to_owned_message()) != want {
        return Err("decode_ref differs".into());
    }
    if decode_frames(&[frame]) != want {
        return Err("decode_frames differs".into());
    }
    match fuzz_decode(frame) {
        Ok(Some(got)) if got == *m => Ok(()),
        other => Err(format!("fuzz_decode gives {other:?}")),
    }
}

fn check_vector(v: &Vector, expect: &Expect) -> Result<(), String> {
    match expect {
        Expect::Exact(m) => check_exact(only_frame(v)?, m),
        Expect::Trailing(m, trailing) => {
            let frame = only_frame(v)?;
            let body_len = frame
                .len()
                .checked_sub(*trailing)
                .ok_or("frame too short")?;
            check_exact(&frame[..body_len], m)?;
            check_decodes_to(frame, m)
        }
        Expect::Routed(m) => match v.frames.as_slice() {
            [routing_id, body] => {
                check_exact(body, m)?;
                let (rid, got) = decode_routed(&v.frames).map_err(|e| e.to_string())?;
                if rid != routing_id.as_slice() || got != *m {
                    return Err(format!("decode_routed gives {got:?}"));
                }
                // libzmq's generated routing id: 0x00 then a 32-bit value.
                if routing_id.len() != 5 || routing_id[0] != 0 {
                    return Err(format!("unexpected routing id {}", hex::encode(routing_id)));
                }
                Ok(())
            }
            other => Err(format!("expected 2 frames, got {}", other.len())),
        },
        Expect::CutKey {
            app_key,
            value,
            ttl,
        } => {
            let full = ZgpMessage::publish(app_key.clone(), *value, *ttl);
            if full.encode() != Err(EncodeError::KeyTooLong { len: app_key.len() }) {
                return Err("a key over 255 bytes was not refused".into());
            }
            let cut = ZgpMessage::publish(czmq_wire_key(app_key), *value, *ttl);
            check_exact(only_frame(v)?, &cut)
        }
        Expect::Malformed(err) => check_malformed(v, err),
        Expect::Silence => match v.frames.len() {
            0 => Ok(()),
            n => Err(format!("expected no frames, got {n}")),
        },
    }
}

/// The message is refused with `err`, both as a DEALER and as a ROUTER
/// (behind a routing id) receives it.
fn check_malformed(v: &Vector, err: &DecodeError) -> Result<(), String> {
    let want = Err(err.clone());
    let got = decode_frames(&v.frames);
    if got != want {
        return Err(format!("decode_frames gives {got:?}"));
    }
    let mut routed = vec![vec![0x00, 0x11, 0x22, 0x33, 0x44]];
    routed.extend(v.frames.iter().cloned());
    let got = decode_routed(&routed).map(|(_, m)| m);
    if got != want {
        return Err(format!("decode_routed gives {got:?}"));
    }
    if let [frame] = v.frames.as_slice() {
        if decode(frame) != want {
            return Err(format!("decode gives {:?}", decode(frame)));
        }
        // The error is what the codec hands the actor as czmq::Error,
        // with the codec's own error as its source.
        match czmq::Error::from(err.clone()) {
            czmq::Error::Decode { source, .. }
                if source.get_ref().downcast_ref::<DecodeError>() == Some(err) => {}
            other => {
                return Err(format!(
                    "error maps to {other:?}, not Decode with its source"
                ))
            }
        }
        fuzz_decode(frame).map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[test]
fn every_zgp_vector_matches_the_codec() {
    let vectors = load_vectors();
    let table = expectations();
    let mut failures = Vec::new();
    let mut checked = 0;
    for v in vectors.iter().filter(|v| v.name.starts_with("zgp.")) {
        match table.iter().find(|(name, _)| *name == v.name) {
            None => failures.push(format!("{}: no expectation written for it", v.name)),
            Some((_, expect)) => {
                checked += 1;
                if let Err(why) = check_vector(v, expect) {
                    failures.push(format!("{}: {why}", v.name));
                }
            }
        }
    }
    assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));
    assert_eq!(checked, table.len(), "every expectation has its vector");
}

#[test]
fn expectation_table_names_only_existing_vectors() {
    let vectors = load_vectors();
    for (name, _) in expectations() {
        let count = vectors.iter().filter(|v| v.name == name).count();
        assert_eq!(count, 1, "vector {name} must exist exactly once");
    }
}

#[test]
fn every_malformed_vector_is_refused() {
    let vectors = load_vectors();
    let malformed: Vec<_> = vectors
        .iter()
        .filter(|v| v.name.starts_with("zgp.malformed."))
        .collect();
    assert_eq!(
        malformed.len(),
        7,
        "bad signature, version, id, truncated, empty, 2 frames, to-client"
    );
    for v in malformed {
        assert!(decode_frames(&v.frames).is_err(), "{} was accepted", v.name);
    }
}

#[test]
fn zmtp_captures_carry_one_zgp_frame_each() {
    let vectors = load_vectors();
    let cases = [
        ("zmtp.frame.hello", ZgpMessage::Hello),
        ("zmtp.frame.publish", ZgpMessage::publish("a", "1", 0)),
        ("zmtp.frame.ping", ZgpMessage::Ping),
        ("zmtp.frame.pong", ZgpMessage::Pong),
    ];
    for (name, m) in cases {
        let v = vectors.iter().find(|v| v.name == name).expect(name);
        let wire = only_frame(v).expect(name);
        // A ZMTP 3 short frame: flags (0 = last frame, short size), size, body.
        let (header, body) = wire.split_at(2);
        assert_eq!(header[0], 0, "{name}: a lone frame with no MORE flag");
        assert_eq!(usize::from(header[1]), body.len(), "{name}: size byte");
        check_exact(body, &m).unwrap_or_else(|why| panic!("{name}: {why}"));
    }
}
