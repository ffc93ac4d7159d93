//! The C face's binary interface against CZMQ 4.2.1's.
//!
//! - `symbol_diff`: what our installed libczmq.so exports
//!   (`nm -D --defined-only`) against ../shared/spec/czmq-4.2.1-stable-api.txt
//!   (the 690 functions and variables of CZMQ 4.2.1's stable API that
//!   Debian's libczmq.so.4 exports), as a table per class, and the whole-API
//!   count.
//! - `complete_classes_export_every_stable_symbol`: zero missing for every
//!   class in [`COMPLETE`] (a list that grows as classes land).
//! - `debian_built_binaries_run_on_ours`: the project's own C selftests
//!   (tests/c/*_selftest.c) compiled against Debian's CZMQ (libczmq-dev's
//!   czmq.h, linked against its libczmq.so.4) and run with our library first
//!   on LD_LIBRARY_PATH: the binary compatibility a C project relies on when
//!   it swaps CZMQ for ours without rebuilding.
//!
//! All ignored: they need files outside the repository (the API list) or
//! Debian's libczmq-dev; .ci/run runs them.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use support::declared::{self, Outcome};
use support::install::{self, cc, prefix};

/// Classes whose every stable function our library exports; the test
/// fails if one goes missing. Add a class when it is complete.
const COMPLETE: &[&str] = &[
    "zactor",
    "zarmour",
    "zauth",
    "zbeacon",
    "zcert",
    "zcertstore",
    "zchunk",
    "zclock",
    "zconfig",
    "zctx",
    "zdigest",
    "zdir",
    "zdir_patch",
    "zfile",
    "zframe",
    "zgossip",
    "zhash",
    "zhashx",
    "ziflist",
    "zlist",
    "zlistx",
    "zloop",
    "zmonitor",
    "zmsg",
    "zpoller",
    "zproxy",
    "zrex",
    "zsock",
    "zstr",
    "zsys",
    "zuuid",
];

/// Programs of tests/c that, built against Debian's CZMQ, must run on ours.
/// Add a program once it does.
const BINARY_COMPATIBLE: &[&str] = &[
    "zactor_selftest",
    "zconfig_selftest",
    "zframe_selftest",
    "zgossip_selftest",
    "zloop_selftest",
    "zmsg_selftest",
    "zpoller_selftest",
    "zsock_picture_selftest",
    "zsock_selftest",
    "zstr_selftest",
    "zsys_selftest",
];

/// CZMQ 4.2.1's stable classes (and the actor functions that are a class of
/// their own), longest match first when classifying a symbol.
const CLASSES: &[&str] = &[
    "zactor",
    "zarmour",
    "zauth",
    "zbeacon",
    "zcert",
    "zcertstore",
    "zchunk",
    "zclock",
    "zconfig",
    "zctx",
    "zdigest",
    "zdir",
    "zdir_patch",
    "zfile",
    "zframe",
    "zgossip",
    "zhash",
    "zhashx",
    "ziflist",
    "zlist",
    "zlistx",
    "zloop",
    "zmonitor",
    "zmsg",
    "zpoller",
    "zproxy",
    "zrex",
    "zsock",
    "zstr",
    "zsys",
    "zuuid",
];

/// The class a symbol belongs to: the longest class name it equals or
/// starts with followed by `_`.
fn class_of(symbol: &str) -> &'static str {
    CLASSES
        .iter()
        .filter(|class| {
            symbol == **class
                || symbol
                    .strip_prefix(**class)
                    .is_some_and(|rest| rest.starts_with('_'))
        })
        .max_by_key(|class| class.len())
        .copied()
        .unwrap_or("(other)")
}

/// CZMQ 4.2.1's stable API: $CZMQ_RS_SPEC or ../shared/spec next to the
/// workspace.
fn stable_api() -> Vec<String> {
    let path = std::env::var_os("CZMQ_RS_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/czmq-4.2.1-stable-api.txt")
        });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (set CZMQ_RS_SPEC to CZMQ 4.2.1's stable API list)",
            path.display()
        )
    });
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// The symbols our installed shared library defines and exports.
fn exported() -> BTreeSet<String> {
    let library = prefix().join("lib/libczmq.so.4");
    let out = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(&library)
        .output()
        .expect("nm (binutils) must be installed");
    assert!(
        out.status.success(),
        "nm {}: {}",
        library.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().nth(2))
        .map(|name| name.split('@').next().unwrap_or(name).to_owned())
        .collect()
}

/// Per class: (stable symbols we export, stable symbols we don't).
type Diff = BTreeMap<&'static str, (usize, Vec<String>)>;

fn diff() -> Diff {
    let ours = exported();
    let mut table = Diff::new();
    for symbol in stable_api() {
        let entry = table.entry(class_of(&symbol)).or_default();
        if ours.contains(&symbol) {
            entry.0 += 1;
        } else {
            entry.1.push(symbol);
        }
    }
    table
}

fn print_table(table: &Diff) {
    println!(
        "{:<12} {:>5} {:>6} {:>8}  missing",
        "class", "have", "of", "missing"
    );
    let (mut have, mut total) = (0, 0);
    for (class, (present, missing)) in table {
        println!(
            "{class:<12} {present:>5} {:>6} {:>8}  {}",
            present + missing.len(),
            missing.len(),
            missing.join(" ")
        );
        have += present;
        total += present + missing.len();
    }
    println!(
        "whole stable API: {have} of {total} exported, {} missing",
        total - have
    );
}

#[test]
#[ignore = "needs ../shared/spec (CZMQ 4.2.1's stable API list); run by .ci/run"]
fn symbol_diff() {
    let table = diff();
    print_table(&table);
    let total: usize = table
        .values()
        .map(|(have, missing)| have + missing.len())
        .sum();
    assert_eq!(total, stable_api().len(), "every symbol has one row");
    assert!(total > 600, "the stable API list looks truncated: {total}");
}

#[test]
#[ignore = "needs ../shared/spec (CZMQ 4.2.1's stable API list); run by .ci/run"]
fn complete_classes_export_every_stable_symbol() {
    let table = diff();
    let incomplete: Vec<String> = COMPLETE
        .iter()
        .filter_map(|class| {
            let (_, missing) = table
                .get(class)
                .unwrap_or_else(|| panic!("{class} has no stable symbols?"));
            (!missing.is_empty()).then(|| format!("{class}: {}", missing.join(" ")))
        })
        .collect();
    assert!(
        incomplete.is_empty(),
        "classes declared complete miss stable symbols:\n{}",
        incomplete.join("\n")
    );
    let newly_complete: Vec<&str> = table
        .iter()
        .filter(|(class, (have, missing))| {
            missing.is_empty() && *have > 0 && !COMPLETE.contains(class)
        })
        .map(|(class, _)| *class)
        .collect();
    if !newly_complete.is_empty() {
        println!(
            "complete but not declared in COMPLETE (tests/abi.rs): {}",
            newly_complete.join(" ")
        );
    }
}

#[test]
fn symbols_are_classified_by_the_longest_class_name() {
    assert_eq!(class_of("zdir_patch_new"), "zdir_patch");
    assert_eq!(class_of("zdir_new"), "zdir");
    assert_eq!(class_of("zhashx_insert"), "zhashx");
    assert_eq!(class_of("zhash_insert"), "zhash");
    assert_eq!(class_of("zcertstore_new"), "zcertstore");
    assert_eq!(class_of("zgossip"), "zgossip");
    assert_eq!(class_of("zsys_interrupted"), "zsys");
    assert_eq!(class_of("zmq_ctx_new"), "(other)");
}

// ---- Binaries built against Debian's CZMQ, run on ours ----

/// The C selftests of tests/c (each takes a scratch directory and prints
/// "<name>: OK").
fn c_selftests() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/c");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("read tests/c")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix("_selftest.c")
                .map(|stem| format!("{stem}_selftest"))
        })
        .collect();
    names.sort();
    names
}

fn scratch() -> PathBuf {
    let dir = install::process_scratch_dir(&format!(
        "abi-debian-built-{}",
        install::features().join("-")
    ));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Compiles `source` against Debian's CZMQ into `binary`.
fn build_against_debian(source: &Path, binary: &Path) -> Result<(), String> {
    let out = cc()
        .args(["-std=gnu99", "-D_POSIX_C_SOURCE=200809L", "-o"])
        .arg(binary)
        .arg(source)
        .args(install::debian_czmq_flags())
        .arg("-ldl")
        .output()
        .expect("a C compiler (cc) must be installed");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// A command running `binary` with our library first on LD_LIBRARY_PATH.
fn on_ours(binary: &Path) -> Command {
    let mut command = Command::new(binary);
    command.env("LD_LIBRARY_PATH", prefix().join("lib"));
    command
}

/// Which libczmq.so.4 the dynamic linker picks for `binary` on our path.
fn loaded_libczmq(binary: &Path) -> String {
    let out = Command::new("ldd")
        .arg(binary)
        .env("LD_LIBRARY_PATH", prefix().join("lib"))
        .output()
        .expect("ldd");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find(|l| l.contains("libczmq"))
        .unwrap_or("(no libczmq)")
        .trim()
        .to_owned()
}

/// A program built against Debian's CZMQ that asks the running process
/// whether the czmq-rs library is the one loaded (`czmq_rs_version`, which
/// only ours defines, found with dlsym) and prints its version.
const PROBE: &str = r#"
#include <czmq.h>
#include <dlfcn.h>
int main (void)
{
    const char *(*version) (void) =
        (const char *(*) (void)) dlsym (RTLD_DEFAULT, "czmq_rs_version");
    zsock_t *sock = zsock_new (ZMQ_PUB);
    if (!sock)
        return 2;
    zsock_destroy (&sock);
    printf ("%s\n", version ? version () : "(not czmq-rs)");
    return version ? 0 : 1;
}
"#;

#[test]
#[ignore = "interop: needs Debian's libczmq-dev (installed by .ci/run)"]
fn debian_built_binaries_run_on_ours() {
    let dir = scratch();
    // First: the process really loads our library.
    let probe_source = dir.join("probe.c");
    std::fs::write(&probe_source, PROBE).expect("write probe");
    let probe = dir.join("probe");
    build_against_debian(&probe_source, &probe).expect("the probe builds against Debian's CZMQ");
    let loaded = loaded_libczmq(&probe);
    assert!(
        loaded.contains(&prefix().join("lib").display().to_string()),
        "LD_LIBRARY_PATH does not put our libczmq first: {loaded}"
    );
    let out = install::run(on_ours(&probe), Duration::from_secs(30));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains(env!("CARGO_PKG_VERSION")),
        "the probe does not run on czmq-rs ({}): {stdout}{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    println!("probe: runs on czmq-rs {}", stdout.trim());

    // Programs not yet declared compatible only report, unless this test
    // is asked for by name (see tests/support/declared.rs).
    let strict = declared::asked_for("debian_built_binaries_run_on_ours");
    let mut failures = Vec::new();
    for name in c_selftests() {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/c/{name}.c"));
        let binary = dir.join(&name);
        let outcome = match build_against_debian(&source, &binary) {
            Err(complaint) => Outcome::Failed {
                summary: "does not build against Debian's CZMQ".into(),
                details: complaint,
            },
            Ok(()) => {
                let mut command = on_ours(&binary);
                command.arg(&dir);
                match install::run_or_time_out(command, Duration::from_secs(60)) {
                    None => Outcome::Failed {
                        summary: "timed out after 60 s".into(),
                        details: String::new(),
                    },
                    Some(out)
                        if out.status.success()
                            && String::from_utf8_lossy(&out.stdout)
                                .contains(&format!("{name}: OK")) =>
                    {
                        Outcome::Passed
                    }
                    Some(out) => {
                        let stderr = String::from_utf8_lossy(&out.stderr);
                        Outcome::Failed {
                            summary: format!(
                                "{}: {}",
                                out.status,
                                stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("")
                            ),
                            details: format!("{}\n{stderr}", String::from_utf8_lossy(&out.stdout)),
                        }
                    }
                }
            }
        };
        let declared = BINARY_COMPATIBLE.contains(&name.as_str());
        match outcome {
            Outcome::Passed if declared => println!("debian-built {name}: passed"),
            Outcome::Passed => println!(
                "debian-built {name}: passed, but is not declared: add it to BINARY_COMPATIBLE"
            ),
            Outcome::Failed { summary, details } => {
                println!("debian-built {name}: FAILED: {summary}");
                if declared || strict {
                    failures.push(format!("{name}: {summary}\n{details}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "binaries built against Debian's CZMQ fail on ours:\n{}",
        failures.join("\n")
    );
}
