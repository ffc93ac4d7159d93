//! Dir, DirPatch and File against real directory changes in a scratch
//! directory. Files are given an mtime an hour back so they count as
//! stable (CZMQ's diff ignores files still being written) without waiting.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use czmq::{Chunk, Dir, File, PatchOp};

/// A fresh scratch directory for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("czmq-dir-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes a file whose mtime is an hour old (so it is stable).
fn write_old(path: &Path, body: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, body).unwrap();
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

#[test]
fn diff_reports_created_and_deleted_files() {
    let scratch = Scratch::new("diff");
    write_old(&scratch.0.join("a.txt"), b"alpha");
    let older = Dir::new(scratch.path(), None).unwrap();
    std::fs::remove_file(scratch.0.join("a.txt")).unwrap();
    write_old(&scratch.0.join("sub/b.txt"), b"beta");
    let newer = Dir::new(scratch.path(), None).unwrap();

    let patches = Dir::diff(Some(&older), Some(&newer), "/");
    let seen: Vec<(PatchOp, &str)> = patches.iter().map(|p| (p.op(), p.vpath())).collect();
    assert_eq!(
        seen,
        vec![(PatchOp::Delete, "/a.txt"), (PatchOp::Create, "/sub/b.txt")]
    );
    assert_eq!(patches[1].path_c().to_str().unwrap(), scratch.path());
}

#[test]
fn diff_reports_a_changed_file_and_skips_unstable_ones() {
    let scratch = Scratch::new("change");
    write_old(&scratch.0.join("same"), b"1");
    write_old(&scratch.0.join("grows"), b"1");
    let older = Dir::new(scratch.path(), None).unwrap();
    write_old(&scratch.0.join("grows"), b"12");
    // Just written: not stable, so not reported yet.
    std::fs::write(scratch.0.join("fresh"), b"new").unwrap();
    let newer = Dir::new(scratch.path(), None).unwrap();

    let patches = Dir::diff(Some(&older), Some(&newer), "");
    assert_eq!(patches.len(), 1);
    assert_eq!(patches[0].op(), PatchOp::Create);
    assert_eq!(patches[0].vpath(), "/grows");
    assert_eq!(Dir::diff(Some(&newer), Some(&newer), "").len(), 0);
}

#[test]
fn scan_totals_order_resync_and_forced_remove() {
    let scratch = Scratch::new("scan");
    write_old(&scratch.0.join("b"), b"12");
    write_old(&scratch.0.join("a"), b"1");
    write_old(&scratch.0.join("z/c"), b"123");
    write_old(&scratch.0.join(".hidden"), b"1234");
    let mut dir = Dir::new(scratch.path(), None).unwrap();
    assert_eq!(dir.count(), 3);
    assert_eq!(dir.cursize(), 6);
    let names: Vec<String> = dir
        .flatten()
        .iter()
        .map(|f| f.filename(Some(scratch.path())).to_string())
        .collect();
    assert_eq!(names, ["a", "b", "z/c"]);
    let resync = dir.resync("v");
    assert!(resync.iter().all(|p| p.op() == PatchOp::Create));
    assert_eq!(resync[2].vpath(), "v/z/c");

    let trimmed = Dir::new(scratch.path(), Some("-")).unwrap();
    assert_eq!(trimmed.count(), 2);

    std::fs::remove_file(scratch.0.join(".hidden")).unwrap();
    dir.remove(true);
    assert_eq!((dir.count(), dir.cursize()), (0, 0));
    assert!(!scratch.0.exists());
}

#[test]
fn cache_digests_every_file_and_keeps_them_on_disk() {
    let scratch = Scratch::new("cache");
    write_old(&scratch.0.join("hello"), b"Hello, World\n");
    let mut dir = Dir::new(scratch.path(), None).unwrap();
    let cache = dir.cache().unwrap();
    assert_eq!(
        cache,
        vec![(
            "hello".to_string(),
            "4AB299C8AD6ED14F31923DD94F8B5F5CB89DFB54".to_string()
        )]
    );
    let text = std::fs::read_to_string(scratch.0.join(".cache")).unwrap();
    assert!(text.contains("hello=4AB299C8AD6ED14F31923DD94F8B5F5CB89DFB54"));
}

#[test]
fn file_reads_writes_lines_and_links() {
    let scratch = Scratch::new("file");
    let mut file = File::new(Some(&format!("{}/deep", scratch.path())), "data");
    file.output().unwrap();
    file.write(&Chunk::new(b"one\r\ntwo\n"), 0).unwrap();
    file.close();
    assert_eq!(file.cursize(), 9);
    assert!(file.is_regular() && file.is_readable());
    file.input().unwrap();
    assert_eq!(file.readln().unwrap().to_bytes(), b"one");
    assert_eq!(file.readln().unwrap().to_bytes(), b"two");
    assert!(file.readln().is_none());
    let chunk = file.read(4, 6).unwrap();
    assert!(chunk.streq("wo\n"));
    assert!(file.eof());
    file.close();

    // A ".ln" file names the file it stands for.
    let target = format!("{}/deep/data", scratch.path());
    std::fs::write(scratch.0.join("alias.ln"), format!("{target}\n")).unwrap();
    let mut link = File::new(Some(scratch.path()), "alias.ln");
    assert_eq!(link.filename(Some(scratch.path())), "alias");
    assert_eq!(link.cursize(), 9);
    link.input().unwrap();
    assert!(link.read(100, 0).unwrap().streq("one\r\ntwo\n"));
    link.remove();
    assert!(!scratch.0.join("alias.ln").exists());
    assert!(Path::new(&target).exists());
}
