//! Multithreaded relay (Guide, chapter 2): three steps in a chain, each on
//! its own thread, each signalling the next over an inproc PAIR socket.
//! Binding before the next step starts means no signal can be lost.
//!
//! `cargo run --example mtrelay`

use czmq::{Context, SocketType};

fn step1(ctx: Context) -> Result<(), czmq::Error> {
    // Connect to step2 and tell it we're ready
    let xmitter = ctx.socket(SocketType::Pair)?;
    xmitter.connect("inproc://step2")?;
    println!("Step 1 ready, signaling step 2");
    xmitter.send("READY")
}

fn step2(ctx: Context) -> Result<(), czmq::Error> {
    // Bind inproc socket before starting step1
    let receiver = ctx.socket(SocketType::Pair)?;
    receiver.bind("inproc://step2")?;
    let first = {
        let ctx = ctx.clone();
        std::thread::spawn(move || step1(ctx))
    };
    // Wait for signal, then pass it on
    receiver.recv_string()?;
    first.join().expect("step 1 panicked")?;

    // Connect to step3 and tell it we're ready
    let xmitter = ctx.socket(SocketType::Pair)?;
    xmitter.connect("inproc://step3")?;
    println!("Step 2 ready, signaling step 3");
    xmitter.send("READY")
}

fn main() -> Result<(), czmq::Error> {
    let ctx = Context::new()?;
    // Bind inproc socket before starting step2
    let receiver = ctx.socket(SocketType::Pair)?;
    receiver.bind("inproc://step3")?;
    let second = {
        let ctx = ctx.clone();
        std::thread::spawn(move || step2(ctx))
    };
    // Wait for signal
    receiver.recv_string()?;
    second.join().expect("step 2 panicked")?;
    println!("Test successful!");
    Ok(())
}
