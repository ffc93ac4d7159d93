/*  zhashx.h: CZMQ 4.2.1's zhashx class, part of the C face of czmq-rs.
    Include czmq.h rather than this file.

    A hash table whose keys and items are handled by callbacks: by default
    keys are strings (copied with strdup, freed, compared with strcmp,
    hashed by content) and items are the caller's. */

#ifndef ZHASHX_H_INCLUDED
#define ZHASHX_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  Destroys *item and sets it to NULL.  */
typedef void (zhashx_destructor_fn) (void **item);
/*  Returns a copy of item.  */
typedef void * (zhashx_duplicator_fn) (const void *item);
/*  Returns <0, 0 or >0 as item1 is less than, equal to, greater than item2.  */
typedef int (zhashx_comparator_fn) (const void *item1, const void *item2);
/*  Frees an item (zhashx_freefn).  */
typedef void (zhashx_free_fn) (void *data);
/*  Hashes a key.  */
typedef size_t (zhashx_hash_fn) (const void *key);
/*  Returns an item as a new (malloc'd) string.  */
typedef char * (zhashx_serializer_fn) (const void *item);
/*  Makes an item from a string.  */
typedef void * (zhashx_deserializer_fn) (const char *item_str);

CZMQ_EXPORT zhashx_t *zhashx_new (void);
CZMQ_EXPORT zhashx_t *zhashx_unpack (zframe_t *frame);
CZMQ_EXPORT void zhashx_destroy (zhashx_t **self_p);
CZMQ_EXPORT int zhashx_insert (zhashx_t *self, const void *key, void *item);
CZMQ_EXPORT void zhashx_update (zhashx_t *self, const void *key, void *item);
CZMQ_EXPORT void zhashx_delete (zhashx_t *self, const void *key);
CZMQ_EXPORT void zhashx_purge (zhashx_t *self);
CZMQ_EXPORT void *zhashx_lookup (zhashx_t *self, const void *key);
CZMQ_EXPORT int zhashx_rename (zhashx_t *self, const void *old_key, const void *new_key);
CZMQ_EXPORT void *zhashx_freefn (zhashx_t *self, const void *key, zhashx_free_fn free_fn);
CZMQ_EXPORT size_t zhashx_size (zhashx_t *self);
CZMQ_EXPORT zlistx_t *zhashx_keys (zhashx_t *self);
CZMQ_EXPORT zlistx_t *zhashx_values (zhashx_t *self);
CZMQ_EXPORT void *zhashx_first (zhashx_t *self);
CZMQ_EXPORT void *zhashx_next (zhashx_t *self);
CZMQ_EXPORT const void *zhashx_cursor (zhashx_t *self);
CZMQ_EXPORT void zhashx_comment (zhashx_t *self, const char *format, ...) CHECK_PRINTF (2);
CZMQ_EXPORT int zhashx_save (zhashx_t *self, const char *filename);
CZMQ_EXPORT int zhashx_load (zhashx_t *self, const char *filename);
CZMQ_EXPORT int zhashx_refresh (zhashx_t *self);
CZMQ_EXPORT zframe_t *zhashx_pack (zhashx_t *self);
CZMQ_EXPORT zhashx_t *zhashx_dup (zhashx_t *self);
CZMQ_EXPORT void zhashx_set_destructor (zhashx_t *self, zhashx_destructor_fn destructor);
CZMQ_EXPORT void zhashx_set_duplicator (zhashx_t *self, zhashx_duplicator_fn duplicator);
CZMQ_EXPORT void zhashx_set_key_destructor (zhashx_t *self, zhashx_destructor_fn destructor);
CZMQ_EXPORT void zhashx_set_key_duplicator (zhashx_t *self, zhashx_duplicator_fn duplicator);
CZMQ_EXPORT void zhashx_set_key_comparator (zhashx_t *self, zhashx_comparator_fn comparator);
CZMQ_EXPORT void zhashx_set_key_hasher (zhashx_t *self, zhashx_hash_fn hasher);
CZMQ_EXPORT zhashx_t *zhashx_dup_v2 (zhashx_t *self);

/*  CZMQ 4.2.1 draft API, always provided here.  */
CZMQ_EXPORT zhashx_t *zhashx_unpack_own (zframe_t *frame, zhashx_deserializer_fn deserializer);
CZMQ_EXPORT zframe_t *zhashx_pack_own (zhashx_t *self, zhashx_serializer_fn serializer);

#ifdef __cplusplus
}
#endif

#endif
