/*  zsock_send / zsock_recv pictures, as in CZMQ's zsock selftest. */
#include <czmq.h>
#include <assert.h>

int
main (void)
{
    zsock_t *writer = zsock_new_pair ("@inproc://zsock.picture");
    zsock_t *reader = zsock_new_pair (">inproc://zsock.picture");
    assert (writer && reader);
    zsock_set_rcvtimeo (reader, 2000);

    zframe_t *frame = zframe_new ("frame", 5);
    zmsg_t *msg = zmsg_new ();
    zmsg_addstr (msg, "Hello");
    zmsg_addstr (msg, "World");
    char *original = "pointer";
    int rc = zsock_send (writer, "i1248sbfpzm",
                         -12345, 123, 45678, 123456789UL, 123456789123456789ULL,
                         "This is a string", "ABCDE", 5, frame, original, msg);
    assert (rc == 0);
    zframe_destroy (&frame);
    zmsg_destroy (&msg);

    int integer;
    uint8_t number1;
    uint16_t number2;
    uint32_t number4;
    uint64_t number8;
    char *string;
    byte *data;
    size_t size;
    void *pointer;
    rc = zsock_recv (reader, "i1248sbfpzm", &integer, &number1, &number2,
                     &number4, &number8, &string, &data, &size, &frame,
                     &pointer, &msg);
    assert (rc == 0);
    assert (integer == -12345);
    assert (number1 == 123);
    assert (number2 == 45678);
    assert (number4 == 123456789);
    assert (number8 == 123456789123456789ULL);
    assert (streq (string, "This is a string"));
    assert (size == 5 && memcmp (data, "ABCDE", 5) == 0);
    assert (zframe_streq (frame, "frame"));
    assert (pointer == original);
    assert (zmsg_size (msg) == 2);
    char *hello = zmsg_popstr (msg);
    assert (streq (hello, "Hello"));
    zstr_free (&hello);
    zstr_free (&string);
    free (data);
    zframe_destroy (&frame);
    zmsg_destroy (&msg);

    /*  Numbers travel as text: a plain zstr reader sees them */
    assert (zsock_send (writer, "is", 42, "text") == 0);
    char *first, *second;
    assert (zstr_recvx (reader, &first, &second, NULL) == 2);
    assert (streq (first, "42") && streq (second, "text"));
    zstr_free (&first);
    zstr_free (&second);

    /*  NULL pointers skip values; short messages give zero/NULL */
    assert (zsock_send (writer, "s", "only") == 0);
    string = (char *) "untouched";
    integer = 99;
    assert (zsock_recv (reader, "si", NULL, &integer) == 0);
    assert (integer == 0);

    /*  'z' insists on an empty frame */
    assert (zsock_send (writer, "z") == 0);
    assert (zsock_recv (reader, "z") == 0);
    assert (zsock_send (writer, "s", "not empty") == 0);
    assert (zsock_recv (reader, "z") == -1);

    /*  Signals are not pictures; unknown picture characters are refused */
    assert (zsock_signal (writer, 0) == 0);
    assert (zsock_recv (reader, "s", &string) == -1);
#ifdef CZMQ_RS
    assert (zsock_send (writer, "h", NULL) == -1);  /*  no zhashx here */
#endif

    zsock_destroy (&reader);
    zsock_destroy (&writer);
    printf ("zsock_picture_selftest: OK\n");
    return 0;
}
