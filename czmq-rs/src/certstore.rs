//! Certificate stores, as CZMQ's zcertstore: public certificates looked up
//! by their Z85 public key. A store either lives in memory (filled with
//! [`CertStore::insert`]), reads a directory tree of certificate files, or
//! runs a custom loader before every lookup.
//!
//! A directory store loads every regular file in the tree (recursively)
//! except those whose name ends in `_secret`, and reloads all of them when
//! a lookup finds the tree changed: a file added, removed, resized or
//! touched. Files that are not certificates are skipped.
//!
//! ```
//! # if !czmq::has("curve") { return Ok(()); }
//! use czmq::{Cert, CertStore};
//! let dir = tempfile::tempdir().unwrap();
//! let mut store = CertStore::open(dir.path());
//! let mut cert = Cert::new()?;
//! cert.set_meta("name", "John Doe")?;
//! cert.save(dir.path().join("john.cert"))?;
//! // The store notices the new file on its next lookup.
//! let found = store.lookup(cert.public_txt()).expect("reloaded");
//! assert_eq!(found.meta("name"), Some("John Doe"));
//! assert_eq!(found.secret_txt(), "0".repeat(40)); // only public files are read
//! # Ok::<(), czmq::Error>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::cert::Cert;

/// How deep a directory store looks into subdirectories; deeper trees (or
/// loops through bind mounts) are cut off rather than followed forever.
const MAX_DEPTH: usize = 32;

/// A function run before every lookup to (re)fill the store.
type Loader = Box<dyn FnMut(&mut CertStore) + Send>;

/// Certificates by public key (Z85 text), with an optional loader that
/// refreshes them.
///
/// ```
/// let mut store = czmq::CertStore::new();
/// let cert = czmq::Cert::from_keys(&[1; 32], &[2; 32]);
/// let key = cert.public_txt().to_string();
/// store.insert(cert);
/// assert!(store.lookup(&key).is_some());
/// assert!(store.lookup(&"0".repeat(40)).is_none());
/// ```
#[derive(Default)]
pub struct CertStore {
    // Boxed so that a certificate keeps its address while it is in the
    // store: the C face lends `zcert_t *` pointers into it.
    certs: HashMap<String, Box<Cert>>,
    loader: Option<Loader>,
    location: Option<PathBuf>,
}

impl CertStore {
    /// An empty in-memory store.
    ///
    /// ```
    /// assert_eq!(czmq::CertStore::new().len(), 0);
    /// ```
    pub fn new() -> CertStore {
        CertStore::default()
    }

    /// A store over the certificates in directory `location` and its
    /// subdirectories, reloaded when they change. A directory that does
    /// not exist (yet) is an empty store.
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let mut store = czmq::CertStore::open(dir.path());
    /// assert_eq!(store.certs().len(), 0);
    /// ```
    pub fn open(location: impl AsRef<Path>) -> CertStore {
        let location = location.as_ref().to_path_buf();
        let mut scanner = DirLoader {
            location: location.clone(),
            seen: None,
        };
        let mut store = CertStore::new();
        store.set_loader(move |store| scanner.refresh(store));
        store.location = Some(location);
        store
    }

    /// The directory a store made by [`open`](CertStore::open) reads, while
    /// its directory loader is in place.
    ///
    /// ```
    /// let store = czmq::CertStore::open("/etc/curve");
    /// assert_eq!(store.location(), Some(std::path::Path::new("/etc/curve")));
    /// assert_eq!(czmq::CertStore::new().location(), None);
    /// ```
    pub fn location(&self) -> Option<&Path> {
        self.location.as_deref()
    }

    /// Replaces the loader (CZMQ's `zcertstore_set_loader`) and runs it
    /// once. The loader runs again before every lookup; it fills the store
    /// with [`insert`](CertStore::insert) and may [`empty`](CertStore::empty)
    /// it first.
    ///
    /// ```
    /// let mut store = czmq::CertStore::new();
    /// store.set_loader(|store| {
    ///     store.empty();
    ///     store.insert(czmq::Cert::from_keys(&[1; 32], &[1; 32]));
    /// });
    /// assert_eq!(store.len(), 1);
    /// ```
    pub fn set_loader(&mut self, loader: impl FnMut(&mut CertStore) + Send + 'static) {
        self.location = None;
        self.loader = Some(Box::new(loader));
        self.run_loader();
    }

    /// Removes the loader: the store keeps what it holds and changes only
    /// through [`insert`](CertStore::insert) from now on.
    ///
    /// ```
    /// let mut store = czmq::CertStore::open("/nonexistent");
    /// store.clear_loader();
    /// assert_eq!(store.location(), None);
    /// ```
    pub fn clear_loader(&mut self) {
        self.loader = None;
        self.location = None;
    }

    /// True when a loader refreshes the store before lookups.
    ///
    /// ```
    /// assert!(!czmq::CertStore::new().has_loader());
    /// assert!(czmq::CertStore::open("/nonexistent").has_loader());
    /// ```
    pub fn has_loader(&self) -> bool {
        self.loader.is_some()
    }

    /// Runs the loader, if there is one. The loader is taken out while it
    /// runs so that it can change the store; a loader that installs another
    /// one is replaced by it.
    fn run_loader(&mut self) {
        if let Some(mut loader) = self.loader.take() {
            let location = self.location.take();
            loader(self);
            if self.loader.is_none() {
                self.loader = Some(loader);
                self.location = location;
            }
        }
    }

    /// The certificate whose public key (Z85) is `public_key`, after
    /// refreshing the store.
    ///
    /// ```
    /// let mut store = czmq::CertStore::new();
    /// assert!(store.lookup("not a key").is_none());
    /// ```
    pub fn lookup(&mut self, public_key: &str) -> Option<&Cert> {
        self.run_loader();
        self.certs.get(public_key).map(|c| &**c)
    }

    /// [`lookup`](CertStore::lookup), lending the certificate mutably (to
    /// change its metadata in place).
    ///
    /// ```
    /// let mut store = czmq::CertStore::new();
    /// let cert = czmq::Cert::from_keys(&[1; 32], &[2; 32]);
    /// let key = cert.public_txt().to_string();
    /// store.insert(cert);
    /// store.lookup_mut(&key).unwrap().set_meta("seen", "yes")?;
    /// assert_eq!(store.lookup(&key).unwrap().meta("seen"), Some("yes"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn lookup_mut(&mut self, public_key: &str) -> Option<&mut Cert> {
        self.run_loader();
        self.certs.get_mut(public_key).map(|c| &mut **c)
    }

    /// Refreshes the store now (runs the loader).
    ///
    /// ```
    /// let mut store = czmq::CertStore::new();
    /// store.refresh();
    /// assert!(store.is_empty());
    /// ```
    pub fn refresh(&mut self) {
        self.run_loader();
    }

    /// Adds a certificate (to memory only: see [`Cert::save`] to write it),
    /// replacing one with the same public key.
    ///
    /// ```
    /// let mut store = czmq::CertStore::new();
    /// store.insert(czmq::Cert::from_keys(&[1; 32], &[2; 32]));
    /// store.insert(czmq::Cert::from_keys(&[1; 32], &[2; 32]));
    /// assert_eq!(store.len(), 1);
    /// ```
    pub fn insert(&mut self, cert: Cert) {
        self.insert_boxed(Box::new(cert));
    }

    /// [`insert`](CertStore::insert) for a boxed certificate.
    ///
    /// ```
    /// let mut store = czmq::CertStore::new();
    /// store.insert_boxed(Box::new(czmq::Cert::from_keys(&[1; 32], &[2; 32])));
    /// assert_eq!(store.len(), 1);
    /// ```
    pub fn insert_boxed(&mut self, cert: Box<Cert>) {
        self.certs.insert(cert.public_txt().to_owned(), cert);
    }

    /// Removes every certificate (CZMQ's `zcertstore_empty`).
    ///
    /// ```
    /// let mut store = czmq::CertStore::new();
    /// store.insert(czmq::Cert::from_keys(&[1; 32], &[2; 32]));
    /// store.empty();
    /// assert!(store.is_empty());
    /// ```
    pub fn empty(&mut self) {
        self.certs.clear();
    }

    /// How many certificates the store holds now (without refreshing).
    ///
    /// ```
    /// assert_eq!(czmq::CertStore::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.certs.len()
    }

    /// True when the store holds no certificate (without refreshing).
    ///
    /// ```
    /// assert!(czmq::CertStore::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.certs.is_empty()
    }

    /// Every certificate, after refreshing the store, ordered by public
    /// key (CZMQ's `zcertstore_certs`).
    ///
    /// ```
    /// let mut store = czmq::CertStore::new();
    /// store.insert(czmq::Cert::from_keys(&[1; 32], &[2; 32]));
    /// assert_eq!(store.certs().len(), 1);
    /// ```
    pub fn certs(&mut self) -> Vec<&Cert> {
        self.run_loader();
        let mut certs: Vec<&Cert> = self.certs.values().map(|c| &**c).collect();
        certs.sort_by(|a, b| a.public_txt().cmp(b.public_txt()));
        certs
    }

    /// Logs the store's certificates at info level, as CZMQ's
    /// `zcertstore_print` (without refreshing).
    ///
    /// ```
    /// czmq::CertStore::new().print();
    /// ```
    pub fn print(&self) {
        let what = if self.loader.is_some() {
            "zcertstore: certificates in store"
        } else {
            "zcertstore: certificates in memory"
        };
        log::info!(target: "czmq::zcertstore", "{what}");
        for cert in self.certs.values() {
            cert.print();
        }
    }
}

impl fmt::Debug for CertStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CertStore")
            .field("location", &self.location)
            .field("certs", &self.certs.len())
            .field("loader", &self.loader.is_some())
            .finish()
    }
}

/// One file's identity for change detection: path, size, modification time.
type FileStamp = (PathBuf, u64, Option<SystemTime>);

/// The loader of a directory store: reloads everything when a cheap scan of
/// names, sizes and times differs from the last one (CZMQ compares a count,
/// a total size and the newest time; a full list also catches a file
/// replaced by another of the same size).
struct DirLoader {
    location: PathBuf,
    seen: Option<Vec<FileStamp>>,
}

impl DirLoader {
    fn refresh(&mut self, store: &mut CertStore) {
        let scan = scan(&self.location);
        if self.seen.as_ref() == Some(&scan) {
            return;
        }
        store.empty();
        for (path, _, _) in &scan {
            if is_secret_file(path) {
                continue;
            }
            match load_public(path) {
                Ok(cert) => store.insert(cert),
                Err(e) => {
                    log::trace!(target: "czmq::zcertstore", "skipping {}: {e}", path.display())
                }
            }
        }
        self.seen = Some(scan);
    }
}

/// Loads the certificate in exactly this file (a store reads public files;
/// [`Cert::load`] would prefer a `_secret` sibling).
fn load_public(path: &Path) -> crate::Result<Cert> {
    Cert::from_config(&crate::Config::load(path)?)
}

fn is_secret_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.as_encoded_bytes().ends_with(b"_secret"))
}

/// Every regular file under `dir`, recursively, sorted by path; symbolic
/// links to files count, links to directories are not followed.
fn scan(dir: &Path) -> Vec<FileStamp> {
    let mut files = Vec::new();
    scan_into(dir, 0, &mut files);
    files.sort();
    files
}

fn scan_into(dir: &Path, depth: usize, files: &mut Vec<FileStamp>) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            scan_into(&path, depth + 1, files);
        } else if let Ok(meta) = fs::metadata(&path)
            && meta.is_file()
        {
            files.push((path, meta.len(), meta.modified().ok()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_files_are_recognised_by_suffix() {
        assert!(is_secret_file(Path::new("a/b.cert_secret")));
        assert!(!is_secret_file(Path::new("a/b_secret.cert")));
    }

    #[test]
    fn a_missing_directory_scans_empty() {
        assert!(scan(Path::new("/nonexistent/czmq-rs/certs")).is_empty());
    }
}
