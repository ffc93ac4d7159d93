//! Beacon settings for the tests that beacon on the loopback interface.

use czmq::BeaconSettings;

/// Beacons on `lo`, IPv4 broadcast (no multicast group): nodes in one test
/// process, on a UDP port leased for the test, hear each other.
pub fn lo() -> BeaconSettings {
    let mut settings = BeaconSettings::from_zsys();
    settings.interface = "lo".into();
    settings.ipv6 = false;
    settings.ipv4_mcast_address = None;
    settings
}
