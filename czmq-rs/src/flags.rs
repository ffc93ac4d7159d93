//! The send/receive flags shared by every layer that sends or receives:
//! [`Socket`](crate::Socket), [`Frame`](crate::Frame), [`Msg`](crate::Msg).

use zmq_sys_vendored as sys;

bitflags::bitflags! {
    /// How a send or receive behaves, for the `*_with` forms
    /// ([`Socket::send_with`](crate::Socket::send_with),
    /// [`Socket::recv_msg_with`](crate::Socket::recv_msg_with),
    /// [`Frame::send_with`](crate::Frame::send_with)...); the plain forms
    /// (`send`, `recv_msg`) use no flag. The bits are libzmq's own, so
    /// passing them costs nothing.
    ///
    /// ```
    /// use czmq::{Context, Flags, SocketType};
    /// let ctx = Context::new()?;
    /// let push = ctx.socket(SocketType::Push)?;
    /// push.bind("inproc://flags-doc")?;
    /// let pull = ctx.socket(SocketType::Pull)?;
    /// pull.connect("inproc://flags-doc")?;
    /// push.send_with("head", Flags::MORE)?;
    /// push.send("tail")?;
    /// assert_eq!(pull.recv_multipart()?.len(), 2);
    /// assert_eq!(pull.recv_msg_with(Flags::DONTWAIT).unwrap_err(), czmq::Error::Again);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct Flags: i32 {
        /// Do not block: fail with [`Error::Again`](crate::Error::Again)
        /// instead (`ZMQ_DONTWAIT`, CZMQ's ZFRAME_DONTWAIT).
        const DONTWAIT = sys::ZMQ_DONTWAIT;
        /// Send: more frames of the same message follow (`ZMQ_SNDMORE`,
        /// CZMQ's ZFRAME_MORE). Ignored by receives.
        const MORE = sys::ZMQ_SNDMORE;
    }
}
