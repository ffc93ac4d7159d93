//! Fuzzes the ZPL parser: hostile config text gives an error, never a panic,
//! and whatever parses writes back to text that parses to the same tree.
#![no_main]

use czmq::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(config) = Config::from_bytes(data) {
        let text = config.to_string();
        assert_eq!(Config::from_bytes(text.as_bytes()).expect("written text parses"), config);
    }
});
