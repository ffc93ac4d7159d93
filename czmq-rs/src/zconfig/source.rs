//! The file a tree was loaded from, and how it looked then (what
//! `has_changed` compares, as CZMQ's zfile does: modification time and
//! size).

use std::ffi::CString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::error::Error;

/// Where a tree came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Source {
    pub(super) path: PathBuf,
    /// The path as C lends it (`zconfig_filename`); None if it holds NUL.
    pub(super) c_path: Option<CString>,
    pub(super) stamp: Option<Stamp>,
}

/// Modification time and size of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl Stamp {
    pub(super) fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok()?;
        Some(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

impl Source {
    pub(super) fn new(path: &Path, stamp: Option<Stamp>) -> Source {
        Source {
            path: path.to_path_buf(),
            c_path: CString::new(path.as_os_str().as_encoded_bytes()).ok(),
            stamp,
        }
    }

    /// True if the file's time or size differs from the stamp; a file that
    /// cannot be read now has not changed (CZMQ's zfile says the same).
    pub(super) fn has_changed(&self) -> bool {
        match Stamp::of(&self.path) {
            Some(now) => Some(now) != self.stamp,
            None => false,
        }
    }
}

/// Maps an I/O error to the crate's errors: its errno variant, or kept whole.
pub(super) fn io_error(e: io::Error) -> Error {
    Error::from(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_map_to_errno_variants() {
        let missing = io::Error::from_raw_os_error(libc::ENOENT);
        assert_eq!(io_error(missing), Error::NoEntry);
        let other = io::Error::other("no errno");
        assert!(matches!(io_error(other), Error::Io(_)));
    }

    #[test]
    fn an_unreadable_file_has_not_changed() {
        let source = Source::new(Path::new("/nonexistent/zconfig-test.cfg"), None);
        assert!(!source.has_changed());
        assert!(source.c_path.is_some());
    }
}
