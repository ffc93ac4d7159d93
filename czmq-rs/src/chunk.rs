//! Memory chunks, as CZMQ's zchunk: a buffer of fixed capacity (its max
//! size) holding `size` bytes, which can be filled, appended to (clipped at
//! the capacity), extended (the capacity grows), consumed from another
//! chunk, read from and written to files, digested (SHA-1) and turned into
//! a frame and back.
//!
//! ```
//! use czmq::Chunk;
//! let mut chunk = Chunk::with_max_size(10);
//! chunk.append(b"12345678");
//! chunk.append(b"90ABCDEF"); // clipped at the max size
//! assert!(chunk.streq("1234567890"));
//! assert_eq!(chunk.digest(), "01B307ACBA4F54F55AAFC33BB06BBBF6CA803E9A");
//! let frame = chunk.pack();
//! assert_eq!(czmq::Chunk::unpack(&frame), chunk);
//! ```

use std::ffi::CStr;
use std::io::{self, Read, Write};
use std::path::Path;

use crate::digest::{Digest, upper_hex};
use crate::frame::Frame;

/// A chunk of memory (CZMQ's zchunk_t). `repr(C)` with CZMQ's tag first,
/// so that the C face can tell a `zchunk_t *` from other objects.
#[repr(C)]
pub struct Chunk {
    /// CZMQ's object tag, first for the C face.
    tag: u32,
    /// Bytes in use, at the start of `buffer`.
    size: usize,
    /// Bytes already taken by [`Chunk::consume`] from this chunk.
    consumed: usize,
    /// The whole buffer: its length is the max size; zeroed when made, so
    /// every byte is initialised.
    buffer: Vec<u8>,
    /// The digest of the current content, computed on demand.
    digest: Option<Digest>,
}

impl Clone for Chunk {
    /// A copy of the content with the same max size (CZMQ's `zchunk_dup`,
    /// which also copies the bytes past the size, and makes them content).
    fn clone(&self) -> Chunk {
        let mut copy = Chunk::with_max_size(self.max_size());
        copy.set(self.data());
        copy
    }
}

impl PartialEq for Chunk {
    /// Chunks are equal when their content is.
    fn eq(&self, other: &Chunk) -> bool {
        self.data() == other.data()
    }
}

impl Eq for Chunk {}

impl std::fmt::Debug for Chunk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chunk")
            .field("size", &self.size)
            .field("max_size", &self.max_size())
            .field("consumed", &self.consumed)
            .finish()
    }
}

impl From<&[u8]> for Chunk {
    fn from(data: &[u8]) -> Chunk {
        Chunk::new(data)
    }
}

impl Chunk {
    /// CZMQ's zchunk tag (0xcafe0001), the first field of every `Chunk`.
    pub const TAG: u32 = 0xcafe_0001;

    /// A chunk holding a copy of `data`, full (size = max size).
    ///
    /// ```
    /// let chunk = czmq::Chunk::new(b"1234567890");
    /// assert_eq!((chunk.size(), chunk.max_size()), (10, 10));
    /// ```
    pub fn new(data: &[u8]) -> Chunk {
        let mut chunk = Chunk::with_max_size(data.len());
        chunk.set(data);
        chunk
    }

    /// An empty chunk that can hold `max_size` bytes.
    ///
    /// ```
    /// let chunk = czmq::Chunk::with_max_size(8);
    /// assert_eq!((chunk.size(), chunk.max_size()), (0, 8));
    /// ```
    pub fn with_max_size(max_size: usize) -> Chunk {
        Chunk {
            tag: Chunk::TAG,
            size: 0,
            consumed: 0,
            buffer: vec![0; max_size],
            digest: None,
        }
    }

    /// [`with_max_size`](Chunk::with_max_size) that reports a buffer too
    /// large to allocate as [`std::io::ErrorKind::OutOfMemory`] instead of
    /// aborting (what C's `zchunk_new (NULL, size)` needs: NULL, as CZMQ).
    ///
    /// ```
    /// assert!(czmq::Chunk::try_with_max_size(16).is_ok());
    /// assert!(czmq::Chunk::try_with_max_size(usize::MAX).is_err());
    /// ```
    pub fn try_with_max_size(max_size: usize) -> io::Result<Chunk> {
        let mut buffer = Vec::new();
        buffer
            .try_reserve_exact(max_size)
            .map_err(|e| io::Error::new(io::ErrorKind::OutOfMemory, e))?;
        buffer.resize(max_size, 0);
        Ok(Chunk {
            tag: Chunk::TAG,
            size: 0,
            consumed: 0,
            buffer,
            digest: None,
        })
    }

    /// Gives the chunk a new max size and empties it (as CZMQ).
    ///
    /// ```
    /// let mut chunk = czmq::Chunk::new(b"abc");
    /// chunk.resize(100);
    /// assert_eq!((chunk.size(), chunk.max_size()), (0, 100));
    /// ```
    pub fn resize(&mut self, max_size: usize) {
        self.buffer.resize(max_size, 0);
        self.set_size(0);
    }

    /// [`resize`](Chunk::resize) that reports a size too large to allocate
    /// as [`std::io::ErrorKind::OutOfMemory`] (the chunk is then unchanged)
    /// instead of aborting.
    ///
    /// ```
    /// let mut chunk = czmq::Chunk::new(b"abc");
    /// assert!(chunk.try_resize(usize::MAX).is_err());
    /// assert!(chunk.streq("abc"));
    /// ```
    pub fn try_resize(&mut self, max_size: usize) -> io::Result<()> {
        let more = max_size.saturating_sub(self.buffer.len());
        self.buffer
            .try_reserve_exact(more)
            .map_err(|e| io::Error::new(io::ErrorKind::OutOfMemory, e))?;
        self.resize(max_size);
        Ok(())
    }

    /// Bytes of content.
    ///
    /// ```
    /// assert_eq!(czmq::Chunk::new(b"ab").size(), 2);
    /// ```
    pub fn size(&self) -> usize {
        self.size
    }

    /// Bytes the chunk can hold.
    ///
    /// ```
    /// assert_eq!(czmq::Chunk::with_max_size(5).max_size(), 5);
    /// ```
    pub fn max_size(&self) -> usize {
        self.buffer.len()
    }

    /// The content.
    ///
    /// ```
    /// assert_eq!(czmq::Chunk::new(b"ab").data(), b"ab");
    /// ```
    pub fn data(&self) -> &[u8] {
        &self.buffer[..self.size]
    }

    /// The whole buffer, all [`max_size`](Chunk::max_size) bytes, to write
    /// into before [`set_size`](Chunk::set_size) (what C does through
    /// `zchunk_data`).
    ///
    /// ```
    /// let mut chunk = czmq::Chunk::with_max_size(3);
    /// chunk.buffer_mut().copy_from_slice(b"xyz");
    /// chunk.set_size(3);
    /// assert!(chunk.streq("xyz"));
    /// ```
    pub fn buffer_mut(&mut self) -> &mut [u8] {
        self.digest = None;
        &mut self.buffer
    }

    /// Sets the size of the content, at most the max size, keeping the
    /// bytes in the buffer (CZMQ's `zchunk_set (chunk, NULL, size)`).
    /// Returns the new size.
    ///
    /// ```
    /// let mut chunk = czmq::Chunk::new(b"abc");
    /// assert_eq!(chunk.set_size(1), 1);
    /// assert_eq!(chunk.set_size(10), 3);
    /// ```
    pub fn set_size(&mut self, size: usize) -> usize {
        self.digest = None;
        self.size = size.min(self.max_size());
        self.consumed = self.consumed.min(self.size);
        self.size
    }

    /// Replaces the content with `data`, clipped at the max size; returns
    /// the new size.
    ///
    /// ```
    /// let mut chunk = czmq::Chunk::with_max_size(4);
    /// assert_eq!(chunk.set(b"123456"), 4);
    /// assert!(chunk.streq("1234"));
    /// ```
    pub fn set(&mut self, data: &[u8]) -> usize {
        let size = data.len().min(self.max_size());
        self.buffer[..size].copy_from_slice(&data[..size]);
        self.set_size(size)
    }

    /// Fills the chunk with `size` copies of `filler`, clipped at the max
    /// size; returns the new size.
    ///
    /// ```
    /// let mut chunk = czmq::Chunk::with_max_size(4);
    /// chunk.fill(b'x', 2);
    /// assert!(chunk.streq("xx"));
    /// ```
    pub fn fill(&mut self, filler: u8, size: usize) -> usize {
        let size = size.min(self.max_size());
        self.buffer[..size].fill(filler);
        self.set_size(size)
    }

    /// Appends `data`, clipped at the max size; returns the new size.
    ///
    /// ```
    /// let mut chunk = czmq::Chunk::with_max_size(4);
    /// chunk.append(b"ab");
    /// assert_eq!(chunk.append(b"cde"), 4);
    /// assert!(chunk.streq("abcd"));
    /// ```
    pub fn append(&mut self, data: &[u8]) -> usize {
        let room = self.max_size() - self.size;
        let take = data.len().min(room);
        let start = self.size;
        self.buffer[start..start + take].copy_from_slice(&data[..take]);
        self.set_size(start + take)
    }

    /// Appends `data`, growing the max size (to twice the needed size, as
    /// CZMQ) when it does not fit; returns the new size.
    ///
    /// ```
    /// let mut chunk = czmq::Chunk::with_max_size(0);
    /// chunk.extend(b"12345678");
    /// chunk.extend(b"90");
    /// assert!(chunk.streq("1234567890"));
    /// ```
    pub fn extend(&mut self, data: &[u8]) -> usize {
        let needed = self.size + data.len();
        if needed > self.max_size() {
            self.buffer.resize(needed.saturating_mul(2), 0);
        }
        self.append(data)
    }

    /// Appends what `source` has not yet had consumed, as far as the max
    /// size allows, and marks that much of `source` consumed; returns the
    /// new size.
    ///
    /// ```
    /// use czmq::Chunk;
    /// let mut source = Chunk::new(b"1234567890abcdefghij");
    /// let mut chunk = Chunk::with_max_size(8);
    /// chunk.consume(&mut source);
    /// assert!(chunk.streq("12345678") && !source.exhausted());
    /// ```
    pub fn consume(&mut self, source: &mut Chunk) -> usize {
        let rest = &source.buffer[source.consumed..source.size];
        let before = self.size;
        let after = self.append(rest);
        source.consumed += after - before;
        after
    }

    /// Appends the unconsumed rest of this very chunk to itself (what C's
    /// `zchunk_consume (chunk, chunk)` asks for); returns the new size.
    ///
    /// ```
    /// let mut chunk = czmq::Chunk::with_max_size(8);
    /// chunk.set(b"ab");
    /// assert_eq!(chunk.consume_self(), 4);
    /// ```
    pub fn consume_self(&mut self) -> usize {
        let rest = self.buffer[self.consumed..self.size].to_vec();
        let before = self.size;
        let after = self.append(&rest);
        self.consumed += after - before;
        after
    }

    /// Whether everything in the chunk has been consumed.
    ///
    /// ```
    /// let mut source = czmq::Chunk::new(b"ab");
    /// let mut sink = czmq::Chunk::with_max_size(4);
    /// sink.consume(&mut source);
    /// assert!(source.exhausted());
    /// ```
    pub fn exhausted(&self) -> bool {
        self.consumed >= self.size
    }

    /// Reads up to `bytes` bytes (fewer at end of input) into a new chunk
    /// of max size `bytes`.
    ///
    /// ```
    /// let chunk = czmq::Chunk::read(&mut &b"hello world"[..], 5)?;
    /// assert!(chunk.streq("hello"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn read(reader: &mut impl Read, bytes: usize) -> io::Result<Chunk> {
        let mut chunk = Chunk::try_with_max_size(bytes)?;
        let mut filled = 0;
        while filled < bytes {
            match reader.read(&mut chunk.buffer[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        chunk.set_size(filled);
        Ok(chunk)
    }

    /// Writes the content.
    ///
    /// ```
    /// let mut out = Vec::new();
    /// czmq::Chunk::new(b"abc").write(&mut out)?;
    /// assert_eq!(out, b"abc");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn write(&self, writer: &mut impl Write) -> io::Result<()> {
        writer.write_all(self.data())
    }

    /// Reads a whole file, or its first `max_size` bytes when `max_size` is
    /// not 0, into a chunk (CZMQ's `zchunk_slurp`).
    ///
    /// ```
    /// let path = std::env::temp_dir().join(format!("chunk-slurp-{}", std::process::id()));
    /// std::fs::write(&path, b"hello world")?;
    /// assert!(czmq::Chunk::slurp(&path, 5)?.streq("hello"));
    /// assert_eq!(czmq::Chunk::slurp(&path, 0)?.size(), 11);
    /// std::fs::remove_file(&path)?;
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn slurp(path: impl AsRef<Path>, max_size: usize) -> io::Result<Chunk> {
        let mut file = std::fs::File::open(path)?;
        let length = usize::try_from(file.metadata()?.len()).unwrap_or(usize::MAX);
        let size = if max_size != 0 {
            length.min(max_size)
        } else {
            length
        };
        Chunk::read(&mut file, size)
    }

    /// The content as upper-case hex.
    ///
    /// ```
    /// assert_eq!(czmq::Chunk::new(b"12").strhex(), "3132");
    /// ```
    pub fn strhex(&self) -> String {
        upper_hex(self.data())
    }

    /// The content as text, if it is UTF-8 (C's `zchunk_strdup` copies the
    /// bytes as they are).
    ///
    /// ```
    /// assert_eq!(czmq::Chunk::new(b"hi").as_str(), Some("hi"));
    /// assert_eq!(czmq::Chunk::new(&[0xFF]).as_str(), None);
    /// ```
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(self.data()).ok()
    }

    /// Whether the content is exactly the bytes of `text`.
    ///
    /// ```
    /// assert!(czmq::Chunk::new(b"hi").streq("hi"));
    /// assert!(!czmq::Chunk::new(b"hi").streq("h"));
    /// ```
    pub fn streq(&self, text: &str) -> bool {
        self.data() == text.as_bytes()
    }

    /// The content as a frame (CZMQ's `zchunk_pack`: the frame's bytes are
    /// the content, nothing more).
    ///
    /// ```
    /// assert_eq!(czmq::Chunk::new(b"abc").pack().data(), b"abc");
    /// ```
    pub fn pack(&self) -> Frame {
        Frame::new(self.data())
    }

    /// A chunk holding a frame's bytes (CZMQ's `zchunk_unpack`).
    ///
    /// ```
    /// let chunk = czmq::Chunk::unpack(&czmq::Frame::new(b"abc"));
    /// assert!(chunk.streq("abc"));
    /// ```
    pub fn unpack(frame: &Frame) -> Chunk {
        Chunk::new(frame.data())
    }

    /// The SHA-1 digest of the content as 40 upper-case hex digits, kept
    /// until the content changes.
    ///
    /// ```
    /// let mut chunk = czmq::Chunk::new(b"1234567890");
    /// assert_eq!(chunk.digest(), "01B307ACBA4F54F55AAFC33BB06BBBF6CA803E9A");
    /// ```
    pub fn digest(&mut self) -> &str {
        self.digest_c().to_str().unwrap_or_default()
    }

    /// [`digest`](Chunk::digest) as a C string, for the C face, which lends
    /// it to C until the chunk changes.
    ///
    /// ```
    /// let mut chunk = czmq::Chunk::new(b"");
    /// assert_eq!(chunk.digest_c().to_bytes().len(), 40);
    /// ```
    pub fn digest_c(&mut self) -> &CStr {
        let size = self.size;
        let buffer = &self.buffer;
        self.digest
            .get_or_insert_with(|| {
                let mut digest = Digest::new();
                digest.update(&buffer[..size]);
                digest
            })
            .c_string()
    }

    /// Writes CZMQ's debug dump of the chunk: a rule, then `[size]` and the
    /// content, as hex when it has bytes below 9 or above 127, else as text;
    /// as CZMQ, `...` follows the 37th byte of hex or the 72nd character.
    ///
    /// ```
    /// let mut out = Vec::new();
    /// czmq::Chunk::new(b"hi").fprint(&mut out)?;
    /// assert!(String::from_utf8(out).unwrap().ends_with("[002] hi\n"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn fprint(&self, out: &mut impl Write) -> io::Result<()> {
        let data = self.data();
        let mut text = format!(
            "--------------------------------------\n[{:03}] ",
            data.len()
        );
        let binary = data.iter().any(|&b| !(9..=127).contains(&b));
        if binary {
            let shown = data.len().min(37);
            text.push_str(&upper_hex(&data[..shown]));
            if data.len() >= 37 {
                text.push_str("...");
            }
            text.push('\n');
            out.write_all(text.as_bytes())
        } else {
            let shown = data.len().min(72);
            out.write_all(text.as_bytes())?;
            out.write_all(&data[..shown])?;
            out.write_all(if data.len() >= 72 { b"...\n" } else { b"\n" })
        }
    }

    /// [`fprint`](Chunk::fprint) to stderr.
    ///
    /// ```
    /// czmq::Chunk::new(b"debug").print();
    /// ```
    pub fn print(&self) {
        let _ = self.fprint(&mut io::stderr().lock());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn czmq_consume_sequence() {
        let mut source = Chunk::new(b"1234567890abcdefghij");
        let mut chunk = Chunk::with_max_size(8);
        chunk.consume(&mut source);
        assert_eq!(chunk.data(), b"12345678");
        chunk.set_size(0);
        chunk.consume(&mut source);
        assert_eq!(chunk.data(), b"90abcdef");
        chunk.set_size(0);
        chunk.consume(&mut source);
        assert!(source.exhausted());
        assert_eq!(chunk.data(), b"ghij");
    }

    #[test]
    fn digest_follows_changes() {
        let mut chunk = Chunk::new(b"12345");
        let first = chunk.digest().to_owned();
        chunk.set(b"abcde");
        assert_ne!(chunk.digest(), first);
    }

    #[test]
    fn fprint_binary_is_cut() {
        let mut out = Vec::new();
        Chunk::new(&[0u8; 50]).fprint(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with(&format!("[050] {}...\n", "00".repeat(37))));
    }
}
