//! zconfig: `zconfig_t *` is a boxed root [`Config`] plus the C strings
//! lent out by zconfig_get, zconfig_name and zconfig_value (C needs them
//! NUL-terminated and owned by the tree, as CZMQ's are).
//!
//! Only roots are C objects: zconfig_new with a parent returns NULL, since
//! a pointer into the Rust tree would not survive its next insertion. Use
//! paths (zconfig_put (root, "server/port", "5555")) instead.

use std::collections::HashMap;
use std::ffi::{c_char, c_int, CString};

use czmq_core::Config;

use super::ffi::{self, boxed, guard, malloc_bytes, opt_str};

/// A C zconfig_t.
pub struct ZconfigT {
    config: Config,
    /// Strings lent to C, by path; the name and the value under keys no
    /// path can spell (a leading NUL).
    lent: HashMap<String, CString>,
}

impl ZconfigT {
    fn new(config: Config) -> *mut ZconfigT {
        boxed(ZconfigT {
            config,
            lent: HashMap::new(),
        })
    }

    /// Lends `text` to C under `key`, replacing what was lent under it.
    fn lend(&mut self, key: String, text: &str) -> *const c_char {
        // The same text keeps its pointer, so that two gets of one path
        // both stay valid, as in CZMQ.
        if let Some(lent) = self
            .lent
            .get(&key)
            .filter(|c| c.as_bytes() == text.as_bytes())
        {
            return lent.as_ptr();
        }
        let Ok(c) = CString::new(text) else {
            return std::ptr::null();
        };
        let p = c.as_ptr();
        self.lent.insert(key, c);
        p
    }
}

const NAME_KEY: &str = "\0name";
const VALUE_KEY: &str = "\0value";

/// `zconfig_t *zconfig_new (const char *name, zconfig_t *parent)`: a new
/// root; NULL when `parent` is given (see the module notes).
///
/// # Safety
/// `name` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zconfig_new(name: *const c_char, parent: *mut ZconfigT) -> *mut ZconfigT {
    guard(std::ptr::null_mut(), || {
        if !parent.is_null() {
            log::error!(
                "zconfig_new: child nodes are not C objects here; use zconfig_put with a path"
            );
            return std::ptr::null_mut();
        }
        // SAFETY: per the contract.
        match unsafe { opt_str(name) } {
            Some(n) => ZconfigT::new(Config::new(n)),
            None => std::ptr::null_mut(),
        }
    })
}

/// `zconfig_t *zconfig_load (const char *filename)`: NULL if the file is
/// missing or not valid ZPL.
///
/// # Safety
/// `filename` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zconfig_load(filename: *const c_char) -> *mut ZconfigT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
        match unsafe { opt_str(filename) }.map(Config::load) {
            Some(Ok(c)) => ZconfigT::new(c),
            _ => std::ptr::null_mut(),
        }
    })
}

/// `zconfig_t *zconfig_str_load (const char *string)`: parses ZPL text.
///
/// # Safety
/// `string` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zconfig_str_load(string: *const c_char) -> *mut ZconfigT {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
        match unsafe { ffi::opt_bytes(string) }.map(Config::from_bytes) {
            Some(Ok(c)) => ZconfigT::new(c),
            _ => std::ptr::null_mut(),
        }
    })
}

/// `void zconfig_destroy (zconfig_t **self_p)`.
///
/// # Safety
/// `self_p` is NULL, or points to NULL or a zconfig_t from this library.
#[no_mangle]
pub unsafe extern "C" fn zconfig_destroy(self_p: *mut *mut ZconfigT) {
    // SAFETY: per the contract.
    guard((), || unsafe { ffi::destroy(self_p) })
}

/// `char *zconfig_get (zconfig_t *self, const char *path, const char
/// *default_value)`: the value at `path` (owned by the config, valid until
/// that path is put again or the config destroyed), else `default_value`.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t; the strings NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zconfig_get(
    self_: *mut ZconfigT,
    path: *const c_char,
    default_value: *const c_char,
) -> *const c_char {
    guard(default_value, || {
        // SAFETY: per the contract.
        let (Some(this), Some(path)) = (unsafe { self_.as_mut() }, unsafe { opt_str(path) }) else {
            return default_value;
        };
        match this.config.get(path).map(str::to_owned) {
            Some(value) => this.lend(path.to_owned(), &value),
            None => default_value,
        }
    })
}

/// `void zconfig_put (zconfig_t *self, const char *path, const char *value)`:
/// creates the path's nodes as needed.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t; the strings NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zconfig_put(
    self_: *mut ZconfigT,
    path: *const c_char,
    value: *const c_char,
) {
    guard((), || {
        // SAFETY: per the contract.
        let (Some(this), Some(path), Some(value)) = (
            unsafe { self_.as_mut() },
            unsafe { opt_str(path) },
            unsafe { opt_str(value) },
        ) else {
            return;
        };
        if let Err(e) = this.config.put(path, value) {
            log::error!("zconfig_put: {e}");
        }
    })
}

/// `char *zconfig_name (zconfig_t *self)`: owned by the config.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_name(self_: *mut ZconfigT) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: per the contract.
        let Some(this) = (unsafe { self_.as_mut() }) else {
            return std::ptr::null();
        };
        let name = this.config.name().to_owned();
        this.lend(NAME_KEY.into(), &name)
    })
}

/// `char *zconfig_value (zconfig_t *self)`: the root's value or NULL;
/// owned by the config.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_value(self_: *mut ZconfigT) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: per the contract.
        let Some(this) = (unsafe { self_.as_mut() }) else {
            return std::ptr::null();
        };
        match this.config.value().map(str::to_owned) {
            Some(v) => this.lend(VALUE_KEY.into(), &v),
            None => std::ptr::null(),
        }
    })
}

/// `int zconfig_save (zconfig_t *self, const char *filename)`: 0 or -1;
/// "-" writes to stdout, as in CZMQ.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t; `filename` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn zconfig_save(self_: *mut ZconfigT, filename: *const c_char) -> c_int {
    guard(-1, || {
        // SAFETY: per the contract.
        let (Some(this), Some(filename)) =
            (unsafe { self_.as_mut() }, unsafe { opt_str(filename) })
        else {
            return -1;
        };
        let saved = if filename == "-" {
            this.config.write_to(std::io::stdout())
        } else {
            this.config.save(filename)
        };
        if saved.is_ok() {
            0
        } else {
            -1
        }
    })
}

/// `char *zconfig_str_save (zconfig_t *self)`: the ZPL text, freed by the
/// caller.
///
/// # Safety
/// `self_` is NULL or a live zconfig_t.
#[no_mangle]
pub unsafe extern "C" fn zconfig_str_save(self_: *mut ZconfigT) -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        // SAFETY: per the contract.
        unsafe { self_.as_ref() }.map_or(std::ptr::null_mut(), |this| {
            malloc_bytes(&this.config.to_bytes())
        })
    })
}
