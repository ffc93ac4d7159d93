//! DNS SRV discovery (the ZRE/zbeacon proposal's second source, for
//! segments that multicast does not reach): a name such as
//! `_zre._tcp.example.org` resolves to `host:port` targets, each host to its
//! addresses, and each address to a `tcp://` endpoint a node can say HELLO
//! to.
//!
//! The queries are plain DNS over UDP (RFC 1035), encoded and decoded with
//! `hickory-proto` and sent from a blocking [`std::net::UdpSocket`]: no
//! async runtime. A [`Node`](crate::Node) runs them on a helper thread with
//! [`Node::set_dns_srv`](crate::Node::set_dns_srv); [`resolve_srv`] is the
//! same lookup, once.
//!
//! ```no_run
//! use std::time::Duration;
//! let server = zre::dns::system_server();
//! for target in zre::dns::resolve_srv("_zre._tcp.example.org", server, Duration::from_secs(2))? {
//!     println!("{}:{} -> {:?}", target.host, target.port, target.endpoints());
//! }
//! # Ok::<(), zre::dns::DnsError>(())
//! ```

use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

use hickory_proto::op::{Message, MessageType, Query, ResponseCode};
use hickory_proto::rr::{Name, RData, RecordType};
use thiserror::Error;

/// The DNS server asked when none is configured and `/etc/resolv.conf`
/// names none: the local resolver.
///
/// ```
/// assert_eq!(zre::dns::FALLBACK_SERVER.to_string(), "127.0.0.1:53");
/// ```
pub const FALLBACK_SERVER: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 53);

/// How many times one lookup sends its query before giving up.
const ATTEMPTS: u32 = 2;

/// Why a lookup found nothing usable. Discovery logs these and tries again
/// at its next interval; none of them stops a node.
///
/// ```
/// let e = zre::dns::DnsError::BadName("a..b".into());
/// assert!(e.to_string().contains("a..b"));
/// ```
#[derive(Debug, Error)]
pub enum DnsError {
    /// The name to look up is not a valid DNS name.
    #[error("DNS: bad name {0:?}")]
    BadName(String),
    /// The UDP socket failed.
    #[error("DNS: {0}")]
    Io(#[from] std::io::Error),
    /// No answer from the server within the timeout (after a retry).
    #[error("DNS: no answer from {0}")]
    Timeout(SocketAddr),
    /// The query could not be encoded.
    #[error("DNS: encoding the query: {0}")]
    Encode(String),
    /// The server's answer is not a DNS message.
    #[error("DNS: malformed answer: {0}")]
    Decode(String),
    /// The server answered with an error code (NXDomain: no such name).
    #[error("DNS: {name}: {code}")]
    Response {
        /// The name asked for.
        name: String,
        /// The server's response code.
        code: ResponseCode,
    },
    /// The answer did not fit one UDP datagram (TCP fallback is not
    /// implemented).
    #[error("DNS: answer for {0} truncated")]
    Truncated(String),
}

/// One SRV record, with the addresses its target host resolved to.
///
/// ```
/// let target = zre::dns::SrvTarget {
///     host: "a.test.".into(),
///     port: 5670,
///     priority: 0,
///     weight: 0,
///     addresses: vec!["10.0.0.1".parse().unwrap(), "::1".parse().unwrap()],
/// };
/// assert_eq!(target.endpoints(), ["tcp://10.0.0.1:5670", "tcp://[::1]:5670"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SrvTarget {
    /// The target host, as the record names it (fully qualified).
    pub host: String,
    /// The port the node there listens at.
    pub port: u16,
    /// The record's priority (lower first).
    pub priority: u16,
    /// The record's weight among equal priorities.
    pub weight: u16,
    /// The host's IPv4 and IPv6 addresses (empty if it has none).
    pub addresses: Vec<IpAddr>,
}

impl SrvTarget {
    /// One `tcp://address:port` endpoint per address.
    ///
    /// ```
    /// let target = zre::dns::SrvTarget {
    ///     host: "nowhere.test.".into(),
    ///     port: 1,
    ///     priority: 0,
    ///     weight: 0,
    ///     addresses: Vec::new(),
    /// };
    /// assert!(target.endpoints().is_empty());
    /// ```
    pub fn endpoints(&self) -> Vec<String> {
        self.addresses
            .iter()
            .map(|address| match address {
                IpAddr::V4(v4) => format!("tcp://{v4}:{}", self.port),
                IpAddr::V6(v6) => format!("tcp://[{v6}]:{}", self.port),
            })
            .collect()
    }
}

/// The DNS server this host uses: the first `nameserver` line of
/// `/etc/resolv.conf`, else [`FALLBACK_SERVER`].
///
/// ```
/// assert_eq!(zre::dns::system_server().port(), 53);
/// ```
pub fn system_server() -> SocketAddr {
    std::fs::read_to_string("/etc/resolv.conf")
        .ok()
        .and_then(|text| first_nameserver(&text))
        .unwrap_or(FALLBACK_SERVER)
}

fn first_nameserver(resolv_conf: &str) -> Option<SocketAddr> {
    resolv_conf.lines().find_map(|line| {
        let mut words = line.split_whitespace();
        if words.next()? != "nameserver" {
            return None;
        }
        // A scoped IPv6 server (fe80::1%eth0) cannot be parsed as an IpAddr.
        let address: IpAddr = words.next()?.parse().ok()?;
        Some(SocketAddr::new(address, 53))
    })
}

/// Looks up the SRV records of `name` at `server`, then each target's A
/// (and, when it has none, AAAA) records, taken from the answer's
/// additional section when the server put them there. Targets come sorted
/// by priority, then by weight (heaviest first). A name with no SRV
/// records is an empty list; a missing name is
/// [`DnsError::Response`] with [`ResponseCode::NXDomain`]. Each query
/// waits up to `timeout` for its answer, twice.
///
/// ```no_run
/// use std::time::Duration;
/// let server = "127.0.0.1:53".parse().unwrap();
/// let targets = zre::dns::resolve_srv("_zre._tcp.test", server, Duration::from_secs(1))?;
/// let endpoints: Vec<String> = targets.iter().flat_map(|t| t.endpoints()).collect();
/// # Ok::<(), zre::dns::DnsError>(())
/// ```
pub fn resolve_srv(
    name: &str,
    server: SocketAddr,
    timeout: Duration,
) -> Result<Vec<SrvTarget>, DnsError> {
    let answer = query(name, RecordType::SRV, server, timeout)?;
    let mut targets = Vec::new();
    for record in &answer.answers {
        let RData::SRV(srv) = &record.data else {
            continue;
        };
        // RFC 2782: a target of "." means the service is not offered there.
        if srv.target.is_root() {
            continue;
        }
        let host = srv.target.to_ascii();
        let mut target = SrvTarget {
            host,
            port: srv.port,
            priority: srv.priority,
            weight: srv.weight,
            addresses: addresses_in(&answer, &srv.target),
        };
        if target.addresses.is_empty() {
            target.addresses = lookup_addresses(&target.host, server, timeout);
        }
        targets.push(target);
    }
    targets.sort_by(|a, b| (a.priority, b.weight).cmp(&(b.priority, a.weight)));
    Ok(targets)
}

/// A and AAAA records for `host` in any section of `answer`.
fn addresses_in(answer: &Message, host: &Name) -> Vec<IpAddr> {
    let mut found = Vec::new();
    for record in answer.answers.iter().chain(&answer.additionals) {
        if record.name != *host {
            continue;
        }
        let address = match &record.data {
            RData::A(a) => IpAddr::V4(a.0),
            RData::AAAA(aaaa) => IpAddr::V6(aaaa.0),
            _ => continue,
        };
        if !found.contains(&address) {
            found.push(address);
        }
    }
    found
}

/// A records of `host`, else AAAA; a failure is logged and is no address.
fn lookup_addresses(host: &str, server: SocketAddr, timeout: Duration) -> Vec<IpAddr> {
    let mut found = Vec::new();
    for kind in [RecordType::A, RecordType::AAAA] {
        match query(host, kind, server, timeout) {
            Ok(answer) => {
                let name = answer.queries.first().map(|q| q.name().clone());
                if let Some(name) = name {
                    found = addresses_in(&answer, &name);
                }
                // CNAME chains: the addresses carry the canonical name.
                if found.is_empty() {
                    found = answer
                        .answers
                        .iter()
                        .filter_map(|r| match &r.data {
                            RData::A(a) => Some(IpAddr::V4(a.0)),
                            RData::AAAA(aaaa) => Some(IpAddr::V6(aaaa.0)),
                            _ => None,
                        })
                        .collect();
                }
            }
            Err(e) => log::warn!("zre: addresses of SRV target {host}: {e}"),
        }
        if !found.is_empty() {
            break;
        }
    }
    found
}

/// One question to `server`, with recursion desired; the answer whose id
/// and question match.
fn query(
    name: &str,
    kind: RecordType,
    server: SocketAddr,
    timeout: Duration,
) -> Result<Message, DnsError> {
    let fqdn = Name::from_ascii(name).map_err(|_| DnsError::BadName(name.to_string()))?;
    let fqdn = if fqdn.is_fqdn() {
        fqdn
    } else {
        Name::from_ascii(format!("{name}.")).map_err(|_| DnsError::BadName(name.to_string()))?
    };
    let mut request = Message::query();
    request.metadata.recursion_desired = true;
    request.add_query(Query::query(fqdn.clone(), kind));
    let bytes = request
        .to_vec()
        .map_err(|e| DnsError::Encode(e.to_string()))?;
    let local: SocketAddr = match server {
        SocketAddr::V4(_) => (Ipv4Addr::UNSPECIFIED, 0).into(),
        SocketAddr::V6(_) => (std::net::Ipv6Addr::UNSPECIFIED, 0).into(),
    };
    let socket = UdpSocket::bind(local)?;
    socket.connect(server)?;
    let mut buffer = [0u8; 4096];
    for _ in 0..ATTEMPTS {
        socket.send(&bytes)?;
        let deadline = Instant::now() + timeout;
        // Bounded by the deadline: stray datagrams are skipped, not waited on.
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            socket.set_read_timeout(Some(left.max(Duration::from_millis(1))))?;
            let len = match socket.recv(&mut buffer) {
                Ok(len) => len,
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    break
                }
                // Includes ICMP port unreachable (nobody listens there).
                Err(e) => return Err(DnsError::Io(e)),
            };
            let answer = match Message::from_vec(&buffer[..len]) {
                Ok(answer) => answer,
                Err(e) => return Err(DnsError::Decode(e.to_string())),
            };
            let matches = answer.metadata.id == request.metadata.id
                && answer.metadata.message_type == MessageType::Response
                && answer.queries.first().is_some_and(|q| *q.name() == fqdn);
            if !matches {
                log::debug!("zre: DNS answer for another question from {server}, skipped");
                continue;
            }
            if answer.metadata.truncation {
                return Err(DnsError::Truncated(name.to_string()));
            }
            return match answer.metadata.response_code {
                ResponseCode::NoError => Ok(answer),
                code => Err(DnsError::Response {
                    name: name.to_string(),
                    code,
                }),
            };
        }
    }
    Err(DnsError::Timeout(server))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_nameserver_line_is_the_server() {
        let conf = "# comment\nsearch example.org\nnameserver 10.0.0.53\nnameserver 10.0.0.54\n";
        assert_eq!(first_nameserver(conf), "10.0.0.53:53".parse().ok());
        assert_eq!(
            first_nameserver("nameserver ::1\n"),
            "[::1]:53".parse().ok()
        );
        assert_eq!(first_nameserver("nameserver fe80::1%eth0\n"), None);
        assert_eq!(first_nameserver(""), None);
    }

    #[test]
    fn a_bad_name_is_an_error_not_a_panic() {
        let server = "127.0.0.1:9".parse().unwrap();
        let e = resolve_srv("a..b", server, Duration::from_millis(10)).unwrap_err();
        assert!(matches!(e, DnsError::BadName(_)), "{e}");
    }
}
