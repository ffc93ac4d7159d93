/*  containers.c: the variadic entry points of zhash and zhashx (their
    comment lines for save), over czmq_rs_zhash_comment and
    czmq_rs_zhashx_comment in src/capi. A NULL format deletes the
    comments, as in CZMQ. */

#include "shim.h"

typedef struct _zhash_t zhash_t;
typedef struct _zhashx_t zhashx_t;

void czmq_rs_zhash_comment (zhash_t *self, const char *text);
void czmq_rs_zhashx_comment (zhashx_t *self, const char *text);

void
zhash_comment (zhash_t *self, const char *format, ...)
{
    if (!format) {
        czmq_rs_zhash_comment (self, NULL);
        return;
    }
    va_list argptr;
    va_start (argptr, format);
    char *text = s_vformat (format, argptr);
    va_end (argptr);
    if (text)
        czmq_rs_zhash_comment (self, text);
    free (text);
}

void
zhashx_comment (zhashx_t *self, const char *format, ...)
{
    if (!format) {
        czmq_rs_zhashx_comment (self, NULL);
        return;
    }
    va_list argptr;
    va_start (argptr, format);
    char *text = s_vformat (format, argptr);
    va_end (argptr);
    if (text)
        czmq_rs_zhashx_comment (self, text);
    free (text);
}
