//! Two node actors driven only through raw pipe frames, exactly as Zyre
//! 2.0.1's `zyre.c` sends them (zstr_sendx / zstr_sendm + zmsg_send), and
//! every reply and event checked byte for byte against the frames
//! `zyre_node.c` produces: signals as `zsock_signal` writes them, strings
//! as `zstr_send`, events as its `zstr_sendm` sequences, ENTER's headers as
//! `zhash_pack`. Lists (Zyre: one `zlist_t*` frame) are our count + items.

use std::time::{Duration, Instant};

use czmq::{Actor, Sock};
use zre::PeerId;

/// How long any one reply or event may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(20);

/// One actor and its event socket, as a C program holds a `zyre_t`.
struct Raw {
    actor: Actor,
    events: Sock,
}

impl Raw {
    fn new() -> Raw {
        let (actor, events) = zre::node_actor().expect("node actor");
        // A reply or event that never comes fails the test instead of hanging it.
        for sock in [actor.sock(), &events] {
            sock.as_socket()
                .set_rcvtimeo(Some(PATIENCE))
                .expect("rcvtimeo");
        }
        Raw { actor, events }
    }

    /// `zstr_sendx (actor, frames..., NULL)`.
    fn send(&self, frames: &[&[u8]]) {
        self.actor.sock().send_parts(frames).expect("send command");
    }

    /// Every frame of the next reply.
    fn reply(&self) -> Vec<Vec<u8>> {
        let frames = self.actor.sock().recv_parts().expect("a reply");
        frames.iter().map(|f| f.data().to_vec()).collect()
    }

    /// Sends a query and returns its reply.
    fn ask(&self, frames: &[&[u8]]) -> Vec<Vec<u8>> {
        self.send(frames);
        self.reply()
    }

    /// The next event, skipping the liveness notices a slow machine may
    /// interleave (EVASIVE, SILENT); fails after PATIENCE.
    fn event(&self) -> Vec<Vec<u8>> {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            let frames = self.events.recv_parts().expect("an event");
            let frames: Vec<Vec<u8>> = frames.iter().map(|f| f.data().to_vec()).collect();
            if frames[0] != b"EVASIVE" && frames[0] != b"SILENT" {
                return frames;
            }
        }
        panic!("no event within {PATIENCE:?}");
    }
}

/// What `zsock_signal (pipe, status)` puts on the wire: one 8-byte frame,
/// 0x7766554433221100 + status in the host's byte order.
fn signal(status: u8) -> Vec<Vec<u8>> {
    vec![(0x7766_5544_3322_1100u64 + u64::from(status))
        .to_ne_bytes()
        .to_vec()]
}

/// Frames from text.
fn frames(texts: &[&str]) -> Vec<Vec<u8>> {
    texts.iter().map(|t| t.as_bytes().to_vec()).collect()
}

#[test]
fn two_actors_speak_zyres_pipe_protocol_byte_for_byte() {
    let run = PeerId::random().to_string();
    let alpha_endpoint = format!("inproc://zre-pipe-alpha-{run}");
    let beta_endpoint = format!("inproc://zre-pipe-beta-{run}");
    let hub = format!("inproc://zre-pipe-gossip-{run}");
    let alpha = Raw::new();
    let beta = Raw::new();

    // zyre_new + zyre_set_header + zyre_set_verbose + timers, as zyre.c.
    alpha.send(&[b"SET NAME", b"alpha"]);
    alpha.send(&[b"SET HEADER", b"X-HELLO", b"World"]);
    alpha.send(&[b"SET VERBOSE", b"1"]);
    alpha.send(&[b"SET EVASIVE TIMEOUT", b"5000"]);
    alpha.send(&[b"SET EXPIRED TIMEOUT", b"30000"]);
    assert_eq!(alpha.ask(&[b"NAME"]), frames(&["alpha"]));
    let alpha_uuid = String::from_utf8(alpha.ask(&[b"UUID"]).remove(0)).unwrap();
    assert_eq!(alpha_uuid.len(), 32);
    assert_eq!(
        alpha_uuid,
        alpha_uuid.to_uppercase(),
        "zuuid_str is upper case"
    );
    beta.send(&[b"SET NAME", b"beta"]);
    let beta_uuid = String::from_utf8(beta.ask(&[b"UUID"]).remove(0)).unwrap();

    // zyre_set_endpoint: a signal, 0 bound, 1 not (the name is taken).
    assert_eq!(
        alpha.ask(&[b"SET ENDPOINT", alpha_endpoint.as_bytes()]),
        signal(0)
    );
    assert_eq!(
        beta.ask(&[b"SET ENDPOINT", alpha_endpoint.as_bytes()]),
        signal(1)
    );
    assert_eq!(
        beta.ask(&[b"SET ENDPOINT", beta_endpoint.as_bytes()]),
        signal(0)
    );

    // Gossip discovery as zyre's own selftest does it; alpha joins before
    // start (its HELLO carries the group), beta after.
    alpha.send(&[b"GOSSIP BIND", hub.as_bytes()]);
    beta.send(&[b"GOSSIP CONNECT", hub.as_bytes()]);
    alpha.send(&[b"JOIN", b"GLOBAL"]);
    assert_eq!(alpha.ask(&[b"START"]), signal(0));
    assert_eq!(beta.ask(&[b"START"]), signal(0));
    beta.send(&[b"JOIN", b"GLOBAL"]);

    // ENTER uuid name headers endpoint; headers as zhash_pack: a 4-octet
    // count, then each key as a 1-octet-length string and each value as a
    // 4-octet-length string.
    let mut packed = vec![0, 0, 0, 1, 7];
    packed.extend_from_slice(b"X-HELLO");
    packed.extend_from_slice(&[0, 0, 0, 5]);
    packed.extend_from_slice(b"World");
    let mut enter = frames(&["ENTER", &alpha_uuid, "alpha"]);
    enter.push(packed);
    enter.push(alpha_endpoint.as_bytes().to_vec());
    assert_eq!(beta.event(), enter);
    assert_eq!(
        beta.event(),
        frames(&["JOIN", &alpha_uuid, "alpha", "GLOBAL"])
    );
    let mut enter = frames(&["ENTER", &beta_uuid, "beta"]);
    enter.push(vec![0, 0, 0, 0]); // no headers: an empty zhash packs to its count
    enter.push(beta_endpoint.as_bytes().to_vec());
    assert_eq!(alpha.event(), enter);
    assert_eq!(
        alpha.event(),
        frames(&["JOIN", &beta_uuid, "beta", "GLOBAL"])
    );

    // zyre_whisper / zyre_shout: the command, the target, the message's frames.
    alpha.send(&[b"WHISPER", beta_uuid.as_bytes(), b"hello", b""]);
    assert_eq!(
        beta.event(),
        frames(&["WHISPER", &alpha_uuid, "alpha", "hello", ""])
    );
    alpha.send(&[b"SHOUT", b"GLOBAL", b"a", b"b"]);
    assert_eq!(
        beta.event(),
        frames(&["SHOUT", &alpha_uuid, "alpha", "GLOBAL", "a", "b"])
    );

    // Queries. Lists: the count, then one frame per item.
    assert_eq!(alpha.ask(&[b"PEERS"]), frames(&["1", &beta_uuid]));
    assert_eq!(
        alpha.ask(&[b"GROUP PEERS", b"GLOBAL"]),
        frames(&["1", &beta_uuid])
    );
    assert_eq!(alpha.ask(&[b"GROUP PEERS", b"NOBODY"]), frames(&["0"]));
    assert_eq!(alpha.ask(&[b"PEER GROUPS"]), frames(&["1", "GLOBAL"]));
    assert_eq!(alpha.ask(&[b"OWN GROUPS"]), frames(&["1", "GLOBAL"]));
    // Strings: zyre_peer_header_value, zyre_peer_address, the peer's name.
    let alpha_id = alpha_uuid.as_bytes();
    assert_eq!(
        beta.ask(&[b"PEER HEADER", alpha_id, b"X-HELLO"]),
        frames(&["World"])
    );
    assert_eq!(
        beta.ask(&[b"PEER HEADER", alpha_id, b"X-NONE"]),
        frames(&[""])
    );
    assert_eq!(beta.ask(&[b"PEER NAME", alpha_id]), frames(&["alpha"]));
    assert_eq!(
        beta.ask(&[b"PEER ENDPOINT", alpha_id]),
        frames(&[&alpha_endpoint])
    );
    let stranger = PeerId::random().to_string();
    assert_eq!(
        beta.ask(&[b"PEER ENDPOINT", stranger.as_bytes()]),
        frames(&[""])
    );
    // A command Zyre would abort on is logged and ignored: the node serves on.
    alpha.send(&[b"FLY"]);
    alpha.send(&[b"SET PUBLICKEY", b"key"]);
    alpha.send(&[b"DUMP"]);
    assert_eq!(alpha.ask(&[b"NAME"]), frames(&["alpha"]));

    alpha.send(&[b"LEAVE", b"GLOBAL"]);
    assert_eq!(
        beta.event(),
        frames(&["LEAVE", &alpha_uuid, "alpha", "GLOBAL"])
    );
    assert_eq!(alpha.ask(&[b"OWN GROUPS"]), frames(&["0"]));

    // zyre_stop: STOP uuid name on the event socket, then the signal.
    assert_eq!(alpha.ask(&[b"STOP"]), signal(0));
    assert_eq!(alpha.event(), frames(&["STOP", &alpha_uuid, "alpha"]));
    // Our GOODBYE drops alpha at beta at once.
    assert_eq!(beta.event(), frames(&["EXIT", &alpha_uuid, "alpha"]));
    assert_eq!(beta.ask(&[b"PEERS"]), frames(&["0"]));

    // zyre_destroy: zactor_destroy sends $TERM and waits for the actor's end.
    let Raw { actor, events } = alpha;
    actor.join().expect("the actor ends on $TERM");
    drop(events);
}
