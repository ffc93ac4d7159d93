//! A gossip node in a tokio program: it reacts to deliveries as they come
//! (answering every `ping/N` tuple with `pong/N`) while a timer reports the
//! node's tuple count, all on one thread and without blocking waits.
//!
//! ```sh
//! cargo run -p gossip --features tokio --example gossip_tokio -- tcp://127.0.0.1:0
//! # in another shell, with the port it printed:
//! zgossip --connect tcp://127.0.0.1:PORT --publish ping/1=hello
//! ```
//! Arguments: the endpoint to bind (default tcp://127.0.0.1:0, a port the kernel picks) and, optionally,
//! another node's endpoint to connect to. It prints `BOUND endpoint`, one
//! line per delivery, and exits when a tuple with key `stop` arrives.

use std::time::Duration;

use futures::StreamExt;
use gossip::{Deliveries, Delivery, Gossip};

#[tokio::main(flavor = "current_thread")]
async fn main() -> czmq::Result<()> {
    let mut args = std::env::args().skip(1);
    let endpoint = args.next().unwrap_or_else(|| "tcp://127.0.0.1:0".into());
    let mut node = Deliveries::new(Gossip::new("gossip-tokio")?)?;
    let port = node.gossip().bind(&endpoint)?;
    println!("BOUND tcp://127.0.0.1:{port}");
    if let Some(peer) = args.next() {
        node.gossip().connect(&peer)?;
    }
    let mut report = tokio::time::interval(Duration::from_secs(5));
    let mut answered = 0;
    loop {
        tokio::select! {
            delivery = node.next() => {
                let Some(delivery) = delivery else {
                    eprintln!("the node has ended");
                    break;
                };
                match delivery {
                    Delivery::Tuple { key, value } => {
                        let key = String::from_utf8_lossy(&key).into_owned();
                        println!("DELIVER {key} {}", String::from_utf8_lossy(&value));
                        if key == "stop" {
                            break;
                        }
                        if let Some(n) = key.strip_prefix("ping/") {
                            node.gossip().publish(format!("pong/{n}"), &value)?;
                            answered += 1;
                        }
                    }
                    Delivery::Removed { key } => {
                        println!("REMOVE {}", String::from_utf8_lossy(&key));
                    }
                }
            }
            _ = report.tick() => {
                println!("STATUS {} tuples", node.gossip().status()?);
            }
        }
    }
    println!("ANSWERED {answered}");
    Ok(())
}
