/*  zlist.h: CZMQ 4.2.1's zlist class, part of the C face of czmq-rs.
    Include czmq.h rather than this file.

    A list of void * items with a cursor. Items are the caller's unless
    the list is autofree (items are then strings it copies and frees) or
    an item was given a free function. */

#ifndef ZLIST_H_INCLUDED
#define ZLIST_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  Returns <0, 0 or >0 as item1 is less than, equal to, greater than item2.  */
typedef int (zlist_compare_fn) (void *item1, void *item2);
/*  Frees an item (zlist_freefn).  */
typedef void (zlist_free_fn) (void *data);

CZMQ_EXPORT zlist_t *zlist_new (void);
CZMQ_EXPORT void zlist_destroy (zlist_t **self_p);
CZMQ_EXPORT void *zlist_first (zlist_t *self);
CZMQ_EXPORT void *zlist_next (zlist_t *self);
CZMQ_EXPORT void *zlist_last (zlist_t *self);
CZMQ_EXPORT void *zlist_head (zlist_t *self);
CZMQ_EXPORT void *zlist_tail (zlist_t *self);
CZMQ_EXPORT void *zlist_item (zlist_t *self);
CZMQ_EXPORT int zlist_append (zlist_t *self, void *item);
CZMQ_EXPORT int zlist_push (zlist_t *self, void *item);
CZMQ_EXPORT void *zlist_pop (zlist_t *self);
CZMQ_EXPORT bool zlist_exists (zlist_t *self, void *item);
CZMQ_EXPORT void zlist_remove (zlist_t *self, void *item);
CZMQ_EXPORT zlist_t *zlist_dup (zlist_t *self);
CZMQ_EXPORT void zlist_purge (zlist_t *self);
CZMQ_EXPORT size_t zlist_size (zlist_t *self);
CZMQ_EXPORT void zlist_sort (zlist_t *self, zlist_compare_fn compare);
CZMQ_EXPORT void zlist_autofree (zlist_t *self);
CZMQ_EXPORT void zlist_comparefn (zlist_t *self, zlist_compare_fn fn);
CZMQ_EXPORT void *zlist_freefn (zlist_t *self, void *item, zlist_free_fn fn, bool at_tail);

#ifdef __cplusplus
}
#endif

#endif
