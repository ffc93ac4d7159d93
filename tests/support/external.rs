//! Outside test suites (../shared/external/*.tar.gz: release sources of
//! projects written by others), extracted into the target directory at test
//! time and never copied into the repository.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Where the release tarballs live: $CZMQ_RS_EXTERNAL, else
/// ../shared/external next to the workspace.
pub fn tarball_dir() -> PathBuf {
    std::env::var_os("CZMQ_RS_EXTERNAL")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/external"))
}

/// Extracts `<name>.tar.gz` (whose top directory is `<name>`) once into
/// the target directory and returns the extracted tree. Safe against other
/// test processes doing the same: each extracts into its own directory and
/// renames it into place; the first rename wins.
pub fn extracted(name: &str) -> PathBuf {
    static LOCK: Mutex<()> = Mutex::new(());
    let _one_at_a_time = LOCK.lock().unwrap_or_else(|p| p.into_inner());
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("external");
    let tree = root.join(name);
    // The marker is written inside the tree before it is renamed into
    // place (atomically), so a tree in place is complete.
    let marker = ".czmq-rs-extracted";
    if tree.join(marker).exists() {
        return tree;
    }
    let tarball = tarball_dir().join(format!("{name}.tar.gz"));
    assert!(
        tarball.is_file(),
        "{} is missing (set CZMQ_RS_EXTERNAL to the directory holding it)",
        tarball.display()
    );
    let scratch = root.join(format!("{name}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("create extraction dir");
    let status = Command::new("tar")
        .arg("xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(&scratch)
        .status()
        .expect("tar must be installed");
    assert!(status.success(), "tar xzf {}: {status}", tarball.display());
    let unpacked = scratch.join(name);
    assert!(
        unpacked.is_dir(),
        "{} has no top directory {name}",
        tarball.display()
    );
    std::fs::write(unpacked.join(marker), b"").expect("write extraction marker");
    if std::fs::rename(&unpacked, &tree).is_err() {
        // Another process got there first.
        assert!(
            tree.join(marker).exists(),
            "cannot move {} to {}",
            unpacked.display(),
            tree.display()
        );
    }
    let _ = std::fs::remove_dir_all(&scratch);
    tree
}
