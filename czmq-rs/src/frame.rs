//! Frame (CZMQ's zframe): one message part, wrapping the core [`Message`] it
//! was received in or built from, so sending and receiving never copy.

use std::fmt;
use std::ops::Deref;

#[cfg(feature = "draft")]
use crate::error::Error;
use crate::error::Result;
use crate::flags::Flags;
use crate::message::Message;
use crate::socket::AsSocket;
#[cfg(feature = "draft")]
use crate::socket::SocketType;

/// One frame of a message, with CZMQ's zframe state: the "more" flag seen
/// on receipt and, with the `draft` feature, the routing id (SERVER/CLIENT)
/// and group (RADIO/DISH). Derefs to its bytes; `clone` is CZMQ's zframe_dup
/// (content shared, not copied, for large frames).
///
/// ```
/// use czmq::{Flags, Frame, Sock};
/// let a = Sock::new_pair(Some("@inproc://frame-doc"))?;
/// let b = Sock::new_pair(Some("inproc://frame-doc"))?;
/// Frame::from("Hello").send_with(&a, Flags::MORE)?;
/// Frame::new(b"\x01\xff").send(&a)?;
/// let first = Frame::recv(&b)?;
/// assert!(first.streq("Hello") && first.more());
/// let second = Frame::recv(&b)?;
/// assert_eq!(second.strhex(), "01FF");
/// assert!(!second.more());
/// # Ok::<(), czmq::Error>(())
/// ```
#[repr(C)]
pub struct Frame {
    /// CZMQ's object tag, first for the C face.
    tag: u32,
    more: bool,
    #[cfg(feature = "draft")]
    routing_id: u32,
    #[cfg(feature = "draft")]
    group: Option<String>,
    msg: Message,
}

impl Frame {
    /// CZMQ's zframe tag (0xcafe0002), the first field of every `Frame`.
    pub const TAG: u32 = 0xcafe_0002;

    /// A frame holding a copy of `data` (use `Frame::from(vec)` to hand over a
    /// buffer without copying).
    pub fn new(data: &[u8]) -> Frame {
        Frame::from(Message::copy(data))
    }

    /// A zero-length frame.
    pub fn empty() -> Frame {
        Frame::from(Message::new())
    }

    /// Number of bytes.
    pub fn size(&self) -> usize {
        self.msg.len()
    }

    /// The bytes.
    pub fn data(&self) -> &[u8] {
        &self.msg
    }

    /// The bytes, writable in place.
    pub fn data_mut(&mut self) -> &mut [u8] {
        &mut self.msg
    }

    /// The bytes as text, if UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        self.msg.as_str()
    }

    /// True when the frame holds exactly the bytes of `s` (CZMQ's zframe_streq).
    pub fn streq(&self, s: &str) -> bool {
        self.data() == s.as_bytes()
    }

    /// The bytes as upper-case hex, as CZMQ's zframe_strhex.
    pub fn strhex(&self) -> String {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut out = String::with_capacity(self.size() * 2);
        for b in self.data() {
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
        out
    }

    /// Replaces the content with a copy of `data` (CZMQ's zframe_reset).
    pub fn reset(&mut self, data: &[u8]) {
        self.msg = Message::copy(data);
    }

    /// True when more frames of the same message followed this one on receipt.
    pub fn more(&self) -> bool {
        self.more
    }

    /// Sets the "more" flag. Sending is governed by [`Flags`] only, as in
    /// CZMQ; the flag is what [`Frame::more`] reports.
    pub fn set_more(&mut self, more: bool) {
        self.more = more;
    }

    /// The routing id of a frame received from a SERVER socket (0 if none).
    #[cfg(feature = "draft")]
    pub fn routing_id(&self) -> u32 {
        self.routing_id
    }

    /// Sets the routing id a SERVER socket sends this frame to.
    #[cfg(feature = "draft")]
    pub fn set_routing_id(&mut self, id: u32) {
        self.routing_id = id;
    }

    /// The group of a frame received by a DISH socket.
    #[cfg(feature = "draft")]
    pub fn group(&self) -> Option<&str> {
        self.group.as_deref()
    }

    /// Sets the group a RADIO socket publishes this frame to (1 to 255 bytes,
    /// libzmq's ZMQ_GROUP_MAX_LENGTH, without NUL).
    #[cfg(feature = "draft")]
    pub fn set_group(&mut self, group: &str) -> Result<()> {
        if group.is_empty() || group.len() > 255 || group.contains('\0') {
            return Err(Error::InvalidArgument(format!(
                "group {group:?} must be 1 to 255 bytes without NUL"
            )));
        }
        self.group = Some(group.to_owned());
        Ok(())
    }

    /// Receives one frame, blocking up to the socket's receive timeout.
    pub fn recv(sock: &impl AsSocket) -> Result<Frame> {
        Frame::recv_with(sock, Flags::empty())
    }

    /// Receives one frame if one is waiting; `Error::Again` otherwise.
    pub fn try_recv(sock: &impl AsSocket) -> Result<Frame> {
        Frame::recv_with(sock, Flags::DONTWAIT)
    }

    /// Receives one frame with [`Flags`] ([`Flags::DONTWAIT`] is
    /// [`Frame::try_recv`]).
    ///
    /// ```
    /// use czmq::{Error, Flags, Frame, Sock};
    /// let a = Sock::new_pair(Some("@inproc://frame-recv-with-doc"))?;
    /// assert_eq!(Frame::recv_with(&a, Flags::DONTWAIT).unwrap_err(), Error::Again);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn recv_with(sock: &impl AsSocket, flags: Flags) -> Result<Frame> {
        let socket = sock.as_socket();
        let msg = socket.recv_msg_with(flags)?;
        #[allow(unused_mut)]
        let mut frame = Frame::from(msg);
        frame.more = frame.msg.more();
        #[cfg(feature = "draft")]
        match socket.kind() {
            SocketType::Server => frame.routing_id = frame.msg.routing_id(),
            SocketType::Dish => frame.group = frame.msg.group().map(str::to_owned),
            _ => {}
        }
        Ok(frame)
    }

    /// Sends the frame, handing its content to libzmq without copying. The
    /// frame is consumed, also on error (use [`Frame::send_ref`] to keep it).
    ///
    /// ```
    /// use czmq::{Frame, Sock};
    /// let a = Sock::new_pair(Some("@inproc://frame-send-doc"))?;
    /// let b = Sock::new_pair(Some("inproc://frame-send-doc"))?;
    /// Frame::from("x").send(&a)?;
    /// assert_eq!(Frame::recv(&b)?, "x");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn send(self, sock: &impl AsSocket) -> Result<()> {
        self.send_with(sock, Flags::empty())
    }

    /// [`Frame::send`] with [`Flags`]: [`Flags::MORE`] (ZFRAME_MORE) and
    /// [`Flags::DONTWAIT`] (ZFRAME_DONTWAIT). CZMQ's third flag,
    /// ZFRAME_REUSE, is [`Frame::send_ref`], which keeps the frame.
    ///
    /// ```
    /// use czmq::{Flags, Frame, Sock};
    /// let a = Sock::new_pair(Some("@inproc://frame-send-with-doc"))?;
    /// let b = Sock::new_pair(Some("inproc://frame-send-with-doc"))?;
    /// Frame::from("head").send_with(&a, Flags::MORE)?;
    /// Frame::from("tail").send(&a)?;
    /// assert!(Frame::recv(&b)?.more());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn send_with(mut self, sock: &impl AsSocket, flags: Flags) -> Result<()> {
        self.send_mut(sock, flags)
    }

    /// Sends the frame and keeps it (CZMQ's ZFRAME_REUSE): the content is
    /// shared with the outgoing message, not copied, for all but tiny frames.
    ///
    /// ```
    /// use czmq::{Flags, Frame, Sock};
    /// let a = Sock::new_pair(Some("@inproc://reuse-doc"))?;
    /// let b = Sock::new_pair(Some("inproc://reuse-doc"))?;
    /// let frame = Frame::from("again");
    /// frame.send_ref(&a)?;
    /// frame.send_ref_with(&a, Flags::DONTWAIT)?;
    /// assert_eq!(Frame::recv(&b)?, Frame::recv(&b)?);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn send_ref(&self, sock: &impl AsSocket) -> Result<()> {
        self.send_ref_with(sock, Flags::empty())
    }

    /// [`Frame::send_ref`] with [`Flags`].
    ///
    /// ```
    /// use czmq::{Flags, Frame, Sock};
    /// let a = Sock::new_pair(Some("@inproc://reuse-with-doc"))?;
    /// let b = Sock::new_pair(Some("inproc://reuse-with-doc"))?;
    /// let frame = Frame::from("head");
    /// frame.send_ref_with(&a, Flags::MORE)?;
    /// frame.send_ref(&a)?;
    /// assert!(Frame::recv(&b)?.more());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn send_ref_with(&self, sock: &impl AsSocket, flags: Flags) -> Result<()> {
        self.clone().send_mut(sock, flags)
    }

    /// Sends the content; on error the frame keeps it (for retries on EINTR).
    pub(crate) fn send_mut(&mut self, sock: &impl AsSocket, flags: Flags) -> Result<()> {
        let socket = sock.as_socket();
        #[cfg(feature = "draft")]
        match socket.kind() {
            SocketType::Server => self.msg.set_routing_id(self.routing_id)?,
            SocketType::Radio => {
                if let Some(group) = &self.group {
                    self.msg.set_group(group)?;
                }
            }
            _ => {}
        }
        socket.send_msg_with(&mut self.msg, flags)
    }

    /// A metadata property of a received frame (CZMQ's zframe_meta), such as
    /// "Socket-Type", "Peer-Address" or a ZAP "User-Id"; None when unset or
    /// for a frame that was not received.
    ///
    /// ```
    /// use czmq::{Frame, Sock};
    /// // Over tcp: ZMTP carries the peer's metadata (inproc has none here).
    /// let a = Sock::new_pair(Some("@tcp://127.0.0.1:*"))?;
    /// let b = Sock::new_pair(Some(&a.as_socket().last_endpoint()?))?;
    /// Frame::from("x").send(&a)?;
    /// assert_eq!(Frame::recv(&b)?.meta("Socket-Type"), Some("PAIR"));
    /// assert_eq!(Frame::from("x").meta("Socket-Type"), None);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn meta(&self, property: &str) -> Option<&str> {
        self.msg.gets(property)
    }

    /// The lines CZMQ's zframe_print_n logs (zframe_print is `length` 0).
    /// Each starts with `prefix` and the size as `[NNN] ` (cut to 29 bytes
    /// together), then up to 70 bytes as text, or 35 as hex when any byte is
    /// outside 32..=127. `length` 0 shows one line, cut with "..." (and, as
    /// in CZMQ 4.2.1, the size shown is then the cut size); another
    /// `length` shows that many bytes (at most all) over as many lines as
    /// needed. An empty frame gives one empty line.
    ///
    /// ```
    /// let f = czmq::Frame::from("Hello");
    /// assert_eq!(f.print_lines(Some("> "), 0), ["> [005] Hello"]);
    /// assert_eq!(f.print_lines(None, 2), ["[005] He"]);
    /// assert_eq!(czmq::Frame::new(&[0, 255]).print_lines(None, 0), ["[002] 00FF"]);
    /// let long = czmq::Frame::new(&[0; 40]);
    /// assert_eq!(long.print_lines(None, 0), [format!("[035] {}...", "00".repeat(35))]);
    /// assert_eq!(long.print_lines(None, usize::MAX).len(), 2);
    /// assert_eq!(czmq::Frame::empty().print_lines(None, 0), [""]);
    /// ```
    pub fn print_lines(&self, prefix: Option<&str>, length: usize) -> Vec<String> {
        let data = self.data();
        let binary = data.iter().any(|&b| !(32..=127).contains(&b));
        let max = if binary { 35 } else { 70 };
        let mut size = data.len();
        let mut ellipsis = "";
        let mut length = length;
        if length == 0 {
            if size > max {
                size = max;
                ellipsis = "...";
            }
            length = size;
        }
        let length = length.min(size);
        let mut lines = Vec::new();
        let mut line = String::new();
        for (i, &b) in data[..length].iter().enumerate() {
            if i % max == 0 {
                if i > 0 {
                    lines.push(std::mem::take(&mut line));
                }
                line = format!("{}[{:03}] ", prefix.unwrap_or(""), size);
                // CZMQ formats this header into 30 bytes (29 and a NUL).
                let mut cut = line.len().min(29);
                while !line.is_char_boundary(cut) {
                    cut -= 1;
                }
                line.truncate(cut);
            }
            if binary {
                line.push_str(&format!("{b:02X}"));
            } else {
                line.push(char::from(b));
            }
        }
        line.push_str(ellipsis);
        lines.push(line);
        lines
    }

    /// The text CZMQ's zframe_fprint writes: `prefix`, the size as `[NNN] `,
    /// then the bytes as text, or as hex when any byte is below 9 or above
    /// 127; cut at 70 characters of text or 35 bytes of hex, with "...";
    /// and a newline.
    ///
    /// ```
    /// let f = czmq::Frame::from("a\tb");
    /// assert_eq!(f.dump(None), "[003] a\tb\n");
    /// assert_eq!(f.print_lines(None, 0), ["[003] 610962"]);
    /// assert_eq!(czmq::Frame::new(&[0; 40]).dump(Some("- ")), format!("- [040] {}...\n", "00".repeat(35)));
    /// ```
    pub fn dump(&self, prefix: Option<&str>) -> String {
        let data = self.data();
        let binary = data.iter().any(|&b| !(9..=127).contains(&b));
        let max = if binary { 35 } else { 70 };
        let shown = &data[..data.len().min(max)];
        let mut out = format!("{}[{:03}] ", prefix.unwrap_or(""), data.len());
        if binary {
            for b in shown {
                out.push_str(&format!("{b:02X}"));
            }
        } else {
            out.extend(shown.iter().map(|&b| char::from(b)));
        }
        if data.len() > max {
            out.push_str("...");
        }
        out.push('\n');
        out
    }

    /// The core message inside (metadata such as `gets("Peer-Address")`).
    pub fn message(&self) -> &Message {
        &self.msg
    }

    /// Unwraps the core message (no copy).
    pub fn into_message(mut self) -> Message {
        // The frame is dropped right after with an empty message in its place.
        std::mem::take(&mut self.msg)
    }
}

impl From<Message> for Frame {
    fn from(msg: Message) -> Frame {
        Frame {
            tag: Frame::TAG,
            more: false,
            #[cfg(feature = "draft")]
            routing_id: 0,
            #[cfg(feature = "draft")]
            group: None,
            msg,
        }
    }
}

impl From<Vec<u8>> for Frame {
    /// Takes the buffer without copying (short buffers are copied, which is cheaper).
    fn from(v: Vec<u8>) -> Frame {
        Frame::from(Message::from(v))
    }
}

impl From<String> for Frame {
    fn from(s: String) -> Frame {
        Frame::from(Message::from(s))
    }
}

impl From<&[u8]> for Frame {
    fn from(b: &[u8]) -> Frame {
        Frame::new(b)
    }
}

impl<const N: usize> From<&[u8; N]> for Frame {
    fn from(b: &[u8; N]) -> Frame {
        Frame::new(b)
    }
}

impl From<&str> for Frame {
    fn from(s: &str) -> Frame {
        Frame::new(s.as_bytes())
    }
}

impl From<Frame> for Message {
    fn from(f: Frame) -> Message {
        f.into_message()
    }
}

impl Clone for Frame {
    /// CZMQ's zframe_dup: same bytes, flags, routing id and group.
    fn clone(&self) -> Frame {
        Frame {
            tag: Frame::TAG,
            more: self.more,
            #[cfg(feature = "draft")]
            routing_id: self.routing_id,
            #[cfg(feature = "draft")]
            group: self.group.clone(),
            msg: self.msg.clone(),
        }
    }
}

impl Deref for Frame {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.msg
    }
}

impl AsRef<[u8]> for Frame {
    fn as_ref(&self) -> &[u8] {
        &self.msg
    }
}

impl PartialEq for Frame {
    /// CZMQ's zframe_eq: same bytes (flags are not compared).
    fn eq(&self, other: &Frame) -> bool {
        self.data() == other.data()
    }
}
impl Eq for Frame {}

impl PartialEq<[u8]> for Frame {
    fn eq(&self, other: &[u8]) -> bool {
        self.data() == other
    }
}

impl PartialEq<&str> for Frame {
    fn eq(&self, other: &&str) -> bool {
        self.streq(other)
    }
}

impl fmt::Debug for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Frame");
        match self.as_str() {
            Some(s) => d.field("text", &s),
            None => d.field("hex", &self.strhex()),
        };
        d.field("more", &self.more).finish()
    }
}
