/*  zsys: the printf-style calls (logging, sprintf, directory paths). */

#include "shim.h"

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

/*  zsys_vprintf: the formatted text in a fresh string (free it with
    zstr_free or free); NULL if the format is NULL or memory ran out. */
char *
zsys_vprintf (const char *format, va_list argptr)
{
    return s_vformat (format, argptr);
}

char *
zsys_sprintf (const char *format, ...)
{
    va_list argptr;
    va_start (argptr, format);
    char *text = s_vformat (format, argptr);
    va_end (argptr);
    return text;
}

/*  Defines `int name (const char *pathname, ...)`: formats the path, then
    calls the non-variadic `target (path)`. */
#define PATH_CALL(name, target)                                    \
    int name (const char *pathname, ...)                           \
    {                                                              \
        va_list argptr;                                            \
        va_start (argptr, pathname);                               \
        char *path = s_vformat (pathname, argptr);                 \
        va_end (argptr);                                           \
        if (!path)                                                 \
            return -1;                                             \
        int rc = target (path);                                    \
        free (path);                                               \
        return rc;                                                 \
    }

PATH_CALL (zsys_dir_create, czmq_rs_zsys_dir_create)
PATH_CALL (zsys_dir_delete, czmq_rs_zsys_dir_delete)
