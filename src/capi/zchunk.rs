//! zchunk: `zchunk_t *` is a boxed [`Chunk`] (`repr(C)`, CZMQ's tag
//! first, so `zchunk_is` works). `zchunk_data` lends the whole buffer (max
//! size bytes), as CZMQ's does; C's `FILE *` streams are read and written
//! through [`CFile`].

use std::ffi::{c_char, c_void};
use std::io::{self, Read, Write};

use czmq::Chunk;

use super::ffi::{self, boxed, guard, malloc_bytes, malloc_str, opt_bytes, opt_str};
use super::zframe::{frame_of, ZframeT};

/// `zchunk_t`: the Rust [`Chunk`].
pub type ZchunkT = Chunk;

/// The chunk behind `p`, if `p` is a live zchunk_t (tag checked).
///
/// # Safety
/// `p` is NULL or points to at least 4 readable bytes; a pointer with
/// CZMQ's zchunk tag is a live `Chunk` not borrowed elsewhere meanwhile.
pub(crate) unsafe fn chunk_mut<'a>(p: *mut ZchunkT) -> Option<&'a mut Chunk> {
    // SAFETY: chunk_mut's caller guarantees `p` is NULL or a pointer to at least 4 readable
    // bytes (every zchunk_t starts with its tag), which is all tag_of reads; tag_of checks
    // NULL.
    match unsafe { ffi::tag_of(p as *const c_void) } {
        // SAFETY: the tag says this is a live Chunk (repr(C), tag first),
        // and C hands it to one call at a time.
        Some(Chunk::TAG) => Some(unsafe { &mut *p }),
        _ => None,
    }
}

/// Bytes from C: `size` bytes at `data`, or `None` for NULL.
///
/// # Safety
/// `data` is NULL or points to `size` readable bytes that outlive the borrow.
unsafe fn bytes<'a>(data: *const c_void, size: usize) -> Option<&'a [u8]> {
    if data.is_null() {
        return None;
    }
    // SAFETY: `data` is non-null here and bytes' caller guarantees it points to `size` readable
    // bytes that outlive the returned borrow; u8 has no alignment requirement.
    Some(unsafe { std::slice::from_raw_parts(data.cast::<u8>(), size) })
}

/// A C `FILE *` as a Rust reader and writer (through fread/fwrite), so
/// that [`Chunk::read`], [`Chunk::write`] and [`Chunk::fprint`] serve C.
pub(crate) struct CFile(*mut libc::FILE);

impl Read for CFile {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // SAFETY: self.0 is a live FILE (CFile is only made from non-NULL
        // handles C passed in for this call) and buf is writable for its
        // length.
        let n = unsafe { libc::fread(buf.as_mut_ptr().cast(), 1, buf.len(), self.0) };
        // SAFETY: as for fread above: self.0 is a non-NULL FILE * C passed in for this call and
        // still open, which is all ferror needs.
        if n == 0 && !buf.is_empty() && unsafe { libc::ferror(self.0) } != 0 {
            return Err(io::Error::other("fread failed"));
        }
        Ok(n)
    }
}

impl Write for CFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // SAFETY: self.0 is a live FILE (see Read) and buf is readable.
        let n = unsafe { libc::fwrite(buf.as_ptr().cast(), 1, buf.len(), self.0) };
        if n == 0 && !buf.is_empty() {
            return Err(io::Error::other("fwrite failed"));
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// `zchunk_t *zchunk_new (const void *data, size_t size)`: a chunk of max
/// size `size`, holding a copy of `data` (empty when `data` is NULL).
///
/// # Safety
/// `data` is NULL or points to `size` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn zchunk_new(data: *const c_void, size: usize) -> *mut ZchunkT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `data` is NULL
        // or points to `size` readable bytes that outlive this call (CZMQ's (data, size)
        // contract); the slice is copied or used before returning.
        match unsafe { bytes(data, size) } {
            Some(data) => boxed(Chunk::new(data)),
            None => Chunk::try_with_max_size(size).map_or(std::ptr::null_mut(), boxed),
        }
    })
}

/// `void zchunk_destroy (zchunk_t **self_p)`.
///
/// # Safety
/// `self_p` is NULL or points to NULL or a zchunk_t from this library.
#[no_mangle]
pub unsafe extern "C" fn zchunk_destroy(self_p: *mut *mut ZchunkT) {
    guard((), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for zchunk_destroy) that `self_p` is
        // NULL or points to a readable, writable zchunk_t pointer; destroy_tagged frees only
        // what the live registry lists as a Chunk this library gave out, never reading through
        // anything else.
        unsafe { ffi::destroy_tagged(self_p, Chunk::TAG, "zchunk") }
    })
}

/// `void zchunk_resize (zchunk_t *self, size_t size)`: new max size, empty.
/// A size that cannot be allocated is logged and the chunk left as it was.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t.
#[no_mangle]
pub unsafe extern "C" fn zchunk_resize(self_: *mut ZchunkT, size: usize) {
    guard((), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); chunk_mut checks
        // NULL (and the class tag where there is one) before the cast.
        if let Some(chunk) = unsafe { chunk_mut(self_) } {
            if let Err(e) = chunk.try_resize(size) {
                log::error!("zchunk_resize: {size} bytes: {e}");
            }
        }
    })
}

/// `size_t zchunk_size (zchunk_t *self)`; 0 for NULL.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t.
#[no_mangle]
pub unsafe extern "C" fn zchunk_size(self_: *mut ZchunkT) -> usize {
    // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is NULL or
    // a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object from one
    // thread at a time, so nothing else aliases it meanwhile); chunk_mut checks NULL (and the
    // class tag where there is one) before the cast.
    guard(0, || unsafe { chunk_mut(self_) }.map_or(0, |c| c.size()))
}

/// `size_t zchunk_max_size (zchunk_t *self)`; 0 for NULL.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t.
#[no_mangle]
pub unsafe extern "C" fn zchunk_max_size(self_: *mut ZchunkT) -> usize {
    guard(0, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); chunk_mut checks
        // NULL (and the class tag where there is one) before the cast.
        unsafe { chunk_mut(self_) }.map_or(0, |c| c.max_size())
    })
}

/// `byte *zchunk_data (zchunk_t *self)`: the buffer (max size bytes,
/// writable), valid until the chunk is resized, extended or destroyed.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t.
#[no_mangle]
pub unsafe extern "C" fn zchunk_data(self_: *mut ZchunkT) -> *mut u8 {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); chunk_mut checks
        // NULL (and the class tag where there is one) before the cast.
        unsafe { chunk_mut(self_) }.map_or(std::ptr::null_mut(), |c| c.buffer_mut().as_mut_ptr())
    })
}

/// `size_t zchunk_set (zchunk_t *self, const void *data, size_t size)`:
/// copies `data` in (clipped at the max size), or with NULL data just sets
/// the size. Returns the new size.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t; `data` is NULL or `size` readable
/// bytes.
#[no_mangle]
pub unsafe extern "C" fn zchunk_set(
    self_: *mut ZchunkT,
    data: *const c_void,
    size: usize,
) -> usize {
    guard(0, || {
        // SAFETY: C's caller guarantees (CZMQ's contract) that `data` is NULL or `size`
        // readable bytes live for this call. They are copied before the chunk is borrowed,
        // since C may pass bytes of this very chunk (from zchunk_data).
        let data = unsafe { bytes(data, size) }.map(<[u8]>::to_vec);
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); chunk_mut checks
        // NULL (and the class tag where there is one) before the cast.
        let Some(chunk) = (unsafe { chunk_mut(self_) }) else {
            return 0;
        };
        match data {
            Some(data) => chunk.set(&data),
            None => chunk.set_size(size),
        }
    })
}

/// `size_t zchunk_fill (zchunk_t *self, byte filler, size_t size)`.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t.
#[no_mangle]
pub unsafe extern "C" fn zchunk_fill(self_: *mut ZchunkT, filler: u8, size: usize) -> usize {
    guard(0, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); chunk_mut checks
        // NULL (and the class tag where there is one) before the cast.
        unsafe { chunk_mut(self_) }.map_or(0, |c| c.fill(filler, size))
    })
}

/// `size_t zchunk_append (zchunk_t *self, const void *data, size_t size)`:
/// clipped at the max size; returns the new size.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t; `data` is NULL or `size` readable
/// bytes.
#[no_mangle]
pub unsafe extern "C" fn zchunk_append(
    self_: *mut ZchunkT,
    data: *const c_void,
    size: usize,
) -> usize {
    guard(0, || {
        // SAFETY: C's caller guarantees (CZMQ's contract) that `data` is NULL or `size`
        // readable bytes live for this call. They are copied before the chunk is borrowed,
        // since C may pass bytes of this very chunk (from zchunk_data).
        let data = unsafe { bytes(data, size) }.map(<[u8]>::to_vec);
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); chunk_mut checks
        // NULL (and the class tag where there is one) before the cast.
        let Some(chunk) = (unsafe { chunk_mut(self_) }) else {
            return 0;
        };
        match data {
            Some(data) => chunk.append(&data),
            None => chunk.size(),
        }
    })
}

/// `size_t zchunk_extend (zchunk_t *self, const void *data, size_t size)`:
/// appends, growing the chunk as needed; returns the new size.
///
/// # Safety
/// As [`zchunk_append`].
#[no_mangle]
pub unsafe extern "C" fn zchunk_extend(
    self_: *mut ZchunkT,
    data: *const c_void,
    size: usize,
) -> usize {
    guard(0, || {
        // SAFETY: C's caller guarantees (CZMQ's contract) that `data` is NULL or `size`
        // readable bytes live for this call. They are copied before the chunk is borrowed,
        // since C may pass bytes of this very chunk (from zchunk_data).
        let data = unsafe { bytes(data, size) }.map(<[u8]>::to_vec);
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); chunk_mut checks
        // NULL (and the class tag where there is one) before the cast.
        let Some(chunk) = (unsafe { chunk_mut(self_) }) else {
            return 0;
        };
        match data {
            Some(data) => chunk.extend(&data),
            None => chunk.size(),
        }
    })
}

/// `size_t zchunk_consume (zchunk_t *self, zchunk_t *source)`: appends what
/// `source` has not had consumed yet; returns the new size.
///
/// # Safety
/// Both are NULL or live zchunk_t (they may be the same chunk).
#[no_mangle]
pub unsafe extern "C" fn zchunk_consume(self_: *mut ZchunkT, source: *mut ZchunkT) -> usize {
    guard(0, || {
        if self_ == source {
            // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
            // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ
            // object from one thread at a time, so nothing else aliases it meanwhile);
            // chunk_mut checks NULL (and the class tag where there is one) before the cast.
            return unsafe { chunk_mut(self_) }.map_or(0, |c| c.consume_self());
        }
        // SAFETY: C's caller guarantees (CZMQ's contract for zchunk_consume) that `self_` and
        // `source` are each NULL or a live zchunk_t; the equal case returned above, so distinct
        // pointers are distinct boxed chunks and the two &mut borrows do not overlap; chunk_mut
        // checks NULL and the tag.
        match unsafe { (chunk_mut(self_), chunk_mut(source)) } {
            (Some(chunk), Some(source)) => chunk.consume(source),
            (Some(chunk), None) => chunk.size(),
            _ => 0,
        }
    })
}

/// `bool zchunk_exhausted (zchunk_t *self)`; false for NULL.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t.
#[no_mangle]
pub unsafe extern "C" fn zchunk_exhausted(self_: *mut ZchunkT) -> bool {
    guard(false, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); chunk_mut checks
        // NULL (and the class tag where there is one) before the cast.
        unsafe { chunk_mut(self_) }.is_some_and(|c| c.exhausted())
    })
}

/// `zchunk_t *zchunk_read (FILE *handle, size_t bytes)`: up to `bytes`
/// bytes from the stream; NULL for a NULL handle or a read error.
///
/// # Safety
/// `handle` is NULL or an open stream.
#[no_mangle]
pub unsafe extern "C" fn zchunk_read(handle: *mut libc::FILE, bytes: usize) -> *mut ZchunkT {
    guard(std::ptr::null_mut(), || {
        if handle.is_null() {
            return std::ptr::null_mut();
        }
        Chunk::read(&mut CFile(handle), bytes).map_or(std::ptr::null_mut(), boxed)
    })
}

/// `int zchunk_write (zchunk_t *self, FILE *handle)`: 0, or -1 on error.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t; `handle` is NULL or an open stream.
#[no_mangle]
pub unsafe extern "C" fn zchunk_write(self_: *mut ZchunkT, handle: *mut libc::FILE) -> i32 {
    guard(-1, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); chunk_mut checks
        // NULL (and the class tag where there is one) before the cast.
        match unsafe { chunk_mut(self_) } {
            Some(chunk) if !handle.is_null() => match chunk.write(&mut CFile(handle)) {
                Ok(()) => 0,
                Err(_) => -1,
            },
            _ => -1,
        }
    })
}

/// `zchunk_t *zchunk_slurp (const char *filename, size_t maxsize)`: the
/// file (its first `maxsize` bytes if not 0); NULL if it cannot be read.
///
/// # Safety
/// `filename` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn zchunk_slurp(filename: *const c_char, maxsize: usize) -> *mut ZchunkT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `filename` is
        // NULL or a NUL-terminated C string that stays alive for this call; opt_str checks
        // NULL, and the borrow is not kept past the call.
        let Some(name) = (unsafe { opt_str(filename) }) else {
            return std::ptr::null_mut();
        };
        Chunk::slurp(name, maxsize).map_or(std::ptr::null_mut(), boxed)
    })
}

/// `zchunk_t *zchunk_dup (zchunk_t *self)`: a copy; NULL for NULL.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t.
#[no_mangle]
pub unsafe extern "C" fn zchunk_dup(self_: *mut ZchunkT) -> *mut ZchunkT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); chunk_mut checks
        // NULL (and the class tag where there is one) before the cast.
        unsafe { chunk_mut(self_) }.map_or(std::ptr::null_mut(), |c| boxed(c.clone()))
    })
}

/// `char *zchunk_strhex (zchunk_t *self)`: upper-case hex, freed by the
/// caller.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t.
#[no_mangle]
pub unsafe extern "C" fn zchunk_strhex(self_: *mut ZchunkT) -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); chunk_mut checks
        // NULL (and the class tag where there is one) before the cast.
        unsafe { chunk_mut(self_) }.map_or(std::ptr::null_mut(), |c| malloc_str(&c.strhex()))
    })
}

/// `char *zchunk_strdup (zchunk_t *self)`: the content as a string, freed
/// by the caller.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t.
#[no_mangle]
pub unsafe extern "C" fn zchunk_strdup(self_: *mut ZchunkT) -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); chunk_mut checks
        // NULL (and the class tag where there is one) before the cast.
        unsafe { chunk_mut(self_) }.map_or(std::ptr::null_mut(), |c| malloc_bytes(c.data()))
    })
}

/// `bool zchunk_streq (zchunk_t *self, const char *string)`.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t; `string` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zchunk_streq(self_: *mut ZchunkT, string: *const c_char) -> bool {
    guard(false, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for zchunk_streq) that `self_` is NULL
        // or a live zchunk_t and `string` NULL or a NUL-terminated string; chunk_mut (NULL and
        // tag check) and opt_bytes (NULL check) need no more, and both borrows end with this
        // call.
        match unsafe { (chunk_mut(self_), opt_bytes(string)) } {
            (Some(chunk), Some(text)) => chunk.data() == text,
            _ => false,
        }
    })
}

/// `zframe_t *zchunk_pack (zchunk_t *self)`: a frame of the content.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t.
#[no_mangle]
pub unsafe extern "C" fn zchunk_pack(self_: *mut ZchunkT) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); chunk_mut checks
        // NULL (and the class tag where there is one) before the cast.
        unsafe { chunk_mut(self_) }.map_or(std::ptr::null_mut(), |c| boxed(c.pack()))
    })
}

/// `zframe_t *zchunk_packx (zchunk_t **self_p)` (CZMQ DRAFT): a frame of the
/// content; the chunk is destroyed.
///
/// # Safety
/// As [`zchunk_destroy`].
#[no_mangle]
pub unsafe extern "C" fn zchunk_packx(self_p: *mut *mut ZchunkT) -> *mut ZframeT {
    guard(std::ptr::null_mut(), || {
        if self_p.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: `self_p` is non-null (checked above) and C's caller guarantees it points to a
        // readable zchunk_t pointer, NULL or a live zchunk_t, which is what zchunk_pack
        // accepts.
        let frame = unsafe { zchunk_pack(*self_p) };
        if !frame.is_null() {
            // SAFETY: `self_p` is the same non-null, readable and writable zchunk_t ** C passed
            // (CZMQ's contract for zchunk_packx), which is what zchunk_destroy needs; the frame
            // returned above owns a copy, so nothing refers to the chunk after it is freed.
            unsafe { zchunk_destroy(self_p) };
        }
        frame
    })
}

/// `zchunk_t *zchunk_unpack (zframe_t *frame)`: a chunk of the frame's
/// bytes; NULL if `frame` is not a zframe_t.
///
/// # Safety
/// `frame` is NULL or points to at least 4 readable bytes (a live object).
#[no_mangle]
pub unsafe extern "C" fn zchunk_unpack(frame: *mut ZframeT) -> *mut ZchunkT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for zchunk_unpack) that `frame` is
        // NULL or a live zframe_t; frame_of checks NULL and the frame tag before the cast, and
        // the borrow ends once the chunk has copied the frame's bytes.
        unsafe { frame_of(frame) }.map_or(std::ptr::null_mut(), |f| boxed(Chunk::unpack(f)))
    })
}

/// `zchunk_destructor_fn` (CZMQ DRAFT): releases memory given to
/// `zchunk_frommem`.
pub type ZchunkDestructorFn = unsafe extern "C" fn(hint: *mut *mut c_void);

/// `zchunk_t *zchunk_frommem (void *data, size_t size,
/// zchunk_destructor_fn destructor, void *hint)` (CZMQ DRAFT). Our chunk
/// owns its buffer, so the bytes are copied and the destructor runs at
/// once (CZMQ runs it when the chunk is destroyed, and lends `data`).
///
/// # Safety
/// `data` points to `size` readable bytes; `destructor` is NULL or a
/// function that may be called once with `&hint`.
#[no_mangle]
pub unsafe extern "C" fn zchunk_frommem(
    data: *mut c_void,
    size: usize,
    destructor: Option<ZchunkDestructorFn>,
    hint: *mut c_void,
) -> *mut ZchunkT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `data` is NULL
        // or points to `size` readable bytes that outlive this call (CZMQ's (data, size)
        // contract); the slice is copied or used before returning.
        let Some(data) = (unsafe { bytes(data, size) }) else {
            return std::ptr::null_mut();
        };
        let chunk = boxed(Chunk::new(data));
        if let Some(destructor) = destructor {
            let mut hint = hint;
            // SAFETY: the copy is made, so the caller's memory may go; the
            // destructor is called once, as its contract says.
            unsafe { destructor(&mut hint) };
        }
        chunk
    })
}

/// `const char *zchunk_digest (zchunk_t *self)`: SHA-1 of the content as
/// upper-case hex, lent until the chunk changes.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t.
#[no_mangle]
pub unsafe extern "C" fn zchunk_digest(self_: *mut ZchunkT) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); chunk_mut checks
        // NULL (and the class tag where there is one) before the cast.
        unsafe { chunk_mut(self_) }.map_or(std::ptr::null(), |c| c.digest_c().as_ptr())
    })
}

/// `void zchunk_fprint (zchunk_t *self, FILE *file)`: CZMQ's debug dump.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t; `file` is NULL or an open stream.
#[no_mangle]
pub unsafe extern "C" fn zchunk_fprint(self_: *mut ZchunkT, file: *mut libc::FILE) {
    guard((), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); chunk_mut checks
        // NULL (and the class tag where there is one) before the cast.
        if let Some(chunk) = unsafe { chunk_mut(self_) } {
            if !file.is_null() {
                let _ = chunk.fprint(&mut CFile(file));
            }
        }
    })
}

/// `void zchunk_print (zchunk_t *self)`: the dump to stderr.
///
/// # Safety
/// `self_` is NULL or a live zchunk_t.
#[no_mangle]
pub unsafe extern "C" fn zchunk_print(self_: *mut ZchunkT) {
    guard((), || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL or a live zchunk_t not borrowed elsewhere during this call (C uses a CZMQ object
        // from one thread at a time, so nothing else aliases it meanwhile); chunk_mut checks
        // NULL (and the class tag where there is one) before the cast.
        if let Some(chunk) = unsafe { chunk_mut(self_) } {
            chunk.print();
        }
    })
}

/// `bool zchunk_is (void *self)`: whether `self` is a zchunk_t.
///
/// # Safety
/// `self_` is NULL or points to at least 4 readable bytes.
#[no_mangle]
pub unsafe extern "C" fn zchunk_is(self_: *mut c_void) -> bool {
    // SAFETY: C's caller guarantees (CZMQ's contract for zchunk_is) that `self_` is NULL or
    // points to at least 4 readable bytes (any CZMQ object or libzmq socket does); that is all
    // tag_of reads, and it checks NULL first.
    guard(false, || unsafe { ffi::tag_of(self_) } == Some(Chunk::TAG))
}
