/*  zrex.h: CZMQ 4.2.1's zrex class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZREX_H_INCLUDED
#define ZREX_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

CZMQ_EXPORT zrex_t *zrex_new (const char *expression);
CZMQ_EXPORT void zrex_destroy (zrex_t **self_p);
CZMQ_EXPORT bool zrex_valid (zrex_t *self);
CZMQ_EXPORT const char *zrex_strerror (zrex_t *self);
CZMQ_EXPORT bool zrex_matches (zrex_t *self, const char *text);
CZMQ_EXPORT bool zrex_eq (zrex_t *self, const char *text, const char *expression);
CZMQ_EXPORT int zrex_hits (zrex_t *self);
CZMQ_EXPORT const char *zrex_hit (zrex_t *self, unsigned int index);
CZMQ_EXPORT int zrex_fetch (zrex_t *self, const char **string_p, ...);

#ifdef __cplusplus
}
#endif

#endif
