/*  zloop.h: CZMQ 4.2.1's zloop class, part of the C face of czmq-rs.
    Include czmq.h rather than this file. */

#ifndef ZLOOP_H_INCLUDED
#define ZLOOP_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

typedef int (zloop_reader_fn) (zloop_t *loop, zsock_t *reader, void *arg);
typedef int (zloop_timer_fn) (zloop_t *loop, int timer_id, void *arg);
typedef int (zloop_fn) (zloop_t *loop, zmq_pollitem_t *item, void *arg);

CZMQ_EXPORT zloop_t *zloop_new (void);
CZMQ_EXPORT void zloop_destroy (zloop_t **self_p);
CZMQ_EXPORT int zloop_reader (zloop_t *self, zsock_t *sock, zloop_reader_fn handler, void *arg);
CZMQ_EXPORT void zloop_reader_end (zloop_t *self, zsock_t *sock);
CZMQ_EXPORT void zloop_reader_set_tolerant (zloop_t *self, zsock_t *sock);
/*  A socket (item->socket) or a file descriptor (item->fd, socket NULL) */
CZMQ_EXPORT int zloop_poller (zloop_t *self, zmq_pollitem_t *item, zloop_fn handler, void *arg);
CZMQ_EXPORT void zloop_poller_end (zloop_t *self, zmq_pollitem_t *item);
CZMQ_EXPORT void zloop_poller_set_tolerant (zloop_t *self, zmq_pollitem_t *item);
CZMQ_EXPORT int zloop_timer (zloop_t *self, size_t delay, size_t times, zloop_timer_fn handler, void *arg);
CZMQ_EXPORT int zloop_timer_end (zloop_t *self, int timer_id);
CZMQ_EXPORT void *zloop_ticket (zloop_t *self, zloop_timer_fn handler, void *arg);
CZMQ_EXPORT void zloop_ticket_reset (zloop_t *self, void *handle);
CZMQ_EXPORT void zloop_ticket_delete (zloop_t *self, void *handle);
CZMQ_EXPORT void zloop_set_ticket_delay (zloop_t *self, size_t ticket_delay);
CZMQ_EXPORT void zloop_set_max_timers (zloop_t *self, size_t max_timers);
CZMQ_EXPORT void zloop_set_verbose (zloop_t *self, bool verbose);
CZMQ_EXPORT void zloop_set_nonstop (zloop_t *self, bool nonstop);
CZMQ_EXPORT int zloop_start (zloop_t *self);

#define zloop_set_tolerant(s,i) zloop_poller_set_tolerant(s,i)

#ifdef __cplusplus
}
#endif

#endif
