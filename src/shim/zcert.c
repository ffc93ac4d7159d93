/*  zcert: the formatted metadata setter. */

#include "shim.h"

typedef struct _zcert_t zcert_t;
void czmq_rs_zcert_set_meta (zcert_t *self, const char *name, const char *value);

/*  zcert_set_meta: formats the value, then hands it to the Rust side. */
void
zcert_set_meta (zcert_t *self, const char *name, const char *format, ...)
{
    if (!format)
        return;
    va_list argptr;
    va_start (argptr, format);
    char *value = s_vformat (format, argptr);
    va_end (argptr);
    if (!value)
        return;
    czmq_rs_zcert_set_meta (self, name, value);
    free (value);
}
