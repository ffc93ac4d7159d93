/*  zdir.h: CZMQ 4.2.1's zdir class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZDIR_H_INCLUDED
#define ZDIR_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  A directory tree scanned once; parent "-" scans without subdirs.    */
CZMQ_EXPORT zdir_t *
    zdir_new (const char *path, const char *parent);
CZMQ_EXPORT void
    zdir_destroy (zdir_t **self_p);
CZMQ_EXPORT const char *
    zdir_path (zdir_t *self);
CZMQ_EXPORT time_t
    zdir_modified (zdir_t *self);
CZMQ_EXPORT off_t
    zdir_cursize (zdir_t *self);
CZMQ_EXPORT size_t
    zdir_count (zdir_t *self);
/*  The files, lent by the dir, in name order per directory.           */
CZMQ_EXPORT zlist_t *
    zdir_list (zdir_t *self);
CZMQ_EXPORT void
    zdir_remove (zdir_t *self, bool force);
/*  Lists of zdir_patch_t the caller destroys.                          */
CZMQ_EXPORT zlist_t *
    zdir_diff (zdir_t *older, zdir_t *newer, const char *alias);
CZMQ_EXPORT zlist_t *
    zdir_resync (zdir_t *self, const char *alias);
CZMQ_EXPORT zhash_t *
    zdir_cache (zdir_t *self);
CZMQ_EXPORT void
    zdir_fprint (zdir_t *self, FILE *file, int indent);
CZMQ_EXPORT void
    zdir_print (zdir_t *self, int indent);
/*  Actor watching directories: SUBSCRIBE path, UNSUBSCRIBE path,
    TIMEOUT msecs, VERBOSE; sends "sp" (path, zlist_t of patches).      */
CZMQ_EXPORT void
    zdir_watch (zsock_t *pipe, void *unused);
CZMQ_EXPORT void
    zdir_test (bool verbose);

/*  Deprecated: a NULL-terminated array of the files, freed with
    zdir_flatten_free (the files stay the dir's).                       */
CZMQ_EXPORT zfile_t **
    zdir_flatten (zdir_t *self);
CZMQ_EXPORT void
    zdir_flatten_free (zfile_t ***files_p);

#define zdir_dump(s,i) zdir_print(s,i)

#ifdef __cplusplus
}
#endif

#endif
