/*  zbeacon.h: CZMQ 4.2.1's zbeacon class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZBEACON_H_INCLUDED
#define ZBEACON_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  zactor_new (zbeacon, NULL): CONFIGURE/PUBLISH/SUBSCRIBE/SILENCE. */
CZMQ_EXPORT void zbeacon (zsock_t *pipe, void *unused);

#ifdef __cplusplus
}
#endif

#endif
