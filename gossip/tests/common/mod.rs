//! Test nodes as processes: ours (the `zgossip` CLI) or others, whose
//! output lines the tests wait for.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// How long a test waits for any one line.
pub const WAIT: Duration = Duration::from_secs(10);

/// A running node (ours or CZMQ's) whose output lines we can wait for.
pub struct Node {
    pub child: Child,
    pub stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    pub seen: Vec<String>,
}

impl Node {
    pub fn spawn(mut cmd: Command) -> Node {
        cmd.stdout(Stdio::piped())
            .stdin(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = cmd.spawn().expect("spawn node");
        let stdout = child.stdout.take().unwrap();
        let stdin = child.stdin.take();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Node {
            child,
            stdin,
            lines: rx,
            seen: Vec::new(),
        }
    }

    /// Our `zgossip` CLI with these arguments.
    pub fn ours(args: &[&str]) -> Node {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_zgossip"));
        cmd.args(args);
        Node::spawn(cmd)
    }

    /// Waits for a line (already seen or new) for which `pred` holds.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        if let Some(l) = self.seen.iter().find(|l| pred(l)) {
            return l.clone();
        }
        let deadline = Instant::now() + WAIT;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if pred(&line) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no {what} within {WAIT:?}; saw {:?}", self.seen);
    }

    pub fn endpoint(&mut self) -> String {
        self.wait_for("BOUND line", |l| l.starts_with("BOUND "))["BOUND ".len()..].to_string()
    }

    pub fn expect_delivery(&mut self, key: &str, value: &str) {
        let want = format!("DELIVER {key} {value}");
        self.wait_for(&want, |l| l == want);
    }

    /// Sends a stdin command (CZMQ node only).
    pub fn command(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin");
        writeln!(stdin, "{line}").expect("write command");
        stdin.flush().ok();
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Node {
    /// Reads lines for `period`, returning how many satisfy `pred`.
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
}

/// Compiles tests/interop/czmq_node.c (a node of the real CZMQ's zgossip)
/// against the system CZMQ, once per test binary.
pub fn czmq_node_binary() -> std::path::PathBuf {
    static BIN: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        let src =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/czmq_node.c");
        let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            // One per test binary: binaries that use it may run at once.
            .join(format!(
                "czmq_node_for_{}",
                std::env::current_exe()
                    .ok()
                    .and_then(|exe| exe.file_stem().map(|s| s.to_string_lossy().into_owned()))
                    .unwrap_or_default()
            ));
        let status = Command::new("cc")
            .arg(&src)
            .arg("-o")
            .arg(&out)
            .args(["-lczmq", "-lzmq"])
            .status()
            .expect("run cc");
        assert!(
            status.success(),
            "cannot build the CZMQ interop node: install Debian's libczmq-dev (.ci/run does)"
        );
        out
    })
    .clone()
}
