/*  zproxy.h: CZMQ 4.2.1's zproxy class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZPROXY_H_INCLUDED
#define ZPROXY_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  zactor_new (zproxy, NULL): FRONTEND/BACKEND/CAPTURE/PAUSE/RESUME. */
CZMQ_EXPORT void zproxy (zsock_t *pipe, void *unused);

#ifdef __cplusplus
}
#endif

#endif
