//! Helpers shared by the tests that run the examples as processes.
#![allow(dead_code)]

use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The path of a compiled example (cargo builds examples before running tests).
pub fn example(name: &str) -> Command {
    let exe = std::env::current_exe().expect("current exe");
    let dir: PathBuf = exe
        .parent()
        .and_then(|d| d.parent())
        .expect("target dir")
        .into();
    let path = dir.join("examples").join(name);
    assert!(
        path.exists(),
        "example {name} not built at {} (plain `cargo test` builds the examples)",
        path.display()
    );
    let mut cmd = Command::new(path);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

pub mod ports;

/// A TCP port on 127.0.0.1 leased to this test process for its lifetime
/// (see [`ports`]): no other test of the suite can take it meanwhile.
pub fn free_port() -> u16 {
    ports::lease_port()
}

/// A child process killed on drop, so a failing test leaves nothing behind.
pub struct Proc(pub Child);

impl Proc {
    pub fn spawn(mut cmd: Command) -> Proc {
        Proc(cmd.spawn().expect("spawn"))
    }

    /// True once the process has exited, waiting at most `limit`; the
    /// exit status stays cached for [`Proc::finish`].
    pub fn exited_within(&mut self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        loop {
            if self.0.try_wait().expect("try_wait").is_some() {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits at most `limit` for the process to exit; returns (success, stdout).
    pub fn finish(mut self, limit: Duration) -> (bool, String) {
        let exited = self.exited_within(limit);
        if !exited {
            let _ = self.0.kill();
        }
        let status = self.0.wait().expect("wait");
        let mut out = String::new();
        if let Some(mut s) = self.0.stdout.take() {
            let _ = s.read_to_string(&mut out);
        }
        assert!(
            exited,
            "process did not finish within {limit:?}; output so far:\n{out}"
        );
        (status.success(), out)
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A running example whose stdout a thread collects as it arrives, so a test
/// waits for the line that says the program got somewhere (connected,
/// failed over, asked again) instead of sleeping and hoping the machine
/// was fast enough.
pub struct Watched {
    proc: Proc,
    output: Arc<(Mutex<String>, Condvar)>,
    reader: Option<JoinHandle<()>>,
}

impl Watched {
    /// Starts `cmd` (whose stdout must be piped, as [`example`] sets it).
    pub fn spawn(cmd: Command) -> Watched {
        let mut proc = Proc::spawn(cmd);
        let mut stdout = proc.0.stdout.take().expect("stdout piped");
        let output = Arc::new((Mutex::new(String::new()), Condvar::new()));
        let sink = Arc::clone(&output);
        let reader = std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            // Ends at EOF: the process exited or was killed.
            while let Ok(n @ 1..) = stdout.read(&mut chunk) {
                let (text, arrived) = &*sink;
                text.lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push_str(&String::from_utf8_lossy(&chunk[..n]));
                arrived.notify_all();
            }
        });
        Watched {
            proc,
            output,
            reader: Some(reader),
        }
    }

    /// Waits at most `limit` for the output to contain `needle`; panics
    /// with the output so far when it doesn't.
    pub fn wait_for(&self, needle: &str, limit: Duration) {
        let deadline = Instant::now() + limit;
        let (text, arrived) = &*self.output;
        let mut seen = text.lock().unwrap_or_else(|p| p.into_inner());
        while !seen.contains(needle) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "no {needle:?} within {limit:?}; output so far:\n{seen}"
            );
            seen = arrived
                .wait_timeout(seen, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        self.proc.0.try_wait().expect("try_wait").is_none()
    }

    /// Kills the process and returns everything it printed.
    pub fn stop(mut self) -> String {
        let _ = self.proc.0.kill();
        let _ = self.proc.0.wait();
        self.collected()
    }

    /// Waits at most `limit` for the process to exit; returns (success,
    /// stdout).
    pub fn finish(mut self, limit: Duration) -> (bool, String) {
        let exited = self.proc.exited_within(limit);
        if !exited {
            let _ = self.proc.0.kill();
        }
        let status = self.proc.0.wait().expect("wait");
        let out = self.collected();
        assert!(
            exited,
            "process did not finish within {limit:?}; output so far:\n{out}"
        );
        (status.success(), out)
    }

    /// The whole output, once the reader has seen EOF (call after exit).
    fn collected(&mut self) -> String {
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        let (text, _) = &*self.output;
        text.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// Debian's python3 with python3-zmq (pyenv's python does not see it).
pub fn python() -> Command {
    let py = "/usr/bin/python3";
    let ok = Command::new(py)
        .args(["-c", "import zmq"])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(
        ok,
        "pyzmq is missing: install Debian's python3-zmq (.ci/run does)"
    );
    let mut cmd = Command::new(py);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

// Building the C face into a scratch prefix and running C programs on it;
// outside test suites extracted at test time.
pub mod declared;
pub mod external;
pub mod install;
