//! Same-host transport: nodes on one host talk over ipc (a Unix-domain
//! socket whose path is derived from the listener's UUID) instead of tcp,
//! which skips the TCP/IP stack. Beacons and HELLO still carry the tcp
//! endpoint, so Zyre and nodes on other hosts are unaffected.

use std::net::{IpAddr, UdpSocket};
use std::path::PathBuf;

use crate::PeerId;

/// Room in `sockaddr_un.sun_path` (108 on Linux) with a margin.
const MAX_PATH: usize = 100;

/// The ipc endpoint a node with UUID `id` listens at on this host:
/// `$XDG_RUNTIME_DIR/zre-<uuid>.sock` (private to the user, cleaned at
/// logout), else the temp dir. A random UUID per run means a stale file
/// left by a crash never matches a live node.
pub(super) fn endpoint_for(id: PeerId) -> String {
    let file = format!("zre-{id}.sock");
    let runtime = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|dir| dir.is_dir())
        .map(|dir| dir.join(&file))
        .filter(|path| path.as_os_str().len() <= MAX_PATH);
    let path = runtime.unwrap_or_else(|| std::env::temp_dir().join(&file));
    format!("ipc://{}", path.display())
}

/// Whether `address` is one of this host's (in this network namespace):
/// loopback, or an address we can bind a UDP socket to. Binding is the
/// kernel's own answer to "is this mine", with no unsafe interface listing;
/// the socket (port 0) is closed at once and never used.
pub(super) fn is_own_address(address: IpAddr) -> bool {
    address.is_loopback() || UdpSocket::bind((address, 0)).is_ok()
}

/// Whether the tcp endpoint `endpoint` is our own listener, bound at
/// `ours`: the same endpoint, or our port at one of this host's addresses
/// (`ours` may be a wildcard such as `tcp://0.0.0.0:5670`).
pub(super) fn is_own_tcp_endpoint(endpoint: &str, ours: &str) -> bool {
    if endpoint == ours {
        return true;
    }
    let port = |e: &str| e.rsplit_once(':').map(|(_, port)| port.to_string());
    match (tcp_host(endpoint), port(endpoint)) {
        (Some(host), Some(p)) => {
            ours.starts_with("tcp://") && port(ours) == Some(p) && is_own_address(host)
        }
        _ => false,
    }
}

/// The host part of a `tcp://host:port` endpoint, if it is an IP address.
fn tcp_host(endpoint: &str) -> Option<IpAddr> {
    let rest = endpoint.strip_prefix("tcp://")?;
    let (host, _port) = rest.rsplit_once(':')?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    // A scoped IPv6 address (fe80::1%eth0): the scope is not part of the IP.
    let host = host.split('%').next()?;
    host.parse().ok()
}

/// The ipc endpoint to reach node `id`, advertised at `tcp_endpoint`, if it
/// is on this host and listens on ipc (its socket file exists); `None`
/// means use tcp.
pub(super) fn same_host_route(id: PeerId, tcp_endpoint: &str) -> Option<String> {
    if !cfg!(unix) || !is_own_address(tcp_host(tcp_endpoint)?) {
        return None;
    }
    let ipc = endpoint_for(id);
    let path = ipc.strip_prefix("ipc://")?;
    is_socket(path).then_some(ipc)
}

#[cfg(unix)]
fn is_socket(path: &str) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata(path).is_ok_and(|m| m.file_type().is_socket())
}

#[cfg(not(unix))]
fn is_socket(_path: &str) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_parsed_from_tcp_endpoints() {
        assert_eq!(
            tcp_host("tcp://127.0.0.1:5670"),
            Some([127, 0, 0, 1].into())
        );
        assert_eq!(tcp_host("tcp://[::1]:5670"), "::1".parse().ok());
        assert_eq!(tcp_host("tcp://[fe80::1%eth0]:1"), "fe80::1".parse().ok());
        assert_eq!(tcp_host("ipc:///tmp/x"), None);
        assert_eq!(tcp_host("tcp://example.org:1"), None);
    }

    #[test]
    fn our_own_listener_is_recognised_by_port_and_local_address() {
        let ours = "tcp://0.0.0.0:5670";
        assert!(is_own_tcp_endpoint("tcp://127.0.0.1:5670", ours));
        assert!(!is_own_tcp_endpoint("tcp://127.0.0.1:5671", ours));
        assert!(!is_own_tcp_endpoint("tcp://192.0.2.1:5670", ours));
        assert!(is_own_tcp_endpoint("ipc:///x", "ipc:///x"));
        assert!(!is_own_tcp_endpoint("tcp://127.0.0.1:5670", "ipc:///x"));
    }

    #[test]
    fn loopback_is_ours_and_test_net_is_not() {
        assert!(is_own_address([127, 0, 0, 1].into()));
        assert!(!is_own_address([192, 0, 2, 1].into()));
    }

    #[test]
    fn a_node_without_a_socket_file_is_reached_over_tcp() {
        assert_eq!(
            same_host_route(PeerId::random(), "tcp://127.0.0.1:5670"),
            None
        );
    }
}
