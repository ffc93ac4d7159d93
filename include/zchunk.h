/*  zchunk.h: CZMQ 4.2.1's zchunk class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZCHUNK_H_INCLUDED
#define ZCHUNK_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

CZMQ_EXPORT zchunk_t *zchunk_new (const void *data, size_t size);
CZMQ_EXPORT void zchunk_destroy (zchunk_t **self_p);
CZMQ_EXPORT void zchunk_resize (zchunk_t *self, size_t size);
CZMQ_EXPORT size_t zchunk_size (zchunk_t *self);
CZMQ_EXPORT size_t zchunk_max_size (zchunk_t *self);
CZMQ_EXPORT byte *zchunk_data (zchunk_t *self);
CZMQ_EXPORT size_t zchunk_set (zchunk_t *self, const void *data, size_t size);
CZMQ_EXPORT size_t zchunk_fill (zchunk_t *self, byte filler, size_t size);
CZMQ_EXPORT size_t zchunk_append (zchunk_t *self, const void *data, size_t size);
CZMQ_EXPORT size_t zchunk_extend (zchunk_t *self, const void *data, size_t size);
CZMQ_EXPORT size_t zchunk_consume (zchunk_t *self, zchunk_t *source);
CZMQ_EXPORT bool zchunk_exhausted (zchunk_t *self);
CZMQ_EXPORT zchunk_t *zchunk_read (FILE *handle, size_t bytes);
CZMQ_EXPORT int zchunk_write (zchunk_t *self, FILE *handle);
CZMQ_EXPORT zchunk_t *zchunk_slurp (const char *filename, size_t maxsize);
CZMQ_EXPORT zchunk_t *zchunk_dup (zchunk_t *self);
CZMQ_EXPORT char *zchunk_strhex (zchunk_t *self);
CZMQ_EXPORT char *zchunk_strdup (zchunk_t *self);
CZMQ_EXPORT bool zchunk_streq (zchunk_t *self, const char *string);
CZMQ_EXPORT zframe_t *zchunk_pack (zchunk_t *self);
CZMQ_EXPORT zchunk_t *zchunk_unpack (zframe_t *frame);
CZMQ_EXPORT const char *zchunk_digest (zchunk_t *self);
CZMQ_EXPORT void zchunk_fprint (zchunk_t *self, FILE *file);
CZMQ_EXPORT void zchunk_print (zchunk_t *self);
CZMQ_EXPORT bool zchunk_is (void *self);

#ifdef __cplusplus
}
#endif

#endif
