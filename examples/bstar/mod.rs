//! Binary Star as a reactor (the Guide's bstar class, chapter 4): the
//! failover state machine on a [`Loop`], so that a server only registers
//! its "voter" socket and a handler, and the state publishing, the peer
//! watching and the client vetting happen around it. Optional callbacks
//! run when the server becomes active or passive.

pub mod fsm;

use std::cell::RefCell;
use std::rc::Rc;

use czmq::{Error, Loop, Msg, Sock, SocketType};
use fsm::{Event, Fsm, Refusal, State, HEARTBEAT};

/// Runs on a change of state, with the loop to add or remove work.
type Callback = Box<dyn FnMut(&mut Loop) -> Result<(), Error>>;

/// The state machine and the callbacks, shared by the loop's handlers.
struct Shared {
    fsm: Fsm,
    on_active: Option<Callback>,
    on_passive: Option<Callback>,
}

/// What drives the state machine.
enum Input<'a> {
    /// The peer published this state.
    Peer(&'a str),
    /// A client request arrived on the voter socket.
    Client,
}

/// Applies an input: Ok(true) if accepted, Ok(false) if refused, Err on a
/// fatal conflict; runs the callback of a new active or passive state.
fn execute(shared: &Rc<RefCell<Shared>>, lp: &mut Loop, input: Input<'_>) -> Result<bool, Error> {
    let (before, outcome) = {
        let mut s = shared.borrow_mut();
        let before = s.fsm.state;
        let outcome = match input {
            Input::Peer(state) => s.fsm.peer_state(state),
            Input::Client => s.fsm.event(Event::ClientRequest),
        };
        (before, outcome)
    };
    if let Err(Refusal::Fatal) = outcome {
        return Err(Error::Malformed("binary star: fatal state conflict".into()));
    }
    let after = shared.borrow().fsm.state;
    if after != before {
        // Taken out while it runs, so it may use the loop freely.
        let slot = |s: &mut Shared| match after {
            State::Active => s.on_active.take(),
            State::Passive => s.on_passive.take(),
            _ => None,
        };
        let callback = slot(&mut shared.borrow_mut());
        if let Some(mut callback) = callback {
            let result = callback(lp);
            let mut s = shared.borrow_mut();
            match after {
                State::Active => s.on_active = Some(callback),
                _ => s.on_passive = Some(callback),
            }
            result?;
        }
    }
    Ok(outcome.is_ok())
}

/// A Binary Star server: the state machine and the loop that drives it.
pub struct BStar {
    lp: Loop,
    shared: Rc<RefCell<Shared>>,
}

impl BStar {
    /// Publishes our state on `local` (bound) and watches the peer's on
    /// `remote` (connected).
    pub fn new(primary: bool, local: &str, remote: &str) -> Result<BStar, Error> {
        let shared = Rc::new(RefCell::new(Shared {
            fsm: Fsm::new(primary),
            on_active: None,
            on_passive: None,
        }));
        let mut lp = Loop::new();
        let statepub = Sock::new_pub(Some(local))?;
        let statesub = Sock::new_sub(Some(remote), Some(""))?;

        // Our state, once per heartbeat.
        let ours = Rc::clone(&shared);
        lp.add_timer(HEARTBEAT, 0, move |_, _| {
            let state = ours.borrow().fsm.state as u8;
            statepub.as_socket().send(state.to_string())
        })?;
        // The peer's state: a fatal conflict ends the loop.
        let theirs = Rc::clone(&shared);
        lp.add_reader(statesub, move |lp, sub| {
            let state = sub.as_socket().recv_string()?;
            execute(&theirs, lp, Input::Peer(&state)).map(drop)
        });
        Ok(BStar { lp, shared })
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
        let shared = Rc::clone(&self.shared);
        self.lp.add_reader(socket, move |lp, socket| {
            let msg = Msg::recv(socket)?;
            if execute(&shared, lp, Input::Client)? {
                handler(socket, msg)
            } else {
                Ok(()) // not active: the client will fail over
            }
        });
        Ok(())
    }

    /// Runs `callback` each time this server becomes active.
    pub fn on_active(&mut self, callback: impl FnMut(&mut Loop) -> Result<(), Error> + 'static) {
        self.shared.borrow_mut().on_active = Some(Box::new(callback));
    }

    /// Runs `callback` each time this server becomes passive.
    pub fn on_passive(&mut self, callback: impl FnMut(&mut Loop) -> Result<(), Error> + 'static) {
        self.shared.borrow_mut().on_passive = Some(Box::new(callback));
    }

    /// The loop, for the server's own readers and timers.
    pub fn lp(&mut self) -> &mut Loop {
        &mut self.lp
    }

    /// Runs until the process is interrupted or a fatal conflict.
    pub fn start(&mut self) -> Result<(), Error> {
        self.lp.start()
    }
}
