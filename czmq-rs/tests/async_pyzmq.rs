//! AsyncSocket against pyzmq's asyncio sockets (Debian's python3-zmq), both
//! ways: our async ROUTER serves a pyzmq asyncio DEALER, and our async REQ
//! talks to a pyzmq asyncio REP. Ignored in the plain run (`.ci/run` installs
//! python3-zmq and runs them with `--ignored`); they fail loudly when pyzmq
//! is missing. Every wait is bounded, on both sides.
#![cfg(all(feature = "tokio", unix))]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use czmq::{AsyncSocket, Context, SocketType};
use tokio::time::timeout;

const WAIT: Duration = Duration::from_secs(20);
const ROUNDS: usize = 100;

/// Debian's python3 with pyzmq's asyncio module, or a loud failure.
fn python() -> Command {
    let py = "/usr/bin/python3";
    let ok = Command::new(py)
        .args(["-c", "import zmq, zmq.asyncio"])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(
        ok,
        "pyzmq is missing: install Debian's python3-zmq (.ci/run does)"
    );
    Command::new(py)
}

/// Starts `script` with `args`; its stdout lines arrive on the receiver, so
/// every wait for one is bounded.
fn spawn(script: &str, args: &[&str]) -> (Child, Receiver<String>) {
    let mut child = python()
        .arg("-c")
        .arg(script)
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 starts");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

/// Waits (bounded) for the script to print `want` and exit successfully.
fn expect_done(mut child: Child, lines: &Receiver<String>, want: &str) {
    match lines.recv_timeout(WAIT) {
        Ok(line) => assert_eq!(line, want),
        Err(_) => {
            let _ = child.kill();
            panic!("the pyzmq peer did not print {want:?} in time");
        }
    }
    assert!(child.wait().unwrap().success());
}

const PY_DEALER: &str = r#"
import asyncio, sys, zmq, zmq.asyncio
async def main():
    s = zmq.asyncio.Context().socket(zmq.DEALER)
    s.linger = 0
    s.connect(sys.argv[1])
    for i in range(int(sys.argv[2])):
        await s.send_multipart([b"req", str(i).encode()])
    for i in range(int(sys.argv[2])):
        parts = await asyncio.wait_for(s.recv_multipart(), 10)
        assert parts == [b"rep", str(i).encode()], parts
    print("dealer done", flush=True)
asyncio.run(main())
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "interop: needs pyzmq (python3-zmq); run by .ci/run"]
async fn our_async_router_serves_a_pyzmq_asyncio_dealer() {
    let ctx = Context::new().unwrap();
    let router = ctx.socket(SocketType::Router).unwrap();
    router.bind("tcp://127.0.0.1:*").unwrap();
    let endpoint = router.last_endpoint().unwrap();
    let mut router = AsyncSocket::new(router).unwrap();
    let (child, lines) = spawn(PY_DEALER, &[&endpoint, &ROUNDS.to_string()]);
    for i in 0..ROUNDS {
        let request = timeout(WAIT, router.recv())
            .await
            .expect("a request in time")
            .unwrap();
        assert_eq!(request.len(), 3);
        assert_eq!(&request[1][..], b"req");
        assert_eq!(&request[2][..], i.to_string().as_bytes());
        let reply = [request[0].to_vec(), b"rep".to_vec(), request[2].to_vec()];
        timeout(WAIT, router.send(reply)).await.unwrap().unwrap();
    }
    tokio::task::spawn_blocking(move || expect_done(child, &lines, "dealer done"))
        .await
        .unwrap();
}

const PY_REP: &str = r#"
import asyncio, sys, zmq, zmq.asyncio
async def main():
    s = zmq.asyncio.Context().socket(zmq.REP)
    s.linger = 0
    s.bind("tcp://127.0.0.1:0")
    print(s.getsockopt_string(zmq.LAST_ENDPOINT), flush=True)
    for i in range(int(sys.argv[1])):
        parts = await asyncio.wait_for(s.recv_multipart(), 10)
        assert parts == [b"Hello", str(i).encode()], parts
        await s.send_multipart([b"World", parts[1]])
    print("rep done", flush=True)
asyncio.run(main())
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "interop: needs pyzmq (python3-zmq); run by .ci/run"]
async fn our_async_req_talks_to_a_pyzmq_asyncio_rep() {
    let (child, lines) = spawn(PY_REP, &[&ROUNDS.to_string()]);
    let endpoint = tokio::task::spawn_blocking(move || {
        let endpoint = lines.recv_timeout(WAIT).expect("the REP's endpoint");
        (endpoint, lines)
    });
    let (endpoint, lines) = endpoint.await.unwrap();
    let ctx = Context::new().unwrap();
    let req = ctx.socket(SocketType::Req).unwrap();
    req.connect(&endpoint).unwrap();
    let mut req = AsyncSocket::new(req).unwrap();
    for i in 0..ROUNDS {
        let n = i.to_string();
        timeout(WAIT, req.send(["Hello", n.as_str()]))
            .await
            .unwrap()
            .unwrap();
        let reply = timeout(WAIT, req.recv())
            .await
            .expect("a reply in time")
            .unwrap();
        assert_eq!(&reply[0][..], b"World");
        assert_eq!(&reply[1][..], n.as_bytes());
    }
    tokio::task::spawn_blocking(move || expect_done(child, &lines, "rep done"))
        .await
        .unwrap();
}
