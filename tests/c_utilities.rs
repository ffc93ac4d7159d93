//! The C face of the utility classes (zuuid, zchunk, zarmour, zdigest,
//! zrex) with bad input: NULL arguments, malformed armoured text, invalid
//! expressions, objects of another class. Each must give CZMQ's error value
//! (NULL, -1, false, 0), never a crash. The C functions are called
//! directly, linked from the C face's rlib.

use std::ffi::{c_char, c_int, c_uint, c_void, CStr};
use std::ptr::{null, null_mut};

use czmq_capi as _;

extern "C" {
    fn zuuid_new() -> *mut c_void;
    fn zuuid_new_from(source: *const u8) -> *mut c_void;
    fn zuuid_destroy(self_p: *mut *mut c_void);
    fn zuuid_set(self_: *mut c_void, source: *const u8);
    fn zuuid_set_str(self_: *mut c_void, source: *const c_char) -> c_int;
    fn zuuid_str(self_: *mut c_void) -> *const c_char;
    fn zuuid_str_canonical(self_: *mut c_void) -> *const c_char;
    fn zuuid_data(self_: *mut c_void) -> *const u8;
    fn zuuid_size(self_: *mut c_void) -> usize;
    fn zuuid_export(self_: *mut c_void, target: *mut u8);
    fn zuuid_eq(self_: *mut c_void, compare: *const u8) -> bool;
    fn zuuid_neq(self_: *mut c_void, compare: *const u8) -> bool;
    fn zuuid_dup(self_: *mut c_void) -> *mut c_void;

    fn zchunk_new(data: *const c_void, size: usize) -> *mut c_void;
    fn zchunk_destroy(self_p: *mut *mut c_void);
    fn zchunk_size(self_: *mut c_void) -> usize;
    fn zchunk_resize(self_: *mut c_void, size: usize);
    fn zchunk_max_size(self_: *mut c_void) -> usize;
    fn zchunk_data(self_: *mut c_void) -> *mut u8;
    fn zchunk_set(self_: *mut c_void, data: *const c_void, size: usize) -> usize;
    fn zchunk_append(self_: *mut c_void, data: *const c_void, size: usize) -> usize;
    fn zchunk_extend(self_: *mut c_void, data: *const c_void, size: usize) -> usize;
    fn zchunk_consume(self_: *mut c_void, source: *mut c_void) -> usize;
    fn zchunk_exhausted(self_: *mut c_void) -> bool;
    fn zchunk_read(handle: *mut libc::FILE, bytes: usize) -> *mut c_void;
    fn zchunk_write(self_: *mut c_void, handle: *mut libc::FILE) -> c_int;
    fn zchunk_slurp(filename: *const c_char, maxsize: usize) -> *mut c_void;
    fn zchunk_dup(self_: *mut c_void) -> *mut c_void;
    fn zchunk_strhex(self_: *mut c_void) -> *mut c_char;
    fn zchunk_strdup(self_: *mut c_void) -> *mut c_char;
    fn zchunk_streq(self_: *mut c_void, string: *const c_char) -> bool;
    fn zchunk_pack(self_: *mut c_void) -> *mut c_void;
    fn zchunk_unpack(frame: *mut c_void) -> *mut c_void;
    fn zchunk_digest(self_: *mut c_void) -> *const c_char;
    fn zchunk_fprint(self_: *mut c_void, file: *mut libc::FILE);
    fn zchunk_print(self_: *mut c_void);
    fn zchunk_is(self_: *mut c_void) -> bool;

    fn zarmour_new() -> *mut c_void;
    fn zarmour_destroy(self_p: *mut *mut c_void);
    fn zarmour_encode(self_: *mut c_void, data: *const u8, size: usize) -> *mut c_char;
    fn zarmour_decode(self_: *mut c_void, data: *const c_char) -> *mut c_void;
    fn zarmour_mode(self_: *mut c_void) -> c_int;
    fn zarmour_mode_str(self_: *mut c_void) -> *const c_char;
    fn zarmour_set_mode(self_: *mut c_void, mode: c_int);
    fn zarmour_pad_char(self_: *mut c_void) -> c_char;
    fn zarmour_set_pad_char(self_: *mut c_void, pad_char: c_char);
    fn zarmour_line_length(self_: *mut c_void) -> usize;
    fn zarmour_print(self_: *mut c_void);

    fn zdigest_new() -> *mut c_void;
    fn zdigest_destroy(self_p: *mut *mut c_void);
    fn zdigest_update(self_: *mut c_void, buffer: *const u8, length: usize);
    fn zdigest_data(self_: *mut c_void) -> *const u8;
    fn zdigest_size(self_: *mut c_void) -> usize;
    fn zdigest_string(self_: *mut c_void) -> *mut c_char;

    fn zrex_new(expression: *const c_char) -> *mut c_void;
    fn zrex_destroy(self_p: *mut *mut c_void);
    fn zrex_valid(self_: *mut c_void) -> bool;
    fn zrex_strerror(self_: *mut c_void) -> *const c_char;
    fn zrex_matches(self_: *mut c_void, text: *const c_char) -> bool;
    fn zrex_eq(self_: *mut c_void, text: *const c_char, expression: *const c_char) -> bool;
    fn zrex_hits(self_: *mut c_void) -> c_int;
    fn zrex_hit(self_: *mut c_void, index: c_uint) -> *const c_char;
    fn zrex_fetch(self_: *mut c_void, string_p: *mut *const c_char, ...) -> c_int;

    fn zframe_new(data: *const c_void, size: usize) -> *mut c_void;
    fn zframe_destroy(self_p: *mut *mut c_void);
}

/// A C string lent by the library, as text.
///
/// # Safety
/// `p` is a non-NULL NUL-terminated string alive for the call.
unsafe fn text(p: *const c_char) -> String {
    assert!(!p.is_null());
    // SAFETY: per the contract.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// A malloc'd C string from the library, as text; freed here.
///
/// # Safety
/// `p` is NULL or a string from the library's malloc.
unsafe fn take(p: *mut c_char) -> Option<String> {
    if p.is_null() {
        return None;
    }
    // SAFETY: per the contract.
    let s = unsafe { text(p) };
    // SAFETY: the string came from libc's malloc (ffi::malloc_bytes).
    unsafe { libc::free(p.cast()) };
    Some(s)
}

#[test]
fn zuuid_null_and_bad_text() {
    // SAFETY: every pointer is NULL, a live zuuid_t, or a valid C string.
    unsafe {
        assert!(zuuid_new_from(null()).is_null());
        assert!(zuuid_dup(null_mut()).is_null());
        assert!(zuuid_str(null_mut()).is_null());
        assert!(zuuid_str_canonical(null_mut()).is_null());
        assert!(zuuid_data(null_mut()).is_null());
        assert_eq!(zuuid_size(null_mut()), 0);
        assert_eq!(zuuid_set_str(null_mut(), c"00".as_ptr()), -1);
        assert!(!zuuid_eq(null_mut(), null()));
        assert!(!zuuid_neq(null_mut(), null()));
        zuuid_set(null_mut(), null());
        zuuid_export(null_mut(), null_mut());
        zuuid_destroy(null_mut());
        let mut nothing: *mut c_void = null_mut();
        zuuid_destroy(&mut nothing);

        let mut uuid = zuuid_new();
        assert!(!uuid.is_null());
        assert_eq!(zuuid_size(uuid), 16);
        let before = text(zuuid_str(uuid));
        assert_eq!(zuuid_set_str(uuid, null()), -1);
        assert_eq!(zuuid_set_str(uuid, c"not a uuid".as_ptr()), -1);
        assert_eq!(zuuid_set_str(uuid, c"0123".as_ptr()), -1);
        assert_eq!(text(zuuid_str(uuid)), before);
        assert_eq!(
            zuuid_set_str(uuid, c"{8cb3e9a9-649b-4bef-8de2-25e9c2cebb38}".as_ptr()),
            0
        );
        assert_eq!(text(zuuid_str(uuid)), "8CB3E9A9649B4BEF8DE225E9C2CEBB38");
        assert_eq!(
            text(zuuid_str_canonical(uuid)),
            "8cb3e9a9-649b-4bef-8de2-25e9c2cebb38"
        );
        let mut bytes = [0u8; 16];
        zuuid_export(uuid, bytes.as_mut_ptr());
        assert!(zuuid_eq(uuid, bytes.as_ptr()) && !zuuid_neq(uuid, bytes.as_ptr()));
        assert!(!zuuid_eq(uuid, null()));
        let mut copy = zuuid_dup(uuid);
        assert!(zuuid_eq(copy, zuuid_data(uuid)));
        zuuid_destroy(&mut copy);
        zuuid_destroy(&mut uuid);
        assert!(uuid.is_null());
    }
}

#[test]
fn zchunk_null_and_foreign_objects() {
    // SAFETY: every pointer is NULL, a live object of this library, or a
    // valid C string / buffer of the stated size.
    unsafe {
        assert_eq!(zchunk_size(null_mut()), 0);
        assert_eq!(zchunk_max_size(null_mut()), 0);
        assert!(zchunk_data(null_mut()).is_null());
        assert_eq!(zchunk_set(null_mut(), null(), 3), 0);
        assert_eq!(zchunk_append(null_mut(), c"ab".as_ptr().cast(), 2), 0);
        assert_eq!(zchunk_extend(null_mut(), c"ab".as_ptr().cast(), 2), 0);
        assert_eq!(zchunk_consume(null_mut(), null_mut()), 0);
        assert!(!zchunk_exhausted(null_mut()));
        assert!(zchunk_read(null_mut(), 10).is_null());
        assert_eq!(zchunk_write(null_mut(), null_mut()), -1);
        assert!(zchunk_slurp(null(), 0).is_null());
        assert!(zchunk_slurp(c"/nonexistent/czmq-rs/file".as_ptr(), 0).is_null());
        assert!(zchunk_dup(null_mut()).is_null());
        assert!(take(zchunk_strhex(null_mut())).is_none());
        assert!(take(zchunk_strdup(null_mut())).is_none());
        assert!(!zchunk_streq(null_mut(), c"x".as_ptr()));
        assert!(zchunk_pack(null_mut()).is_null());
        assert!(zchunk_unpack(null_mut()).is_null());
        assert!(zchunk_digest(null_mut()).is_null());
        assert!(!zchunk_is(null_mut()));
        zchunk_fprint(null_mut(), null_mut());
        zchunk_print(null_mut());
        zchunk_destroy(null_mut());

        // Too large to allocate: NULL (as CZMQ's malloc failure), or for
        // resize, the chunk unchanged.
        assert!(zchunk_new(null(), usize::MAX).is_null());
        let mut chunk = zchunk_new(null(), 4);
        zchunk_resize(chunk, usize::MAX);
        assert_eq!(zchunk_max_size(chunk), 4);
        assert!(zchunk_is(chunk));
        assert!(!zchunk_streq(chunk, null()));
        assert_eq!(zchunk_append(chunk, null(), 5), 0);
        assert_eq!(zchunk_append(chunk, c"abcdef".as_ptr().cast(), 6), 4);
        assert_eq!(zchunk_write(chunk, null_mut()), -1);
        zchunk_fprint(chunk, null_mut());
        // Bytes of the chunk itself, appended to itself.
        assert_eq!(zchunk_set(chunk, zchunk_data(chunk).cast(), 2), 2);
        assert_eq!(zchunk_extend(chunk, zchunk_data(chunk).cast(), 2), 4);
        assert!(zchunk_streq(chunk, c"abab".as_ptr()));
        // Full (max size 4): consuming itself adds nothing.
        assert_eq!(zchunk_consume(chunk, chunk), 4);
        assert_eq!(zchunk_consume(chunk, null_mut()), 4);
        assert!(!zchunk_exhausted(chunk));
        assert_eq!(take(zchunk_strhex(chunk)).unwrap(), "61626162");

        // A frame is not a chunk, and the reverse.
        let mut frame = zframe_new(c"abc".as_ptr().cast(), 3);
        assert!(!zchunk_is(frame));
        assert_eq!(zchunk_size(frame), 0);
        let mut from_frame = zchunk_unpack(frame);
        assert!(zchunk_streq(from_frame, c"abc".as_ptr()));
        assert!(zchunk_unpack(chunk).is_null());
        let mut not_a_chunk = frame;
        zchunk_destroy(&mut not_a_chunk); // logged and left alone
        assert!(!not_a_chunk.is_null());
        zframe_destroy(&mut frame);
        zchunk_destroy(&mut from_frame);
        zchunk_destroy(&mut chunk);
        assert!(chunk.is_null());
    }
}

#[test]
fn zchunk_through_c_files() {
    let dir = std::env::temp_dir().join(format!("czmq-rs-c-utilities-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file_path = dir.join("chunk");
    let path = std::ffi::CString::new(file_path.to_str().unwrap()).unwrap();
    // SAFETY: valid C strings, live chunks, FILE handles checked for NULL
    // and closed once.
    unsafe {
        let mut chunk = zchunk_new(c"hello, C file".as_ptr().cast(), 13);
        let file = libc::fopen(path.as_ptr(), c"w".as_ptr());
        assert!(!file.is_null());
        assert_eq!(zchunk_write(chunk, file), 0);
        zchunk_fprint(chunk, file);
        libc::fclose(file);
        let mut slurped = zchunk_slurp(path.as_ptr(), 13);
        assert!(zchunk_streq(slurped, c"hello, C file".as_ptr()));
        let file = libc::fopen(path.as_ptr(), c"r".as_ptr());
        let mut read = zchunk_read(file, 5);
        libc::fclose(file);
        assert!(zchunk_streq(read, c"hello".as_ptr()));
        assert_eq!(text(zchunk_digest(chunk)), text(zchunk_digest(slurped)));
        zchunk_destroy(&mut read);
        zchunk_destroy(&mut slurped);
        zchunk_destroy(&mut chunk);
    }
    let dump = std::fs::read_to_string(&file_path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(dump.ends_with("[013] hello, C file\n"), "{dump}");
}

#[test]
fn zarmour_malformed_text_gives_null() {
    // SAFETY: every pointer is NULL, a live zarmour_t, or a valid C string.
    unsafe {
        assert!(take(zarmour_encode(null_mut(), c"x".as_ptr().cast(), 1)).is_none());
        assert!(zarmour_decode(null_mut(), c"Zg==".as_ptr()).is_null());
        assert_eq!(zarmour_mode(null_mut()), -1);
        assert!(zarmour_mode_str(null_mut()).is_null());
        assert_eq!(zarmour_pad_char(null_mut()), 0);
        assert_eq!(zarmour_line_length(null_mut()), 0);
        zarmour_set_mode(null_mut(), 1);
        zarmour_print(null_mut());
        zarmour_destroy(null_mut());

        let mut armour = zarmour_new();
        assert!(take(zarmour_encode(armour, null(), 3)).is_none());
        assert!(zarmour_decode(armour, null()).is_null());
        zarmour_set_mode(armour, 42); // unknown: ignored
        assert_eq!(zarmour_mode(armour), 0);
        zarmour_set_pad_char(armour, -89i8 as c_char); // not ASCII: ignored
        assert_eq!(zarmour_pad_char(armour), b'=' as c_char);
        for (mode, name, bad) in [
            (0, "base64", c"Zm9v*"),
            (1, "base64url", c"Z"),
            (2, "base32", c"MZX"),
            (3, "base32hex", c"WWW"),
            (4, "base16", c"ABC"),
            (5, "z85", c"Hell,"),
        ] {
            zarmour_set_mode(armour, mode);
            assert_eq!(text(zarmour_mode_str(armour)), name);
            assert!(zarmour_decode(armour, bad.as_ptr()).is_null(), "{name}");
        }
        // Z85 takes whole 4-byte groups only (CZMQ asserts).
        assert!(take(zarmour_encode(armour, c"abc".as_ptr().cast(), 3)).is_none());
        let encoded = zarmour_encode(armour, [0x86u8, 0x4F, 0xD2, 0x6F].as_ptr(), 4);
        assert_eq!(take(encoded).unwrap(), "Hello");
        // Decoded bytes come with a NUL counted in the size, as CZMQ's.
        let mut chunk = zarmour_decode(armour, c"Hello".as_ptr());
        assert_eq!(zchunk_size(chunk), 5);
        zchunk_destroy(&mut chunk);
        zarmour_destroy(&mut armour);
        assert!(armour.is_null());
    }
}

#[test]
fn zdigest_null_and_updates_after_reading() {
    // SAFETY: every pointer is NULL, a live zdigest_t, or a valid buffer.
    unsafe {
        zdigest_update(null_mut(), c"x".as_ptr().cast(), 1);
        assert!(zdigest_data(null_mut()).is_null());
        assert_eq!(zdigest_size(null_mut()), 0);
        assert!(zdigest_string(null_mut()).is_null());
        zdigest_destroy(null_mut());

        let mut digest = zdigest_new();
        zdigest_update(digest, null(), 10);
        assert_eq!(zdigest_size(digest), 20);
        zdigest_update(digest, c"a".as_ptr().cast(), 1);
        let _ = text(zdigest_string(digest));
        zdigest_update(digest, c"bc".as_ptr().cast(), 2);
        assert_eq!(
            text(zdigest_string(digest)),
            "A9993E364706816ABA3E25717850C26C9CD0D89D"
        );
        assert_eq!(*zdigest_data(digest), 0xA9);
        zdigest_destroy(&mut digest);
        assert!(digest.is_null());
    }
}

#[test]
fn zrex_null_invalid_and_fetch() {
    // SAFETY: every pointer is NULL, a live zrex_t, or a valid C string;
    // zrex_fetch's list ends with NULL.
    unsafe {
        assert!(!zrex_valid(null_mut()));
        assert!(zrex_strerror(null_mut()).is_null());
        assert!(!zrex_matches(null_mut(), c"x".as_ptr()));
        assert!(!zrex_eq(null_mut(), c"x".as_ptr(), c"x".as_ptr()));
        assert_eq!(zrex_hits(null_mut()), 0);
        assert!(zrex_hit(null_mut(), 0).is_null());
        zrex_destroy(null_mut());

        let mut rex = zrex_new(c"(unclosed".as_ptr());
        assert!(!zrex_valid(rex));
        assert_eq!(text(zrex_strerror(rex)), "No closing bracket");
        assert!(!zrex_matches(rex, c"unclosed".as_ptr()));
        assert!(!zrex_matches(rex, null()));
        assert!(!zrex_eq(rex, null(), c"x".as_ptr()));
        assert!(!zrex_eq(rex, c"x".as_ptr(), null()));
        assert!(zrex_eq(
            rex,
            c"key=value".as_ptr(),
            c"(\\w+)=(\\w+)".as_ptr()
        ));
        assert!(zrex_valid(rex));
        assert_eq!(zrex_hits(rex), 3);
        let (mut key, mut value, mut past): (*const c_char, *const c_char, *const c_char) =
            (null(), null(), c"set".as_ptr());
        let given = zrex_fetch(
            rex,
            &mut key,
            &mut value as *mut *const c_char,
            &mut past as *mut *const c_char,
            null_mut::<*const c_char>(),
        );
        assert_eq!(given, 3);
        assert_eq!((text(key), text(value)), ("key".into(), "value".into()));
        assert!(past.is_null());
        // A hit passed back in as the text to match.
        assert!(zrex_matches(rex, zrex_hit(rex, 0)));
        assert_eq!(text(zrex_hit(rex, 2)), "value");
        zrex_destroy(&mut rex);
        assert!(rex.is_null());
    }
}
