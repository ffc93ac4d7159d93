//! Actor: CZMQ's zactor selftest, in spirit, plus the failure cases CZMQ
//! leaves to chance: handlers that return early or panic.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use czmq::{Actor, Error, Frame, Msg, Sock, zstr};

const TIMEOUT: Option<Duration> = Some(Duration::from_secs(10));

/// Echoes every message back until $TERM; "PANIC" panics, "QUIT" returns.
fn echo(pipe: Sock) -> czmq::Result<()> {
    pipe.as_socket().set_rcvtimeo(TIMEOUT)?;
    pipe.signal(0)?;
    loop {
        let msg = Msg::recv(&pipe)?;
        match msg.first().and_then(Frame::as_str) {
            Some("$TERM") => return Ok(()),
            Some("PANIC") => panic!("boom on request"),
            Some("QUIT") => return Ok(()),
            Some("FAIL") => return Err(Error::InvalidArgument("asked to fail".into())),
            _ => msg.send(&pipe)?,
        }
    }
}

fn timed(actor: &Actor) {
    actor.sock().as_socket().set_rcvtimeo(TIMEOUT).unwrap();
    actor.sock().as_socket().set_sndtimeo(TIMEOUT).unwrap();
}

/// Runs `f` and asserts it took less than `limit` (nothing may hang).
fn within<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    assert!(started.elapsed() < limit, "took {:?}", started.elapsed());
    out
}

#[test]
fn echo_actor() {
    let actor = Actor::new(echo).unwrap();
    timed(&actor);
    assert_eq!(actor.sock().type_str(), "PAIR");
    zstr::sendx(&actor, &["ECHO", "Hello"]).unwrap();
    assert_eq!(zstr::recvx(&actor).unwrap(), ["ECHO", "Hello"]);
    // Frames and messages go through the actor like through a socket.
    Frame::from("frame").send(&actor).unwrap();
    assert!(Frame::recv(&actor).unwrap().streq("frame"));
    let mut msg = Msg::new();
    msg.addmem(&[0u8; 10_000]);
    msg.addstr("tail");
    let copy = msg.clone();
    msg.send(&actor).unwrap();
    assert_eq!(Msg::recv(&actor).unwrap(), copy);
    actor.sock().send_strs(&["via", "sock"]).unwrap();
    assert_eq!(actor.sock().recv_strs().unwrap(), ["via", "sock"]);
    within(Duration::from_secs(5), || drop(actor));
}

#[test]
fn term_ends_the_handler_and_join_reports_its_result() {
    let ended = Arc::new(AtomicUsize::new(0));
    let flag = ended.clone();
    let actor = Actor::new(move |pipe| {
        let r = echo(pipe);
        flag.fetch_add(1, Ordering::SeqCst);
        r
    })
    .unwrap();
    assert_eq!(ended.load(Ordering::SeqCst), 0);
    within(Duration::from_secs(5), || actor.join()).unwrap();
    assert_eq!(ended.load(Ordering::SeqCst), 1);

    // A handler that fails reports its error through join.
    let actor = Actor::new(echo).unwrap();
    timed(&actor);
    zstr::send(&actor, "FAIL").unwrap();
    assert_eq!(
        within(Duration::from_secs(5), || actor.join()),
        Err(Error::InvalidArgument("asked to fail".into()))
    );
}

#[test]
fn new_waits_for_the_ready_signal() {
    let ready = Arc::new(AtomicUsize::new(0));
    let flag = ready.clone();
    let actor = Actor::new(move |pipe| {
        std::thread::sleep(Duration::from_millis(50));
        flag.store(1, Ordering::SeqCst);
        echo(pipe)
    })
    .unwrap();
    assert_eq!(ready.load(Ordering::SeqCst), 1);
    drop(actor);
}

#[test]
fn handler_that_returns_early() {
    // Returns without ever signalling: new() must not hang either.
    let actor = within(Duration::from_secs(5), || Actor::new(|_pipe| Ok(()))).unwrap();
    within(Duration::from_secs(5), || drop(actor));

    // Returns on a command, before $TERM: the final signal is already spent.
    let actor = Actor::new(echo).unwrap();
    timed(&actor);
    zstr::send(&actor, "QUIT").unwrap();
    assert_eq!(actor.sock().wait().unwrap(), 0, "the final signal");
    within(Duration::from_secs(5), || actor.join()).unwrap();

    // Returns on a command, final signal not consumed.
    let actor = Actor::new(echo).unwrap();
    zstr::send(&actor, "QUIT").unwrap();
    std::thread::sleep(Duration::from_millis(20));
    within(Duration::from_secs(5), || drop(actor));
}

#[test]
fn handler_that_drops_its_pipe_and_keeps_running_briefly() {
    let actor = Actor::new(|pipe| {
        pipe.signal(0)?;
        drop(pipe);
        std::thread::sleep(Duration::from_millis(100));
        Ok(())
    })
    .unwrap();
    within(Duration::from_secs(5), || actor.join()).unwrap();
}

#[test]
fn panicking_handlers_are_reported_and_never_hang() {
    // Panics before signalling.
    let actor = within(Duration::from_secs(5), || {
        Actor::new(|_pipe| -> czmq::Result<()> { panic!("early boom") })
    })
    .unwrap();
    match within(Duration::from_secs(5), || actor.join()) {
        Err(Error::Disconnected(m)) => assert!(m.contains("actor panicked: early boom"), "{m}"),
        other => panic!("unexpected {other:?}"),
    }

    // Panics on a command, after signalling.
    let actor = Actor::new(echo).unwrap();
    timed(&actor);
    zstr::send(&actor, "PANIC").unwrap();
    match within(Duration::from_secs(5), || actor.join()) {
        Err(Error::Disconnected(m)) => assert!(m.contains("boom on request"), "{m}"),
        other => panic!("unexpected {other:?}"),
    }

    // Dropped (not joined) after a panic: logged, no hang.
    let actor = Actor::new(echo).unwrap();
    zstr::send(&actor, "PANIC").unwrap();
    std::thread::sleep(Duration::from_millis(20));
    within(Duration::from_secs(5), || drop(actor));

    // A String payload is reported too.
    let actor = Actor::new(|pipe| -> czmq::Result<()> {
        pipe.signal(0)?;
        panic!("{}", String::from("formatted ") + "boom")
    })
    .unwrap();
    match within(Duration::from_secs(5), || actor.join()) {
        Err(Error::Disconnected(m)) => assert!(m.contains("formatted boom"), "{m}"),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn many_actors() {
    within(Duration::from_secs(60), || {
        for _ in 0..100 {
            drop(Actor::new(echo).unwrap());
        }
        let actors: Vec<Actor> = (0..16).map(|_| Actor::new(echo).unwrap()).collect();
        for (i, actor) in actors.iter().enumerate() {
            timed(actor);
            zstr::send(actor, &i.to_string()).unwrap();
        }
        for (i, actor) in actors.iter().enumerate() {
            assert_eq!(zstr::recv(actor).unwrap(), i.to_string());
        }
        drop(actors);
    });
}

#[test]
fn actor_moves_between_threads() {
    fn assert_send<T: Send>() {}
    assert_send::<Actor>();
    let actor = Actor::new(echo).unwrap();
    timed(&actor);
    let handle = std::thread::spawn(move || {
        zstr::send(&actor, "from elsewhere").unwrap();
        let got = zstr::recv(&actor).unwrap();
        actor.join().map(|_| got)
    });
    assert_eq!(handle.join().unwrap().unwrap(), "from elsewhere");
}

#[test]
fn tag_is_the_first_field() {
    let actor = Box::new(Actor::new(echo).unwrap());
    assert_eq!(
        // SAFETY: Actor is #[repr(C)] with its `tag: u32` as the first field, so
        // the u32 sits at offset 0 and the Box's allocation (aligned for Actor, so
        // for u32) makes the pointer aligned; `actor` is live until the end of the
        // test and only shared borrows exist while the 4 bytes are read.
        unsafe { *(&*actor as *const Actor as *const u32) },
        Actor::TAG
    );
    assert_eq!(Actor::TAG, 0xcafe0005);
}

/// Collects error-level log records so a test can see what drop reported.
struct Capture;

static LOGGED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

impl log::Log for Capture {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        metadata.level() <= log::Level::Error
    }
    fn log(&self, record: &log::Record) {
        if self.enabled(record.metadata()) {
            let mut logged = LOGGED.lock().unwrap_or_else(|p| p.into_inner());
            logged.push(record.args().to_string());
        }
    }
    fn flush(&self) {}
}

#[test]
fn drop_logs_a_panic() {
    static LOGGER: Capture = Capture;
    // Only this test installs a logger; ignore a second install attempt.
    let _ = log::set_logger(&LOGGER);
    log::set_max_level(log::LevelFilter::Error);
    let actor = Actor::new(|pipe| -> czmq::Result<()> {
        pipe.signal(0)?;
        panic!("unique drop-logged panic")
    })
    .unwrap();
    within(Duration::from_secs(5), || drop(actor));
    let logged = LOGGED.lock().unwrap_or_else(|p| p.into_inner());
    assert!(
        logged
            .iter()
            .any(|m| m.contains("actor panicked: unique drop-logged panic")),
        "{logged:?}"
    );
}
