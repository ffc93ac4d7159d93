//! A node's settings, fixed when it starts.

use std::time::Duration;

use czmq::BeaconSettings;

use crate::PeerId;

/// Zyre's evasive timeout: silence after which a peer is pinged.
pub const DEFAULT_EVASIVE_TIMEOUT: Duration = Duration::from_secs(5);
/// Zyre's expired timeout: silence after which a peer is dropped.
pub const DEFAULT_EXPIRED_TIMEOUT: Duration = Duration::from_secs(30);
/// Zyre's reap interval: how often peers' deadlines are checked, and how
/// long after EVASIVE an unanswered peer is reported SILENT.
pub const DEFAULT_REAP_INTERVAL: Duration = Duration::from_secs(1);
/// Zyre's beacon interval.
pub const DEFAULT_BEACON_INTERVAL: Duration = Duration::from_secs(1);
/// How often DNS SRV discovery looks its name up again (see
/// [`Node::set_dns_interval`](crate::Node::set_dns_interval)).
///
/// ```
/// assert_eq!(zre::DEFAULT_DNS_INTERVAL, std::time::Duration::from_secs(30));
/// ```
pub const DEFAULT_DNS_INTERVAL: Duration = Duration::from_secs(30);
/// Where a node listens unless told otherwise: loopback, a port CZMQ picks.
pub const DEFAULT_ENDPOINT: &str = "tcp://127.0.0.1:*";

#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub(crate) id: PeerId,
    pub(crate) name: String,
    pub(crate) bind: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) evasive_timeout: Duration,
    pub(crate) expired_timeout: Duration,
    pub(crate) reap_interval: Duration,
    /// UDP discovery: the interface settings and the UDP port.
    pub(crate) beacon: Option<(BeaconSettings, u16)>,
    pub(crate) beacon_interval: Duration,
    /// Append our state octet to the beacon (23 bytes; Zyre ignores those).
    pub(crate) beacon_state: bool,
    /// Talk to beacon peers on this host over ipc (with the beacon only).
    pub(crate) same_host_ipc: bool,
    /// DNS SRV discovery: the name to look up, when configured.
    pub(crate) dns_srv: Option<String>,
    /// The DNS server to ask (default: the system's).
    pub(crate) dns_server: Option<std::net::SocketAddr>,
    pub(crate) dns_interval: Duration,
    /// Gossip discovery: where our gossip node listens, if it does.
    pub(crate) gossip_bind: Option<String>,
    /// Gossip discovery: the gossip nodes to connect to.
    pub(crate) gossip_connect: Vec<String>,
}

impl Config {
    pub(crate) fn new(name: &str) -> Config {
        Config {
            id: PeerId::random(),
            name: name.to_string(),
            bind: DEFAULT_ENDPOINT.to_string(),
            headers: Vec::new(),
            evasive_timeout: DEFAULT_EVASIVE_TIMEOUT,
            expired_timeout: DEFAULT_EXPIRED_TIMEOUT,
            reap_interval: DEFAULT_REAP_INTERVAL,
            beacon: None,
            beacon_interval: DEFAULT_BEACON_INTERVAL,
            beacon_state: false,
            same_host_ipc: true,
            dns_srv: None,
            dns_server: None,
            dns_interval: DEFAULT_DNS_INTERVAL,
            gossip_bind: None,
            gossip_connect: Vec::new(),
        }
    }

    /// Zyre's send high-water mark: room for 100 messages a millisecond
    /// over the expired timeout.
    pub(crate) fn mailbox_high_water(&self) -> i32 {
        let millis = self.expired_timeout.as_millis().saturating_mul(100);
        i32::try_from(millis).unwrap_or(i32::MAX)
    }
}
