/*  zcertstore.h: CZMQ 4.2.1's zcertstore class, part of the C face of
    czmq-rs. Include czmq.h rather than this file.

    Public certificates by Z85 public key: a directory tree (files ending
    in _secret skipped, reloaded on lookup when files change), an
    in-memory store (location NULL), or a custom loader. */

#ifndef ZCERTSTORE_H_INCLUDED
#define ZCERTSTORE_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

CZMQ_EXPORT zcertstore_t *zcertstore_new (const char *location);
CZMQ_EXPORT void zcertstore_destroy (zcertstore_t **self_p);
/*  The certificate (owned by the store) or NULL. */
CZMQ_EXPORT zcert_t *zcertstore_lookup (zcertstore_t *self, const char *public_key);
/*  Takes the certificate (memory only) and NULLs *cert_p. */
CZMQ_EXPORT void zcertstore_insert (zcertstore_t *self, zcert_t **cert_p);
CZMQ_EXPORT void zcertstore_print (zcertstore_t *self);

/*  CZMQ's DRAFT API (zauth's custom stores use it). */
typedef void (zcertstore_loader) (zcertstore_t *self);
typedef void (zcertstore_destructor) (void **self_p);
CZMQ_EXPORT void zcertstore_set_loader (zcertstore_t *self, zcertstore_loader loader, zcertstore_destructor destructor, void *state);
CZMQ_EXPORT void zcertstore_empty (zcertstore_t *self);
CZMQ_EXPORT void *zcertstore_state (zcertstore_t *self);

#define zcertstore_dump(s) zcertstore_print(s)

#ifdef __cplusplus
}
#endif

#endif
