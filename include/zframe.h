/*  zframe.h: CZMQ 4.2.1's zframe class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZFRAME_H_INCLUDED
#define ZFRAME_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

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
/*  A metadata property of a received frame, owned by the frame. */
CZMQ_EXPORT const char *zframe_meta (zframe_t *self, const char *property);
/*  Logs the frame at debug level, after `prefix`. */
CZMQ_EXPORT void zframe_print (zframe_t *self, const char *prefix);
CZMQ_EXPORT zframe_t *zframe_recv_nowait (void *source);
CZMQ_EXPORT void zframe_fprint (zframe_t *self, const char *prefix, FILE *file);

#define zframe_print_to_stream(s,p,F) zframe_fprint(s,p,F)

#ifdef __cplusplus
}
#endif

#endif
