//! DNS SRV discovery on loopback, against a small DNS server run by the
//! test (hickory-proto's codec over a UdpSocket on 127.0.0.1, port picked
//! by the kernel): the lookup itself (records, additional addresses,
//! NXDOMAIN, silence, garbage), and nodes that find each other through it
//! alone, including targets added to the records while they run and a DNS
//! that fails first.

#[path = "common/events.rs"]
mod events;

use events::{enter, wait_for, PATIENCE};
use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use hickory_proto::op::{Message, MessageType, ResponseCode};
use hickory_proto::rr::rdata::{A, SRV};
use hickory_proto::rr::{Name, RData, Record, RecordType};
use zre::dns::{resolve_srv, DnsError};
use zre::{Event, Node};

const SERVICE: &str = "_zre._tcp.zre.test.";

/// How the fake server answers.
#[derive(Clone)]
enum Mode {
    /// SRV records (priority, port, target host) for SERVICE; each target
    /// resolves to 127.0.0.1, given in the additional section when
    /// `additionals`, else only to an A query.
    Records {
        srv: Vec<(u16, u16, &'static str)>,
        additionals: bool,
    },
    /// NXDOMAIN for everything.
    NxDomain,
    /// No answer at all.
    Silent,
    /// Bytes that are no DNS message.
    Garbage,
}

/// The questions asked (name, type), and a condition variable to wait on.
type Asked = (Mutex<Vec<(String, RecordType)>>, Condvar);

struct FakeDns {
    address: SocketAddr,
    mode: Arc<Mutex<Mode>>,
    /// Every question asked, with a condition variable to wait on.
    queries: Arc<Asked>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FakeDns {
    fn start(mode: Mode) -> FakeDns {
        let socket = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind fake DNS");
        socket
            .set_read_timeout(Some(Duration::from_millis(50)))
            .expect("timeout");
        let address = socket.local_addr().expect("address");
        let mode = Arc::new(Mutex::new(mode));
        let queries = Arc::new((Mutex::new(Vec::new()), Condvar::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (m, q, s) = (mode.clone(), queries.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            let mut buffer = [0u8; 2048];
            // Ends when the test drops the server (checked every 50 ms).
            while !s.load(Ordering::Relaxed) {
                let Ok((len, from)) = socket.recv_from(&mut buffer) else {
                    continue;
                };
                let Ok(request) = Message::from_vec(&buffer[..len]) else {
                    continue;
                };
                let Some(query) = request.queries.first().cloned() else {
                    continue;
                };
                q.0.lock()
                    .unwrap()
                    .push((query.name().to_ascii(), query.query_type()));
                q.1.notify_all();
                let mode = m.lock().unwrap().clone();
                let reply = match mode {
                    Mode::Silent => continue,
                    Mode::Garbage => b"\x12\x34not a DNS message".to_vec(),
                    Mode::NxDomain => {
                        let mut reply =
                            Message::response(request.metadata.id, request.metadata.op_code);
                        reply.metadata.response_code = ResponseCode::NXDomain;
                        reply.add_query(query);
                        reply.to_vec().expect("encode")
                    }
                    Mode::Records { srv, additionals } => answer(&request, &srv, additionals)
                        .to_vec()
                        .expect("encode"),
                };
                let _ = socket.send_to(&reply, from);
            }
        });
        FakeDns {
            address,
            mode,
            queries,
            stop,
            thread: Some(thread),
        }
    }

    fn set(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    fn queries(&self) -> Vec<(String, RecordType)> {
        self.queries.0.lock().unwrap().clone()
    }

    /// Waits (boundedly) until `n` questions have been asked in all.
    fn wait_queries(&self, n: usize) {
        let (lock, asked) = &*self.queries;
        let (queries, timeout) = asked
            .wait_timeout_while(lock.lock().unwrap(), PATIENCE, |q| q.len() < n)
            .unwrap();
        assert!(
            !timeout.timed_out(),
            "{} queries within {PATIENCE:?}, not {n}",
            queries.len()
        );
    }
}

impl Drop for FakeDns {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn name(text: &str) -> Name {
    Name::from_ascii(text).expect("name")
}

fn answer(request: &Message, srv: &[(u16, u16, &str)], additionals: bool) -> Message {
    let query = request.queries[0].clone();
    let mut reply = Message::response(request.metadata.id, request.metadata.op_code);
    reply.metadata.message_type = MessageType::Response;
    reply.add_query(query.clone());
    let asked = query.name().to_ascii().to_ascii_lowercase();
    let localhost = RData::A(A(Ipv4Addr::LOCALHOST));
    match query.query_type() {
        RecordType::SRV if asked == SERVICE => {
            for &(priority, port, host) in srv {
                let data = RData::SRV(SRV::new(priority, 10, port, name(host)));
                reply.add_answer(Record::from_rdata(name(SERVICE), 60, data));
                if additionals && host != "." {
                    reply.add_additional(Record::from_rdata(name(host), 60, localhost.clone()));
                }
            }
        }
        // Hosts named nowhere.* have no address.
        RecordType::A if asked.starts_with("nowhere.") => {
            reply.metadata.response_code = ResponseCode::NXDomain
        }
        RecordType::A
            if srv
                .iter()
                .any(|(_, _, host)| host.eq_ignore_ascii_case(&asked)) =>
        {
            reply.add_answer(Record::from_rdata(query.name().clone(), 60, localhost));
        }
        RecordType::AAAA => {}
        _ => reply.metadata.response_code = ResponseCode::NXDomain,
    }
    reply
}

/// The port of a node's `tcp://127.0.0.1:PORT` endpoint.
fn port(node: &Node) -> u16 {
    let endpoint = node.endpoint().expect("started");
    endpoint.rsplit(':').next().unwrap().parse().expect("port")
}

fn whisper_gets_through(from: &mut Node, to: &Node, text: &str) {
    from.whisper(to.uuid(), [text.as_bytes().to_vec()])
        .expect("whisper");
    let heard = wait_for(to, "WHISPER", |e| match e {
        Event::Whisper { content, .. } => Some(content.clone()),
        _ => None,
    });
    assert_eq!(heard, [text.as_bytes().to_vec()]);
}

/// A node that finds peers through the fake DNS only.
fn dns_node(label: &str, dns: &FakeDns) -> Node {
    let mut node = Node::new(label).expect("node");
    node.set_dns_srv(SERVICE).expect("set");
    node.set_dns_server(dns.address).expect("set");
    node.set_dns_interval(Duration::from_millis(100))
        .expect("set");
    node
}

#[test]
fn srv_records_resolve_to_endpoints_sorted_by_priority() {
    let dns = FakeDns::start(Mode::Records {
        srv: vec![
            (20, 2000, "b.zre.test."),
            (10, 1000, "a.zre.test."),
            (5, 1, "."),
        ],
        additionals: true,
    });
    let targets = resolve_srv(SERVICE, dns.address, Duration::from_secs(5)).expect("resolve");
    let endpoints: Vec<String> = targets.iter().flat_map(|t| t.endpoints()).collect();
    assert_eq!(
        endpoints,
        ["tcp://127.0.0.1:1000", "tcp://127.0.0.1:2000"],
        "{targets:?}"
    );
    assert_eq!(targets[0].host, "a.zre.test.");
    // The addresses came with the SRV answer: one query only.
    assert_eq!(dns.queries().len(), 1, "{:?}", dns.queries());
}

#[test]
fn targets_without_additional_records_are_looked_up() {
    let dns = FakeDns::start(Mode::Records {
        srv: vec![(0, 4242, "a.zre.test.")],
        additionals: false,
    });
    let targets = resolve_srv(SERVICE, dns.address, Duration::from_secs(5)).expect("resolve");
    assert_eq!(targets[0].endpoints(), ["tcp://127.0.0.1:4242"]);
    let kinds: Vec<RecordType> = dns.queries().iter().map(|(_, kind)| *kind).collect();
    assert_eq!(kinds, [RecordType::SRV, RecordType::A]);
}

#[test]
fn a_target_without_an_address_has_no_endpoint() {
    let dns = FakeDns::start(Mode::Records {
        srv: vec![(0, 1, "nowhere.zre.test."), (1, 4242, "a.zre.test.")],
        additionals: false,
    });
    let targets = resolve_srv(SERVICE, dns.address, Duration::from_secs(5)).expect("resolve");
    let endpoints: Vec<Vec<String>> = targets.iter().map(|t| t.endpoints()).collect();
    assert_eq!(
        endpoints,
        [vec![], vec!["tcp://127.0.0.1:4242".to_string()]]
    );
}

#[test]
fn lookup_failures_are_errors() {
    let dns = FakeDns::start(Mode::NxDomain);
    let quick = Duration::from_millis(200);
    match resolve_srv(SERVICE, dns.address, quick) {
        Err(DnsError::Response { code, .. }) => assert_eq!(code, ResponseCode::NXDomain),
        other => panic!("NXDOMAIN: {other:?}"),
    }
    dns.set(Mode::Garbage);
    assert!(
        matches!(
            resolve_srv(SERVICE, dns.address, quick),
            Err(DnsError::Decode(_))
        ),
        "garbage"
    );
    dns.set(Mode::Silent);
    let started = Instant::now();
    assert!(
        matches!(
            resolve_srv(SERVICE, dns.address, quick),
            Err(DnsError::Timeout(_))
        ),
        "silence"
    );
    // Two attempts of 200 ms each, not an unbounded wait.
    assert!(started.elapsed() < Duration::from_secs(5));
    // A record that is no SRV name at all.
    assert!(matches!(
        resolve_srv("bad..name", dns.address, quick),
        Err(DnsError::BadName(_))
    ));
}

#[test]
fn nodes_find_each_other_through_dns_srv_alone() {
    let dns = FakeDns::start(Mode::NxDomain);
    let mut alice = dns_node("alice", &dns);
    alice.start().expect("start");
    let mut bob = dns_node("bob", &dns);
    bob.start().expect("start");
    // Both nodes are listed, each finds the other and leaves itself out.
    dns.set(Mode::Records {
        srv: vec![
            (0, port(&alice), "alice.zre.test."),
            (0, port(&bob), "bob.zre.test."),
        ],
        additionals: true,
    });
    enter(&alice, bob.uuid());
    enter(&bob, alice.uuid());
    whisper_gets_through(&mut bob, &alice, "found you by SRV");
    assert_eq!(alice.peers().expect("peers"), [bob.uuid()]);
    assert_eq!(bob.peers().expect("peers"), [alice.uuid()]);
    let address = bob.peer_address(alice.uuid()).expect("address");
    assert_eq!(address.as_deref(), alice.endpoint());
}

#[test]
fn targets_added_to_the_records_later_are_found_and_dns_errors_do_not_stop_the_node() {
    let dns = FakeDns::start(Mode::Garbage);
    let mut alice = Node::new("alice").expect("node");
    alice.start().expect("start");
    let mut carol = Node::new("carol").expect("node");
    carol.start().expect("start");
    let mut bob = dns_node("bob", &dns);
    bob.start().expect("start");
    // Garbage, NXDOMAIN, silence: bob logs and retries.
    dns.wait_queries(2);
    dns.set(Mode::NxDomain);
    dns.wait_queries(4);
    dns.set(Mode::Silent);
    dns.wait_queries(5);
    assert!(bob.peers().expect("bob still serves").is_empty());
    dns.set(Mode::Records {
        srv: vec![(0, port(&alice), "alice.zre.test.")],
        additionals: false,
    });
    enter(&bob, alice.uuid());
    // A target added to the records while running: found at the next lookup.
    dns.set(Mode::Records {
        srv: vec![
            (0, port(&alice), "alice.zre.test."),
            (0, port(&carol), "carol.zre.test."),
        ],
        additionals: false,
    });
    enter(&bob, carol.uuid());
    enter(&carol, bob.uuid());
    whisper_gets_through(&mut bob, &carol, "and you too");
    let mut peers = bob.peers().expect("peers");
    peers.sort();
    let mut want = vec![alice.uuid(), carol.uuid()];
    want.sort();
    assert_eq!(peers, want);
}
