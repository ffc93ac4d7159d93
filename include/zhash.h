/*  zhash.h: CZMQ 4.2.1's zhash class, part of the C face of czmq-rs.
    Include czmq.h rather than this file.

    A hash table of void * items keyed by strings (copied in). Items are
    the caller's unless the table is autofree (items are then strings it
    copies and frees) or an item was given a free function. Iteration
    (first/next/cursor) runs in insertion order, and deleting or inserting
    while iterating is fine. save/load and pack/unpack use CZMQ's formats. */

#ifndef ZHASH_H_INCLUDED
#define ZHASH_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  Frees an item when it leaves the table (zhash_freefn).  */
typedef void (zhash_free_fn) (void *data);

CZMQ_EXPORT zhash_t *zhash_new (void);
CZMQ_EXPORT zhash_t *zhash_unpack (zframe_t *frame);
CZMQ_EXPORT void zhash_destroy (zhash_t **self_p);
CZMQ_EXPORT int zhash_insert (zhash_t *self, const char *key, void *item);
CZMQ_EXPORT void zhash_update (zhash_t *self, const char *key, void *item);
CZMQ_EXPORT void zhash_delete (zhash_t *self, const char *key);
CZMQ_EXPORT void *zhash_lookup (zhash_t *self, const char *key);
CZMQ_EXPORT int zhash_rename (zhash_t *self, const char *old_key, const char *new_key);
CZMQ_EXPORT void *zhash_freefn (zhash_t *self, const char *key, zhash_free_fn free_fn);
CZMQ_EXPORT size_t zhash_size (zhash_t *self);
CZMQ_EXPORT zhash_t *zhash_dup (zhash_t *self);
CZMQ_EXPORT zlist_t *zhash_keys (zhash_t *self);
CZMQ_EXPORT void *zhash_first (zhash_t *self);
CZMQ_EXPORT void *zhash_next (zhash_t *self);
CZMQ_EXPORT const char *zhash_cursor (zhash_t *self);
CZMQ_EXPORT void zhash_comment (zhash_t *self, const char *format, ...) CHECK_PRINTF (2);
CZMQ_EXPORT zframe_t *zhash_pack (zhash_t *self);
CZMQ_EXPORT int zhash_save (zhash_t *self, const char *filename);
CZMQ_EXPORT int zhash_load (zhash_t *self, const char *filename);
CZMQ_EXPORT int zhash_refresh (zhash_t *self);
CZMQ_EXPORT void zhash_autofree (zhash_t *self);

#ifdef __cplusplus
}
#endif

#endif
