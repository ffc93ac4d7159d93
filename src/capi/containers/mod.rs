//! What CZMQ's containers (zhash, zhashx, zlist, zlistx) share: the hash
//! table core, the packed dictionary format and the name=value text file.
//! The containers exist only behind the C face: Rust users have std.

pub(crate) mod cstr;
pub(crate) mod dict;
pub(crate) mod table;
pub(crate) mod textfile;

use std::ffi::{c_int, c_void};

/// CZMQ's `zhashx_destructor_fn` / `zlistx_destructor_fn`: frees `*item`
/// and sets it to NULL.
pub(crate) type DestructorFn = unsafe extern "C" fn(*mut *mut c_void);
/// CZMQ's `zhashx_duplicator_fn` / `zlistx_duplicator_fn`.
pub(crate) type DuplicatorFn = unsafe extern "C" fn(*const c_void) -> *mut c_void;
/// CZMQ's `zhashx_comparator_fn` / `zlistx_comparator_fn`: <0, 0, >0.
pub(crate) type ComparatorFn = unsafe extern "C" fn(*const c_void, *const c_void) -> c_int;
