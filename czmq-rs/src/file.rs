//! `File`: CZMQ's zfile, a file on disk known by name, with its last-seen
//! size, time and mode, and an optional open stdio stream for reading and
//! writing at offsets. A name ending in `.ln` is a link file: its first line
//! names the file it stands for (CZMQ's convention, not a symlink).

use std::ffi::{CStr, CString};
use std::io::{self, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::{Chunk, Digest, zsys};

/// A file known by name, as CZMQ's zfile.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("czmq-file-doc-{}", std::process::id()));
/// let mut file = czmq::File::new(Some(dir.to_str().unwrap()), "hello.txt");
/// file.output().unwrap();
/// file.write(&czmq::Chunk::new(b"Hello\n"), 0).unwrap();
/// file.close();
/// assert_eq!(file.cursize(), 6);
/// file.remove();
/// std::fs::remove_dir(&dir).unwrap();
/// ```
pub struct File {
    fullname: CString,
    link: Option<CString>,
    stable: bool,
    eof: bool,
    handle: *mut libc::FILE,
    digest: Option<Digest>,
    curline: Option<CString>,
    remove_on_destroy: bool,
    modified: i64,
    cursize: i64,
    mode: u32,
}

// SAFETY: the stdio stream is owned by this File alone (never shared
// between Files), and stdio streams lock internally, so moving the owner to
// another thread is sound.
unsafe impl Send for File {}

/// `Read`/`Write` over a borrowed stdio stream, so Chunk's readers and
/// writers work on it.
struct Stream(*mut libc::FILE);

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // SAFETY: self.0 is a live stream owned by the File that lent it
        // for this call; buf is valid for buf.len() bytes.
        let n = unsafe { libc::fread(buf.as_mut_ptr().cast(), 1, buf.len(), self.0) };
        Ok(n)
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // SAFETY: as in read; buf is readable for buf.len() bytes.
        let n = unsafe { libc::fwrite(buf.as_ptr().cast(), 1, buf.len(), self.0) };
        if n < buf.len() {
            return Err(io::Error::last_os_error());
        }
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        // SAFETY: as in read.
        unsafe { libc::fflush(self.0) };
        Ok(())
    }
}

fn fopen(name: &CStr, mode: &CStr) -> *mut libc::FILE {
    // SAFETY: both are NUL-terminated strings that outlive the call.
    unsafe { libc::fopen(name.as_ptr(), mode.as_ptr()) }
}

fn path_of(name: &CStr) -> &Path {
    Path::new(std::ffi::OsStr::from_bytes(name.to_bytes()))
}

fn cstring(bytes: Vec<u8>) -> CString {
    // A NUL inside a name cannot name a file: cut it there.
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    CString::new(&bytes[..end]).unwrap_or_default()
}

impl File {
    /// A file `path/name` (or `name` when `path` is `None`), stat'ed now.
    /// A name ending in `.ln` whose file exists is read as a link.
    ///
    /// ```
    /// let file = czmq::File::new(None, "no-such-file-here");
    /// assert!(!file.is_readable());
    /// ```
    pub fn new(path: Option<&str>, name: &str) -> File {
        let full = match path {
            Some(path) => format!("{path}/{name}"),
            None => name.to_string(),
        };
        let mut fullname = full.into_bytes();
        let mut link = None;
        if fullname.len() > 3
            && fullname.ends_with(b".ln")
            && let Ok(text) = std::fs::read(std::ffi::OsStr::from_bytes(&fullname))
        {
            // CZMQ reads the first line of up to 255 bytes.
            let first = text.split(|&b| b == b'\n').next().unwrap_or(&[]);
            let first = &first[..first.len().min(255)];
            if !text.is_empty() {
                link = Some(cstring(first.to_vec()));
                fullname.truncate(fullname.len() - 3);
            }
        }
        let mut file = File {
            fullname: cstring(fullname),
            link,
            stable: false,
            eof: false,
            handle: std::ptr::null_mut(),
            digest: None,
            curline: None,
            remove_on_destroy: false,
            modified: 0,
            cursize: 0,
            mode: 0,
        };
        file.restat();
        file
    }

    /// A new temporary file under /tmp, open for writing, removed when the
    /// File is dropped; `None` if it cannot be made.
    ///
    /// ```
    /// let mut file = czmq::File::tmp().unwrap();
    /// file.write(&czmq::Chunk::new(b"HELLO"), 0).unwrap();
    /// let name = file.filename(None).to_string();
    /// drop(file);
    /// assert!(!std::path::Path::new(&name).exists());
    /// ```
    pub fn tmp() -> Option<File> {
        let mut template = *b"/tmp/czmq_zfile.XXXXXX\0";
        // SAFETY: template is a writable NUL-terminated buffer ending in
        // six X's, as mkstemp requires.
        let fd = unsafe { libc::mkstemp(template.as_mut_ptr().cast()) };
        if fd == -1 {
            return None;
        }
        // SAFETY: fd is the open descriptor mkstemp just gave us; the stream
        // takes it over (fclose closes it).
        let handle = unsafe { libc::fdopen(fd, c"w+".as_ptr()) };
        if handle.is_null() {
            // SAFETY: fd is ours and not owned by any stream.
            unsafe { libc::close(fd) };
            return None;
        }
        let mut file = File::new(None, "");
        file.fullname = cstring(template[..template.len() - 1].to_vec());
        file.handle = handle;
        file.remove_on_destroy = true;
        file.restat();
        Some(file)
    }

    /// A copy of the name, link, size, time and mode (not the open stream).
    ///
    /// ```
    /// let file = czmq::File::new(None, "x");
    /// assert_eq!(file.dup().filename(None), "x");
    /// ```
    pub fn dup(&self) -> File {
        File {
            fullname: self.fullname.clone(),
            link: self.link.clone(),
            stable: false,
            eof: false,
            handle: std::ptr::null_mut(),
            digest: None,
            curline: None,
            remove_on_destroy: false,
            modified: self.modified,
            cursize: self.cursize,
            mode: self.mode,
        }
    }

    /// The full name, without a leading `path` (and the slashes after it)
    /// when it starts with `path`.
    ///
    /// ```
    /// let file = czmq::File::new(Some("a/b"), "c");
    /// assert_eq!(file.filename(Some("a")), "b/c");
    /// ```
    pub fn filename(&self, path: Option<&str>) -> &str {
        std::str::from_utf8(self.filename_c(path.map(str::as_bytes)).to_bytes()).unwrap_or("")
    }

    /// [`File::filename`] as a C string.
    ///
    /// ```
    /// let file = czmq::File::new(None, "c");
    /// assert_eq!(file.filename_c(None).to_bytes(), b"c");
    /// ```
    pub fn filename_c(&self, path: Option<&[u8]>) -> &CStr {
        let full = self.fullname.as_bytes_with_nul();
        let mut start = 0;
        if let Some(path) = path
            && full.len() > path.len()
            && full.starts_with(path)
        {
            start = path.len();
            while full[start] == b'/' {
                start += 1;
            }
        }
        CStr::from_bytes_with_nul(&full[start..]).unwrap_or_default()
    }

    fn real_name(&self) -> &CStr {
        self.link.as_deref().unwrap_or(&self.fullname)
    }

    fn stream_size(&self) -> i64 {
        if self.handle.is_null() {
            return 0;
        }
        // SAFETY: handle is our live stream.
        unsafe {
            let pos = libc::ftell(self.handle);
            libc::fseek(self.handle, 0, libc::SEEK_END);
            let size = libc::ftell(self.handle);
            libc::fseek(self.handle, pos, libc::SEEK_SET);
            size as i64
        }
    }

    /// Reads the size, time and mode again from disk (and forgets the
    /// digest).
    ///
    /// ```
    /// let mut file = czmq::File::new(None, "nothing-here");
    /// file.restat();
    /// assert_eq!(file.cursize(), 0);
    /// ```
    pub fn restat(&mut self) {
        let real = path_of(self.real_name()).to_path_buf();
        match std::fs::metadata(&real) {
            Ok(meta) => {
                use std::os::unix::fs::MetadataExt;
                self.cursize = meta.size() as i64;
                self.modified = meta.mtime();
                self.mode = meta.mode();
                self.stable = zsys::file_stable(&real);
            }
            Err(_) => {
                self.cursize = self.stream_size();
                self.modified = 0;
                self.mode = 0;
                self.stable = false;
            }
        }
        self.digest = None;
    }

    /// Last-seen modification time, seconds since the epoch (0: missing).
    ///
    /// ```
    /// assert_eq!(czmq::File::new(None, "nothing-here").modified(), 0);
    /// ```
    pub fn modified(&self) -> i64 {
        self.modified
    }

    /// Last-seen size in bytes.
    ///
    /// ```
    /// assert_eq!(czmq::File::new(None, "nothing-here").cursize(), 0);
    /// ```
    pub fn cursize(&self) -> i64 {
        self.cursize
    }

    /// Whether it was a directory when last seen.
    ///
    /// ```
    /// assert!(czmq::File::new(None, "/").is_directory());
    /// ```
    pub fn is_directory(&self) -> bool {
        self.mode & libc::S_IFMT == libc::S_IFDIR
    }

    /// Whether it was a regular file when last seen.
    ///
    /// ```
    /// assert!(!czmq::File::new(None, "/").is_regular());
    /// ```
    pub fn is_regular(&self) -> bool {
        self.mode & libc::S_IFMT == libc::S_IFREG
    }

    /// Whether its owner could read it when last seen.
    ///
    /// ```
    /// assert!(czmq::File::new(None, "/").is_readable());
    /// ```
    pub fn is_readable(&self) -> bool {
        self.mode & libc::S_IRUSR != 0
    }

    /// Whether its owner could write it when last seen.
    ///
    /// ```
    /// assert!(!czmq::File::new(None, "nothing-here").is_writeable());
    /// ```
    pub fn is_writeable(&self) -> bool {
        self.mode & libc::S_IWUSR != 0
    }

    /// Whether it had not changed for [`zsys::file_stable_age`] when last
    /// seen.
    ///
    /// ```
    /// assert!(!czmq::File::new(None, "nothing-here").is_stable());
    /// ```
    pub fn is_stable(&self) -> bool {
        self.stable
    }

    /// Whether its time or size on disk differ from the last-seen ones.
    ///
    /// ```
    /// assert!(!czmq::File::new(None, "nothing-here").has_changed());
    /// ```
    pub fn has_changed(&self) -> bool {
        use std::os::unix::fs::MetadataExt;
        match std::fs::metadata(path_of(self.real_name())) {
            Ok(meta) => meta.mtime() != self.modified || meta.size() as i64 != self.cursize,
            Err(_) => false,
        }
    }

    /// Closes and deletes the file (for a link, the link file itself).
    ///
    /// ```
    /// let mut file = czmq::File::tmp().unwrap();
    /// file.remove();
    /// assert!(!std::path::Path::new(file.filename(None)).exists());
    /// ```
    pub fn remove(&mut self) {
        self.close();
        let mut name = self.fullname.as_bytes().to_vec();
        if self.link.is_some() {
            name.extend_from_slice(b".ln");
        }
        let _ = zsys::file_delete(std::ffi::OsStr::from_bytes(&name));
    }

    /// Opens the file (a link's target) for reading.
    ///
    /// ```
    /// assert!(czmq::File::new(None, "nothing-here").input().is_err());
    /// ```
    pub fn input(&mut self) -> io::Result<()> {
        if !self.handle.is_null() {
            self.close();
        }
        self.handle = fopen(self.real_name(), c"rb");
        if self.handle.is_null() {
            return Err(io::Error::last_os_error());
        }
        use std::os::unix::fs::MetadataExt;
        self.cursize = match std::fs::metadata(path_of(self.real_name())) {
            Ok(meta) => meta.size() as i64,
            Err(_) => self.stream_size(),
        };
        Ok(())
    }

    /// Opens the file for reading and writing, creating it and its
    /// directory if needed; a link becomes an ordinary file.
    ///
    /// ```
    /// let mut file = czmq::File::tmp().unwrap();
    /// file.output().unwrap();
    /// ```
    pub fn output(&mut self) -> io::Result<()> {
        let full = self.fullname.as_bytes();
        if let Some(slash) = full.iter().rposition(|&b| b == b'/') {
            zsys::dir_create(std::ffi::OsStr::from_bytes(&full[..slash]))?;
        }
        self.link = None;
        if !self.handle.is_null() {
            self.close();
        }
        self.handle = fopen(&self.fullname, c"r+b");
        if self.handle.is_null() {
            self.handle = fopen(&self.fullname, c"w+b");
        }
        if self.handle.is_null() {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// Reads up to `bytes` from `offset` of the open file, clipped to the
    /// last-seen size (then [`File::eof`] is true).
    ///
    /// ```
    /// let mut file = czmq::File::tmp().unwrap();
    /// file.write(&czmq::Chunk::new(b"123"), 0).unwrap();
    /// file.close();
    /// file.input().unwrap();
    /// assert!(file.read(10, 0).unwrap().streq("123"));
    /// assert!(file.eof());
    /// ```
    pub fn read(&mut self, bytes: usize, offset: i64) -> io::Result<Chunk> {
        if self.handle.is_null() {
            return Err(io::Error::new(
                io::ErrorKind::NotConnected,
                "file is not open",
            ));
        }
        self.eof = false;
        let mut bytes = bytes;
        if offset > self.cursize {
            bytes = 0;
            self.eof = true;
        } else if bytes as i64 > self.cursize - offset {
            self.eof = true;
            bytes = (self.cursize - offset) as usize;
        }
        // SAFETY: handle is our live stream.
        if unsafe { libc::fseek(self.handle, offset as libc::c_long, libc::SEEK_SET) } == -1 {
            return Err(io::Error::last_os_error());
        }
        Chunk::read(&mut Stream(self.handle), bytes)
    }

    /// Whether the last read reached the end of the file.
    ///
    /// ```
    /// assert!(!czmq::File::new(None, "x").eof());
    /// ```
    pub fn eof(&self) -> bool {
        self.eof
    }

    /// Writes a chunk at `offset` of the open file.
    ///
    /// ```
    /// let mut file = czmq::File::tmp().unwrap();
    /// assert!(file.write(&czmq::Chunk::new(b"abc"), 10).is_ok());
    /// ```
    pub fn write(&mut self, chunk: &Chunk, offset: i64) -> io::Result<()> {
        if self.handle.is_null() {
            return Err(io::Error::new(
                io::ErrorKind::NotConnected,
                "file is not open",
            ));
        }
        // SAFETY: handle is our live stream.
        if unsafe { libc::fseek(self.handle, offset as libc::c_long, libc::SEEK_SET) } == -1 {
            return Err(io::Error::last_os_error());
        }
        chunk.write(&mut Stream(self.handle))
    }

    /// The next line of the open file, without its line end (CRs are
    /// dropped); `None` at the end.
    ///
    /// ```
    /// let mut file = czmq::File::tmp().unwrap();
    /// file.write(&czmq::Chunk::new(b"one\r\ntwo"), 0).unwrap();
    /// file.close();
    /// file.input().unwrap();
    /// assert_eq!(file.readln().unwrap().to_bytes(), b"one");
    /// assert_eq!(file.readln().unwrap().to_bytes(), b"two");
    /// assert!(file.readln().is_none());
    /// ```
    pub fn readln(&mut self) -> Option<&CStr> {
        if self.handle.is_null() {
            return None;
        }
        let mut line = Vec::new();
        loop {
            // SAFETY: handle is our live stream.
            let c = unsafe { libc::fgetc(self.handle) };
            match c {
                libc::EOF if line.is_empty() => return None,
                libc::EOF | 10 => break,
                13 => continue,
                0 => break, // a NUL ends the C string anyway
                _ => line.push(c as u8),
            }
        }
        self.curline = Some(cstring(line));
        self.curline.as_deref()
    }

    /// Closes the open stream, if any, and stats the file again.
    ///
    /// ```
    /// let mut file = czmq::File::tmp().unwrap();
    /// file.close();
    /// file.close();
    /// ```
    pub fn close(&mut self) {
        if !self.handle.is_null() {
            // SAFETY: handle is our live stream, closed once and forgotten.
            unsafe { libc::fclose(self.handle) };
            self.handle = std::ptr::null_mut();
            self.restat();
            self.eof = false;
        }
    }

    /// The open stdio stream (NULL when closed), for C code; it stays
    /// owned by this File.
    ///
    /// ```
    /// assert!(czmq::File::new(None, "x").handle().is_null());
    /// ```
    pub fn handle(&self) -> *mut libc::FILE {
        self.handle
    }

    /// The file's SHA-1 as 40 upper-case hex digits, computed once per stat;
    /// `None` if it cannot be read.
    ///
    /// ```
    /// let mut file = czmq::File::tmp().unwrap();
    /// file.close();
    /// assert_eq!(file.digest().unwrap().to_bytes(), b"DA39A3EE5E6B4B0D3255BFEF95601890AFD80709");
    /// ```
    pub fn digest(&mut self) -> Option<&CStr> {
        if self.digest.is_none() {
            self.input().ok()?;
            let mut digest = Digest::new();
            let mut buf = [0u8; 65535];
            let mut stream = Stream(self.handle);
            loop {
                let n = stream.read(&mut buf).ok()?;
                if n == 0 {
                    break;
                }
                digest.update(&buf[..n]);
            }
            // SAFETY: handle is our live stream, closed once and forgotten
            // (CZMQ closes it without restating).
            unsafe { libc::fclose(self.handle) };
            self.handle = std::ptr::null_mut();
            self.digest = Some(digest);
        }
        self.digest.as_mut().map(|d| d.c_string())
    }
}

impl Drop for File {
    fn drop(&mut self) {
        if self.remove_on_destroy {
            self.remove();
        }
        self.close();
    }
}
