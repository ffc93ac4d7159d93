//! TCP ports for tests that run the examples as separate processes, which
//! take their endpoints on the command line.
//!
//! A port found by binding port 0 and releasing it races: the kernel hands
//! the same ephemeral port to the next connect or bind, and CZMQ-style
//! `tcp://*:*` binds of other tests scan from 49152 and take it. So the
//! suite leases ports from a range nobody else uses (20000-29999: below
//! Linux's ephemeral ports, 32768 and up, away from CZMQ's 49152 scan and
//! from the gossip tests' restart range 30000-32767). A lease is an
//! exclusive `flock` on a per-port file that the process holds until it
//! exits, so parallel test threads and parallel test binaries never get the
//! same port, and a port some other program holds is skipped.

use std::fs::{File, OpenOptions};
use std::net::TcpListener;
use std::os::fd::AsRawFd;
use std::path::PathBuf;
use std::sync::Mutex;

const FIRST: u16 = 20_000;
const COUNT: u16 = 10_000;

/// The directory of the lock files (one per leased port).
fn lock_dir() -> PathBuf {
    let dir = std::env::temp_dir().join("czmq-rs-test-ports");
    std::fs::create_dir_all(&dir).expect("create the port lock directory");
    dir
}

/// Takes the lock of `port` without waiting; the file stays open (and the
/// lock held) for as long as the returned handle lives.
fn try_lock(port: u16) -> Option<File> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_dir().join(format!("{port}.lock")))
        .ok()?;
    // SAFETY: flock on a descriptor this function owns; LOCK_NB makes it
    // fail at once (EWOULDBLOCK) when another open file holds the lock.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    (rc == 0).then_some(file)
}

/// Leases a port on 127.0.0.1 for the rest of this process: no other test
/// (thread or process) of the suite gets it while this process lives.
pub fn lease_port() -> u16 {
    lease_ports(1)
}

/// Leases `n` consecutive ports (for programs that use port, port + 1, ...)
/// and returns the first.
pub fn lease_ports(n: u16) -> u16 {
    // The leases of this process: their files keep the locks held.
    static HELD: Mutex<Vec<File>> = Mutex::new(Vec::new());
    let mut held = HELD.lock().unwrap_or_else(|p| p.into_inner());
    // Start where other processes are unlikely to be scanning.
    let start = (std::process::id() as u16).wrapping_mul(7919) % COUNT;
    for i in 0..COUNT {
        let first = FIRST + (start + i) % COUNT;
        if u32::from(first) + u32::from(n) > u32::from(FIRST) + u32::from(COUNT) {
            continue;
        }
        // Every port of the run locked by us, and bindable right now (not
        // held by something outside the suite); else the locks are dropped.
        let locks: Option<Vec<File>> = (first..first + n)
            .map(|port| try_lock(port).filter(|_| TcpListener::bind(("127.0.0.1", port)).is_ok()))
            .collect();
        if let Some(locks) = locks {
            held.extend(locks);
            return first;
        }
    }
    panic!(
        "no run of {n} free ports left in {FIRST}..{}",
        FIRST + COUNT
    );
}
