//! zcert: `zcert_t *` is a boxed [`Cert`]. The key and text accessors
//! lend pointers into the certificate (the Rust type keeps its Z85 text
//! NUL-terminated for this); `zcert_set_meta` is variadic and lives in
//! src/shim/zcert.c, which formats the value and calls
//! `czmq_rs_zcert_set_meta`.

use std::ffi::{c_char, c_int, c_void};

use czmq::Cert;

use super::ffi::{self, boxed, guard, opt_str, socket_of};

/// A C zcert_t.
pub type ZcertT = Cert;

extern "C" {
    // The zlist class of this library (src/capi/zlist.rs), declared here by
    // symbol so that zcert does not depend on the list's Rust type.
    fn zlist_new() -> *mut c_void;
    fn zlist_autofree(list: *mut c_void);
    fn zlist_append(list: *mut c_void, item: *mut c_void) -> c_int;
}

/// Borrows the certificate behind a C pointer.
///
/// # Safety
/// `p` is NULL or a live zcert_t used by no other thread meanwhile.
unsafe fn cert<'a>(p: *mut ZcertT) -> Option<&'a mut Cert> {
    // SAFETY: `p` is NULL or a live zcert_t: a Box<Cert> from zcert_new & co., or lent by a
    // live zcertstore_t (the requirement above); C uses a certificate from one thread, so the
    // &mut is the only reference while it lives.
    unsafe { p.as_mut() }
}

/// Reads a 32-byte key from C.
///
/// # Safety
/// `p` is NULL or points to 32 readable bytes.
unsafe fn key_of(p: *const u8) -> Option<[u8; 32]> {
    if p.is_null() {
        return None;
    }
    // SAFETY: `p` is non-NULL (checked above) and points to 32 readable bytes (the requirement
    // above); read_unaligned because a byte array makes no promise beyond byte alignment (which
    // is all [u8; 32] needs anyway).
    Some(unsafe { (p as *const [u8; 32]).read_unaligned() })
}

/// `zcert_t *zcert_new (void)`: a fresh key pair; NULL without CURVE.
#[no_mangle]
pub extern "C" fn zcert_new() -> *mut ZcertT {
    guard(std::ptr::null_mut(), || match Cert::new() {
        Ok(cert) => boxed(cert),
        Err(e) => {
            log::debug!("zcert_new: {e}");
            std::ptr::null_mut()
        }
    })
}

/// `zcert_t *zcert_new_from (const byte *public_key, const byte *secret_key)`.
///
/// # Safety
/// Each key is NULL or 32 readable bytes.
#[no_mangle]
pub unsafe extern "C" fn zcert_new_from(
    public_key: *const u8,
    secret_key: *const u8,
) -> *mut ZcertT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: each key pointer is NULL or points to 32 readable bytes (as documented
        // above), which is all key_of reads.
        match unsafe { (key_of(public_key), key_of(secret_key)) } {
            (Some(public), Some(secret)) => boxed(Cert::from_keys(&public, &secret)),
            _ => std::ptr::null_mut(),
        }
    })
}

/// `zcert_t *zcert_new_from_txt (const char *public_txt, const char *secret_txt)`
/// (DRAFT in CZMQ): NULL unless both are 40-character Z85 keys.
///
/// # Safety
/// Each argument is NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zcert_new_from_txt(
    public_txt: *const c_char,
    secret_txt: *const c_char,
) -> *mut ZcertT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `public_txt` and `secret_txt` are each NULL or a NUL-terminated string that C
        // keeps alive until this call returns (as documented above), and the borrow opt_str
        // gives is dropped or copied before then.
        let (Some(public), Some(secret)) = (unsafe { opt_str(public_txt) }, unsafe {
            opt_str(secret_txt)
        }) else {
            return std::ptr::null_mut();
        };
        Cert::from_txt(public, secret).map_or(std::ptr::null_mut(), boxed)
    })
}

/// `zcert_t *zcert_load (const char *filename)`: the secret file when it
/// exists, else the public one; NULL if neither is a certificate.
///
/// # Safety
/// `filename` is NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zcert_load(filename: *const c_char) -> *mut ZcertT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `filename` is NULL or a NUL-terminated string that C keeps alive until this
        // call returns (as documented above), and the borrow opt_str gives is dropped or copied
        // before then.
        let Some(filename) = (unsafe { opt_str(filename) }) else {
            return std::ptr::null_mut();
        };
        match Cert::load(filename) {
            Ok(cert) => boxed(cert),
            Err(e) => {
                log::debug!("zcert_load: {filename}: {e}");
                std::ptr::null_mut()
            }
        }
    })
}

/// `void zcert_destroy (zcert_t **self_p)`: frees a certificate the caller
/// owns; one lent by a store is refused (logged), not freed.
///
/// # Safety
/// `self_p` is NULL or a readable, writable `zcert_t *` slot.
#[no_mangle]
pub unsafe extern "C" fn zcert_destroy(self_p: *mut *mut ZcertT) {
    guard((), || {
        // SAFETY: `self_p` is NULL or C's readable, writable `T **` (as documented above), all
        // take requires; it moves out only an object ffi's registry lists as given to C, so a
        // lent or stale pointer is refused without being read; take frees only a certificate C
        // owns, so one lent by a store (zcertstore_lookup) is refused, not freed.
        if unsafe { ffi::take(self_p) }.is_none() && !self_p.is_null() {
            // SAFETY: `self_p` is non-NULL (checked just before) and C's readable `zcert_t **`
            // (the requirement above).
            if !unsafe { *self_p }.is_null() {
                log::error!("zcert_destroy: not a live zcert_t owned by the caller");
            }
        }
    })
}

/// `const byte *zcert_public_key (zcert_t *self)`: 32 bytes, valid while
/// the certificate lives.
///
/// # Safety
/// `self_` is NULL or a live zcert_t.
#[no_mangle]
pub unsafe extern "C" fn zcert_public_key(self_: *mut ZcertT) -> *const u8 {
    guard(std::ptr::null(), || {
        // SAFETY: `self_` is NULL or a live zcert_t (a Box<Cert> from zcert_new & co., or one
        // lent by a live zcertstore_t; as documented above), and C uses a certificate from one
        // thread, so this &mut is the only reference for the call.
        unsafe { cert(self_) }.map_or(std::ptr::null(), |c| c.public_key().as_ptr())
    })
}

/// `const byte *zcert_secret_key (zcert_t *self)`.
///
/// # Safety
/// As [`zcert_public_key`].
#[no_mangle]
pub unsafe extern "C" fn zcert_secret_key(self_: *mut ZcertT) -> *const u8 {
    guard(std::ptr::null(), || {
        // SAFETY: `self_` is NULL or a live zcert_t (a Box<Cert> from zcert_new & co., or one
        // lent by a live zcertstore_t; as documented above), and C uses a certificate from one
        // thread, so this &mut is the only reference for the call.
        unsafe { cert(self_) }.map_or(std::ptr::null(), |c| c.secret_key().as_ptr())
    })
}

/// `const char *zcert_public_txt (zcert_t *self)`: 40 Z85 characters.
///
/// # Safety
/// As [`zcert_public_key`].
#[no_mangle]
pub unsafe extern "C" fn zcert_public_txt(self_: *mut ZcertT) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: `self_` is NULL or a live zcert_t (a Box<Cert> from zcert_new & co., or one
        // lent by a live zcertstore_t; as documented above), and C uses a certificate from one
        // thread, so this &mut is the only reference for the call.
        unsafe { cert(self_) }.map_or(std::ptr::null(), |c| c.public_c_str().as_ptr())
    })
}

/// `const char *zcert_secret_txt (zcert_t *self)`.
///
/// # Safety
/// As [`zcert_public_key`].
#[no_mangle]
pub unsafe extern "C" fn zcert_secret_txt(self_: *mut ZcertT) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: `self_` is NULL or a live zcert_t (a Box<Cert> from zcert_new & co., or one
        // lent by a live zcertstore_t; as documented above), and C uses a certificate from one
        // thread, so this &mut is the only reference for the call.
        unsafe { cert(self_) }.map_or(std::ptr::null(), |c| c.secret_c_str().as_ptr())
    })
}

/// The non-variadic half of `zcert_set_meta` (the shim formats the value).
///
/// # Safety
/// `self_` is NULL or a live zcert_t; `name` and `value` NULL or C strings.
#[no_mangle]
pub unsafe extern "C" fn czmq_rs_zcert_set_meta(
    self_: *mut ZcertT,
    name: *const c_char,
    value: *const c_char,
) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zcert_t (a Box<Cert> from zcert_new & co., or one
        // lent by a live zcertstore_t; as documented above), and C uses a certificate from one
        // thread, so this &mut is the only reference for the call; `name` is NULL or a NUL-
        // terminated string that C keeps alive until this call returns (as documented above),
        // and the borrow opt_str gives is dropped or copied before then; `value` is NULL or a
        // NUL-terminated string that C keeps alive until this call returns (as documented
        // above), and the borrow opt_str gives is dropped or copied before then.
        let (Some(cert), Some(name), Some(value)) =
            (unsafe { cert(self_) }, unsafe { opt_str(name) }, unsafe {
                opt_str(value)
            })
        else {
            return;
        };
        if let Err(e) = cert.set_meta(name, value) {
            log::error!("zcert_set_meta: {e}");
        }
    })
}

/// `void zcert_unset_meta (zcert_t *self, const char *name)` (DRAFT in CZMQ,
/// used by its selftest).
///
/// # Safety
/// `self_` is NULL or a live zcert_t; `name` NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zcert_unset_meta(self_: *mut ZcertT, name: *const c_char) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zcert_t (a Box<Cert> from zcert_new & co., or one
        // lent by a live zcertstore_t; as documented above), and C uses a certificate from one
        // thread, so this &mut is the only reference for the call; `name` is NULL or a NUL-
        // terminated string that C keeps alive until this call returns (as documented above),
        // and the borrow opt_str gives is dropped or copied before then.
        if let (Some(cert), Some(name)) = (unsafe { cert(self_) }, unsafe { opt_str(name) }) {
            cert.unset_meta(name);
        }
    })
}

/// `const char *zcert_meta (zcert_t *self, const char *name)`: the value,
/// valid until the field changes; NULL when not set.
///
/// # Safety
/// As [`zcert_unset_meta`].
#[no_mangle]
pub unsafe extern "C" fn zcert_meta(self_: *mut ZcertT, name: *const c_char) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: `self_` is NULL or a live zcert_t (a Box<Cert> from zcert_new & co., or one
        // lent by a live zcertstore_t; as documented above), and C uses a certificate from one
        // thread, so this &mut is the only reference for the call; `name` is NULL or a NUL-
        // terminated string that C keeps alive until this call returns (as documented above),
        // and the borrow opt_str gives is dropped or copied before then.
        let (Some(cert), Some(name)) = (unsafe { cert(self_) }, unsafe { opt_str(name) }) else {
            return std::ptr::null();
        };
        cert.meta_c_str(name)
            .map_or(std::ptr::null(), |v| v.as_ptr())
    })
}

/// `zlist_t *zcert_meta_keys (zcert_t *self)`: a new autofree list of the
/// field names, which the caller destroys.
///
/// # Safety
/// `self_` is NULL or a live zcert_t.
#[no_mangle]
pub unsafe extern "C" fn zcert_meta_keys(self_: *mut ZcertT) -> *mut c_void {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live zcert_t (a Box<Cert> from zcert_new & co., or one
        // lent by a live zcertstore_t; as documented above), and C uses a certificate from one
        // thread, so this &mut is the only reference for the call.
        let Some(cert) = (unsafe { cert(self_) }) else {
            return std::ptr::null_mut();
        };
        // SAFETY: zlist_new has no preconditions.
        let list = unsafe { zlist_new() };
        if list.is_null() {
            return list;
        }
        // SAFETY: list is the live list just made; an autofree list copies
        // each appended string, so the temporary C strings can go after.
        unsafe { zlist_autofree(list) };
        for name in cert.meta_keys() {
            let Ok(name) = std::ffi::CString::new(name) else {
                continue;
            };
            // SAFETY: `list` is the live autofree list made above, and `name` a CString
            // alive across the call, which the autofree list copies rather than keeps.
            unsafe { zlist_append(list, name.as_ptr() as *mut c_void) };
        }
        list
    })
}

/// Runs a save for `zcert_save*`: 0 or -1.
///
/// # Safety
/// As [`zcert_unset_meta`], with `filename` for `name`.
unsafe fn save_with(
    self_: *mut ZcertT,
    filename: *const c_char,
    what: &str,
    save: impl FnOnce(&Cert, &str) -> czmq::Result<()>,
) -> c_int {
    guard(-1, || {
        // SAFETY: `self_` is NULL or a live zcert_t (a Box<Cert> from zcert_new & co., or one
        // lent by a live zcertstore_t; as documented above), and C uses a certificate from one
        // thread, so this &mut is the only reference for the call; `filename` is NULL or a NUL-
        // terminated string that C keeps alive until this call returns (as documented above),
        // and the borrow opt_str gives is dropped or copied before then.
        let (Some(cert), Some(filename)) = (unsafe { cert(self_) }, unsafe { opt_str(filename) })
        else {
            return -1;
        };
        match save(cert, filename) {
            Ok(()) => 0,
            Err(e) => {
                log::debug!("{what}: {filename}: {e}");
                -1
            }
        }
    })
}

/// `int zcert_save (zcert_t *self, const char *filename)`: the public file
/// and `filename` + "_secret".
///
/// # Safety
/// `self_` is NULL or a live zcert_t; `filename` NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zcert_save(self_: *mut ZcertT, filename: *const c_char) -> c_int {
    // SAFETY: the arguments go to save_with unchanged, and save_with relies on them for no more
    // than this function's doc requires of C.
    unsafe { save_with(self_, filename, "zcert_save", |c, f| c.save(f)) }
}

/// `int zcert_save_public (zcert_t *self, const char *filename)`.
///
/// # Safety
/// As [`zcert_save`].
#[no_mangle]
pub unsafe extern "C" fn zcert_save_public(self_: *mut ZcertT, filename: *const c_char) -> c_int {
    // SAFETY: the arguments go to save_with unchanged, and save_with relies on them for no more
    // than this function's doc requires of C.
    unsafe {
        save_with(self_, filename, "zcert_save_public", |c, f| {
            c.save_public(f)
        })
    }
}

/// `int zcert_save_secret (zcert_t *self, const char *filename)`.
///
/// # Safety
/// As [`zcert_save`].
#[no_mangle]
pub unsafe extern "C" fn zcert_save_secret(self_: *mut ZcertT, filename: *const c_char) -> c_int {
    // SAFETY: the arguments go to save_with unchanged, and save_with relies on them for no more
    // than this function's doc requires of C.
    unsafe {
        save_with(self_, filename, "zcert_save_secret", |c, f| {
            c.save_secret(f)
        })
    }
}

/// `void zcert_apply (zcert_t *self, void *socket)`: sets the socket's CURVE
/// secret and public key (a zsock_t, a zactor_t or a raw libzmq socket).
///
/// # Safety
/// `self_` is NULL or a live zcert_t; `socket` as for `zsock_resolve`.
#[no_mangle]
pub unsafe extern "C" fn zcert_apply(self_: *mut ZcertT, socket: *mut c_void) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zcert_t (a Box<Cert> from zcert_new & co., or one
        // lent by a live zcertstore_t; as documented above), and C uses a certificate from one
        // thread, so this &mut is the only reference for the call; `socket` is NULL, a live
        // zsock_t/zactor_t or a live libzmq socket (CZMQ's polymorphic socket argument, as
        // documented above), which is what socket_of requires; C uses a socket from one thread
        // at a time.
        let (Some(cert), Some(socket)) = (unsafe { cert(self_) }, unsafe { socket_of(socket) })
        else {
            return;
        };
        // As CZMQ: nothing to do where libzmq has no CURVE.
        if czmq::zsys::has_curve() {
            // The raw setters (ZMQ_CURVE_SECRETKEY, ZMQ_CURVE_PUBLICKEY): CZMQ
            // applies a certificate at any time, even to a socket already
            // attached, where Cert::apply refuses the keys as too late.
            let applied = socket
                .set_option_raw(49, cert.secret_key())
                .and_then(|()| socket.set_option_raw(48, cert.public_key()));
            if let Err(e) = applied {
                log::debug!("zcert_apply: {e}");
            }
        }
    })
}

/// `zcert_t *zcert_dup (zcert_t *self)`: keys and metadata; NULL for NULL.
///
/// # Safety
/// `self_` is NULL or a live zcert_t.
#[no_mangle]
pub unsafe extern "C" fn zcert_dup(self_: *mut ZcertT) -> *mut ZcertT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live zcert_t (a Box<Cert> from zcert_new & co., or one
        // lent by a live zcertstore_t; as documented above), and C uses a certificate from one
        // thread, so this &mut is the only reference for the call.
        unsafe { cert(self_) }.map_or(std::ptr::null_mut(), |c| boxed(c.clone()))
    })
}

/// `bool zcert_eq (zcert_t *self, zcert_t *compare)`: same keys; false if
/// either is NULL.
///
/// # Safety
/// Each argument is NULL or a live zcert_t.
#[no_mangle]
pub unsafe extern "C" fn zcert_eq(self_: *mut ZcertT, compare: *mut ZcertT) -> bool {
    guard(false, || {
        // SAFETY: `self_` and `compare` are each NULL or a live zcert_t (the requirement
        // above), and as_ref makes shared borrows only, sound even when both are the same
        // certificate.
        match unsafe { (self_.as_ref(), compare.as_ref()) } {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    })
}

/// `void zcert_print (zcert_t *self)`: logs the certificate (zsys_info).
///
/// # Safety
/// `self_` is NULL or a live zcert_t.
#[no_mangle]
pub unsafe extern "C" fn zcert_print(self_: *mut ZcertT) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zcert_t (a Box<Cert> from zcert_new & co., or one
        // lent by a live zcertstore_t; as documented above), and C uses a certificate from one
        // thread, so this &mut is the only reference for the call.
        if let Some(cert) = unsafe { cert(self_) } {
            cert.print();
        }
    })
}
