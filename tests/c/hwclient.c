/*  Hello World client (the Guide's, in CZMQ): N requests to the server. */
#include <czmq.h>
#include <assert.h>

int
main (int argc, char *argv [])
{
    const char *endpoint = argc > 1 ? argv [1] : "tcp://127.0.0.1:5555";
    int requests = argc > 2 ? atoi (argv [2]) : 10;
    zsock_t *requester = zsock_new_req (endpoint);
    assert (requester);
    zsock_set_rcvtimeo (requester, 10000);
    for (int count = 0; count < requests; count++) {
        zstr_send (requester, "Hello");
        char *reply = zstr_recv (requester);
        if (!reply)
            return 1;
        assert (streq (reply, "World"));
        zstr_free (&reply);
    }
    zsock_destroy (&requester);
    printf ("hwclient: OK\n");
    return 0;
}
