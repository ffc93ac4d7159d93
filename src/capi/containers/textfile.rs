//! CZMQ's hash table text file (zhash_save/load, zhashx_save/load): the
//! comment lines as `#   text`, a blank line after them, then one
//! `name=value` line per item. Loading skips `#` lines and lines without
//! a name before an `=`; the value is everything after the first `=`.
//! Also the file facts `*_refresh` needs: modification time and whether
//! the file has been quiet long enough to be "stable".

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Writes the file; the entries are `(name, value)`.
pub(crate) fn save<'a>(
    path: &Path,
    comments: &[Vec<u8>],
    entries: impl IntoIterator<Item = (&'a [u8], &'a [u8])>,
) -> io::Result<()> {
    let mut out = BufWriter::new(fs::File::create(path)?);
    if !comments.is_empty() {
        for comment in comments {
            out.write_all(b"#   ")?;
            out.write_all(comment)?;
            out.write_all(b"\n")?;
        }
        out.write_all(b"\n")?;
    }
    for (name, value) in entries {
        out.write_all(name)?;
        out.write_all(b"=")?;
        out.write_all(value)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// The `(name, value)` lines of a file's contents, in order.
pub(crate) fn parse(text: &[u8]) -> Vec<(&[u8], &[u8])> {
    text.split_inclusive(|&b| b == b'\n')
        .filter_map(|line| {
            let line = line.strip_suffix(b"\n").unwrap_or(line);
            if line.first() == Some(&b'#') {
                return None;
            }
            let equals = line.iter().position(|&b| b == b'=')?;
            if equals == 0 {
                return None;
            }
            // A NUL ends a C string: what follows it is not seen by C.
            let name = super::dict::until_nul(&line[..equals]);
            let value = super::dict::until_nul(&line[equals + 1..]);
            Some((name, value))
        })
        .collect()
}

/// The file's modification time, `None` if it cannot be read.
pub(crate) fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// CZMQ's `zsys_file_stable`: the file exists and was last changed more
/// than ZSYS_FILE_STABLE_AGE_MSEC (default 5000) milliseconds ago.
pub(crate) fn stable(path: &Path) -> bool {
    let age_ms = std::env::var("ZSYS_FILE_STABLE_AGE_MSEC")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(5000);
    modified(path)
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age > Duration::from_millis(age_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_then_parse() {
        let dir = std::env::temp_dir().join(format!("czmq-textfile-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("hash.cfg");
        let comments = vec![b"first".to_vec(), b"second".to_vec()];
        save(&path, &comments, [(&b"k"[..], &b"v=w"[..]), (b"a", b"")]).unwrap();
        let text = fs::read(&path).unwrap();
        assert_eq!(text, b"#   first\n#   second\n\nk=v=w\na=\n");
        assert_eq!(parse(&text), vec![(&b"k"[..], &b"v=w"[..]), (b"a", b"")]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn parse_skips_what_czmq_skips() {
        let text = b"# a=b\n=x\nnoequals\nname=value\r\nlast=1";
        assert_eq!(
            parse(text),
            vec![(&b"name"[..], &b"value\r"[..]), (b"last", b"1")]
        );
    }
}
