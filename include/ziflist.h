/*  ziflist.h: CZMQ 4.2.1's ziflist class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZIFLIST_H_INCLUDED
#define ZIFLIST_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  The host's broadcast-capable interfaces, walked with first/next.    */
CZMQ_EXPORT ziflist_t *
    ziflist_new (void);
CZMQ_EXPORT void
    ziflist_destroy (ziflist_t **self_p);
CZMQ_EXPORT void
    ziflist_reload (ziflist_t *self);
CZMQ_EXPORT size_t
    ziflist_size (ziflist_t *self);
CZMQ_EXPORT const char *
    ziflist_first (ziflist_t *self);
CZMQ_EXPORT const char *
    ziflist_next (ziflist_t *self);
CZMQ_EXPORT const char *
    ziflist_address (ziflist_t *self);
CZMQ_EXPORT const char *
    ziflist_broadcast (ziflist_t *self);
CZMQ_EXPORT const char *
    ziflist_netmask (ziflist_t *self);
CZMQ_EXPORT void
    ziflist_print (ziflist_t *self);
CZMQ_EXPORT void
    ziflist_test (bool verbose);

/*  Draft in CZMQ 4.2.1: IPv6 interfaces too.                           */
CZMQ_EXPORT ziflist_t *
    ziflist_new_ipv6 (void);
CZMQ_EXPORT void
    ziflist_reload_ipv6 (ziflist_t *self);
CZMQ_EXPORT bool
    ziflist_is_ipv6 (ziflist_t *self);

#ifdef __cplusplus
}
#endif

#endif
