//! Fuzzes zmsg_decode's format: any bytes give an error or a message that
//! encodes back to the same bytes' meaning, never a panic.
#![no_main]

use czmq::Msg;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(msg) = Msg::decode(data) {
        let frame = msg.encode().expect("a decoded message encodes");
        assert_eq!(Msg::decode(frame.data()).expect("round trip"), msg);
    }
});
