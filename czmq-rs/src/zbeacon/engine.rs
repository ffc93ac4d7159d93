//! The beacon actor's body: CZMQ's zbeacon command loop, polling the pipe
//! and the UDP socket, transmitting on schedule.

use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::flags::Flags;
use crate::frame::Frame;
use crate::poll::{PollEvents, PollItem, poll};
use crate::sock::Sock;

use super::iface::{BeaconSettings, interfaces, plan};
use super::udp::{BeaconSocket, UDP_FRAME_MAX, recv};

/// CZMQ's default interval when PUBLISH says 0.
const INTERVAL_DEFAULT: Duration = Duration::from_millis(1000);

/// At most this many datagrams are read per turn, so a flood cannot starve
/// the pipe.
const READ_BATCH: usize = 64;

/// The state of one beacon actor.
struct Engine {
    pipe: Sock,
    /// Fixed settings, or None to read [`crate::zsys`] at each CONFIGURE.
    fixed: Option<BeaconSettings>,
    port: Option<u16>,
    udp: Option<BeaconSocket>,
    transmit: Option<Vec<u8>>,
    interval: Duration,
    ping_at: Instant,
    filter: Option<Vec<u8>>,
    verbose: bool,
    terminated: bool,
}

/// Runs a beacon on `pipe` until `$TERM` (or the pipe's context ends).
pub(crate) fn run(pipe: Sock, fixed: Option<BeaconSettings>) -> Result<()> {
    let mut engine = Engine {
        pipe,
        fixed,
        port: None,
        udp: None,
        transmit: None,
        interval: INTERVAL_DEFAULT,
        ping_at: Instant::now(),
        filter: None,
        verbose: false,
        terminated: false,
    };
    engine.pipe.signal(0)?;
    while !engine.terminated {
        engine.turn()?;
    }
    Ok(())
}

impl Engine {
    fn turn(&mut self) -> Result<()> {
        let timeout = self
            .transmit
            .as_ref()
            .map(|_| self.ping_at.saturating_duration_since(Instant::now()));
        let (pipe_ready, udp_ready) = {
            let mut items = vec![PollItem::socket(&self.pipe, PollEvents::POLLIN)];
            if let Some(udp) = &self.udp {
                for socket in udp.sockets() {
                    items.push(PollItem::from_fd(socket, PollEvents::POLLIN));
                }
            }
            match poll(&mut items, timeout) {
                Ok(_) => {}
                // A signal: look again (the caller decides about stopping).
                Err(Error::Interrupted) => return Ok(()),
                Err(Error::Terminated) => {
                    self.terminated = true;
                    return Ok(());
                }
                Err(e) => return Err(e),
            }
            let udp_ready = items[1..]
                .iter()
                .any(|item| item.is_readable() || item.has_error());
            (items[0].is_readable(), udp_ready)
        };
        if pipe_ready {
            self.handle_pipe()?;
        }
        if udp_ready && !self.terminated {
            self.handle_udp();
        }
        if !self.terminated {
            self.transmit_due();
        }
        Ok(())
    }

    fn handle_pipe(&mut self) -> Result<()> {
        let frames = match self.pipe.recv_parts() {
            Ok(frames) => frames,
            Err(Error::Terminated) => {
                self.terminated = true;
                return Ok(());
            }
            Err(Error::Again | Error::Interrupted) => return Ok(()),
            Err(e) => return Err(e),
        };
        let command = frames.first().and_then(Frame::as_str).unwrap_or_default();
        if self.verbose {
            log::info!("zbeacon: API command={command}");
        }
        // CZMQ aborts on a bad command; we answer ERROR and keep serving.
        if let Err(reason) = self.command(command, &frames) {
            log::warn!("zbeacon: {reason}");
            self.pipe.send_parts(&["ERROR", reason.as_str()])?;
        }
        Ok(())
    }

    /// Carries out one command; Err is the reason sent back with ERROR.
    fn command(&mut self, command: &str, frames: &[Frame]) -> std::result::Result<(), String> {
        let arg = |n: usize| frames.get(n).map(Frame::data);
        match command {
            "VERBOSE" => self.verbose = true,
            "CONFIGURE" => {
                let port = arg(1)
                    .and_then(|p| std::str::from_utf8(p).ok())
                    .and_then(|p| p.trim().parse::<u16>().ok())
                    .filter(|&p| p != 0)
                    .ok_or("CONFIGURE needs a port number 1..65535")?;
                let hostname = self.configure(port);
                self.pipe
                    .send_strs(&[hostname])
                    .map_err(|e| format!("CONFIGURE reply: {e}"))?;
            }
            "PUBLISH" => {
                let data = arg(1).ok_or("PUBLISH needs data")?;
                if data.len() > UDP_FRAME_MAX {
                    return Err(format!(
                        "PUBLISH data is {} bytes, at most {UDP_FRAME_MAX}",
                        data.len()
                    ));
                }
                let ms = match arg(2) {
                    None => 0,
                    Some(text) => std::str::from_utf8(text)
                        .ok()
                        .and_then(|t| t.trim().parse::<u32>().ok())
                        .ok_or("PUBLISH interval must be a number of milliseconds")?,
                };
                self.transmit = Some(data.to_vec());
                self.interval = match ms {
                    0 => INTERVAL_DEFAULT,
                    ms => Duration::from_millis(u64::from(ms)),
                };
                // The first beacon goes out at once.
                self.ping_at = Instant::now();
            }
            "SILENCE" => self.transmit = None,
            "SUBSCRIBE" => {
                let filter = arg(1).unwrap_or_default();
                if filter.len() > UDP_FRAME_MAX {
                    return Err(format!(
                        "SUBSCRIBE filter is {} bytes, at most {UDP_FRAME_MAX}",
                        filter.len()
                    ));
                }
                self.filter = Some(filter.to_vec());
            }
            "UNSUBSCRIBE" => self.filter = None,
            "$TERM" => self.terminated = true,
            other => return Err(format!("invalid command: {other:?}")),
        }
        Ok(())
    }

    /// Opens the socket for `port`; the hostname to report ("" when no
    /// interface is usable).
    fn configure(&mut self, port: u16) -> String {
        self.port = Some(port);
        let hostname = self.prepare();
        if hostname.is_empty() {
            log::error!(
                "zbeacon: no broadcast interface found (interface={:?})",
                self.settings().interface
            );
        } else if self.verbose {
            log::info!("zbeacon: configured, hostname={hostname}");
        }
        hostname
    }

    fn settings(&self) -> BeaconSettings {
        self.fixed.clone().unwrap_or_else(BeaconSettings::from_zsys)
    }

    /// (Re)opens the UDP socket for the configured port.
    fn prepare(&mut self) -> String {
        self.udp = None;
        let Some(port) = self.port else {
            return String::new();
        };
        let settings = self.settings();
        let Some(plan) = plan(&settings, port, &interfaces()) else {
            return String::new();
        };
        match BeaconSocket::open(&plan, settings.mcast_ttl) {
            Ok(socket) => {
                if self.verbose {
                    log::info!("zbeacon: bound {} sending to {}", plan.bind, plan.send_to);
                }
                self.udp = Some(socket);
                plan.hostname
            }
            Err(e) => {
                log::debug!(
                    "zbeacon: unable to open {} for {}: {e}",
                    plan.bind,
                    plan.send_to
                );
                String::new()
            }
        }
    }

    fn handle_udp(&mut self) {
        let Some(udp) = self.udp.take() else { return };
        let mut buf = [0u8; UDP_FRAME_MAX];
        for socket in udp.sockets() {
            for _ in 0..READ_BATCH {
                let (sender, len) = match recv(socket, &mut buf) {
                    Ok(Some(got)) => got,
                    Ok(None) => break,
                    Err(e) => {
                        // E.g. an ICMP error queued on the socket: now consumed.
                        log::debug!("zbeacon: receive failed: {e}");
                        break;
                    }
                };
                let payload = &buf[..len];
                if self.wanted(payload) {
                    self.deliver(&sender, payload);
                }
            }
        }
        self.udp = Some(udp);
    }

    /// CZMQ's rule: a filter is set, the payload starts with it, and it is
    /// not our own current beacon.
    fn wanted(&self, payload: &[u8]) -> bool {
        let Some(filter) = &self.filter else {
            return false;
        };
        payload.starts_with(filter) && self.transmit.as_deref() != Some(payload)
    }

    fn deliver(&self, sender: &str, payload: &[u8]) {
        let socket = self.pipe.as_socket();
        // Never block on an app that does not read: drop the beacon instead
        // (the rest of a multipart message cannot fail once the first part
        // is queued).
        match socket.send_bytes_with(sender.as_bytes(), Flags::MORE | Flags::DONTWAIT) {
            Ok(()) => {
                if let Err(e) = socket.send_bytes(payload) {
                    log::warn!("zbeacon: delivering a beacon: {e}");
                }
            }
            Err(e) => log::debug!("zbeacon: beacon from {sender} dropped: {e}"),
        }
    }

    fn transmit_due(&mut self) {
        let Some(data) = &self.transmit else { return };
        let now = Instant::now();
        if now < self.ping_at {
            return;
        }
        let sent = match &self.udp {
            Some(udp) => udp.send(data).map_err(|e| e.to_string()),
            None => Err("no socket".into()),
        };
        if let Err(reason) = sent {
            // As CZMQ: rebuild the socket and try again next interval.
            log::debug!("zbeacon: failed to transmit ({reason}); reopening");
            self.prepare();
        }
        self.ping_at = now + self.interval;
    }
}
