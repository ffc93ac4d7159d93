//! `Dir`: CZMQ's zdir, a directory tree scanned once: its files (sorted by
//! name), its subdirectories (sorted by path), and totals over the tree.
//! Hidden entries (names starting with '.') are left out, as in CZMQ.

use std::cmp::Ordering;
use std::ffi::{CStr, CString};
use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;

use crate::{DirPatch, File, PatchOp, zsys};

/// A scanned directory tree, as CZMQ's zdir.
///
/// ```
/// let root = std::env::temp_dir().join(format!("czmq-dir-doc-{}", std::process::id()));
/// std::fs::create_dir_all(root.join("sub")).unwrap();
/// std::fs::write(root.join("sub/a"), b"12345").unwrap();
/// let mut dir = czmq::Dir::new(root.to_str().unwrap(), None).unwrap();
/// assert_eq!((dir.count(), dir.cursize()), (1, 5));
/// dir.remove(true);
/// assert!(!root.exists());
/// ```
pub struct Dir {
    path: CString,
    files: Vec<File>,
    subdirs: Vec<Dir>,
    modified: i64,
    cursize: i64,
    count: usize,
}

impl Dir {
    /// Scans `parent/path` (or `path`); a parent of `"-"` scans `path`
    /// without its subdirectories. `None` if it cannot be opened.
    ///
    /// ```
    /// assert!(czmq::Dir::new("/no/such/dir/here", None).is_none());
    /// ```
    pub fn new(path: &str, parent: Option<&str>) -> Option<Dir> {
        let (full, trimmed) = match parent {
            Some("-") => (path.to_string(), true),
            Some(parent) => (format!("{parent}/{path}"), false),
            None => (path.to_string(), false),
        };
        // Trailing slashes go, except for the root itself.
        let mut full = full.as_str();
        while full.len() > 1 && full.ends_with('/') {
            full = &full[..full.len() - 1];
        }
        if full.is_empty() {
            return None;
        }
        let entries = std::fs::read_dir(full).ok()?;
        let mut dir = Dir {
            path: CString::new(full).ok()?,
            files: Vec::new(),
            subdirs: Vec::new(),
            modified: 0,
            cursize: 0,
            count: 0,
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if name.starts_with('.') {
                continue;
            }
            // stat, not lstat: a symlink counts as what it points to.
            let Ok(meta) = std::fs::metadata(entry.path()) else {
                continue;
            };
            if meta.is_dir() {
                if !trimmed && let Some(sub) = Dir::new(name, Some(full)) {
                    dir.subdirs.push(sub);
                }
            } else {
                dir.files.push(File::new(Some(full), name));
            }
        }
        dir.files
            .sort_by(|a, b| a.filename_c(None).cmp(b.filename_c(None)));
        dir.subdirs.sort_by(|a, b| a.path.cmp(&b.path));
        for sub in &dir.subdirs {
            dir.modified = dir.modified.max(sub.modified);
            dir.cursize += sub.cursize;
            dir.count += sub.count;
        }
        for file in &dir.files {
            dir.modified = dir.modified.max(file.modified());
            dir.cursize += file.cursize();
            dir.count += 1;
        }
        Some(dir)
    }

    /// The directory's path as scanned (no trailing slash).
    ///
    /// ```
    /// assert_eq!(czmq::Dir::new("/", Some("-")).unwrap().path(), "/");
    /// ```
    pub fn path(&self) -> &str {
        self.path.to_str().unwrap_or("")
    }

    /// [`Dir::path`] as a C string.
    ///
    /// ```
    /// assert_eq!(czmq::Dir::new("/", Some("-")).unwrap().path_c().to_bytes(), b"/");
    /// ```
    pub fn path_c(&self) -> &CStr {
        &self.path
    }

    /// The newest modification time in the tree (seconds since the epoch).
    ///
    /// ```
    /// assert!(czmq::Dir::new("/", Some("-")).unwrap().modified() >= 0);
    /// ```
    pub fn modified(&self) -> i64 {
        self.modified
    }

    /// The total size of the tree's files.
    ///
    /// ```
    /// assert!(czmq::Dir::new("/", Some("-")).unwrap().cursize() >= 0);
    /// ```
    pub fn cursize(&self) -> i64 {
        self.cursize
    }

    /// The number of files in the tree.
    ///
    /// ```
    /// let dir = czmq::Dir::new("/", Some("-")).unwrap();
    /// assert_eq!(dir.count(), dir.flatten().len());
    /// ```
    pub fn count(&self) -> usize {
        self.count
    }

    /// The subdirectories, sorted by path.
    ///
    /// ```
    /// assert!(czmq::Dir::new("/", Some("-")).unwrap().subdirs().is_empty());
    /// ```
    pub fn subdirs(&self) -> &[Dir] {
        &self.subdirs
    }

    /// The files directly in this directory, sorted by name.
    ///
    /// ```
    /// let dir = czmq::Dir::new("/", Some("-")).unwrap();
    /// assert!(dir.files().len() <= dir.count());
    /// ```
    pub fn files(&self) -> &[File] {
        &self.files
    }

    /// Every file in the tree: this directory's files by name, then each
    /// subdirectory's, in path order (CZMQ's order).
    ///
    /// ```
    /// let dir = czmq::Dir::new("/", Some("-")).unwrap();
    /// assert_eq!(dir.flatten().len(), dir.count());
    /// ```
    pub fn flatten(&self) -> Vec<&File> {
        let mut out = Vec::with_capacity(self.count);
        self.flatten_into(&mut out);
        out
    }

    fn flatten_into<'a>(&'a self, out: &mut Vec<&'a File>) {
        out.extend(self.files.iter());
        for sub in &self.subdirs {
            sub.flatten_into(out);
        }
    }

    /// Deletes the directory if it is empty; with `force`, first deletes
    /// every file and subdirectory under it (and forgets them).
    ///
    /// ```
    /// let root = std::env::temp_dir().join(format!("czmq-dir-rm-{}", std::process::id()));
    /// std::fs::create_dir_all(&root).unwrap();
    /// czmq::Dir::new(root.to_str().unwrap(), None).unwrap().remove(false);
    /// assert!(!root.exists());
    /// ```
    pub fn remove(&mut self, force: bool) {
        if force {
            for mut file in self.files.drain(..) {
                file.remove();
            }
            for mut sub in self.subdirs.drain(..) {
                sub.remove(true);
            }
            self.cursize = 0;
            self.count = 0;
        }
        if self.files.is_empty() && self.subdirs.is_empty() {
            let _ = zsys::dir_delete(std::ffi::OsStr::from_bytes(self.path.as_bytes()));
        }
    }
}

impl Dir {
    /// The changes from `older` to `newer` (either may be missing): files
    /// only in `newer`, or changed in time or size, as create patches; files
    /// only in `older` as delete patches. Files not yet stable are left for
    /// a later scan, as CZMQ does. `alias` prefixes the virtual paths.
    ///
    /// ```
    /// let root = std::env::temp_dir().join(format!("czmq-dir-diff-{}", std::process::id()));
    /// std::fs::create_dir_all(&root).unwrap();
    /// let older = czmq::Dir::new(root.to_str().unwrap(), None).unwrap();
    /// let newer = czmq::Dir::new(root.to_str().unwrap(), None).unwrap();
    /// assert!(czmq::Dir::diff(Some(&older), Some(&newer), "/").is_empty());
    /// std::fs::remove_dir(&root).unwrap();
    /// ```
    pub fn diff(older: Option<&Dir>, newer: Option<&Dir>, alias: &str) -> Vec<DirPatch> {
        let old_files = older.map(Dir::flatten).unwrap_or_default();
        let new_files = newer.map(Dir::flatten).unwrap_or_default();
        let old_path = older.map_or("", Dir::path);
        let new_path = newer.map_or("", Dir::path);
        let mut patches = Vec::new();
        let (mut o, mut n) = (0, 0);
        while o < old_files.len() || n < new_files.len() {
            let order = match (old_files.get(o), new_files.get(n)) {
                (None, _) => Ordering::Greater,
                (_, None) => Ordering::Less,
                (Some(old), Some(new)) => old.filename_c(None).cmp(new.filename_c(None)),
            };
            match order {
                Ordering::Greater => {
                    let new = new_files[n];
                    if new.is_stable() {
                        patches.push(DirPatch::new(new_path, new, PatchOp::Create, alias));
                    }
                    n += 1;
                }
                Ordering::Less => {
                    let old = old_files[o];
                    if old.is_stable() {
                        patches.push(DirPatch::new(old_path, old, PatchOp::Delete, alias));
                    }
                    o += 1;
                }
                Ordering::Equal => {
                    let (old, new) = (old_files[o], new_files[n]);
                    let changed = !old.is_stable()
                        || new.modified() != old.modified()
                        || new.cursize() != old.cursize();
                    if new.is_stable() && changed {
                        patches.push(DirPatch::new(new_path, new, PatchOp::Create, alias));
                    }
                    o += 1;
                    n += 1;
                }
            }
        }
        patches
    }

    /// A create patch for every file in the tree.
    ///
    /// ```
    /// let dir = czmq::Dir::new("/", Some("-")).unwrap();
    /// assert_eq!(dir.resync("/").len(), dir.count());
    /// ```
    pub fn resync(&self, alias: &str) -> Vec<DirPatch> {
        self.flatten()
            .into_iter()
            .map(|file| DirPatch::new(self.path(), file, PatchOp::Create, alias))
            .collect()
    }

    /// Prints every file's full name, one a line, in [`Dir::flatten`]
    /// order (`indent` is accepted and unused, as in CZMQ).
    ///
    /// ```
    /// let dir = czmq::Dir::new("/", Some("-")).unwrap();
    /// let mut out = Vec::new();
    /// dir.fprint(&mut out, 0).unwrap();
    /// assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), dir.count());
    /// ```
    pub fn fprint(&self, out: &mut impl Write, _indent: i32) -> io::Result<()> {
        for file in self.flatten() {
            out.write_all(file.filename_c(None).to_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// [`Dir::fprint`] to standard output.
    ///
    /// ```
    /// czmq::Dir::new("/", Some("-")).unwrap().print(0);
    /// ```
    pub fn print(&self, indent: i32) {
        let _ = self.fprint(&mut io::stdout().lock(), indent);
    }

    /// The digests of the tree's files by relative name, kept in the file
    /// `.cache` in the directory (CZMQ's zhash text format): entries there
    /// are reused, missing ones computed, and the file rewritten.
    ///
    /// ```
    /// let root = std::env::temp_dir().join(format!("czmq-dir-cache-{}", std::process::id()));
    /// std::fs::create_dir_all(&root).unwrap();
    /// std::fs::write(root.join("a"), b"").unwrap();
    /// let mut dir = czmq::Dir::new(root.to_str().unwrap(), None).unwrap();
    /// let cache = dir.cache().unwrap();
    /// assert_eq!(cache[0], ("a".to_string(), "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709".to_string()));
    /// std::fs::remove_dir_all(&root).unwrap();
    /// ```
    pub fn cache(&mut self) -> io::Result<Vec<(String, String)>> {
        let cache_file = format!("{}/.cache", self.path());
        let mut entries: Vec<(String, String)> = Vec::new();
        if let Ok(text) = std::fs::read_to_string(&cache_file) {
            for line in text.lines() {
                if line.starts_with('#') {
                    continue;
                }
                if let Some((key, value)) = line.split_once('=') {
                    entries.push((key.to_string(), value.to_string()));
                }
            }
        }
        let path = self.path().to_string();
        for file in self.flatten_mut() {
            let name = file.filename(Some(&path)).to_string();
            if entries.iter().any(|(k, _)| *k == name) {
                continue;
            }
            let digest = file.digest().and_then(|d| d.to_str().ok()).unwrap_or("");
            entries.push((name, digest.to_string()));
        }
        let mut text = String::new();
        for (key, value) in &entries {
            text.push_str(&format!("{key}={value}\n"));
        }
        std::fs::write(&cache_file, text)?;
        Ok(entries)
    }

    /// [`Dir::flatten`], mutably (to read or digest the files in place).
    ///
    /// ```
    /// let mut dir = czmq::Dir::new("/", Some("-")).unwrap();
    /// let count = dir.count();
    /// assert_eq!(dir.flatten_mut().len(), count);
    /// ```
    pub fn flatten_mut(&mut self) -> Vec<&mut File> {
        let mut out = Vec::new();
        self.flatten_mut_into(&mut out);
        out
    }

    fn flatten_mut_into<'a>(&'a mut self, out: &mut Vec<&'a mut File>) {
        out.extend(self.files.iter_mut());
        for sub in &mut self.subdirs {
            sub.flatten_mut_into(out);
        }
    }
}
