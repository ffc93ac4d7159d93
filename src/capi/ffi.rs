//! What every C entry point shares: the panic guard, C string helpers (one
//! allocator, libc's, for every string handed to C) and `resolve`, CZMQ's
//! socket polymorphism at the boundary.

use std::ffi::{c_char, c_void, CStr};
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::panic::{catch_unwind, AssertUnwindSafe};

use czmq_core::{Actor, Sock, Socket, SocketType};
use zmq_sys_vendored as sys;

/// Runs a C entry point's body; a panic is caught (it must never unwind
/// into C) and becomes CZMQ's error value `fail`.
pub(crate) fn guard<T>(fail: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fail)
}

/// Borrows a C string as UTF-8; `None` for NULL or invalid UTF-8.
///
/// # Safety
/// `p` is NULL or a NUL-terminated string that outlives the returned borrow.
pub(crate) unsafe fn opt_str<'a>(p: *const c_char) -> Option<&'a str> {
    if p.is_null() {
        return None;
    }
    // SAFETY: non-null and NUL-terminated by the caller's contract.
    unsafe { CStr::from_ptr(p) }.to_str().ok()
}

/// Borrows a C string's bytes; `None` for NULL.
///
/// # Safety
/// As [`opt_str`].
pub(crate) unsafe fn opt_bytes<'a>(p: *const c_char) -> Option<&'a [u8]> {
    if p.is_null() {
        return None;
    }
    // SAFETY: non-null and NUL-terminated by the caller's contract.
    Some(unsafe { CStr::from_ptr(p) }.to_bytes())
}

/// Copies bytes into a NUL-terminated string from libc's malloc, which the
/// C caller frees with `zstr_free` or `free` (so Rust's and C's allocators
/// never mix). NULL when out of memory.
pub(crate) fn malloc_bytes(bytes: &[u8]) -> *mut c_char {
    // SAFETY: malloc of len + 1 bytes; NULL is checked before writing.
    let p = unsafe { libc::malloc(bytes.len() + 1) } as *mut u8;
    if p.is_null() {
        return p as *mut c_char;
    }
    // SAFETY: p has room for len + 1 bytes and cannot overlap `bytes`.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len());
        *p.add(bytes.len()) = 0;
    }
    p as *mut c_char
}

/// [`malloc_bytes`] for text.
pub(crate) fn malloc_str(s: &str) -> *mut c_char {
    malloc_bytes(s.as_bytes())
}

/// CZMQ's tag of the object behind `p`, if `p` is one of ours.
///
/// # Safety
/// `p` is NULL or points to at least 4 readable bytes (every zsock_t,
/// zactor_t, zframe_t, zmsg_t and raw libzmq socket does).
pub(crate) unsafe fn tag_of(p: *const c_void) -> Option<u32> {
    if p.is_null() {
        return None;
    }
    // SAFETY: non-null and readable per the contract; read_unaligned because
    // a raw libzmq handle makes no alignment promise to us.
    Some(unsafe { (p as *const u32).read_unaligned() })
}

/// `p` as a zsock_t, when its tag says so.
///
/// # Safety
/// As [`tag_of`]; a tagged pointer is a live `Sock` (boxed by `zsock_new`
/// or lent by `zactor_sock`).
pub(crate) unsafe fn as_sock<'a>(p: *mut c_void) -> Option<&'a mut Sock> {
    // SAFETY: per the contract.
    match unsafe { tag_of(p) } {
        // SAFETY: the tag says this is a live Sock (repr(C), tag first).
        Some(Sock::TAG) => Some(unsafe { &mut *(p as *mut Sock) }),
        _ => None,
    }
}

/// `p` as a zactor_t, when its tag says so.
///
/// # Safety
/// As [`as_sock`], for `Actor`.
pub(crate) unsafe fn as_actor<'a>(p: *mut c_void) -> Option<&'a Actor> {
    // SAFETY: per the contract.
    match unsafe { tag_of(p) } {
        // SAFETY: the tag says this is a live Actor (repr(C), tag first).
        Some(Actor::TAG) => Some(unsafe { &*(p as *const Actor) }),
        _ => None,
    }
}

/// The type of a raw libzmq socket, or `None` if libzmq says `p` is not one.
fn raw_kind(p: *mut c_void) -> Option<SocketType> {
    let mut kind: i32 = 0;
    let mut len = std::mem::size_of::<i32>();
    // SAFETY: the caller (resolve) has excluded NULL and our own objects;
    // libzmq checks its own socket tag (0xbaddecaf) before touching anything
    // else and fails with ENOTSOCK otherwise. This is the same assumption
    // CZMQ's zsock_resolve makes: any other pointer is taken to be a libzmq
    // socket (CZMQ also treats it as a file descriptor pointer; we do not).
    // libzmq's tag lies some way into its socket object, so a pointer that
    // is neither ours nor libzmq's must be readable that far: C code gets
    // this right by passing only sockets, as with CZMQ.
    let rc = unsafe {
        sys::zmq_getsockopt(
            p,
            sys::ZMQ_TYPE,
            &mut kind as *mut i32 as *mut c_void,
            &mut len,
        )
    };
    if rc == 0 {
        SocketType::from_raw(kind)
    } else {
        None
    }
}

/// CZMQ's `zsock_resolve`: the libzmq handle behind a zsock_t, a zactor_t
/// or a raw libzmq socket; `None` for NULL or anything else.
///
/// # Safety
/// `p` is NULL, a live zsock_t/zactor_t, or a pointer to memory that libzmq
/// may inspect as a socket (a live libzmq socket, in practice).
pub(crate) unsafe fn resolve(p: *mut c_void) -> Option<*mut c_void> {
    // SAFETY: per the contract.
    if let Some(sock) = unsafe { as_sock(p) } {
        return Some(sock.socket().as_ptr());
    }
    // SAFETY: per the contract.
    if let Some(actor) = unsafe { as_actor(p) } {
        return Some(actor.sock().socket().as_ptr());
    }
    if p.is_null() {
        return None;
    }
    raw_kind(p).map(|_| p)
}

/// A socket lent to a C entry point: ours, or a raw libzmq handle wrapped
/// without taking ownership (it is never closed from here).
pub(crate) enum SockRef<'a> {
    /// The socket of a zsock_t or zactor_t.
    Ours(&'a Socket),
    /// A raw libzmq socket, borrowed.
    Raw(ManuallyDrop<Socket>),
}

impl Deref for SockRef<'_> {
    type Target = Socket;
    fn deref(&self) -> &Socket {
        match self {
            SockRef::Ours(s) => s,
            SockRef::Raw(s) => s,
        }
    }
}

impl Drop for SockRef<'_> {
    fn drop(&mut self) {
        if let SockRef::Raw(socket) = self {
            // SAFETY: the wrapper is not used again; into_raw gives up the
            // handle without closing it and hands back the context clone,
            // dropped here so that the wrapper leaks nothing.
            let socket = unsafe { ManuallyDrop::take(socket) };
            drop(socket.into_raw());
        }
    }
}

impl czmq_core::AsSocket for SockRef<'_> {
    fn as_socket(&self) -> &Socket {
        self
    }
}

/// The socket behind a polymorphic `void *` (see [`resolve`]).
///
/// # Safety
/// As [`resolve`]; the object outlives the returned borrow and is used by
/// no other thread meanwhile (CZMQ's rule for sockets).
pub(crate) unsafe fn socket_of<'a>(p: *mut c_void) -> Option<SockRef<'a>> {
    // SAFETY: per the contract.
    if let Some(sock) = unsafe { as_sock(p) } {
        return Some(SockRef::Ours(sock.socket()));
    }
    // SAFETY: per the contract.
    if let Some(actor) = unsafe { as_actor(p) } {
        return Some(SockRef::Ours(actor.sock().socket()));
    }
    if p.is_null() {
        return None;
    }
    let kind = raw_kind(p)?;
    // The Socket wrapper needs a context to keep alive; the process-wide one
    // is harmless to hold (the raw socket's own context is the caller's
    // business), and ManuallyDrop means the handle is never closed here.
    let ctx = czmq_core::zsys::context().ok()?;
    // SAFETY: p is a live libzmq socket of `kind` (libzmq just said so); the
    // wrapper is never dropped, so it does not take ownership.
    Some(SockRef::Raw(ManuallyDrop::new(unsafe {
        Socket::from_raw(&ctx, p, kind)
    })))
}

/// Takes a boxed object back from C and drops it, setting the C pointer
/// to NULL (CZMQ's `T_destroy (T **self_p)`); NULL-safe at both levels.
///
/// # Safety
/// `pp` is NULL or points to NULL or to a pointer from `Box::into_raw`
/// of the same `T`, not used afterwards.
pub(crate) unsafe fn destroy<T>(pp: *mut *mut T) {
    if pp.is_null() {
        return;
    }
    // SAFETY: pp is non-null and valid per the contract.
    let p = unsafe { std::ptr::replace(pp, std::ptr::null_mut()) };
    if !p.is_null() {
        // SAFETY: p came from Box::into_raw of a T, and is given back once.
        drop(unsafe { Box::from_raw(p) });
    }
}

/// [`destroy`] for the tagged classes: a pointer whose tag is not `tag`
/// (another class, or already destroyed) is logged and left alone, where
/// CZMQ would assert.
///
/// # Safety
/// As [`destroy`], except that `*pp` may point to any object of ours or a
/// readable 4-byte value.
pub(crate) unsafe fn destroy_tagged<T>(pp: *mut *mut T, tag: u32, class: &str) {
    if pp.is_null() {
        return;
    }
    // SAFETY: pp is non-null and valid per the contract.
    let p = unsafe { *pp };
    // SAFETY: per the contract, p is NULL or readable for 4 bytes.
    match unsafe { tag_of(p as *const c_void) } {
        None => {}
        // SAFETY: the tag says p is a live T from Box::into_raw.
        Some(found) if found == tag => unsafe { destroy(pp) },
        Some(_) => log::error!("{class}_destroy: not a {class}_t (or destroyed already)"),
    }
}

/// Gives a Rust object to C.
pub(crate) fn boxed<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}
