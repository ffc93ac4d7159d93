//! One remote node as the actor sees it: the DEALER we talk to it through,
//! both directions' sequence numbers, its liveness deadlines, its groups.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use czmq::{Cert, Sock, SocketType};

use super::curve::PublicKey;
use crate::msg::{Body, ZreMsg};
use crate::PeerId;

/// A connected DEALER speaking for us (routing id 0x01 + our UUID) and the
/// number of the last message we sent on it.
pub(super) struct Mailbox {
    sock: Sock,
    sent_sequence: u16,
}

impl Mailbox {
    /// Connects to `endpoint`, as a CURVE client with our certificate when
    /// `curve` gives it and the server's public key (Zyre's
    /// `zyre_peer_connect` with a server key). Sends never block: a full
    /// queue (the peer has not read for a long time) is an error, and the
    /// caller drops the peer.
    pub(super) fn connect(
        us: PeerId,
        endpoint: &str,
        high_water: i32,
        curve: Option<(&Cert, &PublicKey)>,
    ) -> czmq::Result<Mailbox> {
        let mut builder = Sock::builder(SocketType::Dealer)
            .routing_id(&us.routing_id())
            .sndhwm(high_water)
            .sndtimeo(Some(Duration::ZERO))
            .linger(Some(Duration::ZERO));
        if let Some((cert, server_key)) = curve {
            builder = builder.curve_client(cert, server_key);
        }
        let sock = builder.connect(endpoint)?;
        Ok(Mailbox {
            sock,
            sent_sequence: 0,
        })
    }

    /// Numbers and sends one message (HELLO is always number 1).
    pub(super) fn send(&mut self, body: Body) -> Result<(), String> {
        self.sent_sequence = self.sent_sequence.wrapping_add(1);
        let message = ZreMsg::new(self.sent_sequence, body);
        let frames = message.encode().map_err(|e| e.to_string())?;
        self.sock.send_parts(&frames).map_err(|e| e.to_string())
    }

    /// Lets queued messages (a GOODBYE) go out for up to `grace` after drop.
    pub(super) fn set_linger(&self, grace: Duration) {
        if let Err(e) = self.sock.as_socket().set_linger(Some(grace)) {
            log::debug!("zre: setting a mailbox's linger: {e}");
        }
    }
}

/// A peer that has said HELLO.
pub(super) struct Peer {
    pub(super) id: PeerId,
    pub(super) name: String,
    /// Where our DEALER is connected (an ipc endpoint on this host).
    pub(super) endpoint: String,
    /// The endpoint its HELLO advertised.
    pub(super) advertised: String,
    pub(super) mailbox: Mailbox,
    /// The sequence number its next message must carry, minus one.
    pub(super) want_sequence: u16,
    /// Its group status counter: one more per JOIN or LEAVE.
    pub(super) status: u8,
    pub(super) groups: BTreeSet<String>,
    /// The headers of its HELLO, in wire order.
    pub(super) headers: Vec<(String, String)>,
    pub(super) evasive_at: Instant,
    pub(super) expired_at: Instant,
    /// When we made this entry on a repeated HELLO (taking it for a
    /// restart) and greeted the peer anew; cleared by the next HELLO.
    pub(super) regreeted_at: Option<Instant>,
}

impl Peer {
    pub(super) fn new(id: PeerId, endpoint: String, advertised: String, mailbox: Mailbox) -> Peer {
        let now = Instant::now();
        Peer {
            id,
            name: String::new(),
            endpoint,
            advertised,
            mailbox,
            want_sequence: 0,
            status: 0,
            groups: BTreeSet::new(),
            headers: Vec::new(),
            evasive_at: now,
            expired_at: now,
            regreeted_at: None,
        }
    }

    /// Whether a HELLO from this peer advertising `endpoint` answers our
    /// re-greeting of `window` ago at most: the peer, at the endpoint it
    /// had, took our new HELLO for a restart of ours, as we took its for a
    /// restart of its. Greeting it yet again would start the same round on
    /// its side, without end. (A node that really restarts binds anew and
    /// comes back at another endpoint, or later.)
    pub(super) fn answers_regreeting(&self, window: Duration, endpoint: &str) -> bool {
        self.advertised == endpoint && self.regreeted_at.is_some_and(|at| at.elapsed() < window)
    }

    /// Whether `message` carries the number that follows the last one (a
    /// HELLO restarts the count at 1). Advances the count either way.
    pub(super) fn in_sequence(&mut self, message: &ZreMsg) -> bool {
        self.want_sequence = match message.body {
            Body::Hello(_) => 1,
            _ => self.want_sequence.wrapping_add(1),
        };
        self.want_sequence == message.sequence
    }

    /// It just spoke: push its deadlines back.
    pub(super) fn refresh(&mut self, evasive: Duration, expired: Duration) {
        let now = Instant::now();
        self.evasive_at = later(now, evasive);
        self.expired_at = later(now, expired);
    }
}

/// `now + delay`, saturating at a year: a huge timeout means "never", and
/// must not overflow Instant (which panics).
pub(super) fn later(now: Instant, delay: Duration) -> Instant {
    const NEVER: Duration = Duration::from_secs(365 * 24 * 3600);
    now.checked_add(delay.min(NEVER)).unwrap_or(now)
}
