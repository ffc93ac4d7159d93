//! What users wait on, as futures and streams (feature `tokio`): an actor's
//! pipe (AsyncActor), monitor events (MonitorStream) and received beacons
//! (BeaconStream). Each test also drops pending futures on purpose and
//! checks that nothing was lost. Every wait is bounded.
#![cfg(all(feature = "tokio", unix))]

use std::sync::atomic::{AtomicU16, Ordering};
use std::time::Duration;

use czmq::{
    Actor, AsyncActor, Beacon, BeaconSettings, BeaconStream, Context, EventMask, Monitor,
    MonitorEvent, MonitorStream, SocketType,
};
use futures::StreamExt;
use tokio::time::timeout;

/// No single wait may take longer than this.
const LIMIT: Duration = Duration::from_secs(10);

/// An actor that echoes every message and ends on `$TERM`.
fn echo_actor() -> Actor {
    Actor::new(|pipe| {
        pipe.signal(0)?;
        loop {
            let msg = pipe.recv_strs()?;
            if msg.first().map(String::as_str) == Some("$TERM") {
                return Ok(());
            }
            pipe.send_strs(&msg)?;
        }
    })
    .expect("actor")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_actor_round_trips_and_joins() {
    let mut actor = AsyncActor::new(echo_actor()).unwrap();
    for i in 0..1_000 {
        let n = i.to_string();
        timeout(LIMIT, actor.send(["ECHO", n.as_str()]))
            .await
            .expect("send in time")
            .unwrap();
        let reply = timeout(LIMIT, actor.recv_strs())
            .await
            .expect("reply in time")
            .unwrap();
        assert_eq!(reply, ["ECHO", n.as_str()]);
    }
    timeout(LIMIT, actor.join())
        .await
        .expect("join in time")
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_actor_dropped_recv_loses_nothing() {
    let mut actor = AsyncActor::new(echo_actor()).unwrap();
    // Dropped while nothing is there: the message sent next is still read.
    for round in 0..200 {
        let early = timeout(Duration::ZERO, actor.recv()).await;
        assert!(early.is_err(), "nothing was sent yet");
        let n = round.to_string();
        actor.send([n.as_str()]).await.unwrap();
        // Race the reply against a tiny timer; whoever wins, the reply is
        // read exactly once.
        let got = match timeout(Duration::from_micros(50), actor.recv()).await {
            Ok(reply) => reply.unwrap(),
            Err(_) => timeout(LIMIT, actor.recv())
                .await
                .expect("in time")
                .unwrap(),
        };
        assert_eq!(&got[0][..], n.as_bytes());
    }
    // Exactly one reply per send: nothing is left over.
    assert!(
        timeout(Duration::from_millis(50), actor.recv())
            .await
            .is_err()
    );
    actor.join().await.unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn async_actor_is_a_stream() {
    let actor = Actor::new(|pipe| {
        pipe.signal(0)?;
        for i in 0..100 {
            pipe.send_strs(&[i.to_string()])?;
        }
        pipe.recv_strs().map(drop)
    })
    .unwrap();
    let actor = AsyncActor::new(actor).unwrap();
    let got: Vec<_> = timeout(LIMIT, actor.take(100).collect::<Vec<_>>())
        .await
        .expect("in time");
    let numbers: Vec<String> = got
        .into_iter()
        .map(|m| String::from_utf8(m.unwrap()[0].to_vec()).unwrap())
        .collect();
    let want: Vec<String> = (0..100).map(|i| i.to_string()).collect();
    assert_eq!(numbers, want);
}

#[test]
fn async_forms_need_a_runtime() {
    let err = AsyncActor::new(echo_actor()).unwrap_err();
    assert_eq!(err, czmq::Error::NotSupported);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn monitor_stream_reports_accept_and_disconnect() {
    let ctx = Context::new().unwrap();
    let server = ctx.socket(SocketType::Router).unwrap();
    server.bind("tcp://127.0.0.1:*").unwrap();
    let monitor = Monitor::new(&server, EventMask::ACCEPTED | EventMask::DISCONNECTED).unwrap();
    let mut events = MonitorStream::new(monitor).unwrap();
    // A next() dropped before any event exists takes nothing.
    assert!(
        timeout(Duration::from_millis(10), events.next())
            .await
            .is_err()
    );
    let endpoint = server.last_endpoint().unwrap();
    for round in 0..5 {
        let client = ctx.socket(SocketType::Dealer).unwrap();
        client.connect(&endpoint).unwrap();
        let accepted = timeout(LIMIT, events.next())
            .await
            .expect("ACCEPTED in time")
            .expect("endless")
            .unwrap();
        assert!(
            matches!(accepted, MonitorEvent::Accepted { .. }),
            "round {round}: {accepted:?}"
        );
        client.set_linger(Some(Duration::ZERO)).unwrap();
        drop(client);
        let gone = timeout(LIMIT, events.next())
            .await
            .expect("DISCONNECTED in time")
            .expect("endless")
            .unwrap();
        assert!(
            matches!(gone, MonitorEvent::Disconnected { .. }),
            "round {round}: {gone:?}"
        );
    }
}

/// A UDP port no other beacon test of this process uses: a per-process
/// base in 20000-29999 (as tests/zbeacon.rs, offset so the two files'
/// ports differ), then one each.
fn beacon_port() -> u16 {
    static NEXT: AtomicU16 = AtomicU16::new(0);
    let _ = NEXT.compare_exchange(
        0,
        20050 + (std::process::id() % 100) as u16 * 100,
        Ordering::SeqCst,
        Ordering::SeqCst,
    );
    NEXT.fetch_add(1, Ordering::SeqCst)
}

fn lo_beacon(port: u16) -> Beacon {
    let settings = BeaconSettings {
        interface: "lo".into(),
        ipv6: false,
        ipv6_address: String::new(),
        ipv6_mcast_address: "ff02:0:0:0:0:0:0:1".into(),
        ipv4_mcast_address: None,
        mcast_ttl: 1,
    };
    let mut beacon = Beacon::with_settings(settings).expect("beacon");
    assert_eq!(beacon.configure(port).expect("configure"), "127.0.0.1");
    beacon
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn beacon_stream_yields_peer_beacons() {
    let port = beacon_port();
    let listener = lo_beacon(port);
    listener.subscribe(b"ASYNC").unwrap();
    let mut beacons = BeaconStream::new(listener).unwrap();
    // Nothing published yet: a dropped next() takes nothing.
    assert!(
        timeout(Duration::from_millis(20), beacons.next())
            .await
            .is_err()
    );
    let speaker = lo_beacon(port);
    speaker
        .publish(b"ASYNC-hello", Duration::from_millis(20))
        .unwrap();
    // Several beacons, each read whole, with futures dropped in between.
    let mut seen = 0;
    for _ in 0..2_000 {
        if seen == 5 {
            break;
        }
        match timeout(Duration::from_millis(5), beacons.next()).await {
            Ok(Some((sender, payload))) => {
                assert_eq!(sender, "127.0.0.1");
                assert_eq!(payload, b"ASYNC-hello");
                seen += 1;
            }
            Ok(None) => panic!("the beacon stream ended"),
            Err(_) => {} // cancelled on purpose; try again
        }
    }
    assert_eq!(seen, 5, "five beacons within 10 s");
    speaker.silence().unwrap();
}
