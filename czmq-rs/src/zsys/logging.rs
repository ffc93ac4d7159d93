//! CZMQ's `zsys_error` ... `zsys_debug`, over the `log` crate.
//!
//! The application picks the logger (env_logger, syslog, ...), as with any
//! Rust library; CZMQ's ZSYS_LOGSTREAM / ZSYS_LOGSYSTEM choices therefore
//! belong to that logger. The `log` macros work just as well: these functions
//! exist for code ported from CZMQ and add the [`logident`](super::logident)
//! prefix. Records use the target `czmq`. CZMQ's "notice" level, which `log`
//! does not have, is logged at info.

use std::fmt::Display;

const TARGET: &str = "czmq";

fn emit(level: log::Level, msg: &dyn Display) {
    if !log::log_enabled!(target: TARGET, level) {
        return;
    }
    let ident = super::logident();
    if ident.is_empty() {
        log::log!(target: TARGET, level, "{msg}");
    } else {
        log::log!(target: TARGET, level, "{ident}: {msg}");
    }
}

/// Logs an error (`zsys_error`).
///
/// ```
/// czmq::zsys::error(format_args!("cannot bind {}", "tcp://*:5555"));
/// ```
pub fn error(msg: impl Display) {
    emit(log::Level::Error, &msg);
}

/// Logs a warning (`zsys_warning`).
///
/// ```
/// czmq::zsys::warning("queue is filling up");
/// ```
pub fn warning(msg: impl Display) {
    emit(log::Level::Warn, &msg);
}

/// Logs a notice (`zsys_notice`), at the info level.
///
/// ```
/// czmq::zsys::notice("configuration reloaded");
/// ```
pub fn notice(msg: impl Display) {
    emit(log::Level::Info, &msg);
}

/// Logs information (`zsys_info`).
///
/// ```
/// czmq::zsys::info("node started");
/// ```
pub fn info(msg: impl Display) {
    emit(log::Level::Info, &msg);
}

/// Logs a debug message (`zsys_debug`).
///
/// ```
/// czmq::zsys::debug(format_args!("{} peers", 3));
/// ```
pub fn debug(msg: impl Display) {
    emit(log::Level::Debug, &msg);
}
