/*  zcert.h: CZMQ 4.2.1's zcert class, part of the C face of czmq-rs.
    Include czmq.h rather than this file.

    A CURVE certificate: a key pair and name/value metadata, saved as a
    public ZPL file and a private NAME_secret file in CZMQ's layout. */

#ifndef ZCERT_H_INCLUDED
#define ZCERT_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  A fresh key pair (NULL when libzmq has no CURVE). */
CZMQ_EXPORT zcert_t *zcert_new (void);
/*  From two 32-byte binary keys. */
CZMQ_EXPORT zcert_t *zcert_new_from (const byte *public_key, const byte *secret_key);
/*  NAME_secret when it exists, else NAME (the secret key is then zero). */
CZMQ_EXPORT zcert_t *zcert_load (const char *filename);
CZMQ_EXPORT void zcert_destroy (zcert_t **self_p);

/*  Keys, binary (32 bytes) and Z85 (40 characters); owned by the cert. */
CZMQ_EXPORT const byte *zcert_public_key (zcert_t *self);
CZMQ_EXPORT const byte *zcert_secret_key (zcert_t *self);
CZMQ_EXPORT const char *zcert_public_txt (zcert_t *self);
CZMQ_EXPORT const char *zcert_secret_txt (zcert_t *self);

/*  Metadata: set (printf-style value), read, list the names (a new
    zlist_t of strings for the caller to destroy). */
CZMQ_EXPORT void zcert_set_meta (zcert_t *self, const char *name, const char *format, ...) CHECK_PRINTF (3);
CZMQ_EXPORT const char *zcert_meta (zcert_t *self, const char *name);
CZMQ_EXPORT zlist_t *zcert_meta_keys (zcert_t *self);

/*  Save both files (NAME and NAME_secret, the latter mode 0600), or one. */
CZMQ_EXPORT int zcert_save (zcert_t *self, const char *filename);
CZMQ_EXPORT int zcert_save_public (zcert_t *self, const char *filename);
CZMQ_EXPORT int zcert_save_secret (zcert_t *self, const char *filename);

/*  Set the socket's CURVE secret and public key. */
CZMQ_EXPORT void zcert_apply (zcert_t *self, void *socket);
CZMQ_EXPORT zcert_t *zcert_dup (zcert_t *self);
/*  True when both keys are the same. */
CZMQ_EXPORT bool zcert_eq (zcert_t *self, zcert_t *compare);
CZMQ_EXPORT void zcert_print (zcert_t *self);

/*  CZMQ's DRAFT API, provided because CZMQ's own code uses it. */
CZMQ_EXPORT zcert_t *zcert_new_from_txt (const char *public_txt, const char *secret_txt);
CZMQ_EXPORT void zcert_unset_meta (zcert_t *self, const char *name);

#define zcert_dump(s) zcert_print(s)

#ifdef __cplusplus
}
#endif

#endif
