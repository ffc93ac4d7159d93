/*  zarmour.h: CZMQ 4.2.1's zarmour class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZARMOUR_H_INCLUDED
#define ZARMOUR_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

#define ZARMOUR_MODE_BASE64_STD 0   /*  RFC 4648 Base64  */
#define ZARMOUR_MODE_BASE64_URL 1   /*  RFC 4648 Base64, URL and file name safe  */
#define ZARMOUR_MODE_BASE32_STD 2   /*  RFC 4648 Base32  */
#define ZARMOUR_MODE_BASE32_HEX 3   /*  RFC 4648 Base32, extended hex digits  */
#define ZARMOUR_MODE_BASE16 4       /*  RFC 4648 Base16 (hex)  */
#define ZARMOUR_MODE_Z85 5          /*  ZeroMQ RFC 32  */

CZMQ_EXPORT zarmour_t *zarmour_new (void);
CZMQ_EXPORT void zarmour_destroy (zarmour_t **self_p);
CZMQ_EXPORT char *zarmour_encode (zarmour_t *self, const byte *data, size_t size);
CZMQ_EXPORT zchunk_t *zarmour_decode (zarmour_t *self, const char *data);
CZMQ_EXPORT int zarmour_mode (zarmour_t *self);
CZMQ_EXPORT const char *zarmour_mode_str (zarmour_t *self);
CZMQ_EXPORT void zarmour_set_mode (zarmour_t *self, int mode);
CZMQ_EXPORT bool zarmour_pad (zarmour_t *self);
CZMQ_EXPORT void zarmour_set_pad (zarmour_t *self, bool pad);
CZMQ_EXPORT char zarmour_pad_char (zarmour_t *self);
CZMQ_EXPORT void zarmour_set_pad_char (zarmour_t *self, char pad_char);
CZMQ_EXPORT bool zarmour_line_breaks (zarmour_t *self);
CZMQ_EXPORT void zarmour_set_line_breaks (zarmour_t *self, bool line_breaks);
CZMQ_EXPORT size_t zarmour_line_length (zarmour_t *self);
CZMQ_EXPORT void zarmour_set_line_length (zarmour_t *self, size_t line_length);
CZMQ_EXPORT void zarmour_print (zarmour_t *self);

#ifdef __cplusplus
}
#endif

#endif
