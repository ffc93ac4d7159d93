//! zsock: `zsock_t *` is a boxed [`Sock`]. Functions CZMQ declares on
//! `void *self` take a zsock_t, a zactor_t or a raw libzmq socket.
//! The printf-style entry points (zsock_bind ...) live in shim.c and call
//! the `czmq_rs_zsock_*` functions here with the formatted endpoint.

use std::ffi::{c_char, c_int, c_void, CString};
use std::sync::OnceLock;

use czmq::{Sock, SocketType};

use super::ffi::{self, boxed, guard, opt_str, socket_of};

/// A C zsock_t.
pub type ZsockT = Sock;

fn new_with(make: impl FnOnce() -> czmq::Result<Sock>) -> *mut ZsockT {
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

/// Sets C's errno, as CZMQ's functions leave it for their callers.
#[cfg(not(feature = "draft"))]
fn set_errno(code: c_int) {
    // SAFETY: __errno_location returns this thread's errno slot, always
    // valid and writable for the thread's lifetime.
    unsafe { *libc::__errno_location() = code };
}

/// `zsock_t *zsock_new (int type)`.
#[no_mangle]
pub extern "C" fn zsock_new(kind: c_int) -> *mut ZsockT {
    new_with(|| match SocketType::from_raw(kind) {
        Some(kind) => Sock::new(kind),
        None => Err(czmq::Error::Invalid),
    })
}

/// `zsock_t *zsock_new_checked (int type, const char *filename, size_t
/// line_nbr)`: what CZMQ's header makes of `zsock_new (type)`. CZMQ uses the
/// caller's file and line only to report leaks in its debug builds; the
/// socket is the same.
#[no_mangle]
pub extern "C" fn zsock_new_checked(
    kind: c_int,
    _file: *const c_char,
    _line: usize,
) -> *mut ZsockT {
    zsock_new(kind)
}

/// The endpoint list of a typed constructor: `Ok(None)` for NULL, `Err`
/// for text that is not UTF-8 (no endpoint libzmq accepts).
///
/// # Safety
/// `endpoint` is NULL or NUL-terminated.
unsafe fn endpoints<'a>(endpoint: *const c_char) -> Result<Option<&'a str>, ()> {
    // SAFETY: This function's caller guarantees that `endpoint` is NULL or a NUL-terminated C
    // string that stays alive for this call; opt_str checks NULL, and the borrow is not kept
    // past the call.
    match unsafe { opt_str(endpoint) } {
        None if !endpoint.is_null() => Err(()),
        ep => Ok(ep),
    }
}

macro_rules! typed_new {
    ($($c:ident $checked:ident => $rust:ident),* $(,)?) => {$(
        /// CZMQ's typed constructor: an endpoint list (NULL for none).
        ///
        /// # Safety
        /// `endpoint` is NULL or a NUL-terminated string.
        #[no_mangle]
        pub unsafe extern "C" fn $c(endpoint: *const c_char) -> *mut ZsockT {
            // SAFETY: This function's caller guarantees that `endpoint` is NULL or a
            // NUL-terminated C string that stays alive for this call; endpoints checks NULL,
            // and the borrow is not kept past the call.
            match unsafe { endpoints(endpoint) } {
                Ok(ep) => new_with(|| Sock::$rust(ep)),
                Err(()) => std::ptr::null_mut(),
            }
        }

        /// The `_checked` form CZMQ's header calls (file and line unused).
        ///
        /// # Safety
        /// `endpoint` is NULL or a NUL-terminated string.
        #[no_mangle]
        pub unsafe extern "C" fn $checked(
            endpoint: *const c_char,
            _file: *const c_char,
            _line: usize,
        ) -> *mut ZsockT {
            // SAFETY: this _checked form has the same contract as $c, which it forwards
            // unchanged: `endpoint` is NULL or a NUL-terminated string live for the call (C's
            // caller guarantees it, as CZMQ's header requires); the file and line arguments are
            // never read.
            unsafe { $c(endpoint) }
        }
    )*};
}

typed_new! {
    zsock_new_pub zsock_new_pub_checked => new_pub,
    zsock_new_req zsock_new_req_checked => new_req,
    zsock_new_rep zsock_new_rep_checked => new_rep,
    zsock_new_dealer zsock_new_dealer_checked => new_dealer,
    zsock_new_router zsock_new_router_checked => new_router,
    zsock_new_push zsock_new_push_checked => new_push,
    zsock_new_pull zsock_new_pull_checked => new_pull,
    zsock_new_xpub zsock_new_xpub_checked => new_xpub,
    zsock_new_xsub zsock_new_xsub_checked => new_xsub,
    zsock_new_pair zsock_new_pair_checked => new_pair,
    zsock_new_stream zsock_new_stream_checked => new_stream,
}

/// CZMQ's DRAFT constructors (SERVER, CLIENT, RADIO, DISH, GATHER,
/// SCATTER, DGRAM): CZMQ 4.2.1 builds them always, and its own selftest
/// calls them; without libzmq's DRAFT sockets they fail with ENOTSUP.
macro_rules! draft_new {
    ($($c:ident $checked:ident => $rust:ident),* $(,)?) => {$(
        /// A DRAFT socket type: NULL and errno ENOTSUP unless this library
        /// is built with the `draft` feature.
        ///
        /// # Safety
        /// `endpoint` is NULL or a NUL-terminated string.
        #[no_mangle]
        pub unsafe extern "C" fn $c(endpoint: *const c_char) -> *mut ZsockT {
            #[cfg(feature = "draft")]
            {
                // SAFETY: This function's caller guarantees that `endpoint` is NULL or a
                // NUL-terminated C string that stays alive for this call; endpoints checks
                // NULL, and the borrow is not kept past the call.
                match unsafe { endpoints(endpoint) } {
                    Ok(ep) => new_with(|| Sock::$rust(ep)),
                    Err(()) => std::ptr::null_mut(),
                }
            }
            #[cfg(not(feature = "draft"))]
            {
                let _ = endpoint;
                set_errno(libc::ENOTSUP);
                std::ptr::null_mut()
            }
        }

        /// The `_checked` form (file and line unused).
        ///
        /// # Safety
        /// `endpoint` is NULL or a NUL-terminated string.
        #[no_mangle]
        pub unsafe extern "C" fn $checked(
            endpoint: *const c_char,
            _file: *const c_char,
            _line: usize,
        ) -> *mut ZsockT {
            // SAFETY: this _checked form has the same contract as $c, which it forwards
            // unchanged: `endpoint` is NULL or a NUL-terminated string live for the call (C's
            // caller guarantees it, as CZMQ's header requires); the file and line arguments are
            // never read.
            unsafe { $c(endpoint) }
        }
    )*};
}

draft_new! {
    zsock_new_server zsock_new_server_checked => new_server,
    zsock_new_client zsock_new_client_checked => new_client,
    zsock_new_radio zsock_new_radio_checked => new_radio,
    zsock_new_dish zsock_new_dish_checked => new_dish,
    zsock_new_gather zsock_new_gather_checked => new_gather,
    zsock_new_scatter zsock_new_scatter_checked => new_scatter,
    zsock_new_dgram zsock_new_dgram_checked => new_dgram,
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
    // SAFETY: C's caller guarantees (CZMQ's contract for zsock_new_sub) that `endpoint` and
    // `subscribe` are each NULL or a NUL-terminated string live for this call; opt_str checks
    // NULL, and both borrows end before we return (Sock::new_sub copies what it keeps).
    let (ep, topic) = unsafe { (opt_str(endpoint), opt_str(subscribe)) };
    if (ep.is_none() && !endpoint.is_null()) || (topic.is_none() && !subscribe.is_null()) {
        return std::ptr::null_mut();
    }
    new_with(|| Sock::new_sub(ep, topic))
}

/// `zsock_new_sub_checked`: the form CZMQ's header calls.
///
/// # Safety
/// `endpoint` and `subscribe` are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn zsock_new_sub_checked(
    endpoint: *const c_char,
    subscribe: *const c_char,
    _file: *const c_char,
    _line: usize,
) -> *mut ZsockT {
    // SAFETY: zsock_new_sub has exactly this function's contract (both strings NULL or
    // NUL-terminated, live for the call), which C's caller meets; the file and line arguments
    // are never read.
    unsafe { zsock_new_sub(endpoint, subscribe) }
}

/// `void zsock_destroy (zsock_t **self_p)`: closes the socket (linger
/// applies) and sets `*self_p` to NULL.
///
/// # Safety
/// `self_p` is NULL, or points to NULL or a zsock_t from this library.
#[no_mangle]
pub unsafe extern "C" fn zsock_destroy(self_p: *mut *mut ZsockT) {
    // SAFETY: `self_p` is NULL or points to C's readable, writable zsock_t pointer (CZMQ's
    // contract for zsock_destroy), which is all destroy_tagged needs; it frees only a pointer
    // the live registry lists as a Sock this library gave out, never reading through anything
    // else.
    guard((), || unsafe {
        ffi::destroy_tagged(self_p, Sock::TAG, "zsock")
    })
}

/// `zsock_destroy_checked`: the form CZMQ's header calls.
///
/// # Safety
/// As [`zsock_destroy`].
#[no_mangle]
pub unsafe extern "C" fn zsock_destroy_checked(
    self_p: *mut *mut ZsockT,
    _file: *const c_char,
    _line: usize,
) {
    // SAFETY: zsock_destroy has this function's contract (`self_p` NULL or a readable, writable
    // zsock_t **), which C's caller meets; the file and line arguments are never read.
    unsafe { zsock_destroy(self_p) }
}

/// `int zsock_attach (zsock_t *self, const char *endpoints, bool
/// serverish)`: binds and connects a CZMQ endpoint list (NULL or "" does
/// nothing); 0, or -1 at the first endpoint that fails.
///
/// # Safety
/// `self_` is a zsock_t or NULL; `endpoints` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zsock_attach(
    self_: *mut ZsockT,
    endpoints: *const c_char,
    serverish: bool,
) -> c_int {
    guard(-1, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL, a live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's
        // polymorphic socket argument), which is all sock_mut needs; it rejects NULL and checks
        // our tag before any cast, and the borrow ends with this call.
        let Some(sock) = (unsafe { sock_mut(self_) }) else {
            return -1;
        };
        if endpoints.is_null() {
            return 0;
        }
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `endpoints` is
        // NULL or a NUL-terminated C string that stays alive for this call; opt_str checks
        // NULL, and the borrow is not kept past the call.
        match unsafe { opt_str(endpoints) } {
            Some(list) if sock.attach(list, serverish).is_ok() => 0,
            _ => -1,
        }
    })
}

/// `int zsock_join (void *self, const char *group)` (DRAFT in CZMQ, which
/// builds it always): joins a DISH group; -1 with errno ENOTSUP without
/// libzmq's DRAFT sockets.
///
/// # Safety
/// `self_` is NULL, a zsock_t, a zactor_t or a libzmq socket; `group` NULL
/// or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zsock_join(self_: *mut c_void, group: *const c_char) -> c_int {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL, a
    // live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's polymorphic
    // socket argument), which is all group_op needs; it rejects NULL and checks our tag before
    // any cast, and the borrow ends with this call. `group` is NULL or a NUL-terminated string
    // live for this call (CZMQ's contract), group_op's other requirement.
    unsafe { group_op(self_, group, true) }
}

/// `int zsock_leave (void *self, const char *group)`: as [`zsock_join`].
///
/// # Safety
/// As [`zsock_join`].
#[no_mangle]
pub unsafe extern "C" fn zsock_leave(self_: *mut c_void, group: *const c_char) -> c_int {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL, a
    // live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's polymorphic
    // socket argument), which is all group_op needs; it rejects NULL and checks our tag before
    // any cast, and the borrow ends with this call. `group` is NULL or a NUL-terminated string
    // live for this call (CZMQ's contract), group_op's other requirement.
    unsafe { group_op(self_, group, false) }
}

/// # Safety
/// As [`zsock_join`].
unsafe fn group_op(self_: *mut c_void, group: *const c_char, join: bool) -> c_int {
    #[cfg(feature = "draft")]
    {
        guard(-1, || {
            // SAFETY: group_op's caller guarantees `self_` is NULL, a live zsock_t/zactor_t
            // from this library, or a raw libzmq socket (socket_of rejects NULL and checks our
            // tag before any cast), and `group` NULL or a NUL-terminated string live for this
            // call (opt_str checks NULL); neither borrow outlives the call.
            let (Some(s), Some(g)) = (unsafe { socket_of(self_) }, unsafe { opt_str(group) })
            else {
                return -1;
            };
            let done = if join { s.join(g) } else { s.leave(g) };
            if done.is_ok() {
                0
            } else {
                -1
            }
        })
    }
    #[cfg(not(feature = "draft"))]
    {
        let _ = (self_, group, join);
        set_errno(libc::ENOTSUP);
        -1
    }
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
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zsock_t (sock_mut checks NULL and the tag, and C uses it from one
        // thread, so the &mut is unaliased) and `endpoint` NULL or a NUL-terminated string live
        // for this call (opt_str checks NULL); neither borrow outlives the call.
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
                let (Some(sock), Some(ep)) =
                    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that
                    // `self_` is NULL or a live zsock_t (sock_mut checks NULL and the tag, and
                    // C uses it from one thread, so the &mut is unaliased) and `endpoint` NULL
                    // or a NUL-terminated string live for this call (opt_str checks NULL);
                    // neither borrow outlives the call.
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
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL, a live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's
        // polymorphic socket argument), which is all sock_mut needs; it rejects NULL and checks
        // our tag before any cast, and the borrow ends with this call.
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
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL, a live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's
        // polymorphic socket argument), which is all socket_of needs; it rejects NULL and
        // checks our tag before any cast, and the borrow ends with this call.
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
    guard(-1, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL, a live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's
        // polymorphic socket argument), which is all socket_of needs; it rejects NULL and
        // checks our tag before any cast, and the borrow ends with this call.
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
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL, a live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's
        // polymorphic socket argument), which is all socket_of needs; it rejects NULL and
        // checks our tag before any cast, and the borrow ends with this call.
        let Some(s) = (unsafe { socket_of(self_) }) else {
            return -1;
        };
        let bytes = (0x7766_5544_3322_1100_u64 + u64::from(status)).to_ne_bytes();
        if s.send_bytes(&bytes).is_ok() {
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
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL, a live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's
        // polymorphic socket argument), which is all socket_of needs; it rejects NULL and
        // checks our tag before any cast, and the borrow ends with this call.
        let Some(s) = (unsafe { socket_of(self_) }) else {
            return -1;
        };
        loop {
            match czmq::Msg::recv(&s) {
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
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL, a live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's
        // polymorphic socket argument), which is all socket_of needs; it rejects NULL and
        // checks our tag before any cast, and the borrow ends with this call.
        if let Some(s) = unsafe { socket_of(self_) } {
            // Bounded by the frames already queued: rcvmore turns false at
            // the last one, or on any error.
            while s.rcvmore().unwrap_or(false) {
                if s.recv_msg_with(czmq::Flags::DONTWAIT).is_err() {
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
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL, a live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's
        // polymorphic socket argument), which is all ffi::resolve needs; it rejects NULL and
        // checks our tag before any cast, and the borrow ends with this call.
        unsafe { ffi::resolve(self_) }.unwrap_or(std::ptr::null_mut())
    })
}

/// `bool zsock_is (void *self)`: true for a zsock_t.
///
/// # Safety
/// `self_` is NULL or points to at least 4 readable bytes.
#[no_mangle]
pub unsafe extern "C" fn zsock_is(self_: *mut c_void) -> bool {
    // SAFETY: C's caller guarantees (CZMQ's contract for zsock_is) that `self_` is NULL or
    // points to at least 4 readable bytes, as every zsock_t, zactor_t, zframe_t, zmsg_t and
    // libzmq socket does; that is all tag_of reads, and it checks NULL first.
    guard(false, || unsafe { ffi::tag_of(self_) } == Some(Sock::TAG))
}
