//! Process-wide defaults for the high-level layer, as CZMQ's zsys: the shared
//! default context, the socket and network defaults new `Sock`s and beacons
//! pick up, interrupt handling ([`catch_interrupts`], [`interrupted`]) and
//! logging ([`info`], [`warning`], ... over the `log` crate).
//!
//! Each setting starts from the `ZSYS_*` environment variable CZMQ reads and
//! can be changed from code:
//!
//! | variable | getter | default |
//! |---|---|---|
//! | ZSYS_IO_THREADS | [`io_threads`] | 1 |
//! | ZSYS_MAX_SOCKETS | [`max_sockets`] | 1024 |
//! | ZSYS_MAX_MSGSZ | [`max_msgsz`] | `i32::MAX` |
//! | ZSYS_THREAD_PRIORITY | [`thread_priority`] | -1 (leave alone) |
//! | ZSYS_THREAD_SCHED_POLICY | [`thread_sched_policy`] | -1 (leave alone) |
//! | ZSYS_LINGER | [`linger`] | 0 |
//! | ZSYS_SNDHWM | [`sndhwm`] | 1000 |
//! | ZSYS_RCVHWM | [`rcvhwm`] | 1000 |
//! | ZSYS_PIPEHWM | [`pipehwm`] | 1000 |
//! | ZSYS_IPV6 | [`ipv6`] | false |
//! | ZSYS_AUTO_USE_FD | [`auto_use_fd`] | false |
//! | ZSYS_INTERFACE | [`interface`] | "" (all / first usable) |
//! | ZSYS_IPV6_ADDRESS | [`ipv6_address`] | "" |
//! | ZSYS_IPV6_MCAST_ADDRESS | [`ipv6_mcast_address`] | "ff02:0:0:0:0:0:0:1" |
//! | ZSYS_IPV4_MCAST_ADDRESS | [`ipv4_mcast_address`] | None (broadcast) |
//! | ZSYS_LOGIDENT | [`logident`] | "" |
//!
//! Numbers are read like CZMQ's `atoi` would for well-formed values; a value
//! that is not a number keeps the default instead of silently becoming 0.
//!
//! ```
//! czmq::zsys::set_linger(100);
//! assert_eq!(czmq::zsys::linger(), 100);
//! czmq::zsys::set_linger(0);
//! ```

mod files;
mod host;
mod interrupts;
mod logging;
mod process;
mod sockets;
mod threads;
mod udp;
mod zprintf;

pub use files::{
    dir_change, dir_create, dir_delete, file_delete, file_exists, file_mode, file_mode_default,
    file_mode_private, file_modified, file_size, file_stable, file_stable_age, set_file_stable_age,
};
pub use host::hostname;
pub use interrupts::{
    catch_interrupts, interrupted, reset_interrupts, set_interrupted, watch_interrupt_flag,
};
pub use logging::{debug, error, info, logsystem, notice, set_logsender, set_logsystem, warning};
pub use process::{daemonize, run_as};
pub use sockets::{create_pipe, socket, socket_limit, sockname};
pub use threads::{
    set_thread_name_prefix, set_thread_name_prefix_str, thread_affinity_cpu_add,
    thread_affinity_cpu_remove, thread_name_prefix, thread_name_prefix_str,
};
pub use udp::{
    UDP_FRAME_MAX, ipv6_available, is_transient_socket_error, udp_new, udp_recv, udp_send,
};
pub use zprintf::zprintf;

/// The CZMQ API level this crate implements (major, minor, patch):
/// 4.2.1, as `zsys_version` reports it.
///
/// ```
/// assert_eq!(czmq::zsys::version(), (4, 2, 1));
/// ```
pub fn version() -> (i32, i32, i32) {
    (4, 2, 1)
}

/// True when libzmq was built with CURVE security (`zsys_has_curve`).
///
/// ```
/// let _ = czmq::zsys::has_curve();
/// ```
pub fn has_curve() -> bool {
    crate::has("curve")
}

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Mutex, RwLock};

use once_cell::sync::Lazy;

use crate::context::{Context, ContextOption};
use crate::error::Result;

/// Parses an integer setting as found in the environment; `None` (unset) or
/// a value that is not a number gives `default`.
fn parse_int(value: Option<&str>, default: i32) -> i32 {
    value.and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

/// Parses a boolean setting: CZMQ reads these with `atoi`, so any non-zero
/// number is true; we also accept "true"/"false"/"yes"/"no"/"on"/"off".
fn parse_bool(value: Option<&str>, default: bool) -> bool {
    let Some(v) = value.map(|v| v.trim().to_ascii_lowercase()) else {
        return default;
    };
    match v.as_str() {
        "true" | "yes" | "on" => true,
        "false" | "no" | "off" => false,
        _ => v.parse::<i64>().map(|n| n != 0).unwrap_or(default),
    }
}

/// Parses a text setting: unset gives `default`; a set value is taken as is
/// (an empty value is a legitimate "none").
fn parse_text(value: Option<&str>, default: &str) -> String {
    value.unwrap_or(default).to_owned()
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

fn env_int(name: &str, default: i32) -> i32 {
    parse_int(env(name).as_deref(), default)
}

fn env_bool(name: &str, default: bool) -> bool {
    parse_bool(env(name).as_deref(), default)
}

struct Settings {
    linger: AtomicI32,
    sndhwm: AtomicI32,
    rcvhwm: AtomicI32,
    pipehwm: AtomicI32,
    io_threads: AtomicI32,
    max_sockets: AtomicI32,
    max_msgsz: AtomicI32,
    thread_priority: AtomicI32,
    thread_sched_policy: AtomicI32,
    mcast_ttl: AtomicI32,
    ipv6: AtomicBool,
    auto_use_fd: AtomicBool,
    zero_copy_recv: AtomicBool,
}

static SETTINGS: Lazy<Settings> = Lazy::new(|| Settings {
    linger: AtomicI32::new(env_int("ZSYS_LINGER", 0)),
    sndhwm: AtomicI32::new(env_int("ZSYS_SNDHWM", 1000)),
    rcvhwm: AtomicI32::new(env_int("ZSYS_RCVHWM", 1000)),
    pipehwm: AtomicI32::new(env_int("ZSYS_PIPEHWM", 1000)),
    io_threads: AtomicI32::new(env_int("ZSYS_IO_THREADS", 1)),
    max_sockets: AtomicI32::new(env_int("ZSYS_MAX_SOCKETS", 1024)),
    max_msgsz: AtomicI32::new(env_int("ZSYS_MAX_MSGSZ", i32::MAX)),
    thread_priority: AtomicI32::new(env_int("ZSYS_THREAD_PRIORITY", -1)),
    thread_sched_policy: AtomicI32::new(env_int("ZSYS_THREAD_SCHED_POLICY", -1)),
    mcast_ttl: AtomicI32::new(1),
    ipv6: AtomicBool::new(env_bool("ZSYS_IPV6", false)),
    auto_use_fd: AtomicBool::new(env_bool("ZSYS_AUTO_USE_FD", false)),
    zero_copy_recv: AtomicBool::new(env_bool("ZSYS_ZERO_COPY_RECV", true)),
});

/// The text settings, behind one lock (they change rarely).
struct TextSettings {
    interface: String,
    ipv6_address: String,
    ipv6_mcast_address: String,
    ipv4_mcast_address: Option<String>,
    logident: String,
}

static TEXT: Lazy<RwLock<TextSettings>> = Lazy::new(|| {
    RwLock::new(TextSettings {
        interface: parse_text(env("ZSYS_INTERFACE").as_deref(), ""),
        ipv6_address: parse_text(env("ZSYS_IPV6_ADDRESS").as_deref(), ""),
        ipv6_mcast_address: parse_text(
            env("ZSYS_IPV6_MCAST_ADDRESS").as_deref(),
            "ff02:0:0:0:0:0:0:1",
        ),
        ipv4_mcast_address: env("ZSYS_IPV4_MCAST_ADDRESS").filter(|v| !v.is_empty()),
        logident: parse_text(env("ZSYS_LOGIDENT").as_deref(), ""),
    })
});

fn read_text<T>(f: impl FnOnce(&TextSettings) -> T) -> T {
    // A poisoned lock only means a panic elsewhere mid-write of a String
    // assignment, which cannot leave it half-written: keep going.
    f(&TEXT.read().unwrap_or_else(|p| p.into_inner()))
}

fn write_text(f: impl FnOnce(&mut TextSettings)) {
    f(&mut TEXT.write().unwrap_or_else(|p| p.into_inner()))
}

static CONTEXT: Lazy<Mutex<Option<Context>>> = Lazy::new(|| Mutex::new(None));

/// The process-wide context of the high-level layer, created on first use
/// (like `zsys_init`) with [`io_threads`], [`max_sockets`], [`max_msgsz`],
/// [`ipv6`] and the thread settings applied. Every call returns a handle to
/// the same context until [`shutdown`].
///
/// Unlike CZMQ, creating it does not install signal handlers: call
/// [`catch_interrupts`] for that.
///
/// ```
/// let a = czmq::zsys::context()?;
/// let b = czmq::zsys::context()?;
/// assert!(a.same(&b));
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn context() -> Result<Context> {
    let mut slot = CONTEXT.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(ctx) = slot.as_ref() {
        return Ok(ctx.clone());
    }
    let ctx = Context::new()?;
    ctx.set(ContextOption::IoThreads, io_threads())?;
    ctx.set(ContextOption::MaxSockets, max_sockets())?;
    ctx.set(ContextOption::MaxMsgSize, max_msgsz())?;
    ctx.set(ContextOption::Ipv6, i32::from(ipv6()))?;
    if thread_priority() >= 0 {
        ctx.set(ContextOption::ThreadPriority, thread_priority())?;
    }
    if thread_sched_policy() >= 0 {
        ctx.set(ContextOption::ThreadSchedPolicy, thread_sched_policy())?;
    }
    ctx.set(ContextOption::ZeroCopyRecv, i32::from(zero_copy_recv()))?;
    threads::apply(&ctx)?;
    *slot = Some(ctx.clone());
    Ok(ctx)
}

/// Drops the process-wide context handle. Sockets still open keep it alive; it
/// is terminated when the last of them closes. A later [`context`] call creates
/// a fresh one.
///
/// ```
/// let a = czmq::zsys::context()?;
/// czmq::zsys::shutdown();
/// let b = czmq::zsys::context()?;
/// assert!(!a.same(&b));
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn shutdown() {
    // The log sender is a socket of the context: close it first, as CZMQ.
    logging::close_logsender();
    let mut slot = CONTEXT.lock().unwrap_or_else(|p| p.into_inner());
    slot.take();
}

/// The process-wide context if it exists now (without creating it).
fn existing_context() -> Option<Context> {
    CONTEXT.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

/// Defines a getter/setter pair over one atomic field of [`SETTINGS`].
macro_rules! atomic_setting {
    ($(#[$get_doc:meta])* $get:ident, $(#[$set_doc:meta])* $set:ident, $field:ident: $ty:ty) => {
        $(#[$get_doc])*
        pub fn $get() -> $ty {
            SETTINGS.$field.load(Ordering::Relaxed)
        }

        $(#[$set_doc])*
        pub fn $set(value: $ty) {
            SETTINGS.$field.store(value, Ordering::Relaxed);
        }
    };
}

atomic_setting!(
    /// Default linger of new high-level sockets, in milliseconds (CZMQ: 0).
    ///
    /// ```
    /// czmq::zsys::set_linger(100);
    /// assert_eq!(czmq::zsys::linger(), 100);
    /// ```
    linger,
    /// Sets the default linger of new high-level sockets, in milliseconds.
    ///
    /// ```
    /// czmq::zsys::set_linger(100);
    /// assert_eq!(czmq::zsys::linger(), 100);
    /// ```
    set_linger,
    linger: i32
);
atomic_setting!(
    /// Default send high-water mark of new high-level sockets (CZMQ: 1000).
    ///
    /// ```
    /// czmq::zsys::set_sndhwm(2000);
    /// assert_eq!(czmq::zsys::sndhwm(), 2000);
    /// ```
    sndhwm,
    /// Sets the default send high-water mark.
    ///
    /// ```
    /// czmq::zsys::set_sndhwm(2000);
    /// assert_eq!(czmq::zsys::sndhwm(), 2000);
    /// ```
    set_sndhwm,
    sndhwm: i32
);
atomic_setting!(
    /// Default receive high-water mark of new high-level sockets (CZMQ: 1000).
    ///
    /// ```
    /// czmq::zsys::set_rcvhwm(2000);
    /// assert_eq!(czmq::zsys::rcvhwm(), 2000);
    /// ```
    rcvhwm,
    /// Sets the default receive high-water mark.
    ///
    /// ```
    /// czmq::zsys::set_rcvhwm(2000);
    /// assert_eq!(czmq::zsys::rcvhwm(), 2000);
    /// ```
    set_rcvhwm,
    rcvhwm: i32
);
atomic_setting!(
    /// High-water mark of actor pipes (CZMQ: 1000).
    ///
    /// ```
    /// czmq::zsys::set_pipehwm(5000);
    /// assert_eq!(czmq::zsys::pipehwm(), 5000);
    /// # czmq::zsys::set_pipehwm(1000);
    /// ```
    pipehwm,
    /// Sets the high-water mark of actor pipes created from now on.
    ///
    /// ```
    /// czmq::zsys::set_pipehwm(5000);
    /// assert_eq!(czmq::zsys::pipehwm(), 5000);
    /// ```
    set_pipehwm,
    pipehwm: i32
);
atomic_setting!(
    /// I/O threads of the process-wide context (CZMQ: 1); takes effect when the
    /// context is next created.
    ///
    /// ```
    /// czmq::zsys::set_io_threads(2);
    /// assert_eq!(czmq::zsys::io_threads(), 2);
    /// ```
    io_threads,
    /// Sets the I/O threads of the process-wide context.
    ///
    /// ```
    /// czmq::zsys::set_io_threads(2);
    /// assert_eq!(czmq::zsys::io_threads(), 2);
    /// ```
    set_io_threads,
    io_threads: i32
);
atomic_setting!(
    /// Socket limit of the process-wide context (CZMQ: 1024); takes effect
    /// when the context is next created.
    ///
    /// ```
    /// assert!(czmq::zsys::max_sockets() > 0);
    /// ```
    max_sockets,
    /// Sets the socket limit of the process-wide context.
    ///
    /// ```
    /// czmq::zsys::set_max_sockets(512);
    /// assert_eq!(czmq::zsys::max_sockets(), 512);
    /// ```
    set_max_sockets,
    max_sockets: i32
);
atomic_setting!(
    /// Largest message the process-wide context accepts, in bytes (default:
    /// no limit, `i32::MAX`); takes effect when the context is next created.
    ///
    /// ```
    /// czmq::zsys::set_max_msgsz(1 << 20);
    /// assert_eq!(czmq::zsys::max_msgsz(), 1 << 20);
    /// ```
    max_msgsz,
    /// Sets the largest message size of the process-wide context.
    ///
    /// ```
    /// czmq::zsys::set_max_msgsz(1 << 20);
    /// assert_eq!(czmq::zsys::max_msgsz(), 1 << 20);
    /// ```
    set_max_msgsz,
    max_msgsz: i32
);
atomic_setting!(
    /// Scheduling priority of the context's I/O threads; -1 leaves the
    /// system default. Takes effect when the context is next created.
    ///
    /// ```
    /// czmq::zsys::set_thread_priority(-1);
    /// assert_eq!(czmq::zsys::thread_priority(), -1);
    /// ```
    thread_priority,
    /// Sets the I/O threads' scheduling priority (-1: system default).
    ///
    /// ```
    /// czmq::zsys::set_thread_priority(-1);
    /// assert_eq!(czmq::zsys::thread_priority(), -1);
    /// ```
    set_thread_priority,
    thread_priority: i32
);
atomic_setting!(
    /// Scheduling policy of the context's I/O threads (`SCHED_*`); -1 leaves
    /// the system default. Takes effect when the context is next created.
    ///
    /// ```
    /// czmq::zsys::set_thread_sched_policy(-1);
    /// assert_eq!(czmq::zsys::thread_sched_policy(), -1);
    /// ```
    thread_sched_policy,
    /// Sets the I/O threads' scheduling policy (-1: system default).
    ///
    /// ```
    /// czmq::zsys::set_thread_sched_policy(-1);
    /// assert_eq!(czmq::zsys::thread_sched_policy(), -1);
    /// ```
    set_thread_sched_policy,
    thread_sched_policy: i32
);
atomic_setting!(
    /// Time-to-live of outgoing multicast UDP packets (beacons), CZMQ: 1.
    ///
    /// ```
    /// czmq::zsys::set_mcast_ttl(2);
    /// assert_eq!(czmq::zsys::mcast_ttl(), 2);
    /// ```
    mcast_ttl,
    /// Sets the multicast time-to-live.
    ///
    /// ```
    /// czmq::zsys::set_mcast_ttl(2);
    /// assert_eq!(czmq::zsys::mcast_ttl(), 2);
    /// ```
    set_mcast_ttl,
    mcast_ttl: i32
);
atomic_setting!(
    /// True when new sockets and beacons use IPv6 (CZMQ: false).
    ///
    /// ```
    /// czmq::zsys::set_ipv6(true);
    /// assert!(czmq::zsys::ipv6());
    /// czmq::zsys::set_ipv6(false);
    /// ```
    ipv6,
    /// Turns IPv6 on or off for new sockets and beacons (and for the
    /// process-wide context when it is next created).
    ///
    /// ```
    /// czmq::zsys::set_ipv6(true);
    /// assert_eq!(czmq::zsys::ipv6(), true);
    /// ```
    set_ipv6,
    ipv6: bool
);
atomic_setting!(
    /// True when socket creation should reuse file descriptors inherited
    /// from a supervisor (systemd socket activation) for matching endpoints
    /// (CZMQ: false).
    ///
    /// ```
    /// czmq::zsys::set_auto_use_fd(true);
    /// assert_eq!(czmq::zsys::auto_use_fd(), true);
    /// ```
    auto_use_fd,
    /// Turns automatic use of inherited file descriptors on or off.
    ///
    /// ```
    /// czmq::zsys::set_auto_use_fd(true);
    /// assert_eq!(czmq::zsys::auto_use_fd(), true);
    /// ```
    set_auto_use_fd,
    auto_use_fd: bool
);

/// Whether the process-wide context lets libzmq hand over received
/// buffers without copying (CZMQ: true); takes effect when the context is
/// next created.
///
/// ```
/// assert!(czmq::zsys::zero_copy_recv() || !czmq::zsys::zero_copy_recv());
/// ```
pub fn zero_copy_recv() -> bool {
    SETTINGS.zero_copy_recv.load(Ordering::Relaxed)
}

/// Turns zero-copy receiving on or off, also on the process-wide context
/// if it exists already.
///
/// ```
/// czmq::zsys::set_zero_copy_recv(true);
/// assert!(czmq::zsys::zero_copy_recv());
/// ```
pub fn set_zero_copy_recv(on: bool) {
    SETTINGS.zero_copy_recv.store(on, Ordering::Relaxed);
    if let Some(ctx) = existing_context() {
        let _ = ctx.set(ContextOption::ZeroCopyRecv, i32::from(on));
    }
}

/// The network interface beacons and multicast use: a name ("eth0"), an
/// address, or "" for the first usable interface (`zsys_interface`).
///
/// ```
/// czmq::zsys::set_interface("lo");
/// assert_eq!(czmq::zsys::interface(), "lo");
/// czmq::zsys::set_interface("");
/// ```
pub fn interface() -> String {
    read_text(|t| t.interface.clone())
}

/// Sets the network interface for beacons and multicast ("" for the default).
///
/// ```
/// czmq::zsys::set_interface("eth0");
/// assert_eq!(czmq::zsys::interface(), "eth0");
/// # czmq::zsys::set_interface("");
/// ```
pub fn set_interface(value: &str) {
    write_text(|t| t.interface = value.to_owned());
}

/// The IPv6 address beacons bind to when IPv6 is on ("" for any).
///
/// ```
/// czmq::zsys::set_ipv6_address("::1");
/// assert_eq!(czmq::zsys::ipv6_address(), "::1");
/// # czmq::zsys::set_ipv6_address("");
/// ```
pub fn ipv6_address() -> String {
    read_text(|t| t.ipv6_address.clone())
}

/// Sets the IPv6 address beacons bind to.
///
/// ```
/// czmq::zsys::set_ipv6_address("fe80::1");
/// assert_eq!(czmq::zsys::ipv6_address(), "fe80::1");
/// ```
pub fn set_ipv6_address(value: &str) {
    write_text(|t| t.ipv6_address = value.to_owned());
}

/// The IPv6 multicast group beacons use (CZMQ: "ff02:0:0:0:0:0:0:1").
///
/// ```
/// assert!(!czmq::zsys::ipv6_mcast_address().is_empty());
/// ```
pub fn ipv6_mcast_address() -> String {
    read_text(|t| t.ipv6_mcast_address.clone())
}

/// Sets the IPv6 multicast group beacons use.
///
/// ```
/// czmq::zsys::set_ipv6_mcast_address("ff02::fb");
/// assert_eq!(czmq::zsys::ipv6_mcast_address(), "ff02::fb");
/// ```
pub fn set_ipv6_mcast_address(value: &str) {
    write_text(|t| t.ipv6_mcast_address = value.to_owned());
}

/// The IPv4 multicast group beacons use, or None for UDP broadcast (CZMQ's
/// default).
///
/// ```
/// czmq::zsys::set_ipv4_mcast_address(Some("239.0.0.1"));
/// assert_eq!(czmq::zsys::ipv4_mcast_address().as_deref(), Some("239.0.0.1"));
/// czmq::zsys::set_ipv4_mcast_address(None);
/// ```
pub fn ipv4_mcast_address() -> Option<String> {
    read_text(|t| t.ipv4_mcast_address.clone())
}

/// Sets the IPv4 multicast group beacons use (None or "" for broadcast).
///
/// ```
/// czmq::zsys::set_ipv4_mcast_address(Some(""));
/// assert_eq!(czmq::zsys::ipv4_mcast_address(), None);
/// ```
pub fn set_ipv4_mcast_address(value: Option<&str>) {
    let value = value.filter(|v| !v.is_empty()).map(str::to_owned);
    write_text(|t| t.ipv4_mcast_address = value);
}

/// The identity prefixed to messages logged through [`info`], [`error`]...
/// ("" for none), like CZMQ's syslog ident.
///
/// ```
/// czmq::zsys::set_logident("worker");
/// assert_eq!(czmq::zsys::logident(), "worker");
/// ```
pub fn logident() -> String {
    read_text(|t| t.logident.clone())
}

/// Sets the identity prefixed to logged messages.
///
/// ```
/// czmq::zsys::set_logident("node-1");
/// assert_eq!(czmq::zsys::logident(), "node-1");
/// czmq::zsys::set_logident("");
/// ```
pub fn set_logident(value: &str) {
    write_text(|t| t.logident = value.to_owned());
    if logging::syslog_on() {
        logging::open_syslog(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_parse_like_czmq_for_well_formed_values() {
        assert_eq!(parse_int(Some("4"), 1), 4);
        assert_eq!(parse_int(Some(" 250\n"), 1), 250);
        assert_eq!(parse_int(Some("-1"), 7), -1);
        assert_eq!(parse_int(None, 1000), 1000);
        // Garbage keeps the default rather than becoming 0 as atoi would.
        assert_eq!(parse_int(Some("lots"), 1000), 1000);
        assert_eq!(parse_int(Some(""), 1024), 1024);
    }

    #[test]
    fn booleans_accept_numbers_and_words() {
        assert!(parse_bool(Some("1"), false));
        assert!(parse_bool(Some("2"), false));
        assert!(!parse_bool(Some("0"), true));
        assert!(parse_bool(Some("TRUE"), false));
        assert!(!parse_bool(Some("off"), true));
        assert!(parse_bool(None, true));
        assert!(!parse_bool(Some("maybe"), false));
    }

    #[test]
    fn text_keeps_set_values_even_empty() {
        assert_eq!(parse_text(Some("eth0"), ""), "eth0");
        assert_eq!(parse_text(None, "ff02::1"), "ff02::1");
        assert_eq!(parse_text(Some(""), "ff02::1"), "");
    }

    #[test]
    fn settings_round_trip() {
        // Settings are process-global: touch only those no other test or
        // context creation reads.
        set_ipv6_address("::1");
        assert_eq!(ipv6_address(), "::1");
        set_ipv6_address("");
        set_ipv6_mcast_address("ff02::2");
        assert_eq!(ipv6_mcast_address(), "ff02::2");
        set_ipv6_mcast_address("ff02:0:0:0:0:0:0:1");
        set_ipv4_mcast_address(Some(""));
        assert_eq!(ipv4_mcast_address(), None);
        set_mcast_ttl(4);
        assert_eq!(mcast_ttl(), 4);
        set_mcast_ttl(1);
        set_auto_use_fd(true);
        assert!(auto_use_fd());
        set_auto_use_fd(false);
    }
}
