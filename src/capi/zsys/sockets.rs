//! zsys_socket / zsys_close (raw libzmq sockets in the process-wide
//! context), zsys_sockname and zsys_create_pipe.

use std::collections::BTreeMap;
use std::ffi::{c_char, c_int, c_void, CString};
use std::sync::{Mutex, OnceLock};

use czmq::{zsys, Context, Socket, SocketType};
use zmq_sys_vendored as sys;

use super::super::ffi::{boxed, guard};
use super::super::zsock::ZsockT;

/// What a raw socket handed out by zsys_socket needs to be closed the Rust
/// way: its type and the context it keeps alive.
struct Lent {
    kind: SocketType,
    context: Context,
}

/// Sockets zsys_socket gave to C, by address, until zsys_close.
fn lent() -> &'static Mutex<BTreeMap<usize, Lent>> {
    static LENT: Mutex<BTreeMap<usize, Lent>> = Mutex::new(BTreeMap::new());
    &LENT
}

/// `void *zsys_socket (int type, const char *filename, size_t line_nbr)`:
/// a raw libzmq socket in the process-wide context with the zsys defaults,
/// closed with zsys_close; NULL on failure. (CZMQ records filename and line
/// to report leaks; we keep none.)
#[no_mangle]
pub extern "C" fn zsys_socket(
    kind: c_int,
    _filename: *const c_char,
    _line_nbr: usize,
) -> *mut c_void {
    guard(std::ptr::null_mut(), || {
        super::ensure_init();
        let Some(kind) = SocketType::from_raw(kind) else {
            return std::ptr::null_mut();
        };
        match zsys::socket(kind) {
            Ok(socket) => {
                let (handle, context) = socket.into_raw();
                lent()
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(handle as usize, Lent { kind, context });
                handle
            }
            Err(e) => {
                zsys::debug(format_args!("zsys_socket: {e}"));
                std::ptr::null_mut()
            }
        }
    })
}

/// `int zsys_close (void *handle, const char *filename, size_t line_nbr)`:
/// closes a socket from zsys_socket (any other libzmq socket is closed
/// with zmq_close, as CZMQ does); 0, or -1 for NULL.
///
/// # Safety
/// `handle` is NULL or a live libzmq socket, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn zsys_close(
    handle: *mut c_void,
    _filename: *const c_char,
    _line_nbr: usize,
) -> c_int {
    guard(-1, || {
        if handle.is_null() {
            return -1;
        }
        let entry = lent()
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&(handle as usize));
        match entry {
            Some(Lent { kind, context }) => {
                // SAFETY: handle came from Socket::into_raw of a `kind`
                // socket in `context` (the registry says so) and the C
                // caller gives it back once; dropping closes it.
                drop(unsafe { Socket::from_raw(&context, handle, kind) });
            }
            None => {
                // SAFETY: `handle` is non-NULL here and, not being one of zsys_socket's
                // (the registry has no entry), a live libzmq socket that C does not use
                // afterwards (the requirement above), so closing it once is sound.
                unsafe { sys::zmq_close(handle) };
            }
        }
        0
    })
}

/// `char *zsys_sockname (int socktype)`: the type's name ("PUB", ...),
/// a static string (not to be freed); NULL for an unknown type, where
/// CZMQ asserts.
#[no_mangle]
pub extern "C" fn zsys_sockname(socktype: c_int) -> *mut c_char {
    static NAMES: OnceLock<Vec<CString>> = OnceLock::new();
    guard(std::ptr::null_mut(), || {
        let names = NAMES.get_or_init(|| {
            (0..)
                .map_while(zsys::sockname)
                .map(|name| CString::new(name).unwrap_or_default())
                .collect()
        });
        usize::try_from(socktype)
            .ok()
            .and_then(|i| names.get(i))
            // CZMQ's signature is `char *`; callers must not write to it.
            .map_or(std::ptr::null_mut(), |name| name.as_ptr().cast_mut())
    })
}

/// `zsock_t *zsys_create_pipe (zsock_t **backend_p)`: two connected PAIR
/// sockets; returns the frontend and stores the backend in `*backend_p`.
/// NULL (and nothing stored) on failure or a NULL `backend_p`.
///
/// # Safety
/// `backend_p` is NULL or valid for writing a pointer.
#[no_mangle]
pub unsafe extern "C" fn zsys_create_pipe(backend_p: *mut *mut ZsockT) -> *mut ZsockT {
    guard(std::ptr::null_mut(), || {
        if backend_p.is_null() {
            return std::ptr::null_mut();
        }
        super::ensure_init();
        match zsys::create_pipe() {
            Ok((frontend, backend)) => {
                // SAFETY: non-null and writable by the caller's contract.
                unsafe { *backend_p = boxed(backend) };
                boxed(frontend)
            }
            Err(e) => {
                zsys::error(format_args!("zsys_create_pipe: {e}"));
                std::ptr::null_mut()
            }
        }
    })
}
