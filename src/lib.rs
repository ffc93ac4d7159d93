//! ZeroMQ for Rust in the CZMQ tradition: the root package.
//!
//! For Rust users it re-exports the whole safe API of `czmq-rs` (the libzmq
//! core and the CZMQ classes) and the `gossip` crate, so one dependency gives
//! everything. For C users it is the C library (`libczmq.a`, `libczmq.so`)
//! behind `include/czmq.h`.
//!
//! ```
//! use czmq::{Context, SocketType};
//! let ctx = Context::new()?;
//! let s = ctx.socket(SocketType::Pub)?;
//! s.bind("inproc://root-doc")?;
//! # Ok::<(), czmq::Error>(())
//! ```

pub use czmq_core::*;

// The C face (CZMQ 4.2's C API): exported symbols only, no Rust API; see
// include/czmq.h and include/README.md.
mod capi;

/// The zgossip protocol and actor.
pub use gossip;
