//! Tcp endpoints compared by where they lead rather than how they are
//! spelled: a static peer listed as `tcp://localhost:5670` is the node
//! whose HELLO says `tcp://127.0.0.1:5670`. Without this the node said
//! HELLO twice to such a peer (once on the listed endpoint, once on the
//! advertised one), and the peer took the second HELLO for a restart:
//! EXIT and ENTER, again at every retry of the static list.

use std::net::{IpAddr, SocketAddr, ToSocketAddrs};

/// The host and port of a `tcp://host:port` endpoint (the connect side of
/// libzmq's `tcp://source;host:port` form), brackets gone from an IPv6
/// host. `None` for other transports and malformed endpoints.
fn host_and_port(endpoint: &str) -> Option<(&str, u16)> {
    let rest = endpoint.strip_prefix("tcp://")?;
    let target = rest.rsplit_once(';').map_or(rest, |(_, target)| target);
    let (host, port) = target.rsplit_once(':')?;
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    Some((host, port.parse().ok()?))
}

/// The socket address of a tcp endpoint whose host is an IP literal, as
/// nodes advertise themselves in HELLO; `None` for a name, another
/// transport or a malformed endpoint. Never asks the DNS.
pub(crate) fn literal(endpoint: &str) -> Option<SocketAddr> {
    let (host, port) = host_and_port(endpoint)?;
    Some(SocketAddr::new(host.parse::<IpAddr>().ok()?, port))
}

/// Every socket address a tcp endpoint leads to: its host resolved by the
/// system (an IP literal without a lookup). Empty for other transports,
/// wildcards and names that do not resolve. May block on the DNS: called
/// once when a static peer is listed, not in the node's event loop.
pub(crate) fn resolve(endpoint: &str) -> Vec<SocketAddr> {
    if let Some(address) = literal(endpoint) {
        return vec![address];
    }
    match host_and_port(endpoint) {
        Some(("*", _)) | None => Vec::new(),
        Some((host, port)) => match (host, port).to_socket_addrs() {
            Ok(addresses) => addresses.collect(),
            Err(e) => {
                log::warn!("zre: {endpoint}: {e}; compared by its text only");
                Vec::new()
            }
        },
    }
}

/// Whether `endpoint`, as a node advertises it, is one of `addresses`
/// (what a listed endpoint resolved to).
pub(crate) fn leads_to(endpoint: &str, addresses: &[SocketAddr]) -> bool {
    !addresses.is_empty() && literal(endpoint).is_some_and(|a| addresses.contains(&a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // HELLO endpoints come from the network: any text is an answer,
        // never a panic.
        #[test]
        fn any_text_is_an_address_or_none(text in ".*") {
            let _ = literal(&text);
            let _ = leads_to(&text, &[([127, 0, 0, 1], 1).into()]);
        }

        #[test]
        fn every_socket_address_reads_back(address in any::<SocketAddr>()) {
            let host = match address.ip() {
                IpAddr::V4(v4) => v4.to_string(),
                IpAddr::V6(v6) => format!("[{v6}]"),
            };
            let endpoint = format!("tcp://{host}:{}", address.port());
            // Scope ids and flow labels are not part of an endpoint.
            let plain = SocketAddr::new(address.ip(), address.port());
            prop_assert_eq!(literal(&endpoint), Some(plain));
            prop_assert!(leads_to(&endpoint, &[plain]));
        }
    }

    #[test]
    fn literals_parse_without_a_lookup() {
        assert_eq!(
            literal("tcp://127.0.0.1:5670"),
            Some(([127, 0, 0, 1], 5670).into())
        );
        assert_eq!(literal("tcp://[::1]:5670"), "[::1]:5670".parse().ok());
        assert_eq!(
            literal("tcp://10.0.0.1;127.0.0.1:9"),
            Some(([127, 0, 0, 1], 9).into())
        );
        for not_literal in [
            "tcp://localhost:5670",
            "ipc:///tmp/x",
            "tcp://127.0.0.1",
            "tcp://127.0.0.1:port",
            "tcp://127.0.0.1:70000",
            "",
        ] {
            assert_eq!(literal(not_literal), None, "{not_literal}");
        }
    }

    #[test]
    fn localhost_leads_to_the_loopback_address() {
        let addresses = resolve("tcp://localhost:5670");
        assert!(
            leads_to("tcp://127.0.0.1:5670", &addresses),
            "{addresses:?}"
        );
        assert!(!leads_to("tcp://127.0.0.1:5671", &addresses));
        assert!(
            !leads_to("tcp://localhost:5670", &addresses),
            "names never match"
        );
    }

    #[test]
    fn wildcards_and_other_transports_lead_nowhere() {
        assert!(resolve("tcp://*:5670").is_empty());
        assert!(resolve("ipc:///tmp/zre").is_empty());
        assert!(!leads_to("tcp://127.0.0.1:5670", &[]));
    }
}
