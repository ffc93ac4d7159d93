//! Fuzzes the packed formats the C face reads from outside: zhash_unpack,
//! zhashx_unpack (CZMQ's dictionary) and zlistx_unpack (its string list).
//! Any bytes give NULL or a container, never a crash; a dictionary that
//! unpacks packs again and unpacks to the same size.
#![no_main]

use std::ffi::c_void;

use libfuzzer_sys::fuzz_target;

// Links the C face: its #[no_mangle] functions are declared below.
use czmq_capi as _;

type P = *mut c_void;

extern "C" {
    fn zframe_new(data: *const c_void, size: usize) -> P;
    fn zframe_size(frame: P) -> usize;
    fn zframe_destroy(frame: *mut P);
    fn zhash_unpack(frame: P) -> P;
    fn zhash_pack(hash: P) -> P;
    fn zhash_size(hash: P) -> usize;
    fn zhash_destroy(hash: *mut P);
    fn zhashx_unpack(frame: P) -> P;
    fn zhashx_size(hash: P) -> usize;
    fn zhashx_destroy(hash: *mut P);
    fn zlistx_unpack(frame: P) -> P;
    fn zlistx_destroy(list: *mut P);
}

fuzz_target!(|data: &[u8]| {
    // SAFETY: data is readable for its length; every pointer passed on is
    // NULL or came from the functions called, and each is destroyed once.
    unsafe {
        let mut frame = zframe_new(data.as_ptr().cast(), data.len());
        let mut hash = zhash_unpack(frame);
        let mut hashx = zhashx_unpack(frame);
        let mut list = zlistx_unpack(frame);
        assert_eq!(hash.is_null(), hashx.is_null());
        if !hash.is_null() {
            assert_eq!(zhash_size(hash), zhashx_size(hashx));
            let mut packed = zhash_pack(hash);
            assert!(zframe_size(packed) <= data.len().max(4));
            let mut again = zhash_unpack(packed);
            assert_eq!(zhash_size(again), zhash_size(hash));
            zhash_destroy(&mut again);
            zframe_destroy(&mut packed);
        }
        zlistx_destroy(&mut list);
        zhashx_destroy(&mut hashx);
        zhash_destroy(&mut hash);
        zframe_destroy(&mut frame);
    }
});
