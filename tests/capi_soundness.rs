//! The C face's aliasing and bounds cases, each called through the extern
//! functions as C would: a zdigest fed its own hash, zloop entry points
//! re-entered with a second copy of the loop pointer from inside a handler,
//! and zpoller_add given a `SOCKET *` (a pointer to a 4-byte int, which
//! must not be read past: the valgrind test runs that case under memcheck).

use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr::null_mut;
use std::time::{Duration, Instant};

// Links the library whose C functions the extern block declares.
use czmq_capi as _;

type TimerFn = unsafe extern "C" fn(*mut c_void, c_int, *mut c_void) -> c_int;
type ReaderFn = unsafe extern "C" fn(*mut c_void, *mut c_void, *mut c_void) -> c_int;

extern "C" {
    fn zdigest_new() -> *mut c_void;
    fn zdigest_destroy(self_p: *mut *mut c_void);
    fn zdigest_update(self_: *mut c_void, buffer: *const u8, length: usize);
    fn zdigest_data(self_: *mut c_void) -> *const u8;
    fn zdigest_string(self_: *mut c_void) -> *mut c_char;

    fn zsock_new_pair_checked(ep: *const c_char, file: *const c_char, line: usize) -> *mut c_void;
    fn zsock_destroy_checked(p: *mut *mut c_void, file: *const c_char, line: usize);
    fn zstr_send(dest: *mut c_void, string: *const c_char) -> c_int;
    fn zstr_recv(source: *mut c_void) -> *mut c_char;
    fn zstr_free(string_p: *mut *mut c_char);

    fn zloop_new() -> *mut c_void;
    fn zloop_destroy(self_p: *mut *mut c_void);
    fn zloop_reader(
        s: *mut c_void,
        sock: *mut c_void,
        f: Option<ReaderFn>,
        a: *mut c_void,
    ) -> c_int;
    fn zloop_reader_end(self_: *mut c_void, sock: *mut c_void);
    fn zloop_timer(
        s: *mut c_void,
        delay: usize,
        times: usize,
        f: Option<TimerFn>,
        a: *mut c_void,
    ) -> c_int;
    fn zloop_timer_end(self_: *mut c_void, timer_id: c_int) -> c_int;
    fn zloop_set_ticket_delay(self_: *mut c_void, delay: usize);
    fn zloop_ticket(self_: *mut c_void, f: Option<TimerFn>, a: *mut c_void) -> *mut c_void;
    fn zloop_ticket_reset(self_: *mut c_void, handle: *mut c_void);
    fn zloop_ticket_delete(self_: *mut c_void, handle: *mut c_void);
    fn zloop_start(self_: *mut c_void) -> c_int;

    fn zpoller_new(reader: *mut c_void, ...) -> *mut c_void;
    fn zpoller_destroy(self_p: *mut *mut c_void);
    fn zpoller_add(self_: *mut c_void, reader: *mut c_void) -> c_int;
    fn zpoller_remove(self_: *mut c_void, reader: *mut c_void) -> c_int;
    fn zpoller_wait(self_: *mut c_void, timeout: c_int) -> *mut c_void;
}

fn hex(p: *const c_char) -> String {
    // SAFETY: the callers pass zdigest_string's NUL-terminated result.
    unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned()
}

/// Feeding a digest its own hash (zdigest_data) or hex string
/// (zdigest_string) hashes a copy: the same as feeding those bytes from
/// elsewhere.
#[test]
fn zdigest_fed_its_own_hash_and_hex() {
    // SAFETY: every pointer is a live zdigest_t or a buffer of the length
    // given (the digest's own 20-byte hash or 40-digit hex string).
    unsafe {
        let mut own = zdigest_new();
        let mut reference = zdigest_new();
        for d in [own, reference] {
            zdigest_update(d, b"abc".as_ptr(), 3);
        }
        let hash = zdigest_data(own);
        let copy: Vec<u8> = std::slice::from_raw_parts(hash, 20).to_vec();
        zdigest_update(own, hash, 20);
        zdigest_update(reference, copy.as_ptr(), copy.len());
        assert_eq!(hex(zdigest_string(own)), hex(zdigest_string(reference)));

        let text = zdigest_string(own);
        let copy = hex(text);
        zdigest_update(own, text.cast(), 40);
        zdigest_update(reference, copy.as_ptr(), 40);
        let (a, b) = (hex(zdigest_string(own)), hex(zdigest_string(reference)));
        assert_eq!(a, b);
        assert_ne!(a, copy, "the hex input did change the digest");
        zdigest_destroy(&mut own);
        zdigest_destroy(&mut reference);
    }
}

/// What the handlers saw, reached through `arg`.
struct LoopState {
    /// The loop pointer as zloop_new returned it: a second copy, next to
    /// the one each handler gets as its argument.
    lp: *mut c_void,
    reader: *mut c_void,
    writer: *mut c_void,
    ticket: *mut c_void,
    doomed_timer: c_int,
    reader_calls: u32,
    second_timer_calls: u32,
    nested_start: c_int,
    destroy_refused: bool,
}

unsafe extern "C" fn count_reader(_: *mut c_void, _: *mut c_void, arg: *mut c_void) -> c_int {
    // SAFETY: arg is the test's LoopState, alive for the whole loop.
    unsafe { (*(arg as *mut LoopState)).reader_calls += 1 };
    0
}

unsafe extern "C" fn never(_: *mut c_void, _: c_int, _: *mut c_void) -> c_int {
    panic!("a cancelled timer or deleted ticket fired");
}

unsafe extern "C" fn second_timer(_: *mut c_void, _: c_int, arg: *mut c_void) -> c_int {
    // SAFETY: arg is the test's LoopState, alive for the whole loop.
    let state = unsafe { &mut *(arg as *mut LoopState) };
    state.second_timer_calls += 1;
    -1
}

/// The first timer's handler: everything through `state.lp`, the copy of
/// the loop pointer it did not get as an argument.
unsafe extern "C" fn first_timer(_loop: *mut c_void, _: c_int, arg: *mut c_void) -> c_int {
    // SAFETY: arg is the test's LoopState, alive for the whole loop; every
    // zloop call gets the live loop (state.lp) and live sockets.
    unsafe {
        let state = &mut *(arg as *mut LoopState);
        let lp = state.lp;
        zloop_reader_end(lp, state.reader);
        // Input for the reader it no longer has: its handler must not run.
        assert_eq!(zstr_send(state.writer, c"PING".as_ptr()), 0);
        zloop_ticket_reset(lp, state.ticket);
        zloop_ticket_delete(lp, state.ticket);
        assert_eq!(zloop_timer_end(lp, state.doomed_timer), 0);
        assert!(zloop_timer(lp, 20, 1, Some(second_timer), arg) >= 0);
        state.nested_start = zloop_start(lp);
        let mut copy = lp;
        zloop_destroy(&mut copy);
        state.destroy_refused = copy == lp;
    }
    0
}

/// A handler re-enters the loop through another copy of its pointer: it
/// ends a reader, resets and deletes a ticket, ends a timer, adds a timer,
/// and is refused a nested start and a destroy. Each takes effect.
#[test]
fn zloop_reentered_through_a_second_pointer_copy() {
    // SAFETY: every pointer is NULL or a live object of the class the
    // function expects; `state` outlives the loop that points to it.
    unsafe {
        let file = c"capi_soundness.rs".as_ptr();
        let mut reader = zsock_new_pair_checked(c"@inproc://soundness-loop".as_ptr(), file, 0);
        let mut writer = zsock_new_pair_checked(c">inproc://soundness-loop".as_ptr(), file, 0);
        assert!(!reader.is_null() && !writer.is_null());
        let mut lp = zloop_new();
        let mut state = LoopState {
            lp,
            reader,
            writer,
            ticket: null_mut(),
            doomed_timer: -1,
            reader_calls: 0,
            second_timer_calls: 0,
            nested_start: 0,
            destroy_refused: false,
        };
        let arg = &mut state as *mut LoopState as *mut c_void;
        zloop_set_ticket_delay(lp, 60_000);
        state.ticket = zloop_ticket(lp, Some(never), arg);
        assert!(!state.ticket.is_null());
        assert_eq!(zloop_reader(lp, reader, Some(count_reader), arg), 0);
        state.doomed_timer = zloop_timer(lp, 60_000, 1, Some(never), arg);
        assert!(state.doomed_timer >= 0);
        assert!(zloop_timer(lp, 1, 1, Some(first_timer), arg) >= 0);

        let started = Instant::now();
        assert_eq!(zloop_start(lp), -1, "second_timer ends the loop");
        assert!(started.elapsed() < Duration::from_secs(30));
        assert_eq!(state.second_timer_calls, 1);
        assert_eq!(state.reader_calls, 0, "the ended reader was not called");
        assert_eq!(state.nested_start, -1);
        assert!(state.destroy_refused);
        // The input the ended reader never took is still there.
        let mut text = zstr_recv(reader);
        assert_eq!(CStr::from_ptr(text).to_bytes(), b"PING");
        zstr_free(&mut text);

        zloop_destroy(&mut lp);
        assert!(lp.is_null());
        zsock_destroy_checked(&mut reader, file, 0);
        zsock_destroy_checked(&mut writer, file, 0);
    }
}

/// zpoller_add with a `SOCKET *`: a malloc'd 4-byte int holding a pipe's
/// read end. It is polled as a file descriptor and handed back as given.
#[test]
fn zpoller_polls_a_socket_pointer_to_a_four_byte_int() {
    let mut fds = [0 as c_int; 2];
    // SAFETY: fds has room for the two descriptors pipe writes.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    // SAFETY: exactly 4 bytes on the heap, so memcheck flags any read past
    // them; every other pointer is NULL or a live zpoller_t.
    unsafe {
        let reader = libc::malloc(std::mem::size_of::<c_int>()) as *mut c_int;
        assert!(!reader.is_null());
        reader.write(fds[0]);
        let mut poller = zpoller_new(null_mut());
        assert_eq!(zpoller_add(poller, reader.cast()), 0);
        assert!(zpoller_wait(poller, 0).is_null(), "nothing to read yet");
        assert_eq!(libc::write(fds[1], b"x".as_ptr().cast(), 1), 1);
        assert_eq!(zpoller_wait(poller, 5_000), reader.cast());
        assert_eq!(zpoller_remove(poller, reader.cast()), 0);
        zpoller_destroy(&mut poller);
        libc::free(reader.cast());
        libc::close(fds[0]);
        libc::close(fds[1]);
    }
}

/// The three cases above under valgrind's memcheck: no invalid read (the
/// `SOCKET *` case reads only its 4 bytes), no error at all.
#[test]
#[ignore = "interop: needs valgrind"]
fn the_soundness_cases_are_clean_under_valgrind() {
    let exe = std::env::current_exe().unwrap();
    let out = std::process::Command::new("valgrind")
        .args(["--error-exitcode=99", "--leak-check=no", "-q"])
        .arg(&exe)
        .args(["--test-threads=1", "--skip", "under_valgrind"])
        .output()
        .expect("valgrind is needed for this test (apt-get install valgrind)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "valgrind ({}):\n{stderr}", out.status);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("3 passed"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
