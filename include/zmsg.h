/*  zmsg.h: CZMQ 4.2.1's zmsg class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZMSG_H_INCLUDED
#define ZMSG_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

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
/*  Frames lent by first/next/last belong to the message: valid until they
    leave it (zmsg_pop, zmsg_remove, ...), however the message grows; do not
    destroy them. */
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
/*  Takes `frame` out of the message (found by identity); the caller then
    owns it. */
CZMQ_EXPORT void zmsg_remove (zmsg_t *self, zframe_t *frame);
/*  Each frame as its size (a native size_t) and bytes; -1 on an empty frame
    or a write error. */
CZMQ_EXPORT int zmsg_save (zmsg_t *self, FILE *file);
CZMQ_EXPORT zmsg_t *zmsg_load (FILE *file);
/*  Logs each frame at debug level. */
CZMQ_EXPORT void zmsg_print (zmsg_t *self);
CZMQ_EXPORT zmsg_t *zmsg_recv_nowait (void *source);
CZMQ_EXPORT void zmsg_fprint (zmsg_t *self, FILE *file);

#define zmsg_dump(s) zmsg_print(s)
#define zmsg_dump_to_stream(s,F) zmsg_fprint(s,F)

#ifdef __cplusplus
}
#endif

#endif
