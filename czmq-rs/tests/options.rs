//! Every entry of `czmq::OPTIONS`, through its typed getter and setter, on a
//! real socket: read-write options read back what was written, write-only
//! options refuse a read, read-only options refuse a write, and options of
//! transports or mechanisms this build lacks are refused both ways. Then the
//! typed edge cases (timeouts, out-of-range durations, keys, text).

use std::collections::BTreeSet;
use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::time::Duration;

use czmq::{Access, Context, Error, Kind, OPTIONS, OptionInfo, Socket, SocketType};
use zmq_sys_vendored as sys;

/// What this libzmq build offers, and a valid CURVE key pair.
struct Env {
    ctx: Context,
    curve: bool,
    gssapi: bool,
    vmci: bool,
    wss: bool,
    public_z85: String,
    public_raw: [u8; 32],
}

fn has(capability: &str) -> bool {
    let c = CString::new(capability).unwrap();
    // SAFETY: zmq_has only reads the NUL-terminated name.
    unsafe { sys::zmq_has(c.as_ptr()) == 1 }
}

impl Env {
    fn new() -> Env {
        let mut public = [0 as c_char; 41];
        let mut secret = [0 as c_char; 41];
        let curve = has("curve");
        let mut public_raw = [0u8; 32];
        let mut public_z85 = String::new();
        if curve {
            // SAFETY: both buffers hold 41 bytes, as zmq_curve_keypair requires.
            let rc = unsafe { sys::zmq_curve_keypair(public.as_mut_ptr(), secret.as_mut_ptr()) };
            assert_eq!(rc, 0);
            // SAFETY: zmq_curve_keypair wrote NUL-terminated Z85 text.
            public_z85 = unsafe { CStr::from_ptr(public.as_ptr()) }
                .to_str()
                .unwrap()
                .to_owned();
            // SAFETY: 32 output bytes for 40 input characters.
            let out = unsafe { sys::zmq_z85_decode(public_raw.as_mut_ptr(), public.as_ptr()) };
            assert!(!out.is_null());
        }
        Env {
            ctx: Context::new().unwrap(),
            curve,
            gssapi: has("gssapi"),
            vmci: has("vmci"),
            wss: has("wss"),
            public_z85,
            public_raw,
        }
    }

    /// Whether libzmq knows the option in this build.
    fn available(&self, name: &str) -> bool {
        if name.starts_with("gssapi") {
            self.gssapi
        } else if name.starts_with("vmci") {
            self.vmci
        } else if name.starts_with("wss") {
            self.wss
        } else if name.starts_with("curve") {
            self.curve
        } else {
            true
        }
    }
}

/// The socket type an option belongs to (most are generic).
fn socket_for(name: &str) -> SocketType {
    match name {
        "subscribe" | "unsubscribe" => SocketType::Sub,
        "xsub_verbose_unsubscribe" => SocketType::Xsub,
        "topics_count" | "only_first_subscribe" => SocketType::Xpub,
        n if n.starts_with("xpub") => SocketType::Xpub,
        n if n.starts_with("router") || n == "probe_router" || n == "connect_routing_id" => {
            SocketType::Router
        }
        n if n.starts_with("req") => SocketType::Req,
        "stream_notify" => SocketType::Stream,
        _ => SocketType::Dealer,
    }
}

// Test values per kind, with the few options libzmq constrains further.
fn int_value(name: &str) -> i32 {
    match name {
        "tcp_keepalive" => 1,
        "router_notify" => 3,  // ZMQ_NOTIFY_CONNECT | ZMQ_NOTIFY_DISCONNECT
        "reconnect_stop" => 1, // ZMQ_RECONNECT_STOP_CONN_REFUSED
        n if n.ends_with("nametype") => 1, // ZMQ_GSSAPI_NT_USER_NAME
        _ => 42,
    }
}
fn int64_value() -> i64 {
    1_000_000
}
fn uint64_value() -> u64 {
    3
}
fn millis_value() -> Duration {
    // A multiple of 100 ms: heartbeat_ttl is kept in deciseconds.
    Duration::from_millis(1500)
}
fn bytes_value(name: &str) -> &'static [u8] {
    match name {
        "tcp_accept_filter" => b"127.0.0.1",
        _ => b"opt-\x00-value",
    }
}
fn text_value(name: &str) -> &'static str {
    match name {
        "bindtodevice" => "lo",
        "metadata" => "X-colour:blue",
        "socks_proxy" => "127.0.0.1:1080",
        _ => "text value",
    }
}

/// A value of the option's type, as its setter takes it.
macro_rules! set_value {
    (Int, $env:ident, $info:ident, $s:ident, $set:ident) => {
        $s.$set(int_value($info.name))
    };
    (Int64, $env:ident, $info:ident, $s:ident, $set:ident) => {
        $s.$set(int64_value())
    };
    (Uint64, $env:ident, $info:ident, $s:ident, $set:ident) => {
        $s.$set(uint64_value())
    };
    (Bool, $env:ident, $info:ident, $s:ident, $set:ident) => {
        $s.$set(true)
    };
    (Millis, $env:ident, $info:ident, $s:ident, $set:ident) => {
        $s.$set(millis_value())
    };
    (Timeout, $env:ident, $info:ident, $s:ident, $set:ident) => {
        $s.$set(Some(millis_value()))
    };
    (Bytes, $env:ident, $info:ident, $s:ident, $set:ident) => {
        $s.$set(bytes_value($info.name))
    };
    (Text, $env:ident, $info:ident, $s:ident, $set:ident) => {
        $s.$set(text_value($info.name))
    };
    (Key, $env:ident, $info:ident, $s:ident, $set:ident) => {
        $s.$set(b"rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7")
    };
}

/// Writes values and reads them back through the typed pair.
macro_rules! round_trip {
    (Int, $env:ident, $info:ident, $s:ident, $get:ident, $set:ident) => {{
        let v = int_value($info.name);
        $s.$set(v).unwrap();
        assert_eq!($s.$get().unwrap(), v, "{}", $info.name);
    }};
    (Int64, $env:ident, $info:ident, $s:ident, $get:ident, $set:ident) => {{
        for v in [int64_value(), -1] {
            $s.$set(v).unwrap();
            assert_eq!($s.$get().unwrap(), v, "{}", $info.name);
        }
    }};
    (Uint64, $env:ident, $info:ident, $s:ident, $get:ident, $set:ident) => {{
        $s.$set(uint64_value()).unwrap();
        assert_eq!($s.$get().unwrap(), uint64_value(), "{}", $info.name);
    }};
    (Bool, $env:ident, $info:ident, $s:ident, $get:ident, $set:ident) => {{
        for v in [true, false, true] {
            $s.$set(v).unwrap();
            assert_eq!($s.$get().unwrap(), v, "{}", $info.name);
        }
    }};
    (Millis, $env:ident, $info:ident, $s:ident, $get:ident, $set:ident) => {{
        for v in [millis_value(), Duration::ZERO] {
            $s.$set(v).unwrap();
            assert_eq!($s.$get().unwrap(), v, "{}", $info.name);
        }
    }};
    (Timeout, $env:ident, $info:ident, $s:ident, $get:ident, $set:ident) => {{
        for v in [Some(millis_value()), None, Some(Duration::ZERO)] {
            $s.$set(v).unwrap();
            assert_eq!($s.$get().unwrap(), v, "{}", $info.name);
        }
    }};
    (Bytes, $env:ident, $info:ident, $s:ident, $get:ident, $set:ident) => {{
        let v = bytes_value($info.name);
        $s.$set(v).unwrap();
        assert_eq!($s.$get().unwrap(), v, "{}", $info.name);
    }};
    (Text, $env:ident, $info:ident, $s:ident, $get:ident, $set:ident) => {{
        let v = text_value($info.name);
        $s.$set(v).unwrap();
        assert_eq!($s.$get().unwrap(), v, "{}", $info.name);
    }};
    (Key, $env:ident, $info:ident, $s:ident, $get:ident, $set:ident) => {{
        // Z85 text in, Z85 text out; 32 raw bytes in, the same key out.
        $s.$set($env.public_z85.as_bytes()).unwrap();
        assert_eq!($s.$get().unwrap(), $env.public_z85, "{}", $info.name);
        $s.$set(&[0u8; 32]).unwrap();
        assert_ne!($s.$get().unwrap(), $env.public_z85);
        $s.$set(&$env.public_raw).unwrap();
        assert_eq!($s.$get().unwrap(), $env.public_z85, "{}", $info.name);
        let mut with_nul = $env.public_z85.clone().into_bytes();
        with_nul.push(0);
        $s.$set(&with_nul).unwrap();
        assert_eq!($s.$get().unwrap(), $env.public_z85, "{}", $info.name);
    }};
}

/// libzmq refuses to read the option, whatever size the caller offers.
fn refuses_read(s: &Socket, info: &OptionInfo) {
    for size in [4, 8, 41, 256] {
        let mut buf = vec![0u8; size];
        assert_eq!(
            s.get_option_raw(info.id, &mut buf),
            Err(Error::Invalid),
            "{} read with {size} bytes",
            info.name
        );
    }
}

/// libzmq refuses to write the option, whatever the value looks like.
fn refuses_write(s: &Socket, info: &OptionInfo) {
    for value in [&1i32.to_ne_bytes()[..], &1i64.to_ne_bytes()[..], b"text"] {
        assert_eq!(
            s.set_option_raw(info.id, value),
            Err(Error::Invalid),
            "{} written with {value:?}",
            info.name
        );
    }
}

/// One OPTIONS row, exercised through the typed methods its row generated.
macro_rules! exercise {
    ($env:ident, $info:ident, $s:ident; rw $kind:ident $get:ident $set:ident) => {{
        assert_eq!(
            ($info.access, $info.kind),
            (Access::ReadWrite, Kind::$kind),
            "{}",
            $info.name
        );
        if $env.available($info.name) {
            round_trip!($kind, $env, $info, $s, $get, $set);
        } else {
            assert_eq!(
                set_value!($kind, $env, $info, $s, $set),
                Err(Error::Invalid),
                "{}",
                $info.name
            );
            assert_eq!($s.$get().map(|_| ()), Err(Error::Invalid), "{}", $info.name);
        }
    }};
    ($env:ident, $info:ident, $s:ident; w $kind:ident $set:ident) => {{
        assert_eq!(
            ($info.access, $info.kind),
            (Access::WriteOnly, Kind::$kind),
            "{}",
            $info.name
        );
        let written = set_value!($kind, $env, $info, $s, $set);
        if $env.available($info.name) {
            assert_eq!(written, Ok(()), "{}", $info.name);
        } else {
            assert_eq!(written, Err(Error::Invalid), "{}", $info.name);
        }
        refuses_read(&$s, $info);
    }};
    ($env:ident, $info:ident, $s:ident; r $kind:ident $get:ident, $check:expr) => {{
        assert_eq!(
            ($info.access, $info.kind),
            (Access::ReadOnly, Kind::$kind),
            "{}",
            $info.name
        );
        let value = $s.$get().unwrap();
        assert!(($check)(&value), "{} read {:?}", $info.name, value);
        refuses_write(&$s, $info);
    }};
}

/// Exercises one option; false when this test does not know it.
fn exercise(env: &Env, info: &OptionInfo) -> bool {
    let kind = socket_for(info.name);
    let s = env.ctx.socket(kind).unwrap();
    match info.name {
        "affinity" => exercise!(env, info, s; rw Uint64 affinity set_affinity),
        "backlog" => exercise!(env, info, s; rw Int backlog set_backlog),
        "bindtodevice" => exercise!(env, info, s; rw Text bindtodevice set_bindtodevice),
        #[cfg(feature = "draft")]
        "busy_poll" => exercise!(env, info, s; w Int set_busy_poll),
        "conflate" => exercise!(env, info, s; rw Bool conflate set_conflate),
        "connect_routing_id" => exercise!(env, info, s; w Bytes set_connect_routing_id),
        "connect_timeout" => exercise!(env, info, s; rw Millis connect_timeout set_connect_timeout),
        "curve_publickey" => exercise!(env, info, s; rw Key curve_publickey set_curve_publickey),
        "curve_secretkey" => exercise!(env, info, s; rw Key curve_secretkey set_curve_secretkey),
        "curve_server" => exercise!(env, info, s; rw Bool curve_server set_curve_server),
        "curve_serverkey" => exercise!(env, info, s; rw Key curve_serverkey set_curve_serverkey),
        #[cfg(feature = "draft")]
        "disconnect_msg" => exercise!(env, info, s; w Bytes set_disconnect_msg),
        "events" => exercise!(env, info, s; r Int events, |v: &i32| *v == 0),
        "fd" => exercise!(env, info, s; r Fd fd, |v: &i32| *v >= 0),
        "gssapi_plaintext" => {
            exercise!(env, info, s; rw Bool gssapi_plaintext set_gssapi_plaintext)
        }
        "gssapi_principal" => {
            exercise!(env, info, s; rw Text gssapi_principal set_gssapi_principal)
        }
        "gssapi_principal_nametype" => {
            exercise!(env, info, s; rw Int gssapi_principal_nametype set_gssapi_principal_nametype)
        }
        "gssapi_server" => exercise!(env, info, s; rw Bool gssapi_server set_gssapi_server),
        "gssapi_service_principal" => {
            exercise!(env, info, s; rw Text gssapi_service_principal set_gssapi_service_principal)
        }
        "gssapi_service_principal_nametype" => {
            exercise!(env, info, s; rw Int gssapi_service_principal_nametype set_gssapi_service_principal_nametype)
        }
        "handshake_ivl" => exercise!(env, info, s; rw Millis handshake_ivl set_handshake_ivl),
        "heartbeat_ivl" => exercise!(env, info, s; rw Millis heartbeat_ivl set_heartbeat_ivl),
        "heartbeat_timeout" => {
            exercise!(env, info, s; rw Millis heartbeat_timeout set_heartbeat_timeout)
        }
        "heartbeat_ttl" => exercise!(env, info, s; rw Millis heartbeat_ttl set_heartbeat_ttl),
        #[cfg(feature = "draft")]
        "hello_msg" => exercise!(env, info, s; w Bytes set_hello_msg),
        #[cfg(feature = "draft")]
        "hiccup_msg" => exercise!(env, info, s; w Bytes set_hiccup_msg),
        "immediate" => exercise!(env, info, s; rw Bool immediate set_immediate),
        #[cfg(feature = "draft")]
        "in_batch_size" => exercise!(env, info, s; rw Int in_batch_size set_in_batch_size),
        "invert_matching" => exercise!(env, info, s; rw Bool invert_matching set_invert_matching),
        "ipv4only" => exercise!(env, info, s; rw Bool ipv4only set_ipv4only),
        "ipv6" => exercise!(env, info, s; rw Bool ipv6 set_ipv6),
        "last_endpoint" => exercise!(env, info, s; r Text last_endpoint, |v: &String| v.is_empty()),
        "linger" => exercise!(env, info, s; rw Timeout linger set_linger),
        #[cfg(feature = "draft")]
        "loopback_fastpath" => {
            exercise!(env, info, s; rw Bool loopback_fastpath set_loopback_fastpath)
        }
        "maxmsgsize" => exercise!(env, info, s; rw Int64 maxmsgsize set_maxmsgsize),
        "mechanism" => exercise!(env, info, s; r Int mechanism, |v: &i32| *v == sys::ZMQ_NULL),
        #[cfg(feature = "draft")]
        "metadata" => exercise!(env, info, s; w Text set_metadata),
        "multicast_hops" => exercise!(env, info, s; rw Int multicast_hops set_multicast_hops),
        #[cfg(feature = "draft")]
        "multicast_loop" => exercise!(env, info, s; rw Bool multicast_loop set_multicast_loop),
        "multicast_maxtpdu" => {
            exercise!(env, info, s; rw Int multicast_maxtpdu set_multicast_maxtpdu)
        }
        #[cfg(feature = "draft")]
        "only_first_subscribe" => exercise!(env, info, s; w Bool set_only_first_subscribe),
        #[cfg(feature = "draft")]
        "out_batch_size" => exercise!(env, info, s; rw Int out_batch_size set_out_batch_size),
        "plain_password" => exercise!(env, info, s; rw Text plain_password set_plain_password),
        "plain_server" => exercise!(env, info, s; rw Bool plain_server set_plain_server),
        "plain_username" => exercise!(env, info, s; rw Text plain_username set_plain_username),
        #[cfg(feature = "draft")]
        "priority" => exercise!(env, info, s; rw Int priority set_priority),
        "probe_router" => exercise!(env, info, s; w Bool set_probe_router),
        "rate" => exercise!(env, info, s; rw Int rate set_rate),
        "rcvbuf" => exercise!(env, info, s; rw Int rcvbuf set_rcvbuf),
        "rcvhwm" => exercise!(env, info, s; rw Int rcvhwm set_rcvhwm),
        "rcvmore" => exercise!(env, info, s; r Bool rcvmore, |v: &bool| !*v),
        "rcvtimeo" => exercise!(env, info, s; rw Timeout rcvtimeo set_rcvtimeo),
        "reconnect_ivl" => exercise!(env, info, s; rw Timeout reconnect_ivl set_reconnect_ivl),
        "reconnect_ivl_max" => {
            exercise!(env, info, s; rw Millis reconnect_ivl_max set_reconnect_ivl_max)
        }
        #[cfg(feature = "draft")]
        "reconnect_stop" => exercise!(env, info, s; rw Int reconnect_stop set_reconnect_stop),
        "recovery_ivl" => exercise!(env, info, s; rw Millis recovery_ivl set_recovery_ivl),
        "req_correlate" => exercise!(env, info, s; w Bool set_req_correlate),
        "req_relaxed" => exercise!(env, info, s; w Bool set_req_relaxed),
        "router_handover" => exercise!(env, info, s; w Bool set_router_handover),
        "router_mandatory" => exercise!(env, info, s; w Bool set_router_mandatory),
        #[cfg(feature = "draft")]
        "router_notify" => exercise!(env, info, s; rw Int router_notify set_router_notify),
        "router_raw" => exercise!(env, info, s; w Bool set_router_raw),
        "routing_id" => exercise!(env, info, s; rw Bytes routing_id set_routing_id),
        "sndbuf" => exercise!(env, info, s; rw Int sndbuf set_sndbuf),
        "sndhwm" => exercise!(env, info, s; rw Int sndhwm set_sndhwm),
        "sndtimeo" => exercise!(env, info, s; rw Timeout sndtimeo set_sndtimeo),
        #[cfg(feature = "draft")]
        "socks_password" => exercise!(env, info, s; rw Text socks_password set_socks_password),
        "socks_proxy" => exercise!(env, info, s; rw Text socks_proxy set_socks_proxy),
        #[cfg(feature = "draft")]
        "socks_username" => exercise!(env, info, s; rw Text socks_username set_socks_username),
        "stream_notify" => exercise!(env, info, s; w Bool set_stream_notify),
        "subscribe" => exercise!(env, info, s; w Bytes set_subscribe),
        "tcp_accept_filter" => exercise!(env, info, s; w Bytes set_tcp_accept_filter),
        "tcp_keepalive" => exercise!(env, info, s; rw Int tcp_keepalive set_tcp_keepalive),
        "tcp_keepalive_cnt" => {
            exercise!(env, info, s; rw Int tcp_keepalive_cnt set_tcp_keepalive_cnt)
        }
        "tcp_keepalive_idle" => {
            exercise!(env, info, s; rw Int tcp_keepalive_idle set_tcp_keepalive_idle)
        }
        "tcp_keepalive_intvl" => {
            exercise!(env, info, s; rw Int tcp_keepalive_intvl set_tcp_keepalive_intvl)
        }
        "tcp_maxrt" => exercise!(env, info, s; rw Millis tcp_maxrt set_tcp_maxrt),
        "thread_safe" => exercise!(env, info, s; r Bool thread_safe, |v: &bool| !*v),
        #[cfg(feature = "draft")]
        "topics_count" => exercise!(env, info, s; r Int topics_count, |v: &i32| *v == 0),
        "tos" => exercise!(env, info, s; rw Int tos set_tos),
        "socket_type" => exercise!(env, info, s; r Int socket_type, |v: &i32| *v == kind.raw()),
        "unsubscribe" => exercise!(env, info, s; w Bytes set_unsubscribe),
        "use_fd" => exercise!(env, info, s; rw Int use_fd set_use_fd),
        "vmci_buffer_max_size" => {
            exercise!(env, info, s; rw Uint64 vmci_buffer_max_size set_vmci_buffer_max_size)
        }
        "vmci_buffer_min_size" => {
            exercise!(env, info, s; rw Uint64 vmci_buffer_min_size set_vmci_buffer_min_size)
        }
        "vmci_buffer_size" => {
            exercise!(env, info, s; rw Uint64 vmci_buffer_size set_vmci_buffer_size)
        }
        "vmci_connect_timeout" => {
            exercise!(env, info, s; rw Millis vmci_connect_timeout set_vmci_connect_timeout)
        }
        #[cfg(feature = "draft")]
        "wss_cert_pem" => exercise!(env, info, s; w Text set_wss_cert_pem),
        #[cfg(feature = "draft")]
        "wss_hostname" => exercise!(env, info, s; w Text set_wss_hostname),
        #[cfg(feature = "draft")]
        "wss_key_pem" => exercise!(env, info, s; w Text set_wss_key_pem),
        #[cfg(feature = "draft")]
        "wss_trust_pem" => exercise!(env, info, s; w Text set_wss_trust_pem),
        #[cfg(feature = "draft")]
        "wss_trust_system" => exercise!(env, info, s; w Bool set_wss_trust_system),
        "xpub_manual" => exercise!(env, info, s; w Bool set_xpub_manual),
        #[cfg(feature = "draft")]
        "xpub_manual_last_value" => exercise!(env, info, s; w Bool set_xpub_manual_last_value),
        "xpub_nodrop" => exercise!(env, info, s; w Bool set_xpub_nodrop),
        "xpub_verbose" => exercise!(env, info, s; w Bool set_xpub_verbose),
        "xpub_verboser" => exercise!(env, info, s; w Bool set_xpub_verboser),
        "xpub_welcome_msg" => exercise!(env, info, s; w Bytes set_xpub_welcome_msg),
        #[cfg(feature = "draft")]
        "xsub_verbose_unsubscribe" => exercise!(env, info, s; w Bool set_xsub_verbose_unsubscribe),
        #[cfg(feature = "draft")]
        "zap_enforce_domain" => {
            exercise!(env, info, s; rw Bool zap_enforce_domain set_zap_enforce_domain)
        }
        "zap_domain" => exercise!(env, info, s; rw Text zap_domain set_zap_domain),
        _ => return false,
    }
    true
}

#[test]
fn every_option_through_its_typed_methods() {
    let env = Env::new();
    let names: BTreeSet<&str> = OPTIONS.iter().map(|o| o.name).collect();
    assert_eq!(names.len(), OPTIONS.len(), "option names are unique");
    let ids: BTreeSet<i32> = OPTIONS.iter().map(|o| o.id).collect();
    assert_eq!(ids.len(), OPTIONS.len(), "option numbers are unique");

    let mut covered = 0;
    let mut missing = Vec::new();
    for info in OPTIONS {
        if exercise(&env, info) {
            covered += 1;
        } else {
            missing.push(info.name);
        }
    }
    assert!(
        missing.is_empty(),
        "options this test does not cover: {missing:?}"
    );
    assert_eq!(covered, OPTIONS.len());
}

#[test]
fn the_table_matches_libzmq_numbers() {
    let find = |name: &str| OPTIONS.iter().find(|o| o.name == name).unwrap().id;
    assert_eq!(find("affinity"), sys::ZMQ_AFFINITY);
    assert_eq!(find("sndhwm"), sys::ZMQ_SNDHWM);
    assert_eq!(find("linger"), sys::ZMQ_LINGER);
    assert_eq!(find("socket_type"), sys::ZMQ_TYPE);
    assert_eq!(find("last_endpoint"), sys::ZMQ_LAST_ENDPOINT);
    assert_eq!(find("curve_serverkey"), sys::ZMQ_CURVE_SERVERKEY);
    assert_eq!(find("zap_domain"), sys::ZMQ_ZAP_DOMAIN);
    assert_eq!(find("xpub_welcome_msg"), sys::ZMQ_XPUB_WELCOME_MSG);
    assert_eq!(find("vmci_connect_timeout"), sys::ZMQ_VMCI_CONNECT_TIMEOUT);
}

fn dealer() -> Socket {
    Context::new().unwrap().socket(SocketType::Dealer).unwrap()
}

#[test]
fn none_is_minus_one() {
    let s = dealer();
    s.set_linger(None).unwrap();
    let mut raw = [0u8; 4];
    assert_eq!(s.get_option_raw(sys::ZMQ_LINGER, &mut raw), Ok(4));
    assert_eq!(i32::from_ne_bytes(raw), -1);
    s.set_option_raw(sys::ZMQ_RCVTIMEO, &(-1i32).to_ne_bytes())
        .unwrap();
    assert_eq!(s.rcvtimeo().unwrap(), None);
    s.set_option_raw(sys::ZMQ_RCVTIMEO, &250i32.to_ne_bytes())
        .unwrap();
    assert_eq!(s.rcvtimeo().unwrap(), Some(Duration::from_millis(250)));
    // Below -1 libzmq refuses.
    assert_eq!(
        s.set_option_raw(sys::ZMQ_RCVTIMEO, &(-2i32).to_ne_bytes()),
        Err(Error::Invalid)
    );
}

#[test]
fn durations_too_large_for_an_int_of_ms() {
    let s = dealer();
    let too_long = Duration::from_millis(i32::MAX as u64 + 1);
    assert!(matches!(
        s.set_rcvtimeo(Some(too_long)),
        Err(Error::InvalidArgument(_))
    ));
    assert!(matches!(
        s.set_connect_timeout(too_long),
        Err(Error::InvalidArgument(_))
    ));
    assert!(matches!(
        s.set_linger(Some(Duration::MAX)),
        Err(Error::InvalidArgument(_))
    ));
    // The largest that fits is accepted, and the old value is untouched on error.
    let max = Duration::from_millis(i32::MAX as u64);
    s.set_rcvtimeo(Some(max)).unwrap();
    assert_eq!(s.rcvtimeo().unwrap(), Some(max));
    let _ = s.set_rcvtimeo(Some(too_long));
    assert_eq!(s.rcvtimeo().unwrap(), Some(max));
    // Sub-millisecond parts are truncated, not rounded up.
    s.set_sndtimeo(Some(Duration::from_micros(1999))).unwrap();
    assert_eq!(s.sndtimeo().unwrap(), Some(Duration::from_millis(1)));
}

#[test]
fn curve_keys_of_the_wrong_shape() {
    if !has("curve") {
        return;
    }
    let s = dealer();
    for len in [0, 31, 33, 39, 42] {
        assert!(
            matches!(
                s.set_curve_publickey(&vec![b'a'; len]),
                Err(Error::InvalidArgument(_))
            ),
            "{len} bytes"
        );
    }
    // 41 bytes are accepted only as Z85 text with its NUL terminator.
    assert!(matches!(
        s.set_curve_secretkey(&[b'a'; 41]),
        Err(Error::InvalidArgument(_))
    ));
    // 40 characters that are not Z85 reach libzmq, which refuses them.
    assert_eq!(s.set_curve_serverkey(&[b' '; 40]), Err(Error::Invalid));
}

#[test]
fn text_with_a_nul_is_refused() {
    let s = dealer();
    assert!(matches!(
        s.set_zap_domain("dom\0ain"),
        Err(Error::InvalidArgument(_))
    ));
    assert!(matches!(
        s.set_plain_username("a\0"),
        Err(Error::InvalidArgument(_))
    ));
    // Bytes options take NULs as data.
    s.set_routing_id(b"a\0b").unwrap();
    assert_eq!(s.routing_id().unwrap(), b"a\0b");
}

#[test]
fn options_libzmq_constrains() {
    let s = dealer();
    assert_eq!(s.set_sndhwm(-1), Err(Error::Invalid));
    assert_eq!(s.set_tcp_keepalive(2), Err(Error::Invalid));
    assert_eq!(s.set_multicast_hops(0), Err(Error::Invalid));
    // Routing ids are 1 to 255 bytes.
    assert_eq!(s.set_routing_id(&[b'x'; 256]), Err(Error::Invalid));
    s.set_routing_id(&[b'x'; 255]).unwrap();
    assert_eq!(s.routing_id().unwrap().len(), 255);
    // Subscriptions belong to SUB sockets.
    assert_eq!(s.set_subscribe(b"topic"), Err(Error::Invalid));
    // Long texts read back whole, also past the first 4 KiB buffer.
    for len in [1000, 4095, 4096, 10_000, 100_000] {
        let long_proxy = "h".repeat(len) + ":1";
        s.set_socks_proxy(&long_proxy).unwrap();
        assert_eq!(s.socks_proxy().unwrap(), long_proxy);
    }
}

#[test]
fn last_endpoint_after_bind() {
    let s = dealer();
    s.bind("tcp://127.0.0.1:*").unwrap();
    let ep = s.last_endpoint().unwrap();
    assert!(ep.starts_with("tcp://127.0.0.1:"), "{ep}");
    s.bind("inproc://options-last-endpoint").unwrap();
    assert_eq!(s.last_endpoint().unwrap(), "inproc://options-last-endpoint");
}

/// Collects (getter name, libzmq number) from the exported option table.
macro_rules! collect_rows {
    ($( $(#[$cfg:meta])* $access:ident $kind:ident $get:ident $set:ident = $id:expr, $c:literal; )*) => {{
        let mut rows: Vec<(&str, i32, &str)> = Vec::new();
        $( $(#[$cfg])* rows.push((stringify!($get), $id, $c)); )*
        rows
    }};
}

#[test]
// Rows under #[cfg] are statements, so they are pushed rather than listed in vec![].
#[allow(clippy::vec_init_then_push)]
fn the_exported_table_is_the_one_behind_options() {
    // The C face generates zsock_<option> from socket_option_table!: it must
    // hand out exactly the rows the typed methods and OPTIONS come from.
    let rows = czmq::socket_option_table!(collect_rows);
    let from_options: Vec<(&str, i32)> = OPTIONS.iter().map(|o| (o.name, o.id)).collect();
    let from_table: Vec<(&str, i32)> = rows.iter().map(|&(n, id, _)| (n, id)).collect();
    assert_eq!(from_table, from_options);
    for (name, _, c_name) in rows {
        assert_eq!(name.to_uppercase().replace("SOCKET_TYPE", "TYPE"), c_name);
    }
}
