//! Fuzzes zchunk_unpack (a frame's bytes into a chunk) and the chunk
//! operations C reaches with outside data: never a panic, the content is
//! the frame's, and pack gives the same bytes back.
#![no_main]

use czmq::{Chunk, Frame};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let frame = Frame::new(data);
    let mut chunk = Chunk::unpack(&frame);
    assert_eq!(chunk.data(), data);
    assert_eq!(chunk.pack().data(), data);
    assert_eq!(chunk.digest().len(), 40);
    let half = data.len() / 2;
    let mut sink = Chunk::with_max_size(half);
    sink.consume(&mut chunk);
    assert_eq!(sink.data(), &data[..half]);
    sink.extend(data);
    assert_eq!(sink.size(), half + data.len());
});
