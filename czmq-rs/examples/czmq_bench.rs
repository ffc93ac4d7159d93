//! The CZMQ-layer benchmark, Rust side: the same work as the C program
//! `czmq-rs/benches/czmq/czmq_bench.c` (on CZMQ 4.2.1), with our [`Sock`],
//! [`Msg`], [`zstr`], [`Actor`] and [`Loop`]. Same subcommands, arguments and
//! output lines (`result <case> <value> <unit>`); `czmq-rs/benches/czmq-vs-c.sh`
//! runs both sides in alternation.
//!
//! ```text
//! czmq_bench msg <tcp|inproc> <frame-size> <count>   3-frame Msg, PUSH -> PULL, msg/s
//! czmq_bench reqrep <tcp|inproc> <count>             zstr REQ/REP round trips/s
//! czmq_bench actor <count>                           Actor start+stop/s
//! czmq_bench loop <readers> <tickets> <messages>     Loop handled msg/s, setup ms
//! ```
//!
//! ```text
//! cargo run --release -p czmq-rs --example czmq_bench -- msg inproc 64 1000000
//! ```

use std::cell::Cell;
use std::process::ExitCode;
use std::rc::Rc;
use std::time::{Duration, Instant};

use czmq::{Actor, Error, Frame, Loop, Msg, Result, Sock, SocketType, TicketId, zstr, zsys};

/// Every blocking receive gives up after this long (bounded waits).
const TIMEOUT: Duration = Duration::from_secs(30);

/// How the loop case's readers are named: `<prefix>-<n>`.
const LOOP_PREFIX: &str = "inproc://czmq-bench-loop";

/// Prints one result line in the format both sides share.
fn result(name: &str, value: f64, unit: &str) {
    println!("result {name} {value:.1} {unit}");
}

/// `count` events per second over `elapsed`.
fn rate(count: u64, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64().max(1e-9)
}

/// The bind endpoint of a transport: an ephemeral tcp port, or inproc.
fn bind_endpoint(transport: &str, name: &str) -> Result<String> {
    match transport {
        "tcp" => Ok("@tcp://127.0.0.1:*".to_owned()),
        "inproc" => Ok(format!("@inproc://czmq-bench-{name}")),
        _ => Err(Error::InvalidArgument(
            "transport must be tcp or inproc".into(),
        )),
    }
}

/// The connect endpoint for a bound socket (with the port chosen for tcp).
fn connect_endpoint(bound: &Sock) -> Result<String> {
    bound
        .endpoint()
        .map(|ep| format!(">{ep}"))
        .ok_or_else(|| Error::InvalidArgument("socket is not bound".into()))
}

/// Waits (bounded) until the parent sends `$TERM` down an actor pipe.
fn wait_term(pipe: &Sock) -> Result<()> {
    pipe.as_socket().set_rcvtimeo(Some(TIMEOUT))?;
    while zstr::recv(pipe)? != "$TERM" {}
    Ok(())
}

/// A benchmark failure, built only when it happens.
#[cold]
fn failure(what: &str) -> Error {
    Error::InvalidArgument(what.to_owned())
}

// --- msg -------------------------------------------------------------------

/// The sender actor: 3-frame messages built with `addmem`, as C's zmsg_addmem.
fn msg_sender(connect: String, size: usize, count: u64) -> Result<Actor> {
    Actor::new(move |pipe| {
        let push = Sock::new_push(Some(&connect))?;
        let payload = vec![b'x'; size];
        pipe.signal(0)?;
        for _ in 0..count {
            let mut msg = Msg::new();
            msg.addmem(&payload);
            msg.addmem(&payload);
            msg.addmem(&payload);
            msg.send(&push)?;
        }
        // Linger is 0 (CZMQ's default): keep the socket until everything is
        // received, which the parent says with $TERM.
        wait_term(&pipe)
    })
}

/// Receives one message and checks it is what was sent.
#[inline(always)]
fn recv_checked(pull: &Sock, size: usize) -> Result<()> {
    let msg = Msg::recv(pull)?;
    if msg.len() != 3 || msg.content_size() != 3 * size {
        return Err(failure("msg: wrong message received"));
    }
    Ok(())
}

fn bench_msg(transport: &str, size: usize, count: u64) -> Result<()> {
    if count < 2 {
        return Err(failure("msg: count < 2"));
    }
    let pull = Sock::new_pull(Some(&bind_endpoint(transport, "msg")?))?;
    pull.as_socket().set_rcvtimeo(Some(TIMEOUT))?;
    let sender = msg_sender(connect_endpoint(&pull)?, size, count)?;

    recv_checked(&pull, size)?;
    let start = Instant::now();
    for _ in 1..count {
        recv_checked(&pull, size)?;
    }
    let elapsed = start.elapsed();

    result(
        &format!("msg-{transport}-{size}"),
        rate(count - 1, elapsed),
        "msg/s",
    );
    sender.join()
}

// --- reqrep ----------------------------------------------------------------

/// The REP server actor: one warm-up round trip, then `count` timed ones.
fn reqrep_server(rep: Sock, count: u64) -> Result<Actor> {
    Actor::new(move |pipe| {
        rep.as_socket().set_rcvtimeo(Some(TIMEOUT))?;
        pipe.signal(0)?;
        for _ in 0..=count {
            let _request = zstr::recv(&rep)?;
            zstr::send(&rep, "world")?;
        }
        wait_term(&pipe)
    })
}

#[inline(always)]
fn round_trip(req: &Sock) -> Result<()> {
    zstr::send(req, "hello")?;
    if zstr::recv(req)? != "world" {
        return Err(failure("reqrep: wrong reply"));
    }
    Ok(())
}

fn bench_reqrep(transport: &str, count: u64) -> Result<()> {
    if count < 1 {
        return Err(failure("reqrep: count < 1"));
    }
    // The REP socket is made here, where its endpoint is known, and then
    // moves into the server actor.
    let rep = Sock::new_rep(Some(&bind_endpoint(transport, "reqrep")?))?;
    let req = Sock::new_req(Some(&connect_endpoint(&rep)?))?;
    req.as_socket().set_rcvtimeo(Some(TIMEOUT))?;
    let server = reqrep_server(rep, count)?;

    round_trip(&req)?;
    let start = Instant::now();
    for _ in 0..count {
        round_trip(&req)?;
    }
    let elapsed = start.elapsed();

    result(&format!("reqrep-{transport}"), rate(count, elapsed), "rt/s");
    server.join()
}

// --- actor -----------------------------------------------------------------

fn bench_actor(count: u64) -> Result<()> {
    let start = Instant::now();
    for _ in 0..count {
        let actor = Actor::new(|pipe| {
            pipe.signal(0)?;
            wait_term(&pipe)
        })?;
        // As zactor_destroy: $TERM, then wait for the actor to end.
        actor.join()?;
    }
    result("actor", rate(count, start.elapsed()), "start+stop/s");
    Ok(())
}

// --- loop ------------------------------------------------------------------

/// The feeder actor: one PUSH socket connected to every reader; on "GO" it
/// deals the messages round-robin (PUSH load-balances over its peers).
fn loop_feeder(readers: u64, messages: u64) -> Result<Actor> {
    Actor::new(move |pipe| {
        pipe.as_socket().set_rcvtimeo(Some(TIMEOUT))?;
        let push = Sock::new(SocketType::Push)?;
        push.as_socket().set_sndtimeo(Some(TIMEOUT))?;
        for i in 0..readers {
            push.connect(&format!("{LOOP_PREFIX}-{i}"))?;
        }
        pipe.signal(0)?;
        if zstr::recv(&pipe)? == "GO" {
            for _ in 0..messages {
                zstr::send(&push, "m")?;
            }
        }
        wait_term(&pipe)
    })
}

/// The bound PULL sockets the loop reads.
fn loop_pulls(readers: u64) -> Result<Vec<Sock>> {
    (0..readers)
        .map(|i| {
            let mut pull = Sock::new_pull(None)?;
            pull.as_socket().set_rcvtimeo(Some(TIMEOUT))?;
            pull.bind(&format!("{LOOP_PREFIX}-{i}"))?;
            Ok(pull)
        })
        .collect()
}

/// Registers the tickets, then the readers; each reader call receives one
/// frame and resets the next ticket in turn, and the last message stops
/// the loop. Returns the shared count of handled messages.
fn loop_setup(
    lp: &mut Loop,
    pulls: Vec<Sock>,
    tickets: u64,
    messages: u64,
) -> Result<Rc<Cell<u64>>> {
    lp.set_ticket_delay(Duration::from_secs(60))?;
    let ids = (0..tickets)
        .map(|_| lp.ticket(|_, _| Err(failure("loop: a ticket fired"))))
        .collect::<Result<Vec<TicketId>>>()?;
    let ids: Rc<[TicketId]> = ids.into();
    let handled = Rc::new(Cell::new(0u64));
    for pull in pulls {
        let (ids, handled) = (ids.clone(), handled.clone());
        lp.add_reader(pull, move |lp, sock| {
            Frame::recv(&*sock)?;
            let n = handled.get();
            // n % len < len, and len came from a u64 count of tickets.
            lp.ticket_reset(ids[(n % ids.len() as u64) as usize]);
            handled.set(n + 1);
            if n + 1 == messages {
                lp.stop();
            }
            Ok(())
        });
    }
    Ok(handled)
}

fn bench_loop(readers: u64, tickets: u64, messages: u64) -> Result<()> {
    if readers < 1 || tickets < 1 || messages < 1 {
        return Err(failure(
            "loop: readers, tickets and messages must be positive",
        ));
    }
    let pulls = loop_pulls(readers)?;
    let feeder = loop_feeder(readers, messages)?;

    let mut lp = Loop::new();
    let setup_start = Instant::now();
    let handled = loop_setup(&mut lp, pulls, tickets, messages)?;
    let setup = setup_start.elapsed();

    zstr::send(&feeder, "GO")?;
    let start = Instant::now();
    lp.start()?;
    let elapsed = start.elapsed();
    if handled.get() != messages {
        return Err(failure("loop: ended before every message was handled"));
    }

    result("loop", rate(messages, elapsed), "msg/s");
    result("loop-setup", setup.as_secs_f64() * 1e3, "ms");
    drop(lp);
    feeder.join()
}

// --- main ------------------------------------------------------------------

fn arg_u64(text: &str) -> Result<u64> {
    text.parse()
        .map_err(|_| failure("arguments must be non-negative integers"))
}

const USAGE: &str = "usage: czmq_bench msg <tcp|inproc> <frame-size> <count>
       czmq_bench reqrep <tcp|inproc> <count>
       czmq_bench actor <count>
       czmq_bench loop <readers> <tickets> <messages>";

fn run(args: &[String]) -> Result<()> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args[..] {
        ["msg", transport, size, count] => {
            let size = usize::try_from(arg_u64(size)?).map_err(|_| failure("size too large"))?;
            bench_msg(transport, size, arg_u64(count)?)
        }
        ["reqrep", transport, count] => bench_reqrep(transport, arg_u64(count)?),
        ["actor", count] => bench_actor(arg_u64(count)?),
        ["loop", readers, tickets, messages] => {
            bench_loop(arg_u64(readers)?, arg_u64(tickets)?, arg_u64(messages)?)
        }
        _ => Err(failure(USAGE)),
    }
}

fn main() -> ExitCode {
    // The loop case holds more than libzmq's default 1023 sockets.
    zsys::set_max_sockets(4096);
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("czmq_bench: {e}");
            ExitCode::FAILURE
        }
    }
}
