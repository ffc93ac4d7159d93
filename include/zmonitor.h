/*  zmonitor.h: CZMQ 4.2.1's zmonitor class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZMONITOR_H_INCLUDED
#define ZMONITOR_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  zactor_new (zmonitor, sock): LISTEN/START; events [name, value, endpoint]. */
CZMQ_EXPORT void zmonitor (zsock_t *pipe, void *sock);

#ifdef __cplusplus
}
#endif

#endif
