//! The Majordomo worker API (the Guide's mdwrkapi): a DEALER socket to the
//! broker that says READY for a service, heartbeats both ways, reconnects
//! when the broker goes silent, and hands requests to the caller.

use std::time::{Duration, Instant};

use czmq::{poll, Error, Frame, Msg, PollEvents, PollItem, Sock};

use super::*;

/// A worker's session with a Majordomo broker.
pub struct MdWrk {
    broker: String,
    service: String,
    worker: Sock,
    verbose: bool,
    heartbeat: Duration,
    reconnect: Duration,
    liveness: u32,
    heartbeat_at: Instant,
    /// The client to send the next reply to (set by the last request).
    reply_to: Option<Frame>,
}

impl MdWrk {
    /// Connects to `broker` and offers `service` (2500 ms heartbeats).
    pub fn new(broker: &str, service: &str, verbose: bool) -> Result<MdWrk, Error> {
        let worker = MdWrk::connect(broker, service, verbose)?;
        Ok(MdWrk {
            broker: broker.to_owned(),
            service: service.to_owned(),
            worker,
            verbose,
            heartbeat: HEARTBEAT_INTERVAL,
            reconnect: HEARTBEAT_INTERVAL,
            liveness: HEARTBEAT_LIVENESS,
            heartbeat_at: Instant::now() + HEARTBEAT_INTERVAL,
            reply_to: None,
        })
    }

    /// The heartbeat interval.
    pub fn set_heartbeat(&mut self, heartbeat: Duration) {
        self.heartbeat = heartbeat;
    }

    /// How long to wait before reconnecting to a silent broker.
    pub fn set_reconnect(&mut self, reconnect: Duration) {
        self.reconnect = reconnect;
    }

    /// Sends a command to the broker: "", "MDPW01", command, extra frames.
    fn send_command(&self, command: u8, extra: Msg) -> Result<(), Error> {
        MdWrk::send_to(&self.worker, command, extra, self.verbose)
    }

    fn send_to(worker: &Sock, command: u8, mut msg: Msg, verbose: bool) -> Result<(), Error> {
        msg.push(Frame::new(&[command]));
        msg.pushstr(MDPW_WORKER);
        msg.push(Frame::empty());
        if verbose {
            dump(
                &format!("sending {} to broker", command_name(&[command])),
                &msg,
            );
        }
        msg.send(worker)
    }

    /// A fresh DEALER connected to the broker, READY for the service.
    fn connect(broker: &str, service: &str, verbose: bool) -> Result<Sock, Error> {
        let worker = Sock::new_dealer(Some(broker))?;
        if verbose {
            println!("I: connecting to broker at {broker}...");
        }
        let mut ready = Msg::new();
        ready.addstr(service);
        MdWrk::send_to(&worker, MDPW_READY, ready, verbose)?;
        Ok(worker)
    }

    fn reconnect(&mut self) -> Result<(), Error> {
        self.worker = MdWrk::connect(&self.broker, &self.service, self.verbose)?;
        self.liveness = HEARTBEAT_LIVENESS;
        self.heartbeat_at = Instant::now() + self.heartbeat;
        Ok(())
    }

    /// Sends `reply` (if any) to the client of the last request, then waits
    /// for the next request and returns its body.
    pub fn recv(&mut self, reply: Option<Msg>) -> Result<Msg, Error> {
        if let (Some(mut reply), Some(client)) = (reply, self.reply_to.take()) {
            // REPLY frames: client address, "", body...
            reply.push(Frame::empty());
            reply.push(client);
            self.send_command(MDPW_REPLY, reply)?;
        }
        loop {
            let mut items = [PollItem::socket(&self.worker, PollEvents::POLLIN)];
            poll(&mut items, Some(self.heartbeat))?;
            if items[0].is_readable() {
                let mut msg = Msg::recv(&self.worker)?;
                if self.verbose {
                    dump("received message from broker:", &msg);
                }
                self.liveness = HEARTBEAT_LIVENESS;
                let _empty = msg.pop();
                let header = msg.pop();
                let command = msg.pop();
                if header.is_none_or(|h| !h.streq(MDPW_WORKER)) {
                    println!("E: invalid message from broker (no MDPW01 header)");
                    continue;
                }
                match command.as_ref().map(|c| c.data()) {
                    Some([MDPW_REQUEST]) => {
                        // REQUEST frames: client address, "", body...
                        self.reply_to = msg.pop();
                        let _empty = msg.pop();
                        return Ok(msg);
                    }
                    Some([MDPW_HEARTBEAT]) => {}
                    Some([MDPW_DISCONNECT]) => self.reconnect()?,
                    _ => println!("E: invalid command from broker"),
                }
            } else {
                self.liveness = self.liveness.saturating_sub(1);
                if self.liveness == 0 {
                    if self.verbose {
                        println!("W: disconnected from broker - retrying...");
                    }
                    czmq::zclock::sleep(self.reconnect);
                    self.reconnect()?;
                }
            }
            if Instant::now() >= self.heartbeat_at {
                self.send_command(MDPW_HEARTBEAT, Msg::new())?;
                self.heartbeat_at = Instant::now() + self.heartbeat;
            }
        }
    }
}
