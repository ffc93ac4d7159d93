//! Fuzzes the discovery beacon parser and the peer table fed by it: hostile
//! UDP payloads must give an error or a beacon that re-encodes, never a panic.
#![no_main]

use std::time::Instant;

use czmq::{DiscoveryBeacon, Peers};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(beacon) = DiscoveryBeacon::decode(data) {
        let again = DiscoveryBeacon::decode(&beacon.encode()).expect("re-encoded beacon decodes");
        assert_eq!(again, beacon);
    }
    let mut peers = Peers::new(std::time::Duration::from_secs(1));
    let _ = peers.observe("10.0.0.1", data, Instant::now());
});
