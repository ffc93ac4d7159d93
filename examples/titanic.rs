//! Titanic (Guide, chapter 4): disconnected reliability on top of
//! Majordomo. Three MDP services store requests on disk and hand out
//! replies later, so a client may go away and come back for its answer:
//! "titanic.request" (service, body... -> 200 + UUID), "titanic.reply"
//! (UUID -> 200 + reply, 300 pending, 400 unknown) and "titanic.close"
//! (UUID -> 200). A dispatcher sends each stored request to its service
//! once that service has workers (asked via "mmi.service").
//!
//! `cargo run --example titanic [-v] [broker]`
//!
//! Requests and replies live in `.titanic/` (or `TITANIC_DIR`).

#[allow(dead_code)]
#[path = "mdp/mod.rs"]
mod mdp;

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::path::PathBuf;
use std::time::Duration;

use czmq::{poll, zclock, zstr, Error, Msg, PollEvents, PollItem, Sock};
use mdp::{mdcliapi::MdCli, mdwrkapi::MdWrk};

/// Where the new requests' UUIDs go from the request service to the dispatcher.
const REQUESTS_PIPE: &str = "inproc://titanic-requests";

fn dir() -> PathBuf {
    std::env::var_os("TITANIC_DIR").map_or_else(|| PathBuf::from(".titanic"), PathBuf::from)
}

fn path(uuid: &str, ext: &str) -> PathBuf {
    dir().join(format!("{uuid}.{ext}"))
}

/// 32 random hex digits.
fn new_uuid() -> String {
    let half = || {
        let mut h = RandomState::new().build_hasher();
        h.write_i64(zclock::usecs());
        h.finish()
    };
    format!("{:016X}{:016X}", half(), half())
}

fn save(uuid: &str, ext: &str, msg: &Msg) -> Result<(), Error> {
    std::fs::write(path(uuid, ext), msg.encode()?.data())
        .map_err(|e| Error::Malformed(e.to_string()))
}

fn load(uuid: &str, ext: &str) -> Option<Msg> {
    std::fs::read(path(uuid, ext))
        .ok()
        .and_then(|bytes| Msg::decode(&bytes).ok())
}

/// A reply: status then any frames.
fn reply(status: &str, rest: Msg) -> Msg {
    let mut reply = rest;
    reply.pushstr(status);
    reply
}

/// titanic.request: store the request, queue its UUID, answer 200 + UUID.
fn request_service(broker: String, verbose: bool) -> Result<(), Error> {
    let pipe = Sock::new_pair(Some(&format!(">{REQUESTS_PIPE}")))?;
    let mut worker = MdWrk::new(&broker, "titanic.request", verbose)?;
    let mut answer = None;
    loop {
        let request = worker.recv(answer.take())?;
        let uuid = new_uuid();
        save(&uuid, "req", &request)?;
        zstr::send(&pipe, &uuid)?;
        let mut body = Msg::new();
        body.addstr(&uuid);
        answer = Some(reply("200", body));
    }
}

/// titanic.reply: the stored reply (200), or 300 if pending, 400 if unknown.
fn reply_service(broker: String, verbose: bool) -> Result<(), Error> {
    let mut worker = MdWrk::new(&broker, "titanic.reply", verbose)?;
    let mut answer = None;
    loop {
        let mut request = worker.recv(answer.take())?;
        let uuid = request.popstr()?.unwrap_or_default();
        answer = Some(match load(&uuid, "rep") {
            Some(stored) => reply("200", stored),
            None if path(&uuid, "req").exists() => reply("300", Msg::new()),
            None => reply("400", Msg::new()),
        });
    }
}

/// titanic.close: forget a request and its reply.
fn close_service(broker: String, verbose: bool) -> Result<(), Error> {
    let mut worker = MdWrk::new(&broker, "titanic.close", verbose)?;
    let mut answer = None;
    loop {
        let mut request = worker.recv(answer.take())?;
        let uuid = request.popstr()?.unwrap_or_default();
        let _ = std::fs::remove_file(path(&uuid, "req"));
        let _ = std::fs::remove_file(path(&uuid, "rep"));
        answer = Some(reply("200", Msg::new()));
    }
}

/// Tries to get a reply for one stored request; true once it is done.
fn dispatch(broker: &str, uuid: &str) -> Result<bool, Error> {
    let Some(mut request) = load(uuid, "req") else {
        return Ok(true); // closed meanwhile
    };
    let service = request.popstr()?.unwrap_or_default();
    let mut client = MdCli::new(broker, false)?;
    client.set_timeout(Duration::from_millis(1000));
    client.set_retries(1);
    // Only bother the broker with services that have workers.
    let mut lookup = Msg::new();
    lookup.addstr(&service);
    let known = client
        .send("mmi.service", lookup)?
        .and_then(|mut r| r.popstr().ok().flatten());
    if known.as_deref() != Some("200") {
        return Ok(false);
    }
    match client.send(&service, request)? {
        Some(answer) => {
            save(uuid, "rep", &answer)?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Runs a service on its own thread; if it fails, the whole server does.
fn spawn(service: fn(String, bool) -> Result<(), Error>, broker: &str, verbose: bool) {
    let broker = broker.to_owned();
    std::thread::spawn(move || {
        if let Err(e) = service(broker, verbose) {
            println!("E: titanic service failed: {e}");
            std::process::exit(1);
        }
    });
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let broker = args
        .into_iter()
        .find(|a| a != "-v")
        .unwrap_or_else(|| "tcp://localhost:5555".into());
    std::fs::create_dir_all(dir()).map_err(|e| Error::Malformed(e.to_string()))?;

    let requests = Sock::new_pair(Some(&format!("@{REQUESTS_PIPE}")))?;
    spawn(request_service, &broker, verbose);
    spawn(reply_service, &broker, verbose);
    spawn(close_service, &broker, verbose);

    // Requests still waiting from an earlier run come first.
    let queue_file = dir().join("queue");
    let mut queue: Vec<String> = std::fs::read_to_string(&queue_file)
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect();
    loop {
        let mut items = [PollItem::socket(&requests, PollEvents::POLLIN)];
        poll(&mut items, Some(Duration::from_millis(1000)))?;
        if items[0].is_readable() {
            let uuid = zstr::recv(&requests)?;
            println!("I: new request {uuid}");
            queue.push(uuid);
        }
        // Brute force: try every pending request each time round.
        let before = queue.len();
        let mut pending = Vec::new();
        for uuid in queue.drain(..) {
            if !dispatch(&broker, &uuid)? {
                pending.push(uuid);
            }
        }
        queue = pending;
        if items[0].is_readable() || queue.len() != before {
            let lines: String = queue.iter().map(|u| format!("{u}\n")).collect();
            std::fs::write(&queue_file, lines).map_err(|e| Error::Malformed(e.to_string()))?;
        }
    }
}
