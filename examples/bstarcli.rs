//! Binary Star client (Guide, chapter 4): a Lazy Pirate client that fails
//! over between the primary (tcp://localhost:5001) and the backup
//! (tcp://localhost:5002) when a request gets no reply in a second.
//!
//! `cargo run --example bstarcli [primary backup] [requests]`

use std::time::Duration;

use czmq::{poll, zclock, PollEvents, PollItem, Sock};

const REQUEST_TIMEOUT: Duration = Duration::from_millis(1000);
/// Give the backup time to notice the primary is gone before we ask it.
const SETTLE_DELAY: Duration = Duration::from_millis(2000);

fn main() -> Result<(), czmq::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let servers = match args.as_slice() {
        [primary, backup, ..] => [primary.clone(), backup.clone()],
        _ => ["tcp://localhost:5001".into(), "tcp://localhost:5002".into()],
    };
    let requests: Option<u64> = args.get(2).and_then(|n| n.parse().ok());

    let mut server_nbr = 0;
    println!("I: connecting to server at {}...", servers[server_nbr]);
    let mut client = Sock::new_req(Some(&servers[server_nbr]))?;
    let mut sequence = 0;
    while requests.is_none_or(|n| sequence < n) {
        sequence += 1;
        let request = sequence.to_string();
        client.as_socket().send(request.as_str())?;
        loop {
            let mut items = [PollItem::socket(&client, PollEvents::POLLIN)];
            poll(&mut items, Some(REQUEST_TIMEOUT))?;
            if items[0].is_readable() {
                let reply = client.as_socket().recv_string()?;
                if reply == request {
                    println!("I: server replied OK ({reply})");
                    zclock::sleep(Duration::from_secs(1)); // one request per second
                    break;
                }
                println!("E: bad reply from server: {reply}");
            } else {
                println!("W: no response from server, failing over");
                // The old REQ socket is stuck waiting: close it, try the peer.
                drop(client);
                server_nbr = (server_nbr + 1) % 2;
                zclock::sleep(SETTLE_DELAY);
                println!("I: connecting to server at {}...", servers[server_nbr]);
                client = Sock::new_req(Some(&servers[server_nbr]))?;
                client.as_socket().send(request.as_str())?;
            }
        }
    }
    Ok(())
}
