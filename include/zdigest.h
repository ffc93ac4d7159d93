/*  zdigest.h: CZMQ 4.2.1's zdigest class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZDIGEST_H_INCLUDED
#define ZDIGEST_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

CZMQ_EXPORT zdigest_t *zdigest_new (void);
CZMQ_EXPORT void zdigest_destroy (zdigest_t **self_p);
CZMQ_EXPORT void zdigest_update (zdigest_t *self, const byte *buffer, size_t length);
CZMQ_EXPORT const byte *zdigest_data (zdigest_t *self);
CZMQ_EXPORT size_t zdigest_size (zdigest_t *self);
CZMQ_EXPORT char *zdigest_string (zdigest_t *self);

#ifdef __cplusplus
}
#endif

#endif
