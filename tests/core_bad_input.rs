//! Bad input to the core classes' C face (zsock, zstr, zframe, zmsg,
//! zactor, zloop, zpoller): NULL arguments, bad endpoints, objects of the
//! wrong class, malformed encoded messages. Each gives CZMQ's error value
//! (NULL, -1, false, 0) and leaves what the caller owns with the caller,
//! never a crash; include/README.md's table is written from these.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr::null_mut;

// Links the library whose C functions the extern block declares.
use czmq_capi as _;

type TimerFn = unsafe extern "C" fn(*mut c_void, c_int, *mut c_void) -> c_int;
type ActorFn = unsafe extern "C" fn(*mut c_void, *mut c_void);

extern "C" {
    fn zsock_new_checked(kind: c_int, file: *const c_char, line: usize) -> *mut c_void;
    fn zsock_new_pull_checked(ep: *const c_char, file: *const c_char, line: usize) -> *mut c_void;
    fn zsock_new_pair_checked(ep: *const c_char, file: *const c_char, line: usize) -> *mut c_void;
    fn zsock_destroy_checked(p: *mut *mut c_void, file: *const c_char, line: usize);
    fn zsock_attach(s: *mut c_void, endpoints: *const c_char, serverish: bool) -> c_int;
    fn zsock_endpoint(s: *mut c_void) -> *const c_char;
    fn zsock_resolve(s: *mut c_void) -> *mut c_void;
    fn zsock_sndhwm(s: *mut c_void) -> c_int;
    fn zsock_set_sndhwm(s: *mut c_void, value: c_int);
    fn zsock_last_endpoint(s: *mut c_void) -> *mut c_char;

    fn zstr_send(dest: *mut c_void, string: *const c_char) -> c_int;
    fn zstr_sendm(dest: *mut c_void, string: *const c_char) -> c_int;
    fn zstr_recv(source: *mut c_void) -> *mut c_char;
    fn zstr_free(string_p: *mut *mut c_char);

    fn zframe_new(data: *const c_void, size: usize) -> *mut c_void;
    fn zframe_destroy(self_p: *mut *mut c_void);
    fn zframe_size(self_: *mut c_void) -> usize;
    fn zframe_data(self_: *mut c_void) -> *mut u8;
    fn zframe_dup(self_: *mut c_void) -> *mut c_void;
    fn zframe_strdup(self_: *mut c_void) -> *mut c_char;
    fn zframe_streq(self_: *mut c_void, string: *const c_char) -> bool;
    fn zframe_send(self_p: *mut *mut c_void, dest: *mut c_void, flags: c_int) -> c_int;
    fn zframe_recv(source: *mut c_void) -> *mut c_void;

    fn zmsg_new() -> *mut c_void;
    fn zmsg_destroy(self_p: *mut *mut c_void);
    fn zmsg_size(self_: *mut c_void) -> usize;
    fn zmsg_append(self_: *mut c_void, frame_p: *mut *mut c_void) -> c_int;
    fn zmsg_pushstr(self_: *mut c_void, string: *const c_char) -> c_int;
    fn zmsg_popstr(self_: *mut c_void) -> *mut c_char;
    fn zmsg_send(self_p: *mut *mut c_void, dest: *mut c_void) -> c_int;
    fn zmsg_recv(source: *mut c_void) -> *mut c_void;
    fn zmsg_decode(frame: *mut c_void) -> *mut c_void;
    fn zmsg_signal(self_: *mut c_void) -> c_int;

    fn zactor_new(task: Option<ActorFn>, args: *mut c_void) -> *mut c_void;
    fn zactor_destroy(self_p: *mut *mut c_void);
    fn zactor_sock(self_: *mut c_void) -> *mut c_void;
    fn zactor_is(self_: *mut c_void) -> bool;

    fn zloop_new() -> *mut c_void;
    fn zloop_destroy(self_p: *mut *mut c_void);
    fn zloop_reader(s: *mut c_void, sock: *mut c_void, f: Option<TimerFn>, a: *mut c_void)
        -> c_int;
    fn zloop_timer(
        s: *mut c_void,
        delay: usize,
        times: usize,
        f: Option<TimerFn>,
        a: *mut c_void,
    ) -> c_int;
    fn zloop_poller(s: *mut c_void, item: *mut c_void, f: Option<TimerFn>, a: *mut c_void)
        -> c_int;
    fn zloop_start(self_: *mut c_void) -> c_int;

    fn zpoller_new(reader: *mut c_void, ...) -> *mut c_void;
    fn zpoller_destroy(self_p: *mut *mut c_void);
    fn zpoller_add(self_: *mut c_void, reader: *mut c_void) -> c_int;
    fn zpoller_remove(self_: *mut c_void, reader: *mut c_void) -> c_int;
    fn zpoller_wait(self_: *mut c_void, timeout: c_int) -> *mut c_void;
}

const FILE: &CStr = c"core_bad_input.rs";

/// A connected PAIR of sockets, destroyed by the caller.
unsafe fn pair(name: &CStr) -> (*mut c_void, *mut c_void) {
    let bind = format!("@inproc://{}", name.to_str().unwrap());
    let connect = format!(">inproc://{}", name.to_str().unwrap());
    let bind = std::ffi::CString::new(bind).unwrap();
    let connect = std::ffi::CString::new(connect).unwrap();
    // SAFETY: NUL-terminated endpoints and file name.
    unsafe {
        let a = zsock_new_pair_checked(bind.as_ptr(), FILE.as_ptr(), 0);
        let b = zsock_new_pair_checked(connect.as_ptr(), FILE.as_ptr(), 0);
        assert!(!a.is_null() && !b.is_null());
        (a, b)
    }
}

#[test]
fn zsock_bad_types_endpoints_and_null() {
    // SAFETY: every pointer is NULL, a live zsock_t, or a C string.
    unsafe {
        assert!(
            zsock_new_checked(99, FILE.as_ptr(), 0).is_null(),
            "unknown type"
        );
        assert!(zsock_new_pull_checked(c"@bogus://x".as_ptr(), FILE.as_ptr(), 0).is_null());
        assert!(zsock_new_pull_checked(c">tcp://".as_ptr(), FILE.as_ptr(), 0).is_null());
        let mut sock = zsock_new_pull_checked(null_mut(), FILE.as_ptr(), 0);
        assert!(!sock.is_null(), "NULL endpoints: an unattached socket");
        assert_eq!(zsock_attach(sock, c"nowhere".as_ptr(), true), -1);
        assert_eq!(
            zsock_attach(sock, c"tcp://256.0.0.1:5555".as_ptr(), true),
            -1
        );
        assert_eq!(
            zsock_attach(sock, null_mut(), true),
            0,
            "NULL attaches nothing"
        );
        assert_eq!(zsock_attach(null_mut(), c"inproc://x".as_ptr(), true), -1);
        assert!(zsock_endpoint(null_mut()).is_null());
        assert!(zsock_resolve(null_mut()).is_null());
        assert_eq!(zsock_sndhwm(null_mut()), -1);
        assert!(zsock_last_endpoint(null_mut()).is_null());
        zsock_set_sndhwm(null_mut(), 5);
        zsock_destroy_checked(&mut sock, FILE.as_ptr(), 0);
        assert!(sock.is_null());
        zsock_destroy_checked(&mut sock, FILE.as_ptr(), 0);
        zsock_destroy_checked(null_mut(), FILE.as_ptr(), 0);
        // Another class's object is refused, not freed.
        let mut frame = zframe_new(c"x".as_ptr().cast(), 1);
        let mut alias = frame;
        zsock_destroy_checked(&mut alias, FILE.as_ptr(), 0);
        assert_eq!(alias, frame, "left alone");
        zframe_destroy(&mut frame);
    }
}

#[test]
fn zstr_null_socket_and_string() {
    // SAFETY: every pointer is NULL, a live zsock_t, or a C string.
    unsafe {
        let (mut a, mut b) = pair(c"bad-zstr");
        assert_eq!(zstr_send(null_mut(), c"x".as_ptr()), -1);
        assert_eq!(zstr_sendm(a, null_mut()), -1, "a NULL part");
        assert_eq!(zstr_send(a, null_mut()), 0, "NULL string: an empty frame");
        let mut got = zstr_recv(b);
        assert_eq!(CStr::from_ptr(got).to_bytes(), b"");
        zstr_free(&mut got);
        assert!(got.is_null());
        assert!(zstr_recv(null_mut()).is_null());
        zstr_free(null_mut());
        zstr_free(&mut got);
        zsock_destroy_checked(&mut a, FILE.as_ptr(), 0);
        zsock_destroy_checked(&mut b, FILE.as_ptr(), 0);
    }
}

#[test]
fn zframe_null_and_failed_send_keeps_the_frame() {
    // SAFETY: every pointer is NULL, a live zframe_t/zmsg_t, or a C string.
    unsafe {
        assert_eq!(zframe_size(null_mut()), 0);
        assert!(zframe_data(null_mut()).is_null());
        assert!(zframe_dup(null_mut()).is_null());
        assert!(zframe_strdup(null_mut()).is_null());
        assert!(!zframe_streq(null_mut(), c"x".as_ptr()));
        assert!(zframe_recv(null_mut()).is_null());
        let mut none: *mut c_void = null_mut();
        assert_eq!(zframe_send(&mut none, null_mut(), 0), -1);
        assert_eq!(zframe_send(null_mut(), null_mut(), 0), -1);

        let mut frame = zframe_new(c"abc".as_ptr().cast(), 3);
        assert!(!zframe_streq(frame, null_mut()));
        assert_eq!(zframe_send(&mut frame, null_mut(), 0), -1, "no socket");
        assert!(
            !frame.is_null(),
            "a failed send leaves the frame to the caller"
        );
        assert_eq!(zframe_size(frame), 3);
        // A message is not a frame: refused by the destructor.
        let mut msg = zmsg_new();
        let mut alias = msg;
        zframe_destroy(&mut alias);
        assert_eq!(alias, msg);
        assert_eq!(zframe_size(msg), 0, "tag checked: not a frame");
        zmsg_destroy(&mut msg);
        zframe_destroy(&mut frame);
        zframe_destroy(&mut frame);
        zframe_destroy(null_mut());
    }
}

#[test]
fn zmsg_null_and_malformed_encodings() {
    // SAFETY: every pointer is NULL, a live zframe_t/zmsg_t/zsock_t, or a
    // C string.
    unsafe {
        assert_eq!(zmsg_size(null_mut()), 0);
        assert_eq!(zmsg_pushstr(null_mut(), c"x".as_ptr()), -1);
        assert!(zmsg_popstr(null_mut()).is_null());
        assert!(zmsg_recv(null_mut()).is_null());
        assert!(zmsg_decode(null_mut()).is_null());
        let mut msg = zmsg_new();
        assert!(zmsg_popstr(msg).is_null(), "empty message");
        assert_eq!(zmsg_pushstr(msg, null_mut()), -1);
        assert_eq!(zmsg_signal(msg), -1, "not a signal");
        let mut frame = zframe_new(c"x".as_ptr().cast(), 1);
        assert_eq!(zmsg_append(null_mut(), &mut frame), -1);
        assert!(!frame.is_null(), "the frame stays with the caller");
        assert_eq!(zmsg_append(msg, &mut frame), 0);
        assert!(frame.is_null());
        assert_eq!(zmsg_send(&mut msg, null_mut()), -1, "no socket");
        assert!(!msg.is_null(), "a failed send leaves the message");
        zmsg_destroy(&mut msg);

        // Encoded forms that lie about their lengths.
        for bad in [
            &b"\x05ab"[..],
            b"\xff\x00\x00",
            b"\xff\x00\x00\x00\x09abc",
            b"\x01a\x03",
        ] {
            let mut encoded = zframe_new(bad.as_ptr().cast(), bad.len());
            assert!(zmsg_decode(encoded).is_null(), "{bad:?}");
            zframe_destroy(&mut encoded);
        }
        zmsg_destroy(null_mut());
    }
}

unsafe extern "C" fn quiet_actor(pipe: *mut c_void, _args: *mut c_void) {
    // SAFETY: pipe is the actor's live pipe socket.
    unsafe {
        zsock_signal_ready(pipe);
        let mut cmd = zstr_recv(pipe);
        zstr_free(&mut cmd);
    }
}

extern "C" {
    fn zsock_signal(self_: *mut c_void, status: u8) -> c_int;
}

unsafe fn zsock_signal_ready(pipe: *mut c_void) {
    // SAFETY: pipe is a live socket.
    assert_eq!(unsafe { zsock_signal(pipe, 0) }, 0);
}

#[test]
fn zactor_null_task_and_wrong_class() {
    // SAFETY: every pointer is NULL or a live zactor_t/zframe_t.
    unsafe {
        assert!(zactor_new(None, null_mut()).is_null());
        assert!(zactor_sock(null_mut()).is_null());
        assert!(!zactor_is(null_mut()));
        zactor_destroy(null_mut());
        let mut frame = zframe_new(c"x".as_ptr().cast(), 1);
        assert!(!zactor_is(frame));
        let mut alias = frame;
        zactor_destroy(&mut alias);
        assert_eq!(alias, frame, "another class is left alone");
        zframe_destroy(&mut frame);
        let mut actor = zactor_new(Some(quiet_actor), null_mut());
        assert!(zactor_is(actor));
        zactor_destroy(&mut actor);
        assert!(actor.is_null());
    }
}

unsafe extern "C" fn unused(_: *mut c_void, _: c_int, _: *mut c_void) -> c_int {
    0
}

#[test]
fn zloop_and_zpoller_null_arguments() {
    // SAFETY: every pointer is NULL or a live zloop_t/zpoller_t/zsock_t.
    unsafe {
        assert_eq!(zloop_start(null_mut()), -1);
        assert_eq!(zloop_timer(null_mut(), 1, 1, Some(unused), null_mut()), -1);
        let mut lp = zloop_new();
        assert_eq!(zloop_timer(lp, 1, 1, None, null_mut()), -1, "no handler");
        assert_eq!(zloop_reader(lp, null_mut(), Some(unused), null_mut()), -1);
        assert_eq!(zloop_poller(lp, null_mut(), Some(unused), null_mut()), -1);
        assert_eq!(zloop_start(lp), 0, "nothing registered: returns at once");
        zloop_destroy(&mut lp);
        zloop_destroy(null_mut());

        assert_eq!(zpoller_add(null_mut(), null_mut()), -1);
        assert!(zpoller_wait(null_mut(), 0).is_null());
        let mut poller = zpoller_new(null_mut());
        assert_eq!(zpoller_add(poller, null_mut()), -1);
        let (mut a, mut b) = pair(c"bad-zpoller");
        assert_eq!(zpoller_remove(poller, a), -1, "never added");
        assert_eq!(
            std::io::Error::last_os_error().raw_os_error(),
            Some(libc::EINVAL)
        );
        zpoller_destroy(&mut poller);
        zpoller_destroy(null_mut());
        zsock_destroy_checked(&mut a, FILE.as_ptr(), 0);
        zsock_destroy_checked(&mut b, FILE.as_ptr(), 0);
    }
}
