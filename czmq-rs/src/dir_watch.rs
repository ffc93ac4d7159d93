//! The zdir_watch actor's body: it rescans subscribed directories every
//! tick (250 ms unless told otherwise) and hands each non-empty
//! [`Dir::diff`] to a delivery function (the C face sends CZMQ's "sp":
//! the path and a zlist of patches). Commands on the pipe, as CZMQ's:
//! `SUBSCRIBE path`, `UNSUBSCRIBE path`, `TIMEOUT msecs`, `VERBOSE` (each
//! answered with a signal, 0 for success) and `$TERM`.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::poll::{PollEvents, PollItem, poll};
use crate::{Dir, DirPatch, Error, Result, Sock};

/// The tick before any `TIMEOUT` command (CZMQ's default).
const DEFAULT_TICK: Duration = Duration::from_millis(250);

/// Runs the watcher on `pipe` until `$TERM` (signalling 0 first, so the
/// parent knows it is ready). `deliver` gets the pipe, the directory path
/// and its changes since the last scan.
///
/// ```
/// use czmq::{Actor, Sock};
/// let watch = Actor::new(|pipe: Sock| {
///     czmq::dir_watch_actor(pipe, |pipe, path, patches| {
///         pipe.send_strs(&[path.to_string(), patches.len().to_string()])
///     })
/// })?;
/// watch.sock().send_strs(&["TIMEOUT", "100"])?;
/// assert_eq!(watch.sock().wait()?, 0);
/// watch.sock().send_strs(&["SUBSCRIBE", "/no/such/dir/here"])?;
/// assert_eq!(watch.sock().wait()?, 1);
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn dir_watch_actor(
    pipe: Sock,
    mut deliver: impl FnMut(&Sock, &str, Vec<DirPatch>) -> Result<()>,
) -> Result<()> {
    let mut subs: BTreeMap<String, Dir> = BTreeMap::new();
    let mut tick = DEFAULT_TICK;
    let mut next = Instant::now() + tick;
    let mut verbose = false;
    pipe.signal(0)?;
    loop {
        let wait = next.saturating_duration_since(Instant::now());
        let mut items = [PollItem::socket(&pipe, PollEvents::POLLIN)];
        match poll(&mut items, Some(wait)) {
            Ok(_) | Err(Error::Interrupted) => {}
            Err(e) => return Err(e),
        }
        if items[0].is_readable() {
            let words = match pipe.recv_strs() {
                Ok(words) => words,
                Err(Error::InvalidUtf8 { .. }) => {
                    pipe.signal(1)?;
                    continue;
                }
                Err(e) => return Err(e),
            };
            if verbose {
                log::info!(target: "czmq::zdir_watch", "command {words:?}");
            }
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let status = match words.as_slice() {
                ["$TERM", ..] => return Ok(()),
                ["VERBOSE", ..] => {
                    verbose = true;
                    0
                }
                ["SUBSCRIBE", path, ..] => match Dir::new(path, None) {
                    Some(dir) if !subs.contains_key(*path) => {
                        subs.insert(path.to_string(), dir);
                        0
                    }
                    _ => 1,
                },
                ["UNSUBSCRIBE", path, ..] => {
                    subs.remove(*path);
                    0
                }
                ["TIMEOUT", msecs, ..] => {
                    // CZMQ reads it with atoi: junk counts as 0.
                    let msecs: u64 = msecs.trim().parse().unwrap_or(0);
                    tick = Duration::from_millis(msecs);
                    next = Instant::now() + tick;
                    0
                }
                other => {
                    log::warn!(target: "czmq::zdir_watch", "unknown command {other:?}");
                    1
                }
            };
            pipe.signal(status)?;
        }
        if Instant::now() >= next {
            next = Instant::now() + tick;
            for (path, dir) in subs.iter_mut() {
                let Some(fresh) = Dir::new(path, None) else {
                    if verbose {
                        log::error!(target: "czmq::zdir_watch", "cannot rescan {path}");
                    }
                    continue;
                };
                let patches = Dir::diff(Some(dir), Some(&fresh), "");
                *dir = fresh;
                if !patches.is_empty() {
                    if verbose {
                        log::info!(target: "czmq::zdir_watch", "{} changes in {path}", patches.len());
                    }
                    // CZMQ names the directory as scanned (no trailing slash).
                    deliver(&pipe, dir.path(), patches)?;
                }
            }
        }
    }
}
