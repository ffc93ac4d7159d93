/*  zstr selftest: send, sendm, sendf, sendx, recv, recvx, free. */
#include <czmq.h>
#include <assert.h>

int
main (void)
{
    zsock_t *output = zsock_new_pair ("@inproc://zstr.test");
    zsock_t *input = zsock_new_pair (">inproc://zstr.test");
    assert (output && input);
    zsock_set_rcvtimeo (input, 2000);

    for (int count = 0; count < 10; count++)
        assert (zstr_sendf (output, "this is string %d", count) == 0);
    zstr_send (output, "END");
    int received = 0;
    while (true) {
        char *string = zstr_recv (input);
        assert (string);
        int end = streq (string, "END");
        if (!end) {
            char expected [32];
            snprintf (expected, sizeof expected, "this is string %d", received);
            assert (streq (string, expected));
            received++;
        }
        zstr_free (&string);
        if (end)
            break;
    }
    assert (received == 10);

    /*  multipart: sendm + send, sendx, recvx */
    assert (zstr_sendm (output, "first") == 0);
    assert (zstr_send (output, "second") == 0);
    char *first = NULL, *second = NULL;
    assert (zstr_recvx (input, &first, &second, NULL) == 2);
    assert (streq (first, "first") && streq (second, "second"));
    zstr_free (&first);
    zstr_free (&second);

    assert (zstr_sendx (output, "a", "bb", "ccc", NULL) == 0);
    char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
    /*  CZMQ counts the pointers given; missing frames give NULL */
    assert (zstr_recvx (input, &a, &b, &c, &d, NULL) == 4);
    assert (streq (a, "a") && streq (b, "bb") && streq (c, "ccc"));
    assert (d == NULL);
    zstr_free (&a);
    zstr_free (&b);
    zstr_free (&c);

    /*  flush drops the rest of a partly read message */
    zstr_sendx (output, "one", "two", "three", NULL);
    zstr_send (output, "next");
    char *one = zstr_recv (input);
    assert (streq (one, "one"));
    zstr_free (&one);
    zsock_flush (input);
    char *next = zstr_recv (input);
    assert (streq (next, "next"));
    zstr_free (&next);

    /*  nothing pending: receives time out with NULL */
    zsock_set_rcvtimeo (input, 10);
    assert (zstr_recv (input) == NULL);
    assert (zstr_recv_nowait (input) == NULL);

#ifdef CZMQ_RS
    /*  bad arguments fail cleanly (CZMQ asserts) */
    assert (zstr_send (NULL, "x") == -1);
    assert (zstr_recv (NULL) == NULL);
    zstr_free (NULL);
#endif

    zsock_destroy (&input);
    zsock_destroy (&output);
    printf ("zstr_selftest: OK\n");
    return 0;
}
