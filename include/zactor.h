/*  zactor.h: CZMQ 4.2.1's zactor class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZACTOR_H_INCLUDED
#define ZACTOR_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  The task signals once ready (zsock_signal (pipe, 0)) and returns when
    it receives "$TERM". */
typedef void (zactor_fn) (zsock_t *pipe, void *args);

CZMQ_EXPORT zactor_t *zactor_new (zactor_fn task, void *args);
CZMQ_EXPORT void zactor_destroy (zactor_t **self_p);
CZMQ_EXPORT int zactor_send (zactor_t *self, zmsg_t **msg_p);
CZMQ_EXPORT zmsg_t *zactor_recv (zactor_t *self);
CZMQ_EXPORT bool zactor_is (void *self);
CZMQ_EXPORT void *zactor_resolve (void *self);
CZMQ_EXPORT zsock_t *zactor_sock (zactor_t *self);

#ifdef __cplusplus
}
#endif

#endif
