/*  Hello World server (the Guide's, in CZMQ): binds REP on the endpoint
    given, answers "World" to each "Hello", stops after N requests. */
#include <czmq.h>
#include <assert.h>

int
main (int argc, char *argv [])
{
    const char *endpoint = argc > 1 ? argv [1] : "tcp://127.0.0.1:5555";
    int requests = argc > 2 ? atoi (argv [2]) : 10;
    zsock_t *responder = zsock_new_rep (endpoint);
    if (!responder) {
        fprintf (stderr, "hwserver: cannot bind %s\n", endpoint);
        return 1;
    }
    zsock_set_rcvtimeo (responder, 10000);
    /*  CZMQ's default linger is 0: without this, the last reply could be
        dropped when the socket is destroyed right after sending it. */
    zsock_set_linger (responder, 1000);
    for (int count = 0; count < requests && !zsys_interrupted; count++) {
        char *request = zstr_recv (responder);
        if (!request)
            return 1;           /*  timed out or interrupted */
        assert (streq (request, "Hello"));
        zstr_free (&request);
        zstr_send (responder, "World");
    }
    zsock_destroy (&responder);
    printf ("hwserver: OK\n");
    return 0;
}
