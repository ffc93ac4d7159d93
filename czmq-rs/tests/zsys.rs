//! zsys tests: the interrupted flag and real signals (with Loop and Poller),
//! settings applied to the process-wide context, and logging.
//!
//! Everything here is process-wide (signal dispositions, the interrupted
//! flag, the logger, the shared context), so every test takes `LOCK` and
//! leaves the state as it found it. No other test binary touches the flag.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Once, mpsc};
use std::time::{Duration, Instant};

use czmq::{Context, ContextOption, Error, Loop, Poller, SocketType, zsys};

static LOCK: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    LOCK.lock().unwrap_or_else(|p| p.into_inner())
}

const GUARD: Duration = Duration::from_secs(5);

#[test]
fn interrupted_flag_stops_loops_and_pollers_unless_nonstop() {
    let _serial = serial();
    let ctx = Context::new().unwrap();
    let sock = ctx.socket(SocketType::Pull).unwrap();
    sock.bind("inproc://zsys-flag").unwrap();
    zsys::set_interrupted(true);
    assert!(zsys::interrupted());

    let mut lp = Loop::new();
    lp.add_timer(GUARD, 1, |_, _| Err(Error::TimedOut)).unwrap();
    let started = Instant::now();
    assert_eq!(lp.start(), Ok(()));
    assert!(started.elapsed() < Duration::from_secs(1));

    let mut nonstop = Loop::new();
    nonstop.set_nonstop(true);
    let calls = std::rc::Rc::new(std::cell::Cell::new(0));
    let c = calls.clone();
    nonstop
        .add_timer(Duration::from_millis(1), 3, move |_, _| {
            c.set(c.get() + 1);
            Ok(())
        })
        .unwrap();
    assert_eq!(nonstop.start(), Ok(()));
    assert_eq!(calls.get(), 3);

    let mut poller = Poller::new();
    poller.add(&sock);
    assert_eq!(poller.wait(Some(GUARD)), None);
    assert!(poller.terminated());
    assert_eq!(poller.try_wait(Some(GUARD)), Err(Error::Interrupted));
    poller.set_nonstop(true);
    assert_eq!(poller.wait(Some(Duration::from_millis(5))), None);
    assert!(poller.expired() && !poller.terminated());

    zsys::set_interrupted(false);
    let mut poller = Poller::new();
    poller.add(&sock);
    assert_eq!(poller.wait(Some(Duration::from_millis(5))), None);
    assert!(poller.expired());
}

/// Runs `work` on a new thread and sends it SIGINT until it reports done.
/// The thread stays alive until signalling has stopped, so every signal
/// targets a live thread.
fn interrupt_thread<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let done = Arc::new(AtomicBool::new(false));
    let (tid_tx, tid_rx) = mpsc::channel();
    let (exit_tx, exit_rx) = mpsc::channel::<()>();
    let d = done.clone();
    let worker = std::thread::spawn(move || {
        // SAFETY: pthread_self has no preconditions.
        tid_tx.send(unsafe { libc::pthread_self() }).unwrap();
        let result = work();
        d.store(true, Ordering::SeqCst);
        // Stay alive until no more signals can be sent to us.
        let _ = exit_rx.recv();
        result
    });
    let tid = tid_rx.recv().unwrap();
    let deadline = Instant::now() + GUARD;
    while !done.load(Ordering::SeqCst) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        if done.load(Ordering::SeqCst) {
            break;
        }
        // SAFETY: the worker thread is alive (it waits on exit_rx until we
        // send), and our SIGINT handler is installed, so the signal only sets
        // the flag and interrupts its blocking call.
        unsafe { libc::pthread_kill(tid, libc::SIGINT) };
    }
    exit_tx.send(()).unwrap();
    worker.join().unwrap()
}

#[test]
fn signals_set_the_flag_and_interrupt_blocking_calls() {
    let _serial = serial();
    zsys::catch_interrupts().unwrap();
    zsys::catch_interrupts().unwrap(); // idempotent

    // In-process SIGINT: caught, so the process lives on with the flag set.
    // SAFETY: our handler is installed; raise only runs it on this thread.
    assert_eq!(unsafe { libc::raise(libc::SIGINT) }, 0);
    assert!(zsys::interrupted());
    zsys::set_interrupted(false);
    // SAFETY: as above, for SIGTERM.
    assert_eq!(unsafe { libc::raise(libc::SIGTERM) }, 0);
    assert!(zsys::interrupted());
    zsys::set_interrupted(false);

    // A blocking receive returns Err(Interrupted).
    let ctx = Context::new().unwrap();
    let c = ctx.clone();
    let recv = interrupt_thread(move || {
        let sock = c.socket(SocketType::Pull).unwrap();
        sock.bind("inproc://zsys-recv").unwrap();
        sock.set_rcvtimeo(Some(GUARD)).unwrap();
        let started = Instant::now();
        (sock.recv_msg().map(drop), started.elapsed())
    });
    assert_eq!(recv.0, Err(Error::Interrupted));
    assert!(recv.1 < GUARD);
    assert!(zsys::interrupted());
    zsys::set_interrupted(false);

    // A loop waiting in zmq_poll ends cleanly.
    let c = ctx.clone();
    let looped = interrupt_thread(move || {
        let sock = c.socket(SocketType::Pull).unwrap();
        sock.bind("inproc://zsys-loop").unwrap();
        let mut lp = Loop::new();
        lp.add_reader(sock, |_, s| s.recv_msg().map(drop));
        lp.add_timer(GUARD, 1, |_, _| Err(Error::TimedOut)).unwrap();
        let started = Instant::now();
        (lp.start(), started.elapsed())
    });
    assert_eq!(looped.0, Ok(()));
    assert!(looped.1 < GUARD);
    zsys::set_interrupted(false);

    // So does a poller.
    let c = ctx.clone();
    let polled = interrupt_thread(move || {
        let sock = c.socket(SocketType::Pull).unwrap();
        sock.bind("inproc://zsys-poller").unwrap();
        let mut poller = Poller::new();
        poller.add(&sock);
        let waited = poller.wait(Some(GUARD));
        (waited, poller.terminated())
    });
    assert_eq!(polled, (None, true));
    zsys::set_interrupted(false);

    zsys::reset_interrupts().unwrap();
    zsys::reset_interrupts().unwrap(); // idempotent
}

#[test]
fn settings_reach_the_process_wide_context() {
    let _serial = serial();
    zsys::shutdown();
    let (io, max, ipv6) = (zsys::io_threads(), zsys::max_sockets(), zsys::ipv6());
    zsys::set_io_threads(2);
    zsys::set_max_sockets(100);
    zsys::set_ipv6(true);
    let ctx = zsys::context().unwrap();
    assert_eq!(ctx.get(ContextOption::IoThreads).unwrap(), 2);
    assert_eq!(ctx.get(ContextOption::MaxSockets).unwrap(), 100);
    assert_eq!(ctx.get(ContextOption::Ipv6).unwrap(), 1);
    assert!(ctx.same(&zsys::context().unwrap()));
    zsys::set_io_threads(io);
    zsys::set_max_sockets(max);
    zsys::set_ipv6(ipv6);
    zsys::shutdown();
    let fresh = zsys::context().unwrap();
    assert!(!fresh.same(&ctx));
    assert_eq!(fresh.get(ContextOption::IoThreads).unwrap(), io);
    zsys::shutdown();
}

#[test]
fn text_settings_round_trip() {
    let _serial = serial();
    zsys::set_interface("lo");
    assert_eq!(zsys::interface(), "lo");
    zsys::set_interface("");
    zsys::set_ipv4_mcast_address(Some("239.192.0.1"));
    assert_eq!(zsys::ipv4_mcast_address().as_deref(), Some("239.192.0.1"));
    zsys::set_ipv4_mcast_address(None);
    assert_eq!(zsys::ipv4_mcast_address(), None);
    let pipe = zsys::pipehwm();
    zsys::set_pipehwm(42);
    assert_eq!(zsys::pipehwm(), 42);
    zsys::set_pipehwm(pipe);
}

static RECORDS: Mutex<Vec<(log::Level, String, String)>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        RECORDS.lock().unwrap_or_else(|p| p.into_inner()).push((
            record.level(),
            record.target().to_owned(),
            record.args().to_string(),
        ));
    }
    fn flush(&self) {}
}

fn capture() -> Vec<(log::Level, String, String)> {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        log::set_logger(&Capture).unwrap();
        log::set_max_level(log::LevelFilter::Trace);
    });
    std::mem::take(&mut *RECORDS.lock().unwrap_or_else(|p| p.into_inner()))
}

#[test]
fn logging_goes_through_the_log_crate() {
    let _serial = serial();
    capture();
    zsys::set_logident("node-7");
    zsys::info("hello");
    zsys::set_logident("");
    zsys::warning(format_args!("{} left", 3));
    zsys::notice("n");
    zsys::error("e");
    zsys::debug("d");
    let records = capture();
    let expected = [
        (log::Level::Info, "node-7: hello"),
        (log::Level::Warn, "3 left"),
        (log::Level::Info, "n"),
        (log::Level::Error, "e"),
        (log::Level::Debug, "d"),
    ];
    let got: Vec<(log::Level, &str)> = records
        .iter()
        .filter(|(_, target, _)| target == "czmq")
        .map(|(l, _, m)| (*l, m.as_str()))
        .collect();
    assert_eq!(got, expected);

    // A verbose loop logs its registrations and handler calls.
    let mut lp = Loop::new();
    lp.set_verbose(true);
    lp.add_timer(Duration::from_millis(1), 2, |_, _| Ok(()))
        .unwrap();
    lp.start().unwrap();
    let records = capture();
    let loop_lines: Vec<&str> = records
        .iter()
        .filter(|(l, t, _)| *l == log::Level::Debug && t == "czmq::zloop")
        .map(|(_, _, m)| m.as_str())
        .collect();
    assert_eq!(
        loop_lines
            .iter()
            .filter(|m| m.contains("call timer handler"))
            .count(),
        2
    );
    assert!(loop_lines.iter().any(|m| m.contains("register timer")));
    assert!(loop_lines.iter().any(|m| m.contains("nothing left to do")));
}

/// The flag a C face registers (its exported `zsys_interrupted`): a write
/// to it, with no call into czmq at all, is what C programs do.
static EXTERNAL_FLAG: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

#[test]
fn a_write_to_the_watched_flag_is_an_interrupt() {
    let _serial = serial();
    zsys::watch_interrupt_flag(&EXTERNAL_FLAG);
    assert!(!zsys::interrupted());

    EXTERNAL_FLAG.store(1, Ordering::SeqCst);
    assert!(zsys::interrupted());
    // A loop that would wait 5 s on its timer ends at once.
    let mut lp = Loop::new();
    lp.add_timer(GUARD, 1, |_, _| Err(Error::TimedOut)).unwrap();
    let started = Instant::now();
    assert_eq!(lp.start(), Ok(()));
    assert!(started.elapsed() < Duration::from_secs(1));

    // Clearing it the same way (C: zsys_interrupted = 0) ends the interrupt.
    EXTERNAL_FLAG.store(0, Ordering::SeqCst);
    assert!(!zsys::interrupted());

    // set_interrupted and the signal handler write the watched flag too.
    zsys::set_interrupted(true);
    assert_eq!(EXTERNAL_FLAG.load(Ordering::SeqCst), 1);
    zsys::set_interrupted(false);
    assert_eq!(EXTERNAL_FLAG.load(Ordering::SeqCst), 0);
    zsys::catch_interrupts().unwrap();
    // SAFETY: our handler is installed; raise runs it on this thread.
    assert_eq!(unsafe { libc::raise(libc::SIGINT) }, 0);
    assert_eq!(EXTERNAL_FLAG.load(Ordering::SeqCst), 1);
    zsys::set_interrupted(false);
    zsys::reset_interrupts().unwrap();
    assert!(!zsys::interrupted());
}

/// A fresh directory under the system temp dir, removed by the test.
fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("czmq-zsys-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn file_helpers_answer_as_czmq() {
    let dir = scratch_dir("files");
    let nested = dir.join("a/b");
    zsys::dir_create(&nested).unwrap();
    zsys::dir_create(&nested).unwrap(); // existing: fine
    let mode = zsys::file_mode(&nested).unwrap();
    assert_eq!(mode & libc::S_IFMT, libc::S_IFDIR);

    let file = nested.join("data");
    assert!(!zsys::file_exists(&file));
    assert_eq!(zsys::file_size(&file), None);
    assert_eq!(zsys::file_modified(&file), None);
    assert!(!zsys::file_stable(&file));
    std::fs::write(&file, b"12345").unwrap();
    assert!(zsys::file_exists(&file));
    assert_eq!(zsys::file_size(&file), Some(5));
    assert!(zsys::file_modified(&file).is_some());
    // Just written: not stable under the default 5 s age; stable once the
    // age required is below the file's.
    assert!(!zsys::file_stable(&file));
    let age = zsys::file_stable_age();
    zsys::set_file_stable_age(Duration::ZERO);
    let stable_soon = (0..40).any(|_| {
        if zsys::file_stable(&file) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
        false
    });
    zsys::set_file_stable_age(age);
    assert!(stable_soon, "a file older than the stable age is stable");

    assert!(zsys::dir_delete(&nested).is_err(), "not empty yet");
    zsys::file_delete(&file).unwrap();
    assert!(zsys::file_delete(&file).is_err());
    zsys::dir_delete(&nested).unwrap();
    zsys::dir_delete(dir.join("a")).unwrap();
    zsys::dir_delete(&dir).unwrap();
    assert!(!zsys::file_exists(&dir));
}

#[test]
fn private_file_mode_hides_new_files_from_others() {
    use std::os::unix::fs::PermissionsExt;
    let _serial = serial();
    let dir = scratch_dir("private");
    zsys::dir_create(&dir).unwrap();
    zsys::file_mode_private();
    std::fs::write(dir.join("secret"), b"x").unwrap();
    zsys::file_mode_default();
    std::fs::write(dir.join("plain"), b"x").unwrap();
    let secret = std::fs::metadata(dir.join("secret"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(secret & 0o077, 0, "{secret:o}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn udp_datagrams_round_trip() {
    let _serial = serial();
    let rx = zsys::udp_new(false).unwrap();
    let loopback: std::net::SocketAddr = "127.0.0.1:0".parse().unwrap();
    rx.bind(&loopback.into()).unwrap();
    let rx: std::net::UdpSocket = rx.into();
    rx.set_read_timeout(Some(GUARD)).unwrap();
    let tx: std::net::UdpSocket = zsys::udp_new(true).unwrap().into();
    zsys::udp_send(&tx, b"beacon", rx.local_addr().unwrap()).unwrap();
    let (data, peer) = zsys::udp_recv(&rx).unwrap();
    assert_eq!(data, b"beacon");
    assert_eq!(peer, "127.0.0.1");

    // Longer than UDP_FRAME_MAX: cut, as CZMQ's fixed buffer does.
    let long = vec![7u8; zsys::UDP_FRAME_MAX + 10];
    zsys::udp_send(&tx, &long, rx.local_addr().unwrap()).unwrap();
    assert_eq!(zsys::udp_recv(&rx).unwrap().0.len(), zsys::UDP_FRAME_MAX);

    // Routable sockets are IPv4 only.
    zsys::set_ipv6(true);
    let routable_v6 = zsys::udp_new(true);
    zsys::set_ipv6(false);
    assert!(routable_v6.is_err());
}

#[test]
fn sockets_pipes_and_names() {
    let _serial = serial();
    let (front, back) = zsys::create_pipe().unwrap();
    assert_eq!(front.type_str(), "PAIR");
    assert_eq!(front.as_socket().sndhwm().unwrap(), zsys::pipehwm());
    czmq::zstr::send(&front, "Hello").unwrap();
    assert_eq!(czmq::zstr::recv(&back).unwrap(), "Hello");
    czmq::zstr::send(&back, "World").unwrap();
    assert_eq!(czmq::zstr::recv(&front).unwrap(), "World");

    let sub = zsys::socket(SocketType::Sub).unwrap();
    assert_eq!(sub.kind(), SocketType::Sub);
    assert_eq!(sub.sndhwm().unwrap(), zsys::sndhwm());
    assert!(sub.context().same(&zsys::context().unwrap()));

    assert_eq!(zsys::sockname(0), Some("PAIR"));
    assert_eq!(zsys::sockname(SocketType::Stream.raw()), Some("STREAM"));
    assert_eq!(zsys::sockname(18), Some("DGRAM"));
    assert_eq!(zsys::sockname(-1), None);
    assert_eq!(zsys::sockname(19), None);
    let limit = zsys::socket_limit();
    assert!((1024..=65535).contains(&limit), "{limit}");
}

#[test]
fn thread_settings_apply_to_a_new_context() {
    let _serial = serial();
    zsys::shutdown();
    zsys::set_thread_name_prefix(7);
    zsys::set_thread_name_prefix(-1); // ignored, as in CZMQ
    assert_eq!(zsys::thread_name_prefix(), 7);
    zsys::thread_affinity_cpu_add(0);
    zsys::set_zero_copy_recv(false);
    let ctx = zsys::context().unwrap();
    assert_eq!(ctx.get(ContextOption::ZeroCopyRecv).unwrap(), 0);
    // Changed while the context exists: applied at once.
    zsys::set_zero_copy_recv(true);
    assert_eq!(ctx.get(ContextOption::ZeroCopyRecv).unwrap(), 1);
    zsys::thread_affinity_cpu_remove(0);
    drop(ctx);
    zsys::shutdown();

    zsys::set_thread_name_prefix_str("worker");
    zsys::set_thread_name_prefix_str("far-too-long-a-prefix"); // > 15: ignored
    assert_eq!(zsys::thread_name_prefix_str(), "worker");
}

#[test]
fn the_log_sender_publishes_czmq_lines() {
    let _serial = serial();
    let endpoint = "inproc://zsys-logsender-test";
    zsys::set_logsender(Some(endpoint)).unwrap();
    let sub = czmq::Sock::new_sub(Some(endpoint), Some("")).unwrap();
    sub.as_socket()
        .set_rcvtimeo(Some(Duration::from_millis(20)))
        .unwrap();
    // The subscription reaches the publisher asynchronously: log until a
    // line arrives (bounded).
    let line = (0..250).find_map(|_| {
        zsys::warning("disk almost full");
        czmq::zstr::recv(&sub).ok()
    });
    zsys::set_logsender(None).unwrap();
    let line = line.expect("a log line on the sender");
    assert!(line.starts_with("W: "), "{line}");
    assert!(line.ends_with(" disk almost full"), "{line}");
}

#[test]
fn host_and_version() {
    let name = zsys::hostname().unwrap();
    assert!(!name.is_empty());
    assert_eq!(zsys::version(), (4, 2, 1));
    let _ = zsys::has_curve();
    assert!(zsys::is_transient_socket_error(
        &std::io::Error::from_raw_os_error(libc::EINTR)
    ));
}
