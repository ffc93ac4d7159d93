//! Beacon on loopback: CZMQ's pipe protocol, delivery rules, several nodes
//! per host, hostile datagrams, the ZRE discovery payload and its peer
//! table, and (ignored by default) interop with the real CZMQ zbeacon.
//!
//! Every beacon here is pinned to `lo` (127.0.0.1, broadcast to
//! 127.255.255.255) or to a multicast group sent out of `lo`, so nothing
//! leaves the host; each test has its own port (and group).

use std::net::UdpSocket;
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{Duration, Instant};

use czmq::{
    Actor, Beacon, BeaconSettings, DiscoveryBeacon, Error, NodeState, PeerEvent, Peers, zbeacon,
};
use proptest::prelude::*;

const FAST: Duration = Duration::from_millis(50);
const WAIT: Duration = Duration::from_secs(3);
const QUIET: Duration = Duration::from_millis(400);

/// A port no other test of this run uses: a per-process base, then one
/// each. Below Linux's ephemeral range (32768+), so no socket bound to port 0
/// (ours or another program's) can hold it.
fn port() -> u16 {
    static NEXT: AtomicU16 = AtomicU16::new(0);
    let _ = NEXT.compare_exchange(
        0,
        20000 + (std::process::id() % 100) as u16 * 100,
        Ordering::SeqCst,
        Ordering::SeqCst,
    );
    NEXT.fetch_add(1, Ordering::SeqCst)
}

fn lo() -> BeaconSettings {
    BeaconSettings {
        interface: "lo".into(),
        ipv6: false,
        ipv6_address: String::new(),
        ipv6_mcast_address: "ff02:0:0:0:0:0:0:1".into(),
        ipv4_mcast_address: None,
        mcast_ttl: 1,
    }
}

fn node(port: u16) -> Beacon {
    node_with(lo(), port)
}

fn node_with(settings: BeaconSettings, port: u16) -> Beacon {
    let mut beacon = Beacon::with_settings(settings).expect("beacon");
    assert_eq!(beacon.configure(port).expect("configure"), "127.0.0.1");
    beacon
}

/// Waits (bounded) for a beacon whose payload is `want`; everything else
/// seen on the way is returned too.
fn wait_for(beacon: &mut Beacon, want: &[u8]) -> (bool, Vec<(String, Vec<u8>)>) {
    let deadline = Instant::now() + WAIT;
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        if let Some((sender, payload)) = beacon.recv(Duration::from_millis(100)) {
            let hit = payload == want;
            seen.push((sender, payload));
            if hit {
                return (true, seen);
            }
        }
    }
    (false, seen)
}

/// Everything delivered within `window`.
fn collect(beacon: &mut Beacon, window: Duration) -> Vec<(String, Vec<u8>)> {
    let deadline = Instant::now() + window;
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return seen;
        }
        if let Some(got) = beacon.recv(left) {
            seen.push(got);
        }
    }
}

fn raw_reply(actor: &Actor) -> Vec<Vec<u8>> {
    actor.sock().as_socket().set_rcvtimeo(Some(WAIT)).unwrap();
    actor
        .sock()
        .recv_parts()
        .expect("reply")
        .iter()
        .map(|f| f.data().to_vec())
        .collect()
}

#[test]
fn configure_replies_the_interface_address() {
    let mut beacon = Beacon::with_settings(lo()).unwrap();
    assert_eq!(beacon.configure(port()).unwrap(), "127.0.0.1");
    // By address as well as by name.
    let mut by_addr = lo();
    by_addr.interface = "127.0.0.1".into();
    let mut beacon = Beacon::with_settings(by_addr).unwrap();
    assert_eq!(beacon.configure(port()).unwrap(), "127.0.0.1");
    assert!(matches!(
        beacon.configure(0),
        Err(Error::InvalidArgument(_))
    ));
}

#[test]
fn configure_replies_empty_without_a_usable_interface() {
    let mut none = lo();
    none.interface = "no-such-if9".into();
    let mut beacon = Beacon::with_settings(none).unwrap();
    assert_eq!(beacon.configure(port()).unwrap(), "");
    // Still serving: publishing without a socket is harmless.
    beacon.publish(b"nowhere", FAST).unwrap();
    assert_eq!(beacon.configure(port()).unwrap(), "");
}

#[test]
fn wildcard_interface_replies_star() {
    // Binding only: nothing is published, so nothing leaves the host.
    let mut star = lo();
    star.interface = "*".into();
    let mut beacon = Beacon::with_settings(star).unwrap();
    assert_eq!(beacon.configure(port()).unwrap(), "*");
}

#[test]
fn raw_pipe_protocol_matches_czmq() {
    // The plain actor body reads zsys at CONFIGURE, as CZMQ does. No other
    // test in this file reads zsys (they pass fixed settings), so setting
    // it here is safe.
    czmq::zsys::set_interface("lo");
    let port = port();
    let actor = Actor::new(zbeacon).unwrap();
    actor
        .sock()
        .send_parts(&[&b"CONFIGURE"[..], port.to_string().as_bytes()])
        .unwrap();
    assert_eq!(raw_reply(&actor), vec![b"127.0.0.1".to_vec()]);
    actor.sock().send_parts(&[&b"CONFIGURE"[..], b"0"]).unwrap();
    assert_eq!(raw_reply(&actor)[0], b"ERROR");
    actor
        .sock()
        .send_parts(&[&b"CONFIGURE"[..], b"http"])
        .unwrap();
    assert_eq!(raw_reply(&actor)[0], b"ERROR");
    actor.sock().send_parts(&[&b"CONFIGURE"[..]]).unwrap();
    assert_eq!(raw_reply(&actor)[0], b"ERROR");
    actor.sock().send_strs(&["VERBOSE"]).unwrap();
    actor.sock().send_strs(&["SILENCE"]).unwrap();
    actor.sock().send_strs(&["UNSUBSCRIBE"]).unwrap();
    actor.join().unwrap();
}

#[test]
fn published_payload_goes_out_unframed_from_the_beacon_port() {
    let port = port();
    // A raw listener on the port sees what the beacon broadcasts.
    let listener = shared_udp(port);
    let beacon = node(port);
    // The golden PUBLISH of the vectors: a ZRE-style 22-byte beacon.
    let golden = hex("5a52450100112233445566778899aabbccddeeffc350");
    beacon.publish(&golden, Duration::from_millis(100)).unwrap();
    let mut buf = [0u8; 512];
    let (len, from) = listener.recv_from(&mut buf).expect("a beacon");
    assert_eq!(&buf[..len], &golden[..]);
    assert_eq!(from.port(), port);
    assert_eq!(from.ip().to_string(), "127.0.0.1");
}

#[test]
fn two_beacons_exchange_payloads() {
    let port = port();
    let mut a = node(port);
    let mut b = node(port);
    a.publish(b"alpha", FAST).unwrap();
    b.publish(b"bravo", FAST).unwrap();
    a.subscribe(b"").unwrap();
    b.subscribe(b"").unwrap();
    let (got, seen) = wait_for(&mut b, b"alpha");
    assert!(got, "b saw {seen:?}");
    assert!(seen.iter().all(|(sender, _)| sender == "127.0.0.1"));
    let (got, seen) = wait_for(&mut a, b"bravo");
    assert!(got, "a saw {seen:?}");
}

#[test]
fn nothing_is_delivered_before_subscribe() {
    let port = port();
    let mut a = node(port);
    let b = node(port);
    b.publish(b"unheard", FAST).unwrap();
    assert!(collect(&mut a, QUIET).is_empty());
}

#[test]
fn prefix_filter_selects_payloads() {
    let port = port();
    let mut listener = node(port);
    let zre = node(port);
    let other = node(port);
    zre.publish(b"ZRE\x01wanted", FAST).unwrap();
    other.publish(b"XYZ unwanted", FAST).unwrap();
    listener.subscribe(b"ZRE").unwrap();
    let seen = collect(&mut listener, Duration::from_millis(600));
    assert!(seen.iter().any(|(_, p)| p == b"ZRE\x01wanted"), "{seen:?}");
    assert!(seen.iter().all(|(_, p)| p.starts_with(b"ZRE")), "{seen:?}");
}

#[test]
fn own_payload_is_filtered_out() {
    let port = port();
    let mut me = node(port);
    let peer = node(port);
    me.publish(b"myself", FAST).unwrap();
    me.subscribe(b"").unwrap();
    peer.publish(b"peer", FAST).unwrap();
    let seen = collect(&mut me, Duration::from_millis(600));
    assert!(
        seen.iter().any(|(_, p)| p == b"peer"),
        "listening: {seen:?}"
    );
    assert!(seen.iter().all(|(_, p)| p != b"myself"), "{seen:?}");
}

#[test]
fn unsubscribe_stops_delivery() {
    let port = port();
    let mut me = node(port);
    let peer = node(port);
    peer.publish(b"tick", FAST).unwrap();
    me.subscribe(b"").unwrap();
    assert!(wait_for(&mut me, b"tick").0);
    me.unsubscribe().unwrap();
    // What was queued before the command took effect is drained first.
    collect(&mut me, Duration::from_millis(300));
    assert!(collect(&mut me, QUIET).is_empty());
    // And subscribing again resumes it.
    me.subscribe(b"ti").unwrap();
    assert!(wait_for(&mut me, b"tick").0);
}

#[test]
fn silence_stops_sending() {
    let port = port();
    let mut me = node(port);
    let peer = node(port);
    peer.publish(b"chatter", FAST).unwrap();
    me.subscribe(b"").unwrap();
    assert!(wait_for(&mut me, b"chatter").0);
    peer.silence().unwrap();
    collect(&mut me, Duration::from_millis(300));
    assert!(collect(&mut me, QUIET).is_empty());
}

#[test]
fn zero_interval_means_one_second_and_the_first_beacon_is_immediate() {
    let port = port();
    let mut me = node(port);
    me.subscribe(b"").unwrap();
    let peer = node(port);
    let start = Instant::now();
    peer.publish(b"slow", Duration::ZERO).unwrap();
    assert!(wait_for(&mut me, b"slow").0);
    let first = start.elapsed();
    // At once, not after an interval (loose bound: the machine may be busy).
    assert!(
        first < Duration::from_millis(900),
        "first beacon after {first:?}"
    );
    assert!(wait_for(&mut me, b"slow").0);
    let gap = start.elapsed() - first;
    // The default interval is 1 s; delivery jitter on a busy host is allowed.
    assert!(
        gap > Duration::from_millis(700),
        "second beacon {gap:?} after the first"
    );
}

#[test]
fn payload_limit_is_255_bytes() {
    let port = port();
    let mut me = node(port);
    let mut peer = node(port);
    me.subscribe(b"").unwrap();
    let max = vec![0xa5u8; 255];
    peer.publish(&max, FAST).unwrap();
    assert!(wait_for(&mut me, &max).0);
    // Typed: refused before it reaches the actor.
    assert!(matches!(
        peer.publish(&[0u8; 256], FAST),
        Err(Error::InvalidArgument(_))
    ));
    assert!(matches!(
        peer.subscribe(&[0u8; 256]),
        Err(Error::InvalidArgument(_))
    ));
    // Raw: CZMQ would abort; ours answers ERROR and keeps the old beacon.
    let big = vec![1u8; 256];
    peer.actor()
        .sock()
        .send_parts(&[&b"PUBLISH"[..], &big[..], b"50"])
        .unwrap();
    assert_eq!(raw_reply(peer.actor())[0], b"ERROR");
    assert!(wait_for(&mut me, &max).0);
    assert_eq!(peer.configure(port).unwrap(), "127.0.0.1");
}

#[test]
fn unknown_and_malformed_commands_get_error_and_the_actor_serves_on() {
    let port = port();
    let mut me = node(port);
    let actor = me.actor();
    for bad in [
        vec![b"BOGUS".to_vec()],
        vec![Vec::new()],
        vec![vec![0xff, 0xfe]],
        vec![b"PUBLISH".to_vec()],
        vec![b"PUBLISH".to_vec(), b"x".to_vec(), b"-5".to_vec()],
        vec![b"PUBLISH".to_vec(), b"x".to_vec(), b"soon".to_vec()],
    ] {
        actor.sock().send_parts(&bad).unwrap();
        let reply = raw_reply(actor);
        assert_eq!(reply[0], b"ERROR", "for {bad:?}");
        assert_eq!(reply.len(), 2);
    }
    assert_eq!(me.configure(port).unwrap(), "127.0.0.1");
}

#[test]
fn three_beacons_on_one_host_all_receive_every_beacon() {
    let port = port();
    let mut nodes: Vec<Beacon> = (0..3).map(|_| node(port)).collect();
    for (i, n) in nodes.iter().enumerate() {
        n.subscribe(b"node-").unwrap();
        n.publish(format!("node-{i}").as_bytes(), FAST).unwrap();
    }
    for (i, n) in nodes.iter_mut().enumerate() {
        let seen = collect(n, Duration::from_millis(800));
        for j in (0..3).filter(|&j| j != i) {
            let want = format!("node-{j}").into_bytes();
            let count = seen.iter().filter(|(_, p)| *p == want).count();
            // 800 ms at 50 ms: about 16 each; allow scheduling slack.
            assert!(count >= 5, "node {i} saw {count} of node {j}: {seen:?}");
        }
    }
}

#[test]
fn every_unicast_datagram_is_delivered() {
    // CZMQ delivers only some of these (spec §3.2): its send socket shares
    // the port through SO_REUSEPORT and is never read.
    let port = port();
    let mut me = node(port);
    me.subscribe(b"uni-").unwrap();
    for i in 0..16 {
        let sender = UdpSocket::bind("127.0.0.1:0").unwrap();
        sender
            .send_to(format!("uni-{i}").as_bytes(), ("127.0.0.1", port))
            .unwrap();
    }
    let seen = collect(&mut me, Duration::from_millis(600));
    let mut got: Vec<_> = seen.iter().map(|(_, p)| p.clone()).collect();
    got.sort();
    got.dedup();
    assert_eq!(got.len(), 16, "{seen:?}");
}

#[test]
fn hostile_datagrams_are_handled_as_czmq_does() {
    let port = port();
    let mut me = node(port);
    me.subscribe(b"").unwrap();
    let raw = UdpSocket::bind("127.0.0.1:0").unwrap();
    let long = vec![b'L'; 1000];
    let garbage: Vec<u8> = (0..200u32).map(|i| (i * 7919 % 251) as u8).collect();
    for datagram in [&b""[..], b"\x00", &long, &garbage, b"\xff\xff\xff"] {
        raw.send_to(datagram, ("127.0.0.1", port)).unwrap();
    }
    let seen: Vec<Vec<u8>> = collect(&mut me, Duration::from_millis(500))
        .into_iter()
        .map(|(sender, payload)| {
            assert_eq!(sender, "127.0.0.1");
            payload
        })
        .collect();
    // No header check: all delivered, the long one truncated to 255 bytes.
    assert_eq!(
        seen,
        vec![
            Vec::new(),
            vec![0],
            long[..255].to_vec(),
            garbage.clone(),
            vec![0xff; 3]
        ]
    );
    // With a filter the garbage is dropped, and the node still works.
    me.subscribe(b"ZRE").unwrap();
    for datagram in [&garbage[..], b"ZR", b"ZRE-ok"] {
        raw.send_to(datagram, ("127.0.0.1", port)).unwrap();
    }
    let seen = collect(&mut me, Duration::from_millis(400));
    assert_eq!(seen, vec![("127.0.0.1".to_string(), b"ZRE-ok".to_vec())]);
    assert_eq!(me.configure(port).unwrap(), "127.0.0.1");
}

#[test]
fn multicast_on_loopback_reaches_every_node() {
    let port = port();
    let mut settings = lo();
    // A group of our own per test (administratively scoped, never routed).
    settings.ipv4_mcast_address = Some(
        format!("239.255.{}.{}", port >> 8, port & 0xff)
            .parse()
            .unwrap(),
    );
    settings.mcast_ttl = 2;
    let mut a = node_with(settings.clone(), port);
    let mut b = node_with(settings.clone(), port);
    let c = node_with(settings, port);
    a.subscribe(b"").unwrap();
    b.subscribe(b"").unwrap();
    c.publish(b"group-hello", FAST).unwrap();
    assert!(wait_for(&mut a, b"group-hello").0);
    assert!(wait_for(&mut b, b"group-hello").0);
}

#[test]
fn ipv6_beacon_on_loopback_announces_its_address_and_receives_unicast() {
    let port = port();
    let mut settings = lo();
    settings.ipv6 = true;
    settings.ipv6_address = "::1".into();
    let mut me = Beacon::with_settings(settings).unwrap();
    assert_eq!(me.configure(port).unwrap(), "::1");
    me.subscribe(b"v6-").unwrap();
    // Unicast to the announced address reaches the socket bound there,
    // which is read too: none is lost.
    for i in 0..8 {
        let sender = UdpSocket::bind("[::1]:0").unwrap();
        sender
            .send_to(format!("v6-{i}").as_bytes(), ("::1", port))
            .unwrap();
    }
    let seen = collect(&mut me, Duration::from_millis(600));
    assert!(seen.iter().all(|(sender, _)| sender == "::1"), "{seen:?}");
    let mut got: Vec<_> = seen.into_iter().map(|(_, p)| p).collect();
    got.sort();
    got.dedup();
    assert_eq!(got.len(), 8);
    // Multicast cannot leave `lo` here (ff02::1 on lo is unroutable on most
    // hosts, or loops back): either way the actor keeps serving.
    me.publish(b"v6-beacon", FAST).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(me.configure(port).unwrap(), "::1");
}

#[test]
fn recv_times_out_with_none() {
    let mut me = node(port());
    me.subscribe(b"").unwrap();
    let start = Instant::now();
    assert_eq!(me.recv(Duration::from_millis(100)), None);
    assert!(start.elapsed() < Duration::from_secs(2));
}

#[test]
fn a_beacon_can_be_polled_with_other_sockets() {
    use czmq::{PollEvents, PollItem, poll};
    let port = port();
    let mut me = node(port);
    me.subscribe(b"").unwrap();
    let peer = node(port);
    peer.publish(b"poll-me", FAST).unwrap();
    let mut items = [PollItem::socket(&me, PollEvents::POLLIN)];
    assert_eq!(poll(&mut items, Some(WAIT)).unwrap(), 1);
    let (sender, payload) = me.recv(Duration::ZERO).expect("ready");
    assert_eq!(
        (sender.as_str(), payload.as_slice()),
        ("127.0.0.1", &b"poll-me"[..])
    );
}

#[test]
fn discovery_beacons_feed_a_peer_table_and_exit_is_sent_before_term() {
    let port = port();
    let mut watcher = node(port);
    watcher.subscribe(b"ZRE").unwrap();
    let mut peer = Some(node(port));
    let uuid = [0x42; 16];
    let running = DiscoveryBeacon::new(uuid, 5670, NodeState::Running);
    // Slow on purpose: the EXIT notice must not rely on a second interval.
    let slow = Duration::from_secs(10);
    peer.as_ref()
        .unwrap()
        .publish(&running.encode(), slow)
        .unwrap();
    let mut peers = Peers::new(Duration::from_secs(5));
    let deadline = Instant::now() + WAIT;
    let mut events = Vec::new();
    while Instant::now() < deadline && !events.contains(&PeerEvent::Left) {
        let Some((sender, payload)) = watcher.recv(Duration::from_millis(100)) else {
            continue;
        };
        let event = peers.observe(&sender, &payload, Instant::now()).unwrap();
        if event == PeerEvent::Joined {
            let known = peers.get(&uuid).unwrap();
            assert_eq!(
                (known.port, known.address.to_string()),
                (5670, "127.0.0.1".into())
            );
            // Leave: publish EXIT and end the actor at once. PUBLISH sends
            // immediately, before the actor reads the $TERM that follows.
            let leaving = peer.take().unwrap();
            leaving
                .publish(
                    &DiscoveryBeacon::new(uuid, 5670, NodeState::Exit).encode(),
                    slow,
                )
                .unwrap();
            drop(leaving);
        }
        events.push(event);
    }
    assert_eq!(events, [PeerEvent::Joined, PeerEvent::Left]);
    assert!(peers.is_empty());
}

// ---- the discovery beacon codec and the peer table (no sockets) ----

#[test]
fn discovery_beacon_layout() {
    let beacon = DiscoveryBeacon::new([0xab; 16], 0xc350, NodeState::Init);
    let bytes = beacon.encode();
    assert_eq!(&bytes[..4], b"ZRE\x01");
    assert_eq!(&bytes[4..20], &[0xab; 16]);
    assert_eq!(&bytes[20..], &[0xc3, 0x50, 0]);
}

#[test]
fn czmq_22_byte_beacon_decodes_as_running_or_exit() {
    // The golden PUBLISH payload from the CZMQ captures.
    let golden = hex("5a52450100112233445566778899aabbccddeeffc350");
    let b = DiscoveryBeacon::decode(&golden).unwrap();
    assert_eq!(b.version, 1);
    assert_eq!(b.uuid, hex("00112233445566778899aabbccddeeff")[..]);
    assert_eq!((b.port, b.state), (50000, NodeState::Running));
    let mut leaving = golden.clone();
    leaving[20] = 0;
    leaving[21] = 0;
    assert_eq!(
        DiscoveryBeacon::decode(&leaving).unwrap().state,
        NodeState::Exit
    );
}

#[test]
fn hostile_discovery_payloads_are_errors() {
    let valid = DiscoveryBeacon::new([1; 16], 1, NodeState::Running).encode();
    let mut cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"Z".to_vec(),
        b"ZRE".to_vec(),
        b"ZRE\x01".to_vec(),
        valid[..21].to_vec(),
        [&valid[..], b"x"].concat(),
        vec![0xff; 23],
        vec![0; 22],
        [b"ZRF", &valid[3..]].concat(),
        [b"ZRE\x00", &valid[4..]].concat(),
    ];
    for state in [3u8, 0x7f, 0xff] {
        let mut bad = valid.to_vec();
        bad[22] = state;
        cases.push(bad);
    }
    for case in &cases {
        assert!(
            matches!(DiscoveryBeacon::decode(case), Err(Error::Malformed(_))),
            "{case:?}"
        );
    }
    // A replay of every prefix and every single-byte corruption of a valid
    // beacon: never a panic, and anything accepted re-encodes consistently.
    for len in 0..=valid.len() {
        let _ = DiscoveryBeacon::decode(&valid[..len]);
    }
    for at in 0..valid.len() {
        for byte in [0u8, 1, 2, 3, 0x80, 0xff] {
            let mut v = valid;
            v[at] = byte;
            if let Ok(b) = DiscoveryBeacon::decode(&v) {
                assert_eq!(b.encode(), v);
            }
        }
    }
}

proptest! {
    #[test]
    fn discovery_beacon_round_trips(version in 1u8.., uuid in any::<[u8; 16]>(), port in any::<u16>(), state in 0u8..3) {
        let beacon = DiscoveryBeacon { version, uuid, port, state: NodeState::try_from(state).unwrap() };
        prop_assert_eq!(DiscoveryBeacon::decode(&beacon.encode()).unwrap(), beacon);
    }

    #[test]
    fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        if let Ok(b) = DiscoveryBeacon::decode(&bytes) {
            prop_assert!(bytes.len() == 22 || bytes.len() == 23);
            prop_assert_eq!(&bytes[..3], b"ZRE");
            prop_assert_eq!(b.port, u16::from_be_bytes([bytes[20], bytes[21]]));
        }
    }
}

fn command_strategy() -> impl Strategy<Value = Vec<Vec<u8>>> {
    let name = prop_oneof![
        Just(b"CONFIGURE".to_vec()),
        Just(b"PUBLISH".to_vec()),
        Just(b"SILENCE".to_vec()),
        Just(b"SUBSCRIBE".to_vec()),
        Just(b"UNSUBSCRIBE".to_vec()),
        Just(b"VERBOSE".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..12),
    ];
    let args = proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..300), 0..3);
    (name, args).prop_map(|(name, args)| std::iter::once(name).chain(args).collect())
}

/// Sends CONFIGURE and skips delivered beacons and ERROR replies until the
/// one-frame reply.
fn configure_raw(actor: &Actor, port: u16) -> Vec<u8> {
    actor
        .sock()
        .send_parts(&[&b"CONFIGURE"[..], port.to_string().as_bytes()])
        .unwrap();
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        let mut reply = raw_reply(actor);
        if reply.len() == 1 {
            return reply.remove(0);
        }
    }
    panic!("no CONFIGURE reply");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Random command sequences (known and garbage names, random arguments
    /// of up to 300 bytes) never kill the actor: it answers CONFIGURE after.
    #[test]
    fn random_pipe_commands_never_kill_the_actor(commands in proptest::collection::vec(command_strategy(), 1..8)) {
        let port = port();
        let beacon = Beacon::with_settings(lo()).unwrap();
        let actor = beacon.actor();
        for mut command in commands {
            // Only our own port: a random one could be another test's.
            if command[0] == b"CONFIGURE" && command.len() > 1 {
                let numeric = std::str::from_utf8(&command[1]).ok().and_then(|t| t.trim().parse::<u16>().ok());
                if numeric.is_some_and(|p| p != 0) {
                    command[1] = port.to_string().into_bytes();
                }
            }
            actor.sock().send_parts(&command).unwrap();
        }
        prop_assert_eq!(configure_raw(actor, port), b"127.0.0.1".to_vec());
    }
}

#[test]
fn peers_observe_parses_sender_and_payload() {
    let now = Instant::now();
    let mut peers = Peers::new(Duration::from_secs(1));
    let hello = DiscoveryBeacon::new([9; 16], 80, NodeState::Running).encode();
    assert_eq!(
        peers.observe("fe80::1%lo", &hello, now).unwrap(),
        PeerEvent::Joined
    );
    assert_eq!(
        peers.get(&[9; 16]).unwrap().address,
        "fe80::1".parse::<std::net::IpAddr>().unwrap()
    );
    assert!(matches!(
        peers.observe("not-an-ip", &hello, now),
        Err(Error::Malformed(_))
    ));
    assert!(matches!(
        peers.observe("10.0.0.1", b"ZRE", now),
        Err(Error::Malformed(_))
    ));
    assert_eq!(peers.len(), 1);
}

#[test]
fn peers_join_refresh_leave_and_expire() {
    let t0 = Instant::now();
    let s = Duration::from_secs;
    let mut peers = Peers::new(s(3));
    let a = DiscoveryBeacon::new([1; 16], 1000, NodeState::Init);
    let b = DiscoveryBeacon::new([2; 16], 2000, NodeState::Running);
    let ip1 = "10.0.0.1".parse().unwrap();
    let ip2 = "10.0.0.2".parse().unwrap();
    assert_eq!(peers.update(ip1, &a, t0), PeerEvent::Joined);
    assert_eq!(peers.update(ip2, &b, t0), PeerEvent::Joined);
    // a moves and starts running.
    let a_running = DiscoveryBeacon::new([1; 16], 1001, NodeState::Running);
    assert_eq!(
        peers.update(ip2, &a_running, t0 + s(2)),
        PeerEvent::Refreshed
    );
    let known = peers.get(&[1; 16]).unwrap();
    assert_eq!(
        (known.address, known.port, known.state),
        (ip2, 1001, NodeState::Running)
    );
    assert_eq!(known.last_seen, t0 + s(2));
    // At t0+3 nobody is past the timeout yet; at t0+4 b is.
    assert!(peers.expire(t0 + s(3)).is_empty());
    assert_eq!(peers.expire(t0 + s(4)), vec![[2; 16]]);
    assert_eq!(peers.len(), 1);
    // EXIT drops at once; an EXIT from a stranger changes nothing.
    let a_exit = DiscoveryBeacon::new([1; 16], 1001, NodeState::Exit);
    assert_eq!(peers.update(ip2, &a_exit, t0 + s(4)), PeerEvent::Left);
    assert_eq!(peers.update(ip2, &a_exit, t0 + s(4)), PeerEvent::Ignored);
    assert!(peers.is_empty());
    // A clock that went backwards never expires anyone.
    assert_eq!(peers.update(ip1, &b, t0 + s(10)), PeerEvent::Joined);
    assert!(peers.expire(t0).is_empty());
    peers.set_timeout(Duration::ZERO);
    assert_eq!(peers.timeout(), Duration::ZERO);
    assert_eq!(peers.expire(t0 + s(11)), vec![[2; 16]]);
}

// ---- interop with the real CZMQ zbeacon (Debian's libczmq 4.2.1) ----

/// Set in the re-run of the interop test inside its network namespace.
const INTEROP_INNER: &str = "CZMQ_RS_ZBEACON_INTEROP_INNER";
/// The compiled C peer, for the re-run.
const INTEROP_PEER: &str = "CZMQ_RS_ZBEACON_PEER";

/// Both directions against CZMQ's own zbeacon, by broadcast and by
/// multicast. CZMQ skips loopback interfaces, so on `lo` it works only with
/// ZSYS_INTERFACE=*, which sends to 255.255.255.255: out of the default
/// interface on an ordinary host. So the test re-runs itself in a private
/// network namespace (`unshare -rn`) whose only interface is `lo`, with a
/// default route through it, as the spec's captures were made (§3.5).
///
/// Run: `cargo test -p czmq-rs --test zbeacon -- --ignored`
#[test]
#[ignore = "needs libczmq-dev, cc and unshare -rn; run with --ignored"]
fn interop_with_czmq_zbeacon() {
    if std::env::var_os(INTEROP_INNER).is_some() {
        interop_inside_namespace();
        return;
    }
    let peer = build_czmq_peer();
    let exe = std::env::current_exe().expect("test executable");
    let status = std::process::Command::new("unshare")
        .args([
            "-rn",
            "sh",
            "-c",
            "ip link set lo up && ip route add default dev lo src 127.0.0.1 && exec \"$0\" \"$@\"",
        ])
        .arg(exe)
        .args([
            "--ignored",
            "--exact",
            "interop_with_czmq_zbeacon",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(INTEROP_INNER, "1")
        .env(INTEROP_PEER, &peer)
        .status()
        .expect("running unshare -rn (util-linux) for a private network namespace");
    assert!(status.success(), "interop run inside the namespace failed");
}

/// Compiles tests/interop/zbeacon_peer.c against the system's CZMQ, or
/// fails loudly saying what is missing.
fn build_czmq_peer() -> std::path::PathBuf {
    let header = std::path::Path::new("/usr/include/czmq.h");
    assert!(
        header.exists(),
        "libczmq-dev is not installed (no {}): apt-get install libczmq-dev",
        header.display()
    );
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/interop/zbeacon_peer.c");
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("zbeacon_peer");
    let status = std::process::Command::new("cc")
        .args(["-Wall", "-O1", "-o"])
        .arg(&out)
        .arg(src)
        .args(["-lczmq", "-lzmq"])
        .status()
        .expect("running cc");
    assert!(status.success(), "compiling {src} with -lczmq -lzmq failed");
    out
}

fn interop_inside_namespace() {
    // A loopback-only host: with no ZSYS_INTERFACE both find no usable
    // interface (loopback is skipped) and reply "".
    let mut ours = lo();
    ours.interface = String::new();
    let port = port();
    let mut beacon = Beacon::with_settings(ours).unwrap();
    assert_eq!(beacon.configure(port).unwrap(), "");
    let out = std::process::Command::new(std::env::var_os(INTEROP_PEER).expect("peer path"))
        .args([&port.to_string(), "CZMQ-alone", "", "1"])
        .env_remove("ZSYS_INTERFACE")
        .env_remove("ZSYS_IPV4_MCAST_ADDRESS")
        .output()
        .expect("running zbeacon_peer");
    let out = String::from_utf8_lossy(&out.stdout);
    // CZMQ may log ("E: ... No broadcast interface found") to stdout first.
    assert!(out.lines().any(|l| l == "HOST "), "{out}");
    // Broadcast: CZMQ with ZSYS_INTERFACE=* (to 255.255.255.255), ours on lo
    // (to 127.255.255.255).
    interop_round(&[("ZSYS_INTERFACE", "*")], lo(), "127.0.0.1");
    // Multicast: both on the same group.
    let group = "239.192.0.77";
    let mut ours = lo();
    ours.interface = "*".into();
    ours.ipv4_mcast_address = Some(group.parse().unwrap());
    interop_round(
        &[("ZSYS_INTERFACE", "*"), ("ZSYS_IPV4_MCAST_ADDRESS", group)],
        ours,
        "*",
    );
}

fn interop_round(czmq_env: &[(&str, &str)], ours: BeaconSettings, our_host: &str) {
    use std::io::Read;
    let port = port();
    let peer_path = std::env::var_os(INTEROP_PEER).expect("peer path");
    let mut child = std::process::Command::new(peer_path)
        .args([&port.to_string(), "CZMQ-hello", "RUST", "3"])
        .envs(czmq_env.iter().copied())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("starting zbeacon_peer");
    let mut beacon = Beacon::with_settings(ours).unwrap();
    assert_eq!(beacon.configure(port).unwrap(), our_host);
    beacon.subscribe(b"CZMQ").unwrap();
    beacon
        .publish(b"RUST-hello", Duration::from_millis(100))
        .unwrap();
    // CZMQ -> ours.
    let (got, seen) = wait_for(&mut beacon, b"CZMQ-hello");
    assert!(got, "no beacon from CZMQ ({czmq_env:?}); saw {seen:?}");
    // The namespace's default route names 127.0.0.1 as its source (without
    // it, "*" sockets bound to INADDR_ANY send from 0.0.0.0, and both CZMQ
    // and we report that).
    let more = collect(&mut beacon, Duration::from_millis(500));
    println!(
        "senders seen from CZMQ: {:?}",
        seen.iter().chain(&more).map(|(s, _)| s).collect::<Vec<_>>()
    );
    for (sender, _) in seen.iter().chain(&more) {
        let ip: std::net::Ipv4Addr = sender.parse().expect("a numeric IPv4 address");
        assert_eq!(ip, std::net::Ipv4Addr::LOCALHOST, "{sender}");
    }
    // Ours -> CZMQ: the peer prints what it received and exits after 3 s.
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("zbeacon_peer did not exit");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    assert!(status.success(), "zbeacon_peer: {status}; output:\n{out}");
    assert!(out.lines().any(|l| l == "HOST *"), "{out}");
    let want: String = b"RUST-hello".iter().map(|b| format!("{b:02X}")).collect();
    assert!(
        out.lines()
            .any(|l| l.starts_with("RECV 127.0.0.1 ") && l.ends_with(&format!(" {want}"))),
        "CZMQ did not receive our beacon ({czmq_env:?}):\n{out}"
    );
    println!(
        "interop ok {czmq_env:?}: {} beacons reached CZMQ",
        out.lines().count() - 1
    );
}

// ---- helpers ----

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// A plain UDP socket sharing a beacon port, as a second node would.
fn shared_udp(port: u16) -> UdpSocket {
    use socket2::{Domain, Protocol, Socket, Type};
    let s = Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP)).unwrap();
    s.set_reuse_address(true).unwrap();
    s.set_reuse_port(true).unwrap();
    s.bind(&std::net::SocketAddr::from(([0, 0, 0, 0], port)).into())
        .unwrap();
    let s: UdpSocket = s.into();
    s.set_read_timeout(Some(WAIT)).unwrap();
    s
}
