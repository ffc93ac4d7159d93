//! include/install.sh as a new user runs it: in a clean environment
//! (`env -i PATH=/usr/bin:/bin`: no PKG_CONFIG_PATH, no CC, no
//! CZMQ_RS_ZMQ_H), for the feature set this test was built with. Checks the
//! libczmq.pc it writes, then builds a C program with nothing but
//! `pkg-config --cflags --libs libczmq` (and `--static` against libczmq.a)
//! and runs it; a vendored build's programs must not load the system's
//! libzmq.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::Duration;

use support::install::{self, vendored};

const PATH: &str = "/usr/bin:/bin";

/// A command with nothing from this process's environment but `PATH`.
fn clean(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(program);
    command.env_clear().env("PATH", PATH);
    command
}

fn assert_ok(what: &str, out: &Output) {
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Installs once per test process, in a clean environment.
fn prefix() -> &'static Path {
    static PREFIX: OnceLock<PathBuf> = OnceLock::new();
    PREFIX.get_or_init(|| {
        install::build_library();
        let prefix = install::process_scratch_dir(&format!(
            "install-clean-prefix-{}",
            install::features().join("-")
        ));
        let _ = std::fs::remove_dir_all(&prefix);
        let out = clean(concat!(env!("CARGO_MANIFEST_DIR"), "/include/install.sh"))
            .arg(&prefix)
            .arg(install::profile_dir())
            .output()
            .expect("run include/install.sh");
        assert_ok("install.sh in a clean environment", &out);
        prefix
    })
}

/// The value of `field:` in our libczmq.pc.
fn pc_field(field: &str) -> Option<String> {
    let pc = std::fs::read_to_string(prefix().join("lib/pkgconfig/libczmq.pc")).expect("read .pc");
    pc.lines()
        .find_map(|line| line.strip_prefix(&format!("{field}:")))
        .map(|value| value.trim().to_owned())
}

/// `pkg-config <args> libczmq` with only our prefix's .pc in view.
fn pkg_config(args: &[&str]) -> Vec<String> {
    let out = clean("pkg-config")
        .args(args)
        .arg("libczmq")
        .env("PKG_CONFIG_PATH", prefix().join("lib/pkgconfig"))
        .output()
        .expect("pkg-config must be installed");
    assert_ok("pkg-config", &out);
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(String::from)
        .collect()
}

/// Sends a string across an inproc pair, calls libzmq directly in a
/// vendored build (czmq.h includes zmq.h; our library exports libzmq's
/// API), and names the library.
const PROGRAM: &str = r#"
#include <czmq.h>
int main (void)
{
    zsock_t *server = zsock_new (ZMQ_PAIR);
    zsock_t *client = zsock_new (ZMQ_PAIR);
    if (!server || !client)
        return 1;
    if (zsock_bind (server, "inproc://install-test") != 0
    ||  zsock_connect (client, "inproc://install-test") != 0)
        return 2;
    zsock_set_rcvtimeo (server, 5000);
    zstr_send (client, "hello");
    char *string = zstr_recv (server);
    int ok = string && strcmp (string, "hello") == 0;
    zstr_free (&string);
    zsock_destroy (&client);
    zsock_destroy (&server);
    int major = 0, minor = 0, patch = 0;
#ifdef VENDORED
    //  libzmq's API comes with -lczmq when libzmq is built in (with the
    //  system libzmq, as with CZMQ, a program calling it links it itself).
    zmq_version (&major, &minor, &patch);
#endif
    printf ("czmq-rs %s, libzmq %d.%d.%d: %s\n", czmq_rs_version (),
            major, minor, patch, ok ? "OK" : "FAILED");
    return ok ? 0 : 3;
}
"#;

fn build_program(name: &str, flags: &[String]) -> PathBuf {
    let dir = prefix().join("test");
    std::fs::create_dir_all(&dir).expect("create test dir");
    let source = dir.join("program.c");
    std::fs::write(&source, PROGRAM).expect("write program");
    let binary = dir.join(name);
    let mut command = clean("cc");
    if vendored() {
        command.arg("-DVENDORED");
    }
    let out = command
        .args(["-std=gnu99", "-Wall", "-Werror", "-o"])
        .arg(&binary)
        .arg(&source)
        .args(flags)
        .output()
        .expect("a C compiler (cc) must be installed");
    assert_ok(&format!("cc {}", flags.join(" ")), &out);
    binary
}

/// Runs `binary` with our lib dir on the loader's path (the shared build
/// has no rpath: pkg-config gives none); returns its stdout.
fn run_program(binary: &Path) -> String {
    let mut command = clean(binary);
    command.env("LD_LIBRARY_PATH", prefix().join("lib"));
    let out = install::run(command, Duration::from_secs(30));
    assert_ok(&binary.display().to_string(), &out);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        stdout.contains(concat!("czmq-rs ", env!("CARGO_PKG_VERSION"))) && stdout.contains("OK"),
        "{stdout}"
    );
    stdout
}

/// The shared libraries `binary` loads on our path.
fn loaded_libraries(binary: &Path) -> String {
    let out = clean("ldd")
        .arg(binary)
        .env("LD_LIBRARY_PATH", prefix().join("lib"))
        .output()
        .expect("ldd");
    assert_ok("ldd", &out);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_pc_file_fits_the_feature_set() {
    let libs = pc_field("Libs").expect("Libs");
    let private = pc_field("Libs.private").expect("Libs.private");
    assert_eq!(libs, "-L${libdir} -lczmq");
    // An absolute prefix, whatever install.sh was given.
    let pc = std::fs::read_to_string(prefix().join("lib/pkgconfig/libczmq.pc")).expect("read .pc");
    assert!(
        pc.lines()
            .any(|l| l == format!("prefix={}", prefix().display())),
        "{pc}"
    );
    for lib in ["-lstdc++", "-lpthread", "-ldl", "-lm"] {
        assert!(private.split_whitespace().any(|l| l == lib), "{private}");
    }
    if vendored() {
        // libzmq is inside libczmq: nothing of the system's is needed.
        assert_eq!(pc_field("Requires.private"), None);
        assert!(!private.contains("-lzmq"), "{private}");
    } else {
        assert_eq!(pc_field("Requires.private").as_deref(), Some("libzmq"));
    }
    // The installed zmq.h is the one this build compiled against.
    let installed = std::fs::read(prefix().join("include/zmq.h")).expect("installed zmq.h");
    let ours = if vendored() {
        std::fs::read(env!("CZMQ_RS_ZMQ_H")).expect("build's zmq.h")
    } else {
        std::fs::read("/usr/include/zmq.h").expect("the system's zmq.h")
    };
    assert!(installed == ours, "install.sh picked another zmq.h");
}

#[test]
fn a_program_built_with_pkg_config_alone_runs() {
    let flags = pkg_config(&["--cflags", "--libs"]);
    assert!(
        !flags.iter().any(|f| f == "-lzmq") || !vendored(),
        "{flags:?}"
    );
    let binary = build_program("program", &flags);
    let stdout = run_program(&binary);
    if vendored() {
        assert!(stdout.contains("libzmq 4.3.5"), "{stdout}");
    }
    let libs = loaded_libraries(&binary);
    assert!(
        libs.lines()
            .any(|l| l.contains("libczmq.so.4") && l.contains(&prefix().display().to_string())),
        "{libs}"
    );
    if vendored() {
        assert!(
            !libs.contains("libzmq.so"),
            "a vendored build's program loads a system libzmq:\n{libs}"
        );
    }
}

/// `pkg-config --static`: Libs.private suffices to link libczmq.a itself
/// (for a system build, with the shared system libzmq: Debian's libzmq.pc
/// names a libprotokit.a in its own Libs.private that no package ships, so
/// `--static` through `Requires.private: libzmq` cannot link anything).
#[test]
fn a_program_linked_statically_with_pkg_config_static_runs() {
    let flags: Vec<String> = if vendored() {
        pkg_config(&["--static", "--cflags", "--libs"])
    } else {
        let mut flags = pkg_config(&["--cflags", "--libs"]);
        flags.extend(
            pc_field("Libs.private")
                .expect("Libs.private")
                .split_whitespace()
                .map(String::from),
        );
        flags
    }
    .into_iter()
    // The archive rather than the shared library of the same name.
    .map(|flag| {
        if flag == "-lczmq" {
            "-l:libczmq.a".to_owned()
        } else {
            flag
        }
    })
    .collect();
    let binary = build_program("program-static", &flags);
    run_program(&binary);
    let libs = loaded_libraries(&binary);
    assert!(!libs.contains("libczmq"), "{libs}");
    if vendored() {
        assert!(!libs.contains("libzmq.so"), "{libs}");
    }
}
