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
//! push.send("job")?;
//! assert_eq!(pull.recv_string()?, "job");
//! # Ok::<(), czmq::Error>(())
//! ```
#![warn(missing_docs)]

mod actor;
#[cfg(all(feature = "tokio", unix))]
mod async_actor;
#[cfg(all(feature = "tokio", unix))]
mod async_events;
#[cfg(all(feature = "tokio", unix))]
mod async_readiness;
#[cfg(all(feature = "tokio", unix))]
mod async_socket;
mod cert;
mod certstore;
mod context;
mod contracts;
mod curve;
mod error;
mod flags;
mod frame;
mod message;
mod message_perf;
mod monitor;
mod msg;
mod options;
pub mod picture;
mod poll;
mod proxy;
mod sock;
mod socket;
mod version;
mod z85;
mod zauth;
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
pub use curve::{CurveKeyPair, curve_public};
pub use error::{Cause, Error, IoError, Result};
pub use flags::Flags;
pub use message::Message;
pub use monitor::{EventMask, Monitor, MonitorEvent};
pub use options::{Access, Kind, OPTIONS, OptionInfo};
pub use poll::{PollEvents, PollItem, poll};
#[cfg(feature = "draft")]
pub use poll::{PollerEvent, ZmqPoller};
pub use proxy::{ProxyCommand, ProxyControl, ProxyStatistics, proxy, proxy_steerable};
pub use socket::{AsSocket, Socket, SocketType};
pub use version::{has, version};
pub use z85::{z85_decode, z85_encode};
pub use zconfig::{Config, ConfigNode, ConfigNodeMut, SyntaxError as ConfigSyntaxError};
pub use zloop::{Loop, ReaderId, TicketId, TimerId};
pub use zpoller::{FdEvents, PollId, Poller};

pub use actor::Actor;
#[cfg(all(feature = "tokio", unix))]
pub use async_actor::AsyncActor;
#[cfg(all(feature = "tokio", unix))]
pub use async_events::{BeaconStream, MonitorStream};
#[cfg(all(feature = "tokio", unix))]
pub use async_readiness::AsyncReadiness;
#[cfg(all(feature = "tokio", unix))]
pub use async_socket::AsyncSocket;
pub use cert::Cert;
pub use certstore::CertStore;
pub use frame::Frame;
pub use msg::{Frames, FramesMut, IntoFrames, Msg};
pub use sock::{Sock, SockBuilder};
pub use zauth::{Auth, AuthBuilder, CURVE_ALLOW_ANY, CertSource, ZAP_ENDPOINT, zauth_actor};
pub use zbeacon::{
    Beacon, BeaconSettings, DiscoveryBeacon, NodeState, Peer, PeerEvent, Peers, UDP_FRAME_MAX,
    ZRE_BEACON_LEN, ZRE_LEGACY_LEN, ZRE_MAGIC, zbeacon,
};
pub use zmonitor::{ZMonitor, zmonitor_actor};
pub use zproxy::{ZProxy, zproxy_actor};

// Utility classes (issue 12): zuuid, zchunk, zarmour, zdigest, zrex.
mod armour;
mod chunk;
mod digest;
mod rex;
mod zuuid;
pub use armour::{Armour, ArmourMode};
pub use chunk::Chunk;
mod dir;
mod dir_patch;
mod dir_watch;
mod file;
mod iflist;
pub use digest::{DIGEST_SIZE, Digest, upper_hex};
pub use dir::Dir;
pub use dir_patch::{DirPatch, PatchOp};
pub use dir_watch::dir_watch_actor;
pub use file::File;
pub use iflist::IfList;
pub use rex::Rex;
pub use zuuid::{UUID_LEN, UUID_STR_LEN, Uuid};
