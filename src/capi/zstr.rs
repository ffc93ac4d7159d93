//! zstr: strings as single frames. zstr_sendf, zstr_sendx and zstr_recvx
//! are variadic and live in shim.c over the functions here.

use czmq::Flags;
use std::ffi::{c_char, c_int, c_void};

use super::ffi::{guard, malloc_bytes, opt_bytes, socket_of};

/// Sends `string` (NULL: an empty frame, as CZMQ's zstr_send) on `dest`.
///
/// # Safety
/// `dest` is NULL, a live zsock_t/zactor_t or libzmq socket; `string` is
/// NULL or NUL-terminated.
unsafe fn send_flags(dest: *mut c_void, string: *const c_char, flags: Flags) -> c_int {
    guard(-1, || {
        // SAFETY: dest is NULL or a socket-like object and string NULL or
        // a C string (this function's contract, passed on by every caller),
        // which is what socket_of and opt_bytes accept.
        let (Some(s), bytes) = (unsafe { socket_of(dest) }, unsafe { opt_bytes(string) }) else {
            return -1;
        };
        let bytes = bytes.unwrap_or_default();
        if s.send_bytes_with(bytes, flags).is_ok() {
            0
        } else {
            -1
        }
    })
}

/// `int zstr_send (void *dest, const char *string)`: one frame, without
/// the terminating NUL (CZMQ's wire form); NULL sends an empty frame.
///
/// # Safety
/// `dest` is a zsock_t, zactor_t, libzmq socket or NULL; `string` NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zstr_send(dest: *mut c_void, string: *const c_char) -> c_int {
    // SAFETY: `dest` (NULL or a live zsock_t, zactor_t or libzmq socket) and `string`
    // (NULL or NUL-terminated), as documented above, are exactly what send_flags requires.
    unsafe { send_flags(dest, string, Flags::empty()) }
}

/// `int zstr_sendm (void *dest, const char *string)`: as zstr_send, with
/// more frames to follow.
///
/// # Safety
/// As [`zstr_send`].
#[no_mangle]
pub unsafe extern "C" fn zstr_sendm(dest: *mut c_void, string: *const c_char) -> c_int {
    if string.is_null() {
        // CZMQ asserts: a NULL part is a bug in the caller.
        return -1;
    }
    // SAFETY: `dest` (NULL or a live zsock_t, zactor_t or libzmq socket) and `string`
    // (non-NULL here, NUL-terminated), as zstr_send documents, are what send_flags requires.
    unsafe { send_flags(dest, string, Flags::MORE) }
}

fn recv_frame(s: &czmq::Socket, flags: Flags) -> *mut c_char {
    match s.recv_msg_with(flags) {
        Ok(msg) => malloc_bytes(&msg),
        Err(_) => std::ptr::null_mut(),
    }
}

/// `char *zstr_recv (void *source)`: the next frame as a fresh string
/// (free it with zstr_free); NULL on error, timeout or interrupt.
///
/// # Safety
/// `source` is a zsock_t, zactor_t, libzmq socket or NULL.
#[no_mangle]
pub unsafe extern "C" fn zstr_recv(source: *mut c_void) -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        // SAFETY: source is NULL or a socket-like object (the caller's
        // contract), which socket_of accepts.
        match unsafe { socket_of(source) } {
            Some(s) => recv_frame(&s, Flags::empty()),
            None => std::ptr::null_mut(),
        }
    })
}

/// `char *zstr_recv_nowait (void *source)`: as zstr_recv, without waiting.
///
/// # Safety
/// As [`zstr_recv`].
#[no_mangle]
pub unsafe extern "C" fn zstr_recv_nowait(source: *mut c_void) -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        // SAFETY: as in zstr_recv.
        match unsafe { socket_of(source) } {
            Some(s) => recv_frame(&s, Flags::DONTWAIT),
            None => std::ptr::null_mut(),
        }
    })
}

/// zstr_recvx's body (shim.c collects the `char **` arguments): receives
/// one whole message and stores frame i as a fresh string in `*strings[i]`
/// (NULL when the message is shorter; extra frames are dropped). Returns
/// the number of strings stored, as CZMQ counts them (the pointers given),
/// or -1 when nothing was received or the message was a signal.
///
/// # Safety
/// `source` as [`zstr_recv`]; `strings` points to `count` valid `char **`.
#[no_mangle]
pub unsafe extern "C" fn czmq_rs_zstr_recvx(
    source: *mut c_void,
    strings: *const *mut *mut c_char,
    count: usize,
) -> c_int {
    guard(-1, || {
        // SAFETY: as in zstr_recv.
        let Some(s) = (unsafe { socket_of(source) }) else {
            return -1;
        };
        if strings.is_null() {
            return -1;
        }
        // SAFETY: the shim passes an array of `count` entries it built.
        let slots = unsafe { std::slice::from_raw_parts(strings, count) };
        let Ok(msg) = czmq::Msg::recv(&s) else {
            return -1;
        };
        // A signal from an actor that is ending is not a string message.
        if msg.signal().is_some() {
            return -1;
        }
        for (i, slot) in slots.iter().enumerate() {
            if slot.is_null() {
                continue;
            }
            let value = msg
                .get(i)
                .map_or(std::ptr::null_mut(), |f| malloc_bytes(f.data()));
            // SAFETY: each non-null slot is a valid `char **`.
            unsafe { **slot = value };
        }
        c_int::try_from(count).unwrap_or(c_int::MAX)
    })
}

/// `void zstr_free (char **string_p)`: frees a string this library gave
/// out and sets `*string_p` to NULL; NULL-safe.
///
/// # Safety
/// `string_p` is NULL or points to NULL or a string from this library.
#[no_mangle]
pub unsafe extern "C" fn zstr_free(string_p: *mut *mut c_char) {
    if string_p.is_null() {
        return;
    }
    // SAFETY: non-null (checked); the caller promises *string_p is NULL or
    // a string from this library, and every string it returns comes from
    // libc::malloc; it is freed once and the caller's pointer cleared.
    unsafe {
        libc::free((*string_p).cast());
        *string_p = std::ptr::null_mut();
    }
}
