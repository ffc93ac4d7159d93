//! The ZAP handler (Auth, zauth_actor) in every scenario of CZMQ's zauth
//! selftest, plus what CZMQ does not test: the password file re-read,
//! custom stores, hostile ZAP requests and the handler's restart.
//!
//! Each connection attempt watches the server's monitor for the handshake's
//! outcome (succeeded, or failed), so a refusal is seen as an event rather
//! than guessed from a timeout. There is one ZAP endpoint per process, so
//! the tests take turns (TURN).

use std::sync::Mutex;
use std::time::Duration;

use czmq::{
    Actor, Auth, Cert, CertStore, EventMask, Frame, Monitor, MonitorEvent, Sock, SocketType,
    zauth_actor, zstr,
};

const LONG: Duration = Duration::from_secs(10);

/// One test at a time owns the process's ZAP endpoint.
static TURN: Mutex<()> = Mutex::new(());

fn turn() -> std::sync::MutexGuard<'static, ()> {
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn pair() -> (Sock, Sock) {
    let server = Sock::new(SocketType::Pull).unwrap();
    let client = Sock::new(SocketType::Push).unwrap();
    (server, client)
}

/// Connects `client` to `server` over tcp: the first frame the server
/// received if the handshake succeeded, None if it failed.
fn connect(server: Sock, client: Sock) -> Option<Frame> {
    let events = Monitor::new(
        &server,
        EventMask::HANDSHAKE_SUCCEEDED | EventMask::HANDSHAKE_FAILED,
    )
    .unwrap();
    server.as_socket().bind("tcp://127.0.0.1:*").unwrap();
    client
        .connect(&server.as_socket().last_endpoint().unwrap())
        .unwrap();
    let outcome = events
        .wait_for(
            |e| matches!(e, MonitorEvent::HandshakeSucceeded { .. }) || e.is_handshake_failure(),
            LONG,
        )
        .expect("the handshake ends one way or the other");
    if !matches!(outcome, MonitorEvent::HandshakeSucceeded { .. }) {
        return None;
    }
    client.as_socket().set_sndtimeo(Some(LONG)).unwrap();
    zstr::send(&client, "Hello, World").unwrap();
    server.as_socket().set_rcvtimeo(Some(LONG)).unwrap();
    let frame = Frame::recv(&server).unwrap();
    assert!(frame.streq("Hello, World"));
    drop(events);
    Some(frame)
}

fn with_domain((server, client): (Sock, Sock)) -> (Sock, Sock) {
    server.as_socket().set_zap_domain("global").unwrap();
    (server, client)
}

fn plain_pair(username: &str, password: &str) -> (Sock, Sock) {
    let (server, client) = with_domain(pair());
    server.as_socket().set_plain_server(true).unwrap();
    client.as_socket().set_plain_username(username).unwrap();
    client.as_socket().set_plain_password(password).unwrap();
    (server, client)
}

/// A CURVE server with `server_cert` and a client with `client_cert`.
fn curve_pair(server_cert: &Cert, client_cert: &Cert) -> (Sock, Sock) {
    let (server, client) = with_domain(pair());
    server_cert.apply_server(&server).unwrap();
    client_cert
        .apply_client(&client, server_cert.public_key())
        .unwrap();
    (server, client)
}

fn can_connect((server, client): (Sock, Sock)) -> bool {
    connect(server, client).is_some()
}

#[test]
fn without_a_handler_null_connections_pass() {
    let _turn = turn();
    assert!(can_connect(pair()));
    assert!(can_connect(with_domain(pair())));
}

#[test]
fn null_is_allowed_with_a_domain_and_no_policy() {
    let _turn = turn();
    let _auth = Auth::new().unwrap();
    assert!(can_connect(pair()));
    assert!(can_connect(with_domain(pair())));
}

#[test]
fn deny_refuses_and_allow_overrides_it() {
    let _turn = turn();
    let auth = Auth::new().unwrap();
    auth.deny(&["127.0.0.1"]).unwrap();
    assert!(!can_connect(with_domain(pair())));
    // A socket without a domain and mechanism does not ask the handler.
    assert!(can_connect(pair()));
    auth.allow(&["127.0.0.1"]).unwrap();
    assert!(can_connect(with_domain(pair())));
}

#[test]
fn an_allow_list_refuses_everyone_else() {
    let _turn = turn();
    let _auth = Auth::builder().allow("192.0.2.1").start().unwrap();
    assert!(!can_connect(with_domain(pair())));
}

#[test]
fn plain_with_the_right_password_reports_the_user_id() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let passwords = dir.path().join("password-file");
    std::fs::write(&passwords, "# users\nadmin=Password\n").unwrap();
    let _auth = Auth::builder().plain(&passwords).start().unwrap();
    let (server, client) = plain_pair("admin", "Password");
    let frame = connect(server, client).expect("admin gets in");
    assert_eq!(frame.meta("User-Id"), Some("admin"));
}

#[test]
fn plain_with_a_wrong_password_is_refused() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let passwords = dir.path().join("password-file");
    std::fs::write(&passwords, "admin=Password\n").unwrap();
    let auth = Auth::new().unwrap();
    auth.plain(&passwords).unwrap();
    assert!(!can_connect(plain_pair("admin", "Bogus")));
    assert!(!can_connect(plain_pair("nobody", "Password")));
    // The handler keeps serving the right client after the wrong ones.
    assert!(can_connect(plain_pair("admin", "Password")));
}

#[test]
fn plain_without_a_password_file_is_refused() {
    let _turn = turn();
    let _auth = Auth::new().unwrap();
    assert!(!can_connect(plain_pair("admin", "Password")));
}

#[test]
fn the_password_file_is_reread_when_it_changes() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let passwords = dir.path().join("password-file");
    let auth = Auth::new().unwrap();
    auth.plain(&passwords).unwrap();
    assert!(!can_connect(plain_pair("admin", "Password")));
    std::fs::write(&passwords, "admin=Password\n").unwrap();
    assert!(can_connect(plain_pair("admin", "Password")));
    std::fs::write(&passwords, "admin=Changed!!\n").unwrap();
    assert!(!can_connect(plain_pair("admin", "Password")));
    assert!(can_connect(plain_pair("admin", "Changed!!")));
}

#[test]
fn curve_without_a_curve_policy_is_refused() {
    let _turn = turn();
    let _auth = Auth::new().unwrap();
    let (server_cert, client_cert) = (Cert::new().unwrap(), Cert::new().unwrap());
    assert!(!can_connect(curve_pair(&server_cert, &client_cert)));
}

#[test]
fn curve_allow_any_accepts_every_key() {
    let _turn = turn();
    let auth = Auth::new().unwrap();
    auth.curve_any().unwrap();
    let (server_cert, client_cert) = (Cert::new().unwrap(), Cert::new().unwrap());
    let (server, client) = curve_pair(&server_cert, &client_cert);
    let frame = connect(server, client).expect("any key gets in");
    assert_eq!(frame.meta("User-Id"), Some(client_cert.public_txt()));
}

#[test]
fn curve_with_a_certificate_directory_passes_the_metadata() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let server_cert = Cert::new().unwrap();
    let mut client_cert = Cert::new().unwrap();
    client_cert.set_meta("Hello", "World!").unwrap();
    client_cert
        .save_public(dir.path().join("mycert.txt"))
        .unwrap();
    let auth = Auth::new().unwrap();
    auth.curve(dir.path()).unwrap();

    let (server, client) = curve_pair(&server_cert, &client_cert);
    let frame = connect(server, client).expect("a known key gets in");
    assert_eq!(frame.meta("Hello"), Some("World!"));
    assert_eq!(frame.meta("User-Id"), Some(client_cert.public_txt()));

    // An unknown key is refused, and the known one still gets in after.
    let stranger = Cert::new().unwrap();
    assert!(!can_connect(curve_pair(&server_cert, &stranger)));
    assert!(can_connect(curve_pair(&server_cert, &client_cert)));

    // A certificate added to the directory later is picked up.
    stranger
        .save_public(dir.path().join("stranger.txt"))
        .unwrap();
    assert!(can_connect(curve_pair(&server_cert, &stranger)));
    // And one removed is refused again.
    std::fs::remove_file(dir.path().join("stranger.txt")).unwrap();
    assert!(!can_connect(curve_pair(&server_cert, &stranger)));
}

#[test]
fn curve_with_a_custom_store() {
    let _turn = turn();
    // CZMQ's selftest keys: one certificate shared by server and client.
    let public: [u8; 32] = [
        105, 76, 150, 58, 214, 191, 218, 65, 50, 172, 131, 188, 247, 211, 136, 170, 227, 26, 57,
        170, 185, 63, 246, 225, 177, 230, 12, 8, 134, 136, 105, 106,
    ];
    let secret: [u8; 32] = [
        245, 217, 172, 73, 106, 28, 195, 17, 218, 132, 135, 209, 99, 240, 98, 232, 7, 137, 244,
        100, 242, 23, 29, 114, 70, 223, 83, 1, 113, 207, 132, 149,
    ];
    let shared = Cert::from_keys(&public, &secret);
    assert_eq!(
        shared.public_txt(),
        "x?T*N/1Y{8goubv{Ts}#&#f}TXJ//DVe#D2HkoLU"
    );
    let mut store = CertStore::new();
    store.set_loader(move |store| {
        store.empty();
        store.insert(Cert::from_keys(&public, &secret));
    });
    let _auth = Auth::with_store(store).unwrap();
    assert!(can_connect(curve_pair(&shared, &shared)));
    assert!(!can_connect(curve_pair(&shared, &Cert::new().unwrap())));
}

#[test]
fn the_actor_function_speaks_czmqs_pipe_protocol() {
    let _turn = turn();
    let mut store = CertStore::new();
    let client_cert = Cert::new().unwrap();
    store.insert(client_cert.clone());
    let actor = Actor::new(move |pipe| zauth_actor(pipe, Some(Box::new(store)))).unwrap();
    for command in [
        &["VERBOSE"][..],
        &["ALLOW", "127.0.0.1", "::1"],
        &["DENY", "192.0.2.1"],
        &["GSSAPI"],
    ] {
        actor.sock().send_strs(command).unwrap();
        assert_eq!(actor.sock().wait().unwrap(), 0, "{command:?}");
    }
    for bad in [&["NOPE"][..], &["PLAIN"], &["CURVE"]] {
        actor.sock().send_strs(bad).unwrap();
        assert_eq!(actor.sock().wait().unwrap(), 1, "{bad:?}");
    }
    let server_cert = Cert::new().unwrap();
    assert!(can_connect(curve_pair(&server_cert, &client_cert)));
    actor.join().unwrap();
}

#[test]
fn a_second_handler_is_refused_and_a_new_one_starts_after_the_first() {
    let _turn = turn();
    let auth = Auth::new().unwrap();
    assert_eq!(Auth::new().unwrap_err(), czmq::Error::AddrInUse);
    auth.deny(&["127.0.0.1"]).unwrap();
    assert!(!can_connect(with_domain(pair())));
    drop(auth);
    // Without the handler, the domain no longer refuses anyone.
    assert!(can_connect(with_domain(pair())));
    let again = Auth::new().unwrap();
    again.deny(&["127.0.0.1"]).unwrap();
    assert!(!can_connect(with_domain(pair())));
}

/// Sends one raw ZAP request and returns the reply's frames.
fn zap(request: &[&[u8]]) -> Vec<Vec<u8>> {
    let req = Sock::new(SocketType::Req).unwrap();
    req.as_socket().set_rcvtimeo(Some(LONG)).unwrap();
    req.connect(czmq::ZAP_ENDPOINT).unwrap();
    req.send_parts(request).unwrap();
    req.recv_parts()
        .unwrap()
        .iter()
        .map(|f| f.data().to_vec())
        .collect()
}

#[test]
fn hostile_zap_requests_get_400_and_the_handler_keeps_serving() {
    let _turn = turn();
    let auth = Auth::new().unwrap();
    auth.curve_any().unwrap();
    let bad: [&[&[u8]]; 5] = [
        &[b"1.0", b"1"],
        &[b"9.9", b"2", b"", b"127.0.0.1", b"", b"NULL"],
        &[b"1.0", b"3", b"", b"127.0.0.1", b"", b"CURVE", b"too short"],
        &[b"1.0", b"4", b"", b"127.0.0.1", b"", b"PLAIN", b"admin"],
        &[b"1.0", b"5", b"", b"127.0.0.1", b"", b"GSSAPI"],
    ];
    for request in bad {
        let reply = zap(request);
        assert_eq!(reply.len(), 6, "{request:?}");
        assert_eq!(reply[0], b"1.0");
        assert_eq!(reply[2], b"400", "{request:?}");
        if let Some(sequence) = request.get(1) {
            assert_eq!(&reply[1], sequence);
        }
    }
    let ok = zap(&[b"1.0", b"6", b"global", b"127.0.0.1", b"", b"NULL"]);
    assert_eq!(ok[2], b"200");
    assert_eq!(ok[1], b"6");
    let (server_cert, client_cert) = (Cert::new().unwrap(), Cert::new().unwrap());
    assert!(can_connect(curve_pair(&server_cert, &client_cert)));
}

/// Interop with the real CZMQ (Debian's libczmq-dev): certificates both
/// ways, and each side's CURVE client authenticated by the other's zauth.
/// Ignored in the plain run; .ci/run runs them.
mod czmq_interop {
    use super::*;
    use std::io::{BufRead, BufReader};
    use std::path::{Path, PathBuf};
    use std::process::{Command, Output, Stdio};

    /// Compiles tests/interop/zauth_peer.c against the system's CZMQ.
    fn peer() -> PathBuf {
        static BUILT: Mutex<Option<PathBuf>> = Mutex::new(None);
        let mut built = BUILT.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(path) = built.as_ref() {
            return path.clone();
        }
        assert!(
            Path::new("/usr/include/czmq.h").exists(),
            "libczmq-dev is not installed: apt-get install libczmq-dev"
        );
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/interop/zauth_peer.c");
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("zauth_peer");
        let status = Command::new("cc")
            .args(["-Wall", "-O1", "-o"])
            .arg(&out)
            .arg(src)
            .args(["-lczmq", "-lzmq"])
            .status()
            .expect("running cc");
        assert!(status.success(), "compiling {src} against CZMQ failed");
        *built = Some(out.clone());
        out
    }

    /// Runs the peer to completion (it ends by itself within seconds).
    fn run(args: &[&str]) -> Output {
        Command::new(peer())
            .args(args)
            .output()
            .expect("running zauth_peer")
    }

    fn lines(out: &Output) -> Vec<String> {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect()
    }

    fn text(path: &Path) -> &str {
        path.to_str().expect("temp paths are UTF-8")
    }

    #[test]
    #[ignore = "needs the real CZMQ (libczmq-dev); run by .ci/run"]
    fn czmq_certificates_load_in_ours() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("czmq.cert");
        let out = run(&["save", text(&path)]);
        assert!(out.status.success(), "{out:?}");
        let keys = lines(&out);
        let cert = Cert::load(&path).unwrap();
        assert_eq!(cert.public_txt(), keys[0]);
        assert_eq!(cert.secret_txt(), keys[1]);
        assert_eq!(cert.meta("name"), Some("CZMQ peer"));
        let mut store = CertStore::open(dir.path());
        let public = store
            .lookup(&keys[0])
            .expect("CZMQ's public file is in the store");
        assert_eq!(public.secret_txt(), "0".repeat(40));
    }

    #[test]
    #[ignore = "needs the real CZMQ (libczmq-dev); run by .ci/run"]
    fn our_certificates_load_in_czmq() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ours.cert");
        let mut cert = Cert::new().unwrap();
        cert.set_meta("name", "czmq-rs peer").unwrap();
        cert.save(&path).unwrap();
        let out = run(&["load", text(&path)]);
        assert!(out.status.success(), "{out:?}");
        assert_eq!(
            lines(&out),
            [cert.public_txt(), cert.secret_txt(), "czmq-rs peer"]
        );
        // Public file only: CZMQ reads a zero secret key, as ours does.
        cert.save_public(dir.path().join("public.cert")).unwrap();
        let out = run(&["load", text(&dir.path().join("public.cert"))]);
        assert_eq!(lines(&out)[1], "0".repeat(40));
    }

    #[test]
    #[ignore = "needs the real CZMQ (libczmq-dev); run by .ci/run"]
    fn a_czmq_client_is_authenticated_by_our_zauth() {
        let _turn = turn();
        let dir = tempfile::tempdir().unwrap();
        let certs = dir.path().join("certs");
        std::fs::create_dir(&certs).unwrap();
        let mut client_cert = Cert::new().unwrap();
        client_cert.set_meta("name", "CZMQ client").unwrap();
        client_cert.save_public(certs.join("client.cert")).unwrap();
        let client_file = dir.path().join("client.cert");
        client_cert.save(&client_file).unwrap();
        let stranger_file = dir.path().join("stranger.cert");
        Cert::new().unwrap().save(&stranger_file).unwrap();

        let _auth = Auth::builder().curve_dir(&certs).start().unwrap();
        let server_cert = Cert::new().unwrap();
        let server = Sock::new(SocketType::Pull).unwrap();
        server_cert.apply(&server).unwrap();
        server.as_socket().set_curve_server(true).unwrap();
        server.as_socket().set_zap_domain("global").unwrap();
        server.as_socket().bind("tcp://127.0.0.1:*").unwrap();
        let endpoint = server.as_socket().last_endpoint().unwrap();
        let events = Monitor::new(&server, EventMask::HANDSHAKE_FAILED).unwrap();

        // A stranger first: refused, and the server keeps serving.
        let mut stranger = Command::new(peer())
            .args([
                "client",
                &endpoint,
                server_cert.public_txt(),
                text(&stranger_file),
            ])
            .spawn()
            .unwrap();
        let refused = events.wait_for(|e| e.is_handshake_failure(), LONG).unwrap();
        assert_eq!(refused.value(), 400);
        stranger.kill().ok();
        stranger.wait().unwrap();

        let out = run(&[
            "client",
            &endpoint,
            server_cert.public_txt(),
            text(&client_file),
        ]);
        assert!(out.status.success(), "{out:?}");
        server.as_socket().set_rcvtimeo(Some(LONG)).unwrap();
        let frame = Frame::recv(&server).unwrap();
        assert!(frame.streq("Hello"));
        assert_eq!(frame.meta("User-Id"), Some(client_cert.public_txt()));
        assert_eq!(frame.meta("name"), Some("CZMQ client"));
    }

    #[test]
    #[ignore = "needs the real CZMQ (libczmq-dev); run by .ci/run"]
    fn our_client_is_authenticated_by_czmqs_zauth() {
        let dir = tempfile::tempdir().unwrap();
        let mut client_cert = Cert::new().unwrap();
        client_cert.set_meta("name", "ours").unwrap();
        client_cert
            .save_public(dir.path().join("client.cert"))
            .unwrap();

        let mut server = Command::new(peer())
            .args(["server", text(dir.path())])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(server.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        let (port, server_key) = first.trim().split_once(' ').expect("PORT KEY");

        let client = Sock::new(SocketType::Push).unwrap();
        client_cert.apply(&client).unwrap();
        client
            .as_socket()
            .set_curve_serverkey(server_key.as_bytes())
            .unwrap();
        client.connect(&format!("tcp://127.0.0.1:{port}")).unwrap();
        client.as_socket().set_sndtimeo(Some(LONG)).unwrap();
        zstr::send(&client, "Hello").unwrap();

        let mut reply = String::new();
        stdout.read_line(&mut reply).unwrap();
        assert!(server.wait().unwrap().success());
        assert_eq!(reply.trim(), format!("{} ours", client_cert.public_txt()));
    }
}

#[test]
fn a_handler_serves_the_context_it_is_given() {
    // Not the process-wide context: this test shares nothing with the others.
    let ctx = czmq::Context::new().unwrap();
    let socket = |kind| Sock::from_socket(ctx.socket(kind).unwrap());
    let auth = Auth::builder()
        .context(&ctx)
        .deny("127.0.0.1")
        .start()
        .unwrap();
    let (server, client) = (socket(SocketType::Pull), socket(SocketType::Push));
    server.as_socket().set_zap_domain("global").unwrap();
    assert!(!can_connect((server, client)));
    drop(auth);
    let (server, client) = (socket(SocketType::Pull), socket(SocketType::Push));
    server.as_socket().set_zap_domain("global").unwrap();
    assert!(can_connect((server, client)));
}
