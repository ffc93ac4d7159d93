//! Hosts in network namespaces for the multi-host tests (the pattern of
//! gossip's `tests/netns.rs`, kept here so the crates' tests stay apart):
//! namespaces named per run (pid + counter), removed on drop even when a
//! test panics, and processes that are killed (by their own PID) on drop.
//! Needs root and iproute2; a missing one fails the test, loudly.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long a test waits for any one line from a process.
pub const WAIT: Duration = Duration::from_secs(20);

/// Fails the test unless we run as root (namespaces need it).
pub fn require_root() {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let euid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|ids| ids.split_whitespace().nth(1))
        .expect("Uid line");
    assert_eq!(
        euid, "0",
        "the network-namespace tests need root (ip netns); run them as root"
    );
}

/// Runs `ip ARGS`, failing the test if it fails or is missing.
pub fn ip(args: &[&str]) {
    let out = Command::new("ip")
        .args(args)
        .output()
        .expect("`ip` (Debian's iproute2) is needed for the network-namespace tests");
    assert!(
        out.status.success(),
        "ip {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A unique prefix for this run's namespace names.
pub fn unique_tag(prefix: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!(
        "{prefix}{}x{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// Namespaces that are deleted when this is dropped.
#[derive(Default)]
pub struct Namespaces {
    names: Vec<String>,
}

impl Namespaces {
    /// Creates namespace `name` with its loopback up.
    pub fn add(&mut self, name: &str) {
        ip(&["netns", "add", name]);
        self.names.push(name.to_string());
        ip(&["-n", name, "link", "set", "lo", "up"]);
    }
}

impl Drop for Namespaces {
    fn drop(&mut self) {
        for ns in self.names.iter().rev() {
            let _ = Command::new("ip").args(["netns", "del", ns]).status();
        }
    }
}

/// A process we started, whose output lines (stdout, or stderr when
/// asked) we can wait for; killed by its PID on drop.
pub struct Process {
    pub child: Child,
    /// Held open: a child may take its end as the sign to stop.
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    pub seen: Vec<String>,
    what: String,
}

impl Process {
    /// Spawns `cmd` (`what` names it in failures), reading its stdout, or
    /// its stderr when `stderr` is true.
    pub fn spawn(mut cmd: Command, what: &str, stderr: bool) -> Process {
        cmd.stdin(Stdio::piped());
        if stderr {
            cmd.stdout(Stdio::null()).stderr(Stdio::piped());
        } else {
            cmd.stdout(Stdio::piped()).stderr(Stdio::inherit());
        }
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
        let (tx, lines) = channel();
        let reader: Box<dyn std::io::Read + Send> = match stderr {
            true => Box::new(child.stderr.take().expect("stderr")),
            false => Box::new(child.stdout.take().expect("stdout")),
        };
        // Drains the pipe to its end (the process's exit), so the process
        // never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(reader).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Process {
            child,
            stdin,
            lines,
            seen: Vec::new(),
            what: what.to_string(),
        }
    }

    /// Waits (up to [`WAIT`]) for a line, seen before or new, for which
    /// `pred` holds.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        if let Some(line) = self.seen.iter().find(|l| pred(l)) {
            return line.clone();
        }
        let deadline = Instant::now() + WAIT;
        let mut ended = false;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if pred(&line) {
                        return line;
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    ended = true;
                    break;
                }
            }
        }
        let why = match ended {
            true => "it closed its output first".to_string(),
            false => format!("waited {WAIT:?}"),
        };
        panic!("{}: no {what} ({why}); saw {:?}", self.what, self.seen);
    }

    /// Reads lines for `period`; how many of all seen satisfy `pred`.
    pub fn count_for(&mut self, period: Duration, pred: impl Fn(&str) -> bool) -> usize {
        let deadline = Instant::now() + period;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => self.seen.push(line),
                Err(_) => break,
            }
        }
        self.seen.iter().filter(|l| pred(l)).count()
    }

    /// Closes its stdin (our end): end of input.
    pub fn close_stdin(&mut self) {
        drop(self.stdin.take());
    }

    /// Writes one line to its stdin.
    pub fn send_line(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin");
        writeln!(stdin, "{line}").expect("write to stdin");
        stdin.flush().expect("flush stdin");
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        // Child::kill signals our child's own PID (`ip netns exec` execs the
        // command in place, so that is the process itself).
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
