/*  zframe selftest: new, new_empty, from, size, data, more, dup, eq,
    streq, strhex, strdup, send (MORE, REUSE, DONTWAIT), recv, destroy. */
#include <czmq.h>
#include <assert.h>

int
main (void)
{
    zsock_t *output = zsock_new_pair ("@tcp://127.0.0.1:*");
    assert (output);
    zsock_t *input = zsock_new_pair (NULL);
    assert (zsock_connect (input, "%s", zsock_endpoint (output)) == 0);
    zsock_set_rcvtimeo (input, 2000);

    zframe_t *frame = zframe_new ("Hello", 5);
    assert (frame);
    assert (zframe_is (frame));
    assert (zframe_size (frame) == 5);
    assert (memcmp (zframe_data (frame), "Hello", 5) == 0);
    assert (zframe_streq (frame, "Hello"));
    assert (!zframe_streq (frame, "Hell"));
    char *hex = zframe_strhex (frame);
    assert (streq (hex, "48656C6C6F"));
    zstr_free (&hex);
    char *text = zframe_strdup (frame);
    assert (streq (text, "Hello"));
    zstr_free (&text);

    /*  data is writable */
    zframe_data (frame) [0] = 'J';
    assert (zframe_streq (frame, "Jello"));

    zframe_t *copy = zframe_dup (frame);
    assert (zframe_eq (frame, copy));
    assert (zframe_eq (frame, frame));
    zframe_destroy (&copy);
    assert (copy == NULL);

    zframe_t *zeros = zframe_new (NULL, 3);
    assert (zframe_size (zeros) == 3 && zframe_data (zeros) [2] == 0);
    zframe_destroy (&zeros);

    /*  send with REUSE keeps the frame; MORE sets the more flag */
    for (int i = 0; i < 3; i++)
        assert (zframe_send (&frame, output, ZFRAME_MORE + ZFRAME_REUSE) == 0);
    assert (frame);
    zframe_t *empty = zframe_new_empty ();
    assert (zframe_size (empty) == 0);
    assert (zframe_send (&empty, output, 0) == 0);
    assert (empty == NULL);

    int frame_nbr = 0;
    while (true) {
        zframe_t *received = zframe_recv (input);
        assert (received);
        frame_nbr++;
        int more = zframe_more (received);
        if (more) {
            assert (zframe_eq (received, frame));
        } else {
            assert (zframe_size (received) == 0);
        }
        zframe_destroy (&received);
        if (!more)
            break;
    }
    assert (frame_nbr == 4);

    zframe_reset (frame, "reset", 5);
    assert (zframe_streq (frame, "reset"));
    zframe_set_more (frame, 1);
    assert (zframe_more (frame) == 1);
    zframe_set_more (frame, 0);
    assert (zframe_more (frame) == 0);
    zframe_destroy (&frame);

    zframe_t *from = zframe_from ("text");
    assert (zframe_send (&from, output, ZFRAME_DONTWAIT) == 0);
    from = zframe_recv (input);
    assert (zframe_streq (from, "text"));
    zframe_destroy (&from);

    zframe_destroy (&frame);      /*  NULL already: a no-op */
#ifdef CZMQ_RS
    /*  NULL safety beyond CZMQ's (which asserts) */
    zframe_destroy (NULL);
    assert (zframe_size (NULL) == 0);
    assert (!zframe_eq (NULL, NULL));
    assert (zframe_send (NULL, output, 0) == -1);
#endif

    zsock_destroy (&input);
    zsock_destroy (&output);
    printf ("zframe_selftest: OK\n");
    return 0;
}
