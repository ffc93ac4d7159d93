/*  zpoller: the constructor over a NULL-terminated list of readers. */

#include "shim.h"

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
