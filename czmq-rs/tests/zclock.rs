//! zclock tests: monotonicity, units, sleeping and the timestamp format.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use czmq::zclock;

#[test]
fn mono_and_usecs_never_go_backwards() {
    let mut last_ms = zclock::mono();
    let mut last_us = zclock::usecs();
    for _ in 0..10_000 {
        let ms = zclock::mono();
        let us = zclock::usecs();
        assert!(ms >= last_ms);
        assert!(us >= last_us);
        last_ms = ms;
        last_us = us;
    }
}

#[test]
fn usecs_and_mono_count_the_same_clock() {
    let ms = zclock::mono();
    let us = zclock::usecs();
    // Read back to back: within a few milliseconds of each other.
    assert!((us / 1000 - ms).abs() <= 5, "{us} us vs {ms} ms");
}

#[test]
fn sleep_waits_at_least_as_long_as_asked() {
    let started = Instant::now();
    let (ms, us) = (zclock::mono(), zclock::usecs());
    zclock::sleep(Duration::from_millis(20));
    assert!(started.elapsed() >= Duration::from_millis(20));
    assert!(zclock::mono() - ms >= 20);
    assert!(zclock::usecs() - us >= 20_000);
}

#[test]
fn time_is_wall_clock_milliseconds() {
    let before = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let t = zclock::time();
    let after = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    assert!(before <= t && t <= after);
}

#[test]
fn timestr_is_yyyy_mm_dd_hh_mm_ss() {
    let s = zclock::timestr();
    let b = s.as_bytes();
    assert_eq!(b.len(), 19, "{s}");
    for (i, c) in b.iter().enumerate() {
        match i {
            4 | 7 => assert_eq!(*c, b'-', "{s}"),
            10 => assert_eq!(*c, b' ', "{s}"),
            13 | 16 => assert_eq!(*c, b':', "{s}"),
            _ => assert!(c.is_ascii_digit(), "{s}"),
        }
    }
    let field = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap();
    assert!(field(0..4) >= 2020);
    assert!((1..=12).contains(&field(5..7)));
    assert!((1..=31).contains(&field(8..10)));
    assert!(field(11..13) < 24);
    assert!(field(14..16) < 60);
    assert!(field(17..19) < 61);
}
