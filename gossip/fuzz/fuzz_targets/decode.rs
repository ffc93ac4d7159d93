//! Fuzzes the ZGP decoder: any bytes, through every decoding entry point,
//! checking the codec's invariants (see `gossip::msg::fuzz_decode`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = gossip::msg::fuzz_decode(data) {
        panic!("{violation}");
    }
});
