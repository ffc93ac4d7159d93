/*  zuuid.h: CZMQ 4.2.1's zuuid class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZUUID_H_INCLUDED
#define ZUUID_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

#define ZUUID_LEN     16
#define ZUUID_STR_LEN (ZUUID_LEN * 2)

CZMQ_EXPORT zuuid_t *zuuid_new (void);
CZMQ_EXPORT zuuid_t *zuuid_new_from (const byte *source);
CZMQ_EXPORT void zuuid_destroy (zuuid_t **self_p);
CZMQ_EXPORT void zuuid_set (zuuid_t *self, const byte *source);
CZMQ_EXPORT int zuuid_set_str (zuuid_t *self, const char *source);
CZMQ_EXPORT const byte *zuuid_data (zuuid_t *self);
CZMQ_EXPORT size_t zuuid_size (zuuid_t *self);
CZMQ_EXPORT const char *zuuid_str (zuuid_t *self);
CZMQ_EXPORT const char *zuuid_str_canonical (zuuid_t *self);
CZMQ_EXPORT void zuuid_export (zuuid_t *self, byte *target);
CZMQ_EXPORT bool zuuid_eq (zuuid_t *self, const byte *compare);
CZMQ_EXPORT bool zuuid_neq (zuuid_t *self, const byte *compare);
CZMQ_EXPORT zuuid_t *zuuid_dup (zuuid_t *self);

#ifdef __cplusplus
}
#endif

#endif
