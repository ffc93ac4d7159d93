//! Zyre 2.0.1 for the interop tests: its release source extracted from
//! `../shared/external` (or `$CZMQ_RS_EXTERNAL`) into the target directory
//! (never into the repository), and tests/interop/zyre_peer.c built with it
//! against Debian's CZMQ. Needs cc, pkg-config and libczmq-dev; a missing
//! one fails the test, loudly.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Zyre's source, extracted once into the target directory.
pub fn zyre_source() -> PathBuf {
    let tarballs = std::env::var_os("CZMQ_RS_EXTERNAL")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/external"));
    let tarball = tarballs.join("zyre-2.0.1.tar.gz");
    assert!(
        tarball.is_file(),
        "{} is missing (set CZMQ_RS_EXTERNAL)",
        tarball.display()
    );
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("zre-interop");
    let tree = root.join("zyre-2.0.1");
    if tree.join("src/zyre_node.c").is_file() {
        return tree;
    }
    // Extract beside, then rename into place: a parallel run never sees half a tree.
    let scratch = root.join(format!("extract-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("scratch dir");
    let status = Command::new("tar")
        .arg("xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(&scratch)
        .status()
        .expect("run tar");
    assert!(status.success(), "tar failed on {}", tarball.display());
    // Another run may have won the race; either way a full tree is in place.
    let _ = std::fs::rename(scratch.join("zyre-2.0.1"), &tree);
    let _ = std::fs::remove_dir_all(&scratch);
    tree
}

/// Builds tests/interop/zyre_peer.c with Zyre's sources on Debian's CZMQ,
/// once per test process (tests running in parallel share the binary: one
/// test rewriting it while another runs it would fail with ETXTBSY).
pub fn build_zyre_peer() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| build(false)).clone()
}

/// The same with Zyre's draft API (`ZYRE_BUILD_DRAFT_API`, as Zyre's
/// `--enable-drafts` builds it): CURVE security (`zyre_set_zcert`, ...).
/// Debian's CZMQ is a stable build, so this Zyre's gossip (CZMQ's
/// zgossip) has no CURVE, while its ZRE links do.
pub fn build_zyre_peer_draft() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| build(true)).clone()
}

fn build(draft: bool) -> PathBuf {
    let zyre = zyre_source();
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("zre-interop");
    std::fs::write(out.join("platform.h"), "").expect("platform.h");
    let pkg = Command::new("pkg-config")
        .args(["--cflags", "--libs", "libczmq"])
        .output()
        .expect("pkg-config is needed (apt: pkg-config)");
    assert!(
        pkg.status.success(),
        "pkg-config libczmq failed: install libczmq-dev"
    );
    let flags = String::from_utf8(pkg.stdout).expect("flags");
    let flavour = if draft { "-draft" } else { "" };
    let binary = out.join(format!("zyre_peer{flavour}-{}", std::process::id()));
    let sources = [
        "zyre",
        "zyre_event",
        "zre_msg",
        "zyre_peer",
        "zyre_group",
        "zyre_election",
        "zyre_node",
    ];
    let status = Command::new("cc")
        .args(["-std=gnu99", "-pthread", "-w"])
        .args(draft.then_some("-DZYRE_BUILD_DRAFT_API"))
        .arg(format!("-I{}", out.display()))
        .arg(format!("-I{}", zyre.join("include").display()))
        .arg(format!("-I{}", zyre.join("src").display()))
        .arg("-o")
        .arg(&binary)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/zyre_peer.c"))
        .args(
            sources
                .iter()
                .map(|s| zyre.join("src").join(format!("{s}.c"))),
        )
        .args(flags.split_whitespace())
        .arg("-lzmq")
        .status()
        .expect("cc is needed");
    assert!(
        status.success(),
        "building Zyre 2.0.1 on Debian's CZMQ failed"
    );
    binary
}
