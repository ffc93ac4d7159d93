//! Raw FFI bindings to libzmq 4.3.5.
//!
//! By default libzmq is compiled from source (the pinned 4.3.5 tree, with
//! libsodium for CURVE) and linked statically; the `system` feature links the
//! system library found by pkg-config instead. The `draft` feature exposes the
//! DRAFT API. Everything here is `unsafe` C; the safe API is the `czmq-rs` crate.
//!
//! ```
//! let (mut major, mut minor, mut patch) = (0, 0, 0);
//! // SAFETY: zmq_version only writes the three ints it is given.
//! unsafe { zmq_sys_vendored::zmq_version(&mut major, &mut minor, &mut patch) };
//! assert_eq!(major, 4);
//! ```
#![allow(
    non_camel_case_types,
    non_upper_case_globals,
    non_snake_case,
    clippy::all
)]
// The `unsafe` blocks in this crate are bindgen's generated code, included
// below from bindings.rs / bindings_draft.rs (layout tests and bitfield
// accessors). Those files are regenerated, never edited by hand (the drift
// test checks that), so they cannot carry SAFETY comments; their soundness is
// bindgen's, over libzmq's own header. Hand-written unsafe code lives in the
// czmq-rs crate, where the lint stays on.
#![allow(clippy::undocumented_unsafe_blocks)]

#[cfg(all(feature = "bindgen", not(feature = "draft")))]
include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
#[cfg(all(feature = "bindgen", feature = "draft"))]
include!(concat!(env!("OUT_DIR"), "/bindings_draft.rs"));
#[cfg(all(not(feature = "bindgen"), not(feature = "draft")))]
include!("bindings.rs");
#[cfg(all(not(feature = "bindgen"), feature = "draft"))]
include!("bindings_draft.rs");

// libzmq's CURVE calls into libsodium: keep the crate (and its static library,
// linked after ours) in the link even though no Rust code here names it.
#[cfg(all(feature = "vendored", not(feature = "system")))]
extern crate libsodium_sys;

/// True when this build links the system libzmq rather than the vendored one.
pub const SYSTEM_LIBZMQ: bool = cfg!(zmq_system);

#[cfg(all(test, feature = "bindgen"))]
mod drift {
    /// CI runs this to fail when the checked-in bindings differ from a fresh generation.
    #[test]
    fn checked_in_bindings_match_a_fresh_generation() {
        let fresh = include_str!(concat!(env!("OUT_DIR"), "/bindings.rs"));
        let fresh_draft = include_str!(concat!(env!("OUT_DIR"), "/bindings_draft.rs"));
        assert!(
            fresh == include_str!("bindings.rs"),
            "src/bindings.rs is stale: copy $OUT_DIR/bindings.rs over it"
        );
        assert!(
            fresh_draft == include_str!("bindings_draft.rs"),
            "src/bindings_draft.rs is stale: copy $OUT_DIR/bindings_draft.rs over it"
        );
    }
}
