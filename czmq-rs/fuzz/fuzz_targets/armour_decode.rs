//! Fuzzes zarmour's decoders: any text, in any mode and with any pad
//! character, gives an error or bytes that encode back to text decoding to
//! the same bytes, never a panic.
#![no_main]

use czmq::{Armour, ArmourMode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let Some((&settings, text)) = input.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let mut armour = Armour::new();
    armour.set_mode(ArmourMode::ALL[usize::from(settings % 6)]);
    armour.set_pad(settings & 0x08 != 0);
    // A pad character from the top bits: '=' or a few others.
    let _ = armour.set_pad_char([b'=', b'!', b'~', b'#'][usize::from(settings >> 6)]);
    armour.set_line_breaks(settings & 0x10 != 0);
    armour.set_line_length(usize::from(settings >> 5) * 9);
    if let Ok(bytes) = armour.decode(text) {
        if let Ok(again) = armour.encode(&bytes) {
            assert_eq!(armour.decode(&again).expect("own output decodes"), bytes);
        }
    }
});
