//! The `zre chat` CLI: two processes on one host find each other by beacon
//! on loopback; a line typed into one is SHOUTed and printed by the other;
//! closing stdin makes a node leave, and its peer prints EXIT. Also gossip,
//! CURVE with certificate files (`--cert`), and leader election
//! (`--contest`).

#[allow(dead_code)]
#[path = "../../tests/support/ports.rs"]
mod ports;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// Generous: the CI machine is a loaded 2-core box.
const PATIENCE: Duration = Duration::from_secs(30);

struct Chat {
    /// `None` once handed to a thread waiting for its exit.
    child: Option<Child>,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    name: &'static str,
}

impl Chat {
    fn start(name: &'static str, udp: u16) -> Chat {
        let udp = udp.to_string();
        Chat::with(name, &["--interface", "lo", "--beacon-port", &udp])
    }

    /// `zre chat --name NAME --group g ARGS...`
    fn with(name: &'static str, args: &[&str]) -> Chat {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zre"))
            .args(["chat", "--name", name, "--group", "g"])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("run zre");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = channel();
        // A reader thread, so the test can wait for a line with a deadline.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Chat {
            child: Some(child),
            stdin,
            lines,
            name,
        }
    }

    /// The first printed line that starts with `prefix` and contains `part`.
    fn expect(&self, prefix: &str, part: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with(prefix) && line.contains(part) => return line,
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!(
            "{}: no {prefix}…{part} line within {PATIENCE:?}; saw {seen:?}",
            self.name
        );
    }

    /// Waits (in a thread, so with a deadline) for the process to exit.
    fn exit_status(&mut self) -> ExitStatus {
        let mut child = self.child.take().expect("child");
        let pid = child.id().to_string();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let _ = tx.send(child.wait());
        });
        match rx.recv_timeout(PATIENCE) {
            Ok(status) => status.expect("wait"),
            Err(_) => {
                // Our own child, by its id: do not leave it running.
                let _ = Command::new("kill").args(["-9", &pid]).status();
                panic!("{} did not exit within {PATIENCE:?}", self.name);
            }
        }
    }

    fn say(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        writeln!(stdin, "{line}").expect("write");
        stdin.flush().expect("flush");
    }
}

impl Drop for Chat {
    fn drop(&mut self) {
        // Only our own child, by its handle; it may have exited already.
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[test]
fn two_chat_processes_shout_to_each_other() {
    let udp = ports::lease_port();
    let mut a = Chat::start("A", udp);
    let mut b = Chat::start("B", udp);
    let a_id = a
        .expect("READY", " A ")
        .split(' ')
        .nth(1)
        .map(str::to_owned);
    let a_id = a_id.expect("uuid");
    b.expect("READY", " B ");
    // B knows A is in the group before it shouts.
    b.expect("JOIN", &format!("{a_id} A g"));
    a.expect("JOIN", " B g");
    b.say("hello from B");
    a.expect("SHOUT", "B g: hello from B");
    a.say("hi B");
    b.expect("SHOUT", "A g: hi B");

    // End of A's input: A leaves and stops; B hears it gone. (Its LEAVE
    // may lose the race with its leaving beacon, which drops A at once.)
    drop(a.stdin.take());
    b.expect("EXIT", &a_id);
    let status = a.exit_status();
    assert!(status.success(), "A: {status}");
    // B too ends cleanly at the end of its input (removing its ipc socket).
    drop(b.stdin.take());
    let status = b.exit_status();
    assert!(status.success(), "B: {status}");
}

/// Gossip discovery from the CLI, beacons off: A is the hub, B connects.
#[test]
fn two_chat_processes_meet_through_gossip() {
    let hub = format!("tcp://127.0.0.1:{}", ports::lease_port());
    let a = Chat::with("A", &["--no-beacon", "--gossip-bind", &hub]);
    let b = Chat::with("B", &["--no-beacon", "--gossip-connect", &hub]);
    meet_shout_and_end(a, b, "via gossip");
}

/// A and B see each other join, B's line reaches A as a SHOUT, and both
/// end cleanly at the end of their input.
fn meet_shout_and_end(a: Chat, mut b: Chat, line: &str) {
    b.expect("JOIN", " A g");
    a.expect("JOIN", " B g");
    b.say(line);
    a.expect("SHOUT", &format!("B g: {line}"));
    end_both(a, b);
}

/// Closes both inputs; both end cleanly.
fn end_both(mut a: Chat, mut b: Chat) {
    drop(a.stdin.take());
    drop(b.stdin.take());
    assert!(a.exit_status().success());
    assert!(b.exit_status().success());
}

/// CURVE from the CLI, beacons off: both with certificate files (made on
/// the first run), B given A's endpoint and public key.
#[test]
fn two_chat_processes_talk_over_curve() {
    let dir = std::env::temp_dir().join(format!("zre-cli-curve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let cert = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let (a_cert, b_cert) = (cert("a.cert"), cert("b.cert"));
    let a = Chat::with("A", &["--no-beacon", "--cert", &a_cert]);
    let key = a.expect("KEY ", "")["KEY ".len()..].to_string();
    let ready = a.expect("READY", " A ");
    let endpoint = ready.rsplit(' ').next().expect("endpoint");
    let peer = format!("{endpoint}|{key}");
    let b = Chat::with("B", &["--no-beacon", "--cert", &b_cert, "--peer", &peer]);
    meet_shout_and_end(a, b, "over curve");
    // The certificates were saved, secret keys beside them.
    let saved = czmq::Cert::load(&a_cert).expect("A's certificate");
    assert_eq!(saved.public_txt(), key);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--contest`, beacons off: both contest the group, and both print the
/// same LEADER line, naming the one with the lower UUID.
#[test]
fn two_contesting_chat_processes_print_the_same_leader() {
    let a = Chat::with("A", &["--no-beacon", "--contest"]);
    let ready = a.expect("READY", " A ");
    let a_id = ready.split(' ').nth(1).expect("uuid").to_string();
    let endpoint = ready.rsplit(' ').next().expect("endpoint");
    let b = Chat::with("B", &["--no-beacon", "--contest", "--peer", endpoint]);
    let b_id = b
        .expect("READY", " B ")
        .split(' ')
        .nth(1)
        .expect("uuid")
        .to_string();
    let (id, name) = match a_id < b_id {
        true => (a_id, "A"),
        false => (b_id, "B"),
    };
    // JOIN comes first (the HELLO that starts the election lists it).
    b.expect("JOIN", " A g");
    a.expect("JOIN", " B g");
    let line = format!("LEADER {id} {name} g");
    a.expect(&line, "");
    b.expect(&line, "");
    end_both(a, b);
}
