//! Msg (CZMQ's zmsg): a multipart message as a queue of [`Frame`]s, with
//! CZMQ's encoding (zmsg_encode), nested messages and signals.
//!
//! Each frame lives in its own heap allocation (`Box<Frame>`), as a CZMQ
//! zframe_t does: adding or removing frames never moves the others, so a
//! reference lent to C (zmsg_first) stays valid while the message grows,
//! and popping a frame hands over the very object that was lent.

use std::collections::vec_deque::{self, VecDeque};
use std::fmt;
use std::io::{self, Read, Write};
use std::iter::FusedIterator;

use crate::error::{Error, Result};
use crate::flags::Flags;
use crate::frame::Frame;
use crate::socket::AsSocket;
#[cfg(feature = "draft")]
use crate::socket::SocketType;

/// The signal base value: a signal carries this plus its status byte.
const SIGNAL_BASE: u64 = 0x7766_5544_3322_1100;

/// The 8 bytes of a CZMQ signal: the base value plus `status`, in native
/// byte order (CZMQ copies the int64 as it lies in memory).
pub(crate) fn signal_bytes(status: u8) -> [u8; 8] {
    (SIGNAL_BASE + u64::from(status)).to_ne_bytes()
}

/// The status of a signal frame, if `data` is one.
fn signal_status(data: &[u8]) -> Option<u8> {
    let value = u64::from_ne_bytes(data.try_into().ok()?);
    (value & !0xff == SIGNAL_BASE).then_some((value & 0xff) as u8)
}

/// An I/O error as this crate's error: its errno variant, or the error kept whole.
fn io_error(e: io::Error) -> Error {
    Error::from(e)
}

/// Fills `buf` from `input`: false at a clean or partial end of input
/// (CZMQ's zmsg_load stops on a size it cannot read whole).
fn read_all(input: &mut impl Read, buf: &mut [u8]) -> Result<bool> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => return Ok(false),
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io_error(e)),
        }
    }
    Ok(true)
}

/// A multipart message: frames in order, sent and received as one unit.
///
/// ```
/// use czmq::{Msg, Sock};
/// let a = Sock::new_pair(Some("@inproc://msg-doc"))?;
/// let b = Sock::new_pair(Some("inproc://msg-doc"))?;
/// let mut msg = Msg::new();
/// msg.addstr("header");
/// msg.addmem(&[0, 1, 2]);
/// msg.pushstr("first");
/// msg.send(&a)?;
/// let mut got = Msg::recv(&b)?;
/// assert_eq!(got.len(), 3);
/// assert_eq!(got.popstr()?.as_deref(), Some("first"));
/// assert_eq!(got.popstr()?.as_deref(), Some("header"));
/// assert_eq!(got.pop().unwrap().data(), &[0, 1, 2]);
/// # Ok::<(), czmq::Error>(())
/// ```
#[repr(C)]
pub struct Msg {
    /// CZMQ's object tag, first for the C face.
    tag: u32,
    #[cfg(feature = "draft")]
    routing_id: u32,
    /// Boxed so that every frame keeps its address (see the module docs).
    frames: VecDeque<Box<Frame>>,
    /// Index of the frame CZMQ's zmsg_first/zmsg_next cursor last returned
    /// (None: before the first), kept in step as frames come and go.
    cursor: Option<usize>,
}

impl Msg {
    /// CZMQ's zmsg tag (0xcafe0003), the first field of every `Msg`.
    pub const TAG: u32 = 0xcafe_0003;

    /// An empty message.
    pub fn new() -> Msg {
        Msg {
            tag: Msg::TAG,
            #[cfg(feature = "draft")]
            routing_id: 0,
            frames: VecDeque::new(),
            cursor: None,
        }
    }

    /// A signal message (CZMQ's zmsg_new_signal): one 8-byte frame holding
    /// 0x7766554433221100 + `status` in native byte order.
    ///
    /// ```
    /// let m = czmq::Msg::new_signal(3);
    /// assert_eq!(m.signal(), Some(3));
    /// assert_eq!(czmq::Msg::new().signal(), None);
    /// ```
    pub fn new_signal(status: u8) -> Msg {
        let mut msg = Msg::new();
        msg.addmem(&signal_bytes(status));
        msg
    }

    /// The status of a signal message, or None if this is not one.
    pub fn signal(&self) -> Option<u8> {
        match (self.frames.len(), self.frames.front()) {
            (1, Some(frame)) => signal_status(frame.data()),
            _ => None,
        }
    }

    /// Receives every frame of one message. The first frame honours the
    /// socket's receive timeout; the rest are already queued.
    pub fn recv(sock: &impl AsSocket) -> Result<Msg> {
        Msg::recv_first(sock, Frame::recv(sock)?)
    }

    /// Receives one message if one is waiting; `Error::Again` otherwise.
    pub fn try_recv(sock: &impl AsSocket) -> Result<Msg> {
        Msg::recv_first(sock, Frame::try_recv(sock)?)
    }

    fn recv_first(sock: &impl AsSocket, first: Frame) -> Result<Msg> {
        let mut msg = Msg::new();
        #[cfg(feature = "draft")]
        if sock.as_socket().kind() == SocketType::Server {
            msg.routing_id = first.routing_id();
        }
        let mut more = first.more();
        msg.append(first);
        while more {
            match Frame::recv(sock) {
                Ok(frame) => {
                    more = frame.more();
                    msg.append(frame);
                }
                // The rest of a started message is in the queue: a signal
                // must not lose it (CZMQ retries too).
                Err(Error::Interrupted) => continue,
                Err(e) => return Err(e),
            }
        }
        Ok(msg)
    }

    /// Sends every frame, all but the last with "more"; the message is
    /// consumed. An empty message sends nothing.
    pub fn send(self, sock: &impl AsSocket) -> Result<()> {
        self.send_with(sock, false)
    }

    /// Sends every frame with "more", so that the next send continues the
    /// same multipart message (CZMQ's zmsg_sendm).
    pub fn sendm(self, sock: &impl AsSocket) -> Result<()> {
        self.send_with(sock, true)
    }

    fn send_with(mut self, sock: &impl AsSocket, more_after: bool) -> Result<()> {
        self.send_draining(sock, more_after)
    }

    /// Sends the frames front to back, all but the last with "more" (the
    /// last too when `more_after`), removing each once it is sent. On error
    /// the frames not yet sent stay in the message, as with CZMQ's zmsg_send
    /// (the C face's zmsg_send and zmsg_sendm are this).
    ///
    /// ```
    /// use czmq::{Msg, Sock};
    /// let a = Sock::new_pair(Some("@inproc://draining-doc"))?;
    /// let b = Sock::new_pair(Some("inproc://draining-doc"))?;
    /// let mut m = Msg::new();
    /// m.addstr("one");
    /// m.addstr("two");
    /// m.send_draining(&a, false)?;
    /// assert!(m.is_empty());
    /// assert_eq!(Msg::recv(&b)?.len(), 2);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn send_draining(&mut self, sock: &impl AsSocket, more_after: bool) -> Result<()> {
        #[cfg(feature = "draft")]
        let to_server = sock.as_socket().kind() == SocketType::Server;
        let mut sent_some = false;
        while let Some(mut frame) = self.pop_boxed() {
            #[cfg(feature = "draft")]
            if to_server {
                frame.set_routing_id(self.routing_id);
            }
            let flags = if more_after || !self.frames.is_empty() {
                Flags::MORE
            } else {
                Flags::empty()
            };
            loop {
                match frame.send_mut(sock, flags) {
                    Ok(()) => break,
                    // Half a message is out: finish it rather than leave the
                    // socket in a state where the next message joins this one.
                    Err(Error::Interrupted) if sent_some => continue,
                    Err(e) => {
                        // send_mut leaves the content in the frame on error.
                        self.push_boxed(frame);
                        return Err(e);
                    }
                }
            }
            sent_some = true;
        }
        Ok(())
    }

    /// Number of frames (CZMQ's zmsg_size).
    pub fn len(&self) -> usize {
        self.frames.len()
    }

    /// True when there are no frames.
    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }

    /// Total bytes over all frames.
    pub fn content_size(&self) -> usize {
        self.iter().map(Frame::size).sum()
    }

    /// Adds a frame at the front.
    pub fn push(&mut self, frame: Frame) {
        self.push_boxed(Box::new(frame));
    }

    /// Adds a boxed frame at the front, keeping its address (the C face
    /// hands CZMQ's zframe_t objects over this way).
    ///
    /// ```
    /// let frame = Box::new(czmq::Frame::from("x"));
    /// let at = &*frame as *const czmq::Frame;
    /// let mut m = czmq::Msg::new();
    /// m.push_boxed(frame);
    /// assert!(std::ptr::eq(m.first().unwrap(), at));
    /// ```
    pub fn push_boxed(&mut self, frame: Box<Frame>) {
        self.frames.push_front(frame);
        self.cursor = self.cursor.map(|c| c + 1);
    }

    /// Adds a frame at the back (CZMQ's zmsg_append / zmsg_add).
    pub fn append(&mut self, frame: Frame) {
        self.append_boxed(Box::new(frame));
    }

    /// Adds a boxed frame at the back, keeping its address.
    ///
    /// ```
    /// let mut m = czmq::Msg::new();
    /// m.append_boxed(Box::new(czmq::Frame::from("x")));
    /// assert!(m.last().unwrap().streq("x"));
    /// ```
    pub fn append_boxed(&mut self, frame: Box<Frame>) {
        self.frames.push_back(frame);
    }

    /// Removes and returns the first frame.
    pub fn pop(&mut self) -> Option<Frame> {
        self.pop_boxed().map(|f| *f)
    }

    /// Removes and returns the first frame in its own allocation: the very
    /// object [`Msg::first`] lent (CZMQ's zmsg_pop after zmsg_first).
    ///
    /// ```
    /// let mut m = czmq::Msg::new();
    /// m.addstr("a");
    /// let lent = m.first().unwrap() as *const czmq::Frame;
    /// m.addstr("b"); // the first frame does not move
    /// let popped = m.pop_boxed().unwrap();
    /// assert!(std::ptr::eq(&*popped, lent));
    /// ```
    pub fn pop_boxed(&mut self) -> Option<Box<Frame>> {
        self.remove_boxed(0)
    }

    /// Removes and returns the frame at `index`.
    pub fn remove(&mut self, index: usize) -> Option<Frame> {
        self.remove_boxed(index).map(|f| *f)
    }

    /// Removes and returns the frame at `index`, boxed, keeping its address.
    /// The cursor ([`Msg::cursor_next`]) carries on from where it was.
    ///
    /// ```
    /// let mut m = czmq::Msg::new();
    /// m.addstr("a");
    /// m.addstr("b");
    /// m.cursor_first();
    /// assert!(m.remove_boxed(0).unwrap().streq("a"));
    /// assert!(m.cursor_next().unwrap().streq("b"));
    /// ```
    pub fn remove_boxed(&mut self, index: usize) -> Option<Box<Frame>> {
        let frame = self.frames.remove(index)?;
        if let Some(c) = self.cursor
            && index <= c
        {
            self.cursor = c.checked_sub(1);
        }
        Some(frame)
    }

    /// The position of the frame at address `frame`, if it is one of this
    /// message's (CZMQ identifies a frame by its object, as zmsg_remove does).
    ///
    /// ```
    /// let mut m = czmq::Msg::new();
    /// m.addstr("a");
    /// m.addstr("b");
    /// let second = m.last().unwrap() as *const czmq::Frame;
    /// assert_eq!(m.position_of(second), Some(1));
    /// assert_eq!(m.position_of(&czmq::Frame::from("b")), None);
    /// ```
    pub fn position_of(&self, frame: *const Frame) -> Option<usize> {
        self.frames.iter().position(|f| std::ptr::eq(&**f, frame))
    }

    /// The first frame.
    pub fn first(&self) -> Option<&Frame> {
        self.frames.front().map(|f| &**f)
    }

    /// The last frame.
    pub fn last(&self) -> Option<&Frame> {
        self.frames.back().map(|f| &**f)
    }

    /// The last frame, writable.
    ///
    /// ```
    /// let mut m = czmq::Msg::new();
    /// m.addstr("a");
    /// m.last_mut().unwrap().set_more(true);
    /// assert!(m.last().unwrap().more());
    /// ```
    pub fn last_mut(&mut self) -> Option<&mut Frame> {
        self.frames.back_mut().map(|f| &mut **f)
    }

    /// The frame at `index`.
    pub fn get(&self, index: usize) -> Option<&Frame> {
        self.frames.get(index).map(|f| &**f)
    }

    /// The frames, front to back.
    pub fn iter(&self) -> Frames<'_> {
        Frames(self.frames.iter())
    }

    /// The frames, front to back, writable.
    pub fn iter_mut(&mut self) -> FramesMut<'_> {
        FramesMut(self.frames.iter_mut())
    }

    /// Starts CZMQ's cursor walk: the first frame, remembering the position
    /// for [`Msg::cursor_next`]. This is zmsg_first/zmsg_next for callers
    /// that cannot hold an iterator (the C face); Rust code should use
    /// [`Msg::iter`].
    ///
    /// ```
    /// let mut m = czmq::Msg::new();
    /// m.addstr("a");
    /// m.addstr("b");
    /// assert!(m.cursor_first().unwrap().streq("a"));
    /// assert!(m.cursor_next().unwrap().streq("b"));
    /// assert!(m.cursor_next().is_none());
    /// ```
    pub fn cursor_first(&mut self) -> Option<&mut Frame> {
        self.cursor = None;
        self.cursor_next()
    }

    /// The frame after the one the cursor last returned (the first if the
    /// walk has not started; None at the end).
    pub fn cursor_next(&mut self) -> Option<&mut Frame> {
        let next = self.cursor.map_or(0, |c| c + 1).min(self.frames.len());
        self.cursor = Some(next);
        self.frames.get_mut(next).map(|f| &mut **f)
    }

    /// Adds a copy of `data` as a frame at the front.
    pub fn pushmem(&mut self, data: &[u8]) {
        self.push(Frame::new(data));
    }

    /// Adds a copy of `data` as a frame at the back.
    pub fn addmem(&mut self, data: &[u8]) {
        self.append(Frame::new(data));
    }

    /// Adds a string frame at the front.
    pub fn pushstr(&mut self, s: &str) {
        self.pushmem(s.as_bytes());
    }

    /// Adds a string frame at the back.
    pub fn addstr(&mut self, s: &str) {
        self.addmem(s.as_bytes());
    }

    /// Removes the first frame as text: `Ok(None)` when the message is empty,
    /// [`Error::InvalidUtf8`] when the frame is not text (it is consumed).
    pub fn popstr(&mut self) -> Result<Option<String>> {
        match self.pop() {
            None => Ok(None),
            Some(frame) => String::from_utf8(frame.data().to_vec())
                .map(Some)
                .map_err(Error::from),
        }
    }

    /// Adds `msg`, encoded, as one frame at the back (CZMQ's zmsg_addmsg).
    ///
    /// ```
    /// let mut inner = czmq::Msg::new();
    /// inner.addstr("nested");
    /// let mut outer = czmq::Msg::new();
    /// outer.addmsg(&inner)?;
    /// assert_eq!(outer.len(), 1);
    /// assert_eq!(outer.popmsg()?, Some(inner));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn addmsg(&mut self, msg: &Msg) -> Result<()> {
        let encoded = msg.encode()?;
        self.append(encoded);
        Ok(())
    }

    /// Removes the first frame and decodes it as a message: `Ok(None)` when
    /// empty, [`Error::Malformed`] when the frame is not an encoded message.
    pub fn popmsg(&mut self) -> Result<Option<Msg>> {
        self.pop().map(|frame| Msg::decode(&frame)).transpose()
    }

    /// Encodes the frames into one, in CZMQ's zmsg_encode format: each frame
    /// is its length (one byte if below 255, else 0xFF and four bytes,
    /// big-endian) followed by its bytes. A frame of 4 GiB or more cannot be
    /// encoded ([`Error::InvalidArgument`]).
    ///
    /// ```
    /// let mut m = czmq::Msg::new();
    /// m.addstr("ab");
    /// m.addmem(&[]);
    /// assert_eq!(m.encode()?.data(), b"\x02ab\x00");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn encode(&self) -> Result<Frame> {
        let total: usize = self
            .frames
            .iter()
            .map(|f| f.size() + if f.size() < 255 { 1 } else { 5 })
            .sum();
        let mut out = Vec::with_capacity(total);
        for frame in &self.frames {
            let size = frame.size();
            if size < 255 {
                out.push(size as u8);
            } else {
                let size = u32::try_from(size).map_err(|_| {
                    Error::InvalidArgument(format!("frame of {size} bytes is too large to encode"))
                })?;
                out.push(0xff);
                out.extend_from_slice(&size.to_be_bytes());
            }
            out.extend_from_slice(frame.data());
        }
        Ok(Frame::from(out))
    }

    /// Decodes bytes produced by [`Msg::encode`] (or CZMQ's zmsg_encode).
    /// A length running past the end is [`Error::Malformed`].
    ///
    /// ```
    /// let m = czmq::Msg::decode(b"\x01a\x00")?;
    /// assert_eq!(m.len(), 2);
    /// assert!(czmq::Msg::decode(b"\x05ab").is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn decode(data: &[u8]) -> Result<Msg> {
        let mut msg = Msg::new();
        let mut rest = data;
        while let Some((&len, tail)) = rest.split_first() {
            let (size, tail) = if len == 0xff {
                if tail.len() < 4 {
                    return Err(Error::Malformed(
                        "encoded message: truncated 4-byte length".into(),
                    ));
                }
                let (size, tail) = tail.split_at(4);
                let size = u32::from_be_bytes([size[0], size[1], size[2], size[3]]);
                (size as usize, tail)
            } else {
                (usize::from(len), tail)
            };
            if size > tail.len() {
                return Err(Error::Malformed(format!(
                    "encoded message: frame of {size} bytes with {} left",
                    tail.len()
                )));
            }
            let (body, tail) = tail.split_at(size);
            msg.addmem(body);
            rest = tail;
        }
        Ok(msg)
    }

    /// Writes the message in CZMQ's zmsg_save format: for each frame, its
    /// size as a native-endian `size_t`, then its bytes. As in CZMQ, an empty
    /// frame cannot be saved: its size is written, then
    /// [`Error::InvalidArgument`] (CZMQ's zmsg_load could not read it back).
    ///
    /// ```
    /// let mut m = czmq::Msg::new();
    /// m.addstr("hi");
    /// let mut file = Vec::new();
    /// m.save(&mut file)?;
    /// assert_eq!(file.len(), std::mem::size_of::<usize>() + 2);
    /// assert_eq!(czmq::Msg::load(&mut file.as_slice())?, Some(m));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn save(&self, out: &mut impl Write) -> Result<()> {
        for frame in self {
            out.write_all(&frame.size().to_ne_bytes())
                .map_err(io_error)?;
            if frame.size() == 0 {
                return Err(Error::InvalidArgument(
                    "zmsg_save: an empty frame cannot be saved".into(),
                ));
            }
            out.write_all(frame.data()).map_err(io_error)?;
        }
        Ok(())
    }

    /// Reads a message written by [`Msg::save`] (or CZMQ's zmsg_save) up to
    /// the end of `input` (or an incomplete size, where CZMQ stops too).
    /// `Ok(None)`, as CZMQ's NULL, when a frame is empty or its bytes are cut
    /// short.
    ///
    /// ```
    /// assert_eq!(czmq::Msg::load(&mut &b""[..])?, Some(czmq::Msg::new()));
    /// let mut cut = 5usize.to_ne_bytes().to_vec();
    /// cut.extend_from_slice(b"abc");
    /// assert_eq!(czmq::Msg::load(&mut cut.as_slice())?, None);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn load(input: &mut impl Read) -> Result<Option<Msg>> {
        let mut msg = Msg::new();
        loop {
            let mut size = [0u8; std::mem::size_of::<usize>()];
            if !read_all(input, &mut size)? {
                return Ok(Some(msg));
            }
            let size = usize::from_ne_bytes(size);
            if size == 0 {
                return Ok(None);
            }
            let mut body = Vec::new();
            let got = input
                .take(size as u64)
                .read_to_end(&mut body)
                .map_err(io_error)?;
            if got < size {
                return Ok(None);
            }
            msg.append(Frame::from(body));
        }
    }

    /// The text CZMQ's zmsg_fprint writes: a line of dashes, then the first
    /// ten frames as [`Frame::dump`] prints them.
    ///
    /// ```
    /// let mut m = czmq::Msg::new();
    /// m.addstr("a");
    /// assert_eq!(m.dump(), format!("{}\n[001] a\n", "-".repeat(38)));
    /// ```
    pub fn dump(&self) -> String {
        let mut out = "-".repeat(38);
        out.push('\n');
        for frame in self.iter().take(10) {
            out.push_str(&frame.dump(None));
        }
        out
    }

    /// Logs every frame at debug level as [`Frame::print_lines`] shows it
    /// with `length` (CZMQ's zmsg_print_n; zmsg_print is `length` 0).
    ///
    /// ```
    /// let mut m = czmq::Msg::new();
    /// m.addstr("logged");
    /// m.print(0);
    /// ```
    pub fn print(&self, length: usize) {
        for frame in self {
            for line in frame.print_lines(None, length) {
                crate::zsys::debug(line);
            }
        }
    }

    /// The routing id a message from a SERVER socket came from, and that a
    /// send to a SERVER socket goes to.
    #[cfg(feature = "draft")]
    pub fn routing_id(&self) -> u32 {
        self.routing_id
    }

    /// Sets the routing id for sending to a SERVER socket.
    #[cfg(feature = "draft")]
    pub fn set_routing_id(&mut self, id: u32) {
        self.routing_id = id;
    }
}

impl Default for Msg {
    fn default() -> Msg {
        Msg::new()
    }
}

impl Clone for Msg {
    /// CZMQ's zmsg_dup: every frame duplicated (content shared where libzmq can).
    fn clone(&self) -> Msg {
        Msg {
            tag: Msg::TAG,
            #[cfg(feature = "draft")]
            routing_id: self.routing_id,
            frames: self.frames.clone(),
            cursor: None,
        }
    }
}

impl PartialEq for Msg {
    /// CZMQ's zmsg_eq: same number of frames with the same bytes.
    fn eq(&self, other: &Msg) -> bool {
        self.frames == other.frames
    }
}
impl Eq for Msg {}

impl fmt::Debug for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.frames).finish()
    }
}

impl FromIterator<Frame> for Msg {
    fn from_iter<I: IntoIterator<Item = Frame>>(iter: I) -> Msg {
        let mut msg = Msg::new();
        msg.extend(iter);
        msg
    }
}

impl Extend<Frame> for Msg {
    fn extend<I: IntoIterator<Item = Frame>>(&mut self, iter: I) {
        self.frames.extend(iter.into_iter().map(Box::new));
    }
}

impl From<Vec<Frame>> for Msg {
    fn from(frames: Vec<Frame>) -> Msg {
        frames.into_iter().collect()
    }
}

/// The frames of a [`Msg`], front to back ([`Msg::iter`]).
#[derive(Clone)]
pub struct Frames<'a>(vec_deque::Iter<'a, Box<Frame>>);

impl<'a> Iterator for Frames<'a> {
    type Item = &'a Frame;
    fn next(&mut self) -> Option<&'a Frame> {
        self.0.next().map(|f| &**f)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for Frames<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|f| &**f)
    }
}

impl ExactSizeIterator for Frames<'_> {}
impl FusedIterator for Frames<'_> {}

/// The frames of a [`Msg`], writable ([`Msg::iter_mut`]).
pub struct FramesMut<'a>(vec_deque::IterMut<'a, Box<Frame>>);

impl<'a> Iterator for FramesMut<'a> {
    type Item = &'a mut Frame;
    fn next(&mut self) -> Option<&'a mut Frame> {
        self.0.next().map(|f| &mut **f)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for FramesMut<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|f| &mut **f)
    }
}

impl ExactSizeIterator for FramesMut<'_> {}
impl FusedIterator for FramesMut<'_> {}

/// The frames of a [`Msg`], taken out front to back (`Msg::into_iter`).
pub struct IntoFrames(vec_deque::IntoIter<Box<Frame>>);

impl Iterator for IntoFrames {
    type Item = Frame;
    fn next(&mut self) -> Option<Frame> {
        self.0.next().map(|f| *f)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for IntoFrames {
    fn next_back(&mut self) -> Option<Frame> {
        self.0.next_back().map(|f| *f)
    }
}

impl ExactSizeIterator for IntoFrames {}
impl FusedIterator for IntoFrames {}

impl IntoIterator for Msg {
    type Item = Frame;
    type IntoIter = IntoFrames;
    fn into_iter(mut self) -> IntoFrames {
        IntoFrames(std::mem::take(&mut self.frames).into_iter())
    }
}

impl<'a> IntoIterator for &'a Msg {
    type Item = &'a Frame;
    type IntoIter = Frames<'a>;
    fn into_iter(self) -> Frames<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut Msg {
    type Item = &'a mut Frame;
    type IntoIter = FramesMut<'a>;
    fn into_iter(self) -> FramesMut<'a> {
        self.iter_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signal_bytes_are_czmq_native_int64() {
        let bytes = signal_bytes(0x2a);
        assert_eq!(
            i64::from_ne_bytes(bytes),
            0x7766554433221100_i64 + 0x2a,
            "CZMQ memcpy's an int64"
        );
        assert_eq!(signal_status(&bytes), Some(0x2a));
        assert_eq!(signal_status(&bytes[..7]), None);
        let mut other = bytes;
        other[7] ^= 1;
        assert_eq!(signal_status(&other), None);
    }
}
