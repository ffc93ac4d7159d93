//! The `zgossip` command-line node, driven as a script would.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

fn zgossip(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zgossip"));
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

/// Starts a server node that publishes `tuple`; returns it, its output
/// lines and the endpoint from its first line (`BOUND endpoint`).
fn server_publishing(
    tuple: &str,
) -> (
    std::process::Child,
    std::sync::mpsc::Receiver<String>,
    String,
) {
    let mut server = zgossip(&["--bind", "tcp://127.0.0.1:*", "--publish", tuple])
        .spawn()
        .unwrap();
    let (tx, rx) = channel();
    let stdout = server.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let endpoint = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("BOUND line")
        .strip_prefix("BOUND ")
        .expect("BOUND first")
        .to_string();
    (server, rx, endpoint)
}

#[test]
fn demo_converges_and_exits_zero() {
    let out = zgossip(&["demo", "--nodes", "4", "--tuples", "5"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("every node has all 20 tuples"), "{text}");
    assert_eq!(
        text.matches("node3/key4 = value 4 from node3").count(),
        4,
        "{text}"
    );
}

#[test]
fn two_cli_nodes_print_bound_and_deliveries_and_stop_on_sigterm() {
    let mut server = zgossip(&["--bind", "tcp://127.0.0.1:*", "--publish", "s=1"])
        .spawn()
        .unwrap();
    let (tx, rx) = channel();
    let stdout = server.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let first = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("BOUND line");
    let endpoint = first
        .strip_prefix("BOUND ")
        .expect("BOUND first")
        .to_string();
    let client = zgossip(&[
        "--connect",
        &endpoint,
        "--publish",
        "c=2",
        "--duration",
        "1500",
        "--dump",
    ])
    .output()
    .unwrap();
    let text = String::from_utf8_lossy(&client.stdout);
    assert!(client.status.success(), "{text}");
    assert!(text.contains("DELIVER s 1"), "{text}");
    assert!(
        text.contains("TUPLE c 2") && text.contains("TUPLE s 1"),
        "{text}"
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen = Vec::new();
    while !seen.iter().any(|l: &String| l == "DELIVER c 2") {
        let left = deadline
            .checked_duration_since(Instant::now())
            .expect("server saw c=2");
        seen.push(rx.recv_timeout(left).unwrap_or_default());
    }
    // SIGTERM: a clean exit with status 0.
    // SAFETY: kill() with a pid we spawned and a valid signal number.
    assert_eq!(unsafe { libc::kill(server.id() as i32, libc::SIGTERM) }, 0);
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "zgossip ignored SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn bad_arguments_fail_with_a_message() {
    let out = zgossip(&["--publish", "no-equals-sign"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("key=value"));
}

/// One Z85 key in 85 starts with '-': it is still the option's value, not
/// taken for another option (a CI run failed on such a key once).
#[test]
fn a_server_key_starting_with_a_hyphen_is_a_key() {
    let key = format!("-{}", "0".repeat(39));
    let out = zgossip(&["--server-key", &key, "--duration", "50"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let out = zgossip(&["--server-key", "-bogus", "--duration", "50"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--server-key -bogus: neither a 40-character Z85 key"),
        "{err}"
    );
}

#[test]
fn a_bad_connect_endpoint_fails_with_a_message() {
    let out = zgossip(&["--connect", "bogus", "--duration", "5000"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot connect to \"bogus\""), "{err}");
}

#[test]
fn a_failed_bind_fails_with_a_message() {
    let out = zgossip(&["--bind", "tcp://256.0.0.1:1", "--duration", "5000"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bind to tcp://256.0.0.1:1 failed"), "{err}");
}

#[test]
fn verbose_logs_through_the_installed_logger() {
    let out = zgossip(&[
        "--bind",
        "tcp://127.0.0.1:*",
        "--verbose",
        "--publish",
        "k=v",
        "--duration",
        "300",
    ])
    .output()
    .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("INFO"), "nothing logged: {err}");
}

#[test]
fn delete_removes_a_key_the_deleting_node_never_held() {
    let (mut server, rx, endpoint) = server_publishing("k=v");
    // A fresh node that never held k deletes it everywhere.
    let deleter = zgossip(&[
        "--connect",
        &endpoint,
        "--delete",
        "k",
        "--duration",
        "1000",
    ])
    .output()
    .unwrap();
    assert!(deleter.status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut removed = false;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) if line == "REMOVE k" => {
                removed = true;
                break;
            }
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    // SAFETY: the child's pid, which we started and have not reaped.
    unsafe { libc::kill(server.id() as i32, libc::SIGTERM) };
    let status = server.wait().unwrap();
    assert!(removed, "the server never printed REMOVE k");
    assert!(status.success());
}
