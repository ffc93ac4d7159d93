/*  zmsg selftest: frames in and out, strings, memory, submessages,
    encode/decode, dup/eq, signals, send/recv over a socket. */
#include <czmq.h>
#include <assert.h>

int
main (void)
{
    zsock_t *output = zsock_new_pair ("@inproc://zmsg.selftest");
    zsock_t *input = zsock_new_pair (">inproc://zmsg.selftest");
    assert (output && input);
    zsock_set_rcvtimeo (input, 2000);

    /*  Send a message of five frames and check it arrives whole */
    zmsg_t *msg = zmsg_new ();
    assert (msg && zmsg_is (msg));
    assert (zmsg_size (msg) == 0);
    for (int i = 0; i < 5; i++) {
        zframe_t *frame = zframe_new ("Frame", 5);
        assert (zmsg_append (msg, &frame) == 0);
        assert (frame == NULL);
    }
    assert (zmsg_size (msg) == 5);
    assert (zmsg_content_size (msg) == 25);
    assert (zmsg_send (&msg, output) == 0);
    assert (msg == NULL);
    msg = zmsg_recv (input);
    assert (msg);
    assert (zmsg_size (msg) == 5);
    assert (zmsg_content_size (msg) == 25);

    /*  Iterate with first/next/last */
    int count = 0;
    for (zframe_t *frame = zmsg_first (msg); frame; frame = zmsg_next (msg)) {
        assert (zframe_streq (frame, "Frame"));
        count++;
    }
    assert (count == 5);
    assert (zframe_streq (zmsg_last (msg), "Frame"));
    zmsg_destroy (&msg);
    assert (msg == NULL);

    /*  Strings and memory at both ends */
    msg = zmsg_new ();
    assert (zmsg_addstr (msg, "body") == 0);
    assert (zmsg_pushstr (msg, "header") == 0);
    assert (zmsg_addmem (msg, "tail", 4) == 0);
    assert (zmsg_pushmem (msg, "head", 4) == 0);
    assert (zmsg_addstrf (msg, "n=%d", 42) == 0);
    assert (zmsg_pushstrf (msg, "%s", "top") == 0);
    assert (zmsg_size (msg) == 6);
    zframe_t *front = zframe_new ("front", 5);
    assert (zmsg_prepend (msg, &front) == 0);
    assert (front == NULL);

    zmsg_t *copy = zmsg_dup (msg);
    assert (zmsg_eq (msg, copy));
#ifdef CZMQ_RS
    /*  CZMQ's walks both with the one shared cursor, and says false */
    assert (zmsg_eq (msg, msg));
#endif

    const char *expected [] = { "front", "top", "head", "header", "body", "tail", "n=42" };
    for (int i = 0; i < 7; i++) {
        char *string = zmsg_popstr (msg);
        assert (string && streq (string, expected [i]));
        zstr_free (&string);
    }
    assert (zmsg_popstr (msg) == NULL);
    assert (!zmsg_eq (msg, copy));

    /*  Encode and decode are inverse */
    zframe_t *encoded = zmsg_encode (copy);
    assert (encoded);
    zmsg_t *decoded = zmsg_decode (encoded);
    assert (decoded && zmsg_eq (decoded, copy));
    zframe_destroy (&encoded);
    zmsg_destroy (&decoded);

    /*  Submessages */
    assert (zmsg_addmsg (msg, &copy) == 0);
    assert (copy == NULL);
    assert (zmsg_size (msg) == 1);
    zmsg_t *sub = zmsg_popmsg (msg);
    assert (sub && zmsg_size (sub) == 7);
    zframe_t *popped = zmsg_pop (sub);
    assert (zframe_streq (popped, "front"));
    zframe_destroy (&popped);
    zmsg_destroy (&sub);

    /*  Envelopes: wrap puts an address and an empty delimiter in front,
        unwrap takes both off */
    zmsg_t *enveloped = zmsg_new ();
    zmsg_addstr (enveloped, "payload");
    zmsg_wrap (enveloped, zframe_new ("address", 7));
    assert (zmsg_size (enveloped) == 3);
    assert (zframe_streq (zmsg_first (enveloped), "address"));
    assert (zframe_size (zmsg_next (enveloped)) == 0);
    zframe_t *address = zmsg_unwrap (enveloped);
    assert (zframe_streq (address, "address"));
    zframe_destroy (&address);
    assert (zmsg_size (enveloped) == 1);
    char *payload = zmsg_popstr (enveloped);
    assert (streq (payload, "payload"));
    zstr_free (&payload);
    zmsg_destroy (&enveloped);

    /*  Signals */
    zmsg_t *signal = zmsg_new_signal (7);
    assert (zmsg_signal (signal) == 7);
    assert (zmsg_send (&signal, output) == 0);
    assert (zsock_wait (input) == 7);
    assert (zmsg_signal (msg) == -1);

#ifdef CZMQ_RS
    /*  A failed send leaves the message to the caller (CZMQ asserts on a
        NULL destination) */
    zmsg_addstr (msg, "kept");
    assert (zmsg_send (&msg, NULL) == -1);
    assert (msg != NULL);
    zmsg_destroy (NULL);
#endif
    zmsg_destroy (&msg);

    zsock_destroy (&input);
    zsock_destroy (&output);
    printf ("zmsg_selftest: OK\n");
    return 0;
}
