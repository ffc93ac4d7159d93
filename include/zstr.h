/*  zstr.h: CZMQ 4.2.1's zstr class (strings as frames), part of the C face
    of czmq-rs. Include czmq.h rather than this file. Functions taking
    void * accept a zsock_t, a zactor_t or a raw libzmq socket. Strings
    are sent without their terminating NUL. */

#ifndef ZSTR_H_INCLUDED
#define ZSTR_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  The next frame as a fresh string (free with zstr_free); NULL on error
    or interrupt. */
CZMQ_EXPORT char *zstr_recv (void *source);
/*  As zstr_recv, without waiting. */
CZMQ_EXPORT char *zstr_recv_nowait (void *source);
/*  One whole message into the NULL-terminated list of char ** (missing
    frames give NULL); the number of pointers given, or -1. */
CZMQ_EXPORT int zstr_recvx (void *source, char **string_p, ...);
/*  One frame (NULL sends an empty frame); 0 or -1. */
CZMQ_EXPORT int zstr_send (void *dest, const char *string);
/*  One frame with more to follow. */
CZMQ_EXPORT int zstr_sendm (void *dest, const char *string);
/*  A formatted frame. */
CZMQ_EXPORT int zstr_sendf (void *dest, const char *format, ...) CHECK_PRINTF (2);
/*  A formatted frame with more to follow. */
CZMQ_EXPORT int zstr_sendfm (void *dest, const char *format, ...) CHECK_PRINTF (2);
/*  Each string of the NULL-terminated list as one frame of one message. */
CZMQ_EXPORT int zstr_sendx (void *dest, const char *string, ...);
/*  Frees a string from this library and sets the pointer to NULL. */
CZMQ_EXPORT void zstr_free (char **string_p);

#ifdef __cplusplus
}
#endif

#endif
