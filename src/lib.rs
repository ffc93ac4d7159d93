//! The C face of czmq-rs: CZMQ 4.2.1's C API (`include/czmq.h`) over the
//! Rust implementation, built as `libczmq_capi.a` and installed as
//! `libczmq.a` / `libczmq.so.4` by `include/install.sh`.
//!
//! This package exports no Rust API: Rust programs depend on the `czmq-rs`
//! package (`use czmq::...`), whose documentation is the front door. Each C
//! function here is a thin wrapper over a method of the same Rust object.

// The C face (CZMQ 4.2's C API): exported symbols only; see include/czmq.h
// and include/README.md.
mod capi;
