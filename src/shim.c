/*  The variadic half of the C face. Rust cannot define C variadic
    functions on stable, so these format or collect their arguments and
    call the non-variadic functions exported by src/capi (czmq_rs_*). */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>

typedef struct _zsock_t zsock_t;
typedef struct _zmsg_t zmsg_t;
typedef struct _zpoller_t zpoller_t;

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

/*  Formats into a malloc'd string (NULL on failure). */
static char *
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

FORMATTED_CALL (zsock_bind, czmq_rs_zsock_bind, zsock_t)
FORMATTED_CALL (zsock_unbind, czmq_rs_zsock_unbind, zsock_t)
FORMATTED_CALL (zsock_connect, czmq_rs_zsock_connect, zsock_t)
FORMATTED_CALL (zsock_disconnect, czmq_rs_zsock_disconnect, zsock_t)
FORMATTED_CALL (zstr_sendf, zstr_send, void)
FORMATTED_CALL (zmsg_pushstrf, zmsg_pushstr, zmsg_t)
FORMATTED_CALL (zmsg_addstrf, zmsg_addstr, zmsg_t)

/*  zstr_sendx: every string of the NULL-terminated list as one frame. */
int
zstr_sendx (void *dest, const char *string, ...)
{
    if (!string)
        return -1;
    va_list argptr;
    va_start (argptr, string);
    int rc = 0;
    while (string && rc == 0) {
        const char *next = va_arg (argptr, const char *);
        rc = next ? zstr_sendm (dest, string) : zstr_send (dest, string);
        string = next;
    }
    va_end (argptr);
    return rc;
}

/*  zstr_recvx: collects the char ** arguments, then receives once. */
int
zstr_recvx (void *source, char **string_p, ...)
{
    size_t count = 0;
    va_list argptr;
    va_start (argptr, string_p);
    for (char **p = string_p; p; p = va_arg (argptr, char **))
        count++;
    va_end (argptr);

    char ***slots = (char ***) malloc ((count ? count : 1) * sizeof (char **));
    if (!slots)
        return -1;
    va_start (argptr, string_p);
    size_t i = 0;
    for (char **p = string_p; p; p = va_arg (argptr, char **))
        slots [i++] = p;
    va_end (argptr);
    int rc = czmq_rs_zstr_recvx (source, slots, count);
    free (slots);
    return rc;
}

/*  zpoller_new: a poller over the NULL-terminated list of readers. */
zpoller_t *
zpoller_new (void *reader, ...)
{
    zpoller_t *self = czmq_rs_zpoller_new ();
    if (!self)
        return NULL;
    va_list argptr;
    va_start (argptr, reader);
    while (reader) {
        if (zpoller_add (self, reader)) {
            zpoller_destroy (&self);
            break;
        }
        reader = va_arg (argptr, void *);
    }
    va_end (argptr);
    return self;
}

#define LOG_CALL(name, level)                                      \
    void name (const char *format, ...)                            \
    {                                                              \
        va_list argptr;                                            \
        va_start (argptr, format);                                 \
        char *text = s_vformat (format, argptr);                   \
        va_end (argptr);                                           \
        if (text) {                                                \
            czmq_rs_zsys_log (level, text);                        \
            free (text);                                           \
        }                                                          \
    }

LOG_CALL (zsys_error, 0)
LOG_CALL (zsys_warning, 1)
LOG_CALL (zsys_notice, 2)
LOG_CALL (zsys_info, 3)
LOG_CALL (zsys_debug, 4)
