/*  zrex.c: the variadic half of CZMQ's zrex class (issue 12).
    zrex_fetch hands out the groups' hits through a NULL-terminated list of
    `const char **`, each from zrex_hit (the Rust side). */

#include "shim.h"

typedef struct _zrex_t zrex_t;
const char *zrex_hit (zrex_t *self, unsigned int index);

/*  Sets each pointer to hit 1, 2, ... (NULL past the last hit); returns
    how many pointers were given, as CZMQ does. */
int
zrex_fetch (zrex_t *self, const char **string_p, ...)
{
    va_list args;
    va_start (args, string_p);
    unsigned int index = 0;
    while (string_p) {
        *string_p = zrex_hit (self, ++index);
        string_p = va_arg (args, const char **);
    }
    va_end (args);
    return (int) index;
}
