//! The commands on the node actor's pipe, as multipart frames whose first
//! names the command: Zyre 2.0.1's (`zyre.c` sends them, `zyre_node.c`
//! reads them), with their argument frames, and ours for what Zyre has no
//! command for. [`Command::into_frames`] writes them (for
//! [`Node`](crate::Node)); [`Command::parse`] reads them (the actor).

use std::net::SocketAddr;
use std::time::Duration;

use czmq::BeaconSettings;

use crate::PeerId;

pub(crate) enum Command {
    // Zyre's configuration commands.
    SetName(String),
    SetHeader(String, String),
    SetVerbose,
    /// The beacon's UDP port; 0 turns the beacon off.
    SetPort(u16),
    SetEvasiveTimeout(Duration),
    /// Zyre 2.0.1 sets the evasive timeout with it (its `zyre_node` reads
    /// SET SILENT TIMEOUT into `evasive_timeout`); so do we.
    SetSilentTimeout(Duration),
    SetExpiredTimeout(Duration),
    /// The beacon interval; 0 is the default.
    SetInterval(Duration),
    /// Binds at once; answered with a signal (0 bound, 1 not).
    SetEndpoint(String),
    GossipBind(String),
    /// The hub's endpoint, and its CURVE public key (Z85) when it is a
    /// CURVE server (Zyre's `zyre_gossip_connect_curve`).
    GossipConnect(String, Option<String>),
    GossipUnpublish(String),
    // Zyre's draft security commands (`zyre_set_zcert` sends the first
    // two): our CURVE keys as Z85 text, the ROUTER's ZAP domain, and a
    // peer to reach at once (its UUID, endpoint and CURVE public key).
    SetPublicKey(String),
    SetSecretKey(String),
    ZapDomain(String),
    /// Zyre's draft `zyre_set_contest_in_group`: contest the leadership
    /// of this group.
    SetContest(String),
    /// Zyre's draft `zyre_set_advertised_endpoint`: the endpoint to tell
    /// peers (HELLO, gossip) instead of the one bound.
    SetAdvertisedEndpoint(String),
    /// Zyre's `zyre_set_beacon_peer_port`: the TCP port of the default
    /// bind (0: the system picks, the default).
    SetEphemeralPort(u16),
    RequirePeer(PeerId, String, String),
    // Zyre's running commands.
    Start,
    Stop,
    Whisper(PeerId, Vec<Vec<u8>>),
    Shout(String, Vec<Vec<u8>>),
    Join(String),
    Leave(String),
    // Zyre's queries: one string, or a list (count, then one frame each).
    Peers,
    GroupPeers(String),
    PeerEndpoint(PeerId),
    PeerName(PeerId),
    PeerHeader(PeerId, String),
    PeerGroups,
    OwnGroups,
    Uuid,
    Name,
    Dump,
    Term,
    // Ours: what Zyre configures otherwise (zsys) or has no command for.
    /// Zyre's `zyre_set_interface` sets the process-wide `zsys` interface;
    /// ours sets this node's beacon interface only.
    SetInterface(String),
    /// Every beacon setting (interface, IPv6, multicast groups, TTL).
    SetBeaconSettings(BeaconSettings),
    SetBeaconState(bool),
    SetSameHostIpc(bool),
    SetReapInterval(Duration),
    SetDnsSrv(String),
    SetDnsServer(SocketAddr),
    SetDnsInterval(Duration),
    /// A static peer's endpoint, and its CURVE public key (Z85) when it is
    /// a CURVE server.
    Connect(String, Option<String>),
    /// Queries answered with one string ("" when there is none).
    Endpoint,
    IpcEndpoint,
    GossipEndpoint,
}

/// `duration` in whole milliseconds, as Zyre's commands carry times
/// (capped at `u64::MAX` ms, which the actor reads back as "never").
fn millis(duration: Duration) -> String {
    duration.as_millis().min(u128::from(u64::MAX)).to_string()
}

fn flag(on: bool) -> String {
    if on { "1" } else { "0" }.to_string()
}

impl Command {
    /// The frames of this command, as zyre.c sends them.
    pub(crate) fn into_frames(self) -> Vec<Vec<u8>> {
        let (name, args): (&str, Vec<String>) = match self {
            Command::SetName(name) => ("SET NAME", vec![name]),
            Command::SetHeader(key, value) => ("SET HEADER", vec![key, value]),
            Command::SetVerbose => ("SET VERBOSE", vec!["1".into()]),
            Command::SetPort(port) => ("SET PORT", vec![port.to_string()]),
            Command::SetEvasiveTimeout(t) => ("SET EVASIVE TIMEOUT", vec![millis(t)]),
            Command::SetSilentTimeout(t) => ("SET SILENT TIMEOUT", vec![millis(t)]),
            Command::SetExpiredTimeout(t) => ("SET EXPIRED TIMEOUT", vec![millis(t)]),
            Command::SetInterval(t) => ("SET INTERVAL", vec![millis(t)]),
            Command::SetEndpoint(endpoint) => ("SET ENDPOINT", vec![endpoint]),
            Command::GossipBind(endpoint) => ("GOSSIP BIND", vec![endpoint]),
            Command::GossipConnect(endpoint, key) => (
                "GOSSIP CONNECT",
                std::iter::once(endpoint).chain(key).collect(),
            ),
            Command::GossipUnpublish(key) => ("GOSSIP UNPUBLISH", vec![key]),
            Command::SetPublicKey(key) => ("SET PUBLICKEY", vec![key]),
            Command::SetSecretKey(key) => ("SET SECRETKEY", vec![key]),
            Command::ZapDomain(domain) => ("ZAP DOMAIN", vec![domain]),
            Command::SetContest(group) => ("SET CONTEST", vec![group]),
            Command::SetAdvertisedEndpoint(endpoint) => ("SET ADVERTISED ENDPOINT", vec![endpoint]),
            Command::SetEphemeralPort(port) => ("SET EPHEMERAL PORT", vec![port.to_string()]),
            Command::RequirePeer(peer, endpoint, key) => {
                ("REQUIRE PEER", vec![peer.to_string(), endpoint, key])
            }
            Command::Start => ("START", vec![]),
            Command::Stop => ("STOP", vec![]),
            Command::Whisper(peer, content) => {
                let mut frames = vec![b"WHISPER".to_vec(), peer.to_string().into_bytes()];
                frames.extend(content);
                return frames;
            }
            Command::Shout(group, content) => {
                let mut frames = vec![b"SHOUT".to_vec(), group.into_bytes()];
                frames.extend(content);
                return frames;
            }
            Command::Join(group) => ("JOIN", vec![group]),
            Command::Leave(group) => ("LEAVE", vec![group]),
            Command::Peers => ("PEERS", vec![]),
            Command::GroupPeers(group) => ("GROUP PEERS", vec![group]),
            Command::PeerEndpoint(peer) => ("PEER ENDPOINT", vec![peer.to_string()]),
            Command::PeerName(peer) => ("PEER NAME", vec![peer.to_string()]),
            Command::PeerHeader(peer, key) => ("PEER HEADER", vec![peer.to_string(), key]),
            Command::PeerGroups => ("PEER GROUPS", vec![]),
            Command::OwnGroups => ("OWN GROUPS", vec![]),
            Command::Uuid => ("UUID", vec![]),
            Command::Name => ("NAME", vec![]),
            Command::Dump => ("DUMP", vec![]),
            Command::Term => ("$TERM", vec![]),
            Command::SetInterface(interface) => ("SET INTERFACE", vec![interface]),
            Command::SetBeaconSettings(s) => (
                "SET BEACON SETTINGS",
                vec![
                    s.interface,
                    flag(s.ipv6),
                    s.ipv6_address,
                    s.ipv6_mcast_address,
                    s.ipv4_mcast_address
                        .map(|a| a.to_string())
                        .unwrap_or_default(),
                    s.mcast_ttl.to_string(),
                ],
            ),
            Command::SetBeaconState(on) => ("SET BEACON STATE", vec![flag(on)]),
            Command::SetSameHostIpc(on) => ("SET SAME HOST IPC", vec![flag(on)]),
            Command::SetReapInterval(t) => ("SET REAP INTERVAL", vec![millis(t)]),
            Command::SetDnsSrv(name) => ("SET DNS SRV", vec![name]),
            Command::SetDnsServer(server) => ("SET DNS SERVER", vec![server.to_string()]),
            Command::SetDnsInterval(t) => ("SET DNS INTERVAL", vec![millis(t)]),
            Command::Connect(endpoint, key) => {
                ("CONNECT", std::iter::once(endpoint).chain(key).collect())
            }
            Command::Endpoint => ("ENDPOINT", vec![]),
            Command::IpcEndpoint => ("IPC ENDPOINT", vec![]),
            Command::GossipEndpoint => ("GOSSIP ENDPOINT", vec![]),
        };
        std::iter::once(name.to_string())
            .chain(args)
            .map(String::into_bytes)
            .collect()
    }

    /// Reads one command. `Err` says why it was refused (an unknown or
    /// unsupported command, a missing or malformed argument), for the log.
    pub(crate) fn parse<T: AsRef<[u8]>>(frames: &[T]) -> Result<Command, String> {
        let name = match frames.first().map(|f| std::str::from_utf8(f.as_ref())) {
            Some(Ok(name)) => name,
            _ => return Err("a command that is not text".into()),
        };
        let text = |i: usize| -> Result<String, String> {
            let frame = frames
                .get(i)
                .ok_or_else(|| format!("{name}: argument {i} missing"))?;
            String::from_utf8(frame.as_ref().to_vec())
                .map_err(|_| format!("{name}: argument {i} is not text"))
        };
        let number = |i: usize| -> Result<u64, String> {
            let value = text(i)?;
            value
                .trim()
                .parse()
                .map_err(|_| format!("{name}: {value:?} is not a number"))
        };
        let ms = |i: usize| number(i).map(Duration::from_millis);
        let on = |i: usize| number(i).map(|n| n != 0);
        let port = |i: usize| -> Result<u16, String> {
            u16::try_from(number(i)?).map_err(|_| format!("{name}: not a port number"))
        };
        let peer = |i: usize| -> Result<PeerId, String> {
            let value = text(i)?;
            value
                .parse()
                .map_err(|_| format!("{name}: {value:?} is not a UUID"))
        };
        // An argument that may be left out (Zyre's zstr_sendx stops at a
        // NULL string, so a missing key is a missing frame).
        let optional = |i: usize| -> Result<Option<String>, String> {
            match frames.len() > i {
                true => text(i).map(Some),
                false => Ok(None),
            }
        };
        let content = || frames.iter().skip(2).map(|f| f.as_ref().to_vec()).collect();
        Ok(match name {
            "SET NAME" => Command::SetName(text(1)?),
            "SET HEADER" => Command::SetHeader(text(1)?, text(2)?),
            "SET VERBOSE" => Command::SetVerbose,
            "SET PORT" => Command::SetPort(port(1)?),
            "SET EVASIVE TIMEOUT" => Command::SetEvasiveTimeout(ms(1)?),
            "SET SILENT TIMEOUT" => Command::SetSilentTimeout(ms(1)?),
            "SET EXPIRED TIMEOUT" => Command::SetExpiredTimeout(ms(1)?),
            "SET INTERVAL" => Command::SetInterval(ms(1)?),
            "SET ENDPOINT" => Command::SetEndpoint(text(1)?),
            "GOSSIP BIND" => Command::GossipBind(text(1)?),
            "GOSSIP CONNECT" => Command::GossipConnect(text(1)?, optional(2)?),
            "GOSSIP UNPUBLISH" => Command::GossipUnpublish(text(1)?),
            "SET PUBLICKEY" => Command::SetPublicKey(text(1)?),
            "SET SECRETKEY" => Command::SetSecretKey(text(1)?),
            "ZAP DOMAIN" => Command::ZapDomain(text(1)?),
            "SET CONTEST" => Command::SetContest(text(1)?),
            "SET ADVERTISED ENDPOINT" => Command::SetAdvertisedEndpoint(text(1)?),
            "SET EPHEMERAL PORT" => Command::SetEphemeralPort(port(1)?),
            "REQUIRE PEER" => Command::RequirePeer(peer(1)?, text(2)?, text(3)?),
            "START" => Command::Start,
            "STOP" => Command::Stop,
            "WHISPER" => Command::Whisper(peer(1)?, content()),
            "SHOUT" => Command::Shout(text(1)?, content()),
            "JOIN" => Command::Join(text(1)?),
            "LEAVE" => Command::Leave(text(1)?),
            "PEERS" => Command::Peers,
            "GROUP PEERS" => Command::GroupPeers(text(1)?),
            "PEER ENDPOINT" => Command::PeerEndpoint(peer(1)?),
            "PEER NAME" => Command::PeerName(peer(1)?),
            "PEER HEADER" => Command::PeerHeader(peer(1)?, text(2)?),
            "PEER GROUPS" => Command::PeerGroups,
            "OWN GROUPS" => Command::OwnGroups,
            "UUID" => Command::Uuid,
            "NAME" => Command::Name,
            "DUMP" => Command::Dump,
            "$TERM" => Command::Term,
            "SET INTERFACE" => Command::SetInterface(text(1)?),
            "SET BEACON SETTINGS" => {
                let ipv4 = text(5)?;
                Command::SetBeaconSettings(BeaconSettings {
                    interface: text(1)?,
                    ipv6: on(2)?,
                    ipv6_address: text(3)?,
                    ipv6_mcast_address: text(4)?,
                    ipv4_mcast_address: match ipv4.as_str() {
                        "" => None,
                        address => Some(
                            address
                                .parse()
                                .map_err(|_| format!("{name}: bad IPv4 group {address:?}"))?,
                        ),
                    },
                    mcast_ttl: u32::try_from(number(6)?)
                        .map_err(|_| format!("{name}: TTL out of range"))?,
                })
            }
            "SET BEACON STATE" => Command::SetBeaconState(on(1)?),
            "SET SAME HOST IPC" => Command::SetSameHostIpc(on(1)?),
            "SET REAP INTERVAL" => Command::SetReapInterval(ms(1)?),
            "SET DNS SRV" => Command::SetDnsSrv(text(1)?),
            "SET DNS SERVER" => {
                let server = text(1)?;
                Command::SetDnsServer(
                    server
                        .parse()
                        .map_err(|_| format!("{name}: {server:?} is not address:port"))?,
                )
            }
            "SET DNS INTERVAL" => Command::SetDnsInterval(ms(1)?),
            "CONNECT" => Command::Connect(text(1)?, optional(2)?),
            "ENDPOINT" => Command::Endpoint,
            "IPC ENDPOINT" => Command::IpcEndpoint,
            "GOSSIP ENDPOINT" => Command::GossipEndpoint,
            other => return Err(format!("invalid command '{other}'")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_read_back_what_they_write() {
        let peer = PeerId::from_bytes([3; 16]);
        let frames = Command::Whisper(peer, vec![b"a".to_vec()]).into_frames();
        assert_eq!(frames[1], peer.to_string().as_bytes());
        assert!(matches!(
            Command::parse(&frames),
            Ok(Command::Whisper(p, c)) if p == peer && c == [b"a".to_vec()]
        ));
        let settings = BeaconSettings::from_zsys();
        let frames = Command::SetBeaconSettings(settings.clone()).into_frames();
        assert!(matches!(
            Command::parse(&frames),
            Ok(Command::SetBeaconSettings(s)) if s.interface == settings.interface
        ));
    }

    #[test]
    fn optional_keys_are_frames_zyre_may_leave_out() {
        let frames = Command::GossipConnect("tcp://h:1".into(), Some("K".into())).into_frames();
        assert_eq!(frames, [&b"GOSSIP CONNECT"[..], b"tcp://h:1", b"K"]);
        assert!(matches!(
            Command::parse(&frames),
            Ok(Command::GossipConnect(e, Some(k))) if e == "tcp://h:1" && k == "K"
        ));
        let frames = Command::Connect("tcp://h:1".into(), None).into_frames();
        assert_eq!(frames.len(), 2);
        assert!(matches!(
            Command::parse(&frames),
            Ok(Command::Connect(_, None))
        ));
    }

    #[test]
    fn bad_commands_are_refused_with_a_reason() {
        assert!(Command::parse(&[&b"FLY"[..]]).is_err());
        assert!(Command::parse(&[&b"JOIN"[..]]).is_err());
        assert!(Command::parse(&[&b"SET PORT"[..], b"seventy"]).is_err());
        assert!(Command::parse(&[&b"SET EPHEMERAL PORT"[..], b"70000"]).is_err());
        assert!(matches!(
            Command::parse(&[&b"SET EPHEMERAL PORT"[..], b"5671"]),
            Ok(Command::SetEphemeralPort(5671))
        ));
    }
}
