//! zsock options: CZMQ 4.2.1's `zsock_<option>` getters and
//! `zsock_set_<option>` setters, generated from czmq's one option table
//! (`czmq::socket_option_table!`): each row gives the libzmq number, the
//! value type and whether the option reads, writes or both, so no option
//! number is written here.
//!
//! C types are CZMQ's: every number is an `int` (widened to libzmq's
//! int64/uint64 where it wants one), strings come back freshly malloc'd
//! (free with zstr_free) and go in NUL-terminated, CURVE keys also take
//! 32-byte `_bin` forms. A socket argument may be a zsock_t, a zactor_t or
//! a raw libzmq socket. Where CZMQ asserts that libzmq accepted a value,
//! this logs the error instead. Options this build's zmq.h does not define
//! (the DRAFT ones without the `draft` feature; libzmq 2/3's hwm, swap,
//! recovery_ivl_msec, mcast_loop) behave as CZMQ compiled against the same
//! header: setters do nothing, getters return 0 or NULL.

use std::ffi::{c_char, c_int, c_void};

use czmq::Socket;

use super::ffi::{guard, malloc_bytes, opt_bytes, socket_of};

/// libzmq's numbers for the high-water marks (zsock_set_unbounded).
const ZMQ_SNDHWM: i32 = 23;
const ZMQ_RCVHWM: i32 = 24;

/// The libzmq socket behind a polymorphic `void *`, for `body`. Inlined
/// (as [`get_number`] and [`set_number`]), so each exported getter or
/// setter is one function: the tag check, libzmq's call and the result.
///
/// # Safety
/// `self_` is NULL, a live zsock_t/zactor_t, or a libzmq socket.
#[inline]
unsafe fn with_socket<T: Copy>(self_: *mut c_void, fail: T, body: impl FnOnce(&Socket) -> T) -> T {
    // `move`: the closures hold the arguments themselves, not references to
    // them, so an entry point passes fewer pointers to the shared body.
    guard(fail, move || {
        // SAFETY: This function's caller guarantees that `self_` is NULL, a live
        // zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's polymorphic socket
        // argument), which is all socket_of needs; it rejects NULL and checks our tag before
        // any cast, and the borrow ends with this call.
        match unsafe { socket_of(self_) } {
            Some(socket) => body(&socket),
            None => fail,
        }
    })
}

/// Reads a number option of `width` bytes (4: int, 8: int64/uint64) as C's int.
///
/// # Safety
/// As [`with_socket`].
#[inline]
unsafe fn get_number(self_: *mut c_void, id: i32, width: usize) -> c_int {
    // SAFETY: This function's caller guarantees that `self_` is NULL, a live zsock_t/zactor_t
    // from this library, or a raw libzmq socket (CZMQ's polymorphic socket argument), which is
    // all with_socket needs; it rejects NULL and checks our tag before any cast, and the borrow
    // ends with this call.
    unsafe {
        with_socket(self_, -1, move |s| {
            let value = if width == 8 {
                // C's narrowing of an int64/uint64 to int, as CZMQ's casts.
                s.get_option_i64(id).map(|v| v as c_int)
            } else {
                s.get_option_i32(id)
            };
            value.unwrap_or(-1)
        })
    }
}

/// Writes a number option of `width` bytes; an int widens with its sign,
/// as C's conversion of CZMQ's int argument does.
///
/// # Safety
/// As [`with_socket`].
#[inline]
unsafe fn set_number(self_: *mut c_void, id: i32, width: usize, value: c_int, name: &str) {
    // SAFETY: This function's caller guarantees that `self_` is NULL, a live zsock_t/zactor_t
    // from this library, or a raw libzmq socket (CZMQ's polymorphic socket argument), which is
    // all with_socket needs; it rejects NULL and checks our tag before any cast, and the borrow
    // ends with this call.
    unsafe {
        with_socket(self_, (), move |s| {
            let done = if width == 8 {
                s.set_option_i64(id, i64::from(value))
            } else {
                s.set_option_i32(id, value)
            };
            if let Err(e) = done {
                refused(name, e);
            }
        })
    }
}

/// Logs a setter's refusal, where CZMQ asserts (not ETERM: a socket whose
/// context is ending).
#[cold]
fn refused(name: &str, e: czmq::Error) {
    if e != czmq::Error::Terminated {
        log::error!("zsock_set_{name}: {e}");
    }
}

/// Writes an option from raw bytes, logging a refusal (where CZMQ asserts).
///
/// # Safety
/// As [`with_socket`].
unsafe fn set_bytes(self_: *mut c_void, id: i32, bytes: &[u8], name: &str) {
    // SAFETY: This function's caller guarantees that `self_` is NULL, a live zsock_t/zactor_t
    // from this library, or a raw libzmq socket (CZMQ's polymorphic socket argument), which is
    // all with_socket needs; it rejects NULL and checks our tag before any cast, and the borrow
    // ends with this call.
    unsafe {
        with_socket(self_, (), |s| {
            if let Err(e) = s.set_option_raw(id, bytes) {
                refused(name, e);
            }
        })
    }
}

/// Writes a string option from a C string (its bytes without the NUL).
///
/// # Safety
/// As [`with_socket`]; `value` is NULL or NUL-terminated.
unsafe fn set_c_string(self_: *mut c_void, id: i32, value: *const c_char, name: &str) {
    // SAFETY: This function's caller guarantees that `value` is NULL or a NUL-terminated C
    // string that stays alive for this call; opt_bytes checks NULL, and the borrow is not kept
    // past the call.
    if let Some(bytes) = unsafe { opt_bytes(value) } {
        // SAFETY: This function's caller guarantees that `self_` is NULL, a live
        // zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's polymorphic socket
        // argument), which is all set_bytes needs; it rejects NULL and checks our tag before
        // any cast, and the borrow ends with this call.
        unsafe { set_bytes(self_, id, bytes, name) }
    }
}

/// Writes an option from `len` raw bytes (the `_bin` setters: 32 bytes).
///
/// # Safety
/// As [`with_socket`]; `value` is NULL or `len` readable bytes.
unsafe fn set_binary(self_: *mut c_void, id: i32, value: *const u8, len: usize, name: &str) {
    if value.is_null() {
        return;
    }
    // SAFETY: `value` is non-null here, and set_binary's caller guarantees it points to `len`
    // readable bytes live for this call (CZMQ's contract for the binary option setters); the
    // slice is copied into the option before we return.
    let bytes = unsafe { std::slice::from_raw_parts(value, len) };
    // SAFETY: This function's caller guarantees that `self_` is NULL, a live zsock_t/zactor_t
    // from this library, or a raw libzmq socket (CZMQ's polymorphic socket argument), which is
    // all set_bytes needs; it rejects NULL and checks our tag before any cast, and the borrow
    // ends with this call.
    unsafe { set_bytes(self_, id, bytes, name) }
}

/// A string option read through its typed accessor, as a malloc'd C string.
///
/// # Safety
/// As [`with_socket`].
unsafe fn get_string(
    self_: *mut c_void,
    read: impl FnOnce(&Socket) -> czmq::Result<Vec<u8>>,
) -> *mut c_char {
    // SAFETY: This function's caller guarantees that `self_` is NULL, a live zsock_t/zactor_t
    // from this library, or a raw libzmq socket (CZMQ's polymorphic socket argument), which is
    // all with_socket needs; it rejects NULL and checks our tag before any cast, and the borrow
    // ends with this call.
    unsafe {
        with_socket(self_, std::ptr::null_mut(), |s| match read(s) {
            Ok(mut bytes) => {
                // libzmq counts a text option's NUL in its length.
                if let Some(end) = bytes.iter().position(|&b| b == 0) {
                    bytes.truncate(end);
                }
                malloc_bytes(&bytes)
            }
            Err(_) => std::ptr::null_mut(),
        })
    }
}

/// The C getter's return type and failure value for a table kind.
macro_rules! c_type {
    (@ty Text) => { *mut c_char };
    (@ty Bytes) => { *mut c_char };
    (@ty Key) => { *mut c_char };
    (@ty $kind:ident) => { c_int };
    (@none Text) => { std::ptr::null_mut() };
    (@none Bytes) => { std::ptr::null_mut() };
    (@none Key) => { std::ptr::null_mut() };
    (@none $kind:ident) => { 0 };
    (@width Int64) => { 8 };
    (@width Uint64) => { 8 };
    (@width $kind:ident) => { 4 };
}

/// One getter: the real one where the row's cfg holds, CZMQ's "not
/// defined in zmq.h" stub (0 / NULL) where it does not.
macro_rules! c_getter {
    ([$($pred:meta),*] $kind:ident $get:ident $id:expr) => {
        c_getter!(@named [$($pred),*] $kind $get $get $id);
    };
    // `$name` is CZMQ's, `$get` the Rust accessor's.
    (@named [$($pred:meta),*] $kind:ident $name:ident $get:ident $id:expr) => {
        const _: () = {
            /// CZMQ's getter of this option (see the module docs).
            ///
            /// # Safety
            /// `self_` is NULL, a zsock_t, a zactor_t or a libzmq socket.
            #[cfg(all($($pred),*))]
            #[export_name = concat!("zsock_", stringify!($name))]
            pub unsafe extern "C" fn getter(self_: *mut c_void) -> c_type!(@ty $kind) {
                // SAFETY: C's caller guarantees (CZMQ's contract for every zsock option getter)
                // that `self_` is NULL, a live zsock_t/zactor_t from this library, or a libzmq
                // socket, which is exactly what the getter body
                // (with_socket/get_number/get_string) requires; it resolves NULL and our tags
                // before any cast.
                unsafe { c_getter!(@body $kind $get $id, self_) }
            }

            /// Not in this build's zmq.h: 0 or NULL, as CZMQ's stub.
            #[cfg(not(all($($pred),*)))]
            #[export_name = concat!("zsock_", stringify!($name))]
            pub extern "C" fn getter(_self: *mut c_void) -> c_type!(@ty $kind) {
                c_type!(@none $kind)
            }
        };
    };
    (@body Text $get:ident $id:expr, $s:ident) => {
        get_string($s, |s| s.$get().map(String::into_bytes))
    };
    (@body Key $get:ident $id:expr, $s:ident) => {
        get_string($s, |s| s.$get().map(String::into_bytes))
    };
    (@body Bytes $get:ident $id:expr, $s:ident) => {
        get_string($s, |s| s.$get())
    };
    (@body $kind:ident $get:ident $id:expr, $s:ident) => {
        get_number($s, $id, c_type!(@width $kind))
    };
}

/// One setter (and the `_bin` form for CURVE keys), real or stub as
/// [`c_getter`].
macro_rules! c_setter {
    ([$($pred:meta),*] Key $set:ident $id:expr) => {
        c_setter!(@string [$($pred),*] $set $id);
        c_setter!(@bin [$($pred),*] $set $id);
    };
    ([$($pred:meta),*] Text $set:ident $id:expr) => {
        c_setter!(@string [$($pred),*] $set $id);
    };
    ([$($pred:meta),*] Bytes $set:ident $id:expr) => {
        c_setter!(@string [$($pred),*] $set $id);
    };
    ([$($pred:meta),*] $kind:ident $set:ident $id:expr) => {
        const _: () = {
            /// CZMQ's setter of this option (see the module docs).
            ///
            /// # Safety
            /// `self_` is NULL, a zsock_t, a zactor_t or a libzmq socket.
            #[cfg(all($($pred),*))]
            #[export_name = concat!("zsock_", stringify!($set))]
            pub unsafe extern "C" fn setter(self_: *mut c_void, value: c_int) {
                let name = &stringify!($set)[4..];
                // SAFETY: C's caller guarantees (CZMQ's contract for every zsock option setter)
                // that `self_` is NULL, a live zsock_t/zactor_t from this library, or a libzmq
                // socket, which is what set_number (via with_socket) requires; it resolves NULL
                // and our tags before any cast.
                unsafe { set_number(self_, $id, c_type!(@width $kind), value, name) }
            }

            /// Not in this build's zmq.h: does nothing, as CZMQ's stub.
            #[cfg(not(all($($pred),*)))]
            #[export_name = concat!("zsock_", stringify!($set))]
            pub extern "C" fn setter(_self: *mut c_void, _value: c_int) {}
        };
    };
    (@string [$($pred:meta),*] $set:ident $id:expr) => {
        const _: () = {
            /// CZMQ's setter of this string option (see the module docs).
            ///
            /// # Safety
            /// `self_` is NULL, a zsock_t, a zactor_t or a libzmq socket;
            /// `value` NULL or NUL-terminated.
            #[cfg(all($($pred),*))]
            #[export_name = concat!("zsock_", stringify!($set))]
            pub unsafe extern "C" fn setter(self_: *mut c_void, value: *const c_char) {
                let name = &stringify!($set)[4..];
                // SAFETY: C's caller guarantees (CZMQ's contract for string option setters)
                // that `self_` is NULL, a live zsock_t/zactor_t or a libzmq socket, and `value`
                // NULL or a NUL-terminated string live for this call: set_c_string's
                // requirements.
                unsafe { set_c_string(self_, $id, value, name) }
            }

            /// Not in this build's zmq.h: does nothing, as CZMQ's stub.
            #[cfg(not(all($($pred),*)))]
            #[export_name = concat!("zsock_", stringify!($set))]
            pub extern "C" fn setter(_self: *mut c_void, _value: *const c_char) {}
        };
    };
    (@bin [$($pred:meta),*] $set:ident $id:expr) => {
        const _: () = {
            /// CZMQ's binary form of this setter: 32 raw bytes.
            ///
            /// # Safety
            /// `self_` is NULL, a zsock_t, a zactor_t or a libzmq socket;
            /// `value` NULL or 32 readable bytes.
            #[cfg(all($($pred),*))]
            #[export_name = concat!("zsock_", stringify!($set), "_bin")]
            pub unsafe extern "C" fn setter(self_: *mut c_void, value: *const u8) {
                let name = &stringify!($set)[4..];
                // SAFETY: C's caller guarantees (CZMQ's contract for the _bin setters) that
                // `self_` is NULL, a live zsock_t/zactor_t or a libzmq socket, and `value` NULL
                // or 32 readable bytes (a binary CURVE key): set_binary's requirements with len
                // 32.
                unsafe { set_binary(self_, $id, value, 32, name) }
            }

            /// Not in this build's zmq.h: does nothing, as CZMQ's stub.
            #[cfg(not(all($($pred),*)))]
            #[export_name = concat!("zsock_", stringify!($set), "_bin")]
            pub extern "C" fn setter(_self: *mut c_void, _value: *const u8) {}
        };
    };
}

/// One table row: CZMQ's names where they differ from libzmq's, then the
/// getter and/or setter the row's access allows.
macro_rules! zsock_option_row {
    // CZMQ calls ZMQ_ROUTING_ID by its libzmq 4.1 name, identity.
    ($p:tt $access:ident $kind:ident routing_id $set:ident $id:expr) => {
        c_getter!(@named $p $kind identity routing_id $id);
        c_setter!($p $kind set_identity $id);
    };
    // ... and ZMQ_CONNECT_ROUTING_ID connect_rid, with a 32-byte _bin form.
    ($p:tt $access:ident $kind:ident connect_routing_id $set:ident $id:expr) => {
        c_setter!(@string $p set_connect_rid $id);
        c_setter!(@bin $p set_connect_rid $id);
    };
    // ZMQ_TYPE is zsock_type, which zsock.rs defines for every socket kind.
    ($p:tt $access:ident $kind:ident socket_type $set:ident $id:expr) => {};
    // libzmq 4.3.5 DRAFT options that CZMQ 4.2.1 has no function for.
    ($p:tt $access:ident $kind:ident busy_poll $set:ident $id:expr) => {};
    ($p:tt $access:ident $kind:ident hiccup_msg $set:ident $id:expr) => {};
    ($p:tt $access:ident $kind:ident topics_count $set:ident $id:expr) => {};
    ($p:tt $access:ident $kind:ident xsub_verbose_unsubscribe $set:ident $id:expr) => {};
    // CZMQ takes these messages as a zframe_t.
    ($p:tt $access:ident $kind:ident hello_msg $set:ident $id:expr) => {
        frame_setter!($p set_hello_msg $id);
    };
    ($p:tt $access:ident $kind:ident disconnect_msg $set:ident $id:expr) => {
        frame_setter!($p set_disconnect_msg $id);
    };
    ($p:tt rw $kind:ident $get:ident $set:ident $id:expr) => {
        c_getter!($p $kind $get $id);
        c_setter!($p $kind $set $id);
    };
    ($p:tt r $kind:ident $get:ident $set:ident $id:expr) => {
        c_getter!($p $kind $get $id);
    };
    ($p:tt w $kind:ident $get:ident $set:ident $id:expr) => {
        c_setter!($p $kind $set $id);
    };
}

/// A setter taking a zframe_t (its bytes are the option's value).
macro_rules! frame_setter {
    ([$($pred:meta),*] $set:ident $id:expr) => {
        const _: () = {
            /// CZMQ's setter of this message option, from a frame's bytes.
            ///
            /// # Safety
            /// `self_` is NULL, a zsock_t, a zactor_t or a libzmq socket;
            /// `frame` NULL or a zframe_t.
            #[cfg(all($($pred),*))]
            #[export_name = concat!("zsock_", stringify!($set))]
            pub unsafe extern "C" fn setter(self_: *mut c_void, frame: *mut super::zframe::ZframeT) {
                // SAFETY: C's caller guarantees (CZMQ's contract for this zframe_t option
                // setter) that `frame` is NULL or a live zframe_t; frame_of checks NULL and the
                // frame tag before the cast, and the borrow ends with this call.
                if let Some(frame) = unsafe { super::zframe::frame_of(frame) } {
                    let name = &stringify!($set)[4..];
                    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that
                    // `self_` is NULL, a live zsock_t/zactor_t from this library, or a raw
                    // libzmq socket (CZMQ's polymorphic socket argument), which is all
                    // set_bytes needs; it rejects NULL and checks our tag before any cast, and
                    // the borrow ends with this call.
                    unsafe { set_bytes(self_, $id, frame.data(), name) }
                }
            }

            /// Not in this build's zmq.h: does nothing, as CZMQ's stub.
            #[cfg(not(all($($pred),*)))]
            #[export_name = concat!("zsock_", stringify!($set))]
            pub extern "C" fn setter(_self: *mut c_void, _frame: *mut super::zframe::ZframeT) {}
        };
    };
}

/// The table's callback: every row, with its cfg predicates collected.
macro_rules! zsock_options {
    ($( $(#[cfg($pred:meta)])* $access:ident $kind:ident $get:ident $set:ident = $id:expr, $c:literal; )*) => {
        $( zsock_option_row!([$($pred),*] $access $kind $get $set $id); )*
    };
}

czmq::socket_option_table!(zsock_options);

/// Options of libzmq 2 and 3 that libzmq 4.3.5's zmq.h no longer defines:
/// CZMQ compiled against it leaves these setters empty and the getters 0.
macro_rules! absent_options {
    ($($get:ident $set:ident),* $(,)?) => {$(
        /// Not in libzmq 4.3.5's zmq.h: 0, as CZMQ built against it.
        #[no_mangle]
        pub extern "C" fn $get(_self: *mut c_void) -> c_int {
            0
        }

        /// Not in libzmq 4.3.5's zmq.h: does nothing, as CZMQ built against it.
        #[no_mangle]
        pub extern "C" fn $set(_self: *mut c_void, _value: c_int) {}
    )*};
}

absent_options! {
    zsock_hwm zsock_set_hwm,
    zsock_swap zsock_set_swap,
    zsock_recovery_ivl_msec zsock_set_recovery_ivl_msec,
    zsock_mcast_loop zsock_set_mcast_loop,
}

/// `void zsock_set_delay_attach_on_connect (void *self, int value)`: the
/// libzmq 3 name of ZMQ_IMMEDIATE, which zmq.h still aliases.
///
/// # Safety
/// `self_` is NULL, a zsock_t, a zactor_t or a libzmq socket.
#[no_mangle]
pub unsafe extern "C" fn zsock_set_delay_attach_on_connect(self_: *mut c_void, value: c_int) {
    let id = czmq::OPTIONS
        .iter()
        .find(|o| o.name == "immediate")
        .map_or(-1, |o| o.id);
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL, a
    // live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's polymorphic
    // socket argument), which is all set_number needs; it rejects NULL and checks our tag
    // before any cast, and the borrow ends with this call.
    unsafe { set_number(self_, id, 4, value, "delay_attach_on_connect") }
}

/// `char *zsock_tcp_accept_filter (void *self)`: libzmq cannot read this
/// option back; CZMQ returns its zeroed buffer, an empty string.
///
/// # Safety
/// `self_` is NULL, a zsock_t, a zactor_t or a libzmq socket.
#[no_mangle]
pub unsafe extern "C" fn zsock_tcp_accept_filter(self_: *mut c_void) -> *mut c_char {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL, a
    // live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's polymorphic
    // socket argument), which is all with_socket needs; it rejects NULL and checks our tag
    // before any cast, and the borrow ends with this call.
    unsafe { with_socket(self_, std::ptr::null_mut(), |_| malloc_bytes(b"")) }
}

/// `char *zsock_metadata (void *self)`: write-only in libzmq, so CZMQ
/// returns an empty string where zmq.h defines ZMQ_METADATA (DRAFT) and
/// NULL where it does not.
///
/// # Safety
/// `self_` is NULL, a zsock_t, a zactor_t or a libzmq socket.
#[no_mangle]
pub unsafe extern "C" fn zsock_metadata(self_: *mut c_void) -> *mut c_char {
    if cfg!(feature = "draft") {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL, a live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's
        // polymorphic socket argument), which is all with_socket needs; it rejects NULL and
        // checks our tag before any cast, and the borrow ends with this call.
        unsafe { with_socket(self_, std::ptr::null_mut(), |_| malloc_bytes(b"")) }
    } else {
        std::ptr::null_mut()
    }
}

/// `void zsock_set_unbounded (void *self)`: no high-water marks (0 for
/// sending and receiving).
///
/// # Safety
/// `self_` is NULL, a zsock_t, a zactor_t or a libzmq socket.
#[no_mangle]
pub unsafe extern "C" fn zsock_set_unbounded(self_: *mut c_void) {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL, a
    // live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's polymorphic
    // socket argument), which is all with_socket needs; it rejects NULL and checks our tag
    // before any cast, and the borrow ends with this call.
    unsafe {
        with_socket(self_, (), |s| {
            // The raw setter: CZMQ sets options at any time, even on a socket
            // already attached, where the typed setters refuse HWMs as too late.
            let zero = 0i32.to_ne_bytes();
            let hwms = s
                .set_option_raw(ZMQ_SNDHWM, &zero)
                .and_then(|()| s.set_option_raw(ZMQ_RCVHWM, &zero));
            if let Err(e) = hwms {
                log::error!("zsock_set_unbounded: {e}");
            }
        })
    }
}
