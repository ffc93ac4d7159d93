//! zsock's C functions called from Rust: options generated from czmq's
//! option table (real ones and CZMQ's stubs for options zmq.h lacks), the
//! `_checked` constructors, attach, and a binary picture through the shim.

use std::ffi::{c_char, c_int, c_void, CStr, CString};

// Links the library whose C functions the extern block declares.
use czmq_capi as _;

#[repr(C)]
struct ZsockT {
    _private: [u8; 0],
}

extern "C" {
    fn zsock_new_checked(kind: c_int, file: *const c_char, line: usize) -> *mut ZsockT;
    fn zsock_new_pair_checked(ep: *const c_char, file: *const c_char, line: usize) -> *mut ZsockT;
    fn zsock_destroy_checked(p: *mut *mut ZsockT, file: *const c_char, line: usize);
    fn zsock_attach(s: *mut ZsockT, endpoints: *const c_char, serverish: bool) -> c_int;
    fn zsock_endpoint(s: *mut ZsockT) -> *const c_char;
    fn zsock_sndhwm(s: *mut c_void) -> c_int;
    fn zsock_set_sndhwm(s: *mut c_void, v: c_int);
    fn zsock_rcvhwm(s: *mut c_void) -> c_int;
    fn zsock_set_unbounded(s: *mut c_void);
    fn zsock_maxmsgsize(s: *mut c_void) -> c_int;
    fn zsock_set_maxmsgsize(s: *mut c_void, v: c_int);
    fn zsock_identity(s: *mut c_void) -> *mut c_char;
    fn zsock_set_identity(s: *mut c_void, v: *const c_char);
    fn zsock_set_curve_serverkey_bin(s: *mut c_void, key: *const u8);
    fn zsock_curve_serverkey(s: *mut c_void) -> *mut c_char;
    fn zsock_mechanism(s: *mut c_void) -> c_int;
    fn zsock_hwm(s: *mut c_void) -> c_int;
    fn zsock_set_hwm(s: *mut c_void, v: c_int);
    fn zsock_immediate(s: *mut c_void) -> c_int;
    fn zsock_set_delay_attach_on_connect(s: *mut c_void, v: c_int);
    fn zsock_tcp_accept_filter(s: *mut c_void) -> *mut c_char;
    fn zsock_rcvtimeo(s: *mut c_void) -> c_int;
    fn zsock_bsend(s: *mut c_void, picture: *const c_char, ...) -> c_int;
    fn zsock_brecv(s: *mut c_void, picture: *const c_char, ...) -> c_int;
    fn zstr_free(p: *mut *mut c_char);
}

const ZMQ_DEALER: c_int = 5;

fn c(s: &str) -> CString {
    CString::new(s).expect("no NUL")
}

/// Takes a malloc'd C string from the library.
///
/// # Safety
/// `p` is NULL or a string from the library's malloc.
unsafe fn take(mut p: *mut c_char) -> Option<String> {
    if p.is_null() {
        return None;
    }
    // SAFETY: a NUL-terminated string per the contract; freed once here.
    let text = unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned();
    // SAFETY: as above.
    unsafe { zstr_free(&mut p) };
    Some(text)
}

#[test]
fn options_from_the_table_and_czmq_stubs() {
    let file = c(file!());
    // SAFETY: every pointer passed is a live zsock_t or a NUL-terminated string.
    unsafe {
        let mut s = zsock_new_checked(ZMQ_DEALER, file.as_ptr(), 1);
        assert!(!s.is_null());
        let v = s as *mut c_void;
        zsock_set_sndhwm(v, 321);
        assert_eq!(zsock_sndhwm(v), 321);
        // An int64 option through CZMQ's int.
        zsock_set_maxmsgsize(v, 4096);
        assert_eq!(zsock_maxmsgsize(v), 4096);
        // CZMQ's name for ZMQ_ROUTING_ID.
        zsock_set_identity(v, c("peer-7").as_ptr());
        assert_eq!(take(zsock_identity(v)).as_deref(), Some("peer-7"));
        assert_eq!(zsock_mechanism(v), 0, "ZMQ_NULL");
        // A CURVE key from 32 bytes reads back as Z85.
        zsock_set_curve_serverkey_bin(v, [0u8; 32].as_ptr());
        assert_eq!(take(zsock_curve_serverkey(v)).map(|k| k.len()), Some(40));
        assert_eq!(zsock_mechanism(v), 2, "a CURVE key makes it ZMQ_CURVE");
        // -1 (infinite) passes through untouched.
        assert_eq!(zsock_rcvtimeo(v), -1);
        // libzmq 2's ZMQ_HWM is not in zmq.h 4.3.5: CZMQ's stub.
        zsock_set_hwm(v, 5);
        assert_eq!(zsock_hwm(v), 0);
        // libzmq 3's name of ZMQ_IMMEDIATE.
        zsock_set_delay_attach_on_connect(v, 1);
        assert_eq!(zsock_immediate(v), 1);
        // Write-only in libzmq: CZMQ hands back an empty string.
        assert_eq!(take(zsock_tcp_accept_filter(v)).as_deref(), Some(""));
        zsock_set_unbounded(v);
        assert_eq!((zsock_sndhwm(v), zsock_rcvhwm(v)), (0, 0));
        // NULL self: CZMQ's error values, no crash.
        assert_eq!(zsock_sndhwm(std::ptr::null_mut()), -1);
        assert!(zsock_identity(std::ptr::null_mut()).is_null());
        zsock_destroy_checked(&mut s, file.as_ptr(), 2);
        assert!(s.is_null());
    }
}

#[test]
fn options_set_after_attach_still_apply_as_in_czmq() {
    let file = c(file!());
    // SAFETY: every pointer passed is a live zsock_t or a NUL-terminated string.
    unsafe {
        let mut s = zsock_new_checked(ZMQ_DEALER, file.as_ptr(), 1);
        assert!(!s.is_null());
        assert_eq!(
            zsock_attach(s, c("inproc://zsock-face-late").as_ptr(), false),
            0
        );
        let v = s as *mut c_void;
        // The Rust face refuses these as too late; CZMQ sets them silently.
        zsock_set_sndhwm(v, 77);
        assert_eq!(zsock_sndhwm(v), 77);
        zsock_set_identity(v, c("late").as_ptr());
        assert_eq!(take(zsock_identity(v)).as_deref(), Some("late"));
        zsock_set_unbounded(v);
        assert_eq!((zsock_sndhwm(v), zsock_rcvhwm(v)), (0, 0));
        zsock_destroy_checked(&mut s, file.as_ptr(), 2);
    }
}

#[test]
fn attach_and_binary_pictures() {
    let file = c(file!());
    // SAFETY: live zsock_t pointers, NUL-terminated strings, and va_args
    // of the types the pictures name.
    unsafe {
        let mut server = zsock_new_checked(ZMQ_DEALER, file.as_ptr(), 1);
        assert_eq!(zsock_attach(server, std::ptr::null(), true), 0);
        assert_eq!(zsock_attach(server, c("").as_ptr(), false), 0);
        assert_eq!(
            zsock_attach(server, c("@inproc://zsock-face-a").as_ptr(), false),
            0
        );
        assert_eq!(
            CStr::from_ptr(zsock_endpoint(server)).to_str(),
            Ok("inproc://zsock-face-a")
        );
        assert_eq!(zsock_attach(server, c(">a,@b, c,, ").as_ptr(), false), -1);
        let mut client =
            zsock_new_pair_checked(c(">inproc://zsock-face-a").as_ptr(), file.as_ptr(), 2);
        assert!(!client.is_null());

        let short = c("short");
        let long = c("a longer string");
        let rc = zsock_bsend(
            client as *mut c_void,
            c("124sS").as_ptr(),
            200 as c_int,
            40000 as c_int,
            7u32,
            short.as_ptr(),
            long.as_ptr(),
        );
        assert_eq!(rc, 0);
        let (mut one, mut two, mut four) = (0u8, 0u16, 0u32);
        let mut s: *mut c_char = std::ptr::null_mut();
        let mut big: *mut c_char = std::ptr::null_mut();
        let rc = zsock_brecv(
            server as *mut c_void,
            c("124sS").as_ptr(),
            &mut one as *mut u8,
            &mut two as *mut u16,
            &mut four as *mut u32,
            &mut s as *mut *mut c_char,
            &mut big as *mut *mut c_char,
        );
        assert_eq!(rc, 0);
        assert_eq!((one, two, four), (200, 40000, 7));
        // 's' belongs to the socket; 'S' is ours to free.
        assert_eq!(CStr::from_ptr(s).to_str(), Ok("short"));
        assert_eq!(take(big).as_deref(), Some("a longer string"));
        // A character the binary form does not have.
        assert_eq!(
            zsock_bsend(client as *mut c_void, c("i").as_ptr(), 1 as c_int),
            -1
        );

        zsock_destroy_checked(&mut client, file.as_ptr(), 3);
        zsock_destroy_checked(&mut server, file.as_ptr(), 4);
        assert!(client.is_null() && server.is_null());
    }
}
