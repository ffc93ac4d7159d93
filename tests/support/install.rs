//! Installing the C face for C programs: builds the library with this test
//! build's features and profile, runs include/install.sh into a scratch
//! prefix (one per test binary and feature set), and compiles and runs C
//! programs against it with a time limit.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Where cargo put this build's libczmq_capi.a (target/<profile>).
pub fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    // target/<profile>/deps/<test>-<hash>
    exe.parent()
        .and_then(Path::parent)
        .expect("target/<profile>")
        .to_path_buf()
}

/// The features this test build has, which the library must be built with.
pub fn features() -> Vec<&'static str> {
    let mut features = Vec::new();
    if cfg!(feature = "vendored") {
        features.push("vendored");
    }
    if cfg!(feature = "system") {
        features.push("system");
    }
    if cfg!(feature = "draft") {
        features.push("draft");
    }
    features
}

/// Whether libzmq is built into our library (the `vendored` feature).
pub fn vendored() -> bool {
    cfg!(feature = "vendored")
}

/// Builds the library's static form: `cargo test` itself only builds the
/// rlib, so target/<profile>/libczmq_capi.a could be stale or missing.
/// Same features and profile as this test build.
pub fn build_library() {
    static BUILT: OnceLock<()> = OnceLock::new();
    BUILT.get_or_init(|| {
        // For a shared tree where someone else's edit breaks the build: the
        // archive the last `cargo build -p czmq-capi --lib` made is used
        // as it is.
        if std::env::var("CZMQ_RS_PREBUILT").is_ok_and(|v| v == "1") {
            return;
        }
        let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        // Into the target directory this test runs from, wherever that is.
        let target_dir = profile_dir()
            .parent()
            .expect("target/<profile> has a parent")
            .to_path_buf();
        command
            .args(["build", "--lib", "--no-default-features", "--manifest-path"])
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
            .arg("--target-dir")
            .arg(target_dir)
            .arg("--features")
            .arg(features().join(","));
        if profile_dir().ends_with("release") {
            command.arg("--release");
        }
        let status = command.status().expect("run cargo build");
        assert!(status.success(), "cargo build --lib failed: {status}");
    });
}

/// The name of the running test binary without cargo's hash (`c_face`).
fn test_binary_name() -> String {
    let exe = std::env::current_exe().expect("test executable path");
    let stem = exe
        .file_stem()
        .expect("test executable name")
        .to_string_lossy()
        .into_owned();
    match stem.rsplit_once('-') {
        Some((name, _hash)) => name.to_owned(),
        None => stem,
    }
}

/// Runs include/install.sh into `prefix` (removed first) with `env` added to
/// this process's environment, after building the library.
pub fn install_into(prefix: &Path, env: &[(&str, &str)]) -> Output {
    build_library();
    let _ = std::fs::remove_dir_all(prefix);
    let mut command = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/include/install.sh"));
    command
        .arg(prefix)
        .arg(profile_dir())
        .env("CZMQ_RS_ZMQ_H", env!("CZMQ_RS_ZMQ_H"));
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("run include/install.sh")
}

/// A scratch directory `<name>-<pid>` under the target's tmp dir, for this
/// process alone: several engineers (or CI steps) may run the same test
/// binary at once, and a directory one of them reinstalls under another's
/// running programs breaks both. Directories of processes that have ended
/// are removed first, so they don't accumulate (a prefix holds a 150 MB
/// static library).
pub fn process_scratch_dir(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
    if let Ok(entries) = std::fs::read_dir(root) {
        for entry in entries.flatten() {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let Some(pid) = file_name
                .strip_prefix(name)
                .and_then(|rest| rest.strip_prefix('-'))
                .and_then(|pid| pid.parse::<u32>().ok())
            else {
                continue;
            };
            if !Path::new(&format!("/proc/{pid}")).exists() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    root.join(format!("{name}-{}", std::process::id()))
}

/// Installs once per test process into a fresh prefix of its own (see
/// [`process_scratch_dir`]), named after the test binary and feature set.
pub fn prefix() -> &'static Path {
    static PREFIX: OnceLock<PathBuf> = OnceLock::new();
    PREFIX.get_or_init(|| {
        let prefix = process_scratch_dir(&format!(
            "{}-prefix-{}",
            test_binary_name().replace('_', "-"),
            features().join("-")
        ));
        let out = install_into(&prefix, &[]);
        assert!(
            out.status.success(),
            "install.sh failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        prefix
    })
}

/// `pkg-config --cflags --libs libczmq` against our prefix, as a C user
/// writes it. Built on the system libzmq, our libczmq.pc (like Debian's)
/// names libzmq only in Requires.private, so a program that calls libzmq
/// itself (zsock_selftest calls zmq_socket) adds `libzmq`, as it would with
/// Debian's CZMQ; built in, libzmq's API is inside libczmq.
pub fn pkg_config_flags() -> Vec<String> {
    let pc = std::fs::read_to_string(prefix().join("lib/pkgconfig/libczmq.pc"))
        .expect("install.sh wrote libczmq.pc");
    let mut modules = vec!["libczmq"];
    if pc
        .lines()
        .any(|l| l.starts_with("Requires.private:") && l.contains("libzmq"))
    {
        modules.push("libzmq");
    }
    let out = Command::new("pkg-config")
        .args(["--cflags", "--libs"])
        .args(&modules)
        .env("PKG_CONFIG_PATH", prefix().join("lib/pkgconfig"))
        .output()
        .expect("pkg-config must be installed");
    assert!(
        out.status.success(),
        "pkg-config: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("pkg-config output is text")
        .split_whitespace()
        .map(String::from)
        .collect()
}

/// The C compiler: $CC or cc.
pub fn cc() -> Command {
    Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()))
}

/// The binary's libczmq must be the one in our prefix.
pub fn assert_links_ours(binary: &Path) {
    let out = Command::new("ldd").arg(binary).output().expect("ldd");
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.contains("libczmq"))
        .unwrap_or_else(|| panic!("{} does not link libczmq:\n{text}", binary.display()));
    assert!(
        line.contains(&prefix().join("lib").display().to_string()),
        "links someone else's libczmq: {line}"
    );
}

/// Waits for a child, killing it after `limit`.
pub fn wait_bounded(mut child: Child, limit: Duration) -> Output {
    let deadline = Instant::now() + limit;
    while child.try_wait().expect("try_wait").is_none() {
        if Instant::now() >= deadline {
            let _ = child.kill();
            let out = child.wait_with_output().expect("reap");
            panic!(
                "timed out after {limit:?}; stdout:\n{}\nstderr:\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().expect("collect output")
}

/// Runs `command` with its output captured, killed after `limit`.
pub fn run(mut command: Command, limit: Duration) -> Output {
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn {command:?}: {e}"));
    wait_bounded(child, limit)
}

/// Like [`run`], but a timeout is an outcome rather than a panic: `None`.
pub fn run_or_time_out(mut command: Command, limit: Duration) -> Option<Output> {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn {command:?}: {e}"));
    let deadline = Instant::now() + limit;
    while child.try_wait().expect("try_wait").is_none() {
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Some(child.wait_with_output().expect("collect output"))
}

/// valgrind's memcheck as the judge: any error or definitely lost block
/// fails the run. (Blocks still reachable at exit, or possibly lost in
/// libzmq's and Rust's per-thread state, are not leaks of ours.)
pub fn valgrind() -> Command {
    let found = Command::new("valgrind").arg("--version").output();
    assert!(
        matches!(&found, Ok(out) if out.status.success()),
        "valgrind is required for this test and was not found: {found:?}"
    );
    let mut command = Command::new("valgrind");
    command.args([
        "--error-exitcode=1",
        "--leak-check=full",
        "--errors-for-leak-kinds=definite",
        "--show-leak-kinds=definite",
        "--quiet",
    ]);
    command
}

/// `pkg-config --cflags --libs libczmq libzmq` for Debian's CZMQ
/// (libczmq-dev), our prefix nowhere in sight. (Debian's libczmq.pc does
/// not link libzmq for the caller, and programs may call it directly.)
pub fn debian_czmq_flags() -> Vec<String> {
    let out = Command::new("pkg-config")
        .args(["--cflags", "--libs", "libczmq", "libzmq"])
        .env_remove("PKG_CONFIG_PATH")
        .env_remove("PKG_CONFIG_LIBDIR")
        .output()
        .expect("pkg-config");
    assert!(
        out.status.success(),
        "Debian's CZMQ (libczmq-dev) is required: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(String::from)
        .collect()
}
