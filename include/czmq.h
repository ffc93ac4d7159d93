/*  czmq.h: the C face of czmq-rs, CZMQ 4.2's API for the classes below.

    C code written for CZMQ 4.2 that uses only these classes compiles
    against this header and links against our libczmq unchanged:

        cc app.c $(pkg-config --cflags --libs libczmq)

    Covered: zsock, zstr, zframe, zmsg, zactor, zclock, zsys, zpoller,
    zloop, zconfig (roots only: see zconfig_new), and the actors zgossip,
    zproxy, zmonitor and zbeacon (for zactor_new), with CZMQ's names,
    signatures, ownership rules (T_destroy (T **) sets the pointer to NULL;
    strings returned as char * are the caller's, freed with zstr_free)
    and socket polymorphism (functions taking void *self accept a zsock_t,
    a zactor_t or a raw libzmq socket).

    Not covered: the container classes (zhash, zhashx, zlist, zlistx),
    zcert/zcertstore, zauth, zchunk,
    zfile, zdir, zuuid, zrex, zarmour, zdigest, ziflist and the DRAFT API.
    Use the C standard library or your own containers instead of zhash and
    zlist; see include/README.md.

    <zmq.h> is libzmq's header for the libzmq 4.3.5 built into this
    library; install.sh installs it next to this file.
*/

#ifndef CZMQ_H_INCLUDED
#define CZMQ_H_INCLUDED

#include <zmq.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CZMQ_VERSION_MAJOR 4
#define CZMQ_VERSION_MINOR 2
#define CZMQ_VERSION_PATCH 1
#define CZMQ_MAKE_VERSION(major, minor, patch) \
    ((major) * 10000 + (minor) * 100 + (patch))
#define CZMQ_VERSION \
    CZMQ_MAKE_VERSION (CZMQ_VERSION_MAJOR, CZMQ_VERSION_MINOR, CZMQ_VERSION_PATCH)

#define CZMQ_EXPORT

/*  Defined by this implementation only: code (such as our tests) can check
    behaviour where we are more lenient than CZMQ (NULL arguments, unknown
    pictures), which CZMQ asserts on. */
#define CZMQ_RS 1

#if defined (__GNUC__)
#   define CHECK_PRINTF(a) __attribute__ ((format (printf, a, a + 1)))
#else
#   define CHECK_PRINTF(a)
#endif

/*  CZMQ's prelude conveniences that application code commonly uses */
typedef unsigned char byte;
#define streq(s1,s2)    (!strcmp ((s1), (s2)))
#define strneq(s1,s2)   (strcmp ((s1), (s2)))

#ifdef __cplusplus
extern "C" {
#endif

/*  Opaque classes */
typedef struct _zsock_t zsock_t;
typedef struct _zactor_t zactor_t;
typedef struct _zframe_t zframe_t;
typedef struct _zmsg_t zmsg_t;
typedef struct _zpoller_t zpoller_t;
typedef struct _zloop_t zloop_t;
typedef struct _zconfig_t zconfig_t;

/*  Identifies this library: a symbol the real CZMQ does not have. */
CZMQ_EXPORT const char *czmq_rs_version (void);

/*  ---------------------------------------------------------------- zsock */

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
    "tcp://host:*" and "tcp://host:!" pick an ephemeral port as CZMQ does. */
CZMQ_EXPORT int zsock_bind (zsock_t *self, const char *format, ...) CHECK_PRINTF (2);
CZMQ_EXPORT const char *zsock_endpoint (zsock_t *self);
CZMQ_EXPORT int zsock_unbind (zsock_t *self, const char *format, ...) CHECK_PRINTF (2);
CZMQ_EXPORT int zsock_connect (zsock_t *self, const char *format, ...) CHECK_PRINTF (2);
CZMQ_EXPORT int zsock_disconnect (zsock_t *self, const char *format, ...) CHECK_PRINTF (2);
CZMQ_EXPORT const char *zsock_type_str (zsock_t *self);
CZMQ_EXPORT int zsock_type (void *self);
CZMQ_EXPORT int zsock_signal (void *self, byte status);
CZMQ_EXPORT int zsock_wait (void *self);
CZMQ_EXPORT bool zsock_is (void *self);
CZMQ_EXPORT void *zsock_resolve (void *self);
CZMQ_EXPORT void zsock_flush (void *self);

/*  Pictures: one frame per character, numbers as decimal text.
    i int, 1 uint8_t, 2 uint16_t, 4 uint32_t, 8 uint64_t, u uint
    (deprecated), s char *, b byte * + int (recv: byte ** + size_t *),
    f zframe_t *, p void *, m zmsg_t * (all its frames; recv: the rest),
    z empty frame. Not provided: c (zchunk), h (zhashx), U (zuuid).
    recv stores new objects the caller destroys; -1 on failure or when the
    message is a signal. */
CZMQ_EXPORT int zsock_send (void *self, const char *picture, ...);
CZMQ_EXPORT int zsock_vsend (void *self, const char *picture, va_list argptr);
CZMQ_EXPORT int zsock_recv (void *self, const char *picture, ...);
CZMQ_EXPORT int zsock_vrecv (void *self, const char *picture, va_list argptr);

/*  Options (void *self: a zsock_t, zactor_t or libzmq socket) */
CZMQ_EXPORT int zsock_linger (void *self);
CZMQ_EXPORT void zsock_set_linger (void *self, int linger);
CZMQ_EXPORT int zsock_sndhwm (void *self);
CZMQ_EXPORT void zsock_set_sndhwm (void *self, int sndhwm);
CZMQ_EXPORT int zsock_rcvhwm (void *self);
CZMQ_EXPORT void zsock_set_rcvhwm (void *self, int rcvhwm);
CZMQ_EXPORT int zsock_rcvtimeo (void *self);
CZMQ_EXPORT void zsock_set_rcvtimeo (void *self, int rcvtimeo);
CZMQ_EXPORT int zsock_sndtimeo (void *self);
CZMQ_EXPORT void zsock_set_sndtimeo (void *self, int sndtimeo);
CZMQ_EXPORT void zsock_set_subscribe (void *self, const char *subscribe);
CZMQ_EXPORT void zsock_set_unsubscribe (void *self, const char *unsubscribe);
CZMQ_EXPORT char *zsock_identity (void *self);
CZMQ_EXPORT void zsock_set_identity (void *self, const char *identity);
CZMQ_EXPORT void zsock_set_router_mandatory (void *self, int router_mandatory);
CZMQ_EXPORT void zsock_set_probe_router (void *self, int probe_router);
CZMQ_EXPORT void zsock_set_req_correlate (void *self, int req_correlate);
CZMQ_EXPORT void zsock_set_req_relaxed (void *self, int req_relaxed);
CZMQ_EXPORT void zsock_set_xpub_verbose (void *self, int xpub_verbose);
CZMQ_EXPORT int zsock_sndbuf (void *self);
CZMQ_EXPORT void zsock_set_sndbuf (void *self, int sndbuf);
CZMQ_EXPORT int zsock_rcvbuf (void *self);
CZMQ_EXPORT void zsock_set_rcvbuf (void *self, int rcvbuf);
CZMQ_EXPORT int zsock_tcp_keepalive (void *self);
CZMQ_EXPORT void zsock_set_tcp_keepalive (void *self, int tcp_keepalive);
CZMQ_EXPORT int zsock_reconnect_ivl (void *self);
CZMQ_EXPORT void zsock_set_reconnect_ivl (void *self, int reconnect_ivl);
CZMQ_EXPORT int zsock_heartbeat_ivl (void *self);
CZMQ_EXPORT void zsock_set_heartbeat_ivl (void *self, int heartbeat_ivl);
CZMQ_EXPORT int zsock_immediate (void *self);
CZMQ_EXPORT void zsock_set_immediate (void *self, int immediate);
CZMQ_EXPORT int zsock_ipv6 (void *self);
CZMQ_EXPORT void zsock_set_ipv6 (void *self, int ipv6);
CZMQ_EXPORT int zsock_conflate (void *self);
CZMQ_EXPORT void zsock_set_conflate (void *self, int conflate);
CZMQ_EXPORT int zsock_rcvmore (void *self);
CZMQ_EXPORT int zsock_events (void *self);
CZMQ_EXPORT int zsock_fd (void *self);
CZMQ_EXPORT char *zsock_last_endpoint (void *self);
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

/*  ----------------------------------------------------------------- zstr */

CZMQ_EXPORT char *zstr_recv (void *source);
CZMQ_EXPORT char *zstr_recv_nowait (void *source);
CZMQ_EXPORT int zstr_recvx (void *source, char **string_p, ...);
CZMQ_EXPORT int zstr_send (void *dest, const char *string);
CZMQ_EXPORT int zstr_sendm (void *dest, const char *string);
CZMQ_EXPORT int zstr_sendf (void *dest, const char *format, ...) CHECK_PRINTF (2);
CZMQ_EXPORT int zstr_sendx (void *dest, const char *string, ...);
CZMQ_EXPORT void zstr_free (char **string_p);

/*  --------------------------------------------------------------- zframe */

#define ZFRAME_MORE     1
#define ZFRAME_REUSE    2
#define ZFRAME_DONTWAIT 4

CZMQ_EXPORT zframe_t *zframe_new (const void *data, size_t size);
CZMQ_EXPORT zframe_t *zframe_new_empty (void);
CZMQ_EXPORT zframe_t *zframe_from (const char *string);
CZMQ_EXPORT zframe_t *zframe_recv (void *source);
CZMQ_EXPORT void zframe_destroy (zframe_t **self_p);
CZMQ_EXPORT int zframe_send (zframe_t **self_p, void *dest, int flags);
CZMQ_EXPORT size_t zframe_size (zframe_t *self);
CZMQ_EXPORT byte *zframe_data (zframe_t *self);
CZMQ_EXPORT zframe_t *zframe_dup (zframe_t *self);
CZMQ_EXPORT char *zframe_strhex (zframe_t *self);
CZMQ_EXPORT char *zframe_strdup (zframe_t *self);
CZMQ_EXPORT bool zframe_streq (zframe_t *self, const char *string);
CZMQ_EXPORT int zframe_more (zframe_t *self);
CZMQ_EXPORT void zframe_set_more (zframe_t *self, int more);
CZMQ_EXPORT bool zframe_eq (zframe_t *self, zframe_t *other);
CZMQ_EXPORT bool zframe_is (void *self);
CZMQ_EXPORT void zframe_reset (zframe_t *self, const void *data, size_t size);

/*  ----------------------------------------------------------------- zmsg */

CZMQ_EXPORT zmsg_t *zmsg_new (void);
CZMQ_EXPORT zmsg_t *zmsg_recv (void *source);
CZMQ_EXPORT zmsg_t *zmsg_decode (zframe_t *frame);
CZMQ_EXPORT zmsg_t *zmsg_new_signal (byte status);
CZMQ_EXPORT void zmsg_destroy (zmsg_t **self_p);
CZMQ_EXPORT int zmsg_send (zmsg_t **self_p, void *dest);
CZMQ_EXPORT int zmsg_sendm (zmsg_t **self_p, void *dest);
CZMQ_EXPORT size_t zmsg_size (zmsg_t *self);
CZMQ_EXPORT size_t zmsg_content_size (zmsg_t *self);
CZMQ_EXPORT int zmsg_prepend (zmsg_t *self, zframe_t **frame_p);
CZMQ_EXPORT int zmsg_append (zmsg_t *self, zframe_t **frame_p);
CZMQ_EXPORT zframe_t *zmsg_pop (zmsg_t *self);
CZMQ_EXPORT int zmsg_pushmem (zmsg_t *self, const void *data, size_t size);
CZMQ_EXPORT int zmsg_addmem (zmsg_t *self, const void *data, size_t size);
CZMQ_EXPORT int zmsg_pushstr (zmsg_t *self, const char *string);
CZMQ_EXPORT int zmsg_addstr (zmsg_t *self, const char *string);
CZMQ_EXPORT int zmsg_pushstrf (zmsg_t *self, const char *format, ...) CHECK_PRINTF (2);
CZMQ_EXPORT int zmsg_addstrf (zmsg_t *self, const char *format, ...) CHECK_PRINTF (2);
CZMQ_EXPORT char *zmsg_popstr (zmsg_t *self);
CZMQ_EXPORT int zmsg_addmsg (zmsg_t *self, zmsg_t **msg_p);
CZMQ_EXPORT zmsg_t *zmsg_popmsg (zmsg_t *self);
/*  Frames lent by first/next/last belong to the message: valid until it
    changes; do not destroy them. */
CZMQ_EXPORT zframe_t *zmsg_first (zmsg_t *self);
CZMQ_EXPORT zframe_t *zmsg_next (zmsg_t *self);
CZMQ_EXPORT zframe_t *zmsg_last (zmsg_t *self);
CZMQ_EXPORT zframe_t *zmsg_encode (zmsg_t *self);
CZMQ_EXPORT zmsg_t *zmsg_dup (zmsg_t *self);
CZMQ_EXPORT bool zmsg_eq (zmsg_t *self, zmsg_t *other);
CZMQ_EXPORT int zmsg_signal (zmsg_t *self);
CZMQ_EXPORT bool zmsg_is (void *self);
/*  Deprecated in CZMQ, kept for old code: take the frame. */
CZMQ_EXPORT int zmsg_push (zmsg_t *self, zframe_t *frame);
CZMQ_EXPORT int zmsg_add (zmsg_t *self, zframe_t *frame);
CZMQ_EXPORT void zmsg_wrap (zmsg_t *self, zframe_t *frame);
CZMQ_EXPORT zframe_t *zmsg_unwrap (zmsg_t *self);

/*  --------------------------------------------------------------- zactor */

/*  The task signals once ready (zsock_signal (pipe, 0)) and returns when
    it receives "$TERM". */
typedef void (zactor_fn) (zsock_t *pipe, void *args);

CZMQ_EXPORT zactor_t *zactor_new (zactor_fn task, void *args);
CZMQ_EXPORT void zactor_destroy (zactor_t **self_p);
CZMQ_EXPORT int zactor_send (zactor_t *self, zmsg_t **msg_p);
CZMQ_EXPORT zmsg_t *zactor_recv (zactor_t *self);
CZMQ_EXPORT bool zactor_is (void *self);
CZMQ_EXPORT void *zactor_resolve (void *self);
CZMQ_EXPORT zsock_t *zactor_sock (zactor_t *self);

/*  CZMQ's actor functions, for zactor_new:
      zactor_new (zgossip, "name")   a gossip node (BIND, CONNECT, PUBLISH,
                                     STATUS, ... ; DELIVER key value back)
      zactor_new (zproxy, NULL)      FRONTEND/BACKEND/CAPTURE/PAUSE/RESUME
      zactor_new (zmonitor, sock)    LISTEN/START; events [name, value, endpoint]
      zactor_new (zbeacon, NULL)     CONFIGURE/PUBLISH/SUBSCRIBE/SILENCE      */
CZMQ_EXPORT void zgossip (zsock_t *pipe, void *args);
CZMQ_EXPORT void zproxy (zsock_t *pipe, void *unused);
CZMQ_EXPORT void zmonitor (zsock_t *pipe, void *sock);
CZMQ_EXPORT void zbeacon (zsock_t *pipe, void *unused);

/*  --------------------------------------------------------------- zclock */

CZMQ_EXPORT void zclock_sleep (int msecs);
CZMQ_EXPORT int64_t zclock_time (void);
CZMQ_EXPORT int64_t zclock_mono (void);
CZMQ_EXPORT int64_t zclock_usecs (void);
CZMQ_EXPORT char *zclock_timestr (void);

/*  ----------------------------------------------------------------- zsys */

typedef void (zsys_handler_fn) (int signal_value);

/*  1 once SIGINT or SIGTERM arrived (CZMQ's default handler, installed by
    zsys_init or the first socket unless ZSYS_SIGHANDLER=false). */
CZMQ_EXPORT extern volatile int zsys_interrupted;
CZMQ_EXPORT extern volatile int zctx_interrupted;

CZMQ_EXPORT void *zsys_init (void);
CZMQ_EXPORT void zsys_shutdown (void);
CZMQ_EXPORT void zsys_handler_set (zsys_handler_fn *handler_fn);
CZMQ_EXPORT void zsys_handler_reset (void);
CZMQ_EXPORT bool zsys_is_interrupted (void);
CZMQ_EXPORT void zsys_set_io_threads (size_t io_threads);
CZMQ_EXPORT void zsys_set_linger (size_t linger);
CZMQ_EXPORT void zsys_set_sndhwm (size_t sndhwm);
CZMQ_EXPORT void zsys_set_rcvhwm (size_t rcvhwm);
CZMQ_EXPORT void zsys_set_ipv6 (int ipv6);
CZMQ_EXPORT void zsys_set_interface (const char *value);
/*  Logging to stderr in CZMQ's format (or to the host's Rust logger). */
CZMQ_EXPORT void zsys_error (const char *format, ...) CHECK_PRINTF (1);
CZMQ_EXPORT void zsys_warning (const char *format, ...) CHECK_PRINTF (1);
CZMQ_EXPORT void zsys_notice (const char *format, ...) CHECK_PRINTF (1);
CZMQ_EXPORT void zsys_info (const char *format, ...) CHECK_PRINTF (1);
CZMQ_EXPORT void zsys_debug (const char *format, ...) CHECK_PRINTF (1);

/*  -------------------------------------------------------------- zpoller */

CZMQ_EXPORT zpoller_t *zpoller_new (void *reader, ...);
CZMQ_EXPORT void zpoller_destroy (zpoller_t **self_p);
CZMQ_EXPORT int zpoller_add (zpoller_t *self, void *reader);
CZMQ_EXPORT int zpoller_remove (zpoller_t *self, void *reader);
CZMQ_EXPORT void zpoller_set_nonstop (zpoller_t *self, bool nonstop);
CZMQ_EXPORT void *zpoller_wait (zpoller_t *self, int timeout);
CZMQ_EXPORT bool zpoller_expired (zpoller_t *self);
CZMQ_EXPORT bool zpoller_terminated (zpoller_t *self);

/*  ---------------------------------------------------------------- zloop */

typedef int (zloop_reader_fn) (zloop_t *loop, zsock_t *reader, void *arg);
typedef int (zloop_timer_fn) (zloop_t *loop, int timer_id, void *arg);
typedef int (zloop_fn) (zloop_t *loop, zmq_pollitem_t *item, void *arg);

CZMQ_EXPORT zloop_t *zloop_new (void);
CZMQ_EXPORT void zloop_destroy (zloop_t **self_p);
CZMQ_EXPORT int zloop_reader (zloop_t *self, zsock_t *sock, zloop_reader_fn handler, void *arg);
CZMQ_EXPORT void zloop_reader_end (zloop_t *self, zsock_t *sock);
CZMQ_EXPORT void zloop_reader_set_tolerant (zloop_t *self, zsock_t *sock);
/*  A socket (item->socket) or a file descriptor (item->fd, socket NULL) */
CZMQ_EXPORT int zloop_poller (zloop_t *self, zmq_pollitem_t *item, zloop_fn handler, void *arg);
CZMQ_EXPORT void zloop_poller_end (zloop_t *self, zmq_pollitem_t *item);
CZMQ_EXPORT void zloop_poller_set_tolerant (zloop_t *self, zmq_pollitem_t *item);
CZMQ_EXPORT int zloop_timer (zloop_t *self, size_t delay, size_t times, zloop_timer_fn handler, void *arg);
CZMQ_EXPORT int zloop_timer_end (zloop_t *self, int timer_id);
CZMQ_EXPORT void *zloop_ticket (zloop_t *self, zloop_timer_fn handler, void *arg);
CZMQ_EXPORT void zloop_ticket_reset (zloop_t *self, void *handle);
CZMQ_EXPORT void zloop_ticket_delete (zloop_t *self, void *handle);
CZMQ_EXPORT void zloop_set_ticket_delay (zloop_t *self, size_t ticket_delay);
CZMQ_EXPORT void zloop_set_max_timers (zloop_t *self, size_t max_timers);
CZMQ_EXPORT void zloop_set_verbose (zloop_t *self, bool verbose);
CZMQ_EXPORT void zloop_set_nonstop (zloop_t *self, bool nonstop);
CZMQ_EXPORT int zloop_start (zloop_t *self);

/*  -------------------------------------------------------------- zconfig */

/*  Only roots are objects here: zconfig_new with a parent returns NULL;
    build trees with paths (zconfig_put (root, "a/b/c", "value")). */
CZMQ_EXPORT zconfig_t *zconfig_new (const char *name, zconfig_t *parent);
CZMQ_EXPORT zconfig_t *zconfig_load (const char *filename);
CZMQ_EXPORT zconfig_t *zconfig_str_load (const char *string);
CZMQ_EXPORT void zconfig_destroy (zconfig_t **self_p);
CZMQ_EXPORT char *zconfig_name (zconfig_t *self);
CZMQ_EXPORT char *zconfig_value (zconfig_t *self);
CZMQ_EXPORT void zconfig_put (zconfig_t *self, const char *path, const char *value);
CZMQ_EXPORT char *zconfig_get (zconfig_t *self, const char *path, const char *default_value);
CZMQ_EXPORT int zconfig_save (zconfig_t *self, const char *filename);
CZMQ_EXPORT char *zconfig_str_save (zconfig_t *self);

#ifdef __cplusplus
}
#endif

#endif
