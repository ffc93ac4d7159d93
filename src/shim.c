/*  The variadic half of the C face. Rust cannot define C variadic
    functions on stable, so these format or collect their arguments and
    call the non-variadic functions exported by src/capi (czmq_rs_*). */

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

/*  ---------------------------------------------------------------------
    zsock_send / zsock_recv pictures: one frame per picture character.
    Numbers travel as decimal text, as CZMQ sends them; 'c' (zchunk), 'h'
    (zhashx) and 'U' (zuuid) are classes this library does not provide. */

static const char *s_pictures = "i1248usbfpmz";

static bool
s_picture_ok (const char *picture)
{
    if (!picture || strspn (picture, s_pictures) != strlen (picture)) {
        czmq_rs_zsys_log (0, "zsock: unsupported picture");
        return false;
    }
    return true;
}

int
zsock_vsend (void *self, const char *picture, va_list argptr)
{
    if (!s_picture_ok (picture))
        return -1;
    zmsg_t *msg = zmsg_new ();
    if (!msg)
        return -1;
    int rc = 0;
    for (const char *p = picture; *p && rc == 0; p++) {
        char number [32];
        switch (*p) {
            case 'i':
                snprintf (number, sizeof number, "%d", va_arg (argptr, int));
                rc = zmsg_addstr (msg, number);
                break;
            case '1':
                snprintf (number, sizeof number, "%" PRIu8, (uint8_t) va_arg (argptr, int));
                rc = zmsg_addstr (msg, number);
                break;
            case '2':
                snprintf (number, sizeof number, "%" PRIu16, (uint16_t) va_arg (argptr, int));
                rc = zmsg_addstr (msg, number);
                break;
            case '4':
                snprintf (number, sizeof number, "%" PRIu32, va_arg (argptr, uint32_t));
                rc = zmsg_addstr (msg, number);
                break;
            case '8':
                snprintf (number, sizeof number, "%" PRIu64, va_arg (argptr, uint64_t));
                rc = zmsg_addstr (msg, number);
                break;
            case 'u':
                /*  Deprecated; CZMQ's wire form has a trailing 'd', which
                    receivers ignore when they parse the number. */
                snprintf (number, sizeof number, "%ud", va_arg (argptr, unsigned int));
                rc = zmsg_addstr (msg, number);
                break;
            case 's': {
                const char *string = va_arg (argptr, const char *);
                rc = zmsg_addstr (msg, string ? string : "");
                break;
            }
            case 'b': {
                /*  Two arguments, read in order */
                const void *data = va_arg (argptr, const void *);
                int size = va_arg (argptr, int);
                rc = size < 0 ? -1 : zmsg_addmem (msg, data, (size_t) size);
                break;
            }
            case 'f': {
                zframe_t *frame = va_arg (argptr, zframe_t *);
                rc = zframe_is (frame)
                   ? zmsg_addmem (msg, zframe_data (frame), zframe_size (frame))
                   : -1;
                break;
            }
            case 'p': {
                void *pointer = va_arg (argptr, void *);
                rc = zmsg_addmem (msg, &pointer, sizeof pointer);
                break;
            }
            case 'm': {
                zmsg_t *zmsg = va_arg (argptr, zmsg_t *);
                for (zframe_t *frame = zmsg_first (zmsg); frame && rc == 0;
                     frame = zmsg_next (zmsg)) {
                    zframe_t *copy = zframe_dup (frame);
                    rc = zmsg_append (msg, &copy);
                }
                break;
            }
            case 'z':
                rc = zmsg_addmem (msg, NULL, 0);
                break;
        }
    }
    if (rc == 0)
        rc = zmsg_send (&msg, self);
    zmsg_destroy (&msg);
    return rc;
}

int
zsock_send (void *self, const char *picture, ...)
{
    va_list argptr;
    va_start (argptr, picture);
    int rc = zsock_vsend (self, picture, argptr);
    va_end (argptr);
    return rc;
}

/*  Pops the next frame as text, parsed as a number (0 when missing). */
static unsigned long long
s_pop_unsigned (zmsg_t *msg)
{
    char *string = zmsg_popstr (msg);
    unsigned long long value = string ? strtoull (string, NULL, 10) : 0;
    free (string);
    return value;
}

int
zsock_vrecv (void *self, const char *picture, va_list argptr)
{
    if (!s_picture_ok (picture))
        return -1;
    zmsg_t *msg = zmsg_recv (self);
    if (!msg)
        return -1;
    /*  A signal (e.g. from an actor that is ending) is not a picture */
    if (zmsg_signal (msg) >= 0) {
        zmsg_destroy (&msg);
        return -1;
    }
    int rc = 0;
    for (const char *p = picture; *p; p++) {
        switch (*p) {
            case 'i': {
                char *string = zmsg_popstr (msg);
                int *int_p = va_arg (argptr, int *);
                if (int_p)
                    *int_p = string ? (int) strtol (string, NULL, 10) : 0;
                free (string);
                break;
            }
            case '1': {
                uint8_t *value_p = va_arg (argptr, uint8_t *);
                unsigned long long value = s_pop_unsigned (msg);
                if (value_p)
                    *value_p = (uint8_t) value;
                break;
            }
            case '2': {
                uint16_t *value_p = va_arg (argptr, uint16_t *);
                unsigned long long value = s_pop_unsigned (msg);
                if (value_p)
                    *value_p = (uint16_t) value;
                break;
            }
            case '4': {
                uint32_t *value_p = va_arg (argptr, uint32_t *);
                unsigned long long value = s_pop_unsigned (msg);
                if (value_p)
                    *value_p = (uint32_t) value;
                break;
            }
            case '8': {
                uint64_t *value_p = va_arg (argptr, uint64_t *);
                unsigned long long value = s_pop_unsigned (msg);
                if (value_p)
                    *value_p = (uint64_t) value;
                break;
            }
            case 'u': {
                unsigned int *value_p = va_arg (argptr, unsigned int *);
                unsigned long long value = s_pop_unsigned (msg);
                if (value_p)
                    *value_p = (unsigned int) value;
                break;
            }
            case 's': {
                char *string = zmsg_popstr (msg);
                char **string_p = va_arg (argptr, char **);
                if (string_p)
                    *string_p = string;
                else
                    free (string);
                break;
            }
            case 'b': {
                zframe_t *frame = zmsg_pop (msg);
                unsigned char **data_p = va_arg (argptr, unsigned char **);
                size_t *size_p = va_arg (argptr, size_t *);
                if (data_p) {
                    size_t size = frame ? zframe_size (frame) : 0;
                    unsigned char *data = frame ? (unsigned char *) malloc (size ? size : 1) : NULL;
                    if (data && size)
                        memcpy (data, zframe_data (frame), size);
                    *data_p = data;
                    if (size_p)
                        *size_p = data ? size : 0;
                }
                zframe_destroy (&frame);
                break;
            }
            case 'f': {
                zframe_t *frame = zmsg_pop (msg);
                zframe_t **frame_p = va_arg (argptr, zframe_t **);
                if (frame_p)
                    *frame_p = frame;
                else
                    zframe_destroy (&frame);
                break;
            }
            case 'p': {
                zframe_t *frame = zmsg_pop (msg);
                void **pointer_p = va_arg (argptr, void **);
                if (pointer_p) {
                    if (!frame)
                        *pointer_p = NULL;
                    else
                    if (zframe_size (frame) == sizeof (void *))
                        memcpy (pointer_p, zframe_data (frame), sizeof (void *));
                    else
                        rc = -1;
                }
                zframe_destroy (&frame);
                break;
            }
            case 'm': {
                zmsg_t **msg_p = va_arg (argptr, zmsg_t **);
                if (msg_p) {
                    *msg_p = zmsg_new ();
                    zframe_t *frame;
                    while (*msg_p && (frame = zmsg_pop (msg)))
                        zmsg_append (*msg_p, &frame);
                }
                break;
            }
            case 'z': {
                zframe_t *frame = zmsg_pop (msg);
                if (frame && zframe_size (frame) != 0)
                    rc = -1;
                zframe_destroy (&frame);
                break;
            }
        }
    }
    zmsg_destroy (&msg);
    return rc;
}

int
zsock_recv (void *self, const char *picture, ...)
{
    va_list argptr;
    va_start (argptr, picture);
    int rc = zsock_vrecv (self, picture, argptr);
    va_end (argptr);
    return rc;
}
