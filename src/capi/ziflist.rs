//! ziflist: `ziflist_t *` is a boxed [`czmq::IfList`]; the strings it
//! returns stay the list's until the next reload or destroy.

use std::ffi::{c_char, CStr};

use czmq::IfList;

use super::ffi::{self, guard};

/// `ziflist_t`: the Rust [`IfList`].
pub type ZiflistT = IfList;

/// The list behind `p`.
///
/// # Safety
/// `p` is NULL or a live ziflist_t used by no one else during the call.
unsafe fn list<'a>(p: *mut ZiflistT) -> Option<&'a mut IfList> {
    // SAFETY: `p` is NULL (as_mut gives None) or, by list's contract, an IfList boxed by
    // ziflist_new/dup and not yet destroyed, so allocated, initialised and aligned. C drives it
    // from one thread and the C face keeps no reference to it between calls, so this &mut is
    // the only one for the call.
    unsafe { p.as_mut() }
}

fn ptr(s: Option<&CStr>) -> *const c_char {
    s.map_or(std::ptr::null(), CStr::as_ptr)
}

/// `ziflist_t *ziflist_new (void)`.
#[no_mangle]
pub extern "C" fn ziflist_new() -> *mut ZiflistT {
    guard(std::ptr::null_mut(), || ffi::boxed(IfList::new()))
}

/// `ziflist_t *ziflist_new_ipv6 (void)` (draft in CZMQ 4.2.1).
#[no_mangle]
pub extern "C" fn ziflist_new_ipv6() -> *mut ZiflistT {
    guard(std::ptr::null_mut(), || ffi::boxed(IfList::new_ipv6()))
}

/// `void ziflist_destroy (ziflist_t **self_p)`.
///
/// # Safety
/// `self_p` is NULL or points to a writable `ziflist_t *`.
#[no_mangle]
pub unsafe extern "C" fn ziflist_destroy(self_p: *mut *mut ZiflistT) {
    guard((), || {
        // SAFETY: `self_p` is NULL or C's writable `ziflist_t *` variable (the contract), all
        // take needs: it reads *self_p, rebuilds the Box only for a pointer the live registry
        // lists as an IfList this library handed out, and NULLs *self_p, so it is freed once.
        drop(unsafe { ffi::take(self_p) });
    })
}

macro_rules! method {
    ($(#[$doc:meta])* $name:ident, $ret:ty, $fail:expr, |$l:ident| $body:expr) => {
        $(#[$doc])*
        ///
        /// # Safety
        /// `self_` is NULL or a live ziflist_t.
        #[no_mangle]
        pub unsafe extern "C" fn $name(self_: *mut ZiflistT) -> $ret {
            guard($fail, || {
                // SAFETY: every function this macro makes documents that `self_` is NULL or a
                // live ziflist_t, list's contract. The &mut lives for `$body` only; the
                // strings `$body` returns point into the IfList's current interface and stay
                // valid until the next call that moves the cursor or reloads, as in CZMQ.
                match unsafe { list(self_) } {
                    Some($l) => $body,
                    None => $fail,
                }
            })
        }
    };
}

method!(
    /// `void ziflist_reload (ziflist_t *self)`.
    ziflist_reload, (), (), |l| l.reload()
);
method!(
    /// `void ziflist_reload_ipv6 (ziflist_t *self)` (draft).
    ziflist_reload_ipv6, (), (), |l| l.reload_ipv6()
);
method!(
    /// `size_t ziflist_size (ziflist_t *self)`.
    ziflist_size, usize, 0, |l| l.size()
);
method!(
    /// `const char *ziflist_first (ziflist_t *self)`.
    ziflist_first, *const c_char, std::ptr::null(), |l| ptr(l.first())
);
method!(
    /// `const char *ziflist_next (ziflist_t *self)`.
    ziflist_next, *const c_char, std::ptr::null(), |l| ptr(l.next())
);
method!(
    /// `const char *ziflist_address (ziflist_t *self)`.
    ziflist_address, *const c_char, std::ptr::null(), |l| ptr(l.address())
);
method!(
    /// `const char *ziflist_broadcast (ziflist_t *self)`.
    ziflist_broadcast, *const c_char, std::ptr::null(), |l| ptr(l.broadcast())
);
method!(
    /// `const char *ziflist_netmask (ziflist_t *self)`.
    ziflist_netmask, *const c_char, std::ptr::null(), |l| ptr(l.netmask())
);
method!(
    /// `bool ziflist_is_ipv6 (ziflist_t *self)` (draft).
    ziflist_is_ipv6, bool, false, |l| l.is_ipv6()
);
method!(
    /// `void ziflist_print (ziflist_t *self)`.
    ziflist_print, (), (), |l| l.print()
);
