//! Where a C program's log lines go: CZMQ's log stream (stderr unless
//! ZSYS_LOGSTREAM or zsys_set_logstream says otherwise; a C `FILE *`), the
//! log sender and the system log (both in `czmq::zsys`). The stream is
//! this library's `log` backend, installed only when the host process has
//! no Rust logger of its own.

use std::ffi::{c_char, CString};
use std::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

use czmq::zsys;

use super::super::ffi::{guard, opt_str};

/// The C stream set by zsys_set_logstream (NULL: no stream output), used
/// once `STREAM_SET`; until then, stderr.
static STREAM: AtomicPtr<libc::FILE> = AtomicPtr::new(std::ptr::null_mut());
static STREAM_SET: AtomicBool = AtomicBool::new(false);

/// ZSYS_LOGSTREAM=stdout|stderr, as CZMQ reads it.
pub(super) fn init_from_env() {
    if STREAM_SET.load(Ordering::SeqCst) {
        return;
    }
    if std::env::var("ZSYS_LOGSTREAM").is_ok_and(|v| v == "stdout") {
        // SAFETY: fdopen on descriptor 1 with a valid mode string; the
        // FILE is never closed (it lives as long as the process).
        let out = unsafe { libc::fdopen(1, c"w".as_ptr()) };
        set_stream(out);
    }
    if std::env::var("ZSYS_LOGSYSTEM").is_ok_and(|v| v == "true") {
        zsys::set_logsystem(true);
    }
}

fn set_stream(stream: *mut libc::FILE) {
    STREAM.store(stream, Ordering::SeqCst);
    STREAM_SET.store(true, Ordering::SeqCst);
}

/// Installs the stream logger, unless the process has a logger already.
pub(super) fn install_logger() {
    if log::set_logger(&STREAM_LOGGER).is_ok() {
        log::set_max_level(log::LevelFilter::Debug);
    }
}

/// Writes one finished line to the C stream, or to stderr by default.
fn write_line(line: &str) {
    if !STREAM_SET.load(Ordering::SeqCst) {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "{line}");
        return;
    }
    let stream = STREAM.load(Ordering::SeqCst);
    if stream.is_null() {
        return;
    }
    let Ok(text) = CString::new(format!("{line}\n")) else {
        return;
    };
    // SAFETY: zsys_set_logstream's caller promised a FILE that stays open
    // while it is the log stream; fputs and fflush lock it themselves.
    unsafe {
        libc::fputs(text.as_ptr(), stream);
        libc::fflush(stream);
    }
}

/// CZMQ's log format, "I: yy-mm-dd hh:mm:ss message", for C programs
/// (which have no Rust logger).
struct StreamLogger;

static STREAM_LOGGER: StreamLogger = StreamLogger;

impl log::Log for StreamLogger {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        let letter = match record.level() {
            log::Level::Error => 'E',
            log::Level::Warn => 'W',
            log::Level::Info => 'I',
            log::Level::Debug | log::Level::Trace => 'D',
        };
        let stamp = czmq::zclock::timestr();
        // timestr is "yyyy-mm-dd hh:mm:ss"; CZMQ prints a two-digit year.
        let stamp = stamp.get(2..).unwrap_or(&stamp);
        write_line(&format!("{letter}: {stamp} {}", record.args()));
    }

    fn flush(&self) {}
}

/// `void zsys_set_logstream (FILE *stream)`: log lines go to `stream`
/// from now on; NULL turns stream output off.
///
/// # Safety
/// `stream` is NULL or an open FILE that stays open while it is the log
/// stream.
#[no_mangle]
pub unsafe extern "C" fn zsys_set_logstream(stream: *mut libc::FILE) {
    guard((), || {
        super::ensure_init();
        set_stream(stream);
    })
}

/// `void zsys_set_logident (const char *value)`: the identity shown in
/// log lines and given to the system log. NULL is ignored.
///
/// # Safety
/// `value` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn zsys_set_logident(value: *const c_char) {
    guard((), || {
        // SAFETY: NULL or a C string, which opt_str accepts.
        if let Some(ident) = unsafe { opt_str(value) } {
            zsys::set_logident(ident);
        }
    })
}

/// `void zsys_set_logsender (const char *endpoint)`: also publish log
/// lines on a PUB socket attached to `endpoint` (CZMQ's attach syntax);
/// NULL closes it.
///
/// # Safety
/// `endpoint` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn zsys_set_logsender(endpoint: *const c_char) {
    guard((), || {
        super::ensure_init();
        // SAFETY: NULL or a C string, which opt_str accepts.
        let endpoint = unsafe { opt_str(endpoint) };
        if let Err(e) = zsys::set_logsender(endpoint) {
            zsys::error(format_args!("zsys_set_logsender: {e}"));
        }
    })
}

/// `void zsys_set_logsystem (bool logsystem)`: also send log lines to
/// syslog.
#[no_mangle]
pub extern "C" fn zsys_set_logsystem(logsystem: bool) {
    guard((), || zsys::set_logsystem(logsystem))
}
