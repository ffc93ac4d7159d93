//! zsock: `zsock_t *` is a boxed [`Sock`]. Functions CZMQ declares on
//! `void *self` take a zsock_t, a zactor_t or a raw libzmq socket.
//! The printf-style entry points (zsock_bind ...) live in shim.c and call
//! the `czmq_rs_zsock_*` functions here with the formatted endpoint.

use std::ffi::{c_char, c_int, c_void, CString};
use std::sync::OnceLock;
use std::time::Duration;

use czmq_core::{Sock, SocketType};

use super::ffi::{self, boxed, guard, opt_bytes, opt_str, socket_of};

/// A C zsock_t.
pub type ZsockT = Sock;

fn new_with(make: impl FnOnce() -> czmq_core::Result<Sock>) -> *mut ZsockT {
    guard(std::ptr::null_mut(), || {
        // As CZMQ: the first socket initialises the library (signals, logging).
        super::zsys::ensure_init();
        match make() {
            Ok(sock) => boxed(sock),
            Err(e) => {
                log::debug!("zsock_new: {e}");
                std::ptr::null_mut()
            }
        }
    })
}

/// `zsock_t *zsock_new (int type)`.
#[no_mangle]
pub extern "C" fn zsock_new(kind: c_int) -> *mut ZsockT {
    new_with(|| match SocketType::from_raw(kind) {
        Some(kind) => Sock::new(kind),
        None => Err(czmq_core::Error::Invalid),
    })
}

macro_rules! typed_new {
    ($($c:ident => $rust:ident),* $(,)?) => {$(
        /// CZMQ's typed constructor: an endpoint list (NULL for none).
        ///
        /// # Safety
        /// `endpoint` is NULL or a NUL-terminated string.
        #[no_mangle]
        pub unsafe extern "C" fn $c(endpoint: *const c_char) -> *mut ZsockT {
            // SAFETY: per the contract.
            let ep = unsafe { opt_str(endpoint) };
            if ep.is_none() && !endpoint.is_null() {
                return std::ptr::null_mut();
            }
            new_with(|| Sock::$rust(ep))
        }
    )*};
}

typed_new! {
    zsock_new_pub => new_pub, zsock_new_req => new_req, zsock_new_rep => new_rep,
    zsock_new_dealer => new_dealer, zsock_new_router => new_router,
    zsock_new_push => new_push, zsock_new_pull => new_pull, zsock_new_xpub => new_xpub,
    zsock_new_xsub => new_xsub, zsock_new_pair => new_pair, zsock_new_stream => new_stream,
}

/// `zsock_t *zsock_new_sub (const char *endpoint, const char *subscribe)`.
///
/// # Safety
/// Both are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn zsock_new_sub(
    endpoint: *const c_char,
    subscribe: *const c_char,
) -> *mut ZsockT {
    // SAFETY: per the contract.
    let (ep, topic) = unsafe { (opt_str(endpoint), opt_str(subscribe)) };
    if (ep.is_none() && !endpoint.is_null()) || (topic.is_none() && !subscribe.is_null()) {
        return std::ptr::null_mut();
    }
    new_with(|| Sock::new_sub(ep, topic))
}

/// `void zsock_destroy (zsock_t **self_p)`: closes the socket (linger
/// applies) and sets `*self_p` to NULL.
///
/// # Safety
/// `self_p` is NULL, or points to NULL or a zsock_t from this library.
#[no_mangle]
pub unsafe extern "C" fn zsock_destroy(self_p: *mut *mut ZsockT) {
    // SAFETY: per the contract.
    guard((), || unsafe {
        ffi::destroy_tagged(self_p, Sock::TAG, "zsock")
    })
}

/// The zsock_t behind `p`, or None (zsock_bind and friends take a zsock_t
/// only, as in CZMQ).
unsafe fn sock_mut<'a>(p: *mut ZsockT) -> Option<&'a mut Sock> {
    // SAFETY: the caller passes a zsock_t or NULL; the tag is checked.
    unsafe { ffi::as_sock(p as *mut c_void) }
}

/// zsock_bind after formatting (shim.c): the port bound for TCP, 0 for
/// other transports, -1 on error.
///
/// # Safety
/// `self_` is a zsock_t or NULL; `endpoint` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn czmq_rs_zsock_bind(self_: *mut ZsockT, endpoint: *const c_char) -> c_int {
    guard(-1, || {
        // SAFETY: per the contract.
        let (Some(sock), Some(ep)) = (unsafe { sock_mut(self_) }, unsafe { opt_str(endpoint) })
        else {
            return -1;
        };
        match sock.bind(ep) {
            Ok(port) => c_int::from(port),
            Err(_) => -1,
        }
    })
}

macro_rules! attach_op {
    ($($name:ident => $method:ident),* $(,)?) => {$(
        /// The non-variadic half of the CZMQ call of the same name (shim.c
        /// formats the endpoint): 0 on success, -1 on error.
        ///
        /// # Safety
        /// `self_` is a zsock_t or NULL; `endpoint` NULL or NUL-terminated.
        #[no_mangle]
        pub unsafe extern "C" fn $name(self_: *mut ZsockT, endpoint: *const c_char) -> c_int {
            guard(-1, || {
                // SAFETY: per the contract.
                let (Some(sock), Some(ep)) =
                    (unsafe { sock_mut(self_) }, unsafe { opt_str(endpoint) })
                else {
                    return -1;
                };
                if sock.$method(ep).is_ok() { 0 } else { -1 }
            })
        }
    )*};
}

attach_op! {
    czmq_rs_zsock_unbind => unbind,
    czmq_rs_zsock_connect => connect,
    czmq_rs_zsock_disconnect => disconnect,
}

/// `const char *zsock_endpoint (zsock_t *self)`: the last endpoint bound,
/// owned by the socket (valid until the next bind or its destruction).
///
/// # Safety
/// `self_` is a zsock_t or NULL.
#[no_mangle]
pub unsafe extern "C" fn zsock_endpoint(self_: *mut ZsockT) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: per the contract.
        match unsafe { sock_mut(self_) }.and_then(|s| s.endpoint()) {
            // The &str is a view of the CString Sock keeps for the C face,
            // so its bytes are followed by that CString's NUL.
            Some(ep) => ep.as_ptr() as *const c_char,
            None => std::ptr::null(),
        }
    })
}

/// Socket type names as C strings that live for the whole process, built
/// once from the Rust names (so DRAFT types are covered when enabled).
fn type_cstr(kind: SocketType) -> *const c_char {
    static NAMES: OnceLock<Vec<(SocketType, CString)>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        SocketType::ALL
            .iter()
            .filter_map(|k| CString::new(k.name()).ok().map(|c| (*k, c)))
            .collect()
    });
    names
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(std::ptr::null(), |(_, c)| c.as_ptr())
}

/// `const char *zsock_type_str (zsock_t *self)`: "PUB", "ROUTER"...
///
/// # Safety
/// `self_` is a zsock_t, zactor_t, libzmq socket or NULL.
#[no_mangle]
pub unsafe extern "C" fn zsock_type_str(self_: *mut ZsockT) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: per the contract.
        match unsafe { socket_of(self_ as *mut c_void) } {
            Some(s) => type_cstr(s.kind()),
            None => std::ptr::null(),
        }
    })
}

/// `int zsock_type (void *self)`: ZMQ_PUB, ZMQ_ROUTER... or -1.
///
/// # Safety
/// `self_` is a zsock_t, zactor_t, libzmq socket or NULL.
#[no_mangle]
pub unsafe extern "C" fn zsock_type(self_: *mut c_void) -> c_int {
    // SAFETY: per the contract.
    guard(-1, || {
        unsafe { socket_of(self_) }.map_or(-1, |s| s.kind().raw())
    })
}

/// `int zsock_signal (void *self, byte status)`.
///
/// # Safety
/// `self_` is a zsock_t, zactor_t, libzmq socket or NULL.
#[no_mangle]
pub unsafe extern "C" fn zsock_signal(self_: *mut c_void, status: u8) -> c_int {
    guard(-1, || {
        // SAFETY: per the contract.
        let Some(s) = (unsafe { socket_of(self_) }) else {
            return -1;
        };
        let bytes = (0x7766_5544_3322_1100_u64 + u64::from(status)).to_ne_bytes();
        if s.send_bytes(&bytes, 0).is_ok() {
            0
        } else {
            -1
        }
    })
}

/// `int zsock_wait (void *self)`: the status of the next signal (other
/// messages are discarded), -1 on error or timeout.
///
/// # Safety
/// `self_` is a zsock_t, zactor_t, libzmq socket or NULL.
#[no_mangle]
pub unsafe extern "C" fn zsock_wait(self_: *mut c_void) -> c_int {
    guard(-1, || {
        // SAFETY: per the contract.
        let Some(s) = (unsafe { socket_of(self_) }) else {
            return -1;
        };
        loop {
            match czmq_core::Msg::recv(&s) {
                Ok(msg) => {
                    if let Some(status) = msg.signal() {
                        return c_int::from(status);
                    }
                }
                Err(_) => return -1,
            }
        }
    })
}

/// `void zsock_flush (void *self)`: discards the rest of a partly read
/// multipart message.
///
/// # Safety
/// `self_` is a zsock_t, zactor_t, libzmq socket or NULL.
#[no_mangle]
pub unsafe extern "C" fn zsock_flush(self_: *mut c_void) {
    guard((), || {
        // SAFETY: per the contract.
        if let Some(s) = unsafe { socket_of(self_) } {
            // Bounded by the frames already queued: rcvmore turns false at
            // the last one, or on any error.
            while s.rcvmore().unwrap_or(false) {
                if s.recv_msg(czmq_core::DONTWAIT).is_err() {
                    break;
                }
            }
        }
    })
}

/// `void *zsock_resolve (void *self)`: the libzmq handle behind a zsock_t,
/// a zactor_t or a raw libzmq socket (returned as is); NULL otherwise.
///
/// # Safety
/// `self_` is NULL, a live zsock_t/zactor_t, or a pointer libzmq may inspect.
#[no_mangle]
pub unsafe extern "C" fn zsock_resolve(self_: *mut c_void) -> *mut c_void {
    // SAFETY: per the contract.
    guard(std::ptr::null_mut(), || {
        unsafe { ffi::resolve(self_) }.unwrap_or(std::ptr::null_mut())
    })
}

/// `bool zsock_is (void *self)`: true for a zsock_t.
///
/// # Safety
/// `self_` is NULL or points to at least 4 readable bytes.
#[no_mangle]
pub unsafe extern "C" fn zsock_is(self_: *mut c_void) -> bool {
    // SAFETY: per the contract.
    guard(false, || unsafe { ffi::tag_of(self_) } == Some(Sock::TAG))
}

fn millis(ms: c_int) -> Option<Duration> {
    u64::try_from(ms).ok().map(Duration::from_millis)
}

fn from_millis(d: Option<Duration>) -> c_int {
    d.map_or(-1, |d| c_int::try_from(d.as_millis()).unwrap_or(c_int::MAX))
}

macro_rules! int_option {
    ($($get:ident $set:ident => $rget:ident $rset:ident: $conv_in:expr, $conv_out:expr;)*) => {$(
        /// CZMQ's option getter (-1 on error).
        ///
        /// # Safety
        /// `self_` is a zsock_t, zactor_t, libzmq socket or NULL.
        #[no_mangle]
        pub unsafe extern "C" fn $get(self_: *mut c_void) -> c_int {
            guard(-1, || {
                // SAFETY: per the contract.
                match unsafe { socket_of(self_) }.map(|s| s.$rget()) {
                    Some(Ok(v)) => ($conv_out)(v),
                    _ => -1,
                }
            })
        }

        /// CZMQ's option setter (errors are logged, as CZMQ asserts).
        ///
        /// # Safety
        /// `self_` is a zsock_t, zactor_t, libzmq socket or NULL.
        #[no_mangle]
        pub unsafe extern "C" fn $set(self_: *mut c_void, value: c_int) {
            guard((), || {
                // SAFETY: per the contract.
                if let Some(s) = unsafe { socket_of(self_) } {
                    if let Err(e) = s.$rset(($conv_in)(value)) {
                        log::error!(concat!(stringify!($set), ": {}"), e);
                    }
                }
            })
        }
    )*};
}

int_option! {
    zsock_linger zsock_set_linger => linger set_linger: millis, from_millis;
    zsock_rcvtimeo zsock_set_rcvtimeo => rcvtimeo set_rcvtimeo: millis, from_millis;
    zsock_sndtimeo zsock_set_sndtimeo => sndtimeo set_sndtimeo: millis, from_millis;
    zsock_sndhwm zsock_set_sndhwm => sndhwm set_sndhwm: |v| v, |v| v;
    zsock_rcvhwm zsock_set_rcvhwm => rcvhwm set_rcvhwm: |v| v, |v| v;
    zsock_curve_server zsock_set_curve_server => curve_server set_curve_server: |v| v != 0, c_int::from;
}

int_option! {
    zsock_sndbuf zsock_set_sndbuf => sndbuf set_sndbuf: |v| v, |v| v;
    zsock_rcvbuf zsock_set_rcvbuf => rcvbuf set_rcvbuf: |v| v, |v| v;
    zsock_tcp_keepalive zsock_set_tcp_keepalive => tcp_keepalive set_tcp_keepalive: |v| v, |v| v;
    zsock_reconnect_ivl zsock_set_reconnect_ivl => reconnect_ivl set_reconnect_ivl: millis, from_millis;
    zsock_heartbeat_ivl zsock_set_heartbeat_ivl => heartbeat_ivl set_heartbeat_ivl:
        |v| millis(v).unwrap_or_default(), |d| from_millis(Some(d));
    zsock_immediate zsock_set_immediate => immediate set_immediate: |v| v != 0, c_int::from;
    zsock_ipv6 zsock_set_ipv6 => ipv6 set_ipv6: |v| v != 0, c_int::from;
    zsock_conflate zsock_set_conflate => conflate set_conflate: |v| v != 0, c_int::from;
}

macro_rules! int_getter {
    ($($get:ident => $rget:ident: $conv:expr;)*) => {$(
        /// CZMQ's read-only option getter (-1 on error).
        ///
        /// # Safety
        /// `self_` is a zsock_t, zactor_t, libzmq socket or NULL.
        #[no_mangle]
        pub unsafe extern "C" fn $get(self_: *mut c_void) -> c_int {
            guard(-1, || {
                // SAFETY: per the contract.
                match unsafe { socket_of(self_) }.map(|s| s.$rget()) {
                    Some(Ok(v)) => ($conv)(v),
                    _ => -1,
                }
            })
        }
    )*};
}

int_getter! {
    zsock_rcvmore => rcvmore: c_int::from;
    zsock_events => events: |v| v;
    zsock_fd => fd: |v| v;
}

macro_rules! flag_setter {
    ($($set:ident => $rset:ident),* $(,)?) => {$(
        /// CZMQ's write-only flag setter (errors are logged).
        ///
        /// # Safety
        /// `self_` is a zsock_t, zactor_t, libzmq socket or NULL.
        #[no_mangle]
        pub unsafe extern "C" fn $set(self_: *mut c_void, value: c_int) {
            guard((), || {
                // SAFETY: per the contract.
                if let Some(s) = unsafe { socket_of(self_) } {
                    if let Err(e) = s.$rset(value != 0) {
                        log::error!(concat!(stringify!($set), ": {}"), e);
                    }
                }
            })
        }
    )*};
}

flag_setter! {
    zsock_set_router_mandatory => set_router_mandatory,
    zsock_set_probe_router => set_probe_router,
    zsock_set_req_correlate => set_req_correlate,
    zsock_set_req_relaxed => set_req_relaxed,
    zsock_set_xpub_verbose => set_xpub_verbose,
}

macro_rules! bytes_setter {
    ($($set:ident => $rset:ident),* $(,)?) => {$(
        /// CZMQ's string option setter (errors are logged).
        ///
        /// # Safety
        /// `self_` is a zsock_t, zactor_t, libzmq socket or NULL; `value`
        /// NULL or NUL-terminated.
        #[no_mangle]
        pub unsafe extern "C" fn $set(self_: *mut c_void, value: *const c_char) {
            guard((), || {
                // SAFETY: per the contract.
                let (Some(s), Some(v)) = (unsafe { socket_of(self_) }, unsafe { opt_bytes(value) })
                else {
                    return;
                };
                if let Err(e) = s.$rset(v) {
                    log::error!(concat!(stringify!($set), ": {}"), e);
                }
            })
        }
    )*};
}

bytes_setter! {
    zsock_set_subscribe => set_subscribe,
    zsock_set_unsubscribe => set_unsubscribe,
    zsock_set_identity => set_routing_id,
    zsock_set_curve_publickey => set_curve_publickey,
    zsock_set_curve_secretkey => set_curve_secretkey,
    zsock_set_curve_serverkey => set_curve_serverkey,
}

macro_rules! key_bin_setter {
    ($($set:ident => $rset:ident),* $(,)?) => {$(
        /// CZMQ's binary CURVE key setter: `key` is 32 bytes.
        ///
        /// # Safety
        /// `self_` is a zsock_t, zactor_t, libzmq socket or NULL; `key`
        /// NULL or 32 readable bytes.
        #[no_mangle]
        pub unsafe extern "C" fn $set(self_: *mut c_void, key: *const u8) {
            guard((), || {
                if key.is_null() {
                    return;
                }
                // SAFETY: 32 readable bytes per the contract.
                let key = unsafe { std::slice::from_raw_parts(key, 32) };
                // SAFETY: per the contract.
                if let Some(s) = unsafe { socket_of(self_) } {
                    if let Err(e) = s.$rset(key) {
                        log::error!(concat!(stringify!($set), ": {}"), e);
                    }
                }
            })
        }
    )*};
}

key_bin_setter! {
    zsock_set_curve_publickey_bin => set_curve_publickey,
    zsock_set_curve_secretkey_bin => set_curve_secretkey,
    zsock_set_curve_serverkey_bin => set_curve_serverkey,
}

macro_rules! string_getter {
    ($($get:ident => $body:expr),* $(,)?) => {$(
        /// CZMQ's string option getter: a fresh string the caller frees
        /// with zstr_free (NULL on error).
        ///
        /// # Safety
        /// `self_` is a zsock_t, zactor_t, libzmq socket or NULL.
        #[no_mangle]
        pub unsafe extern "C" fn $get(self_: *mut c_void) -> *mut c_char {
            guard(std::ptr::null_mut(), || {
                // SAFETY: per the contract.
                let Some(s) = (unsafe { socket_of(self_) }) else {
                    return std::ptr::null_mut();
                };
                let get: fn(&czmq_core::Socket) -> czmq_core::Result<Vec<u8>> = $body;
                match get(&s) {
                    Ok(v) => ffi::malloc_bytes(&v),
                    Err(_) => std::ptr::null_mut(),
                }
            })
        }
    )*};
}

string_getter! {
    zsock_identity => |s| s.routing_id(),
    zsock_curve_publickey => |s| s.curve_publickey().map(String::into_bytes),
    zsock_curve_secretkey => |s| s.curve_secretkey().map(String::into_bytes),
    zsock_curve_serverkey => |s| s.curve_serverkey().map(String::into_bytes),
    zsock_last_endpoint => |s| s.last_endpoint().map(String::into_bytes),
}
