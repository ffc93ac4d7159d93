//! zcertstore: `zcertstore_t *` is a [`CertStore`] behind CZMQ's own
//! leading fields (loader, destructor, state), so a C loader that reads
//! `store->state` as CZMQ's selftest does finds it where it expects.
//!
//! A directory store (`zcertstore_new (location)`) reloads itself in Rust;
//! a C loader (`zcertstore_set_loader`) is called with the C pointer before
//! every lookup and fills the store through `zcertstore_empty` and
//! `zcertstore_insert`, as in CZMQ.

use std::ffi::{c_char, c_void};

use czmq::{Cert, CertSource, CertStore};

use super::ffi::{self, boxed, guard, opt_str};
use super::zcert::ZcertT;

/// CZMQ's `zcertstore_loader`: refills the store.
pub type LoaderFn = unsafe extern "C" fn(*mut ZcertstoreT);
/// CZMQ's `zcertstore_destructor`: frees a loader's state.
pub type DestructorFn = unsafe extern "C" fn(*mut *mut c_void);

/// A C zcertstore_t.
#[repr(C)]
pub struct ZcertstoreT {
    loader: Option<LoaderFn>,
    destructor: Option<DestructorFn>,
    state: *mut c_void,
    /// Where CZMQ keeps its table; always NULL here (the certificates are
    /// in `store`), kept so the fields above sit at CZMQ's offsets.
    certs: *mut c_void,
    store: CertStore,
}

impl ZcertstoreT {
    fn new(store: CertStore) -> ZcertstoreT {
        ZcertstoreT {
            loader: None,
            destructor: None,
            state: std::ptr::null_mut(),
            certs: std::ptr::null_mut(),
            store,
        }
    }

    /// Frees the C loader's state, as CZMQ does when the loader goes.
    fn drop_state(&mut self) {
        if let Some(destructor) = self.destructor.take() {
            if !self.state.is_null() {
                // SAFETY: the destructor and state came together from
                // zcertstore_set_loader; CZMQ's contract is that the
                // destructor frees the state and NULLs the pointer.
                unsafe { destructor(&mut self.state) };
            }
        }
        self.state = std::ptr::null_mut();
    }
}

impl Drop for ZcertstoreT {
    fn drop(&mut self) {
        self.drop_state();
    }
}

/// Runs the store's C loader, if it has one.
///
/// # Safety
/// `p` is a live zcertstore_t to which no Rust reference is held.
unsafe fn run_c_loader(p: *mut ZcertstoreT) {
    // SAFETY: `p` is a live zcertstore_t from zcertstore_new (the requirement above); the fn
    // pointer is copied out so no reference into the store lives while C code runs on it.
    let loader = unsafe { (*p).loader };
    if let Some(loader) = loader {
        // SAFETY: a loader given by C for this store, called with it as
        // CZMQ does; the loader may call back into zcertstore_*.
        unsafe { loader(p) };
    }
}

/// Refreshes the store and looks up a key: the certificate's address, or
/// NULL.
///
/// # Safety
/// As [`run_c_loader`].
unsafe fn lookup(p: *mut ZcertstoreT, public_key: &str) -> *mut Cert {
    // SAFETY: the arguments go to run_c_loader unchanged, and run_c_loader relies on them for
    // no more than this function's doc requires of C.
    unsafe { run_c_loader(p) };
    // SAFETY: the loader has returned; nothing else borrows the store.
    let store = unsafe { &mut (*p).store };
    store
        .lookup_mut(public_key)
        .map_or(std::ptr::null_mut(), |c| c as *mut Cert)
}

/// A C store handed to the zauth actor, which owns it from then on (as
/// CZMQ's zauth, which destroys it when it ends).
pub(crate) struct OwnedStore(*mut ZcertstoreT);

impl OwnedStore {
    /// Takes ownership of a C store; None for NULL or a pointer that is
    /// not a live store this library gave out.
    ///
    /// # Safety
    /// `p` is NULL or a pointer that C code will not use after this call
    /// (a live zcertstore_t, given up to the actor).
    pub(crate) unsafe fn new(mut p: *mut ZcertstoreT) -> Option<OwnedStore> {
        // SAFETY: &mut p is a valid `T **`; take checks the registry before
        // trusting p. The store leaves the registry: it is no longer C's.
        let store = unsafe { ffi::take(&mut p) }?;
        Some(OwnedStore(Box::into_raw(store)))
    }
}

// SAFETY: the store moves to the actor's thread and is used there alone
// (C gave it up, per OwnedStore::new's contract). A C loader's state then
// runs on that thread, as it does in CZMQ.
unsafe impl Send for OwnedStore {}

impl CertSource for OwnedStore {
    fn find(&mut self, public_txt: &str) -> Option<&Cert> {
        // SAFETY: we own the live store; the result borrows self.
        unsafe { lookup(self.0, public_txt).as_ref() }
    }
}

impl Drop for OwnedStore {
    fn drop(&mut self) {
        // SAFETY: we own the store, from Box::into_raw in OwnedStore::new,
        // and give it back once.
        drop(unsafe { Box::from_raw(self.0) });
    }
}

/// `zcertstore_t *zcertstore_new (const char *location)`: the certificates
/// in directory `location` (reloaded when it changes), or an empty store
/// in memory for NULL.
///
/// # Safety
/// `location` is NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zcertstore_new(location: *const c_char) -> *mut ZcertstoreT {
    guard(std::ptr::null_mut(), || {
        if location.is_null() {
            return boxed(ZcertstoreT::new(CertStore::new()));
        }
        // SAFETY: `location` is NULL or a NUL-terminated string that C keeps alive until this
        // call returns (as documented above), and the borrow opt_str gives is dropped or copied
        // before then.
        match unsafe { opt_str(location) } {
            Some(location) => boxed(ZcertstoreT::new(CertStore::open(location))),
            None => std::ptr::null_mut(),
        }
    })
}

/// `void zcertstore_destroy (zcertstore_t **self_p)`: the certificates and
/// the loader's state go with it.
///
/// # Safety
/// `self_p` is NULL or a readable, writable `zcertstore_t *` slot.
#[no_mangle]
pub unsafe extern "C" fn zcertstore_destroy(self_p: *mut *mut ZcertstoreT) {
    guard((), || {
        // SAFETY: `self_p` is NULL or C's readable, writable `T **` (as documented above), all
        // take requires; it moves out only an object ffi's registry lists as given to C, so a
        // lent or stale pointer is refused without being read; take frees only a store listed
        // live.
        if unsafe { ffi::take(self_p) }.is_none() && !self_p.is_null() {
            // SAFETY: `self_p` is non-NULL (checked just before) and C's readable `zcertstore_t
            // **` (the requirement above).
            if !unsafe { *self_p }.is_null() {
                log::error!("zcertstore_destroy: not a live zcertstore_t (destroyed already?)");
            }
        }
    })
}

/// `void zcertstore_set_loader (zcertstore_t *self, zcertstore_loader loader,
/// zcertstore_destructor destructor, void *state)` (DRAFT in CZMQ): replaces
/// the loader (and its state, freed by the old destructor) and runs it.
///
/// # Safety
/// `self_` is NULL or a live zcertstore_t; `loader` and `destructor` NULL
/// or functions that accept this store and `state`.
#[no_mangle]
pub unsafe extern "C" fn zcertstore_set_loader(
    self_: *mut ZcertstoreT,
    loader: Option<LoaderFn>,
    destructor: Option<DestructorFn>,
    state: *mut c_void,
) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zcertstore_t from zcertstore_new (the requirement
        // above); C uses a store from one thread and no loader runs here, so this &mut is the
        // only reference for the call.
        let Some(this) = (unsafe { self_.as_mut() }) else {
            return;
        };
        this.drop_state();
        // The directory loader goes too: the C loader is the store's loader.
        this.store.clear_loader();
        this.loader = loader;
        this.destructor = destructor;
        this.state = state;
        // SAFETY: `this` is not used again; the loader gets the raw pointer.
        unsafe { run_c_loader(self_) };
    })
}

/// `zcert_t *zcertstore_lookup (zcertstore_t *self, const char *public_key)`:
/// refreshes the store, then finds the certificate (owned by the store,
/// valid until the next refresh); NULL if absent.
///
/// # Safety
/// `self_` is NULL or a live zcertstore_t; `public_key` NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn zcertstore_lookup(
    self_: *mut ZcertstoreT,
    public_key: *const c_char,
) -> *mut ZcertT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `public_key` is NULL or a NUL-terminated string that C keeps alive until this
        // call returns (as documented above), and the borrow opt_str gives is dropped or copied
        // before then.
        let Some(key) = (unsafe { opt_str(public_key) }) else {
            return std::ptr::null_mut();
        };
        if self_.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: the arguments go to lookup unchanged, and lookup relies on them for no more
        // than this function's doc requires of C; no reference to the store is held.
        unsafe { lookup(self_, key) }
    })
}

/// `void zcertstore_insert (zcertstore_t *self, zcert_t **cert_p)`: the
/// store takes the certificate and NULLs the caller's pointer.
///
/// # Safety
/// `self_` is NULL or a live zcertstore_t; `cert_p` NULL or a readable,
/// writable `zcert_t *` slot.
#[no_mangle]
pub unsafe extern "C" fn zcertstore_insert(self_: *mut ZcertstoreT, cert_p: *mut *mut ZcertT) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zcertstore_t from zcertstore_new (the requirement
        // above); C uses a store from one thread and no loader runs here, so this &mut is the
        // only reference for the call.
        let Some(this) = (unsafe { self_.as_mut() }) else {
            return;
        };
        // SAFETY: `cert_p` is NULL or C's readable, writable `T **` (as documented above), all
        // take requires; it moves out only an object ffi's registry lists as given to C, so a
        // lent or stale pointer is refused without being read; cert_p is NULL or a valid
        // `zcert_t **` ; take accepts only a certificate C owns (not one the store lent).
        match unsafe { ffi::take(cert_p) } {
            Some(cert) => this.store.insert_boxed(cert),
            None => log::error!("zcertstore_insert: not a live zcert_t owned by the caller"),
        }
    })
}

/// `void zcertstore_empty (zcertstore_t *self)` (DRAFT in CZMQ): removes
/// every certificate.
///
/// # Safety
/// `self_` is NULL or a live zcertstore_t.
#[no_mangle]
pub unsafe extern "C" fn zcertstore_empty(self_: *mut ZcertstoreT) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zcertstore_t from zcertstore_new (the requirement
        // above); C uses a store from one thread and no loader runs here, so this &mut is the
        // only reference for the call.
        if let Some(this) = unsafe { self_.as_mut() } {
            this.store.empty();
        }
    })
}

/// `void *zcertstore_state (zcertstore_t *self)` (DRAFT in CZMQ): the C
/// loader's state.
///
/// # Safety
/// `self_` is NULL or a live zcertstore_t.
#[no_mangle]
pub unsafe extern "C" fn zcertstore_state(self_: *mut ZcertstoreT) -> *mut c_void {
    guard(std::ptr::null_mut(), || {
        // SAFETY: `self_` is NULL or a live zcertstore_t from zcertstore_new (the requirement
        // above), read only for this call.
        unsafe { self_.as_ref() }.map_or(std::ptr::null_mut(), |this| this.state)
    })
}

/// `void zcertstore_print (zcertstore_t *self)`: logs every certificate.
///
/// # Safety
/// `self_` is NULL or a live zcertstore_t.
#[no_mangle]
pub unsafe extern "C" fn zcertstore_print(self_: *mut ZcertstoreT) {
    guard((), || {
        // SAFETY: `self_` is NULL or a live zcertstore_t from zcertstore_new (the requirement
        // above), read only for this call.
        if let Some(this) = unsafe { self_.as_ref() } {
            this.store.print();
        }
    })
}
