//! The Guide's chapter 3 examples. Each runs alone, as in the Guide: clients,
//! workers and broker are threads of one process. The load-balancing brokers
//! use ipc endpoints relative to the current directory, so each test runs
//! its broker in a directory of its own.

mod support;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use support::{example, free_port, Proc};

/// A fresh directory for one test's ipc files, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("czmq-guide-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }

    fn example(&self, name: &str) -> Command {
        let mut cmd = example(name);
        cmd.current_dir(&self.0);
        cmd
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every client's request was served by a worker and answered.
fn assert_served(out: &str, requests: usize) {
    assert_eq!(
        out.lines().filter(|l| *l == "Client: OK").count(),
        requests,
        "{out}"
    );
    assert_eq!(
        out.lines().filter(|l| *l == "Worker: HELLO").count(),
        requests,
        "{out}"
    );
}

#[test]
fn lbbroker_serves_every_client() {
    let dir = Scratch::new("lbbroker");
    let (ok, out) = Proc::spawn(dir.example("lbbroker")).finish(Duration::from_secs(20));
    assert!(ok, "{out}");
    assert_served(&out, 10);
}

#[test]
fn lbbroker2_serves_every_request() {
    let dir = Scratch::new("lbbroker2");
    let mut cmd = dir.example("lbbroker2");
    cmd.arg("3");
    let (ok, out) = Proc::spawn(cmd).finish(Duration::from_secs(20));
    assert!(ok, "{out}");
    assert_served(&out, 30);
}

#[test]
fn lbbroker3_serves_every_request() {
    let dir = Scratch::new("lbbroker3");
    let mut cmd = dir.example("lbbroker3");
    cmd.arg("3");
    let (ok, out) = Proc::spawn(cmd).finish(Duration::from_secs(20));
    assert!(ok, "{out}");
    assert_served(&out, 30);
}

#[test]
fn lbbroker2_and_3_run_until_sigint() {
    for name in ["lbbroker2", "lbbroker3"] {
        let dir = Scratch::new(&format!("{name}-sigint"));
        let broker = Proc::spawn(dir.example(name));
        // Clients ask once a second: let the first round be served.
        std::thread::sleep(Duration::from_millis(2000));
        let pid = libc::pid_t::try_from(broker.0.id()).unwrap();
        // SAFETY: kill(2) to our own child, not yet reaped.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
        let (ok, out) = broker.finish(Duration::from_secs(10));
        assert!(ok, "{name}: {out}");
        let served = out.lines().filter(|l| *l == "Client: OK").count();
        assert!(served >= 10, "{name}: {out}");
    }
}

#[test]
fn asyncsrv_clients_get_their_replies_and_it_ends_on_time() {
    let started = Instant::now();
    let mut cmd = example("asyncsrv");
    cmd.args(["5".to_string(), free_port().to_string()]);
    let (ok, out) = Proc::spawn(cmd).finish(Duration::from_secs(20));
    assert!(ok, "{out}");
    assert!(started.elapsed() >= Duration::from_secs(5));
    // Each line is "<client identity>: request #N", the reply to a request
    // that client sent (workers echo the request), from at most 3 clients.
    let mut clients = std::collections::BTreeSet::new();
    for line in out.lines() {
        let (identity, reply) = line.split_once(": ").unwrap_or_else(|| panic!("{line:?}"));
        assert!(
            identity.len() == 9 && identity.as_bytes()[4] == b'-',
            "{line:?}"
        );
        let n: u32 = reply
            .strip_prefix("request #")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{line:?}"));
        assert!((1..=5).contains(&n), "{line:?}");
        clients.insert(identity);
    }
    // Each client sends about four requests, each answered 0 to 4 times:
    // some replies always arrive.
    assert!(!out.is_empty());
    assert!(clients.len() <= 3, "{clients:?}");
}

/// A pyzmq DEALER client, as the Guide's asyncsrv.py client, talks to our
/// `asyncsrv`'s server: replies come back to it, and only the requests it
/// sent. Run by `.ci/run` with `--ignored`, like tests/pyzmq_interop.rs.
#[test]
#[ignore = "needs pyzmq (python3-zmq); run by .ci/run"]
fn pyzmq_dealer_client_is_served_by_our_asyncsrv() {
    let port = free_port();
    let mut server = example("asyncsrv");
    server.args(["6".to_string(), port.to_string()]);
    let server = Proc::spawn(server);
    let mut client = support::python();
    // Ten requests, each answered 0 to 4 times: a reply always arrives.
    client.args(["-c", &format!(
        "import zmq, time\ns = zmq.Context().socket(zmq.DEALER)\ns.setsockopt(zmq.IDENTITY, b'PY00-0001')\n\
         s.connect('tcp://127.0.0.1:{port}')\nsent = set()\nfor i in range(1, 11):\n    \
         r = ('request #%d' % i).encode()\n    sent.add(r)\n    s.send(r)\n\
         p = zmq.Poller()\np.register(s, zmq.POLLIN)\nend = time.time() + 4\nn = 0\n\
         while time.time() < end:\n    if p.poll(100):\n        m = s.recv_multipart()\n        \
         assert len(m) == 1 and m[0] in sent, m\n        n += 1\nprint('replies %d' % n)\n"
    )]);
    let (ok, out) = Proc::spawn(client).finish(Duration::from_secs(20));
    assert!(ok, "{out}");
    let replies: usize = out
        .trim()
        .strip_prefix("replies ")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{out:?}"));
    assert!(replies >= 1, "{out}");
    let (ok, out) = server.finish(Duration::from_secs(15));
    assert!(ok, "{out}");
}
