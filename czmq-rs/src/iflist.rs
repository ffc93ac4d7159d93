//! `IfList`: CZMQ's ziflist, the host's network interfaces that can
//! broadcast (or, for IPv6, multicast): up, not loopback, not a bonding
//! slave, not point-to-point. Addresses come from the beacon's
//! `getifaddrs` reader; the text forms follow CZMQ's (numeric, link-local
//! IPv6 with `%interface`, IPv6 "broadcast" = zsys's IPv6 multicast address).

use std::ffi::{CStr, CString};
use std::net::{IpAddr, Ipv4Addr};

use crate::zbeacon::iface::{IfAddr, interfaces};
use crate::zsys;

/// One interface address, as text.
#[derive(Debug, Clone)]
struct Interface {
    name: CString,
    address: CString,
    netmask: CString,
    broadcast: CString,
    ipv6: bool,
}

/// The host's usable interfaces with a cursor, as CZMQ's ziflist.
///
/// ```
/// let mut list = czmq::IfList::new();
/// let size = list.size();
/// let mut seen = 0;
/// while let Some(_name) = if seen == 0 { list.first() } else { list.next() } {
///     assert!(list.address().is_some());
///     seen += 1;
/// }
/// assert_eq!(seen, size);
/// ```
#[derive(Debug, Default)]
pub struct IfList {
    items: Vec<Interface>,
    cursor: usize,
}

fn has(flags: u32, flag: i32) -> bool {
    flags & flag as u32 != 0
}

/// CZMQ's test of an interface worth offering.
fn valid_flags(flags: u32, ipv6: bool) -> bool {
    has(flags, libc::IFF_UP)
        && !has(flags, libc::IFF_LOOPBACK)
        && (ipv6 || has(flags, libc::IFF_BROADCAST))
        && (!ipv6 || has(flags, libc::IFF_MULTICAST))
        && !has(flags, libc::IFF_SLAVE)
        && !has(flags, libc::IFF_POINTOPOINT)
}

fn text(s: String) -> CString {
    CString::new(s).unwrap_or_default()
}

fn interface_of(ifa: &IfAddr, ipv6: bool) -> Option<Interface> {
    let netmask = ifa.netmask?;
    let is_v6 = ifa.addr.is_ipv6();
    if is_v6 && !ipv6 {
        return None;
    }
    // IPv4 needs a broadcast address from the system (CZMQ's rule).
    if !is_v6 && ifa.broadcast.is_none() {
        return None;
    }
    if netmask.is_ipv6() && !ipv6 {
        return None;
    }
    if !valid_flags(ifa.flags, is_v6) {
        return None;
    }
    let address = match ifa.addr {
        IpAddr::V6(v6) if v6.segments()[0] & 0xffc0 == 0xfe80 => format!("{v6}%{}", ifa.name),
        other => other.to_string(),
    };
    let broadcast = match (ifa.addr, ifa.broadcast, netmask) {
        (IpAddr::V4(addr), Some(IpAddr::V4(b)), IpAddr::V4(mask)) => {
            // A system that reports the address itself gets the subnet's.
            if b == addr {
                Ipv4Addr::from(u32::from(b) | !u32::from(mask)).to_string()
            } else {
                b.to_string()
            }
        }
        (IpAddr::V4(_), ..) => return None,
        _ => zsys::ipv6_mcast_address(),
    };
    Some(Interface {
        name: text(ifa.name.clone()),
        address: text(address),
        netmask: text(netmask.to_string()),
        broadcast: text(broadcast),
        ipv6: is_v6,
    })
}

impl IfList {
    /// The IPv4 interfaces now.
    ///
    /// ```
    /// let list = czmq::IfList::new();
    /// assert!(list.size() < 10_000);
    /// ```
    pub fn new() -> IfList {
        let mut list = IfList::default();
        list.reload();
        list
    }

    /// The IPv4 and IPv6 interfaces now (CZMQ's draft ziflist_new_ipv6).
    ///
    /// ```
    /// assert!(czmq::IfList::new_ipv6().size() >= czmq::IfList::new().size());
    /// ```
    pub fn new_ipv6() -> IfList {
        let mut list = IfList::default();
        list.reload_ipv6();
        list
    }

    fn load(&mut self, ipv6: bool) {
        self.items = interfaces()
            .iter()
            .filter_map(|ifa| interface_of(ifa, ipv6))
            .collect();
        self.cursor = 0;
    }

    /// Reads the IPv4 interfaces again (the cursor is reset).
    ///
    /// ```
    /// let mut list = czmq::IfList::new();
    /// let size = list.size();
    /// list.reload();
    /// assert_eq!(list.size(), size);
    /// ```
    pub fn reload(&mut self) {
        self.load(false)
    }

    /// Reads the IPv4 and IPv6 interfaces again.
    ///
    /// ```
    /// let mut list = czmq::IfList::new();
    /// list.reload_ipv6();
    /// ```
    pub fn reload_ipv6(&mut self) {
        self.load(true)
    }

    /// How many interfaces there are.
    ///
    /// ```
    /// assert_eq!(czmq::IfList::default().size(), 0);
    /// ```
    pub fn size(&self) -> usize {
        self.items.len()
    }

    fn current(&self) -> Option<&Interface> {
        self.cursor.checked_sub(1).and_then(|i| self.items.get(i))
    }

    /// Moves to the first interface and gives its name.
    ///
    /// ```
    /// assert!(czmq::IfList::default().first().is_none());
    /// ```
    pub fn first(&mut self) -> Option<&CStr> {
        self.cursor = 1;
        self.current().map(|i| i.name.as_c_str())
    }

    /// Moves to the next interface and gives its name.
    ///
    /// ```
    /// assert!(czmq::IfList::default().next().is_none());
    /// ```
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<&CStr> {
        if self.cursor <= self.items.len() {
            self.cursor += 1;
        }
        self.current().map(|i| i.name.as_c_str())
    }

    /// The current interface's address.
    ///
    /// ```
    /// assert!(czmq::IfList::default().address().is_none());
    /// ```
    pub fn address(&self) -> Option<&CStr> {
        self.current().map(|i| i.address.as_c_str())
    }

    /// The current interface's broadcast address (IPv6: the multicast one).
    ///
    /// ```
    /// assert!(czmq::IfList::default().broadcast().is_none());
    /// ```
    pub fn broadcast(&self) -> Option<&CStr> {
        self.current().map(|i| i.broadcast.as_c_str())
    }

    /// The current interface's netmask.
    ///
    /// ```
    /// assert!(czmq::IfList::default().netmask().is_none());
    /// ```
    pub fn netmask(&self) -> Option<&CStr> {
        self.current().map(|i| i.netmask.as_c_str())
    }

    /// Whether the current interface's address is IPv6.
    ///
    /// ```
    /// assert!(!czmq::IfList::default().is_ipv6());
    /// ```
    pub fn is_ipv6(&self) -> bool {
        self.current().is_some_and(|i| i.ipv6)
    }

    /// Logs every interface at info level (CZMQ's zsys_info lines).
    ///
    /// ```
    /// czmq::IfList::new().print();
    /// ```
    pub fn print(&self) {
        for i in &self.items {
            log::info!(" - interface name : {}", i.name.to_string_lossy());
            log::info!(" - interface address : {}", i.address.to_string_lossy());
            log::info!(" - interface netmask : {}", i.netmask.to_string_lossy());
            log::info!(" - interface broadcast : {}", i.broadcast.to_string_lossy());
        }
    }
}
