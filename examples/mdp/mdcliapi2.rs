//! The asynchronous Majordomo client API (the Guide's mdcliapi2): a DEALER
//! socket, so requests can be sent without waiting for each reply; replies
//! are collected separately. No retries: the caller decides what a missing
//! reply means.

use std::time::Duration;

use czmq::{poll, Error, Frame, Msg, PollEvents, PollItem, Sock};

use super::{dump, MDPC_CLIENT};

/// An asynchronous session with a Majordomo broker.
pub struct MdCli2 {
    client: Sock,
    verbose: bool,
    timeout: Duration,
}

impl MdCli2 {
    /// Connects to the broker at `broker` (2500 ms receive timeout).
    pub fn new(broker: &str, verbose: bool) -> Result<MdCli2, Error> {
        if verbose {
            println!("I: connecting to broker at {broker}...");
        }
        let client = Sock::new_dealer(Some(broker))?;
        Ok(MdCli2 {
            client,
            verbose,
            timeout: Duration::from_millis(2500),
        })
    }

    /// How long [`recv`](Self::recv) waits for a reply.
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    /// Sends `request` to `service` and returns at once.
    pub fn send(&self, service: &str, mut request: Msg) -> Result<(), Error> {
        // Frames: "" (as a REQ socket would), "MDPC01", service, body...
        request.pushstr(service);
        request.pushstr(MDPC_CLIENT);
        request.push(Frame::empty());
        if self.verbose {
            dump(&format!("send request to '{service}' service:"), &request);
        }
        request.send(&self.client)
    }

    /// The next reply's body, or None if none came within the timeout.
    pub fn recv(&self) -> Result<Option<Msg>, Error> {
        let mut items = [PollItem::socket(&self.client, PollEvents::POLLIN)];
        poll(&mut items, Some(self.timeout))?;
        if !items[0].is_readable() {
            if self.verbose {
                println!("W: permanent error, abandoning");
            }
            return Ok(None);
        }
        let mut reply = Msg::recv(&self.client)?;
        if self.verbose {
            dump("received reply:", &reply);
        }
        // Frames: "", "MDPC01", service, body...
        let (_empty, header, _service) = (reply.pop(), reply.pop(), reply.pop());
        if header.is_none_or(|h| !h.streq(MDPC_CLIENT)) {
            return Err(Error::Malformed("not an MDP/0.1 reply".into()));
        }
        Ok(Some(reply))
    }
}
