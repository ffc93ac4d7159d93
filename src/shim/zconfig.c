/*  zconfig: the formatted forms (set_value, putf, set_comment, loadf,
    savef), printing to a FILE *, and the functions that reach zchunk and
    zlist. zchunk and zlist are other classes of this library; they are
    referenced weakly so that this file links whether or not they are
    present, and each function returns CZMQ's error value when they are
    not. */

#include "shim.h"

typedef struct _zconfig_t zconfig_t;
typedef struct _zchunk_t zchunk_t;
typedef struct _zlist_t zlist_t;

/*  Ours (src/capi/zconfig.rs). */
int czmq_rs_zconfig_set_value (zconfig_t *self, const char *value);
int czmq_rs_zconfig_set_comment (zconfig_t *self, const char *text);
zconfig_t *czmq_rs_zconfig_chunk_load (const unsigned char *data, size_t size);
void zconfig_put (zconfig_t *self, const char *path, const char *value);
zconfig_t *zconfig_load (const char *filename);
int zconfig_save (zconfig_t *self, const char *filename);
char *zconfig_str_save (zconfig_t *self);

/*  Other classes, weakly. */
zchunk_t *zchunk_new (const void *data, size_t size) __attribute__ ((weak));
int zchunk_append (zchunk_t *self, const void *data, size_t size) __attribute__ ((weak));
unsigned char *zchunk_data (zchunk_t *self) __attribute__ ((weak));
size_t zchunk_size (zchunk_t *self) __attribute__ ((weak));
void zchunk_destroy (zchunk_t **self_p) __attribute__ ((weak));
zlist_t *zlist_new (void) __attribute__ ((weak));
void zlist_autofree (zlist_t *self) __attribute__ ((weak));
int zlist_append (zlist_t *self, void *item) __attribute__ ((weak));
void zlist_destroy (zlist_t **self_p) __attribute__ ((weak));

void
zconfig_set_value (zconfig_t *self, const char *format, ...)
{
    if (!format) {
        czmq_rs_zconfig_set_value (self, NULL);
        return;
    }
    va_list argptr;
    va_start (argptr, format);
    char *text = s_vformat (format, argptr);
    va_end (argptr);
    if (text)
        czmq_rs_zconfig_set_value (self, text);
    free (text);
}

void
zconfig_set_comment (zconfig_t *self, const char *format, ...)
{
    if (!format) {
        czmq_rs_zconfig_set_comment (self, NULL);
        return;
    }
    va_list argptr;
    va_start (argptr, format);
    char *text = s_vformat (format, argptr);
    va_end (argptr);
    if (text)
        czmq_rs_zconfig_set_comment (self, text);
    free (text);
}

void
zconfig_putf (zconfig_t *self, const char *path, const char *format, ...)
{
    va_list argptr;
    va_start (argptr, format);
    char *value = s_vformat (format, argptr);
    va_end (argptr);
    if (value)
        zconfig_put (self, path, value);
    free (value);
}

zconfig_t *
zconfig_loadf (const char *format, ...)
{
    va_list argptr;
    va_start (argptr, format);
    char *filename = s_vformat (format, argptr);
    va_end (argptr);
    zconfig_t *config = filename? zconfig_load (filename): NULL;
    free (filename);
    return config;
}

int
zconfig_savef (zconfig_t *self, const char *format, ...)
{
    va_list argptr;
    va_start (argptr, format);
    char *filename = s_vformat (format, argptr);
    va_end (argptr);
    int rc = filename? zconfig_save (self, filename): -1;
    free (filename);
    return rc;
}

void
zconfig_fprint (zconfig_t *self, FILE *file)
{
    if (!file)
        return;
    char *text = zconfig_str_save (self);
    if (text)
        fputs (text, file);
    free (text);
}

void
zconfig_print (zconfig_t *self)
{
    zconfig_fprint (self, stdout);
}

/*  As CZMQ: the chunk holds the text and, one byte past its size, a NUL,
    so that its data reads as a string. */
zchunk_t *
zconfig_chunk_save (zconfig_t *self)
{
    if (!zchunk_new || !zchunk_append || !zchunk_data || !zchunk_size)
        return NULL;
    char *text = zconfig_str_save (self);
    if (!text)
        return NULL;
    size_t size = strlen (text);
    zchunk_t *chunk = zchunk_new (NULL, size + 1);
    if (chunk) {
        zchunk_append (chunk, text, size);
        zchunk_data (chunk) [zchunk_size (chunk)] = 0;
    }
    free (text);
    return chunk;
}

zconfig_t *
zconfig_chunk_load (zchunk_t *chunk)
{
    if (!chunk || !zchunk_data || !zchunk_size)
        return NULL;
    return czmq_rs_zconfig_chunk_load (zchunk_data (chunk), zchunk_size (chunk));
}

/*  For zconfig_comments (src/capi/zconfig.rs keeps one list per node):
    appends copies of the strings to `list`, created when NULL. */
void *
czmq_rs_zconfig_list_extend (void *list, const char **strings, size_t count)
{
    if (!zlist_new || !zlist_autofree || !zlist_append)
        return NULL;
    zlist_t *self = (zlist_t *) list;
    if (!self) {
        self = zlist_new ();
        if (!self)
            return NULL;
        zlist_autofree (self);
    }
    for (size_t index = 0; index < count; index++)
        zlist_append (self, (void *) strings [index]);
    return self;
}

void
czmq_rs_zconfig_list_destroy (void *list)
{
    zlist_t *self = (zlist_t *) list;
    if (self && zlist_destroy)
        zlist_destroy (&self);
}
