//! Replays the committed fuzz seed corpus (`fuzz/corpus-seed/`) through the
//! fuzz target's body on stable Rust. Each seed's name says whether CZMQ
//! accepts it (`ok-*`) or calls it malformed (`err-*`).

use std::fs;
use std::path::Path;

use gossip::msg::fuzz_decode;

#[test]
fn seed_corpus_holds_the_codec_invariants() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus-seed");
    let mut seen = 0;
    let mut failures = Vec::new();
    for entry in fs::read_dir(&dir).expect("seed corpus directory") {
        let path = entry.expect("directory entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_owned();
        let data = fs::read(&path).expect("seed is readable");
        let expect_ok = match name.split('-').next() {
            Some("ok") => true,
            Some("err") => false,
            _ => {
                failures.push(format!("{name}: seed names start with ok- or err-"));
                continue;
            }
        };
        seen += 1;
        match fuzz_decode(&data) {
            Err(violation) => failures.push(format!("{name}: {violation}")),
            Ok(decoded) if decoded.is_some() != expect_ok => {
                failures.push(format!("{name}: decoded to {decoded:?}"))
            }
            Ok(_) => {}
        }
    }
    assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));
    assert!(seen >= 30, "only {seen} seeds found in {}", dir.display());
}
