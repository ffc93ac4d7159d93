//! DNS SRV discovery's helper thread: looks the configured name up every
//! interval (blocking UDP queries, see [`crate::dns`]) and hands the
//! endpoints found to the node actor over an inproc PUSH/PULL pair, so the
//! actor's loop never waits on DNS.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::time::Duration;

use czmq::{Sock, SocketType};

use crate::PeerId;

/// How long one DNS query waits for its answer.
const QUERY_TIMEOUT: Duration = Duration::from_secs(2);
/// After a failed lookup, the next one comes this soon (or at the interval,
/// if that is shorter).
const RETRY_AFTER_ERROR: Duration = Duration::from_secs(5);
/// The first frame of a message from the thread; endpoints follow.
pub(super) const TARGETS: &[u8] = b"TARGETS";

/// The actor's end: a PULL socket that yields `TARGETS` messages. Dropping
/// it tells the thread to end (it does, after any lookup under way).
pub(super) struct SrvFeed {
    pub(super) sock: Sock,
    _stop: Sender<()>,
}

/// Starts the thread for `name` at `server`, every `interval`.
pub(super) fn start(
    id: PeerId,
    name: String,
    server: SocketAddr,
    interval: Duration,
) -> Result<SrvFeed, super::NodeError> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let endpoint = format!(
        "inproc://zre-dns-{id}-{}",
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let mut pull = Sock::new(SocketType::Pull)?;
    pull.bind(&endpoint)?;
    let push = Sock::new(SocketType::Push)?;
    push.as_socket().set_linger(Some(Duration::ZERO))?;
    // If the actor has gone, a send fails after this instead of blocking.
    push.as_socket()
        .set_sndtimeo(Some(Duration::from_secs(1)))?;
    push.connect(&endpoint)?;
    let (stop, stopped) = channel::<()>();
    std::thread::Builder::new()
        .name("zre-dns".into())
        .spawn(move || loop {
            let wait = match crate::dns::resolve_srv(&name, server, QUERY_TIMEOUT) {
                Ok(targets) => {
                    let endpoints: Vec<String> =
                        targets.iter().flat_map(|t| t.endpoints()).collect();
                    log::debug!("zre: DNS SRV {name}: {endpoints:?}");
                    if endpoints.is_empty() {
                        log::warn!("zre: DNS SRV {name} at {server}: no targets");
                    }
                    let mut frames = vec![TARGETS.to_vec()];
                    frames.extend(endpoints.into_iter().map(String::into_bytes));
                    if let Err(e) = push.send_parts(&frames) {
                        log::debug!("zre: DNS SRV thread ends: {e}");
                        return;
                    }
                    interval
                }
                Err(e) => {
                    log::warn!("zre: DNS SRV {name} at {server}: {e}; retrying");
                    interval.min(RETRY_AFTER_ERROR)
                }
            };
            match stopped.recv_timeout(wait) {
                Err(RecvTimeoutError::Timeout) => continue,
                // Dropped (the actor ended) or told to stop.
                _ => return,
            }
        })
        .map_err(super::NodeError::Thread)?;
    Ok(SrvFeed {
        sock: pull,
        _stop: stop,
    })
}
