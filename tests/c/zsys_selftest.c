/*  zsys selftest: init, defaults for new sockets, logging, and CZMQ's
    signal handling (zsys_interrupted, and pollers/loops that stop on it).
    With the argument "default-signals" it raises SIGINT after zsys_init,
    for the harness to check that ZSYS_SIGHANDLER=false left SIGINT alone. */
#include <czmq.h>
#include <assert.h>
#include <signal.h>

static int
s_timer_event (zloop_t *loop, int timer_id, void *arg)
{
    (void) loop;
    (void) timer_id;
    (*(int *) arg)++;
    return 0;
}

int
main (int argc, char *argv [])
{
    void *context = zsys_init ();
    assert (context);
    assert (zsys_init () == context);

    if (argc > 1 && streq (argv [1], "default-signals")) {
        raise (SIGINT);         /*  Kills us unless someone handles it */
        printf ("zsys_selftest: SIGINT was handled\n");
        return 0;
    }
    /*  Defaults apply to sockets created afterwards */
    zsys_set_linger (5);
    zsys_set_sndhwm (123);
    zsys_set_rcvhwm (456);
    zsock_t *sock = zsock_new (ZMQ_PUSH);
    assert (zsock_linger (sock) == 5);
    assert (zsock_sndhwm (sock) == 123);
    assert (zsock_rcvhwm (sock) == 456);
    zsys_set_linger (0);
    zsys_set_sndhwm (1000);
    zsys_set_rcvhwm (1000);
    zsys_set_ipv6 (0);
    zsys_set_interface ("");

    zsys_info ("zsys_selftest: info %d", 42);
    zsys_error ("zsys_selftest: error %s", "shown");

    /*  SIGINT sets zsys_interrupted, and waits end on it */
    assert (!zsys_interrupted);
    raise (SIGINT);
    assert (zsys_interrupted == 1);
#ifdef CZMQ_RS
    assert (zsys_is_interrupted ());    /*  DRAFT in CZMQ 4.2 */
#endif

    zsock_t *pull = zsock_new_pull ("inproc://zsys.selftest");
    zpoller_t *poller = zpoller_new (pull, NULL);
    int64_t start = zclock_mono ();
    assert (zpoller_wait (poller, 5000) == NULL);
    assert (zpoller_terminated (poller));
    assert (zclock_mono () - start < 1000);
    zpoller_destroy (&poller);

    zloop_t *loop = zloop_new ();
    int ticks = 0;
    zloop_timer (loop, 10, 0, s_timer_event, &ticks);
    assert (zloop_start (loop) == 0);       /*  interrupted: ends at once */
    assert (ticks == 0);
    zloop_destroy (&loop);

    /*  A handler of our own */
    zsys_handler_set (NULL);
    zsys_handler_reset ();

    zsock_destroy (&pull);
    zsock_destroy (&sock);
    zsys_shutdown ();
    printf ("zsys_selftest: OK\n");
    return 0;
}
