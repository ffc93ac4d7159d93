//! Loop (zloop) tests. Every loop has a guard timer or a bounded source of
//! events, so none can hang. Nothing here touches the process-wide
//! interrupted flag (see tests/zsys.rs for that).

use std::cell::{Cell, RefCell};
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::rc::Rc;
use std::time::{Duration, Instant};

use czmq::{Context, Error, FdEvents, Loop, ReaderId, Socket, SocketType, TicketId};

const GUARD: Duration = Duration::from_secs(5);

/// A timer that fails the loop if a test has not finished by then.
fn guard(lp: &mut Loop) -> czmq::TimerId {
    lp.add_timer(GUARD, 1, |_, _| Err(Error::TimedOut))
        .expect("guard timer")
}

fn pair(ctx: &Context, name: &str) -> (Socket, Socket) {
    let endpoint = format!("inproc://zloop-{name}");
    let a = ctx.socket(SocketType::Pair).unwrap();
    a.bind(&endpoint).unwrap();
    let b = ctx.socket(SocketType::Pair).unwrap();
    b.connect(&endpoint).unwrap();
    (a, b)
}

#[test]
fn timer_fires_n_times_then_the_loop_ends() {
    let mut lp = Loop::new();
    let calls = Rc::new(Cell::new(0));
    let c = calls.clone();
    let started = Instant::now();
    lp.add_timer(Duration::from_millis(3), 5, move |_, _| {
        c.set(c.get() + 1);
        Ok(())
    })
    .unwrap();
    assert_eq!(lp.start(), Ok(()));
    assert_eq!(calls.get(), 5);
    assert!(started.elapsed() >= Duration::from_millis(15));
    assert_eq!(lp.timer_count(), 0);
}

#[test]
fn timer_cancels_itself_from_its_handler() {
    let mut lp = Loop::new();
    let calls = Rc::new(Cell::new(0));
    let c = calls.clone();
    lp.add_timer(Duration::from_millis(1), 0, move |lp, me| {
        c.set(c.get() + 1);
        if c.get() == 3 {
            assert!(lp.cancel_timer(me));
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(lp.start(), Ok(()));
    assert_eq!(calls.get(), 3);
}

#[test]
fn timer_cancels_another_timer() {
    let mut lp = Loop::new();
    let ticks = Rc::new(Cell::new(0));
    let t = ticks.clone();
    let forever = lp
        .add_timer(Duration::from_millis(2), 0, move |_, _| {
            t.set(t.get() + 1);
            Ok(())
        })
        .unwrap();
    let seen = Rc::new(Cell::new(0));
    let (s, t2) = (seen.clone(), ticks.clone());
    lp.add_timer(Duration::from_millis(30), 1, move |lp, _| {
        s.set(t2.get());
        assert!(lp.cancel_timer(forever));
        assert!(!lp.cancel_timer(forever));
        Ok(())
    })
    .unwrap();
    assert_eq!(lp.start(), Ok(()));
    assert!(seen.get() >= 1);
    // Nothing fired after the cancel.
    assert_eq!(ticks.get(), seen.get());
}

#[test]
fn timers_with_the_same_deadline_fire_in_creation_order() {
    let mut lp = Loop::new();
    let order = Rc::new(RefCell::new(Vec::new()));
    let mut ids = Vec::new();
    for _ in 0..5 {
        let o = order.clone();
        ids.push(
            lp.add_timer(Duration::ZERO, 1, move |_, me| {
                o.borrow_mut().push(me);
                Ok(())
            })
            .unwrap(),
        );
    }
    lp.start().unwrap();
    assert_eq!(*order.borrow(), ids);
}

#[test]
fn reader_receives_from_a_pair_peer_and_ends_the_loop() {
    let ctx = Context::new().unwrap();
    let (server, client) = pair(&ctx, "reader");
    let mut lp = Loop::new();
    let guard = guard(&mut lp);
    let received = Rc::new(RefCell::new(String::new()));
    let me: Rc<Cell<Option<ReaderId<Socket>>>> = Rc::new(Cell::new(None));
    let (r, m) = (received.clone(), me.clone());
    let id = lp.add_reader(server, move |lp, sock| {
        *r.borrow_mut() = sock.recv_string()?;
        // Remove everything: the loop then has nothing left to do.
        assert!(lp.cancel_timer(guard));
        assert!(lp.remove_reader(m.get().expect("id set")).is_none());
        Ok(())
    });
    me.set(Some(id));
    lp.add_timer(Duration::from_millis(5), 1, move |_, _| {
        client.send("hello")
    })
    .unwrap();
    assert_eq!(lp.start(), Ok(()));
    assert_eq!(*received.borrow(), "hello");
    assert_eq!(lp.reader_count(), 0);
}

#[test]
fn remove_reader_gives_the_socket_back_and_the_loop_restarts() {
    let ctx = Context::new().unwrap();
    let (server, client) = pair(&ctx, "restart");
    let mut lp = Loop::new();
    let count = Rc::new(Cell::new(0));
    let c = count.clone();
    let id = lp.add_reader(server, move |lp, sock| {
        sock.recv_msg()?;
        c.set(c.get() + 1);
        lp.stop();
        Ok(())
    });
    let g = guard(&mut lp);
    client.send("one").unwrap();
    assert_eq!(lp.start(), Ok(()));
    client.send("two").unwrap();
    assert_eq!(lp.start(), Ok(()));
    assert_eq!(count.get(), 2);
    lp.cancel_timer(g);
    let server = lp.remove_reader(id).expect("registered");
    assert!(lp.remove_reader(id).is_none());
    // The socket still works outside the loop.
    client.send("three").unwrap();
    server.set_rcvtimeo(Some(GUARD)).unwrap();
    assert_eq!(server.recv_string().unwrap(), "three");
}

#[test]
fn handler_error_ends_the_loop_with_that_error() {
    let mut lp = Loop::new();
    guard(&mut lp);
    lp.add_timer(Duration::from_millis(1), 0, |_, _| Ok(()))
        .unwrap();
    lp.add_timer(Duration::from_millis(5), 1, |_, _| {
        Err(Error::Malformed("boom".into()))
    })
    .unwrap();
    assert_eq!(lp.start(), Err(Error::Malformed("boom".into())));
}

#[test]
fn reader_handler_error_ends_the_loop() {
    let ctx = Context::new().unwrap();
    let (server, client) = pair(&ctx, "reader-error");
    let mut lp = Loop::new();
    guard(&mut lp);
    lp.add_reader(server, |_, sock| {
        sock.recv_msg()?;
        Err(Error::InvalidArgument("bad request".into()))
    });
    client.send("x").unwrap();
    assert_eq!(
        lp.start(),
        Err(Error::InvalidArgument("bad request".into()))
    );
}

#[test]
fn handler_interrupted_ends_cleanly_unless_nonstop() {
    let mut lp = Loop::new();
    guard(&mut lp);
    lp.add_timer(Duration::from_millis(1), 1, |_, _| Err(Error::Interrupted))
        .unwrap();
    assert_eq!(lp.start(), Ok(()));

    let mut lp = Loop::new();
    lp.set_nonstop(true);
    let calls = Rc::new(Cell::new(0));
    let c = calls.clone();
    lp.add_timer(Duration::from_millis(1), 3, move |_, _| {
        c.set(c.get() + 1);
        Err(Error::Interrupted)
    })
    .unwrap();
    assert_eq!(lp.start(), Ok(()));
    assert_eq!(calls.get(), 3);
}

#[test]
fn context_shutdown_ends_the_loop() {
    let ctx = Context::new().unwrap();
    let (server, _client) = pair(&ctx, "shutdown");
    let mut lp = Loop::new();
    guard(&mut lp);
    lp.add_reader(server, |_, sock| sock.recv_msg().map(drop));
    let c = ctx.clone();
    lp.add_timer(Duration::from_millis(5), 1, move |_, _| c.shutdown())
        .unwrap();
    let started = Instant::now();
    assert_eq!(lp.start(), Ok(()));
    assert!(started.elapsed() < GUARD);
}

#[test]
fn start_from_inside_a_handler_is_refused() {
    let mut lp = Loop::new();
    let inner = Rc::new(RefCell::new(None));
    let i = inner.clone();
    lp.add_timer(Duration::ZERO, 1, move |lp, _| {
        *i.borrow_mut() = Some(lp.start());
        Ok(())
    })
    .unwrap();
    assert_eq!(lp.start(), Ok(()));
    assert!(matches!(
        *inner.borrow(),
        Some(Err(Error::InvalidArgument(_)))
    ));
}

#[test]
fn max_timers_is_enforced() {
    let mut lp = Loop::new();
    lp.set_max_timers(2);
    lp.add_timer(Duration::from_millis(1), 1, |_, _| Ok(()))
        .unwrap();
    let second = lp
        .add_timer(Duration::from_millis(1), 1, |_, _| Ok(()))
        .unwrap();
    assert!(matches!(
        lp.add_timer(Duration::from_millis(1), 1, |_, _| Ok(())),
        Err(Error::InvalidArgument(_))
    ));
    lp.cancel_timer(second);
    lp.add_timer(Duration::from_millis(1), 1, |_, _| Ok(()))
        .unwrap();
    assert_eq!(lp.start(), Ok(()));
}

#[test]
fn tickets_need_a_delay_and_reject_absurd_ones() {
    let mut lp = Loop::new();
    assert!(matches!(
        lp.ticket(|_, _| Ok(())),
        Err(Error::InvalidArgument(_))
    ));
    assert!(lp.set_ticket_delay(Duration::MAX).is_err());
    assert!(lp.add_timer(Duration::MAX, 1, |_, _| Ok(())).is_err());
}

#[test]
fn a_thousand_tickets_fire_in_order_after_the_delay() {
    let mut lp = Loop::new();
    guard(&mut lp);
    let delay = Duration::from_millis(30);
    lp.set_ticket_delay(delay).unwrap();
    let order = Rc::new(RefCell::new(Vec::new()));
    let started = Instant::now();
    let first_fire = Rc::new(Cell::new(None));
    let mut ids = Vec::new();
    for _ in 0..1000 {
        let (o, f) = (order.clone(), first_fire.clone());
        ids.push(
            lp.ticket(move |lp, me| {
                if f.get().is_none() {
                    f.set(Some(started.elapsed()));
                }
                o.borrow_mut().push(me);
                if lp.ticket_count() == 1 {
                    // The last one: end the test without waiting for the guard.
                    lp.stop();
                }
                Ok(())
            })
            .unwrap(),
        );
    }
    assert_eq!(lp.ticket_count(), 1000);
    assert_eq!(lp.start(), Ok(()));
    assert_eq!(*order.borrow(), ids);
    assert!(first_fire.get().expect("fired") >= delay);
    assert_eq!(lp.ticket_count(), 0);
}

#[test]
fn ticket_reset_postpones_and_delete_cancels() {
    let mut lp = Loop::new();
    guard(&mut lp);
    let delay = Duration::from_millis(40);
    lp.set_ticket_delay(delay).unwrap();
    let fired: Rc<RefCell<Vec<(TicketId, Duration)>>> = Rc::new(RefCell::new(Vec::new()));
    let started = Instant::now();
    let make = |lp: &mut Loop| {
        let f = fired.clone();
        lp.ticket(move |lp, me| {
            f.borrow_mut().push((me, started.elapsed()));
            if lp.ticket_count() == 1 {
                lp.stop();
            }
            Ok(())
        })
        .unwrap()
    };
    let first = make(&mut lp);
    let second = make(&mut lp);
    let deleted = make(&mut lp);
    assert!(lp.ticket_delete(deleted));
    let reset_at = Rc::new(Cell::new(Duration::ZERO));
    let r = reset_at.clone();
    lp.add_timer(Duration::from_millis(20), 1, move |lp, _| {
        r.set(started.elapsed());
        assert!(lp.ticket_reset(first));
        Ok(())
    })
    .unwrap();
    assert_eq!(lp.start(), Ok(()));
    let fired = fired.borrow();
    let order: Vec<TicketId> = fired.iter().map(|(id, _)| *id).collect();
    assert_eq!(order, vec![second, first]);
    assert!(fired[1].1 >= reset_at.get() + delay);
    assert!(!lp.ticket_reset(first), "a fired ticket is gone");
    assert!(!lp.ticket_delete(deleted));
}

#[test]
fn ticket_reset_inside_its_handler_rearms_it() {
    let mut lp = Loop::new();
    guard(&mut lp);
    lp.set_ticket_delay(Duration::from_millis(2)).unwrap();
    let calls = Rc::new(Cell::new(0));
    let c = calls.clone();
    lp.ticket(move |lp, me| {
        c.set(c.get() + 1);
        if c.get() < 3 {
            assert!(lp.ticket_reset(me));
        } else {
            lp.stop();
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(lp.start(), Ok(()));
    assert_eq!(calls.get(), 3);
    assert_eq!(lp.ticket_count(), 0);
}

#[test]
fn lowering_the_ticket_delay_keeps_expiry_order() {
    let mut lp = Loop::new();
    guard(&mut lp);
    let order = Rc::new(RefCell::new(Vec::new()));
    let make = |lp: &mut Loop| {
        let o = order.clone();
        lp.ticket(move |lp, me| {
            o.borrow_mut().push(me);
            if lp.ticket_count() == 1 {
                lp.stop();
            }
            Ok(())
        })
        .unwrap()
    };
    lp.set_ticket_delay(Duration::from_millis(60)).unwrap();
    let slow = make(&mut lp);
    lp.set_ticket_delay(Duration::from_millis(5)).unwrap();
    let fast = make(&mut lp);
    assert_eq!(lp.start(), Ok(()));
    assert_eq!(*order.borrow(), vec![fast, slow]);
}

#[test]
fn many_resets_of_one_ticket_fire_it_once() {
    let mut lp = Loop::new();
    guard(&mut lp);
    lp.set_ticket_delay(Duration::from_millis(10)).unwrap();
    let calls = Rc::new(Cell::new(0));
    let c = calls.clone();
    let t = lp
        .ticket(move |lp, _| {
            c.set(c.get() + 1);
            lp.stop();
            Ok(())
        })
        .unwrap();
    for _ in 0..10_000 {
        assert!(lp.ticket_reset(t));
    }
    assert_eq!(lp.start(), Ok(()));
    assert_eq!(calls.get(), 1);
}

#[test]
fn io_reader_reads_a_unix_stream() {
    let (a, mut b) = UnixStream::pair().unwrap();
    let mut lp = Loop::new();
    let g = guard(&mut lp);
    let got = Rc::new(RefCell::new(Vec::new()));
    let me: Rc<Cell<Option<ReaderId<UnixStream>>>> = Rc::new(Cell::new(None));
    let (gt, m) = (got.clone(), me.clone());
    let id = lp.add_io_reader(a, FdEvents::IN, move |lp, stream, events| {
        assert!(events.contains(FdEvents::IN));
        let mut buf = [0u8; 64];
        let n = stream
            .read(&mut buf)
            .map_err(|e| Error::Malformed(e.to_string()))?;
        gt.borrow_mut().extend_from_slice(&buf[..n]);
        if gt.borrow().len() >= 5 {
            lp.cancel_timer(g);
            lp.remove_reader(m.get().expect("id set"));
        }
        Ok(())
    });
    me.set(Some(id));
    b.write_all(b"hello").unwrap();
    assert_eq!(lp.start(), Ok(()));
    assert_eq!(&*got.borrow(), b"hello");
}

#[test]
fn fd_reader_sees_raw_descriptors() {
    let (a, mut b) = UnixStream::pair().unwrap();
    let mut lp = Loop::new();
    guard(&mut lp);
    let seen = Rc::new(Cell::new(None));
    let s = seen.clone();
    let id = lp
        .add_fd_reader(a.as_raw_fd(), FdEvents::IN, move |lp, fd, events| {
            s.set(Some((fd, events)));
            lp.stop();
            Ok(())
        })
        .unwrap();
    b.write_all(b"x").unwrap();
    assert_eq!(lp.start(), Ok(()));
    assert_eq!(seen.get(), Some((a.as_raw_fd(), FdEvents::IN)));
    assert_eq!(lp.find_fd_reader(a.as_raw_fd()), Some(id));
    assert_eq!(lp.find_fd_reader(b.as_raw_fd()), None);
    assert_eq!(lp.remove_reader(id), Some(a.as_raw_fd()));
    assert!(
        lp.add_fd_reader(-1, FdEvents::IN, |_, _, _| Ok(()))
            .is_err()
    );
}

#[test]
fn fd_writer_events_are_reported() {
    let (a, _b) = UnixStream::pair().unwrap();
    let mut lp = Loop::new();
    guard(&mut lp);
    let seen = Rc::new(Cell::new(FdEvents::NONE));
    let s = seen.clone();
    lp.add_io_reader(a, FdEvents::OUT, move |lp, _, events| {
        s.set(events);
        lp.stop();
        Ok(())
    });
    assert_eq!(lp.start(), Ok(()));
    assert!(seen.get().contains(FdEvents::OUT));
}

#[test]
fn tolerant_reader_is_removed_after_a_hangup() {
    let (a, b) = UnixStream::pair().unwrap();
    let mut lp = Loop::new();
    let g = guard(&mut lp);
    let seen = Rc::new(Cell::new(FdEvents::NONE));
    let calls = Rc::new(Cell::new(0));
    let (s, c) = (seen.clone(), calls.clone());
    let id = lp.add_io_reader(a, FdEvents::IN, move |lp, stream, events| {
        c.set(c.get() + 1);
        if c.get() > 10 {
            // The reader should have been removed after the first call.
            return Err(Error::TimedOut);
        }
        s.set(events);
        lp.cancel_timer(g);
        let mut buf = [0u8; 8];
        // EOF: the peer has gone.
        assert_eq!(
            stream
                .read(&mut buf)
                .map_err(|e| Error::Malformed(e.to_string()))?,
            0
        );
        Ok(())
    });
    assert!(lp.set_tolerant(id));
    drop(b);
    // The only reader goes, so the loop ends by itself.
    assert_eq!(lp.start(), Ok(()));
    assert_eq!(calls.get(), 1);
    assert!(seen.get().contains(FdEvents::ERR));
    assert_eq!(lp.reader_count(), 0);
}

#[test]
fn non_tolerant_reader_error_ends_the_loop() {
    let (a, b) = UnixStream::pair().unwrap();
    let mut lp = Loop::new();
    guard(&mut lp);
    lp.add_io_reader(a, FdEvents::IN, |_, stream, _| {
        let mut buf = [0u8; 8];
        stream
            .read(&mut buf)
            .map(drop)
            .map_err(|e| Error::Malformed(e.to_string()))
    });
    drop(b);
    assert!(matches!(lp.start(), Err(Error::Disconnected(_))));
}

#[test]
fn raw_reader_polls_a_socket_the_caller_keeps() {
    let ctx = Context::new().unwrap();
    let (server, client) = pair(&ctx, "raw");
    let server = Rc::new(server);
    let mut lp = Loop::new();
    guard(&mut lp);
    let got = Rc::new(RefCell::new(String::new()));
    let (s, g) = (server.clone(), got.clone());
    let ptr = server.as_ptr();
    // SAFETY: `server` outlives the loop's use of it: the reader is removed
    // below while the Rc still holds the socket, and this thread alone uses it.
    let id = unsafe {
        lp.add_reader_raw(ptr, move |lp, raw| {
            assert_eq!(raw, s.as_ptr());
            *g.borrow_mut() = s.recv_string()?;
            lp.stop();
            Ok(())
        })
    }
    .unwrap();
    client.send("raw hello").unwrap();
    assert_eq!(lp.start(), Ok(()));
    assert_eq!(*got.borrow(), "raw hello");
    assert_eq!(lp.find_raw_reader(ptr), Some(id));
    assert_eq!(lp.find_raw_reader(client.as_ptr()), None);
    assert_eq!(lp.remove_reader(id), Some(ptr));
    assert_eq!(lp.find_raw_reader(ptr), None);
    // SAFETY: a null pointer is refused before anything uses it.
    assert!(unsafe { lp.add_reader_raw(std::ptr::null_mut(), |_, _| Ok(())) }.is_err());
}

#[test]
fn readers_added_from_a_handler_are_polled_next() {
    let ctx = Context::new().unwrap();
    let (server, client) = pair(&ctx, "late-add");
    let mut lp = Loop::new();
    guard(&mut lp);
    let got = Rc::new(RefCell::new(String::new()));
    let g = got.clone();
    let server = RefCell::new(Some(server));
    lp.add_timer(Duration::from_millis(2), 1, move |lp, _| {
        let sock = server.borrow_mut().take().expect("once");
        let g = g.clone();
        lp.add_reader(sock, move |lp, sock| {
            *g.borrow_mut() = sock.recv_string()?;
            lp.stop();
            Ok(())
        });
        client.send("late")
    })
    .unwrap();
    assert_eq!(lp.start(), Ok(()));
    assert_eq!(*got.borrow(), "late");
}

#[test]
fn a_panicking_handler_leaves_the_loop_usable() {
    let mut lp = Loop::new();
    lp.add_timer(Duration::ZERO, 1, |_, _| panic!("handler bug"))
        .unwrap();
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lp.start()));
    assert!(caught.is_err());
    let calls = Rc::new(Cell::new(0));
    let c = calls.clone();
    lp.add_timer(Duration::ZERO, 1, move |lp, _| {
        c.set(c.get() + 1);
        lp.stop();
        Ok(())
    })
    .unwrap();
    // Not refused as "already running".
    assert_eq!(lp.start(), Ok(()));
    assert_eq!(calls.get(), 1);
    // The timer whose handler panicked is gone, not spinning forever.
    assert_eq!(lp.timer_count(), 0);
    assert_eq!(lp.start(), Ok(()));
}

#[test]
fn ids_round_trip_through_numbers() {
    let mut lp = Loop::new();
    let t = lp
        .add_timer(Duration::from_secs(1), 1, |_, _| Ok(()))
        .unwrap();
    assert!(lp.cancel_timer(czmq::TimerId::from_raw(t.raw())));
    lp.set_ticket_delay(Duration::from_secs(1)).unwrap();
    let k = lp.ticket(|_, _| Ok(())).unwrap();
    assert!(lp.ticket_delete(TicketId::from_raw(k.raw())));
    assert!(!lp.cancel_timer(czmq::TimerId::from_raw(u64::MAX)));
}

#[test]
fn empty_loop_returns_at_once() {
    let mut lp = Loop::new();
    assert_eq!(lp.start(), Ok(()));
}

/// CZMQ's zproto servers end a reader from inside its own handler
/// (zloop_reader_end (loop, reader)): the reader must be found while its
/// handler runs, and stop firing.
#[test]
fn a_raw_reader_found_and_removed_by_its_own_handler_stops() {
    let ctx = Context::new().unwrap();
    let (a, b) = pair(&ctx, "raw-self-end");
    for _ in 0..3 {
        a.send("PING").unwrap();
    }
    let mut lp = Loop::new();
    let calls = Rc::new(Cell::new(0));
    let c = calls.clone();
    // SAFETY: `b` outlives the loop's registration (the loop is dropped
    // before `b`) and stays on this thread.
    unsafe {
        lp.add_reader_raw(b.as_ptr(), move |lp, sock| {
            c.set(c.get() + 1);
            let found = lp
                .find_raw_reader(sock)
                .expect("found from its own handler");
            lp.remove_reader(found);
            Ok(())
        })
    }
    .unwrap();
    // Ends the loop after the reader had every chance to fire again.
    lp.add_timer(Duration::from_millis(50), 1, |lp, _| {
        lp.stop();
        Ok(())
    })
    .unwrap();
    guard(&mut lp);
    assert_eq!(lp.start(), Ok(()));
    assert_eq!(calls.get(), 1);
    assert_eq!(lp.reader_count(), 0);
    drop(lp);
    // The handler read nothing: all three messages are still queued.
    for _ in 0..3 {
        assert_eq!(b.recv_string_with(czmq::Flags::DONTWAIT).unwrap(), "PING");
    }
}
