/*  zdir_patch.h: CZMQ 4.2.1's zdir_patch class, part of the C face of
    czmq-rs. Include czmq.h rather than this file. */

#ifndef ZDIR_PATCH_H_INCLUDED
#define ZDIR_PATCH_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

#define ZDIR_PATCH_CREATE 1     /*  a file was created or changed   */
#define ZDIR_PATCH_DELETE 2     /*  a file was deleted              */

/*  CZMQ's older names for the operations.                          */
#define patch_create ZDIR_PATCH_CREATE
#define patch_delete ZDIR_PATCH_DELETE

CZMQ_EXPORT zdir_patch_t *
    zdir_patch_new (const char *path, zfile_t *file, int op, const char *alias);
CZMQ_EXPORT void
    zdir_patch_destroy (zdir_patch_t **self_p);
CZMQ_EXPORT zdir_patch_t *
    zdir_patch_dup (zdir_patch_t *self);
CZMQ_EXPORT const char *
    zdir_patch_path (zdir_patch_t *self);
CZMQ_EXPORT zfile_t *
    zdir_patch_file (zdir_patch_t *self);
CZMQ_EXPORT int
    zdir_patch_op (zdir_patch_t *self);
CZMQ_EXPORT const char *
    zdir_patch_vpath (zdir_patch_t *self);
CZMQ_EXPORT void
    zdir_patch_digest_set (zdir_patch_t *self);
CZMQ_EXPORT const char *
    zdir_patch_digest (zdir_patch_t *self);
CZMQ_EXPORT void
    zdir_patch_test (bool verbose);

#ifdef __cplusplus
}
#endif

#endif
