/*  zgossip.h: CZMQ 4.2.1's zgossip class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZGOSSIP_H_INCLUDED
#define ZGOSSIP_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  zactor_new (zgossip, "name"): a gossip node (BIND, CONNECT, PUBLISH,
    STATUS, ... ; DELIVER key value back). */
CZMQ_EXPORT void zgossip (zsock_t *pipe, void *args);

#ifdef __cplusplus
}
#endif

#endif
