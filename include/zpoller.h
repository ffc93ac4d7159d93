/*  zpoller.h: CZMQ 4.2.1's zpoller class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZPOLLER_H_INCLUDED
#define ZPOLLER_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

CZMQ_EXPORT zpoller_t *zpoller_new (void *reader, ...);
CZMQ_EXPORT void zpoller_destroy (zpoller_t **self_p);
CZMQ_EXPORT int zpoller_add (zpoller_t *self, void *reader);
CZMQ_EXPORT int zpoller_remove (zpoller_t *self, void *reader);
CZMQ_EXPORT void zpoller_set_nonstop (zpoller_t *self, bool nonstop);
CZMQ_EXPORT void *zpoller_wait (zpoller_t *self, int timeout);
CZMQ_EXPORT bool zpoller_expired (zpoller_t *self);
CZMQ_EXPORT bool zpoller_terminated (zpoller_t *self);

#ifdef __cplusplus
}
#endif

#endif
