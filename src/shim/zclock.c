/*  zclock: zclock_log, the one printf-style call. */

#include "shim.h"

/*  Prints "yy-mm-dd hh:mm:ss " and the formatted text as one line on C's
    stdout (the program's own printf stream), as CZMQ does. */
void
zclock_log (const char *format, ...)
{
    char *stamp = zclock_timestr ();    /*  "yyyy-mm-dd hh:mm:ss"  */
    va_list argptr;
    va_start (argptr, format);
    char *text = s_vformat (format, argptr);
    va_end (argptr);
    if (stamp && text && strlen (stamp) > 2)
        printf ("%s %s\n", stamp + 2, text);
    fflush (stdout);
    free (stamp);
    free (text);
}
