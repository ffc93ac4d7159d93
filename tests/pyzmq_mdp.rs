//! Our Majordomo broker (examples/mdbroker.rs) serving MDP/0.1 peers written
//! with pyzmq, and our client and worker talking to pyzmq peers through it.

mod support;

use std::time::Duration;

use support::{example, free_port, python, Proc};

/// An MDP/0.1 worker in pyzmq: READY for "echo", then answers `n` requests
/// with the body reversed (so a reply shows who made it), heartbeating back.
const PY_WORKER: &str = r#"
import sys, zmq
endpoint, n = sys.argv[1], int(sys.argv[2])
s = zmq.Context().socket(zmq.DEALER)
s.connect(endpoint)
s.send_multipart([b"", b"MDPW01", b"\x01", b"echo"])
done = 0
while done < n:
    if not s.poll(10000):
        sys.exit("no request from the broker")
    frames = s.recv_multipart()
    assert frames[:2] == [b"", b"MDPW01"], frames
    if frames[2] == b"\x04":
        s.send_multipart([b"", b"MDPW01", b"\x04"])
    elif frames[2] == b"\x02":
        client, empty, body = frames[3], frames[4], frames[5:]
        assert empty == b"", frames
        s.send_multipart([b"", b"MDPW01", b"\x03", client, b""] + [body[0][::-1]])
        done += 1
    else:
        sys.exit("unexpected command %r" % frames)
print("worker served", done)
"#;

/// An MDP/0.1 client in pyzmq: `n` requests to "echo", each checked.
const PY_CLIENT: &str = r#"
import sys, zmq
endpoint, n, expect = sys.argv[1], int(sys.argv[2]), sys.argv[3]
s = zmq.Context().socket(zmq.REQ)
s.connect(endpoint)
for i in range(n):
    body = ("hello %d" % i).encode()
    s.send_multipart([b"MDPC01", b"echo", body])
    if not s.poll(10000):
        sys.exit("no reply to request %d" % i)
    reply = s.recv_multipart()
    want = body[::-1] if expect == "reversed" else body
    assert reply == [b"MDPC01", b"echo", want], reply
print("client got", n)
"#;

fn tcp(port: u16) -> String {
    format!("tcp://127.0.0.1:{port}")
}

fn broker(port: u16) -> Proc {
    let mut b = example("mdbroker");
    b.arg(tcp(port));
    Proc::spawn(b)
}

fn py(script: &str, args: &[String]) -> Proc {
    let mut p = python();
    p.arg("-c").arg(script).args(args);
    Proc::spawn(p)
}

#[test]
#[ignore = "needs pyzmq (python3-zmq); run by .ci/run"]
fn broker_serves_pyzmq_client_and_pyzmq_worker() {
    let port = free_port();
    let _broker = broker(port);
    let worker = py(PY_WORKER, &[tcp(port), "5".into()]);
    let client = py(PY_CLIENT, &[tcp(port), "5".into(), "reversed".into()]);
    let (ok, out) = client.finish(Duration::from_secs(30));
    assert!(ok, "{out}");
    assert!(out.contains("client got 5"), "{out}");
    let (ok, out) = worker.finish(Duration::from_secs(10));
    assert!(ok, "{out}");
    assert!(out.contains("worker served 5"), "{out}");
}

#[test]
#[ignore = "needs pyzmq (python3-zmq); run by .ci/run"]
fn our_mdclient_is_served_by_a_pyzmq_worker() {
    let port = free_port();
    let _broker = broker(port);
    let worker = py(PY_WORKER, &[tcp(port), "7".into()]);
    let mut client = example("mdclient");
    client.args([tcp(port), "7".into()]);
    let (ok, out) = Proc::spawn(client).finish(Duration::from_secs(30));
    assert!(ok, "{out}");
    assert!(out.contains("7 requests/replies processed"), "{out}");
    let (ok, out) = worker.finish(Duration::from_secs(10));
    assert!(ok, "{out}");
}

#[test]
#[ignore = "needs pyzmq (python3-zmq); run by .ci/run"]
fn pyzmq_client_is_served_by_our_mdworker() {
    let port = free_port();
    let _broker = broker(port);
    let mut worker = example("mdworker");
    worker.arg(tcp(port));
    let _worker = Proc::spawn(worker);
    let client = py(PY_CLIENT, &[tcp(port), "5".into(), "same".into()]);
    let (ok, out) = client.finish(Duration::from_secs(30));
    assert!(ok, "{out}");
    assert!(out.contains("client got 5"), "{out}");
}
