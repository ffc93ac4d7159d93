//! `DirPatch`: CZMQ's zdir_patch, one change between two scans of a
//! directory tree (a file created or deleted), with the file's path as
//! seen under an alias (its "virtual path").

use std::ffi::{CStr, CString};

use crate::File;

/// What a [`DirPatch`] does (CZMQ's `ZDIR_PATCH_CREATE` = 1 and
/// `ZDIR_PATCH_DELETE` = 2).
///
/// ```
/// assert_eq!(czmq::PatchOp::Create as i32, 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum PatchOp {
    /// The file was created (or changed).
    Create = 1,
    /// The file was deleted.
    Delete = 2,
}

impl PatchOp {
    /// The op for CZMQ's number, if it is one.
    ///
    /// ```
    /// assert_eq!(czmq::PatchOp::from_raw(2), Some(czmq::PatchOp::Delete));
    /// ```
    pub fn from_raw(op: i32) -> Option<PatchOp> {
        match op {
            1 => Some(PatchOp::Create),
            2 => Some(PatchOp::Delete),
            _ => None,
        }
    }
}

/// One change to a directory tree, as CZMQ's zdir_patch.
///
/// ```
/// let file = czmq::File::new(Some("/base/sub"), "name");
/// let patch = czmq::DirPatch::new("/base", &file, czmq::PatchOp::Create, "/alias");
/// assert_eq!(patch.vpath(), "/alias/sub/name");
/// ```
pub struct DirPatch {
    path: CString,
    vpath: CString,
    file: File,
    op: PatchOp,
    digest: Option<CString>,
}

impl DirPatch {
    /// A patch for `file` under directory `path`; its virtual path is
    /// `alias` joined to the file's name relative to `path`.
    ///
    /// ```
    /// let file = czmq::File::new(Some("/base"), "name");
    /// let patch = czmq::DirPatch::new("/base", &file, czmq::PatchOp::Delete, "/");
    /// assert_eq!(patch.vpath(), "/name");
    /// ```
    pub fn new(path: &str, file: &File, op: PatchOp, alias: &str) -> DirPatch {
        let name = file.filename(Some(path));
        let vpath = if alias.ends_with('/') {
            format!("{alias}{name}")
        } else {
            format!("{alias}/{name}")
        };
        DirPatch {
            path: CString::new(path).unwrap_or_default(),
            vpath: CString::new(vpath).unwrap_or_default(),
            file: file.dup(),
            op,
            digest: None,
        }
    }

    /// A copy; `None` for a create patch whose digest is not set (as CZMQ).
    ///
    /// ```
    /// let file = czmq::File::new(None, "x");
    /// let patch = czmq::DirPatch::new("", &file, czmq::PatchOp::Delete, "");
    /// assert!(patch.dup().is_some());
    /// ```
    pub fn dup(&self) -> Option<DirPatch> {
        if self.digest.is_none() && self.op != PatchOp::Delete {
            return None;
        }
        Some(DirPatch {
            path: self.path.clone(),
            vpath: self.vpath.clone(),
            file: self.file.dup(),
            op: self.op,
            digest: self.digest.clone(),
        })
    }

    /// The directory path the patch was made for.
    ///
    /// ```
    /// let file = czmq::File::new(Some("/d"), "x");
    /// assert_eq!(czmq::DirPatch::new("/d", &file, czmq::PatchOp::Create, "").path_c().to_bytes(), b"/d");
    /// ```
    pub fn path_c(&self) -> &CStr {
        &self.path
    }

    /// The patch's copy of the file.
    ///
    /// ```
    /// let file = czmq::File::new(Some("/d"), "x");
    /// let patch = czmq::DirPatch::new("/d", &file, czmq::PatchOp::Create, "");
    /// assert_eq!(patch.file().filename(None), "/d/x");
    /// ```
    pub fn file(&self) -> &File {
        &self.file
    }

    /// The patch's copy of the file, mutably (to digest or read it).
    ///
    /// ```
    /// let file = czmq::File::new(Some("/d"), "x");
    /// let mut patch = czmq::DirPatch::new("/d", &file, czmq::PatchOp::Create, "");
    /// patch.file_mut().restat();
    /// ```
    pub fn file_mut(&mut self) -> &mut File {
        &mut self.file
    }

    /// Create or delete.
    ///
    /// ```
    /// let file = czmq::File::new(None, "x");
    /// let patch = czmq::DirPatch::new("", &file, czmq::PatchOp::Delete, "");
    /// assert_eq!(patch.op(), czmq::PatchOp::Delete);
    /// ```
    pub fn op(&self) -> PatchOp {
        self.op
    }

    /// The virtual path: alias plus the file's relative name.
    ///
    /// ```
    /// let file = czmq::File::new(Some("/d"), "x");
    /// assert_eq!(czmq::DirPatch::new("/d", &file, czmq::PatchOp::Create, "v").vpath(), "v/x");
    /// ```
    pub fn vpath(&self) -> &str {
        self.vpath.to_str().unwrap_or("")
    }

    /// [`DirPatch::vpath`] as a C string.
    ///
    /// ```
    /// let file = czmq::File::new(Some("/d"), "x");
    /// let patch = czmq::DirPatch::new("/d", &file, czmq::PatchOp::Create, "v");
    /// assert_eq!(patch.vpath_c().to_bytes(), b"v/x");
    /// ```
    pub fn vpath_c(&self) -> &CStr {
        &self.vpath
    }

    /// For a create patch, computes and keeps the file's SHA-1 (once).
    ///
    /// ```
    /// let mut file = czmq::File::tmp().unwrap();
    /// file.close();
    /// let mut patch = czmq::DirPatch::new("/tmp", &file, czmq::PatchOp::Create, "");
    /// patch.digest_set();
    /// assert_eq!(patch.digest().unwrap().len(), 40);
    /// ```
    pub fn digest_set(&mut self) {
        if self.op == PatchOp::Create && self.digest.is_none() {
            self.digest = self.file.digest().map(CStr::to_owned);
        }
    }

    /// The digest set by [`DirPatch::digest_set`], if any.
    ///
    /// ```
    /// let file = czmq::File::new(None, "x");
    /// assert!(czmq::DirPatch::new("", &file, czmq::PatchOp::Create, "").digest().is_none());
    /// ```
    pub fn digest(&self) -> Option<&str> {
        self.digest.as_deref().and_then(|d| d.to_str().ok())
    }

    /// [`DirPatch::digest`] as a C string.
    ///
    /// ```
    /// let file = czmq::File::new(None, "x");
    /// assert!(czmq::DirPatch::new("", &file, czmq::PatchOp::Create, "").digest_c().is_none());
    /// ```
    pub fn digest_c(&self) -> Option<&CStr> {
        self.digest.as_deref()
    }
}
