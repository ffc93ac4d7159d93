//! Discovery and EXIT detection for our node, the same program as
//! `zre/benches/zyre_discovery.c` is for Zyre 2.0.1; run both, alternated,
//! with `zre/benches/zyre-vs-ours-discovery.sh`, which starts node A and
//! node B as two processes on two hosts (network namespaces on one bridged
//! segment) and reads their lines.
//!
//! `zre_discovery ROLE IFACE ADDRESS INTERVAL_MS EVASIVE_MS EXPIRED_MS HOLD_MS`
//!
//! A node named ROLE (`a` or `b`) finding its peer by UDP beacon on IFACE,
//! port 5670, listening at `tcp://ADDRESS:*`. A non-zero INTERVAL_MS,
//! EVASIVE_MS or EXPIRED_MS sets the beacon interval, evasive timeout or
//! expired timeout (0 keeps the default: 1 s, 5 s, 30 s, as Zyre's). Prints,
//! with the wall clock in microseconds: `START t` just before
//! [`Node::start`], `ENTER t name`, `EXIT t name` and `EVASIVE t name` (it
//! pings that peer) for each such event,
//! and, when HOLD_MS >= 0, `STOP t` HOLD_MS after its first ENTER, just
//! before [`Node::stop`] (then it ends). Node A ends after its first EXIT.
//! Every node ends after 60 s whatever happens.

use std::io::Write;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use zre::{Event, Node};

const LIFETIME: Duration = Duration::from_secs(60);

fn now_us() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_micros()
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}").expect("stdout");
    out.flush().expect("stdout");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [role, iface, address, interval, evasive, expired, hold] = &args[..] else {
        panic!("usage: zre_discovery ROLE IFACE ADDRESS INTERVAL_MS EVASIVE_MS EXPIRED_MS HOLD_MS");
    };
    let millis = |s: &str| Duration::from_millis(s.parse().expect("milliseconds"));
    let (interval, evasive, expired) = (millis(interval), millis(evasive), millis(expired));
    let hold: i64 = hold.parse().expect("HOLD_MS");
    let is_a = role == "a";

    let mut node = Node::new(role).expect("node");
    node.set_endpoint(&format!("tcp://{address}:*"))
        .expect("set");
    let mut settings = czmq::BeaconSettings::from_zsys();
    settings.interface = iface.clone();
    settings.ipv6 = false;
    settings.ipv4_mcast_address = None;
    node.set_beacon(settings, 5670).expect("set");
    if !interval.is_zero() {
        node.set_beacon_interval(interval).expect("set");
    }
    if !evasive.is_zero() {
        node.set_evasive_timeout(evasive).expect("set");
    }
    if !expired.is_zero() {
        node.set_expired_timeout(expired).expect("set");
    }

    say(&format!("START {}", now_us()));
    node.start().expect("start");
    let started = Instant::now();
    let mut stop_at: Option<Instant> = None;
    while started.elapsed() < LIFETIME {
        if stop_at.is_some_and(|at| Instant::now() >= at) {
            break;
        }
        let event = match node.recv_event_timeout(Duration::from_millis(5)) {
            Ok(event) => event,
            Err(zre::NodeError::Timeout) => continue,
            Err(e) => panic!("events: {e}"),
        };
        match event {
            Event::Enter { name, .. } => {
                say(&format!("ENTER {} {name}", now_us()));
                if hold >= 0 && stop_at.is_none() {
                    stop_at = Some(Instant::now() + Duration::from_millis(hold.unsigned_abs()));
                }
            }
            Event::Exit { name, .. } => {
                say(&format!("EXIT {} {name}", now_us()));
                if is_a {
                    break;
                }
            }
            Event::Evasive { name, .. } => say(&format!("EVASIVE {} {name}", now_us())),
            _ => {}
        }
    }
    say(&format!("STOP {}", now_us()));
    node.stop().expect("stop");
}
