//! Z85 (RFC 32): the published test vector, errors, and round trips checked
//! against libzmq's own encoder.

use czmq::{Error, z85_decode, z85_encode};
use proptest::prelude::*;
use zmq_sys_vendored as sys;

/// libzmq's encoder, as the independent reference.
fn libzmq_encode(data: &[u8]) -> String {
    let mut out = vec![0 as std::os::raw::c_char; data.len() / 4 * 5 + 1];
    // SAFETY: out holds size * 5 / 4 + 1 bytes as zmq_z85_encode requires;
    // data.len() is a multiple of 4 (checked by the callers' strategy).
    let p = unsafe { sys::zmq_z85_encode(out.as_mut_ptr(), data.as_ptr(), data.len()) };
    assert!(!p.is_null());
    // SAFETY: libzmq NUL-terminated the buffer it returned.
    unsafe { std::ffi::CStr::from_ptr(p) }
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn rfc32_vector() {
    let bytes = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B];
    assert_eq!(z85_encode(&bytes).unwrap(), "HelloWorld");
    assert_eq!(z85_decode("HelloWorld").unwrap(), bytes);
}

#[test]
fn bad_inputs_are_errors() {
    assert!(matches!(
        z85_encode(&[1, 2, 3, 4, 5]),
        Err(Error::InvalidArgument(_))
    ));
    assert!(matches!(z85_decode("HelloWorl"), Err(Error::Malformed(_))));
    assert!(matches!(
        z85_decode("Hello World"),
        Err(Error::Malformed(_))
    ));
    assert!(matches!(
        z85_decode("Hello\0orld"),
        Err(Error::Malformed(_))
    ));
    assert!(matches!(z85_decode("HelloWorl~"), Err(Error::Malformed(_))));
}

fn groups_of_four() -> impl Strategy<Value = Vec<u8>> {
    (0usize..64).prop_flat_map(|n| proptest::collection::vec(any::<u8>(), n * 4))
}

proptest! {
    #[test]
    fn decode_inverts_encode(data in groups_of_four()) {
        let text = z85_encode(&data).unwrap();
        prop_assert_eq!(text.len(), data.len() / 4 * 5);
        prop_assert_eq!(z85_decode(&text).unwrap(), data);
    }

    #[test]
    fn encoding_matches_libzmq(data in groups_of_four()) {
        prop_assert_eq!(z85_encode(&data).unwrap(), libzmq_encode(&data));
    }

    #[test]
    fn other_lengths_are_refused(data in proptest::collection::vec(any::<u8>(), 0..64)) {
        prop_assume!(data.len() % 4 != 0);
        prop_assert!(z85_encode(&data).is_err());
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,40}") {
        // Either a clean decode of the right size or an error; never a panic.
        if let Ok(bytes) = z85_decode(&text) {
            prop_assert_eq!(bytes.len(), text.len() / 5 * 4);
        }
    }
}
