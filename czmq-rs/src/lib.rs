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

mod actor;
mod context;
mod contracts;
mod curve;
mod error;
mod frame;
mod message;
mod message_perf;
mod monitor;
mod msg;
mod options;
mod poll;
mod proxy;
mod sock;
mod socket;
mod version;
mod z85;
mod zbeacon;
pub mod zclock;
mod zconfig;
mod zloop;
mod zmonitor;
mod zpoller;
mod zproxy;
pub mod zstr;
pub mod zsys;

pub use context::{Context, ContextOption};
pub use curve::{curve_public, CurveKeyPair};
pub use error::{Error, Result};
pub use message::Message;
pub use monitor::{EventMask, Monitor, MonitorEvent};
pub use options::{Access, Kind, OptionInfo, OPTIONS};
pub use poll::{poll, PollEvents, PollItem};
#[cfg(feature = "draft")]
pub use poll::{PollerEvent, ZmqPoller};
pub use proxy::{proxy, proxy_steerable, ProxyCommand, ProxyControl, ProxyStatistics};
pub use socket::{AsSocket, Socket, SocketType, DONTWAIT, SNDMORE};
pub use version::{has, version};
pub use z85::{z85_decode, z85_encode};
pub use zconfig::Config;
pub use zloop::{Loop, ReaderId, TicketId, TimerId};
pub use zpoller::{FdEvents, PollId, Poller};

pub use actor::Actor;
pub use frame::{Frame, SendFlags};
pub use msg::Msg;
pub use sock::Sock;
pub use zbeacon::{
    zbeacon, Beacon, BeaconSettings, DiscoveryBeacon, NodeState, Peer, PeerEvent, Peers,
    UDP_FRAME_MAX, ZRE_BEACON_LEN, ZRE_LEGACY_LEN, ZRE_MAGIC,
};
pub use zmonitor::{zmonitor_actor, ZMonitor};
pub use zproxy::{zproxy_actor, ZProxy};
