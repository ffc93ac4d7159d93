//! The ZRE message codec (RFC 36; Zyre 2.0.1's `zre_msg`), byte for byte.
//!
//! A message is one header frame (signature `0xAAA1`, message id, version
//! 2, a 16-bit sequence, then the fields of its kind) followed, for WHISPER
//! and SHOUT only, by the content frames. [`ZreMsg::encode`] writes those
//! frames; [`ZreMsg::decode`] reads them back and refuses anything else with
//! a [`DecodeError`] (it never panics, whatever the bytes).
//!
//! ```
//! use zre::msg::{Body, ZreMsg};
//! let ping = ZreMsg::new(7, Body::Ping);
//! let frames = ping.encode()?;
//! assert_eq!(frames, vec![vec![0xaa, 0xa1, 6, 2, 0, 7]]);
//! assert_eq!(ZreMsg::decode(&frames)?, ping);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod decode;
mod encode;
mod error;
mod types;
mod wire;

pub use error::{DecodeError, EncodeError};
pub use types::{Body, Hello, MessageId, ZreMsg, SIGNATURE, VERSION};
pub(crate) use wire::{pack_hash, unpack_hash};
