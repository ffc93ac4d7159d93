//! Certificates (Cert) and certificate stores (CertStore): CZMQ's zcert and
//! zcertstore selftests in Rust, files in CZMQ's layout both ways, the
//! directory store's reloads, and malformed files.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use czmq::{Cert, CertStore, Error};

const FORTY_ZEROES: &str = "0000000000000000000000000000000000000000";

#[test]
fn czmqs_zcert_selftest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mycert.txt");
    let secret_path = dir.path().join("mycert.txt_secret");

    let mut cert = Cert::new().unwrap();
    cert.set_meta("email", "ph@imatix.com").unwrap();
    cert.set_meta("name", "Pieter Hintjens").unwrap();
    cert.set_meta("organization", "iMatix Corporation").unwrap();
    cert.set_meta("version", &1.to_string()).unwrap();
    cert.set_meta("delete_me", "now").unwrap();
    cert.unset_meta("delete_me");
    assert_eq!(cert.meta("email"), Some("ph@imatix.com"));
    assert_eq!(cert.meta_keys().count(), 4);

    let shadow = cert.clone();
    assert_eq!(shadow, cert);

    cert.save(&path).unwrap();
    assert!(path.exists() && secret_path.exists());
    let mode = std::fs::metadata(&secret_path)
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);

    let loaded = Cert::load(&path).unwrap();
    assert_eq!(loaded, cert);
    assert_eq!(loaded.meta("name"), Some("Pieter Hintjens"));

    std::fs::remove_file(&secret_path).unwrap();
    let public = Cert::load(&path).unwrap();
    assert_eq!(public.secret_txt(), FORTY_ZEROES);
    assert_eq!(public.public_txt(), cert.public_txt());

    let from_txt = Cert::from_txt(cert.public_txt(), cert.secret_txt()).unwrap();
    assert_eq!(from_txt, cert);
}

/// A secret certificate as CZMQ 4.2.1 writes it (keys from RFC 26's
/// example, metadata in the order CZMQ's hash happened to give).
const CZMQ_SECRET_FILE: &str = "\
#   ****  Generated on 2016-06-08 10:40:07 by CZMQ  ****
#   ZeroMQ CURVE **Secret** Certificate
#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.

metadata
    name = \"John Doe\"
    email = \"john@example.com\"
curve
    public-key = \"rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7\"
    secret-key = \"JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6\"
";

#[test]
fn czmq_files_load_and_ours_read_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("john");
    std::fs::write(czmq_secret_path(&path), CZMQ_SECRET_FILE).unwrap();
    let cert = Cert::load(&path).unwrap();
    assert_eq!(
        cert.public_txt(),
        "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
    );
    assert_eq!(
        cert.secret_txt(),
        "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6"
    );
    // The pair belongs together (CURVE derives the public key).
    if czmq::has("curve") {
        assert_eq!(
            czmq::curve_public(cert.secret_txt()).unwrap(),
            cert.public_txt()
        );
    }
    assert_eq!(cert.meta("name"), Some("John Doe"));
    assert_eq!(cert.metadata().count(), 2);

    // Ours writes the same body under the same kind of header.
    let ours = cert.secret_zpl().unwrap();
    let (their_head, their_body) = CZMQ_SECRET_FILE.split_once("\n\n").unwrap();
    let (our_head, our_body) = ours.split_once("\n\n").unwrap();
    assert_eq!(our_body, their_body);
    assert_eq!(our_head.lines().count(), their_head.lines().count());
    assert_eq!(our_head.lines().nth(1), their_head.lines().nth(1));
    assert!(our_head.starts_with("#   ****  Generated on "));
}

fn czmq_secret_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("_secret");
    name.into()
}

#[test]
fn saving_over_a_public_secret_file_makes_it_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    Cert::from_keys(&[1; 32], &[2; 32])
        .save_secret(&path)
        .unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(Cert::load(&path).unwrap().secret_key(), &[2; 32]);
}

#[test]
fn malformed_and_unreadable_certificates_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad");
    assert_eq!(Cert::load(&path).unwrap_err(), Error::NoEntry);
    for text in [
        "no curve section\n",
        "curve\n    public-key = \"short\"\n",
        "curve\n    public-key = \"~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\"\n",
        "curve\n  public-key = \"unbalanced\n",
    ] {
        std::fs::write(&path, text).unwrap();
        let err = Cert::load(&path).unwrap_err();
        // A bad key is Malformed; text that is not ZPL at all is the ZPL
        // parser's Decode error.
        assert!(
            matches!(err.root(), Error::Malformed(_) | Error::Decode { .. }),
            "{text:?}: {err:?}"
        );
    }
    // A broken secret file is reported, not silently replaced by the public one.
    Cert::from_keys(&[1; 32], &[2; 32])
        .save_public(&path)
        .unwrap();
    std::fs::write(czmq_secret_path(&path), "curve\n    secret-key = \"x\"\n").unwrap();
    let e = Cert::load(&path).unwrap_err();
    assert!(matches!(e, Error::Context { .. }), "{e:?}");
    assert!(matches!(e.root(), Error::Malformed(_)), "{e:?}");
    assert!(std::error::Error::source(&e).is_some());
}

#[test]
fn apply_sets_both_keys_on_a_socket() {
    if !czmq::has("curve") {
        return;
    }
    let cert = Cert::new().unwrap();
    let sock = czmq::Sock::new(czmq::SocketType::Dealer).unwrap();
    cert.apply(&sock).unwrap();
    assert_eq!(
        sock.as_socket().curve_publickey().unwrap(),
        cert.public_txt()
    );
    assert_eq!(
        sock.as_socket().curve_secretkey().unwrap(),
        cert.secret_txt()
    );
}

#[test]
fn print_lists_metadata_then_keys() {
    let mut cert = Cert::from_keys(&[0; 32], &[0; 32]);
    cert.set_meta("name", "x").unwrap();
    let mut out = Vec::new();
    cert.fprint(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text,
        format!(
            "zcert: metadata\nzcert:     name = \"x\"\nzcert: curve\nzcert:     public-key = \"{FORTY_ZEROES}\"\nzcert:     secret-key = \"{FORTY_ZEROES}\"\n"
        )
    );
    assert!(!format!("{cert:?}").contains("secret"));
}

#[test]
fn czmqs_zcertstore_selftest() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = CertStore::open(dir.path());
    assert!(store.certs().is_empty());

    let mut cert = Cert::new().unwrap();
    let client_key = cert.public_txt().to_string();
    cert.set_meta("name", "John Doe").unwrap();
    cert.save(dir.path().join("mycert.txt")).unwrap();

    let found = store.lookup(&client_key).expect("the new file is loaded");
    assert_eq!(found.meta("name"), Some("John Doe"));
    assert_eq!(store.certs().len(), 1);

    // A custom loader replaces the directory.
    store.set_loader(|store| {
        store.empty();
        let key = [
            31, 133, 154, 36, 47, 67, 155, 5, 63, 1, 155, 230, 78, 191, 156, 199, 94, 125, 157,
            168, 109, 69, 19, 241, 44, 29, 154, 216, 59, 219, 155, 185,
        ];
        store.insert(Cert::from_keys(&key, &key));
    });
    assert!(store.lookup(&client_key).is_none());
    assert!(
        store
            .lookup("abcdefghijklmnopqrstuvwxyzabcdefghijklmn")
            .is_some()
    );
}

#[test]
fn a_directory_store_follows_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("team/ops");
    std::fs::create_dir_all(&sub).unwrap();
    let a = Cert::from_keys(&[1; 32], &[11; 32]);
    let b = Cert::from_keys(&[2; 32], &[12; 32]);
    a.save(dir.path().join("a.cert")).unwrap();
    b.save_public(sub.join("b.cert")).unwrap();
    std::fs::write(dir.path().join("README"), "not a certificate\n").unwrap();

    let mut store = CertStore::open(dir.path());
    // Recursive, secret files skipped (the secret key is not loaded), junk ignored.
    assert_eq!(store.certs().len(), 2);
    assert_eq!(
        store.lookup(a.public_txt()).unwrap().secret_txt(),
        FORTY_ZEROES
    );
    assert!(store.lookup(b.public_txt()).is_some());

    // Removed.
    std::fs::remove_file(sub.join("b.cert")).unwrap();
    assert!(store.lookup(b.public_txt()).is_none());
    // Changed in place: new metadata is seen.
    let mut a2 = a.clone();
    a2.set_meta("role", "admin").unwrap();
    a2.save_public(dir.path().join("a.cert")).unwrap();
    assert_eq!(
        store.lookup(a.public_txt()).unwrap().meta("role"),
        Some("admin")
    );
    // Added.
    let c = Cert::from_keys(&[3; 32], &[13; 32]);
    c.save_public(sub.join("c.cert")).unwrap();
    assert!(store.lookup(c.public_txt()).is_some());
    assert_eq!(store.certs().len(), 2);
}

#[test]
fn a_memory_store_holds_what_is_inserted() {
    let mut store = CertStore::new();
    let cert = Cert::from_keys(&[5; 32], &[6; 32]);
    store.insert(cert.clone());
    assert_eq!(store.lookup(cert.public_txt()), Some(&cert));
    store.empty();
    assert!(store.lookup(cert.public_txt()).is_none());
    assert!(!store.has_loader());
}
