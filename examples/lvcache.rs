//! Last value cache (Guide, chapter 5): a proxy that remembers the last
//! value of each topic and hands it to every new subscriber at once, so
//! late joiners need not wait for the next update. The publisher connects
//! to the cache's SUB on tcp://*:5557; subscribers to its XPUB on
//! tcp://*:5558, which shows the cache every new subscription.
//!
//! `cargo run --example lvcache [frontend backend]`
//!
//! Try it with `pathopub tcp://localhost:5557` and `pathosub tcp://localhost:5558`.

use std::collections::HashMap;

use czmq::{poll, Msg, PollEvents, PollItem, Sock};

fn main() -> Result<(), czmq::Error> {
    let mut args = std::env::args().skip(1);
    let frontend_ep = args.next().unwrap_or_else(|| "tcp://*:5557".into());
    let backend_ep = args.next().unwrap_or_else(|| "tcp://*:5558".into());
    let frontend = Sock::new_sub(Some(&format!("@{frontend_ep}")), Some(""))?;
    let backend = Sock::new_xpub(Some(&backend_ep))?;

    // topic -> last value seen
    let mut cache: HashMap<Vec<u8>, Vec<u8>> = HashMap::new();
    loop {
        let mut items = [
            PollItem::socket(&frontend, PollEvents::POLLIN),
            PollItem::socket(&backend, PollEvents::POLLIN),
        ];
        poll(&mut items, None)?;
        if items[0].is_readable() {
            // An update, topic and value: remember it and pass it on.
            let msg = Msg::recv(&frontend)?;
            if let (Some(topic), Some(value)) = (msg.get(0), msg.get(1)) {
                cache.insert(topic.data().to_vec(), value.data().to_vec());
            }
            msg.send(&backend)?;
        }
        if items[1].is_readable() {
            // A subscription event: 1 then the topic for a new subscription.
            let event = backend.as_socket().recv_bytes()?;
            if let Some((1, topic)) = event.split_first() {
                println!("Sending cached topic {}", String::from_utf8_lossy(topic));
                if let Some(value) = cache.get(topic) {
                    backend.send_parts(&[topic, value.as_slice()])?;
                }
            }
        }
    }
}
