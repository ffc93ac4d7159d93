//! Reports the libzmq version (Guide, chapter 1).
//!
//! `cargo run --example version`

fn main() {
    let (major, minor, patch) = czmq::version();
    println!("Current 0MQ version is {major}.{minor}.{patch}");
}
