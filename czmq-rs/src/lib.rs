//! ZeroMQ for Rust in the CZMQ tradition.
//!
//! The core layer wraps libzmq 4.3.5 one concept per module: [`Context`],
//! [`Socket`] with every option typed, [`Message`], polling, proxies, socket
//! monitors, CURVE keys and Z85. Everything returns [`Result`]; nothing panics
//! on bad input.
//!
//! ```
//! use czmq::{Context, SocketType};
//! let ctx = Context::new()?;
//! let push = ctx.socket(SocketType::Push)?;
//! push.bind("inproc://lib-doc")?;
//! let pull = ctx.socket(SocketType::Pull)?;
//! pull.connect("inproc://lib-doc")?;
//! push.send("job", 0)?;
//! assert_eq!(pull.recv_string(0)?, "job");
//! # Ok::<(), czmq::Error>(())
//! ```
#![warn(missing_docs)]

mod context;
mod error;
mod message;
mod message_perf;
mod options;
mod socket;
pub mod zsys;

pub use context::{Context, ContextOption};
pub use error::{Error, Result};
pub use message::Message;
pub use options::{Access, Kind, OptionInfo, OPTIONS};
pub use socket::{AsSocket, Socket, SocketType, DONTWAIT, SNDMORE};
