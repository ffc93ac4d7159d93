//! The thread and lifetime contracts are enforced by the types: each file in
//! tests/ui must fail to compile, with the error recorded next to it.
//!
//! The recorded `.stderr` files quote definitions from czmq-rs/src (without
//! line numbers); after an edit to a quoted line, regenerate them with
//! `TRYBUILD=overwrite cargo test -p czmq-rs --test compile_fail` and review
//! the diff.
//!
//! trybuild builds the crate again, with the features of this run, in its own
//! target directory; with `draft` that means compiling libzmq once more for
//! types that are the same, so the check runs on non-draft builds only.
#![cfg(not(feature = "draft"))]

#[test]
fn misuse_does_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
