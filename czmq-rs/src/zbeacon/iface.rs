//! Choosing the interface, the bind address and the destination of a beacon
//! from the ZSYS_* settings, as CZMQ 4.2.1's zbeacon does (spec §3.3).

use std::ffi::CStr;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

use crate::zsys;

/// The network settings a beacon uses, CZMQ's `ZSYS_*` values: a
/// snapshot of [`zsys`] by default, or set per beacon.
///
/// `interface` is a name (`"eth0"`), an address, one digit `N` (the N-th
/// usable interface), `"*"` (bind any address, send to 255.255.255.255 or
/// the multicast group) or `""` (the first usable interface). As in CZMQ,
/// usable means up, not loopback, not point-to-point, not a bonding slave,
/// and broadcast-capable (IPv4) or multicast-capable (IPv6).
///
/// Unlike CZMQ, naming a loopback interface explicitly (`"lo"` or
/// `"127.0.0.1"`) works: the beacon then binds there and broadcasts to the
/// loopback's broadcast address (127.255.255.255), built from its netmask
/// as CZMQ builds a broadcast address that the system does not report.
/// The empty default still skips loopback, as CZMQ does.
///
/// ```
/// let mut s = czmq::BeaconSettings::from_zsys();
/// s.interface = "lo".into();
/// s.ipv4_mcast_address = Some("239.192.0.77".parse()?);
/// s.mcast_ttl = 2;
/// # let _ = s;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BeaconSettings {
    /// `ZSYS_INTERFACE`.
    pub interface: String,
    /// `ZSYS_IPV6`: beacon over IPv6 multicast instead of IPv4.
    pub ipv6: bool,
    /// `ZSYS_IPV6_ADDRESS`: the IPv6 address to announce (with a non-empty
    /// interface).
    pub ipv6_address: String,
    /// `ZSYS_IPV6_MCAST_ADDRESS`: the IPv6 group (default ff02::1).
    pub ipv6_mcast_address: String,
    /// `ZSYS_IPV4_MCAST_ADDRESS`: when set, IPv4 beacons go to this group
    /// instead of being broadcast.
    pub ipv4_mcast_address: Option<Ipv4Addr>,
    /// Multicast time-to-live (hops), 1..=255 (CZMQ: 1).
    pub mcast_ttl: u32,
}

impl BeaconSettings {
    /// The current [`zsys`] settings. An IPv4 multicast address that does not
    /// parse is logged and ignored (broadcast is used).
    pub fn from_zsys() -> BeaconSettings {
        let ipv4_mcast_address = zsys::ipv4_mcast_address().and_then(|text| {
            text.parse()
                .map_err(|_| log::warn!("zbeacon: bad IPv4 multicast address {text:?}"))
                .ok()
        });
        BeaconSettings {
            interface: zsys::interface(),
            ipv6: zsys::ipv6(),
            ipv6_address: zsys::ipv6_address(),
            ipv6_mcast_address: zsys::ipv6_mcast_address(),
            ipv4_mcast_address,
            mcast_ttl: zsys::mcast_ttl().clamp(1, 255) as u32,
        }
    }
}

/// How a configured beacon uses the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Plan {
    /// What the socket binds: the wildcard address and the beacon port.
    pub bind: SocketAddr,
    /// Where beacons go: a broadcast address or a multicast group.
    pub send_to: SocketAddr,
    /// The CONFIGURE reply: the interface address, or "*".
    pub hostname: String,
    /// Multicast membership, when sending to a group.
    pub mcast: Option<Mcast>,
    /// The exact address beacons must come from, when the kernel's choice
    /// could differ (an IPv6 interface has several addresses): a second
    /// socket bound there sends.
    pub source: Option<SocketAddr>,
}

/// Which group to join, and on which interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mcast {
    /// IPv4 group, and the interface's address (unspecified: any).
    V4 { group: Ipv4Addr, iface: Ipv4Addr },
    /// IPv6 group, and the interface's index (0: any).
    V6 { group: Ipv6Addr, index: u32 },
}

/// One address of one interface, as `getifaddrs` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IfAddr {
    pub name: String,
    pub flags: u32,
    pub addr: IpAddr,
    pub netmask: Option<IpAddr>,
    pub broadcast: Option<IpAddr>,
}

impl IfAddr {
    fn is_up(&self) -> bool {
        self.flags & libc::IFF_UP as u32 != 0
    }

    fn is_loopback(&self) -> bool {
        self.flags & libc::IFF_LOOPBACK as u32 != 0
    }

    /// CZMQ's ziflist rule for an interface it offers.
    fn usable(&self) -> bool {
        let has = |flag: i32| self.flags & flag as u32 != 0;
        let capable = match self.addr {
            IpAddr::V4(_) => has(libc::IFF_BROADCAST),
            IpAddr::V6(_) => has(libc::IFF_MULTICAST),
        };
        self.is_up()
            && !self.is_loopback()
            && capable
            && !has(libc::IFF_SLAVE)
            && !has(libc::IFF_POINTOPOINT)
    }

    /// The IPv4 broadcast address; built from address and netmask when the
    /// system reports none or reports the address itself (CZMQ's rule).
    fn broadcast_v4(&self) -> Option<Ipv4Addr> {
        let IpAddr::V4(addr) = self.addr else {
            return None;
        };
        match self.broadcast {
            Some(IpAddr::V4(b)) if b != addr && !b.is_unspecified() => Some(b),
            _ => match self.netmask {
                Some(IpAddr::V4(mask)) => Some(Ipv4Addr::from(u32::from(addr) | !u32::from(mask))),
                _ => None,
            },
        }
    }
}

/// Every address of every interface (IPv4 and IPv6), in the system's order.
pub(crate) fn interfaces() -> Vec<IfAddr> {
    let mut list = Vec::new();
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs fills `head` with a list we own until freeifaddrs.
    if unsafe { libc::getifaddrs(&mut head) } != 0 {
        log::warn!("zbeacon: getifaddrs: {}", std::io::Error::last_os_error());
        return list;
    }
    let mut cursor = head;
    while !cursor.is_null() {
        // SAFETY: `cursor` is a node of the live list from getifaddrs; its
        // name is a NUL-terminated string and its address pointers are
        // null or point at sockaddrs of the family they state.
        unsafe {
            let ifa = &*cursor;
            if let Some(addr) = ip_of(ifa.ifa_addr) {
                list.push(IfAddr {
                    name: CStr::from_ptr(ifa.ifa_name).to_string_lossy().into_owned(),
                    flags: ifa.ifa_flags,
                    addr,
                    netmask: ip_of(ifa.ifa_netmask),
                    broadcast: ip_of(ifa.ifa_ifu),
                });
            }
            cursor = ifa.ifa_next;
        }
    }
    // SAFETY: `head` came from getifaddrs and is freed once.
    unsafe { libc::freeifaddrs(head) };
    list
}

/// The IP address in a sockaddr, for AF_INET and AF_INET6.
///
/// # Safety
/// `sa` is null or points at a sockaddr whose size matches its family.
unsafe fn ip_of(sa: *const libc::sockaddr) -> Option<IpAddr> {
    if sa.is_null() {
        return None;
    }
    // SAFETY: the caller guarantees `sa` (not null here) points at a
    // sockaddr; every sockaddr starts with its family field.
    let family = i32::from(unsafe { (*sa).sa_family });
    match family {
        libc::AF_INET => {
            // SAFETY: the family says AF_INET, and the caller guarantees the
            // storage is as large as its family's sockaddr_in.
            let sin = unsafe { &*(sa as *const libc::sockaddr_in) };
            Some(IpAddr::V4(Ipv4Addr::from(u32::from_be(
                sin.sin_addr.s_addr,
            ))))
        }
        libc::AF_INET6 => {
            // SAFETY: the family says AF_INET6, and the caller guarantees the
            // storage is as large as its family's sockaddr_in6.
            let sin6 = unsafe { &*(sa as *const libc::sockaddr_in6) };
            Some(IpAddr::V6(Ipv6Addr::from(sin6.sin6_addr.s6_addr)))
        }
        _ => None,
    }
}

/// The index of a named interface, 0 when there is none.
pub(crate) fn index_of(name: &str) -> u32 {
    let Ok(cname) = std::ffi::CString::new(name) else {
        return 0;
    };
    // SAFETY: `cname` is a valid NUL-terminated string for the call.
    unsafe { libc::if_nametoindex(cname.as_ptr()) }
}

/// The name of an interface index, if any.
pub(crate) fn name_of(index: u32) -> Option<String> {
    let mut buf = [0 as libc::c_char; libc::IF_NAMESIZE];
    // SAFETY: `buf` has the IF_NAMESIZE bytes if_indextoname may write.
    let ptr = unsafe { libc::if_indextoname(index, buf.as_mut_ptr()) };
    if ptr.is_null() {
        return None;
    }
    // SAFETY: on success `buf` holds a NUL-terminated name.
    Some(
        unsafe { CStr::from_ptr(buf.as_ptr()) }
            .to_string_lossy()
            .into_owned(),
    )
}

/// An address as CZMQ prints it: numeric, link-local IPv6 with `%iface`.
pub(crate) fn host_text(addr: IpAddr, scope: u32) -> String {
    match addr {
        IpAddr::V6(v6) if is_link_local(&v6) && scope != 0 => match name_of(scope) {
            Some(name) => format!("{v6}%{name}"),
            None => format!("{v6}%{scope}"),
        },
        _ => addr.to_string(),
    }
}

fn is_link_local(v6: &Ipv6Addr) -> bool {
    v6.segments()[0] & 0xffc0 == 0xfe80
}

/// Decides where a beacon on `port` binds and sends, from `settings` and the
/// interface list; None when no interface is usable (CONFIGURE replies "").
pub(crate) fn plan(settings: &BeaconSettings, port: u16, ifaces: &[IfAddr]) -> Option<Plan> {
    if settings.ipv6 {
        plan_v6(settings, port, ifaces)
    } else {
        plan_v4(settings, port, ifaces)
    }
}

fn plan_v4(settings: &BeaconSettings, port: u16, ifaces: &[IfAddr]) -> Option<Plan> {
    let iface = settings.interface.as_str();
    let bind = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, port));
    let target = |broadcast: Ipv4Addr, local: Ipv4Addr| match settings.ipv4_mcast_address {
        Some(group) => (
            SocketAddr::V4(SocketAddrV4::new(group, port)),
            Some(Mcast::V4 {
                group,
                iface: local,
            }),
        ),
        None => (SocketAddr::V4(SocketAddrV4::new(broadcast, port)), None),
    };
    if iface == "*" {
        let (send_to, mcast) = target(Ipv4Addr::BROADCAST, Ipv4Addr::UNSPECIFIED);
        return Some(Plan {
            bind,
            send_to,
            hostname: "*".into(),
            mcast,
            source: None,
        });
    }
    let chosen = pick(iface, ifaces, false).or_else(|| {
        // Our extension: an explicitly named loopback interface.
        (!iface.is_empty())
            .then(|| {
                ifaces.iter().find(|i| {
                    i.is_up()
                        && i.is_loopback()
                        && i.addr.is_ipv4()
                        && (i.name == iface || i.addr.to_string() == iface)
                })
            })
            .flatten()
    })?;
    let IpAddr::V4(local) = chosen.addr else {
        return None;
    };
    let broadcast = chosen.broadcast_v4()?;
    let (send_to, mcast) = target(broadcast, local);
    Some(Plan {
        bind,
        send_to,
        hostname: local.to_string(),
        mcast,
        source: None,
    })
}

fn plan_v6(settings: &BeaconSettings, port: u16, ifaces: &[IfAddr]) -> Option<Plan> {
    let iface = settings.interface.as_str();
    let group: Ipv6Addr = match settings.ipv6_mcast_address.parse() {
        Ok(group) => group,
        Err(_) => {
            log::warn!(
                "zbeacon: bad IPv6 multicast address {:?}",
                settings.ipv6_mcast_address
            );
            return None;
        }
    };
    let bind = SocketAddr::V6(SocketAddrV6::new(Ipv6Addr::UNSPECIFIED, port, 0, 0));
    let plan = |hostname: String, index: u32| Plan {
        bind,
        send_to: SocketAddr::V6(SocketAddrV6::new(group, port, 0, index)),
        hostname,
        mcast: Some(Mcast::V6 { group, index }),
        source: None,
    };
    if iface == "*" {
        return Some(plan("*".into(), 0));
    }
    if !settings.ipv6_address.is_empty() && !iface.is_empty() {
        // The announced address is given; the interface gives the scope.
        let text = settings.ipv6_address.split('%').next().unwrap_or_default();
        let Ok(addr) = text.parse::<Ipv6Addr>() else {
            log::warn!("zbeacon: bad IPv6 address {:?}", settings.ipv6_address);
            return None;
        };
        let index = index_of(iface);
        let scope = if is_link_local(&addr) { index } else { 0 };
        return Some(Plan {
            source: Some(SocketAddr::V6(SocketAddrV6::new(addr, port, 0, scope))),
            ..plan(host_text(IpAddr::V6(addr), index), index)
        });
    }
    let chosen = pick(iface, ifaces, true)?;
    let index = index_of(&chosen.name);
    Some(plan(host_text(chosen.addr, index), index))
}

/// The usable interface entry `iface` names (digit, name, address, or ""
/// for the first) of the wanted family, in ziflist order.
fn pick<'a>(iface: &str, ifaces: &'a [IfAddr], want_v6: bool) -> Option<&'a IfAddr> {
    let mut usable = ifaces.iter().filter(|i| i.usable());
    let family = |i: &&IfAddr| i.addr.is_ipv6() == want_v6;
    let digit = iface.len() == 1 && iface.as_bytes()[0].is_ascii_digit();
    if digit {
        // CZMQ counts entries of both families and takes entry N only if
        // it has the wanted family.
        let n = usize::from(iface.as_bytes()[0] - b'0');
        return usable.nth(n).filter(|i| family(i));
    }
    usable
        .find(|i| family(i) && (iface.is_empty() || i.name == iface || i.addr.to_string() == iface))
}

#[cfg(test)]
mod tests {
    use super::*;

    const UP_BCAST: u32 = (libc::IFF_UP | libc::IFF_BROADCAST | libc::IFF_MULTICAST) as u32;
    const LO: u32 = (libc::IFF_UP | libc::IFF_LOOPBACK) as u32;

    fn v4(name: &str, flags: u32, addr: &str, mask: &str, bcast: Option<&str>) -> IfAddr {
        IfAddr {
            name: name.into(),
            flags,
            addr: addr.parse().unwrap(),
            netmask: Some(mask.parse().unwrap()),
            broadcast: bcast.map(|b| b.parse().unwrap()),
        }
    }

    fn host() -> Vec<IfAddr> {
        vec![
            v4("lo", LO, "127.0.0.1", "255.0.0.0", None),
            v4(
                "eth0",
                UP_BCAST,
                "192.0.2.2",
                "255.255.255.0",
                Some("192.0.2.255"),
            ),
            IfAddr {
                name: "eth0".into(),
                flags: UP_BCAST,
                addr: "fe80::1".parse().unwrap(),
                netmask: Some("ffff:ffff:ffff:ffff::".parse().unwrap()),
                broadcast: None,
            },
            v4(
                "eth1",
                UP_BCAST,
                "10.1.0.5",
                "255.255.0.0",
                Some("10.1.0.5"),
            ),
            v4(
                "tun0",
                (libc::IFF_UP | libc::IFF_POINTOPOINT) as u32,
                "10.8.0.1",
                "255.255.255.255",
                None,
            ),
        ]
    }

    fn settings(interface: &str) -> BeaconSettings {
        BeaconSettings {
            interface: interface.into(),
            ipv6: false,
            ipv6_address: String::new(),
            ipv6_mcast_address: "ff02:0:0:0:0:0:0:1".into(),
            ipv4_mcast_address: None,
            mcast_ttl: 1,
        }
    }

    #[test]
    fn default_skips_loopback_and_broadcasts_on_the_first_usable() {
        let p = plan(&settings(""), 9999, &host()).unwrap();
        assert_eq!(p.hostname, "192.0.2.2");
        assert_eq!(p.send_to, "192.0.2.255:9999".parse().unwrap());
        assert_eq!(p.bind, "0.0.0.0:9999".parse().unwrap());
        assert_eq!(p.mcast, None);
    }

    #[test]
    fn loopback_only_host_has_no_default_interface() {
        let only_lo = vec![v4("lo", LO, "127.0.0.1", "255.0.0.0", None)];
        assert_eq!(plan(&settings(""), 9999, &only_lo), None);
        // Named explicitly, loopback works (our extension).
        let p = plan(&settings("lo"), 9999, &only_lo).unwrap();
        assert_eq!(p.hostname, "127.0.0.1");
        assert_eq!(p.send_to, "127.255.255.255:9999".parse().unwrap());
    }

    #[test]
    fn wildcard_sends_to_limited_broadcast_or_the_group() {
        let p = plan(&settings("*"), 5670, &[]).unwrap();
        assert_eq!(p.hostname, "*");
        assert_eq!(p.send_to, "255.255.255.255:5670".parse().unwrap());
        let mut s = settings("*");
        s.ipv4_mcast_address = Some("239.192.0.77".parse().unwrap());
        let p = plan(&s, 5670, &[]).unwrap();
        assert_eq!(p.send_to, "239.192.0.77:5670".parse().unwrap());
        assert_eq!(
            p.mcast,
            Some(Mcast::V4 {
                group: "239.192.0.77".parse().unwrap(),
                iface: Ipv4Addr::UNSPECIFIED
            })
        );
    }

    #[test]
    fn names_addresses_and_digits_select_like_ziflist() {
        assert_eq!(
            plan(&settings("eth1"), 1, &host()).unwrap().hostname,
            "10.1.0.5"
        );
        // The reported broadcast equals the address: built from the mask.
        assert_eq!(
            plan(&settings("10.1.0.5"), 1, &host()).unwrap().send_to,
            "10.1.255.255:1".parse().unwrap()
        );
        // Usable entries: eth0 v4 (0), eth0 v6 (1), eth1 v4 (2).
        assert_eq!(
            plan(&settings("0"), 1, &host()).unwrap().hostname,
            "192.0.2.2"
        );
        assert_eq!(plan(&settings("1"), 1, &host()), None);
        assert_eq!(
            plan(&settings("2"), 1, &host()).unwrap().hostname,
            "10.1.0.5"
        );
        assert_eq!(plan(&settings("tun0"), 1, &host()), None);
        assert_eq!(plan(&settings("nope"), 1, &host()), None);
    }

    #[test]
    fn multicast_uses_the_interface_address() {
        let mut s = settings("eth0");
        s.ipv4_mcast_address = Some("239.1.2.3".parse().unwrap());
        let p = plan(&s, 7, &host()).unwrap();
        assert_eq!(p.send_to, "239.1.2.3:7".parse().unwrap());
        assert_eq!(
            p.mcast,
            Some(Mcast::V4 {
                group: "239.1.2.3".parse().unwrap(),
                iface: "192.0.2.2".parse().unwrap()
            })
        );
    }

    #[test]
    fn ipv6_picks_a_multicast_interface_and_the_group() {
        let mut s = settings("");
        s.ipv6 = true;
        let p = plan(&s, 7, &host()).unwrap();
        assert!(p.hostname.starts_with("fe80::1"));
        assert!(matches!(p.mcast, Some(Mcast::V6 { .. })));
        assert_eq!(p.source, None);
        s.ipv6_mcast_address = "not an address".into();
        assert_eq!(plan(&s, 7, &host()), None);
    }

    #[test]
    fn an_explicit_ipv6_address_is_the_source() {
        let mut s = settings("lo");
        s.ipv6 = true;
        s.ipv6_address = "::1".into();
        let p = plan(&s, 7, &host()).unwrap();
        assert_eq!(p.hostname, "::1");
        assert_eq!(p.source, Some("[::1]:7".parse().unwrap()));
        assert_eq!(p.bind, "[::]:7".parse().unwrap());
        s.ipv6_address = "bogus".into();
        assert_eq!(plan(&s, 7, &host()), None);
    }
}
