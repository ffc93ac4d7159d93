/*  zloop selftest: a timer that sends, a reader that receives and ends
    the loop, timer cancellation, tickets, tolerant readers. */
#include <czmq.h>
#include <assert.h>
#include <unistd.h>

typedef struct {
    int timer_calls;
    int reads;
    char last [32];
} state_t;

static int
s_timer_event (zloop_t *loop, int timer_id, void *arg)
{
    (void) loop;
    (void) timer_id;
    zsock_t *output = (zsock_t *) arg;
    zstr_send (output, "PING");
    return 0;
}

static int
s_socket_event (zloop_t *loop, zsock_t *reader, void *arg)
{
    (void) loop;
    state_t *state = (state_t *) arg;
    char *string = zstr_recv (reader);
    assert (string);
    snprintf (state->last, sizeof state->last, "%s", string);
    zstr_free (&string);
    state->reads++;
    /*  Cancel the loop after the third message */
    return state->reads == 3 ? -1 : 0;
}

#ifdef CZMQ_RS
static int
s_cancel_timer_event (zloop_t *loop, int timer_id, void *arg)
{
    (void) timer_id;
    /*  Cancel the timer given as arg, from inside the loop */
    int cancel_id = *((int *) arg);
    return zloop_timer_end (loop, cancel_id);
}
#endif

static int
s_never_event (zloop_t *loop, int timer_id, void *arg)
{
    (void) loop;
    (void) timer_id;
    ((state_t *) arg)->timer_calls++;
    return 0;
}

static int
s_ticket_event (zloop_t *loop, int timer_id, void *arg)
{
    (void) loop;
    assert (timer_id == 0);
    ((state_t *) arg)->timer_calls += 100;
    return -1;
}

static int
s_fd_event (zloop_t *loop, zmq_pollitem_t *item, void *arg)
{
    (void) loop;
    assert (item->socket == NULL);
    assert (item->revents & ZMQ_POLLIN);
    char buffer [16] = { 0 };
    ssize_t size = read (item->fd, buffer, sizeof buffer - 1);
    assert (size == 5);
    snprintf (((state_t *) arg)->last, sizeof ((state_t *) arg)->last, "%s", buffer);
    return -1;
}

static int
s_item_socket_event (zloop_t *loop, zmq_pollitem_t *item, void *arg)
{
    (void) loop;
    assert (item->revents & ZMQ_POLLIN);
    char *string = zstr_recv (item->socket);
    assert (string);
    snprintf (((state_t *) arg)->last, sizeof ((state_t *) arg)->last, "%s", string);
    zstr_free (&string);
    return -1;
}

int
main (void)
{
    zsock_t *output = zsock_new_pair ("@inproc://zloop.test");
    zsock_t *input = zsock_new_pair (">inproc://zloop.test");
    assert (output && input);

    zloop_t *loop = zloop_new ();
    assert (loop);
    zloop_set_verbose (loop, false);
    state_t state = { 0, 0, "" };

    /*  A timer that sends every 5 msec, three times, and a reader that
        cancels the loop on the third message */
    int timer_id = zloop_timer (loop, 5, 3, s_timer_event, output);
    assert (timer_id >= 0);
    assert (zloop_reader (loop, input, s_socket_event, &state) == 0);
    zloop_reader_set_tolerant (loop, input);
    int64_t start = zclock_mono ();
    assert (zloop_start (loop) == -1);      /*  cancelled by the handler */
    assert (state.reads == 3);
    assert (streq (state.last, "PING"));
    assert (zclock_mono () - start < 2000);
    zloop_reader_end (loop, input);

#ifdef CZMQ_RS
    /*  A timer cancelled by another before it fires: the loop runs out of
        work and returns 0 (CZMQ's loop would wait for ever instead) */
    int never_id = zloop_timer (loop, 200, 1, s_never_event, &state);
    assert (zloop_timer (loop, 5, 1, s_cancel_timer_event, &never_id) >= 0);
    assert (zloop_start (loop) == 0);
    assert (state.timer_calls == 0);
    assert (zloop_timer_end (loop, never_id) == 0);    /*  gone: harmless */
#endif

    /*  Tickets: a one-shot timer with the loop's ticket delay */
    zloop_set_ticket_delay (loop, 10);
    void *ticket = zloop_ticket (loop, s_ticket_event, &state);
    assert (ticket);
    zloop_ticket_reset (loop, ticket);
    void *dropped = zloop_ticket (loop, s_never_event, &state);
    zloop_ticket_delete (loop, dropped);
    zloop_set_nonstop (loop, false);
    int rc = zloop_start (loop);
#ifdef CZMQ_RS
    /*  A ticket handler's -1 ends the loop with -1, as the API says
        (CZMQ 4.2 returns 0 there) */
    assert (rc == -1);
#endif
    (void) rc;
    assert (state.timer_calls == 100);

    zloop_set_max_timers (loop, 1);
    assert (zloop_timer (loop, 5, 1, s_never_event, &state) >= 0);
    assert (zloop_timer (loop, 5, 1, s_never_event, &state) == -1);

    /*  Low-level poll items, on a loop of their own: a file descriptor
        and a socket */
    zloop_t *items_loop = zloop_new ();
    int fds [2];
    assert (pipe (fds) == 0);
    zmq_pollitem_t fd_item = { NULL, fds [0], ZMQ_POLLIN, 0 };
    assert (zloop_poller (items_loop, &fd_item, s_fd_event, &state) == 0);
    zloop_poller_set_tolerant (items_loop, &fd_item);
    assert (write (fds [1], "piped", 5) == 5);
    assert (zloop_start (items_loop) == -1);
    assert (streq (state.last, "piped"));
    zloop_poller_end (items_loop, &fd_item);
    close (fds [0]);
    close (fds [1]);

    /*  a libzmq socket, as in CZMQ (we would also take the zsock_t) */
    zmq_pollitem_t sock_item = { zsock_resolve (input), 0, ZMQ_POLLIN, 0 };
    assert (zloop_poller (items_loop, &sock_item, s_item_socket_event, &state) == 0);
    zstr_send (output, "item");
    assert (zloop_start (items_loop) == -1);
    assert (streq (state.last, "item"));
    zloop_poller_end (items_loop, &sock_item);

    zloop_destroy (&items_loop);

    zloop_destroy (&loop);
    assert (loop == NULL);
    zloop_destroy (&loop);
    zsock_destroy (&input);
    zsock_destroy (&output);
    printf ("zloop_selftest: OK\n");
    return 0;
}
