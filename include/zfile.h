/*  zfile.h: CZMQ 4.2.1's zfile class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZFILE_H_INCLUDED
#define ZFILE_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  A file known by name: path/name, stat'ed when made and on restat.   */
CZMQ_EXPORT zfile_t *
    zfile_new (const char *path, const char *name);
CZMQ_EXPORT void
    zfile_destroy (zfile_t **self_p);
CZMQ_EXPORT zfile_t *
    zfile_dup (zfile_t *self);
CZMQ_EXPORT const char *
    zfile_filename (zfile_t *self, const char *path);
CZMQ_EXPORT void
    zfile_restat (zfile_t *self);
CZMQ_EXPORT time_t
    zfile_modified (zfile_t *self);
CZMQ_EXPORT off_t
    zfile_cursize (zfile_t *self);
CZMQ_EXPORT bool
    zfile_is_directory (zfile_t *self);
CZMQ_EXPORT bool
    zfile_is_regular (zfile_t *self);
CZMQ_EXPORT bool
    zfile_is_readable (zfile_t *self);
CZMQ_EXPORT bool
    zfile_is_writeable (zfile_t *self);
CZMQ_EXPORT bool
    zfile_is_stable (zfile_t *self);
CZMQ_EXPORT bool
    zfile_has_changed (zfile_t *self);
CZMQ_EXPORT void
    zfile_remove (zfile_t *self);
CZMQ_EXPORT int
    zfile_input (zfile_t *self);
CZMQ_EXPORT int
    zfile_output (zfile_t *self);
CZMQ_EXPORT zchunk_t *
    zfile_read (zfile_t *self, size_t bytes, off_t offset);
CZMQ_EXPORT bool
    zfile_eof (zfile_t *self);
CZMQ_EXPORT int
    zfile_write (zfile_t *self, zchunk_t *chunk, off_t offset);
CZMQ_EXPORT const char *
    zfile_readln (zfile_t *self);
CZMQ_EXPORT void
    zfile_close (zfile_t *self);
CZMQ_EXPORT FILE *
    zfile_handle (zfile_t *self);
CZMQ_EXPORT const char *
    zfile_digest (zfile_t *self);
CZMQ_EXPORT void
    zfile_test (bool verbose);

/*  Draft in CZMQ 4.2.1: a temporary file, deleted when destroyed.      */
CZMQ_EXPORT zfile_t *
    zfile_tmp (void);

/*  Deprecated file helpers (zsys_file_* and zsys_dir_* do the same).   */
CZMQ_EXPORT bool
    zfile_exists (const char *filename);
CZMQ_EXPORT ssize_t
    zfile_size (const char *filename);
CZMQ_EXPORT mode_t
    zfile_mode (const char *filename);
CZMQ_EXPORT int
    zfile_delete (const char *filename);
CZMQ_EXPORT bool
    zfile_stable (const char *filename);
CZMQ_EXPORT int
    zfile_mkdir (const char *pathname);
CZMQ_EXPORT int
    zfile_rmdir (const char *pathname);
CZMQ_EXPORT void
    zfile_mode_private (void);
CZMQ_EXPORT void
    zfile_mode_default (void);

#ifdef __cplusplus
}
#endif

#endif
