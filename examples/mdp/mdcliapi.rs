//! The Majordomo client API (the Guide's mdcliapi): a REQ socket to the
//! broker, with the Lazy Pirate's timeout, retries and reconnects.

use std::time::Duration;

use czmq::{poll, Error, Msg, PollEvents, PollItem, Sock};

use super::{dump, MDPC_CLIENT};

/// A session with a Majordomo broker.
pub struct MdCli {
    broker: String,
    client: Sock,
    verbose: bool,
    timeout: Duration,
    retries: u32,
}

impl MdCli {
    /// Connects to the broker at `broker` (2500 ms timeout, 3 retries).
    pub fn new(broker: &str, verbose: bool) -> Result<MdCli, Error> {
        let client = MdCli::connect(broker, verbose)?;
        Ok(MdCli {
            broker: broker.to_owned(),
            client,
            verbose,
            timeout: Duration::from_millis(2500),
            retries: 3,
        })
    }

    /// How long to wait for each reply.
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    /// How many times to try each request before giving up.
    pub fn set_retries(&mut self, retries: u32) {
        self.retries = retries;
    }

    fn connect(broker: &str, verbose: bool) -> Result<Sock, Error> {
        let client = Sock::new_req(Some(broker))?;
        if verbose {
            println!("I: connecting to broker at {broker}...");
        }
        Ok(client)
    }

    /// Sends `request` to `service` and waits for its reply: the reply's body
    /// frames, or None when the broker did not answer in any of the tries.
    pub fn send(&mut self, service: &str, request: Msg) -> Result<Option<Msg>, Error> {
        // Frames: "MDPC01", service, body...
        let mut request = request;
        request.pushstr(service);
        request.pushstr(MDPC_CLIENT);
        if self.verbose {
            dump(&format!("send request to '{service}' service:"), &request);
        }
        for attempt in 1..=self.retries {
            request.clone().send(&self.client)?;
            let mut items = [PollItem::socket(&self.client, PollEvents::POLLIN)];
            poll(&mut items, Some(self.timeout))?;
            if items[0].is_readable() {
                let mut reply = Msg::recv(&self.client)?;
                if self.verbose {
                    dump("received reply:", &reply);
                }
                // Frames: "MDPC01", service, body...
                let header = reply.pop();
                let from = reply.pop();
                if header.is_none_or(|h| !h.streq(MDPC_CLIENT))
                    || from.is_none_or(|s| !s.streq(service))
                {
                    return Err(Error::Malformed("not an MDP/0.1 reply".into()));
                }
                return Ok(Some(reply));
            }
            if self.verbose && attempt < self.retries {
                println!("W: no reply, reconnecting...");
            }
            // A REQ socket waiting for a reply cannot send: replace it, also
            // after the last try so that the session stays usable.
            self.client = MdCli::connect(&self.broker, self.verbose)?;
        }
        if self.verbose {
            println!("W: permanent error, abandoning request");
        }
        Ok(None)
    }
}
