//! Round-trip demonstrator (Guide, chapter 4): why Majordomo's
//! asynchronous client is faster. A client, a broker (a DEALER-DEALER
//! proxy) and an echo worker; the client times requests sent one at a time
//! against requests sent all at once.
//!
//! `cargo run --example tripping [requests] [frontend-port backend-port]`
//!
//! Defaults: 10000 requests, ports 5555 and 5556.

use std::time::{Duration, Instant};

use czmq::{proxy, zclock, Msg, Sock};

/// Runs a task on its own thread for the life of the process; a failure
/// ends the process.
fn background(task: impl FnOnce() -> Result<(), czmq::Error> + Send + 'static) {
    std::thread::spawn(move || {
        if let Err(e) = task() {
            println!("E: {e}");
            std::process::exit(1);
        }
    });
}

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<u32>().ok());
    let requests = args.next().flatten().unwrap_or(10_000);
    let frontend = args.next().flatten().unwrap_or(5555);
    let backend = args.next().flatten().unwrap_or(5556);

    background(move || {
        let front = Sock::new_dealer(Some(&format!("@tcp://*:{frontend}")))?;
        let back = Sock::new_dealer(Some(&format!("@tcp://*:{backend}")))?;
        proxy(&front, &back, None)
    });
    background(move || {
        let worker = Sock::new_dealer(Some(&format!("tcp://localhost:{backend}")))?;
        loop {
            Msg::recv(&worker)?.send(&worker)?; // echo
        }
    });

    let client = Sock::new_dealer(Some(&format!("tcp://localhost:{frontend}")))?;
    client
        .as_socket()
        .set_rcvtimeo(Some(Duration::from_secs(10)))?;
    println!("Setting up test...");
    zclock::sleep(Duration::from_millis(100));
    let rate =
        |start: Instant| (f64::from(requests) / start.elapsed().as_secs_f64().max(1e-9)) as u64;

    println!("Synchronous round-trip test...");
    let start = Instant::now();
    for _ in 0..requests {
        client.as_socket().send("hello")?;
        client.as_socket().recv_msg()?;
    }
    println!(" {} calls/second", rate(start));

    println!("Asynchronous round-trip test...");
    let start = Instant::now();
    for _ in 0..requests {
        client.as_socket().send("hello")?;
    }
    for _ in 0..requests {
        client.as_socket().recv_msg()?;
    }
    println!(" {} calls/second", rate(start));
    Ok(())
}
