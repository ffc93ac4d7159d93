//! Binary Star as a reactor (the Guide's bstar class, chapter 4): the
//! failover state machine on a [`Loop`], so that a server only registers
//! its "voter" socket and a handler, and the state publishing, the peer
//! watching and the client vetting happen around it.

pub mod fsm;

use std::cell::RefCell;
use std::rc::Rc;

use czmq::{Error, Loop, Msg, Sock, SocketType};
use fsm::{Event, Fsm, Refusal, HEARTBEAT};

/// A Binary Star server: the state machine and the loop that drives it.
pub struct BStar {
    lp: Loop,
    fsm: Rc<RefCell<Fsm>>,
}

impl BStar {
    /// Publishes our state on `local` (bound) and watches the peer's on
    /// `remote` (connected).
    pub fn new(primary: bool, local: &str, remote: &str) -> Result<BStar, Error> {
        let fsm = Rc::new(RefCell::new(Fsm::new(primary)));
        let mut lp = Loop::new();
        let statepub = Sock::new_pub(Some(local))?;
        let statesub = Sock::new_sub(Some(remote), Some(""))?;

        // Our state, once per heartbeat.
        let ours = Rc::clone(&fsm);
        lp.add_timer(HEARTBEAT, 0, move |_, _| {
            let state = ours.borrow().state as u8;
            statepub.send(state.to_string(), 0)
        })?;
        // The peer's state: a fatal conflict ends the loop.
        let theirs = Rc::clone(&fsm);
        lp.add_reader(statesub, move |_, sub| {
            let state = sub.recv_string(0)?;
            match theirs.borrow_mut().peer_state(&state) {
                Err(Refusal::Fatal) => {
                    Err(Error::Malformed("binary star: fatal state conflict".into()))
                }
                _ => Ok(()),
            }
        });
        Ok(BStar { lp, fsm })
    }

    /// Registers the socket clients vote with (bound to `endpoint`): each
    /// message is a client request that may make us active; `handler` gets
    /// it only while we are active, otherwise it is dropped.
    pub fn voter<F>(
        &mut self,
        endpoint: &str,
        kind: SocketType,
        mut handler: F,
    ) -> Result<(), Error>
    where
        F: FnMut(&Sock, Msg) -> Result<(), Error> + 'static,
    {
        let mut socket = Sock::new(kind)?;
        socket.bind(endpoint)?;
        let fsm = Rc::clone(&self.fsm);
        self.lp.add_reader(socket, move |_, socket| {
            let msg = Msg::recv(socket)?;
            let accepted = fsm.borrow_mut().event(Event::ClientRequest).is_ok();
            if accepted {
                handler(socket, msg)
            } else {
                Ok(()) // not active: the client will fail over
            }
        });
        Ok(())
    }

    /// Runs until the process is interrupted or a fatal conflict.
    pub fn start(&mut self) -> Result<(), Error> {
        self.lp.start()
    }
}
