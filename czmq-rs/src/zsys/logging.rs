//! CZMQ's `zsys_error` ... `zsys_debug`, over the `log` crate, plus CZMQ's
//! two other log sinks: a PUB socket ([`set_logsender`]) and the system
//! log ([`set_logsystem`]).
//!
//! The application picks the logger (env_logger, syslog, ...), as with any
//! Rust library; CZMQ's ZSYS_LOGSTREAM choice therefore belongs to that
//! logger. The `log` macros work just as well: these functions exist for
//! code ported from CZMQ and add the [`logident`](super::logident) prefix.
//! Records use the target `czmq`. CZMQ's "notice" level, which `log` does
//! not have, is logged at info (and as a notice to the system log).

use std::ffi::CString;
use std::fmt::Display;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::Result;
use crate::sock::Sock;

const TARGET: &str = "czmq";

/// The PUB socket log lines are published on, if any.
static LOGSENDER: Mutex<Option<Sock>> = Mutex::new(None);
/// Whether log lines also go to syslog.
static LOGSYSTEM: AtomicBool = AtomicBool::new(false);

/// CZMQ's levels: the `log` level and the letter CZMQ prints.
#[derive(Clone, Copy)]
enum Level {
    Error,
    Warning,
    Notice,
    Info,
    Debug,
}

impl Level {
    fn log_level(self) -> log::Level {
        match self {
            Level::Error => log::Level::Error,
            Level::Warning => log::Level::Warn,
            Level::Notice | Level::Info => log::Level::Info,
            Level::Debug => log::Level::Debug,
        }
    }

    fn letter(self) -> char {
        match self {
            Level::Error => 'E',
            Level::Warning => 'W',
            Level::Notice => 'N',
            Level::Info => 'I',
            Level::Debug => 'D',
        }
    }

    fn syslog_priority(self) -> libc::c_int {
        match self {
            Level::Error => libc::LOG_ERR,
            Level::Warning => libc::LOG_WARNING,
            Level::Notice => libc::LOG_NOTICE,
            Level::Info => libc::LOG_INFO,
            Level::Debug => libc::LOG_DEBUG,
        }
    }
}

/// CZMQ's log line: "I: (ident) yy-mm-dd hh:mm:ss message".
fn czmq_line(level: Level, ident: &str, msg: &dyn Display) -> String {
    let stamp = crate::zclock::timestr();
    // timestr is "yyyy-mm-dd hh:mm:ss"; CZMQ prints a two-digit year.
    let stamp = stamp.get(2..).unwrap_or(&stamp);
    let letter = level.letter();
    if ident.is_empty() {
        format!("{letter}: {stamp} {msg}")
    } else {
        format!("{letter}: ({ident}) {stamp} {msg}")
    }
}

fn emit(level: Level, msg: &dyn Display) {
    let ident = super::logident();
    let sender = LOGSENDER.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(sock) = sender.as_ref() {
        // PUB never blocks: with no subscriber the line is dropped.
        let _ = sock
            .as_socket()
            .send_bytes(czmq_line(level, &ident, msg).as_bytes());
    }
    drop(sender);
    if LOGSYSTEM.load(Ordering::Relaxed) {
        let text = CString::new(msg.to_string().replace('\0', " ")).unwrap_or_default();
        // SAFETY: "%s" with one NUL-terminated string argument.
        unsafe { libc::syslog(level.syslog_priority(), c"%s".as_ptr(), text.as_ptr()) };
    }
    let log_level = level.log_level();
    if !log::log_enabled!(target: TARGET, log_level) {
        return;
    }
    if ident.is_empty() {
        log::log!(target: TARGET, log_level, "{msg}");
    } else {
        log::log!(target: TARGET, log_level, "{ident}: {msg}");
    }
}

/// Publishes every line logged through these functions on a PUB socket
/// attached to `endpoints` (CZMQ's attach syntax: "@" binds, ">"
/// connects, default bind), in CZMQ's format ("I: yy-mm-dd hh:mm:ss
/// text"). Calling it again attaches the same socket to more endpoints;
/// None closes it (`zsys_set_logsender`).
///
/// ```
/// use czmq::{zsys, Sock};
/// zsys::set_logsender(Some("inproc://logsender-doc"))?;
/// let sub = Sock::new_sub(Some("inproc://logsender-doc"), Some(""))?;
/// // A subscription takes a moment to reach the publisher: log until
/// // a line arrives.
/// sub.as_socket().set_rcvtimeo(Some(std::time::Duration::from_millis(20)))?;
/// let line = (0..250).find_map(|_| {
///     zsys::info("hello");
///     czmq::zstr::recv(&sub).ok()
/// });
/// assert!(line.unwrap().ends_with(" hello"));
/// zsys::set_logsender(None)?;
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn set_logsender(endpoints: Option<&str>) -> Result<()> {
    let mut sender = LOGSENDER.lock().unwrap_or_else(|p| p.into_inner());
    let Some(endpoints) = endpoints else {
        sender.take();
        return Ok(());
    };
    if sender.is_none() {
        *sender = Some(Sock::new_pub(None)?);
    }
    match sender.as_mut() {
        Some(sock) => sock.attach(endpoints, true),
        None => Ok(()),
    }
}

/// Closes the log sender (zsys shutdown does this, as CZMQ's).
pub(super) fn close_logsender() {
    LOGSENDER.lock().unwrap_or_else(|p| p.into_inner()).take();
}

/// Turns logging to the system log (syslog, facility user, with the
/// process id and [`logident`](super::logident)) on or off
/// (`zsys_set_logsystem`).
///
/// ```
/// czmq::zsys::set_logsystem(false);
/// assert!(!czmq::zsys::logsystem());
/// ```
pub fn set_logsystem(on: bool) {
    LOGSYSTEM.store(on, Ordering::Relaxed);
    if on {
        open_syslog(&super::logident());
    }
}

/// True when lines also go to the system log.
///
/// ```
/// assert!(!czmq::zsys::logsystem());
/// ```
pub fn logsystem() -> bool {
    LOGSYSTEM.load(Ordering::Relaxed)
}

/// (Re)opens syslog under `ident` ("" for the program name).
pub(super) fn open_syslog(ident: &str) {
    // openlog keeps the pointer, so the text must live for the rest of the
    // process: leaked on purpose (once per change of identity).
    let ident: &'static std::ffi::CStr = match CString::new(ident) {
        Ok(text) if !ident.is_empty() => Box::leak(text.into_boxed_c_str()),
        _ => c"",
    };
    let ptr = if ident.is_empty() {
        std::ptr::null()
    } else {
        ident.as_ptr()
    };
    // SAFETY: ptr is NULL or a NUL-terminated string that is never freed.
    unsafe { libc::openlog(ptr, libc::LOG_PID, libc::LOG_USER) };
}

/// Whether syslog is on (for set_logident to reopen it).
pub(super) fn syslog_on() -> bool {
    LOGSYSTEM.load(Ordering::Relaxed)
}

/// Logs an error (`zsys_error`).
///
/// ```
/// czmq::zsys::error(format_args!("cannot bind {}", "tcp://*:5555"));
/// ```
pub fn error(msg: impl Display) {
    emit(Level::Error, &msg);
}

/// Logs a warning (`zsys_warning`).
///
/// ```
/// czmq::zsys::warning("queue is filling up");
/// ```
pub fn warning(msg: impl Display) {
    emit(Level::Warning, &msg);
}

/// Logs a notice (`zsys_notice`), at the info level.
///
/// ```
/// czmq::zsys::notice("configuration reloaded");
/// ```
pub fn notice(msg: impl Display) {
    emit(Level::Notice, &msg);
}

/// Logs information (`zsys_info`).
///
/// ```
/// czmq::zsys::info("node started");
/// ```
pub fn info(msg: impl Display) {
    emit(Level::Info, &msg);
}

/// Logs a debug message (`zsys_debug`).
///
/// ```
/// czmq::zsys::debug(format_args!("{} peers", 3));
/// ```
pub fn debug(msg: impl Display) {
    emit(Level::Debug, &msg);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_follow_czmq_format() {
        let line = czmq_line(Level::Notice, "", &"up");
        assert!(line.starts_with("N: "), "{line}");
        assert!(line.ends_with(" up"));
        // "N: yy-mm-dd hh:mm:ss up"
        assert_eq!(line.len(), "N: 26-01-01 00:00:00 up".len());
        let line = czmq_line(Level::Error, "node", &"down");
        assert!(line.starts_with("E: (node) "), "{line}");
    }
}
