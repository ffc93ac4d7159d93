//! Gossip over CURVE between our nodes (Debian's CZMQ has no DRAFT API, so
//! no CZMQ peer speaks secure zgossip): convergence, refused peers, CZMQ's
//! raw pipe commands, the config file's security section and the CLI.
//!
//! A ZAP handler serves the whole process, so the tests of this file take
//! turns (one lock): a store started by one test must not refuse another
//! test's clients.

mod common;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use czmq::{Auth, Cert, CertStore, Frame};
use gossip::{Delivery, Gossip};

const WAIT: Duration = Duration::from_secs(10);

fn one_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

fn endpoint(port: u16) -> String {
    format!("tcp://127.0.0.1:{port}")
}

fn tuple(key: &str, value: &str) -> Delivery {
    Delivery::Tuple {
        key: key.into(),
        value: value.into(),
    }
}

/// Waits until `node` delivers `want` (other deliveries are skipped).
fn expect(node: &Gossip, want: Delivery) {
    let deadline = Instant::now() + WAIT;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match node.recv_delivery(left).unwrap() {
            Some(d) if d == want => return,
            Some(_) => continue,
            None => break,
        }
    }
    panic!("no {want:?} within {WAIT:?}");
}

/// Waits until `node` holds exactly `n` tuples.
fn expect_status(node: &Gossip, n: usize) {
    let deadline = Instant::now() + WAIT;
    loop {
        let have = node.status().unwrap();
        if have == n {
            return;
        }
        assert!(Instant::now() < deadline, "{have} tuples, want {n}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A fresh directory under the system's temp dir.
fn temp_dir(what: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "gossip-curve-{}-{what}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The frames of the next reply other than a delivery.
fn reply(node: &Gossip) -> Vec<String> {
    let deadline = Instant::now() + WAIT;
    loop {
        let left = deadline
            .checked_duration_since(Instant::now())
            .expect("a reply");
        let mut item = [czmq::PollItem::socket(
            node.actor().sock(),
            czmq::PollEvents::POLLIN,
        )];
        if czmq::poll(&mut item, Some(left)).unwrap() == 0 {
            continue;
        }
        let frames: Vec<String> = node
            .actor()
            .sock()
            .recv_parts()
            .unwrap()
            .iter()
            .map(|f: &Frame| String::from_utf8_lossy(f.data()).into_owned())
            .collect();
        if frames[0] != "DELIVER" && frames[0] != "REMOVE" {
            return frames;
        }
    }
}

#[test]
fn three_nodes_converge_over_curve() {
    let _turn = one_at_a_time();
    let certs: Vec<Cert> = (0..3).map(|_| Cert::new().unwrap()).collect();
    let nodes: Vec<Gossip> = (0..3)
        .map(|i| Gossip::new(&format!("curve{i}")).unwrap())
        .collect();
    let mut ports = Vec::new();
    for (node, cert) in nodes.iter().zip(&certs) {
        node.set_curve(cert).unwrap();
        ports.push(node.bind("tcp://127.0.0.1:*").unwrap());
    }
    // A chain: 1 -> 0, 2 -> 1.
    for i in 1..3 {
        nodes[i]
            .connect_curve(&endpoint(ports[i - 1]), certs[i - 1].public_txt())
            .unwrap();
    }
    for (i, node) in nodes.iter().enumerate() {
        node.publish(format!("k{i}"), format!("v{i}")).unwrap();
    }
    for node in &nodes {
        expect_status(node, 3);
    }
    let want: Vec<(Vec<u8>, Vec<u8>)> = (0..3)
        .map(|i| (format!("k{i}").into(), format!("v{i}").into()))
        .collect();
    for node in &nodes {
        assert_eq!(node.tuples().unwrap(), want);
    }
}

#[test]
fn a_client_with_the_wrong_server_key_gets_nothing_and_the_server_serves_others() {
    let _turn = one_at_a_time();
    let server_cert = Cert::new().unwrap();
    let server = Gossip::new("wrong-key-server").unwrap();
    server.set_curve(&server_cert).unwrap();
    let port = server.bind("tcp://127.0.0.1:*").unwrap();
    server.publish("s", "1").unwrap();

    let impostor_key = Cert::new().unwrap();
    let wrong = Gossip::new("wrong-key-client").unwrap();
    wrong
        .connect_curve(&endpoint(port), impostor_key.public_txt())
        .unwrap();
    wrong.publish("w", "bad").unwrap();
    // A plain (NULL) client cannot talk to a CURVE server either.
    let plain = Gossip::new("plain-client").unwrap();
    plain.connect(&endpoint(port)).unwrap();
    plain.publish("p", "bad").unwrap();

    // Connected after both: when it has converged, they had their chance.
    let good = Gossip::new("right-key-client").unwrap();
    good.connect_curve(&endpoint(port), server_cert.public_txt())
        .unwrap();
    good.publish("g", "2").unwrap();
    expect(&good, tuple("s", "1"));
    expect(&server, tuple("g", "2"));
    let later = Gossip::new("right-key-client-2").unwrap();
    later
        .connect_curve(&endpoint(port), server_cert.public_txt())
        .unwrap();
    expect_status(&later, 2);

    assert_eq!(wrong.status().unwrap(), 1, "only its own tuple");
    assert_eq!(plain.status().unwrap(), 1, "only its own tuple");
    let keys: Vec<Vec<u8>> = server.tuples().unwrap().into_iter().map(|t| t.0).collect();
    assert_eq!(keys, [b"g".to_vec(), b"s".to_vec()]);
}

#[test]
fn with_a_store_only_listed_clients_are_served() {
    let _turn = one_at_a_time();
    let allowed_cert = Cert::new().unwrap();
    let mut store = CertStore::new();
    store.insert(Cert::from_keys(allowed_cert.public_key(), &[0; 32]));
    let auth = Auth::builder().curve_store(store).start().unwrap();

    let server_cert = Cert::new().unwrap();
    let server = Gossip::new("store-server").unwrap();
    server.set_curve(&server_cert).unwrap();
    server.set_zap_domain("gossip-test").unwrap();
    let port = server.bind("tcp://127.0.0.1:*").unwrap();
    server.publish("s", "1").unwrap();

    // Right server key, but a key the store does not hold.
    let stranger = Gossip::new("store-stranger").unwrap();
    stranger.set_curve(&Cert::new().unwrap()).unwrap();
    stranger
        .connect_curve(&endpoint(port), server_cert.public_txt())
        .unwrap();
    stranger.publish("x", "bad").unwrap();
    // No keys of its own: a fresh key pair, unknown to the store.
    let anonymous = Gossip::new("store-anonymous").unwrap();
    anonymous
        .connect_curve(&endpoint(port), server_cert.public_txt())
        .unwrap();
    anonymous.publish("y", "bad").unwrap();

    let allowed = Gossip::new("store-allowed").unwrap();
    allowed.set_curve(&allowed_cert).unwrap();
    allowed
        .connect_curve(&endpoint(port), server_cert.public_txt())
        .unwrap();
    allowed.publish("a", "2").unwrap();
    expect(&allowed, tuple("s", "1"));
    expect(&server, tuple("a", "2"));

    assert_eq!(stranger.status().unwrap(), 1, "only its own tuple");
    assert_eq!(anonymous.status().unwrap(), 1, "only its own tuple");
    let keys: Vec<Vec<u8>> = server.tuples().unwrap().into_iter().map(|t| t.0).collect();
    assert_eq!(keys, [b"a".to_vec(), b"s".to_vec()]);
    drop(auth);
}

#[test]
fn czmq_style_raw_pipe_commands_work() {
    let _turn = one_at_a_time();
    let server_cert = Cert::new().unwrap();
    let client_cert = Cert::new().unwrap();
    let server = Gossip::new("raw-server").unwrap();
    let pipe = server.actor().sock();
    // As CZMQ's selftest: zstr_sendx (server, "SET PUBLICKEY", key, NULL).
    pipe.send_strs(&["SET PUBLICKEY", server_cert.public_txt()])
        .unwrap();
    pipe.send_strs(&["SET SECRETKEY", server_cert.secret_txt()])
        .unwrap();
    pipe.send_strs(&["ZAP DOMAIN", "TEST"]).unwrap();
    pipe.send_strs(&["BIND", "tcp://127.0.0.1:*"]).unwrap();
    pipe.send_strs(&["PORT"]).unwrap();
    let port_reply = reply(&server);
    assert_eq!(port_reply[0], "PORT", "{port_reply:?}");
    let port: u16 = port_reply[1].parse().unwrap();
    assert!(port > 0);

    let client = Gossip::new("raw-client").unwrap();
    let cpipe = client.actor().sock();
    cpipe
        .send_strs(&["SET PUBLICKEY", client_cert.public_txt()])
        .unwrap();
    cpipe
        .send_strs(&["SET SECRETKEY", client_cert.secret_txt()])
        .unwrap();
    cpipe.send_strs(&["ZAP DOMAIN", "TEST"]).unwrap();
    cpipe
        .send_strs(&["CONNECT", &endpoint(port), server_cert.public_txt()])
        .unwrap();
    cpipe
        .send_strs(&["PUBLISH", "tcp://127.0.0.1:9001", "service1"])
        .unwrap();
    expect(&server, tuple("tcp://127.0.0.1:9001", "service1"));
    // The server's ROUTER really is a CURVE server: a NULL client gets nothing.
    let plain = Gossip::new("raw-plain").unwrap();
    plain.connect(&endpoint(port)).unwrap();
    let other = Gossip::new("raw-other").unwrap();
    other
        .connect_curve(&endpoint(port), server_cert.public_txt())
        .unwrap();
    expect_status(&other, 1);
    assert_eq!(plain.status().unwrap(), 0);
}

#[test]
fn bad_keys_in_pipe_commands_are_errors_and_the_node_keeps_running() {
    let _turn = one_at_a_time();
    let node = Gossip::new("bad-keys").unwrap();
    let pipe = node.actor().sock();
    let cert = Cert::new().unwrap();
    let other = Cert::new().unwrap();

    for (command, value, says) in [
        ("SET PUBLICKEY", "short", "40 Z85 characters"),
        ("SET SECRETKEY", &"~".repeat(40)[..], "not Z85"),
        ("ZAP DOMAIN", &"d".repeat(300)[..], "at most 254"),
    ] {
        pipe.send_strs(&[command, value]).unwrap();
        let r = reply(&node);
        assert_eq!(r[0], "ERROR", "{command}: {r:?}");
        assert!(r[1].contains(says), "{command}: {r:?}");
    }
    // A missing key frame is a malformed command.
    pipe.send_strs(&["SET PUBLICKEY"]).unwrap();
    assert_eq!(reply(&node)[0], "ERROR");
    // A server key that is no key: refused before any socket is made.
    pipe.send_strs(&["CONNECT", "tcp://127.0.0.1:5", "not-a-key"])
        .unwrap();
    let r = reply(&node);
    assert!(
        r[0] == "ERROR" && r[1].contains("server public key"),
        "{r:?}"
    );
    // A public key that is not the secret key's: BIND refuses, PORT is -1.
    pipe.send_strs(&["SET PUBLICKEY", other.public_txt()])
        .unwrap();
    pipe.send_strs(&["SET SECRETKEY", cert.secret_txt()])
        .unwrap();
    let err = node.bind("tcp://127.0.0.1:*").unwrap_err();
    assert!(err.to_string().contains("does not belong"), "{err}");
    assert_eq!(node.port().unwrap(), -1);
    // Typed API: a certificate without its secret key.
    assert!(node
        .set_curve(&Cert::from_keys(cert.public_key(), &[0; 32]))
        .is_err());
    // Still serving, and fixable.
    node.set_curve(&cert).unwrap();
    let port = node.bind("tcp://127.0.0.1:*").unwrap();
    node.publish("k", "v").unwrap();
    let client = Gossip::new("bad-keys-client").unwrap();
    client
        .connect_curve(&endpoint(port), cert.public_txt())
        .unwrap();
    expect(&client, tuple("k", "v"));
}

#[test]
fn the_config_files_security_section_makes_a_curve_server() {
    let _turn = one_at_a_time();
    let dir = temp_dir("config");
    let cert = Cert::new().unwrap();
    let cert_file = dir.join("server.cert");
    cert.save(&cert_file).unwrap();
    let config = dir.join("zgossip.cfg");
    std::fs::write(
        &config,
        format!(
            "zgossip\n    security\n        mechanism = curve\n        secret-key = \"{}\"\n    \
             bind\n        endpoint = tcp://127.0.0.1:*\n",
            cert_file.display()
        ),
    )
    .unwrap();
    let server = Gossip::new("config-server").unwrap();
    server.load(config.to_str().unwrap()).unwrap();
    let port = u16::try_from(server.port().unwrap()).unwrap();
    assert!(port > 0);
    server.publish("from", "config").unwrap();
    let client = Gossip::new("config-client").unwrap();
    client
        .connect_curve(&endpoint(port), cert.public_txt())
        .unwrap();
    expect(&client, tuple("from", "config"));
    let plain = Gossip::new("config-plain").unwrap();
    plain.connect(&endpoint(port)).unwrap();

    // Bad sections: a clear error on the next request, and the node lives.
    for (section, says) in [
        ("mechanism = curve\n", "needs secret-key"),
        ("mechanism = rot13\n", "expected null, plain or curve"),
        (
            "mechanism = curve\n        secret-key = /nonexistent/cert\n",
            "/nonexistent/cert",
        ),
    ] {
        let bad = dir.join("bad.cfg");
        std::fs::write(&bad, format!("zgossip\n    security\n        {section}")).unwrap();
        let node = Gossip::new("config-bad").unwrap();
        node.load(bad.to_str().unwrap()).unwrap();
        let err = node.status().unwrap_err();
        assert!(err.to_string().contains(says), "{section}: {err}");
        assert_eq!(node.status().unwrap(), 0);
    }
    // A public certificate alone has no secret key.
    let public_only = dir.join("public.cert");
    cert.save_public(&public_only).unwrap();
    let bad = dir.join("public.cfg");
    std::fs::write(
        &bad,
        format!(
            "zgossip\n    security\n        mechanism = curve\n        secret-key = \"{}\"\n",
            public_only.display()
        ),
    )
    .unwrap();
    let node = Gossip::new("config-public-only").unwrap();
    node.load(bad.to_str().unwrap()).unwrap();
    let err = node.status().unwrap_err();
    assert!(err.to_string().contains("no secret key"), "{err}");

    assert_eq!(plain.status().unwrap(), 0, "a NULL client got tuples");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_cert_server_key_and_allow_store() {
    let dir = temp_dir("cli");
    let store = dir.join("store");
    std::fs::create_dir_all(&store).unwrap();
    let server_cert = Cert::new().unwrap();
    let allowed = Cert::new().unwrap();
    let stranger = Cert::new().unwrap();
    let file = |name: &str| dir.join(name).to_str().unwrap().to_string();
    server_cert.save(file("server.cert")).unwrap();
    allowed.save(file("allowed.cert")).unwrap();
    allowed.save_public(store.join("allowed.cert")).unwrap();
    stranger.save(file("stranger.cert")).unwrap();

    let mut server = common::Node::ours(&[
        "--cert",
        &file("server.cert"),
        "--allow-store",
        store.to_str().unwrap(),
        "--bind",
        "tcp://127.0.0.1:*",
        "--publish",
        "s=1",
    ]);
    let ep = server.endpoint();
    let client = |cert: &str, key: &str, tuple: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_zgossip"))
            .args([
                "--cert",
                cert,
                "--server-key",
                key,
                "--connect",
                &ep,
                "--publish",
                tuple,
                "--duration",
                "1500",
                "--dump",
            ])
            .output()
            .unwrap()
    };
    // Not in the store (the server key as a certificate file).
    let out = client(&file("stranger.cert"), &file("server.cert"), "x=9");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(!text.contains("DELIVER s 1"), "{text}");
    // In the store (the server key as Z85).
    let out = client(&file("allowed.cert"), server_cert.public_txt(), "a=2");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(text.contains("DELIVER s 1"), "{text}");
    server.expect_delivery("a", "2");
    assert!(
        !server.seen.iter().any(|l| l.contains("x 9")),
        "{:?}",
        server.seen
    );

    // Bad arguments: exit 1 with a message.
    for (args, says) in [
        (vec!["--server-key", "nonsense"], "--server-key nonsense"),
        (
            vec!["--cert", "/nonexistent.cert"],
            "--cert /nonexistent.cert",
        ),
        (
            vec!["--allow-store", store.to_str().unwrap()],
            "--allow-store needs --cert",
        ),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_zgossip"))
            .args(&args)
            .args(["--duration", "100"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let _ = server.child.kill();
    let _ = server.child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}
