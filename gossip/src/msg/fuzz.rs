//! The body of the `decode` fuzz target, as a plain function so that stable
//! Rust can run it too (from proptest and from a corpus replay test).
//!
//! It feeds arbitrary bytes to every decoding entry point and checks the
//! properties that must hold for *any* input, beyond "does not panic":
//! the borrowed and owned decoders agree; an accepted frame re-encodes to
//! exactly the bytes that were consumed (the rest being CZMQ's ignored
//! trailing bytes); a frame cut one byte short of that is refused; the
//! multi-frame wrappers agree with the single-frame decoder; every error
//! maps to `czmq::Error::Malformed`. Our extension's messages (IHAVE, PRUNE,
//! GRAFT) decode strictly and are never ZGP messages.

use std::fmt;

use super::constants::{SIGNATURE, VERSION};
use super::decode::{decode, decode_frames, decode_ref, decode_routed, DecodeError};
use super::extension::{decode_extension, is_extension_frame};
use super::message::ZgpMessage;

/// A broken codec property found by [`fuzz_decode`], with what broke.
///
/// ```
/// use gossip::msg::InvariantViolation;
/// let v = InvariantViolation::new("example");
/// assert_eq!(v.to_string(), "ZGP codec invariant violated: example");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvariantViolation(String);

impl InvariantViolation {
    /// A violation described by `what`.
    pub fn new(what: impl Into<String>) -> InvariantViolation {
        InvariantViolation(what.into())
    }
}

impl fmt::Display for InvariantViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ZGP codec invariant violated: {}", self.0)
    }
}

impl std::error::Error for InvariantViolation {}

/// Returns `Err` with `what` unless `ok`.
fn ensure(ok: bool, what: impl FnOnce() -> String) -> Result<(), InvariantViolation> {
    if ok {
        Ok(())
    } else {
        Err(InvariantViolation(what()))
    }
}

/// Decodes `data` every way the codec offers and checks the codec's
/// invariants. A fuzzer treats an `Err` as a finding.
///
/// Returns the decoded message when `data` is accepted.
///
/// ```
/// use gossip::msg::{fuzz_decode, ZgpMessage};
/// assert_eq!(fuzz_decode(&[0xaa, 0xa0, 0x03, 0x01, 0xff])?, Some(ZgpMessage::Ping));
/// assert_eq!(fuzz_decode(b"GARBAGE!")?, None);
/// # Ok::<(), gossip::msg::InvariantViolation>(())
/// ```
pub fn fuzz_decode(data: &[u8]) -> Result<Option<ZgpMessage>, InvariantViolation> {
    let owned = decode(data);
    let borrowed = decode_ref(data);
    ensure(owned == borrowed.map(|m| m.to_owned_message()), || {
        "decode and decode_ref disagree".into()
    })?;
    check_wrappers(data, &owned)?;
    check_extension(data, owned.is_ok())?;
    match owned {
        Ok(m) => check_accepted(data, &m).map(|()| Some(m)),
        Err(e) => check_refused(data, &e).map(|()| None),
    }
}

/// Our extension's decoder is strict (an accepted frame is exactly its
/// encoding), and no frame is both ZGP (what CZMQ reads) and ours.
fn check_extension(data: &[u8], zgp_accepted: bool) -> Result<(), InvariantViolation> {
    let ext = decode_extension(data);
    ensure(ext.is_ok() <= is_extension_frame(data), || {
        "the extension decoder accepted a non-extension frame".into()
    })?;
    ensure(!(is_extension_frame(data) && zgp_accepted), || {
        "ZGP's decoder accepted an extension frame".into()
    })?;
    if let Ok(m) = ext {
        let encoded = m
            .encode()
            .map_err(|e| InvariantViolation(format!("decoded extension does not encode: {e}")))?;
        ensure(encoded == data, || {
            "an extension frame re-encodes to other bytes".into()
        })?;
    }
    Ok(())
}

/// The multi-frame entry points must agree with the single-frame decoder.
fn check_wrappers(
    data: &[u8],
    single: &Result<ZgpMessage, DecodeError>,
) -> Result<(), InvariantViolation> {
    ensure(decode_frames(&[data]) == *single, || {
        "decode_frames(1 frame) differs from decode".into()
    })?;
    ensure(
        decode_frames(&[data, data]) == Err(DecodeError::TooManyFrames { count: 2 }),
        || "decode_frames accepted 2 frames".into(),
    )?;
    let routing_id: &[u8] = &[0, 1, 2, 3, 4];
    let frames = [routing_id, data];
    let routed = decode_routed(&frames);
    ensure(routed.map(|(_, m)| m) == *single, || {
        "decode_routed differs from decode".into()
    })?;
    ensure(
        decode_routed(&[routing_id, data, data]) == Err(DecodeError::TooManyFrames { count: 2 }),
        || "decode_routed accepted 2 body frames".into(),
    )
}

/// An accepted frame is its canonical encoding plus ignored trailing bytes.
fn check_accepted(data: &[u8], m: &ZgpMessage) -> Result<(), InvariantViolation> {
    let len = m.encoded_len();
    let header_ok = data.len() >= 4
        && data[..2] == SIGNATURE.to_be_bytes()
        && data[2] == m.id() as u8
        && data[3] == VERSION;
    ensure(header_ok, || {
        format!("accepted a frame with a bad header: {m:?}")
    })?;
    ensure(len <= data.len(), || {
        format!("message needs {len} bytes, frame had {}", data.len())
    })?;
    let encoded = m
        .encode()
        .map_err(|e| InvariantViolation(format!("decoded message does not encode: {e}")))?;
    ensure(encoded == data[..len], || {
        "re-encoding differs from the bytes consumed".into()
    })?;
    ensure(decode(&encoded).as_ref() == Ok(m), || {
        "the canonical encoding decodes differently".into()
    })?;
    ensure(decode(&data[..len - 1]).is_err(), || {
        "a frame one byte short of the message was accepted".into()
    })
}

/// A refused frame gets the error its first bytes call for.
fn check_refused(data: &[u8], e: &DecodeError) -> Result<(), InvariantViolation> {
    ensure(data.is_empty() == (*e == DecodeError::Empty), || {
        format!("Empty reported wrongly: {e:?} for {} bytes", data.len())
    })?;
    if let DecodeError::BadSignature { found } = *e {
        ensure(data.len() >= 2 && found != SIGNATURE, || {
            format!("BadSignature 0x{found:04x} is wrong")
        })?;
    }
    match czmq::Error::from(e.clone()) {
        czmq::Error::Decode { source, .. } if source.get_ref().is::<DecodeError>() => Ok(()),
        other => Err(InvariantViolation(format!(
            "DecodeError converted to {other:?}"
        ))),
    }
}
