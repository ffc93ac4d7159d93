//! Socket options: every option libzmq 4.3.5 documents, as typed getters and
//! setters on [`Socket`], generated from the one table at the bottom of this file.
//!
//! The Rust type follows the option's meaning: `Duration` for milliseconds,
//! `Option<Duration>` where -1 means "forever"/"never", `bool` for flags,
//! integers, byte strings (`Vec<u8>` / `&[u8]`), text (`String` / `&str`), and
//! CURVE keys (read as Z85 text; set from 32 raw bytes or 40 Z85 characters).
//!
//! ```
//! use std::time::Duration;
//! use czmq::{Context, SocketType};
//! let s = Context::new()?.socket(SocketType::Dealer)?;
//! s.set_sndhwm(500)?;
//! assert_eq!(s.sndhwm()?, 500);
//! s.set_rcvtimeo(Some(Duration::from_millis(250)))?;
//! assert_eq!(s.rcvtimeo()?, Some(Duration::from_millis(250)));
//! s.set_routing_id(b"peer-1")?;
//! assert_eq!(s.routing_id()?, b"peer-1");
//! # Ok::<(), czmq::Error>(())
//! ```
//!
//! Options that libzmq copies into a connection or listener when it is made
//! ([`OptionInfo::applies_at_attach`]: high-water marks, routing id,
//! security, TCP and reconnect settings...) are set before the socket's
//! first bind or connect; after it their setters return
//! [`Error::OptionTooLate`] instead of leaving the endpoints already
//! attached without them. Options the socket reads as it runs (timeouts,
//! linger, subscriptions...) can be set at any time.
//! [`Socket::set_option_raw`] does what libzmq does, for either kind.
//!
//! ```
//! use czmq::{Context, Error, SocketType};
//! let s = Context::new()?.socket(SocketType::Sub)?;
//! s.set_rcvhwm(100)?; // before attaching: applies to every connection
//! s.connect("inproc://options-doc")?;
//! assert_eq!(s.set_rcvhwm(5), Err(Error::OptionTooLate { option: "RCVHWM" }));
//! s.set_subscribe(b"")?; // read as the socket runs: any time
//! # Ok::<(), czmq::Error>(())
//! ```

use std::os::raw::c_void;
use std::time::Duration;

use zmq_sys_vendored as sys;

use crate::error::{Error, Result, check};
use crate::socket::Socket;

/// How an option may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Read and write.
    ReadWrite,
    /// Read only (zmq_setsockopt refuses it).
    ReadOnly,
    /// Write only (zmq_getsockopt refuses it).
    WriteOnly,
}

/// The value type of an option, as the typed accessors see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `i32`.
    Int,
    /// `i64`.
    Int64,
    /// `u64`.
    Uint64,
    /// `bool` (an int 0/1 in C).
    Bool,
    /// `Duration`, milliseconds in C.
    Millis,
    /// `Option<Duration>`, milliseconds in C with -1 for None.
    Timeout,
    /// Bytes.
    Bytes,
    /// Text (NUL-terminated in C).
    Text,
    /// CURVE key: Z85 text out, 32 bytes or 40 Z85 characters in.
    Key,
    /// A file descriptor.
    Fd,
}

/// One row of the option table: enough for generic tools (the C face's
/// `zsock_set_*`, tests that walk every option).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionInfo {
    /// The option's name without the ZMQ_ prefix, lower case ("sndhwm").
    pub name: &'static str,
    /// libzmq's number for it.
    pub id: i32,
    /// Its value type.
    pub kind: Kind,
    /// Whether it can be read, written or both.
    pub access: Access,
}

/// The options libzmq copies into each connection or listener when the
/// socket binds or connects (its `options_t` fields that sessions, engines
/// and listeners take a copy of): a new value reaches only the endpoints
/// attached after it is set. Sorted by number.
const AT_ATTACH: &[i32] = &[
    4,   // AFFINITY
    5,   // ROUTING_ID
    8,   // RATE
    9,   // RECOVERY_IVL
    11,  // SNDBUF
    12,  // RCVBUF
    18,  // RECONNECT_IVL
    19,  // BACKLOG
    21,  // RECONNECT_IVL_MAX
    22,  // MAXMSGSIZE
    23,  // SNDHWM
    24,  // RCVHWM
    25,  // MULTICAST_HOPS
    31,  // IPV4ONLY
    34,  // TCP_KEEPALIVE
    35,  // TCP_KEEPALIVE_CNT
    36,  // TCP_KEEPALIVE_IDLE
    37,  // TCP_KEEPALIVE_INTVL
    38,  // TCP_ACCEPT_FILTER
    39,  // IMMEDIATE
    41,  // ROUTER_RAW
    42,  // IPV6
    44,  // PLAIN_SERVER
    45,  // PLAIN_USERNAME
    46,  // PLAIN_PASSWORD
    47,  // CURVE_SERVER
    48,  // CURVE_PUBLICKEY
    49,  // CURVE_SECRETKEY
    50,  // CURVE_SERVERKEY
    54,  // CONFLATE
    55,  // ZAP_DOMAIN
    57,  // TOS
    62,  // GSSAPI_SERVER
    63,  // GSSAPI_PRINCIPAL
    64,  // GSSAPI_SERVICE_PRINCIPAL
    65,  // GSSAPI_PLAINTEXT
    66,  // HANDSHAKE_IVL
    68,  // SOCKS_PROXY
    75,  // HEARTBEAT_IVL
    76,  // HEARTBEAT_TTL
    77,  // HEARTBEAT_TIMEOUT
    79,  // CONNECT_TIMEOUT
    80,  // TCP_MAXRT
    84,  // MULTICAST_MAXTPDU
    85,  // VMCI_BUFFER_SIZE
    86,  // VMCI_BUFFER_MIN_SIZE
    87,  // VMCI_BUFFER_MAX_SIZE
    88,  // VMCI_CONNECT_TIMEOUT
    89,  // USE_FD
    90,  // GSSAPI_PRINCIPAL_NAMETYPE
    91,  // GSSAPI_SERVICE_PRINCIPAL_NAMETYPE
    92,  // BINDTODEVICE
    93,  // ZAP_ENFORCE_DOMAIN
    94,  // LOOPBACK_FASTPATH
    95,  // METADATA
    96,  // MULTICAST_LOOP
    99,  // SOCKS_USERNAME
    100, // SOCKS_PASSWORD
    101, // IN_BATCH_SIZE
    102, // OUT_BATCH_SIZE
    103, // WSS_KEY_PEM
    104, // WSS_CERT_PEM
    105, // WSS_TRUST_PEM
    106, // WSS_HOSTNAME
    107, // WSS_TRUST_SYSTEM
    109, // RECONNECT_STOP
    110, // HELLO_MSG
    111, // DISCONNECT_MSG
    112, // PRIORITY
    113, // BUSY_POLL
    114, // HICCUP_MSG
];

impl OptionInfo {
    /// True for the options libzmq takes a copy of when the socket binds or
    /// connects (high-water marks, routing id, CURVE/PLAIN/ZAP security,
    /// TCP keepalives, reconnect and heartbeat intervals, IPv6...): a value
    /// set later reaches no endpoint already attached, so the typed setters
    /// refuse it with [`Error::OptionTooLate`] once the socket is attached.
    /// False for the options the socket reads as it runs (LINGER,
    /// SNDTIMEO/RCVTIMEO, SUBSCRIBE, ROUTER_MANDATORY, XPUB_*,
    /// CONNECT_ROUTING_ID for the next connect...), settable at any time.
    ///
    /// ```
    /// let info = |name| czmq::OPTIONS.iter().find(|o| o.name == name).unwrap();
    /// assert!(info("sndhwm").applies_at_attach());
    /// assert!(info("curve_server").applies_at_attach());
    /// assert!(!info("linger").applies_at_attach());
    /// assert!(!info("subscribe").applies_at_attach());
    /// ```
    pub fn applies_at_attach(&self) -> bool {
        AT_ATTACH.binary_search(&self.id).is_ok()
    }
}

// Raw accessors shared by the generated methods.
impl Socket {
    /// [`Error::OptionTooLate`] for an option of [`AT_ATTACH`] on a socket
    /// already bound or connected.
    fn check_not_too_late(&self, option: i32, name: &'static str) -> Result<()> {
        if self.is_attached() && AT_ATTACH.binary_search(&option).is_ok() {
            return Err(Error::OptionTooLate { option: name });
        }
        Ok(())
    }

    /// zmq_setsockopt with raw bytes: the escape hatch for options newer than
    /// this table, and the one setter that never refuses an option as too
    /// late ([`Error::OptionTooLate`]): libzmq's own behaviour, for code that
    /// means to give endpoints attached later different options (the C face's
    /// `zsock_set_*` use it, as CZMQ allows any option at any time).
    ///
    /// ```
    /// let s = czmq::Context::new()?.socket(czmq::SocketType::Dealer)?;
    /// s.bind("inproc://set-option-raw-doc")?;
    /// s.set_option_raw(23, &100i32.to_ne_bytes())?; // ZMQ_SNDHWM, for later endpoints
    /// assert_eq!(s.sndhwm()?, 100);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn set_option_raw(&self, option: i32, value: &[u8]) -> Result<()> {
        // SAFETY: live socket; libzmq reads value.len() bytes from value.
        check(unsafe {
            sys::zmq_setsockopt(
                self.as_ptr(),
                option,
                value.as_ptr() as *const c_void,
                value.len(),
            )
        })
        .map(|_| ())
    }

    /// zmq_getsockopt into a buffer; returns the number of bytes libzmq wrote.
    ///
    /// ```
    /// let s = czmq::Context::new()?.socket(czmq::SocketType::Dealer)?;
    /// let mut buf = [0u8; 4];
    /// assert_eq!(s.get_option_raw(23, &mut buf)?, 4); // ZMQ_SNDHWM
    /// assert_eq!(i32::from_ne_bytes(buf), 1000);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn get_option_raw(&self, option: i32, buf: &mut [u8]) -> Result<usize> {
        let mut len = buf.len();
        // SAFETY: live socket; libzmq writes at most len bytes and updates len.
        check(unsafe {
            sys::zmq_getsockopt(
                self.as_ptr(),
                option,
                buf.as_mut_ptr() as *mut c_void,
                &mut len,
            )
        })?;
        Ok(len)
    }

    /// [`Socket::set_option_raw`] for an `int` option by number: what
    /// libzmq does, at any time (never [`Error::OptionTooLate`]), without
    /// a byte buffer. Inlined, so a caller that only needs success or
    /// failure pays one call into libzmq (the C face's `zsock_set_*` for
    /// int options are this).
    ///
    /// ```
    /// let s = czmq::Context::new()?.socket(czmq::SocketType::Dealer)?;
    /// s.set_option_i32(17, 250)?; // ZMQ_LINGER
    /// assert_eq!(s.get_option_i32(17)?, 250);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn set_option_i32(&self, option: i32, value: i32) -> Result<()> {
        self.set_option_raw(option, &value.to_ne_bytes())
    }

    /// [`Socket::get_option_raw`] for an `int` option by number (the C
    /// face's `zsock_<option>` getters for int options are this).
    ///
    /// ```
    /// let s = czmq::Context::new()?.socket(czmq::SocketType::Dealer)?;
    /// assert_eq!(s.get_option_i32(23)?, 1000); // ZMQ_SNDHWM's default
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn get_option_i32(&self, option: i32) -> Result<i32> {
        let mut buf = [0u8; 4];
        self.get_option_raw(option, &mut buf)?;
        Ok(i32::from_ne_bytes(buf))
    }

    /// [`Socket::set_option_i32`] for an `int64_t` option.
    ///
    /// ```
    /// let s = czmq::Context::new()?.socket(czmq::SocketType::Dealer)?;
    /// s.set_option_i64(22, 1 << 20)?; // ZMQ_MAXMSGSIZE
    /// assert_eq!(s.get_option_i64(22)?, 1 << 20);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn set_option_i64(&self, option: i32, value: i64) -> Result<()> {
        self.set_option_raw(option, &value.to_ne_bytes())
    }

    /// [`Socket::get_option_i32`] for an `int64_t` option.
    ///
    /// ```
    /// let s = czmq::Context::new()?.socket(czmq::SocketType::Dealer)?;
    /// assert_eq!(s.get_option_i64(22)?, -1); // ZMQ_MAXMSGSIZE: no limit
    /// # Ok::<(), czmq::Error>(())
    /// ```
    #[inline]
    pub fn get_option_i64(&self, option: i32) -> Result<i64> {
        let mut buf = [0u8; 8];
        self.get_option_raw(option, &mut buf)?;
        Ok(i64::from_ne_bytes(buf))
    }

    fn set_u64(&self, option: i32, value: u64) -> Result<()> {
        self.set_option_raw(option, &value.to_ne_bytes())
    }
    fn get_u64(&self, option: i32) -> Result<u64> {
        let mut buf = [0u8; 8];
        self.get_option_raw(option, &mut buf)?;
        Ok(u64::from_ne_bytes(buf))
    }
    fn set_bool(&self, option: i32, value: bool) -> Result<()> {
        self.set_option_i32(option, value as i32)
    }
    fn get_bool(&self, option: i32) -> Result<bool> {
        Ok(self.get_option_i32(option)? != 0)
    }
    fn set_millis(&self, option: i32, value: Duration) -> Result<()> {
        self.set_option_i32(option, millis(value)?)
    }
    fn get_millis(&self, option: i32) -> Result<Duration> {
        let ms = self.get_option_i32(option)?;
        Ok(Duration::from_millis(ms.max(0) as u64))
    }
    fn set_timeout(&self, option: i32, value: Option<Duration>) -> Result<()> {
        self.set_option_i32(option, value.map(millis).transpose()?.unwrap_or(-1))
    }
    fn get_timeout(&self, option: i32) -> Result<Option<Duration>> {
        let ms = self.get_option_i32(option)?;
        Ok((ms >= 0).then(|| Duration::from_millis(ms as u64)))
    }
    fn set_bytes(&self, option: i32, value: &[u8]) -> Result<()> {
        self.set_option_raw(option, value)
    }
    fn get_bytes(&self, option: i32) -> Result<Vec<u8>> {
        // Routing ids are at most 255 bytes and endpoints fit in 4 KiB, but a
        // SOCKS proxy address has no limit. libzmq answers EINVAL, without
        // the size it needs, to a buffer that is too small: retry larger.
        let mut result = Err(Error::Invalid);
        for size in [4096, 1 << 16, 1 << 20] {
            let mut buf = vec![0u8; size];
            result = self.get_option_raw(option, &mut buf).map(|len| {
                buf.truncate(len);
                buf
            });
            if result != Err(Error::Invalid) {
                break;
            }
        }
        result
    }
    fn set_text(&self, option: i32, value: &str) -> Result<()> {
        if value.contains('\0') {
            return Err(Error::InvalidArgument(format!(
                "{value:?} contains a NUL byte"
            )));
        }
        self.set_option_raw(option, value.as_bytes())
    }
    fn get_text(&self, option: i32) -> Result<String> {
        let mut bytes = self.get_bytes(option)?;
        // libzmq includes the terminating NUL in the length it reports.
        if let Some(end) = bytes.iter().position(|&b| b == 0) {
            bytes.truncate(end);
        }
        String::from_utf8(bytes).map_err(Error::from)
    }
    fn set_key(&self, option: i32, value: &[u8]) -> Result<()> {
        match value.len() {
            32 | 40 => self.set_option_raw(option, value),
            // A NUL-terminated Z85 key as C code passes it.
            41 if value[40] == 0 => self.set_option_raw(option, &value[..40]),
            n => Err(Error::InvalidArgument(format!(
                "a CURVE key is 32 bytes or 40 Z85 characters, not {n}"
            ))),
        }
    }
    fn get_key(&self, option: i32) -> Result<String> {
        // Asking with a 41-byte buffer makes libzmq return the key in Z85.
        let mut buf = [0u8; 41];
        self.get_option_raw(option, &mut buf)?;
        String::from_utf8(buf[..40].to_vec()).map_err(Error::from)
    }
    fn get_fd(&self, option: i32) -> Result<std::os::unix::io::RawFd> {
        self.get_option_i32(option)
    }
}

fn millis(d: Duration) -> Result<i32> {
    i32::try_from(d.as_millis()).map_err(|_| {
        Error::InvalidArgument(format!("{d:?} does not fit in an int of milliseconds"))
    })
}

/// Expands one table row into its getter and/or setter and its OptionInfo.
macro_rules! option_methods {
    (@get Int $get:ident $id:expr, $doc:expr) => {
        #[doc = $doc] pub fn $get(&self) -> Result<i32> { self.get_option_i32($id) }
    };
    (@set Int $set:ident $id:expr, $c:literal, $doc:expr) => {
        #[doc = $doc] pub fn $set(&self, value: i32) -> Result<()> { self.check_not_too_late($id, $c)?; self.set_option_i32($id, value) }
    };
    (@get Int64 $get:ident $id:expr, $doc:expr) => {
        #[doc = $doc] pub fn $get(&self) -> Result<i64> { self.get_option_i64($id) }
    };
    (@set Int64 $set:ident $id:expr, $c:literal, $doc:expr) => {
        #[doc = $doc] pub fn $set(&self, value: i64) -> Result<()> { self.check_not_too_late($id, $c)?; self.set_option_i64($id, value) }
    };
    (@get Uint64 $get:ident $id:expr, $doc:expr) => {
        #[doc = $doc] pub fn $get(&self) -> Result<u64> { self.get_u64($id) }
    };
    (@set Uint64 $set:ident $id:expr, $c:literal, $doc:expr) => {
        #[doc = $doc] pub fn $set(&self, value: u64) -> Result<()> { self.check_not_too_late($id, $c)?; self.set_u64($id, value) }
    };
    (@get Bool $get:ident $id:expr, $doc:expr) => {
        #[doc = $doc] pub fn $get(&self) -> Result<bool> { self.get_bool($id) }
    };
    (@set Bool $set:ident $id:expr, $c:literal, $doc:expr) => {
        #[doc = $doc] pub fn $set(&self, value: bool) -> Result<()> { self.check_not_too_late($id, $c)?; self.set_bool($id, value) }
    };
    (@get Millis $get:ident $id:expr, $doc:expr) => {
        #[doc = $doc] pub fn $get(&self) -> Result<Duration> { self.get_millis($id) }
    };
    (@set Millis $set:ident $id:expr, $c:literal, $doc:expr) => {
        #[doc = $doc] pub fn $set(&self, value: Duration) -> Result<()> { self.check_not_too_late($id, $c)?; self.set_millis($id, value) }
    };
    (@get Timeout $get:ident $id:expr, $doc:expr) => {
        #[doc = $doc] pub fn $get(&self) -> Result<Option<Duration>> { self.get_timeout($id) }
    };
    (@set Timeout $set:ident $id:expr, $c:literal, $doc:expr) => {
        #[doc = $doc] pub fn $set(&self, value: Option<Duration>) -> Result<()> { self.check_not_too_late($id, $c)?; self.set_timeout($id, value) }
    };
    (@get Bytes $get:ident $id:expr, $doc:expr) => {
        #[doc = $doc] pub fn $get(&self) -> Result<Vec<u8>> { self.get_bytes($id) }
    };
    (@set Bytes $set:ident $id:expr, $c:literal, $doc:expr) => {
        #[doc = $doc] pub fn $set(&self, value: &[u8]) -> Result<()> { self.check_not_too_late($id, $c)?; self.set_bytes($id, value) }
    };
    (@get Text $get:ident $id:expr, $doc:expr) => {
        #[doc = $doc] pub fn $get(&self) -> Result<String> { self.get_text($id) }
    };
    (@set Text $set:ident $id:expr, $c:literal, $doc:expr) => {
        #[doc = $doc] pub fn $set(&self, value: &str) -> Result<()> { self.check_not_too_late($id, $c)?; self.set_text($id, value) }
    };
    (@get Key $get:ident $id:expr, $doc:expr) => {
        #[doc = $doc] pub fn $get(&self) -> Result<String> { self.get_key($id) }
    };
    (@set Key $set:ident $id:expr, $c:literal, $doc:expr) => {
        #[doc = $doc] pub fn $set(&self, value: &[u8]) -> Result<()> { self.check_not_too_late($id, $c)?; self.set_key($id, value) }
    };
    (@get Fd $get:ident $id:expr, $doc:expr) => {
        #[doc = $doc] pub fn $get(&self) -> Result<std::os::unix::io::RawFd> { self.get_fd($id) }
    };
    (@access rw) => { Access::ReadWrite };
    (@access r) => { Access::ReadOnly };
    (@access w) => { Access::WriteOnly };
    (@rw rw $kind:ident $get:ident $set:ident $id:expr, $c:literal) => {
        option_methods!(@get $kind $get $id, concat!("Reads ZMQ_", $c, "."));
        option_methods!(@set $kind $set $id, $c, concat!("Sets ZMQ_", $c, ".", "\n\nIf [`OptionInfo::applies_at_attach`] is true for this option and the socket is already bound or connected, fails with [`Error::OptionTooLate`] (libzmq would keep the value for later connections only, silently): set it before attaching, e.g. with [`Sock::builder`](crate::Sock::builder)."));
    };
    (@rw r $kind:ident $get:ident $set:ident $id:expr, $c:literal) => {
        option_methods!(@get $kind $get $id, concat!("Reads ZMQ_", $c, " (read-only)."));
    };
    (@rw w $kind:ident $get:ident $set:ident $id:expr, $c:literal) => {
        option_methods!(@set $kind $set $id, $c, concat!("Sets ZMQ_", $c, " (write-only).", "\n\nIf [`OptionInfo::applies_at_attach`] is true for this option and the socket is already bound or connected, fails with [`Error::OptionTooLate`] (libzmq would keep the value for later connections only, silently): set it before attaching, e.g. with [`Sock::builder`](crate::Sock::builder)."));
    };
}

macro_rules! socket_options {
    ($( $(#[$cfg:meta])* $access:ident $kind:ident $get:ident $set:ident = $id:expr, $c:literal; )*) => {
        impl Socket {
            $( $(#[$cfg])* option_methods!(@rw $access $kind $get $set $id, $c); )*
        }

        /// Every socket option of this build: name, number, type and access.
        pub const OPTIONS: &[OptionInfo] = &[
            $( $(#[$cfg])* OptionInfo {
                name: stringify!($get),
                id: $id,
                kind: Kind::$kind,
                access: option_methods!(@access $access),
            }, )*
        ];
    };
}

// The table. Columns: access (rw / r / w), kind, getter, setter, libzmq number,
// libzmq name. Sorted by name. Options for transports and mechanisms this build
// leaves out (GSSAPI, VMCI, WSS, NORM) are listed too: libzmq refuses them with
// EINVAL, which is what a user of such a build should see.
//
/// Hands the option table to `$callback!` (a macro taking the rows
/// `access kind getter setter = number, "NAME";`, each row possibly under a
/// `#[cfg(...)]`). [`Socket`]'s typed accessors and [`OPTIONS`] are generated
/// this way here, and the C face (`zsock_<option>` / `zsock_set_<option>`)
/// from the very same rows, so an option's number and type are written once.
///
/// ```
/// macro_rules! count_rows {
///     ($( $(#[$cfg:meta])* $access:ident $kind:ident $get:ident $set:ident = $id:expr, $c:literal; )*) => {
///         {
///             let mut rows = 0;
///             $( $(#[$cfg])* { let _ = ($id, $c); rows += 1; } )*
///             rows
///         }
///     };
/// }
/// // Doctests see czmq's features, so the DRAFT rows count alike.
/// assert_eq!(czmq::socket_option_table!(count_rows), czmq::OPTIONS.len());
/// ```
#[macro_export]
macro_rules! socket_option_table {
    ($callback:ident) => {
        $callback! {
            rw Uint64  affinity set_affinity = 4, "AFFINITY";
            rw Int     backlog set_backlog = 19, "BACKLOG";
            rw Text    bindtodevice set_bindtodevice = 92, "BINDTODEVICE";
            #[cfg(feature = "draft")]
            w  Int     busy_poll set_busy_poll = 113, "BUSY_POLL";
            rw Bool    conflate set_conflate = 54, "CONFLATE";
            w  Bytes   connect_routing_id set_connect_routing_id = 61, "CONNECT_ROUTING_ID";
            rw Millis  connect_timeout set_connect_timeout = 79, "CONNECT_TIMEOUT";
            rw Key     curve_publickey set_curve_publickey = 48, "CURVE_PUBLICKEY";
            rw Key     curve_secretkey set_curve_secretkey = 49, "CURVE_SECRETKEY";
            rw Bool    curve_server set_curve_server = 47, "CURVE_SERVER";
            rw Key     curve_serverkey set_curve_serverkey = 50, "CURVE_SERVERKEY";
            #[cfg(feature = "draft")]
            w  Bytes   disconnect_msg set_disconnect_msg = 111, "DISCONNECT_MSG";
            r  Int     events set_events = 15, "EVENTS";
            r  Fd      fd set_fd = 14, "FD";
            rw Bool    gssapi_plaintext set_gssapi_plaintext = 65, "GSSAPI_PLAINTEXT";
            rw Text    gssapi_principal set_gssapi_principal = 63, "GSSAPI_PRINCIPAL";
            rw Int     gssapi_principal_nametype set_gssapi_principal_nametype = 90, "GSSAPI_PRINCIPAL_NAMETYPE";
            rw Bool    gssapi_server set_gssapi_server = 62, "GSSAPI_SERVER";
            rw Text    gssapi_service_principal set_gssapi_service_principal = 64, "GSSAPI_SERVICE_PRINCIPAL";
            rw Int     gssapi_service_principal_nametype set_gssapi_service_principal_nametype = 91, "GSSAPI_SERVICE_PRINCIPAL_NAMETYPE";
            rw Millis  handshake_ivl set_handshake_ivl = 66, "HANDSHAKE_IVL";
            rw Millis  heartbeat_ivl set_heartbeat_ivl = 75, "HEARTBEAT_IVL";
            rw Millis  heartbeat_timeout set_heartbeat_timeout = 77, "HEARTBEAT_TIMEOUT";
            rw Millis  heartbeat_ttl set_heartbeat_ttl = 76, "HEARTBEAT_TTL";
            #[cfg(feature = "draft")]
            w  Bytes   hello_msg set_hello_msg = 110, "HELLO_MSG";
            #[cfg(feature = "draft")]
            w  Bytes   hiccup_msg set_hiccup_msg = 114, "HICCUP_MSG";
            rw Bool    immediate set_immediate = 39, "IMMEDIATE";
            #[cfg(feature = "draft")]
            rw Int     in_batch_size set_in_batch_size = 101, "IN_BATCH_SIZE";
            rw Bool    invert_matching set_invert_matching = 74, "INVERT_MATCHING";
            rw Bool    ipv4only set_ipv4only = 31, "IPV4ONLY";
            rw Bool    ipv6 set_ipv6 = 42, "IPV6";
            r  Text    last_endpoint set_last_endpoint = 32, "LAST_ENDPOINT";
            rw Timeout linger set_linger = 17, "LINGER";
            #[cfg(feature = "draft")]
            rw Bool    loopback_fastpath set_loopback_fastpath = 94, "LOOPBACK_FASTPATH";
            rw Int64   maxmsgsize set_maxmsgsize = 22, "MAXMSGSIZE";
            r  Int     mechanism set_mechanism = 43, "MECHANISM";
            #[cfg(feature = "draft")]
            w  Text    metadata set_metadata = 95, "METADATA";
            rw Int     multicast_hops set_multicast_hops = 25, "MULTICAST_HOPS";
            #[cfg(feature = "draft")]
            rw Bool    multicast_loop set_multicast_loop = 96, "MULTICAST_LOOP";
            rw Int     multicast_maxtpdu set_multicast_maxtpdu = 84, "MULTICAST_MAXTPDU";
            #[cfg(feature = "draft")]
            w  Bool    only_first_subscribe set_only_first_subscribe = 108, "ONLY_FIRST_SUBSCRIBE";
            #[cfg(feature = "draft")]
            rw Int     out_batch_size set_out_batch_size = 102, "OUT_BATCH_SIZE";
            rw Text    plain_password set_plain_password = 46, "PLAIN_PASSWORD";
            rw Bool    plain_server set_plain_server = 44, "PLAIN_SERVER";
            rw Text    plain_username set_plain_username = 45, "PLAIN_USERNAME";
            #[cfg(feature = "draft")]
            rw Int     priority set_priority = 112, "PRIORITY";
            w  Bool    probe_router set_probe_router = 51, "PROBE_ROUTER";
            rw Int     rate set_rate = 8, "RATE";
            rw Int     rcvbuf set_rcvbuf = 12, "RCVBUF";
            rw Int     rcvhwm set_rcvhwm = 24, "RCVHWM";
            r  Bool    rcvmore set_rcvmore = 13, "RCVMORE";
            rw Timeout rcvtimeo set_rcvtimeo = 27, "RCVTIMEO";
            rw Timeout reconnect_ivl set_reconnect_ivl = 18, "RECONNECT_IVL";
            rw Millis  reconnect_ivl_max set_reconnect_ivl_max = 21, "RECONNECT_IVL_MAX";
            #[cfg(feature = "draft")]
            rw Int     reconnect_stop set_reconnect_stop = 109, "RECONNECT_STOP";
            rw Millis  recovery_ivl set_recovery_ivl = 9, "RECOVERY_IVL";
            w  Bool    req_correlate set_req_correlate = 52, "REQ_CORRELATE";
            w  Bool    req_relaxed set_req_relaxed = 53, "REQ_RELAXED";
            w  Bool    router_handover set_router_handover = 56, "ROUTER_HANDOVER";
            w  Bool    router_mandatory set_router_mandatory = 33, "ROUTER_MANDATORY";
            #[cfg(feature = "draft")]
            rw Int     router_notify set_router_notify = 97, "ROUTER_NOTIFY";
            w  Bool    router_raw set_router_raw = 41, "ROUTER_RAW";
            rw Bytes   routing_id set_routing_id = 5, "ROUTING_ID";
            rw Int     sndbuf set_sndbuf = 11, "SNDBUF";
            rw Int     sndhwm set_sndhwm = 23, "SNDHWM";
            rw Timeout sndtimeo set_sndtimeo = 28, "SNDTIMEO";
            #[cfg(feature = "draft")]
            rw Text    socks_password set_socks_password = 100, "SOCKS_PASSWORD";
            rw Text    socks_proxy set_socks_proxy = 68, "SOCKS_PROXY";
            #[cfg(feature = "draft")]
            rw Text    socks_username set_socks_username = 99, "SOCKS_USERNAME";
            w  Bool    stream_notify set_stream_notify = 73, "STREAM_NOTIFY";
            w  Bytes   subscribe set_subscribe = 6, "SUBSCRIBE";
            w  Bytes   tcp_accept_filter set_tcp_accept_filter = 38, "TCP_ACCEPT_FILTER";
            rw Int     tcp_keepalive set_tcp_keepalive = 34, "TCP_KEEPALIVE";
            rw Int     tcp_keepalive_cnt set_tcp_keepalive_cnt = 35, "TCP_KEEPALIVE_CNT";
            rw Int     tcp_keepalive_idle set_tcp_keepalive_idle = 36, "TCP_KEEPALIVE_IDLE";
            rw Int     tcp_keepalive_intvl set_tcp_keepalive_intvl = 37, "TCP_KEEPALIVE_INTVL";
            rw Millis  tcp_maxrt set_tcp_maxrt = 80, "TCP_MAXRT";
            r  Bool    thread_safe set_thread_safe = 81, "THREAD_SAFE";
            #[cfg(feature = "draft")]
            r  Int     topics_count set_topics_count = 116, "TOPICS_COUNT";
            rw Int     tos set_tos = 57, "TOS";
            r  Int     socket_type set_socket_type = 16, "TYPE";
            w  Bytes   unsubscribe set_unsubscribe = 7, "UNSUBSCRIBE";
            rw Int     use_fd set_use_fd = 89, "USE_FD";
            rw Uint64  vmci_buffer_max_size set_vmci_buffer_max_size = 87, "VMCI_BUFFER_MAX_SIZE";
            rw Uint64  vmci_buffer_min_size set_vmci_buffer_min_size = 86, "VMCI_BUFFER_MIN_SIZE";
            rw Uint64  vmci_buffer_size set_vmci_buffer_size = 85, "VMCI_BUFFER_SIZE";
            rw Millis  vmci_connect_timeout set_vmci_connect_timeout = 88, "VMCI_CONNECT_TIMEOUT";
            #[cfg(feature = "draft")]
            w  Text    wss_cert_pem set_wss_cert_pem = 104, "WSS_CERT_PEM";
            #[cfg(feature = "draft")]
            w  Text    wss_hostname set_wss_hostname = 106, "WSS_HOSTNAME";
            #[cfg(feature = "draft")]
            w  Text    wss_key_pem set_wss_key_pem = 103, "WSS_KEY_PEM";
            #[cfg(feature = "draft")]
            w  Text    wss_trust_pem set_wss_trust_pem = 105, "WSS_TRUST_PEM";
            #[cfg(feature = "draft")]
            w  Bool    wss_trust_system set_wss_trust_system = 107, "WSS_TRUST_SYSTEM";
            w  Bool    xpub_manual set_xpub_manual = 71, "XPUB_MANUAL";
            #[cfg(feature = "draft")]
            w  Bool    xpub_manual_last_value set_xpub_manual_last_value = 98, "XPUB_MANUAL_LAST_VALUE";
            w  Bool    xpub_nodrop set_xpub_nodrop = 69, "XPUB_NODROP";
            w  Bool    xpub_verbose set_xpub_verbose = 40, "XPUB_VERBOSE";
            w  Bool    xpub_verboser set_xpub_verboser = 78, "XPUB_VERBOSER";
            w  Bytes   xpub_welcome_msg set_xpub_welcome_msg = 72, "XPUB_WELCOME_MSG";
            #[cfg(feature = "draft")]
            w  Bool    xsub_verbose_unsubscribe set_xsub_verbose_unsubscribe = 115, "XSUB_VERBOSE_UNSUBSCRIBE";
            #[cfg(feature = "draft")]
            rw Bool    zap_enforce_domain set_zap_enforce_domain = 93, "ZAP_ENFORCE_DOMAIN";
            rw Text    zap_domain set_zap_domain = 55, "ZAP_DOMAIN";
        }
    };
}

socket_option_table!(socket_options);
