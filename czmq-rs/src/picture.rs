//! Pictures: CZMQ's two ways of packing typed values into a message.
//!
//! A *picture* is a string with one character per value. The **text**
//! form (CZMQ's `zsock_send` / `zsock_recv`) puts each value in a frame of
//! its own, numbers as decimal text. The **binary** form (`zsock_bsend` /
//! `zsock_brecv`, the zproto wire format) packs numbers (big-endian) and
//! strings into one frame, followed by any frames and messages.
//!
//! | char | [`Arg`] / [`Value`] | text form | binary form |
//! | --- | --- | --- | --- |
//! | `i` | `Int` | `"%d"` frame | - |
//! | `1` `2` `4` `8` | `U8` `U16` `U32` `U64` | decimal frame | 1/2/4/8 bytes, big-endian |
//! | `u` | `Uint` (text) / `Uuid` (binary) | `"%ud"` frame (deprecated) | 16 bytes |
//! | `s` | `Str` | frame | length byte + bytes (at most 255) |
//! | `S` | `LongStr` | - | 4-byte length + bytes (at most 1 MiB read) |
//! | `b` | `Bytes` | frame | - |
//! | `c` | `Chunk` | frame | 4-byte length + bytes (at most 1 MiB read) |
//! | `f` | `Frame` | frame | a frame after the data frame |
//! | `U` | `Uuid` | 16-byte frame | - |
//! | `h` | `Hash` | a packed zhashx frame | - |
//! | `p` | `Pointer` | the pointer's bytes | the pointer's bytes |
//! | `m` | `Msg` | all its frames (recv: the rest) | the frames after (last only) |
//! | `z` | `Empty` | empty frame | - |
//!
//! In the text form a missing frame decodes to zero / `None`, as CZMQ's
//! zsock_recv leaves numbers 0 and pointers NULL.
//!
//! ```
//! use czmq::picture::{self, Arg, Value};
//! let msg = picture::encode(&[Arg::Int(-5), Arg::Str(b"hello"), Arg::U64(u64::MAX)])?;
//! assert_eq!(msg.len(), 3);
//! let values = picture::decode("is8", msg)?;
//! assert_eq!(values[0], Value::Int(-5));
//! assert_eq!(values[1], Value::Str(Some(b"hello".to_vec())));
//! assert_eq!(values[2], Value::U64(u64::MAX));
//! # Ok::<(), czmq::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::frame::Frame;
use crate::msg::Msg;
use crate::socket::AsSocket;

/// The largest long string or chunk a binary picture may carry into
/// memory (CZMQ's limit, against malformed lengths).
pub const MAX_ALLOC_SIZE: usize = 1024 * 1024;

/// One value to send, the character it stands for in parentheses.
///
/// ```
/// use czmq::picture::Arg;
/// assert_eq!(Arg::U16(7).picture_char(false), '2');
/// assert_eq!(Arg::Uuid([0; 16]).picture_char(true), 'u');
/// ```
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// `i`: a signed int (text form only).
    Int(i32),
    /// `1`.
    U8(u8),
    /// `2`.
    U16(u16),
    /// `4`.
    U32(u32),
    /// `8`.
    U64(u64),
    /// `u` in the text form (deprecated by CZMQ: an unsigned int).
    Uint(u32),
    /// `s`: a string.
    Str(&'a [u8]),
    /// `S`: a long string (binary form only).
    LongStr(&'a [u8]),
    /// `b`: a block of bytes (text form only).
    Bytes(&'a [u8]),
    /// `c`: a chunk's bytes.
    Chunk(&'a [u8]),
    /// `f`: a frame.
    Frame(&'a Frame),
    /// `U` (text) or `u` (binary): a UUID's 16 bytes.
    Uuid([u8; 16]),
    /// `h`: a packed zhashx (text form only).
    Hash(&'a [u8]),
    /// `p`: a pointer, sent as its bytes (meaningful in this process only).
    Pointer(usize),
    /// `m`: every frame of a message.
    Msg(&'a Msg),
    /// `z`: an empty frame (text form only).
    Empty,
}

impl Arg<'_> {
    /// The picture character of this value in the text (`binary == false`)
    /// or binary form.
    pub fn picture_char(&self, binary: bool) -> char {
        match self {
            Arg::Int(_) => 'i',
            Arg::U8(_) => '1',
            Arg::U16(_) => '2',
            Arg::U32(_) => '4',
            Arg::U64(_) => '8',
            Arg::Uint(_) => 'u',
            Arg::Str(_) => 's',
            Arg::LongStr(_) => 'S',
            Arg::Bytes(_) => 'b',
            Arg::Chunk(_) => 'c',
            Arg::Frame(_) => 'f',
            Arg::Uuid(_) if binary => 'u',
            Arg::Uuid(_) => 'U',
            Arg::Hash(_) => 'h',
            Arg::Pointer(_) => 'p',
            Arg::Msg(_) => 'm',
            Arg::Empty => 'z',
        }
    }
}

/// One received value; `None` where the message had no frame for it.
///
/// ```
/// use czmq::picture::{self, Value};
/// let values = picture::decode("is", czmq::Msg::new())?;
/// assert_eq!(values, [Value::Int(0), Value::Str(None)]);
/// # Ok::<(), czmq::Error>(())
/// ```
#[derive(Debug, PartialEq)]
pub enum Value {
    /// `i`.
    Int(i32),
    /// `1`.
    U8(u8),
    /// `2`.
    U16(u16),
    /// `4`.
    U32(u32),
    /// `8`.
    U64(u64),
    /// `u` (text form).
    Uint(u32),
    /// `s` or `S`.
    Str(Option<Vec<u8>>),
    /// `b`.
    Bytes(Option<Vec<u8>>),
    /// `c`.
    Chunk(Option<Vec<u8>>),
    /// `f`.
    Frame(Option<Frame>),
    /// `U` (text) or `u` (binary): 16 bytes (a shorter or longer frame is
    /// kept as it came, for the caller to judge).
    Uuid(Option<Vec<u8>>),
    /// `h`: the packed zhashx frame.
    Hash(Option<Frame>),
    /// `p`.
    Pointer(Option<usize>),
    /// `m`: the remaining frames.
    Msg(Msg),
    /// `z`.
    Empty,
}

fn bad_char(c: char) -> Error {
    Error::InvalidArgument(format!("invalid picture element {c:?}"))
}

fn malformed(what: &str) -> Error {
    Error::InvalidArgument(format!("malformed picture message: {what}"))
}

/// Encodes values in the text form: one frame per value (every frame of
/// an `m`).
pub fn encode(args: &[Arg<'_>]) -> Result<Msg> {
    let mut msg = Msg::new();
    for arg in args {
        match *arg {
            Arg::Int(n) => msg.addmem(n.to_string().as_bytes()),
            Arg::U8(n) => msg.addmem(n.to_string().as_bytes()),
            Arg::U16(n) => msg.addmem(n.to_string().as_bytes()),
            Arg::U32(n) => msg.addmem(n.to_string().as_bytes()),
            Arg::U64(n) => msg.addmem(n.to_string().as_bytes()),
            // CZMQ's "%ud" (a stray 'd' that parsers stop before).
            Arg::Uint(n) => msg.addmem(format!("{n}d").as_bytes()),
            Arg::Str(b) | Arg::Bytes(b) | Arg::Chunk(b) | Arg::Hash(b) => msg.addmem(b),
            Arg::Frame(f) => msg.addmem(f.data()),
            Arg::Uuid(u) => msg.addmem(&u),
            Arg::Pointer(p) => msg.addmem(&p.to_ne_bytes()),
            Arg::Msg(m) => {
                for frame in m.iter() {
                    msg.addmem(frame.data());
                }
            }
            Arg::Empty => msg.addmem(&[]),
            Arg::LongStr(_) => return Err(bad_char('S')),
        }
    }
    Ok(msg)
}

/// C's strtoll/atoi reading: leading blanks, an optional sign, digits;
/// saturates like strtoll.
fn parse_signed(bytes: &[u8]) -> i64 {
    let text = std::str::from_utf8(bytes).unwrap_or("").trim_start();
    let (neg, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let end = digits.bytes().take_while(u8::is_ascii_digit).count();
    let magnitude: i128 = digits[..end]
        .parse()
        .unwrap_or(if end == 0 { 0 } else { i128::MAX });
    let value = if neg { -magnitude } else { magnitude };
    value.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// C's strtoull reading: a leading '-' negates modulo 2^64; saturates.
fn parse_unsigned(bytes: &[u8]) -> u64 {
    let text = std::str::from_utf8(bytes).unwrap_or("").trim_start();
    let (neg, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let end = digits.bytes().take_while(u8::is_ascii_digit).count();
    let value: u64 = digits[..end]
        .parse()
        .unwrap_or(if end == 0 { 0 } else { u64::MAX });
    if neg { value.wrapping_neg() } else { value }
}

/// Decodes a text-form message along `picture`. Numbers read as C's
/// atoi/strtoul do (so truncate as CZMQ's casts do); a missing frame gives
/// zero or `None`. A pointer frame of the wrong size or a non-empty `z`
/// frame is an error, as is a character the text form does not have.
pub fn decode(picture: &str, mut msg: Msg) -> Result<Vec<Value>> {
    let mut values = Vec::with_capacity(picture.len());
    for c in picture.chars() {
        let value = match c {
            'm' => Value::Msg(std::mem::take(&mut msg)),
            _ => {
                let frame = msg.pop();
                let bytes = frame.as_ref().map(|f| f.data());
                let number = || bytes.map_or(0, parse_unsigned);
                match c {
                    'i' => Value::Int(bytes.map_or(0, parse_signed) as i32),
                    '1' => Value::U8(bytes.map_or(0, parse_signed) as u8),
                    '2' => Value::U16(bytes.map_or(0, parse_signed) as u16),
                    '4' => Value::U32(number() as u32),
                    '8' => Value::U64(number()),
                    'u' => Value::Uint(number() as u32),
                    's' => Value::Str(bytes.map(<[u8]>::to_vec)),
                    'b' => Value::Bytes(bytes.map(<[u8]>::to_vec)),
                    'c' => Value::Chunk(bytes.map(<[u8]>::to_vec)),
                    'U' => Value::Uuid(bytes.map(<[u8]>::to_vec)),
                    'p' => match bytes {
                        None => Value::Pointer(None),
                        Some(b) => match <[u8; std::mem::size_of::<usize>()]>::try_from(b) {
                            Ok(raw) => Value::Pointer(Some(usize::from_ne_bytes(raw))),
                            Err(_) => return Err(malformed("a pointer frame of the wrong size")),
                        },
                    },
                    'z' => match bytes {
                        Some(b) if !b.is_empty() => {
                            return Err(malformed("a 'z' frame that is not empty"));
                        }
                        _ => Value::Empty,
                    },
                    'f' => Value::Frame(frame),
                    'h' => Value::Hash(frame),
                    other => return Err(bad_char(other)),
                }
            }
        };
        values.push(value);
    }
    Ok(values)
}

/// Encodes values in the binary form: a data frame holding the numbers,
/// strings, chunks, UUIDs and pointers in order, then each `f` frame and
/// the frames of an `m` (which must come last; an empty frame stands for
/// a message with no frames).
///
/// ```
/// use czmq::picture::{self, Arg};
/// let msg = picture::bencode(&[Arg::U8(1), Arg::U16(0x0203), Arg::Str(b"ab")])?;
/// assert_eq!(msg.first().unwrap().data(), &[1, 2, 3, 2, b'a', b'b']);
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn bencode(args: &[Arg<'_>]) -> Result<Msg> {
    let mut data = Vec::new();
    let mut frames: Vec<&[u8]> = Vec::new();
    for (index, arg) in args.iter().enumerate() {
        match *arg {
            Arg::U8(n) => data.push(n),
            Arg::U16(n) => data.extend_from_slice(&n.to_be_bytes()),
            Arg::U32(n) => data.extend_from_slice(&n.to_be_bytes()),
            Arg::U64(n) => data.extend_from_slice(&n.to_be_bytes()),
            Arg::Pointer(p) => data.extend_from_slice(&p.to_ne_bytes()),
            Arg::Str(s) => {
                let len = u8::try_from(s.len())
                    .map_err(|_| Error::InvalidArgument("an 's' string over 255 bytes".into()))?;
                data.push(len);
                data.extend_from_slice(s);
            }
            Arg::LongStr(s) | Arg::Chunk(s) => {
                let len = u32::try_from(s.len())
                    .map_err(|_| Error::InvalidArgument("a string or chunk over 4 GiB".into()))?;
                data.extend_from_slice(&len.to_be_bytes());
                data.extend_from_slice(s);
            }
            Arg::Uuid(u) => data.extend_from_slice(&u),
            Arg::Frame(f) => frames.push(f.data()),
            Arg::Msg(m) => {
                if index + 1 != args.len() {
                    return Err(Error::InvalidArgument(
                        "'m' is only valid at the end of a binary picture".into(),
                    ));
                }
                if m.is_empty() {
                    frames.push(&[]);
                }
                frames.extend(m.iter().map(|f| f.data()));
            }
            other => return Err(bad_char(other.picture_char(true))),
        }
    }
    let mut msg = Msg::new();
    msg.addmem(&data);
    for frame in frames {
        msg.addmem(frame);
    }
    Ok(msg)
}

/// Reads the binary data frame.
struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.data.len() {
            return Err(malformed("the data frame is too short"));
        }
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    /// A 4-byte length, then that many bytes (at most MAX_ALLOC_SIZE).
    fn long(&mut self) -> Result<Vec<u8>> {
        let len = u32::from_be_bytes(self.array()?) as usize;
        if len > MAX_ALLOC_SIZE {
            return Err(malformed("a long string or chunk over 1 MiB"));
        }
        Ok(self.take(len)?.to_vec())
    }
}

/// Decodes a binary-form message along `picture`; any shortfall (a data
/// frame too short, a missing `f` frame, no frames for `m`) is an error.
///
/// ```
/// use czmq::picture::{self, Arg, Value};
/// let msg = picture::bencode(&[Arg::U32(7), Arg::LongStr(b"long")])?;
/// let values = picture::bdecode("4S", msg)?;
/// assert_eq!(values, [Value::U32(7), Value::Str(Some(b"long".to_vec()))]);
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn bdecode(picture: &str, mut msg: Msg) -> Result<Vec<Value>> {
    let data_frame = msg.pop().ok_or_else(|| malformed("no data frame"))?;
    let mut reader = Reader {
        data: data_frame.data(),
    };
    let mut values = Vec::with_capacity(picture.len());
    let mut chars = picture.chars().peekable();
    while let Some(c) = chars.next() {
        let value = match c {
            '1' => Value::U8(reader.array::<1>()?[0]),
            '2' => Value::U16(u16::from_be_bytes(reader.array()?)),
            '4' => Value::U32(u32::from_be_bytes(reader.array()?)),
            '8' => Value::U64(u64::from_be_bytes(reader.array()?)),
            'p' => Value::Pointer(Some(usize::from_ne_bytes(reader.array()?))),
            's' => {
                let len = reader.array::<1>()?[0];
                Value::Str(Some(reader.take(usize::from(len))?.to_vec()))
            }
            'S' => Value::Str(Some(reader.long()?)),
            'c' => Value::Chunk(Some(reader.long()?)),
            'u' => Value::Uuid(Some(reader.take(16)?.to_vec())),
            'f' => Value::Frame(Some(
                msg.pop().ok_or_else(|| malformed("no frame for 'f'"))?,
            )),
            'm' => {
                if chars.peek().is_some() {
                    return Err(Error::InvalidArgument(
                        "'m' is only valid at the end of a binary picture".into(),
                    ));
                }
                if msg.is_empty() {
                    return Err(malformed("no frames for 'm'"));
                }
                Value::Msg(std::mem::take(&mut msg))
            }
            other => return Err(bad_char(other)),
        };
        values.push(value);
    }
    Ok(values)
}

/// Sends values in the text form (CZMQ's zsock_send).
///
/// ```
/// use czmq::{picture::{self, Arg, Value}, Sock};
/// let a = Sock::new_pair(Some("@inproc://picture-send-doc"))?;
/// let b = Sock::new_pair(Some("inproc://picture-send-doc"))?;
/// picture::send(&a, &[Arg::Str(b"ping"), Arg::Int(3)])?;
/// assert_eq!(picture::recv(&b, "si")?, [Value::Str(Some(b"ping".to_vec())), Value::Int(3)]);
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn send(sock: &impl AsSocket, args: &[Arg<'_>]) -> Result<()> {
    encode(args)?.send(sock)
}

/// Receives one message and decodes it in the text form (CZMQ's
/// zsock_recv). A signal (as an ending actor sends) is not a picture:
/// [`Error::InvalidArgument`].
pub fn recv(sock: &impl AsSocket, picture: &str) -> Result<Vec<Value>> {
    check_text_picture(picture)?;
    let msg = Msg::recv(sock)?;
    if msg.signal().is_some() {
        return Err(Error::InvalidArgument(
            "received a signal, not a picture".into(),
        ));
    }
    decode(picture, msg)
}

/// Sends values in the binary form (CZMQ's zsock_bsend).
///
/// ```
/// use czmq::{picture::{self, Arg, Value}, Sock};
/// let a = Sock::new_pair(Some("@inproc://picture-bsend-doc"))?;
/// let b = Sock::new_pair(Some("inproc://picture-bsend-doc"))?;
/// picture::bsend(&a, &[Arg::U8(1), Arg::Str(b"key")])?;
/// assert_eq!(picture::brecv(&b, "1s")?, [Value::U8(1), Value::Str(Some(b"key".to_vec()))]);
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn bsend(sock: &impl AsSocket, args: &[Arg<'_>]) -> Result<()> {
    bencode(args)?.send(sock)
}

/// Receives one message and decodes it in the binary form (CZMQ's
/// zsock_brecv).
pub fn brecv(sock: &impl AsSocket, picture: &str) -> Result<Vec<Value>> {
    check_binary_picture(picture)?;
    bdecode(picture, Msg::recv(sock)?)
}

/// Whether every character of `picture` is one of the text form's
/// (checked before receiving, so a bad picture consumes no message).
///
/// ```
/// assert!(czmq::picture::check_text_picture("i1248usbcfUhpmz").is_ok());
/// assert!(czmq::picture::check_text_picture("iX").is_err());
/// ```
pub fn check_text_picture(picture: &str) -> Result<()> {
    match picture.chars().find(|c| !"i1248usbcfUhpmz".contains(*c)) {
        Some(c) => Err(bad_char(c)),
        None => Ok(()),
    }
}

/// Whether every character of `picture` is one of the binary form's.
///
/// ```
/// assert!(czmq::picture::check_binary_picture("1248sSpcufm").is_ok());
/// assert!(czmq::picture::check_binary_picture("i").is_err());
/// ```
pub fn check_binary_picture(picture: &str) -> Result<()> {
    match picture.chars().find(|c| !"1248sSpcufm".contains(*c)) {
        Some(c) => Err(bad_char(c)),
        None => Ok(()),
    }
}
