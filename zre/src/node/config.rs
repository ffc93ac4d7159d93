//! A node's settings: set by the commands on its pipe, fixed when it starts.

use std::time::Duration;

use czmq::BeaconSettings;

use super::curve::Security;
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
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) evasive_timeout: Duration,
    pub(crate) expired_timeout: Duration,
    pub(crate) reap_interval: Duration,
    /// UDP discovery's port (Zyre's SET PORT); 0, the default, is off.
    pub(crate) beacon_port: u16,
    /// The beacon's interface settings; `None`: zsys's at start.
    pub(crate) beacon_settings: Option<BeaconSettings>,
    /// SET INTERFACE: overrides the settings' interface.
    pub(crate) interface: Option<String>,
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
    /// SET ADVERTISED ENDPOINT: the endpoint peers are told to reach us at
    /// (in HELLO and our gossip tuple) instead of the one bound, e.g. a
    /// public address in front of NAT.
    pub(crate) advertised_endpoint: Option<String>,
    /// SET EPHEMERAL PORT: the TCP port of the default bind (instead of
    /// one the system picks), e.g. for a firewall rule.
    pub(crate) ephemeral_port: Option<u16>,
    /// CURVE: our keys and ZAP domain (off until the secret key is set).
    pub(crate) security: Security,
}

impl Config {
    /// Zyre's defaults, with the name it gives a node that is not named:
    /// the first 6 characters of its UUID.
    pub(crate) fn new(id: PeerId) -> Config {
        Config {
            id,
            name: id.to_string()[..6].to_string(),
            headers: Vec::new(),
            evasive_timeout: DEFAULT_EVASIVE_TIMEOUT,
            expired_timeout: DEFAULT_EXPIRED_TIMEOUT,
            reap_interval: DEFAULT_REAP_INTERVAL,
            beacon_port: 0,
            beacon_settings: None,
            interface: None,
            beacon_interval: DEFAULT_BEACON_INTERVAL,
            beacon_state: false,
            same_host_ipc: true,
            dns_srv: None,
            dns_server: None,
            dns_interval: DEFAULT_DNS_INTERVAL,
            gossip_bind: None,
            advertised_endpoint: None,
            ephemeral_port: None,
            security: Security::default(),
        }
    }

    /// SET HEADER: a second value for a name replaces the first (Zyre's
    /// `zhash_update`).
    pub(crate) fn set_header(&mut self, key: String, value: String) {
        match self.headers.iter_mut().find(|(k, _)| *k == key) {
            Some(pair) => pair.1 = value,
            None => self.headers.push((key, value)),
        }
    }

    /// The beacon's settings at start: those given, else zsys's, with the
    /// interface given by SET INTERFACE.
    pub(crate) fn beacon_settings(&self) -> BeaconSettings {
        let mut settings = self
            .beacon_settings
            .clone()
            .unwrap_or_else(BeaconSettings::from_zsys);
        if let Some(interface) = &self.interface {
            settings.interface = interface.clone();
        }
        settings
    }

    /// Zyre's send high-water mark: room for 100 messages a millisecond
    /// over the expired timeout.
    pub(crate) fn mailbox_high_water(&self) -> i32 {
        let millis = self.expired_timeout.as_millis().saturating_mul(100);
        i32::try_from(millis).unwrap_or(i32::MAX)
    }
}
