//! Builds the C face's variadic shim (src/shim/*.c) into the library and
//! ships libzmq's zmq.h next to our czmq.h: include/czmq.h includes
//! <zmq.h>, and the header must match the libzmq compiled into this
//! library, so it is copied from the zmq-sys-vendored build (its
//! `links = "zmq"` metadata, DEP_ZMQ_INCLUDE) into $OUT_DIR/include. The
//! path is exported to the package's tests as CZMQ_RS_ZMQ_H, and
//! include/install.sh finds it there.

use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    // The variadic half of the C face: one C file per class in src/shim/.
    println!("cargo:rerun-if-changed=src/shim");
    let mut shim = cc::Build::new();
    let mut sources: Vec<PathBuf> = fs::read_dir("src/shim")
        .expect("read src/shim")
        .map(|entry| entry.expect("src/shim entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "c" || ext == "h"))
        .collect();
    sources.sort();
    for source in &sources {
        println!("cargo:rerun-if-changed={}", source.display());
        if source.extension().is_some_and(|ext| ext == "c") {
            shim.file(source);
        }
    }
    shim.warnings(true)
        .flag_if_supported("-std=c99")
        .compile("czmq_shim");

    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let include = out.join("include");
    fs::create_dir_all(&include).expect("create $OUT_DIR/include");
    let source = env::var("DEP_ZMQ_INCLUDE")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("/usr/include"))
        .join("zmq.h");
    println!("cargo:rerun-if-changed={}", source.display());
    let target = include.join("zmq.h");
    fs::copy(&source, &target)
        .unwrap_or_else(|e| panic!("copy {} to {}: {e}", source.display(), target.display()));
    println!("cargo:rustc-env=CZMQ_RS_ZMQ_H={}", target.display());
}
