/*  zsock: the formatted endpoint calls and the picture codec (zsock_send/recv). */

#include "shim.h"

FORMATTED_CALL (zsock_bind, czmq_rs_zsock_bind, zsock_t)
FORMATTED_CALL (zsock_unbind, czmq_rs_zsock_unbind, zsock_t)
FORMATTED_CALL (zsock_connect, czmq_rs_zsock_connect, zsock_t)
FORMATTED_CALL (zsock_disconnect, czmq_rs_zsock_disconnect, zsock_t)

/*  ---------------------------------------------------------------------
    Pictures. The codec is Rust (czmq::picture); this file only walks the
    va_list into tagged arguments, or hands out the decoded values through
    the caller's pointers. zchunk_t, zuuid_t and zhashx_t travel as bytes,
    read and rebuilt through their own C functions, declared weak so this
    file links whether or not those classes are in the library yet: a
    picture that needs a missing class fails with a log line. */

typedef unsigned char byte;
typedef struct _zchunk_t zchunk_t;
typedef struct _zuuid_t zuuid_t;
typedef struct _zhashx_t zhashx_t;

extern zchunk_t *zchunk_new (const void *data, size_t size) __attribute__ ((weak));
extern byte *zchunk_data (zchunk_t *self) __attribute__ ((weak));
extern size_t zchunk_size (zchunk_t *self) __attribute__ ((weak));
extern zuuid_t *zuuid_new_from (const byte *source) __attribute__ ((weak));
extern byte *zuuid_data (zuuid_t *self) __attribute__ ((weak));
extern zframe_t *zhashx_pack (zhashx_t *self) __attribute__ ((weak));
extern zhashx_t *zhashx_unpack (zframe_t *frame) __attribute__ ((weak));

typedef struct {
    char type;
    uint64_t number;
    const void *data;
    size_t size;
} czmq_rs_picture_arg_t;

typedef struct {
    uint64_t number;
    void *data;
    size_t size;
} czmq_rs_picture_out_t;

int czmq_rs_zsock_send_picture (void *self, bool binary,
                                const czmq_rs_picture_arg_t *args, size_t count);
int czmq_rs_zsock_recv_picture (void *self, bool binary, const char *picture,
                                czmq_rs_picture_out_t *out, size_t count);

static bool
s_class_missing (char type, bool missing)
{
    if (missing) {
        char message [80];
        snprintf (message, sizeof message,
                  "zsock: picture '%c' needs a class this library lacks", type);
        czmq_rs_zsys_log (0, message);
    }
    return missing;
}

/*  Reads one argument of `picture` into `arg`; packed hashes are frames
    to destroy after sending (*packed). False for an unusable argument. */
static bool
s_read_arg (char type, bool binary, va_list *argptr, czmq_rs_picture_arg_t *arg,
            zframe_t **packed)
{
    arg->type = type;
    arg->number = 0;
    arg->data = NULL;
    arg->size = 0;
    switch (type) {
        case 'i':
            arg->number = (uint64_t) (int64_t) va_arg (*argptr, int);
            return !binary;
        case '1':
        case '2':
            arg->number = (uint64_t) (unsigned int) va_arg (*argptr, int);
            return true;
        case '4':
            arg->number = va_arg (*argptr, uint32_t);
            return true;
        case '8':
            arg->number = va_arg (*argptr, uint64_t);
            return true;
        case 'p':
            arg->number = (uint64_t) (uintptr_t) va_arg (*argptr, void *);
            return true;
        case 's':
        case 'S': {
            const char *string = va_arg (*argptr, const char *);
            arg->data = string;
            arg->size = string ? strlen (string) : 0;
            return binary || type == 's';
        }
        case 'b':
            if (binary)
                return false;
            /*  Two arguments, read in order */
            arg->data = va_arg (*argptr, const void *);
            {
                int size = va_arg (*argptr, int);
                arg->size = size > 0 ? (size_t) size : 0;
            }
            return true;
        case 'c': {
            zchunk_t *chunk = va_arg (*argptr, zchunk_t *);
            if (s_class_missing (type, !zchunk_data || !zchunk_size))
                return false;
            if (chunk) {
                arg->data = zchunk_data (chunk);
                arg->size = zchunk_size (chunk);
            }
            return chunk || binary;
        }
        case 'u':
            if (!binary) {
                arg->number = va_arg (*argptr, unsigned int);
                return true;
            }
            /* fall through - binary 'u' is a UUID */
        case 'U': {
            zuuid_t *uuid = va_arg (*argptr, zuuid_t *);
            if (s_class_missing (type, !zuuid_data) || !uuid || (binary && type == 'U'))
                return false;
            arg->data = zuuid_data (uuid);
            arg->size = 16;
            return true;
        }
        case 'h': {
            zhashx_t *hash = va_arg (*argptr, zhashx_t *);
            if (binary || !hash || s_class_missing (type, !zhashx_pack))
                return false;
            *packed = zhashx_pack (hash);
            if (!*packed)
                return false;
            arg->data = zframe_data (*packed);
            arg->size = zframe_size (*packed);
            return true;
        }
        case 'f':
            arg->data = va_arg (*argptr, zframe_t *);
            return arg->data != NULL;
        case 'm':
            arg->data = va_arg (*argptr, zmsg_t *);
            return true;
        case 'z':
            return !binary;
        default:
            return false;
    }
}

static int
s_send_picture (void *self, bool binary, const char *picture, va_list *argptr)
{
    if (!self || !picture)
        return -1;
    size_t count = strlen (picture);
    czmq_rs_picture_arg_t *args = (czmq_rs_picture_arg_t *) calloc (count + 1, sizeof *args);
    zframe_t **packed = (zframe_t **) calloc (count + 1, sizeof *packed);
    int rc = args && packed ? 0 : -1;
    for (size_t index = 0; index < count && rc == 0; index++) {
        if (!s_read_arg (picture [index], binary, argptr, &args [index], &packed [index])) {
            char message [64];
            snprintf (message, sizeof message,
                      "zsock: invalid picture element '%c'", picture [index]);
            czmq_rs_zsys_log (0, message);
            rc = -1;
        }
    }
    if (rc == 0)
        rc = czmq_rs_zsock_send_picture (self, binary, args, count);
    for (size_t index = 0; packed && index < count; index++)
        zframe_destroy (&packed [index]);
    free (packed);
    free (args);
    return rc;
}

int
zsock_vsend (void *self, const char *picture, va_list argptr)
{
    va_list copy;
    va_copy (copy, argptr);
    int rc = s_send_picture (self, false, picture, &copy);
    va_end (copy);
    return rc;
}

int
zsock_send (void *self, const char *picture, ...)
{
    va_list argptr;
    va_start (argptr, picture);
    int rc = s_send_picture (self, false, picture, &argptr);
    va_end (argptr);
    return rc;
}

int
zsock_bsend (void *self, const char *picture, ...)
{
    va_list argptr;
    va_start (argptr, picture);
    int rc = s_send_picture (self, true, picture, &argptr);
    va_end (argptr);
    return rc;
}

/*  Frees a value nobody asked for (a NULL output pointer). */
static void
s_discard (char type, bool binary, czmq_rs_picture_out_t *out)
{
    if (!out->data)
        return;
    if (type == 'f' || type == 'h') {
        zframe_t *frame = (zframe_t *) out->data;
        zframe_destroy (&frame);
    }
    else
    if (type == 'm') {
        zmsg_t *msg = (zmsg_t *) out->data;
        zmsg_destroy (&msg);
    }
    else
    if (!(binary && type == 's'))
        free (out->data);
    out->data = NULL;
}

/*  Stores one decoded value through the caller's next pointer(s). */
static void
s_store (char type, bool binary, va_list *argptr, czmq_rs_picture_out_t *out)
{
    switch (type) {
        case 'i': {
            int *value_p = va_arg (*argptr, int *);
            if (value_p)
                *value_p = (int) out->number;
            return;
        }
        case '1': {
            uint8_t *value_p = va_arg (*argptr, uint8_t *);
            if (value_p)
                *value_p = (uint8_t) out->number;
            return;
        }
        case '2': {
            uint16_t *value_p = va_arg (*argptr, uint16_t *);
            if (value_p)
                *value_p = (uint16_t) out->number;
            return;
        }
        case '4': {
            uint32_t *value_p = va_arg (*argptr, uint32_t *);
            if (value_p)
                *value_p = (uint32_t) out->number;
            return;
        }
        case '8': {
            uint64_t *value_p = va_arg (*argptr, uint64_t *);
            if (value_p)
                *value_p = out->number;
            return;
        }
        case 'p': {
            void **pointer_p = va_arg (*argptr, void **);
            if (pointer_p)
                *pointer_p = (void *) (uintptr_t) out->number;
            return;
        }
        case 's':
        case 'S': {
            char **string_p = va_arg (*argptr, char **);
            if (string_p) {
                *string_p = (char *) out->data;
                out->data = NULL;
            }
            break;
        }
        case 'b': {
            byte **data_p = va_arg (*argptr, byte **);
            size_t *size_p = va_arg (*argptr, size_t *);
            if (data_p) {
                *data_p = (byte *) out->data;
                out->data = NULL;
                if (size_p)
                    *size_p = *data_p ? out->size : 0;
            }
            break;
        }
        case 'c': {
            zchunk_t **chunk_p = va_arg (*argptr, zchunk_t **);
            if (chunk_p) {
                *chunk_p = out->data && zchunk_new
                         ? zchunk_new (out->data, out->size) : NULL;
                s_class_missing (type, out->data && !zchunk_new);
            }
            break;
        }
        case 'u':
            if (!binary) {
                unsigned int *value_p = va_arg (*argptr, unsigned int *);
                if (value_p)
                    *value_p = (unsigned int) out->number;
                return;
            }
            /* fall through - binary 'u' is a UUID */
        case 'U': {
            zuuid_t **uuid_p = va_arg (*argptr, zuuid_t **);
            if (uuid_p) {
                *uuid_p = out->data && out->size == 16 && zuuid_new_from
                        ? zuuid_new_from ((const byte *) out->data) : NULL;
                s_class_missing (type, out->data && !zuuid_new_from);
            }
            break;
        }
        case 'h': {
            zhashx_t **hash_p = va_arg (*argptr, zhashx_t **);
            if (hash_p) {
                *hash_p = out->data && zhashx_unpack
                        ? zhashx_unpack ((zframe_t *) out->data) : NULL;
                s_class_missing (type, out->data && !zhashx_unpack);
            }
            break;
        }
        case 'f': {
            zframe_t **frame_p = va_arg (*argptr, zframe_t **);
            if (frame_p) {
                *frame_p = (zframe_t *) out->data;
                out->data = NULL;
            }
            break;
        }
        case 'm': {
            zmsg_t **msg_p = va_arg (*argptr, zmsg_t **);
            if (msg_p) {
                *msg_p = (zmsg_t *) out->data;
                out->data = NULL;
            }
            break;
        }
        default:
            return;
    }
    s_discard (type, binary, out);
}

static int
s_recv_picture (void *self, bool binary, const char *picture, va_list *argptr)
{
    if (!self || !picture)
        return -1;
    size_t count = strlen (picture);
    czmq_rs_picture_out_t *out = (czmq_rs_picture_out_t *) calloc (count + 1, sizeof *out);
    if (!out)
        return -1;
    int rc = czmq_rs_zsock_recv_picture (self, binary, picture, out, count);
    if (rc == 0)
        for (size_t index = 0; index < count; index++)
            s_store (picture [index], binary, argptr, &out [index]);
    free (out);
    return rc;
}

int
zsock_vrecv (void *self, const char *picture, va_list argptr)
{
    va_list copy;
    va_copy (copy, argptr);
    int rc = s_recv_picture (self, false, picture, &copy);
    va_end (copy);
    return rc;
}

int
zsock_recv (void *self, const char *picture, ...)
{
    va_list argptr;
    va_start (argptr, picture);
    int rc = s_recv_picture (self, false, picture, &argptr);
    va_end (argptr);
    return rc;
}

int
zsock_brecv (void *self, const char *picture, ...)
{
    va_list argptr;
    va_start (argptr, picture);
    int rc = s_recv_picture (self, true, picture, &argptr);
    va_end (argptr);
    return rc;
}
