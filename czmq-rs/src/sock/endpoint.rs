//! CZMQ's endpoint syntax: comma-separated attach lists with `@`/`>` prefixes,
//! and the ephemeral TCP port forms `tcp://host:*`, `tcp://host:!` and their
//! `[first-last]` ranges.

use crate::error::{Error, Result};

/// First port of the IANA dynamic range, where CZMQ's ephemeral binds start.
pub const DYNAMIC_FIRST: u16 = 0xc000;
/// Last port of the IANA dynamic range.
pub const DYNAMIC_LAST: u16 = 0xffff;

/// What one entry of an attach list asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attach<'a> {
    /// Bind to the endpoint.
    Bind(&'a str),
    /// Connect to the endpoint.
    Connect(&'a str),
}

/// Splits an attach list ("@tcp://*:5555,>inproc://x") into binds and
/// connects; unprefixed entries bind when `serverish`. An empty list is
/// nothing to do; a trailing comma is tolerated, as in CZMQ; an empty entry
/// in the middle is an error.
pub fn parse_attach(endpoints: &str, serverish: bool) -> Result<Vec<Attach<'_>>> {
    let endpoints = endpoints.strip_suffix(',').unwrap_or(endpoints);
    if endpoints.is_empty() {
        return Ok(Vec::new());
    }
    endpoints
        .split(',')
        .map(|entry| {
            let attach = if let Some(ep) = entry.strip_prefix('@') {
                Attach::Bind(ep)
            } else if let Some(ep) = entry.strip_prefix('>') {
                Attach::Connect(ep)
            } else if serverish {
                Attach::Bind(entry)
            } else {
                Attach::Connect(entry)
            };
            match attach {
                Attach::Bind("") | Attach::Connect("") => Err(invalid(
                    endpoints,
                    "empty endpoint in the attach list".into(),
                )),
                a => Ok(a),
            }
        })
        .collect()
}

/// An ephemeral TCP bind request: `host` is everything before the last ':'
/// (including "tcp://"), ports are tried from `first` (or a random start
/// when `random`) up to `last`, wrapping around.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ephemeral<'a> {
    /// "tcp://host" without the port.
    pub host: &'a str,
    /// `!`: start at a random port of the range instead of its first.
    pub random: bool,
    /// First port of the range (inclusive).
    pub first: u16,
    /// Last port of the range (inclusive).
    pub last: u16,
}

/// How a bind endpoint is to be handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindKind<'a> {
    /// `tcp://host:NNNN`: a fixed port (as written; libzmq validates it).
    TcpPort(u32),
    /// `tcp://host:*` or `tcp://host:!`, with an optional range.
    Ephemeral(Ephemeral<'a>),
    /// Anything else (ipc, inproc, udp, ...): bound as given.
    Other,
}

/// [`Error::InvalidEndpoint`] for `endpoint`.
fn invalid(endpoint: &str, reason: String) -> Error {
    Error::InvalidEndpoint {
        endpoint: endpoint.to_owned(),
        reason,
    }
}

fn parse_port(endpoint: &str, digits: &str, default: u16) -> Result<u16> {
    if digits.is_empty() {
        return Ok(default);
    }
    digits
        .parse::<u16>()
        .map_err(|_| invalid(endpoint, format!("port {digits:?} is not in 0..=65535")))
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Classifies a bind endpoint the way CZMQ's zsock_bind does.
pub fn parse_bind(endpoint: &str) -> Result<BindKind<'_>> {
    if !endpoint.starts_with("tcp://") {
        return Ok(BindKind::Other);
    }
    // Split off an optional "[first-last]" range after the operator.
    let (head, range) = match endpoint.strip_suffix(']').and_then(|s| s.rsplit_once('[')) {
        Some((head, range)) => (head, Some(range)),
        None => (endpoint, None),
    };
    let Some((host, port)) = head.rsplit_once(':') else {
        return Ok(BindKind::Other);
    };
    if host.len() <= "tcp:/".len() {
        // The ':' found was the one of "tcp://": there is no port at all.
        return Ok(BindKind::Other);
    }
    match (port, range) {
        ("*" | "!", range) => {
            let (first, last) = match range {
                None => (DYNAMIC_FIRST, DYNAMIC_LAST),
                Some(range) => {
                    let bad_range = || invalid(endpoint, format!("bad port range [{range}]"));
                    let (a, b) = range.split_once('-').ok_or_else(bad_range)?;
                    let valid = |s: &str| s.is_empty() || all_digits(s);
                    if !valid(a) || !valid(b) {
                        return Err(bad_range());
                    }
                    (
                        parse_port(endpoint, a, DYNAMIC_FIRST)?,
                        parse_port(endpoint, b, DYNAMIC_LAST)?,
                    )
                }
            };
            if first > last {
                return Err(invalid(
                    endpoint,
                    format!("empty port range {first}-{last}"),
                ));
            }
            Ok(BindKind::Ephemeral(Ephemeral {
                host,
                random: port == "!",
                first,
                last,
            }))
        }
        (digits, None) if all_digits(digits) => {
            // Too many digits for any port: let libzmq refuse it as EINVAL.
            Ok(BindKind::TcpPort(digits.parse().unwrap_or(u32::MAX)))
        }
        _ => Ok(BindKind::Other),
    }
}

/// The port of a resolved endpoint such as "tcp://127.0.0.1:49152".
pub fn port_of(endpoint: &str) -> Option<u16> {
    endpoint.rsplit_once(':')?.1.parse().ok()
}

/// A random number, from std's per-process random hash keys (no extra
/// dependency for the few random choices this layer makes).
pub fn random_u64() -> u64 {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attach_lists() {
        assert_eq!(parse_attach("", true).unwrap(), vec![]);
        assert_eq!(
            parse_attach("@inproc://a,>inproc://b,inproc://c,", false).unwrap(),
            vec![
                Attach::Bind("inproc://a"),
                Attach::Connect("inproc://b"),
                Attach::Connect("inproc://c")
            ]
        );
        assert_eq!(
            parse_attach("inproc://c", true).unwrap(),
            vec![Attach::Bind("inproc://c")]
        );
        assert!(parse_attach("inproc://a,,inproc://b", true).is_err());
        assert!(parse_attach("@", true).is_err());
    }

    #[test]
    fn bind_forms() {
        assert_eq!(
            parse_bind("tcp://127.0.0.1:5555").unwrap(),
            BindKind::TcpPort(5555)
        );
        assert_eq!(parse_bind("inproc://x:*").unwrap(), BindKind::Other);
        assert_eq!(parse_bind("tcp://eth0").unwrap(), BindKind::Other);
        assert_eq!(
            parse_bind("tcp://*:*").unwrap(),
            BindKind::Ephemeral(Ephemeral {
                host: "tcp://*",
                random: false,
                first: DYNAMIC_FIRST,
                last: DYNAMIC_LAST
            })
        );
        assert_eq!(
            parse_bind("tcp://[::1]:![-60000]").unwrap(),
            BindKind::Ephemeral(Ephemeral {
                host: "tcp://[::1]",
                random: true,
                first: DYNAMIC_FIRST,
                last: 60000
            })
        );
        assert_eq!(
            parse_bind("tcp://127.0.0.1:*[60000-]").unwrap(),
            BindKind::Ephemeral(Ephemeral {
                host: "tcp://127.0.0.1",
                random: false,
                first: 60000,
                last: DYNAMIC_LAST
            })
        );
        assert!(parse_bind("tcp://127.0.0.1:*[70000-]").is_err());
        assert!(parse_bind("tcp://127.0.0.1:*[600-500]").is_err());
        assert!(parse_bind("tcp://127.0.0.1:*[a-b]").is_err());
        assert!(parse_bind("tcp://127.0.0.1:*[100]").is_err());
    }

    #[test]
    fn ports_of_endpoints() {
        assert_eq!(port_of("tcp://127.0.0.1:49152"), Some(49152));
        assert_eq!(port_of("inproc://x"), None);
        assert_ne!(random_u64(), random_u64());
    }
}
