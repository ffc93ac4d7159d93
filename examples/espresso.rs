//! Espresso pattern (Guide, chapter 5): tracing a pub-sub flow. A proxy
//! between a publisher (PUB on tcp://*:6000) and a subscriber (SUB on the
//! proxy's XPUB, tcp://*:6001) copies everything it forwards, data and
//! subscriptions alike, to a listener that prints it.
//!
//! `cargo run --example espresso [publisher-port proxy-port]`
//!
//! Ends when the subscriber has had 5 messages on topics "A" and "B".

use std::time::Duration;

use czmq::{poll, zclock, Actor, Msg, PollEvents, PollItem, Sock, ZProxy};

/// Publishes "<letter>-<number>" on random letters A..J, ten per second,
/// until told to stop.
fn publisher(pipe: Sock, port: u16) -> Result<(), czmq::Error> {
    let publisher = Sock::new_pub(Some(&format!("tcp://*:{port}")))?;
    pipe.signal(0)?;
    let mut seed = zclock::usecs().unsigned_abs() | 1;
    loop {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let letter = char::from(b'A' + (seed % 10) as u8);
        publisher
            .as_socket()
            .send(format!("{letter}-{:05}", (seed >> 8) % 100_000))?;
        let mut items = [PollItem::socket(&pipe, PollEvents::POLLIN)];
        if poll(&mut items, Some(Duration::from_millis(100)))? > 0 {
            return Ok(()); // $TERM
        }
    }
}

/// Subscribes to "A" and "B" and takes 5 messages.
fn subscriber(port: u16) -> Result<(), czmq::Error> {
    let subscriber = Sock::new_sub(Some(&format!("tcp://localhost:{port}")), Some("A"))?;
    subscriber.as_socket().set_subscribe(b"B")?;
    subscriber
        .as_socket()
        .set_rcvtimeo(Some(Duration::from_secs(10)))?;
    for _ in 0..5 {
        subscriber.as_socket().recv_string()?;
    }
    Ok(())
}

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<u16>().ok());
    let pub_port = args.next().flatten().unwrap_or(6000);
    let proxy_port = args.next().flatten().unwrap_or(6001);

    let listener = Sock::new_pull(Some("@inproc://espresso-listener"))?;
    let _publisher = Actor::new(move |pipe| publisher(pipe, pub_port))?;
    let proxy = ZProxy::new()?;
    proxy.frontend("XSUB", &format!(">tcp://localhost:{pub_port}"))?;
    proxy.backend("XPUB", &format!("@tcp://*:{proxy_port}"))?;
    proxy.capture("inproc://espresso-listener")?;
    let subscriber = std::thread::spawn(move || subscriber(proxy_port));

    // Print what the proxy sees until the subscriber is done.
    while !subscriber.is_finished() {
        let mut items = [PollItem::socket(&listener, PollEvents::POLLIN)];
        if poll(&mut items, Some(Duration::from_millis(100)))? > 0 {
            for frame in Msg::recv(&listener)? {
                match frame
                    .as_str()
                    .filter(|s| s.chars().all(|c| !c.is_control()))
                {
                    Some(text) => println!("[{:03}] {text}", frame.size()),
                    None => println!("[{:03}] {}", frame.size(), frame.strhex()),
                }
            }
        }
    }
    let outcome = subscriber
        .join()
        .unwrap_or_else(|_| Err(czmq::Error::Malformed("subscriber panicked".into())));
    outcome?;
    println!("I: subscriber got 5 messages");
    Ok(())
}
