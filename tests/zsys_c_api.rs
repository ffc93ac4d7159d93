//! zsys, zclock and zstr through their whole stable C API, and the prelude
//! czmq.h gives CZMQ programs (tests/c/zsys_api.c): built strictly (C99,
//! all warnings as errors) against our installed header and library, run,
//! and run under valgrind; the same source compiles against Debian's
//! czmq.h, which shows it is plain CZMQ code.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use support::install::{self, cc, pkg_config_flags, prefix};

const SOURCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/c/zsys_api.c");
const LIMIT: Duration = Duration::from_secs(60);

/// Our scratch directory for the binary and the files the program writes.
fn work_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("zsys-c-api");
    std::fs::create_dir_all(&dir).expect("create work dir");
    dir
}

fn build() -> PathBuf {
    let binary = work_dir().join("zsys_api");
    let out = cc()
        .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-g", "-o"])
        .arg(&binary)
        .arg(SOURCE)
        .args(pkg_config_flags())
        .arg(format!("-Wl,-rpath,{}", prefix().join("lib").display()))
        .output()
        .expect("a C compiler (cc)");
    assert!(
        out.status.success(),
        "zsys_api.c does not build against our czmq.h:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    install::assert_links_ours(&binary);
    binary
}

fn run_dir(name: &str) -> PathBuf {
    let dir = work_dir().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create run dir");
    dir
}

#[test]
fn the_whole_zsys_zclock_zstr_api_from_c() {
    let binary = build();
    let mut command = Command::new(&binary);
    command.arg(run_dir("plain"));
    let out = install::run(command, LIMIT);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("zsys_api: OK"),
        "{}\nstdout:\n{stdout}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    // zclock_log: "yy-mm-dd hh:mm:ss text" on stdout.
    let logged = stdout
        .lines()
        .find(|l| l.ends_with(" zclock_log 42"))
        .expect("zclock_log's line");
    assert_eq!(logged.len(), "26-01-01 00:00:00 zclock_log 42".len());
}

#[test]
#[ignore = "needs valgrind; run by .ci/run"]
fn the_whole_api_is_clean_under_valgrind() {
    let binary = build();
    let mut command = install::valgrind();
    command.arg(&binary).arg(run_dir("valgrind"));
    let out = install::run(command, LIMIT * 5);
    assert!(
        out.status.success(),
        "{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "needs Debian's CZMQ (libczmq-dev); run by .ci/run"]
fn the_program_is_plain_czmq_code() {
    let flags = install::debian_czmq_flags();
    let out = cc()
        .args(["-std=c99", "-Wall", "-Werror", "-fsyntax-only"])
        .arg(SOURCE)
        .args(flags.iter().filter(|f| f.starts_with("-I")))
        .output()
        .expect("a C compiler (cc)");
    assert!(
        out.status.success(),
        "zsys_api.c does not compile against Debian's czmq.h:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
