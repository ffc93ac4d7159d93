//! What the linked libzmq is: its version and the capabilities it was built
//! with (`zmq_version`, `zmq_has`).
//!
//! ```
//! let (major, _minor, _patch) = czmq::version();
//! assert_eq!(major, 4);
//! assert!(czmq::has("ipc") || !czmq::has("ipc")); // a plain yes/no, never an error
//! ```

use std::ffi::CString;

use zmq_sys_vendored as sys;

/// The version of the libzmq this program runs against, as
/// `(major, minor, patch)`: `(4, 3, 5)` for the vendored build.
///
/// ```
/// let v = czmq::version();
/// assert!(v >= (4, 3, 0));
/// ```
pub fn version() -> (i32, i32, i32) {
    let (mut major, mut minor, mut patch) = (0, 0, 0);
    // SAFETY: zmq_version only writes the three ints it is handed.
    unsafe { sys::zmq_version(&mut major, &mut minor, &mut patch) };
    (major, minor, patch)
}

/// True when libzmq was built with `capability`: a transport (`"ipc"`,
/// `"pgm"`, `"tipc"`, `"norm"`, `"vmci"`), a security mechanism (`"curve"`,
/// `"gssapi"`) or `"draft"` for the DRAFT API. Unknown names, and names with
/// a NUL byte, are simply not supported.
///
/// ```
/// assert!(!czmq::has("no-such-capability"));
/// assert!(!czmq::has("cu\0rve"));
/// ```
pub fn has(capability: &str) -> bool {
    let Ok(name) = CString::new(capability) else {
        return false;
    };
    // SAFETY: name is a NUL-terminated string that outlives the call;
    // zmq_has only compares it with its own list.
    unsafe { sys::zmq_has(name.as_ptr()) == 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_is_a_4_x_release() {
        let (major, minor, patch) = version();
        assert_eq!(major, 4);
        assert!(minor >= 3 && patch >= 0, "{major}.{minor}.{patch}");
    }

    #[test]
    fn vendored_build_is_4_3_5() {
        if !sys::SYSTEM_LIBZMQ {
            assert_eq!(version(), (4, 3, 5));
        }
    }

    #[test]
    fn has_answers_for_known_and_unknown_names() {
        // Every libzmq build on Unix has ipc; none has a made-up name.
        assert!(has("ipc"));
        assert!(!has("teleportation"));
        assert!(!has(""));
        assert!(!has("ipc\0"));
    }

    #[test]
    fn draft_capability_follows_the_feature() {
        // The vendored build compiles the DRAFT API exactly when asked to.
        if !sys::SYSTEM_LIBZMQ {
            assert_eq!(has("draft"), cfg!(feature = "draft"));
        }
    }
}
