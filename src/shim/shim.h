/*  shim.h: what the variadic half of the C face shares. Rust cannot define
    C variadic functions on stable, so the files of src/shim/ (one per
    class, compiled by build.rs) format or collect their arguments and call
    the non-variadic functions exported by src/capi (czmq_rs_* and CZMQ's
    own non-variadic entry points). */

#ifndef CZMQ_RS_SHIM_H_INCLUDED
#define CZMQ_RS_SHIM_H_INCLUDED

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <inttypes.h>
#include <string.h>

typedef struct _zsock_t zsock_t;
typedef struct _zmsg_t zmsg_t;
typedef struct _zpoller_t zpoller_t;
typedef struct _zframe_t zframe_t;

int czmq_rs_zsock_bind (zsock_t *self, const char *endpoint);
int czmq_rs_zsock_unbind (zsock_t *self, const char *endpoint);
int czmq_rs_zsock_connect (zsock_t *self, const char *endpoint);
int czmq_rs_zsock_disconnect (zsock_t *self, const char *endpoint);
int czmq_rs_zstr_recvx (void *source, char ***strings, size_t count);
void czmq_rs_zsys_log (int level, const char *message);
zpoller_t *czmq_rs_zpoller_new (void);
int zpoller_add (zpoller_t *self, void *reader);
void zpoller_destroy (zpoller_t **self_p);
int zstr_send (void *dest, const char *string);
int zstr_sendm (void *dest, const char *string);
int zmsg_pushstr (zmsg_t *self, const char *string);
int zmsg_addstr (zmsg_t *self, const char *string);
zmsg_t *zmsg_new (void);
void zmsg_destroy (zmsg_t **self_p);
int zmsg_send (zmsg_t **self_p, void *dest);
zmsg_t *zmsg_recv (void *source);
int zmsg_signal (zmsg_t *self);
int zmsg_addmem (zmsg_t *self, const void *data, size_t size);
int zmsg_append (zmsg_t *self, zframe_t **frame_p);
char *zmsg_popstr (zmsg_t *self);
zframe_t *zmsg_pop (zmsg_t *self);
zframe_t *zmsg_first (zmsg_t *self);
zframe_t *zmsg_next (zmsg_t *self);
zframe_t *zframe_dup (zframe_t *self);
bool zframe_is (void *self);
size_t zframe_size (zframe_t *self);
unsigned char *zframe_data (zframe_t *self);
void zframe_destroy (zframe_t **self_p);

/*  Formats into a malloc'd string (NULL on failure). */
static inline char *
s_vformat (const char *format, va_list argptr)
{
    if (!format)
        return NULL;
    va_list copy;
    va_copy (copy, argptr);
    int size = vsnprintf (NULL, 0, format, copy);
    va_end (copy);
    if (size < 0)
        return NULL;
    char *string = (char *) malloc ((size_t) size + 1);
    if (string)
        vsnprintf (string, (size_t) size + 1, format, argptr);
    return string;
}

/*  Defines `int name (type *self, const char *format, ...)`: formats, then
    calls the non-variadic `target (self, text)`. */
#define FORMATTED_CALL(name, target, type)                         \
    int name (type *self, const char *format, ...)                 \
    {                                                              \
        va_list argptr;                                            \
        va_start (argptr, format);                                 \
        char *text = s_vformat (format, argptr);                   \
        va_end (argptr);                                           \
        if (!text)                                                 \
            return -1;                                             \
        int rc = target (self, text);                              \
        free (text);                                               \
        return rc;                                                 \
    }

/*  zsys, zclock (issue 11) */
int czmq_rs_zsys_dir_create (const char *pathname);
int czmq_rs_zsys_dir_delete (const char *pathname);
char *zclock_timestr (void);

#endif
