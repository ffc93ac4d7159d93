/*  zsys.h: CZMQ 4.2.1's zsys class (system-level settings and helpers),
    part of the C face of czmq-rs. Include czmq.h rather than this file.
    Strings returned as char * are the caller's (free with zstr_free);
    those returned as const char * stay owned by the library. */

#ifndef ZSYS_H_INCLUDED
#define ZSYS_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  The largest datagram zsys_udp_recv returns. */
#define UDP_FRAME_MAX   255

typedef void (zsys_handler_fn) (int signal_value);

/*  Set to 1 by the default SIGINT/SIGTERM handler (installed by zsys_init
    or the first socket unless ZSYS_SIGHANDLER=false). Programs may also set
    it themselves: zloop and zpoller stop when it is non-zero. */
CZMQ_EXPORT extern volatile int zsys_interrupted;
/*  The same, under CZMQ's older name. */
CZMQ_EXPORT extern volatile int zctx_interrupted;

/*  Life cycle and signals */
CZMQ_EXPORT void *zsys_init (void);
CZMQ_EXPORT void zsys_shutdown (void);
CZMQ_EXPORT void zsys_handler_set (zsys_handler_fn *handler_fn);
CZMQ_EXPORT void zsys_handler_reset (void);
CZMQ_EXPORT void zsys_catch_interrupts (void);
CZMQ_EXPORT bool zsys_is_interrupted (void);

/*  Sockets */
CZMQ_EXPORT void *zsys_socket (int type, const char *filename, size_t line_nbr);
CZMQ_EXPORT int zsys_close (void *handle, const char *filename, size_t line_nbr);
CZMQ_EXPORT char *zsys_sockname (int socktype);
CZMQ_EXPORT zsock_t *zsys_create_pipe (zsock_t **backend_p);

/*  Files and directories */
CZMQ_EXPORT bool zsys_file_exists (const char *filename);
CZMQ_EXPORT ssize_t zsys_file_size (const char *filename);
CZMQ_EXPORT time_t zsys_file_modified (const char *filename);
CZMQ_EXPORT int zsys_file_mode (const char *filename);
CZMQ_EXPORT int zsys_file_delete (const char *filename);
CZMQ_EXPORT bool zsys_file_stable (const char *filename);
CZMQ_EXPORT int zsys_dir_create (const char *pathname, ...) CHECK_PRINTF (1);
CZMQ_EXPORT int zsys_dir_delete (const char *pathname, ...) CHECK_PRINTF (1);
CZMQ_EXPORT int zsys_dir_change (const char *pathname);
CZMQ_EXPORT void zsys_file_mode_private (void);
CZMQ_EXPORT void zsys_file_mode_default (void);

/*  Version, formatting */
CZMQ_EXPORT void zsys_version (int *major, int *minor, int *patch);
CZMQ_EXPORT char *zsys_sprintf (const char *format, ...) CHECK_PRINTF (1);
CZMQ_EXPORT char *zsys_vprintf (const char *format, va_list argptr);

/*  UDP and the host */
CZMQ_EXPORT SOCKET zsys_udp_new (bool routable);
CZMQ_EXPORT int zsys_udp_close (SOCKET handle);
CZMQ_EXPORT int zsys_udp_send (SOCKET udpsock, zframe_t *frame, inaddr_t *address, int addrlen);
CZMQ_EXPORT zframe_t *zsys_udp_recv (SOCKET udpsock, char *peername, int peerlen);
CZMQ_EXPORT void zsys_socket_error (const char *reason);
CZMQ_EXPORT char *zsys_hostname (void);
CZMQ_EXPORT int zsys_daemonize (const char *workdir);
CZMQ_EXPORT int zsys_run_as (const char *lockfile, const char *group, const char *user);
CZMQ_EXPORT bool zsys_has_curve (void);

/*  Process-wide settings (the ZSYS_* environment variables set defaults) */
CZMQ_EXPORT void zsys_set_io_threads (size_t io_threads);
CZMQ_EXPORT void zsys_set_thread_sched_policy (int policy);
CZMQ_EXPORT void zsys_set_thread_priority (int priority);
CZMQ_EXPORT void zsys_set_thread_name_prefix (int prefix);
CZMQ_EXPORT int zsys_thread_name_prefix (void);
CZMQ_EXPORT void zsys_thread_affinity_cpu_add (int cpu);
CZMQ_EXPORT void zsys_thread_affinity_cpu_remove (int cpu);
CZMQ_EXPORT void zsys_set_max_sockets (size_t max_sockets);
CZMQ_EXPORT size_t zsys_socket_limit (void);
CZMQ_EXPORT void zsys_set_max_msgsz (int max_msgsz);
CZMQ_EXPORT int zsys_max_msgsz (void);
CZMQ_EXPORT void zsys_set_linger (size_t linger);
CZMQ_EXPORT void zsys_set_sndhwm (size_t sndhwm);
CZMQ_EXPORT void zsys_set_rcvhwm (size_t rcvhwm);
CZMQ_EXPORT void zsys_set_pipehwm (size_t pipehwm);
CZMQ_EXPORT size_t zsys_pipehwm (void);
CZMQ_EXPORT void zsys_set_ipv6 (int ipv6);
CZMQ_EXPORT int zsys_ipv6 (void);
CZMQ_EXPORT void zsys_set_interface (const char *value);
CZMQ_EXPORT const char *zsys_interface (void);
CZMQ_EXPORT void zsys_set_ipv6_address (const char *value);
CZMQ_EXPORT const char *zsys_ipv6_address (void);
CZMQ_EXPORT void zsys_set_ipv6_mcast_address (const char *value);
CZMQ_EXPORT const char *zsys_ipv6_mcast_address (void);
CZMQ_EXPORT void zsys_set_auto_use_fd (int auto_use_fd);
CZMQ_EXPORT int zsys_auto_use_fd (void);

/*  Logging: stderr in CZMQ's format unless ZSYS_LOGSTREAM or
    zsys_set_logstream say otherwise (or the host's Rust logger) */
CZMQ_EXPORT void zsys_set_logident (const char *value);
CZMQ_EXPORT void zsys_set_logstream (FILE *stream);
CZMQ_EXPORT void zsys_set_logsender (const char *endpoint);
CZMQ_EXPORT void zsys_set_logsystem (bool logsystem);
CZMQ_EXPORT void zsys_error (const char *format, ...) CHECK_PRINTF (1);
CZMQ_EXPORT void zsys_warning (const char *format, ...) CHECK_PRINTF (1);
CZMQ_EXPORT void zsys_notice (const char *format, ...) CHECK_PRINTF (1);
CZMQ_EXPORT void zsys_info (const char *format, ...) CHECK_PRINTF (1);
CZMQ_EXPORT void zsys_debug (const char *format, ...) CHECK_PRINTF (1);

#ifdef CZMQ_BUILD_DRAFT_API
/*  CZMQ 4.2.1's DRAFT zsys functions that this library implements. */
CZMQ_EXPORT void zsys_set_interrupted (void);
CZMQ_EXPORT void zsys_set_thread_name_prefix_str (const char *prefix);
CZMQ_EXPORT const char *zsys_thread_name_prefix_str (void);
CZMQ_EXPORT void zsys_set_zero_copy_recv (int zero_copy);
CZMQ_EXPORT int zsys_zero_copy_recv (void);
CZMQ_EXPORT void zsys_set_file_stable_age_msec (int64_t file_stable_age_msec);
CZMQ_EXPORT int64_t zsys_file_stable_age_msec (void);
CZMQ_EXPORT bool zsys_ipv6_available (void);
CZMQ_EXPORT void zsys_set_ipv4_mcast_address (const char *value);
CZMQ_EXPORT const char *zsys_ipv4_mcast_address (void);
CZMQ_EXPORT void zsys_set_mcast_ttl (byte value);
CZMQ_EXPORT byte zsys_mcast_ttl (void);
/*  "%(key)s" replaced by the hash's (or config tree's) value for key;
    the _error forms return the reason formatting fails, or NULL. */
CZMQ_EXPORT char *zsys_zprintf (const char *format, zhash_t *args);
CZMQ_EXPORT char *zsys_zprintf_error (const char *format, zhash_t *args);
CZMQ_EXPORT char *zsys_zplprintf (const char *format, zconfig_t *args);
CZMQ_EXPORT char *zsys_zplprintf_error (const char *format, zconfig_t *args);
#endif

#ifdef __cplusplus
}
#endif

#endif
