/*  zsock.h: CZMQ 4.2.1's zsock class, part of the C face of czmq-rs.
    Include czmq.h rather than this file.

    A zsock_t is a czmq::Sock. Functions taking `void *self` also accept a
    zactor_t (its pipe) or a raw libzmq socket. On bad input (NULL, a
    destroyed object, an unknown picture character) they return CZMQ's
    error value (NULL, -1, or nothing for setters) and log, where CZMQ
    asserts. */

#ifndef ZSOCK_H_INCLUDED
#define ZSOCK_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  Constructors: the typed ones take a CZMQ endpoint list (NULL for
    none): comma-separated, '@' binds, '>' connects, others bind or connect
    as the socket type usually does. Unless ZSOCK_NOCHECK is defined, the
    macros below route them to the `_checked` forms with the caller's file
    and line, as CZMQ's header does, so that programs built against either
    header call the same symbols. */
CZMQ_EXPORT zsock_t *zsock_new (int type);
CZMQ_EXPORT zsock_t *zsock_new_pub (const char *endpoint);
CZMQ_EXPORT zsock_t *zsock_new_sub (const char *endpoint, const char *subscribe);
CZMQ_EXPORT zsock_t *zsock_new_req (const char *endpoint);
CZMQ_EXPORT zsock_t *zsock_new_rep (const char *endpoint);
CZMQ_EXPORT zsock_t *zsock_new_dealer (const char *endpoint);
CZMQ_EXPORT zsock_t *zsock_new_router (const char *endpoint);
CZMQ_EXPORT zsock_t *zsock_new_push (const char *endpoint);
CZMQ_EXPORT zsock_t *zsock_new_pull (const char *endpoint);
CZMQ_EXPORT zsock_t *zsock_new_xpub (const char *endpoint);
CZMQ_EXPORT zsock_t *zsock_new_xsub (const char *endpoint);
CZMQ_EXPORT zsock_t *zsock_new_pair (const char *endpoint);
CZMQ_EXPORT zsock_t *zsock_new_stream (const char *endpoint);
CZMQ_EXPORT void zsock_destroy (zsock_t **self_p);

/*  Bind returns the TCP port bound (0 for other transports) or -1;
    "tcp://host:*" and "tcp://host:!" pick an ephemeral port as CZMQ does,
    optionally within "[first-last]". */
CZMQ_EXPORT int zsock_bind (zsock_t *self, const char *format, ...) CHECK_PRINTF (2);
CZMQ_EXPORT const char *zsock_endpoint (zsock_t *self);
CZMQ_EXPORT int zsock_unbind (zsock_t *self, const char *format, ...) CHECK_PRINTF (2);
CZMQ_EXPORT int zsock_connect (zsock_t *self, const char *format, ...) CHECK_PRINTF (2);
CZMQ_EXPORT int zsock_disconnect (zsock_t *self, const char *format, ...) CHECK_PRINTF (2);
CZMQ_EXPORT int zsock_attach (zsock_t *self, const char *endpoints, bool serverish);
CZMQ_EXPORT const char *zsock_type_str (zsock_t *self);

/*  Pictures (the codec is czmq::picture). Text form, one frame per
    character, numbers as decimal text: i int, 1 uint8_t, 2 uint16_t,
    4 uint32_t, 8 uint64_t, u uint (deprecated), s char *, b byte * + int
    (recv: byte ** + size_t *), c zchunk_t *, f zframe_t *, U zuuid_t *,
    h zhashx_t *, p void *, m zmsg_t * (all its frames; recv: the rest),
    z empty frame. Binary form (zproto's): 1 2 4 8 big-endian, s short
    string, S long string, c chunk, u zuuid_t *, p pointer, f frame and m
    message (last) after the data frame. recv stores new objects the
    caller destroys (brecv's 's' strings belong to the socket until its
    next brecv); -1 on failure or when the message is a signal. */
CZMQ_EXPORT int zsock_send (void *self, const char *picture, ...);
CZMQ_EXPORT int zsock_vsend (void *self, const char *picture, va_list argptr);
CZMQ_EXPORT int zsock_recv (void *self, const char *picture, ...);
CZMQ_EXPORT int zsock_vrecv (void *self, const char *picture, va_list argptr);
CZMQ_EXPORT int zsock_bsend (void *self, const char *picture, ...);
CZMQ_EXPORT int zsock_brecv (void *self, const char *picture, ...);

CZMQ_EXPORT void zsock_set_unbounded (void *self);
CZMQ_EXPORT int zsock_signal (void *self, byte status);
CZMQ_EXPORT int zsock_wait (void *self);
CZMQ_EXPORT void zsock_flush (void *self);
CZMQ_EXPORT bool zsock_is (void *self);
CZMQ_EXPORT void *zsock_resolve (void *self);
CZMQ_EXPORT int zsock_type (void *self);

/*  Options, generated in the library from czmq's one option table. Getters
    of strings return a fresh string the caller frees (zstr_free). Options
    this build's zmq.h lacks (DRAFT ones without the draft feature, libzmq
    2/3's hwm, swap, recovery_ivl_msec, mcast_loop) do nothing and read 0
    or NULL, as CZMQ built against libzmq 4.3.5. */

CZMQ_EXPORT int zsock_priority (void *self);
CZMQ_EXPORT void zsock_set_priority (void *self, int priority);
CZMQ_EXPORT int zsock_reconnect_stop (void *self);
CZMQ_EXPORT void zsock_set_reconnect_stop (void *self, int reconnect_stop);
CZMQ_EXPORT void zsock_set_only_first_subscribe (void *self, int only_first_subscribe);
CZMQ_EXPORT void zsock_set_hello_msg (void *self, zframe_t *hello_msg);
CZMQ_EXPORT void zsock_set_disconnect_msg (void *self, zframe_t *disconnect_msg);
CZMQ_EXPORT void zsock_set_wss_trust_system (void *self, int wss_trust_system);
CZMQ_EXPORT void zsock_set_wss_hostname (void *self, const char *wss_hostname);
CZMQ_EXPORT void zsock_set_wss_trust_pem (void *self, const char *wss_trust_pem);
CZMQ_EXPORT void zsock_set_wss_cert_pem (void *self, const char *wss_cert_pem);
CZMQ_EXPORT void zsock_set_wss_key_pem (void *self, const char *wss_key_pem);
CZMQ_EXPORT int zsock_out_batch_size (void *self);
CZMQ_EXPORT void zsock_set_out_batch_size (void *self, int out_batch_size);
CZMQ_EXPORT int zsock_in_batch_size (void *self);
CZMQ_EXPORT void zsock_set_in_batch_size (void *self, int in_batch_size);
CZMQ_EXPORT char *zsock_socks_password (void *self);
CZMQ_EXPORT void zsock_set_socks_password (void *self, const char *socks_password);
CZMQ_EXPORT char *zsock_socks_username (void *self);
CZMQ_EXPORT void zsock_set_socks_username (void *self, const char *socks_username);
CZMQ_EXPORT void zsock_set_xpub_manual_last_value (void *self, int xpub_manual_last_value);
CZMQ_EXPORT int zsock_router_notify (void *self);
CZMQ_EXPORT void zsock_set_router_notify (void *self, int router_notify);
CZMQ_EXPORT int zsock_multicast_loop (void *self);
CZMQ_EXPORT void zsock_set_multicast_loop (void *self, int multicast_loop);
CZMQ_EXPORT char *zsock_metadata (void *self);
CZMQ_EXPORT void zsock_set_metadata (void *self, const char *metadata);
CZMQ_EXPORT int zsock_loopback_fastpath (void *self);
CZMQ_EXPORT void zsock_set_loopback_fastpath (void *self, int loopback_fastpath);
CZMQ_EXPORT int zsock_zap_enforce_domain (void *self);
CZMQ_EXPORT void zsock_set_zap_enforce_domain (void *self, int zap_enforce_domain);
CZMQ_EXPORT int zsock_gssapi_principal_nametype (void *self);
CZMQ_EXPORT void zsock_set_gssapi_principal_nametype (void *self, int gssapi_principal_nametype);
CZMQ_EXPORT int zsock_gssapi_service_principal_nametype (void *self);
CZMQ_EXPORT void zsock_set_gssapi_service_principal_nametype (void *self, int gssapi_service_principal_nametype);
CZMQ_EXPORT char *zsock_bindtodevice (void *self);
CZMQ_EXPORT void zsock_set_bindtodevice (void *self, const char *bindtodevice);
CZMQ_EXPORT int zsock_heartbeat_ivl (void *self);
CZMQ_EXPORT void zsock_set_heartbeat_ivl (void *self, int heartbeat_ivl);
CZMQ_EXPORT int zsock_heartbeat_ttl (void *self);
CZMQ_EXPORT void zsock_set_heartbeat_ttl (void *self, int heartbeat_ttl);
CZMQ_EXPORT int zsock_heartbeat_timeout (void *self);
CZMQ_EXPORT void zsock_set_heartbeat_timeout (void *self, int heartbeat_timeout);
CZMQ_EXPORT int zsock_use_fd (void *self);
CZMQ_EXPORT void zsock_set_use_fd (void *self, int use_fd);
CZMQ_EXPORT void zsock_set_xpub_manual (void *self, int xpub_manual);
CZMQ_EXPORT void zsock_set_xpub_welcome_msg (void *self, const char *xpub_welcome_msg);
CZMQ_EXPORT void zsock_set_stream_notify (void *self, int stream_notify);
CZMQ_EXPORT int zsock_invert_matching (void *self);
CZMQ_EXPORT void zsock_set_invert_matching (void *self, int invert_matching);
CZMQ_EXPORT void zsock_set_xpub_verboser (void *self, int xpub_verboser);
CZMQ_EXPORT int zsock_connect_timeout (void *self);
CZMQ_EXPORT void zsock_set_connect_timeout (void *self, int connect_timeout);
CZMQ_EXPORT int zsock_tcp_maxrt (void *self);
CZMQ_EXPORT void zsock_set_tcp_maxrt (void *self, int tcp_maxrt);
CZMQ_EXPORT int zsock_thread_safe (void *self);
CZMQ_EXPORT int zsock_multicast_maxtpdu (void *self);
CZMQ_EXPORT void zsock_set_multicast_maxtpdu (void *self, int multicast_maxtpdu);
CZMQ_EXPORT int zsock_vmci_buffer_size (void *self);
CZMQ_EXPORT void zsock_set_vmci_buffer_size (void *self, int vmci_buffer_size);
CZMQ_EXPORT int zsock_vmci_buffer_min_size (void *self);
CZMQ_EXPORT void zsock_set_vmci_buffer_min_size (void *self, int vmci_buffer_min_size);
CZMQ_EXPORT int zsock_vmci_buffer_max_size (void *self);
CZMQ_EXPORT void zsock_set_vmci_buffer_max_size (void *self, int vmci_buffer_max_size);
CZMQ_EXPORT int zsock_vmci_connect_timeout (void *self);
CZMQ_EXPORT void zsock_set_vmci_connect_timeout (void *self, int vmci_connect_timeout);
CZMQ_EXPORT int zsock_tos (void *self);
CZMQ_EXPORT void zsock_set_tos (void *self, int tos);
CZMQ_EXPORT void zsock_set_router_handover (void *self, int router_handover);
CZMQ_EXPORT void zsock_set_connect_rid (void *self, const char *connect_rid);
CZMQ_EXPORT void zsock_set_connect_rid_bin (void *self, const byte *connect_rid);
CZMQ_EXPORT int zsock_handshake_ivl (void *self);
CZMQ_EXPORT void zsock_set_handshake_ivl (void *self, int handshake_ivl);
CZMQ_EXPORT char *zsock_socks_proxy (void *self);
CZMQ_EXPORT void zsock_set_socks_proxy (void *self, const char *socks_proxy);
CZMQ_EXPORT void zsock_set_xpub_nodrop (void *self, int xpub_nodrop);
CZMQ_EXPORT void zsock_set_router_mandatory (void *self, int router_mandatory);
CZMQ_EXPORT void zsock_set_probe_router (void *self, int probe_router);
CZMQ_EXPORT void zsock_set_req_relaxed (void *self, int req_relaxed);
CZMQ_EXPORT void zsock_set_req_correlate (void *self, int req_correlate);
CZMQ_EXPORT void zsock_set_conflate (void *self, int conflate);
CZMQ_EXPORT char *zsock_zap_domain (void *self);
CZMQ_EXPORT void zsock_set_zap_domain (void *self, const char *zap_domain);
CZMQ_EXPORT int zsock_mechanism (void *self);
CZMQ_EXPORT int zsock_plain_server (void *self);
CZMQ_EXPORT void zsock_set_plain_server (void *self, int plain_server);
CZMQ_EXPORT char *zsock_plain_username (void *self);
CZMQ_EXPORT void zsock_set_plain_username (void *self, const char *plain_username);
CZMQ_EXPORT char *zsock_plain_password (void *self);
CZMQ_EXPORT void zsock_set_plain_password (void *self, const char *plain_password);
CZMQ_EXPORT int zsock_curve_server (void *self);
CZMQ_EXPORT void zsock_set_curve_server (void *self, int curve_server);
CZMQ_EXPORT char *zsock_curve_publickey (void *self);
CZMQ_EXPORT void zsock_set_curve_publickey (void *self, const char *curve_publickey);
CZMQ_EXPORT void zsock_set_curve_publickey_bin (void *self, const byte *curve_publickey);
CZMQ_EXPORT char *zsock_curve_secretkey (void *self);
CZMQ_EXPORT void zsock_set_curve_secretkey (void *self, const char *curve_secretkey);
CZMQ_EXPORT void zsock_set_curve_secretkey_bin (void *self, const byte *curve_secretkey);
CZMQ_EXPORT char *zsock_curve_serverkey (void *self);
CZMQ_EXPORT void zsock_set_curve_serverkey (void *self, const char *curve_serverkey);
CZMQ_EXPORT void zsock_set_curve_serverkey_bin (void *self, const byte *curve_serverkey);
CZMQ_EXPORT int zsock_gssapi_server (void *self);
CZMQ_EXPORT void zsock_set_gssapi_server (void *self, int gssapi_server);
CZMQ_EXPORT int zsock_gssapi_plaintext (void *self);
CZMQ_EXPORT void zsock_set_gssapi_plaintext (void *self, int gssapi_plaintext);
CZMQ_EXPORT char *zsock_gssapi_principal (void *self);
CZMQ_EXPORT void zsock_set_gssapi_principal (void *self, const char *gssapi_principal);
CZMQ_EXPORT char *zsock_gssapi_service_principal (void *self);
CZMQ_EXPORT void zsock_set_gssapi_service_principal (void *self, const char *gssapi_service_principal);
CZMQ_EXPORT int zsock_ipv6 (void *self);
CZMQ_EXPORT void zsock_set_ipv6 (void *self, int ipv6);
CZMQ_EXPORT int zsock_immediate (void *self);
CZMQ_EXPORT void zsock_set_immediate (void *self, int immediate);
CZMQ_EXPORT int zsock_sndhwm (void *self);
CZMQ_EXPORT void zsock_set_sndhwm (void *self, int sndhwm);
CZMQ_EXPORT int zsock_rcvhwm (void *self);
CZMQ_EXPORT void zsock_set_rcvhwm (void *self, int rcvhwm);
CZMQ_EXPORT int zsock_maxmsgsize (void *self);
CZMQ_EXPORT void zsock_set_maxmsgsize (void *self, int maxmsgsize);
CZMQ_EXPORT int zsock_multicast_hops (void *self);
CZMQ_EXPORT void zsock_set_multicast_hops (void *self, int multicast_hops);
CZMQ_EXPORT void zsock_set_xpub_verbose (void *self, int xpub_verbose);
CZMQ_EXPORT int zsock_tcp_keepalive (void *self);
CZMQ_EXPORT void zsock_set_tcp_keepalive (void *self, int tcp_keepalive);
CZMQ_EXPORT int zsock_tcp_keepalive_idle (void *self);
CZMQ_EXPORT void zsock_set_tcp_keepalive_idle (void *self, int tcp_keepalive_idle);
CZMQ_EXPORT int zsock_tcp_keepalive_cnt (void *self);
CZMQ_EXPORT void zsock_set_tcp_keepalive_cnt (void *self, int tcp_keepalive_cnt);
CZMQ_EXPORT int zsock_tcp_keepalive_intvl (void *self);
CZMQ_EXPORT void zsock_set_tcp_keepalive_intvl (void *self, int tcp_keepalive_intvl);
CZMQ_EXPORT char *zsock_tcp_accept_filter (void *self);
CZMQ_EXPORT void zsock_set_tcp_accept_filter (void *self, const char *tcp_accept_filter);
CZMQ_EXPORT char *zsock_last_endpoint (void *self);
CZMQ_EXPORT void zsock_set_router_raw (void *self, int router_raw);
CZMQ_EXPORT int zsock_ipv4only (void *self);
CZMQ_EXPORT void zsock_set_ipv4only (void *self, int ipv4only);
CZMQ_EXPORT void zsock_set_delay_attach_on_connect (void *self, int delay_attach_on_connect);
CZMQ_EXPORT int zsock_hwm (void *self);
CZMQ_EXPORT void zsock_set_hwm (void *self, int hwm);
CZMQ_EXPORT int zsock_swap (void *self);
CZMQ_EXPORT void zsock_set_swap (void *self, int swap);
CZMQ_EXPORT int zsock_affinity (void *self);
CZMQ_EXPORT void zsock_set_affinity (void *self, int affinity);
CZMQ_EXPORT char *zsock_identity (void *self);
CZMQ_EXPORT void zsock_set_identity (void *self, const char *identity);
CZMQ_EXPORT int zsock_rate (void *self);
CZMQ_EXPORT void zsock_set_rate (void *self, int rate);
CZMQ_EXPORT int zsock_recovery_ivl (void *self);
CZMQ_EXPORT void zsock_set_recovery_ivl (void *self, int recovery_ivl);
CZMQ_EXPORT int zsock_recovery_ivl_msec (void *self);
CZMQ_EXPORT void zsock_set_recovery_ivl_msec (void *self, int recovery_ivl_msec);
CZMQ_EXPORT int zsock_mcast_loop (void *self);
CZMQ_EXPORT void zsock_set_mcast_loop (void *self, int mcast_loop);
CZMQ_EXPORT int zsock_rcvtimeo (void *self);
CZMQ_EXPORT void zsock_set_rcvtimeo (void *self, int rcvtimeo);
CZMQ_EXPORT int zsock_sndtimeo (void *self);
CZMQ_EXPORT void zsock_set_sndtimeo (void *self, int sndtimeo);
CZMQ_EXPORT int zsock_sndbuf (void *self);
CZMQ_EXPORT void zsock_set_sndbuf (void *self, int sndbuf);
CZMQ_EXPORT int zsock_rcvbuf (void *self);
CZMQ_EXPORT void zsock_set_rcvbuf (void *self, int rcvbuf);
CZMQ_EXPORT int zsock_linger (void *self);
CZMQ_EXPORT void zsock_set_linger (void *self, int linger);
CZMQ_EXPORT int zsock_reconnect_ivl (void *self);
CZMQ_EXPORT void zsock_set_reconnect_ivl (void *self, int reconnect_ivl);
CZMQ_EXPORT int zsock_reconnect_ivl_max (void *self);
CZMQ_EXPORT void zsock_set_reconnect_ivl_max (void *self, int reconnect_ivl_max);
CZMQ_EXPORT int zsock_backlog (void *self);
CZMQ_EXPORT void zsock_set_backlog (void *self, int backlog);
CZMQ_EXPORT void zsock_set_subscribe (void *self, const char *subscribe);
CZMQ_EXPORT void zsock_set_unsubscribe (void *self, const char *unsubscribe);
CZMQ_EXPORT int zsock_rcvmore (void *self);
CZMQ_EXPORT SOCKET zsock_fd (void *self);
CZMQ_EXPORT int zsock_events (void *self);

/*  The forms CZMQ's header maps the constructors and destructor to. */

CZMQ_EXPORT zsock_t *zsock_new_checked (int type, const char *filename, size_t line_nbr);
CZMQ_EXPORT void zsock_destroy_checked (zsock_t **self_p, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_pub_checked (const char *endpoint, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_sub_checked (const char *endpoint, const char *subscribe, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_req_checked (const char *endpoint, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_rep_checked (const char *endpoint, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_dealer_checked (const char *endpoint, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_router_checked (const char *endpoint, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_push_checked (const char *endpoint, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_pull_checked (const char *endpoint, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_xpub_checked (const char *endpoint, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_xsub_checked (const char *endpoint, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_pair_checked (const char *endpoint, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_stream_checked (const char *endpoint, const char *filename, size_t line_nbr);

#if defined ZSOCK_NOCHECK
    /*  The constructors and destructor are called directly. */
#else
#   define zsock_new(t) zsock_new_checked ((t), __FILE__, __LINE__)
#   define zsock_new_pub(e) zsock_new_pub_checked ((e), __FILE__, __LINE__)
#   define zsock_new_sub(e,s) zsock_new_sub_checked ((e), (s), __FILE__, __LINE__)
#   define zsock_new_req(e) zsock_new_req_checked ((e), __FILE__, __LINE__)
#   define zsock_new_rep(e) zsock_new_rep_checked ((e), __FILE__, __LINE__)
#   define zsock_new_dealer(e) zsock_new_dealer_checked ((e), __FILE__, __LINE__)
#   define zsock_new_router(e) zsock_new_router_checked ((e), __FILE__, __LINE__)
#   define zsock_new_pull(e) zsock_new_pull_checked ((e), __FILE__, __LINE__)
#   define zsock_new_push(e) zsock_new_push_checked ((e), __FILE__, __LINE__)
#   define zsock_new_xpub(e) zsock_new_xpub_checked ((e), __FILE__, __LINE__)
#   define zsock_new_xsub(e) zsock_new_xsub_checked ((e), __FILE__, __LINE__)
#   define zsock_new_pair(e) zsock_new_pair_checked ((e), __FILE__, __LINE__)
#   define zsock_new_stream(e) zsock_new_stream_checked ((e), __FILE__, __LINE__)
#   define zsock_destroy(t) zsock_destroy_checked ((t), __FILE__, __LINE__)
#endif

#ifdef CZMQ_BUILD_DRAFT_API
/*  CZMQ's DRAFT API: sockets of libzmq's DRAFT types (NULL and errno
    ENOTSUP unless the library is built with the draft feature) and groups. */
CZMQ_EXPORT zsock_t *zsock_new_server (const char *endpoint);
CZMQ_EXPORT zsock_t *zsock_new_client (const char *endpoint);
CZMQ_EXPORT zsock_t *zsock_new_radio (const char *endpoint);
CZMQ_EXPORT zsock_t *zsock_new_dish (const char *endpoint);
CZMQ_EXPORT zsock_t *zsock_new_gather (const char *endpoint);
CZMQ_EXPORT zsock_t *zsock_new_scatter (const char *endpoint);
CZMQ_EXPORT zsock_t *zsock_new_dgram (const char *endpoint);
CZMQ_EXPORT int zsock_join (void *self, const char *group);
CZMQ_EXPORT int zsock_leave (void *self, const char *group);
CZMQ_EXPORT zsock_t *zsock_new_server_checked (const char *endpoint, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_client_checked (const char *endpoint, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_radio_checked (const char *endpoint, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_dish_checked (const char *endpoint, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_gather_checked (const char *endpoint, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_scatter_checked (const char *endpoint, const char *filename, size_t line_nbr);
CZMQ_EXPORT zsock_t *zsock_new_dgram_checked (const char *endpoint, const char *filename, size_t line_nbr);
#endif

#ifdef __cplusplus
}
#endif

#endif
