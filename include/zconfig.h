/*  zconfig.h: CZMQ 4.2.1's zconfig class (ZPL configuration trees), part
    of the C face of czmq-rs. Include czmq.h rather than this file.

    Every node is a zconfig_t object at a fixed address while its tree
    lives: the root (from zconfig_new (name, NULL), zconfig_load,
    zconfig_str_load, ...) owns the tree; zconfig_destroy of a root frees
    the tree, and of any other node detaches it and frees its subtree. */

#ifndef ZCONFIG_H_INCLUDED
#define ZCONFIG_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  Called for each node by zconfig_execute, with the node's depth; return
    -1 to stop the walk. */
typedef int (zconfig_fct) (zconfig_t *self, void *arg, int level);

CZMQ_EXPORT zconfig_t *zconfig_new (const char *name, zconfig_t *parent);
CZMQ_EXPORT zconfig_t *zconfig_load (const char *filename);
CZMQ_EXPORT zconfig_t *zconfig_loadf (const char *format, ...) CHECK_PRINTF (1);
CZMQ_EXPORT void zconfig_destroy (zconfig_t **self_p);
CZMQ_EXPORT char *zconfig_name (zconfig_t *self);
CZMQ_EXPORT char *zconfig_value (zconfig_t *self);
CZMQ_EXPORT void zconfig_put (zconfig_t *self, const char *path, const char *value);
CZMQ_EXPORT void zconfig_putf (zconfig_t *self, const char *path, const char *format, ...) CHECK_PRINTF (3);
CZMQ_EXPORT char *zconfig_get (zconfig_t *self, const char *path, const char *default_value);
CZMQ_EXPORT void zconfig_set_name (zconfig_t *self, const char *name);
CZMQ_EXPORT void zconfig_set_value (zconfig_t *self, const char *format, ...) CHECK_PRINTF (2);
CZMQ_EXPORT zconfig_t *zconfig_child (zconfig_t *self);
CZMQ_EXPORT zconfig_t *zconfig_next (zconfig_t *self);
CZMQ_EXPORT zconfig_t *zconfig_locate (zconfig_t *self, const char *path);
CZMQ_EXPORT zconfig_t *zconfig_at_depth (zconfig_t *self, int level);
CZMQ_EXPORT int zconfig_execute (zconfig_t *self, zconfig_fct handler, void *arg);
CZMQ_EXPORT void zconfig_set_comment (zconfig_t *self, const char *format, ...) CHECK_PRINTF (2);
CZMQ_EXPORT zlist_t *zconfig_comments (zconfig_t *self);
CZMQ_EXPORT int zconfig_save (zconfig_t *self, const char *filename);
CZMQ_EXPORT int zconfig_savef (zconfig_t *self, const char *format, ...) CHECK_PRINTF (2);
CZMQ_EXPORT const char *zconfig_filename (zconfig_t *self);
CZMQ_EXPORT int zconfig_reload (zconfig_t **self_p);
CZMQ_EXPORT zconfig_t *zconfig_chunk_load (zchunk_t *chunk);
CZMQ_EXPORT zchunk_t *zconfig_chunk_save (zconfig_t *self);
CZMQ_EXPORT zconfig_t *zconfig_str_load (const char *string);
CZMQ_EXPORT char *zconfig_str_save (zconfig_t *self);
CZMQ_EXPORT bool zconfig_has_changed (zconfig_t *self);
CZMQ_EXPORT void zconfig_fprint (zconfig_t *self, FILE *file);
CZMQ_EXPORT void zconfig_print (zconfig_t *self);

/*  CZMQ 4.2.1's draft API, declared always (its own zconfig_test uses
    them): a deep copy as a new root, freeing all children, and freeing a
    node with its subtree (as zconfig_destroy). */
CZMQ_EXPORT zconfig_t *zconfig_dup (zconfig_t *self);
CZMQ_EXPORT void zconfig_remove_subtree (zconfig_t *self);
CZMQ_EXPORT void zconfig_remove (zconfig_t **self_p);

#define zconfig_dump(s) zconfig_print (s)
#define zconfig_resolve(s,p,d) zconfig_get ((s), (p), (d))

#ifdef __cplusplus
}
#endif

#endif
