//! Fuzzes the ZGP decoder: any bytes, through every decoding entry point,
//! checking the codec's invariants (see `gossip::msg::fuzz_decode`), and the
//! stamp trailer our nodes read after a PUBLISH body.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = gossip::msg::fuzz_decode(data) {
        panic!("{violation}");
    }
    if let Some((stamp, deleted)) = gossip::trailer::decode(data) {
        assert_eq!(&gossip::trailer::encode(stamp, deleted)[..], data);
    }
});
