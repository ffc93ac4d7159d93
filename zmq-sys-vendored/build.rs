//! Builds or finds libzmq, and (with the `bindgen` feature) regenerates the bindings.
//!
//! Vendored (default): the libzmq 4.3.5 tree comes from the crates.io package
//! pinned in `vendor/PIN` (a build-dependency, so Cargo downloads it with
//! everything else; we locate it through `cargo metadata`), and is compiled
//! with `cc` using our own configuration from `vendor/`: `platform.hpp` and
//! `sources.txt`. libsodium comes from `libsodium-sys-stable`, so CURVE works
//! with no system package.
//!
//! System (feature `system`, or `ZMQ_SYS_SYSTEM=1`): libzmq is found with
//! pkg-config.

use std::env;
use std::path::{Path, PathBuf};
#[cfg(feature = "vendored")]
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=ZMQ_SYS_SYSTEM");
    println!("cargo::rustc-check-cfg=cfg(zmq_system)");

    let want_system =
        cfg!(feature = "system") || env::var("ZMQ_SYS_SYSTEM").is_ok_and(|v| v == "1");
    let include_dir = if want_system {
        link_system()
    } else {
        build_vendored()
    };
    println!("cargo:include={}", include_dir.display());
    generate_bindings(&include_dir);
}

#[cfg(feature = "system")]
fn link_system() -> PathBuf {
    let lib = pkg_config::Config::new()
        .atleast_version("4.3.0")
        .probe("libzmq")
        .unwrap_or_else(|e| panic!("system libzmq >= 4.3 not found by pkg-config: {e}"));
    println!("cargo:rustc-cfg=zmq_system");
    lib.include_paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("/usr/include"))
}

#[cfg(not(feature = "system"))]
fn link_system() -> PathBuf {
    // ZMQ_SYS_SYSTEM=1 without the pkg-config dependency: trust the default paths.
    println!("cargo:rustc-link-lib=zmq");
    println!("cargo:rustc-cfg=zmq_system");
    PathBuf::from("/usr/include")
}

#[cfg(feature = "vendored")]
fn build_vendored() -> PathBuf {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let config_dir = manifest_dir.join("../vendor");
    for file in ["platform.hpp", "sources.txt", "PIN"] {
        println!("cargo:rerun-if-changed={}", config_dir.join(file).display());
    }
    let pin = std::fs::read_to_string(config_dir.join("PIN")).expect("vendor/PIN");
    let (pkg_name, pkg_version) = parse_pin(&pin);
    let tree = locate_package(pkg_name, pkg_version).join("vendor");

    let sources =
        std::fs::read_to_string(config_dir.join("sources.txt")).expect("vendor/sources.txt");
    let units = sources
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|unit| tree.join("src").join(unit));

    let sodium_include = env::var("DEP_SODIUM_INCLUDE").expect("libsodium-sys-stable include");
    let target = env::var("TARGET").unwrap();

    let mut build = cc::Build::new();
    build
        .cpp(true)
        .std("c++11")
        .warnings(false)
        .include(&config_dir) // our platform.hpp
        .include(tree.join("include"))
        .include(tree.join("src"))
        .include(tree.join("external/sha1"))
        .include(&sodium_include)
        .define("ZMQ_STATIC", None)
        .define("ZMQ_HAVE_CURVE", None)
        .define("ZMQ_USE_LIBSODIUM", None)
        .define("SODIUM_STATIC", None)
        .define("_REENTRANT", None)
        .define("_THREAD_SAFE", None)
        // As libzmq's own builds (autotools and CMake, so Debian's): only
        // the zmq_* API (ZMQ_EXPORT, visibility "default") is visible, and
        // the internals, no longer interposable under -fPIC, are inlined and
        // called directly (msg_t::check into msg_t::size, ...).
        .flag_if_supported("-fvisibility=hidden")
        // cc forces frame pointers, leaf functions' too, whenever debug info
        // is on (our release profile has `debug = 1`): 3 instructions more
        // per call, in a library of many small calls. libzmq's own builds
        // and Debian's do not keep them. (RUSTFLAGS=-Cforce-frame-pointers=yes
        // still reaches libzmq: cc reads it from CARGO_ENCODED_RUSTFLAGS.)
        .force_frame_pointer(false)
        .files(units)
        .file(tree.join("external/sha1/sha1.c"));
    if cfg!(feature = "draft") {
        build.define("ZMQ_BUILD_DRAFT_API", None);
    }
    if target.contains("musl") || target.contains("android") {
        build.define("ZMQ_HAVE_STRLCPY", None);
    }
    build.compile("zmq");
    // libzmq is C++ and uses libsodium: the final link needs both runtimes.
    println!("cargo:rustc-link-lib=stdc++");
    println!("cargo:rustc-link-lib=pthread");
    tree.join("include")
}

#[cfg(not(feature = "vendored"))]
fn build_vendored() -> PathBuf {
    panic!("zmq-sys-vendored: enable feature `vendored` (default) or `system`");
}

/// `vendor/PIN` holds one line: `<crate> =<version>`.
#[cfg(feature = "vendored")]
fn parse_pin(pin: &str) -> (&str, &str) {
    let line = pin
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .expect("vendor/PIN is empty");
    let (name, version) = line
        .split_once(' ')
        .expect("vendor/PIN: `<crate> =<version>`");
    (name.trim(), version.trim().trim_start_matches('='))
}

/// Finds the source directory of the pinned package through `cargo metadata`,
/// which knows where Cargo unpacked it (no guessing of registry paths).
///
/// Asking about our own workspace would make Cargo want every package in its
/// lock file, dev- and optional ones included, which an offline build may not
/// have. So we ask about a one-dependency probe manifest instead: the pinned
/// package is our build-dependency, so it and its own dependencies are already
/// on disk and `--offline` always succeeds.
#[cfg(feature = "vendored")]
fn locate_package(name: &str, version: &str) -> PathBuf {
    let probe = PathBuf::from(env::var("OUT_DIR").unwrap()).join("locate-pin");
    std::fs::create_dir_all(probe.join("src")).expect("create probe dir");
    std::fs::write(
        probe.join("Cargo.toml"),
        format!(
            "[package]\nname = \"locate-pin\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\n{name} = \"={version}\"\n\n[workspace]\n"
        ),
    )
    .expect("write probe manifest");
    std::fs::write(probe.join("src/lib.rs"), "").expect("write probe lib");

    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--offline",
            "--filter-platform",
        ])
        .arg(env::var("TARGET").unwrap())
        .arg("--manifest-path")
        .arg(probe.join("Cargo.toml"))
        .output()
        .expect("run cargo metadata");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&output.stdout).expect("metadata json");
    let packages = meta["packages"].as_array().expect("packages");
    let pkg = packages
        .iter()
        .find(|p| p["name"] == name && p["version"] == version)
        .unwrap_or_else(|| panic!("{name} {version} (vendor/PIN) not in cargo metadata"));
    let manifest = PathBuf::from(pkg["manifest_path"].as_str().unwrap());
    manifest.parent().unwrap().to_path_buf()
}

#[cfg(feature = "bindgen")]
fn generate_bindings(include_dir: &Path) {
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let header = include_dir.join("zmq.h");
    for (file, draft) in [("bindings.rs", false), ("bindings_draft.rs", true)] {
        let mut builder = bindgen::Builder::default()
            .header(header.to_str().unwrap())
            .allowlist_function("zmq_.*")
            .allowlist_type("zmq_.*")
            .allowlist_var("ZMQ_.*")
            .allowlist_var("EFSM|ENOCOMPATPROTO|ETERM|EMTHREAD")
            .default_macro_constant_type(bindgen::MacroTypeVariation::Signed)
            .size_t_is_usize(true)
            .layout_tests(false)
            .derive_default(true)
            .raw_line("// Generated by bindgen from libzmq 4.3.5's zmq.h; do not edit.")
            .raw_line("// Regenerate: cargo build -p zmq-sys-vendored --features bindgen");
        if draft {
            builder = builder.clang_arg("-DZMQ_BUILD_DRAFT_API");
        }
        let bindings = builder.generate().expect("bindgen zmq.h");
        bindings
            .write_to_file(out.join(file))
            .expect("write bindings");
    }
}

#[cfg(not(feature = "bindgen"))]
fn generate_bindings(_include_dir: &Path) {}
