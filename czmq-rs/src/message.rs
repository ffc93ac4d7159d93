//! Message: one owned `zmq_msg_t`, a frame of bytes on the wire.

use std::cell::UnsafeCell;
use std::ffi::{CStr, CString};
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::os::raw::c_void;

use zmq_sys_vendored as sys;

#[cfg(feature = "draft")]
use crate::error::{Error, Result, check};

/// Messages this short are copied into libzmq's in-place "very small message"
/// storage rather than handed over zero-copy: it avoids an allocation for the
/// ownership record libzmq keeps for zero-copy content.
const SMALL_MESSAGE: usize = 32;

/// One message frame, owning its `zmq_msg_t`. Derefs to `[u8]`.
///
/// From `Vec<u8>`, `Box<[u8]>`, [`Message::from_static`] and [`Message::from_owned`] the bytes are handed to
/// libzmq without copying (short messages excepted, which are cheaper to copy);
/// the buffer is freed exactly once, when libzmq is done with it.
///
/// `Send` but not `Sync`: cloning writes libzmq's reference count into the
/// source message, so two threads must not clone one message at once.
///
/// Writing through `DerefMut` never reaches bytes anyone else can see: content
/// shared with a clone, static bytes and bytes borrowed from a
/// [`Message::from_owned`] owner are first copied into a private buffer (the
/// copy keeps the bytes, and with `draft` the routing id and group, but not
/// the metadata or the "more" flag of a received frame: read those first).
///
/// ```
/// use czmq::Message;
/// let m = Message::from(vec![1u8, 2, 3]);
/// assert_eq!(&m[..], &[1, 2, 3]);
/// let s = Message::from("hello");
/// assert_eq!(s.as_str(), Some("hello"));
/// ```
pub struct Message {
    // In a cell because zmq_msg_copy (Clone, with only &self) writes the
    // source's header: it flags the content shared and sets its reference
    // count. The cell makes that write legal and makes Message !Sync, so two
    // threads can never race on that non-atomic header.
    raw: UnsafeCell<sys::zmq_msg_t>,
}

// SAFETY: a zmq_msg_t is a plain value owned by one Message; libzmq's content
// sharing uses atomic reference counts, so moving it across threads is sound.
unsafe impl Send for Message {}

/// libzmq's free callback for zero-copy content: drops the owner that
/// [`Message::from_owned`] leaked. It runs on whichever thread releases the
/// last reference (often a libzmq I/O thread), so a panic in the owner's
/// `Drop` must not unwind into C: it is caught, logged and forgotten (the
/// payload is leaked rather than dropped, as dropping it could panic again).
unsafe extern "C" fn drop_boxed<T>(_data: *mut c_void, hint: *mut c_void) {
    // SAFETY: hint is the Box<T> leaked in Message::from_owned; libzmq calls
    // the free function exactly once, when the last reference is released,
    // so the box is reclaimed exactly once.
    let owner = unsafe { Box::from_raw(hint as *mut T) };
    if let Err(payload) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(owner))) {
        log::error!("a zero-copy message owner panicked in Drop; the panic was contained");
        std::mem::forget(payload);
    }
}

impl Message {
    #[inline]
    fn wrap(raw: sys::zmq_msg_t) -> Message {
        Message {
            raw: UnsafeCell::new(raw),
        }
    }

    /// The raw message for libzmq's read-only calls (const-incorrect ones take *mut).
    #[inline]
    fn ptr(&self) -> *mut sys::zmq_msg_t {
        self.raw.get()
    }

    /// An empty message.
    #[inline]
    pub fn new() -> Message {
        let mut raw = sys::zmq_msg_t::default();
        // SAFETY: zmq_msg_init cannot fail and only writes the struct.
        unsafe { sys::zmq_msg_init(&mut raw) };
        Message::wrap(raw)
    }

    /// A message of `len` zeroed bytes, to fill in place.
    pub fn with_size(len: usize) -> Message {
        let mut raw = sys::zmq_msg_t::default();
        // SAFETY: zmq_msg_init_size writes the struct; it fails only on ENOMEM,
        // which we turn into an abort like any Rust allocation failure.
        let rc = unsafe { sys::zmq_msg_init_size(&mut raw, len) };
        if rc != 0 {
            std::alloc::handle_alloc_error(std::alloc::Layout::array::<u8>(len).unwrap());
        }
        let mut msg = Message::wrap(raw);
        msg.fill(0);
        msg
    }

    /// A message holding a copy of `data`.
    pub fn copy(data: &[u8]) -> Message {
        let mut raw = sys::zmq_msg_t::default();
        // SAFETY: as in with_size.
        let rc = unsafe { sys::zmq_msg_init_size(&mut raw, data.len()) };
        if rc != 0 {
            std::alloc::handle_alloc_error(std::alloc::Layout::array::<u8>(data.len()).unwrap());
        }
        let mut msg = Message::wrap(raw);
        msg.copy_from_slice(data);
        msg
    }

    /// Hands `owner`'s bytes to libzmq without copying. `owner` is dropped
    /// exactly once, on whichever thread releases the last reference (an I/O
    /// thread, after the bytes were written), hence `Send + 'static`.
    ///
    /// The bytes are only ever read through `owner.as_ref()`: writing to the
    /// message (`DerefMut`) first copies them, so an owner such as a
    /// `&'static str` or an `Arc<[u8]>` shared elsewhere is never written to.
    ///
    /// ```
    /// let m = czmq::Message::from_owned(String::from("a string, not copied"));
    /// assert_eq!(m.len(), 20);
    /// ```
    pub fn from_owned<T: AsRef<[u8]> + Send + 'static>(owner: T) -> Message {
        let boxed = Box::new(owner);
        let bytes = (*boxed).as_ref();
        let (data, len) = (bytes.as_ptr() as *mut c_void, bytes.len());
        let msg = Message::from_boxed(boxed, data, len);
        // Sharing the content once (a copy dropped at once) sets libzmq's
        // "shared" flag for good; the flag travels with the message, also to
        // an inproc receiver, and makes every DerefMut copy before writing.
        drop(msg.clone());
        msg
    }

    /// Zero-copy for an owner that lends its bytes mutably (`Vec<u8>`,
    /// `Box<[u8]>`): the message may then be written in place.
    fn from_owned_mut<T: AsMut<[u8]> + Send + 'static>(owner: T) -> Message {
        let mut boxed = Box::new(owner);
        let bytes = (*boxed).as_mut();
        let (data, len) = (bytes.as_mut_ptr() as *mut c_void, bytes.len());
        Message::from_boxed(boxed, data, len)
    }

    /// Hands `data`/`len`, which point into `*boxed`'s own heap buffer, to
    /// libzmq with a free function that drops `boxed`.
    fn from_boxed<T: Send + 'static>(boxed: Box<T>, data: *mut c_void, len: usize) -> Message {
        let hint = Box::into_raw(boxed);
        let mut raw = sys::zmq_msg_t::default();
        // SAFETY: data/len point into the heap value behind hint, which stays
        // put until libzmq calls drop_boxed::<T>(data, hint) exactly once.
        let rc = unsafe {
            sys::zmq_msg_init_data(
                &mut raw,
                data,
                len,
                Some(drop_boxed::<T>),
                hint as *mut c_void,
            )
        };
        if rc != 0 {
            // SAFETY: libzmq did not take ownership on failure (ENOMEM).
            drop(unsafe { Box::from_raw(hint) });
            std::alloc::handle_alloc_error(std::alloc::Layout::new::<T>());
        }
        Message::wrap(raw)
    }

    /// Wraps static bytes without copying and without any free callback.
    pub fn from_static(data: &'static [u8]) -> Message {
        let mut raw = sys::zmq_msg_t::default();
        // SAFETY: static data outlives any message; a NULL free fn is allowed.
        let rc = unsafe {
            sys::zmq_msg_init_data(
                &mut raw,
                data.as_ptr() as *mut c_void,
                data.len(),
                None,
                std::ptr::null_mut(),
            )
        };
        assert_eq!(rc, 0, "zmq_msg_init_data failed without allocating");
        Message::wrap(raw)
    }

    /// Number of bytes.
    #[inline]
    pub fn len(&self) -> usize {
        // SAFETY: zmq_msg_size only reads an initialised message (cast from & is
        // fine: libzmq's const-incorrect signature does not write).
        unsafe { sys::zmq_msg_size(self.ptr()) }
    }

    /// True for a zero-length message.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when more frames of the same multipart message follow this one
    /// (meaningful on a received message).
    #[inline]
    pub fn more(&self) -> bool {
        // SAFETY: reads an initialised message.
        unsafe { sys::zmq_msg_more(self.ptr()) == 1 }
    }

    /// The bytes as text, if they are UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(self).ok()
    }

    /// A metadata property of a received message ("Socket-Type", "Routing-Id",
    /// "Peer-Address", "User-Id", or a ZAP-supplied name).
    pub fn gets(&self, property: &str) -> Option<&str> {
        let name = CString::new(property).ok()?;
        // SAFETY: reads an initialised message; the returned string lives in
        // the message's metadata, which lives as long as the message.
        let ptr = unsafe { sys::zmq_msg_gets(self.ptr(), name.as_ptr()) };
        if ptr.is_null() {
            return None;
        }
        // SAFETY: non-NULL results are NUL-terminated strings owned by the metadata.
        unsafe { CStr::from_ptr(ptr) }.to_str().ok()
    }

    /// The peer's routing id on a message received from a SERVER socket (0 when unset).
    #[cfg(feature = "draft")]
    pub fn routing_id(&self) -> u32 {
        // SAFETY: reads an initialised message.
        unsafe { sys::zmq_msg_routing_id(self.ptr()) }
    }

    /// Sets the routing id a SERVER socket sends this message to.
    #[cfg(feature = "draft")]
    pub fn set_routing_id(&mut self, id: u32) -> Result<()> {
        // SAFETY: writes an initialised message we own.
        check(unsafe { sys::zmq_msg_set_routing_id(self.raw.get_mut(), id) }).map(|_| ())
    }

    /// The group of a message received by a DISH socket.
    #[cfg(feature = "draft")]
    pub fn group(&self) -> Option<&str> {
        // SAFETY: reads an initialised message; the group lives inside it.
        let ptr = unsafe { sys::zmq_msg_group(self.ptr()) };
        if ptr.is_null() {
            return None;
        }
        // SAFETY: NUL-terminated, owned by the message.
        unsafe { CStr::from_ptr(ptr) }
            .to_str()
            .ok()
            .filter(|g| !g.is_empty())
    }

    /// Sets the group a RADIO socket publishes this message to (at most 255 bytes).
    #[cfg(feature = "draft")]
    pub fn set_group(&mut self, group: &str) -> Result<()> {
        let group = CString::new(group).map_err(|_| Error::Invalid)?;
        // SAFETY: writes an initialised message; libzmq copies the string.
        check(unsafe { sys::zmq_msg_set_group(self.raw.get_mut(), group.as_ptr()) }).map(|_| ())
    }

    /// True when libzmq reports the content as not exclusively ours
    /// (ZMQ_SHARED: shared with a clone, static, or borrowed from an owner).
    fn is_shared(&self) -> bool {
        // SAFETY: reads an initialised message.
        unsafe { sys::zmq_msg_get(self.ptr(), sys::ZMQ_SHARED) == 1 }
    }

    /// Gives the message a private copy of its bytes if they are shared, so
    /// that writing to them cannot be seen through any other handle.
    fn unshare(&mut self) {
        if !self.is_shared() {
            return;
        }
        #[allow(unused_mut)]
        let mut private = Message::copy(self);
        #[cfg(feature = "draft")]
        {
            // Both were accepted by libzmq on the original, so they are valid.
            let _ = private.set_routing_id(self.routing_id());
            if let Some(group) = self.group() {
                let _ = private.set_group(group);
            }
        }
        *self = private;
    }

    /// The raw message, for FFI calls that only read it. It stays valid while
    /// `self` lives and is not moved; a pointer rather than a reference
    /// because [`Clone`] updates the header of the message it copies.
    pub fn as_raw(&self) -> *const sys::zmq_msg_t {
        self.ptr()
    }

    /// The raw message, for FFI calls that write it (`zmq_msg_send`,
    /// `zmq_msg_recv`, ...). It stays valid while `self` lives and is not
    /// moved. A raw pointer, not `&mut zmq_msg_t`: `zmq_msg_t` is `Copy`,
    /// so a safe mutable reference would let safe code duplicate the header
    /// (`*b.as_raw_mut() = *a.as_raw_mut()`) and close one content twice.
    /// Writing through the pointer is `unsafe` and must leave a valid,
    /// initialised message that `self` still owns alone.
    ///
    /// ```compile_fail
    /// // Two owners of one content need unsafe code now (E0133).
    /// let mut a = czmq::Message::from("x");
    /// let mut b = czmq::Message::new();
    /// *b.as_raw_mut() = *a.as_raw_mut();
    /// ```
    ///
    /// ```
    /// let mut m = czmq::Message::from("x");
    /// let raw = m.as_raw_mut();
    /// // SAFETY: raw points to m's initialised message; size only reads it.
    /// assert_eq!(unsafe { zmq_sys_vendored::zmq_msg_size(raw) }, 1);
    /// ```
    #[inline]
    pub fn as_raw_mut(&mut self) -> *mut sys::zmq_msg_t {
        self.raw.get_mut()
    }
}

impl Drop for Message {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: the message is initialised; close releases its content once.
        unsafe { sys::zmq_msg_close(self.raw.get_mut()) };
    }
}

impl Default for Message {
    fn default() -> Self {
        Message::new()
    }
}

impl Clone for Message {
    /// Shares the content (libzmq's zmq_msg_copy: reference counted, no byte copy
    /// for large messages).
    fn clone(&self) -> Message {
        let mut copy = Message::new();
        // SAFETY: both messages are initialised. zmq_msg_copy writes the
        // source's header (shared flag, reference count), which the UnsafeCell
        // allows through &self; Message is !Sync, so no other thread is in
        // here, and no reference into the header is handed out (as_raw gives
        // a pointer). Deref's slices cover only the bytes, which it never
        // writes. It fails only on EFAULT for bad input.
        let rc = unsafe { sys::zmq_msg_copy(copy.raw.get_mut(), self.ptr()) };
        debug_assert_eq!(rc, 0);
        copy
    }
}

impl Deref for Message {
    type Target = [u8];
    #[inline]
    fn deref(&self) -> &[u8] {
        let len = self.len();
        if len == 0 {
            return &[];
        }
        // SAFETY: zmq_msg_data points at len initialised bytes owned by (or shared
        // into) this message; the borrow is tied to &self.
        unsafe { std::slice::from_raw_parts(sys::zmq_msg_data(self.ptr()) as *const u8, len) }
    }
}

impl DerefMut for Message {
    fn deref_mut(&mut self) -> &mut [u8] {
        let len = self.len();
        if len == 0 {
            return &mut [];
        }
        self.unshare();
        // SAFETY: as in deref; &mut self gives exclusive access to the message,
        // and after unshare its bytes are writable memory no one else sees.
        unsafe {
            std::slice::from_raw_parts_mut(sys::zmq_msg_data(self.raw.get_mut()) as *mut u8, len)
        }
    }
}

impl AsRef<[u8]> for Message {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl PartialEq for Message {
    fn eq(&self, other: &Message) -> bool {
        self[..] == other[..]
    }
}
impl Eq for Message {}

impl PartialEq<[u8]> for Message {
    fn eq(&self, other: &[u8]) -> bool {
        &self[..] == other
    }
}

impl PartialEq<&str> for Message {
    fn eq(&self, other: &&str) -> bool {
        &self[..] == other.as_bytes()
    }
}

impl fmt::Debug for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_str() {
            Some(s) => write!(f, "Message({s:?})"),
            None => write!(f, "Message({:02x?})", &self[..]),
        }
    }
}

impl From<Vec<u8>> for Message {
    fn from(v: Vec<u8>) -> Message {
        if v.len() <= SMALL_MESSAGE {
            Message::copy(&v)
        } else {
            Message::from_owned_mut(v)
        }
    }
}

impl From<Box<[u8]>> for Message {
    fn from(b: Box<[u8]>) -> Message {
        if b.len() <= SMALL_MESSAGE {
            Message::copy(&b)
        } else {
            Message::from_owned_mut(b)
        }
    }
}

impl From<String> for Message {
    fn from(s: String) -> Message {
        Message::from(s.into_bytes())
    }
}

impl From<&[u8]> for Message {
    /// Copies the bytes; use [`Message::from_static`] to wrap static bytes without copying.
    fn from(b: &[u8]) -> Message {
        Message::copy(b)
    }
}

impl<const N: usize> From<&[u8; N]> for Message {
    fn from(b: &[u8; N]) -> Message {
        Message::copy(b)
    }
}

impl From<&str> for Message {
    fn from(s: &str) -> Message {
        Message::copy(s.as_bytes())
    }
}

impl From<&String> for Message {
    fn from(s: &String) -> Message {
        Message::copy(s.as_bytes())
    }
}

impl From<&Message> for Message {
    fn from(m: &Message) -> Message {
        m.clone()
    }
}
