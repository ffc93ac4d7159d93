//! Any bytes, split into frames, fed to the ZRE message and beacon
//! decoders: they return an error or a value, never panic, and whatever the
//! message decoder accepts encodes back to the very same frames.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zre::beacon::Beacon;
use zre::msg::ZreMsg;

fuzz_target!(|data: &[u8]| {
    // The first byte says where frames split: every byte equal to it ends a
    // frame, so the fuzzer can reach multi-frame WHISPER/SHOUT and stray frames.
    let Some((&separator, rest)) = data.split_first() else {
        return;
    };
    let frames: Vec<&[u8]> = rest.split(|&b| b == separator).collect();
    if let Ok(message) = ZreMsg::decode(&frames) {
        let encoded = message
            .encode()
            .expect("a decoded message fits its prefixes");
        assert_eq!(encoded, frames);
    }
    if let Ok(beacon) = Beacon::decode(rest) {
        assert_eq!(beacon.encode(), rest);
    }
});
