//! What every C entry point shares: the panic guard, C string helpers (one
//! allocator, libc's, for every string handed to C) and `resolve`, CZMQ's
//! socket polymorphism at the boundary.

use std::ffi::{c_char, c_void, CStr};
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::panic::{catch_unwind, AssertUnwindSafe};

use czmq::{Actor, Sock, Socket, SocketType};
use zmq_sys_vendored as sys;

/// Runs a C entry point's body; a panic is caught (it must never unwind
/// into C) and becomes CZMQ's error value `fail`. Inlined, so that each
/// entry point is one function around its body.
#[inline]
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
    // SAFETY: non-null, and the caller guarantees 4 readable bytes (every
    // object that may be passed here starts with them); read_unaligned because
    // a raw libzmq handle makes no alignment promise to us.
    Some(unsafe { (p as *const u32).read_unaligned() })
}

/// `p` as a zsock_t, when its tag says so.
///
/// # Safety
/// As [`tag_of`]; a tagged pointer is a live `Sock` (boxed by `zsock_new`
/// or lent by `zactor_sock`).
pub(crate) unsafe fn as_sock<'a>(p: *mut c_void) -> Option<&'a mut Sock> {
    // SAFETY: the caller guarantees p is NULL or points to at least 4
    // readable bytes, which is all tag_of reads.
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
    // SAFETY: the caller guarantees p is NULL or points to at least 4
    // readable bytes, which is all tag_of reads.
    match unsafe { tag_of(p) } {
        // SAFETY: the tag says this is a live Actor (repr(C), tag first).
        Some(Actor::TAG) => Some(unsafe { &*(p as *const Actor) }),
        _ => None,
    }
}

/// True when the 4 bytes at `p`, read as a C int, are an open file
/// descriptor: then `p` is taken for a `SOCKET *` (CZMQ's zpoller and
/// zsock_resolve accept one), and libzmq is not asked about it.
///
/// Why this comes before asking libzmq: libzmq looks for its socket tag
/// well past the first 4 bytes, which for a pointer to an int is an
/// out-of-bounds read. A libzmq socket cannot be mistaken for a descriptor
/// in practice: its first 8 bytes are a pointer to its C++ vtable, whose
/// low 32 bits are a multiple of 8 somewhere in the library's randomised
/// mapping; for them to also be a small open descriptor number is a chance
/// of about one in ten million per socket, and then only for a raw libzmq
/// socket (never for a zsock_t or zactor_t, recognised by tag before this).
///
/// # Safety
/// `p` is non-NULL and points to at least 4 readable bytes.
unsafe fn is_open_fd(p: *mut c_void) -> bool {
    // SAFETY: the caller guarantees 4 readable bytes at p; read_unaligned
    // because neither an int nor a libzmq handle promises us alignment.
    let fd = unsafe { (p as *const std::ffi::c_int).read_unaligned() };
    // SAFETY: F_GETFD only reads the descriptor table; any int is a valid
    // argument (a bad one fails with EBADF).
    fd >= 0 && unsafe { libc::fcntl(fd, libc::F_GETFD) } != -1
}

/// The type of a raw libzmq socket, or `None` if `p` is a `SOCKET *` or
/// libzmq says it is not a socket.
///
/// # Safety
/// `p` is non-NULL, not one of our tagged objects, and either a live
/// libzmq socket or a pointer to a readable C int (a `SOCKET *`).
unsafe fn raw_kind(p: *mut c_void) -> Option<SocketType> {
    // SAFETY: p is non-NULL with at least 4 readable bytes (a libzmq socket
    // or an int), per this function's contract.
    if unsafe { is_open_fd(p) } {
        return None;
    }
    let mut kind: i32 = 0;
    let mut len = std::mem::size_of::<i32>();
    // SAFETY: p is not ours (the caller checked the tag) and not a pointer
    // to an open descriptor (checked above), so by this function's
    // contract it is a live libzmq socket; libzmq checks its own socket tag
    // (0xbaddecaf) before touching anything else and fails with ENOTSOCK
    // otherwise. The one input still read out of bounds is a `SOCKET *`
    // to a descriptor that is not open, which CZMQ reads the same way and
    // which no C caller can poll anyway.
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
/// A `SOCKET *` (a pointer to an open file descriptor) is `None` without
/// libzmq being asked (see [`is_open_fd`]).
///
/// # Safety
/// `p` is NULL, a live zsock_t/zactor_t, a live libzmq socket or a pointer
/// to a readable C int (a `SOCKET *`).
pub(crate) unsafe fn resolve(p: *mut c_void) -> Option<*mut c_void> {
    // SAFETY: the caller passes NULL, a live zsock_t/zactor_t or a libzmq
    // socket: each has at least 4 readable bytes at p, and a tagged one is
    // live, as as_sock requires.
    if let Some(sock) = unsafe { as_sock(p) } {
        return Some(sock.as_socket().as_ptr());
    }
    // SAFETY: as above, for as_actor.
    if let Some(actor) = unsafe { as_actor(p) } {
        return Some(actor.sock().as_socket().as_ptr());
    }
    if p.is_null() {
        return None;
    }
    // SAFETY: p is non-NULL and not ours (tags checked above), so per this
    // function's contract a libzmq socket or a `SOCKET *`, as raw_kind needs.
    unsafe { raw_kind(p) }.map(|_| p)
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

impl czmq::AsSocket for SockRef<'_> {
    fn as_socket(&self) -> &Socket {
        self
    }
}

/// The socket behind a polymorphic `void *` (see [`resolve`]). Inlined:
/// a zsock_t or zactor_t (every hot call) is a tag compare; a raw libzmq
/// handle takes the out-of-line [`raw_socket_of`].
///
/// # Safety
/// As [`resolve`]; the object outlives the returned borrow and is used by
/// no other thread meanwhile (CZMQ's rule for sockets).
#[inline]
pub(crate) unsafe fn socket_of<'a>(p: *mut c_void) -> Option<SockRef<'a>> {
    // SAFETY: as in resolve: NULL, a live zsock_t/zactor_t or a libzmq
    // socket, all readable for the 4 bytes of a tag.
    if let Some(sock) = unsafe { as_sock(p) } {
        return Some(SockRef::Ours(sock.as_socket()));
    }
    // SAFETY: as above, for as_actor.
    if let Some(actor) = unsafe { as_actor(p) } {
        return Some(SockRef::Ours(actor.sock().as_socket()));
    }
    // SAFETY: p is not ours (tags checked above), so per this function's
    // contract NULL, a libzmq socket or a `SOCKET *`, as raw_socket_of needs.
    unsafe { raw_socket_of(p) }
}

/// [`socket_of`] for what is not a zsock_t or zactor_t: NULL, a raw
/// libzmq socket (wrapped without taking ownership) or a `SOCKET *`.
///
/// # Safety
/// `p` is NULL, a live libzmq socket or a pointer to a readable C int, and
/// not one of our tagged objects.
#[cold]
#[inline(never)]
unsafe fn raw_socket_of<'a>(p: *mut c_void) -> Option<SockRef<'a>> {
    if p.is_null() {
        return None;
    }
    // SAFETY: p is non-NULL and not ours (this function's contract), so a
    // libzmq socket or a `SOCKET *`, as raw_kind needs.
    let kind = unsafe { raw_kind(p) }?;
    // The Socket wrapper needs a context to keep alive; the process-wide one
    // is harmless to hold (the raw socket's own context is the caller's
    // business), and ManuallyDrop means the handle is never closed here.
    let ctx = czmq::zsys::context().ok()?;
    // SAFETY: p is a live libzmq socket of `kind` (libzmq just said so); the
    // wrapper is never dropped, so it does not take ownership.
    Some(SockRef::Raw(ManuallyDrop::new(unsafe {
        Socket::from_raw(&ctx, p, kind)
    })))
}

/// The objects this library has handed to C and not yet taken back: their
/// address and Rust type. `destroy_tagged` frees only what is listed here,
/// so a stale or foreign pointer is refused without ever being read (a
/// freed object's memory may not be looked at, not even its tag). Objects
/// lent to C (a message's frames, an actor's socket) are not listed: they
/// are not C's to destroy.
mod live;

/// Lists `p` as a live `T` handed to C.
fn list<T: 'static>(p: *mut T) {
    live::registry().insert(p as usize, std::any::TypeId::of::<T>());
}

/// Gives a boxed Rust object to C, keeping its address (and listing it as
/// live for [`destroy_tagged`] and [`take`]).
pub(crate) fn give<T: 'static>(value: Box<T>) -> *mut T {
    let p = Box::into_raw(value);
    list(p);
    p
}

/// Gives a Rust object to C.
pub(crate) fn boxed<T: 'static>(value: T) -> *mut T {
    give(Box::new(value))
}

/// True when `p` is an object of type `T` that this library handed to C and
/// has not taken back. Never dereferences `p`.
pub(crate) fn is_live<T: 'static>(p: *const T) -> bool {
    !p.is_null() && live::registry().get(p as usize) == Some(std::any::TypeId::of::<T>())
}

/// Unlists `p` if it is listed as a live `T`; true when it was.
fn unlist<T: 'static>(p: *mut T) -> bool {
    live::registry().remove_if(p as usize, std::any::TypeId::of::<T>())
}

/// Takes back from C an object of type `T` that C owns (CZMQ's `T **`
/// arguments that pass ownership, e.g. zmsg_append), setting `*pp` to
/// NULL. `None`, leaving `*pp` alone, when `pp` is NULL or `*pp` is not a
/// live `T` handed to C (NULL, stale, of another class, or lent).
///
/// # Safety
/// `pp` is NULL or points to a readable and writable `*mut T`.
pub(crate) unsafe fn take<T: 'static>(pp: *mut *mut T) -> Option<Box<T>> {
    if pp.is_null() {
        return None;
    }
    // SAFETY: pp is non-null, and the caller guarantees it points to a
    // readable `*mut T` (a C `T **` argument).
    let p = unsafe { *pp };
    if p.is_null() {
        return None;
    }
    if !unlist(p) {
        return None;
    }
    // SAFETY: pp is non-null and writable (the caller's `T **`).
    unsafe { *pp = std::ptr::null_mut() };
    // SAFETY: the registry listed p as a T from Box::into_raw (give) not
    // yet taken back, and it is now unlisted, so this is the only owner.
    Some(unsafe { Box::from_raw(p) })
}

/// Sets the calling thread's C `errno`, as CZMQ does before some of its
/// error returns (zpoller_remove of an unknown reader: EINVAL).
pub(crate) fn set_errno(code: std::ffi::c_int) {
    // SAFETY: __errno_location returns this thread's errno slot, valid and
    // writable for the thread's whole life.
    unsafe { *libc::__errno_location() = code };
}

/// Takes a boxed object back from C and drops it, setting the C pointer
/// to NULL (CZMQ's `T_destroy (T **self_p)`); NULL-safe at both levels.
///
/// # Safety
/// `pp` is NULL or points to NULL or to a pointer from [`boxed`] (or
/// `Box::into_raw`) of the same `T`, not used afterwards.
pub(crate) unsafe fn destroy<T: 'static>(pp: *mut *mut T) {
    if pp.is_null() {
        return;
    }
    // SAFETY: pp is non-null and valid per the contract.
    let p = unsafe { std::ptr::replace(pp, std::ptr::null_mut()) };
    if !p.is_null() {
        live::registry().remove(p as usize);
        // SAFETY: p came from Box::into_raw of a T, and is given back once.
        drop(unsafe { Box::from_raw(p) });
    }
}

/// [`destroy`] for the tagged classes (zframe, zmsg, zsock, zactor), which
/// C code may hand back stale, lent or of the wrong class: only an object
/// listed live as a `T` is destroyed; anything else is logged and left
/// alone (CZMQ would assert), without reading through the pointer. `tag`
/// and `class` name the class in the log.
///
/// # Safety
/// `pp` is NULL or points to a readable and writable `*mut T`.
pub(crate) unsafe fn destroy_tagged<T: 'static>(pp: *mut *mut T, tag: u32, class: &str) {
    // SAFETY: take needs only what this function's caller guarantees: pp
    // NULL or a readable, writable `*mut T`; it never reads through *pp.
    match unsafe { take(pp) } {
        Some(object) => drop(object),
        None => {
            // SAFETY: pp is non-null here and readable (the caller's `T **`).
            if !pp.is_null() && !unsafe { *pp }.is_null() {
                log::error!(
                    "{class}_destroy: not a live {class}_t (tag {tag:#x}) this library gave out \
                     (destroyed already, lent by its owner, or another class)"
                );
            }
        }
    }
}
