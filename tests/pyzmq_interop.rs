//! Our examples talking to pyzmq programs (Debian's python3-zmq). Ignored in
//! the plain `cargo test`; `.ci/run` installs python3-zmq and runs them with
//! `--ignored`. They fail loudly when pyzmq is missing.

mod support;

use std::time::Duration;

use support::{example, free_port, python, Proc};

#[test]
#[ignore = "needs pyzmq (python3-zmq); run by .ci/run"]
fn our_hwserver_serves_a_pyzmq_client() {
    let port = free_port();
    let mut server = example("hwserver");
    server
        .args([format!("tcp://127.0.0.1:{port}"), "3".into()])
        .env("HW_WORK_MS", "1");
    let _server = Proc::spawn(server);
    let mut py = python();
    py.args(["-c", &format!(
        "import zmq\ns = zmq.Context().socket(zmq.REQ)\ns.RCVTIMEO = 10000\ns.connect('tcp://127.0.0.1:{port}')\n\
         for i in range(3):\n    s.send(b'Hello')\n    print(s.recv().decode())\n"
    )]);
    let (ok, out) = Proc::spawn(py).finish(Duration::from_secs(20));
    assert!(ok, "{out}");
    assert_eq!(out.lines().filter(|l| *l == "World").count(), 3, "{out}");
}

#[test]
#[ignore = "needs pyzmq (python3-zmq); run by .ci/run"]
fn our_hwclient_talks_to_a_pyzmq_server() {
    let port = free_port();
    let mut py = python();
    py.args(["-c", &format!(
        "import zmq\ns = zmq.Context().socket(zmq.REP)\ns.RCVTIMEO = 10000\ns.bind('tcp://127.0.0.1:{port}')\n\
         for i in range(10):\n    assert s.recv() == b'Hello'\n    s.send(b'World')\nprint('served')\n"
    )]);
    let server = Proc::spawn(py);
    let mut client = example("hwclient");
    client.arg(format!("tcp://127.0.0.1:{port}"));
    let (ok, out) = Proc::spawn(client).finish(Duration::from_secs(20));
    assert!(ok, "{out}");
    assert!(out.contains("Received World 9"), "{out}");
    let (ok, out) = server.finish(Duration::from_secs(10));
    assert!(ok && out.contains("served"), "{out}");
}

#[test]
#[ignore = "needs pyzmq (python3-zmq); run by .ci/run"]
fn our_wuserver_feeds_a_pyzmq_subscriber() {
    let port = free_port();
    let mut server = example("wuserver");
    server.arg(format!("tcp://127.0.0.1:{port}"));
    let _server = Proc::spawn(server);
    let mut py = python();
    py.args(["-c", &format!(
        "import zmq\ns = zmq.Context().socket(zmq.SUB)\ns.RCVTIMEO = 10000\ns.connect('tcp://127.0.0.1:{port}')\n\
         s.setsockopt(zmq.SUBSCRIBE, b'1')\nfor i in range(50):\n    z, t, h = s.recv().decode().split()\n    \
         assert len(z) == 5 and z[0] == '1' and -80 <= int(t) <= 135 and 10 <= int(h) <= 60\nprint('ok')\n"
    )]);
    let (ok, out) = Proc::spawn(py).finish(Duration::from_secs(30));
    assert!(ok && out.contains("ok"), "{out}");
}
