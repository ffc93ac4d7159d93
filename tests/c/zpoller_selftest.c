/*  zpoller selftest: readers of every kind, wait, expired, remove. */
#include <czmq.h>
#include <assert.h>

int
main (void)
{
    zsock_t *vent = zsock_new_push ("@inproc://zpoller.vent");
    zsock_t *sink = zsock_new_pull (">inproc://zpoller.vent");
    zsock_t *bowl = zsock_new_pull ("@inproc://zpoller.bowl");
    zsock_t *dish = zsock_new_push (">inproc://zpoller.bowl");
    assert (vent && sink && bowl && dish);

    zpoller_t *poller = zpoller_new (bowl, NULL);
    assert (poller);
    /*  a raw libzmq socket is a reader too */
    void *raw_sink = zsock_resolve (sink);
    assert (zpoller_add (poller, raw_sink) == 0);
#ifdef CZMQ_RS
    assert (zpoller_add (poller, NULL) == -1);    /*  CZMQ asserts */
#endif

    /*  nothing ready: the wait expires */
    int64_t start = zclock_mono ();
    assert (zpoller_wait (poller, 50) == NULL);
    assert (zpoller_expired (poller));
    assert (!zpoller_terminated (poller));
    assert (zclock_mono () - start >= 40);

    /*  the ready reader is the pointer we registered */
    zstr_send (vent, "Hello, World");
    void *which = zpoller_wait (poller, 2000);
    assert (which == raw_sink);
    assert (!zpoller_expired (poller));
    char *message = zstr_recv (which);
    assert (streq (message, "Hello, World"));
    zstr_free (&message);

    zstr_send (dish, "food");
    which = zpoller_wait (poller, 2000);
    assert (which == bowl);
    message = zstr_recv (bowl);
    assert (streq (message, "food"));
    zstr_free (&message);

    /*  removed readers are not polled */
    assert (zpoller_remove (poller, bowl) == 0);
    assert (zpoller_remove (poller, bowl) == -1);
    zstr_send (dish, "more food");
    assert (zpoller_wait (poller, 50) == NULL);
    assert (zpoller_expired (poller));

    zpoller_set_nonstop (poller, true);
    zpoller_destroy (&poller);
    assert (poller == NULL);
    zpoller_destroy (&poller);

    zsock_destroy (&vent);
    zsock_destroy (&sink);
    zsock_destroy (&bowl);
    zsock_destroy (&dish);
    printf ("zpoller_selftest: OK\n");
    return 0;
}
