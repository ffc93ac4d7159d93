//! CZMQ's containers (zhash, zhashx, zlist, zlistx) through their C
//! functions, called from Rust: NULL arguments, duplicate keys, callbacks,
//! changes while iterating, zlistx handles, CZMQ's file and packed formats
//! (exact bytes), malformed packed data. The #[ignore]d `debian_czmq_*`
//! test packs and unpacks against Debian's real CZMQ (libczmq-dev).
//! CZMQ's own selftests of these classes run in tests/czmq_selftest.rs.

use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

// Links the C face into this test binary.
use czmq_capi as _;

type P = *mut c_void;
type FreeFn = unsafe extern "C" fn(*mut c_void);
type DestructorFn = unsafe extern "C" fn(*mut *mut c_void);
type DuplicatorFn = unsafe extern "C" fn(*const c_void) -> *mut c_void;
type ComparatorFn = unsafe extern "C" fn(*const c_void, *const c_void) -> c_int;
type HashFn = unsafe extern "C" fn(*const c_void) -> usize;
type ListCompareFn = unsafe extern "C" fn(*mut c_void, *mut c_void) -> c_int;
type SerializerFn = unsafe extern "C" fn(*const c_void) -> *mut c_char;
type DeserializerFn = unsafe extern "C" fn(*const c_char) -> *mut c_void;

extern "C" {
    fn zframe_new(data: *const c_void, size: usize) -> P;
    fn zframe_size(frame: P) -> usize;
    fn zframe_data(frame: P) -> *mut u8;
    fn zframe_destroy(frame: *mut P);

    fn zhash_new() -> P;
    fn zhash_unpack(frame: P) -> P;
    fn zhash_destroy(hash: *mut P);
    fn zhash_insert(hash: P, key: *const c_char, item: P) -> c_int;
    fn zhash_update(hash: P, key: *const c_char, item: P);
    fn zhash_delete(hash: P, key: *const c_char);
    fn zhash_lookup(hash: P, key: *const c_char) -> P;
    fn zhash_rename(hash: P, old: *const c_char, new: *const c_char) -> c_int;
    fn zhash_freefn(hash: P, key: *const c_char, f: Option<FreeFn>) -> P;
    fn zhash_size(hash: P) -> usize;
    fn zhash_dup(hash: P) -> P;
    fn zhash_keys(hash: P) -> P;
    fn zhash_first(hash: P) -> P;
    fn zhash_next(hash: P) -> P;
    fn zhash_cursor(hash: P) -> *const c_char;
    fn zhash_comment(hash: P, format: *const c_char, ...);
    fn zhash_pack(hash: P) -> P;
    fn zhash_save(hash: P, filename: *const c_char) -> c_int;
    fn zhash_load(hash: P, filename: *const c_char) -> c_int;
    fn zhash_refresh(hash: P) -> c_int;
    fn zhash_autofree(hash: P);

    fn zhashx_new() -> P;
    fn zhashx_unpack(frame: P) -> P;
    fn zhashx_unpack_own(frame: P, f: Option<DeserializerFn>) -> P;
    fn zhashx_destroy(hash: *mut P);
    fn zhashx_insert(hash: P, key: *const c_void, item: P) -> c_int;
    fn zhashx_update(hash: P, key: *const c_void, item: P);
    fn zhashx_delete(hash: P, key: *const c_void);
    fn zhashx_purge(hash: P);
    fn zhashx_lookup(hash: P, key: *const c_void) -> P;
    fn zhashx_rename(hash: P, old: *const c_void, new: *const c_void) -> c_int;
    fn zhashx_freefn(hash: P, key: *const c_void, f: Option<FreeFn>) -> P;
    fn zhashx_size(hash: P) -> usize;
    fn zhashx_keys(hash: P) -> P;
    fn zhashx_values(hash: P) -> P;
    fn zhashx_first(hash: P) -> P;
    fn zhashx_next(hash: P) -> P;
    fn zhashx_cursor(hash: P) -> *const c_void;
    fn zhashx_comment(hash: P, format: *const c_char, ...);
    fn zhashx_save(hash: P, filename: *const c_char) -> c_int;
    fn zhashx_load(hash: P, filename: *const c_char) -> c_int;
    fn zhashx_pack(hash: P) -> P;
    fn zhashx_pack_own(hash: P, f: Option<SerializerFn>) -> P;
    fn zhashx_dup(hash: P) -> P;
    fn zhashx_dup_v2(hash: P) -> P;
    fn zhashx_set_destructor(hash: P, f: Option<DestructorFn>);
    fn zhashx_set_duplicator(hash: P, f: Option<DuplicatorFn>);
    fn zhashx_set_key_destructor(hash: P, f: Option<DestructorFn>);
    fn zhashx_set_key_duplicator(hash: P, f: Option<DuplicatorFn>);
    fn zhashx_set_key_comparator(hash: P, f: Option<ComparatorFn>);
    fn zhashx_set_key_hasher(hash: P, f: Option<HashFn>);

    fn zlist_new() -> P;
    fn zlist_destroy(list: *mut P);
    fn zlist_first(list: P) -> P;
    fn zlist_next(list: P) -> P;
    fn zlist_last(list: P) -> P;
    fn zlist_head(list: P) -> P;
    fn zlist_tail(list: P) -> P;
    fn zlist_item(list: P) -> P;
    fn zlist_append(list: P, item: P) -> c_int;
    fn zlist_push(list: P, item: P) -> c_int;
    fn zlist_pop(list: P) -> P;
    fn zlist_exists(list: P, item: P) -> bool;
    fn zlist_remove(list: P, item: P);
    fn zlist_dup(list: P) -> P;
    fn zlist_purge(list: P);
    fn zlist_size(list: P) -> usize;
    fn zlist_sort(list: P, f: Option<ListCompareFn>);
    fn zlist_autofree(list: P);
    fn zlist_comparefn(list: P, f: Option<ListCompareFn>);
    fn zlist_freefn(list: P, item: P, f: Option<FreeFn>, at_tail: bool) -> P;

    fn zlistx_new() -> P;
    fn zlistx_destroy(list: *mut P);
    fn zlistx_add_start(list: P, item: P) -> P;
    fn zlistx_add_end(list: P, item: P) -> P;
    fn zlistx_size(list: P) -> usize;
    fn zlistx_head(list: P) -> P;
    fn zlistx_tail(list: P) -> P;
    fn zlistx_first(list: P) -> P;
    fn zlistx_next(list: P) -> P;
    fn zlistx_prev(list: P) -> P;
    fn zlistx_last(list: P) -> P;
    fn zlistx_item(list: P) -> P;
    fn zlistx_cursor(list: P) -> P;
    fn zlistx_handle_item(handle: P) -> P;
    fn zlistx_find(list: P, item: P) -> P;
    fn zlistx_detach(list: P, handle: P) -> P;
    fn zlistx_detach_cur(list: P) -> P;
    fn zlistx_delete(list: P, handle: P) -> c_int;
    fn zlistx_move_start(list: P, handle: P);
    fn zlistx_move_end(list: P, handle: P);
    fn zlistx_purge(list: P);
    fn zlistx_sort(list: P);
    fn zlistx_insert(list: P, item: P, low_value: bool) -> P;
    fn zlistx_reorder(list: P, handle: P, low_value: bool);
    fn zlistx_dup(list: P) -> P;
    fn zlistx_set_destructor(list: P, f: Option<DestructorFn>);
    fn zlistx_set_duplicator(list: P, f: Option<DuplicatorFn>);
    fn zlistx_set_comparator(list: P, f: Option<ComparatorFn>);
    fn zlistx_pack(list: P) -> P;
    fn zlistx_unpack(frame: P) -> P;

    fn strdup(s: *const c_char) -> *mut c_char;
    fn strcmp(a: *const c_char, b: *const c_char) -> c_int;
    fn free(p: *mut c_void);
}

/// A C string literal as an item or key.
macro_rules! c {
    ($s:literal) => {
        concat!($s, "\0").as_ptr() as *const c_char
    };
}

fn item(s: *const c_char) -> P {
    s as P
}

/// The C string at `p` (panics on NULL).
fn text(p: *const c_void) -> String {
    assert!(!p.is_null(), "expected a string, got NULL");
    // SAFETY: the containers under test hand back the C strings stored.
    unsafe { CStr::from_ptr(p as *const c_char) }
        .to_string_lossy()
        .into_owned()
}

fn frame(bytes: &[u8]) -> P {
    // SAFETY: bytes is readable for its length.
    let frame = unsafe { zframe_new(bytes.as_ptr().cast(), bytes.len()) };
    assert!(!frame.is_null());
    frame
}

fn frame_bytes(frame: P) -> Vec<u8> {
    assert!(!frame.is_null());
    // SAFETY: a live frame's data is readable for its size.
    unsafe { std::slice::from_raw_parts(zframe_data(frame), zframe_size(frame)).to_vec() }
}

fn scratch_file(name: &str) -> (PathBuf, CString) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("containers");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}-{}", std::process::id()));
    let c = CString::new(path.to_str().unwrap()).unwrap();
    (path, c)
}

// Counters for the callbacks: each test that uses one holds COUNTING.
static COUNTING: Mutex<()> = Mutex::new(());
static FREED: AtomicUsize = AtomicUsize::new(0);

unsafe extern "C" fn count_free(item: *mut c_void) {
    FREED.fetch_add(1, Ordering::SeqCst);
    // SAFETY: the tests give this free function only strdup'd items.
    unsafe { free(item) };
}

unsafe extern "C" fn count_destroy(item: *mut *mut c_void) {
    FREED.fetch_add(1, Ordering::SeqCst);
    // SAFETY: the tests give this destructor only strdup'd items.
    unsafe {
        free(*item);
        *item = std::ptr::null_mut();
    }
}

unsafe extern "C" fn c_strdup(item: *const c_void) -> *mut c_void {
    // SAFETY: string items.
    unsafe { strdup(item.cast()) as P }
}

unsafe extern "C" fn c_strcmp(a: *const c_void, b: *const c_void) -> c_int {
    // SAFETY: string items.
    unsafe { strcmp(a.cast(), b.cast()) }
}

unsafe extern "C" fn list_strcmp(a: *mut c_void, b: *mut c_void) -> c_int {
    // SAFETY: string items.
    unsafe { strcmp(a as *const c_char, b as *const c_char) }
}

#[test]
fn null_arguments_give_czmq_error_values() {
    let null = std::ptr::null_mut();
    // SAFETY: NULL is a valid argument to every function here.
    unsafe {
        assert_eq!(zhash_insert(null, c!("k"), null), -1);
        assert!(zhash_lookup(null, c!("k")).is_null());
        assert_eq!(zhash_size(null), 0);
        assert!(zhash_unpack(null).is_null());
        assert!(zhash_pack(null).is_null());
        assert!(zhash_dup(null).is_null());
        assert!(zhash_keys(null).is_null());
        assert!(zhash_first(null).is_null());
        assert!(zhash_cursor(null).is_null());
        assert_eq!(zhash_save(null, c!("x")), -1);
        assert_eq!(zhash_refresh(null), -1);
        zhash_comment(null, c!("%s"), c!("x"));
        zhash_destroy(std::ptr::null_mut());
        let mut none: P = null;
        zhash_destroy(&mut none);

        let mut hash = zhash_new();
        assert_eq!(zhash_insert(hash, std::ptr::null(), item(c!("v"))), -1);
        assert!(zhash_lookup(hash, std::ptr::null()).is_null());
        assert_eq!(zhash_rename(hash, c!("a"), std::ptr::null()), -1);
        assert_eq!(zhash_load(hash, std::ptr::null()), -1);
        assert_eq!(zhash_save(hash, std::ptr::null()), -1);
        zhash_delete(hash, std::ptr::null());
        zhash_update(hash, std::ptr::null(), null);
        assert_eq!(zhash_size(hash), 0);
        zhash_destroy(&mut hash);
        assert!(hash.is_null());

        assert_eq!(zhashx_insert(null, c!("k").cast(), null), -1);
        assert!(zhashx_lookup(null, c!("k").cast()).is_null());
        assert_eq!(zhashx_size(null), 0);
        assert!(zhashx_unpack(null).is_null());
        assert!(zhashx_pack(null).is_null());
        assert!(zhashx_keys(null).is_null());
        assert!(zhashx_values(null).is_null());
        assert!(zhashx_dup(null).is_null());
        assert!(zhashx_dup_v2(null).is_null());
        zhashx_purge(null);
        let mut hashx = zhashx_new();
        assert_eq!(zhashx_insert(hashx, std::ptr::null(), null), -1);
        assert!(zhashx_lookup(hashx, std::ptr::null()).is_null());
        zhashx_delete(hashx, std::ptr::null());
        zhashx_destroy(&mut hashx);
        zhashx_destroy(&mut hashx);

        assert_eq!(zlist_append(null, item(c!("x"))), -1);
        assert_eq!(zlist_push(null, item(c!("x"))), -1);
        assert!(zlist_pop(null).is_null());
        assert!(zlist_first(null).is_null());
        assert!(!zlist_exists(null, item(c!("x"))));
        assert_eq!(zlist_size(null), 0);
        assert!(zlist_dup(null).is_null());
        zlist_sort(null, None);
        let mut list = zlist_new();
        assert_eq!(zlist_append(list, null), -1);
        assert_eq!(zlist_push(list, null), -1);
        assert!(!zlist_exists(list, null));
        zlist_remove(list, null);
        assert!(zlist_freefn(list, null, None, false).is_null());
        zlist_destroy(&mut list);
        zlist_destroy(&mut list);

        assert!(zlistx_add_end(null, item(c!("x"))).is_null());
        assert_eq!(zlistx_size(null), 0);
        assert!(zlistx_handle_item(null).is_null());
        assert!(zlistx_dup(null).is_null());
        assert!(zlistx_unpack(null).is_null());
        let mut listx = zlistx_new();
        assert!(zlistx_add_end(listx, null).is_null());
        assert!(zlistx_add_start(listx, null).is_null());
        assert!(zlistx_find(listx, null).is_null());
        assert_eq!(zlistx_delete(listx, null), -1);
        assert!(zlistx_detach(listx, null).is_null());
        assert!(zlistx_detach_cur(listx).is_null());
        zlistx_move_start(listx, null);
        zlistx_reorder(listx, null, true);
        zlistx_destroy(&mut listx);
        zlistx_destroy(&mut listx);
    }
}

#[test]
fn zhash_duplicate_keys_update_rename_and_free_functions() {
    let _lock = COUNTING.lock().unwrap_or_else(|p| p.into_inner());
    FREED.store(0, Ordering::SeqCst);
    // SAFETY: valid tables, NUL-terminated keys, strdup'd items.
    unsafe {
        let mut hash = zhash_new();
        assert_eq!(zhash_insert(hash, c!("a"), strdup(c!("one")).cast()), 0);
        assert!(!zhash_freefn(hash, c!("a"), Some(count_free)).is_null());
        let dup = strdup(c!("dup")).cast();
        assert_eq!(zhash_insert(hash, c!("a"), dup), -1);
        free(dup);
        assert_eq!(text(zhash_lookup(hash, c!("a"))), "one");
        // update frees the old item with its free function
        zhash_update(hash, c!("a"), strdup(c!("two")).cast());
        assert_eq!(FREED.load(Ordering::SeqCst), 1);
        assert_eq!(text(zhash_lookup(hash, c!("a"))), "two");
        // its free function stays with the key
        assert_eq!(zhash_rename(hash, c!("a"), c!("b")), 0);
        assert!(zhash_lookup(hash, c!("a")).is_null());
        assert_eq!(zhash_rename(hash, c!("nope"), c!("c")), -1);
        assert_eq!(zhash_insert(hash, c!("c"), item(c!("static"))), 0);
        assert_eq!(zhash_rename(hash, c!("b"), c!("c")), -1);
        zhash_delete(hash, c!("b"));
        assert_eq!(FREED.load(Ordering::SeqCst), 2);
        zhash_delete(hash, c!("b"));
        assert_eq!(zhash_size(hash), 1);
        assert!(zhash_freefn(hash, c!("gone"), Some(count_free)).is_null());
        zhash_destroy(&mut hash);
        assert_eq!(FREED.load(Ordering::SeqCst), 2, "static item not freed");
    }
}

#[test]
fn zhash_iteration_survives_deletes_and_inserts() {
    // SAFETY: a valid table, NUL-terminated keys; autofree copies items.
    unsafe {
        let mut hash = zhash_new();
        zhash_autofree(hash);
        assert!(zhash_first(hash).is_null());
        assert!(zhash_cursor(hash).is_null());
        let keys: Vec<CString> = (0..500)
            .map(|n| CString::new(format!("key-{n}")).unwrap())
            .collect();
        for key in &keys {
            assert_eq!(zhash_insert(hash, key.as_ptr(), key.as_ptr() as P), 0);
        }
        let mut seen = Vec::new();
        let mut value = zhash_first(hash);
        let mut steps = 0;
        while !value.is_null() && steps < 10_000 {
            steps += 1;
            let key = text(zhash_cursor(hash).cast());
            assert_eq!(text(value), key, "autofree items are copies of the keys");
            seen.push(key.clone());
            let Ok(n) = key[4..].parse::<usize>() else {
                value = zhash_next(hash);
                continue;
            };
            // Deleting two in three compacts the table mid-iteration.
            if !n.is_multiple_of(3) {
                zhash_delete(hash, zhash_cursor(hash));
                assert!(zhash_cursor(hash).is_null());
            }
            if n == 10 {
                // inserted during the iteration: visited later
                zhash_insert(hash, c!("late"), item(c!("late")));
            }
            value = zhash_next(hash);
        }
        assert_eq!(seen.len(), 501);
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 501, "each entry visited once");
        assert_eq!(zhash_size(hash), 168);
        assert!(zhash_next(hash).is_null(), "stays at the end");

        let mut keys_list = zhash_keys(hash);
        assert_eq!(zlist_size(keys_list), 168);
        assert_eq!(text(zlist_first(keys_list)), "key-0");
        assert_eq!(text(zlist_last(keys_list)), "late");
        zlist_destroy(&mut keys_list);

        let mut copy = zhash_dup(hash);
        assert_eq!(zhash_size(copy), 168);
        assert_eq!(text(zhash_lookup(copy, c!("late"))), "late");
        zhash_destroy(&mut copy);
        zhash_destroy(&mut hash);
    }
}

/// The packed bytes of one item, as CZMQ writes them.
const PACKED_ONE: &[u8] = b"\x00\x00\x00\x01\x03key\x00\x00\x00\x05value";

#[test]
fn zhash_pack_is_czmqs_dictionary_format() {
    // SAFETY: valid tables and frames.
    unsafe {
        let mut hash = zhash_new();
        zhash_insert(hash, c!("key"), item(c!("value")));
        let mut packed = zhash_pack(hash);
        assert_eq!(frame_bytes(packed), PACKED_ONE);
        zframe_destroy(&mut packed);
        zhash_destroy(&mut hash);

        let mut empty = zhash_new();
        let mut packed = zhash_pack(empty);
        assert_eq!(frame_bytes(packed), b"\0\0\0\0");
        zframe_destroy(&mut packed);
        zhash_destroy(&mut empty);

        // A name is one length octet: longer keys cannot be packed.
        let mut hash = zhash_new();
        let long = CString::new("k".repeat(256)).unwrap();
        zhash_insert(hash, long.as_ptr(), item(c!("v")));
        assert!(zhash_pack(hash).is_null());
        let mut hashx = zhashx_new();
        zhashx_insert(hashx, long.as_ptr().cast(), item(c!("v")));
        assert!(zhashx_pack(hashx).is_null());
        zhashx_destroy(&mut hashx);
        zhash_destroy(&mut hash);
    }
}

#[test]
fn pack_round_trips_and_zhash_and_zhashx_read_each_other() {
    // SAFETY: valid tables and frames, string items.
    unsafe {
        let mut hash = zhash_new();
        for n in 0..100 {
            let key = CString::new(format!("k{n}")).unwrap();
            let value = CString::new("v".repeat(n)).unwrap();
            zhash_insert(hash, key.as_ptr(), strdup(value.as_ptr()).cast());
        }
        zhash_autofree(hash);
        let mut packed = zhash_pack(hash);
        let mut back = zhash_unpack(packed);
        let mut backx = zhashx_unpack(packed);
        zframe_destroy(&mut packed);
        assert_eq!(zhash_size(back), 100);
        assert_eq!(zhashx_size(backx), 100);
        assert_eq!(text(zhash_lookup(back, c!("k7"))), "vvvvvvv");
        assert_eq!(text(zhashx_lookup(backx, c!("k7").cast())), "vvvvvvv");
        assert_eq!(text(zhash_lookup(back, c!("k0"))), "");
        let mut repacked = zhashx_pack(backx);
        let mut again = zhash_unpack(repacked);
        assert_eq!(zhash_size(again), 100);
        zframe_destroy(&mut repacked);
        zhash_destroy(&mut again);
        zhashx_destroy(&mut backx);
        zhash_destroy(&mut back);
        zhash_destroy(&mut hash);
    }
}

#[test]
fn malformed_packed_data_gives_null_never_a_crash() {
    let cases: &[&[u8]] = &[
        b"\x00\x00\x00\x01",
        b"\x00\x00\x00\x01\x03ke",
        b"\x00\x00\x00\x01\x03key\x00\x00",
        b"\x00\x00\x00\x01\x03key\x00\x00\x00\x09value",
        b"\xff\xff\xff\xff\x01k\x00\x00\x00\x00",
        b"\x00\x00\x00\x02\x01k\x00\x00\x00\x01a\x01k\x00\x00\x00\x01b", // duplicate key
        b"\x00\x00\x00\x02\x02k\x00\x00\x00\x00\x01\x01k\x00\x00\x00\x00", // "k\0" == "k"
    ];
    // SAFETY: valid frames.
    unsafe {
        for case in cases {
            let mut f = frame(case);
            assert!(zhash_unpack(f).is_null(), "zhash_unpack accepted {case:?}");
            assert!(
                zhashx_unpack(f).is_null(),
                "zhashx_unpack accepted {case:?}"
            );
            zframe_destroy(&mut f);
        }
        // Every truncation of a valid frame: NULL, or (under 4 bytes, as
        // CZMQ) an empty table.
        for len in 0..PACKED_ONE.len() {
            let mut f = frame(&PACKED_ONE[..len]);
            let mut hash = zhash_unpack(f);
            let mut hashx = zhashx_unpack(f);
            if len < 4 {
                assert_eq!(zhash_size(hash), 0);
                assert_eq!(zhashx_size(hashx), 0);
            } else {
                assert!(hash.is_null() && hashx.is_null(), "len {len}");
            }
            zhash_destroy(&mut hash);
            zhashx_destroy(&mut hashx);
            zframe_destroy(&mut f);
        }
        // Extra bytes after the last pair are ignored.
        let mut long = PACKED_ONE.to_vec();
        long.extend_from_slice(b"trailing");
        let mut f = frame(&long);
        let mut hash = zhash_unpack(f);
        assert_eq!(zhash_size(hash), 1);
        zhash_destroy(&mut hash);
        zframe_destroy(&mut f);
        // A frame pointer that is not a frame at all.
        let mut not_a_frame = [0u64; 4];
        assert!(zhash_unpack(not_a_frame.as_mut_ptr().cast()).is_null());
    }
}

#[test]
fn zhash_save_writes_comments_and_load_reads_them_back() {
    let (path, cpath) = scratch_file("zhash-save");
    // SAFETY: valid tables, NUL-terminated strings.
    unsafe {
        let mut hash = zhash_new();
        zhash_insert(hash, c!("name"), item(c!("value")));
        zhash_insert(hash, c!("other"), item(c!("a=b")));
        zhash_comment(hash, c!("This is a test file"));
        zhash_comment(hash, c!("Created by %s %d"), c!("test"), 42 as c_int);
        assert_eq!(zhash_save(hash, cpath.as_ptr()), 0);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "#   This is a test file\n#   Created by test 42\n\nname=value\nother=a=b\n"
        );
        zhash_comment(hash, std::ptr::null());
        assert_eq!(zhash_save(hash, cpath.as_ptr()), 0);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "name=value\nother=a=b\n"
        );

        std::fs::write(
            &path,
            "# comment=ignored\n=novalue\nnoequals\nname=new\nx=\n",
        )
        .unwrap();
        let mut copy = zhash_new();
        zhash_insert(copy, c!("kept"), strdup(c!("k")).cast());
        assert_eq!(zhash_load(copy, cpath.as_ptr()), 0);
        assert_eq!(zhash_size(copy), 3);
        assert_eq!(text(zhash_lookup(copy, c!("name"))), "new");
        assert_eq!(text(zhash_lookup(copy, c!("x"))), "");
        assert_eq!(zhash_refresh(copy), 0);

        let mut hashx = zhashx_new();
        zhashx_comment(hashx, c!("hashx %s"), c!("comment"));
        zhashx_insert(hashx, c!("a").cast(), item(c!("1")));
        assert_eq!(zhashx_save(hashx, cpath.as_ptr()), 0);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "#   hashx comment\n\na=1\n"
        );
        let mut loaded = zhashx_new();
        assert_eq!(zhashx_load(loaded, cpath.as_ptr()), 0);
        assert_eq!(text(zhashx_lookup(loaded, c!("a").cast())), "1");
        zhashx_destroy(&mut loaded);
        zhashx_destroy(&mut hashx);

        std::fs::remove_file(&path).unwrap();
        let mut missing = zhash_new();
        assert_eq!(zhash_load(missing, cpath.as_ptr()), -1);
        zhash_destroy(&mut missing);
        zhash_destroy(&mut copy);
        zhash_destroy(&mut hash);
    }
}

// Integer keys for zhashx: the key pointer is the number itself.
fn int_key(n: usize) -> *const c_void {
    std::ptr::without_provenance(n)
}
unsafe extern "C" fn int_hash(key: *const c_void) -> usize {
    key as usize
}
unsafe extern "C" fn int_compare(a: *const c_void, b: *const c_void) -> c_int {
    (a as usize).cmp(&(b as usize)) as c_int
}

#[test]
fn zhashx_with_custom_key_callbacks_and_destructors() {
    let _lock = COUNTING.lock().unwrap_or_else(|p| p.into_inner());
    FREED.store(0, Ordering::SeqCst);
    // SAFETY: valid tables; the callbacks match the keys and items used.
    unsafe {
        let mut hash = zhashx_new();
        zhashx_set_key_hasher(hash, Some(int_hash));
        zhashx_set_key_comparator(hash, Some(int_compare));
        zhashx_set_key_duplicator(hash, None);
        zhashx_set_key_destructor(hash, None);
        zhashx_set_destructor(hash, Some(count_destroy));
        zhashx_set_duplicator(hash, Some(c_strdup));
        for n in 1..=1000usize {
            let value = CString::new(n.to_string()).unwrap();
            assert_eq!(zhashx_insert(hash, int_key(n), value.as_ptr() as P), 0);
            assert_eq!(
                zhashx_cursor(hash) as usize,
                n,
                "cursor key is the inserted one"
            );
        }
        assert_eq!(zhashx_insert(hash, int_key(5), item(c!("x"))), -1);
        assert_eq!(text(zhashx_lookup(hash, int_key(777))), "777");
        zhashx_update(hash, int_key(777), item(c!("seven")));
        assert_eq!(FREED.load(Ordering::SeqCst), 1);
        assert_eq!(text(zhashx_lookup(hash, int_key(777))), "seven");
        assert_eq!(zhashx_rename(hash, int_key(777), int_key(5000)), 0);
        assert_eq!(zhashx_cursor(hash) as usize, 5000);
        assert_eq!(zhashx_rename(hash, int_key(1), int_key(2)), -1);
        zhashx_delete(hash, int_key(1));
        assert_eq!(FREED.load(Ordering::SeqCst), 2);
        assert_eq!(zhashx_size(hash), 999);

        // A hasher set later rehashes what is there.
        zhashx_set_key_hasher(hash, Some(int_hash));
        assert_eq!(text(zhashx_lookup(hash, int_key(5000))), "seven");

        let mut keys = zhashx_keys(hash);
        assert_eq!(zlistx_size(keys), 999);
        assert_eq!(zlistx_first(keys) as usize, 2);
        zlistx_destroy(&mut keys);
        let mut values = zhashx_values(hash);
        assert_eq!(zlistx_size(values), 999);
        zlistx_destroy(&mut values); // copies (duplicator), destroyed
        assert_eq!(FREED.load(Ordering::SeqCst), 2 + 999);

        let mut copy = zhashx_dup(hash);
        assert_eq!(zhashx_size(copy), 999);
        assert_eq!(text(zhashx_lookup(copy, int_key(5000))), "seven");
        zhashx_destroy(&mut copy);
        assert_eq!(FREED.load(Ordering::SeqCst), 2 + 2 * 999);

        zhashx_purge(hash);
        assert_eq!(zhashx_size(hash), 0);
        assert_eq!(FREED.load(Ordering::SeqCst), 2 + 3 * 999);
        zhashx_destroy(&mut hash);

        // freefn applies when there is no destructor
        let mut hash = zhashx_new();
        zhashx_insert(hash, c!("k").cast(), strdup(c!("v")).cast());
        assert!(!zhashx_freefn(hash, c!("k").cast(), Some(count_free)).is_null());
        zhashx_destroy(&mut hash);
        assert_eq!(FREED.load(Ordering::SeqCst), 3 + 3 * 999);
    }
}

#[test]
fn zhashx_dup_v2_copies_strings_and_delete_while_iterating() {
    // SAFETY: valid tables, string keys and items.
    unsafe {
        let mut hash = zhashx_new();
        for n in 0..50 {
            let key = CString::new(format!("k{n}")).unwrap();
            zhashx_insert(hash, key.as_ptr().cast(), item(c!("static")));
        }
        let mut copy = zhashx_dup_v2(hash);
        assert_eq!(zhashx_size(copy), 50);
        let stored = zhashx_lookup(copy, c!("k3").cast());
        assert_ne!(stored, item(c!("static")), "dup_v2 copies items");
        assert_eq!(text(stored), "static");
        let mut n = 0;
        let mut value = zhashx_first(copy);
        while !value.is_null() && n < 1000 {
            n += 1;
            zhashx_delete(copy, zhashx_cursor(copy));
            value = zhashx_next(copy);
        }
        assert_eq!(n, 50);
        assert_eq!(zhashx_size(copy), 0);
        zhashx_destroy(&mut copy);
        zhashx_destroy(&mut hash);
    }
}

unsafe extern "C" fn serialize_int(item: *const c_void) -> *mut c_char {
    let text = CString::new((item as usize).to_string()).unwrap();
    // SAFETY: a NUL-terminated string; the caller frees the copy.
    unsafe { strdup(text.as_ptr()) }
}
unsafe extern "C" fn deserialize_int(text: *const c_char) -> *mut c_void {
    // SAFETY: the table passes a NUL-terminated string.
    let text = unsafe { CStr::from_ptr(text) }.to_str().unwrap();
    text.parse::<usize>().unwrap() as P
}

#[test]
fn zhashx_pack_own_and_unpack_own() {
    // SAFETY: valid tables and frames; the callbacks match the items.
    unsafe {
        let mut hash = zhashx_new();
        zhashx_insert(hash, c!("a").cast(), 25 as P);
        zhashx_insert(hash, c!("b").cast(), 100 as P);
        let mut packed = zhashx_pack_own(hash, Some(serialize_int));
        assert_eq!(
            frame_bytes(packed),
            b"\0\0\0\x02\x01a\0\0\0\x0225\x01b\0\0\0\x03100"
        );
        let mut copy = zhashx_unpack_own(packed, Some(deserialize_int));
        zhashx_set_destructor(copy, None);
        assert_eq!(zhashx_lookup(copy, c!("a").cast()) as usize, 25);
        assert_eq!(zhashx_lookup(copy, c!("b").cast()) as usize, 100);
        zhashx_destroy(&mut copy);
        zframe_destroy(&mut packed);
        zhashx_destroy(&mut hash);
    }
}

#[test]
fn zlist_cursor_remove_sort_and_free_functions() {
    let _lock = COUNTING.lock().unwrap_or_else(|p| p.into_inner());
    FREED.store(0, Ordering::SeqCst);
    // SAFETY: valid lists; items are string literals or strdup'd.
    unsafe {
        let mut list = zlist_new();
        let (a, b, c, d) = (item(c!("a")), item(c!("b")), item(c!("c")), item(c!("d")));
        for x in [c, a, d, b] {
            assert_eq!(zlist_append(list, x), 0);
        }
        assert_eq!(
            zlist_next(list),
            c,
            "next with no cursor starts at the head"
        );
        assert_eq!(zlist_next(list), a);
        // removing the cursor's item steps the cursor back
        zlist_remove(list, a);
        assert_eq!(zlist_item(list), c);
        assert_eq!(zlist_next(list), d);
        assert_eq!(zlist_last(list), b);
        assert!(zlist_next(list).is_null());
        assert_eq!(zlist_next(list), c, "wraps to the head");
        zlist_push(list, a);
        assert!(zlist_item(list).is_null(), "push resets the cursor");
        zlist_sort(list, Some(list_strcmp));
        let order: Vec<String> = [
            zlist_first(list),
            zlist_next(list),
            zlist_next(list),
            zlist_next(list),
        ]
        .iter()
        .map(|&p| text(p))
        .collect();
        assert_eq!(order, ["a", "b", "c", "d"]);
        assert_eq!(zlist_head(list), a);
        assert_eq!(zlist_tail(list), d);

        // exists/remove by pointer unless a comparator is set
        let other_a = strdup(c!("a")).cast();
        assert!(!zlist_exists(list, other_a));
        zlist_comparefn(list, Some(list_strcmp));
        assert!(zlist_exists(list, other_a));
        free(other_a);

        // free functions, also at the tail only
        let owned = strdup(c!("e")).cast();
        zlist_append(list, owned);
        assert!(zlist_freefn(list, c, Some(count_free), true).is_null());
        assert_eq!(zlist_freefn(list, owned, Some(count_free), true), owned);
        let mut copy = zlist_dup(list);
        assert_eq!(zlist_size(copy), 5);
        zlist_destroy(&mut copy);
        assert_eq!(FREED.load(Ordering::SeqCst), 0, "copies share items");
        zlist_purge(list);
        assert_eq!(FREED.load(Ordering::SeqCst), 1);
        assert_eq!(zlist_size(list), 0);
        assert!(zlist_pop(list).is_null());
        zlist_destroy(&mut list);

        // autofree: copies in, pop hands the copy over
        let mut list = zlist_new();
        zlist_autofree(list);
        let mut buffer = *b"hello\0";
        zlist_append(list, buffer.as_mut_ptr().cast());
        buffer[0] = b'j';
        let popped = zlist_pop(list);
        assert_eq!(text(popped), "hello");
        assert_eq!(&buffer[..5], b"jello");
        free(popped);
        zlist_append(list, item(c!("left for destroy")));
        let mut copy = zlist_dup(list);
        zlist_destroy(&mut copy);
        zlist_destroy(&mut list);
    }
}

#[test]
fn zlistx_handles_sorted_insert_and_detach_while_iterating() {
    // SAFETY: valid lists and handles; string items with strcmp.
    unsafe {
        let mut list = zlistx_new();
        zlistx_set_comparator(list, Some(c_strcmp));
        zlistx_set_duplicator(list, Some(c_strdup));
        zlistx_set_destructor(list, Some(count_destroy_quiet));
        let words = ["pear", "apple", "fig", "kiwi", "date", "banana"];
        let mut handles = Vec::new();
        for w in words {
            let w = CString::new(w).unwrap();
            handles.push(zlistx_insert(list, w.as_ptr() as P, true));
        }
        let sorted = collect(list);
        assert_eq!(sorted, ["apple", "banana", "date", "fig", "kiwi", "pear"]);
        // inserting from the high end gives the same order
        let h = zlistx_insert(list, item(c!("grape")), false);
        assert_eq!(text(zlistx_handle_item(h)), "grape");
        assert_eq!(collect(list)[4], "grape");
        // handles stay valid while other items move
        zlistx_move_start(list, handles[0]); // pear
        assert_eq!(text(zlistx_head(list)), "pear");
        zlistx_reorder(list, handles[0], false);
        assert_eq!(text(zlistx_tail(list)), "pear");
        zlistx_move_end(list, handles[1]); // apple
        assert_eq!(text(zlistx_last(list)), "apple");
        assert_eq!(text(zlistx_prev(list)), "pear");
        zlistx_sort(list);
        assert_eq!(collect(list).first().map(String::as_str), Some("apple"));

        // find sets the cursor; delete while iterating forwards
        let found = zlistx_find(list, item(c!("fig")));
        assert_eq!(zlistx_cursor(list), found);
        assert_eq!(text(zlistx_item(list)), "fig");
        let mut item_ = zlistx_first(list);
        let mut kept = Vec::new();
        let mut steps = 0;
        while !item_.is_null() && steps < 100 {
            steps += 1;
            let t = text(item_);
            if t.len().is_multiple_of(2) {
                assert_eq!(zlistx_delete(list, zlistx_cursor(list)), 0);
            } else {
                kept.push(t);
            }
            item_ = zlistx_next(list);
        }
        assert_eq!(kept, collect(list));
        assert_eq!(kept, ["apple", "fig", "grape"]);
        let detached = zlistx_detach_cur(list);
        assert_eq!(text(detached), "apple", "no cursor: the first item");
        free(detached);

        // a handle of another list is refused
        let mut other = zlistx_new();
        let foreign = zlistx_add_end(other, item(c!("x")));
        assert_eq!(zlistx_delete(list, foreign), -1);
        assert_eq!(zlistx_size(other), 1);
        zlistx_destroy(&mut other);

        let mut copy = zlistx_dup(list);
        assert_eq!(collect(copy), ["fig", "grape"]);
        let mut packed = zlistx_pack(copy);
        assert_eq!(
            frame_bytes(packed),
            b"\0\0\0\x02\0\0\0\x03fig\0\0\0\x05grape"
        );
        let mut unpacked = zlistx_unpack(packed);
        assert_eq!(collect(unpacked), ["fig", "grape"]);
        zlistx_destroy(&mut unpacked);
        let mut short = frame(b"\0\0\0\x02\0\0\0\x03fig\0\0");
        assert!(zlistx_unpack(short).is_null());
        zframe_destroy(&mut short);
        zframe_destroy(&mut packed);
        zlistx_destroy(&mut copy);
        zlistx_purge(list);
        assert_eq!(zlistx_size(list), 0);
        assert!(zlistx_first(list).is_null());
        zlistx_destroy(&mut list);
    }
}

unsafe extern "C" fn count_destroy_quiet(item: *mut *mut c_void) {
    // SAFETY: strdup'd items.
    unsafe {
        free(*item);
        *item = std::ptr::null_mut();
    }
}

/// The list's items, in order, as text (moves the cursor).
fn collect(list: P) -> Vec<String> {
    let mut out = Vec::new();
    // SAFETY: a valid list of strings.
    unsafe {
        let mut p = zlistx_first(list);
        while !p.is_null() && out.len() < 10_000 {
            out.push(text(p));
            p = zlistx_next(list);
        }
    }
    out
}

/// Packs a zhash with Debian's CZMQ (libczmq-dev), unpacks it with ours,
/// and the other way round. Needs /usr/include/czmq.h and Debian's
/// libczmq: `apt-get install libczmq-dev`.
#[test]
#[ignore = "needs Debian's libczmq-dev"]
fn debian_czmq_packs_and_unpacks_zhash_with_us() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("containers-debian");
    std::fs::create_dir_all(&dir).unwrap();
    let source = dir.join("debian_zhash.c");
    std::fs::write(&source, DEBIAN_PROGRAM).unwrap();
    let binary = dir.join("debian_zhash");
    let flags = Command::new("pkg-config")
        .args(["--cflags", "--libs", "libczmq"])
        .env_remove("PKG_CONFIG_PATH")
        .output()
        .expect("pkg-config");
    assert!(flags.status.success(), "Debian's libczmq-dev is missing");
    let flags = String::from_utf8(flags.stdout).unwrap();
    let out = Command::new("cc")
        .arg(&source)
        .arg("-o")
        .arg(&binary)
        .args(flags.split_whitespace())
        .output()
        .expect("cc");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ldd = Command::new("ldd").arg(&binary).output().unwrap();
    let ldd = String::from_utf8_lossy(&ldd.stdout);
    assert!(
        ldd.lines().any(|l| l.contains("libczmq.so.4 => /")
            && l.contains("lib/")
            && !l.contains(env!("CARGO_MANIFEST_DIR"))),
        "not linked against Debian's CZMQ:\n{ldd}"
    );

    // Debian's CZMQ packs; we unpack.
    let from_czmq = dir.join("from-czmq.bin");
    let status = Command::new(&binary)
        .arg("pack")
        .arg(&from_czmq)
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = std::fs::read(&from_czmq).unwrap();
    // SAFETY: valid frames and tables.
    unsafe {
        let mut f = frame(&bytes);
        let mut hash = zhash_unpack(f);
        assert_eq!(zhash_size(hash), 3);
        assert_eq!(text(zhash_lookup(hash, c!("DEADBEEF"))), "dead beef");
        assert_eq!(text(zhash_lookup(hash, c!("empty"))), "");
        let long = zhash_lookup(hash, c!("long"));
        assert_eq!(text(long), "x".repeat(1000));
        let mut hashx = zhashx_unpack(f);
        assert_eq!(zhashx_size(hashx), 3);
        zhashx_destroy(&mut hashx);
        zframe_destroy(&mut f);

        // We pack; Debian's CZMQ unpacks and checks.
        zhash_insert(hash, c!("ours"), item(c!("rust")));
        let mut packed = zhash_pack(hash);
        let ours = dir.join("from-us.bin");
        std::fs::write(&ours, frame_bytes(packed)).unwrap();
        zframe_destroy(&mut packed);
        zhash_destroy(&mut hash);
        let out = Command::new(&binary)
            .arg("unpack")
            .arg(&ours)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), "unpacked 4\n");
    }
}

/// Built against Debian's CZMQ by the test above.
const DEBIAN_PROGRAM: &str = r#"
#include <czmq.h>
#include <string.h>

int main (int argc, char *argv [])
{
    if (argc != 3)
        return 2;
    if (streq (argv [1], "pack")) {
        zhash_t *hash = zhash_new ();
        zhash_insert (hash, "DEADBEEF", "dead beef");
        zhash_insert (hash, "empty", "");
        char longer [1001];
        memset (longer, 'x', 1000);
        longer [1000] = 0;
        zhash_insert (hash, "long", longer);
        zframe_t *frame = zhash_pack (hash);
        FILE *file = fopen (argv [2], "wb");
        fwrite (zframe_data (frame), 1, zframe_size (frame), file);
        fclose (file);
        zframe_destroy (&frame);
        zhash_destroy (&hash);
        return 0;
    }
    FILE *file = fopen (argv [2], "rb");
    byte buffer [65536];
    size_t size = fread (buffer, 1, sizeof (buffer), file);
    fclose (file);
    zframe_t *frame = zframe_new (buffer, size);
    zhash_t *hash = zhash_unpack (frame);
    zframe_destroy (&frame);
    if (!hash
    ||  !streq ((char *) zhash_lookup (hash, "ours"), "rust")
    ||  !streq ((char *) zhash_lookup (hash, "DEADBEEF"), "dead beef")
    ||  strlen ((char *) zhash_lookup (hash, "long")) != 1000)
        return 1;
    printf ("unpacked %zu\n", zhash_size (hash));
    zhash_destroy (&hash);
    return 0;
}
"#;

/// The fuzz target's property on stable (fuzz/fuzz_targets/zhash_unpack.rs):
/// mutated packed dictionaries and lists give NULL or a container, and a
/// dictionary that unpacks packs to one of the same size. Deterministic.
#[test]
fn mutated_packed_frames_never_crash_unpack() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let valid: &[&[u8]] = &[
        PACKED_ONE,
        b"\0\0\0\x02\x01a\0\0\0\x0225\x01b\0\0\0\x03100",
        b"\0\0\0\x02\0\0\0\x03fig\0\0\0\x05grape",
    ];
    let mut accepted = 0;
    for round in 0..20_000 {
        let mut bytes = valid[round % valid.len()].to_vec();
        for _ in 0..(next() % 4) {
            let at = (next() as usize) % bytes.len().max(1);
            match next() % 3 {
                0 if !bytes.is_empty() => bytes[at] = next() as u8,
                1 => bytes.truncate(at),
                _ => bytes.insert(at.min(bytes.len()), next() as u8),
            }
        }
        // SAFETY: valid frames; every container is destroyed once.
        unsafe {
            let mut f = frame(&bytes);
            let mut hash = zhash_unpack(f);
            let mut hashx = zhashx_unpack(f);
            let mut list = zlistx_unpack(f);
            assert_eq!(hash.is_null(), hashx.is_null(), "{bytes:?}");
            if !hash.is_null() {
                accepted += 1;
                assert_eq!(zhash_size(hash), zhashx_size(hashx));
                let mut packed = zhash_pack(hash);
                let mut again = zhash_unpack(packed);
                assert_eq!(zhash_size(again), zhash_size(hash));
                zhash_destroy(&mut again);
                zframe_destroy(&mut packed);
            }
            zlistx_destroy(&mut list);
            zhashx_destroy(&mut hashx);
            zhash_destroy(&mut hash);
            zframe_destroy(&mut f);
        }
    }
    assert!(accepted > 1000, "only {accepted} inputs unpacked");
}
