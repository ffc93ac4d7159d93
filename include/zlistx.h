/*  zlistx.h: CZMQ 4.2.1's zlistx class, part of the C face of czmq-rs.
    Include czmq.h rather than this file.

    A doubly linked list of void * items, each with a handle (valid until
    the item leaves the list), a cursor, and optional item destructor,
    duplicator and comparator (by default items are compared by pointer). */

#ifndef ZLISTX_H_INCLUDED
#define ZLISTX_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  Destroys *item and sets it to NULL.  */
typedef void (zlistx_destructor_fn) (void **item);
/*  Returns a copy of item.  */
typedef void * (zlistx_duplicator_fn) (const void *item);
/*  Returns <0, 0 or >0 as item1 is less than, equal to, greater than item2.  */
typedef int (zlistx_comparator_fn) (const void *item1, const void *item2);

CZMQ_EXPORT zlistx_t *zlistx_new (void);
CZMQ_EXPORT void zlistx_destroy (zlistx_t **self_p);
CZMQ_EXPORT void *zlistx_add_start (zlistx_t *self, void *item);
CZMQ_EXPORT void *zlistx_add_end (zlistx_t *self, void *item);
CZMQ_EXPORT size_t zlistx_size (zlistx_t *self);
CZMQ_EXPORT void *zlistx_head (zlistx_t *self);
CZMQ_EXPORT void *zlistx_tail (zlistx_t *self);
CZMQ_EXPORT void *zlistx_first (zlistx_t *self);
CZMQ_EXPORT void *zlistx_next (zlistx_t *self);
CZMQ_EXPORT void *zlistx_prev (zlistx_t *self);
CZMQ_EXPORT void *zlistx_last (zlistx_t *self);
CZMQ_EXPORT void *zlistx_item (zlistx_t *self);
CZMQ_EXPORT void *zlistx_cursor (zlistx_t *self);
CZMQ_EXPORT void *zlistx_handle_item (void *handle);
CZMQ_EXPORT void *zlistx_find (zlistx_t *self, void *item);
CZMQ_EXPORT void *zlistx_detach (zlistx_t *self, void *handle);
CZMQ_EXPORT void *zlistx_detach_cur (zlistx_t *self);
CZMQ_EXPORT int zlistx_delete (zlistx_t *self, void *handle);
CZMQ_EXPORT void zlistx_move_start (zlistx_t *self, void *handle);
CZMQ_EXPORT void zlistx_move_end (zlistx_t *self, void *handle);
CZMQ_EXPORT void zlistx_purge (zlistx_t *self);
CZMQ_EXPORT void zlistx_sort (zlistx_t *self);
CZMQ_EXPORT void *zlistx_insert (zlistx_t *self, void *item, bool low_value);
CZMQ_EXPORT void zlistx_reorder (zlistx_t *self, void *handle, bool low_value);
CZMQ_EXPORT zlistx_t *zlistx_dup (zlistx_t *self);
CZMQ_EXPORT void zlistx_set_destructor (zlistx_t *self, zlistx_destructor_fn destructor);
CZMQ_EXPORT void zlistx_set_duplicator (zlistx_t *self, zlistx_duplicator_fn duplicator);
CZMQ_EXPORT void zlistx_set_comparator (zlistx_t *self, zlistx_comparator_fn comparator);

/*  CZMQ 4.2.1 draft API, always provided here (zlistx_test uses it).  */
CZMQ_EXPORT zlistx_t *zlistx_unpack (zframe_t *frame);
CZMQ_EXPORT zframe_t *zlistx_pack (zlistx_t *self);

#ifdef __cplusplus
}
#endif

#endif
