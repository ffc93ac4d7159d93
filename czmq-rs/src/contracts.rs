//! The thread and lifetime contracts, proved by code that must not compile
//! (rustdoc's `compile_fail` doctests; each has a compiling twin below it, so
//! a typo cannot make a case pass).
//!
//! A libzmq socket must not be used from two threads at once: `Socket` is
//! `Send` but not `Sync`, so a shared reference cannot reach another thread.
//!
//! ```compile_fail
//! use czmq::{Context, SocketType};
//! let socket = Context::new().unwrap().socket(SocketType::Pair).unwrap();
//! std::thread::scope(|s| {
//!     s.spawn(|| socket.send("from another thread"));
//! });
//! ```
//!
//! Moving it to another thread is fine:
//!
//! ```
//! use czmq::{Context, SocketType};
//! let socket = Context::new().unwrap().socket(SocketType::Pair).unwrap();
//! std::thread::spawn(move || drop(socket)).join().unwrap();
//! ```
//!
//! The bytes of a message are borrowed from it (zero-copy): they cannot
//! outlive it.
//!
//! ```compile_fail
//! use czmq::Message;
//! let bytes: &[u8];
//! {
//!     let msg = Message::from(vec![7u8; 64]);
//!     bytes = &msg;
//! }
//! println!("{bytes:?}");
//! ```
//!
//! ```
//! use czmq::Message;
//! let msg = Message::from(vec![7u8; 64]);
//! let bytes: &[u8] = &msg;
//! println!("{bytes:?}");
//! ```
//!
//! Cloning a message updates libzmq's header of the original, so two threads
//! must not share one: `Message` is `Send` but not `Sync`.
//!
//! ```compile_fail
//! use czmq::Message;
//! let msg = Message::from(vec![0u8; 100]);
//! std::thread::scope(|s| {
//!     s.spawn(|| msg.clone());
//! });
//! ```
//!
//! ```
//! use czmq::Message;
//! let msg = Message::from(vec![0u8; 100]);
//! std::thread::spawn(move || msg.clone()).join().unwrap();
//! ```
//!
//! A zero-copy owner is dropped by whichever thread releases the message last
//! (often libzmq's I/O thread), so it must be `Send`: an `Rc` is refused.
//!
//! ```compile_fail
//! use std::rc::Rc;
//! let shared: Rc<[u8]> = Rc::from(vec![1u8; 64]);
//! let _msg = czmq::Message::from_owned(shared);
//! ```
//!
//! ```
//! use std::sync::Arc;
//! let shared: Arc<[u8]> = Arc::from(vec![1u8; 64]);
//! let _msg = czmq::Message::from_owned(shared);
//! ```
