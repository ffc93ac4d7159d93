//! CZMQ's small file and directory helpers (`zsys_file_*`, `zsys_dir_*`):
//! the questions a service asks of its files, answered from `stat`, with
//! CZMQ's conventions (a missing file is "not stable", "modified at 0").

use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// CZMQ's default age after which a file counts as stable: 5 seconds
/// (coarse file systems stamp modification times to the second or two).
const DEFAULT_STABLE_AGE_MSEC: i64 = 5000;

static STABLE_AGE_MSEC: AtomicI64 = AtomicI64::new(DEFAULT_STABLE_AGE_MSEC);

/// True if `path` exists (file, directory or anything else `stat` sees).
///
/// ```
/// assert!(czmq::zsys::file_exists("."));
/// assert!(!czmq::zsys::file_exists("no/such/file"));
/// ```
pub fn file_exists(path: impl AsRef<Path>) -> bool {
    file_mode(path).is_some()
}

/// The size of `path` in bytes, or None when it cannot be stat'ed.
///
/// ```
/// assert_eq!(czmq::zsys::file_size("no/such/file"), None);
/// ```
pub fn file_size(path: impl AsRef<Path>) -> Option<u64> {
    std::fs::metadata(path).ok().map(|m| m.len())
}

/// When `path` was last modified, or None when it cannot be stat'ed
/// (CZMQ's `zsys_file_modified` returns 0 then).
///
/// ```
/// assert!(czmq::zsys::file_modified(".").is_some());
/// ```
pub fn file_modified(path: impl AsRef<Path>) -> Option<SystemTime> {
    std::fs::metadata(path).ok()?.modified().ok()
}

/// The `st_mode` of `path` (type and permission bits, as `S_ISDIR` and
/// `S_IRUSR` test them), or None when it cannot be stat'ed.
///
/// ```
/// let mode = czmq::zsys::file_mode(".").unwrap();
/// assert_eq!(mode & libc::S_IFMT, libc::S_IFDIR);
/// ```
pub fn file_mode(path: impl AsRef<Path>) -> Option<u32> {
    std::fs::metadata(path).ok().map(|m| m.mode())
}

/// Deletes the file `path` (not a directory: see [`dir_delete`]).
///
/// ```
/// assert!(czmq::zsys::file_delete("no/such/file").is_err());
/// ```
pub fn file_delete(path: impl AsRef<Path>) -> io::Result<()> {
    std::fs::remove_file(path)
}

/// True when `path` exists and was last modified longer ago than
/// [`file_stable_age`]: a writer has most likely finished with it.
///
/// ```
/// assert!(!czmq::zsys::file_stable("no/such/file"));
/// ```
pub fn file_stable(path: impl AsRef<Path>) -> bool {
    let Some(modified) = file_modified(path) else {
        return false;
    };
    // Compare in whole seconds, as CZMQ does: st_mtime is what every file
    // system offers, and sub-second parts would make a file younger than
    // CZMQ judges it.
    let Ok(since_epoch) = modified.duration_since(UNIX_EPOCH) else {
        return true;
    };
    let mtime_ms = i64::try_from(since_epoch.as_secs())
        .unwrap_or(i64::MAX)
        .saturating_mul(1000);
    let age = crate::zclock::time().saturating_sub(mtime_ms);
    age > STABLE_AGE_MSEC.load(Ordering::Relaxed)
}

/// How old a file must be for [`file_stable`] (CZMQ: 5 s).
///
/// ```
/// assert!(czmq::zsys::file_stable_age() > std::time::Duration::ZERO);
/// ```
pub fn file_stable_age() -> Duration {
    Duration::from_millis(u64::try_from(STABLE_AGE_MSEC.load(Ordering::Relaxed)).unwrap_or(0))
}

/// Sets how old a file must be for [`file_stable`].
///
/// ```
/// use std::time::Duration;
/// czmq::zsys::set_file_stable_age(Duration::from_millis(5123));
/// assert_eq!(czmq::zsys::file_stable_age(), Duration::from_millis(5123));
/// # czmq::zsys::set_file_stable_age(Duration::from_secs(5));
/// ```
pub fn set_file_stable_age(age: Duration) {
    let ms = i64::try_from(age.as_millis()).unwrap_or(i64::MAX);
    STABLE_AGE_MSEC.store(ms, Ordering::Relaxed);
}

/// Creates directory `path` and any missing parents, with mode 0775 (less
/// the umask), as `zsys_dir_create`. An existing directory is success.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("zsys-doc-{}", std::process::id()));
/// czmq::zsys::dir_create(dir.join("a/b"))?;
/// assert!(czmq::zsys::file_exists(dir.join("a/b")));
/// czmq::zsys::dir_delete(dir.join("a/b"))?;
/// czmq::zsys::dir_delete(dir.join("a"))?;
/// czmq::zsys::dir_delete(&dir)?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn dir_create(path: impl AsRef<Path>) -> io::Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o775)
        .create(path)
}

/// Removes the directory `path`, which must be empty.
///
/// ```
/// assert!(czmq::zsys::dir_delete("no/such/dir").is_err());
/// ```
pub fn dir_delete(path: impl AsRef<Path>) -> io::Result<()> {
    std::fs::remove_dir(path)
}

/// Changes the process's working directory.
///
/// ```
/// let here = std::env::current_dir()?;
/// czmq::zsys::dir_change(&here)?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn dir_change(path: impl AsRef<Path>) -> io::Result<()> {
    std::env::set_current_dir(path)
}

/// The umask in force before [`file_mode_private`], restored by
/// [`file_mode_default`]; `SAVED_MASK_SET` says whether one is saved.
static SAVED_MASK: AtomicU32 = AtomicU32::new(0);
static SAVED_MASK_SET: AtomicBool = AtomicBool::new(false);

/// From now on, files and directories this process creates are readable
/// and writable by their owner only (a umask that removes group and other
/// read/write), until [`file_mode_default`].
///
/// ```
/// czmq::zsys::file_mode_private();
/// czmq::zsys::file_mode_default();
/// ```
pub fn file_mode_private() {
    let private = libc::S_IWGRP | libc::S_IWOTH | libc::S_IRGRP | libc::S_IROTH;
    // SAFETY: umask only swaps the process's creation mask; it cannot fail.
    let old = unsafe { libc::umask(private) };
    // Keep the first saved mask when called twice, so that default mode
    // really restores what the process started with.
    if !SAVED_MASK_SET.swap(true, Ordering::SeqCst) {
        SAVED_MASK.store(old, Ordering::SeqCst);
    }
}

/// Restores the file creation mask in force before [`file_mode_private`];
/// does nothing if that was never called.
///
/// ```
/// czmq::zsys::file_mode_default();
/// ```
pub fn file_mode_default() {
    if SAVED_MASK_SET.swap(false, Ordering::SeqCst) {
        let old = SAVED_MASK.load(Ordering::SeqCst);
        // SAFETY: as in file_mode_private.
        unsafe { libc::umask(old) };
    }
}
