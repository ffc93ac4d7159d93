//! The C face: CZMQ 4.2's C API over the Rust objects, one module per
//! class, declared in include/czmq.h. Every function is a thin
//! `extern "C"` wrapper: C gets `Box::into_raw` pointers, destructors take
//! `T **` and NULL it, no panic crosses the boundary (ffi::guard), and
//! strings given to C come from libc's malloc (freed by zstr_free).
//! The variadic entry points are in `src/shim/<class>.c`, built by build.rs.

mod actors;
mod containers;
mod ffi;
pub mod zactor;
pub mod zarmour;
pub mod zcert;
pub mod zcertstore;
pub mod zchunk;
pub mod zclock;
pub mod zconfig;
pub mod zdigest;
pub mod zdir;
pub mod zdir_patch;
pub mod zfile;
pub mod zframe;
pub mod zhash;
pub mod zhashx;
pub mod ziflist;
pub mod zlist;
pub mod zlistx;
pub mod zloop;
pub mod zmsg;
pub mod zpoller;
pub mod zrex;
pub mod zsock;
pub mod zsock_option;
pub mod zsock_picture;
pub mod zstr;
pub mod zsys;
pub mod zuuid;

use std::ffi::c_char;

/// `const char *czmq_rs_version (void)`: identifies this library (a symbol
/// the real CZMQ does not have, so tests can tell which one they linked).
#[no_mangle]
pub extern "C" fn czmq_rs_version() -> *const c_char {
    concat!("czmq-rs ", env!("CARGO_PKG_VERSION"), "\0").as_ptr() as *const c_char
}
