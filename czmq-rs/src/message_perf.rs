//! A message constructor for senders that never look at the bytes they send.
//!
//! [`Message::with_size`] zero-fills, which is what safe code needs but is
//! pure overhead for a sender that only measures transport speed (libzmq's
//! perf tools send `zmq_msg_init_size` buffers untouched). At 64 KiB the
//! memset costs about as much as handing the message to an inproc peer.

use zmq_sys_vendored as sys;

use crate::message::Message;

impl Message {
    /// A message of `len` bytes whose content is left as the allocator gave
    /// it (`zmq_msg_init_size` without the zero-fill of [`Message::with_size`]).
    ///
    /// # Safety
    ///
    /// The content is uninitialised memory. Nothing may read it as Rust data
    /// before it has been written: no `Deref`/`DerefMut` (which make slices
    /// over it), `as_str`, `==`, `Debug`, `clone().to_vec()`... on this
    /// message, and, because inproc peers receive the very same buffer, on
    /// the message a receiver gets either. Sending it and asking sizes
    /// ([`Message::len`]) is fine: libzmq moves the bytes as opaque memory
    /// (memcpy, `write`), and a tcp/ipc receiver gets initialised bytes back
    /// from the kernel. To fill it, write through
    /// `zmq_msg_data(msg.as_raw_mut())` with raw pointers.
    ///
    /// ```
    /// use czmq::{Context, Message, SocketType};
    /// let ctx = Context::new()?;
    /// let pull = ctx.socket(SocketType::Pull)?;
    /// pull.bind("inproc://uninit-doc")?;
    /// let push = ctx.socket(SocketType::Push)?;
    /// push.connect("inproc://uninit-doc")?;
    /// // SAFETY: neither side reads the bytes, only the size.
    /// push.send(unsafe { Message::with_size_uninit(65536) })?;
    /// assert_eq!(pull.recv_msg()?.len(), 65536);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub unsafe fn with_size_uninit(len: usize) -> Message {
        let mut msg = Message::new();
        // SAFETY: the caller takes on reset_uninit's contract, which is ours.
        unsafe { msg.reset_uninit(len) };
        msg
    }

    /// Replaces the content with `len` uninitialised bytes, in place: what a
    /// C sender does with `zmq_msg_init_size` on one `zmq_msg_t` per loop.
    ///
    /// Building a new message per send costs more than it looks: the 64-byte
    /// `zmq_msg_t` that libzmq has just written field by field is then moved
    /// by value, and those wide loads stall on the narrow stores (no
    /// store-to-load forwarding). Reusing one message keeps it in place.
    ///
    /// # Safety
    ///
    /// As for [`Message::with_size_uninit`]: nothing may read the new bytes
    /// before they are written, on this side or on an inproc receiver's.
    ///
    /// ```
    /// use czmq::{Context, Message, SocketType};
    /// let ctx = Context::new()?;
    /// let pull = ctx.socket(SocketType::Pull)?;
    /// pull.bind("inproc://reset-uninit-doc")?;
    /// let push = ctx.socket(SocketType::Push)?;
    /// push.connect("inproc://reset-uninit-doc")?;
    /// let mut msg = Message::new();
    /// for _ in 0..3 {
    ///     // SAFETY: neither side reads the bytes, only the size.
    ///     unsafe { msg.reset_uninit(1024) };
    ///     push.send_msg(&mut msg)?; // leaves msg empty, ready for reuse
    /// }
    /// assert_eq!(pull.recv_msg()?.len(), 1024);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub unsafe fn reset_uninit(&mut self, len: usize) {
        let raw = self.as_raw_mut();
        // SAFETY: the message is initialised; close releases its content (or
        // its share of it) exactly once and leaves the struct to re-init.
        unsafe { sys::zmq_msg_close(raw) };
        // SAFETY: zmq_msg_init_size writes the closed struct and allocates
        // len bytes that it leaves uninitialised, which the caller's contract
        // covers.
        if unsafe { sys::zmq_msg_init_size(raw, len) } != 0 {
            out_of_memory(raw, len);
        }
    }
}

/// The ENOMEM branch of [`Message::reset_uninit`], out of the hot loop.
#[cold]
#[inline(never)]
fn out_of_memory(raw: *mut sys::zmq_msg_t, len: usize) -> ! {
    // ENOMEM leaves a large-message header without content, which
    // zmq_msg_close would dereference: make it empty again first.
    // SAFETY: raw points to the caller's message struct (Message::as_raw_mut,
    // valid while the message lives); zmq_msg_init only writes that struct
    // and cannot fail.
    unsafe { sys::zmq_msg_init(raw) };
    let layout =
        std::alloc::Layout::array::<u8>(len).unwrap_or_else(|_| std::alloc::Layout::new::<u8>());
    std::alloc::handle_alloc_error(layout);
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::{Context, Message, SocketType};

    #[test]
    fn sizes_on_both_sides_of_the_in_place_limit() {
        // libzmq keeps up to 33 bytes inside the zmq_msg_t and allocates above.
        for len in [0, 1, 33, 34, 65536] {
            // SAFETY: only the size is read.
            let msg = unsafe { Message::with_size_uninit(len) };
            assert_eq!(msg.len(), len);
        }
    }

    #[test]
    fn reset_replaces_content_in_place() {
        // Shared content too: the clone must keep its bytes when the original
        // lets go of its reference.
        let mut msg = Message::from(vec![7u8; 100]);
        let shared = msg.clone();
        for len in [0, 5, 40, 1 << 20] {
            // SAFETY: only the size is read.
            unsafe { msg.reset_uninit(len) };
            assert_eq!(msg.len(), len);
        }
        assert_eq!(&shared[..], &[7u8; 100][..]);
    }

    #[test]
    fn tcp_peer_receives_the_full_size() -> crate::Result<()> {
        let ctx = Context::new()?;
        let pull = ctx.socket(SocketType::Pull)?;
        pull.set_rcvtimeo(Some(Duration::from_secs(5)))?;
        pull.bind("tcp://127.0.0.1:*")?;
        let push = ctx.socket(SocketType::Push)?;
        push.set_sndtimeo(Some(Duration::from_secs(5)))?;
        push.connect(&pull.last_endpoint()?)?;
        for len in [1, 1024, 65536] {
            // SAFETY: the bytes are sent over tcp, where the kernel hands the
            // receiver initialised bytes; here only sizes are compared.
            push.send(unsafe { Message::with_size_uninit(len) })?;
            assert_eq!(pull.recv_msg()?.len(), len);
        }
        Ok(())
    }
}
