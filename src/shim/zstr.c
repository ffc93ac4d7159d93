/*  zstr: the formatted and list forms of send and receive. */

#include "shim.h"

FORMATTED_CALL (zstr_sendf, zstr_send, void)
FORMATTED_CALL (zstr_sendfm, zstr_sendm, void)

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
